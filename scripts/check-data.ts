/**
 * `npm run check-data [folder]`: validates a bronmap without building the site. Prints the
 * data-quality report; exits 1 on a fatal problem (one clear message, no stack trace), 0 otherwise.
 * Without a folder it checks `BRONMAP`, or else the (generated) demo region.
 */
import {loadBronmap} from "../data-loaders/sources/bronmap.ts";
import {resolveBronmap} from "../data-loaders/sources/resolve.ts";
import {formatQualityReport} from "../data-loaders/sources/report.ts";
import {runCommand} from "../data-loaders/user-error.ts";

await runCommand(async () => {
  const arg = process.argv.slice(2).find((a) => !a.startsWith("--"));
  const {dir, isDemo} = arg ? {dir: arg, isDemo: false} : await resolveBronmap();
  const loaded = await loadBronmap(dir, {isDemo});
  try {
    process.stdout.write(formatQualityReport(loaded.quality) + "\n");
  } finally {
    loaded.close();
  }
});
