/**
 * The areas of a bronmap: gemeenten, wijken and buurten from the CBS wijk- en buurtkaart,
 * bedrijventerreinen (IBIS) and the buitengebied, read into the typed `Areas` of the contract
 * plus planar RD New indexes for point-in-polygon assignment of records.
 */
import {existsSync} from "node:fs";
import {join} from "node:path";
import type {MultiPolygon, Polygon} from "geojson";
import {AreaIndex, pointInFlatPolygon, type FlatPolygon} from "../geo/point-in-area.ts";
import {readPolygonGeoJson, type PolygonFeature} from "./geojson.ts";
import {
  BronmapError,
  type Area,
  type AreaLevel,
  type Areas,
  type Bedrijventerrein,
  type FileQuality
} from "./types.ts";

/** CBS code patterns per level: `GM` + 4 digits, `WK` + 6, `BU` + 8. */
export const CODE_PATTERN: Record<AreaLevel, RegExp> = {
  gemeente: /^GM\d{4}$/,
  wijk: /^WK\d{6}$/,
  buurt: /^BU\d{8}$/
};

/** Derives the gemeente code from a wijk or buurt code (`BU16400801` -> `GM1640`). */
export function gemeenteOf(code: string): string {
  return `GM${code.slice(2, 6)}`;
}

/** Derives the wijk code from a buurt code (`BU16400801` -> `WK164008`). */
export function wijkOf(buurtcode: string): string {
  return `WK${buurtcode.slice(2, 8)}`;
}

/** Property names (lower case) holding an area's own code and name, per level, in order of preference. */
const CODE_KEYS: Record<AreaLevel, string[]> = {
  gemeente: ["gemeentecode", "gm_code", "statcode", "code"],
  wijk: ["wijkcode", "wk_code", "statcode", "code"],
  buurt: ["buurtcode", "bu_code", "statcode", "code"]
};
const NAME_KEYS: Record<AreaLevel, string[]> = {
  gemeente: ["gemeentenaam", "gm_naam", "statnaam", "naam"],
  wijk: ["wijknaam", "wk_naam", "statnaam", "naam"],
  buurt: ["buurtnaam", "bu_naam", "statnaam", "naam"]
};

function prop(props: Record<string, unknown>, keys: string[]): string | null {
  for (const k of keys) {
    const v = props[k];
    if (v != null && String(v).trim() !== "") return String(v).trim();
  }
  return null;
}

/** Areas plus what the record readers need for point-in-polygon in RD New. */
export interface AreaSet {
  areas: Areas;
  /** Finest level present, indexed for point-in-polygon; `list[i]` is the area of index hit i. */
  levels: {level: AreaLevel; list: Area[]; index: AreaIndex}[];
  bedrijventerreinIndex: AreaIndex;
  buitengebiedIndex: AreaIndex | null;
  /** All areas by code. */
  byCode: Map<string, Area>;
  quality: FileQuality[];
}

/**
 * Reads `gebieden/{gemeenten,wijken,buurten}.geojson`, `bedrijventerreinen.geojson` and
 * `buitengebied.geojson` from a bronmap. Only the gemeenten file is required.
 */
export function readAreas(dir: string, log: (msg: string) => void = () => {}): AreaSet {
  const quality: FileQuality[] = [];
  const rdOf = new Map<string, FlatPolygon[]>();
  const read = (level: AreaLevel, file: string): Area[] => {
    const label = `gebieden/${file}`;
    const path = join(dir, "gebieden", file);
    if (!existsSync(path)) {
      if (level === "gemeente") {
        throw new BronmapError(label, {
          expected: "de gemeentegrenzen (verplicht bestand)",
          found: "geen bestand"
        });
      }
      return [];
    }
    const t0 = performance.now();
    const {features, quality: q} = readPolygonGeoJson(path, label);
    const list = toAreas(level, features, q, rdOf);
    quality.push(q);
    log(
      `${label}: ${list.length} ${level === "gemeente" ? "gemeenten" : level === "wijk" ? "wijken" : "buurten"} (${q.detected?.crs}), ${Math.round(performance.now() - t0)} ms`
    );
    return list;
  };
  const gemeenten = read("gemeente", "gemeenten.geojson");
  const wijken = read("wijk", "wijken.geojson");
  const buurten = read("buurt", "buurten.geojson");

  const byCode = new Map<string, Area>();
  for (const a of [...gemeenten, ...wijken, ...buurten]) byCode.set(a.code, a);
  const levels = (
    [
      ["buurt", buurten],
      ["wijk", wijken],
      ["gemeente", gemeenten]
    ] as const
  )
    .filter(([, list]) => list.length > 0)
    .map(([level, list]) => ({level, list, index: new AreaIndex(list.map((a) => rdOf.get(a.code)!))}));
  const gemeenteIndex = levels[levels.length - 1];

  // Bedrijventerreinen: RIN_NUMMER and PLAN_NAAM as IBIS publishes them; the gemeente comes from
  // the file when present, else from where the estate lies.
  const bedrijventerreinen: Bedrijventerrein[] = [];
  const btRd: FlatPolygon[][] = [];
  const btPath = join(dir, "bedrijventerreinen.geojson");
  if (existsSync(btPath)) {
    const {features, quality: q} = readPolygonGeoJson(btPath, "bedrijventerreinen.geojson");
    for (const f of features) {
      const code = prop(f.props, ["rin_nummer", "code", "id"]);
      if (!code) {
        q.rejected["geen RIN_NUMMER"] = (q.rejected["geen RIN_NUMMER"] ?? 0) + 1;
        q.rowsAccepted--;
        continue;
      }
      let gm = prop(f.props, ["gemeentecode", "gm_code"]);
      if (!gm || !CODE_PATTERN.gemeente.test(gm)) {
        const [x, y] = firstVertex(f.rd);
        const hit = gemeenteIndex.index.locate(x, y);
        gm = hit >= 0 ? gemeenteIndex.list[hit].gemeentecode : null;
      }
      if (!gm) {
        q.rejected["buiten de regio"] = (q.rejected["buiten de regio"] ?? 0) + 1;
        q.rowsAccepted--;
        continue;
      }
      bedrijventerreinen.push({
        code,
        naam: prop(f.props, ["plan_naam", "naam"]) ?? code,
        gemeentecode: gm,
        geometry: f.geometry,
        areaKm2: f.areaKm2
      });
      btRd.push(f.rd);
    }
    quality.push(q);
    log(`bedrijventerreinen.geojson: ${bedrijventerreinen.length} terreinen`);
  }

  let buitengebied: Polygon | MultiPolygon | null = null;
  let buitengebiedIndex: AreaIndex | null = null;
  let buitengebiedBuurten: string[] = [];
  const bgPath = join(dir, "buitengebied.geojson");
  if (existsSync(bgPath)) {
    const {features, quality: q} = readPolygonGeoJson(bgPath, "buitengebied.geojson");
    const polys = features.flatMap((f) =>
      f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates
    );
    buitengebied =
      polys.length === 1
        ? {type: "Polygon", coordinates: polys[0]}
        : {type: "MultiPolygon", coordinates: polys};
    buitengebiedIndex = new AreaIndex([features.flatMap((f) => f.rd)]);
    // A buurt counts as buitengebied when most of a grid of sample points inside it lies in the
    // buitengebied polygon: cheap, and robust against boundaries that differ by a few metres.
    const finest = levels[0];
    if (finest.level === "buurt") {
      buitengebiedBuurten = finest.list
        .filter((b) => shareInside(rdOf.get(b.code)!, buitengebiedIndex!) > 0.5)
        .map((b) => b.code);
    }
    quality.push(q);
    log(
      `buitengebied.geojson: ${features.length} vlakken, ${buitengebiedBuurten.length} buurten in het buitengebied`
    );
  }

  return {
    areas: {gemeenten, wijken, buurten, bedrijventerreinen, buitengebied, buitengebiedBuurten},
    levels,
    bedrijventerreinIndex: new AreaIndex(btRd),
    buitengebiedIndex,
    byCode,
    quality
  };
}

function firstVertex(rd: FlatPolygon[]): [number, number] {
  // The centre of the outer ring's bounding box lies inside for the compact shapes of estates;
  // fall back to a vertex when it does not.
  const r = rd[0][0];
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (let i = 0; i < r.length; i += 2) {
    minX = Math.min(minX, r[i]);
    maxX = Math.max(maxX, r[i]);
    minY = Math.min(minY, r[i + 1]);
    maxY = Math.max(maxY, r[i + 1]);
  }
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  return pointInFlatPolygon(rd[0], cx, cy) ? [cx, cy] : [r[0], r[1]];
}

function shareInside(rd: FlatPolygon[], index: AreaIndex): number {
  let inArea = 0;
  let inBg = 0;
  for (const part of rd) {
    const r = part[0];
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    for (let i = 0; i < r.length; i += 2) {
      minX = Math.min(minX, r[i]);
      maxX = Math.max(maxX, r[i]);
      minY = Math.min(minY, r[i + 1]);
      maxY = Math.max(maxY, r[i + 1]);
    }
    for (let gx = 0.05; gx < 1; gx += 0.1) {
      for (let gy = 0.05; gy < 1; gy += 0.1) {
        const x = minX + gx * (maxX - minX);
        const y = minY + gy * (maxY - minY);
        if (!pointInFlatPolygon(part, x, y)) continue;
        inArea++;
        if (index.locate(x, y) >= 0) inBg++;
      }
    }
  }
  return inArea === 0 ? 0 : inBg / inArea;
}

function toAreas(
  level: AreaLevel,
  features: PolygonFeature[],
  q: FileQuality,
  rdOf: Map<string, FlatPolygon[]>
): Area[] {
  const byCode = new Map<string, Area>();
  let derived = 0;
  let merged = 0;
  const reject = (reason: string): void => {
    q.rejected[reason] = (q.rejected[reason] ?? 0) + 1;
    q.rowsAccepted--;
  };
  for (const f of features) {
    const code = prop(f.props, CODE_KEYS[level])?.toUpperCase() ?? null;
    if (!code || !CODE_PATTERN[level].test(code)) {
      reject("ongeldige gebiedscode");
      continue;
    }
    const naam = prop(f.props, NAME_KEYS[level]) ?? code;
    let gemeentecode =
      level === "gemeente" ? code : (prop(f.props, ["gemeentecode", "gm_code"])?.toUpperCase() ?? null);
    let wijkcode =
      level === "gemeente"
        ? null
        : level === "wijk"
          ? code
          : (prop(f.props, ["wijkcode", "wk_code"])?.toUpperCase() ?? null);
    // Files with only statcode/statnaam lack the parents: the CBS code structure gives them.
    let wasDerived = false;
    if (!gemeentecode || !CODE_PATTERN.gemeente.test(gemeentecode)) {
      gemeentecode = gemeenteOf(code);
      wasDerived = true;
    }
    if (level === "buurt" && (!wijkcode || !CODE_PATTERN.wijk.test(wijkcode))) {
      wijkcode = wijkOf(code);
      wasDerived = true;
    }
    if (wasDerived) derived++;
    const existing = byCode.get(code);
    if (existing) {
      // CBS files occasionally split one area over several features: merge rather than drop.
      const parts = (g: Polygon | MultiPolygon) => (g.type === "Polygon" ? [g.coordinates] : g.coordinates);
      existing.geometry = {
        type: "MultiPolygon",
        coordinates: [...parts(existing.geometry), ...parts(f.geometry)]
      };
      existing.areaKm2 += f.areaKm2;
      rdOf.get(code)!.push(...f.rd);
      merged++;
      q.rowsAccepted--;
      continue;
    }
    const area: Area = {code, naam, level, gemeentecode, wijkcode, geometry: f.geometry, areaKm2: f.areaKm2};
    byCode.set(code, area);
    rdOf.set(code, [...f.rd]);
  }
  if (derived > 0)
    q.warnings.push(`bovenliggende codes van ${derived} gebieden afgeleid uit de CBS-codestructuur`);
  if (merged > 0)
    q.warnings.push(`${merged} features met een code die al voorkwam samengevoegd tot één gebied`);
  return [...byCode.values()];
}
