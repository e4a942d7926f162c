import {readFileSync} from "node:fs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser} from "playwright-core";
import {getPipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import type {Bundle} from "../../src/lib/contracts.ts";
import {
  branchesData,
  branchesDefaults,
  opkomendView,
  rankingView
} from "../../src/lib/pages/risicobranches.ts";
import {describeProblems, isolatedContext, launchChromium, serveStatic, visitPage} from "./harness.ts";

// Risicobranches in Chromium: ranking, map, overview, rising sectors, care x real estate and the
// profiles are there; the computed sentences equal the module's; the branch and measure are in
// the URL, change the chart, and a reload restores them.
describe("risicobranches in Chromium", () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  const files = new Map<string, Bundle>();
  beforeAll(async () => {
    const result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
    for (const name of ["risicobranches.json", "regio.json"])
      files.set(name, JSON.parse(readFileSync(result.file(name), "utf-8")));
    site = await serveStatic("dist");
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("shows every chart and sentence, keeps branch and measure in the URL and restores them", async () => {
    const d = branchesData(files.get("risicobranches.json")!, files.get("regio.json")!);
    const defaults = branchesDefaults(d);
    const context = await isolatedContext(browser, site.origin);
    try {
      const {page, problems} = await visitPage(context, site.origin, "/risicobranches");
      expect(describeProblems("/risicobranches", problems)).toBeNull();
      await page.locator("figure[data-chart=choropleth]").waitFor();
      expect(await page.locator("figure[data-chart=ranking]").count()).toBe(2);
      expect(await page.locator("figure[data-chart=heat-table]").count()).toBe(1);
      expect(await page.locator("figure[data-chart=small-multiples]").count()).toBe(1);
      expect(await page.locator("#profielen tbody tr").count()).toBe(d.groepen.length);
      expect(await page.locator("#zinnen-ranking p").allTextContents()).toEqual(
        rankingView(d, defaults).zinnen
      );
      expect(await page.locator("#zinnen-opkomend p").allTextContents()).toEqual(opkomendView(d).zinnen);

      const state = {...defaults, branche: "vakantieparken", maat: "locatiequotient"};
      const expected = rankingView(d, state);
      await page.getByLabel("Branche", {exact: true}).selectOption(state.branche);
      await page.getByLabel("Maat", {exact: true}).selectOption(state.maat);
      await page.waitForFunction(
        () =>
          location.search.includes("branche=vakantieparken") &&
          location.search.includes("maat=locatiequotient")
      );
      const title = page
        .locator("figure[data-chart=ranking]")
        .first()
        .locator("h2, h3, .chart-title")
        .first();
      await page.waitForFunction(
        (text) =>
          [...document.querySelectorAll("#zinnen-ranking p")].map((p) => p.textContent).join("|") === text,
        expected.zinnen.join("|")
      );
      expect(await title.textContent()).toContain(expected.title);

      await page.reload({waitUntil: "networkidle"});
      await page.waitForFunction(
        (text) =>
          [...document.querySelectorAll("#zinnen-ranking p")].map((p) => p.textContent).join("|") === text,
        expected.zinnen.join("|")
      );
      expect(await page.getByLabel("Branche", {exact: true}).inputValue()).toBe("vakantieparken");
      await page.goBack();
      await page.waitForFunction(() => !location.search.includes("maat=locatiequotient"));
    } finally {
      await context.close();
    }
  });
});
