/**
 * Issue 16, end to end: `npm run ophalen` against the replay server (recorded CBS and police
 * responses, test/fixtures/ophalen) writes a bronmap of public data only for Leudal and
 * Nederweert; `npm run build` (offline, into its own folder) turns it into a site whose pages
 * show what the public data carries and say what needs the gemeente's own registers: no empty
 * charts, no "geen gegevens" for the region's inhabitants, a briefing dated in the data's year,
 * and source lines that name only sources that are there.
 */
import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {runOphalen} from "../../data-loaders/ophalen/run.ts";
import {startRecordedWorld, testConfig} from "../ophalen/fixtures.ts";
import {describeProblems, isolatedContext, launchChromium, serveStatic, visitPage} from "./harness.ts";
import {auditAccessibility} from "./quality.ts";

const work = mkdtempSync(join(tmpdir(), "openbaar-"));
const BRONMAP = join(work, "bronmap");
const DIST = join(work, "dist");

/** Visible text of the elements matching `selector` (hidden sections excluded). */
async function visibleTexts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) =>
    els
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => (e as HTMLElement).innerText.replace(/\s+/g, " ").trim())
  );
}

/** Waits until the page has loaded its parts and drawn what scrolls into view. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector("[aria-busy=true]"), null, {timeout: 60_000});
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(1500);
}

describe("a site built from public data only (ophalen for Leudal and Nederweert)", () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveStatic>>;

  beforeAll(async () => {
    const server = await startRecordedWorld();
    try {
      const r = await runOphalen({
        gemeenten: ["GM1640", "GM0946"],
        jaren: [2020],
        naar: BRONMAP,
        bronnen: testConfig(),
        basisUrl: server.url,
        log: () => {}
      });
      expect(r.exitCode).toBe(0);
    } finally {
      await server.close();
    }
    // Offline, as scripts/test.ts builds the demo; into a folder of its own, so dist/ stays.
    const offline = spawnSync("unshare", ["-rn", "true"]).status === 0;
    const [cmd, args] = offline ? ["unshare", ["-rn", "npm", "run", "build"]] : ["npm", ["run", "build"]];
    const build = spawnSync(cmd as string, args as string[], {
      env: {...process.env, BRONMAP, ATLAS_OUTPUT: DIST},
      encoding: "utf-8",
      maxBuffer: 1 << 28
    });
    if (build.status !== 0) throw new Error(`build mislukt:\n${build.stderr.slice(-3000)}`);
    site = await serveStatic(DIST);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    rmSync(work, {recursive: true, force: true});
  });

  const PAGES = [
    "/",
    "/risicobranches",
    "/risicolocaties",
    "/weerbare-wijken",
    "/trends",
    "/werkplaats",
    "/methode",
    "/open-data",
    "/gemeente/GM1640",
    "/gemeente/GM0946"
  ];

  for (const path of PAGES) {
    it(`${path}: no errors or axe violations, no empty chart, no source line naming an absent register`, async () => {
      const context = await isolatedContext(browser, site.origin);
      try {
        const {page, problems} = await visitPage(context, site.origin, path);
        await settle(page);
        expect(describeProblems(path, problems)).toBeNull();
        const violations = await auditAccessibility(page);
        expect(violations.map((v) => `${v.id}: ${v.help} @ ${v.targets.slice(0, 3).join(", ")}`)).toEqual([]);
        // A chart's text summary says when it has nothing to show: no such chart may be visible.
        // The werkplaats is the exception that proves the rule: its charts follow the reader's
        // weights, and with the real KWB 2020 rows of these buurten (income and housing have no value
        // in that release) no buurt reaches 40% of the default weight; the chart then says why.
        const figures = await visibleTexts(page, "main figure");
        for (const f of figures)
          if (path === "/werkplaats" && f.includes("Er zijn geen gepubliceerde waarden om te tonen"))
            expect(f).toContain("heeft met deze weging een score");
          else expect(f, path).not.toContain("Er zijn geen gepubliceerde waarden om te tonen");
        // Source lines name only sources the bronmap has (no register of its own here).
        const bronregels = (await visibleTexts(page, "main p")).filter((t) => t.startsWith("Bron:"));
        for (const b of bronregels)
          expect(b, path).not.toMatch(/vestigingenregister|signalen|gebouwen|Kadaster/i);
      } finally {
        await context.close();
      }
    });
  }

  it("says on every story page which parts need the gemeente's own data", async () => {
    const verwacht: Record<string, string[]> = {
      "/risicobranches": [
        "De gekozen branche per gemeente",
        "Zorg en vastgoed",
        "vestigingen.csv",
        "eigendommen.csv"
      ],
      "/risicolocaties": ["Leegstaande agrarische gebouwen (VAB)", "panden.csv", "signalen.csv"],
      "/weerbare-wijken": ["signalencomponent", "signalen.csv"],
      "/trends": ["Elk cijfer door de jaren heen", "vestigingen.csv"]
    };
    for (const [path, woorden] of Object.entries(verwacht)) {
      const context = await isolatedContext(browser, site.origin);
      try {
        const {page} = await visitPage(context, site.origin, path);
        await settle(page);
        const [melding] = await visibleTexts(page, "#eigen-data-nodig");
        expect(melding, path).toBeDefined();
        expect(melding).toContain("Deze bronmap bevat alleen openbare gegevens.");
        for (const w of woorden) expect(melding, path).toContain(w);
        // The sections it names are not on the page.
        const koppen = await visibleTexts(page, "main h2");
        for (const w of woorden.filter((x) => !x.includes(".csv") && !x.includes("component")))
          expect(koppen, path).not.toContain(w);
        // Nor does the table of contents ("Op deze pagina") promise them; it lists what is shown.
        const inhoud = await page.$$eval("#observablehq-toc li", (lis) =>
          lis.filter((li) => !li.closest("[hidden]")).map((li) => li.textContent?.trim() ?? "")
        );
        for (const w of woorden.filter((x) => !x.includes(".csv") && !x.includes("component")))
          expect(inhoud, path).not.toContain(w);
        for (const k of koppen.filter((x) => inhoud.length > 0 && x !== "")) {
          const gelinkt = await page.$$eval("#observablehq-toc a", (as) =>
            as.map((a) => a.textContent?.trim())
          );
          if (gelinkt.includes(k)) expect(inhoud, path).toContain(k);
        }
      } finally {
        await context.close();
      }
    }
  });

  it("shows what the public data carries: inhabitants, Nederland, registered crime", async () => {
    const context = await isolatedContext(browser, site.origin);
    try {
      let {page} = await visitPage(context, site.origin, "/");
      await settle(page);
      // 35.879 (Leudal) + 17.019 (Nederweert), AantalInwoners_5 of the real KWB 2020 rows.
      expect(await page.locator("#opening").innerText()).toContain("52.898 inwoners");
      const overzicht = (await visibleTexts(page, "main")).join(" ");
      expect(overzicht).toContain("tegenover Nederland");
      expect(overzicht).toContain("Geregistreerde misdrijven per 1.000 inwoners");

      ({page} = await visitPage(context, site.origin, "/risicobranches"));
      await settle(page);
      expect(await visibleTexts(page, "main h2")).toContain("Vergeleken met Nederland");
      expect(await page.locator("#zinnen-nederland").innerText()).toContain("In Nederweert in 2020:");

      ({page} = await visitPage(context, site.origin, "/weerbare-wijken"));
      await settle(page);
      expect(await visibleTexts(page, "main h2")).toContain("Geregistreerde misdrijven per buurt");
      // (328 + 720) crimes / (17,019 + 35,879) inhabitants * 1,000 = 19.81 (fixture counts).
      expect(await page.locator("#zinnen-misdrijven").innerText()).toContain(
        "In 2020 registreerde de politie in Regio (hele bronmap) 19,8 misdrijven per 1.000 inwoners."
      );

      // Trends: registered crime over the years, the public story of the page (one year here).
      ({page} = await visitPage(context, site.origin, "/trends"));
      await settle(page);
      expect(await visibleTexts(page, "main h2")).toContain("Geregistreerde misdrijven door de jaren");
      expect(await page.locator("#zinnen-misdrijven").innerText()).toContain(
        "deze bronmap heeft alleen 2020"
      );
    } finally {
      await context.close();
    }
  });

  it("dates the briefing in the data's year and compares it with Nederland", async () => {
    const context = await isolatedContext(browser, site.origin);
    try {
      const {page} = await visitPage(context, site.origin, "/gemeente/GM1640");
      await settle(page);
      expect(await page.locator("#briefing-kop").innerText()).toBe(
        "Leudal, 2020: de cijfers die ertoe doen, tegen de regio Regio (hele bronmap), tegen Nederland en tegen vergelijkbare gemeenten."
      );
      // No figure, heading or sentence speaks of another year than 2020 (the source lines do:
      // they say when the files were fetched).
      const teksten = await visibleTexts(
        page,
        "main h2, main h3, #samenvatting, #figuurzinnen, #branchezin, #wijkzin"
      );
      for (const t of teksten) expect(t).not.toMatch(/\b20(1\d|2[1-9])\b/);
      expect(teksten.join(" ")).toContain("vestigingenregister van de gemeente (vestigingen.csv)");
    } finally {
      await context.close();
    }
  });

  it("passes the exposure scan against the bronmap it was built from", () => {
    const scan = spawnSync("npx", ["tsx", "scripts/exposure-scan.ts", DIST], {
      env: {...process.env, BRONMAP},
      encoding: "utf-8"
    });
    expect(scan.stderr).not.toContain("vondst");
    expect(scan.status).toBe(0);
  });

  it("shows the provenance of every fetched source on Methode en privacy", async () => {
    const context = await isolatedContext(browser, site.origin);
    try {
      const {page} = await visitPage(context, site.origin, "/methode");
      await settle(page);
      const tabel = await page.locator("#tabel-herkomst").innerText();
      for (const t of [
        "84799NED",
        "47018NED",
        "81575NED",
        "https://opendata.cbs.nl/ODataFeed/odata/84799NED/TypedDataSet",
        "CC BY 4.0",
        "Bron: CBS",
        "Bron: Politie"
      ])
        expect(tabel).toContain(t);
    } finally {
      await context.close();
    }
  });
});
