import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync
} from "node:fs";
import {execFileSync} from "node:child_process";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {getPipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import {loadBronmap} from "../../data-loaders/sources/bronmap.ts";
import type {LoadedBronmap} from "../../data-loaders/sources/loaded.ts";
import {BronmapError} from "../../data-loaders/sources/types.ts";

/**
 * The malformed corpus: every folder in test/fixtures/malformed is a bronmap (laid over the
 * shared `_basis` areas unless `zonderBasis`) with a `verwacht.json` that states the exact fatal
 * message (`fout`), or the exact rejection counts (`afgewezen`), accepted rows (`opgenomen`) and
 * warnings (`waarschuwing`) per file. A case fails when reading it throws anything but the
 * stated `BronmapError`, or when any file has a row that is neither accepted nor rejected.
 *
 * Cases with `pijplijn` (the inputs that once crashed only in the build) also run through the
 * whole pipeline, indicators and publish gate included, over valid registers from `_pijplijn`.
 */
interface Verwacht {
  zonderBasis?: boolean;
  map?: string;
  fout?: string;
  afgewezen?: Record<string, Record<string, number>>;
  opgenomen?: Record<string, number>;
  waarschuwing?: Record<string, string>;
  /** Area (or bedrijventerrein) names that must come out of reading, by code. */
  naam?: Record<string, string>;
  /**
   * Files the test makes of this size (bytes) as sparse files, full of zero bytes but taking no
   * disk space: inputs too large to commit (a reader must refuse them by their size).
   */
  groot?: Record<string, number>;
  /** The gemeente a bedrijventerrein is assigned to, by code. */
  gemeente?: Record<string, string>;
  /** SQL queries on the loaded tables with the single value each must give. */
  sql?: Record<string, number | string>;
  /** Run the pipeline too; it must publish without error. */
  pijplijn?: boolean;
  /** Texts (case-insensitive) that must not appear in any published file. */
  nietGepubliceerd?: string[];
}

const ROOT = "test/fixtures/malformed";
const cases = readdirSync(ROOT)
  .filter((d) => !d.startsWith("_"))
  .sort()
  .map((name) => ({
    name,
    verwacht: JSON.parse(readFileSync(join(ROOT, name, "verwacht.json"), "utf8")) as Verwacht
  }));

const work = mkdtempSync(join(tmpdir(), "malformed-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

function prepare(name: string, v: Verwacht): string {
  const dir = join(work, name);
  if (!v.zonderBasis) cpSync(join(ROOT, "_basis"), dir, {recursive: true});
  if (v.pijplijn) cpSync(join(ROOT, "_pijplijn"), dir, {recursive: true});
  cpSync(join(ROOT, name), dir, {recursive: true});
  rmSync(join(dir, "verwacht.json"));
  for (const [file, size] of Object.entries(v.groot ?? {})) {
    mkdirSync(dirname(join(dir, file)), {recursive: true});
    writeFileSync(join(dir, file), "");
    truncateSync(join(dir, file), size);
  }
  return dir;
}

function areaNaam(b: LoadedBronmap, code: string): {naam: string; gemeentecode: string} | undefined {
  const {gemeenten, wijken, buurten, bedrijventerreinen} = b.areas;
  return [...gemeenten, ...wijken, ...buurten, ...bedrijventerreinen].find((a) => a.code === code);
}

/** Every file under `dir` (the published result). */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe("malformed corpus", () => {
  it("has at least 100 cases, each stating what it must give", () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    for (const {name, verwacht} of cases)
      expect(verwacht.fout ?? verwacht.afgewezen ?? verwacht.opgenomen, name).toBeDefined();
  });

  it.each(cases)(
    "$name",
    async ({name, verwacht}) => {
      const dir = verwacht.map ?? prepare(name, verwacht);
      if (verwacht.fout) {
        const error = await loadBronmap(dir, {log: () => {}}).then(
          (b) => {
            b.close();
            return null;
          },
          (e: unknown) => e
        );
        expect(error).toBeInstanceOf(BronmapError);
        expect((error as Error).message).toBe(verwacht.fout);
        return;
      }
      const b = await loadBronmap(dir, {log: () => {}});
      try {
        const file = (f: string) => b.quality.files.find((q) => q.file === f);
        for (const [f, rejected] of Object.entries(verwacht.afgewezen ?? {}))
          expect(file(f)?.rejected, f).toEqual(rejected);
        for (const [f, n] of Object.entries(verwacht.opgenomen ?? {}))
          expect(file(f)?.rowsAccepted, f).toBe(n);
        for (const [f, w] of Object.entries(verwacht.waarschuwing ?? {}))
          expect(file(f)?.warnings).toContain(w);
        for (const [code, naam] of Object.entries(verwacht.naam ?? {}))
          expect(areaNaam(b, code)?.naam, code).toBe(naam);
        for (const [code, gm] of Object.entries(verwacht.gemeente ?? {}))
          expect(areaNaam(b, code)?.gemeentecode, code).toBe(gm);
        for (const [sql, value] of Object.entries(verwacht.sql ?? {})) {
          const got = (await b.connection.runAndReadAll(sql)).getRows()[0]?.[0];
          expect(typeof got === "bigint" ? Number(got) : got, sql).toBe(value);
        }
        // Never silent loss: every row read is either accepted or rejected with a reason.
        for (const q of b.quality.files) {
          const rejected = Object.values(q.rejected).reduce((s, n) => s + n, 0);
          expect(q.rowsAccepted + rejected, q.file).toBe(q.rowsRead);
        }
      } finally {
        b.close();
      }
      if (verwacht.pijplijn) {
        // The whole build step: indicators, the publish gate, the page files and the open data.
        const result = await getPipelineResult({
          bronmap: {dir, isDemo: false},
          cacheRoot: join(work, `${name}-pijplijn`),
          gemeentenListPath: null,
          log: () => {}
        });
        expect(result.manifest.cells.published).toBeGreaterThan(0);
        for (const text of verwacht.nietGepubliceerd ?? []) {
          for (const f of files(result.dir))
            expect(readFileSync(f).toString("latin1").toLowerCase(), f).not.toContain(text.toLowerCase());
        }
      }
    },
    60_000
  );
});

describe("check-data CLI", () => {
  const run = (dir: string) => {
    try {
      const out = execFileSync("npx", ["tsx", "scripts/check-data.ts", dir], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"]
      });
      return {code: 0, out, err: ""};
    } catch (e) {
      const x = e as {status: number; stdout: string; stderr: string};
      return {code: x.status, out: x.stdout, err: x.stderr};
    }
  };

  it("prints the data-quality report and exits 0 on a readable bronmap", () => {
    const r = run("test/fixtures/bronmap/basis");
    expect(r.code).toBe(0);
    expect(r.out).toContain("vestigingen.csv: 8 gelezen, 4 opgenomen, 4 afgewezen");
    expect(r.out).toContain("  afgewezen: ongeldige datum: 1");
  });

  it("prints one clear message without a stack trace and exits 1 on a fatal problem", () => {
    const dir = prepare("vestigingen-amerikaanse-datums", {});
    const r = run(dir);
    expect(r.code).toBe(1);
    expect(r.err.trim().split("\n").pop()).toBe(
      'FOUT in de bronmap: vestigingen.csv, regel 2, kolom datum_inschrijving: verwacht een datum (jjjj-mm-dd of dd-mm-jjjj), gevonden "02/31/2020"'
    );
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(existsSync(dir)).toBe(true);
  });
});
