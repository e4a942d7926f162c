/**
 * Cell selection by linear programming, one protected cell at a time (privacy.md rule 6; the
 * LP-based approach of the Handbook on SDC, ch. 4, and of tau-ARGUS's "modular" method within a
 * sub-problem): to protect primary cell p upwards by u, find a deviation y of the true table with
 *
 *   sum(coef * y) = 0 for every relation (>= relations: keep their slack),
 *   y_p = +u,  v + y >= 0,  y = 0 for public figures and published key totals,
 *
 * at the least cost sum(c_j |y_j|) where c_j is about 0 for cells already unpublished and the
 * cell's value (plus one) for a published cell, ten times more for a total (cheapest first,
 * totals last). The cells with y_j != 0 are then suppressed. The point v + y is feasible in the
 * audit's LP of the new pattern (every cell it moves is unpublished), so p can reach v + u: the
 * witness IS the proof. Suppressing more cells later only removes constraints, so every witness
 * found stays valid until the end: protection by construction, one cell at a time.
 *
 * The LP is set up on the neighbourhood of p (cells within `radius` relation steps; cells
 * outside stay fixed, which only restricts y), widened when no witness is found, up to a size cap.
 */
import type {Highs, Model} from "highs";
import {PUBLISHED} from "./primary.ts";
import {EPS} from "./protection.ts";
import type {TableModel} from "./table-model.ts";
import {int32, uint8} from "./arena.ts";

/** Cost weight of a total relative to an inner cell of the same value ("totals last"). */
const TOTAL_WEIGHT = 10;
/**
 * Cost weight of a published key total, in the one mode that may move them (a small key total
 * pinned by other key totals alone, e.g. the only small gemeente in the regio's sum).
 */
const KEY_WEIGHT = 1000;
/** Cost per unit of moving a cell that is already unpublished (almost free). */
const FREE_COST = 1e-4;
/**
 * Radii (relation steps from p) tried in turn, wide relations pruned and at most
 * `PRUNED_CELLS` cells; then, when p moved but not far enough, one LP on everything within
 * `LAST_RADIUS` steps (at most `MAX_WITNESS_CELLS`).
 */
const RADII = [2, 4, 8];
const PRUNED_CELLS = 3000;
const LAST_RADIUS = 64;
/** Relations with more terms than this are "wide": see `neighbourhood`. */
const WIDE_RELATION = 16;
/** Published cells of a wide relation a neighbourhood takes in (the cheapest). */
const WIDE_PUBLISHED = 6;
/** Largest neighbourhood (cells) a witness LP is set up on. */
export const MAX_WITNESS_CELLS = 40_000;

/**
 * A witness: the cells it moves, their deviation from the base point (the true values, or a
 * feasible point the audit found), their values in the new point, and how far p moved.
 */
export interface Witness {
  cells: number[];
  delta: number[];
  values: number[];
  /** How far p moved in the asked direction (>= 0; less than asked when no more is possible). */
  achieved: number;
}

/**
 * A witness LP on a set of cells (a region): every cell has two columns, y+ and y- (y = y+ - y-),
 * with cost c_j each and 0 <= y- <= v; every relation that names a cell of the region is a row
 * (cells outside stay fixed). A query for cell p fixes p's columns to the asked move; further
 * queries re-solve from the previous basis.
 */
export class WitnessRegion {
  readonly cells: number[];
  private readonly solver!: Model;
  private readonly costs!: number[];
  /** Number of LP solves. */
  solves = 0;

  constructor(
    private readonly highs: Highs,
    private readonly model: TableModel,
    private readonly status: Uint8Array,
    cells: number[],
    cost: (j: number) => number,
    private readonly base: (j: number) => number = (j) => model.value[j],
    scratch?: RegionScratch,
    lp: RegionLp = regionLp(highs, model, cells, cost, base, scratch)
  ) {
    this.cells = cells;
    this.costs = lp.costs;
    this.solver = createWitnessSolver(highs);
    this.solver.passModel({
      numCols: lp.numCols,
      numRows: lp.numRows,
      colCost: lp.costs,
      colLower: lp.colLower,
      colUpper: lp.colUpper,
      rowLower: lp.rowLower,
      rowUpper: lp.rowUpper,
      matrix: {
        format: "csr",
        numRows: lp.numRows,
        numCols: lp.numCols,
        starts: lp.starts,
        indices: lp.indices,
        values: lp.values
      }
    });
  }

  /** Whether cell c is in the region. */
  has(c: number): boolean {
    return this.cells.includes(c);
  }

  /**
   * The cheapest witness moving p (a cell of the region) by `target` in direction `dir`, or, when
   * that is impossible here, the cheapest that moves it as far as possible. Null: p cannot move.
   */
  query(p: number, dir: 1 | -1, target: number): Witness | null {
    const i = this.cells.indexOf(p);
    if (i < 0) return null;
    const s = this.solver;
    const optimal = this.highs.constants.modelStatus.optimal;
    const run = () => {
      s.run();
      this.solves++;
      return s.getModelStatus() === optimal;
    };
    const move = dir > 0 ? 2 * i : 2 * i + 1;
    const other = dir > 0 ? 2 * i + 1 : 2 * i;
    const cap = dir < 0 ? Math.min(target, Math.max(0, this.base(p))) : target;
    // Whether every cost was changed (the second LP below), or only p's two.
    let allCosts = false;
    const restore = () => {
      s.changeColBounds(2 * i, 0, this.highs.infinity);
      s.changeColBounds(2 * i + 1, 0, Math.max(0, this.base(p)));
      if (allCosts) s.changeColsCost({kind: "range", from: 0, to: this.costs.length - 1}, this.costs);
      else {
        s.changeColCost(2 * i, this.costs[2 * i]);
        s.changeColCost(2 * i + 1, this.costs[2 * i + 1]);
      }
    };
    try {
      s.changeColCost(move, 0);
      s.changeColCost(other, 0);
      s.changeColBounds(other, 0, 0);
      s.changeColBounds(move, cap, cap);
      let achieved = cap;
      if (!(cap > EPS && run())) {
        // The full move is impossible here: first how far p can move at all, then the cheapest
        // way to move it that far.
        allCosts = true;
        s.changeColsCost(
          {kind: "range", from: 0, to: this.costs.length - 1},
          new Array<number>(this.costs.length).fill(0)
        );
        s.changeColBounds(move, 0, cap);
        s.changeColCost(move, -1);
        if (!run()) return null;
        achieved = s.getSolution().colValue[move];
        if (!(achieved > EPS)) return null;
        s.changeColsCost({kind: "range", from: 0, to: this.costs.length - 1}, this.costs);
        s.changeColCost(move, 0);
        s.changeColCost(other, 0);
        s.changeColBounds(move, achieved, achieved);
        if (!run()) return null;
      }
      const x = s.getSolution().colValue;
      const out: Witness = {
        cells: [p],
        delta: [dir * achieved],
        values: [this.base(p) + dir * achieved],
        achieved
      };
      this.cells.forEach((c, q) => {
        if (q === i) return;
        const d = x[2 * q] - x[2 * q + 1];
        if (Math.abs(d) > 1e-9) {
          out.cells.push(c);
          out.delta.push(d);
          out.values.push(this.base(c) + d);
        }
      });
      return out;
    } finally {
      restore();
    }
  }

  /** Releases the HiGHS model. */
  dispose(): void {
    this.solver.dispose();
  }
}

/** Scratch arrays for building regions, sized to the model, all -1 / 0 between uses. */
export interface RegionScratch {
  colOf: Int32Array;
  relSeen: Uint8Array;
  /**
   * Buffers for the LP arrays, grown as needed: with them `regionLp` returns views into these
   * (valid until its next call; HiGHS copies them in `passModel`) instead of fresh typed arrays,
   * which are external memory and on the large heap of a national build cost major collections.
   */
  buffers?: LpBuffers;
}

/** Growable buffers of `regionLp` (see `RegionScratch.buffers`). */
export interface LpBuffers {
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  colUpper: Float64Array;
  /** Zeros (the columns' lower bounds); never written. */
  zeros: Float64Array;
}

/** Empty buffers for `RegionScratch.buffers`. */
export function lpBuffers(): LpBuffers {
  return {
    starts: new Int32Array(1024),
    indices: new Int32Array(4096),
    values: new Float64Array(4096),
    rowLower: new Float64Array(1024),
    rowUpper: new Float64Array(1024),
    colUpper: new Float64Array(1024),
    zeros: new Float64Array(1024)
  };
}

/** An array of at least `size` elements holding the first `keep` elements of `a`. */
function grown<T extends Int32Array | Float64Array>(a: T, size: number, keep: number): T {
  if (a.length >= size) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(size, 2 * a.length));
  b.set(a.subarray(0, keep));
  return b;
}

/**
 * The arrays of the witness LP on a region (see `WitnessRegion`): columns 2i (y+) and 2i+1 (y-)
 * of cell i of the region, the rows of every relation that names a cell of the region, in CSR.
 */
export interface RegionLp {
  numCols: number;
  numRows: number;
  costs: number[];
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/**
 * Builds the witness LP of a region (the arrays `WitnessRegion` passes to HiGHS): rows in the
 * order their relations are first met from the region's cells, terms in relation order. With
 * `scratch.buffers` the arrays are views into those buffers (valid until the next call).
 */
export function regionLp(
  highs: Highs,
  model: TableModel,
  cells: readonly number[],
  cost: (j: number) => number,
  base: (j: number) => number,
  scratch?: RegionScratch
): RegionLp {
  const m = model;
  // Column of each model cell (-1: outside), and relations seen: scratch arrays of the
  // finder, reset before returning (a Map lookup per relation term was most of the cost).
  const own = scratch ?? {colOf: new Int32Array(m.n).fill(-1), relSeen: new Uint8Array(m.relCount)};
  const colOf = own.colOf;
  const relSeen = own.relSeen;
  const buf = own.buffers ?? lpBuffers();
  const rows: number[] = [];
  try {
    cells.forEach((c, i) => (colOf[c] = i));
    // Rows in the order their relations are first met (the LP is the same as with a Set).
    for (const c of cells)
      for (let k = m.cellRelStart[c]; k < m.cellRelStart[c + 1]; k++) {
        const r = m.cellRel[k];
        if (relSeen[r]) continue;
        relSeen[r] = 1;
        rows.push(r);
      }
    const numRows = rows.length;
    buf.starts = grown(buf.starts, numRows + 1, 0);
    buf.rowLower = grown(buf.rowLower, numRows, 0);
    buf.rowUpper = grown(buf.rowUpper, numRows, 0);
    const {starts, rowLower, rowUpper} = buf;
    starts[0] = 0;
    // One pass over the terms of each row (the buffers grow when a row does not fit).
    let indices = buf.indices;
    let values = buf.values;
    let at = 0;
    for (let row = 0; row < numRows; row++) {
      const r = rows[row];
      const inequality = m.relSense[r] !== 0;
      const from = m.relStart[r];
      const to = m.relStart[r + 1];
      if (at + 2 * (to - from) > indices.length) {
        indices = buf.indices = grown(indices, at + 2 * (to - from), at);
        values = buf.values = grown(values, at + 2 * (to - from), at);
      }
      let slack = 0;
      for (let q = from; q < to; q++) {
        const j = m.relCell[q];
        const a = m.relCoef[q];
        // The slack of a >= relation at the base point (equalities have none).
        if (inequality) slack += a * base(j);
        const i = colOf[j];
        if (i < 0) continue;
        indices[at] = 2 * i;
        values[at++] = a;
        indices[at] = 2 * i + 1;
        values[at++] = -a;
      }
      starts[row + 1] = at;
      rowLower[row] = inequality ? -Math.max(0, slack) : 0;
      rowUpper[row] = inequality ? highs.infinity : 0;
    }
    const numCols = 2 * cells.length;
    const costs = new Array<number>(numCols);
    buf.colUpper = grown(buf.colUpper, numCols, 0);
    buf.zeros = grown(buf.zeros, numCols, 0);
    const colUpper = buf.colUpper;
    cells.forEach((c, i) => {
      const w = cost(c);
      costs[2 * i] = w;
      costs[2 * i + 1] = w;
      colUpper[2 * i] = highs.infinity;
      colUpper[2 * i + 1] = Math.max(0, base(c));
    });
    return {
      numCols,
      numRows,
      costs,
      colLower: buf.zeros.subarray(0, numCols),
      colUpper: colUpper.subarray(0, numCols),
      rowLower: rowLower.subarray(0, numRows),
      rowUpper: rowUpper.subarray(0, numRows),
      starts: starts.subarray(0, numRows + 1),
      indices: indices.subarray(0, at),
      values: values.subarray(0, at)
    };
  } finally {
    for (const c of cells) colOf[c] = -1;
    for (const r of rows) relSeen[r] = 0;
  }
}

/**
 * Largest term (coefficient times bound) `cannotMove` adds up; a larger one counts as unbounded
 * (which only weakens the propagation), so that rounding in its sums stays far below EPS.
 */
const PROPAGATION_LIMIT = 1e6;
/** The least value of a * y for y in [lower, upper] (-Infinity beyond PROPAGATION_LIMIT). */
function termLow(a: number, lower: number, upper: number): number {
  const x = a > 0 ? a * lower : a * upper;
  return x < -PROPAGATION_LIMIT ? -Infinity : x;
}
/** The greatest value of a * y for y in [lower, upper] (Infinity beyond PROPAGATION_LIMIT). */
function termHigh(a: number, lower: number, upper: number): number {
  const x = a > 0 ? a * upper : a * lower;
  return x > PROPAGATION_LIMIT ? Infinity : x;
}
/** Asked moves below this are always left to the LP (see `cannotMove`). */
const MIN_PROVEN_MOVE = 0.01;
/** Passes of bound propagation `cannotMove` makes at most. */
const PROPAGATION_PASSES = 50;

/**
 * Whether bound propagation on a region's witness LP proves that cell i of the region cannot move
 * at all in direction dir (by up to `target`), so that `WitnessRegion.query` would return null.
 *
 * The LP's variables are y_j = y+_j - y-_j, one per cell of the region, with y_j >= -(base value)
 * (columns 2j and 2j+1 of `lp`); `query` fixes p's other column at 0 and asks p's own to move
 * by up to `target` (the full move first, then as far as possible). Its rows say a . y lies in
 * [rowLower, rowUpper]. Propagation (feasibility-based bound tightening) derives from each row
 * and the bounds of all its other terms a bound on each term, over and over: every bound it
 * derives holds in every feasible point of the LP, so when it derives "y_p <= 0" (up) or
 * "y_p >= 0" (down), no feasible point moves p, the full move is infeasible and the greatest
 * move is 0: `query` returns null, the same answer as both LPs, without setting them up. When
 * propagation proves nothing, nothing is decided: the LPs run as before. Nationally most witness
 * searches that find nothing (a failing cell of a giant component that its published neighbours
 * cannot move beyond its maximum) are proven this way. Moves below `MIN_PROVEN_MOVE` are left to
 * the LP, so that its tolerances never meet a proof of 0.
 */
export function cannotMove(
  lp: RegionLp,
  i: number,
  dir: 1 | -1,
  target: number,
  scratch: {lower: Float64Array; upper: Float64Array}
): boolean {
  if (!(target >= MIN_PROVEN_MOVE)) return false;
  const n = lp.numCols / 2;
  const {lower, upper} = scratch;
  for (let j = 0; j < n; j++) {
    lower[j] = -lp.colUpper[2 * j + 1];
    upper[j] = Infinity;
  }
  if (dir > 0) {
    lower[i] = 0;
    upper[i] = target;
  } else {
    upper[i] = 0;
    lower[i] = -Math.min(target, lp.colUpper[2 * i + 1]);
  }
  const {starts, indices, values, rowLower, rowUpper} = lp;
  const TOL = 1e-9;
  const proven = () => (dir > 0 ? upper[i] <= TOL : lower[i] >= -TOL);
  if (proven()) return true;
  for (let pass = 0; pass < PROPAGATION_PASSES; pass++) {
    let changed = false;
    for (let row = 0; row < lp.numRows; row++) {
      // The least and greatest activity of the row (sums of finite parts, and counts of
      // infinite ones). Only the y+ entries (even positions) are read: y- has the opposite sign.
      let minAct = 0;
      let maxAct = 0;
      let minInf = 0;
      let maxInf = 0;
      const from = starts[row];
      const to = starts[row + 1];
      for (let q = from; q < to; q += 2) {
        const a = values[q];
        const j = indices[q] >> 1;
        const lo = termLow(a, lower[j], upper[j]);
        const hi = termHigh(a, lower[j], upper[j]);
        if (lo === -Infinity) minInf++;
        else minAct += lo;
        if (hi === Infinity) maxInf++;
        else maxAct += hi;
      }
      const up = rowUpper[row] >= 1e30 ? Infinity : rowUpper[row];
      const down = rowLower[row] <= -1e30 ? -Infinity : rowLower[row];
      for (let q = from; q < to; q += 2) {
        const a = values[q];
        const j = indices[q] >> 1;
        const lo = termLow(a, lower[j], upper[j]);
        const hi = termHigh(a, lower[j], upper[j]);
        // The rest of the row without this term: a * y_j <= up - restMin, >= down - restMax.
        const restMin =
          lo === -Infinity ? (minInf === 1 ? minAct : -Infinity) : minInf > 0 ? -Infinity : minAct - lo;
        const restMax =
          hi === Infinity ? (maxInf === 1 ? maxAct : Infinity) : maxInf > 0 ? Infinity : maxAct - hi;
        const top = up - restMin;
        const bottom = down - restMax;
        const newUpper = a > 0 ? top / a : bottom / a;
        const newLower = a > 0 ? bottom / a : top / a;
        if (newUpper < upper[j] - TOL) {
          upper[j] = newUpper;
          changed = true;
        }
        if (newLower > lower[j] + TOL) {
          lower[j] = newLower;
          changed = true;
        }
      }
      if (proven()) return true;
    }
    if (!changed) break;
  }
  return false;
}

/** Witness LPs around single cells: neighbourhoods widened until a witness is found. */
export class WitnessFinder {
  private readonly mark: Uint8Array;
  /** Number of LP solves so far (also of the regions made by `region`). */
  solves = 0;
  /** Optional trace of every witness LP (radius, cells, ms, achieved), for profiling. */
  trace: ((line: string) => void) | null = null;
  /** Whether published key totals may move (at a high cost) in the current search. */
  private keys = false;

  /** Relations already expanded in the current `neighbourhood` call. */
  private readonly relMark: Uint8Array;

  constructor(
    private readonly highs: Highs,
    private readonly model: TableModel,
    private readonly status: Uint8Array
  ) {
    this.mark = uint8(model.n);
    this.relMark = uint8(model.relCount);
    this.scratch = {
      colOf: int32(model.n).fill(-1),
      relSeen: uint8(model.relCount),
      buffers: lpBuffers()
    };
  }

  private readonly scratch: RegionScratch;
  /** Bounds of `cannotMove`, one per cell of the largest region. */
  private readonly bounds = {
    lower: new Float64Array(MAX_WITNESS_CELLS),
    upper: new Float64Array(MAX_WITNESS_CELLS)
  };
  /** Searches that bound propagation settled without an LP (`cannotMove`). */
  proven = 0;
  /** The true value of cell j (the base point of a search without one). */
  private readonly trueValue = (j: number): number => this.model.value[j];
  /**
   * Results of earlier witness LPs from the true values, by cell, direction, target, key mode
   * and radius, with the region they were solved on. The same region with the same statuses is
   * the same LP, so its result is reused; `invalidate` clears this whenever a status changes.
   */
  private readonly memo = new Map<string, {cells: number[]; w: Witness | null}>();

  /** Forgets the remembered results: call whenever a cell's status changes. */
  invalidate(): void {
    this.memo.clear();
  }

  /** Whether a witness may move cell j: not a public figure, not a published key total. */
  movable(j: number): boolean {
    return !this.model.fixed[j] && (this.keys || !(this.model.key[j] && this.status[j] === PUBLISHED));
  }

  /** Cost per unit of moving cell j (see the module comment). */
  cost(j: number): number {
    if (this.status[j] !== PUBLISHED) return FREE_COST;
    const weight = this.model.key[j] ? KEY_WEIGHT : this.model.isTotal[j] ? TOTAL_WEIGHT : 1;
    return (1 + this.model.value[j]) * weight;
  }

  /**
   * Movable cells within `radius` relation steps of the seeds (seeds first), at most `cap`;
   * `complete` when no movable cell lies beyond.
   */
  neighbourhood(
    seeds: readonly number[],
    radius: number,
    cap: number,
    prune = true
  ): {cells: number[]; complete: boolean} {
    const m = this.model;
    const cells: number[] = [];
    for (const c of seeds)
      if (!this.mark[c]) {
        this.mark[c] = 1;
        cells.push(c);
      }
    let frontier = cells.slice();
    let complete = true;
    // A relation expanded once has taken every cell it will give (or hit the cap): expanding it
    // again from another cell adds nothing, and wide relations (a regio's sum over hundreds of
    // gemeenten) are the expensive ones to scan.
    const expanded: number[] = [];
    try {
      const take = (j: number, next: number[]): boolean => {
        if (this.mark[j] || !this.movable(j)) return true;
        if (cells.length >= cap) return false;
        this.mark[j] = 1;
        cells.push(j);
        next.push(j);
        return true;
      };
      for (let d = 0; d < radius && frontier.length > 0; d++) {
        const next: number[] = [];
        for (const c of frontier)
          for (let k = m.cellRelStart[c]; k < m.cellRelStart[c + 1]; k++) {
            const r = m.cellRel[k];
            if (this.relMark[r]) continue;
            this.relMark[r] = 1;
            expanded.push(r);
            const from = m.relStart[r];
            const to = m.relStart[r + 1];
            if (!prune || to - from <= WIDE_RELATION) {
              for (let q = from; q < to; q++) complete = take(m.relCell[q], next) && complete;
              continue;
            }
            // A wide relation (a regio's sum over hundreds of gemeenten): its unpublished cells,
            // and of the published ones only the cheapest few with some room. Leaving cells out
            // only restricts the witness, it never makes a wrong one.
            // The cheapest few by (cost, index), kept sorted by insertion: no sort of hundreds.
            const cheap: number[] = [];
            const cheapCost: number[] = [];
            for (let q = from; q < to; q++) {
              const j = m.relCell[q];
              if (this.status[j] !== PUBLISHED) {
                complete = take(j, next) && complete;
                continue;
              }
              if (this.mark[j] || !this.movable(j) || !(m.value[j] > 0)) continue;
              const w = this.cost(j);
              if (cheap.length === WIDE_PUBLISHED) {
                complete = false;
                const last = WIDE_PUBLISHED - 1;
                if (w > cheapCost[last] || (w === cheapCost[last] && j > cheap[last])) continue;
                cheap.pop();
                cheapCost.pop();
              }
              let at = cheap.length;
              while (at > 0 && (cheapCost[at - 1] > w || (cheapCost[at - 1] === w && cheap[at - 1] > j)))
                at--;
              cheap.splice(at, 0, j);
              cheapCost.splice(at, 0, w);
            }
            for (const j of cheap) complete = take(j, next) && complete;
          }
        frontier = next;
      }
      if (complete)
        outer: for (const c of frontier)
          for (let k = m.cellRelStart[c]; k < m.cellRelStart[c + 1]; k++) {
            const r = m.cellRel[k];
            for (let q = m.relStart[r]; q < m.relStart[r + 1]; q++)
              if (!this.mark[m.relCell[q]] && this.movable(m.relCell[q])) {
                complete = false;
                break outer;
              }
          }
    } finally {
      for (const c of cells) this.mark[c] = 0;
      for (const r of expanded) this.relMark[r] = 0;
    }
    return {cells, complete};
  }

  /**
   * The neighbourhood of p for one radius of `find` (`before`: the cells of the previous radius).
   * A pruned neighbourhood that reached the cap does not grow with the radius: a wider one walks
   * the same first steps in the same order, takes the same cells up to the cap and no cell after
   * it, and is not complete either. So it is not walked again (nationally most witness searches
   * in a giant component stop at the cap on the first radius).
   */
  private reach(
    p: number,
    radius: number,
    last: boolean,
    before: number[] | null
  ): {cells: number[]; complete: boolean} {
    if (!last && before !== null && before.length >= PRUNED_CELLS) return {cells: before, complete: false};
    return this.neighbourhood([p], radius, last ? MAX_WITNESS_CELLS : PRUNED_CELLS, !last);
  }

  /**
   * A witness moving p by up to `target` in direction `dir` (+1 up, -1 down): the cheapest one
   * that moves it by the full target, or else one that moves it as far as possible. Tries wider
   * neighbourhoods while the target is not reached. Null when p cannot move at all. With
   * `allowKeys`, published key totals may move too, at the highest cost of all. Without
   * `exhaustive`, a cell that does not move at all in the pruned neighbourhoods is given up;
   * with it, the last LP covers everything p can reach (up to `MAX_WITNESS_CELLS`).
   */
  find(
    p: number,
    dir: 1 | -1,
    target: number,
    allowKeys = false,
    exhaustive = false,
    base?: (j: number) => number
  ): Witness | null {
    this.keys = allowKeys;
    let best: Witness | null = null;
    let stalled = 0;
    let previous: {cells: number[]; w: Witness | null} | null = null;
    for (const radius of [...RADII, LAST_RADIUS]) {
      const last = radius === LAST_RADIUS;
      // The last, widest LP only for a cell that moved, but not far enough (or when asked to
      // leave no stone unturned).
      if (last && !best && !exhaustive) break;
      const {cells, complete} = this.reach(p, radius, last, previous?.cells ?? null);
      const t0 = performance.now();
      // The same region as the previous radius (a capped neighbourhood does not grow), or as an
      // earlier search with the same question and statuses: the same LP, so the same answer.
      const key = base ? null : `${p}|${dir}|${target}|${allowKeys ? 1 : 0}|${radius}`;
      const known = key === null ? undefined : this.memo.get(key);
      let w: Witness | null;
      let reused = true;
      let proven = false;
      if (previous && sameCells(previous.cells, cells)) w = previous.w;
      else if (known && sameCells(known.cells, cells)) w = known.w;
      else {
        reused = false;
        const from = base ?? this.trueValue;
        const lp = regionLp(this.highs, this.model, cells, (j) => this.cost(j), from, this.scratch);
        // Bound propagation first: when it proves that p cannot move here, both LPs of the
        // query would return null (see `cannotMove`), and the region is not set up at all.
        const at = cells[0] === p ? 0 : cells.indexOf(p);
        if (at >= 0 && cannotMove(lp, at, dir, target, this.bounds)) {
          w = null;
          proven = true;
          this.proven++;
        } else {
          const region = new WitnessRegion(
            this.highs,
            this.model,
            this.status,
            cells,
            (j) => this.cost(j),
            from,
            this.scratch,
            lp
          );
          try {
            w = region.query(p, dir, target);
          } finally {
            this.solves += region.solves;
            region.dispose();
          }
        }
        if (key !== null) this.memo.set(key, {cells, w});
      }
      previous = {cells, w};
      this.trace?.(
        `witness r=${radius} cells=${cells.length} complete=${complete} dir=${dir} target=${target.toFixed(2)} achieved=${w ? w.achieved.toFixed(2) : "-"} moved=${w ? w.cells.length : 0} ${Math.round(performance.now() - t0)}ms${reused ? " (zelfde LP, hergebruikt)" : proven ? " (zonder LP: begrenzing bewijst het)" : ""}`
      );
      if (w && (!best || w.achieved > best.achieved + EPS)) {
        best = w;
        stalled = 0;
      } else if (best) stalled++;
      if (best && best.achieved >= target - EPS) return best;
      // The neighbourhood holds every cell p can reach, or two wider ones moved p no further
      // than a smaller one: stop (the caller's last resort is always safe; it costs information,
      // not safety).
      if (complete || (stalled >= 2 && !exhaustive)) break;
    }
    return best;
  }
}

/** Whether two regions hold the same cells in the same order (then their LPs are the same). */
function sameCells(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The HiGHS model of a witness LP: no presolve (it would be redone for every query and lose the
 * basis), dual simplex (a query changes the bounds of one cell, after which the previous optimal
 * basis stays dual feasible).
 */
function createWitnessSolver(highs: Highs): Model {
  const model = highs.createModel();
  model.options.set({output_flag: false, presolve: "off", solver: "simplex", simplex_strategy: 1});
  return model;
}

/**
 * Checks that a witness is a feasible deviation from its base point: every relation it touches
 * still holds (within a small tolerance) and no cell goes below 0. A witness that fails the check
 * is not used as a proof.
 */
export function witnessHolds(
  model: TableModel,
  w: Witness,
  base: (j: number) => number = (j) => model.value[j]
): boolean {
  const dev = new Map<number, number>();
  w.cells.forEach((c, i) => dev.set(c, w.delta[i]));
  const rels = new Set<number>();
  for (let i = 0; i < w.cells.length; i++) {
    const c = w.cells[i];
    if (w.values[i] < -1e-7 || model.fixed[c]) return false;
    for (let k = model.cellRelStart[c]; k < model.cellRelStart[c + 1]; k++) rels.add(model.cellRel[k]);
  }
  for (const r of rels) {
    let sum = 0;
    let slack = 0;
    for (let q = model.relStart[r]; q < model.relStart[r + 1]; q++) {
      const j = model.relCell[q];
      sum += model.relCoef[q] * (dev.get(j) ?? 0);
      slack += model.relCoef[q] * base(j);
    }
    if (model.relSense[r] === 0 ? Math.abs(sum) > 1e-6 : sum + slack < -1e-6) return false;
  }
  return true;
}
