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
import {invalidateLoaderCache} from "./loader-cache.ts";
import {seedOfflineNpmCache} from "./offline-npm-cache.ts";
import {assertWritableOutput} from "./output-dir.ts";

await runCommand(async () => {
  // `npm run dev` serves from memory; only a build writes dist/.
  if (process.env.npm_lifecycle_event !== "dev") assertWritableOutput("dist");
  const seeded = seedOfflineNpmCache(process.cwd());
  if (seeded.length > 0)
    console.error(`prebuild: offline npm-versiecache aangelegd voor ${seeded.length} bibliotheken`);

  // The indicator pipeline runs once, before Framework starts its loaders (they then read the
  // cached result), and writes the gemeente list that dynamicPaths turns into briefing pages.
  const result = await runPipelineOnce();
  // Framework would otherwise serve loader outputs of an earlier bronmap or pipeline version.
  if (invalidateLoaderCache(join(process.cwd(), "src", ".observablehq", "cache"), result.key))
    console.error("prebuild: gecachte loaderuitvoer van Framework verwijderd (nieuwe pijplijnuitkomst)");
});
