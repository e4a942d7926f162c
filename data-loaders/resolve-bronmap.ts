/**
 * Which bronmap to build from: `BRONMAP` when set, otherwise the generated demo region, cached in
 * `.cache/demo/<hash>/` so that every loader of a build reads the same files and generation
 * happens once. Generation writes to a temporary folder and renames it into place, so two
 * processes that race (Framework runs loaders in parallel) both end up with a complete folder.
 */
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, renameSync, rmSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {DEFAULT_SEED, GENERATOR_VERSION} from "./demo/version.ts";

/**
 * Root of the demo cache: `.cache/demo` in the repository, found from this file rather than the
 * working directory, because Framework may run loaders from another directory. Overridable for tests.
 */
export const DEMO_CACHE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", ".cache", "demo");

let tmpCounter = 0;

/** Resolves the bronmap folder: `{dir, isDemo}`. */
export async function resolveBronmap(
  options: {cacheRoot?: string; seed?: number} = {}
): Promise<{dir: string; isDemo: boolean}> {
  const env = process.env.BRONMAP;
  if (env && env.trim() !== "") return {dir: resolve(process.cwd(), env), isDemo: false};
  const seed = options.seed ?? DEFAULT_SEED;
  const hash = createHash("sha256").update(`${GENERATOR_VERSION}:${seed}`).digest("hex").slice(0, 12);
  const root = resolve(options.cacheRoot ?? DEMO_CACHE_ROOT);
  const dir = join(root, hash);
  if (existsSync(join(dir, "demo.json"))) return {dir, isDemo: true};
  mkdirSync(root, {recursive: true});
  // Unique per call, also for two calls in one process in the same millisecond.
  const tmp = join(root, `.tmp-${hash}-${process.pid}-${Date.now()}-${tmpCounter++}`);
  try {
    const {generateDemoBronmap} = await import("./demo/generate.ts");
    await generateDemoBronmap(tmp, {seed});
    try {
      renameSync(tmp, dir);
    } catch (e) {
      // Another process won the race: its folder is complete (it was renamed whole), use it.
      if (!existsSync(join(dir, "demo.json"))) throw e;
    }
  } finally {
    rmSync(tmp, {recursive: true, force: true});
  }
  return {dir, isDemo: true};
}
