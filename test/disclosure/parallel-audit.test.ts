/**
 * The audit splits large runs over a worker thread; the outcome must not depend on it: the same
 * tables give the same suppression pattern and a passing audit with and without the worker.
 */
import {describe, expect, it} from "vitest";
import {runGate} from "../../data-loaders/disclosure/gate.ts";
import {syntheticTable} from "../../data-loaders/disclosure/synthetic.ts";

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
