/**
 * The indicator pipeline, run once per build: bronmap -> DuckDB aggregates -> ONE gate run over
 * all tables together (so secondary suppression sees every table, level and year at once) ->
 * the final per-page output files, written by the gate's own serializer into
 * `.cache/pipeline/<key>/`. Loaders in src/data/ only stream those files (`emitPublishedFile`).
 *
 * Why a cache key of our own: Framework's loader cache only watches the loader file itself, so
 * a changed bronmap or changed pipeline code would otherwise be missed. The key hashes every
 * bronmap file (path, size, content), the source of every .ts file under data-loaders/, and
 * package-lock.json. Concurrency: Framework runs loaders in parallel; the first one takes a
 * lock directory (mkdir is atomic), the others wait for the finished manifest. The result is
 * built in a temporary directory and renamed into place, so a reader never sees half a result.
 */
import {createHash} from "node:crypto";
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from "node:fs";
import {dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {
  publishBundle,
  publishMetadata,
  publishReport,
  runGate,
  tableOf,
  encodeOpenData,
  writeOpenDataInWorker,
  writePublishedFile,
  type GateResult,
  type Publishable,
  type PublishedMetadata,
  type PublishedTable
} from "../disclosure/gate.ts";
import {loadBronmap} from "../sources/bronmap.ts";
import {resolveBronmap} from "../sources/resolve.ts";
import type {LoadedBronmap} from "../sources/types.ts";
import {catalogueMetadata} from "./bundles-meta.ts";
import {
  BRIEFING_INDICATOREN,
  BRIEFING_PREFIX,
  briefingDerived,
  briefingPeers,
  briefingTableId,
  OVERZICHT_CODE,
  OVERZICHT_AANTALLEN,
  overzichtAantallen,
  overzichtDerived
} from "./briefing.ts";
import {BUNDLES} from "./bundles.ts";
import {computeRisicobranches, prepareVestigingen} from "./compute-risicobranches.ts";
import {computeRisicolocaties} from "./compute-risicolocaties.ts";
import {computeNoemers, computeWeerbaarheid, prepareSignalen} from "./compute-weerbaarheid.ts";
import {createContext, ms, type GateParts, type PipelineContext} from "./context.ts";
import {levelTopology, type GeoArea} from "./geometry.ts";

/** Bumped when the layout of the cache directory changes. */
export const PIPELINE_VERSION = "1";

const HERE = dirname(fileURLToPath(import.meta.url));
/** Project root (the folder holding package.json). */
export const PROJECT_ROOT = resolve(HERE, "../..");
/** Where results are cached, one folder per key. */
export const PIPELINE_CACHE_ROOT = join(PROJECT_ROOT, ".cache", "pipeline");

/** Manifest of a cached result: what was written, with hashes the loaders verify. */
export interface PipelineManifest {
  schemaVersion: 1;
  key: string;
  isDemo: boolean;
  /** Gemeente codes and names (for dynamicPaths and the briefing pages). */
  gemeenten: {code: string; naam: string}[];
  jaren: number[];
  /** Output file name (as the loader is named, e.g. `risicobranches.json`) -> sha256 and bytes. */
  files: Record<string, {sha256: string; bytes: number}>;
  /** Timings of the run (ms; keys ending in `RssMb`: resident memory in MB after the step). */
  timings: Record<string, number>;
  cells: {total: number; published: number; suppressedPrimary: number; suppressedSecondary: number};
}

/** What `getPipelineResult` returns. */
export interface PipelineResult {
  key: string;
  /** Absolute path of the cached result folder. */
  dir: string;
  manifest: PipelineManifest;
  /** Absolute path of an output file by name; throws naming it when absent. */
  file(name: string): string;
  /** True when this call ran the pipeline, false when it read a cached result. */
  computed: boolean;
}

/** Options of the pipeline (tests point it at fixtures and a temporary cache). */
export interface PipelineOptions {
  /** Bronmap folder; default: `resolveBronmap()` (BRONMAP or the demo region). */
  bronmap?: {dir: string; isDemo: boolean};
  cacheRoot?: string;
  /** Where to write the gemeente list for dynamicPaths; null = do not write. */
  gemeentenListPath?: string | null;
  log?: (msg: string) => void;
}

const stderrLog = (msg: string) => process.stderr.write(`${msg}\n`);

function sha256File(path: string): Promise<string> {
  return new Promise((res, rej) => {
    const h = createHash("sha256");
    createReadStream(path)
      .on("data", (d) => h.update(d))
      .on("end", () => res(h.digest("hex")))
      .on("error", rej);
  });
}

function listFiles(dir: string, filter: (name: string) => boolean = () => true): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && filter(entry.name)) out.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Where `pipelineKey` remembers the content hashes of bronmap files it has read. */
export const HASH_CACHE_PATH = join(PROJECT_ROOT, ".cache", "bron-hashes.json");

interface HashEntry {
  size: number;
  ino: number;
  mtimeNs: string;
  ctimeNs: string;
  sha256: string;
}

/** Options of `pipelineKey`, for tests. */
export interface KeyOptions {
  hashCachePath?: string | null;
  /** Current time in ms (tests move it forward so fresh files count as settled). */
  now?: number;
  /** Called with the path of every file whose content is actually read. */
  onRead?: (path: string) => void;
}

/** Files changed less than this long ago are hashed every time (their stat may not settle yet). */
const RACY_MS = 2000;

function readHashCache(path: string | null): Record<string, HashEntry> {
  if (!path || !existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, "utf-8")) as Record<string, HashEntry>;
  } catch {
    return {}; // a damaged cache only costs a re-hash
  }
}

/**
 * The cache key: sha256 of every bronmap file (relative path, size, content hash), the source of
 * every .ts file under data-loaders/, and package-lock.json.
 *
 * Every loader process asks for the key, and a national bronmap is hundreds of MB: the content
 * hash of a file is remembered in `.cache/bron-hashes.json` against its size, inode, mtime and
 * ctime (in ns), as git's index does. Any write to a file changes its ctime (which, unlike
 * mtime, cannot be set back), so a changed file is always hashed again. A file whose ctime is
 * within two seconds of now is not remembered, so a write in the same clock tick as the hash
 * cannot slip through.
 */
export async function pipelineKey(bronmapDir: string, options: KeyOptions = {}): Promise<string> {
  const cachePath = options.hashCachePath === undefined ? HASH_CACHE_PATH : options.hashCachePath;
  const now = options.now ?? Date.now();
  const known = readHashCache(cachePath);
  const fresh: Record<string, HashEntry> = {};
  let changed = false;
  const h = createHash("sha256").update(`pipeline:${PIPELINE_VERSION}\n`);
  for (const f of listFiles(bronmapDir)) {
    const st = statSync(f, {bigint: true});
    const abs = resolve(f);
    const prev = known[abs];
    let sha: string;
    const same =
      prev &&
      prev.size === Number(st.size) &&
      prev.ino === Number(st.ino) &&
      prev.mtimeNs === String(st.mtimeNs) &&
      prev.ctimeNs === String(st.ctimeNs);
    if (same) sha = prev.sha256;
    else {
      options.onRead?.(f);
      sha = await sha256File(f);
    }
    if (now - Number(st.ctimeMs) > RACY_MS) {
      fresh[abs] = {
        size: Number(st.size),
        ino: Number(st.ino),
        mtimeNs: String(st.mtimeNs),
        ctimeNs: String(st.ctimeNs),
        sha256: sha
      };
      if (!same) changed = true;
    }
    h.update(`bron:${relative(bronmapDir, f)}:${st.size}:${sha}\n`);
  }
  if (cachePath && changed) {
    // Entries of other folders stay unless their file is gone; written to a temporary file and
    // renamed, so loaders running at the same time never read half a file.
    const merged: Record<string, HashEntry> = {};
    for (const [p, e] of Object.entries(known)) if (existsSync(p)) merged[p] = e;
    Object.assign(merged, fresh);
    mkdirSync(dirname(cachePath), {recursive: true});
    const tmp = `${cachePath}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(merged));
    renameSync(tmp, cachePath);
  }
  for (const f of listFiles(join(PROJECT_ROOT, "data-loaders"), (n) => n.endsWith(".ts"))) {
    h.update(`code:${relative(PROJECT_ROOT, f)}:`)
      .update(readFileSync(f))
      .update("\n");
  }
  const lock = join(PROJECT_ROOT, "package-lock.json");
  if (existsSync(lock)) h.update("lock:").update(readFileSync(lock));
  return h.digest("hex").slice(0, 24);
}

function readManifest(dir: string): PipelineManifest | null {
  const p = join(dir, "manifest.json");
  if (!existsSync(p)) return null;
  return JSON.parse(readFileSync(p, "utf-8")) as PipelineManifest;
}

function resultOf(key: string, dir: string, manifest: PipelineManifest, computed: boolean): PipelineResult {
  return {
    key,
    dir,
    manifest,
    computed,
    file(name: string) {
      if (!manifest.files[name])
        throw new Error(`Pijplijn: uitvoerbestand ${name} bestaat niet (key ${key})`);
      return join(dir, name);
    }
  };
}

function sleep(msDelay: number): Promise<void> {
  return new Promise((r) => setTimeout(r, msDelay));
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Returns the pipeline result for the current bronmap and code, computing it when no cached
 * result exists. Safe to call from many loader processes at once: one computes, the rest wait.
 */
export async function getPipelineResult(options: PipelineOptions = {}): Promise<PipelineResult> {
  const log = options.log ?? stderrLog;
  const bron = options.bronmap ?? (await resolveBronmap());
  const root = options.cacheRoot ?? PIPELINE_CACHE_ROOT;
  const key = await pipelineKey(bron.dir);
  const dir = join(root, key);
  const cached = readManifest(dir);
  if (cached) {
    writeGemeentenList(cached, options);
    return resultOf(key, dir, cached, false);
  }
  mkdirSync(root, {recursive: true});
  const lockDir = join(root, `${key}.lock`);
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, "pid"), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const done = readManifest(dir);
      if (done) {
        writeGemeentenList(done, options);
        return resultOf(key, dir, done, false);
      }
      // A lock whose owner died (killed build) must not block the next build forever.
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(lockDir, "pid"), "utf-8"));
      } catch {
        /* the owner has not written its pid yet */
      }
      if (Number.isFinite(owner) && owner > 0 && !pidAlive(owner)) {
        rmSync(lockDir, {recursive: true, force: true});
        continue;
      }
      await sleep(200);
    }
  }
  try {
    const again = readManifest(dir);
    if (again) return resultOf(key, dir, again, false);
    const tmp = join(root, `.tmp-${key}-${process.pid}`);
    rmSync(tmp, {recursive: true, force: true});
    mkdirSync(tmp, {recursive: true});
    const manifest = await computeInto(tmp, key, bron, log);
    renameSync(tmp, dir);
    writeGemeentenList(manifest, options);
    return resultOf(key, dir, manifest, true);
  } finally {
    rmSync(lockDir, {recursive: true, force: true});
  }
}

/** CLI entry for scripts/prebuild.ts and scripts/run-pipeline.ts: runs (or reuses) the pipeline. */
export async function runPipelineOnce(options: PipelineOptions = {}): Promise<PipelineResult> {
  const t0 = performance.now();
  const result = await getPipelineResult({
    gemeentenListPath: join(PROJECT_ROOT, "src", ".observablehq", "gemeenten.json"),
    ...options
  });
  (options.log ?? stderrLog)(
    `pijplijn: ${result.computed ? "berekend" : "uit cache"} (${result.key}) in ${ms(t0)} ms, ${Object.keys(result.manifest.files).length} bestanden`
  );
  return result;
}

/**
 * Writes the gemeente codes for Framework's dynamicPaths to `gemeentenListPath`, and the codes with
 * their (public) names next to it (`<name>-namen.json`) for the site search, which lists every
 * briefing under its gemeente's name (observablehq.config.ts).
 */
function writeGemeentenList(manifest: PipelineManifest, options: PipelineOptions): void {
  const path = options.gemeentenListPath;
  if (!path) return;
  const write = (file: string, text: string) => {
    if (existsSync(file) && readFileSync(file, "utf-8") === text) return;
    mkdirSync(dirname(file), {recursive: true});
    writeFileSync(file, text);
  };
  write(path, JSON.stringify(manifest.gemeenten.map((g) => g.code)));
  write(
    path.replace(/\.json$/, "-namen.json"),
    JSON.stringify(manifest.gemeenten.map((g) => ({code: g.code, naam: g.naam})))
  );
}

/** Computes all gate parts from a loaded bronmap (exported for tests). */
export async function computeParts(ctx: PipelineContext): Promise<GateParts> {
  const parts: GateParts[] = [];
  const time = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await f();
    ctx.log(`indicatoren: ${label} in ${ms(t0)} ms`);
    return r;
  };
  if (ctx.has("vestigingen")) await time("vestigingen voorbereid", () => prepareVestigingen(ctx));
  if (ctx.has("signalen")) await time("signalen voorbereid", () => prepareSignalen(ctx));
  parts.push(await time("noemers", () => computeNoemers(ctx)));
  parts.push(await time("risicobranches", () => computeRisicobranches(ctx)));
  parts.push(await time("risicolocaties", () => computeRisicolocaties(ctx)));
  parts.push(await time("weerbare wijken", () => computeWeerbaarheid(ctx)));
  return {
    tables: parts.flatMap((p) => p.tables),
    derived: parts.flatMap((p) => p.derived),
    links: parts.flatMap((p) => p.links)
  };
}

/** Runs the gate once over all parts. */
export async function runGateOnParts(parts: GateParts): Promise<GateResult> {
  return runGate({tables: parts.tables, derived: parts.derived, links: parts.links, options: {}});
}

async function computeInto(
  out: string,
  key: string,
  bron: {dir: string; isDemo: boolean},
  log: (msg: string) => void
): Promise<PipelineManifest> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (label: string) => {
    timings[label] = ms(t);
    // Memory after each step, so a peak can be traced to its step (readers, gate, files).
    timings[`${label}RssMb`] = Math.round(process.memoryUsage().rss / 2 ** 20);
    t = performance.now();
  };
  log(`pijplijn: bronmap ${bron.isDemo ? "(voorbeeldregio) " : ""}lezen`);
  const bronmap: LoadedBronmap = await loadBronmap(bron.dir, {isDemo: bron.isDemo, log});
  let closed = false;
  const closeOnce = () => {
    if (!closed) bronmap.close();
    closed = true;
  };
  lap("lezen");
  try {
    const ctx = await createContext(bronmap, log);
    const parts = await computeParts(ctx);
    // Everything from here on works on the (small) aggregates and the JS area objects: release
    // DuckDB's record tables before the gate builds its model, to keep the peak memory down.
    closeOnce();
    lap("indicatoren");
    const cellCount = parts.tables.reduce((s, x) => s + x.cells.length, 0);
    log(
      `pijplijn: poort over ${parts.tables.length} tabellen (${cellCount} cellen), ${parts.derived.length} afgeleide tabellen, ${parts.links.length} relaties`
    );
    const peers = briefingPeers(ctx, parts.tables);
    const overzicht = overzichtDerived(ctx, parts.derived);
    parts.derived.push(
      ...briefingDerived(ctx, parts.derived, peers.peers),
      ...overzicht,
      ...overzichtAantallen(overzicht)
    );
    const gate = await runGateOnParts(parts);
    // The true counts are not needed any more (and must not linger): free them before the
    // page files are serialised, which is where the memory peaks.
    parts.tables.length = 0;
    parts.derived.length = 0;
    parts.links.length = 0;
    lap("poort");
    log(
      `pijplijn: poort klaar in ${timings.poort} ms: ${gate.report.totaal.gepubliceerd} gepubliceerd, ${gate.report.totaal.onderdruktPrimair} primair en ${gate.report.totaal.onderdruktSecundair} secundair onderdrukt, audit ${gate.report.audit.geslaagd ? "geslaagd" : "mislukt"}`
    );
    // Open data (every published number except the briefing copies, which repeat values of the
    // catalogue tables) is written by a worker thread while this thread writes the page files.
    const tOpen = performance.now();
    let openDataMs = 0;
    const openData = writeOpenDataInWorker(
      encodeOpenData([...gate.tables.values()].filter((tb) => !tb.id.startsWith(BRIEFING_PREFIX))),
      out
    ).then((r) => {
      openDataMs = ms(tOpen);
      return r;
    });
    // Not awaited until the end: a failure must not go unhandled meanwhile.
    openData.catch(() => {});
    const files: PipelineManifest["files"] = {};
    // The gate's serializer writes each file in pieces (the largest national page file is
    // hundreds of MB; one string of it was the memory peak of the build).
    const write = (name: string, value: Publishable) => {
      const path = join(out, name);
      mkdirSync(dirname(path), {recursive: true});
      files[name] = writePublishedFile(value, path);
    };
    const table = (id: string): PublishedTable | null => (gate.tables.has(id) ? tableOf(gate, id) : null);
    const meta = catalogueMetadata(ctx, bronmap);
    for (const [name, spec] of Object.entries(BUNDLES)) {
      const onderdelen: Record<string, PublishedTable | PublishedMetadata> = {};
      for (const id of spec.tables) {
        const tb = table(id);
        if (tb) onderdelen[id] = tb;
      }
      for (const m of spec.metadata) onderdelen[m] = meta[m]();
      write(name, publishBundle(onderdelen));
    }
    // The audit's wall-clock time would make two builds of the same bronmap differ; it goes to
    // the manifest (for the bench) instead of the published report.
    timings.auditDuurMs = gate.report.audit.duurMs;
    const reportWithoutClock = {...gate.report, audit: {...gate.report.audit, duurMs: 0}};
    write(
      "openbaarmaking.json",
      publishBundle({rapport: publishReport({report: reportWithoutClock}), kwaliteit: meta.kwaliteit()})
    );
    // Briefing per gemeente: its own name and wijken, plus its own cells of the briefing
    // indicators (gate-made copies restricted to the gemeente and the regio; see briefing.ts).
    for (const g of ctx.gebieden.gemeente) {
      const wijken = ctx.gebieden.wijk.filter((w) => w.bovenliggend === g.code);
      const onderdelen: Record<string, PublishedTable | PublishedMetadata> = {
        gemeente: publishMetadata("gebiedsnamen", [
          {code: g.code, naam: g.naam, niveau: "gemeente", bovenliggend: g.bovenliggend},
          ...wijken.map((w) => ({code: w.code, naam: w.naam, niveau: "wijk", bovenliggend: w.bovenliggend}))
        ]),
        // The five most similar gemeenten on public kerncijfers (CBS), the default comparison.
        vergelijkbaar: publishMetadata("tekst", {
          jaar: peers.jaar,
          variabelen: peers.variabelen,
          gemeenten: (peers.peers.get(g.code) ?? []).map((p) => ({
            code: p.code,
            naam: ctx.gebieden.gemeente.find((x) => x.code === p.code)?.naam ?? p.code,
            afstand: Math.round(p.afstand * 1000) / 1000
          }))
        })
      };
      for (const id of BRIEFING_INDICATOREN) {
        const tb = table(briefingTableId(g.code, id));
        if (tb) onderdelen[id] = tb;
      }
      write(`gemeente/${g.code}.json`, publishBundle(onderdelen));
    }
    // The overview: every gemeente and the regio, latest two years (see overzichtDerived).
    {
      const onderdelen: Record<string, PublishedTable | PublishedMetadata> = {};
      for (const id of [...BRIEFING_INDICATOREN, ...OVERZICHT_AANTALLEN.map((a) => a.id)]) {
        const tb = table(briefingTableId(OVERZICHT_CODE, id));
        if (tb) onderdelen[id] = tb;
      }
      write("overzicht.json", publishBundle(onderdelen));
    }
    lap("bundels");
    for (const level of ["gemeente", "wijk", "buurt"] as const) {
      const source =
        level === "gemeente"
          ? bronmap.areas.gemeenten
          : level === "wijk"
            ? bronmap.areas.wijken
            : bronmap.areas.buurten;
      const refs = new Map(ctx.gebieden[level].map((r) => [r.code, r]));
      const areas: GeoArea[] = source
        .map((a) => ({ref: refs.get(a.code)!, geometry: a.geometry}))
        .sort((a, b) => (a.ref.code < b.ref.code ? -1 : 1));
      write(`gebieden-${level}.topojson`, publishMetadata("geometrie", levelTopology(areas, level)));
    }
    lap("geometrie");
    await openData;
    lap("open-data");
    timings.openDataParallelMs = openDataMs;
    timings.piekRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const manifest: PipelineManifest = {
      schemaVersion: 1,
      key,
      isDemo: bron.isDemo,
      gemeenten: ctx.gebieden.gemeente.map((g) => ({code: g.code, naam: g.naam})),
      jaren: ctx.jaren,
      files,
      timings,
      cells: {
        total: gate.report.totaal.cellen,
        published: gate.report.totaal.gepubliceerd,
        suppressedPrimary: gate.report.totaal.onderdruktPrimair,
        suppressedSecondary: gate.report.totaal.onderdruktSecundair
      }
    };
    // The manifest is written last: its presence means the result is complete.
    writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest, null, 1));
    log(
      `pijplijn: klaar (${Object.entries(timings)
        .map(([k, v]) => `${k} ${v} ${k.endsWith("RssMb") ? "MB" : "ms"}`)
        .join(", ")})`
    );
    return manifest;
  } finally {
    closeOnce();
  }
}
