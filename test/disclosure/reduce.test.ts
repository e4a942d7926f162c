import {describe, expect, it} from "vitest";
import {
  createAuditSolver,
  intervals,
  loadSolver,
  needOf,
  passSystem,
  type LinearSystem
} from "../../data-loaders/disclosure/audit.ts";
import {isProtected, sideTargets} from "../../data-loaders/disclosure/protection.ts";
import {
  expand,
  expandAll,
  reduceAll,
  reduceCost,
  reduceCostAll,
  reduceSystem,
  restrict,
  restrictAll,
  type Choice
} from "../../data-loaders/disclosure/reduce.ts";
import {syntheticComponents} from "./synthetic-components.ts";

/** A system in row form from rows of [variable, coefficient] pairs and their right-hand sides. */
function system(numVars: number, rows: [number, number][][], rhs: number[]): LinearSystem {
  const sys: LinearSystem = {numVars, rowStart: [0], rowIndex: [], rowValue: [], rowLower: [], rowUpper: []};
  rows.forEach((row, r) => {
    for (const [j, a] of row) {
      sys.rowIndex.push(j);
      sys.rowValue.push(a);
    }
    sys.rowStart.push(sys.rowIndex.length);
    sys.rowLower.push(rhs[r]);
    sys.rowUpper.push(rhs[r]);
  });
  return sys;
}

describe("exact reduction of the audit LP (reduce.ts)", () => {
  it("eliminates constants, two-term rows and implied free totals, with the hand-worked intervals", async () => {
    const highs = await loadSolver();
    // x0 = x1 + x2 (a total of two parts), x1 + x3 = 5, x2 = 2; all x >= 0. By hand: x2 is the
    // constant 2; x1 = 5 - x3 with x3 in [0, 5], so x1 in [0, 5]; x0 = x1 + 2 in [2, 7].
    const sys = system(
      4,
      [
        [
          [0, 1],
          [1, -1],
          [2, -1]
        ],
        [
          [1, 1],
          [3, 1]
        ],
        [[2, 1]]
      ],
      [0, 5, 2]
    );
    const red = reduceSystem(sys, highs.infinity)!;
    // Three rows, three eliminations (x2, then one of the two-term rows): one variable is left.
    expect(red.steps.length).toBe(3);
    expect(red.sys.numVars).toBe(1);
    expect(red.sys.rowLower.length).toBe(0);
    const exact = intervals(highs, sys, {reduceMinVars: 1});
    const plain = intervals(highs, sys, {reduceMinVars: Infinity});
    expect(exact.lo.map((x) => Math.round(x * 1e6) / 1e6)).toEqual([2, 0, 2, 0]);
    expect(exact.hi.map((x) => Math.round(x * 1e6) / 1e6)).toEqual([7, 5, 2, 5]);
    expect(plain.lo.map((x) => Math.round(x * 1e6) / 1e6)).toEqual([2, 0, 2, 0]);
    expect(plain.hi.map((x) => Math.round(x * 1e6) / 1e6)).toEqual([7, 5, 2, 5]);
    // A point of the reduced system expands to a feasible point of the full one: the one
    // variable left at its upper end (5 for x1 or x3, whichever was kept) gives x0 = 7 or 2.
    const point = expand(red, 4, [red.sys.colUpper[0]]);
    expect(point[0]).toBeCloseTo(point[1] + point[2], 9);
    expect(point[1] + point[3]).toBeCloseTo(5, 9);
    expect(point[2]).toBeCloseTo(2, 9);
    // The objective x0 + x3 = (x1 + 2) + (5 - x1) = 7 whatever the point: no cost left, offset 7.
    const cost = reduceCost(red, [1, 0, 0, 1]);
    expect(cost.cost.every((c) => Math.abs(c) < 1e-12)).toBe(true);
    expect(cost.offset).toBeCloseTo(7, 9);
  });

  it("throws when the rows contradict each other", async () => {
    const highs = await loadSolver();
    // x0 = 3 and x0 + x1 = 1 with x1 >= 0: no feasible point.
    const sys = system(
      2,
      [
        [[0, 1]],
        [
          [0, 1],
          [1, 1]
        ]
      ],
      [3, 1]
    );
    expect(() => reduceSystem(sys, highs.infinity)).toThrow(/niet consistent/);
  });

  it("leaves a system with an inequality row as it is", async () => {
    const highs = await loadSolver();
    // x0 = 2 would make x0 a constant, but x0 + x1 >= 3 is an inequality: no reduction at all.
    const sys = system(
      2,
      [
        [[0, 1]],
        [
          [0, 1],
          [1, 1]
        ]
      ],
      [2, 3]
    );
    sys.rowUpper[1] = highs.infinity;
    expect(reduceSystem(sys, highs.infinity)).toBeNull();
    // As equalities (x0 = 2, x0 + x1 = 3) both variables are eliminated: x0 = 2, x1 = 1.
    const red = reduceSystem({...sys, rowUpper: [2, 3]}, highs.infinity)!;
    expect(red.sys.numVars).toBe(0);
    expect(expand(red, 2, [])).toEqual([2, 1]);
  });

  it("gives the same exact intervals and the same audit verdicts as the full LP", async () => {
    // Components of a few hundred cells from a synthetic gemeente with a branch total (areas x
    // branches: totals of nonnegative parts, so implied free variables and two-term rows), solved
    // with the reduction (threshold lowered for the test) and without. Exact intervals (both LPs
    // per cell) must be equal; the audit's inner bounds must lie inside them with the same verdicts.
    const highs = await loadSolver();
    const solver = createAuditSolver(highs);
    let reducedComponents = 0;
    let checked = 0;
    try {
      for (const {model, primary, cells, sys, start} of syntheticComponents(highs, 20)) {
        const red = reduceSystem(sys, highs.infinity);
        if (red && red.sys.numVars < cells.length) reducedComponents++;
        const full = intervals(highs, sys, {reduceMinVars: Infinity});
        const reduced = intervals(highs, sys, {reduceMinVars: 1, start, crossoverMinVars: 1});
        const needs = cells.map((c) => needOf(model, primary, c));
        const audit = intervals(
          highs,
          sys,
          {
            start,
            reduceMinVars: 1,
            crossoverMinVars: 1,
            proven: (j, l, h) => isProtected(needs[j], l, h),
            targets: (j, l, h) => sideTargets(needs[j], l, h)
          },
          solver
        );
        cells.forEach((_, j) => {
          expect(reduced.lo[j]).toBeCloseTo(full.lo[j], 6);
          expect(reduced.hi[j]).toBeCloseTo(full.hi[j], 6);
          expect(audit.lo[j]).toBeGreaterThanOrEqual(full.lo[j] - 1e-6);
          expect(audit.hi[j]).toBeLessThanOrEqual(full.hi[j] + 1e-6);
          expect(isProtected(needs[j], audit.lo[j], audit.hi[j])).toBe(
            isProtected(needs[j], full.lo[j], full.hi[j])
          );
          checked++;
        });
        // The rounds of a reduced component run the dual simplex with devex pricing; the shared
        // solver is back on the primal simplex and HiGHS' own dual pricing for the next job.
        expect(solver.options.get("simplex_strategy")).toBe(4);
        expect(solver.options.get("simplex_dual_edge_weight_strategy")).toBe(-1);
      }
    } finally {
      solver.dispose();
    }
    expect(reducedComponents).toBeGreaterThan(0);
    expect(checked).toBeGreaterThan(300);
  });
});

/** A seeded generator of numbers in [0, 1) (the tests must be the same on every run). */
function rng(seed: number): () => number {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 4294967296;
  };
}

/**
 * A random feasible system of equalities with parallel columns, shaped like a table of the audit:
 * groups of parts whose total is a variable too (a row `total - parts = 0`), totals tied by rows
 * over groups, a few constants and two-term rows, and parallel columns: several parts that take
 * part in exactly the same rows (those become one merged column). Some variables get a lower bound
 * above zero or a finite upper bound (those may not merge). The right-hand sides come from a
 * random nonnegative point inside the bounds, so the system is feasible.
 */
function parallelSystem(seed: number): {sys: LinearSystem; point: number[]} {
  const random = rng(seed);
  const rows: [number, number][][] = [];
  let numVars = 0;
  const totals: number[] = [];
  const groups = 4 + Math.floor(random() * 5);
  for (let g = 0; g < groups; g++) {
    const total = numVars++;
    totals.push(total);
    const parts: number[] = [];
    const size = 2 + Math.floor(random() * 5);
    for (let k = 0; k < size; k++) parts.push(numVars++);
    rows.push([[total, 1], ...parts.map((p): [number, number] => [p, -1])]);
    // Some parts also take part in a second row together (still parallel among themselves).
    if (random() < 0.5) rows.push(parts.slice(0, 2 + Math.floor(random() * (size - 1))).map((p) => [p, 1]));
  }
  // Totals tied together (a grand total), and a few two-term rows and constants.
  const grand = numVars++;
  rows.push([[grand, 1], ...totals.map((t): [number, number] => [t, -1])]);
  for (let k = 0; k < 2; k++) {
    const extra = numVars++;
    rows.push([
      [extra, 1],
      [totals[Math.floor(random() * totals.length)], 1]
    ]);
  }
  rows.push([[numVars++, 1]]);
  const colLower = new Array<number>(numVars).fill(0);
  const colUpper = new Array<number>(numVars).fill(Infinity);
  for (let j = 0; j < numVars; j++) {
    const u = random();
    if (u < 0.15) colLower[j] = 1 + Math.floor(random() * 3);
    else if (u < 0.25) colUpper[j] = 5 + Math.floor(random() * 20);
  }
  const point = colLower.map((l, j) => l + Math.floor(random() * Math.min(10, colUpper[j] - l + 1)));
  const rhs = rows.map((row) => row.reduce((s, [j, a]) => s + a * point[j], 0));
  const sys = system(numVars, rows, rhs);
  sys.colLower = colLower;
  sys.colUpper = colUpper;
  return {sys, point};
}

describe("merged parallel columns (reduce.ts)", () => {
  it("puts a merged column's mass on the best member for the sense, with the lower bounds' constant", async () => {
    const highs = await loadSolver();
    // x0 + x1 + x2 + x3 = 10 and x1 + x2 + x3 + x4 = 8 (x1, x2, x3 parallel), x1 >= 2, x2 >= 1,
    // x4 <= 3: x1, x2 and x3 become one column y >= 3 (x4 has a finite upper bound, but it is
    // not parallel to anything).
    const sys = system(
      5,
      [
        [
          [0, 1],
          [1, 1],
          [2, 1],
          [3, 1]
        ],
        [
          [1, 1],
          [2, 1],
          [3, 1],
          [4, 1]
        ]
      ],
      [10, 8]
    );
    sys.colLower = [0, 2, 1, 0, 0];
    sys.colUpper = [highs.infinity, highs.infinity, highs.infinity, highs.infinity, 3];
    const red = reduceAll(sys, highs.infinity)!;
    const groups = red.layers.flatMap((l) => l.groups);
    expect(groups.length).toBe(1);
    expect([...groups[0].members].sort()).toEqual([1, 2, 3]);
    // Maximise 2 x1 + 5 x2 - x3: x2 takes the free mass; objective 5 y + (2 - 5) * 2 + (5 - 5) * 1.
    const max = reduceCostAll(red, [0, 2, 5, -1, 0], "max");
    const min = reduceCostAll(red, [0, 2, 5, -1, 0], "min");
    // Exact optima, by hand: y = 8 - x4 in [5, 8]; the members' free mass y - 3 goes to x2 when
    // maximising (5 (y - 3) + 2 * 2 + 5 * 1 = 5y - 6, at y = 8: 34) and to x3 when minimising
    // (-(y - 3) + 4 + 5 = 12 - y, at y = 8: 4).
    const solveReduced = (c: {cost: number[]; offset: number; choices: Choice[]}, sense: "max" | "min") => {
      const model = createAuditSolver(highs);
      try {
        passSystem(model, red.sys, c.cost, red.sys.colLower, red.sys.colUpper);
        const {maximize, minimize} = highs.constants.objectiveSense;
        model.changeObjectiveSense(sense === "max" ? maximize : minimize);
        model.run();
        const x = expandAll(red, 5, model.getSolution().colValue, c.choices);
        return {value: model.getObjectiveValue() + c.offset, x};
      } finally {
        model.dispose();
      }
    };
    const up = solveReduced(max, "max");
    const down = solveReduced(min, "min");
    expect(up.value).toBeCloseTo(34, 9);
    expect(down.value).toBeCloseTo(4, 9);
    // The expanded points are feasible and give the objective its optimal value.
    for (const {x, value} of [up, down].map((r, k) => ({...r, k}))) {
      expect(x[0] + x[1] + x[2] + x[3]).toBeCloseTo(10, 9);
      expect(x[1] + x[2] + x[3] + x[4]).toBeCloseTo(8, 9);
      expect(x[1]).toBeGreaterThanOrEqual(2 - 1e-9);
      expect(x[2]).toBeGreaterThanOrEqual(1 - 1e-9);
      expect(x[4]).toBeLessThanOrEqual(3 + 1e-9);
      expect(2 * x[1] + 5 * x[2] - x[3]).toBeCloseTo(value, 9);
    }
    expect(up.x[2]).toBeCloseTo(6, 9);
    expect(down.x[3]).toBeCloseTo(5, 9);
    // The crossover start of a merged column is the sum of its members.
    // (the merge is in the first layer; a second pass then eliminates y = 8 - x4).
    expect(red.layers[0].groups.length).toBe(1);
    expect(restrict(red.layers[0], [2, 2, 1, 5, 0])[groups[0].col]).toBe(8);
    expect(restrictAll(red, [2, 2, 1, 5, 0]).length).toBe(red.sys.numVars);
  });

  it("gives the same exact minimum and maximum of every variable as the unreduced LP on random systems", async () => {
    const highs = await loadSolver();
    const solver = createAuditSolver(highs);
    let merged = 0;
    let checked = 0;
    let points = 0;
    try {
      for (let seed = 1; seed <= 40; seed++) {
        const {sys, point} = parallelSystem(seed);
        const n = sys.numVars;
        const red = reduceAll(sys, highs.infinity);
        merged += red ? red.layers.reduce((s, l) => s + l.groups.length, 0) : 0;
        const full = intervals(highs, sys, {reduceMinVars: Infinity}, solver);
        const reduced = intervals(highs, sys, {reduceMinVars: 1}, solver);
        // With a `proven` that no inner bound satisfies (a lower end below the exact minimum),
        // every variable gets its maximum LP, and its minimum LP when the exact minimum is above 0.5
        // (`intervals` skips the minimum when even lo = 0 is not enough), and keeps the optimal
        // points: each must be a feasible point of the full system at which the variable has its
        // optimum.
        const pointed = intervals(
          highs,
          sys,
          {reduceMinVars: 1, start: point, crossoverMinVars: 1, proven: (j, l) => l < full.lo[j] - 0.5},
          solver
        );
        for (let j = 0; j < n; j++) {
          expect(full.exact[j]).toBe(1);
          expect(reduced.exact[j]).toBe(1);
          expect(reduced.lo[j]).toBeCloseTo(full.lo[j], 6);
          if (full.hi[j] === Infinity) expect(reduced.hi[j]).toBe(Infinity);
          else expect(reduced.hi[j]).toBeCloseTo(full.hi[j], 6);
          if (full.lo[j] > 0.5) expect(pointed.lo[j]).toBeCloseTo(full.lo[j], 6);
          if (full.hi[j] === Infinity) expect(pointed.hi[j]).toBe(Infinity);
          else expect(pointed.hi[j]).toBeCloseTo(full.hi[j], 6);
          checked++;
        }
        for (const p of pointed.points ?? [])
          for (const [x, value] of [
            [p.up, full.hi[p.j]],
            [p.down, full.lo[p.j]]
          ] as const) {
            if (!x) continue;
            points++;
            expect(x[p.j]).toBeCloseTo(value, 6);
            for (let r = 0; r < sys.rowLower.length; r++) {
              let s = 0;
              for (let q = sys.rowStart[r]; q < sys.rowStart[r + 1]; q++)
                s += sys.rowValue[q] * x[sys.rowIndex[q]];
              expect(s).toBeCloseTo(sys.rowLower[r], 6);
            }
            x.forEach((v, k) => {
              expect(v).toBeGreaterThanOrEqual(sys.colLower![k] - 1e-6);
              expect(v).toBeLessThanOrEqual(sys.colUpper![k] + 1e-6);
            });
          }
      }
    } finally {
      solver.dispose();
    }
    // The systems do have parallel columns, and every variable was compared.
    expect(merged).toBeGreaterThan(40);
    expect(checked).toBeGreaterThan(600);
    expect(points).toBeGreaterThan(600);
  });
});
