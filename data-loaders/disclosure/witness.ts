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

/** Cost weight of a total relative to an inner cell of the same value ("totals last"). */
const TOTAL_WEIGHT = 10;
/**
 * Cost weight of a published key total, in the one mode that may move them (a small key total
 * pinned by other key totals alone, e.g. the only small gemeente in the regio's sum).
 */
const KEY_WEIGHT = 1000;
/** Cost per unit of moving a cell that is already unpublished (almost free). */
const FREE_COST = 1e-4;
/** Radii (relation steps from p) tried in turn. */
const RADII = [2, 4, 8, 16, 64];
/** Largest neighbourhood (cells) a witness LP is set up on. */
export const MAX_WITNESS_CELLS = 40_000;

/** A witness: the cells it moves, their deviation from the true value, and how far p moved. */
export interface Witness {
  cells: number[];
  delta: number[];
  /** How far p moved in the asked direction (>= 0; less than asked when no more is possible). */
  achieved: number;
}

/** Reusable state for witness LPs over one model (scratch arrays and one HiGHS model). */
export class WitnessFinder {
  private readonly col: Int32Array;
  private readonly relMark: Int32Array;
  private stamp = 0;
  private readonly relStamp: Int32Array;
  private solver: Model | null = null;
  /** Number of LP solves so far. */
  solves = 0;
  /** Optional trace of every witness LP (radius, columns, rows, ms, achieved), for profiling. */
  trace: ((line: string) => void) | null = null;

  constructor(
    private readonly highs: Highs,
    private readonly model: TableModel,
    private readonly status: Uint8Array
  ) {
    this.col = new Int32Array(model.n).fill(-1);
    this.relMark = new Int32Array(model.relCount);
    this.relStamp = new Int32Array(model.relCount);
  }

  /** Whether published key totals may move (at a high cost) in the current search. */
  private keys = false;

  /** Whether a witness may move cell j: not a public figure, not a published key total. */
  movable(j: number): boolean {
    return !this.model.fixed[j] && (this.keys || !(this.model.key[j] && this.status[j] === PUBLISHED));
  }

  private cost(j: number): number {
    if (this.status[j] !== PUBLISHED) return FREE_COST;
    const weight = this.model.key[j] ? KEY_WEIGHT : this.model.isTotal[j] ? TOTAL_WEIGHT : 1;
    return (1 + this.model.value[j]) * weight;
  }

  /** Movable cells within `radius` relation steps of p (p first), at most `cap` of them. */
  private neighbourhood(p: number, radius: number, cap: number): {cells: number[]; complete: boolean} {
    const m = this.model;
    const cells = [p];
    this.col[p] = 0;
    let frontier = [p];
    let complete = true;
    for (let d = 0; d < radius && frontier.length > 0; d++) {
      const next: number[] = [];
      for (const c of frontier) {
        for (let k = m.cellRelStart[c]; k < m.cellRelStart[c + 1]; k++) {
          const r = m.cellRel[k];
          for (let q = m.relStart[r]; q < m.relStart[r + 1]; q++) {
            const j = m.relCell[q];
            if (this.col[j] >= 0 || !this.movable(j)) continue;
            if (cells.length >= cap) {
              complete = false;
              continue;
            }
            this.col[j] = cells.length;
            cells.push(j);
            next.push(j);
          }
        }
      }
      frontier = next;
    }
    // More cells beyond the radius?
    if (complete && frontier.length > 0) {
      outer: for (const c of frontier)
        for (let k = m.cellRelStart[c]; k < m.cellRelStart[c + 1]; k++) {
          const r = m.cellRel[k];
          for (let q = m.relStart[r]; q < m.relStart[r + 1]; q++) {
            const j = m.relCell[q];
            if (this.col[j] < 0 && this.movable(j)) {
              complete = false;
              break outer;
            }
          }
        }
    }
    return {cells, complete};
  }

  /**
   * A witness moving p by up to `target` in direction `dir` (+1 up, -1 down): the cheapest one
   * that moves it by the full target, or else one that moves it as far as possible. Tries wider
   * neighbourhoods while the target is not reached. Null when p cannot move at all. With
   * `allowKeys`, published key totals may move too, at the highest cost of all.
   */
  find(p: number, dir: 1 | -1, target: number, allowKeys = false): Witness | null {
    this.keys = allowKeys;
    let best: Witness | null = null;
    for (const radius of RADII) {
      const {cells, complete} = this.neighbourhood(p, radius, MAX_WITNESS_CELLS);
      let w: Witness | null;
      const t0 = performance.now();
      try {
        w = this.solve(p, dir, target, cells);
      } finally {
        for (const c of cells) this.col[c] = -1;
      }
      this.trace?.(
        `witness r=${radius} cells=${cells.length} complete=${complete} dir=${dir} target=${target.toFixed(2)} achieved=${w ? w.achieved.toFixed(2) : "-"} moved=${w ? w.cells.length : 0} ${Math.round(performance.now() - t0)}ms`
      );
      if (w && (!best || w.achieved > best.achieved + EPS)) best = w;
      if (best && best.achieved >= target - EPS) return best;
      if (complete) break;
    }
    return best;
  }

  /** Sets up and solves the witness LP on the given cells (p is cells[0]). */
  private solve(p: number, dir: 1 | -1, target: number, cells: number[]): Witness | null {
    const m = this.model;
    const highs = this.highs;
    const n = cells.length;
    // Columns: 0 = delta (p moves by dir * delta); then y+ and y- of every other cell.
    const numCols = 1 + 2 * (n - 1);
    const colOf = (c: number, plus: boolean) => 1 + 2 * (this.col[c] - 1) + (plus ? 0 : 1);
    const stamp = ++this.stamp;
    const rows: number[] = [];
    for (const c of cells)
      for (let k = m.cellRelStart[c]; k < m.cellRelStart[c + 1]; k++) {
        const r = m.cellRel[k];
        if (this.relStamp[r] !== stamp) {
          this.relStamp[r] = stamp;
          rows.push(r);
        }
      }
    const starts: number[] = [0];
    const indices: number[] = [];
    const values: number[] = [];
    const rowLower: number[] = [];
    const rowUpper: number[] = [];
    for (const r of rows) {
      let slack = 0;
      for (let q = m.relStart[r]; q < m.relStart[r + 1]; q++) {
        const j = m.relCell[q];
        const a = m.relCoef[q];
        slack += a * m.value[j];
        if (this.col[j] < 0) continue;
        if (j === p) {
          indices.push(0);
          values.push(a * dir);
        } else {
          indices.push(colOf(j, true), colOf(j, false));
          values.push(a, -a);
        }
      }
      starts.push(indices.length);
      if (m.relSense[r] === 0) {
        rowLower.push(0);
        rowUpper.push(0);
      } else {
        rowLower.push(-Math.max(0, slack));
        rowUpper.push(highs.infinity);
      }
    }
    const colCost = new Array<number>(numCols).fill(0);
    const colLower = new Array<number>(numCols).fill(0);
    const colUpper = new Array<number>(numCols).fill(highs.infinity);
    const cap = dir < 0 ? Math.min(target, m.value[p]) : target;
    colLower[0] = cap;
    colUpper[0] = cap;
    for (let i = 1; i < n; i++) {
      const c = cells[i];
      const cost = this.cost(c);
      colCost[1 + 2 * (i - 1)] = cost;
      colCost[2 + 2 * (i - 1)] = cost;
      colUpper[2 + 2 * (i - 1)] = m.value[c];
    }
    this.solver ??= createWitnessSolver(highs);
    const solver = this.solver;
    solver.passModel({
      numCols,
      numRows: rows.length,
      colCost,
      colLower,
      colUpper,
      rowLower,
      rowUpper,
      matrix: {format: "csr", numRows: rows.length, numCols, starts, indices, values}
    });
    const optimal = highs.constants.modelStatus.optimal;
    const run = () => {
      solver.run();
      this.solves++;
      return solver.getModelStatus() === optimal;
    };
    let achieved = cap;
    if (!(cap > EPS && run())) {
      // The full move is impossible here: first how far p can move at all, then the cheapest
      // way to move it that far.
      solver.changeColsCost({kind: "range", from: 0, to: numCols - 1}, new Array<number>(numCols).fill(0));
      solver.changeColBounds(0, 0, cap);
      solver.changeColCost(0, -1);
      if (!run()) return null;
      achieved = solver.getSolution().colValue[0];
      if (!(achieved > EPS)) return null;
      solver.changeColCost(0, 0);
      solver.changeColsCost({kind: "range", from: 0, to: numCols - 1}, colCost);
      solver.changeColBounds(0, achieved, achieved);
      if (!run()) return null;
    }
    const x = solver.getSolution().colValue;
    const out: Witness = {cells: [p], delta: [dir * achieved], achieved};
    for (let i = 1; i < n; i++) {
      const d = x[1 + 2 * (i - 1)] - x[2 + 2 * (i - 1)];
      if (Math.abs(d) > 1e-9) {
        out.cells.push(cells[i]);
        out.delta.push(d);
      }
    }
    return out;
  }

  /** Releases the HiGHS model. */
  dispose(): void {
    this.solver?.dispose();
    this.solver = null;
  }
}

function createWitnessSolver(highs: Highs): Model {
  const model = highs.createModel();
  model.options.set({output_flag: false});
  return model;
}

/**
 * Checks that a witness is a feasible deviation: every relation it touches still holds for
 * v + y (within a small tolerance) and no cell goes below 0. A witness that fails the check is
 * not used as a proof (the audit then decides by LP).
 */
export function witnessHolds(model: TableModel, w: Witness): boolean {
  const dev = new Map<number, number>();
  w.cells.forEach((c, i) => dev.set(c, w.delta[i]));
  const rels = new Set<number>();
  for (const [c, d] of dev) {
    if (model.value[c] + d < -1e-7 || model.fixed[c]) return false;
    for (let k = model.cellRelStart[c]; k < model.cellRelStart[c + 1]; k++) rels.add(model.cellRel[k]);
  }
  for (const r of rels) {
    let sum = 0;
    let slack = 0;
    for (let q = model.relStart[r]; q < model.relStart[r + 1]; q++) {
      const j = model.relCell[q];
      sum += model.relCoef[q] * (dev.get(j) ?? 0);
      slack += model.relCoef[q] * model.value[j];
    }
    if (model.relSense[r] === 0 ? Math.abs(sum) > 1e-6 : sum + slack < -1e-6) return false;
  }
  return true;
}
