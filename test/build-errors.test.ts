/**
 * One mechanism for user-facing errors: `npm run build` (its prebuild step) prints exactly the
 * paragraph `check-data` prints for a bad bronmap, with exit code 1 and no stack trace; a `dist/`
 * that cannot be written gets a Dutch message before Framework's English ENOTDIR/EACCES; and an
 * unexpected error says in Dutch that it is a bug in the atlas.
 */
import {spawnSync} from "node:child_process";
import {chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {UserFacingError, formatInternalError, formatUserError} from "../data-loaders/user-error.ts";
import {assertWritableOutput} from "../scripts/output-dir.ts";

const work = mkdtempSync(join(tmpdir(), "build-errors-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));
const TSX = resolve("node_modules/.bin/tsx");

function run(script: string, env: NodeJS.ProcessEnv = {}, cwd = process.cwd()) {
  const r = spawnSync(TSX, [resolve(script), ...(env.ARG ? [env.ARG] : [])], {
    cwd,
    env: {...process.env, ...env},
    encoding: "utf8"
  });
  return {code: r.status, stderr: r.stderr, last: r.stderr.trim().split("\n").pop() ?? ""};
}

describe("user-facing errors in the build", () => {
  it("prints the same paragraph in prebuild as in check-data, exit 1, no stack trace", () => {
    const dir = join(work, "bronmap");
    cpSync("test/fixtures/malformed/_basis", dir, {recursive: true});
    cpSync("test/fixtures/malformed/vestigingen-amerikaanse-datums", dir, {recursive: true});
    const check = run("scripts/check-data.ts", {ARG: dir});
    const build = run("scripts/prebuild.ts", {BRONMAP: dir});
    expect(check.code).toBe(1);
    expect(build.code).toBe(1);
    expect(build.last).toBe(
      'FOUT in de bronmap: vestigingen.csv, regel 2, kolom datum_inschrijving: verwacht een datum (jjjj-mm-dd of dd-mm-jjjj), gevonden "02/31/2020"'
    );
    expect(build.last).toBe(check.last);
    for (const r of [check, build]) expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it("says in Dutch that dist/ is a file, before Framework would fail with ENOTDIR", () => {
    const cwd = mkdtempSync(join(work, "cwd-"));
    writeFileSync(join(cwd, "dist"), "geen map");
    const r = run("scripts/prebuild.ts", {}, cwd);
    expect(r.code).toBe(1);
    expect(r.last).toBe(
      "FOUT bij het bouwen: dist: verwacht een map waarin de site geschreven kan worden, gevonden een bestand waar een map hoort (ENOTDIR). Maak de map schrijfbaar, verwijder wat er in de weg staat of kies een andere plek."
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("says in Dutch that dist/ is read-only", () => {
    const dist = join(work, "alleen-lezen", "dist");
    mkdirSync(dist, {recursive: true});
    chmodSync(dist, 0o555);
    if (process.getuid?.() === 0) {
      // Root may write anywhere: check as an ordinary user (nobody), as a user would build.
      chmodSync(work, 0o755);
      const r = spawnSync(
        process.execPath,
        [
          "--import",
          "tsx",
          "-e",
          `import("${resolve("scripts/output-dir.ts")}").then((m) => { try { m.assertWritableOutput(${JSON.stringify(dist)}); console.log("ok"); } catch (e) { console.log(e.message); } })`
        ],
        {uid: 65534, gid: 65534, encoding: "utf8", cwd: process.cwd()}
      );
      expect(r.stdout.trim()).toMatch(
        /verwacht een map waarin de site geschreven kan worden, gevonden geen schrijfrechten \(EACCES\)/
      );
    } else {
      expect(() => assertWritableOutput(dist)).toThrow(/gevonden geen schrijfrechten \(EACCES\)/);
    }
  });

  it("formats an unexpected error as a bug in the atlas, with its stack", () => {
    const text = formatInternalError(new TypeError("x is undefined"));
    expect(text.split("\n")[0]).toMatch(
      /^INTERNE FOUT in de Ondermijningsatlas: dit is een fout in de software/
    );
    expect(text).toContain("TypeError: x is undefined");
    expect(formatUserError(new UserFacingError("a\n b", "FOUT bij publiceren"))).toBe(
      "FOUT bij publiceren: a b"
    );
  });
});
