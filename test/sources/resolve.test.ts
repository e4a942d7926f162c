import {existsSync, mkdtempSync, readdirSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {resolveBronmap} from "../../data-loaders/resolve-bronmap.ts";

const saved = process.env.BRONMAP;
afterEach(() => {
  if (saved === undefined) delete process.env.BRONMAP;
  else process.env.BRONMAP = saved;
});

describe("resolveBronmap", () => {
  it("uses BRONMAP, relative to the working directory", async () => {
    process.env.BRONMAP = "test/fixtures/bronmap/basis";
    expect(await resolveBronmap()).toEqual({dir: resolve("test/fixtures/bronmap/basis"), isDemo: false});
  });

  it("generates the demo region once into a hashed cache folder, safely when two processes race", async () => {
    delete process.env.BRONMAP;
    const cacheRoot = mkdtempSync(join(tmpdir(), "cache-"));
    const [a, b] = await Promise.all([resolveBronmap({cacheRoot}), resolveBronmap({cacheRoot})]);
    expect(a).toEqual(b);
    expect(a.isDemo).toBe(true);
    expect(existsSync(join(a.dir, "demo.json"))).toBe(true);
    expect(existsSync(join(a.dir, "vestigingen.csv"))).toBe(true);
    // No temporary folders are left behind, only the one hashed folder.
    expect(readdirSync(cacheRoot)).toEqual([a.dir.split("/").pop()]);
    const t0 = performance.now();
    expect(await resolveBronmap({cacheRoot})).toEqual(a);
    expect(performance.now() - t0).toBeLessThan(100);
  });

  it("uses another folder for another seed", async () => {
    delete process.env.BRONMAP;
    const cacheRoot = mkdtempSync(join(tmpdir(), "cache-"));
    const a = await resolveBronmap({cacheRoot, seed: 1});
    const b = await resolveBronmap({cacheRoot, seed: 2});
    expect(a.dir).not.toBe(b.dir);
  });
});
