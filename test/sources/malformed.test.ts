import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync
} from "node:fs";
import {execFileSync} from "node:child_process";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {describe, expect, it} from "vitest";
import {loadBronmap} from "../../data-loaders/sources/bronmap.ts";
import {BronmapError} from "../../data-loaders/sources/types.ts";

/**
 * The malformed corpus: every folder in test/fixtures/malformed is a bronmap (laid over the
 * shared `_basis` areas unless `zonderBasis`) with a `verwacht.json` that states the exact fatal
 * message (`fout`), or the exact rejection counts (`afgewezen`), accepted rows (`opgenomen`) and
 * warnings (`waarschuwing`) per file.
 */
interface Verwacht {
  zonderBasis?: boolean;
  map?: string;
  fout?: string;
  afgewezen?: Record<string, Record<string, number>>;
  opgenomen?: Record<string, number>;
  waarschuwing?: Record<string, string>;
  /** Area names that must survive reading, by code. */
  naam?: Record<string, string>;
  /**
   * Files the test makes of this size (bytes) as sparse files, full of zero bytes but taking no
   * disk space: inputs too large to commit (a reader must refuse them by their size).
   */
  groot?: Record<string, number>;
}

const ROOT = "test/fixtures/malformed";
const cases = readdirSync(ROOT)
  .filter((d) => !d.startsWith("_"))
  .sort()
  .map((name) => ({
    name,
    verwacht: JSON.parse(readFileSync(join(ROOT, name, "verwacht.json"), "utf8")) as Verwacht
  }));

function prepare(name: string, v: Verwacht): string {
  const dir = mkdtempSync(join(tmpdir(), `malformed-${name}-`));
  if (!v.zonderBasis) cpSync(join(ROOT, "_basis"), dir, {recursive: true});
  cpSync(join(ROOT, name), dir, {recursive: true});
  rmSync(join(dir, "verwacht.json"));
  for (const [file, size] of Object.entries(v.groot ?? {})) {
    mkdirSync(dirname(join(dir, file)), {recursive: true});
    writeFileSync(join(dir, file), "");
    truncateSync(join(dir, file), size);
  }
  return dir;
}

describe("malformed corpus", () => {
  it("has at least 30 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)("$name", async ({name, verwacht}) => {
    const dir = verwacht.map ?? prepare(name, verwacht);
    if (verwacht.fout) {
      const error = await loadBronmap(dir, {log: () => {}}).then(
        (b) => {
          b.close();
          return null;
        },
        (e: unknown) => e
      );
      if (verwacht.groot) rmSync(dir, {recursive: true, force: true});
      expect(error).toBeInstanceOf(BronmapError);
      expect((error as Error).message).toBe(verwacht.fout);
      return;
    }
    const b = await loadBronmap(dir, {log: () => {}});
    try {
      const file = (f: string) => b.quality.files.find((q) => q.file === f);
      for (const [f, rejected] of Object.entries(verwacht.afgewezen ?? {}))
        expect(file(f)?.rejected, f).toEqual(rejected);
      for (const [f, n] of Object.entries(verwacht.opgenomen ?? {})) expect(file(f)?.rowsAccepted, f).toBe(n);
      for (const [f, w] of Object.entries(verwacht.waarschuwing ?? {}))
        expect(file(f)?.warnings).toContain(w);
      // Never silent loss: every row read is either accepted or rejected with a reason.
      for (const q of b.quality.files) {
        const rejected = Object.values(q.rejected).reduce((s, n) => s + n, 0);
        expect(q.rowsAccepted + rejected, q.file).toBe(q.rowsRead);
      }
    } finally {
      b.close();
    }
  });
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
