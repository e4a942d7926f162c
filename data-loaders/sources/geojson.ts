/**
 * Reading GeoJSON files exactly as CBS and PDOK publish them: a FeatureCollection in WGS84 or
 * RD New (from the `crs` member, or guessed from the coordinate ranges), with Polygon and
 * MultiPolygon features. Geometry comes out twice: in WGS84 with RFC 7946 winding for the
 * contract, and in RD New as flat arrays for fast planar point-in-polygon.
 *
 * Every feature is checked against the structure GeoJSON prescribes before anything computes
 * with it (a position is two or three finite numbers, a ring at least four positions, a polygon
 * one or more rings), without recursion, so that neither a WKT string, numbers written as text,
 * `1e309` nor an array nested 100,000 deep reaches proj4 or d3: such a feature is rejected and
 * counted by reason. A file larger than `maxGeoJsonBytes()` is refused before it is read.
 */
import {closeSync, openSync, readSync} from "node:fs";
import {getHeapStatistics} from "node:v8";
import {geoArea} from "d3-geo";
import type {MultiPolygon, Polygon, Position} from "geojson";
import {crsFromName, crsFromRange, rdToWgs84, wgs84ToRd, type Crs} from "../geo/crs.ts";
import {toFlatPolygons, type FlatPolygon} from "../geo/point-in-area.ts";
import {fileSizeOrThrow} from "./csv.ts";
import {decodeAs, encodingOfBytes, lineOfIndex} from "./text-scan.ts";
import {BronmapError, type FileQuality} from "./types.ts";

/** One polygon feature as read: lower-cased properties and both geometries. */
export interface PolygonFeature {
  /** 1-based index of the feature in the file, for messages. */
  index: number;
  /** Properties with lower-cased keys (CBS uses both `BU_CODE` and `buurtcode`). */
  props: Record<string, unknown>;
  /** WGS84, RFC 7946 winding (outer rings counter-clockwise). */
  geometry: Polygon | MultiPolygon;
  /** RD New, flat rings, for point-in-polygon. */
  rd: FlatPolygon[];
  areaKm2: number;
  /** Bounding box in RD New: [minX, minY, maxX, maxY]. */
  bboxRd: [number, number, number, number];
}

/** Result of reading one GeoJSON file. */
export interface GeoJsonRead {
  features: PolygonFeature[];
  crs: Crs;
  quality: FileQuality;
}

/** Mean earth radius in km (IUGG), for turning steradians into km2. */
const EARTH_RADIUS_KM = 6371.0088;
/** The land and water of the Netherlands are about 41,500 km2: no area can be larger. */
export const MAX_AREA_KM2 = 42_000;
/** Where positions may lie (generous boxes around the European Netherlands). */
const BOUNDS: Record<Crs, [number, number, number, number]> = {
  "EPSG:28992": [-7000, 289000, 300000, 629000],
  WGS84: [2.5, 50.5, 7.5, 54]
};

/**
 * The largest GeoJSON file the readers take: a file is held in memory as text and as objects,
 * about eight times its size together (measured: docs/eigen-data.md), which must fit in the
 * JavaScript heap; and V8 cannot hold one string over 512 MB. Override with
 * `BRONMAP_MAX_GEOJSON_MB` (for a larger heap, `NODE_OPTIONS=--max-old-space-size=...`).
 */
export function maxGeoJsonBytes(): number {
  const env = Number(process.env.BRONMAP_MAX_GEOJSON_MB);
  if (Number.isFinite(env) && env > 0) return Math.min(env, 500) * 2 ** 20;
  const heap = getHeapStatistics().heap_size_limit;
  return Math.min(400 * 2 ** 20, Math.floor(heap / 8));
}

const nl = new Intl.NumberFormat("nl-NL");
const mb = (bytes: number) => `${nl.format(Math.round(bytes / 2 ** 20))} MB`;

function readAll(path: string, size: number): Buffer {
  const buf = Buffer.allocUnsafe(size);
  const fd = openSync(path, "r");
  try {
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, Math.min(size - off, 1 << 24), off);
      if (n === 0) break;
      off += n;
    }
    return buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a GeoJSON FeatureCollection of (multi)polygons. Non-polygon features (points and lines
 * left by a cut, empty geometries) are skipped and reported as a warning and a counted
 * rejection, because CBS files in the wild contain them and they carry no area; malformed
 * geometry is rejected with its own reason.
 */
export function readPolygonGeoJson(path: string, label: string): GeoJsonRead {
  const size = fileSizeOrThrow(path, label, "een GeoJSON-bestand");
  const limit = maxGeoJsonBytes();
  if (size > limit) {
    throw new BronmapError(label, {
      expected: `een GeoJSON-bestand van hoogstens ${mb(limit)} (groter past niet in het geheugen van het leesproces)`,
      found: `een bestand van ${mb(size)}; vereenvoudig de grenzen (bijvoorbeeld met mapshaper of QGIS, of gebruik de gegeneraliseerde kaart van CBS/PDOK)`
    });
  }
  const bytes = readAll(path, size);
  const encoding = encodingOfBytes(bytes, label);
  const text = decodeAs(bytes, encoding);
  if (text.trim() === "")
    throw new BronmapError(label, {expected: "geldige JSON (GeoJSON)", found: "een leeg bestand"});
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const msg = String((e as Error).message);
    if (e instanceof RangeError || /call stack|too deep/i.test(msg)) {
      throw new BronmapError(label, {
        expected: "geldige JSON (GeoJSON)",
        found: "JSON die te diep genest is"
      });
    }
    const pos = /position (\d+)/.exec(msg);
    const line = pos
      ? lineOfIndex(text, Number(pos[1]))
      : /line (\d+)/.exec(msg)
        ? Number(/line (\d+)/.exec(msg)![1])
        : undefined;
    throw new BronmapError(label, {line, expected: "geldige JSON (GeoJSON)", found: "een JSON-fout"});
  }
  const fc = json as {type?: unknown; features?: unknown; crs?: unknown};
  if (
    fc == null ||
    typeof fc !== "object" ||
    fc.type !== "FeatureCollection" ||
    !Array.isArray(fc.features)
  ) {
    throw new BronmapError(label, {
      expected: 'een GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [...]})',
      found:
        fc && typeof fc === "object" && "type" in fc
          ? `type "${String(fc.type).slice(0, 40)}"${fc.type === "FeatureCollection" ? ' zonder lijst "features"' : ""}`
          : "iets anders"
    });
  }
  const quality: FileQuality = {
    file: label,
    rowsRead: 0,
    rowsAccepted: 0,
    rejected: {},
    warnings: [],
    detected: {encoding}
  };
  const raw = fc.features as unknown[];
  quality.rowsRead = raw.length;
  const reject = (reason: string): void => {
    quality.rejected[reason] = (quality.rejected[reason] ?? 0) + 1;
  };

  // Structure first: every feature either becomes a checked polygon or a counted rejection.
  const skipped = new Map<string, number>();
  let droppedParts = 0;
  let closedRings = 0;
  const checked: {index: number; props: Record<string, unknown>; parts: Position[][][]}[] = [];
  raw.forEach((f, i) => {
    if (f == null || typeof f !== "object" || Array.isArray(f)) {
      reject("geen feature");
      return;
    }
    const g = (f as {geometry?: unknown}).geometry;
    const type = g && typeof g === "object" && !Array.isArray(g) ? (g as {type?: unknown}).type : undefined;
    if (g == null || (typeof type === "string" && NOT_POLYGONAL.has(type))) {
      const t = g == null ? "geen geometrie" : String(type);
      skipped.set(t, (skipped.get(t) ?? 0) + 1);
      reject("geen polygoon");
      return;
    }
    const result = checkPolygonal(g);
    if (typeof result === "string") {
      reject(result);
      return;
    }
    droppedParts += result.dropped;
    closedRings += result.closed;
    const props = (f as {properties?: unknown}).properties;
    checked.push({
      index: i + 1,
      props:
        props && typeof props === "object" && !Array.isArray(props)
          ? lowerKeys(props as Record<string, unknown>)
          : {},
      parts: result.parts
    });
  });
  if (skipped.size > 0) {
    const n = [...skipped.values()].reduce((a, b) => a + b, 0);
    quality.warnings.push(
      `${n} features zonder polygoon overgeslagen (${[...skipped].map(([t, c]) => `${c}x ${t}`).join(", ")})`
    );
  }
  if (droppedParts > 0) quality.warnings.push(`${droppedParts} lege delen van een MultiPolygon weggelaten`);
  if (closedRings > 0) quality.warnings.push(`${closedRings} niet-gesloten ringen gesloten`);
  // The parsed file is not needed any more (the checked parts are): let it go before projecting.
  raw.length = 0;

  const crsName = (fc.crs as {properties?: {name?: unknown}} | null | undefined)?.properties?.name;
  let crs: Crs | null;
  if (typeof crsName === "string") {
    crs = crsFromName(crsName);
    if (!crs) {
      throw new BronmapError(label, {
        column: "crs",
        expected: "EPSG:28992 (RD New) of WGS84 (CRS84/EPSG:4326)",
        found: `"${crsName.slice(0, 80)}"`
      });
    }
    quality.detected!.crs = `${crs} (uit crs-lid)`;
  } else {
    const [minX, minY, maxX, maxY] = extent(checked.map((c) => c.parts));
    crs = crsFromRange(minX, minY, maxX, maxY);
    if (!crs) {
      throw new BronmapError(label, {
        expected: "coördinaten in RD New (x 0-300000, y 289000-629000) of WGS84 (lengte-/breedtegraad)",
        found: Number.isFinite(minX)
          ? `coördinaten van (${minX}, ${minY}) tot (${maxX}, ${maxY})`
          : "geen coördinaten"
      });
    }
    quality.detected!.crs = `${crs} (uit coördinaatbereik)`;
  }

  const out: PolygonFeature[] = [];
  const [bx0, by0, bx1, by1] = BOUNDS[crs];
  for (const c of checked) {
    const [minX, minY, maxX, maxY] = extent([c.parts]);
    if (minX < bx0 || minY < by0 || maxX > bx1 || maxY > by1) {
      reject("coördinaten buiten Nederland");
      continue;
    }
    const g: Polygon | MultiPolygon =
      c.parts.length === 1
        ? {type: "Polygon", coordinates: c.parts[0]}
        : {type: "MultiPolygon", coordinates: c.parts};
    const rd = crs === "EPSG:28992" ? toFlatPolygons(g) : toFlatPolygons(g, (p) => wgs84ToRd(p[0], p[1]));
    const wgs = rewind(
      crs === "EPSG:28992" ? mapCoords(g, (p) => rdToWgs84(p[0], p[1])) : mapCoords(g, (p) => [p[0], p[1]])
    );
    const km2 = areaKm2(wgs);
    if (!Number.isFinite(km2) || km2 <= 0) {
      reject("oppervlakte nul of ongeldig");
      continue;
    }
    if (km2 > MAX_AREA_KM2) {
      reject("groter dan Nederland");
      continue;
    }
    out.push({index: c.index, props: c.props, geometry: wgs, rd, areaKm2: km2, bboxRd: bboxOf(rd)});
  }
  quality.rowsAccepted = out.length;
  return {features: out, crs, quality};
}

/**
 * Decodes a JSON file: UTF-8 (with or without BOM) as the standard demands, or Windows-1252 for
 * files converted from old shapefiles, so that `Coëvorden` survives either way. Throws
 * `BronmapError` (naming `label`) for a file that is neither (text-scan.ts).
 */
export function decodeText(
  bytes: Buffer,
  label = "bestand"
): {text: string; encoding: "utf-8" | "utf-8-bom" | "windows-1252"} {
  const encoding = encodingOfBytes(bytes, label);
  return {text: decodeAs(bytes, encoding), encoding};
}

/** Geometry types that carry no area: skipped as "geen polygoon" (CBS files contain them). */
const NOT_POLYGONAL = new Set(["Point", "MultiPoint", "LineString", "MultiLineString", "GeometryCollection"]);

const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) &&
  (p.length === 2 || p.length === 3) &&
  typeof p[0] === "number" &&
  typeof p[1] === "number" &&
  Number.isFinite(p[0]) &&
  Number.isFinite(p[1]);

/**
 * Checks a Polygon or MultiPolygon without recursion: returns its parts (each a list of rings)
 * with unclosed rings closed and empty MultiPolygon parts dropped, or the reason to reject it.
 */
function checkPolygonal(g: unknown): {parts: Position[][][]; dropped: number; closed: number} | string {
  if (typeof g === "string") return "geometrie als tekst (WKT)";
  if (typeof g !== "object" || g == null || Array.isArray(g)) return "ongeldige geometrie";
  const {type, coordinates} = g as {type?: unknown; coordinates?: unknown};
  if (type !== "Polygon" && type !== "MultiPolygon") return "ongeldige geometrie";
  if (!Array.isArray(coordinates)) return "ongeldige geometrie";
  const polys: unknown[] = type === "Polygon" ? [coordinates] : coordinates;
  const parts: Position[][][] = [];
  let dropped = 0;
  let closedCount = 0;
  for (const poly of polys) {
    if (!Array.isArray(poly)) return "ongeldige geometrie";
    if (poly.length === 0) {
      if (type === "MultiPolygon") {
        dropped++;
        continue;
      }
      return "ongeldige geometrie";
    }
    const rings: Position[][] = [];
    for (const ring of poly) {
      if (!Array.isArray(ring)) return "ongeldige geometrie";
      for (const p of ring) {
        if (!isPosition(p)) {
          // Numbers that are not finite (1e309, NaN) are a coordinate problem; anything else
          // (text, a flat list of numbers, deeper nesting) is malformed geometry.
          if (Array.isArray(p) && p.length >= 2 && p.length <= 3 && p.every((v) => typeof v === "number"))
            return "ongeldige coördinaten";
          return "ongeldige geometrie";
        }
      }
      if (ring.length < 3) return "ongeldige geometrie";
      const first = ring[0] as Position;
      const last = ring[ring.length - 1] as Position;
      const closed = first[0] === last[0] && first[1] === last[1];
      if (!closed) closedCount++;
      const r = (closed ? ring : [...ring, first]) as Position[];
      if (r.length < 4) return "ongeldige geometrie";
      // Positions with a height lose it (areas are planar); 2D rings are kept as they are.
      rings.push(r.every((p) => p.length === 2) ? r : r.map((p) => [p[0], p[1]]));
    }
    parts.push(rings);
  }
  if (parts.length === 0) return "ongeldige geometrie";
  return {parts, dropped, closed: closedCount};
}

function extent(geoms: Position[][][][]): [number, number, number, number] {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const parts of geoms)
    for (const rings of parts)
      for (const ring of rings)
        for (const [x, y] of ring) {
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
  return [minX, minY, maxX, maxY];
}

function bboxOf(rd: FlatPolygon[]): [number, number, number, number] {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const part of rd) {
    const r = part[0];
    for (let i = 0; i < r.length; i += 2) {
      if (r[i] < minX) minX = r[i];
      if (r[i] > maxX) maxX = r[i];
      if (r[i + 1] < minY) minY = r[i + 1];
      if (r[i + 1] > maxY) maxY = r[i + 1];
    }
  }
  return [minX, minY, maxX, maxY];
}

function lowerKeys(p: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) out[k.toLowerCase()] = v;
  return out;
}

function mapCoords(g: Polygon | MultiPolygon, f: (p: Position) => [number, number]): Polygon | MultiPolygon {
  const ring = (r: Position[]): Position[] => r.map(f);
  return g.type === "Polygon"
    ? {type: "Polygon", coordinates: g.coordinates.map(ring)}
    : {type: "MultiPolygon", coordinates: g.coordinates.map((p) => p.map(ring))};
}

function signedArea(r: Position[]): number {
  let s = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) s += (r[j][0] - r[i][0]) * (r[j][1] + r[i][1]);
  return s / 2;
}

/** Rewinds to RFC 7946: outer rings counter-clockwise, holes clockwise (planar lon/lat sense). */
export function rewind<G extends Polygon | MultiPolygon>(g: G): G {
  const fix = (rings: Position[][]): Position[][] =>
    rings.map((r, i) => (signedArea(r) > 0 === (i === 0) ? r : [...r].reverse()));
  if (g.type === "Polygon") return {...g, coordinates: fix((g as Polygon).coordinates)};
  return {...g, coordinates: (g as MultiPolygon).coordinates.map(fix)};
}

/**
 * Geodesic area in km2 on the sphere. d3-geo expects the opposite winding of RFC 7946, so a
 * part that comes out larger than a hemisphere is measured from the other side.
 */
export function areaKm2(g: Polygon | MultiPolygon): number {
  const parts = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  let sr = 0;
  for (const p of parts) {
    const a = geoArea({type: "Polygon", coordinates: p});
    sr += a > 2 * Math.PI ? 4 * Math.PI - a : a;
  }
  return sr * EARTH_RADIUS_KM * EARTH_RADIUS_KM;
}
