/**
 * Secondary suppression keeps the regio totals: a regio total is what every reader compares with,
 * and every derived rate of the region (and the resilience index of every buurt, which rests on
 * the regio's signal rate) inherits its suppression. On the demo region the repair rounds once
 * chose the regio total of signals (the largest total) and emptied the index for two years.
 */
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {getPipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import type {Bundle, Table} from "../../src/lib/contracts.ts";
import {readPublished} from "../published-file.ts";

describe("regio totals of the demo region", async () => {
  const result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
  const weerbaarheid = readPublished(result, "weerbaarheid.json") as Bundle;
  const table = (id: string) => weerbaarheid.onderdelen[id] as Table;

  it("publishes the regio's signal count in every year", () => {
    const regio = table("signalen").cellen.filter((c) => c.gebiedniveau === "regio");
    expect(regio.length).toBe(result.manifest.jaren.length);
    expect(regio.filter((c) => c.waarde === null).map((c) => c.jaar)).toEqual([]);
  });

  it("publishes the resilience index for some buurten in every year", () => {
    const perJaar = new Map<number, number>();
    for (const c of table("kwetsbaarheidsindex").cellen)
      if (c.gebiedniveau === "buurt" && c.waarde !== null)
        perJaar.set(c.jaar, (perJaar.get(c.jaar) ?? 0) + 1);
    for (const jaar of result.manifest.jaren)
      expect(perJaar.get(jaar) ?? 0, String(jaar)).toBeGreaterThan(50);
  });
});
