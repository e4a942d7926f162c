/**
 * Exposure scan of the built site against the bronmap it was built from (privacy.md, "Proof in
 * every build"). Exits 1 and lists the findings (values masked) when anything identifying is
 * found. Usage: `npx tsx scripts/exposure-scan.ts [dist]`; the bronmap is resolved as the build
 * does (BRONMAP, or the cached demo region).
 */
import {existsSync} from "node:fs";
import {resolve} from "node:path";
import {collectNeedles, describeFindings, scanDirectory} from "../data-loaders/disclosure/exposure-scan.ts";
import {loadBronmap} from "../data-loaders/sources/bronmap.ts";
import {resolveBronmap} from "../data-loaders/resolve-bronmap.ts";

const dist = resolve(process.argv[2] ?? "dist");
if (!existsSync(dist)) {
  console.error(`Geen gebouwde site in ${dist}: bouw eerst (npm run build).`);
  process.exit(2);
}
const t0 = performance.now();
const {dir, isDemo} = await resolveBronmap();
const bronmap = await loadBronmap(dir, {isDemo, log: () => {}});
try {
  const needles = await collectNeedles(bronmap);
  const findings = scanDirectory(dist, needles);
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  if (findings.length > 0) {
    console.error(
      `Blootstellingsscan: ${findings.length} vondst(en) in ${dist}:\n${describeFindings(findings.slice(0, 50))}`
    );
    process.exitCode = 1;
  } else {
    console.log(
      `Blootstellingsscan: schoon (${needles.strings.length} waarden en ${needles.points.length} punten uit ${dir} gezocht in ${dist}, ${seconds} s)`
    );
  }
} finally {
  bronmap.close();
}
