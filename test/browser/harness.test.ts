import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser} from "playwright-core";
import {describeProblems, isolatedContext, launchChromium, serveStatic, visitPage} from "./harness.ts";

// The harness must see a broken page; otherwise a green browser run proves nothing.
describe("browser harness", () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  beforeAll(async () => {
    site = await serveStatic("test/fixtures/site-broken");
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function problemsOf(path: string) {
    const context = await isolatedContext(browser, site.origin);
    try {
      const {problems} = await visitPage(context, site.origin, path);
      return problems;
    } finally {
      await context.close();
    }
  }

  it("passes a clean page", async () => {
    expect(describeProblems("/clean", await problemsOf("/clean"))).toBeNull();
  });

  it("fails a page that throws an uncaught exception", async () => {
    const problems = await problemsOf("/throws");
    expect(problems.exceptions.join()).toContain("kapotte grafiek");
  });

  it("fails a page that logs a console error", async () => {
    expect((await problemsOf("/console")).consoleErrors).toContain("laden van gegevens mislukt");
  });

  it("fails a page that requests another host, and blocks the request", async () => {
    const problems = await problemsOf("/foreign");
    expect(problems.foreignRequests[0]).toMatch(/^https:\/\/fonts\.googleapis\.com\//);
    expect(problems.failedRequests.join()).toContain("fonts.googleapis.com");
  });

  it("fails a page whose module cannot be loaded", async () => {
    expect((await problemsOf("/missing")).failedRequests.join()).toContain(
      "/_import/bestaat-niet.js (HTTP 404)"
    );
  });
});

describe("browser harness and the Content-Security-Policy", () => {
  it("fails a page whose inline script the CSP blocks", async () => {
    const site = await serveStatic("test/fixtures/site-broken");
    const browser = await launchChromium();
    try {
      const context = await isolatedContext(browser, site.origin);
      const {page, problems} = await visitPage(context, site.origin, "/csp");
      expect(problems.consoleErrors.join()).toMatch(/Content Security Policy/);
      expect(await page.title()).toBe("csp");
    } finally {
      await browser.close();
      await site.close();
    }
  });
});
