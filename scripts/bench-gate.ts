/**
 * Bench of the publish gate, in three modes:
 *
 * - synthetic (default): about 14,000 buurten (345 gemeenten x 10 wijken x 4 buurten) x 20 branch
 *   groups x 10 years, deterministic synthetic counts, through the whole gate (model, primary and
 *   secondary suppression, LP audit, publishing) and the open-data writer. Usage:
 *   `npx tsx scripts/bench-gate.ts [gemeenten] [--branchetotaal]`; with `--branchetotaal` every
 *   area also gets a branch total (a two-way table areas x branches, as the indicator pipeline
 *   declares it), which makes components larger and the audit harder.
 * - `--bewaar <bronmap> <bestand>`: runs the readers and indicator modules of the pipeline on a
 *   bronmap (e.g. the national one of `npm run bench`, .cache/bench/national) and saves the
 *   gate's input (tables and links, with `v8.serialize`) to a file. Derived declarations carry
 *   functions and are left out: they do not take part in the audit.
 * - `--invoer <bestand> [--debug] [--herhaal n]`: runs only the gate on a saved input and prints
 *   the phase times, CPU time, load, LP counts, component sizes and a hash of the outcome (the
 *   status and value of every published cell, and the withheld hidden parts), so that a change
 *   to the audit can be checked for the same suppression pattern in seconds instead of a
 *   five-minute pipeline. Profile with `node --cpu-prof --import tsx scripts/bench-gate.ts ...`.
 * - `--invoer <bestand> --reuzen [cellen]`: only the giant components of the first audit (at
 *   least 10,000 cells, or the given number), each prepared as the first audit does (model,
 *   primary and secondary suppression, `prepareJob`) and solved one after the other on this
 *   thread with one solver, with per-giant time and LPs and the sum, twice: cold (a fresh thread)
 *   and warm. The giants' LPs without the rest of the gate, the worker and its contention: what
 *   round 10 of docs/performance.md measured.
 */
import {createHash} from "node:crypto";
import {mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {loadavg, tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {deserialize, serialize} from "node:v8";
import {
  components,
  createAuditSolver,
  innerBounds,
  jobSettled,
  lastAuditStats,
  newSolverInstance,
  prepareJob,
  solveJob
} from "../data-loaders/disclosure/audit.ts";
import {lastTimings} from "../data-loaders/disclosure/engine.ts";
import {runGate, writeOpenData, type GateResult} from "../data-loaders/disclosure/gate.ts";
import {isProtected} from "../data-loaders/disclosure/protection.ts";
import {primarySuppression} from "../data-loaders/disclosure/primary.ts";
import {secondarySuppression} from "../data-loaders/disclosure/secondary.ts";
import {buildTableModel} from "../data-loaders/disclosure/table-model.ts";
import {resolveThresholds} from "../data-loaders/disclosure/thresholds.ts";
import {syntheticTable} from "../data-loaders/disclosure/synthetic.ts";
import type {GateInput} from "../data-loaders/disclosure/types.ts";

const args = process.argv.slice(2);
const ms = (x: number) => `${(x / 1000).toFixed(2)} s`;
const valueOf = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

if (args.includes("--bewaar"))
  await save(args[args.indexOf("--bewaar") + 1], args[args.indexOf("--bewaar") + 2]);
else if (valueOf("--invoer")) await fromInput(valueOf("--invoer")!);
else await synthetic();

/** `--bewaar`: readers and indicators on a bronmap, the gate's input saved to a file. */
async function save(bronmap: string | undefined, file: string | undefined): Promise<void> {
  if (!bronmap || !file) throw new Error("gebruik: bench-gate.ts --bewaar <bronmap> <bestand>");
  const {loadBronmap} = await import("../data-loaders/sources/bronmap.ts");
  const {createContext} = await import("../data-loaders/indicators/context.ts");
  const {computeParts} = await import("../data-loaders/indicators/compute.ts");
  const log = (msg: string) => process.stderr.write(`${msg}\n`);
  const t0 = performance.now();
  const loaded = await loadBronmap(bronmap, {isDemo: true, log});
  let parts;
  try {
    const ctx = await createContext(loaded, log);
    parts = await computeParts(ctx);
  } finally {
    loaded.close();
  }
  const input: Pick<GateInput, "tables" | "links"> = {tables: parts.tables, links: parts.links};
  const bytes = serialize(input);
  mkdirSync(dirname(file), {recursive: true});
  writeFileSync(file, bytes);
  const cells = parts.tables.reduce((s, t) => s + t.cells.length, 0);
  console.log(
    `poortinvoer bewaard in ${file}: ${parts.tables.length} tabellen, ${cells} cellen, ${parts.links.length} relaties, ${(bytes.length / 1e6).toFixed(0)} MB (${ms(performance.now() - t0)}; ${parts.derived.length} afgeleide tabellen niet bewaard)`
  );
}

/** A hash of what a gate run publishes: every cell's status and value, and the withheld hidden parts. */
function outcomeHash(result: GateResult): string {
  const h = createHash("sha256");
  for (const [id, table] of [...result.tables].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    h.update(`#${id}\n`);
    for (const c of table.cellen)
      h.update(
        `${c.gebiedcode}|${c.branche ?? ""}|${c.categorie ?? ""}|${c.jaar}|${c.waarde}|${c.status}|${c.reden ?? ""}\n`
      );
  }
  for (const c of result.hiddenWithheld)
    h.update(`verborgen ${c.table}|${c.gebiedcode}|${c.branche ?? ""}|${c.categorie ?? ""}|${c.jaar}\n`);
  const r = result.report;
  h.update(JSON.stringify([r.achtergehouden, r.kerntotalenOnderdrukt]));
  return h.digest("hex").slice(0, 16);
}

/** `--invoer`: only the gate, on a saved input. */
async function fromInput(file: string): Promise<void> {
  const debugOn = args.includes("--debug");
  const repeat = Number(valueOf("--herhaal") ?? 1);
  const tRead = performance.now();
  const input = deserialize(readFileSync(file)) as Pick<GateInput, "tables" | "links">;
  const readMs = performance.now() - tRead;
  const start = performance.now();
  const debug = debugOn
    ? (line: string) =>
        process.stderr.write(`[${((performance.now() - start) / 1000).toFixed(1)} s] ${line}\n`)
    : undefined;
  const cells = input.tables.reduce((s, t) => s + t.cells.length, 0);
  console.log(
    `poortinvoer ${file}: ${input.tables.length} tabellen, ${cells} cellen, ${input.links?.length ?? 0} relaties (gelezen in ${ms(readMs)})`
  );
  if (args.includes("--reuzen")) {
    const min = Number(args[args.indexOf("--reuzen") + 1]);
    await giants(input, Number.isInteger(min) && min > 0 ? min : 10_000);
    return;
  }
  for (let run = 0; run < repeat; run++) {
    const load0 = loadavg()[0];
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await runGate({tables: input.tables, links: input.links, options: {debug}});
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const {report} = result;
    const a = lastAuditStats;
    console.log(
      [
        `run ${run + 1}: poort ${ms(wall)} (cpu ${ms((cpu.user + cpu.system) / 1000)}, belasting ${load0.toFixed(1)} -> ${loadavg()[0].toFixed(1)})`,
        `  model ${ms(lastTimings.model)}, primair+secundair ${ms(lastTimings.primairEnSecundair)}, audit ${ms(lastTimings.audit)}, publiceren ${ms(lastTimings.publiceren)}`,
        `  cellen ${report.totaal.cellen}, primair ${report.totaal.onderdruktPrimair}, secundair ${report.totaal.onderdruktSecundair}, achtergehouden ${report.achtergehouden.reduce((s, x) => s + x.cellen, 0)} (+${result.hiddenWithheld.length} verborgen), kerntotalen verborgen ${report.kerntotalenOnderdrukt.length}`,
        `  audit: componenten ${report.audit.componenten}, LP-oplossingen ${report.audit.lpOplossingen}, herstelrondes ${report.audit.herstelrondes}, vrijgegeven ${report.audit.vrijgegeven}`,
        ...a.lines.map((l) => `  ${l}`),
        `  uitkomst-hash ${outcomeHash(result)}`,
        `  geheugen (rss) ${(process.memoryUsage().rss / 1e9).toFixed(2)} GB`
      ].join("\n")
    );
  }
}

/** `--reuzen`: the giant components of the first audit, solved one by one on this thread. */
async function giants(input: Pick<GateInput, "tables" | "links">, min: number): Promise<void> {
  const t0 = performance.now();
  const model = buildTableModel(input.tables, input.links ?? []);
  const primary = primarySuppression(model, resolveThresholds());
  secondarySuppression(model, primary);
  // The first audit's inner bounds: nothing known yet.
  const inner = innerBounds(model.n);
  const jobs = components(model, primary.status)
    .filter((cells) => cells.length >= min)
    .sort((a, b) => b.length - a.length)
    .map((cells) => prepareJob(model, primary, cells, inner, false))
    .filter((job) => !jobSettled(job));
  console.log(
    `${jobs.length} reuzen van ${min}+ cellen met LP's, voorbereid in ${ms(performance.now() - t0)}`
  );
  const highs = await newSolverInstance();
  const solver = createAuditSolver(highs);
  for (const pass of ["koud", "warm"]) {
    let total = 0;
    let lps = 0;
    for (const job of jobs) {
      const r = solveJob(highs, solver, job);
      let failing = 0;
      for (let j = 0; j < job.cells.length; j++) if (!isProtected(job.needs[j], r.lo[j], r.hi[j])) failing++;
      total += r.ms;
      lps += r.solves;
      console.log(
        `  ${pass}: ${job.cells.length} cellen, ${job.sys.rowLower.length} rijen, ${r.solves} LP's, ${failing} falend, ${Math.round(r.ms)} ms`
      );
    }
    console.log(`${pass}: ${jobs.length} reuzen, ${lps} LP's, ${ms(total)}`);
  }
}

/** The synthetic national-size table (default mode). */
async function synthetic(): Promise<void> {
  const twoWay = args.includes("--branchetotaal");
  const gemeenten = Number(args.find((a) => /^\d+$/.test(a)) ?? 345);

  const t0 = performance.now();
  const table = syntheticTable({
    gemeenten,
    wijkenPerGemeente: 10,
    buurtenPerWijk: 4,
    branches: 20,
    years: 10,
    seed: 42,
    brancheTotaal: twoWay
  });
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await runGate({tables: [table]});
  const t2 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), "bench-gate-"));
  const written = writeOpenData(result, dir);
  const t3 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const {report} = result;

  const lines = [
    `Publicatiepoort, ${gemeenten === 345 ? "landelijke omvang" : `${gemeenten} gemeenten`} (synthetisch, seed 42${twoWay ? ", met branchetotaal" : ""})`,
    `  buurten                 ${gemeenten * 40}`,
    `  cellen in               ${table.cells.length}`,
    `  cellen uit (met rest)   ${report.totaal.cellen}`,
    `  primair onderdrukt      ${report.totaal.onderdruktPrimair}`,
    `  secundair onderdrukt    ${report.totaal.onderdruktSecundair}`,
    `  audit: componenten      ${report.audit.componenten}`,
    `  audit: LP-oplossingen   ${report.audit.lpOplossingen}`,
    `  audit: herstelrondes    ${report.audit.herstelrondes}`,
    `  audit geslaagd          ${report.audit.geslaagd}`,
    `tijden`,
    `  synthetische tabel      ${ms(t1 - t0)} (hoort bij de pijplijn, niet bij de poort)`,
    `  model en relaties       ${ms(lastTimings.model)}`,
    `  primair + secundair     ${ms(lastTimings.primairEnSecundair)}`,
    `  LP-audit                ${ms(lastTimings.audit)}`,
    `  publiceren              ${ms(lastTimings.publiceren)}`,
    `  poort totaal            ${ms(t2 - t1)}`,
    `  open data schrijven     ${ms(t3 - t2)} (${written.rows} rijen, csv ${(statSync(written.csv).size / 1e6).toFixed(0)} MB)`,
    `  poort + open data       ${ms(t3 - t1)}`,
    `  cpu (user + sys)        ${ms((cpu.user + cpu.system) / 1000)}`,
    `  geheugen (rss)          ${(process.memoryUsage().rss / 1e9).toFixed(2)} GB`
  ];
  console.log(lines.join("\n"));
  rmSync(dir, {recursive: true, force: true});
}
