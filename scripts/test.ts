/**
 * `npm test`: every check, in order, with one summary line per runner and a closing line
 * `tests: N passed, N failed` over all of them, preceded by a line `mislukt: <step>: <file> > <test>`
 * for every failed test (CI shows only the end of the output). Steps:
 *   1. typecheck   tsc --noEmit (Framework's build does no type checking)
 *   2. lint        prettier --check and the project's own rules (scripts/lint.ts)
 *   3. unit        vitest (test/**, without build and browser)
 *   4. build       a real build of the demo region with no network (unshare -rn), from an empty
 *                  Framework cache, exactly as an offline workstation does it
 *   5. site        vitest on the built dist/ (test/build: structure, privacy, open data)
 *   6. browser     vitest with Chromium on the built dist/ (test/browser). When Debian's
 *                  Chromium is missing, the step installs it with apt-get if it may (as root),
 *                  and otherwise stops with the one command to run; it never downloads a browser.
 * Set TEST_ONLY=unit,site (comma-separated step names) to run a subset while developing.
 *
 * Every step runs with TMPDIR set to one folder of this run (`atlas-test-*` in the system's temp
 * folder), removed at the end: the tests' temporary bronmaps, caches and builds (about a hundred
 * folders per run) do not pile up on a developer's machine, whether a test cleans up or not.
 */
import {spawnSync} from "node:child_process";
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative} from "node:path";

interface StepResult {
  name: string;
  passed: number;
  failed: number;
  seconds: number;
  summary: string;
}

const only = process.env.TEST_ONLY?.split(",").map((s) => s.trim());
const results: StepResult[] = [];
const failures: string[] = [];
mkdirSync("test-output", {recursive: true});
const runTmp = mkdtempSync(join(tmpdir(), "atlas-test-"));
// Open to every user with the sticky bit, as /tmp is: some tests run a child as another user
// (nobody) to check unreadable files, and that child needs a temporary folder too.
chmodSync(runTmp, 0o1777);
process.env.TMPDIR = runTmp;
process.on("exit", () => rmSync(runTmp, {recursive: true, force: true}));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(130));

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env
): {status: number; output: string} {
  const result = spawnSync(command, args, {
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf-8",
    env,
    maxBuffer: 1 << 30
  });
  process.stdout.write(result.stdout ?? "");
  process.stderr.write(result.stderr ?? "");
  if (result.error) return {status: 1, output: String(result.error)};
  return {status: result.status ?? 1, output: `${result.stdout}\n${result.stderr}`};
}

function step(name: string, body: () => Omit<StepResult, "name" | "seconds">): void {
  if (only && !only.includes(name)) return;
  console.log(`\n=== ${name} ===`);
  const start = performance.now();
  const result = {name, seconds: (performance.now() - start) / 1000, ...body()};
  result.seconds = (performance.now() - start) / 1000;
  results.push(result);
}

function vitest(name: string, args: string[]): Omit<StepResult, "name" | "seconds"> {
  const out = `test-output/${name}.json`;
  rmSync(out, {force: true});
  const {status} = run("npx", [
    "vitest",
    "run",
    ...args,
    "--reporter=default",
    "--reporter=json",
    `--outputFile=${out}`
  ]);
  if (!existsSync(out)) return {passed: 0, failed: 1, summary: `vitest gaf geen resultaat (exit ${status})`};
  const json = JSON.parse(readFileSync(out, "utf-8")) as {
    numPassedTests: number;
    numFailedTests: number;
    testResults: {name: string; assertionResults: {fullName: string; status: string}[]}[];
  };
  // A suite that fails to load, or an unhandled error (vitest exits 1 with every test passed),
  // counts no failed test; count it so it cannot pass silently, and say which it was, because CI
  // shows only the end of the output.
  const failed = json.numFailedTests + (status !== 0 && json.numFailedTests === 0 ? 1 : 0);
  const names = json.testResults.flatMap((file) =>
    file.assertionResults
      .filter((t) => t.status === "failed")
      .map((t) => `${relative(process.cwd(), file.name)} > ${t.fullName}`)
  );
  if (status !== 0 && names.length === 0)
    names.push(
      `vitest eindigde met exit ${status} zonder mislukte test (onafgehandelde fout of suite die niet laadt; zie de uitvoer)`
    );
  failures.push(...names.map((n) => `${name}: ${n}`));
  return {passed: json.numPassedTests, failed, summary: `${json.numPassedTests} passed, ${failed} failed`};
}

step("typecheck", () => {
  const {status, output} = run("npx", ["tsc", "--noEmit", "-p", "."]);
  const errors = (output.match(/error TS\d+/g) ?? []).length;
  return {
    passed: status === 0 ? 1 : 0,
    failed: status === 0 ? 0 : 1,
    summary: status === 0 ? "geen typefouten" : `${errors} typefouten`
  };
});

step("lint", () => {
  const prettier = run("npx", ["prettier", "--check", "."]);
  const lint = run("npx", ["tsx", "scripts/lint.ts"]);
  const failed = (prettier.status === 0 ? 0 : 1) + (lint.status === 0 ? 0 : 1);
  return {
    passed: 2 - failed,
    failed,
    summary: `prettier ${prettier.status === 0 ? "ok" : "afwijkingen"}, projectregels ${lint.status === 0 ? "ok" : "overtreden"}`
  };
});

step("unit", () => vitest("unit", []));

step("build", () => {
  // Start from an empty Framework cache so that stale loader output cannot hide a broken build.
  rmSync("src/.observablehq/cache", {recursive: true, force: true});
  const env = {...process.env};
  delete env.BRONMAP;
  const unshare = run("unshare", ["-rn", "true"]);
  const offline = unshare.status === 0;
  if (!offline) console.error("build: unshare -rn is hier niet beschikbaar; de build draait met netwerk");
  const {status} = offline
    ? run("unshare", ["-rn", "npm", "run", "build"], env)
    : run("npm", ["run", "build"], env);
  return {
    passed: status === 0 ? 1 : 0,
    failed: status === 0 ? 0 : 1,
    summary: `${offline ? "zonder netwerk" : "met netwerk"}: ${status === 0 ? "geslaagd" : "mislukt"}`
  };
});

step("site", () => vitest("site", ["-c", "vitest.e2e.config.ts", "test/build"]));
step("browser", () => {
  const missing = ensureChromium();
  if (missing) return {passed: 0, failed: 1, summary: missing};
  return vitest("browser", ["-c", "vitest.e2e.config.ts", "test/browser"]);
});

/**
 * Makes sure Debian's Chromium is there for the browser tests (a fresh machine lacks it):
 * installs it as root, otherwise returns the message with the command to run.
 */
function ensureChromium(): string | null {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(path)) return null;
  const command = "apt-get update && apt-get install -y chromium";
  if (process.env.CHROMIUM_PATH || process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) {
    const message = `Chromium ontbreekt op ${path}. Installeer het met: sudo apt-get update && sudo apt-get install -y chromium`;
    console.error(message);
    return message;
  }
  console.log(`Chromium ontbreekt; installeren met: ${command}`);
  const update = run("apt-get", ["update"]);
  const install = update.status === 0 ? run("apt-get", ["install", "-y", "chromium"]) : update;
  if (install.status === 0 && existsSync(path)) return null;
  const message = `Chromium installeren mislukte. Installeer het met: ${command}`;
  console.error(message);
  return message;
}

console.log("\n=== samenvatting ===");
for (const r of results)
  console.log(
    `${r.name.padEnd(10)} ${r.failed === 0 ? "ok  " : "FOUT"} ${r.summary} (${r.seconds.toFixed(1)} s)`
  );
const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
for (const f of failures) console.log(`mislukt: ${f}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
const left = readdirSync(runTmp).length;
if (left > 0)
  console.log(`tijdelijke map: ${left} map(pen) en bestand(en) achtergelaten door tests, nu verwijderd`);
process.exit(failed === 0 ? 0 : 1);
