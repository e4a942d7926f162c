/**
 * `npm run check-data [folder]`: validates a bronmap without building the site. Prints the
 * data-quality report; exits 1 on a fatal problem (one clear message, no stack trace), 0 otherwise.
 * Without a folder it checks `BRONMAP`, or else the (generated) demo region.
 */
import {
  KWETSBAARHEID_COMPONENTEN,
  KERNCIJFERS_MAX_JAREN_TERUG
} from "../data-loaders/indicators/catalogue.ts";
import {componentJaren} from "../data-loaders/indicators/kerncijfer-jaren.ts";
import {loadBronmap} from "../data-loaders/sources/bronmap.ts";
import {resolveBronmap} from "../data-loaders/resolve-bronmap.ts";
import {formatQualityReport} from "../data-loaders/sources/report.ts";
import {runCommand} from "../data-loaders/user-error.ts";

await runCommand(async () => {
  const arg = process.argv.slice(2).find((a) => !a.startsWith("--"));
  const {dir, isDemo} = arg ? {dir: arg, isDemo: false} : await resolveBronmap();
  const loaded = await loadBronmap(dir, {isDemo});
  try {
    process.stdout.write(formatQualityReport(loaded.quality) + "\n");
    const kwb = loaded.quality.kerncijfers;
    if (kwb && kwb.jaren.length > 0) process.stdout.write(componentReport(kwb) + "\n");
  } finally {
    loaded.close();
  }
});

/**
 * Which components of the resilience index each kerncijfers year gives, and which are missing
 * and why (the same rule as the build: the latest year with values, at most a few years back).
 */
function componentReport(
  kwb: NonNullable<import("../data-loaders/sources/types.ts").QualityReport["kerncijfers"]>
): string {
  const jaren: number[] = [];
  for (let j = kwb.jaren[0]; j <= kwb.jaren[kwb.jaren.length - 1]; j++) jaren.push(j);
  const rows = componentJaren(KWETSBAARHEID_COMPONENTEN, kwb, jaren);
  const lines = [
    "",
    `Componenten van de kwetsbaarheidsindex per jaar (laatste jaar met cijfers, hoogstens ${KERNCIJFERS_MAX_JAREN_TERUG} jaar terug):`
  ];
  for (const j of jaren) {
    const ditJaar = rows.filter((r) => r.jaar === j);
    const met = ditJaar
      .filter((r) => r.bronjaar !== null)
      .map((r) => (r.bronjaar === j ? r.component : `${r.component} (${r.bronjaar})`));
    const zonder = ditJaar.filter((r) => r.bronjaar === null).map((r) => `${r.component} (${r.reden})`);
    lines.push(
      `  ${j}: ${met.length ? met.join(", ") : "geen"}${zonder.length ? `; ontbreekt: ${zonder.join("; ")}` : ""}`
    );
  }
  for (const w of kwb.indelingswijzigingen) lines.push(`  let op: ${w.tekst}`);
  return lines.join("\n");
}
