import {readFileSync} from "node:fs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser} from "playwright-core";
import {OPEN_DATA_COLUMNS} from "../../data-loaders/disclosure/gate.ts";
import {getPipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import type {Bundle} from "../../src/lib/contracts.ts";
import {
  indicatorenVan,
  onderdrukkingZinnen,
  rapportVan,
  tabelRijen,
  themaGroepen
} from "../../src/lib/pages/methode.ts";
import {describeProblems, isolatedContext, launchChromium, serveStatic, visitPage} from "./harness.ts";

// Methode en privacy and Open data in Chromium: the suppression sentences equal the module's,
// the indicator search lives in the URL and filters the list, and the open-data files are at
// their stable paths with the documented columns.
describe("methode and open data in Chromium", () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  const files = new Map<string, Bundle>();
  beforeAll(async () => {
    const result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
    for (const name of ["openbaarmaking.json", "catalogus.json"])
      files.set(name, JSON.parse(readFileSync(result.file(name), "utf-8")));
    site = await serveStatic("dist");
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("methode: computed suppression sentences, and a search that filters and lives in the URL", async () => {
    const rapport = rapportVan(files.get("openbaarmaking.json")!);
    const indicatoren = indicatorenVan(files.get("catalogus.json")!);
    const context = await isolatedContext(browser, site.origin);
    try {
      const {page, problems} = await visitPage(context, site.origin, "/methode");
      expect(describeProblems("/methode", problems)).toBeNull();
      await page.locator("#onderdrukking p").first().waitFor();
      expect(await page.locator("#onderdrukking p").allTextContents()).toEqual(onderdrukkingZinnen(rapport));
      expect(await page.locator("#indicatoren dt").count()).toBe(indicatoren.length);
      const hits = themaGroepen(indicatoren, "zorg").reduce((s, g) => s + g.indicatoren.length, 0);
      await page.getByLabel("Zoek een indicator").fill("zorg");
      await page.waitForFunction(() => location.search.includes("zoek=zorg"));
      await page.waitForFunction((n) => document.querySelectorAll("#indicatoren dt").length === n, hits);
      await page.reload({waitUntil: "networkidle"});
      await page.waitForFunction((n) => document.querySelectorAll("#indicatoren dt").length === n, hits);
      expect(await page.getByLabel("Zoek een indicator").inputValue()).toBe("zorg");
    } finally {
      await context.close();
    }
  });

  it("open data: the files at their stable paths with the documented header, and every table listed", async () => {
    const rapport = rapportVan(files.get("openbaarmaking.json")!);
    const context = await isolatedContext(browser, site.origin);
    try {
      const {page, problems} = await visitPage(context, site.origin, "/open-data");
      expect(describeProblems("/open-data", problems)).toBeNull();
      await page.locator("#downloads a").first().waitFor();
      const hrefs = await page
        .locator("#downloads a")
        .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(hrefs).toEqual([
        `${site.origin}/open-data/cijfers.csv`,
        `${site.origin}/open-data/cijfers.json`
      ]);
      const csv = await page.request.get(hrefs[0]!);
      expect(csv.status()).toBe(200);
      expect((await csv.text()).split(/\r?\n/)[0]).toBe(OPEN_DATA_COLUMNS.join(","));
      const json = await page.request.get(hrefs[1]!);
      expect(json.status()).toBe(200);
      const rows = (await json.json()) as Array<Record<string, unknown>>;
      expect(Object.keys(rows[0]!)).toEqual([...OPEN_DATA_COLUMNS]);
      expect(await page.locator("#tabel-tabellen tbody tr").count()).toBe(tabelRijen(rapport).length);
    } finally {
      await context.close();
    }
  });
});
