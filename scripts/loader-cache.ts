/**
 * Framework caches loader outputs in `src/.observablehq/cache/` and, during `build`, reuses a
 * cached output even when the loader's input changed (it only looks at the loader file). Our
 * loaders are thin readers of the pipeline result, so their outputs are stale exactly when the
 * pipeline key changes (another bronmap, changed pipeline code). This drops Framework's cached
 * loader outputs then, so a build never mixes data of two bronmappen.
 */
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";

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
