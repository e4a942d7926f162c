/**
 * The run-once pipeline: its cache key follows the bronmap and the code, a changed input gives
 * changed output, two runs give byte-identical files, concurrent callers compute once, and the
 * loaders stream only files whose bytes match the manifest.
 */
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync
} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {emitPublishedFile} from "../../data-loaders/indicators/emit-file.ts";
import {getPipelineResult, pipelineKey} from "../../data-loaders/indicators/pipeline.ts";
import {resolveBronmap} from "../../data-loaders/resolve-bronmap.ts";
import {MINI} from "./helpers.ts";
import {readPublished} from "../published-file.ts";

const work = mkdtempSync(join(tmpdir(), "pipeline-test-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));
const quiet = () => {};

function copyMini(name: string): string {
  const dir = join(work, name);
  cpSync(MINI, dir, {recursive: true});
  return dir;
}

describe("pipeline cache", () => {
  it("gives the same key for the same files and another key when a file changes", async () => {
    const a = copyMini("a");
    const b = copyMini("b");
    expect(await pipelineKey(a)).toBe(await pipelineKey(b));
    appendFileSync(join(b, "signalen.csv"), "S999;2019-05-05;witwassen;BU00010101\n");
    expect(await pipelineKey(b)).not.toBe(await pipelineKey(a));
  });

  it("follows symbolic links: a linked file counts with its target's content, a linked folder too", async () => {
    const dir = copyMini("links");
    const shared = mkdtempSync(join(work, "gedeelde-schijf-"));
    const target = join(shared, "signalen.csv");
    renameSync(join(dir, "signalen.csv"), target);
    symlinkSync(target, join(dir, "signalen.csv"));
    const opts = {hashCachePath: join(work, "bron-hashes-links.json"), now: Date.now() + 60_000};
    const linked = await pipelineKey(dir, opts);
    // The same content through a link gives the same key as the file itself.
    expect(linked).toBe(await pipelineKey(copyMini("links-plain"), {hashCachePath: null}));
    // The target grows: the key follows, also with the remembered hashes.
    appendFileSync(target, "S999;2019-05-05;witwassen;BU00010101\n");
    const grown = await pipelineKey(dir, {...opts, now: Date.now() + 120_000});
    expect(grown).not.toBe(linked);
    // A linked folder (gebieden on another disk) and a link cycle inside it.
    const dir2 = copyMini("links-folder");
    renameSync(join(dir2, "gebieden"), join(shared, "gebieden"));
    symlinkSync(join(shared, "gebieden"), join(dir2, "gebieden"));
    symlinkSync(shared, join(shared, "gebieden", "lus"));
    const viaFolder = await pipelineKey(dir2, {hashCachePath: null});
    writeFileSync(join(shared, "gebieden", "wijken.geojson"), "{}");
    expect(await pipelineKey(dir2, {hashCachePath: null})).not.toBe(viaFolder);
  });

  it("remembers content hashes by file stat, and hashes a file again after any write", async () => {
    const dir = copyMini("hashcache");
    const hashCachePath = join(work, "bron-hashes.json");
    const read: string[] = [];
    // Freshly copied files are "racy" (changed in the last two seconds): moving the clock on
    // lets the cache remember them.
    const opts = {hashCachePath, now: Date.now() + 60_000, onRead: (p: string) => read.push(p)};
    const k1 = await pipelineKey(dir, opts);
    expect(read.length).toBeGreaterThan(3);
    read.length = 0;
    expect(await pipelineKey(dir, opts)).toBe(k1);
    expect(read).toEqual([]);
    // Same size, same mtime set back: the ctime still changes, so the file is read again.
    const f = join(dir, "signalen.csv");
    const {mtime, atime} = statSync(f);
    const text = readFileSync(f, "utf-8");
    writeFileSync(f, text.replace("hennep", "hennip"));
    utimesSync(f, atime, mtime);
    const k2 = await pipelineKey(dir, {...opts, now: Date.now() + 120_000});
    expect(read).toEqual([f]);
    expect(k2).not.toBe(k1);
    // Without the clock moved on, a just-written file is never remembered.
    read.length = 0;
    const fresh = copyMini("hashcache-fresh");
    await pipelineKey(fresh, {hashCachePath, onRead: (p) => read.push(p)});
    const n = read.length;
    await pipelineKey(fresh, {hashCachePath, onRead: (p) => read.push(p)});
    expect(read.length).toBe(2 * n);
  });

  it("produces byte-identical files in two independent runs, and changed output for changed input", async () => {
    const bron = copyMini("det");
    const r1 = await getPipelineResult({
      bronmap: {dir: bron, isDemo: false},
      cacheRoot: join(work, "c1"),
      gemeentenListPath: null,
      log: quiet
    });
    const r2 = await getPipelineResult({
      bronmap: {dir: bron, isDemo: false},
      cacheRoot: join(work, "c2"),
      gemeentenListPath: null,
      log: quiet
    });
    expect(r1.computed && r2.computed).toBe(true);
    expect(Object.keys(r1.manifest.files).sort()).toEqual(Object.keys(r2.manifest.files).sort());
    for (const name of Object.keys(r1.manifest.files)) {
      expect(readFileSync(r2.file(name)).equals(readFileSync(r1.file(name))), name).toBe(true);
    }
    // Ten more hennep signals in 2021 in the GM0001 buitengebied change the published count.
    const changed = copyMini("changed");
    for (let i = 0; i < 10; i++)
      appendFileSync(join(changed, "signalen.csv"), `X${i};2021-09-01;hennep;BU00010102\n`);
    const r3 = await getPipelineResult({
      bronmap: {dir: changed, isDemo: false},
      cacheRoot: join(work, "c1"),
      gemeentenListPath: null,
      log: quiet
    });
    expect(r3.key).not.toBe(r1.key);
    const before = JSON.stringify(readPublished(r1, "weerbaarheid.json"));
    const after = JSON.stringify(readPublished(r3, "weerbaarheid.json"));
    expect(after).not.toBe(before);
    const cell = (text: string) =>
      (
        JSON.parse(text).onderdelen.signalen.cellen as {
          gebiedcode: string;
          jaar: number;
          waarde: number | null;
        }[]
      ).find((c) => c.gebiedcode === "GM0001" && c.jaar === 2021)?.waarde;
    expect(cell(before)).toBe(10);
    expect(cell(after)).toBe(20);
  }, 120_000);

  it("gives byte-identical files for the whole demo region in two runs (z-scores and indexes too)", async () => {
    // The demo region has the floating-point aggregates the mini bronmap lacks (z-scores over
    // 300 buurten): DuckDB sums doubles in parallel in no fixed order, which once made the
    // structural index differ between runs in the 4th decimal.
    const demo = await resolveBronmap();
    const runs = [];
    for (const root of ["d1", "d2"]) {
      runs.push(
        await getPipelineResult({
          bronmap: demo,
          cacheRoot: join(work, root),
          gemeentenListPath: null,
          log: quiet
        })
      );
    }
    const [r1, r2] = runs;
    expect(r1.computed && r2.computed).toBe(true);
    const names = Object.keys(r1.manifest.files).sort();
    expect(names.length).toBeGreaterThan(10);
    expect(Object.keys(r2.manifest.files).sort()).toEqual(names);
    const differing = names.filter((n) => !readFileSync(r2.file(n)).equals(readFileSync(r1.file(n))));
    expect(differing).toEqual([]);
  }, 180_000);

  it("reuses a cached result and lets concurrent callers compute only once", async () => {
    const bron = copyMini("conc");
    const root = join(work, "c3");
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        getPipelineResult({
          bronmap: {dir: bron, isDemo: false},
          cacheRoot: root,
          gemeentenListPath: null,
          log: quiet
        })
      )
    );
    expect(results.filter((r) => r.computed)).toHaveLength(1);
    const again = await getPipelineResult({
      bronmap: {dir: bron, isDemo: false},
      cacheRoot: root,
      gemeentenListPath: null,
      log: quiet
    });
    expect(again.computed).toBe(false);
    expect(again.key).toBe(results[0].key);
  }, 120_000);

  it("writes the gemeente list for dynamicPaths", async () => {
    const list = join(work, "gemeenten.json");
    await getPipelineResult({
      bronmap: {dir: copyMini("list"), isDemo: false},
      cacheRoot: join(work, "c3"),
      gemeentenListPath: list,
      log: quiet
    });
    expect(JSON.parse(readFileSync(list, "utf-8"))).toEqual(["GM0001", "GM0002"]);
  }, 120_000);
});

describe("emitPublishedFile", () => {
  it("streams a cached page file unchanged, and refuses one whose bytes were changed", async () => {
    const bron = copyMini("emit");
    const r = await getPipelineResult({
      bronmap: {dir: bron, isDemo: false},
      cacheRoot: join(work, "c4"),
      gemeentenListPath: null,
      log: quiet
    });
    let out = Buffer.alloc(0);
    const sink = {write: (c: string | Uint8Array) => (out = Buffer.concat([out, Buffer.from(c)]))};
    emitPublishedFile(r, "risicobranches.json", sink);
    expect(out.equals(readFileSync(r.file("risicobranches.json")))).toBe(true);
    const bundle = JSON.parse(out.toString("utf-8"));
    expect(bundle.schemaVersion).toBe(1);
    expect(Object.keys(bundle.onderdelen)).toContain("vestigingen");
    // Tampering with the cache (say, writing raw records into it) is caught before anything is written.
    writeFileSync(
      r.file("regio.json"),
      JSON.stringify({schemaVersion: 1, onderdelen: {x: {schemaVersion: 1, naam: "Bedrijf A01"}}})
    );
    expect(() => emitPublishedFile(r, "regio.json", {write: () => {}})).toThrow(/publicatiepoort/);
    expect(() => r.file("bestaat-niet.json")).toThrow(/bestaat niet/);
  }, 120_000);

  it("writes a geometry file per level with only code, naam and bovenliggend", async () => {
    const r = await getPipelineResult({
      bronmap: {dir: copyMini("geo"), isDemo: false},
      cacheRoot: join(work, "c4"),
      gemeentenListPath: null,
      log: quiet
    });
    const topo = JSON.parse(readFileSync(r.file("gebieden-buurt.topojson"), "utf-8")).waarde;
    expect(topo.type).toBe("Topology");
    expect(topo.transform).toBeDefined();
    const geoms = topo.objects.gebieden.geometries as {id: string; properties: Record<string, unknown>}[];
    expect(geoms.map((g) => g.id)).toEqual(["BU00010101", "BU00010102", "BU00020101", "BU00020102"]);
    expect(Object.keys(geoms[0].properties).sort()).toEqual(["bovenliggend", "code", "naam"]);
  }, 120_000);
});
