import {mkdtempSync, readdirSync, existsSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {frameworkNpmLibraries, seedOfflineNpmCache} from "../scripts/offline-npm-cache.ts";

describe("offline npm version cache", () => {
  it("finds the optional client libraries Framework resolves while bundling", () => {
    const names = frameworkNpmLibraries("node_modules/@observablehq/framework/dist");
    expect(names).toEqual(
      expect.arrayContaining(["react-dom", "@duckdb/duckdb-wasm", "mermaid", "@observablehq/inputs"])
    );
  });

  it("seeds one version folder per library, with the installed version where there is one", () => {
    const root = mkdtempSync(join(tmpdir(), "atlas-npm-"));
    const seeded = seedOfflineNpmCache(process.cwd(), root);
    expect(seeded.length).toBeGreaterThan(10);
    const cacheDir = join(root, ".observablehq", "cache", "_npm");
    expect(existsSync(cacheDir)).toBe(true);
    const inputs = readdirSync(join(cacheDir, "@observablehq")).find((e) => e.startsWith("inputs@"));
    expect(inputs).toMatch(/^inputs@\d+\.\d+\.\d+$/);
  });
});
