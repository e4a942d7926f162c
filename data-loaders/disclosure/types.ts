/**
 * Types of the publish gate (disclosure control). Everything a loader hands to the gate and
 * everything the gate hands back is declared here; `gate.ts` re-exports it as the public API.
 *
 * The rules implemented are those of /work/shared/design/privacy.md (see docs/privacy.md).
 */

// The published shapes (area level, cell status, unit, cell) are the contract that pages read:
// declared once in src/shared/contracts/envelope.ts, for the gate and the pages alike.
import type {Cell, CellStatus, Eenheid, GebiedNiveau} from "../../src/shared/contracts/envelope.ts";
export type {CellStatus, Eenheid, GebiedNiveau};

/**
 * Kind of unit a count table counts. It selects the primary-suppression threshold:
 * persons, households and signals k = 10; establishments, buildings, dwellings and addresses
 * k = 5. `publiek` marks public figures (CBS kerncijfers) that CBS already protected: they are
 * published as they are and may serve as denominators, but never count as protection.
 */
export type UnitKind =
  "personen" | "huishoudens" | "signalen" | "vestigingen" | "gebouwen" | "woningen" | "adressen" | "publiek";

/** Identifying keys of one cell of a table (everything except its value). */
export interface CellKey {
  /** CBS code: `GM0772`, `WK077201`, `BU07720101`, or a regio code. */
  gebiedcode: string;
  gebiedniveau: GebiedNiveau;
  /** Code of the parent area (null for the top level). Used to derive the area hierarchy. */
  bovenliggend: string | null;
  /** Branch group (e.g. an SBI risk-branch group id); absent when the table has no branch dimension. */
  branche?: string | null;
  /** Other category (signal category, gebruiksdoel, ...); absent when not applicable. */
  categorie?: string | null;
  jaar: number;
}

/** One contribution to a magnitude cell; contributions of one holding are summed first. */
export interface Contribution {
  /** Holding (concern) or, failing that, the establishment the contribution belongs to. Never published. */
  houder: string;
  value: number;
}

/** One cell of a declared table, with its TRUE value (never published as such). */
export interface CountCell extends CellKey {
  /** True count or magnitude; for `publiek` tables null = CBS missing value. */
  value: number | null;
  /** Magnitude tables only: the contributions the value is the sum of. */
  contributions?: Contribution[];
}

/** A table declared to the gate (privacy.md rule 1). */
export interface TableDeclaration {
  /** Stable id, used as `indicator` in the open data: lowercase, digits, `-` and `_`. */
  id: string;
  /** Dutch title for the report and the open-data catalogue. */
  title: string;
  unitKind: UnitKind;
  measure: "count" | "magnitude";
  /** Dimensions in order, e.g. ["gebied", "branche", "jaar"]. Informational, checked against cells. */
  dimensions: string[];
  /** Unit of the values in the open data; defaults to `aantal` for counts, `euro` for magnitudes. */
  eenheid?: Eenheid;
  /**
   * Branch hierarchy: group total -> member branches. Declares `cell(group) = sum(cell(member))`
   * for every area, category and year. A remainder is added when members do not add up.
   */
  brancheHierarchy?: Record<string, string[]>;
  /**
   * True when a published zero itself reveals something sensitive (e.g. "0 of the 3 dwellings
   * are rented"): zeros are then suppressed like small counts. Default false (CBS practice).
   */
  zeroIsSensitive?: boolean;
  /**
   * Key totals (privacy.md rule 6, "totals last"): the cells on these area levels (and, when
   * given, of this branch) are published whenever they are at or above k. The gate never picks
   * them as complements; other cells protect the small ones. E.g. the regio and gemeente totals
   * of all establishments: `{levels: ["regio", "gemeente"], branche: "alle"}`.
   */
  keyTotals?: {levels: GebiedNiveau[]; branche?: string};
  /**
   * Cells no one sees but that relations tie to published cells: the parts of a cross
   * classification the published tables only show summed (e.g. a buurt's signals on each
   * bedrijventerrein and outside them, when both buurten and terreinen are published). Never
   * published, not in the open data or the report's tables; a part between 0 and k is protected
   * like a published-and-suppressed count (privacy.md rule 7), so no difference of published
   * cells gives it. Declare only parts with a value above 0: leaving a part out says it is 0,
   * which only narrows what the audit allows (safe side).
   */
  hidden?: boolean;
  cells: CountCell[];
}

/** Reference to one cell of one declared table. */
export interface CellRef extends CellKey {
  table: string;
}

/**
 * A linear relation between cells that an outsider knows holds: `sum(coef * cell) = 0`
 * (`sense: "="`) or `>= 0`. Within a table the gate derives area and branch relations itself;
 * declare the others (between tables, stock-flow) as links.
 */
export interface Relation {
  /** Short Dutch or English description for error messages. */
  label?: string;
  /** The family this relation belongs to, listed in the disclosure report (e.g. a stock-flow rule). */
  group?: string;
  terms: {cell: CellRef; coef: number}[];
  sense: "=" | ">=";
}

/**
 * A derived value (rate, share, index, mean): computed by the gate from TRUE values of the cells
 * it rests on, and published as null when any base cell is suppressed or missing (rule 5).
 */
export interface DerivedDeclaration {
  id: string;
  title: string;
  eenheid: Eenheid;
  /** Decimals to round the published value to (default 1). */
  decimals?: number;
  /**
   * `ratio`: value = scale * base[0] / base[1];
   * `share`: like ratio, plus group disclosure (rule 4): base[0] >= k and base[1] - base[0] >= k;
   * `custom`: value = compute(bases).
   */
  kind: "ratio" | "share" | "custom";
  /** Multiplier for ratio/share: 1000 for per-1000, 100 for procent. */
  scale?: number;
  /** Sensitive group disclosure threshold for shares; defaults to k of the numerator's unit kind. */
  cells: DerivedCell[];
  /** Custom kind only. Receives only values of unsuppressed base cells, in order of `bases`. */
  compute?: (bases: readonly number[]) => number;
  /**
   * Custom kind only, instead of `compute`: one step over the whole table. Receives, per cell,
   * the values of the base set the cell rests on (null when no base set is published with data)
   * and returns the cell values (a string: no value, with that reason). It sees published values
   * only, so a statistic over the table (a median, a quantile) is a function of published cells
   * and reveals nothing the published cells do not.
   */
  computeTable?: (
    rows: ReadonlyArray<DerivedRow | null>,
    cells: readonly DerivedCell[]
  ) => Array<number | string>;
}

/** The published base values of one derived cell, for `computeTable`. */
export interface DerivedRow {
  /** Values of the base set used, in its order. */
  values: readonly number[];
  /** Which base set: 0 for `bases`, i + 1 for `alternatives[i]`. */
  alternative: number;
}

/** One cell of a derived table: where it is shown and which counted cells it rests on. */
export interface DerivedCell extends CellKey {
  bases: CellRef[];
  /**
   * Base sets to rest on, in order, when a cell of `bases` is suppressed or has no data (e.g. the
   * wijk's counts when the buurt's are suppressed). The first set whose cells are all published
   * with data is used. Which set that is follows from the published statuses alone, so it
   * reveals nothing beyond them.
   */
  alternatives?: CellRef[][];
}

/** Primary-suppression thresholds per unit kind, plus the p of the p%-rule. */
export interface Thresholds {
  personen: number;
  huishoudens: number;
  signalen: number;
  vestigingen: number;
  gebouwen: number;
  woningen: number;
  adressen: number;
  /** p of the p%-rule for magnitudes (percent). */
  pPercent: number;
  /** Minimum number of contributors (holdings) of a magnitude cell. */
  minContributors: number;
}

/** Options of a gate run. */
export interface GateOptions {
  /** Raise thresholds; lowering below the floor (`THRESHOLD_FLOOR`) throws. */
  thresholds?: Partial<Thresholds>;
  /** Round wijk and buurt counts to multiples of 5 after the audit (rule 8). Default false. */
  rounding?: boolean;
  /**
   * Split large audits over this thread and one worker thread (default true). The outcome is
   * the same either way; false keeps everything on this thread.
   */
  workers?: boolean;
  /** Receives progress lines of the gate's phases (repair rounds, memory); default: silent. */
  debug?: (line: string) => void;
  /** Receives only the memory line after each phase (the bench's memory trace); default: silent. */
  memory?: (line: string) => void;
  /**
   * Bench only: save this run (input, pattern after the audit, what the derived functions
   * returned) to this file for `scripts/bench-publish.ts` (publish-dump.ts). It holds true
   * counts: only under `.cache/`. Changes nothing about the outcome. Default: not saved.
   */
  publishDump?: string;
}

/** Input of `runGate`. */
export interface GateInput {
  tables: TableDeclaration[];
  derived?: DerivedDeclaration[];
  links?: Relation[];
  options?: GateOptions;
}

/** Why a cell was suppressed. */
export type SuppressionKind = "primair" | "secundair";

/**
 * One published cell (the contract's `Cell`): the true value never leaves the gate for a
 * suppressed cell; `waarde` is null when suppressed or missing, `reden` the Dutch reason when
 * null or rounded, e.g. "onderdrukt: telling < 10".
 */
export type PublishedCell = Cell;

/** Per-table line of the disclosure report. */
export interface TableReport {
  id: string;
  titel: string;
  soort: "telling" | "omvang" | "publiek" | "afgeleid";
  eenheid: Eenheid;
  /** Threshold k used (counts), or p and minimum contributors (magnitudes). */
  drempel: string;
  cellen: number;
  gepubliceerd: number;
  onderdruktPrimair: number;
  onderdruktSecundair: number;
  /** Derived tables: null because a base cell was suppressed or missing. */
  onderdruktAfgeleid: number;
  afgerond: number;
  geenData: number;
  /**
   * Number of suppressed cells audited, whether all passed, and the smallest interval width
   * found (a lower bound where a cell was proven safe by feasible points rather than its own LP).
   */
  audit: {gecontroleerd: number; geslaagd: boolean; kleinsteBreedte: number | null};
  /** Declared branch hierarchy (group -> members), so an auditor can rebuild the relations. */
  brancheHierarchie?: Record<string, string[]>;
  /** Cells not published, only one level coarser (the last resort); see `achtergehouden`. */
  achtergehouden?: number;
}

/** A key total suppressed to protect a small key total that only key totals pin. */
export interface HiddenKeyTotal {
  tabel: string;
  gebiedcode: string;
  jaar: number;
  reden: string;
}

/**
 * Cells the gate withheld as its last resort, grouped by table, parent area, branch, category and
 * year: they are not published, their value is left to the parent (one level coarser).
 */
export interface WithheldSubTable {
  tabel: string;
  /** Code of the parent area of the withheld cells (null: the top level). */
  bovenliggend: string | null;
  branche: string | null;
  categorie: string | null;
  jaar: number;
  cellen: number;
  /** Dutch reason for the first withheld cell of the group: why it could not be protected otherwise. */
  reden: string;
}

/** The disclosure report of one build (published on the transparency page). */
export interface DisclosureReport {
  schemaVersion: 1;
  drempels: Thresholds;
  afronding: boolean;
  tabellen: TableReport[];
  /** Labels of the declared relations between tables (stock-flow, level links), for auditors. */
  koppelingen: string[];
  totaal: {
    cellen: number;
    gepubliceerd: number;
    onderdruktPrimair: number;
    onderdruktSecundair: number;
    afgerond: number;
  };
  /**
   * Information loss of this build: counted cells (not public figures) suppressed beyond primary
   * suppression (secondary and withheld), and their share of the counted cells that could have
   * been published (all counted cells minus the primary ones). Key totals at or above k that are
   * not published: always 0 (the gate guarantees it; reported so an auditor can check).
   */
  informatieverlies: {
    extraOnderdrukt: number;
    publiceerbaar: number;
    aandeel: number;
    kerntotalen: number;
    kerntotalenVerborgen: number;
  };
  /** Withheld cells (the gate's last resort), grouped; empty in a normal build. */
  achtergehouden: WithheldSubTable[];
  /**
   * Key totals at or above k that had to be suppressed after all, each with why: a key total
   * below k that only other key totals pin (the one small gemeente in the regio's sum) cannot be
   * protected by any other cell. Empty in a normal build.
   */
  kerntotalenOnderdrukt: HiddenKeyTotal[];
  audit: {
    geslaagd: boolean;
    /** Suppressed cells whose interval was computed by LP. */
    gecontroleerd: number;
    /** Independent components of relations solved. */
    componenten: number;
    /** Number of LP solves. */
    lpOplossingen: number;
    /** Rounds of extra suppression needed after the first audit. */
    herstelrondes: number;
    /** Secondary cells published after all because the published cells determine them anyway. */
    vrijgegeven: number;
    duurMs: number;
    solver: string;
  };
}

/** One row of the open data (`cijfers.csv` / `cijfers.json`), columns in contract order. */
export interface OpenDataRow {
  indicator: string;
  branche: string;
  gebiedcode: string;
  gebiedniveau: GebiedNiveau;
  bovenliggend: string;
  jaar: number;
  /** null (empty in CSV) when suppressed or missing. */
  waarde: number | null;
  status: CellStatus;
  eenheid: Eenheid;
}

/** Column order of the open-data files; stable contract. */
export const OPEN_DATA_COLUMNS = [
  "indicator",
  "branche",
  "gebiedcode",
  "gebiedniveau",
  "bovenliggend",
  "jaar",
  "waarde",
  "status",
  "eenheid"
] as const;
