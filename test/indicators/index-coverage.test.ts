/**
 * Issue 15's bar for the kwetsbaarheidsindex, measured on what the pipeline PUBLISHES (the page
 * files, after the gate): at least 90% of the buurten with 50 or more inhabitants have an index
 * in every year, and no buurt with fewer than 50 inhabitants has one. On the demo region and on
 * a region generated with another seed (other buurten, other signals, other suppression).
 */
import {describe, expect, it} from "vitest";
import {getPipelineResult, type PipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import {resolveBronmap} from "../../data-loaders/resolve-bronmap.ts";
import type {Bundle, Cell} from "../../src/lib/contracts.ts";
import {readPublished} from "../published-file.ts";

/** Per year: buurten with 50+ inhabitants, how many of them have an index, and small ones with one. */
function dekking(result: PipelineResult): Map<number, {groot: number; met: number; kleinMet: number}> {
  const bundle = readPublished(result, "weerbaarheid.json") as Bundle;
  const cellen = (id: string) => (bundle.onderdelen[id] as {cellen: Cell[]}).cellen;
  const inw = new Map(
    cellen("inwoners")
      .filter((c) => c.gebiedniveau === "buurt")
      .map((c) => [`${c.gebiedcode}|${c.jaar}`, c.waarde])
  );
  const out = new Map<number, {groot: number; met: number; kleinMet: number}>();
  for (const c of cellen("kwetsbaarheidsindex")) {
    const n = inw.get(`${c.gebiedcode}|${c.jaar}`);
    if (n === null || n === undefined) continue;
    const t = out.get(c.jaar) ?? {groot: 0, met: 0, kleinMet: 0};
    if (n >= 50) {
      t.groot++;
      if (c.waarde !== null) t.met++;
    } else if (c.waarde !== null) t.kleinMet++;
    out.set(c.jaar, t);
  }
  return out;
}

function expectCoverage(result: PipelineResult): void {
  const perJaar = dekking(result);
  expect(perJaar.size).toBe(result.manifest.jaren.length);
  for (const [jaar, t] of perJaar) {
    expect(t.groot, String(jaar)).toBeGreaterThan(100);
    expect(t.met / t.groot, `${jaar}: ${t.met} van ${t.groot}`).toBeGreaterThanOrEqual(0.9);
    expect(t.kleinMet, String(jaar)).toBe(0);
  }
}

describe("an index for every buurt with 50 or more inhabitants", () => {
  it("holds on the demo region", async () => {
    expectCoverage(await getPipelineResult({gemeentenListPath: null, log: () => {}}));
  }, 300_000);

  it("holds on a region generated with another seed", async () => {
    // The project's caches (keyed by generator version and seed, and by the pipeline's inputs
    // and code), so a second run reuses the region and its result.
    const bron = await resolveBronmap({seed: 7});
    const result = await getPipelineResult({bronmap: bron, gemeentenListPath: null, log: () => {}});
    expect(result.manifest.cells.suppressedPrimary).toBeGreaterThan(0);
    expectCoverage(result);
  }, 600_000);
});
