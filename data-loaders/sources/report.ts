/**
 * The data-quality report as readable Dutch text, for `npm run check-data` and build logs.
 */
import {formatUserError} from "../user-error.ts";
import type {BronmapError, QualityReport} from "./types.ts";

const nl = new Intl.NumberFormat("nl-NL");

/** Formats a quality report as plain text lines (Dutch). */
export function formatQualityReport(q: QualityReport): string {
  const lines: string[] = [];
  lines.push(`Datakwaliteit van bronmap ${q.bronmap}${q.isDemo ? " (fictieve demoregio)" : ""}`);
  if (q.years) lines.push(`Jaren met gegevens: ${q.years.first}-${q.years.last}`);
  lines.push("");
  for (const f of q.files) {
    const rejected = Object.values(f.rejected).reduce((a, b) => a + b, 0);
    lines.push(
      `${f.file}: ${nl.format(f.rowsRead)} gelezen, ${nl.format(f.rowsAccepted)} opgenomen, ${nl.format(rejected)} afgewezen`
    );
    if (f.detected && Object.keys(f.detected).length) {
      lines.push(
        `  herkend: ${Object.entries(f.detected)
          .map(([k, v]) => `${k} ${v}`)
          .join("; ")}`
      );
    }
    for (const [reason, n] of Object.entries(f.rejected))
      lines.push(`  afgewezen: ${reason}: ${nl.format(n)}`);
    for (const w of f.warnings) lines.push(`  let op: ${w}`);
  }
  if (q.sbi)
    lines.push(
      "",
      `SBI-codes: ${nl.format(q.sbi.metSbi2008)} vestigingen met een SBI 2008-code (waarvan ${nl.format(q.sbi.beide)} ook met een SBI 2025-code), ${nl.format(q.sbi.alleenSbi2025)} alleen met een SBI 2025-code`
    );
  return lines.join("\n");
}

/** Formats a fatal error for the console: one clear line, no stack trace. */
export function formatFatal(e: BronmapError): string {
  return formatUserError(e);
}
