import {readFileSync} from "node:fs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser} from "playwright-core";
import {OPEN_DATA_COLUMNS} from "../../data-loaders/disclosure/gate.ts";
import {getPipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import type {Bundle} from "../../src/lib/contracts.ts";
import {
  auditZinnen,
  indicatorenVan,
  kwaliteitVan,
  kwaliteitView,
  onderdrukkingZinnen,
  rapportVan,
  themaGroepen
} from "../../src/lib/pages/methode.ts";
import {
  auditStappen,
  openDataZinnen,
  openTabellen,
  tabelCellenZin,
  tabelKenmerken
} from "../../src/lib/pages/open-data.ts";
import {describeProblems, isolatedContext, launchChromium, serveStatic, visitPage} from "./harness.ts";
import {measurePageWeight, PAGE_BUDGET_BYTES} from "./weight.ts";
import {readPublished} from "../published-file.ts";

// Methode en privacy and Open data in Chromium: the computed sentences equal the modules', the
// indicator search lives in the URL and filters the list, the open-data files are at their
// stable paths with the documented columns, a per-table CSV is made in the browser (with a BOM)
// from a bundle loaded only on demand, and both pages stay within the weight budget.
describe("methode and open data in Chromium", () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  const files = new Map<string, Bundle>();
  beforeAll(async () => {
    const result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
    for (const name of ["openbaarmaking.json", "catalogus.json"])
      files.set(name, readPublished(result, name) as Bundle);
    site = await serveStatic("dist");
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("methode: the suppression, audit and data-quality sentences are the module's", async () => {
    const openbaarmaking = files.get("openbaarmaking.json")!;
    const rapport = rapportVan(openbaarmaking);
    const context = await isolatedContext(browser, site.origin);
    try {
      const {page, problems} = await visitPage(context, site.origin, "/methode");
      expect(describeProblems("/methode", problems)).toBeNull();
      await page.locator("#onderdrukking p").first().waitFor();
      expect(await page.locator("#onderdrukking p").allTextContents()).toEqual(onderdrukkingZinnen(rapport));
      expect(await page.locator("#audit p").allTextContents()).toEqual(auditZinnen(rapport));
      const q = kwaliteitView(kwaliteitVan(openbaarmaking));
      expect(await page.locator("#kwaliteit p").allTextContents()).toEqual(
        [...q.zinnen, q.jaren].filter(Boolean)
      );
      // One row per catalogue table, and a totals row in the foot.
      expect(await page.locator("#tabel-onderdrukking tbody tr").count()).toBe(
        openTabellen(rapport, []).length
      );
      expect(await page.locator("#tabel-onderdrukking tfoot tr").count()).toBe(1);
      expect(await page.locator("#tabel-kwaliteit tbody tr").count()).toBe(q.rijen.length);
      expect(await page.locator("#tabel-branches tbody tr").count()).toBeGreaterThan(0);
      expect(await page.getByText("radar, geen sonar").count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it("methode: the search filters the list, lives in the URL and survives a reload", async () => {
    const indicatoren = indicatorenVan(files.get("catalogus.json")!);
    const context = await isolatedContext(browser, site.origin);
    try {
      const {page} = await visitPage(context, site.origin, "/methode");
      await page.locator("#indicatoren dt").first().waitFor();
      expect(await page.locator("#indicatoren dt").count()).toBe(indicatoren.length);
      expect(page.url()).not.toContain("zoek=");
      const hits = themaGroepen(indicatoren, "zorg").reduce((s, g) => s + g.indicatoren.length, 0);
      expect(hits).toBeGreaterThan(0);
      expect(hits).toBeLessThan(indicatoren.length);
      await page.getByLabel("Zoek een indicator").fill("zorg");
      await page.waitForFunction(() => location.search.includes("zoek=zorg"));
      await page.waitForFunction((n) => document.querySelectorAll("#indicatoren dt").length === n, hits);
      expect(await page.locator("#zoek-status").textContent()).toBe(
        `${hits} van de ${indicatoren.length} indicatoren gevonden voor ‘zorg’.`
      );
      await page.reload({waitUntil: "networkidle"});
      await page.waitForFunction((n) => document.querySelectorAll("#indicatoren dt").length === n, hits);
      expect(await page.getByLabel("Zoek een indicator").inputValue()).toBe("zorg");
      // Clearing the search restores the full list and a clean URL.
      await page.getByLabel("Zoek een indicator").fill("");
      await page.waitForFunction(() => !location.search.includes("zoek="));
      await page.waitForFunction(
        (n) => document.querySelectorAll("#indicatoren dt").length === n,
        indicatoren.length
      );
    } finally {
      await context.close();
    }
  });

  it("open data: the files at their stable paths with the documented header, and every table listed", async () => {
    const rapport = rapportVan(files.get("openbaarmaking.json")!);
    const tabellen = openTabellen(rapport, indicatorenVan(files.get("catalogus.json")!));
    const context = await isolatedContext(browser, site.origin);
    try {
      const {page, problems} = await visitPage(context, site.origin, "/open-data");
      expect(describeProblems("/open-data", problems)).toBeNull();
      const hrefs = await page
        .locator("#downloads a")
        .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(hrefs).toEqual([
        `${site.origin}/open-data/cijfers.csv`,
        `${site.origin}/open-data/cijfers.json`
      ]);
      const csv = await page.request.get(hrefs[0]!);
      expect(csv.status()).toBe(200);
      const csvText = await csv.text();
      expect(csvText.split("\r\n")[0]).toBe(OPEN_DATA_COLUMNS.join(","));
      expect(csvText.split("\r\n").filter(Boolean).length - 1).toBe(
        tabellen.reduce((s, t) => s + t.cellen, 0)
      );
      const json = await page.request.get(hrefs[1]!);
      expect(json.status()).toBe(200);
      const rows = (await json.json()) as Array<Record<string, unknown>>;
      expect(Object.keys(rows[0]!)).toEqual([...OPEN_DATA_COLUMNS]);
      expect(await page.locator("#open-data-omvang p").allTextContents()).toEqual(openDataZinnen(rapport));
      expect(await page.locator("#tabellen .open-tabel").count()).toBe(tabellen.length);
      const v = tabellen.find((t) => t.id === "vestigingen")!;
      const kaart = page.locator('#tabellen .open-tabel[data-tabel="vestigingen"]');
      expect(await kaart.locator("p").allTextContents()).toEqual(
        expect.arrayContaining([tabelKenmerken(v), tabelCellenZin(v)])
      );
      expect(await page.locator("#audit-stappen li").allTextContents()).toEqual(auditStappen(rapport));
    } finally {
      await context.close();
    }
  });

  it("open data: a table's CSV is made in the browser with a BOM, loading its bundle only then", async () => {
    const context = await isolatedContext(browser, site.origin);
    try {
      const requested: string[] = [];
      context.on("request", (r) => requested.push(r.url()));
      const {page} = await visitPage(context, site.origin, "/open-data");
      // The page bundles are not loaded up front.
      expect(requested.filter((u) => /\/_file\/data\/(risicobranches|weerbaarheid)\./.test(u))).toEqual([]);
      const knop = page.getByRole("button", {name: "CSV downloaden (vestigingen.csv)"});
      // By default the Dutch form: semicolons and decimal commas, as Dutch Excel reads them.
      const [standaard] = await Promise.all([page.waitForEvent("download"), knop.click()]);
      expect(standaard.suggestedFilename()).toBe("vestigingen.csv");
      const nl = readFileSync((await standaard.path())!);
      expect([...nl.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const nlRegels = nl.toString("utf-8").slice(1).split("\r\n").filter(Boolean);
      expect(nlRegels[0]).toBe([...OPEN_DATA_COLUMNS, "gebiednaam", "reden"].join(";"));
      // The international form, chosen on the page, has cijfers.csv's rows.
      await page.getByLabel("Vorm van de CSV").selectOption("internationaal");
      const [download] = await Promise.all([page.waitForEvent("download"), knop.click()]);
      expect(download.suggestedFilename()).toBe("vestigingen-internationaal.csv");
      const bytes = readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const tekst = bytes.toString("utf-8").slice(1);
      expect(tekst.split("\r\n").filter(Boolean).length).toBe(nlRegels.length);
      expect(tekst.split("\r\n")[0]).toBe([...OPEN_DATA_COLUMNS, "gebiednaam", "reden"].join(","));
      // Its rows are cijfers.csv's rows of that table.
      const open = (await (await page.request.get(`${site.origin}/open-data/cijfers.csv`)).text())
        .split("\r\n")
        .filter((l) => l.startsWith("vestigingen,"));
      const regels = tekst.split("\r\n").filter(Boolean).slice(1);
      // The same rows, ordered by area, branch and year (the page merges the table from its parts).
      expect(regels.map((l) => l.split(",").slice(0, 9).join(",")).sort()).toEqual([...open].sort());
      await page.waitForFunction(() =>
        document.querySelector("#download-status")?.textContent?.includes("gedownload")
      );
      expect(requested.some((u) => /\/_file\/data\/risicobranches\./.test(u))).toBe(true);
    } finally {
      await context.close();
    }
  });

  it("open data: a table of weerbaarheid downloads with the same rows, its parts loaded only then", async () => {
    const context = await isolatedContext(browser, site.origin);
    try {
      const requested: string[] = [];
      context.on("request", (r) => requested.push(r.url()));
      const {page} = await visitPage(context, site.origin, "/open-data");
      expect(requested.filter((u) => /\/_file\/data\/(weerbaarheid|gebieden)/.test(u))).toEqual([]);
      await page.getByLabel("Vorm van de CSV").selectOption("internationaal");
      const knop = page.getByRole("button", {name: "CSV downloaden (kwetsbaarheidsindex.csv)"});
      const [download] = await Promise.all([page.waitForEvent("download"), knop.click()]);
      const tekst = readFileSync((await download.path())!)
        .toString("utf-8")
        .slice(1);
      const open = (await (await page.request.get(`${site.origin}/open-data/cijfers.csv`)).text())
        .split("\r\n")
        .filter((l) => l.startsWith("kwetsbaarheidsindex,"));
      expect(open.length).toBeGreaterThan(100);
      const regels = tekst.split("\r\n").filter(Boolean).slice(1);
      expect(regels.map((l) => l.split(",").slice(0, 9).join(",")).sort()).toEqual([...open].sort());
      // Every buurt row is named (the names come with the maps of the blocks).
      expect(regels.every((l) => l.split(",")[9] !== "")).toBe(true);
      expect(
        requested.some((u) => /\/_file\/data\/weerbaarheid\/regio-\d{4}\.[0-9a-f]+\.json$/.test(u))
      ).toBe(true);
      // The merged bundle holds the map parts of gebieden/<blok>.json next to weerbaarheid.json's
      // own parts (a merge no one file's contract allows; each piece is checked as it loads).
      expect(requested.some((u) => /\/_file\/data\/gebieden\/[A-Za-z0-9-]+\.[0-9a-f]+\.json$/.test(u))).toBe(
        true
      );
    } finally {
      await context.close();
    }
  });

  it("open data: a table of the bedrijventerreinen downloads with the same rows, each estate named", async () => {
    const context = await isolatedContext(browser, site.origin);
    try {
      const requested: string[] = [];
      context.on("request", (r) => requested.push(r.url()));
      const {page} = await visitPage(context, site.origin, "/open-data");
      expect(requested.filter((u) => /\/_file\/data\/risicolocaties/.test(u))).toEqual([]);
      await page.getByLabel("Vorm van de CSV").selectOption("internationaal");
      const knop = page.getByRole("button", {name: "CSV downloaden (bt-signalen.csv)"});
      const [download] = await Promise.all([page.waitForEvent("download"), knop.click()]);
      const tekst = readFileSync((await download.path())!)
        .toString("utf-8")
        .slice(1);
      const open = (await (await page.request.get(`${site.origin}/open-data/cijfers.csv`)).text())
        .split("\r\n")
        .filter((l) => l.startsWith("bt-signalen,"));
      expect(open.length).toBeGreaterThan(0);
      const regels = tekst.split("\r\n").filter(Boolean).slice(1);
      expect(regels.map((l) => l.split(",").slice(0, 9).join(",")).sort()).toEqual([...open].sort());
      // The estates' names travel with the parts of their block (risicolocaties/<blok>-<jaar>.json).
      expect(regels.every((l) => l.split(",")[9] !== "")).toBe(true);
      expect(
        requested.some((u) => /\/_file\/data\/risicolocaties\/[A-Za-z0-9-]+\.[0-9a-f]+\.json$/.test(u))
      ).toBe(true);
    } finally {
      await context.close();
    }
  });

  it("both pages stay within the weight budget on first load", async () => {
    for (const path of ["/methode", "/open-data"]) {
      const weight = await measurePageWeight(browser, site.origin, path);
      expect(weight.total, path).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    }
  });
});
