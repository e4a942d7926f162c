/**
 * The Risicobranches view model on the demo region (every branch and measure), and on a bundle
 * whose every cell is suppressed: sentences say so and never show a number.
 */
import {readFileSync} from "node:fs";
import {beforeAll, describe, expect, it} from "vitest";
import {getPipelineResult, type PipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import type {Bundle, Table} from "../../src/lib/contracts.ts";
import {
  MATEN,
  branchesData,
  branchesDefaults,
  branchesKeuzes,
  opkomendView,
  overzichtView,
  rankingView,
  zorgView
} from "../../src/lib/pages/risicobranches.ts";

let result: PipelineResult;
const read = (name: string): Bundle => JSON.parse(readFileSync(result.file(name), "utf-8")) as Bundle;

beforeAll(async () => {
  result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
}, 300_000);

describe("risicobranches", () => {
  it("ranks the gemeenten on every branch and measure, the region as reference", () => {
    const d = branchesData(read("risicobranches.json"), read("regio.json"));
    const keuzes = branchesKeuzes(d);
    expect(keuzes.maten.map((m) => m.value)).toEqual(MATEN.map((m) => m.id));
    for (const b of keuzes.branches)
      for (const m of keuzes.maten) {
        const v = rankingView(d, {branche: b.value, maat: m.value, jaar: String(d.laatsteJaar)});
        expect(v.items).toHaveLength(d.info.gemeenten.length);
        const published = v.items.filter((i) => i.cell?.waarde != null);
        if (published.length > 0) {
          const top = published.sort((a, b) => b.cell!.waarde! - a.cell!.waarde!)[0]!;
          expect(v.title).toContain(`het hoogst in ${top.naam}`);
        }
      }
  });

  it("finds the planted over-representation of holiday parks in one gemeente", () => {
    const d = branchesData(read("risicobranches.json"), read("regio.json"));
    const v = overzichtView(d, {...branchesDefaults(d), maat: "locatiequotient"});
    expect(v.zin).toMatch(/vakantieparken en kampeerterreinen \(\d+,\d+\)/);
    expect(v.rows.length).toBe(d.groepen.length);
    expect(v.columns.at(-1)!.label).toBe("Regio");
  });

  it("tells the rising sectors' growth with published first and last year counts", () => {
    const d = branchesData(read("risicobranches.json"), read("regio.json"));
    const v = opkomendView(d);
    expect(v.zinnen).toHaveLength(3);
    for (const z of v.zinnen) expect(z).toMatch(/vestigingen in \d{4} naar .* in \d{4} \([+−]/);
    expect(zorgView(d, branchesDefaults(d)).zinnen[0]).toMatch(
      /In de regio bezit in \d{4} .*% van de zorgaanbieders/
    );
  });

  it("says a suppressed value is not shown, and never guesses", () => {
    const bundle = structuredClone(read("risicobranches.json"));
    for (const part of Object.values(bundle.onderdelen))
      for (const c of (part as Table).cellen ?? []) {
        c.waarde = null;
        c.status = "onderdrukt";
      }
    const d = branchesData(bundle, read("regio.json"));
    const s = branchesDefaults(d);
    const v = rankingView(d, s);
    expect(v.zinnen).toHaveLength(1);
    expect(v.zinnen[0]).toMatch(/^Voor geen enkele gemeente .* Voor 8 gemeenten is de waarde onderdrukt/);
    expect(v.regio).toBeNull();
    expect(overzichtView(d, s).zin).toContain("in geen enkele gemeente");
    for (const z of opkomendView(d).zinnen) expect(z).toContain("niet te tonen");
    expect(zorgView(d, s).zinnen[0]).toContain("niet te tonen");
  });
});
