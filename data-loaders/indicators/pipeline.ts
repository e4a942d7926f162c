/**
 * The indicator pipeline, run once per build: bronmap -> DuckDB aggregates -> ONE gate run over
 * all tables together (so secondary suppression sees every table, level and year at once) ->
 * the final per-page output files, written by the gate's own serializer into
 * `.cache/pipeline/<key>/`. Loaders in src/data/ only stream those files (`emitPublishedFile`).
 *
 * Why a cache key of our own: Framework's loader cache only watches the loader file itself, so
 * a changed bronmap or changed pipeline code would otherwise be missed. The key hashes every
 * bronmap file (path, size, content), the source of every .ts and .json file under data-loaders/, and
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
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from "node:fs";
import {dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {resolveBronmap} from "../resolve-bronmap.ts";
import type {PipelineManifest} from "./manifest.ts";
export type {PipelineManifest} from "./manifest.ts";

/** Milliseconds since `t0`, rounded (as `ms` in context.ts, which loaders should not load). */
const ms = (t0: number): number => Math.round(performance.now() - t0);

/** Bumped when the layout of the cache directory changes. */
export const PIPELINE_VERSION = "2";

const HERE = dirname(fileURLToPath(import.meta.url));
/** Project root (the folder holding package.json). */
export const PROJECT_ROOT = resolve(HERE, "../..");
/** Where results are cached, one folder per key. */
export const PIPELINE_CACHE_ROOT = join(PROJECT_ROOT, ".cache", "pipeline");

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

/**
 * Every file under `dir`, sorted, following symbolic links to files and folders (a bronmap often
 * links to a register on a shared disk: its content must count, not the link). A folder reached
 * twice through links (a cycle) is walked once; a broken link is listed, so that the key changes
 * when it is repaired.
 */
export function listFiles(dir: string, filter: (name: string) => boolean = () => true): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (d: string) => {
    let real: string;
    try {
      real = realpathSync(d);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    for (const entry of readdirSync(d, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = statSync(p);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          isFile = true; // broken: listed as a file whose content is missing
        }
      }
      if (isDir) walk(p);
      else if (isFile && filter(entry.name)) out.push(p);
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
 * The cache key: sha256 of every bronmap file (relative path, size, content hash; through
 * symbolic links, the target's), the source of every .ts and .json file under data-loaders/,
 * and package-lock.json.
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
    // statSync follows links: size, inode and times are the target's.
    let st;
    try {
      st = statSync(f, {bigint: true});
    } catch {
      h.update(`bron:${relative(bronmapDir, f)}:ontbreekt\n`);
      continue;
    }
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
  // Code and the data files beside it (the CBS table descriptions, the list of mergers), and the
  // code the pipeline shares with the browser (src/shared: the peer gemeenten of a briefing).
  for (const f of [
    ...listFiles(join(PROJECT_ROOT, "data-loaders"), (n) => n.endsWith(".ts") || n.endsWith(".json")),
    ...listFiles(join(PROJECT_ROOT, "src", "shared"), (n) => n.endsWith(".ts"))
  ]) {
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
    // The computing modules (DuckDB, the gate, apache-arrow) load only here: a loader that finds
    // the cached result imports nothing but Node built-ins.
    const {computeInto} = await import("./compute.ts");
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
