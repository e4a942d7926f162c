/**
 * The printed briefing as a reader holds it: Chromium prints the page to A4 (page.pdf), pdf.js
 * reads back every piece of text with its position, and the test checks that the title and the
 * opening are on page 1, that nothing is printed over other text (a fixed demo notice repeated
 * itself on every sheet, over the title and the first lines), and that the demo notice prints
 * once, above the title. The same for the page without the notice (a build from an own bronmap
 * has no header at all: the page is printed with the header removed).
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser} from "playwright-core";
import {overlaps, printedLines, printedText, type PrintedText} from "./print.ts";
import {builtPaths, isolatedContext, launchChromium, serveStatic, visitPage} from "./harness.ts";

describe("the printed briefing", () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  const briefing = builtPaths().find((p) => p.startsWith("/gemeente/"))!;
  beforeAll(async () => {
    site = await serveStatic("dist");
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function print(withoutNotice: boolean) {
    const context = await isolatedContext(browser, site.origin);
    try {
      const {page} = await visitPage(context, site.origin, briefing);
      await page.locator("figure[data-chart=ranking]").nth(1).waitFor();
      if (withoutNotice) await page.evaluate(() => document.querySelector("#observablehq-header")?.remove());
      const naam = (await page.locator("#briefing-kop p").textContent())!.split(",")[0]!;
      return {naam, ...(await printedText(await page.pdf({format: "A4", printBackground: true})))};
    } finally {
      await context.close();
    }
  }

  for (const withoutNotice of [false, true]) {
    it(`has its title and opening on page 1 and no text printed over other text${withoutNotice ? ", without the demo notice" : ", with the demo notice once, above the title"}`, async () => {
      const {naam, pages, items} = await print(withoutNotice);
      const lines = printedLines(items);
      expect(pages).toBeLessThanOrEqual(2);
      const title = lines.find((l) => l.text.includes("Gemeentebriefing"));
      expect(title?.page).toBe(1);
      expect(lines.find((l) => l.text.startsWith(`${naam}, `))?.page).toBe(1);
      expect(lines.find((l) => l.text === "In het kort")?.page).toBe(1);
      const notices = lines.filter((l) => l.text.includes("Fictieve voorbeelddata"));
      if (withoutNotice) expect(notices).toEqual([]);
      else {
        expect(notices.map((l) => l.page)).toEqual([1]);
        expect(notices[0]!.y).toBeLessThan(title!.y);
      }
      expect(overlaps(items).map(([a, b]) => `p${a.page}: "${a.text}" / "${b.text}"`)).toEqual([]);
    });
  }

  it("catches text printed over other text (the check itself)", () => {
    const t = (text: string, y: number): PrintedText => ({page: 1, text, x: 50, y, width: 200, height: 12});
    expect(overlaps([t("Fictieve voorbeelddata", 40), t("Gemeentebriefing", 44)])).toHaveLength(1);
    expect(overlaps([t("Fictieve voorbeelddata", 40), t("Gemeentebriefing", 60)])).toEqual([]);
  });
});
