/**
 * Bench of the publish gate at national size: about 14,000 buurten (345 gemeenten x 10 wijken x
 * 4 buurten) x 20 branch groups x 10 years, deterministic synthetic counts, through the whole
 * gate (model, primary and secondary suppression, LP audit, publishing) and the open-data writer.
 * Prints the figures per phase. Usage: `npx tsx scripts/bench-gate.ts [gemeenten] [--branchetotaal]`;
 * with `--branchetotaal` every area also gets a branch total (a two-way table areas x branches,
 * as the indicator pipeline declares it), which makes components larger and the audit harder.
 */
import {mkdtempSync, rmSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {lastTimings} from "../data-loaders/disclosure/engine.ts";
import {runGate, writeOpenData} from "../data-loaders/disclosure/gate.ts";
import {syntheticTable} from "../data-loaders/disclosure/synthetic.ts";

const args = process.argv.slice(2);
const twoWay = args.includes("--branchetotaal");
const gemeenten = Number(args.find((a) => /^\d+$/.test(a)) ?? 345);
const ms = (x: number) => `${(x / 1000).toFixed(2)} s`;

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
