/**
 * The shortcuts of the repair round and the re-audit after it, each checked against the work it
 * saves: a re-audit that skips unchanged, proven components leaves the same bounds, verdicts and
 * counts as one that audits them; a job the audit keeps off the worker because it is proven
 * already indeed needs no LP; a capped witness neighbourhood is the same at every wider radius; a
 * witness search that bound propagation declares hopeless indeed finds nothing with its LPs.
 */
import {describe, expect, it} from "vitest";
import {
  auditModel,
  components,
  createAuditSolver,
  innerBounds,
  jobSettled,
  loadSolver,
  prepareJob,
  solveJob,
  unchangedAndProven
} from "../../data-loaders/disclosure/audit.ts";
import {PUBLISHED, SECONDARY, primarySuppression} from "../../data-loaders/disclosure/primary.ts";
import {secondarySuppression} from "../../data-loaders/disclosure/secondary.ts";
import {syntheticTable} from "../../data-loaders/disclosure/synthetic.ts";
import {buildTableModel} from "../../data-loaders/disclosure/table-model.ts";
import {resolveThresholds} from "../../data-loaders/disclosure/thresholds.ts";
import {EPS} from "../../data-loaders/disclosure/protection.ts";
import {
  MAX_WITNESS_CELLS,
  WitnessFinder,
  WitnessRegion,
  cannotMove,
  regionLp
} from "../../data-loaders/disclosure/witness.ts";

/** A few gemeenten of synthetic counts after primary and secondary suppression. */
function suppressed(seed: number) {
  const table = syntheticTable({
    gemeenten: 6,
    wijkenPerGemeente: 5,
    buurtenPerWijk: 4,
    branches: 6,
    years: 2,
    seed,
    pSmall: 0.4
  });
  const model = buildTableModel([table], []);
  const primary = primarySuppression(model, resolveThresholds());
  secondarySuppression(model, primary);
  return {model, primary};
}

const same = (a: Float64Array, b: Float64Array) =>
  a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

describe("re-audit after a repair", () => {
  it("skips unchanged, proven components with the same bounds, verdicts and counts", async () => {
    const highs = await loadSolver();
    let skippedSomewhere = 0;
    for (const seed of [1, 2, 3]) {
      const {model, primary} = suppressed(seed);
      const inner = innerBounds(model.n);
      await auditModel(model, primary, highs, inner, {workers: false});
      const before = components(model, primary.status);
      // A repair that unpublishes a few published cells next to some components, and marks one
      // cell of every component as changed (as the repair does with every failing cell).
      const unpublished = new Set<number>();
      for (let r = seed; r < model.relCount && unpublished.size < 3; r += 97) {
        let hasHidden = false;
        let open = -1;
        for (let q = model.relStart[r]; q < model.relStart[r + 1]; q++) {
          const c = model.relCell[q];
          if (primary.status[c] !== PUBLISHED) hasHidden = true;
          else if (!model.fixed[c] && !model.key[c]) open = c;
        }
        if (hasHidden && open >= 0) unpublished.add(open);
      }
      expect(unpublished.size).toBeGreaterThan(0);
      // Each moved by its witness: an inner bound wide enough to prove it on its own, so only the
      // test of what became unpublished keeps their components from being skipped.
      for (const c of unpublished) {
        primary.status[c] = SECONDARY;
        inner.lo[c] = 0;
        inner.hi[c] = model.value[c] + 1000;
      }
      const changed = new Set<number>([...unpublished, ...before.map((cells) => cells[0])]);
      const full = {lo: inner.lo.slice(), hi: inner.hi.slice()};
      const quick = {lo: inner.lo.slice(), hi: inner.hi.slice()};
      const lines: string[] = [];
      const a = await auditModel(model, primary, highs, full, {only: changed, workers: false});
      const b = await auditModel(model, primary, highs, quick, {
        only: changed,
        unpublishedSince: unpublished,
        workers: false,
        debug: (line) => lines.push(line)
      });
      expect(same(quick.lo, full.lo) && same(quick.hi, full.hi)).toBe(true);
      expect(b.failures).toEqual(a.failures);
      expect(b.components).toBe(a.components);
      expect(b.solves).toBe(a.solves);
      const skipped = Number(/; (\d+) ongewijzigd/.exec(lines.join("\n"))?.[1] ?? NaN);
      skippedSomewhere += skipped;
      // A component that took in an unpublished cell is never skipped.
      for (const cells of components(model, primary.status))
        if (cells.some((c) => unpublished.has(c)))
          expect(unchangedAndProven(model, primary, cells, inner, unpublished)).toBe(false);
    }
    expect(skippedSomewhere).toBeGreaterThan(10);
  }, 60_000);

  it("keeps only jobs off the worker that need no LP", async () => {
    const highs = await loadSolver();
    const solver = createAuditSolver(highs);
    let settled = 0;
    let open = 0;
    try {
      for (const seed of [1, 2]) {
        const {model, primary} = suppressed(seed);
        for (const cells of components(model, primary.status)) {
          const job = prepareJob(model, primary, cells, undefined, false);
          const quiet = jobSettled(job);
          const r = solveJob(highs, solver, job);
          expect(r.solves === 0).toBe(quiet);
          if (quiet) settled++;
          else open++;
        }
      }
    } finally {
      solver.dispose();
    }
    expect(settled).toBeGreaterThan(0);
    expect(open).toBeGreaterThan(0);
  }, 60_000);
});

describe("witness neighbourhoods", () => {
  it("are the same at every wider radius once they reach the cap", async () => {
    const highs = await loadSolver();
    const {model, primary} = suppressed(4);
    const finder = new WitnessFinder(highs, model, primary.status);
    let capped = 0;
    for (let p = 0; p < model.n; p += 7) {
      if (primary.status[p] === PUBLISHED) continue;
      for (const cap of [20, 60, 150]) {
        const near = finder.neighbourhood([p], 2, cap);
        if (near.cells.length < cap) continue;
        capped++;
        expect(near.complete).toBe(false);
        for (const radius of [4, 8]) {
          const wide = finder.neighbourhood([p], radius, cap);
          expect(wide.cells).toEqual(near.cells);
          expect(wide.complete).toBe(false);
        }
      }
    }
    expect(capped).toBeGreaterThan(20);
  }, 60_000);
});

describe("bound propagation before a witness LP", () => {
  it("declares a cell unable to move only where the region's LPs find no move either", async () => {
    const highs = await loadSolver();
    const bounds = {lower: new Float64Array(MAX_WITNESS_CELLS), upper: new Float64Array(MAX_WITNESS_CELLS)};
    let proven = 0;
    let moved = 0;
    let unproven = 0;
    let provenAbove0 = 0;
    for (const seed of [1, 2]) {
      const {model, primary} = suppressed(seed);
      const finder = new WitnessFinder(highs, model, primary.status);
      const value = (j: number) => model.value[j];
      for (let p = 0; p < model.n; p += 5) {
        if (primary.status[p] === PUBLISHED) continue;
        for (const radius of [1, 2, 4])
          for (const [dir, target] of [
            [1, 1],
            [1, 4],
            [-1, 1],
            [-1, 3]
          ] as const) {
            const {cells} = finder.neighbourhood([p], radius, 400);
            const lp = regionLp(highs, model, cells, (j) => finder.cost(j), value);
            const stuck = cannotMove(lp, cells.indexOf(p), dir, target, bounds);
            const region = new WitnessRegion(
              highs,
              model,
              primary.status,
              cells,
              (j) => finder.cost(j),
              value
            );
            let w;
            try {
              w = region.query(p, dir, target);
            } finally {
              region.dispose();
            }
            const moves = !!w && w.achieved > EPS;
            if (stuck) {
              proven++;
              if (!(dir < 0 && model.value[p] === 0)) provenAbove0++;
              expect(moves).toBe(false);
            } else if (moves) moved++;
            else unproven++;
          }
      }
    }
    // The check means something: many proofs (not only cells at 0 asked to go down), and many
    // searches that do move the cell.
    expect(provenAbove0).toBeGreaterThan(50);
    expect(moved).toBeGreaterThan(100);
  }, 120_000);
});
