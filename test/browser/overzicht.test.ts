import {readFileSync} from "node:fs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser} from "playwright-core";
import {getPipelineResult, type PipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import type {Bundle} from "../../src/lib/contracts.ts";
import {openingZin, overzichtView} from "../../src/lib/pages/overzicht.ts";
import {regioInfo} from "../../src/lib/pages/story.ts";
import {describeProblems, isolatedContext, launchChromium, serveStatic, visitPage} from "./harness.ts";
import {readPublished} from "../published-file.ts";

// The overview in Chromium: the computed sentences of the three stories, a link to every
// gemeente's briefing that opens it.
describe("overzicht in Chromium", () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  let result: PipelineResult;
  const read = (name: string) => readPublished(result, name) as Bundle;
  beforeAll(async () => {
    result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
    site = await serveStatic("dist");
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("shows the computed story sentences and links every gemeente to its briefing", async () => {
    const info = regioInfo(read("regio.json"));
    const view = overzichtView(read("overzicht.json"), info);
    const context = await isolatedContext(browser, site.origin);
    try {
      const {page, problems} = await visitPage(context, site.origin, "/");
      expect(describeProblems("/", problems)).toBeNull();
      await page.locator("#opening p").first().waitFor();
      expect(await page.locator("#opening p").allTextContents()).toEqual([
        view.oogopslagZin,
        openingZin(view)
      ]);
      const oogopslag = page.locator("[data-chart=key-figures]").first();
      expect(await oogopslag.locator(".key-figure-label").allTextContents()).toEqual(
        view.oogopslag.map((f) => f.label)
      );
      for (const v of view.verhalen)
        expect(await page.locator(`#zinnen-${v.id} p`).allTextContents()).toEqual(v.zinnen);
      expect(await page.locator("[data-chart=key-figures]").count()).toBe(4);
      // A link to every gemeente of the bronmap, each to a briefing page that exists.
      const links = page.locator("#gemeenten a");
      expect(await links.allTextContents()).toEqual(view.gemeenten.map((g) => g.naam));
      expect(view.gemeenten.map((g) => g.code).sort()).toEqual(
        result.manifest.gemeenten.map((g) => g.code).sort()
      );
      const hrefs = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      for (const [i, href] of hrefs.entries()) {
        expect(new URL(href).pathname).toBe(`/gemeente/${view.gemeenten[i]!.code}`);
        expect((await page.request.get(href)).status()).toBe(200);
      }
      const first = view.gemeenten[0]!;
      await page.locator(`#gemeenten a:text-is("${first.naam}")`).click();
      await page.waitForURL(`**/gemeente/${first.code}`);
      await page.locator("#samenvatting p").first().waitFor();
      expect(await page.title()).toContain(first.naam);
    } finally {
      await context.close();
    }
  });
});
