/**
 * Reading GeoJSON files exactly as CBS and PDOK publish them: a FeatureCollection in WGS84 or
 * RD New (from the `crs` member, or guessed from the coordinate ranges), with Polygon and
 * MultiPolygon features. Geometry comes out twice: in WGS84 with RFC 7946 winding for the
 * contract, and in RD New as flat arrays for fast planar point-in-polygon.
 */
import {readFileSync} from "node:fs";
import {geoArea} from "d3-geo";
import type {Feature, GeoJsonProperties, MultiPolygon, Polygon, Position} from "geojson";
import {crsFromName, crsFromRange, rdToWgs84, wgs84ToRd, type Crs} from "../geo/crs.ts";
import {toFlatPolygons, type FlatPolygon} from "../geo/point-in-area.ts";
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
}

/** Result of reading one GeoJSON file. */
export interface GeoJsonRead {
  features: PolygonFeature[];
  crs: Crs;
  quality: FileQuality;
}

/** Mean earth radius in km (IUGG), for turning steradians into km2. */
const EARTH_RADIUS_KM = 6371.0088;

/**
 * Reads a GeoJSON FeatureCollection of (multi)polygons. Non-polygon features (points and lines
 * left by a cut, empty geometries) are skipped and reported as a warning and a counted
 * rejection, because CBS files in the wild contain them and they carry no area.
 */
export function readPolygonGeoJson(path: string, label: string): GeoJsonRead {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new BronmapError(label, {expected: "een leesbaar GeoJSON-bestand", found: "geen bestand"});
  }
  const {text, encoding} = decodeText(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const pos = /position (\d+)/.exec(String((e as Error).message));
    const line = pos ? text.slice(0, Number(pos[1])).split("\n").length : undefined;
    throw new BronmapError(label, {line, expected: "geldige JSON (GeoJSON)", found: "een JSON-fout"});
  }
  const fc = json as {type?: unknown; features?: unknown; crs?: {properties?: {name?: unknown}}};
  if (
    fc == null ||
    typeof fc !== "object" ||
    fc.type !== "FeatureCollection" ||
    !Array.isArray(fc.features)
  ) {
    throw new BronmapError(label, {
      expected: 'een GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [...]})',
      found: fc && typeof fc === "object" && "type" in fc ? `type "${String(fc.type)}"` : "iets anders"
    });
  }
  const quality: FileQuality = {
    file: label,
    rowsRead: 0,
    rowsAccepted: 0,
    rejected: {},
    warnings: [],
    detected: {}
  };
  const features = fc.features as Feature[];
  quality.rowsRead = features.length;

  const crsName = fc.crs?.properties?.name;
  let crs: Crs | null;
  if (typeof crsName === "string") {
    crs = crsFromName(crsName);
    if (!crs) {
      throw new BronmapError(label, {
        column: "crs",
        expected: "EPSG:28992 (RD New) of WGS84 (CRS84/EPSG:4326)",
        found: `"${crsName}"`
      });
    }
    quality.detected!.crs = `${crs} (uit crs-lid)`;
  } else {
    const [minX, minY, maxX, maxY] = extent(features);
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
  const skipped = new Map<string, number>();
  features.forEach((f, i) => {
    const g = f?.geometry;
    if (!g || (g.type !== "Polygon" && g.type !== "MultiPolygon") || !hasCoordinates(g)) {
      const t = g ? g.type : "geen geometrie";
      skipped.set(t, (skipped.get(t) ?? 0) + 1);
      return;
    }
    const rd = crs === "EPSG:28992" ? toFlatPolygons(g) : toFlatPolygons(g, (p) => wgs84ToRd(p[0], p[1]));
    const wgs = rewind(
      crs === "EPSG:28992" ? mapCoords(g, (p) => rdToWgs84(p[0], p[1])) : mapCoords(g, (p) => [p[0], p[1]])
    );
    out.push({index: i + 1, props: lowerKeys(f.properties), geometry: wgs, rd, areaKm2: areaKm2(wgs)});
  });
  if (skipped.size > 0) {
    const n = [...skipped.values()].reduce((a, b) => a + b, 0);
    quality.rejected["geen polygoon"] = n;
    quality.warnings.push(
      `${n} features zonder polygoon overgeslagen (${[...skipped].map(([t, c]) => `${c}x ${t}`).join(", ")})`
    );
  }
  quality.rowsAccepted = out.length;
  return {features: out, crs, quality};
}

/**
 * Decodes a JSON file: UTF-8 (with or without BOM) as the standard demands, or Windows-1252 for
 * files converted from old shapefiles, so that `Coëvorden` survives either way.
 */
export function decodeText(bytes: Buffer): {text: string; encoding: "utf-8" | "windows-1252"} {
  try {
    const text = new TextDecoder("utf-8", {fatal: true}).decode(bytes);
    return {text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: "utf-8"};
  } catch {
    return {text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252"};
  }
}

function hasCoordinates(g: Polygon | MultiPolygon): boolean {
  return g.type === "Polygon"
    ? g.coordinates.length > 0 && g.coordinates[0].length >= 4
    : g.coordinates.some((p) => p.length > 0 && p[0].length >= 4);
}

function extent(features: Feature[]): [number, number, number, number] {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === "number") {
      const [x, y] = c as number[];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const f of features) {
    const g = f?.geometry as {coordinates?: unknown} | null;
    if (g && "coordinates" in g) visit(g.coordinates);
  }
  return [minX, minY, maxX, maxY];
}

function lowerKeys(p: GeoJsonProperties): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p ?? {})) out[k.toLowerCase()] = v;
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
