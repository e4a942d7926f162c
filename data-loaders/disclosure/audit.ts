/**
 * The audit (privacy.md rule 7): for every suppressed cell, its minimum and maximum by linear
 * programming over every published relation, published values fixed, all cells >= 0. Whether an
 * interval protects its cell is decided by `isProtected` (protection.ts), the one predicate.
 *
 * The relations split into independent connected components (suppressed cells linked by a
 * relation); each component is one small LP, loaded once into a persistent HiGHS model. For
 * each of its cells only the objective changes (cost vector and sense), so HiGHS re-solves
 * from the previous optimal basis: a warm start, with no re-parsing and no model rebuild.
 * Upper bounds `x <= parent total` are implied by the relations and non-negativity, so they
 * are not added separately.
 */
import type {Worker} from "node:worker_threads";
import {startTsWorker} from "../worker-thread.ts";
import type {Highs, Model} from "highs";
import {PRIMARY, PUBLISHED, RULE_NONE, WITHHELD, type PrimaryResult} from "./primary.ts";
import {isProtected, sideTargets, type Need} from "./protection.ts";
import {
  expandAll,
  reduceAll,
  reduceCostAll,
  restrictAll,
  type Choice,
  type LinearSystem,
  type Reduced
} from "./reduce.ts";
import type {TableModel} from "./table-model.ts";
import {float64, int32, isArenaView, uint8} from "./arena.ts";

/** The audit's linear systems, defined with their reduction (reduce.ts). */
export type {LinearSystem};

type HighsFactory = () => Promise<Highs>;
let factoryPromise: Promise<HighsFactory> | null = null;
let solverPromise: Promise<Highs> | null = null;

/** The highs module's factory, imported once per process. */
function highsFactory(): Promise<HighsFactory> {
  // highs ships CJS types with an ESM build; depending on the loader the factory is the
  // default export or the default of the default, so accept both.
  factoryPromise ??= import("highs").then((mod) => {
    const m = mod as unknown as {default: HighsFactory | {default: HighsFactory}};
    return typeof m.default === "function" ? m.default : m.default.default;
  });
  return factoryPromise;
}

/** Loads the HiGHS WebAssembly solver once per process (tests, and the audit's worker thread). */
export function loadSolver(): Promise<Highs> {
  solverPromise ??= highsFactory().then((factory) => factory());
  return solverPromise;
}

/**
 * A HiGHS WebAssembly instance of its own, for one gate run. Within one instance, what an LP
 * returns, and even whether HiGHS solves it or stops with an error, was seen to depend on the LPs
 * solved before it in that instance: fuzz seed 7 after seed 10 in one process stopped with
 * "run failed with HiGHS status -1", and seed 7 gave 227 or 228 withheld cells depending on what
 * ran before it (round 8, docs/performance.md). Each gate therefore gets a new instance, so its
 * outcome depends only on its input. The compiled module is shared, so a new instance costs
 * little next to a gate.
 */
export async function newSolverInstance(): Promise<Highs> {
  return (await highsFactory())();
}

/** Feasibility interval of each variable, and the number of LP solves used. */
export interface Intervals {
  lo: number[];
  hi: number[];
  /** 1 when [lo, hi] is the exact LP interval; 0 when it is an inner bound (see `proven`). */
  exact: number[];
  solves: number;
  /** How many of the solves were batch solves (one LP for many variables; see `targets`). */
  batchSolves?: number;
  /**
   * With `proven`: for every variable still not proven at the end, the feasible points at which
   * it reached its highest (`up`) and lowest (`down`) value, when an LP found them. The repair
   * starts its witnesses there: only the deficit is left to find.
   */
  points?: {j: number; up?: number[]; down?: number[]}[];
}

/** Options of `intervals`. */
export interface IntervalOptions {
  /** A known feasible point (the true values): its coordinates lie inside every interval. */
  start?: ArrayLike<number>;
  /**
   * With `start`: components with at least this many variables begin from a crossover of the
   * start instead of the all-slack basis (default CROSSOVER_MIN_VARS; tests lower it).
   */
  crossoverMinVars?: number;
  /**
   * Components with at least this many variables are solved as an exactly reduced LP (reduce.ts;
   * default REDUCE_MIN_VARS; tests lower it).
   */
  reduceMinVars?: number;
  /**
   * Returns true when an inner bound [lo, hi] already proves what the caller needs. The range of
   * values a variable took in feasible points seen so far (the start and earlier LP optima) lies
   * inside its exact interval, and every protection criterion only gets easier on a wider
   * interval, so such a variable needs no LP of its own. Without it every variable is solved.
   */
  proven?: (j: number, lo: number, hi: number) => boolean;
  /** Per variable, a range of values known to be feasible (e.g. from swaps); an inner bound. */
  feasibleRange?: {lo: ArrayLike<number>; hi: ArrayLike<number>};
  /**
   * With `proven`: for a variable not proven yet, what a feasible point must give it for the
   * inner bound [lo, hi] to move towards proof, per side (`sideTargets` in protection.ts): a value
   * at or below `down`, a value at or above `up` (NaN: that side needs nothing). Enables the
   * batch solves of `intervals`, which certify many variables with one LP.
   */
  targets?: (j: number, lo: number, hi: number) => {down: number; up: number};
}

/**
 * Feasible ranges without an LP (inner bounds, as sound as an LP vertex: each end is the value
 * of a feasible point). Suppressed cells that take part in exactly the same relations with the
 * same coefficients (e.g. sibling buurten in a plain area hierarchy) can trade value among
 * themselves without changing any relation.
 *
 * The same holds for classes of cells that relations tie together: when a relation's only
 * unpublished terms are x and y with coefficients of equal size, x moves exactly as y does
 * (opposite signs, e.g. a wijk and its one unpublished buurt) or against it (equal signs), in
 * every feasible point. Such a class moves as one variable u (each member by +u or -u), whose
 * coefficient in each relation is the signed sum of its members' (0 in the relations that tie
 * it). Classes whose coefficient vectors are equal, up to sign, trade u among themselves: one
 * rises by what the others give up. How far a class can give or take is how far its members can
 * move before one reaches 0; a move of any size up to that is feasible too (convexity), so the
 * ranges are capped at the component's total value where nothing bounds them.
 */
export function swapRanges(
  model: TableModel,
  status: Uint8Array,
  cells: readonly number[]
): {lo: number[]; hi: number[]} {
  return withScratch(model, cells, (scratch) => swapRangesWith(model, status, cells, scratch));
}

/** `swapRanges` with the model's scratch arrays (`pos` is reset by the caller). */
function swapRangesWith(
  model: TableModel,
  status: Uint8Array,
  cells: readonly number[],
  scratch: Scratch
): {lo: number[]; hi: number[]} {
  // The two ranges are the job's: plain arrays on purpose (small typed arrays per component are
  // external memory, and on the large heap of a national build they trigger expensive major
  // garbage collections). Everything else lives in the scratch arrays of `SwapScratch`, reused
  // by every component: nationally 3,491 components and 336,582 cells per audit, whose per-class
  // arrays and objects once cost more in garbage collection than the computation itself.
  const n = cells.length;
  const lo = new Array<number>(n).fill(0);
  const hi = new Array<number>(n).fill(0);
  const at = scratch.pos;
  const w = swapScratch(scratch, n);
  let cap = 1;
  cells.forEach((c, j) => {
    at[c] = j;
    lo[j] = model.value[c];
    hi[j] = model.value[c];
    cap += Math.max(0, model.value[c]);
  });
  // Union-find with orientation: sign[j] = +1 when j moves as its parent, -1 when against it.
  const parent = w.parent;
  const sign = w.sign;
  for (let j = 0; j < n; j++) {
    parent[j] = j;
    sign[j] = 1;
  }
  const find = (x: number): number => {
    let s = 1;
    let r = x;
    while (parent[r] !== r) {
      s *= sign[r];
      r = parent[r];
    }
    // Path compression: point x straight at the root with its accumulated orientation.
    if (parent[x] !== r) {
      parent[x] = r;
      sign[x] = s;
    }
    return r;
  };
  const orient = (x: number) => {
    find(x);
    return parent[x] === x ? 1 : sign[x];
  };
  for (const r of relationsOf(model, cells, scratch)) {
    if (model.relSense[r] !== 0) continue;
    let a = -1;
    let b = -1;
    let ca = 0;
    let cb = 0;
    let count = 0;
    for (let q = model.relStart[r]; q < model.relStart[r + 1] && count <= 2; q++) {
      const c = model.relCell[q];
      if (status[c] === PUBLISHED) continue;
      if (++count === 1) {
        a = c;
        ca = model.relCoef[q];
      } else {
        b = c;
        cb = model.relCoef[q];
      }
    }
    if (count !== 2 || Math.abs(ca) !== Math.abs(cb)) continue;
    const ja = a < 0 ? -1 : at[a];
    const jb = b < 0 ? -1 : at[b];
    if (ja < 0 || jb < 0) continue;
    // ca * da + cb * db = 0: db = -(ca / cb) * da, so b moves with a when the signs differ.
    const with_ = ca === -cb ? 1 : -1;
    const ra = find(ja);
    const rb = find(jb);
    if (ra === rb) continue; // already tied (consistently, since the true values satisfy r)
    // Orientation of ra relative to rb: a = oa * ra, b = ob * rb, a = with_ * b.
    const s = orient(ja) * with_ * orient(jb);
    parent[ra] = rb;
    sign[ra] = s;
  }
  // The classes in order of first appearance, each with its members in order (`memberStart`,
  // `member`: a counting sort by class, so no array per class).
  const classOfRoot = w.classOfRoot;
  const classOf = w.classOf;
  const memberStart = w.memberStart;
  const member = w.member;
  for (let j = 0; j < n; j++) classOfRoot[j] = -1;
  let classCount = 0;
  for (let j = 0; j < n; j++) {
    const root = find(j);
    if (classOfRoot[root] < 0) classOfRoot[root] = classCount++;
    classOf[j] = classOfRoot[root];
  }
  for (let q = 0; q <= classCount; q++) memberStart[q] = 0;
  for (let j = 0; j < n; j++) memberStart[classOf[j] + 1]++;
  for (let q = 0; q < classCount; q++) memberStart[q + 1] += memberStart[q];
  const fillAt = w.fillAt;
  for (let q = 0; q < classCount; q++) fillAt[q] = memberStart[q];
  for (let j = 0; j < n; j++) member[fillAt[classOf[j]]++] = j;
  // Each class's coefficient per relation, in the orientation of its root, summed over its
  // members in order. The coefficient of cell c in relation r comes from `cellRelCoef` instead
  // of a scan of r's terms per entry (the totals over ~345 gemeenten made that scan quadratic in
  // a giant component); a cell listed twice in r has r twice in its relation list (adjacent), and
  // each such entry adds every term of c in r, in term order, as the scan did. Classes are then
  // grouped by coefficient vector up to sign (first coefficient positive): equal vectors, found
  // through a hash of the vector and compared entry by entry. A group's vector is kept in the
  // pools `vecRel`/`vecCoef` (from `groupOff`, `groupLen` entries); a class's group and its
  // orientation in it are `groupOf` (-1: none) and `flipOf`.
  const termCoef = scratch.cellRelCoef;
  const acc = scratch.acc;
  const mark = scratch.mark;
  const groupOf = w.groupOf;
  const flipOf = w.flipOf;
  let groupCount = 0;
  let poolEnd = 0;
  const byHash = new Map<number, number>();
  let touched = w.touched;
  for (let q = 0; q < classCount; q++) {
    groupOf[q] = -1;
    let touchedCount = 0;
    for (let m = memberStart[q]; m < memberStart[q + 1]; m++) {
      const j = member[m];
      const o = orient(j);
      const c = cells[j];
      const first = model.cellRelStart[c];
      const end = model.cellRelStart[c + 1];
      for (let k = first; k < end; k++) {
        const r = model.cellRel[k];
        let a = k;
        while (a > first && model.cellRel[a - 1] === r) a--;
        let b = k + 1;
        while (b < end && model.cellRel[b] === r) b++;
        for (let p = a; p < b; p++) {
          if (!mark[r]) {
            mark[r] = 1;
            acc[r] = 0;
            if (touchedCount === touched.length) touched = w.touched = growInt(touched, touchedCount);
            touched[touchedCount++] = r;
          }
          acc[r] = acc[r] + o * termCoef[p];
        }
      }
    }
    // The class's relations with a nonzero coefficient, staged at the end of the pool.
    let nonzero = 0;
    let len = 0;
    let equalities = true;
    if (poolEnd + touchedCount > w.vecRel.length) w.growPool(poolEnd + touchedCount);
    const vecRel = w.vecRel;
    const vecCoef = w.vecCoef;
    for (let e = 0; e < touchedCount; e++) {
      const r = touched[e];
      mark[r] = 0;
      if (acc[r] === 0) continue;
      nonzero++;
      if (model.relSense[r] === 0) vecRel[poolEnd + len++] = r;
      else equalities = false;
    }
    // A class in an inequality relation is left to the LP (its slack is not tracked here).
    if (!equalities || len !== nonzero) continue;
    // A class whose members cancel in every relation (two siblings that are a published total's
    // only unpublished parts) moves on its own: the empty vector, a group of one.
    if (len === 0) {
      w.setGroup(groupCount, true, poolEnd, 0);
      groupOf[q] = groupCount++;
      flipOf[q] = 1;
      continue;
    }
    vecRel.subarray(poolEnd, poolEnd + len).sort();
    const flip = acc[vecRel[poolEnd]] < 0 ? -1 : 1;
    let h = len;
    for (let e = 0; e < len; e++) {
      const r = vecRel[poolEnd + e];
      const cs = (vecCoef[poolEnd + e] = flip * acc[r]);
      h = (Math.imul(h, 31) + r) | 0;
      h = (Math.imul(h, 31) + ((cs * 65537) | 0)) | 0;
    }
    let g = -1;
    for (let x = byHash.get(h) ?? -1; x >= 0; x = w.nextInHash[x]) {
      if (w.groupLen[x] !== len) continue;
      const off = w.groupOff[x];
      let same = true;
      for (let e = 0; e < len && same; e++)
        same = vecRel[off + e] === vecRel[poolEnd + e] && vecCoef[off + e] === vecCoef[poolEnd + e];
      if (same) {
        g = x;
        break;
      }
    }
    if (g < 0) {
      g = groupCount++;
      w.setGroup(g, false, poolEnd, len);
      w.nextInHash[g] = byHash.get(h) ?? -1;
      byHash.set(h, g);
      poolEnd += len;
    }
    groupOf[q] = g;
    flipOf[q] = flip;
  }
  // The classes of each group in class order (`groupStart`, `groupClass`: a counting sort).
  const groupStart = w.groupStart;
  const groupClass = w.groupClass;
  for (let g = 0; g <= groupCount; g++) groupStart[g] = 0;
  for (let q = 0; q < classCount; q++) if (groupOf[q] >= 0) groupStart[groupOf[q] + 1]++;
  for (let g = 0; g < groupCount; g++) groupStart[g + 1] += groupStart[g];
  for (let g = 0; g < groupCount; g++) fillAt[g] = groupStart[g];
  for (let q = 0; q < classCount; q++) if (groupOf[q] >= 0) groupClass[fillAt[groupOf[q]]++] = q;
  const down = w.down;
  const up = w.up;
  for (let g = 0; g < groupCount; g++) {
    const from = groupStart[g];
    const size = groupStart[g + 1] - from;
    const free = w.groupFree[g] === 1;
    if (size < 2 && !free) continue;
    // Per class, in the group's orientation (u): how far u can fall and rise before a member
    // reaches 0 (a member moving with u bounds its fall, one moving against u its rise).
    for (let t = 0; t < size; t++) {
      const cls = groupClass[from + t];
      const flip = flipOf[cls];
      let d = cap;
      let u = cap;
      for (let m = memberStart[cls]; m < memberStart[cls + 1]; m++) {
        const j = member[m];
        const v = Math.max(0, model.value[cells[j]]);
        if (flip * orient(j) > 0) d = Math.min(d, v);
        else u = Math.min(u, v);
      }
      down[t] = d;
      up[t] = u;
    }
    let sumDown = 0;
    let sumUp = 0;
    for (let t = 0; t < size; t++) sumDown += down[t];
    for (let t = 0; t < size; t++) sumUp += up[t];
    for (let t = 0; t < size; t++) {
      const cls = groupClass[from + t];
      const flip = flipOf[cls];
      // u rises by what the others can give up (their fall), falls by what they can take.
      const rise = free ? up[t] : Math.min(up[t], sumDown - down[t]);
      const fall = free ? down[t] : Math.min(down[t], sumUp - up[t]);
      for (let m = memberStart[cls]; m < memberStart[cls + 1]; m++) {
        const j = member[m];
        const v = model.value[cells[j]];
        const s = flip * orient(j);
        lo[j] = Math.min(lo[j], s > 0 ? v - fall : v - rise);
        hi[j] = Math.max(hi[j], s > 0 ? v + rise : v + fall);
      }
    }
  }
  return {lo, hi};
}

/** A copy of `a` with at least twice its room (the first `used` entries kept). */
function growInt(a: Int32Array, used: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(64, 2 * a.length));
  next.set(a.subarray(0, used));
  return next;
}

/**
 * The working arrays of `swapRanges`, per component position (cell, class or group: each below
 * the component's size), grown to the largest component seen and reused by every component.
 */
class SwapScratch {
  size = 0;
  parent = new Int32Array(0);
  sign = new Int8Array(0);
  classOfRoot = new Int32Array(0);
  classOf = new Int32Array(0);
  memberStart = new Int32Array(1);
  member = new Int32Array(0);
  fillAt = new Int32Array(0);
  groupOf = new Int32Array(0);
  flipOf = new Int8Array(0);
  groupFree = new Uint8Array(0);
  groupOff = new Int32Array(0);
  groupLen = new Int32Array(0);
  nextInHash = new Int32Array(0);
  groupStart = new Int32Array(1);
  groupClass = new Int32Array(0);
  down = new Float64Array(0);
  up = new Float64Array(0);
  /** The relations of the class being summed (grows with `growInt`). */
  touched = new Int32Array(64);
  /** The groups' coefficient vectors: relation and coefficient per entry (grows with the pool). */
  vecRel = new Int32Array(1024);
  vecCoef = new Float64Array(1024);

  /** Room for a component of n cells (at most n classes and n groups). */
  ensure(n: number): void {
    if (n <= this.size) return;
    const size = Math.max(n, 2 * this.size, 1024);
    this.size = size;
    this.parent = new Int32Array(size);
    this.sign = new Int8Array(size);
    this.classOfRoot = new Int32Array(size);
    this.classOf = new Int32Array(size);
    this.memberStart = new Int32Array(size + 1);
    this.member = new Int32Array(size);
    this.fillAt = new Int32Array(size);
    this.groupOf = new Int32Array(size);
    this.flipOf = new Int8Array(size);
    this.groupFree = new Uint8Array(size);
    this.groupOff = new Int32Array(size);
    this.groupLen = new Int32Array(size);
    this.nextInHash = new Int32Array(size);
    this.groupStart = new Int32Array(size + 1);
    this.groupClass = new Int32Array(size);
    this.down = new Float64Array(size);
    this.up = new Float64Array(size);
  }

  /** Room for `need` entries in the vector pool, the entries so far kept. */
  growPool(need: number): void {
    const size = Math.max(need, 2 * this.vecRel.length);
    const rel = new Int32Array(size);
    rel.set(this.vecRel);
    const coef = new Float64Array(size);
    coef.set(this.vecCoef);
    this.vecRel = rel;
    this.vecCoef = coef;
  }

  setGroup(g: number, free: boolean, off: number, len: number): void {
    this.groupFree[g] = free ? 1 : 0;
    this.groupOff[g] = off;
    this.groupLen[g] = len;
  }
}

/** The model's `SwapScratch`, with room for a component of n cells. */
function swapScratch(scratch: Scratch, n: number): SwapScratch {
  scratch.swap.ensure(n);
  return scratch.swap;
}

/**
 * Scratch arrays over a model's cells and relations for preparing the audit's jobs, one set per
 * model and reused by every component (a Map and a Set per component cost seconds nationally),
 * and the coefficient of every entry of `cellRel`.
 */
interface Scratch {
  /** Position of a cell in the component being prepared, -1 elsewhere (reset after each use). */
  pos: Int32Array;
  /** 1 for a relation already listed (`relationsOf`; reset before it returns). */
  mark: Uint8Array;
  /** Per entry k of `cellRel` (cell c, relation r): the coefficient of that term of c in r. */
  cellRelCoef: Float64Array;
  /** Per relation: a class's coefficient while `swapRanges` sums it (valid where `mark` is 1). */
  acc: Float64Array;
  /** The rest of `swapRanges`'s working arrays. */
  swap: SwapScratch;
}
const scratches = new WeakMap<TableModel, Scratch>();

function scratchOf(model: TableModel): Scratch {
  let s = scratches.get(model);
  if (s) return s;
  const n = model.n;
  // The fill order of `cellRel` (table-model.ts): relations ascending, terms in order.
  const cellRelCoef = float64(model.cellRel.length);
  const fill = model.cellRelStart.slice(0, n);
  for (let r = 0; r < model.relCount; r++)
    for (let q = model.relStart[r]; q < model.relStart[r + 1]; q++)
      cellRelCoef[fill[model.relCell[q]]++] = model.relCoef[q];
  s = {
    pos: int32(n).fill(-1),
    mark: uint8(model.relCount),
    cellRelCoef,
    acc: float64(model.relCount),
    swap: new SwapScratch()
  };
  scratches.set(model, s);
  return s;
}

/** Runs `run` with the model's scratch arrays and resets `pos` of the component's cells after. */
function withScratch<T>(model: TableModel, cells: readonly number[], run: (scratch: Scratch) => T): T {
  const scratch = scratchOf(model);
  try {
    return run(scratch);
  } finally {
    for (const c of cells) scratch.pos[c] = -1;
  }
}

/** The relations of a component's cells, in order of first appearance (cells in order). */
function relationsOf(model: TableModel, cells: readonly number[], scratch: Scratch): number[] {
  const mark = scratch.mark;
  const rels: number[] = [];
  for (const c of cells)
    for (let k = model.cellRelStart[c]; k < model.cellRelStart[c + 1]; k++) {
      const r = model.cellRel[k];
      if (!mark[r]) {
        mark[r] = 1;
        rels.push(r);
      }
    }
  for (const r of rels) mark[r] = 0;
  return rels;
}

/** HiGHS' `simplex_strategy` of the audit's LPs: the primal simplex (see `createAuditSolver`). */
const PRIMAL_SIMPLEX = 4;
/** HiGHS' `simplex_strategy` of the rounds of a reduced (giant) component: the dual simplex. */
const DUAL_SIMPLEX = 1;
/** HiGHS' `simplex_dual_edge_weight_strategy`: its default (HiGHS chooses; dual steepest edge here). */
const EDGE_WEIGHTS_CHOOSE = -1;
/** HiGHS' `simplex_dual_edge_weight_strategy`: devex pricing (the rounds of a reduced component). */
const EDGE_WEIGHTS_DEVEX = 1;

/**
 * A persistent HiGHS instance for a whole audit: each component's LP is passed into the same
 * instance (`passModel`), which avoids creating and configuring a solver per component (the
 * dominant cost for the many tiny components of a national build). Dispose when done.
 */
export function createAuditSolver(highs: Highs): Model {
  const model = highs.createModel();
  // Primal simplex: after a cost change the previous optimal basis stays primal feasible, so
  // primal simplex continues from it (the warm start). Scaling and presolve cost more than they
  // save on these small, well-conditioned 0/±1 systems.
  model.options.set({
    output_flag: false,
    presolve: "off",
    solver: "simplex",
    simplex_strategy: PRIMAL_SIMPLEX,
    simplex_scale_strategy: 0
  });
  return model;
}

/** Passes a linear system (CSR rows) into `model` as its LP, with the given costs and column bounds. */
export function passSystem(
  model: Model,
  lp: LinearSystem,
  colCost: number[],
  colLower: number[],
  colUpper: number[]
): void {
  const numRows = lp.rowLower.length;
  model.passModel({
    numCols: lp.numVars,
    numRows,
    colCost,
    colLower,
    colUpper,
    rowLower: lp.rowLower,
    rowUpper: lp.rowUpper,
    matrix: {
      format: "csr",
      numRows,
      numCols: lp.numVars,
      starts: lp.rowStart,
      indices: lp.rowIndex,
      values: lp.rowValue
    }
  });
}

/**
 * Minimises and maximises every variable of a linear system (warm-started between objectives:
 * only the cost vector and sense change, so the simplex starts from the previous optimal basis).
 * With `proven`, it first maximises each unproven variable, then minimises those still unproven,
 * so that the vertices found for one variable often settle its neighbours without their own LP.
 * An unbounded maximum is +Infinity. Throws when the system is infeasible, which means the
 * published relations do not hold. Uses `solver` when given (see `createAuditSolver`).
 */
export function intervals(
  highs: Highs,
  sys: LinearSystem,
  options: IntervalOptions = {},
  solver?: Model
): Intervals {
  const n = sys.numVars;
  const m = sys.rowLower.length;
  const lo = new Array<number>(n).fill(Infinity);
  const hi = new Array<number>(n).fill(-Infinity);
  const exactLo = new Array<number>(n).fill(0);
  const exactHi = new Array<number>(n).fill(0);
  const seen = (x: ArrayLike<number>) => {
    for (let j = 0; j < n; j++) {
      if (!exactLo[j] && x[j] < lo[j]) lo[j] = x[j];
      if (!exactHi[j] && x[j] > hi[j]) hi[j] = x[j];
    }
  };
  if (options.start) seen(options.start);
  if (options.feasibleRange) {
    const r = options.feasibleRange;
    for (let j = 0; j < n; j++) {
      if (r.lo[j] < lo[j]) lo[j] = r.lo[j];
      if (r.hi[j] > hi[j]) hi[j] = r.hi[j];
    }
  }
  const settled = (j: number) => !!options.proven && lo[j] <= hi[j] && options.proven(j, lo[j], hi[j]);
  let allSettled = !!options.proven;
  for (let j = 0; j < n && allSettled; j++) allSettled = settled(j);
  if (allSettled) return {lo, hi, exact: exactLo, solves: 0};
  const model: Model = solver ?? createAuditSolver(highs);
  // A giant component is solved as its exact reduction (reduce.ts): the variables that equality
  // rows define (constants, one side of a two-term row, a total whose parts already bound it) are
  // substituted out, once for all its LPs. Costs move onto the variables left (`reduceCost`) and
  // every optimum is expanded back to all variables (`expand`): the same feasible set in fewer
  // dimensions, so the same optimal values, and every point read is a feasible point of the full
  // system. Nationally this removes a third of the rows of a giant component.
  let red: Reduced | null =
    n >= (options.reduceMinVars ?? REDUCE_MIN_VARS) ? reduceAll(sys, highs.infinity) : null;
  // A reduction to no rows or no columns at all is left to the full LP (HiGHS is not asked to
  // start from a crossover on an empty matrix).
  if (red && (red.sys.numVars === 0 || red.sys.rowLower.length === 0)) red = null;
  const lp = red ? red.sys : sys;
  const nn = lp.numVars;
  const colLower = lp.colLower ?? new Array<number>(nn).fill(0);
  const colUpper = lp.colUpper ?? new Array<number>(nn).fill(highs.infinity);
  passSystem(model, lp, new Array<number>(nn).fill(0), colLower, colUpper);
  // Which member of each merged group of parallel columns takes the free mass: the best one for
  // the last cost vector and sense set (`reduceCost`), so that the expanded point is an optimum.
  let choice: Choice[] | undefined;
  // The solution as a point of the full system.
  const solution = (): ArrayLike<number> => {
    const x = model.getSolution().colValue;
    return red ? expandAll(red, n, x, choice) : x;
  };
  // Sets a cost vector over the full variables for a sense; returns the constant the reduction drops.
  const setCost = (cost: number[], sense: number): number => {
    if (!red) {
      model.changeColsCost({kind: "range", from: 0, to: n - 1}, cost);
      return 0;
    }
    const r = reduceCostAll(red, cost, sense === highs.constants.objectiveSense.maximize ? "max" : "min");
    choice = r.choices;
    model.changeColsCost({kind: "range", from: 0, to: nn - 1}, r.cost);
    return r.offset;
  };
  // A large component's first LP from the all-slack basis must first find a feasible point
  // (phase 1), over thousands of equality rows: nationally ~40% of a giant component's time. The
  // true values are a feasible point, so crossover turns them into a feasible basis (a vertex)
  // and the first LP only optimises from there. Only the starting basis changes: every LP still
  // ends at an optimum (its status is checked), so every bound and verdict rests on the same
  // kind of proof. When crossover fails the all-slack basis is restored.
  if (options.start && n >= (options.crossoverMinVars ?? CROSSOVER_MIN_VARS)) {
    try {
      const start = options.start;
      model.crossover({colValue: red ? restrictAll(red, start) : Array.from(start)});
    } catch {
      model.setLogicalBasis();
    }
  }
  let solves = 0;
  let batchSolves = 0;
  let dualRounds = false;
  const {minimize, maximize} = highs.constants.objectiveSense;
  const status = highs.constants.modelStatus;
  let costed = -1;
  let costedCol = -1;
  let costedSense = -1;
  let denseCost = false;
  let offset = 0;
  const upPoint = new Map<number, number[]>();
  const downPoint = new Map<number, number[]>();
  const solve = (j: number, sense: typeof minimize) => {
    // A cost vector through merged columns depends on the sense (`reduceCost`): set it again
    // when only the sense changed.
    if (costed !== j || (denseCost && costedSense !== sense && red!.merged)) {
      // The objective x_j: one column's cost when x_j is a column of the LP, else (eliminated
      // by the reduction) the cost vector that x_j's definition puts on the columns left.
      const col = red ? red.at[j] : j;
      if (col >= 0 && !denseCost) {
        if (costed >= 0) model.changeColCost(costedCol, 0);
        model.changeColCost(col, 1);
        offset = 0;
      } else if (col >= 0) {
        const unit = new Array<number>(nn).fill(0);
        unit[col] = 1;
        model.changeColsCost({kind: "range", from: 0, to: nn - 1}, unit);
        offset = 0;
        denseCost = false;
      } else {
        const unit = new Array<number>(n).fill(0);
        unit[j] = 1;
        offset = setCost(unit, sense);
        denseCost = true;
      }
      costed = j;
      costedCol = col;
      costedSense = sense;
    }
    model.changeObjectiveSense(sense);
    model.run();
    solves++;
    const s = model.getModelStatus();
    if (s === status.optimal) {
      const value = model.getObjectiveValue() + offset;
      const x = options.proven ? solution() : null;
      if (x) seen(x);
      if (sense === maximize) {
        hi[j] = value;
        exactHi[j] = 1;
      } else {
        lo[j] = value;
        exactLo[j] = 1;
      }
      // Keep the optimum of a variable that is still not proven (it is likely to fail).
      if (x && !settled(j)) (sense === maximize ? upPoint : downPoint).set(j, Array.from(x));
    } else if ((s === status.unbounded || s === status.unboundedOrInfeasible) && sense === maximize) {
      hi[j] = Infinity;
      exactHi[j] = 1;
    } else {
      throw new Error(`Audit: LP eindigde met status ${s} (de gepubliceerde relaties zijn niet consistent)`);
    }
  };
  // Batch certification: one LP for many variables at once. "Down": minimise a weighted sum of
  // every variable that still needs a lower point; "up": maximise a weighted sum of every
  // variable that still needs a higher point, each capped at the value it needs (a tighter upper
  // bound only shrinks the feasible set, so the optimum is still a feasible point of the
  // system; the cap keeps one variable from taking all the room its neighbours need). Each
  // optimum is a feasible point, so it widens the inner bounds exactly as an LP of one variable
  // would, and it usually settles most of the variables in one go. Rounds go on while they
  // settle at least `BATCH_MIN_SETTLED` variables; what is left gets LPs of its own below.
  const certifyInBatches = () => {
    const targets = options.targets!;
    const random = xorshift(0x9e3779b9);
    const cost = new Array<number>(n);
    for (const sense of [minimize, maximize]) {
      const up = sense === maximize;
      for (let round = 0; round < BATCH_MAX_ROUNDS; round++) {
        const members: number[] = [];
        const aim: number[] = [];
        cost.fill(0);
        for (let j = 0; j < n; j++) {
          if (settled(j)) continue;
          const t = targets(j, lo[j], hi[j]);
          const want = up ? t.up : t.down;
          if (Number.isNaN(want)) continue;
          members.push(j);
          aim.push(want);
          cost[j] = 0.5 + random();
        }
        if (members.length < 2) break;
        let capped = false;
        if (up) {
          // Caps on the variables of the LP (in a reduced LP, an eliminated variable is uncapped:
          // the cap only steers, any optimum is a feasible point either way).
          const caps = colUpper.slice();
          members.forEach((j, q) => {
            const col = red ? red.at[j] : j;
            if (col >= 0 && aim[q] < caps[col]) {
              caps[col] = aim[q];
              capped = true;
            }
          });
          if (capped) model.changeColsBounds({kind: "range", from: 0, to: nn - 1}, colLower, caps);
        }
        setCost(cost, sense);
        model.changeObjectiveSense(sense);
        model.run();
        solves++;
        batchSolves++;
        const ok = model.getModelStatus() === status.optimal;
        // Read the point before the bounds go back (a change of bounds discards the solution).
        if (ok) seen(solution());
        if (capped) model.changeColsBounds({kind: "range", from: 0, to: nn - 1}, colLower, colUpper);
        if (!ok) break;
        let reached = 0;
        members.forEach((j, q) => {
          if (up ? hi[j] >= aim[q] - 1e-9 : lo[j] <= aim[q] + 1e-9) reached++;
        });
        if (reached < BATCH_MIN_SETTLED) break;
      }
    }
    model.changeColsCost({kind: "range", from: 0, to: nn - 1}, new Array<number>(nn).fill(0));
    costed = -1;
    denseCost = false;
  };
  try {
    // Large components: a few solves with a weighted sum of all unsettled variables as the
    // objective first. Each optimum is a feasible point (a vertex far out in a random
    // direction) that widens the inner bounds of many variables at once, so most of them need
    // no LP of their own. Weights come from a fixed-seed generator: the audit stays
    // deterministic. Only the inner bounds change; every verdict still rests on feasible points
    // or exact optima.
    let unsettled = 0;
    for (let j = 0; j < n; j++) if (!settled(j)) unsettled++;
    if (options.proven && n >= BATCH_MIN_VARS && unsettled >= BATCH_MIN_OPEN) {
      const random = xorshift(0x2545f491);
      const zero = new Array<number>(nn).fill(0);
      let open = n;
      // In a reduced (giant) component the minimum of a round weighs only the open cells that
      // still need a lower point, and is skipped when there are none: nationally after the first
      // round almost every open cell only needs a higher point, and those minima settled nothing.
      const downOnly = !!red && !!options.targets;
      // In a reduced (giant) component the rounds run the dual simplex: after a new random cost
      // vector the previous basis is still primal feasible, but nationally the dual simplex
      // reaches the new optimum in less time (harness, 11 giant components: the rounds' LPs
      // ~7.1 -> ~5.8 s cpu). With devex pricing instead of HiGHS' choice (dual steepest edge):
      // nationally 32% fewer dual iterations (231,179 -> 157,122 in the 11 giant components) at
      // the same time per iteration. Once fewer than `ROUNDS_PRIMAL_BELOW` variables are open,
      // the rounds go back to the primal simplex: a new cost vector then only weighs those few,
      // and the primal simplex reaches that optimum from the previous vertex in a few dozen to a
      // few hundred iterations, where the dual simplex takes about a thousand whatever is open.
      // Every optimum is still a feasible point; only which one changes.
      if (red) {
        model.options.set({
          simplex_strategy: DUAL_SIMPLEX,
          simplex_dual_edge_weight_strategy: EDGE_WEIGHTS_DEVEX
        });
        dualRounds = true;
      }
      for (let round = 0; round < BATCH_MAX_ROUNDS; round++) {
        for (const sense of [maximize, minimize]) {
          const cost = new Array<number>(n);
          let any = false;
          let anyDown = false;
          for (let j = 0; j < n; j++) {
            const unsettled = !settled(j);
            cost[j] = unsettled ? 0.5 + random() : 0;
            any ||= unsettled;
            if (unsettled && downOnly && sense === minimize) {
              if (Number.isNaN(options.targets!(j, lo[j], hi[j]).down)) cost[j] = 0;
              else anyDown = true;
            }
          }
          if (!any) break;
          if (downOnly && sense === minimize && !anyDown) continue;
          setCost(cost, sense);
          model.changeObjectiveSense(sense);
          model.run();
          solves++;
          if (model.getModelStatus() === status.optimal) seen(solution());
        }
        // Go on while a round still settles a fair share of what is open.
        let now = 0;
        for (let j = 0; j < n; j++) if (!settled(j)) now++;
        if (round + 1 >= BATCH_ROUNDS && open - now < BATCH_MIN_GAIN * open) break;
        open = now;
        if (dualRounds && now < ROUNDS_PRIMAL_BELOW) {
          model.options.set(PRIMAL_AGAIN);
          dualRounds = false;
        }
      }
      model.changeColsCost({kind: "range", from: 0, to: nn - 1}, zero);
      if (dualRounds) {
        model.options.set(PRIMAL_AGAIN);
        dualRounds = false;
      }
      costed = -1;
      denseCost = false;
    }
    if (options.proven && options.targets) certifyInBatches();
    for (let j = 0; j < n; j++) if (!settled(j)) solve(j, maximize);
    for (let j = 0; j < n; j++) {
      if (settled(j)) continue;
      if (!exactHi[j]) solve(j, maximize);
      // Every criterion is easiest with lo = 0 (x >= 0): if even that cannot protect the cell,
      // it fails whatever its minimum is, and its minimum LP is skipped (lo stays an inner bound).
      if (options.proven && exactHi[j] && !options.proven(j, 0, hi[j])) continue;
      solve(j, minimize);
    }
  } finally {
    // The solver is shared by the jobs that follow: back to the primal simplex (see above).
    if (dualRounds) model.options.set(PRIMAL_AGAIN);
    if (!solver) model.dispose();
  }
  const exact = new Array<number>(n).fill(0);
  for (let j = 0; j < n; j++) exact[j] = exactLo[j] & exactHi[j];
  const points: NonNullable<Intervals["points"]> = [];
  if (options.proven)
    for (let j = 0; j < n; j++)
      if (!settled(j) && (upPoint.has(j) || downPoint.has(j)))
        points.push({j, up: upPoint.get(j), down: downPoint.get(j)});
  return {lo, hi, exact, solves, batchSolves, ...(points.length > 0 ? {points} : {})};
}

/**
 * A seeded xorshift generator of numbers in [0, 1): the random objective weights of the batch
 * solves, the same on every run so the audit's outcome is deterministic.
 */
function xorshift(seed: number): () => number {
  return () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
}

/** Batch certification goes on while a round brings this many variables to their target. */
const BATCH_MIN_SETTLED = 2;
/** Components with at least this many variables start with weighted-sum solves (`intervals`), */
const BATCH_MIN_VARS = 300;
/** ... and only when at least this many of its variables are still open. */
const BATCH_MIN_OPEN = 50;
/** Rounds of weighted-sum solves (one maximum and one minimum each), at least. */
const BATCH_ROUNDS = 8;
/** More rounds while the last one settled at least this share of the open variables. */
const BATCH_MIN_GAIN = 0.005;
/** At most this many rounds. */
const BATCH_MAX_ROUNDS = 128;
/**
 * The rounds of a reduced component run the dual simplex (devex) until fewer than this many of
 * its variables are open, then the primal simplex. Measured on the 11 national giant components
 * (harness, in simplex iterations, which do not depend on the load of the machine): 150 gives
 * 112,650 dual + 5,082 primal iterations against 157,122 + 1,010 for the dual simplex throughout
 * (a primal iteration costs ~3 dual ones here); 400 gives 104,833 + 12,384, no better in cpu.
 */
const ROUNDS_PRIMAL_BELOW = 150;
/** The options that set a shared solver back to the audit's primal simplex after dual rounds. */
const PRIMAL_AGAIN = {
  simplex_strategy: PRIMAL_SIMPLEX,
  simplex_dual_edge_weight_strategy: EDGE_WEIGHTS_CHOOSE
} as const;
/**
 * Components with at least this many variables start from a crossover of the true values. The
 * gain was measured on the national input's giant components (over 10,000 cells: 50.2 -> 35.1 s
 * CPU), where phase 1 over thousands of equality rows dominates. A different start can end a
 * degenerate LP at another optimum of the same value, so the repair may pick other, equally valid
 * witnesses; below this size no gain was measured, so smaller components (every component of the
 * demo region) keep the all-slack start and their pattern.
 */
export const CROSSOVER_MIN_VARS = 5000;
/**
 * Components with at least this many variables are solved as their exact reduction (reduce.ts).
 * Measured on the national giant components (over 10,000 cells); the same threshold as the
 * crossover, so that smaller components (every component of the demo region) keep their LPs.
 */
export const REDUCE_MIN_VARS = 5000;

/**
 * What an unpublished cell needs from its interval: the full rule 7 criterion for primary cells,
 * a non-empty interval for secondary cells, and for withheld cells (not part of a published
 * table) only that a cell below the threshold is not exactly determined.
 */
export function needOf(model: TableModel, primary: PrimaryResult, i: number): Need {
  const status = primary.status[i];
  if (status === WITHHELD) {
    // A withheld cell that was primary: not exactly determined; any other withheld cell: nothing.
    return primary.rule[i] === RULE_NONE
      ? {primary: false, rule: RULE_NONE, p: 0, v: model.value[i], free: true}
      : {primary: false, rule: RULE_NONE, p: 0, v: model.value[i]};
  }
  // A hidden part that is not sensitive: nothing (it is never published, determined or not).
  if (model.hidden[i] && status !== PRIMARY)
    return {primary: false, rule: RULE_NONE, p: 0, v: model.value[i], free: true};
  return {
    primary: status === PRIMARY,
    rule: primary.rule[i],
    p: primary.protection[i],
    v: model.value[i]
  };
}

/**
 * Inner bounds of every cell's feasibility interval, kept for the whole gate run: the range of
 * values the cell took in feasible points found so far (true values, LP optima, repair witnesses).
 * Suppressing more cells only removes constraints, so a point feasible once stays feasible and
 * these bounds stay valid (NaN: nothing known yet).
 */
export interface InnerBounds {
  lo: Float64Array;
  hi: Float64Array;
}

/** Fresh inner bounds for a model of n cells. */
export function innerBounds(n: number): InnerBounds {
  return {lo: float64(n).fill(NaN), hi: float64(n).fill(NaN)};
}

/** Widens the inner bounds of cell c to include x. */
export function widen(inner: InnerBounds, c: number, x: number): void {
  if (!(inner.lo[c] <= x)) inner.lo[c] = x;
  if (!(inner.hi[c] >= x)) inner.hi[c] = x;
}

/** Suppressed cells grouped into independent components (union-find over relations). */
export function components(model: TableModel, status: Uint8Array): number[][] {
  const parent = int32(model.n).fill(-1);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let i = 0; i < model.n; i++) if (status[i] !== PUBLISHED) parent[i] = i;
  for (let r = 0; r < model.relCount; r++) {
    let first = -1;
    for (let k = model.relStart[r]; k < model.relStart[r + 1]; k++) {
      const j = model.relCell[k];
      if (status[j] === PUBLISHED) continue;
      if (first < 0) first = find(j);
      else {
        const root = find(j);
        if (root !== first) parent[root] = first;
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < model.n; i++) {
    if (status[i] === PUBLISHED) continue;
    const root = find(i);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = []));
    g.push(i);
  }
  return [...groups.values()];
}

/** The LP of one component: its suppressed cells as variables, its relations as rows. */
export function componentSystem(model: TableModel, status: Uint8Array, cells: number[]): LinearSystem {
  return withScratch(model, cells, (scratch) => componentSystemWith(model, status, cells, scratch));
}

/** `componentSystem` with the model's scratch arrays (`pos` is reset by the caller). */
function componentSystemWith(
  model: TableModel,
  status: Uint8Array,
  cells: number[],
  scratch: Scratch
): LinearSystem {
  const col = scratch.pos;
  cells.forEach((c, j) => (col[c] = j));
  const rows = relationsOf(model, cells, scratch);
  const sys: LinearSystem = {
    numVars: cells.length,
    rowStart: [0],
    rowIndex: [],
    rowValue: [],
    rowLower: [],
    rowUpper: []
  };
  for (const r of rows) {
    let rhs = 0;
    for (let k = model.relStart[r]; k < model.relStart[r + 1]; k++) {
      const j = model.relCell[k];
      if (status[j] === PUBLISHED) rhs -= model.relCoef[k] * model.value[j];
      else {
        sys.rowIndex.push(col[j]);
        sys.rowValue.push(model.relCoef[k]);
      }
    }
    sys.rowStart.push(sys.rowIndex.length);
    sys.rowLower.push(rhs);
    sys.rowUpper.push(model.relSense[r] === 0 ? rhs : Infinity);
  }
  return sys;
}

/**
 * Whether a component of a re-audit needs no job: none of its cells became unpublished since its
 * last audit, and its inner bounds (with the true values) already prove every cell.
 *
 * Why that is exact. (1) Same cells: the unpublished cells only grow, and components are the
 * connected parts of "two unpublished cells share a relation". If none of the cells became
 * unpublished since, they were all unpublished then and linked by the same relations, so they
 * lay in one component then; and no other cell of that component can be missing now (it is still
 * unpublished and still linked). So the component, its relations and the values of the published
 * cells in them are what they were: the same LP and the same swap ranges. (2) Same result: its
 * last audit wrote into `inner` bounds that contain the true values and the swap ranges
 * (`intervals` starts from them), and `inner` only widens after that (witness points). A job now
 * would start from those same ranges, find every cell proven (the test below is the first test
 * of `intervals`), solve nothing and write back `inner` as it is. Skipping it changes no bound
 * and no verdict; the final check of `auditModel` still tests every cell.
 */
export function unchangedAndProven(
  model: TableModel,
  primary: PrimaryResult,
  cells: readonly number[],
  inner: InnerBounds,
  unpublishedSince: Set<number>
): boolean {
  for (const c of cells) if (unpublishedSince.has(c)) return false;
  for (const c of cells) {
    const v = model.value[c];
    const lo = Math.min(inner.lo[c], v);
    const hi = Math.max(inner.hi[c], v);
    if (!(lo <= hi && isProtected(needOf(model, primary, c), lo, hi))) return false;
  }
  return true;
}

/** One component's audit, self-contained so that a worker thread can solve it. */
export interface AuditJob {
  cells: number[];
  sys: LinearSystem;
  start: number[];
  feasibleRange?: {lo: number[]; hi: number[]};
  /** What each variable needs (see `needOf`). */
  needs: Need[];
  exact: boolean;
}

/** Builds the job of one component, with the inner bounds known so far as feasible ranges. */
export function prepareJob(
  model: TableModel,
  primary: PrimaryResult,
  cells: number[],
  inner: InnerBounds | undefined,
  exact: boolean
): AuditJob {
  let feasibleRange: AuditJob["feasibleRange"];
  if (!exact) {
    feasibleRange = swapRanges(model, primary.status, cells);
    if (inner)
      cells.forEach((c, j) => {
        if (inner.lo[c] < feasibleRange!.lo[j]) feasibleRange!.lo[j] = inner.lo[c];
        if (inner.hi[c] > feasibleRange!.hi[j]) feasibleRange!.hi[j] = inner.hi[c];
      });
  }
  const job: AuditJob = {
    cells,
    sys: noRows(cells.length),
    start: cells.map((c) => model.value[c]),
    feasibleRange,
    needs: cells.map((c) => needOf(model, primary, c)),
    exact
  };
  // A job whose every cell is proven already solves nothing (`intervals` returns before it reads
  // a row), so its LP is not built: after a repair round every re-audited component is such a
  // job (nationally 51 components, 165,000 cells).
  if (!jobSettled(job)) job.sys = componentSystem(model, primary.status, cells);
  return job;
}

/** The system of a settled job: its variables, no rows (see `prepareJob`). */
function noRows(numVars: number): LinearSystem {
  return {numVars, rowStart: [0], rowIndex: [], rowValue: [], rowLower: [], rowUpper: []};
}

/**
 * Whether every variable of a job is proven before any LP: the start point and the feasible
 * ranges already give each one an inner bound that protects it. Then `solveJob` solves nothing
 * (the same test as the first check of `intervals`).
 */
export function jobSettled(job: AuditJob): boolean {
  if (job.exact) return false;
  const r = job.feasibleRange;
  for (let j = 0; j < job.cells.length; j++) {
    let lo = job.start[j];
    let hi = job.start[j];
    if (r) {
      if (r.lo[j] < lo) lo = r.lo[j];
      if (r.hi[j] > hi) hi = r.hi[j];
    }
    if (!(lo <= hi && isProtected(job.needs[j], lo, hi))) return false;
  }
  return true;
}

/** Solves one job with a persistent solver (`ms`: its time, for the statistics). */
export function solveJob(highs: Highs, solver: Model, job: AuditJob): Intervals & {ms: number} {
  const t0 = performance.now();
  const sys = job.sys;
  sys.rowUpper = sys.rowUpper.map((u) => (u === Infinity ? highs.infinity : u));
  const r = intervals(
    highs,
    sys,
    {
      start: job.start,
      feasibleRange: job.feasibleRange,
      proven: job.exact ? undefined : (j, l, h) => isProtected(job.needs[j], l, h),
      targets: job.exact ? undefined : (j, l, h) => sideTargets(job.needs[j], l, h)
    },
    solver
  );
  return {...r, ms: performance.now() - t0};
}

/** Upper ends of the component-size classes of `lastAuditStats`. */
const SIZE_CLASSES = [1, 2, 5, 20, 100, 300, 1000, 10_000, Infinity];

/**
 * Statistics of the audits since the last full audit (for `npm run bench:gate`): per class of
 * component size, the number of components, LP solves and solve time (ms, summed over both threads).
 */
export const lastAuditStats: {
  components: number[];
  solves: number[];
  ms: number[];
  cells: number[];
  lines: string[];
} = {components: [], solves: [], ms: [], cells: [], lines: []};

function resetAuditStats(): void {
  for (const k of ["components", "solves", "ms", "cells"] as const)
    lastAuditStats[k] = SIZE_CLASSES.map(() => 0);
  lastAuditStats.lines = [];
}

function recordAuditStats(size: number, solves: number, ms: number): void {
  const k = SIZE_CLASSES.findIndex((x) => size <= x);
  lastAuditStats.components[k]++;
  lastAuditStats.cells[k] += size;
  lastAuditStats.solves[k] += solves;
  lastAuditStats.ms[k] += ms;
}

/** The statistics as lines of text (one per size class with components). */
function auditStatsLines(): string[] {
  const s = lastAuditStats;
  const lines: string[] = [];
  SIZE_CLASSES.forEach((x, k) => {
    if (!s.components[k]) return;
    const from = k === 0 ? 1 : SIZE_CLASSES[k - 1] + 1;
    const label = x === Infinity ? `${from}+` : from === x ? `${x}` : `${from}-${x}`;
    lines.push(
      `componenten van ${label} cellen: ${s.components[k]} (${s.cells[k]} cellen), ${s.solves[k]} LP's, ${(s.ms[k] / 1000).toFixed(2)} s`
    );
  });
  return lines;
}

/** Memory at a phase boundary (heap, native, array buffers), for `GateOptions.debug`. */
export function memNote(debug: ((line: string) => void) | undefined, label: string): void {
  if (!debug) return;
  const m = process.memoryUsage();
  const mb = (x: number) => Math.round(x / 2 ** 20);
  debug(
    `geheugen ${label}: rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} MB, extern ${mb(m.external)} MB (buffers ${mb(m.arrayBuffers)} MB), piek ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`
  );
}

/** Jobs below this many suppressed cells in total are not worth a worker thread. */
const PARALLEL_MIN_CELLS = 20_000;

/** The audit's worker thread (see `startAuditWorker`). */
interface AuditWorker {
  /** Hands the worker the claim flags of this audit's shared jobs (before the first job). */
  share: (claims: SharedArrayBuffer) => void;
  /** Offers shared job `id`; the worker solves it unless this thread claimed it first. */
  send: (id: number, job: AuditJob) => void;
  /** The results the worker has sent back so far, by job number. */
  results: Map<number, Intervals & {ms: number}>;
  /**
   * For the debug log, in ms since the worker was started (wall clock, comparable across
   * threads): when it had loaded HiGHS, when the first job was sent to it, and when it began its
   * first job (NaN: not yet).
   */
  timeline: () => {ready: number; firstSent: number; firstJob: number};
  /** Set when the worker failed or exited; the jobs it claimed and did not return are solved here. */
  failure: () => unknown;
  /** Resolves at the next result or failure, or after a short while. */
  tick: () => Promise<void>;
  stop: () => void;
}

/**
 * A worker thread that loads the TypeScript loader and HiGHS at once and then solves the jobs it
 * is offered, one message per job, in order. Started before the jobs are prepared, its start-up
 * (seconds) overlaps with that work. Null when no worker can be started at all.
 */
function startAuditWorker(): AuditWorker | null {
  let worker: Worker;
  try {
    worker = startTsWorker(new URL("./audit-worker.ts", import.meta.url));
  } catch {
    return null;
  }
  const results = new Map<number, Intervals & {ms: number}>();
  let failed: unknown = null;
  let wake: (() => void) | null = null;
  const startedAt = performance.timeOrigin + performance.now();
  let ready = NaN;
  let firstSent = NaN;
  let firstJob = NaN;
  worker.on(
    "message",
    (m: {ready: number} | {id: number; result: Intervals & {ms: number}; startedAt: number}) => {
      if ("ready" in m) {
        ready = m.ready - startedAt;
        return;
      }
      results.set(m.id, m.result);
      if (!(firstJob <= m.startedAt - startedAt)) firstJob = m.startedAt - startedAt;
      wake?.();
    }
  );
  const fail = (e: unknown) => {
    failed ??= e;
    wake?.();
  };
  worker.once("error", fail);
  worker.once("exit", (code) => fail(new Error(`worker audit-worker.ts stopte met code ${code}`)));
  return {
    share: (claims) => worker.postMessage({claims}),
    send: (id, job) => {
      if (Number.isNaN(firstSent)) firstSent = performance.timeOrigin + performance.now() - startedAt;
      // Posting copies a typed array's whole buffer: a view on an arena chunk (arena.ts) would
      // copy hundreds of megabytes per job.
      for (const v of [...Object.values(job), ...Object.values(job.sys)])
        if (ArrayBuffer.isView(v) && isArenaView(v))
          throw new Error("Audit: een taak voor de worker bevat een array uit de arena");
      worker.postMessage({id, job});
    },
    results,
    timeline: () => ({ready, firstSent, firstJob}),
    failure: () => failed,
    tick: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          wake = null;
          resolve();
        };
        const timer = setTimeout(done, 50);
        wake = done;
      }),
    stop: () => void worker.terminate()
  };
}

/** Outcome of an audit: the cells that fail their criterion (intervals are in the inner bounds). */
export interface AuditOutcome {
  /** Unpublished cells whose known interval does not protect them, ascending. */
  failures: number[];
  /** Cells whose interval was (re)computed in this audit. */
  audited: number;
  components: number;
  solves: number;
}

/** Feasible points of a failing cell (see `Intervals.points`), over its component's cells. */
export interface FailPoint {
  cells: number[];
  up?: number[];
  down?: number[];
}

/** Options of `auditModel`. */
export interface AuditOptions {
  /** Receives, per failing cell, the feasible points where it reached its extremes. */
  points?: Map<number, FailPoint>;
  /** Audit only the components that contain one of these cells (a re-audit after a repair). */
  only?: Set<number>;
  /**
   * With `only`: every cell that became unpublished since the components were last audited (by
   * this function, with `inner` kept since). A component without one of them has exactly the
   * cells it had then (see `unchangedAndProven`), so the same LP; when `inner` already proves
   * each of its cells, auditing it would solve nothing and write back the bounds it has, so it is
   * only counted.
   */
  unpublishedSince?: Set<number>;
  /**
   * Exact intervals for every cell (both LPs each). Otherwise a cell whose protection is proven
   * by feasible points already gets no LP of its own, and its interval is an inner bound.
   */
  exact?: boolean;
  /** Split large audits over this thread and one worker thread (default true). */
  workers?: boolean;
  /**
   * The worker is used when the jobs that need LPs hold at least this many cells (default
   * PARALLEL_MIN_CELLS; tests lower it).
   */
  parallelMinCells?: number;
  /**
   * False: this thread claims none of the jobs shared with the worker, so the worker solves them
   * all (tests, to exercise the worker whatever its start-up time; default true).
   */
  claimShared?: boolean;
  debug?: (line: string) => void;
}

/**
 * The audit: every component of suppressed cells (or those in `options.only`) as one LP, its
 * cells' intervals written into `inner`, and every unpublished cell checked against its need.
 * Components are independent, so large audits are split over this thread and one worker thread;
 * where no worker can start, everything runs here, with the same result.
 */
export async function auditModel(
  model: TableModel,
  primary: PrimaryResult,
  highs: Highs,
  inner: InnerBounds,
  options: AuditOptions = {}
): Promise<AuditOutcome> {
  if (!options.only) resetAuditStats();
  // A full audit of a large pattern will use the worker: start it now, so that its start-up
  // overlaps with preparing the jobs (a re-audit decides after preparing, see below).
  const pool: WorkerSlot = {worker: null};
  if (!options.only && options.workers !== false) {
    let unpublished = 0;
    for (let i = 0; i < model.n; i++) if (primary.status[i] !== PUBLISHED) unpublished++;
    if (unpublished >= (options.parallelMinCells ?? PARALLEL_MIN_CELLS)) pool.worker = startAuditWorker();
  }
  try {
    return await auditJobs(model, primary, highs, inner, options, pool);
  } finally {
    // Ends a worker that got no jobs, or that was left running when this thread failed.
    pool.worker?.stop();
  }
}

/** The audit's worker thread, once started (see `startAuditWorker`). */
interface WorkerSlot {
  worker: ReturnType<typeof startAuditWorker>;
}

/** The largest open jobs up to this share of the audit's cells are shared with the worker. */
const SHARED_SHARE = 0.7;

/**
 * The rest of `auditModel`: prepare the jobs, share the large ones with the worker, solve them,
 * check every cell.
 *
 * Sharing: the components are prepared largest first. The open jobs (those that need LPs) among
 * the largest, up to `SHARED_SHARE` of the cells, are shared: each is sent to the worker as soon
 * as it is prepared, and a flag per job in shared memory (`Atomics.compareExchange`) decides who
 * solves it, whoever claims it first. The worker claims them from the largest down, in the order
 * sent; this thread, after preparing every job and solving the smaller ones, claims them from the
 * smallest up, until it meets a job the worker has claimed (then the worker has every larger one).
 * So the worker starts on the giant components while this thread still prepares, neither thread
 * waits for the other to hand it work, and both end at about the same time. The worker is only
 * used when the open jobs hold at least `parallelMinCells` cells: jobs are sent once the prepared
 * ones reach that. A job whose every cell is already proven by its feasible ranges needs no LP
 * (`intervals` returns at once) and stays here. Each job is passed into its solver as a new model,
 * but the solver is reused, and a job's optimum can still depend on which jobs that solver solved
 * before it: with another order (a queue taken from both ends, tried in round 7, see
 * docs/performance.md) fuzz seed 7 ended in a different, also approved pattern. Here the order on
 * each thread is fixed; only the job where the two threads meet can go either way. Nationally
 * every run so far gave the same outcome hash, but this is observed, not proven.
 */
async function auditJobs(
  model: TableModel,
  primary: PrimaryResult,
  highs: Highs,
  inner: InnerBounds,
  options: AuditOptions,
  pool: WorkerSlot
): Promise<AuditOutcome> {
  const exact = options.exact ?? false;
  let audited = 0;
  let unchanged = 0;
  const since = options.only && !exact ? options.unpublishedSince : undefined;
  const selected: number[][] = [];
  let selectedCells = 0;
  for (const cells of components(model, primary.status)) {
    if (options.only && !cells.some((c) => options.only!.has(c))) continue;
    if (since && unchangedAndProven(model, primary, cells, inner, since)) {
      unchanged++;
      recordAuditStats(cells.length, 0, 0);
      continue;
    }
    selected.push(cells);
    selectedCells += cells.length;
  }
  // Largest first (a stable sort: equal sizes keep the order of `components`).
  selected.sort((a, b) => b.length - a.length);
  let solves = 0;
  const apply = (job: AuditJob, r: Intervals & {ms: number}) => {
    solves += r.solves;
    recordAuditStats(job.cells.length, r.solves, r.ms);
    job.cells.forEach((c, j) => {
      inner.lo[c] = r.lo[j];
      inner.hi[c] = r.hi[j];
    });
    if (options.points)
      for (const p of r.points ?? [])
        options.points.set(job.cells[p.j], {cells: job.cells, up: p.up, down: p.down});
  };
  const minCells = options.parallelMinCells ?? PARALLEL_MIN_CELLS;
  const useWorker = options.workers !== false;
  const local: AuditJob[] = [];
  const shared: AuditJob[] = [];
  // Claim flags of the shared jobs: 0 open, 1 this thread, 2 the worker.
  const claims = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, selected.length)));
  let openCells = 0;
  let sharedCells = 0;
  let sent = 0;
  // Sends the shared jobs not sent yet, once the open jobs are large enough for the worker.
  const offer = () => {
    const worker = pool.worker;
    if (!useWorker || !worker || openCells < minCells) return;
    if (sent === 0) worker.share(claims.buffer as SharedArrayBuffer);
    for (; sent < shared.length; sent++) worker.send(sent, shared[sent]);
  };
  const solver = createAuditSolver(highs);
  try {
    const tPrepare = performance.now();
    for (const cells of selected) {
      const job = prepareJob(model, primary, cells, inner, exact);
      audited += cells.length;
      if (jobSettled(job)) {
        local.push(job);
        continue;
      }
      openCells += cells.length;
      if (useWorker && sharedCells + cells.length <= SHARED_SHARE * selectedCells) {
        shared.push(job);
        sharedCells += cells.length;
      } else local.push(job);
      offer();
    }
    // A re-audit starts its worker only now, when its open jobs are large enough.
    if (useWorker && openCells >= minCells && shared.length > 1 && !pool.worker) {
      pool.worker = startAuditWorker();
      offer();
    }
    const tLocal = performance.now();
    for (const job of local) apply(job, solveJob(highs, solver, job));
    let here = local.length;
    const mayClaim = sent === 0 || options.claimShared !== false;
    for (let id = shared.length - 1; id >= 0 && mayClaim; id--) {
      if (Atomics.compareExchange(claims, id, 0, 1) !== 0) break;
      apply(shared[id], solveJob(highs, solver, shared[id]));
      here++;
    }
    const tWait = performance.now();
    // The worker's jobs (every shared job this thread did not claim); when it failed, this
    // thread solves what it did not return.
    let fromWorker = 0;
    let workerMs = 0;
    let failed = false;
    const worker = pool.worker;
    for (let id = 0; id < shared.length; id++) {
      if (claims[id] === 1) continue;
      // A job the worker was sent (with `claimShared` false, it may not have claimed it yet).
      if (worker && id < sent) {
        while (!worker.results.has(id) && !worker.failure()) await worker.tick();
        const r = worker.results.get(id);
        if (r) {
          apply(shared[id], r);
          fromWorker++;
          workerMs += r.ms;
          continue;
        }
        if (!failed) options.debug?.(`audit-worker: ${String(worker.failure())}`);
        failed = true;
      }
      apply(shared[id], solveJob(highs, solver, shared[id]));
    }
    options.debug?.(
      `audit: ${selected.length} componenten (${audited} cellen, ${openCells} open), voorbereid in ${Math.round(tLocal - tPrepare)} ms, hier ${here} in ${Math.round(tWait - tLocal)} ms, worker ${fromWorker}, daarna gewacht ${Math.round(performance.now() - tWait)} ms${worker && sent > 0 ? ` (worker: HiGHS geladen na ${Math.round(worker.timeline().ready)} ms, eerste taak verstuurd na ${Math.round(worker.timeline().firstSent)} ms, begonnen na ${Math.round(worker.timeline().firstJob)} ms, ${Math.round(workerMs)} ms oplossen, ${sent} taken verstuurd)` : ""}${since ? `; ${unchanged} ongewijzigd en al bewezen` : ""}`
    );
  } finally {
    solver.dispose();
  }
  const failures: number[] = [];
  for (let i = 0; i < model.n; i++) {
    if (primary.status[i] === PUBLISHED) continue;
    if (!isProtected(needOf(model, primary, i), inner.lo[i], inner.hi[i])) failures.push(i);
  }
  lastAuditStats.lines = auditStatsLines();
  // An unchanged, proven component counts as audited (its bounds are those of its last audit).
  return {failures, audited, components: selected.length + unchanged, solves};
}
