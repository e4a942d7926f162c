/**
 * Indicator step alone (`npx tsx scripts/bench-indicators.ts [bronmap] [--runs N] [--code DIR]`):
 * reads a bronmap once (default: the national bench bronmap in .cache/bench/national/), then runs
 * the indicator sub-steps N times (default 2) in the same process, each with wall time, CPU time
 * (`process.cpuUsage()`: all threads, DuckDB's included) and RSS after it, and per run two hashes
 * of the gate's whole input (the tables with every cell and contribution, the derived tables with
 * their bases and alternatives, the relations with their terms, plus the briefing and overview
 * derived tables that `computeInto` adds before the gate):
 *
 * - `strikt`: everything in the order the pipeline produced it;
 * - `canoniek`: the same, but the contributions of a magnitude cell sorted (DuckDB returns them
 *   in varying order, on main too).
 *
 * `--zonder-hash` leaves the hashes out (timing runs only). `--bundels N` then times the output
 * files of one gate run over the last run's input, N times (see below; written to a temporary
 * folder that is removed).
 *
 * `--code DIR` runs the modules of another checkout (e.g. `/work/main`) with this script, so that
 * old and new code can be measured in turn under the same load. Nothing else is written.
 */
import {createHash, type Hash} from "node:crypto";
import {join, resolve} from "node:path";
import {pathToFileURL} from "node:url";

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const positional = args.filter((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
const root = resolve(opt("--code") ?? join(import.meta.dirname, ".."));
const dir = resolve(positional[0] ?? join(import.meta.dirname, "..", ".cache", "bench", "national"));
const runs = Number(opt("--runs") ?? 2);
const isDemo = args.includes("--demo");
/** `--profile FILE`: a V8 CPU profile of the last run (JavaScript only) into FILE. */
const profileFile = opt("--profile");

/** `--ab DIR`: runs alternate between DIR's modules (A, first) and those of `--code` (B). */
const abRoot = opt("--ab");

const modulesOf = async (base: string) => {
  const mod = (p: string) => import(pathToFileURL(join(base, "data-loaders", p)).href);
  return {
    root: base,
    createContext: (await mod("indicators/context.ts")).createContext,
    rb: await mod("indicators/compute-risicobranches.ts"),
    rl: await mod("indicators/compute-risicolocaties.ts"),
    wb: await mod("indicators/compute-weerbaarheid.ts"),
    pb: await mod("indicators/compute-publiek.ts"),
    ds: await mod("indicators/compute-doorsneden.ts"),
    br: await mod("indicators/briefing.ts")
  };
};
const {loadBronmap} = await import(pathToFileURL(join(root, "data-loaders", "sources", "bronmap.ts")).href);
const codeB = await modulesOf(root);
const codeA = abRoot ? await modulesOf(resolve(abRoot)) : null;

const sec = (ms: number) => (ms / 1000).toFixed(2);
const rssMb = () => Math.round(process.memoryUsage().rss / 2 ** 20);
const loadavg = async () => (await import("node:os")).loadavg()[0].toFixed(2);

const t0 = performance.now();
const c0 = process.cpuUsage();
const bronmap = await loadBronmap(dir, {isDemo, log: () => {}});
const cr = process.cpuUsage(c0);
console.log(
  `code ${root}\nlezen: ${sec(performance.now() - t0)} s wand, ${sec((cr.user + cr.system) / 1000)} s cpu, rss ${rssMb()} MB`
);

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

// `--sql`: the wall time of every statement (run, runAndReadAll, stream until its first chunk),
// the slowest of the last run listed after it.
const sqlTimes: [number, string][] = [];
if (args.includes("--sql")) {
  const conn = bronmap.connection as Any;
  for (const m of ["run", "runAndReadAll", "stream"]) {
    const orig = conn[m].bind(conn);
    conn[m] = async (sql: string, ...rest: unknown[]) => {
      const w = performance.now();
      const r = await orig(sql, ...rest);
      sqlTimes.push([performance.now() - w, sql.replace(/\s+/g, " ").slice(0, 150)]);
      return r;
    };
  }
}

/** A hash fed in large pieces (one `update` per value token is far too slow for 2 M cells). */
class Feed {
  private buf: string[] = [];
  private len = 0;
  constructor(private readonly h: Hash) {}
  update(s: string): void {
    this.buf.push(s);
    this.len += s.length;
    if (this.len > 1 << 20) this.flush();
  }
  flush(): void {
    this.h.update(this.buf.join(""));
    this.buf = [];
    this.len = 0;
  }
}

/** Sorted keys per object shape (the key list in insertion order). */
const shapes = new Map<string, string[]>();

/** One value in a fixed form: undefined and null differ, objects by sorted key. */
function ser(v: unknown): string {
  if (v === undefined) return "~";
  if (v === null) return "n";
  switch (typeof v) {
    case "number":
      return `#${Object.is(v, -0) ? "-0" : v}`;
    case "string":
      return `s${v.length}:${v}`;
    case "boolean":
      return v ? "T" : "F";
    case "function":
      return `f${v.toString()}`;
  }
  if (Array.isArray(v)) {
    let out = `[${v.length}`;
    for (const x of v) out += ser(x);
    return `${out}]`;
  }
  const o = v as Record<string, unknown>;
  const raw = Object.keys(o);
  const shape = raw.join(",");
  let keys = shapes.get(shape);
  if (!keys) shapes.set(shape, (keys = [...raw].sort()));
  let out = `{${keys.length}`;
  for (const k of keys) out += `${k}=${ser(o[k])}`;
  return `${out}}`;
}

/** The strict and the canonical hash of the gate's input, in one pass. */
function gateInputHashes(parts: Any): {strikt: string; canoniek: string} {
  const hs = createHash("sha256");
  const hc = createHash("sha256");
  const fs = new Feed(hs);
  const fc = new Feed(hc);
  const both = (text: string) => {
    fs.update(text);
    fc.update(text);
  };
  const sorted = (cs: Any[]) =>
    [...cs].sort((a, b) => (a.houder < b.houder ? -1 : a.houder > b.houder ? 1 : a.value - b.value));
  both(`tabellen ${parts.tables.length}\n`);
  for (const t of parts.tables) {
    const {cells, ...rest} = t;
    both(ser(rest));
    both(`cellen ${cells.length}\n`);
    for (const c of cells) {
      if (c.contributions) {
        fs.update(ser(c));
        fc.update(ser({...c, contributions: sorted(c.contributions)}));
      } else both(ser(c));
    }
  }
  both(`afgeleid ${parts.derived.length}\n`);
  for (const d of parts.derived) {
    const {cells, ...rest} = d;
    both(ser(rest));
    both(`cellen ${cells.length}\n`);
    for (const c of cells) both(ser(c));
  }
  both(`relaties ${parts.links.length}\n`);
  for (const r of parts.links) both(ser(r));
  fs.flush();
  fc.flush();
  return {strikt: hs.digest("hex"), canoniek: hc.digest("hex")};
}

/** The last run's gate input and context, for `--bundels`. */
let last: {all: Any; ctx: Any; peers: Any} | null = null;

const {Session} = await import("node:inspector/promises");
const session = profileFile ? new Session() : null;
for (let run = 1; run <= runs; run++) {
  if (session && run === runs) {
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
  }
  const steps: [string, number, number, number][] = [];
  const step = async <T>(label: string, f: () => Promise<T> | T): Promise<T> => {
    const w = performance.now();
    const c = process.cpuUsage();
    const r = await f();
    const cu = process.cpuUsage(c);
    steps.push([label, performance.now() - w, (cu.user + cu.system) / 1000, rssMb()]);
    return r;
  };
  sqlTimes.length = 0;
  const {createContext, rb, rl, wb, pb, ds, br} = codeA && run % 2 === 1 ? codeA : codeB;
  const la = await loadavg();
  const w0 = performance.now();
  const cpu0 = process.cpuUsage();
  const ctx = await step("context", () => createContext(bronmap, () => {}));
  const parts: Any[] = [];
  // As computeParts does: the kerncijfer components started first, on a connection of their own
  // (code without `startKwetsbaarheid` computes them inside weerbare wijken).
  const kwetsbaarheid = wb.startKwetsbaarheid?.(ctx);
  if (ctx.has("vestigingen")) await step("vestigingen voorbereid", () => rb.prepareVestigingen(ctx));
  if (ctx.has("signalen")) await step("signalen voorbereid", () => wb.prepareSignalen(ctx));
  parts.push(await step("noemers", () => wb.computeNoemers(ctx)));
  parts.push(await step("risicobranches", () => rb.computeRisicobranches(ctx)));
  parts.push(await step("risicolocaties", () => rl.computeRisicolocaties(ctx)));
  parts.push(await step("weerbare wijken", () => wb.computeWeerbaarheid(ctx, kwetsbaarheid)));
  parts.push(await step("politiecijfers", () => pb.computeMisdrijven(ctx)));
  parts.push(await step("landelijke referentie", () => pb.computeReferentie(ctx)));
  const tables0 = parts.flatMap((p) => p.tables);
  parts.push(await step("verborgen delen", () => ds.computeDoorsneden(ctx, tables0)));
  const all = {
    tables: parts.flatMap((p) => p.tables),
    derived: parts.flatMap((p) => p.derived),
    links: parts.flatMap((p) => p.links)
  };
  const wall = performance.now() - w0;
  const cu = process.cpuUsage(cpu0);
  if (session && run === runs) {
    const {profile} = await session.post("Profiler.stop");
    (await import("node:fs")).writeFileSync(profileFile!, JSON.stringify(profile));
    session.disconnect();
  }
  // As computeInto does before the gate (not timed: outside the indicator step).
  const peers = br.briefingPeers(ctx, all.tables);
  const overzicht = br.overzichtDerived(ctx, all.derived);
  const briefing = br.briefingDerived(ctx, all.derived, peers.peers);
  all.derived.push(
    ...briefing,
    ...br.briefingTellingen(ctx, briefing),
    ...overzicht,
    ...br.overzichtAantallen(overzicht)
  );
  last = {all, ctx, peers};
  console.log(
    `\nrun ${run}, code ${codeA && run % 2 === 1 ? codeA.root : codeB.root} (load ${la} -> ${await loadavg()})`
  );
  for (const [label, w, c, r] of steps)
    console.log(
      `  ${label.padEnd(24)} wand ${sec(w).padStart(6)} s  cpu ${sec(c).padStart(6)} s  rss ${r} MB`
    );
  console.log(
    `  ${"indicatoren".padEnd(24)} wand ${sec(wall).padStart(6)} s  cpu ${sec((cu.user + cu.system) / 1000).padStart(6)} s`
  );
  if (sqlTimes.length) {
    const total = sqlTimes.reduce((x, [w]) => x + w, 0);
    console.log(`  sql: ${sqlTimes.length} statements, ${sec(total)} s wand; slowest:`);
    for (const [w, q] of [...sqlTimes].sort((a, b) => b[0] - a[0]).slice(0, 15))
      console.log(`    ${sec(w).padStart(6)} s  ${q}`);
  }
  const cellen = all.tables.reduce((s: number, t: Any) => s + t.cells.length, 0);
  console.log(
    `  ${all.tables.length} tabellen, ${cellen} cellen, ${all.derived.length} afgeleid, ${all.links.length} relaties`
  );
  // `--zonder-hash`: timing runs only (the hash takes minutes nationally, on a loaded machine
  // more than the runs themselves); prove the output with a separate run.
  if (args.includes("--zonder-hash")) continue;
  const hashes = gateInputHashes(all);
  console.log(`  hash strikt   ${hashes.strikt}`);
  console.log(`  hash canoniek ${hashes.canoniek}`);
  // `--tabellen`: a strict hash per table, derived table and relation group, to find a difference.
  if (args.includes("--tabellen")) {
    for (const t of all.tables)
      console.log(
        `    tabel ${t.id}: ${gateInputHashes({tables: [t], derived: [], links: []}).strikt.slice(0, 16)}`
      );
    for (const d of all.derived)
      console.log(
        `    afgeleid ${d.id}: ${gateInputHashes({tables: [], derived: [d], links: []}).strikt.slice(0, 16)}`
      );
    const groups = new Map<string, Any[]>();
    for (const r of all.links) {
      const g = String(r.group ?? r.label?.split(" ")[0]);
      groups.set(g, [...(groups.get(g) ?? []), r]);
    }
    for (const [g, list] of groups)
      console.log(
        `    relaties ${g}: ${gateInputHashes({tables: [], derived: [], links: list}).strikt.slice(0, 16)}`
      );
  }
}
// `--bundels N`: the gate once over the last run's input (this checkout's code), then the output
// files of that one gate run written N times into a fresh temporary folder (`writeOutputs`, the
// step after the gate in computeInto): per run wall and CPU time of the page files, the geometry
// and the wait for the open data, the garbage collector's time on this thread (`gc` performance
// entries), and a hash over every file written (the manifest's sha256 per page file plus the two
// open-data files), which must be the same in every run and the same as a whole pipeline's.
const bundelRuns = Number(opt("--bundels") ?? 0);
if (bundelRuns > 0 && last) {
  const {mkdtempSync, readFileSync, rmSync} = await import("node:fs");
  const {tmpdir} = await import("node:os");
  const {PerformanceObserver} = await import("node:perf_hooks");
  const compute = await import(pathToFileURL(join(root, "data-loaders", "indicators", "compute.ts")).href);
  bronmap.close();
  const w = performance.now();
  const gate = await compute.runGateOnParts(last.all);
  last.all.tables.length = 0;
  last.all.derived.length = 0;
  last.all.links.length = 0;
  console.log(`\npoort: ${sec(performance.now() - w)} s wand`);
  let gcMs = 0;
  let gcCount = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs += e.duration;
      gcCount++;
    }
  }).observe({entryTypes: ["gc"]});
  for (let run = 1; run <= bundelRuns; run++) {
    const out = mkdtempSync(join(tmpdir(), "bench-bundels-"));
    const la = await loadavg();
    const laps: [string, number, number][] = [];
    let t = performance.now();
    let cpu = process.cpuUsage();
    const gc0 = gcMs;
    const gcN = gcCount;
    const timings: Record<string, number> = {};
    const lap = (label: string) => {
      const c = process.cpuUsage(cpu);
      laps.push([label, performance.now() - t, (c.user + c.system) / 1000]);
      t = performance.now();
      cpu = process.cpuUsage();
    };
    const {files} = await compute.writeOutputs(out, {
      ctx: last.ctx,
      bronmap,
      bronDir: dir,
      gate,
      peers: last.peers,
      lap,
      timings
    });
    // gc entries arrive asynchronously, after the synchronous writing: the run's total.
    await new Promise((r) => setTimeout(r, 100));
    const h = createHash("sha256");
    for (const name of Object.keys(files).sort()) h.update(`${name} ${files[name].sha256}\n`);
    for (const f of ["cijfers.csv", "cijfers.json"]) h.update(readFileSync(join(out, "open-data", f)));
    console.log(
      `\nbundels run ${run} (load ${la} -> ${await loadavg()}): ${Object.keys(files).length} bestanden, gc op deze thread ${sec(gcMs - gc0)} s in ${gcCount - gcN} keer`
    );
    for (const [label, wall, c] of laps)
      console.log(`  ${label.padEnd(12)} wand ${sec(wall).padStart(6)} s  cpu ${sec(c).padStart(6)} s`);
    console.log(`  hash ${h.digest("hex")}`);
    rmSync(out, {recursive: true, force: true});
  }
} else bronmap.close();
