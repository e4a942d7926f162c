import {readFileSync} from "node:fs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser} from "playwright-core";
import {getPipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import type {Bundle} from "../../src/lib/contracts.ts";
import {structuurSignalenView, trendView, trendsData, trendsDefaults} from "../../src/lib/pages/trends.ts";
import {describeProblems, isolatedContext, launchChromium, serveStatic, visitPage} from "./harness.ts";

// Trends in Chromium: both small-multiple charts, the computed sentences, the indicator in the
// URL changing the chart, and a reload restoring it.
describe("trends in Chromium", () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  const files = new Map<string, Bundle>();
  beforeAll(async () => {
    const result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
    for (const name of ["trends.json", "regio.json", "catalogus.json"])
      files.set(name, JSON.parse(readFileSync(result.file(name), "utf-8")));
    site = await serveStatic("dist");
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("shows structure next to signals and every indicator, with the indicator in the URL", async () => {
    const d = trendsData(files.get("trends.json")!, files.get("regio.json")!, files.get("catalogus.json")!);
    const context = await isolatedContext(browser, site.origin);
    try {
      const {page, problems} = await visitPage(context, site.origin, "/trends");
      expect(describeProblems("/trends", problems)).toBeNull();
      await page.locator("figure[data-chart=small-multiples]").nth(1).waitFor();
      expect(await page.locator("#zinnen-structuur p").allTextContents()).toEqual(
        structuurSignalenView(d).zinnen
      );
      expect(await page.locator("#zinnen-trend p").allTextContents()).toEqual(
        trendView(d, trendsDefaults(d)).zinnen
      );
      const state = {...trendsDefaults(d), indicator: "panden-leeg"};
      const expected = trendView(d, state).zinnen.join("|");
      await page.getByLabel("Indicator", {exact: true}).selectOption(state.indicator);
      await page.waitForFunction(() => location.search.includes("indicator=panden-leeg"));
      const zinnen = (text: string) =>
        page.waitForFunction(
          (t) => [...document.querySelectorAll("#zinnen-trend p")].map((p) => p.textContent).join("|") === t,
          text
        );
      await zinnen(expected);
      expect(await page.locator("figure[data-chart=small-multiples]").nth(1).textContent()).toContain(
        trendView(d, state).title
      );
      await page.reload({waitUntil: "networkidle"});
      await zinnen(expected);
    } finally {
      await context.close();
    }
  });
});
