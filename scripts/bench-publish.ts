/**
 * Bench of the gate's phases around the audit, and of the open-data writer, on a saved national
 * gate run (issue 12): `npx tsx scripts/bench-publish.ts <dump> [--open-data <dir>] [--hash]`.
 *
 * Make the dump once with the pipeline (the file holds true counts: keep it under .cache/):
 *   ATLAS_PUBLICEREN_DUMP=.cache/bench/publiceren.v8 npx tsx scripts/bench.ts --child pipeline \
 *     .cache/bench/national <empty cache folder>
 * The replay builds the model and runs primary and secondary suppression as the gate does (for
 * their timings), then takes the suppression pattern the audit left in the saved run and runs the
 * publishing phase (rounding, published tables, derived values, report) on it, and with
 * `--open-data` writes `open-data/cijfers.csv` and `.json` on this thread. `--hash` prints a
 * sha256 over every published table and the report (without the audit's duration), to prove
 * that a speed-up publishes the same. Prints wall and cpu time per phase. The audit itself is
 * benched by `npm run bench:gate` and `npm run bench`.
 */
import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {publishPhase, type Protection} from "../data-loaders/disclosure/engine.ts";
import {encodeOpenData, writeOpenData} from "../data-loaders/disclosure/open-data.ts";
import {primarySuppression} from "../data-loaders/disclosure/primary.ts";
import {loadGateRun} from "../data-loaders/disclosure/publish-dump.ts";
import {secondarySuppression} from "../data-loaders/disclosure/secondary.ts";
import {buildTableModel} from "../data-loaders/disclosure/table-model.ts";
import {resolveThresholds} from "../data-loaders/disclosure/thresholds.ts";

const args = process.argv.slice(2);
const dump = args.find((a) => !a.startsWith("--"));
if (!dump) {
  console.error("gebruik: npx tsx scripts/bench-publish.ts <dump> [--open-data <map>] [--hash]");
  process.exit(2);
}
const openDataAt = args.indexOf("--open-data");
const openDataDir = openDataAt >= 0 ? args[openDataAt + 1] : null;

const rows: string[] = [];
const phase = <T>(label: string, f: () => T): T => {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = f();
  const c = process.cpuUsage(c0);
  rows.push(
    `  ${label.padEnd(22)} wand ${((performance.now() - t0) / 1000).toFixed(2)} s, cpu ${((c.user + c.system) / 1e6).toFixed(2)} s, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`
  );
  return r;
};

const run = phase("dump lezen", () => loadGateRun(dump));
const {input} = run;
const thresholds = resolveThresholds(input.options?.thresholds);
const model = phase("model", () => buildTableModel(input.tables, input.links ?? []));
phase("primair + secundair", () => secondarySuppression(model, primarySuppression(model, thresholds)));
if (run.primary.status.length !== model.n) throw new Error("de dump past niet bij dit model");
const result = phase("publiceren", () =>
  publishPhase(input, model, run.primary, run.protection as unknown as Protection, thresholds, {})
);
if (openDataDir) {
  const tables = [...result.tables.values()].filter((t) => !t.id.startsWith("briefing-"));
  const columns = phase("open data: kolommen", () => encodeOpenData(tables));
  phase("open data: schrijven", () => writeOpenData(columns, openDataDir));
}
console.log(`publiceren op ${dump}: ${model.n} cellen, ${result.tables.size} tabellen`);
console.log(rows.join("\n"));
if (args.includes("--hash")) {
  const h = createHash("sha256");
  for (const [id, t] of result.tables) h.update(id).update(JSON.stringify(t));
  h.update(JSON.stringify({...result.report, audit: {...result.report.audit, duurMs: 0}}));
  console.log(`  hash poortuitvoer       ${h.digest("hex")}`);
  if (openDataDir)
    for (const f of ["cijfers.csv", "cijfers.json"])
      console.log(
        `  hash ${f.padEnd(18)} ${createHash("sha256")
          .update(readFileSync(join(openDataDir, "open-data", f)))
          .digest("hex")}`
      );
}
