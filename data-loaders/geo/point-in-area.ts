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

/**
 * Edge index of one large polygon part (a buitengebied with thousands of vertices). A long ray
 * would cross many edges, so the test instead uses a grid of reference points whose status is
 * computed once (lazily) with a full ray cast: a point's status is its cell centre's status,
 * flipped once for every edge the short segment between them crosses. That costs a handful of
 * edge tests per point, whatever the size of the polygon.
 */
class EdgeIndex {
  private readonly index: Flatbush;
  private readonly ax: Float64Array;
  private readonly ay: Float64Array;
  private readonly bx: Float64Array;
  private readonly by: Float64Array;
  private readonly rings: FlatPolygon;
  private readonly x0: number;
  private readonly y0: number;
  private readonly cell: number;
  private readonly nx: number;
  private readonly ny: number;
  /** Status of each cell centre: -1 unknown, 0 outside, 1 inside. */
  private readonly status: Int8Array;
  private parity = 0;

  constructor(rings: FlatPolygon) {
    this.rings = rings;
    const n = rings.reduce((s, r) => s + r.length / 2 - 1, 0);
    this.ax = new Float64Array(n);
    this.ay = new Float64Array(n);
    this.bx = new Float64Array(n);
    this.by = new Float64Array(n);
    this.index = new Flatbush(Math.max(1, n));
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    let e = 0;
    for (const r of rings) {
      for (let i = 0; i + 3 < r.length; i += 2, e++) {
        this.ax[e] = r[i];
        this.ay[e] = r[i + 1];
        this.bx[e] = r[i + 2];
        this.by[e] = r[i + 3];
        const ex0 = Math.min(r[i], r[i + 2]);
        const ey0 = Math.min(r[i + 1], r[i + 3]);
        const ex1 = Math.max(r[i], r[i + 2]);
        const ey1 = Math.max(r[i + 1], r[i + 3]);
        this.index.add(ex0, ey0, ex1, ey1);
        minX = Math.min(minX, ex0);
        minY = Math.min(minY, ey0);
        maxX = Math.max(maxX, ex1);
        maxY = Math.max(maxY, ey1);
      }
    }
    if (n === 0) this.index.add(0, 0, 0, 0);
    this.index.finish();
    this.x0 = minX;
    this.y0 = minY;
    // About 256 cells along the longer side: a few edges per cell for realistic boundaries.
    this.cell = Math.max(maxX - minX, maxY - minY, 1e-9) / 256;
    this.nx = Math.ceil((maxX - minX) / this.cell) + 1;
    this.ny = Math.ceil((maxY - minY) / this.cell) + 1;
    this.status = new Int8Array(this.nx * this.ny).fill(-1);
  }

  contains(x: number, y: number): boolean {
    const i = Math.floor((x - this.x0) / this.cell);
    const j = Math.floor((y - this.y0) / this.cell);
    if (i < 0 || j < 0 || i >= this.nx || j >= this.ny) return false;
    const cx = this.x0 + (i + 0.5) * this.cell;
    const cy = this.y0 + (j + 0.5) * this.cell;
    const k = j * this.nx + i;
    if (this.status[k] < 0) this.status[k] = pointInFlatPolygon(this.rings, cx, cy) ? 1 : 0;
    this.parity = 0;
    this.index.search(Math.min(x, cx), Math.min(y, cy), Math.max(x, cx), Math.max(y, cy), (e) => {
      if (segmentsCross(this.ax[e], this.ay[e], this.bx[e], this.by[e], x, y, cx, cy)) this.parity ^= 1;
      return false;
    });
    return (this.status[k] ^ this.parity) === 1;
  }
}

function orient(ax: number, ay: number, bx: number, by: number, px: number, py: number): number {
  return (bx - ax) * (py - ay) - (by - ay) * (px - ax);
}

/** Proper crossing of segments a-b and p-q (touching at an end point does not count). */
function segmentsCross(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  px: number,
  py: number,
  qx: number,
  qy: number
): boolean {
  const d1 = orient(ax, ay, bx, by, px, py);
  const d2 = orient(ax, ay, bx, by, qx, qy);
  if ((d1 > 0 && d2 > 0) || (d1 < 0 && d2 < 0)) return false;
  const d3 = orient(px, py, qx, qy, ax, ay);
  const d4 = orient(px, py, qx, qy, bx, by);
  // Half-open on the polygon edge (one end counts), so a segment through a vertex crosses once.
  return d1 !== d2 && ((d3 > 0 && d4 <= 0) || (d3 <= 0 && d4 > 0));
}

/** Parts with more vertices than this get an edge index instead of a plain ray cast. */
const EDGE_INDEX_THRESHOLD = 128;

/** An index over a set of areas (each one or more polygon parts) answering "which area is here". */
export class AreaIndex {
  private readonly index: Flatbush | null;
  private readonly parts: FlatPolygon[] = [];
  private readonly partArea: number[] = [];
  private readonly partEdges: (EdgeIndex | null)[] = [];
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
      const vertices = p.reduce((s, r) => s + r.length / 2, 0);
      this.partEdges.push(vertices > EDGE_INDEX_THRESHOLD ? new EdgeIndex(p) : null);
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
      if (this.hit >= 0) return false;
      const edges = this.partEdges[i];
      if (edges ? edges.contains(x, y) : pointInFlatPolygon(this.parts[i], x, y)) this.hit = this.partArea[i];
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
