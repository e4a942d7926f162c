import {writeFileSync, mkdirSync} from "node:fs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser} from "playwright-core";
import {builtPaths, launchChromium, serveStatic} from "./harness.ts";
import {formatWeightReport, measurePageWeight, PAGE_BUDGET_BYTES, type PageWeight} from "./weight.ts";

describe("page weight", () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  const weights: PageWeight[] = [];
  beforeAll(async () => {
    site = await serveStatic("dist");
    browser = await launchChromium();
  });
  afterAll(async () => {
    mkdirSync("test-output", {recursive: true});
    writeFileSync("test-output/page-weight.txt", formatWeightReport(weights) + "\n");
    await browser?.close();
    await site?.close();
  });

  for (const path of builtPaths()) {
    it(`keeps ${path} within ${PAGE_BUDGET_BYTES / 1024} kB compressed on first load`, async () => {
      const weight = await measurePageWeight(browser, site.origin, path);
      weights.push(weight);
      expect(weight.html).toBeGreaterThan(0);
      expect(weight.js).toBeGreaterThan(0);
      expect(weight.total).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    });
  }
});
