/**
 * `npm run check-data [folder]`: validates a bronmap without building the site. Prints the
 * data-quality report; exits 1 on a fatal problem (one clear message, no stack trace), 0 otherwise.
 * Without a folder it checks `BRONMAP`, or else the (generated) demo region.
 */
import {loadBronmap} from "../data-loaders/sources/bronmap.ts";
import {resolveBronmap} from "../data-loaders/sources/resolve.ts";
import {formatFatal, formatQualityReport} from "../data-loaders/sources/report.ts";
import {BronmapError} from "../data-loaders/sources/types.ts";

const arg = process.argv.slice(2).find((a) => !a.startsWith("--"));
try {
  const {dir, isDemo} = arg ? {dir: arg, isDemo: false} : await resolveBronmap();
  const loaded = await loadBronmap(dir, {isDemo});
  try {
    process.stdout.write(formatQualityReport(loaded.quality) + "\n");
  } finally {
    loaded.close();
  }
} catch (e) {
  if (e instanceof BronmapError) {
    process.stderr.write(formatFatal(e) + "\n");
    process.exit(1);
  }
  throw e;
}
