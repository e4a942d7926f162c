import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser} from "playwright-core";
import {isolatedContext, launchChromium, serveStatic, visitPage} from "./harness.ts";

// A page given a published file that does not satisfy its contract (here: another schemaVersion,
// as after a pipeline change the page was not rebuilt for) shows one Dutch message in place of
// its charts, naming the file, and draws nothing from it.
describe("a contract breach in Chromium", () => {
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

  it("shows the message where the charts of the file would be", async () => {
    const context = await isolatedContext(browser, site.origin);
    try {
      // The trends page's overview file, served with a schemaVersion the page does not know.
      await context.route(/\/_file\/data\/trends\.[0-9a-f]+\.json$/, async (route) => {
        const response = await route.fetch();
        const bundle = (await response.json()) as {schemaVersion: number};
        await route.fulfill({response, json: {...bundle, schemaVersion: 2}});
      });
      const {page, problems} = await visitPage(context, site.origin, "/trends");
      const melding = page.locator(".observablehq--error", {
        hasText: "Deze gegevens kunnen niet worden getoond"
      });
      await melding.first().waitFor();
      expect(await melding.first().textContent()).toContain(
        "trends.json voldoet niet aan zijn contract: bij schemaVersion verwacht een van 1"
      );
      // In place of the charts: none is drawn, and the chart cells show the message.
      expect(await page.locator("[data-chart]").count()).toBe(0);
      // Framework prefixes the cells that depend on the failed one with "RuntimeError: ".
      expect(await melding.count()).toBeGreaterThan(1);
      // Framework logs the failed cells; nothing else went wrong.
      expect(problems.exceptions).toEqual([]);
      expect(problems.consoleErrors.every((e) => e.includes("voldoet niet aan zijn contract"))).toBe(true);
    } finally {
      await context.close();
    }
  });

  // The werkplaats loads its buurten itself (in the component, not in a Framework cell): a part
  // that breaks its contract shows the same message in place of its charts, not an empty view.
  it("shows the message in place of the werkplaats's charts when a part of its file is off", async () => {
    const context = await isolatedContext(browser, site.origin);
    try {
      await context.route(/\/_file\/data\/weerbaarheid\/[^/]+\.[0-9a-f]+\.json$/, async (route) => {
        const response = await route.fetch();
        const bundle = (await response.json()) as {schemaVersion: number};
        await route.fulfill({response, json: {...bundle, schemaVersion: 99}});
      });
      const {page, problems} = await visitPage(context, site.origin, "/werkplaats");
      const melding = page.locator(".werkplaats-results .observablehq--error", {
        hasText: "Deze gegevens kunnen niet worden getoond"
      });
      await melding.waitFor();
      expect(await melding.textContent()).toMatch(
        /weerbaarheid\/regio-\d{4}\.json voldoet niet aan zijn contract: bij schemaVersion verwacht een van \d+/
      );
      // Screen readers hear it too; no chart is drawn.
      expect(await page.locator(".werkplaats-status").textContent()).toBe(await melding.textContent());
      expect(await page.locator("[data-chart]").count()).toBe(0);
      expect(problems.exceptions).toEqual([]);
      expect(problems.consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("draws the page from the file as published", async () => {
    const context = await isolatedContext(browser, site.origin);
    try {
      const {page, problems} = await visitPage(context, site.origin, "/trends");
      await page.locator("[data-chart]").first().waitFor();
      expect(await page.locator(".observablehq--error").count()).toBe(0);
      expect(problems.consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
