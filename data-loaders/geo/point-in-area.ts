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
  /** Whether any edge touches the cell: -1 unknown, 0 none (the centre's status holds everywhere), 1 some. */
  private readonly hasEdges: Int8Array;
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
    this.hasEdges = new Int8Array(this.nx * this.ny).fill(-1);
  }

  /**
   * The status of every cell centre in row `j` (at height `cy`) with one pass over the edges:
   * the crossings of the horizontal line through the centres, computed as `pointInFlatPolygon`
   * computes them, so that each centre gets exactly its ray-cast answer (inside when an odd
   * number of crossings lies to its right), for the cost of one ray cast per row instead of one
   * per cell.
   */
  private fillRow(j: number, cy: number): void {
    const xs: number[] = [];
    for (const r of this.rings) {
      const n = r.length;
      for (let i = 0, k = n - 2; i < n; k = i, i += 2) {
        const yi = r[i + 1];
        const yk = r[k + 1];
        if (yi > cy !== yk > cy) {
          const xi = r[i];
          const xk = r[k];
          xs.push(((xk - xi) * (cy - yi)) / (yk - yi) + xi);
        }
      }
    }
    xs.sort((a, b) => a - b);
    // Crossings at or left of the centre: the rest (x < crossing) each flip the status.
    let left = 0;
    for (let i = 0; i < this.nx; i++) {
      const cx = this.x0 + (i + 0.5) * this.cell;
      while (left < xs.length && xs[left] <= cx) left++;
      this.status[j * this.nx + i] = (xs.length - left) & 1;
    }
  }

  contains(x: number, y: number): boolean {
    const i = Math.floor((x - this.x0) / this.cell);
    const j = Math.floor((y - this.y0) / this.cell);
    if (i < 0 || j < 0 || i >= this.nx || j >= this.ny) return false;
    const cx = this.x0 + (i + 0.5) * this.cell;
    const cy = this.y0 + (j + 0.5) * this.cell;
    const k = j * this.nx + i;
    if (this.status[k] < 0) this.fillRow(j, cy);
    if (this.hasEdges[k] < 0) {
      const h = this.cell / 2;
      this.hasEdges[k] = this.index.search(cx - h, cy - h, cx + h, cy + h).length > 0 ? 1 : 0;
    }
    if (this.hasEdges[k] === 0) return this.status[k] === 1;
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

/**
 * An index over a set of areas (each one or more polygon parts) answering "which area is here".
 * Flatbush indexes the parts' bounding boxes; from it a uniform grid of candidate lists is filled
 * once, so that a lookup is one array access plus a few bounding-box checks and ray casts, with
 * no allocation per point.
 */
export class AreaIndex {
  private readonly parts: FlatPolygon[] = [];
  private readonly partArea: number[] = [];
  private readonly partEdges: (EdgeIndex | null)[] = [];
  private readonly boxes: Float64Array;
  private readonly x0: number = 0;
  private readonly y0: number = 0;
  private readonly cell: number = 1;
  private readonly nx: number = 0;
  private readonly ny: number = 0;
  /** Candidate parts per grid cell, as offsets into `items` (CSR layout). */
  private readonly offsets: Int32Array = new Int32Array(1);
  private readonly items: Int32Array = new Int32Array(0);

  /** The polygons it was built from (`areas[i]` are the parts of area i), to rebuild it elsewhere. */
  readonly areas: readonly FlatPolygon[][];

  /** Builds the index; `areas[i]` are the flat polygon parts of area i. */
  constructor(areas: readonly FlatPolygon[][]) {
    this.areas = areas;
    areas.forEach((polys, a) =>
      polys.forEach((p) => {
        this.parts.push(p);
        this.partArea.push(a);
      })
    );
    const n = this.parts.length;
    this.boxes = new Float64Array(n * 4);
    if (n === 0) return;
    const tree = new Flatbush(n);
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    this.parts.forEach((p, k) => {
      const vertices = p.reduce((s, r) => s + r.length / 2, 0);
      this.partEdges.push(vertices > EDGE_INDEX_THRESHOLD ? new EdgeIndex(p) : null);
      const outer = p[0];
      let bx0 = Infinity,
        by0 = Infinity,
        bx1 = -Infinity,
        by1 = -Infinity;
      for (let i = 0; i < outer.length; i += 2) {
        if (outer[i] < bx0) bx0 = outer[i];
        if (outer[i] > bx1) bx1 = outer[i];
        if (outer[i + 1] < by0) by0 = outer[i + 1];
        if (outer[i + 1] > by1) by1 = outer[i + 1];
      }
      this.boxes.set([bx0, by0, bx1, by1], k * 4);
      tree.add(bx0, by0, bx1, by1);
      minX = Math.min(minX, bx0);
      minY = Math.min(minY, by0);
      maxX = Math.max(maxX, bx1);
      maxY = Math.max(maxY, by1);
    });
    tree.finish();
    // About two cells per part along each axis keeps candidate lists short at any scale.
    const side = Math.min(2048, Math.max(4, Math.ceil(2 * Math.sqrt(n))));
    this.x0 = minX;
    this.y0 = minY;
    this.cell = Math.max(maxX - minX, maxY - minY, 1e-9) / side;
    this.nx = Math.ceil((maxX - minX) / this.cell) + 1;
    this.ny = Math.ceil((maxY - minY) / this.cell) + 1;
    this.offsets = new Int32Array(this.nx * this.ny + 1);
    const lists: number[][] = [];
    let total = 0;
    for (let j = 0; j < this.ny; j++) {
      for (let i = 0; i < this.nx; i++) {
        const cx = this.x0 + i * this.cell;
        const cy = this.y0 + j * this.cell;
        const found = tree.search(cx, cy, cx + this.cell, cy + this.cell);
        lists.push(found);
        total += found.length;
        this.offsets[j * this.nx + i + 1] = total;
      }
    }
    this.items = new Int32Array(total);
    let k = 0;
    for (const l of lists) for (const v of l) this.items[k++] = v;
  }

  /** The index of the area containing (x, y), or -1 when the point lies in none. */
  locate(x: number, y: number): number {
    if (this.parts.length === 0) return -1;
    const i = Math.floor((x - this.x0) / this.cell);
    const j = Math.floor((y - this.y0) / this.cell);
    if (i < 0 || j < 0 || i >= this.nx || j >= this.ny) return -1;
    const c = j * this.nx + i;
    const b = this.boxes;
    for (let k = this.offsets[c], end = this.offsets[c + 1]; k < end; k++) {
      const p = this.items[k];
      const o = p * 4;
      if (x < b[o] || x > b[o + 2] || y < b[o + 1] || y > b[o + 3]) continue;
      const edges = this.partEdges[p];
      if (edges ? edges.contains(x, y) : pointInFlatPolygon(this.parts[p], x, y)) return this.partArea[p];
    }
    return -1;
  }

  /** Locates many points at once; returns area indexes (-1 outside) as an Int32Array. */
  locateAll(xs: ArrayLike<number>, ys: ArrayLike<number>): Int32Array {
    const out = new Int32Array(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = this.locate(xs[i], ys[i]);
    return out;
  }
}
