/**
 * Framework caches loader outputs in `src/.observablehq/cache/` and, during `build`, reuses a
 * cached output even when the loader's input changed (it only looks at the loader file). Our
 * loaders are thin readers of the pipeline result, so their outputs are stale exactly when the
 * pipeline key changes (another bronmap, changed pipeline code). This drops Framework's cached
 * loader outputs then, so a build never mixes data of two bronmappen.
 */
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync
} from "node:fs";
import {dirname, join} from "node:path";
import {emitCached} from "../data-loaders/disclosure/emit-cached.ts";

/** The file in Framework's cache folder that remembers which pipeline result it was built from. */
export const KEY_FILE = ".pijplijn-sleutel";

/** The loader output folders of `src/data/` in Framework's cache. */
const LOADER_OUTPUTS = ["data"];

/**
 * Removes cached loader outputs when `key` differs from the one recorded in `cacheDir`, then
 * records `key`. Returns true when something was invalidated.
 */
export function invalidateLoaderCache(cacheDir: string, key: string): boolean {
  const keyFile = join(cacheDir, KEY_FILE);
  const previous = existsSync(keyFile) ? readFileSync(keyFile, "utf-8").trim() : null;
  if (previous === key) return false;
  let removed = false;
  for (const dir of LOADER_OUTPUTS) {
    const path = join(cacheDir, dir);
    if (existsSync(path)) {
      rmSync(path, {recursive: true, force: true});
      removed = true;
    }
  }
  mkdirSync(cacheDir, {recursive: true});
  writeFileSync(keyFile, `${key}\n`);
  return removed;
}

/** What `fillLoaderCache` needs of a pipeline result. */
export interface CachedResult {
  manifest: {files: Record<string, {sha256: string}>};
  file(name: string): string;
}

/**
 * Puts every page file of a pipeline result into Framework's loader cache
 * (`<cacheDir>/data/<name>`), as its loader would after the gate's `emitCached` check (the
 * sha256 the pipeline recorded and the gate's envelope): a hard link to the checked file. Framework then finds a
 * fresh output for every loader and starts none: a national build has over a thousand page
 * files (a briefing per gemeente, the parts per block, year and gemeente), and one process per
 * loader cost ~0.25 s each. Files already there (same key, earlier run) are kept. Returns the
 * number of files written.
 */
export function fillLoaderCache(cacheDir: string, result: CachedResult): number {
  let written = 0;
  for (const [name, expected] of Object.entries(result.manifest.files)) {
    const target = join(cacheDir, "data", name);
    if (existsSync(target)) continue;
    mkdirSync(dirname(target), {recursive: true});
    // The gate's check of exactly the bytes the pipeline recorded; it writes nothing itself.
    const source = result.file(name);
    emitCached(source, expected, {write: () => true});
    // The same file, linked (a national build has over a gigabyte of page files; the pipeline's
    // result never changes after its manifest is written); a copy where no link can be made.
    const tmp = `${target}.${process.pid}.tmp`;
    try {
      linkSync(source, tmp);
    } catch {
      copyFileSync(source, tmp);
    }
    renameSync(tmp, target);
    written++;
  }
  return written;
}
