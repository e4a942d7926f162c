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
import {
  metadataOf as gecontroleerdeMetadata,
  optionalMetadataOf as gecontroleerdeOptioneleMetadata,
  type BestandContract,
  type Bundle,
  type MetadataDeel
} from "../shared/contracts/envelope.js";

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
export {isTable, tableOf} from "../shared/contracts/envelope.js";
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
  return gelezen(() => contract.check(value, file) as Bundle);
}

/** Runs `lees`; a contract breach becomes a `Leesfout` (the reader's words). */
export function gelezen<T>(lees: () => T): T {
  try {
    return lees();
  } catch (e) {
    if (e instanceof ContractFout) throw new Leesfout(e);
    throw e;
  }
}

/**
 * The value of metadata part `deel` of a loaded bundle, checked against the part's contract
 * (shared/contracts/envelope.ts); a part that is off throws a `Leesfout`, absent a plain error.
 */
export function metadataOf<T>(bundle: Bundle, deel: MetadataDeel<T>): T {
  return gelezen(() => gecontroleerdeMetadata(bundle, deel));
}

/**
 * Part `deel` when the bundle has it, else `undefined`; a part that is there but off throws a
 * `Leesfout`, so a page shows the breach instead of drawing as if the part were absent.
 */
export function optionalMetadataOf<T>(bundle: Bundle, deel: MetadataDeel<T>): T | undefined {
  return gelezen(() => gecontroleerdeOptioneleMetadata(bundle, deel));
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
