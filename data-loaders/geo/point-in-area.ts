/**
 * Point-in-polygon assignment with a spatial index, for millions of points in seconds: polygon
 * parts are indexed by bounding box in a Flatbush R-tree, and each candidate is tested by ray
 * casting on flat typed arrays (no per-point allocation of coordinate objects).
 */
import Flatbush from "flatbush";
import type {MultiPolygon, Polygon, Position} from "geojson";

/** Planar polygon rings as flat `[x0, y0, x1, y1, ...]` arrays: first ring outer, rest holes. */
export type FlatPolygon = Float64Array[];

/** Converts a GeoJSON (Multi)Polygon to flat polygon parts, optionally projecting each point. */
export function toFlatPolygons(
  geometry: Polygon | MultiPolygon,
  project?: (p: Position) => [number, number]
): FlatPolygon[] {
  const polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polys.map((rings) =>
    rings.map((ring) => {
      const flat = new Float64Array(ring.length * 2);
      ring.forEach((p, i) => {
        const [x, y] = project ? project(p) : p;
        flat[2 * i] = x;
        flat[2 * i + 1] = y;
      });
      return flat;
    })
  );
}

/** Even-odd ray casting over all rings of one polygon part; holes fall out naturally. */
export function pointInFlatPolygon(rings: FlatPolygon, x: number, y: number): boolean {
  let inside = false;
  for (const r of rings) {
    const n = r.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      const yi = r[i + 1];
      const yj = r[j + 1];
      // Half-open rule on y, so a point on an edge shared by two areas lands in exactly one.
      if (yi > y !== yj > y) {
        const xi = r[i];
        const xj = r[j];
        if (x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

/** An index over a set of areas (each one or more polygon parts) answering "which area is here". */
export class AreaIndex {
  private readonly index: Flatbush | null;
  private readonly parts: FlatPolygon[] = [];
  private readonly partArea: number[] = [];
  private hit = -1;

  /** Builds the index; `areas[i]` are the flat polygon parts of area i. */
  constructor(areas: readonly FlatPolygon[][]) {
    areas.forEach((polys, a) =>
      polys.forEach((p) => {
        this.parts.push(p);
        this.partArea.push(a);
      })
    );
    if (this.parts.length === 0) {
      this.index = null;
      return;
    }
    this.index = new Flatbush(this.parts.length);
    for (const p of this.parts) {
      const outer = p[0];
      let minX = Infinity,
        minY = Infinity,
        maxX = -Infinity,
        maxY = -Infinity;
      for (let i = 0; i < outer.length; i += 2) {
        if (outer[i] < minX) minX = outer[i];
        if (outer[i] > maxX) maxX = outer[i];
        if (outer[i + 1] < minY) minY = outer[i + 1];
        if (outer[i + 1] > maxY) maxY = outer[i + 1];
      }
      this.index.add(minX, minY, maxX, maxY);
    }
    this.index.finish();
  }

  /** The index of the area containing (x, y), or -1 when the point lies in none. */
  locate(x: number, y: number): number {
    if (!this.index) return -1;
    this.hit = -1;
    // The filter does the exact test and stops collecting after the first hit, so the search
    // allocates nothing per point beyond Flatbush's (empty) result array.
    this.index.search(x, y, x, y, (i) => {
      if (this.hit < 0 && pointInFlatPolygon(this.parts[i], x, y)) this.hit = this.partArea[i];
      return false;
    });
    return this.hit;
  }

  /** Locates many points at once; returns area indexes (-1 outside) as an Int32Array. */
  locateAll(xs: ArrayLike<number>, ys: ArrayLike<number>): Int32Array {
    const out = new Int32Array(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = this.locate(xs[i], ys[i]);
    return out;
  }
}
