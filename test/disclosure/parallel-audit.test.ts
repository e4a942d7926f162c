/**
 * The audit splits large runs over a worker thread; the outcome must not depend on it: the same
 * tables give the same suppression pattern and a passing audit with and without the worker, and
 * one audit the same bounds. (Since the worker only takes jobs that need LPs, the gate-level
 * table below may not reach the worker's threshold; the per-component test lowers it.)
 */
import {describe, expect, it} from "vitest";
import {auditModel, innerBounds, loadSolver} from "../../data-loaders/disclosure/audit.ts";
import {runGate} from "../../data-loaders/disclosure/gate.ts";
import {primarySuppression} from "../../data-loaders/disclosure/primary.ts";
import {secondarySuppression} from "../../data-loaders/disclosure/secondary.ts";
import {syntheticTable} from "../../data-loaders/disclosure/synthetic.ts";
import {buildTableModel} from "../../data-loaders/disclosure/table-model.ts";
import {resolveThresholds} from "../../data-loaders/disclosure/thresholds.ts";

describe("parallel audit", () => {
  it("gives the same result with and without the worker thread", async () => {
    const table = () =>
      syntheticTable({
        gemeenten: 40,
        wijkenPerGemeente: 10,
        buurtenPerWijk: 4,
        branches: 20,
        years: 10,
        seed: 3
      });
    const withWorker = await runGate({tables: [table()]});
    {
      const without = await runGate({tables: [table()], options: {workers: false}});
      expect(withWorker.report.totaal).toEqual(without.report.totaal);
      expect(withWorker.report.audit.geslaagd).toBe(true);
      const statuses = (r: typeof without) =>
        r.tables
          .get("vestigingen")!
          .cellen.map((c) => c.status)
          .join("");
      expect(statuses(withWorker)).toBe(statuses(without));
    }
  }, 120_000);
});

describe("parallel audit, per component", () => {
  it("writes the same bounds and verdicts with the worker as without it", async () => {
    // Lowered threshold: this table's jobs that need LPs hold fewer cells than a national audit's,
    // so the worker would not be used at the default.
    const {model, primary} = (() => {
      const t = syntheticTable({
        gemeenten: 3,
        wijkenPerGemeente: 10,
        buurtenPerWijk: 8,
        branches: 14,
        years: 1,
        seed: 1,
        pSmall: 0.5,
        brancheTotaal: true
      });
      const m = buildTableModel([t], []);
      const p = primarySuppression(m, resolveThresholds());
      secondarySuppression(m, p);
      return {model: m, primary: p};
    })();
    const highs = await loadSolver();
    const lines: string[] = [];
    const split = innerBounds(model.n);
    // claimShared false: this thread leaves every shared job to the worker, however long its
    // start-up takes (otherwise this thread may solve the three components before it is ready).
    const a = await auditModel(model, primary, highs, split, {
      parallelMinCells: 100,
      claimShared: false,
      debug: (l) => lines.push(l)
    });
    const alone = innerBounds(model.n);
    const b = await auditModel(model, primary, highs, alone, {workers: false});
    // The worker solved its share (no fallback to this thread).
    expect(lines.join("\n")).toMatch(/worker [1-9]\d*, daarna/);
    expect(lines.join("\n")).not.toMatch(/audit-worker:/);
    expect(Array.from(split.lo)).toEqual(Array.from(alone.lo));
    expect(Array.from(split.hi)).toEqual(Array.from(alone.hi));
    expect(a.failures).toEqual(b.failures);
    expect(a.solves).toBe(b.solves);
  }, 120_000);
});
