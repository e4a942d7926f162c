import {createHash} from "node:crypto";
import {existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {fillLoaderCache, invalidateLoaderCache} from "../scripts/loader-cache.ts";

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

describe("Framework's loader cache filled from the pipeline result", () => {
  const result = (dir: string, files: Record<string, string>, sha = (t: string) => t) => {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, ".."), {recursive: true});
      writeFileSync(join(dir, name), text);
    }
    return {
      manifest: {
        files: Object.fromEntries(
          Object.entries(files).map(([n, t]) => [
            n,
            {sha256: createHash("sha256").update(sha(t)).digest("hex")}
          ])
        )
      },
      file: (name: string) => join(dir, name)
    };
  };

  it("puts each checked page file where its loader's output goes, once", () => {
    const dir = mkdtempSync(join(tmpdir(), "pijplijn-"));
    const cache = mkdtempSync(join(tmpdir(), "fw-cache-"));
    const files = {
      "regio.json": '{"schemaVersion":1,"onderdelen":{}}',
      "weerbaarheid/GM0001.json": '{"schemaVersion":1,"onderdelen":{"a":1}}'
    };
    expect(fillLoaderCache(cache, result(dir, files))).toBe(2);
    expect(readFileSync(join(cache, "data", "weerbaarheid", "GM0001.json"), "utf-8")).toBe(
      files["weerbaarheid/GM0001.json"]
    );
    expect(fillLoaderCache(cache, result(dir, files))).toBe(0);
  });

  it("refuses a file whose bytes are not what the pipeline recorded, or not the gate's envelope", () => {
    const dir = mkdtempSync(join(tmpdir(), "pijplijn-"));
    const cache = mkdtempSync(join(tmpdir(), "fw-cache-"));
    expect(() =>
      fillLoaderCache(
        cache,
        result(dir, {"a.json": '{"schemaVersion":1}'}, () => "iets anders")
      )
    ).toThrow(/wijkt af/);
    expect(() => fillLoaderCache(cache, result(dir, {"b.json": '{"rijen":[1]}'}))).toThrow(/publicatiepoort/);
    expect(existsSync(join(cache, "data", "a.json"))).toBe(false);
  });
});
