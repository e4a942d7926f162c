/**
 * Runs before every build and preview: prepares what Framework needs so the build works
 * offline, runs the indicator pipeline, and drops Framework's loader cache when its result changed.
 */
import {join} from "node:path";
import {runPipelineOnce} from "../data-loaders/indicators/pipeline.ts";
import {invalidateLoaderCache} from "./loader-cache.ts";
import {seedOfflineNpmCache} from "./offline-npm-cache.ts";

const seeded = seedOfflineNpmCache(process.cwd());
if (seeded.length > 0)
  console.error(`prebuild: offline npm-versiecache aangelegd voor ${seeded.length} bibliotheken`);

// The indicator pipeline runs once, before Framework starts its loaders (they then read the
// cached result), and writes the gemeente list that dynamicPaths turns into briefing pages.
const result = await runPipelineOnce();
// Framework would otherwise serve loader outputs of an earlier bronmap or pipeline version.
if (invalidateLoaderCache(join(process.cwd(), "src", ".observablehq", "cache"), result.key))
  console.error("prebuild: gecachte loaderuitvoer van Framework verwijderd (nieuwe pijplijnuitkomst)");
