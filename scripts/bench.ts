/**
 * National-scale benchmark of the indicator pipeline (`npm run bench`).
 *
 * 1. Generates the national-size bronmap once (342 gemeenten, ~14,000 buurten, ~2.5 million
 *    establishments over ten years, signals and buildings in proportion) with the demo
 *    generator, cached under .cache/bench/national/.
 * 2. Baseline: a fresh process in which DuckDB alone reads the same input files (every CSV,
 *    JSON and GeoJSON of the bronmap) and does one GROUP BY on vestigingen.csv (the floor any
 *    pipeline on this input has to pay).
 * 3. Pipeline: a fresh process that runs the whole pipeline (readers, indicators, ONE gate run
 *    with secondary suppression and LP audit, page files, geometry, open data) into an empty
 *    cache, so nothing is reused.
 * Each step runs in its own child process, so its wall time and peak RSS
 * (`process.resourceUsage().maxRSS`, which includes DuckDB's native memory) are its own.
 * The last line is machine-readable:
 * `pipeline_s=<s> baseline_s=<s> ratio=<pipeline/baseline> peak_rss_mb=<MB>`.
 */
import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, renameSync, rmSync} from "node:fs";
import {cpus, tmpdir, totalmem} from "node:os";
import {join, resolve} from "node:path";
import {Worker} from "node:worker_threads";
import {fileURLToPath} from "node:url";

const ROOT = resolve(import.meta.dirname, "..");
const BENCH_DIR = join(ROOT, ".cache", "bench");
const NATIONAL = join(BENCH_DIR, "national");
const SELF = fileURLToPath(import.meta.url);

interface ChildReport {
  wallMs: number;
  maxRssKb: number;
  detail?: Record<string, unknown>;
}

/** Runs this file in a fresh Node process in `mode` and returns what it reports on stdout. */
function child(mode: string, ...args: string[]): ChildReport {
  const r = spawnSync(process.execPath, ["--import", "tsx", SELF, "--child", mode, ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf-8",
    maxBuffer: 64 * 1024 * 1024
  });
  if (r.status !== 0) throw new Error(`bench: stap ${mode} mislukt (exit ${r.status})`);
  const line = r.stdout.trim().split("\n").pop() as string;
  return JSON.parse(line) as ChildReport;
}

/**
 * The memory sampler of ATLAS_BENCH_GEHEUGEN. A worker thread reads /proc/self/status every 250 ms
 * (so it keeps sampling while the main thread is busy in synchronous work such as the audit) and
 * logs the process's RSS (anonymous and file-backed) and its high-water mark once a second; the
 * main thread adds its own heap whenever its event loop is free. Linux only (elsewhere: nothing).
 */
function memorySampler(t0: number): {stop: () => void} {
  if (!existsSync("/proc/self/status")) return {stop: () => {}};
  const code = `
    const {readFileSync, writeSync} = require("node:fs");
    const {workerData} = require("node:worker_threads");
    const kb = (s, k) => parseInt((s.split("\\n").find((l) => l.startsWith(k + ":")) || (k + ": 0")).slice(k.length + 1), 10);
    let tick = 0, top = 0, topAt = 0;
    setInterval(() => {
      const s = readFileSync("/proc/self/status", "utf-8");
      const at = (performance.now() + performance.timeOrigin - workerData.origin) / 1000;
      const rss = kb(s, "VmRSS");
      if (rss > top) { top = rss; topAt = at; }
      if (++tick % 4 === 0)
        writeSync(2, "geheugen t=" + at.toFixed(1) + "s rss=" + Math.round(rss / 1024) + " anon=" +
          Math.round(kb(s, "RssAnon") / 1024) + " bestand=" + Math.round(kb(s, "RssFile") / 1024) +
          " hwm=" + Math.round(kb(s, "VmHWM") / 1024) + " (hoogste bemonsterd " + Math.round(top / 1024) +
          " op t=" + topAt.toFixed(1) + "s)\\n");
    }, 250);
  `;
  const worker = new Worker(code, {eval: true, workerData: {origin: performance.timeOrigin + t0}});
  worker.unref();
  const mb = (b: number) => Math.round(b / 2 ** 20);
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    process.stderr.write(
      `geheugen hoofdthread t=${((performance.now() - t0) / 1000).toFixed(1)}s heap=${mb(m.heapUsed)}/${mb(m.heapTotal)} extern=${mb(m.external)} buffers=${mb(m.arrayBuffers)}\n`
    );
  }, 2000);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      void worker.terminate();
    }
  };
}

async function runChild(mode: string, args: string[]): Promise<void> {
  const t0 = performance.now();
  let detail: Record<string, unknown> | undefined;
  if (mode === "generate") {
    const {generateDemoBronmap} = await import("../data-loaders/demo/generate.ts");
    const tmp = `${args[0]}.tmp-${process.pid}`;
    rmSync(tmp, {recursive: true, force: true});
    await generateDemoBronmap(tmp, {scale: "national"});
    renameSync(tmp, args[0]);
  } else if (mode === "baseline") {
    // DuckDB alone reads every input file the pipeline reads (CSV as text, JSON and GeoJSON as
    // documents) and does one GROUP BY, on vestigingen.csv: the floor of any pipeline here.
    const {DuckDBInstance} = await import("@duckdb/node-api");
    const {readdirSync} = await import("node:fs");
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    const q = (p: string) => `'${p.replaceAll("'", "''")}'`;
    const files = (readdirSync(args[0], {recursive: true}) as string[])
      .filter((f) => /\.(csv|json|geojson)$/.test(f) && f !== "demo.json")
      .sort();
    let groepen = 0;
    let rijen = 0;
    for (const f of files) {
      const path = q(join(args[0], f));
      if (f === "vestigingen.csv") {
        const rows = (
          await c.runAndReadAll(
            `SELECT sbi, year(try_cast(datum_inschrijving AS DATE)) AS jaar, count(*) FROM read_csv(${path}, delim = ';', header = true, all_varchar = true) GROUP BY ALL`
          )
        ).getRows();
        groepen = rows.length;
        rijen += rows.reduce((s, r) => s + Number(r[2]), 0);
      } else {
        const reader = f.endsWith(".csv")
          ? `read_csv(${path}, header = true, all_varchar = true)`
          : `read_json(${path}, maximum_object_size = 1073741824)`;
        rijen += Number((await c.runAndReadAll(`SELECT count(*) FROM ${reader}`)).getRows()[0][0]);
      }
    }
    detail = {groepen, bestanden: files.length, rijen};
    c.closeSync();
    db.closeSync();
  } else if (mode === "pipeline") {
    // ATLAS_BENCH_GEHEUGEN=1: samples this process's memory every 250 ms and logs it every
    // second (stderr, next to the pipeline's own step lines), so a peak can be traced to when it
    // happens and to what holds it (JS heap of this thread, or native/worker memory outside it).
    const sampler = process.env.ATLAS_BENCH_GEHEUGEN ? memorySampler(t0) : null;
    const {getPipelineResult} = await import("../data-loaders/indicators/pipeline.ts");
    const {lastTimings} = await import("../data-loaders/disclosure/engine.ts");
    const result = await getPipelineResult({
      bronmap: {dir: args[0], isDemo: true},
      cacheRoot: args[1],
      gemeentenListPath: null
    });
    const bytes = Object.values(result.manifest.files).reduce((s, f) => s + f.bytes, 0);
    detail = {
      stappenMs: result.manifest.timings,
      poortFasenMs: Object.fromEntries(Object.entries(lastTimings).map(([k, v]) => [k, Math.round(v)])),
      cellen: result.manifest.cells,
      bestanden: Object.keys(result.manifest.files).length,
      bytes
    };
    sampler?.stop();
  }
  const report: ChildReport = {
    wallMs: Math.round(performance.now() - t0),
    maxRssKb: process.resourceUsage().maxRSS,
    detail
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

async function main(): Promise<void> {
  const log = (s: string) => process.stderr.write(`${s}\n`);
  log(
    `bench: ${cpus().length} kernen (${cpus()[0]?.model ?? "?"}), ${Math.round(totalmem() / 2 ** 30)} GB geheugen, Node ${process.version}`
  );
  if (!existsSync(join(NATIONAL, "vestigingen.csv"))) {
    log("bench: landelijke bronmap genereren (eenmalig, in .cache/bench/national)");
    const g = child("generate", NATIONAL);
    log(`bench: gegenereerd in ${(g.wallMs / 1000).toFixed(1)} s`);
  }
  log("bench: basislijn (DuckDB leest alle invoerbestanden en doet één GROUP BY)");
  const baseline = child("baseline", NATIONAL);
  log(
    `bench: basislijn ${(baseline.wallMs / 1000).toFixed(2)} s, piek ${Math.round(baseline.maxRssKb / 1024)} MB`
  );
  // ATLAS_BENCH_UITVOER=<map>: the pipeline writes there and the output is kept (to hash it).
  const keep = process.env.ATLAS_BENCH_UITVOER;
  const cacheRoot = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), "bench-pipeline-"));
  try {
    log("bench: pijplijn (lezen, indicatoren, poort met audit, bestanden) in een leeg cachemap");
    const pipeline = child("pipeline", NATIONAL, cacheRoot);
    const d = pipeline.detail ?? {};
    log(`bench: stappen (ms) ${JSON.stringify(d.stappenMs)}`);
    log(`bench: poortfasen (ms) ${JSON.stringify(d.poortFasenMs)}`);
    log(
      `bench: cellen ${JSON.stringify(d.cellen)}; ${String(d.bestanden)} bestanden, ${Math.round(Number(d.bytes) / 2 ** 20)} MB`
    );
    const pipelineS = pipeline.wallMs / 1000;
    const baselineS = baseline.wallMs / 1000;
    console.log(
      `pipeline_s=${pipelineS.toFixed(1)} baseline_s=${baselineS.toFixed(1)} ratio=${(pipelineS / baselineS).toFixed(2)} peak_rss_mb=${Math.round(pipeline.maxRssKb / 1024)}`
    );
  } finally {
    if (!keep) rmSync(cacheRoot, {recursive: true, force: true});
  }
}

const childAt = process.argv.indexOf("--child");
if (childAt >= 0) await runChild(process.argv[childAt + 1], process.argv.slice(childAt + 2));
else await main();
