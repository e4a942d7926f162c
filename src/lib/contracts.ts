/**
 * The published files as the pages read them. The contracts themselves (types and runtime
 * checks, one module per published file) live in src/shared/contracts/, where the publish gate
 * checks every file against them before writing it; this module is the pages' door to them:
 * `assertBundle` checks a loaded file against the contract of its name, so a file a page cannot
 * read fails loudly instead of drawing nonsense: Framework shows the `Leesfout`'s Dutch text in
 * place of every chart that depends on the file.
 */
import {ContractFout} from "../shared/contracts/check.js";
import type {Bundle} from "../shared/contracts/envelope.js";
import {contractVoor} from "../shared/contracts/index.js";
import {topologieVan} from "../shared/contracts/gebieden.js";

export type {
  BekendeEenheid,
  Bundle,
  Cell,
  CellStatus,
  Eenheid,
  GebiedNiveau,
  Metadata,
  MetadataDeel,
  Table
} from "../shared/contracts/envelope.js";
export {isTable, metadataOf, tableOf} from "../shared/contracts/envelope.js";
export {ContractFout} from "../shared/contracts/check.js";
export {topologieVan};

/**
 * Checks a loaded published file against the contract of its name (`risicobranches.json`,
 * `weerbaarheid/GM9001.json`); throws a `Leesfout` (with the `ContractFout`) naming the file, the place and what was
 * expected when it is off.
 */
export function assertBundle(value: unknown, file: string): Bundle {
  try {
    return contractVoor(file).check(value, file) as Bundle;
  } catch (e) {
    if (e instanceof ContractFout) throw new Leesfout(e);
    throw e;
  }
}

/**
 * A loaded file that breaks its contract, in the words a reader sees: Framework shows a failed
 * cell as the error's text (`toString`), and every cell that depends on it (the charts of the
 * file) as its message, in place of the chart.
 */
export class Leesfout extends Error {
  constructor(readonly fout: ContractFout) {
    super(
      `Deze gegevens kunnen niet worden getoond: ${fout.message}. De gepubliceerde bestanden horen bij een andere versie van de atlas; bouw de site opnieuw.`
    );
    this.name = "Leesfout";
  }

  override toString(): string {
    return this.message;
  }
}
