import {existsSync, mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {invalidateLoaderCache} from "../scripts/loader-cache.ts";

describe("Framework's loader cache follows the pipeline result", () => {
  it("drops cached loader outputs when the pipeline key changes, and keeps them while it stays", () => {
    const cache = mkdtempSync(join(tmpdir(), "fw-cache-"));
    const cached = join(cache, "data", "regio.json");
    const npm = join(cache, "_npm", "d3@7.9.0");
    mkdirSync(join(cache, "data"), {recursive: true});
    mkdirSync(npm, {recursive: true});
    writeFileSync(cached, "{}");
    expect(invalidateLoaderCache(cache, "sleutel-a")).toBe(true);
    expect(existsSync(cached)).toBe(false);
    expect(existsSync(npm)).toBe(true); // the offline npm version cache stays
    mkdirSync(join(cache, "data"), {recursive: true});
    writeFileSync(join(cache, "data", "regio.json"), "{}");
    expect(invalidateLoaderCache(cache, "sleutel-a")).toBe(false);
    expect(existsSync(cached)).toBe(true);
    expect(invalidateLoaderCache(cache, "sleutel-b")).toBe(true);
    expect(existsSync(cached)).toBe(false);
  });
});
