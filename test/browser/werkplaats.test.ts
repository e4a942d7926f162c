import {readFileSync} from "node:fs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser, BrowserContext, Page} from "playwright-core";
import {getPipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import {assertBundle} from "../../src/lib/contracts.ts";
import {contractVoor} from "../../src/shared/contracts/index.ts";
import {
  buurtNamenOf,
  computeScores,
  defaultWeights,
  readWerkplaatsData,
  scoresSentence,
  type WerkplaatsData
} from "../../src/lib/pages/werkplaats.ts";
import {describeProblems, isolatedContext, launchChromium, serveStatic, visitPage} from "./harness.ts";
import {tabThrough} from "./quality.ts";
import {readPublished} from "../published-file.ts";

// The werkplaats in Chromium: weights change the URL and the ranking, a link restores the view,
// the back button steps back, exports download real files, presentation mode works by keyboard.
describe("werkplaats in Chromium", () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  let context: BrowserContext;
  let data: WerkplaatsData;

  beforeAll(async () => {
    const result = await getPipelineResult({log: () => {}});
    const read = (n: string) => assertBundle(readPublished(result, n), contractVoor(n), n);
    data = readWerkplaatsData(
      read("weerbaarheid.json"),
      read("regio.json"),
      // The denominators travel in weerbaarheid's parts since the split (the page passes it twice).
      read("weerbaarheid.json"),
      buurtNamenOf(JSON.parse(readFileSync(result.file("gebieden-buurt.topojson"), "utf8")))
    );
    site = await serveStatic("dist");
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function open(path = "/werkplaats"): Promise<Page> {
    context = await isolatedContext(browser, site.origin);
    const {page, problems} = await visitPage(context, site.origin, path);
    await page.waitForSelector(".werkplaats-results figure[data-chart]");
    expect(describeProblems(path, problems)).toBeNull();
    return page;
  }
  const rankingTitle = (page: Page) =>
    page.locator('figure[data-chart="ranking"] .chart-title').first().innerText();
  const signalen = "#werkplaats-w-signalen";

  it("shows the charts and the sentence computed from the published index", async () => {
    const page = await open();
    try {
      expect(await page.locator("figure[data-chart]").count()).toBeGreaterThanOrEqual(3);
      const scores = computeScores(data.buurten, data.componenten, defaultWeights(data.componenten));
      expect(await page.locator(".werkplaats-sentence").first().innerText()).toBe(
        scoresSentence(scores, data.regioNaam, data.buurten, true)
      );
      // Every chart carries its export buttons, the page one presentation button.
      const figures = await page.locator("figure[data-chart]").count();
      expect(await page.locator("figure[data-chart] .export-buttons").count()).toBe(figures);
      expect(await page.locator(".presentation-start").count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it("changes URL and ranking on a weight change by keyboard, restores it on reload and steps back with the back button", async () => {
    const page = await open();
    try {
      const before = await rankingTitle(page);
      const sentenceBefore = await page.locator(".werkplaats-sentence").first().innerText();
      await page.focus(signalen);
      await page.keyboard.press("Home"); // weight 0: only kerncijfers
      await page.waitForFunction(() => location.search.includes("w-signalen=0"));
      const after = await rankingTitle(page);
      expect(new URL(page.url()).search).toBe("?w-signalen=0");
      expect(await page.locator(".werkplaats-sentence").first().innerText()).not.toBe(sentenceBefore);
      const ms = Number(await page.locator(".werkplaats-results").getAttribute("data-render-ms"));
      console.log(`werkplaats: herberekenen en hertekenen na een gewichtswijziging ${ms.toFixed(1)} ms`);
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThan(1000); // generous: the target is 100 ms, CI machines vary

      // A second change, then reload: the view comes back from the URL alone.
      await page.focus("#werkplaats-w-onbewoond");
      await page.keyboard.press("End");
      await page.waitForFunction(() => location.search.includes("w-onbewoond=5"));
      const changed = await rankingTitle(page);
      await page.reload({waitUntil: "networkidle"});
      await page.waitForSelector(".werkplaats-results figure[data-chart]");
      expect(await page.inputValue(signalen)).toBe("0");
      expect(await page.inputValue("#werkplaats-w-onbewoond")).toBe("5");
      expect(await rankingTitle(page)).toBe(changed);

      // Back: one step per change.
      await page.goBack();
      await page.waitForFunction(() => !location.search.includes("onbewoond"));
      expect(await page.inputValue("#werkplaats-w-onbewoond")).toBe("1");
      expect(await rankingTitle(page)).toBe(after);
      await page.goBack();
      await page.waitForFunction(() => location.search === "");
      expect(await page.inputValue(signalen)).toBe("2");
      expect(await rankingTitle(page)).toBe(before);

      // Standaardweging resets every weight in one step.
      await page.focus(signalen);
      await page.keyboard.press("End");
      await page.waitForFunction(() => location.search.includes("w-signalen=5"));
      await page.focus(".werkplaats-reset");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => location.search === "");
      expect(await rankingTitle(page)).toBe(before);
    } finally {
      await context.close();
    }
  });

  it("chooses a gemeente by keyboard, shows its five peers and compares with them", async () => {
    const page = await open();
    try {
      await page.focus("#werkplaats-gemeente");
      await page.keyboard.press("ArrowDown");
      await page.waitForFunction(() => location.search.includes("gemeente="));
      const code = new URL(page.url()).searchParams.get("gemeente")!;
      expect(code).toBe(data.gemeenten[0]!.code);
      const peers = data.peers.get(code)!;
      const peerFigure = page.locator("figure[data-chart='ranking']").last();
      const peerText = await peerFigure.locator("table").textContent();
      for (const p of peers) expect(peerText).toContain(data.gemeenten.find((g) => g.code === p.code)!.naam);
      await page.focus("#werkplaats-vergelijk");
      await page.keyboard.press("Space");
      await page.waitForFunction(() => location.search.includes("vergelijk=1"));
      // The peers' buurten load after the URL changes: wait for the redrawn ranking.
      await expect.poll(() => rankingTitle(page), {timeout: 30_000}).toContain("vergelijkbare gemeenten");
    } finally {
      await context.close();
    }
  });

  it("downloads PNG (1920 px), SVG (title and source inside) and CSV (with BOM) of a chart", async () => {
    const page = await open();
    try {
      // The map: it has a colour ramp and hatched (suppressed) buurten, both must be in the image.
      const figure = page.locator("figure[data-chart='choropleth']").first();
      const title = (await figure.locator(".chart-title").innerText()).trim();
      const get = async (label: string) => {
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          figure.locator(".export-buttons button").getByText(label, {exact: true}).click()
        ]);
        return {name: download.suggestedFilename(), bytes: readFileSync((await download.path())!)};
      };
      const png = await get("PNG");
      expect(png.name).toMatch(/\.png$/);
      expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(png.bytes.subarray(12, 16).toString("ascii")).toBe("IHDR");
      expect(png.bytes.readUInt32BE(16)).toBe(1920);
      expect(png.bytes.readUInt32BE(20)).toBeGreaterThan(200);

      const svg = await get("SVG");
      const text = svg.bytes.toString("utf8");
      const parsed = await page.evaluate((t) => {
        const doc = new DOMParser().parseFromString(t, "image/svg+xml");
        return {
          error: doc.querySelector("parsererror") !== null,
          text: doc.documentElement.textContent ?? ""
        };
      }, text);
      expect(parsed.error).toBe(false);
      expect(parsed.text).toContain(title.split(" ").slice(0, 3).join(" "));
      expect(parsed.text).toContain("Bron:");
      // The file carries the map's legend of values without a score: the same kinds as on the page
      // (suppressed and/or no score; with every buurt of 50+ inhabitants scored, the demo's map
      // has no suppressed buurt, only those under 50 inhabitants).
      const soorten = await figure
        .locator(".chart-legend-item[data-legend]")
        .evaluateAll((items) => [...new Set(items.map((i) => (i as HTMLElement).dataset.legend))]);
      expect(soorten.length).toBeGreaterThan(0);
      for (const soort of soorten) expect(text).toContain(`data-legenda="${soort}"`);

      // The Dutch form by default (semicolons, decimal commas), the international form beside it.
      const csv = await get("CSV");
      expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const nl = csv.bytes.toString("utf8").slice(1).split("\r\n");
      expect(nl[0]).toContain("Gebied;");
      const int = await get("CSV internationaal");
      expect(int.name).toMatch(/-internationaal\.csv$/);
      const en = int.bytes.toString("utf8").slice(1).split("\r\n");
      expect(en[0]).toBe(nl[0]!.replaceAll(";", ","));
      expect(en.length).toBe(nl.length);
    } finally {
      await context.close();
    }
  });

  it("presents one chart per screen, moves by keyboard, and Escape returns focus and scroll", async () => {
    const page = await open();
    try {
      const count = await page.locator("figure[data-chart]").count();
      await page.focus(".presentation-start");
      // Scroll a little while the button keeps focus: leaving must come back to exactly here.
      await page.evaluate(() => window.scrollTo(0, 120));
      const scrollY = await page.evaluate(() => window.scrollY);
      expect(scrollY).toBeGreaterThan(0);
      await page.keyboard.press("Enter");
      const counter = page.locator(".presentation-counter");
      await expect.poll(() => counter.innerText()).toBe(`Grafiek 1 van ${count}`);
      await page.keyboard.press("ArrowRight");
      expect(await counter.innerText()).toBe(`Grafiek 2 van ${count}`);
      await page.keyboard.press("PageDown");
      expect(await counter.innerText()).toBe(`Grafiek 3 van ${count}`);
      await page.keyboard.press("PageUp");
      expect(await counter.innerText()).toBe(`Grafiek 2 van ${count}`);
      expect(await page.locator(".presentation figure svg").count()).toBeGreaterThan(0);
      await page.keyboard.press("Escape");
      expect(await page.locator(".presentation").count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.className)).toContain("presentation-start");
      expect(await page.evaluate(() => window.scrollY)).toBe(scrollY);
    } finally {
      await context.close();
    }
  });

  it("is operable by keyboard alone: every control reachable by Tab with a visible focus", async () => {
    const page = await open();
    try {
      const report = await tabThrough(page);
      expect(report.unreached).toEqual([]);
      expect(report.invisibleFocus).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("prints cleanly: no navigation, no buttons or controls, charts within an A4 column", async () => {
    const page = await open();
    try {
      // A4 minus the print margins is about 186 mm, 703 CSS px.
      await page.setViewportSize({width: 703, height: 1000});
      await page.emulateMedia({media: "print"});
      const report = await page.evaluate(() => {
        const shown = (el: Element) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && getComputedStyle(el).display !== "none";
        };
        return {
          nav: [
            ...document.querySelectorAll("#observablehq-sidebar, #observablehq-toc, #observablehq-search")
          ].filter(shown).length,
          buttons: [...document.querySelectorAll("button, input, select")].filter(shown).length,
          wide: [...document.querySelectorAll("figure svg")].filter(
            (s) => s.getBoundingClientRect().right > 703 + 1
          ).length,
          figures: [...document.querySelectorAll("figure[data-chart]")].filter(shown).length,
          breaks: [...document.querySelectorAll("section.werkplaats-section")].map(
            (s) => getComputedStyle(s).breakBefore
          )
        };
      });
      expect(report.nav).toBe(0);
      expect(report.buttons).toBe(0);
      expect(report.wide).toBe(0);
      expect(report.figures).toBeGreaterThanOrEqual(3);
      expect(report.breaks.slice(1).every((b) => b === "page")).toBe(true);
      const pdf = await page.pdf({format: "A4"});
      expect(pdf.subarray(0, 5).toString("ascii")).toBe("%PDF-");
    } finally {
      await context.close();
    }
  });
});
