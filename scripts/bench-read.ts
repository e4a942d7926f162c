/**
 * Reading step alone (`npx tsx scripts/bench-read.ts [bronmap] [--hash]`): runs `loadBronmap`
 * on a bronmap (default: the national bench bronmap in .cache/bench/national/) and prints the
 * reader's own per-file phase lines with a clock, then wall time, CPU time (user + system, all
 * threads including DuckDB's) and peak RSS. With `--hash`, also a SHA-256 over every table the
 * readers produced (rows in a fixed order) and over the data-quality report, so a change to the
 * readers can be shown to give the same result.
 */
import {createHash} from "node:crypto";
import {join, resolve} from "node:path";
import {loadBronmap} from "../data-loaders/sources/bronmap.ts";

const args = process.argv.slice(2);
const dir = resolve(
  args.find((a) => !a.startsWith("--")) ?? join(import.meta.dirname, "..", ".cache", "bench", "national")
);
const wantHash = args.includes("--hash");

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const sec = (ms: number) => (ms / 1000).toFixed(1);
const loaded = await loadBronmap(dir, {
  log: (msg) => process.stderr.write(`[${sec(performance.now() - t0)} s] ${msg}\n`)
});
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(`lezen_s=${sec(wallMs)} cpu_s=${sec(cpuMs)} peak_rss_mb=${rssMb}`);

if (wantHash) {
  const c = loaded.connection;
  const tables = [...loaded.tables, "kerncijfers_opgeheven"].sort();
  for (const t of tables) {
    const exists = (
      await c.runAndReadAll(`SELECT count(*) FROM duckdb_tables() WHERE table_name = '${t}'`)
    ).getRows()[0][0];
    if (!Number(exists)) continue;
    // A hash per row (of its text form), summed: independent of row order, not of multiplicity.
    const rows = (
      await c.runAndReadAll(
        `SELECT count(*), sum(hash(x::VARCHAR)::HUGEINT) FROM (SELECT t AS x FROM "${t}" t)`
      )
    ).getRows();
    console.log(`tabel ${t}: ${rows[0][0]} rijen, ${rows[0][1]}`);
  }
  // The row hashes above do not see the order; kerncijfers is stored sorted (kerncijfers.ts).
  const unsorted = (
    await c
      .runAndReadAll(
        `SELECT count(*) FROM kerncijfers a JOIN kerncijfers b ON b.rowid = a.rowid + 1
       WHERE b.jaar < a.jaar OR (b.jaar = a.jaar AND (b.gebiedcode < a.gebiedcode
         OR (b.gebiedcode = a.gebiedcode AND b.variabele <= a.variabele)))`
      )
      .catch(() => null)
  )?.getRows()[0][0];
  if (unsorted != null) console.log(`kerncijfers niet op volgorde: ${unsorted}`);
  const q = JSON.stringify({...loaded.quality, bronmap: "."});
  console.log(`kwaliteit: ${createHash("sha256").update(q).digest("hex")}`);
  const a = JSON.stringify(loaded.areas);
  console.log(`gebieden: ${createHash("sha256").update(a).digest("hex")}`);
}
loaded.close();
