/**
 * Runs the indicator pipeline once (or reuses its cached result) and prints where the result
 * is. `scripts/prebuild.ts` calls `runPipelineOnce()` the same way, so that the data loaders of
 * the build only read. Usage: `npx tsx scripts/run-pipeline.ts` (BRONMAP=... for own data).
 */
import {runPipelineOnce} from "../data-loaders/indicators/pipeline.ts";
import {runCommand} from "../data-loaders/user-error.ts";

await runCommand(async () => {
  const result = await runPipelineOnce();
  console.log(
    JSON.stringify({
      key: result.key,
      dir: result.dir,
      computed: result.computed,
      timings: result.manifest.timings,
      cells: result.manifest.cells
    })
  );
});
