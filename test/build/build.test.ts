import {existsSync, readdirSync, readFileSync} from "node:fs";
import {join, relative} from "node:path";
import {csvParse} from "d3-dsv";
import {beforeAll, describe, expect, it} from "vitest";
import {htmlFiles} from "../../scripts/postbuild.ts";

const DIST = "dist";

// Checks of the site that `npm test` built (scripts/test.ts, step "build": the demo region, no
// network, empty Framework cache). Run `npm run build` first when running this file alone.
describe("the built site", () => {
  beforeAll(() => {
    if (!existsSync(join(DIST, "index.html"))) throw new Error("dist/ ontbreekt: draai eerst npm run build");
  });

  it('gives every page <html lang="nl"> and a zoomable viewport', () => {
    const pages = htmlFiles(DIST);
    expect(pages.length).toBeGreaterThanOrEqual(8);
    for (const page of pages) {
      const html = readFileSync(page, "utf-8");
      expect(html, relative(DIST, page)).toMatch(/^<!DOCTYPE html>\s*<html lang="nl">/);
      expect(html, relative(DIST, page)).not.toContain("maximum-scale");
    }
  });

  it("shows the fictitious-data notice, the build date and the source on every page of the demo", () => {
    for (const page of htmlFiles(DIST)) {
      const html = readFileSync(page, "utf-8");
      expect(html, relative(DIST, page)).toContain('class="demo-notice"');
      expect(html, relative(DIST, page)).toContain("fictieve voorbeelddata");
      expect(html, relative(DIST, page)).toMatch(/gebouwd op \d{1,2} [a-z]+ \d{4}/);
      expect(html, relative(DIST, page)).toContain("bron: fictieve voorbeeldregio");
    }
  });

  it("lists every briefing in the site search under its gemeente's name", () => {
    const dir = join(DIST, "_observablehq");
    const file = readdirSync(dir).find((f) => /^minisearch\.[0-9a-f]+\.json$/.test(f));
    expect(file).toBeDefined();
    const index = JSON.parse(readFileSync(join(dir, file!), "utf-8")) as {
      documentIds: Record<string, string>;
      storedFields: Record<string, {title: string}>;
    };
    const titles = new Map(
      Object.entries(index.documentIds).map(([k, path]) => [path, index.storedFields[k]?.title])
    );
    const briefings = htmlFiles(DIST)
      .map((p) => relative(DIST, p).replace(/\\/g, "/"))
      .filter((p) => /^gemeente\/GM\d{4}\.html$/.test(p));
    expect(briefings.length).toBeGreaterThanOrEqual(2);
    for (const b of briefings) {
      const path = `/${b.replace(/\.html$/, "")}`;
      const h1 = /<h1 id="gemeentebriefing"[^>]*>(?:<a [^>]*>)?Gemeentebriefing ([^<]+)</.exec(
        readFileSync(join(DIST, b), "utf-8")
      );
      expect(titles.get(path), path).toBe(`Briefing ${h1?.[1]}`);
    }
    expect(titles.get("/risicobranches")).toBe("Risicobranches");
  });

  it("links no stylesheet, script or font of another host", () => {
    for (const page of htmlFiles(DIST)) {
      const html = readFileSync(page, "utf-8");
      const external = [...html.matchAll(/(?:src|href)="((?:https?:)?\/\/[^"]+)"/g)].map((m) => m[1]);
      expect(external, relative(DIST, page)).toEqual([]);
    }
  });

  it("builds the search index for the built-in search", () => {
    const name = readdirSync(join(DIST, "_observablehq")).find((f) =>
      /^minisearch\.[0-9a-f]+\.json$/.test(f)
    );
    expect(name).toBeDefined();
    const index = JSON.parse(readFileSync(join(DIST, "_observablehq", name!), "utf-8"));
    expect(JSON.stringify(index)).toContain("risicobranches");
  });

  it("publishes a kwetsbaarheidsindex for at least 90% of the buurten with 50 or more inhabitants", () => {
    // The open data of the built site (privacy.md's contract): inhabitants and the index per buurt.
    const rows = csvParse(readFileSync(join(DIST, "open-data", "cijfers.csv"), "utf-8"));
    const buurt = rows.filter((r) => r.gebiedniveau === "buurt");
    const laatste = Math.max(
      ...buurt.filter((r) => r.indicator === "kwetsbaarheidsindex").map((r) => Number(r.jaar))
    );
    const inw = new Map(
      buurt
        .filter((r) => r.indicator === "inwoners" && Number(r.jaar) === laatste && r.waarde !== "")
        .map((r) => [r.gebiedcode, Number(r.waarde)])
    );
    const index = buurt.filter((r) => r.indicator === "kwetsbaarheidsindex" && Number(r.jaar) === laatste);
    const groot = index.filter((r) => (inw.get(r.gebiedcode!) ?? 0) >= 50);
    expect(groot.length).toBeGreaterThan(100);
    expect(groot.filter((r) => r.waarde !== "").length / groot.length).toBeGreaterThanOrEqual(0.9);
    // None for a buurt with fewer than 50 inhabitants.
    const klein = index.filter((r) => inw.has(r.gebiedcode!) && inw.get(r.gebiedcode!)! < 50);
    expect(klein.length).toBeGreaterThan(0);
    expect(klein.every((r) => r.waarde === "")).toBe(true);
  });
});
