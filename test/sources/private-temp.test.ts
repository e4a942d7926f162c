/**
 * No register data is left behind on disk: the only plain-text copy the readers ever make (a
 * Windows-1252 CSV with characters in 0x80-0x9F, which DuckDB cannot decode) and DuckDB's spill
 * files live in a private folder (0700) that is removed after success, after a failure and after
 * an interruption (SIGINT, SIGTERM). Each case runs `check-data` as a child process with its own
 * empty TMPDIR, and looks at that folder during and after the run.
 */
import {spawn} from "node:child_process";
import {cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {PRIVATE_TEMP_PREFIX} from "../../data-loaders/sources/private-temp.ts";

const work = mkdtempSync(join(tmpdir(), "private-temp-test-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

const HEADER =
  "vestigingsnummer;kvk_nummer;naam;sbi;rechtsvorm;werkzame_personen;datum_inschrijving;datum_uitschrijving;x;y\n";

/** A Windows-1252 vestigingen.csv with `’` (0x92), so the readers must transcode it. */
function win1252Vestigingen(rows: number, date = "2020-01-01"): Buffer {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++)
    lines.push(
      `${String(i).padStart(12, "0")};${String(10000000 + i)};Caf\u00e9 \u2019t Hoekje ${i};5610;Eenmanszaak;1;${date};;${201000 + (i % 8000)};${501000 + (i % 8000)}\n`
    );
  const text = HEADER + lines.join("");
  return Buffer.from([...text].map((ch) => (ch === "\u2019" ? 0x92 : ch.charCodeAt(0))));
}

function bronmap(name: string, vestigingen: Buffer): string {
  const dir = join(work, name);
  cpSync("test/fixtures/malformed/_basis", dir, {recursive: true});
  writeFileSync(join(dir, "vestigingen.csv"), vestigingen);
  return dir;
}

/** Private folders in `tmp` (the child's TMPDIR). */
const privateDirs = (tmp: string) => readdirSync(tmp).filter((e) => e.startsWith(PRIVATE_TEMP_PREFIX));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** Mode of the private folder while it existed (when seen). */
  mode?: number;
  /** Whether the transcoded copy was seen inside it. */
  sawCopy: boolean;
}

/**
 * Runs check-data on `dir` with TMPDIR `tmp`; with `signal`, sends it as soon as the transcoded
 * copy exists in the private folder.
 */
function checkData(dir: string, tmp: string, signal?: NodeJS.Signals): Promise<Run> {
  return new Promise((resolve) => {
    // One node process (no npx or tsx wrapper in between), so the signal reaches the reader.
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/check-data.ts", dir], {
      env: {...process.env, TMPDIR: tmp},
      stdio: ["ignore", "ignore", "pipe"]
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const run: Run = {code: null, signal: null, stderr, sawCopy: false};
    const poll = setInterval(() => {
      for (const d of privateDirs(tmp)) {
        try {
          run.mode ??= statSync(join(tmp, d)).mode & 0o777;
          if (existsSync(join(tmp, d, "utf8.csv"))) {
            run.sawCopy = true;
            if (signal) {
              clearInterval(poll);
              child.kill(signal);
            }
          }
        } catch {
          /* removed meanwhile */
        }
      }
    }, 2);
    child.on("exit", (code, sig) => {
      clearInterval(poll);
      resolve({...run, code, signal: sig, stderr});
    });
  });
}

describe("private temporary folders", () => {
  // Large enough (about 10 MB) that the copy exists long enough to be seen and interrupted.
  const big = win1252Vestigingen(120_000);

  it("holds the transcoded copy in a 0700 folder and removes it after a successful run", async () => {
    const tmp = mkdtempSync(join(work, "tmp-ok-"));
    const r = await checkData(bronmap("ok", big), tmp);
    expect(r.code, r.stderr).toBe(0);
    expect(r.sawCopy).toBe(true);
    expect(r.mode).toBe(0o700);
    expect(readdirSync(tmp).filter((e) => !e.startsWith("tsx-"))).toEqual([]);
  }, 120_000);

  it("removes it after a fatal error in the file", async () => {
    const tmp = mkdtempSync(join(work, "tmp-fout-"));
    // Every date American: a fatal error after the file was read.
    const r = await checkData(bronmap("fout", win1252Vestigingen(2000, "02/31/2020")), tmp);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("FOUT in de bronmap: vestigingen.csv, regel 2, kolom datum_inschrijving");
    expect(readdirSync(tmp).filter((e) => !e.startsWith("tsx-"))).toEqual([]);
  }, 120_000);

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`removes it when the run is interrupted with ${signal}`, async () => {
      const tmp = mkdtempSync(join(work, `tmp-${signal}-`));
      const r = await checkData(bronmap(signal, big), tmp, signal);
      expect(r.sawCopy).toBe(true);
      // The process dies of the signal, as it would without the clean-up handler.
      expect(r.signal).toBe(signal);
      expect(privateDirs(tmp)).toEqual([]);
    }, 120_000);
  }

  it("reads a Windows-1252 file without 0x80-0x9F characters with no copy at all", async () => {
    const tmp = mkdtempSync(join(work, "tmp-latin-"));
    const text =
      HEADER + "000000000001;10000001;Co\u00ebvorden;5610;Eenmanszaak;1;2020-01-01;;201000;501000\n";
    const r = await checkData(bronmap("latin", Buffer.from(text, "latin1")), tmp);
    expect(r.code, r.stderr).toBe(0);
    expect(r.sawCopy).toBe(false);
  }, 120_000);
});
