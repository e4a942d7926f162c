/**
 * The audit (privacy.md rule 7): for every suppressed cell, its minimum and maximum by linear
 * programming over every published relation, published values fixed, all cells >= 0.
 *
 * The relations split into independent connected components (suppressed cells linked by a
 * relation); each component is one small LP, loaded once into a persistent HiGHS model. For
 * each of its cells only the objective changes (cost vector and sense), so HiGHS re-solves
 * from the previous optimal basis: a warm start, with no re-parsing and no model rebuild.
 * Upper bounds `x <= parent total` are implied by the relations and non-negativity, so they
 * are not added separately.
 */
import {runTsWorker} from "../worker-thread.ts";
import type {Highs, Model} from "highs";
import {PRIMARY, PUBLISHED, RULE_PPERCENT, RULE_THRESHOLD, RULE_ZERO, type PrimaryResult} from "./primary.ts";
import type {TableModel} from "./table-model.ts";

type HighsFactory = () => Promise<Highs>;
let solverPromise: Promise<Highs> | null = null;

/** Loads the HiGHS WebAssembly solver once per process. */
export function loadSolver(): Promise<Highs> {
  // highs ships CJS types with an ESM build; depending on the loader the factory is the
  // default export or the default of the default, so accept both.
  solverPromise ??= import("highs").then((mod) => {
    const m = mod as unknown as {default: HighsFactory | {default: HighsFactory}};
    const factory = typeof m.default === "function" ? m.default : m.default.default;
    return factory();
  });
  return solverPromise;
}

/** A linear system in row form: rowLower <= A x <= rowUpper, colLower <= x <= colUpper. */
export interface LinearSystem {
  numVars: number;
  /** CSR of A: row r has entries rowStart[r]..rowStart[r+1]. */
  rowStart: number[];
  rowIndex: number[];
  rowValue: number[];
  rowLower: number[];
  rowUpper: number[];
  colLower?: number[];
  colUpper?: number[];
}

/** Feasibility interval of each variable, and the number of LP solves used. */
export interface Intervals {
  lo: number[];
  hi: number[];
  /** 1 when [lo, hi] is the exact LP interval; 0 when it is an inner bound (see `proven`). */
  exact: number[];
  solves: number;
}

/** Options of `intervals`. */
export interface IntervalOptions {
  /** A known feasible point (the true values): its coordinates lie inside every interval. */
  start?: ArrayLike<number>;
  /**
   * Returns true when an inner bound [lo, hi] already proves what the caller needs. The range of
   * values a variable took in feasible points seen so far (the start and earlier LP optima) lies
   * inside its exact interval, and every protection criterion only gets easier on a wider
   * interval, so such a variable needs no LP of its own. Without it every variable is solved.
   */
  proven?: (j: number, lo: number, hi: number) => boolean;
  /** Per variable, a range of values known to be feasible (e.g. from swaps); an inner bound. */
  feasibleRange?: {lo: ArrayLike<number>; hi: ArrayLike<number>};
}

/**
 * Feasible ranges without an LP: suppressed cells that take part in exactly the same relations
 * with the same coefficients (e.g. sibling buurten in a plain area hierarchy) can trade value
 * among themselves without changing any relation, so each of them can take any value from 0 to
 * their summed true values. That is a feasible-point argument, as sound as an LP vertex.
 */
export function swapRanges(model: TableModel, cells: readonly number[]): {lo: number[]; hi: number[]} {
  // Plain arrays on purpose: small typed arrays per component are external memory, and on the
  // large heap of a national build they trigger expensive major garbage collections.
  const lo = new Array<number>(cells.length).fill(0);
  const hi = new Array<number>(cells.length).fill(0);
  const groups = new Map<string, number[]>();
  cells.forEach((c, j) => {
    lo[j] = model.value[c];
    hi[j] = model.value[c];
    const parts: string[] = [];
    for (let k = model.cellRelStart[c]; k < model.cellRelStart[c + 1]; k++) {
      const r = model.cellRel[k];
      let coef = 0;
      for (let q = model.relStart[r]; q < model.relStart[r + 1]; q++)
        if (model.relCell[q] === c) coef = model.relCoef[q];
      parts.push(`${r}:${coef}`);
    }
    const key = parts.join(",");
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(j);
  });
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    let total = 0;
    for (const j of g) total += model.value[cells[j]];
    for (const j of g) {
      lo[j] = 0;
      hi[j] = total;
    }
  }
  return {lo, hi};
}

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
    simplex_strategy: 4,
    simplex_scale_strategy: 0
  });
  return model;
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
  model.passModel({
    numCols: n,
    numRows: m,
    colCost: new Array<number>(n).fill(0),
    colLower: sys.colLower ?? new Array<number>(n).fill(0),
    colUpper: sys.colUpper ?? new Array<number>(n).fill(highs.infinity),
    rowLower: sys.rowLower,
    rowUpper: sys.rowUpper,
    matrix: {
      format: "csr",
      numRows: m,
      numCols: n,
      starts: sys.rowStart,
      indices: sys.rowIndex,
      values: sys.rowValue
    }
  });
  let solves = 0;
  const {minimize, maximize} = highs.constants.objectiveSense;
  const status = highs.constants.modelStatus;
  let costed = -1;
  const solve = (j: number, sense: typeof minimize) => {
    if (costed !== j) {
      if (costed >= 0) model.changeColCost(costed, 0);
      model.changeColCost(j, 1);
      costed = j;
    }
    model.changeObjectiveSense(sense);
    model.run();
    solves++;
    const s = model.getModelStatus();
    if (s === status.optimal) {
      const value = model.getObjectiveValue();
      if (options.proven) seen(model.getSolution().colValue);
      if (sense === maximize) {
        hi[j] = value;
        exactHi[j] = 1;
      } else {
        lo[j] = value;
        exactLo[j] = 1;
      }
    } else if ((s === status.unbounded || s === status.unboundedOrInfeasible) && sense === maximize) {
      hi[j] = Infinity;
      exactHi[j] = 1;
    } else {
      throw new Error(`Audit: LP eindigde met status ${s} (de gepubliceerde relaties zijn niet consistent)`);
    }
  };
  try {
    // Large components: a few solves with a weighted sum of all unsettled variables as the
    // objective first. Each optimum is a feasible point (a vertex far out in a random
    // direction) that widens the inner bounds of many variables at once, so most of them need
    // no LP of their own. Weights come from a fixed-seed generator: the audit stays
    // deterministic. Only the inner bounds change; every verdict still rests on feasible points
    // or exact optima.
    if (options.proven && n >= BATCH_MIN_VARS) {
      let seed = 0x2545f491;
      const random = () => {
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        return (seed >>> 0) / 4294967296;
      };
      const zero = new Array<number>(n).fill(0);
      for (let round = 0; round < BATCH_ROUNDS; round++) {
        for (const sense of [maximize, minimize]) {
          const cost = new Array<number>(n);
          let any = false;
          for (let j = 0; j < n; j++) {
            const open = !settled(j);
            cost[j] = open ? 0.5 + random() : 0;
            any ||= open;
          }
          if (!any) break;
          model.changeColsCost({kind: "range", from: 0, to: n - 1}, cost);
          model.changeObjectiveSense(sense);
          model.run();
          solves++;
          if (model.getModelStatus() === status.optimal) seen(model.getSolution().colValue);
        }
      }
      model.changeColsCost({kind: "range", from: 0, to: n - 1}, zero);
      costed = -1;
    }
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
    if (!solver) model.dispose();
  }
  const exact = new Array<number>(n).fill(0);
  for (let j = 0; j < n; j++) exact[j] = exactLo[j] & exactHi[j];
  return {lo, hi, exact, solves};
}

/** Components with at least this many variables start with weighted-sum solves (`intervals`). */
const BATCH_MIN_VARS = 300;
/** Rounds of weighted-sum solves (one maximum and one minimum each). */
const BATCH_ROUNDS = 8;

/** Tolerance for comparing LP results with integer counts. */
const EPS = 1e-6;

/**
 * Whether a suppressed cell is protected by its interval [lo, hi]:
 * threshold cells need width >= k with the true value strictly inside; p%-cells need the
 * interval to reach the protection level on both sides (the lower side capped at 0); sensitive
 * zeros need to reach k; every suppressed cell needs hi > lo.
 */
export function isProtected(
  model: TableModel,
  primary: PrimaryResult,
  i: number,
  lo: number,
  hi: number
): boolean {
  if (!(hi - lo > EPS)) return false;
  if (primary.status[i] !== PRIMARY) return true;
  const v = model.value[i];
  const p = primary.protection[i];
  switch (primary.rule[i]) {
    case RULE_THRESHOLD:
      return hi - lo >= p - EPS && lo < v - EPS && hi > v + EPS;
    case RULE_PPERCENT:
      return hi >= v + p - EPS && lo <= Math.max(0, v - p) + EPS;
    case RULE_ZERO:
      return hi >= p - EPS;
    default:
      return true;
  }
}

/** Outcome of auditing (part of) a model. */
export interface AuditOutcome {
  /** Interval per cell; NaN where not audited. */
  lo: Float64Array;
  hi: Float64Array;
  /** Cells that failed their protection criterion. */
  failures: number[];
  audited: number;
  components: number;
  solves: number;
}

/**
 * Adds the intervals of an earlier audit as inner bounds. Suppressing more cells only removes
 * constraints (a published value becomes a variable that may still take that value), so every
 * point that was feasible before is feasible now and earlier intervals stay inside the new ones:
 * a cell proven safe before needs no new LP after a repair.
 */
function withPrevious(
  range: {lo: number[]; hi: number[]},
  cells: readonly number[],
  previous?: AuditOutcome
): {lo: number[]; hi: number[]} {
  if (!previous) return range;
  cells.forEach((c, j) => {
    const lo = previous.lo[c];
    const hi = previous.hi[c];
    if (Number.isNaN(lo) || Number.isNaN(hi)) return;
    if (lo < range.lo[j]) range.lo[j] = lo;
    if (hi > range.hi[j]) range.hi[j] = hi;
  });
  return range;
}

/** Suppressed cells grouped into independent components (union-find over relations). */
export function components(model: TableModel, status: Uint8Array): number[][] {
  const parent = new Int32Array(model.n).fill(-1);
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
  const col = new Map<number, number>();
  cells.forEach((c, j) => col.set(c, j));
  const rows = new Set<number>();
  for (const c of cells)
    for (let k = model.cellRelStart[c]; k < model.cellRelStart[c + 1]; k++) rows.add(model.cellRel[k]);
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
        sys.rowIndex.push(col.get(j) as number);
        sys.rowValue.push(model.relCoef[k]);
      }
    }
    sys.rowStart.push(sys.rowIndex.length);
    sys.rowLower.push(rhs);
    sys.rowUpper.push(model.relSense[r] === 0 ? rhs : Infinity);
  }
  return sys;
}

/** One component's audit, self-contained so that a worker thread can solve it. */
export interface AuditJob {
  cells: number[];
  sys: LinearSystem;
  start: number[];
  feasibleRange?: {lo: number[]; hi: number[]};
  /** Per variable: PRIMARY or not, RULE_*, protection, true value (for the proof predicate). */
  primary: number[];
  rule: number[];
  protection: number[];
  value: number[];
  exact: boolean;
}

/** `isProtected` on plain per-cell values (shared by the main thread and audit workers). */
export function isProtectedValues(
  isPrimary: boolean,
  rule: number,
  p: number,
  v: number,
  lo: number,
  hi: number
): boolean {
  if (!(hi - lo > EPS)) return false;
  if (!isPrimary) return true;
  switch (rule) {
    case RULE_THRESHOLD:
      return hi - lo >= p - EPS && lo < v - EPS && hi > v + EPS;
    case RULE_PPERCENT:
      return hi >= v + p - EPS && lo <= Math.max(0, v - p) + EPS;
    case RULE_ZERO:
      return hi >= p - EPS;
    default:
      return true;
  }
}

/** Builds the job of one component. */
export function prepareJob(
  model: TableModel,
  primary: PrimaryResult,
  cells: number[],
  previous: AuditOutcome | undefined,
  exact: boolean
): AuditJob {
  const sys = componentSystem(model, primary.status, cells);
  return {
    cells,
    sys,
    start: cells.map((c) => model.value[c]),
    feasibleRange: exact ? undefined : withPrevious(swapRanges(model, cells), cells, previous),
    primary: cells.map((c) => (primary.status[c] === PRIMARY ? 1 : 0)),
    rule: cells.map((c) => primary.rule[c]),
    protection: cells.map((c) => primary.protection[c]),
    value: cells.map((c) => model.value[c]),
    exact
  };
}

/** Solves one job with a persistent solver. */
export function solveJob(highs: Highs, solver: Model, job: AuditJob): Intervals {
  const sys = job.sys;
  sys.rowUpper = sys.rowUpper.map((u) => (u === Infinity ? highs.infinity : u));
  return intervals(
    highs,
    sys,
    {
      start: job.start,
      feasibleRange: job.feasibleRange,
      proven: job.exact
        ? undefined
        : (j, l, h) =>
            isProtectedValues(job.primary[j] === 1, job.rule[j], job.protection[j], job.value[j], l, h)
    },
    solver
  );
}

/** With GATE_DEBUG: memory at a phase boundary (heap, native, array buffers), on stderr. */
export function memNote(label: string): void {
  if (!process.env.GATE_DEBUG) return;
  const m = process.memoryUsage();
  const mb = (x: number) => Math.round(x / 2 ** 20);
  process.stderr.write(
    `geheugen ${label}: rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} MB, extern ${mb(m.external)} MB (buffers ${mb(m.arrayBuffers)} MB), piek ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`
  );
}

/** Jobs below this many suppressed cells in total are not worth a worker thread. */
const PARALLEL_MIN_CELLS = 20_000;

/** Solves jobs in a worker thread; rejects when no worker can run here (e.g. no TS loader). */
function solveInWorker(jobs: AuditJob[]): Promise<Intervals[]> {
  try {
    return runTsWorker<Intervals[]>(new URL("./audit-worker.ts", import.meta.url), {workerData: {jobs}});
  } catch (e) {
    return Promise.reject(e);
  }
}

/**
 * Audits the suppressed cells of the model, component by component. With `only`, audits only
 * the components that contain one of those cells (re-audit after a repair) and keeps the
 * previous intervals from `previous` for the rest. Unless `exactIntervals`, a cell whose
 * protection is already proven by feasible points gets no LP of its own, and its interval is an
 * inner bound (see `intervals`). Large audits are split over this thread and one worker thread
 * (components are independent); where no worker can start, everything runs here.
 */
export async function auditModelParallel(
  model: TableModel,
  primary: PrimaryResult,
  highs: Highs,
  only?: Set<number>,
  previous?: AuditOutcome,
  exactIntervals = false
): Promise<AuditOutcome> {
  const lo = previous?.lo ?? new Float64Array(model.n).fill(NaN);
  const hi = previous?.hi ?? new Float64Array(model.n).fill(NaN);
  const jobs: AuditJob[] = [];
  let audited = 0;
  for (const cells of components(model, primary.status)) {
    if (only && !cells.some((c) => only.has(c))) continue;
    jobs.push(prepareJob(model, primary, cells, previous, exactIntervals));
    audited += cells.length;
  }
  // Split by size: every other job by descending size, so both halves get similar work.
  let remote: AuditJob[] = [];
  let local = jobs;
  if (audited >= PARALLEL_MIN_CELLS && process.env.GATE_WORKERS !== "0") {
    const sorted = [...jobs].sort((a, b) => b.cells.length - a.cells.length);
    remote = sorted.filter((_, i) => i % 2 === 1);
    local = sorted.filter((_, i) => i % 2 === 0);
  }
  const remoteResults =
    remote.length > 0
      ? solveInWorker(remote).catch(
          (e) => (process.env.GATE_DEBUG ? process.stderr.write(`audit-worker: ${String(e)}\n`) : 0, null)
        )
      : Promise.resolve([]);
  let solves = 0;
  const apply = (job: AuditJob, r: Intervals) => {
    solves += r.solves;
    job.cells.forEach((c, j) => {
      lo[c] = r.lo[j];
      hi[c] = r.hi[j];
    });
  };
  memNote("auditjobs klaar");
  const solver = createAuditSolver(highs);
  try {
    const tLocal = performance.now();
    for (const job of local) apply(job, solveJob(highs, solver, job));
    const tWait = performance.now();
    const results = await remoteResults;
    if (process.env.GATE_DEBUG)
      process.stderr.write(
        `audit: ${jobs.length} componenten (${audited} cellen), hier ${local.length} in ${Math.round(tWait - tLocal)} ms, worker ${remote.length}, daarna gewacht ${Math.round(performance.now() - tWait)} ms\n`
      );
    if (results === null) {
      // No worker here (e.g. a runtime without the TypeScript loader): solve those jobs too.
      for (const job of remote) apply(job, solveJob(highs, solver, job));
    } else remote.forEach((job, k) => apply(job, results[k]));
  } finally {
    solver.dispose();
  }
  const failures: number[] = [];
  for (let i = 0; i < model.n; i++) {
    if (primary.status[i] === PUBLISHED) continue;
    if (!isProtected(model, primary, i, lo[i], hi[i])) failures.push(i);
  }
  return {lo, hi, failures, audited, components: jobs.length, solves};
}

/**
 * Audits the suppressed cells of the model, component by component. With `only`, audits only
 * the components that contain one of those cells (re-audit after a repair) and keeps the
 * previous intervals from `previous` for the rest. Unless `exactIntervals`, a cell whose
 * protection is already proven by feasible points of earlier solves gets no LP of its own, and
 * its interval is an inner bound (see `intervals`).
 */
export function auditModel(
  model: TableModel,
  primary: PrimaryResult,
  highs: Highs,
  only?: Set<number>,
  previous?: AuditOutcome,
  exactIntervals = false
): AuditOutcome {
  const lo = previous?.lo ?? new Float64Array(model.n).fill(NaN);
  const hi = previous?.hi ?? new Float64Array(model.n).fill(NaN);
  let audited = 0;
  let solves = 0;
  let count = 0;
  const solver = createAuditSolver(highs);
  try {
    for (const cells of components(model, primary.status)) {
      if (only && !cells.some((c) => only.has(c))) continue;
      count++;
      const sys = componentSystem(model, primary.status, cells);
      for (const r of sys.rowUpper.keys()) if (sys.rowUpper[r] === Infinity) sys.rowUpper[r] = highs.infinity;
      const start = cells.map((c) => model.value[c]);
      const result = intervals(
        highs,
        sys,
        {
          start,
          feasibleRange: exactIntervals ? undefined : withPrevious(swapRanges(model, cells), cells, previous),
          proven: exactIntervals ? undefined : (j, l, h) => isProtected(model, primary, cells[j], l, h)
        },
        solver
      );
      solves += result.solves;
      cells.forEach((c, j) => {
        lo[c] = result.lo[j];
        hi[c] = result.hi[j];
      });
      audited += cells.length;
    }
  } finally {
    solver.dispose();
  }
  const failures: number[] = [];
  for (let i = 0; i < model.n; i++) {
    if (primary.status[i] === PUBLISHED) continue;
    if (!isProtected(model, primary, i, lo[i], hi[i])) failures.push(i);
  }
  return {lo, hi, failures, audited, components: count, solves};
}
