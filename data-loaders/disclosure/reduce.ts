/**
 * Exact reduction of an audit LP before it is solved (a presolve that does not depend on the
 * objective, so one reduction serves every LP of a component). Three eliminations, each of a
 * variable x that an equality row r defines as an affine function of the variables still in
 * the system:
 *
 * - a row with one variable, `a x = c`: x is the constant c / a;
 * - a row with two variables, `a x + b y = c`: x = c / a - (b / a) y, and x's bounds become
 *   bounds on y;
 * - an implied free variable of a short row, `a x + rest = c` where the bounds of rest's variables
 *   already keep (c - rest) / a within x's bounds (a total of nonnegative parts): x = (c - rest) / a
 *   needs no constraint of its own.
 *
 * x is substituted in every other row it takes part in, and the row that defined it goes. Only
 * systems of equalities are reduced, and every row stays an equality: a variable in one row only
 * is not eliminated by turning its row into an inequality (HiGHS' crossover failed on such a
 * reduced system of a fuzz seed and left the solver unusable). Why this is exact: every eliminated
 * variable is an affine function of the variables left, and its bounds are constraints of the
 * reduced system, so (1) every feasible point of the full system, restricted to the variables
 * left, is feasible in the reduced one, and (2) every feasible point of the reduced one, with the
 * eliminated variables computed back (`expand`, in reverse order of elimination), satisfies every
 * row and bound of the full system. The two feasible sets correspond one to one, and a linear
 * objective over the full variables is the same linear function (`reduceCost`, plus a constant)
 * of the reduced ones: every optimum of the reduced LP is an optimum of the full LP, with the same
 * value, and unbounded exactly when the full one is. The audit's verdicts rest on the same exact
 * optima and feasible points as without the reduction.
 *
 * After the eliminations, parallel columns without an upper bound are merged into one column of
 * their sum (`mergeParallel`, with its own proof: exact for every cost vector and sense, the
 * expansion then depends on the cost, see `reduceCost` and `expand`), and the whole reduction is
 * applied again to its result (`reduceAll`): merged columns make rows shorter, so a second pass
 * eliminates much more. Each layer is exact, so the chain is.
 */
/** A linear system in row form (every audit LP, reduced or not): rowLower <= A x <= rowUpper, colLower <= x <= colUpper. */
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

/** Tolerance for a constant row (0 = c) and a fixed value against its bounds. */
const TOL = 1e-7;
/** Implied free variables are substituted from rows of at most this many terms, ... */
const FILL_MAX_ROW = 8;
/** ... when that adds at most this many terms to other rows. */
const FILL_MAX = 24;

/** The reduced system and what maps its points and objectives back to the full system. */
export interface Reduction {
  sys: LinearSystem & {colLower: number[]; colUpper: number[]};
  /** Full index of every reduced variable (of a merged column: its first member). */
  keep: number[];
  /** Reduced index of every full variable that is a column of its own; -1 when eliminated or merged. */
  at: Int32Array;
  /** Eliminations in order: x = constant + sum of coef * y over full indices (still present then). */
  steps: {x: number; constant: number; vars: number[]; coefs: number[]}[];
  /**
   * Merged parallel columns (`mergeParallel`): reduced column `col` is the sum of the full
   * variables `members` (each with its lower bound in `lower` and no upper bound).
   */
  groups: {col: number; members: number[]; lower: number[]}[];
}

/** Which member of each merged group takes the free mass (an index into its `members`). */
export type Choice = Int32Array;

/**
 * Reduces `sys` (rows rowLower <= A x <= rowUpper, bounds colLower..colUpper, default [0, inf)),
 * with `inf` the solver's infinity, and merges its parallel columns (`mergeParallel`). Returns
 * null when nothing can be eliminated or merged or a row is an inequality, and throws when a row turns out inconsistent (the published relations do not hold).
 */
export function reduceSystem(sys: LinearSystem, inf: number): Reduction | null {
  const n = sys.numVars;
  const m = sys.rowLower.length;
  // Only systems of equalities (every giant component of the national build): a reduced system
  // then consists of equalities and column bounds only, the shape whose crossover was tested.
  for (let r = 0; r < m; r++) if (sys.rowLower[r] !== sys.rowUpper[r]) return null;
  const lower = sys.colLower ? sys.colLower.slice() : new Array<number>(n).fill(0);
  const upper = sys.colUpper ? sys.colUpper.slice() : new Array<number>(n).fill(Infinity);
  for (let j = 0; j < n; j++) if (upper[j] >= inf) upper[j] = Infinity;
  // Rows as parallel arrays of columns and coefficients, columns as arrays of rows, all in
  // insertion order (plain short arrays: a Map or Set per row and column cost more in garbage
  // collection than the whole reduction). The fill-in is small: a substituted variable only
  // replaces the one it defines.
  const rowCols: number[][] = new Array(m);
  const rowCoefs: number[][] = new Array(m);
  const rowLo = new Array<number>(m);
  const rowHi = new Array<number>(m);
  const cols: number[][] = Array.from({length: n}, () => []);
  // Removes entry k of a list, keeping the order (as `splice(k, 1)`, without its garbage array).
  const cut = (list: number[], k: number) => {
    for (let i = k + 1; i < list.length; i++) list[i - 1] = list[i];
    list.length--;
  };
  const remove = (list: number[], x: number) => {
    const k = list.indexOf(x);
    if (k >= 0) cut(list, k);
  };
  for (let r = 0; r < m; r++) {
    const rc: number[] = [];
    const rv: number[] = [];
    for (let q = sys.rowStart[r]; q < sys.rowStart[r + 1]; q++) {
      const j = sys.rowIndex[q];
      const k = rc.indexOf(j);
      if (k >= 0) rv[k] += sys.rowValue[q];
      else {
        rc.push(j);
        rv.push(sys.rowValue[q]);
      }
    }
    for (let k = rc.length - 1; k >= 0; k--)
      if (rv[k] === 0) {
        cut(rc, k);
        cut(rv, k);
      }
    for (const j of rc) cols[j].push(r);
    rowCols[r] = rc;
    rowCoefs[r] = rv;
    rowLo[r] = sys.rowLower[r];
    rowHi[r] = sys.rowUpper[r] >= inf ? Infinity : sys.rowUpper[r];
  }
  const alive = new Uint8Array(m).fill(1);
  const gone = new Uint8Array(n);
  const steps: Reduction["steps"] = [];
  const queue: number[] = [];
  const queued = new Uint8Array(m);
  const push = (r: number) => {
    if (alive[r] && !queued[r]) {
      queued[r] = 1;
      queue.push(r);
    }
  };
  for (let r = 0; r < m; r++) push(r);
  // Substitutes x = constant + sum coef * y into every row of x, and removes x.
  const substitute = (x: number, constant: number, vars: number[], coefs: number[]) => {
    for (const s of cols[x]) {
      const rc = rowCols[s];
      const rv = rowCoefs[s];
      const at = rc.indexOf(x);
      const a = rv[at];
      cut(rc, at);
      cut(rv, at);
      const shift = a * constant;
      rowLo[s] -= shift;
      if (rowHi[s] !== Infinity) rowHi[s] -= shift;
      for (let k = 0; k < vars.length; k++) {
        const y = vars[k];
        const i = rc.indexOf(y);
        const v = (i >= 0 ? rv[i] : 0) + a * coefs[k];
        if (Math.abs(v) < 1e-12) {
          if (i >= 0) {
            cut(rc, i);
            cut(rv, i);
            remove(cols[y], s);
          }
        } else if (i >= 0) rv[i] = v;
        else {
          rc.push(y);
          rv.push(v);
          cols[y].push(s);
        }
      }
      push(s);
    }
    cols[x] = [];
    gone[x] = 1;
    steps.push({x, constant, vars, coefs});
  };
  const drop = (r: number) => {
    alive[r] = 0;
    for (const j of rowCols[r]) {
      remove(cols[j], r);
      // A variable in fewer rows brings less fill-in: its row may now allow an elimination.
      if (cols[j].length === 1) push(cols[j][0]);
    }
    rowCols[r] = [];
    rowCoefs[r] = [];
  };
  const tighten = (y: number, lo: number, hi: number) => {
    if (lo > lower[y]) lower[y] = lo;
    if (hi < upper[y]) upper[y] = hi;
    if (lower[y] > upper[y] + TOL)
      throw new Error("Audit: de gepubliceerde relaties zijn niet consistent (reductie)");
  };
  while (queue.length > 0) {
    const r = queue.pop()!;
    queued[r] = 0;
    if (!alive[r]) continue;
    const rc = rowCols[r];
    const rv = rowCoefs[r];
    const size = rc.length;
    if (size === 0) {
      if (rowLo[r] > TOL || rowHi[r] < -TOL)
        throw new Error("Audit: de gepubliceerde relaties zijn niet consistent (reductie)");
      alive[r] = 0;
      continue;
    }
    if (size === 1) {
      // a x = c: x is a constant.
      const x = rc[0];
      const v = rowLo[r] / rv[0];
      if (v < lower[x] - TOL || v > upper[x] + TOL)
        throw new Error("Audit: de gepubliceerde relaties zijn niet consistent (reductie)");
      drop(r);
      substitute(x, v, [], []);
      continue;
    }
    if (size === 2) {
      // a x + b y = c: x = c / a - (b / a) y; x's bounds become bounds on y.
      const [x, y] = rc;
      const [a, b] = rv;
      const p = rowLo[r] / a;
      const q = -b / a;
      const lo = (lower[x] - p) / q;
      const hi = (upper[x] - p) / q;
      drop(r);
      tighten(y, Math.min(lo, hi), Math.max(lo, hi));
      substitute(x, p, [y], [q]);
      continue;
    }
    // An implied free variable: x = (c - rest) / a where the bounds of rest's variables already
    // keep x within its own bounds (e.g. a total of nonnegative parts). x and the row go, without
    // any new constraint. Limited to short rows, so that the fill-in stays small.
    if (size > FILL_MAX_ROW) continue;
    let best = -1;
    let bestFill = Infinity;
    for (let i = 0; i < size; i++) {
      const j = rc[i];
      const a = rv[i];
      const fill = (cols[j].length - 1) * (size - 1);
      if (fill >= bestFill || fill > FILL_MAX) continue;
      // Range of (c - rest) / a over the bounds of the other variables.
      let lo = rowLo[r];
      let hi = rowLo[r];
      for (let k = 0; k < size; k++) {
        if (k === i) continue;
        const b = rv[k];
        lo -= b > 0 ? b * upper[rc[k]] : b * lower[rc[k]];
        hi -= b > 0 ? b * lower[rc[k]] : b * upper[rc[k]];
      }
      const xlo = a > 0 ? lo / a : hi / a;
      const xhi = a > 0 ? hi / a : lo / a;
      if (xlo >= lower[j] - TOL && xhi <= upper[j] + TOL) {
        best = i;
        bestFill = fill;
      }
    }
    if (best < 0) continue;
    const x = rc[best];
    const a = rv[best];
    const c = rowLo[r];
    const vars: number[] = [];
    const coefs: number[] = [];
    for (let k = 0; k < size; k++) {
      if (k === best) continue;
      vars.push(rc[k]);
      coefs.push(-rv[k] / a);
    }
    drop(r);
    substitute(x, c / a, vars, coefs);
  }
  const keep: number[] = [];
  const at = new Int32Array(n).fill(-1);
  for (let j = 0; j < n; j++)
    if (!gone[j]) {
      at[j] = keep.length;
      keep.push(j);
    }
  const out: Reduction["sys"] = {
    numVars: keep.length,
    rowStart: [0],
    rowIndex: [],
    rowValue: [],
    rowLower: [],
    rowUpper: [],
    colLower: keep.map((j) => lower[j]),
    colUpper: keep.map((j) => (upper[j] === Infinity ? inf : upper[j]))
  };
  for (let r = 0; r < m; r++) {
    if (!alive[r] || rowCols[r].length === 0) continue;
    const order = rowCols[r].map((_, k) => k).sort((u, v) => rowCols[r][u] - rowCols[r][v]);
    for (const k of order) {
      out.rowIndex.push(at[rowCols[r][k]]);
      out.rowValue.push(rowCoefs[r][k]);
    }
    out.rowStart.push(out.rowIndex.length);
    out.rowLower.push(rowLo[r] === -Infinity ? -inf : rowLo[r]);
    out.rowUpper.push(rowHi[r] === Infinity ? inf : rowHi[r]);
  }
  const red = mergeParallel({sys: out, keep, at, steps, groups: []}, inf);
  return steps.length === 0 && red.groups.length === 0 ? null : red;
}

/**
 * Merges parallel columns of a reduced system: columns with the same coefficient in every row
 * (e.g. suppressed buurten that take part in the same rows after the eliminations), no upper
 * bound and a finite lower bound become one column y = sum of x_i, with lower bound sum of l_i and
 * no upper bound. Columns with a finite upper bound stay columns of their own.
 *
 * Why this is exact, for every cost vector c and sense. Write L = sum l_i and let k be the member
 * with the highest cost c_k (maximise; the lowest when minimising). (1) Every feasible point x of
 * the unmerged system gives the feasible y = sum x_i (every row sees only the sum, y >= L), and its
 * objective is at most (maximise; at least when minimising) c_k (y - L) + sum c_i l_i, because
 * sum c_i x_i = sum c_i l_i + sum c_i (x_i - l_i) with x_i - l_i >= 0 and c_i <= c_k. (2) Every
 * feasible y gives the feasible point x_k = l_k + y - L, x_i = l_i for the other members (k has no
 * upper bound), every row unchanged, with objective exactly c_k (y - L) + sum c_i l_i. So the
 * merged LP, with cost c_k on y and the constant sum (c_i - c_k) l_i, has the same optimal value as
 * the unmerged one, is unbounded exactly when it is, and the expansion (2) of its optimum is an
 * optimum of the unmerged system (`reduceCost` returns k as the group's choice, `expand` puts the
 * mass there). Feasibility is the same: (1) and (2) map feasible points both ways.
 */
function mergeParallel(red: Reduction, inf: number): Reduction {
  const sys = red.sys;
  const n = sys.numVars;
  const m = sys.rowLower.length;
  // Columns in column form (rows ascending), a hash of each coefficient vector, and an exact
  // comparison within a hash (typed arrays: a string key per column cost more in garbage).
  const colStart = new Int32Array(n + 1);
  for (let q = 0; q < sys.rowIndex.length; q++) colStart[sys.rowIndex[q] + 1]++;
  for (let j = 0; j < n; j++) colStart[j + 1] += colStart[j];
  const fill = colStart.slice(0, n);
  const colRow = new Int32Array(sys.rowIndex.length);
  const colVal = new Float64Array(sys.rowIndex.length);
  const bits = new Float64Array(1);
  const words = new Int32Array(bits.buffer);
  const hash = new Int32Array(n);
  for (let r = 0; r < m; r++)
    for (let q = sys.rowStart[r]; q < sys.rowStart[r + 1]; q++) {
      const j = sys.rowIndex[q];
      const k = fill[j]++;
      colRow[k] = r;
      colVal[k] = sys.rowValue[q];
      bits[0] = sys.rowValue[q];
      hash[j] = Math.imul(
        hash[j] ^ Math.imul(r + 1, 0x9e3779b1) ^ words[0] ^ Math.imul(words[1], 0x85ebca6b),
        0x27d4eb2f
      );
    }
  const same = (a: number, b: number) => {
    if (colStart[a + 1] - colStart[a] !== colStart[b + 1] - colStart[b]) return false;
    for (let p = colStart[a], q = colStart[b]; p < colStart[a + 1]; p++, q++)
      if (colRow[p] !== colRow[q] || colVal[p] !== colVal[q]) return false;
    return true;
  };
  const heads = new Map<number, number[]>();
  const head = new Int32Array(n).fill(-1);
  let merged = 0;
  for (let j = 0; j < n; j++) {
    if (sys.colUpper[j] < inf || !(sys.colLower[j] > -inf)) continue;
    const list = heads.get(hash[j]);
    if (!list) {
      heads.set(hash[j], [j]);
      continue;
    }
    const h = list.find((i) => same(i, j));
    if (h === undefined) list.push(j);
    else {
      head[j] = h;
      merged++;
    }
  }
  if (merged === 0) return red;
  // New column of every old one: a merged column sits where its first member was.
  const col = new Int32Array(n);
  const keep: number[] = [];
  const colLower: number[] = [];
  const colUpper: number[] = [];
  const groupOf = new Map<number, Reduction["groups"][number]>();
  const groups: Reduction["groups"] = [];
  for (let j = 0; j < n; j++) {
    if (head[j] >= 0) {
      const c = col[head[j]];
      col[j] = c;
      let g = groupOf.get(c);
      if (!g) {
        g = {col: c, members: [red.keep[head[j]]], lower: [sys.colLower[head[j]]]};
        groupOf.set(c, g);
        groups.push(g);
      }
      g.members.push(red.keep[j]);
      g.lower.push(sys.colLower[j]);
      colLower[c] += sys.colLower[j];
      continue;
    }
    col[j] = keep.length;
    keep.push(red.keep[j]);
    colLower.push(sys.colLower[j]);
    colUpper.push(sys.colUpper[j]);
  }
  groups.sort((a, b) => a.col - b.col);
  const at = red.at;
  for (let c = 0; c < keep.length; c++) at[keep[c]] = c;
  for (const g of groups) for (const x of g.members) at[x] = -1;
  const out: Reduction["sys"] = {
    numVars: keep.length,
    rowStart: [0],
    rowIndex: [],
    rowValue: [],
    rowLower: sys.rowLower,
    rowUpper: sys.rowUpper,
    colLower,
    colUpper
  };
  for (let r = 0; r < m; r++) {
    for (let q = sys.rowStart[r]; q < sys.rowStart[r + 1]; q++) {
      const j = sys.rowIndex[q];
      if (head[j] >= 0) continue;
      out.rowIndex.push(col[j]);
      out.rowValue.push(sys.rowValue[q]);
    }
    out.rowStart.push(out.rowIndex.length);
  }
  return {sys: out, keep, at, steps: red.steps, groups};
}

/** The reduced point of a full point (the start of a crossover): a merged column is its members' sum. */
export function restrict(red: Reduction, full: ArrayLike<number>): number[] {
  const point = red.keep.map((j) => full[j]);
  for (const g of red.groups) {
    let y = 0;
    for (const x of g.members) y += full[x];
    point[g.col] = y;
  }
  return point;
}

/** A full point from a point of the reduced system (eliminated variables computed back). */
export function expand(red: Reduction, n: number, point: ArrayLike<number>, choice?: Choice): number[] {
  const x = new Array<number>(n).fill(0);
  red.keep.forEach((j, i) => (x[j] = point[i]));
  // A merged column: every member at its lower bound, the chosen one (default the first) takes
  // the rest. Any choice is a feasible point; the choice of `reduceCost` is an optimal one.
  red.groups.forEach((g, q) => {
    let rest = point[g.col];
    g.members.forEach((j, i) => {
      x[j] = g.lower[i];
      rest -= g.lower[i];
    });
    x[g.members[choice ? choice[q] : 0]] += rest;
  });
  for (let s = red.steps.length - 1; s >= 0; s--) {
    const {x: e, constant, vars, coefs} = red.steps[s];
    let v = constant;
    for (let k = 0; k < vars.length; k++) v += coefs[k] * x[vars[k]];
    x[e] = v;
  }
  return x;
}

/**
 * The objective `cost` over the full variables as a cost vector over the reduced ones plus a
 * constant: each eliminated variable's cost moves onto the variables that define it.
 */
export function reduceCost(
  red: Reduction,
  cost: ArrayLike<number>,
  sense: "max" | "min" = "max"
): {cost: number[]; offset: number; choice: Choice} {
  const c = Array.from(cost);
  let offset = 0;
  for (const {x, constant, vars, coefs} of red.steps) {
    const w = c[x];
    if (w === 0) continue;
    c[x] = 0;
    offset += w * constant;
    for (let k = 0; k < vars.length; k++) c[vars[k]] += w * coefs[k];
  }
  const out = red.keep.map((j) => c[j]);
  // A merged column gets the best cost of its members for this sense, and the constant of the
  // members' lower bounds (see `mergeParallel`); the best member is the group's choice.
  const choice: Choice = new Int32Array(red.groups.length);
  red.groups.forEach((g, q) => {
    let best = 0;
    for (let i = 1; i < g.members.length; i++) {
      const w = c[g.members[i]];
      if (sense === "max" ? w > c[g.members[best]] : w < c[g.members[best]]) best = i;
    }
    const top = c[g.members[best]];
    g.members.forEach((j, i) => {
      if (g.lower[i] !== 0) offset += (c[j] - top) * g.lower[i];
    });
    out[g.col] = top;
    choice[q] = best;
  });
  return {cost: out, offset, choice};
}

/**
 * Reductions applied one after the other (`reduceAll`): each layer reduces the system the one
 * before it left. Merging parallel columns leaves rows with fewer distinct columns, so a second
 * pass eliminates much more (nationally a giant component 5,447 x 4,458 after one pass, 3,743 x
 * 1,044 after two). Each layer is exact for every cost vector and sense, so the chain is too:
 * costs go down the layers (`reduceCostAll`), points come back up (`expandAll`).
 */
export interface Reduced {
  sys: Reduction["sys"];
  layers: Reduction[];
  /** Column of the last system of every full variable that is a column of its own there; else -1. */
  at: Int32Array;
  /** Whether any layer merged columns (then a cost vector depends on the sense). */
  merged: boolean;
}

/** At most this many passes of `reduceSystem`. */
const MAX_PASSES = 4;

/** `reduceSystem` repeated on its own result while it eliminates something (at most MAX_PASSES). */
export function reduceAll(sys: LinearSystem, inf: number): Reduced | null {
  const layers: Reduction[] = [];
  let cur: LinearSystem = sys;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const red = reduceSystem(cur, inf);
    if (!red) break;
    layers.push(red);
    cur = red.sys;
    if (red.sys.numVars === 0 || red.sys.rowLower.length === 0) break;
  }
  if (layers.length === 0) return null;
  const at = Int32Array.from(layers[0].at);
  for (let l = 1; l < layers.length; l++)
    for (let j = 0; j < at.length; j++) if (at[j] >= 0) at[j] = layers[l].at[at[j]];
  return {sys: layers[layers.length - 1].sys, layers, at, merged: layers.some((r) => r.groups.length > 0)};
}

/** `expand` through every layer (`choices`: one per layer, from `reduceCostAll`). */
export function expandAll(red: Reduced, n: number, point: ArrayLike<number>, choices?: Choice[]): number[] {
  let x: ArrayLike<number> = point;
  for (let l = red.layers.length - 1; l >= 0; l--) {
    const size = l === 0 ? n : red.layers[l - 1].sys.numVars;
    x = expand(red.layers[l], size, x, choices?.[l]);
  }
  return Array.from(x);
}

/** `reduceCost` through every layer: the cost over the last system, the constant, the choices. */
export function reduceCostAll(
  red: Reduced,
  cost: ArrayLike<number>,
  sense: "max" | "min" = "max"
): {cost: number[]; offset: number; choices: Choice[]} {
  let c: ArrayLike<number> = cost;
  let offset = 0;
  const choices: Choice[] = [];
  for (const layer of red.layers) {
    const r = reduceCost(layer, c, sense);
    c = r.cost;
    offset += r.offset;
    choices.push(r.choice);
  }
  return {cost: Array.from(c), offset, choices};
}

/** `restrict` through every layer: a full point as a point of the last system. */
export function restrictAll(red: Reduced, full: ArrayLike<number>): number[] {
  let x: ArrayLike<number> = full;
  for (const layer of red.layers) x = restrict(layer, x);
  return Array.from(x);
}
