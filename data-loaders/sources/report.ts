/**
 * The data-quality report as readable Dutch text, for `npm run check-data` and build logs.
 */
import {formatUserError} from "../user-error.ts";
import {KERNCIJFER_VARIABELEN} from "./kerncijfer-variabelen.ts";
import type {BronmapError, KerncijferKoppeling, QualityReport} from "./types.ts";

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
    if (f.kerncijfers) {
      const k = f.kerncijfers;
      lines.push(
        `  tabel: ${k.tabel ? `${k.tabel.id} (${k.tabel.titel}, versie ${k.tabel.versie})` : "onbekend"}; betekenis: ${k.beschrijving}`
      );
      for (const v of k.variabelen) lines.push(`  ${formatKoppeling(v)}`);
    }
    for (const [reason, n] of Object.entries(f.rejected))
      lines.push(`  afgewezen: ${reason}: ${nl.format(n)}`);
    for (const w of f.warnings) lines.push(`  let op: ${w}`);
  }
  return lines.join("\n");
}

/**
 * One variable of a kerncijfers file: the CBS key, title and unit it came from and how many
 * values it gave, or why it was not read.
 */
export function formatKoppeling(v: KerncijferKoppeling): string {
  const naam = KERNCIJFER_VARIABELEN[v.variabele].naam;
  const bron = `${v.sleutel} "${v.titel ?? "?"}" (${v.eenheid ?? "eenheid onbekend"})`;
  const waarden = v.waarden === 0 ? "geen waarden" : `${nl.format(v.waarden)} waarden`;
  switch (v.status) {
    case "gelezen":
      return `${naam}: ${bron}; ${waarden}`;
    case "omgerekend":
      return `${naam}: omgerekend uit ${bron} × ${nl.format(v.schaal ?? 1)} / ${v.noemer}; ${waarden}`;
    case "eenheid past niet":
      return `${naam}: ${bron} niet gebruikt: de eenheid past niet en is niet om te rekenen`;
    default:
      return `${naam}: niet in deze tabel`;
  }
}

/** Formats a fatal error for the console: one clear line, no stack trace. */
export function formatFatal(e: BronmapError): string {
  return formatUserError(e);
}
