import {relative} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser} from "playwright-core";
import {htmlFiles} from "../../scripts/postbuild.ts";
import {describeProblems, isolatedContext, launchChromium, serveStatic, visitPage} from "./harness.ts";

const DIST = "dist";

/** Every built page as a clean URL path: `dist/trends.html` -> `/trends`. */
function builtPaths(): string[] {
  return htmlFiles(DIST)
    .map(
      (file) =>
        "/" +
        relative(DIST, file)
          .replace(/\.html$/, "")
          .replace(/(^|\/)index$/, "")
    )
    .filter((path) => path !== "/404")
    .sort();
}

describe("every built page in Chromium", () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  beforeAll(async () => {
    site = await serveStatic(DIST);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const paths = builtPaths();
  it("has pages to open", () => expect(paths.length).toBeGreaterThanOrEqual(8));

  for (const path of paths) {
    it(`opens ${path} without errors, foreign requests or missing files, in Dutch, with the demo notice`, async () => {
      const context = await isolatedContext(browser, site.origin);
      try {
        const {page, problems} = await visitPage(context, site.origin, path);
        expect(describeProblems(path, problems)).toBeNull();
        expect(await page.getAttribute("html", "lang")).toBe("nl");
        await expect(page.locator(".demo-notice").isVisible()).resolves.toBe(true);
        expect(await page.locator("h1").count()).toBeGreaterThan(0);
      } finally {
        await context.close();
      }
    });
  }
});
