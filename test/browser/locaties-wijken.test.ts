import {readFileSync} from "node:fs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser} from "playwright-core";
import {getPipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import type {Bundle} from "../../src/lib/contracts.ts";
import {buitengebiedView, locatiesData, locatiesDefaults} from "../../src/lib/pages/risicolocaties.ts";
import {gebiedenVan, kernzinnen, wijkenData, wijkenDefaults} from "../../src/lib/pages/weerbare-wijken.ts";
import {describeProblems, isolatedContext, launchChromium, serveStatic, visitPage} from "./harness.ts";
import {auditAccessibility} from "./quality.ts";
import {readPublished} from "../published-file.ts";

// The two location stories in Chromium: charts present, a key sentence equal to what the page
// module computes from the same published files, inputs that change URL and chart, and a
// reload that restores the view from the URL.
describe("risicolocaties and weerbare wijken in Chromium", () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  const files = new Map<string, unknown>();
  const read = (name: string) => files.get(name);
  beforeAll(async () => {
    const result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
    for (const name of [
      "risicolocaties.json",
      "weerbaarheid.json",
      "regio.json",
      "definities.json",
      "gebieden-buurt.topojson",
      "gebieden-wijk.topojson"
    ])
      files.set(name, readPublished(result, name));
    site = await serveStatic("dist");
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("risicolocaties: charts, computed sentence, gemeente in the URL, restored on reload", async () => {
    const d = locatiesData(
      read("risicolocaties.json") as Bundle,
      read("regio.json") as Bundle,
      read("definities.json") as Bundle
    );
    const context = await isolatedContext(browser, site.origin);
    try {
      const {page, problems} = await visitPage(context, site.origin, "/risicolocaties");
      expect(describeProblems("/risicolocaties", problems)).toBeNull();
      await page.locator("figure[data-chart]").first().waitFor();
      expect(await page.locator("figure[data-chart]").count()).toBeGreaterThanOrEqual(5);
      expect(await page.locator("[data-chart=key-figures]").count()).toBe(3);
      const expected = buitengebiedView(d, locatiesDefaults(d)).zinnen[0]!;
      expect((await page.locator("#zinnen-buitengebied p").first().textContent())?.trim()).toBe(expected);

      const g = d.info.gemeenten[3]!;
      const before = await page.locator("figure[data-chart=ranking] .chart-legend").first().count();
      await page.getByLabel("Gemeente", {exact: true}).selectOption(g.code);
      await page.waitForFunction((code) => location.search.includes(`gemeente=${code}`), g.code);
      const sentence = buitengebiedView(d, {...locatiesDefaults(d), gemeente: g.code}).zinnen[0]!;
      await page.waitForFunction(
        (text) => document.querySelector("#zinnen-buitengebied p")?.textContent?.trim() === text,
        sentence
      );
      // The chosen gemeente is highlighted in the ranking, which brings its legend entry.
      expect(await page.locator("figure[data-chart=ranking] .chart-legend").first().count()).toBeGreaterThan(
        before
      );

      await page.reload({waitUntil: "networkidle"});
      await page.waitForFunction(
        (text) => document.querySelector("#zinnen-buitengebied p")?.textContent?.trim() === text,
        sentence
      );
      expect(await page.getByLabel("Gemeente", {exact: true}).inputValue()).toBe(g.code);
    } finally {
      await context.close();
    }
  });

  it("risicolocaties: the buurt and estate maps load when scrolled into view, with table, legend and no axe violations", async () => {
    const context = await isolatedContext(browser, site.origin);
    try {
      const {page, problems} = await visitPage(context, site.origin, "/risicolocaties");
      await page.locator("figure[data-chart]").first().waitFor();
      // Not loaded on first view: the maps' geometry waits until the maps scroll into view.
      expect(await page.locator("figure[data-chart=choropleth]").count()).toBe(0);
      const geometry = () =>
        page.evaluate(() =>
          performance
            .getEntriesByType("resource")
            .map((e) => e.name)
            .filter((n) => /\/_file\/data\/(gebieden|terreinen)\//.test(n))
        );
      expect(await geometry()).toEqual([]);
      // A map draws once it has been in view: first the buurt map, then (further down) the estates.
      await page.locator("#zinnen-buurtkaart").scrollIntoViewIfNeeded();
      await page.waitForFunction(
        () => document.querySelectorAll("figure[data-chart=choropleth]").length >= 1,
        null,
        {
          timeout: 90_000
        }
      );
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForFunction(
        () => document.querySelectorAll("figure[data-chart=choropleth]").length === 2,
        null,
        {
          timeout: 90_000
        }
      );
      await page.waitForFunction(() => !document.querySelector("[aria-busy=true]"));
      expect(describeProblems("/risicolocaties", problems)).toBeNull();
      const [buurtkaart, terreinkaart] = await page.locator("figure[data-chart=choropleth]").all();
      // The buitengebied is outlined, named in the legend and a column of the table view.
      expect(await buurtkaart!.locator("svg g.omrand path").count()).toBeGreaterThan(0);
      expect(await buurtkaart!.locator('[data-legend="omrand"]').count()).toBe(1);
      expect(await buurtkaart!.locator("table thead th").allTextContents()).toContain("Buitengebied");
      expect((await page.locator("#zinnen-buurtkaart p").first().textContent()) ?? "").toMatch(
        /horen bij het buitengebied/
      );
      // The estates are coloured over the buurten around them.
      expect(await terreinkaart!.locator("svg g.context path").count()).toBeGreaterThan(0);
      expect(
        await terreinkaart!.locator("svg g.waarden path, svg g.onderdrukt path").count()
      ).toBeGreaterThan(0);
      expect((await geometry()).length).toBe(2);
      const violations = await auditAccessibility(page);
      expect(violations.map((v) => `${v.id}: ${v.help} @ ${v.targets.slice(0, 3).join(", ")}`)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("weerbare wijken: map, ranking, heat table, computed sentence, level in the URL, restored on reload", async () => {
    const buurten = gebiedenVan(read("gebieden-buurt.topojson"));
    const wijken = gebiedenVan(read("gebieden-wijk.topojson"));
    const d = wijkenData(
      read("weerbaarheid.json") as Bundle,
      read("regio.json") as Bundle,
      read("definities.json") as Bundle,
      [buurten, wijken]
    );
    const context = await isolatedContext(browser, site.origin);
    try {
      const {page, problems} = await visitPage(context, site.origin, "/weerbare-wijken");
      expect(describeProblems("/weerbare-wijken", problems)).toBeNull();
      await page.locator("figure[data-chart=choropleth]").waitFor();
      expect(await page.locator("figure[data-chart=ranking]").count()).toBe(1);
      expect(await page.locator("figure[data-chart=heat-table]").count()).toBe(1);
      const expected = kernzinnen(d, wijkenDefaults(d))[0]!;
      expect((await page.locator("#zinnen-index p").first().textContent())?.trim()).toBe(expected);
      const buurtPaths = await page.locator("figure[data-chart=choropleth] svg g[aria-label] path").count();

      await page.getByLabel("Niveau van de kaart", {exact: true}).selectOption("wijk");
      await page.waitForFunction(() => location.search.includes("niveau=wijk"));
      await page.waitForFunction(() =>
        document
          .querySelector("figure[data-chart=choropleth] .chart-title")
          ?.textContent?.includes("per wijk")
      );
      const wijkPaths = await page.locator("figure[data-chart=choropleth] svg g[aria-label] path").count();
      expect(wijkPaths).toBeLessThan(buurtPaths);

      await page.reload({waitUntil: "networkidle"});
      await page.waitForFunction(() =>
        document
          .querySelector("figure[data-chart=choropleth] .chart-title")
          ?.textContent?.includes("per wijk")
      );
      expect(await page.getByLabel("Niveau van de kaart", {exact: true}).inputValue()).toBe("wijk");
    } finally {
      await context.close();
    }
  });
});
