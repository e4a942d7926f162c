/**
 * A phone (390 px wide, Chromium's mobile viewport): charts are drawn at the width they get, so
 * no chart text is smaller than 12 px as it appears on the screen (a chart drawn wider and
 * scaled down shrinks its labels to a few pixels), and the demo notice scrolls away with the
 * page instead of keeping a tenth of the screen.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser, Page} from "playwright-core";
import {builtPaths, describeProblems, launchChromium, serveStatic, watchPage} from "./harness.ts";

/** Chart text smaller than `min` px on screen: font size times the scale the SVG is shown at. */
async function smallChartText(page: Page, min: number): Promise<string[]> {
  return page.evaluate((min) => {
    const out: string[] = [];
    for (const svg of document.querySelectorAll<SVGSVGElement>("figure svg, .chart-legend svg")) {
      const box = svg.getBoundingClientRect();
      if (box.width === 0) continue;
      const drawn = svg.viewBox.baseVal?.width || svg.width.baseVal.value || box.width;
      const scale = box.width / drawn;
      for (const text of svg.querySelectorAll("text")) {
        if (text.getBoundingClientRect().width === 0 || !text.textContent?.trim()) continue;
        const size = parseFloat(getComputedStyle(text).fontSize) * scale;
        if (size < min - 0.01) out.push(`${text.textContent.trim().slice(0, 30)}: ${size.toFixed(1)} px`);
      }
    }
    return out;
  }, min);
}

describe("on a phone (390 px)", () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  beforeAll(async () => {
    site = await serveStatic("dist");
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const briefing = builtPaths().find((p) => p.startsWith("/gemeente/"))!;
  for (const path of [
    "/werkplaats",
    "/weerbare-wijken",
    "/risicobranches",
    "/risicolocaties",
    "/trends",
    "/",
    briefing
  ]) {
    it(`${path}: every chart drawn at the phone's width, no chart text below 12 px`, async () => {
      const context = await browser.newContext({
        viewport: {width: 390, height: 844},
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
        locale: "nl-NL",
        timezoneId: "Europe/Amsterdam"
      });
      try {
        const page = await context.newPage();
        const problems = watchPage(page, site.origin);
        await page.goto(site.origin + path, {waitUntil: "networkidle"});
        // Charts below the fold are drawn when they come into view: scroll through the page.
        for (let y = 0; y < (await page.evaluate(() => document.body.scrollHeight)); y += 600) {
          await page.evaluate((y) => window.scrollTo(0, y), y);
          await page.waitForTimeout(150);
        }
        await page.waitForFunction(() => !document.querySelector("[aria-busy=true]"));
        await page.waitForTimeout(500);
        expect(await page.locator("figure svg").count(), path).toBeGreaterThan(0);
        expect(await smallChartText(page, 12)).toEqual([]);
        // No page scrolls sideways (a wide chart scrolls inside its own frame).
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(
          true
        );
        expect(describeProblems(path, problems)).toBeNull();
      } finally {
        await context.close();
      }
    });
  }

  it("catches a chart drawn wider than the screen and scaled down (the check itself)", async () => {
    const context = await browser.newContext({viewport: {width: 390, height: 844}, isMobile: true});
    try {
      const page = await context.newPage();
      await page.setContent(
        `<meta name="viewport" content="width=device-width"><figure><svg width="640" height="40" viewBox="0 0 640 40" style="max-width:100%;height:auto"><text x="0" y="20" font-size="12">Buurt</text></svg></figure>`
      );
      // Figure margins leave 294 px of the 390: 12 px x 294 / 640 = 5.5 px.
      expect(await smallChartText(page, 12)).toEqual(["Buurt: 5.5 px"]);
    } finally {
      await context.close();
    }
  });

  it("lets the demo notice scroll away", async () => {
    const context = await browser.newContext({
      viewport: {width: 390, height: 844},
      isMobile: true,
      hasTouch: true
    });
    try {
      const page = await context.newPage();
      await page.goto(`${site.origin}/werkplaats`, {waitUntil: "networkidle"});
      const notice = page.locator(".demo-notice");
      expect(await notice.isVisible()).toBe(true);
      expect(
        await page.locator("#observablehq-header").evaluate((h) => getComputedStyle(h).position)
      ).not.toBe("fixed");
      await page.evaluate(() => window.scrollTo(0, 800));
      await page.waitForTimeout(200);
      const box = await notice.boundingBox();
      expect(box!.y + box!.height).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });
});
