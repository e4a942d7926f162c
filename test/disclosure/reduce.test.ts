import {describe, expect, it} from "vitest";
import {
  createAuditSolver,
  intervals,
  loadSolver,
  needOf,
  type LinearSystem
} from "../../data-loaders/disclosure/audit.ts";
import {isProtected, sideTargets} from "../../data-loaders/disclosure/protection.ts";
import {expand, reduceCost, reduceSystem} from "../../data-loaders/disclosure/reduce.ts";
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
      }
    } finally {
      solver.dispose();
    }
    expect(reducedComponents).toBeGreaterThan(0);
    expect(checked).toBeGreaterThan(300);
  });
});
