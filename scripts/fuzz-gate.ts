/**
 * `npm run fuzz:gate [seeds] [first]`: the publish gate on many random bronmappen
 * (test/disclosure/fuzz/random-bronmap.ts), each checked by the independent auditor; 200 seeds
 * by default, from seed 1, plus the seeds that once failed (test/disclosure/fuzz/regressions.ts)
 * when they lie outside that range. One line per seed on stderr, then one summary line on stdout:
 *
 *   seeds=<n> failed=<n> totals_hidden=<n> totals_hidden_unforced=<n> totals_forced=<n> secondary_share=<mean> withheld=<cells>
 *
 * `failed`: seeds where the gate stopped, the auditor found an unprotected cell or a published
 * count below k, or a key total at or above k was hidden without the report naming why or
 * without the auditor showing it forced.
 * `totals_hidden`: key totals (regio and gemeente totals of all establishments and signals) at
 * or above k that are not published; `totals_hidden_unforced`: those the independent auditor
 * could not show forced (publishing one would determine a count below k exactly, whatever else
 * were suppressed; `forcedTotals` in independent-audit.ts); `totals_forced`: those the report
 * names as forced (a key total below k that only other key totals pin). An unforced total fails
 * its seed. `secondary_share`: the mean share of publishable
 * cells suppressed beyond primary suppression. Exit code 1 when a seed failed.
 */
import {fuzzSeed} from "../test/disclosure/fuzz/fuzz-seed.ts";
import {REGRESSION_SEEDS} from "../test/disclosure/fuzz/regressions.ts";

const [count = 200, first = 1] = process.argv.slice(2).map(Number);
let failed = 0;
let hidden = 0;
let unforced = 0;
let forced = 0;
let share = 0;
let withheld = 0;
const failedSeeds: number[] = [];
const t0 = performance.now();
// Seeds that once failed run first, whatever the range (they are regression fixtures).
const seeds = [
  ...REGRESSION_SEEDS.map((r) => r.seed).filter((s) => s < first || s >= first + count),
  ...Array.from({length: count}, (_, i) => first + i)
];
for (const seed of seeds) {
  const t = performance.now();
  const r = await fuzzSeed(seed);
  hidden += r.totalsHidden.length;
  unforced += r.totalsUnforced.length;
  forced += r.totalsForced;
  share += r.secondaryShare;
  withheld += r.withheld;
  if (!r.ok) {
    failed++;
    failedSeeds.push(seed);
  }
  const b = r.bronmap;
  process.stderr.write(
    `seed ${seed}: ${r.ok ? "ok" : "MISLUKT"} (${b.gemeenten} gemeenten, ${b.vestigingen} vestigingen, ${b.signalen} signalen, ${r.cells} cellen; poort ${(r.gateMs / 1000).toFixed(1)} s, ${r.repairRounds} herstelronde(s), ${(r.secondaryShare * 100).toFixed(1)}% extra onderdrukt, ${r.withheld} achtergehouden, ${r.totalsHidden.length} totalen verborgen; ${((performance.now() - t) / 1000).toFixed(1)} s)\n` +
      (r.error ? `  poort: ${r.error}\n` : "") +
      (r.audit?.findings ?? [])
        .slice(0, 5)
        .map((f) => `  audit: ${f.cell} = ${f.value} in [${f.lo}, ${f.hi}]: ${f.why}\n`)
        .join("") +
      (r.audit?.smallPublished ?? [])
        .slice(0, 5)
        .map((c) => `  gepubliceerd onder k: ${c}\n`)
        .join("") +
      r.totalsUnforced
        .slice(0, 5)
        .map((t) => `  totaal verborgen zonder dat het moest: ${t}\n`)
        .join("") +
      (r.audit?.disagreements ?? [])
        .slice(0, 5)
        .map((d) => `  yalps en HiGHS verschillen: ${d}\n`)
        .join("")
  );
}
process.stderr.write(
  `fuzz:gate klaar in ${((performance.now() - t0) / 1000).toFixed(0)} s${failedSeeds.length ? `; mislukt: ${failedSeeds.join(", ")}` : ""}\n`
);
console.log(
  `seeds=${seeds.length} failed=${failed} totals_hidden=${hidden} totals_hidden_unforced=${unforced} totals_forced=${forced} secondary_share=${(share / seeds.length).toFixed(4)} withheld=${withheld}`
);
if (failed > 0) process.exitCode = 1;
