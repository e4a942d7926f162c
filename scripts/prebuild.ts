/**
 * Runs before every build and preview: prepares what Framework needs so the build works
 * offline. Later steps (the pipeline run, the gemeente list for dynamicPaths) hook in here.
 */
import {runPipelineOnce} from "../data-loaders/indicators/pipeline.ts";
import {seedOfflineNpmCache} from "./offline-npm-cache.ts";

const seeded = seedOfflineNpmCache(process.cwd());
if (seeded.length > 0)
  console.error(`prebuild: offline npm-versiecache aangelegd voor ${seeded.length} bibliotheken`);

// The indicator pipeline runs once, before Framework starts its loaders (they then read the
// cached result), and writes the gemeente list that dynamicPaths turns into briefing pages.
await runPipelineOnce();
