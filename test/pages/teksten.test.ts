/**
 * Issue 15: the texts about buurten state associations, not causes, and describe areas, not
 * their residents. A phrase that states a cause ("lager inkomen maakt ontvankelijker voor
 * criminele verdienmodellen", "is minder weerbaar") fails here, wherever users can read it.
 */
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {KWETSBAARHEID_COMPONENTEN, KWETSBAARHEID_METHODE} from "../../data-loaders/indicators/catalogue.ts";

const ROOT = join(import.meta.dirname, "../..");
const files = (dir: string, ext: RegExp) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => ext.test(f))
    .map((f) => join(dir, f));

/** Causal or stigmatising phrasing about buurten and their residents. */
const VERBODEN = [
  /ontvankelijk/i,
  /\bis minder weerbaar\b/i,
  /\bmaakt\b[^.]{0,40}\b(kwetsbaar|ontvankelijk|crimineel)/i,
  /\bleidt tot (criminaliteit|ondermijning)/i,
  /\b(probleemwijk|probleembuurt|achterstandswijk)/i
];

describe("texts about buurten", () => {
  const bestanden = [
    ...files("src", /\.md$/),
    ...files("src/lib/pages", /\.ts$/),
    "data-loaders/indicators/catalogue.ts",
    ...files("docs", /\.md$/)
  ];

  it("state no cause and no judgement of residents in pages, view models, catalogue and docs", () => {
    expect(bestanden.length).toBeGreaterThan(20);
    const treffers: string[] = [];
    for (const f of bestanden) {
      const tekst = readFileSync(join(ROOT, f), "utf-8");
      for (const re of VERBODEN) {
        const m = re.exec(tekst);
        if (m) treffers.push(`${f}: ${m[0]}`);
      }
    }
    expect(treffers).toEqual([]);
  });

  it("catch the phrases the issue quotes", () => {
    const oud =
      "Lager inkomen maakt ontvankelijker voor criminele verdienmodellen. Deze buurt is minder weerbaar.";
    expect(VERBODEN.filter((re) => re.test(oud)).length).toBeGreaterThanOrEqual(2);
  });

  it("give every weighed component a reason, and say the index describes areas, not residents", () => {
    for (const c of KWETSBAARHEID_COMPONENTEN) expect(c.waarom, c.id).not.toBe("");
    expect(KWETSBAARHEID_METHODE.join(" ")).toContain("beschrijven een buurt, niet haar bewoners");
  });
});
