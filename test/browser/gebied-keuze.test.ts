/**
 * Choosing an area loads that area's files only (src/lib/delen.ts): a gemeente its own part of
 * weerbaarheid (and its five peers' when the werkplaats compares), a province or RIEC region the
 * blocks it lies in; while a part loads, the page says so (a status line, `aria-busy`), and the URL
 * holds the choice and nothing else. `npm run weight:national` checks the same on the national
 * build (scripts/weight.ts).
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser, BrowserContext} from "playwright-core";
import {getPipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import {describeProblems, isolatedContext, launchChromium, serveStatic, visitPage} from "./harness.ts";
import {dataRequests} from "./requests.ts";

describe("choosing an area loads only its files", () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  let gemeenten: string[];
  let peers: Record<string, string[]>;
  let provincie: {code: string; gemeenten: string[]};
  let buurtenInProvincie: number;
  beforeAll(async () => {
    site = await serveStatic("dist");
    browser = await launchChromium();
    const result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
    gemeenten = result.manifest.gemeenten.map((g) => g.code);
    const {readFileSync} = await import("node:fs");
    const read = (name: string) => JSON.parse(readFileSync(result.file(name), "utf-8"));
    peers = read("weerbaarheid.json").onderdelen.vergelijkbaar.waarde.gemeenten;
    provincie = read("regio.json").onderdelen.indeling.waarde.provincies[0];
    // The province's buurten, counted from the map of the block (buurt -> wijk -> gemeente).
    const geometrie = read("gebieden/regio.json").onderdelen;
    const props = (part: {
      waarde: {objects: {gebieden: {geometries: Array<{properties: Record<string, string>}>}}};
    }) => part.waarde.objects.gebieden.geometries.map((g) => g.properties);
    const wijkGemeente = new Map(props(geometrie.wijken).map((w) => [w.code, w.bovenliggend]));
    buurtenInProvincie = props(geometrie.buurten).filter((b) =>
      provincie.gemeenten.includes(wijkGemeente.get(b.bovenliggend) ?? "")
    ).length;
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function withContext<T>(f: (c: BrowserContext) => Promise<T>): Promise<T> {
    const context = await isolatedContext(browser, site.origin);
    try {
      return await f(context);
    } finally {
      await context.close();
    }
  }

  it("weerbare wijken: choosing a gemeente loads its own file, says it is loading, and keeps only the choice in the URL", async () => {
    const gemeente = gemeenten[1]!;
    await withContext(async (context) => {
      const requests = dataRequests(context, site.origin);
      const {page, problems} = await visitPage(context, site.origin, "/weerbare-wijken");
      await page.locator("figure[data-chart=choropleth]").waitFor();
      const eerst = requests.splice(0);
      expect(eerst.some((u) => /^weerbaarheid\/regio-\d{4}$/.test(u))).toBe(true);
      // Hold the gemeente's file back a moment, to see the loading state.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await context.route(`**/_file/data/weerbaarheid/${gemeente}.*.json`, async (route) => {
        await held;
        await route.continue();
      });
      await page.getByLabel("Gemeente", {exact: true}).selectOption(gemeente);
      await page.locator("main[aria-busy=true]").waitFor({state: "attached"});
      expect(await page.locator(".laadstatus").textContent()).toMatch(/^Gegevens laden: /);
      expect(await page.locator(".laadstatus").isVisible()).toBe(true);
      release();
      await page.waitForFunction(() => !document.querySelector("main[aria-busy]"));
      await page.waitForFunction(() =>
        document.querySelector(".laadstatus")?.textContent?.includes("geladen")
      );
      expect(requests).toEqual([`weerbaarheid/${gemeente}`]);
      expect(new URL(page.url()).search).toBe(`?gemeente=${gemeente}`);
      // The map shows that gemeente's buurten only.
      const titel = await page.locator("figure[data-chart=choropleth] .chart-title").textContent();
      expect(titel).not.toMatch(/in de regio/);
      expect(describeProblems("/weerbare-wijken", problems)).toBeNull();
    });
  });

  it("werkplaats: a gemeente loads its own file; compared, its five peers' files as well; nothing of the region", async () => {
    const gemeente = gemeenten[2]!;
    await withContext(async (context) => {
      const requests = dataRequests(context, site.origin);
      const {page} = await visitPage(context, site.origin, `/werkplaats?gemeente=${gemeente}`);
      await page.locator("figure[data-chart=ranking]").first().waitFor();
      expect(requests.sort()).toEqual(["regio", "weerbaarheid", `weerbaarheid/${gemeente}`].sort());
      requests.splice(0);
      await page.getByLabel("Vergelijk met de vijf vergelijkbare gemeenten").check();
      await page.waitForFunction(() => location.search.includes("vergelijk=1"));
      await page.waitForFunction(() => !document.querySelector("main[aria-busy]"));
      expect(requests.sort()).toEqual(peers[gemeente]!.map((p) => `weerbaarheid/${p}`).sort());
    });
  });

  it("a province loads its block and draws only its own buurten", async () => {
    await withContext(async (context) => {
      const requests = dataRequests(context, site.origin);
      const {page} = await visitPage(context, site.origin, `/weerbare-wijken?gebied=${provincie.code}`);
      await page.locator("figure[data-chart=choropleth]").waitFor();
      expect(requests.filter((u) => /^weerbaarheid\/GM/.test(u))).toEqual([]);
      expect(requests).toContain("gebieden/regio");
      const paden = await page.locator("figure[data-chart=choropleth] svg path[aria-label]").count();
      expect(paden).toBe(buurtenInProvincie);
      expect(buurtenInProvincie).toBeLessThan(300);
      const titel = await page.locator("figure[data-chart=choropleth] .chart-title").textContent();
      expect(titel).toMatch(/Provincie/);
    });
  });
});
