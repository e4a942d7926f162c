/**
 * What prebuild prepares for Framework: the file maps of the split bundles (one literal
 * FileAttachment per part, since Framework accepts no other), and the browser libraries bundled
 * into Framework's node cache (Plot with only what the source uses, sharing code with the d3
 * modules, importing nothing from another package).
 */
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {deelBestand} from "../data-loaders/indicators/emit-file.ts";
import {
  BROWSER_LIBRARIES,
  bundleBrowserLibraries,
  nodeBundlePath,
  plotNamesUsed
} from "../scripts/browser-libraries.ts";
import {GENERATED_DIR, fileMapModule, writeFileMaps} from "../scripts/page-files.ts";

const ROOT = join(import.meta.dirname, "..");

describe("file maps of the split bundles", () => {
  it("name every part with a literal FileAttachment, relative to src/lib/generated/", () => {
    const text = fileMapModule("risicobranches", ["risicobranches/regio-2025", "risicobranches/regio-2024"]);
    expect(text).toContain('import {FileAttachment} from "observablehq:stdlib";');
    expect(text).toContain(
      '  "regio-2024": () => FileAttachment("../../data/risicobranches/regio-2024.json"),\n  "regio-2025": () => FileAttachment("../../data/risicobranches/regio-2025.json"),'
    );
  });

  it("refuse a part name that is not a plain name", () => {
    expect(() => fileMapModule("x", ["x/../../geheim"])).toThrow(/Ongeldige deelnaam/);
    expect(deelBestand("trends", "PV25")).toBe("trends/PV25.json");
    expect(() => deelBestand("trends", "../regio")).toThrow(/Ongeldig deel/);
    expect(() => deelBestand("trends", undefined)).toThrow(/Ongeldig deel/);
  });

  it("replace the earlier set: a bundle gone from the manifest loses its module", () => {
    const root = mkdtempSync(join(tmpdir(), "kaarten-"));
    mkdirSync(join(root, GENERATED_DIR), {recursive: true});
    writeFileSync(join(root, GENERATED_DIR, "oud.js"), "// oud");
    expect(writeFileMaps(root, {trends: ["trends/regio"]})).toEqual(["trends.js"]);
    expect(readdirSync(join(root, GENERATED_DIR))).toEqual(["trends.js"]);
  });
});

describe("browser libraries in Framework's node cache", () => {
  it("find the Plot functions the source uses, as namespace members and named imports", () => {
    expect(
      plotNamesUsed([
        'import * as Plot from "@observablehq/plot";\nPlot.plot({marks: [Plot.barX(d), Plot.ruleX([0])]}); let s: Plot.ColorScheme;',
        'import {dot, type Scale, text as tekst} from "@observablehq/plot";'
      ])
    ).toEqual(["ColorScheme", "Scale", "barX", "dot", "plot", "ruleX", "text"]);
  });

  it("write self-contained bundles where Framework looks, Plot without the rest of d3", async () => {
    const cache = mkdtempSync(join(tmpdir(), "fw-node-"));
    const files = await bundleBrowserLibraries(ROOT, cache);
    for (const name of BROWSER_LIBRARIES)
      expect(existsSync(join(cache, nodeBundlePath(ROOT, name))), name).toBe(true);
    for (const file of files) {
      const code = readFileSync(join(cache, file), "utf-8");
      // Only relative imports (of the shared chunks): no package, no CDN, no d3 umbrella.
      for (const m of code.matchAll(/(?:from|import)\s*["']([^"']+)["']/g))
        expect(m[1], file).toMatch(/^\.\.?\//);
      expect(code).not.toMatch(/d3@\d/);
    }
    // Node reads the bundles as ES modules here, as the browser does.
    writeFileSync(join(cache, "package.json"), '{"type": "module"}');
    const plot = await import(join(cache, nodeBundlePath(ROOT, "@observablehq/plot")));
    expect(typeof plot.plot).toBe("function");
    expect(typeof plot.barX).toBe("function");
    // Marks the site does not use are left out (tree-shaken with the d3 modules behind them).
    expect(plot.hexbin).toBeUndefined();
    expect(plot.tree).toBeUndefined();
  }, 120_000);
});
