/**
 * Generates the fictitious demo bronmap: `tsx scripts/generate-demo.ts [outDir] [--national] [--seed=N]`.
 * Without outDir it writes to `.cache/demo-cli/<scale>`. Prints the time it took.
 */
import {resolve} from "node:path";
import {generateDemoBronmap} from "../data-loaders/demo/generate.ts";

const args = process.argv.slice(2);
const national = args.includes("--national");
const seedArg = args.find((a) => a.startsWith("--seed="));
const outDir = resolve(
  args.find((a) => !a.startsWith("--")) ?? `.cache/demo-cli/${national ? "national" : "demo"}`
);
const t0 = performance.now();
await generateDemoBronmap(outDir, {
  scale: national ? "national" : "demo",
  seed: seedArg ? Number(seedArg.slice(7)) : undefined
});
process.stderr.write(
  `demobronmap (${national ? "landelijk" : "demo"}) geschreven naar ${outDir} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`
);
