/**
 * The narrow door for non-numeric output: catalogue text, area names, area geometry, the
 * disclosure report and the data-quality report aggregate. Each kind has its own check, so that
 * literally everything a loader writes has passed the gate, and none of it can carry record-level
 * values (names of businesses, addresses, points, identifiers).
 */
import {findGenericPatterns} from "../patterns.ts";
import {
  brand,
  isPublishable,
  type MetadataKind,
  type PublishedBundle,
  type PublishedMetadata,
  type PublishedTable
} from "./published.ts";
import type {DisclosureReport} from "./types.ts";

/** Area code shapes we publish: CBS codes, our remainder codes, regio and bedrijventerrein codes. */
const AREA_CODE = /^(?:(?:GM|WK|BU)\d{4,8}(?:-ONBEKEND)?|RG[\w-]*|BT-?[\w-]+|[A-Z]{2,3}[\w-]{0,20})$/;

/** Properties an area feature may carry. */
const AREA_PROPERTIES = new Set([
  "code",
  "naam",
  "niveau",
  "level",
  "gemeentecode",
  "wijkcode",
  "bovenliggend",
  "areaKm2",
  "oppervlakteKm2",
  "buitengebied",
  "id",
  "name"
]);

const SURFACE_TYPES = new Set(["Polygon", "MultiPolygon", "GeometryCollection", null]);

function assertNoPatterns(kind: MetadataKind, text: string): void {
  const found = findGenericPatterns(text);
  if (found.length > 0) {
    const f = found[0];
    throw new Error(
      `Metadata (${kind}) bevat iets dat op een ${f.label} lijkt ("${f.match}"); zulke waarden mogen niet gepubliceerd worden`
    );
  }
}

interface GeometryLike {
  type: string | null;
  id?: unknown;
  properties?: Record<string, unknown> | null;
  geometries?: GeometryLike[];
  geometry?: GeometryLike | null;
  features?: GeometryLike[];
}

function checkGeometry(obj: GeometryLike, path: string): void {
  if (obj.type === "Topology") {
    const objects = (obj as unknown as {objects: Record<string, GeometryLike>}).objects ?? {};
    for (const [name, o] of Object.entries(objects)) checkGeometry(o, `${path}.${name}`);
    return;
  }
  if (obj.type === "FeatureCollection") {
    (obj.features ?? []).forEach((f, i) => checkGeometry(f, `${path}[${i}]`));
    return;
  }
  if (obj.type === "GeometryCollection" && obj.geometries) {
    obj.geometries.forEach((g, i) => checkGeometry(g, `${path}[${i}]`));
    return;
  }
  const geometryType = obj.type === "Feature" ? (obj.geometry?.type ?? null) : obj.type;
  // Rule 9: areas only; a point (or line) could be an address.
  if (!SURFACE_TYPES.has(geometryType))
    throw new Error(
      `Geometrie ${path}: alleen vlakken van gebieden mogen gepubliceerd worden, gevonden ${geometryType}`
    );
  const props = obj.properties ?? {};
  for (const [key, value] of Object.entries(props)) {
    if (!AREA_PROPERTIES.has(key))
      throw new Error(
        `Geometrie ${path}: eigenschap "${key}" is niet toegestaan (alleen code, naam en hiërarchie van gebieden)`
      );
    if (
      (key === "code" || key === "gemeentecode" || key === "wijkcode" || key === "bovenliggend") &&
      value != null &&
      !AREA_CODE.test(String(value))
    ) {
      throw new Error(`Geometrie ${path}: "${String(value)}" is geen gebiedscode`);
    }
  }
  if (obj.id != null && !AREA_CODE.test(String(obj.id)))
    throw new Error(`Geometrie ${path}: id "${String(obj.id)}" is geen gebiedscode`);
  assertNoPatterns("geometrie", JSON.stringify(props));
}

/**
 * Publishes non-numeric metadata after the check of its kind:
 * - `tekst`: strings (or objects/arrays of strings and numbers) written by us, no identifier patterns;
 * - `gebiedsnamen`: `{code, naam, ...}[]` with area codes only;
 * - `geometrie`: TopoJSON/GeoJSON with polygons of areas and only code/name/hierarchy properties;
 * - `openbaarmakingsrapport`: a gate's disclosure report (use `publishReport`);
 * - `kwaliteitsrapport`: counts and reasons per file, no identifier patterns.
 * Throws a Dutch message when the value does not pass.
 */
export function publishMetadata(kind: MetadataKind, value: unknown): PublishedMetadata {
  switch (kind) {
    case "tekst":
    case "kwaliteitsrapport":
      assertNoPatterns(kind, JSON.stringify(value));
      break;
    case "gebiedsnamen": {
      if (!Array.isArray(value)) throw new Error("Gebiedsnamen: verwacht een lijst van {code, naam}");
      for (const area of value as Record<string, unknown>[]) {
        for (const key of Object.keys(area)) {
          if (!AREA_PROPERTIES.has(key))
            throw new Error(`Gebiedsnamen: eigenschap "${key}" is niet toegestaan`);
        }
        if (!AREA_CODE.test(String(area.code)))
          throw new Error(`Gebiedsnamen: "${String(area.code)}" is geen gebiedscode`);
      }
      assertNoPatterns(kind, JSON.stringify(value));
      break;
    }
    case "geometrie":
      checkGeometry(value as GeometryLike, "geometrie");
      break;
    case "openbaarmakingsrapport": {
      const report = value as DisclosureReport;
      if (report?.schemaVersion !== 1 || !Array.isArray(report.tabellen) || !report.audit?.geslaagd) {
        throw new Error("Openbaarmakingsrapport: verwacht het rapport van een geslaagde poort-run");
      }
      assertNoPatterns(kind, JSON.stringify(value));
      break;
    }
    default:
      throw new Error(`Onbekende soort metadata: ${String(kind)}`);
  }
  // A deep copy, so that later changes by the caller cannot slip past the check.
  return brand<PublishedMetadata>(
    {schemaVersion: 1, soort: kind, waarde: structuredClone(value)},
    "PublishedMetadata"
  );
}

/** Publishes the disclosure report of a gate run (for the transparency page). */
export function publishReport(result: {report: DisclosureReport}): PublishedMetadata {
  return publishMetadata("openbaarmakingsrapport", result.report);
}

/** Combines published parts into one bundle (one output file); every part must come from the gate. */
export function publishBundle(parts: Record<string, PublishedTable | PublishedMetadata>): PublishedBundle {
  for (const [name, part] of Object.entries(parts)) {
    if (!isPublishable(part)) throw new Error(`Bundel: onderdeel "${name}" komt niet uit de publicatiepoort`);
  }
  return brand<PublishedBundle>({schemaVersion: 1, onderdelen: {...parts}}, "PublishedBundle");
}
