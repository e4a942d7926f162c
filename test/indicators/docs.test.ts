/** docs/indicators.md is generated from the catalogue; this test fails when it is stale. */
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {DOCS_PATH, renderIndicatorDocs} from "../../scripts/generate-indicator-docs.ts";
import {INDICATOREN, RISICOBRANCHES} from "../../data-loaders/indicators/catalogue.ts";
import {BUNDLES} from "../../data-loaders/indicators/bundles.ts";
import {BRIEFING_INDICATOREN} from "../../data-loaders/indicators/briefing.ts";

describe("docs/indicators.md", () => {
  it("is up to date with the catalogue (run scripts/generate-indicator-docs.ts)", () => {
    expect(readFileSync(DOCS_PATH, "utf-8")).toBe(renderIndicatorDocs());
  });
});

describe("catalogue", () => {
  it("has unique indicator and branch ids", () => {
    expect(new Set(INDICATOREN.map((i) => i.id)).size).toBe(INDICATOREN.length);
    expect(new Set(RISICOBRANCHES.map((b) => b.id)).size).toBe(RISICOBRANCHES.length);
  });
  it("puts only catalogue indicators in the page files", () => {
    const ids = new Set(INDICATOREN.map((i) => i.id));
    for (const spec of Object.values(BUNDLES)) for (const t of spec.tables) expect(ids.has(t), t).toBe(true);
    for (const t of BRIEFING_INDICATOREN) expect(ids.has(t), t).toBe(true);
  });
  it("publishes every catalogue indicator in some page file", () => {
    const inBundles = new Set(Object.values(BUNDLES).flatMap((s) => s.tables));
    const missing = INDICATOREN.map((i) => i.id).filter((id) => !inBundles.has(id));
    expect(missing).toEqual([]);
  });
});
