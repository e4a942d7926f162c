/** The Trends view model on the demo region and on a bundle whose every cell is suppressed. */
import {readFileSync} from "node:fs";
import {beforeAll, describe, expect, it} from "vitest";
import {getPipelineResult, type PipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import type {Bundle, Table} from "../../src/lib/contracts.ts";
import {
  structuurSignalenView,
  trendView,
  trendsData,
  trendsDefaults,
  trendsKeuzes
} from "../../src/lib/pages/trends.ts";

let result: PipelineResult;
const read = (name: string): Bundle => JSON.parse(readFileSync(result.file(name), "utf-8")) as Bundle;

beforeAll(async () => {
  result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
}, 300_000);

describe("trends", () => {
  it("shows every indicator for the regio and every gemeente over every year", () => {
    const d = trendsData(read("trends.json"), read("regio.json"), read("catalogus.json"));
    expect(d.jaren[0]).toBe(2015);
    for (const i of trendsKeuzes(d).indicatoren) {
      const v = trendView(d, {...trendsDefaults(d), indicator: i.value});
      expect(v.cells).toHaveLength((d.info.gemeenten.length + 1) * d.jaren.length);
      expect(v.zinnen.length).toBeGreaterThan(0);
    }
    const v = trendView(d, trendsDefaults(d));
    // The strongest riser named in the title has the largest published first-to-last change.
    expect(v.title).toMatch(/het sterkst gestegen in /);
  });

  it("compares the structural pattern with the signals using the published indexes", () => {
    const d = trendsData(read("trends.json"), read("regio.json"), read("catalogus.json"));
    const v = structuurSignalenView(d);
    const idx = (id: string, branche: string | null) =>
      (read("trends.json").onderdelen[id] as Table).cellen
        .filter((c) => c.gebiedniveau === "regio" && c.branche === branche && c.waarde !== null)
        .at(-1)!;
    const vest = idx("vestigingen-index", "risico");
    expect(v.zinnen[0]).toContain(
      `index ${vest.waarde!.toLocaleString("nl-NL", {minimumFractionDigits: 1})} in ${vest.jaar}`
    );
    expect(v.zinnen[1]).toMatch(/harder|gelijk op/);
  });

  it("never guesses when everything is suppressed", () => {
    const bundle = structuredClone(read("trends.json"));
    for (const part of Object.values(bundle.onderdelen))
      for (const c of (part as Table).cellen ?? []) {
        c.waarde = null;
        c.status = "onderdrukt";
      }
    const d = trendsData(bundle, read("regio.json"), read("catalogus.json"));
    expect(trendView(d, trendsDefaults(d)).zinnen[0]).toMatch(/^Voor geen enkele gemeente/);
    const ss = structuurSignalenView(d);
    expect(ss.zinnen).toHaveLength(1);
    expect(ss.zinnen[0]).toMatch(/niet te tonen.*niet te tonen/);
  });
});
