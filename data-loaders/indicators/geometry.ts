/**
 * Area geometry for the maps: one TopoJSON topology per level, with properties code, naam and
 * bovenliggend only, simplified (topojson-simplify, keeping a fixed share of the vertices by
 * weight) and quantized, so a whole buurt map stays small enough for a fast page. Shared
 * borders are stored once (that is what TopoJSON is for), so neighbouring areas never get gaps
 * after simplification. Coordinates are rounded to the quantization grid, which is also why the
 * output is byte-identical between builds.
 */
import type {Feature, FeatureCollection, MultiPolygon, Polygon} from "geojson";
import {topology} from "topojson-server";
import {quantize} from "topojson-client";
import {presimplify, quantile, simplify} from "topojson-simplify";
import type {Topology} from "topojson-specification";
import type {GebiedRef} from "./context.ts";

/** Simplification per level: share of vertices (by weight) to DROP, and quantization. */
export const GEOMETRY_SETTINGS = {
  gemeente: {drop: 0.8, quantization: 1e4},
  wijk: {drop: 0.85, quantization: 1e4},
  buurt: {drop: 0.9, quantization: 1e4},
  // Estates are few, small and simple: simplifying them with the buurten' share collapsed small
  // ones to a point (an estate of four corners has no vertex to spare), so they keep every vertex.
  bedrijventerrein: {drop: 0, quantization: 1e4}
} as const;

/** One area with its WGS84 geometry. */
export interface GeoArea {
  ref: GebiedRef;
  geometry: Polygon | MultiPolygon;
}

/** Builds the simplified, quantized topology of one level; object name `gebieden`. */
export function levelTopology(areas: readonly GeoArea[], level: keyof typeof GEOMETRY_SETTINGS): Topology {
  const settings = GEOMETRY_SETTINGS[level];
  const features: Feature<Polygon | MultiPolygon>[] = areas.map((a) => ({
    type: "Feature",
    id: a.ref.code,
    properties: {code: a.ref.code, naam: a.ref.naam, bovenliggend: a.ref.bovenliggend},
    geometry: roundGeometry(a.geometry)
  }));
  const collection: FeatureCollection = {type: "FeatureCollection", features};
  // Simplify on exact coordinates, then quantize (delta-encoded integers) for a small file.
  const topo = topology({gebieden: collection});
  // Nothing to drop: no simplification at all (quantile(…, 0) is not "keep every vertex": it
  // collapsed every closed ring to its end point).
  let simplified: Topology;
  if (settings.drop === 0) simplified = topo as unknown as Topology;
  else {
    const pre = presimplify(topo as never);
    const minWeight = quantile(pre, settings.drop);
    simplified = simplify(pre, minWeight) as unknown as Topology;
    // presimplify stores the weight as a third coordinate; drop it to keep the file small.
    simplified.arcs = simplified.arcs.map((arc) => arc.map((p) => [p[0], p[1]] as [number, number]));
  }
  // The bounding box (and with it the quantization origin) rounded outward to 0.001 degree: the
  // published file then holds no coordinate with the precision of a location (the exposure scan
  // flags WGS84 pairs with 4 or more decimals), while the grid itself keeps its resolution.
  if (simplified.bbox) {
    const [x0, y0, x1, y1] = simplified.bbox as number[];
    const down = (v: number) => Math.floor(v * 1e3) / 1e3;
    const up = (v: number) => Math.ceil(v * 1e3) / 1e3;
    simplified.bbox = [down(x0!), down(y0!), up(x1!), up(y1!)];
  }
  return quantize(simplified as never, settings.quantization) as unknown as Topology;
}

/** Rounds coordinates to ~1 m so that float noise in the input cannot change the output. */
function roundGeometry<G extends Polygon | MultiPolygon>(g: G): G {
  const r = (v: number) => Math.round(v * 1e5) / 1e5;
  if (g.type === "Polygon")
    return {
      type: "Polygon",
      coordinates: g.coordinates.map((ring) => ring.map(([x, y]) => [r(x), r(y)]))
    } as G;
  return {
    type: "MultiPolygon",
    coordinates: (g as MultiPolygon).coordinates.map((poly) =>
      poly.map((ring) => ring.map(([x, y]) => [r(x), r(y)]))
    )
  } as G;
}

/** The area levels of the maps. */
export type KaartNiveau = "gemeente" | "wijk" | "buurt";

/** What `areaTopologies` needs: the areas per level (sorted by code), the blocks, the estates. */
export interface GeometryJob {
  levels: Record<KaartNiveau, GeoArea[]>;
  blokken: readonly {code: string; gemeenten: readonly string[]}[];
  /** Gemeente codes whose own wijken and buurten get a topology (the map of one gemeente). */
  gemeenten: readonly string[];
  /** The bedrijventerreinen, in bronmap order, each with its ref (`terreinRef`). */
  terreinen: readonly (GeoArea & {code: string; gemeentecode: string | null})[];
}

/** Every topology of the output files (compute.ts, `writeOutputs`). */
export interface AreaTopologies {
  levels: Record<KaartNiveau, Topology>;
  /** Per block: its wijken and buurten, and its estates when the bronmap has estates. */
  blokken: Record<string, {wijken: Topology; buurten: Topology; terreinen?: Topology}>;
  /** Per gemeente of `GeometryJob.gemeenten`: its own wijken and buurten. */
  gemeenten: Record<string, {wijken: Topology; buurten: Topology}>;
}

/** The wijken and buurten of one gemeente (a gemeente's map in its weerbaarheid part). */
export function gemeenteTopologies(
  levels: Record<KaartNiveau, GeoArea[]>,
  code: string
): {wijken: Topology; buurten: Topology} {
  const van = (areas: GeoArea[]) => areas.filter((a) => a.ref.gemeentecode === code);
  return {
    wijken: levelTopology(van(levels.wijk), "wijk"),
    buurten: levelTopology(van(levels.buurt), "buurt")
  };
}

/**
 * All topologies the output files carry: per level, per block (wijken, buurten, estates) and per
 * gemeente. A pure function of its input, so the pipeline computes them in a worker thread while
 * the gate runs (`startAreaTopologies`) and gets the same objects it would compute itself.
 */
export function areaTopologies(job: GeometryJob): AreaTopologies {
  const levels = {
    gemeente: levelTopology(job.levels.gemeente, "gemeente"),
    wijk: levelTopology(job.levels.wijk, "wijk"),
    buurt: levelTopology(job.levels.buurt, "buurt")
  };
  const blokken: AreaTopologies["blokken"] = {};
  for (const b of job.blokken) {
    const inBlok = new Set(b.gemeenten);
    const van = (areas: GeoArea[]) => areas.filter((a) => inBlok.has(a.ref.gemeentecode ?? ""));
    blokken[b.code] = {
      wijken: levelTopology(van(job.levels.wijk), "wijk"),
      buurten: levelTopology(van(job.levels.buurt), "buurt")
    };
    if (job.terreinen.length > 0) {
      const terreinen: GeoArea[] = [...job.terreinen]
        .filter((t) => inBlok.has(t.gemeentecode ?? ""))
        .sort((x, y) => (x.code < y.code ? -1 : 1))
        .map((t) => ({ref: t.ref, geometry: t.geometry}));
      blokken[b.code]!.terreinen = levelTopology(terreinen, "bedrijventerrein");
    }
  }
  const gemeenten: AreaTopologies["gemeenten"] = {};
  for (const code of job.gemeenten) gemeenten[code] = gemeenteTopologies(job.levels, code);
  return {levels, blokken, gemeenten};
}
