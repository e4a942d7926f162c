/**
 * Property tests (fast-check): random hierarchical tables (gemeente > wijken > buurten, several
 * branches with a total, several years, some records without a buurt) go through the gate; an
 * independent auditor rebuilds the LP from the open-data rows alone and checks every suppressed
 * cell; derived rates are null whenever their count is suppressed.
 */
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {runGate, type CountCell, type TableDeclaration} from "../../data-loaders/disclosure/gate.ts";
import {independentAudit, type AuditorRow} from "./helpers.ts";

const K = 10; // personen

const tableArb = fc.record({
  wijken: fc.array(
    fc.array(fc.oneof(fc.constant(0), fc.integer({min: 1, max: 9}), fc.integer({min: 10, max: 60})), {
      minLength: 1,
      maxLength: 4
    }),
    {minLength: 1, maxLength: 4}
  ),
  branches: fc.integer({min: 1, max: 3}),
  years: fc.integer({min: 1, max: 2}),
  noBuurt: fc.array(fc.integer({min: 0, max: 3}), {minLength: 4, maxLength: 4}),
  seed: fc.integer({min: 1, max: 1_000_000})
});

type Spec = {wijken: number[][]; branches: number; years: number; noBuurt: number[]; seed: number};

/** Builds a personen table from a spec; values vary per branch and year by a simple hash. */
function build(spec: Spec): {table: TableDeclaration; inwoners: TableDeclaration} {
  const cells: CountCell[] = [];
  const inw: CountCell[] = [];
  const branches = Array.from({length: spec.branches}, (_, b) => `b${b + 1}`);
  for (let y = 0; y < spec.years; y++) {
    const jaar = 2020 + y;
    const totals = new Map<string, number>();
    for (const [bi, branche] of branches.entries()) {
      let gm = 0;
      spec.wijken.forEach((buurten, w) => {
        const wk = `WK00010${w}`;
        let wkSum = 0;
        buurten.forEach((base, u) => {
          const bu = `BU00010${w}0${u}`;
          // Shift values between branches and years so cells differ, keeping small ones small.
          const v =
            base === 0
              ? 0
              : base < K
                ? 1 + ((base + bi + y + spec.seed) % (K - 1))
                : base + ((bi * 7 + y * 3 + spec.seed) % 20);
          wkSum += v;
          cells.push({gebiedcode: bu, gebiedniveau: "buurt", bovenliggend: wk, branche, jaar, value: v});
          totals.set(`${bu}`, (totals.get(bu) ?? 0) + v);
          if (bi === 0)
            inw.push({gebiedcode: bu, gebiedniveau: "buurt", bovenliggend: wk, jaar, value: 500 + u * 10});
        });
        wkSum += spec.noBuurt[w] ?? 0;
        gm += wkSum;
        cells.push({
          gebiedcode: wk,
          gebiedniveau: "wijk",
          bovenliggend: "GM0001",
          branche,
          jaar,
          value: wkSum
        });
        totals.set(wk, (totals.get(wk) ?? 0) + wkSum);
      });
      cells.push({
        gebiedcode: "GM0001",
        gebiedniveau: "gemeente",
        bovenliggend: null,
        branche,
        jaar,
        value: gm
      });
      totals.set("GM0001", (totals.get("GM0001") ?? 0) + gm);
    }
    // The branch total per area, so that branches and areas form a two-way table.
    for (const c of cells.filter((c) => c.jaar === jaar && c.branche === "b1")) {
      cells.push({...c, branche: "totaal", value: totals.get(c.gebiedcode) ?? 0});
    }
  }
  const table: TableDeclaration = {
    id: "slachtoffers",
    title: "Personen",
    unitKind: "personen",
    measure: "count",
    dimensions: ["gebied", "branche", "jaar"],
    brancheHierarchy: {totaal: branches},
    cells
  };
  const inwoners: TableDeclaration = {
    id: "inwoners",
    title: "Inwoners",
    unitKind: "publiek",
    measure: "count",
    dimensions: ["gebied", "jaar"],
    cells: inw
  };
  return {table, inwoners};
}

describe("gate properties on random hierarchical tables", () => {
  it("publishes only counts >= k or 0, every suppressed cell passes an independent audit, rates inherit", async () => {
    let audited = 0;
    let remainders = 0;
    await fc.assert(
      fc.asyncProperty(tableArb, async (spec) => {
        const {table, inwoners} = build(spec);
        const buurtCells = table.cells.filter((c) => c.gebiedniveau === "buurt");
        const result = await runGate({
          tables: [table, inwoners],
          derived: [
            {
              id: "slachtoffers-per-1000",
              title: "Per 1000 inwoners",
              eenheid: "per-1000",
              kind: "ratio",
              scale: 1000,
              cells: buurtCells.map((c) => ({
                ...c,
                bases: [
                  {table: "slachtoffers", ...c},
                  {table: "inwoners", ...c, branche: null}
                ]
              }))
            }
          ]
        });
        const published = result.tables.get("slachtoffers")!;
        // 1. Threshold: every published count is 0 or at least k.
        for (const c of published.cellen) {
          if (c.waarde !== null) expect(c.waarde === 0 || c.waarde >= K).toBe(true);
        }
        // 2. Independent audit from the open-data rows only.
        const rows: AuditorRow[] = result.openData
          .filter((r) => r.indicator === "slachtoffers")
          .map((r) => ({
            key: `${r.gebiedcode}|${r.branche}|${r.jaar}`,
            gebiedcode: r.gebiedcode,
            bovenliggend: r.bovenliggend,
            branche: r.branche,
            jaar: r.jaar,
            waarde: r.waarde
          }));
        const truth = new Map(
          table.cells.map((c) => [`${c.gebiedcode}|${c.branche}|${c.jaar}`, c.value as number])
        );
        // True values of the gate's remainder cells: parent minus its declared children.
        for (const r of rows) {
          if (truth.has(r.key)) continue;
          const parent = r.bovenliggend;
          const kids = table.cells.filter(
            (c) => c.bovenliggend === parent && c.branche === r.branche && c.jaar === r.jaar
          );
          truth.set(
            r.key,
            (truth.get(`${parent}|${r.branche}|${r.jaar}`) ?? 0) -
              kids.reduce((s, c) => s + (c.value as number), 0)
          );
        }
        const intervals = await independentAudit(rows, table.brancheHierarchy);
        audited += intervals.size;
        remainders += rows.filter((r) => r.gebiedcode.endsWith("-ONBEKEND")).length;
        for (const [key, {lo, hi}] of intervals) {
          const v = truth.get(key)!;
          expect(hi - lo, `${key} interval [${lo}, ${hi}]`).toBeGreaterThan(1e-6);
          if (v > 0 && v < K) {
            expect(hi - lo, `${key} width`).toBeGreaterThanOrEqual(K - 1e-6);
            expect(lo < v - 1e-6 && hi > v + 1e-6, `${key} straddles ${v}: [${lo}, ${hi}]`).toBe(true);
          }
        }
        // 3. Derived rates are null exactly where the count is suppressed (inwoners are never 0 here).
        const rate = result.tables.get("slachtoffers-per-1000")!;
        const countStatus = new Map(
          published.cellen.map((c) => [`${c.gebiedcode}|${c.branche}|${c.jaar}`, c.waarde])
        );
        for (const c of rate.cellen) {
          const count = countStatus.get(`${c.gebiedcode}|${c.branche}|${c.jaar}`);
          if (count === null) {
            expect(c.waarde).toBeNull();
            expect(c.reden).toMatch(/^onderdrukt/);
          } else expect(c.waarde).not.toBeNull();
        }
      }),
      {numRuns: 40, seed: 20241128}
    );
    // The runs must actually exercise suppression and the remainder cells.
    expect(audited).toBeGreaterThan(100);
    expect(remainders).toBeGreaterThan(0);
  });
});
