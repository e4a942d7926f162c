/**
 * Runs before every build and preview: prepares what Framework needs so the build works
 * offline, checks that the site can be written, runs the indicator pipeline, and drops
 * Framework's loader cache when its result changed. Every error a user can act on (a bronmap
 * file, the publish gate, `dist/`) is printed as one Dutch paragraph with exit code 1, exactly
 * as `check-data` prints it; anything else is reported as a bug in the atlas.
 */
import {join} from "node:path";
import {runPipelineOnce} from "../data-loaders/indicators/pipeline.ts";
import {runCommand} from "../data-loaders/user-error.ts";
import {bundleBrowserLibraries} from "./browser-libraries.ts";
import {fillLoaderCache, invalidateLoaderCache} from "./loader-cache.ts";
import {seedOfflineNpmCache} from "./offline-npm-cache.ts";
import {assertWritableOutput} from "./output-dir.ts";
import {writeFileMaps} from "./page-files.ts";

await runCommand(async () => {
  // `npm run dev` serves from memory; only a build writes its output folder.
  if (process.env.npm_lifecycle_event !== "dev") assertWritableOutput(process.env.ATLAS_OUTPUT || "dist");
  const seeded = seedOfflineNpmCache(process.cwd());
  if (seeded.length > 0)
    console.error(`prebuild: offline npm-versiecache aangelegd voor ${seeded.length} bibliotheken`);

  // The indicator pipeline runs once, before Framework starts its loaders (they then read the
  // cached result), and writes the gemeente list that dynamicPaths turns into briefing pages.
  const result = await runPipelineOnce();
  // Framework would otherwise serve loader outputs of an earlier bronmap or pipeline version.
  const cache = join(process.cwd(), "src", ".observablehq", "cache");
  if (invalidateLoaderCache(cache, result.key))
    console.error("prebuild: gecachte loaderuitvoer van Framework verwijderd (nieuwe pijplijnuitkomst)");
  // Every loader's output, verified by the gate, so Framework starts no loader process at all.
  const filled = fillLoaderCache(cache, result);
  if (filled > 0) console.error(`prebuild: ${filled} paginabestanden in Framework's loadercache gezet`);
  // Which parts of the split bundles exist, for the pages (src/lib/generated/).
  writeFileMaps(process.cwd(), result.manifest.delen ?? {});
  // Plot and the d3 modules, tree-shaken and sharing code, where Framework looks for its bundles.
  const libraries = await bundleBrowserLibraries(process.cwd(), cache);
  console.error(`prebuild: ${libraries.length} bibliotheekbestanden gebundeld voor de browser`);
});
