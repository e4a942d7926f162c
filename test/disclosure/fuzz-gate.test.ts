/**
 * The gate on 20 random bronmappen (seeds 1-20 of test/disclosure/fuzz/random-bronmap.ts, in
 * its smaller form of at most 12 gemeenten and 6,000 establishments so that `npm test` stays
 * fast; the full run of 200, up to 40 gemeenten, is `npm run fuzz:gate`). For every seed: the gate ends with a published
 * result, the independent auditor (own LP formulation, cross-checked with yalps) finds every
 * unpublished cell protected and no published count between 0 and k, and every key total at or
 * above k is published unless the disclosure report names it as forced and the auditor can show
 * it forced (`forcedTotals`).
 */
import {execFile} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {promisify} from "node:util";
import {describe, expect, it} from "vitest";
import {fuzzSeed, outcomeSummary} from "./fuzz/fuzz-seed.ts";
import {writeRandomBronmap} from "./fuzz/random-bronmap.ts";
import {REGRESSION_SEEDS, bronmapHash} from "./fuzz/regressions.ts";

describe("gate fuzz: 20 random bronmappen", () => {
  const outcomes: Awaited<ReturnType<typeof fuzzSeed>>[] = [];
  for (let seed = 1; seed <= 20; seed++) {
    it(`seed ${seed}`, async () => {
      const r = await fuzzSeed(seed, {small: true});
      outcomes.push(r);
      expect(r.error).toBeNull();
      expect(r.audit!.findings).toEqual([]);
      expect(r.audit!.smallPublished).toEqual([]);
      expect(r.audit!.disagreements).toEqual([]);
      expect(r.totalsUnforced).toEqual([]);
      expect(r.ok).toBe(true);
    }, 300_000);
  }

  it("exercises what the generator promises", () => {
    // Across the 20 seeds: one and many gemeenten, a merged one, suppression, cross-checks.
    const gemeenten = outcomes.map((r) => r.bronmap.gemeenten);
    expect(Math.min(...gemeenten)).toBe(1);
    expect(Math.max(...gemeenten)).toBeGreaterThanOrEqual(8);
    expect(outcomes.some((r) => r.bronmap.merged !== null)).toBe(true);
    expect(outcomes.every((r) => r.audit!.audited > 0)).toBe(true);
    expect(outcomes.reduce((s, r) => s + r.audit!.crossChecked, 0)).toBeGreaterThan(100);
  });
});

describe("gate fuzz: seeds that once failed", () => {
  it("still generate exactly the bronmap that failed (else keep that bronmap as files first)", () => {
    for (const r of REGRESSION_SEEDS) {
      const dir = mkdtempSync(join(tmpdir(), `fuzz-regressie-${r.seed}-`));
      try {
        writeRandomBronmap(dir, r.seed);
        expect(bronmapHash(dir), `seed ${r.seed}`).toBe(r.sha256);
      } finally {
        rmSync(dir, {recursive: true, force: true});
      }
    }
  });

  for (const r of REGRESSION_SEEDS.filter((x) => x.inTest))
    it(`seed ${r.seed} (full size): ${r.what.split(":")[0]}`, async () => {
      const out = await fuzzSeed(r.seed);
      expect(out.error).toBeNull();
      expect(out.audit!.findings).toEqual([]);
      expect(out.ok).toBe(true);
    }, 600_000);
});

describe("gate fuzz: what the hidden parts catch", () => {
  // Seed 4 (small): the gate run without the hidden parts (as before 5 December 2026) publishes
  // a pattern in which the auditor, knowing that every table is a sum of the same parts, finds
  // parts below k exactly determined (e.g. the risk-branch establishments in the buitengebied
  // part of one wijk); with them, nothing. Found with the fuzz run, not made up for the test.
  it("seed 4: without them parts below k are exact, with them every part is protected", async () => {
    const before = await fuzzSeed(4, {small: true, withoutHiddenParts: true});
    const exactParts = before.audit!.findings.filter((f) => f.cell.includes("-delen|") && f.hi - f.lo < 1e-6);
    expect(exactParts.length).toBeGreaterThan(0);
    const after = await fuzzSeed(4, {small: true});
    expect(after.audit!.findings).toEqual([]);
    expect(after.ok).toBe(true);
  }, 300_000);
});

describe("gate fuzz: a gate's outcome depends only on its input", () => {
  // Each gate has a HiGHS instance of its own (`newSolverInstance`). With one instance per process,
  // full-size seed 7 right after seed 10 stopped with "run failed with HiGHS status -1" (round 8),
  // and seed 7 gave 227 or 228 withheld cells depending on the seeds run before it. So seed 7 after
  // seed 10 here must give what seed 7 gives in a fresh process.
  it("seed 7 after seed 10 gives what seed 7 gives in a fresh process", async () => {
    // Asynchronously: a child that blocks this worker for a minute or more (spawnSync) makes
    // vitest's worker RPC time out ("Timeout calling onTaskUpdate"), an unhandled error that fails
    // the run although every test passed (CI, round 8).
    const child = await promisify(execFile)(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `import {fuzzSeed, outcomeSummary} from "./test/disclosure/fuzz/fuzz-seed.ts";
         process.stdout.write(JSON.stringify(outcomeSummary(await fuzzSeed(7))));`
      ],
      {encoding: "utf-8", maxBuffer: 1 << 26}
    );
    const fresh = JSON.parse(child.stdout) as ReturnType<typeof outcomeSummary>;
    expect(fresh.ok).toBe(true);
    expect((await fuzzSeed(10)).ok).toBe(true);
    expect(outcomeSummary(await fuzzSeed(7))).toEqual(fresh);
  }, 600_000);
});
