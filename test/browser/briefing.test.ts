import {readFileSync} from "node:fs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser} from "playwright-core";
import {getPipelineResult, type PipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import type {Bundle} from "../../src/lib/contracts.ts";
import {briefingView} from "../../src/lib/pages/briefing.ts";
import {
  builtPaths,
  describeProblems,
  isolatedContext,
  launchChromium,
  serveStatic,
  visitPage
} from "./harness.ts";
import {readPublished} from "../published-file.ts";

// Every gemeente briefing in Chromium: its name, the eight key figures, the computed sentences
// equal to what the page module computes from the same published file, the peer and wijk
// charts; and the briefing prints on at most two A4 pages.
describe("gemeente briefings in Chromium", () => {
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

  it("has a briefing page for every gemeente of the bronmap", () => {
    const built = builtPaths().filter((p) => p.startsWith("/gemeente/"));
    expect(built.sort()).toEqual(result.manifest.gemeenten.map((g) => `/gemeente/${g.code}`).sort());
  });

  for (const g of builtPaths()
    .filter((p) => p.startsWith("/gemeente/"))
    .map((p) => ({code: p.slice("/gemeente/".length)}))) {
    it(`${g.code}: key figures and the sentences the module computes`, async () => {
      const regio = (read("regio.json").onderdelen.regio as {waarde: {regio: {code: string; naam: string}}})
        .waarde.regio;
      const view = briefingView(read(`gemeente/${g.code}.json`), regio);
      const context = await isolatedContext(browser, site.origin);
      try {
        const {page, problems} = await visitPage(context, site.origin, `/gemeente/${g.code}`);
        expect(describeProblems(`/gemeente/${g.code}`, problems)).toBeNull();
        await page.locator("#samenvatting p").first().waitFor();
        expect(await page.title()).toBe(`Briefing ${view.naam} | Ondermijningsatlas`);
        // The name is in the served HTML itself (postbuild), not only after the scripts ran.
        const raw = await (await page.request.get(`${site.origin}/gemeente/${g.code}`)).text();
        expect(raw).toContain(`<title>Briefing ${view.naam} | Ondermijningsatlas</title>`);
        expect((await page.locator("h1").textContent())?.trim()).toBe(`Gemeentebriefing ${view.naam}`);
        expect(await page.locator(".key-figure").count()).toBe(view.figuren.length);
        expect(await page.locator("#samenvatting p").allTextContents()).toEqual(view.samenvatting);
        for (const f of view.figuren) {
          expect(await page.locator(`.figuurzin[data-maat="${f.maat.id}"] p`).allTextContents()).toEqual(
            f.zinnen
          );
        }
        expect(await page.locator("#peerzin").textContent()).toBe(view.peerZin);
        expect(await page.locator("figure[data-chart=ranking]").count()).toBe(2);
      } finally {
        await context.close();
      }
    });
  }

  for (const path of builtPaths().filter((p) => p.startsWith("/gemeente/"))) {
    it(`${path} prints on at most two A4 pages`, async () => {
      const context = await isolatedContext(browser, site.origin);
      try {
        const {page} = await visitPage(context, site.origin, path);
        await page.locator("figure[data-chart=ranking]").nth(1).waitFor();
        const pdf = await page.pdf({format: "A4"});
        // Page objects, not the /Pages tree node.
        const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
        expect(pages).toBeGreaterThanOrEqual(1);
        expect(pages).toBeLessThanOrEqual(2);
      } finally {
        await context.close();
      }
    });
  }
});
