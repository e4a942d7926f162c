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
import {expand, reduceCost, reduceSystem, type LinearSystem, type Reduction} from "./reduce.ts";
import type {TableModel} from "./table-model.ts";

/** The audit's linear systems, defined with their reduction (reduce.ts). */
export type {LinearSystem};

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
  // Plain arrays on purpose: small typed arrays per component are external memory, and on the
  // large heap of a national build they trigger expensive major garbage collections.
  const n = cells.length;
  const lo = new Array<number>(n).fill(0);
  const hi = new Array<number>(n).fill(0);
  const at = new Map<number, number>();
  let cap = 1;
  cells.forEach((c, j) => {
    at.set(c, j);
    lo[j] = model.value[c];
    hi[j] = model.value[c];
    cap += Math.max(0, model.value[c]);
  });
  // Union-find with orientation: sign[j] = +1 when j moves as its parent, -1 when against it.
  const parent = Array.from({length: n}, (_, j) => j);
  const sign = new Array<number>(n).fill(1);
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
  const rels = new Set<number>();
  for (const c of cells)
    for (let k = model.cellRelStart[c]; k < model.cellRelStart[c + 1]; k++) rels.add(model.cellRel[k]);
  for (const r of rels) {
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
    const ja = at.get(a);
    const jb = at.get(b);
    if (ja === undefined || jb === undefined) continue;
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
  // Each class's coefficient per relation, in the orientation of its root.
  const coefs = new Map<number, Map<number, number>>();
  cells.forEach((c, j) => {
    const root = find(j);
    const o = orient(j);
    let m = coefs.get(root);
    if (!m) coefs.set(root, (m = new Map()));
    for (let k = model.cellRelStart[c]; k < model.cellRelStart[c + 1]; k++) {
      const r = model.cellRel[k];
      for (let q = model.relStart[r]; q < model.relStart[r + 1]; q++)
        if (model.relCell[q] === c) m.set(r, (m.get(r) ?? 0) + o * model.relCoef[q]);
    }
  });
  // Group classes by coefficient vector up to sign (first coefficient positive).
  const groups = new Map<string, {root: number; flip: number}[]>();
  for (const [root, m] of coefs) {
    const entries = [...m].filter(([r, coef]) => coef !== 0 && model.relSense[r] === 0);
    // A class in an inequality relation is left to the LP (its slack is not tracked here).
    if (entries.length !== [...m].filter(([, coef]) => coef !== 0).length) continue;
    // A class whose members cancel in every relation (two siblings that are a published total's
    // only unpublished parts) moves on its own: the empty vector, a group of one.
    if (entries.length === 0) {
      groups.set(`free:${root}`, [{root, flip: 1}]);
      continue;
    }
    entries.sort((x, y) => x[0] - y[0]);
    const flip = entries[0][1] < 0 ? -1 : 1;
    const key = entries.map(([r, coef]) => `${r}:${flip * coef}`).join(",");
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push({root, flip});
  }
  const members = new Map<number, number[]>();
  for (let j = 0; j < n; j++) {
    const root = find(j);
    let list = members.get(root);
    if (!list) members.set(root, (list = []));
    list.push(j);
  }
  for (const [key, g] of groups) {
    const free = key.startsWith("free:");
    if (g.length < 2 && !free) continue;
    // Per class, in the group's orientation (u): how far u can fall and rise before a member
    // reaches 0 (a member moving with u bounds its fall, one moving against u its rise).
    const down = new Array<number>(g.length).fill(cap);
    const up = new Array<number>(g.length).fill(cap);
    g.forEach(({root, flip}, q) => {
      for (const j of members.get(root)!) {
        const v = Math.max(0, model.value[cells[j]]);
        if (flip * orient(j) > 0) down[q] = Math.min(down[q], v);
        else up[q] = Math.min(up[q], v);
      }
    });
    const sumDown = down.reduce((x, y) => x + y, 0);
    const sumUp = up.reduce((x, y) => x + y, 0);
    g.forEach(({root, flip}, q) => {
      // u rises by what the others can give up (their fall), falls by what they can take.
      const rise = free ? up[q] : Math.min(up[q], sumDown - down[q]);
      const fall = free ? down[q] : Math.min(down[q], sumUp - up[q]);
      for (const j of members.get(root)!) {
        const v = model.value[cells[j]];
        const s = flip * orient(j);
        lo[j] = Math.min(lo[j], s > 0 ? v - fall : v - rise);
        hi[j] = Math.max(hi[j], s > 0 ? v + rise : v + fall);
      }
    });
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
  // A giant component is solved as its exact reduction (reduce.ts): the variables that equality
  // rows define (constants, one side of a two-term row, a total whose parts already bound it) are
  // substituted out, once for all its LPs. Costs move onto the variables left (`reduceCost`) and
  // every optimum is expanded back to all variables (`expand`): the same feasible set in fewer
  // dimensions, so the same optimal values, and every point read is a feasible point of the full
  // system. Nationally this removes a third of the rows of a giant component.
  let red: Reduction | null =
    n >= (options.reduceMinVars ?? REDUCE_MIN_VARS) ? reduceSystem(sys, highs.infinity) : null;
  // A reduction to no rows or no columns at all is left to the full LP (HiGHS is not asked to
  // start from a crossover on an empty matrix).
  if (red && (red.sys.numVars === 0 || red.sys.rowLower.length === 0)) red = null;
  const lp = red ? red.sys : sys;
  const nn = lp.numVars;
  const mm = lp.rowLower.length;
  const colLower = lp.colLower ?? new Array<number>(nn).fill(0);
  const colUpper = lp.colUpper ?? new Array<number>(nn).fill(highs.infinity);
  model.passModel({
    numCols: nn,
    numRows: mm,
    colCost: new Array<number>(nn).fill(0),
    colLower,
    colUpper,
    rowLower: lp.rowLower,
    rowUpper: lp.rowUpper,
    matrix: {
      format: "csr",
      numRows: mm,
      numCols: nn,
      starts: lp.rowStart,
      indices: lp.rowIndex,
      values: lp.rowValue
    }
  });
  // The solution as a point of the full system.
  const solution = (): ArrayLike<number> => {
    const x = model.getSolution().colValue;
    return red ? expand(red, n, x) : x;
  };
  // Sets a cost vector over the full variables; returns the constant the reduction drops.
  const setCost = (cost: number[]): number => {
    if (!red) {
      model.changeColsCost({kind: "range", from: 0, to: n - 1}, cost);
      return 0;
    }
    const r = reduceCost(red, cost);
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
      model.crossover({colValue: red ? red.keep.map((j) => start[j]) : Array.from(start)});
    } catch {
      model.setLogicalBasis();
    }
  }
  let solves = 0;
  let batchSolves = 0;
  const {minimize, maximize} = highs.constants.objectiveSense;
  const status = highs.constants.modelStatus;
  let costed = -1;
  let costedCol = -1;
  let denseCost = false;
  let offset = 0;
  const upPoint = new Map<number, number[]>();
  const downPoint = new Map<number, number[]>();
  const solve = (j: number, sense: typeof minimize) => {
    if (costed !== j) {
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
        offset = setCost(unit);
        denseCost = true;
      }
      costed = j;
      costedCol = col;
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
        setCost(cost);
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
          setCost(cost);
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
      }
      model.changeColsCost({kind: "range", from: 0, to: nn - 1}, zero);
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
  return {lo: new Float64Array(n).fill(NaN), hi: new Float64Array(n).fill(NaN)};
}

/** Widens the inner bounds of cell c to include x. */
export function widen(inner: InnerBounds, c: number, x: number): void {
  if (!(inner.lo[c] <= x)) inner.lo[c] = x;
  if (!(inner.hi[c] >= x)) inner.hi[c] = x;
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

/**
 * A worker thread that loads the TypeScript loader and HiGHS at once and then solves the jobs it
 * is sent (`solve`, once). Started before the jobs are prepared, its start-up (seconds) overlaps
 * with that work. `solve` rejects when the worker fails or cannot run here (e.g. no TS loader);
 * `stop` ends a worker that gets no jobs. Null when no worker can be started at all.
 */
function startAuditWorker(): {
  solve: (jobs: AuditJob[]) => Promise<(Intervals & {ms: number})[]>;
  stop: () => void;
} | null {
  let worker: Worker;
  try {
    worker = startTsWorker(new URL("./audit-worker.ts", import.meta.url));
  } catch {
    return null;
  }
  const results = new Promise<(Intervals & {ms: number})[]>((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void) => {
      if (!settled) f();
      settled = true;
    };
    worker.once("message", (m: (Intervals & {ms: number})[]) => {
      settle(() => resolve(m));
      void worker.terminate();
    });
    worker.once("error", (e) => settle(() => reject(e)));
    worker.once("exit", (code) =>
      settle(() => reject(new Error(`worker audit-worker.ts stopte met code ${code}`)))
    );
  });
  // A worker that is stopped unused rejects; nobody waits for it then.
  results.catch(() => undefined);
  return {
    solve: (jobs) => {
      worker.postMessage({jobs});
      return results;
    },
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

/** The rest of `auditModel`: prepare the jobs, split them, solve them, check every cell. */
async function auditJobs(
  model: TableModel,
  primary: PrimaryResult,
  highs: Highs,
  inner: InnerBounds,
  options: AuditOptions,
  pool: WorkerSlot
): Promise<AuditOutcome> {
  const exact = options.exact ?? false;
  const jobs: AuditJob[] = [];
  let audited = 0;
  let unchanged = 0;
  const since = options.only && !exact ? options.unpublishedSince : undefined;
  for (const cells of components(model, primary.status)) {
    if (options.only && !cells.some((c) => options.only!.has(c))) continue;
    if (since && unchangedAndProven(model, primary, cells, inner, since)) {
      unchanged++;
      recordAuditStats(cells.length, 0, 0);
      continue;
    }
    jobs.push(prepareJob(model, primary, cells, inner, exact));
    audited += cells.length;
  }
  // Split by size: every other job by descending size, so both halves get similar work. A job
  // whose every cell is already proven by its feasible ranges needs no LP (`intervals` returns at
  // once) and stays here: after a repair round most re-audited cells are, and starting a worker
  // (TypeScript loader, HiGHS) costs seconds. The split is only worth it when the jobs that do
  // need LPs are large; which thread solves a job does not change its result.
  let remote: AuditJob[] = [];
  let local = jobs;
  const minCells = options.parallelMinCells ?? PARALLEL_MIN_CELLS;
  const open = jobs.filter((job) => !jobSettled(job));
  const openCells = open.reduce((s, job) => s + job.cells.length, 0);
  if (options.workers !== false && openCells >= minCells) {
    const sorted = [...open].sort((a, b) => b.cells.length - a.cells.length);
    remote = sorted.filter((_, i) => i % 2 === 1);
    const away = new Set(remote);
    local = jobs.filter((job) => !away.has(job));
  }
  if (remote.length > 0) pool.worker ??= startAuditWorker();
  const worker = pool.worker;
  const remoteResults =
    remote.length > 0
      ? (worker ? worker.solve(remote) : Promise.reject(new Error("geen worker"))).catch((e) => {
          options.debug?.(`audit-worker: ${String(e)}`);
          return null;
        })
      : Promise.resolve([]);
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
  const solver = createAuditSolver(highs);
  try {
    const tLocal = performance.now();
    for (const job of local) apply(job, solveJob(highs, solver, job));
    const tWait = performance.now();
    const results = await remoteResults;
    options.debug?.(
      `audit: ${jobs.length} componenten (${audited} cellen, ${openCells} open), hier ${local.length} in ${Math.round(tWait - tLocal)} ms, worker ${remote.length}, daarna gewacht ${Math.round(performance.now() - tWait)} ms${since ? `; ${unchanged} ongewijzigd en al bewezen` : ""}`
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
    if (!isProtected(needOf(model, primary, i), inner.lo[i], inner.hi[i])) failures.push(i);
  }
  lastAuditStats.lines = auditStatsLines();
  // An unchanged, proven component counts as audited (its bounds are those of its last audit).
  return {failures, audited, components: jobs.length + unchanged, solves};
}
