/**
 * `npm run ophalen -- --gemeente GM1640 --gemeente GM0946 --jaren 2019-2025 --naar ./bronmap`:
 * writes a bronmap from public sources (CBS, PDOK, Politie via CBS, IBIS), ready for
 * `npm run check-data` and `BRONMAP=... npm run build`. Needs an internet connection; the build
 * itself does not. See docs/eigen-data.md ("Openbare data ophalen").
 *
 * Options: --gemeente <code> (repeatable), --provincie <naam of code> (repeatable), --alle,
 * --jaren <2019-2025|2019,2021>, --naar <map> (required), --alleen <bron,...>, --vers,
 * --bronnen <bronnen.json>. Environment: OPHALEN_BASIS_URL replaces every host (tests).
 * Exit codes: 0 done, 1 a source failed, 2 wrong arguments or configuration.
 */
import {parseArgs} from "node:util";
import {ConfigError, loadBronnenConfig} from "../data-loaders/ophalen/config.ts";
import {JOBS, type JobName} from "../data-loaders/ophalen/jobs.ts";
import {parseJaren, runOphalen, UsageError} from "../data-loaders/ophalen/run.ts";

const USAGE = `gebruik: npm run ophalen -- (--gemeente GM1640 [--gemeente ...] | --provincie Limburg | --alle) --jaren 2019-2025 --naar ./bronmap
  [--alleen ${Object.keys(JOBS).join(",")}] [--vers] [--bronnen pad/naar/bronnen.json]`;

try {
  let args;
  try {
    args = parseArgs({
      options: {
        gemeente: {type: "string", multiple: true},
        provincie: {type: "string", multiple: true},
        alle: {type: "boolean"},
        jaren: {type: "string"},
        naar: {type: "string"},
        alleen: {type: "string"},
        vers: {type: "boolean"},
        bronnen: {type: "string"},
        help: {type: "boolean", short: "h"}
      },
      strict: true,
      allowPositionals: false
    }).values;
  } catch (e) {
    throw new UsageError(String((e as Error).message).replace(/^Unknown option/, "onbekende optie"));
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (!args.naar) throw new UsageError("--naar <map> ontbreekt: waar moet de bronmap komen?");
  const alleen = args.alleen?.split(",").map((s) => s.trim()) as JobName[] | undefined;
  for (const a of alleen ?? [])
    if (!(a in JOBS))
      throw new UsageError(`--alleen: onbekende bron "${a}" (bekend: ${Object.keys(JOBS).join(", ")})`);
  const result = await runOphalen({
    gemeenten: args.gemeente,
    provincies: args.provincie,
    alle: args.alle,
    jaren: args.jaren ? parseJaren(args.jaren) : undefined,
    naar: args.naar,
    alleen,
    vers: args.vers,
    bronnen: loadBronnenConfig(args.bronnen ?? process.env.OPHALEN_BRONNEN ?? undefined),
    basisUrl: process.env.OPHALEN_BASIS_URL || undefined
  });
  process.exit(result.exitCode);
} catch (e) {
  if (e instanceof UsageError || e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n${USAGE}\n`);
    process.exit(2);
  }
  throw e;
}
