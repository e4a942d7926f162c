/**
 * The published files as the pages read them. The contracts themselves (types and runtime
 * checks, one module per published file) live in src/shared/contracts/, where the publish gate
 * checks every file against them before writing it; this module is the pages' door to them:
 * `assertBundle` checks a loaded file against its contract, so a file a page cannot read fails
 * loudly instead of drawing nonsense: Framework shows the `Leesfout`'s Dutch text in place of
 * every chart that depends on the file.
 *
 * A page imports the contract modules of the files it reads itself (`shared/contracts/trends.js`)
 * and passes the contract: the index of every contract (`contractVoor`) is the gate's, so a page
 * does not load the contracts of files it never reads (each is a module of its own in the page).
 */
import {ContractFout} from "../shared/contracts/check.js";
import type {BestandContract, Bundle} from "../shared/contracts/envelope.js";

export type {
  BekendeEenheid,
  BestandContract,
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

/**
 * Checks a loaded published file against `contract` (`TRENDS` from shared/contracts/trends.js);
 * `file` names it in the message (`weerbaarheid/GM9001.json`; the contract's description when
 * absent). Throws a `Leesfout` (with the `ContractFout`) naming the file, the place and what was
 * expected when it is off.
 */
export function assertBundle(
  value: unknown,
  contract: BestandContract,
  file = contract.omschrijving
): Bundle {
  try {
    return contract.check(value, file) as Bundle;
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
