/**
 * The gate's clear stop: when it cannot publish a table safely even with its last resort, the
 * build ends with one Dutch paragraph that names the table, says what was tried and what the
 * user can do. The cause lies in the bronmap's data, so it is a `BronmapError` (a
 * `UserFacingError`, data-loaders/user-error.ts): every command prints it as one line
 * `FOUT in de bronmap: <paragraph>`, without a stack trace.
 */
import {BronmapError} from "../sources/types.ts";

/** The gate could not publish a table safely; `message` is the paragraph for the user. */
export class GateStopError extends BronmapError {
  constructor(
    /** Id of the table that could not be published. */
    readonly table: string,
    paragraph: string
  ) {
    super("publicatiepoort", {expected: "een veilig te publiceren tabel", found: table});
    this.name = "GateStopError";
    this.message = paragraph;
  }
}

/**
 * The paragraph for a table the gate could not protect: which table and cell, what was tried,
 * and what the user can do.
 */
export function stopParagraph(tableId: string, title: string, cell: string, tried: string): string {
  return (
    `De publicatiepoort kan de tabel ‘${title}’ (${tableId}) niet veilig publiceren: de cel ${cell} ` +
    `blijft uit de andere gepubliceerde cijfers te herleiden. Geprobeerd: ${tried}. ` +
    `Wat u kunt doen: controleer of deze tabel in de bronmap klopt (een gebied of jaar met heel ` +
    `weinig records, of een gemeente die in de gebiedsbestanden anders is ingedeeld dan in de ` +
    `records), verhoog zo nodig de drempel voor deze eenheid, of laat het bestand waar de tabel uit ` +
    `komt weg en bouw opnieuw. Er is niets gepubliceerd.`
  );
}
