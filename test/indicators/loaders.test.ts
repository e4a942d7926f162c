/** Every page file the pipeline writes has a thin loader in src/data/, and every loader a file. */
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {BUNDLES, OTHER_FILES} from "../../data-loaders/indicators/bundles.ts";

const DATA = join(import.meta.dirname, "../../src/data");

describe("loaders in src/data", () => {
  it("exist for every page file, and stream the file of their own name", () => {
    const loaders = readdirSync(DATA).filter((f) => f.endsWith(".ts"));
    const expected = [
      ...Object.keys(BUNDLES),
      ...Object.keys(OTHER_FILES).filter((f) => !f.includes("<"))
    ].map((f) => `${f}.ts`);
    expect(loaders.sort()).toEqual(expected.sort());
    for (const f of loaders) {
      const text = readFileSync(join(DATA, f), "utf-8");
      expect(text, f).toContain(`"${f.slice(0, -3)}"`);
      expect(text, f).toContain("emitPublishedFile");
    }
  });
  it("have a parameterized loader for the parts of every split bundle, the overview's and the maps'", () => {
    const split = [
      ...Object.entries(BUNDLES)
        .filter(([, spec]) => spec.delen)
        .map(([name]) => name.replace(/\.json$/, "")),
      "overzicht",
      "gebieden",
      // The outlines of the bedrijventerreinen per block (the estate map of Risicolocaties).
      "terreinen"
    ];
    const dirs = readdirSync(DATA, {withFileTypes: true})
      .filter((d) => d.isDirectory() && d.name !== "gemeente")
      .map((d) => d.name);
    expect(dirs.sort()).toEqual([...split].sort());
    for (const naam of split) {
      const text = readFileSync(join(DATA, naam, "[deel].json.ts"), "utf-8");
      expect(text, naam).toContain(`deelBestand("${naam}", values.deel)`);
      expect(text, naam).toContain("emitPublishedFile");
    }
  });
  it("have a parameterized briefing loader that takes --code", () => {
    const text = readFileSync(join(DATA, "gemeente", "[code].json.ts"), "utf-8");
    expect(text).toContain("parseArgs");
    expect(text).toContain("gemeente/${values.code}.json");
  });
});
