/**
 * Runs before every build and preview: prepares what Framework needs so the build works
 * offline. Later steps (the pipeline run, the gemeente list for dynamicPaths) hook in here.
 */
import {seedOfflineNpmCache} from "./offline-npm-cache.ts";

const seeded = seedOfflineNpmCache(process.cwd());
if (seeded.length > 0)
  console.error(`prebuild: offline npm-versiecache aangelegd voor ${seeded.length} bibliotheken`);
