/**
 * The exposure scan of the real built site, as part of `npm test` (the site step, after the
 * build): `dist/` is scanned for every identifying value of the bronmap it was built from
 * (resolved as the build does) and for the generic identifier patterns. A missing build fails.
 */
import {existsSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {
  collectNeedles,
  describeFindings,
  scanDirectory
} from "../../data-loaders/disclosure/exposure-scan.ts";

const DIST = join(import.meta.dirname, "../../dist");

describe("exposure scan of the built site", () => {
  it("has a built site to scan", () => expect(existsSync(join(DIST, "index.html"))).toBe(true));

  it("finds no value of the bronmap and no identifier pattern in dist/", async () => {
    const {resolveBronmap} = await import("../../data-loaders/resolve-bronmap.ts");
    const {loadBronmap} = await import("../../data-loaders/sources/bronmap.ts");
    const {dir, isDemo} = await resolveBronmap();
    const bronmap = await loadBronmap(dir, {isDemo, log: () => {}});
    try {
      const needles = await collectNeedles(bronmap);
      expect(needles.strings.length).toBeGreaterThan(0);
      const findings = scanDirectory(DIST, needles);
      expect(findings, describeFindings(findings.slice(0, 50))).toEqual([]);
    } finally {
      bronmap.close();
    }
  }, 300_000);
});
