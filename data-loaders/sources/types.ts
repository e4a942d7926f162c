/**
 * The record contract between the bronmap readers (data-loaders/sources) and the indicator
 * pipeline (data-loaders/indicators). Readers turn the files of a bronmap into:
 *
 * - small, typed JavaScript objects for the areas (boundaries, names, hierarchy), and
 * - DuckDB tables for the large record sets, whose columns are fixed below, so that the
 *   pipeline can aggregate millions of rows in SQL without copying them into JavaScript.
 *
 * Every record table carries the area columns that point-in-polygon assignment filled in
 * (`AreaColumns`). Identifying columns (ids, names, addresses, coordinates, exact dates) stay in
 * these build-time tables only: nothing here is ever published except through the gate.
 */
import type {MultiPolygon, Polygon} from "geojson";
import {UserFacingError} from "../user-error.ts";
import type {KerncijferVariabele} from "./kerncijfer-variabelen.ts";

/** Area levels of the CBS hierarchy, from coarse to fine. */
export type AreaLevel = "gemeente" | "wijk" | "buurt";

/** One area of the CBS wijk- en buurtkaart, geometry in WGS84 (lon/lat), RFC 7946 winding. */
export interface Area {
  /** CBS code as published: `GM0772`, `WK077201`, `BU07720101`. */
  code: string;
  naam: string;
  level: AreaLevel;
  /** Code of the gemeente this area lies in (its own code for a gemeente). */
  gemeentecode: string;
  /** Code of the wijk this area lies in (null for a gemeente; own code for a wijk). */
  wijkcode: string | null;
  geometry: Polygon | MultiPolygon;
  /** Land area in km2, computed from the geometry (geodesic), used for densities. */
  areaKm2: number;
}

/** A bedrijventerrein (industrial estate, IBIS). */
export interface Bedrijventerrein {
  /** `RIN_NUMMER` as text, e.g. `BT-001` in the demo. */
  code: string;
  naam: string;
  gemeentecode: string;
  geometry: Polygon | MultiPolygon;
  areaKm2: number;
}

/** All areas of a bronmap. */
export interface Areas {
  gemeenten: Area[];
  wijken: Area[];
  buurten: Area[];
  bedrijventerreinen: Bedrijventerrein[];
  /** The buitengebied as one (multi)polygon, or null when it had to be derived per buurt. */
  buitengebied: Polygon | MultiPolygon | null;
  /** Buurt codes that lie (mostly) in the buitengebied: the cores are the other buurten. */
  buitengebiedBuurten: string[];
}

/**
 * Columns every record table carries after location assignment. A record whose location lies
 * outside every gemeente is rejected (counted), so `gemeentecode` is never null in a table.
 */
export interface AreaColumns {
  gemeentecode: string;
  wijkcode: string | null;
  buurtcode: string | null;
  /** RIN code of the bedrijventerrein the record lies on, or null. */
  bedrijventerrein: string | null;
  /** True when the record lies in the buitengebied. */
  buitengebied: boolean;
}

/**
 * DuckDB table `vestigingen`: one row per establishment (vestiging).
 * `sbi` is the SBI 2008 code and `sbi2025` the SBI 2025 code, digits only, without dots (`56102`,
 * `9602`, `47781`), each validated at its full length against the list of its classification; at
 * least one of them is set. `datum_*` are DATE; `datum_uitschrijving` is NULL while active.
 * `moeder_kvk_nummer` is the KvK number of the parent company or holding, when the file has one.
 */
export interface VestigingRow extends AreaColumns {
  vestigingsnummer: string;
  kvk_nummer: string;
  naam: string;
  sbi: string | null;
  sbi2025: string | null;
  moeder_kvk_nummer: string | null;
  rechtsvorm: string | null;
  werkzame_personen: number | null;
  datum_inschrijving: string;
  datum_uitschrijving: string | null;
}

/**
 * DuckDB table `eigendommen`: one row per real-estate object owned by a registered business, with
 * the BAG gebruiksdoel (`woonfunctie` for a dwelling) and the period it was held: from
 * `datum_verkrijging` (NULL: always) until `datum_vervreemding` (NULL: still held).
 */
export interface EigendomRow extends AreaColumns {
  kvk_nummer: string;
  object_id: string;
  gebruiksdoel: string | null;
  datum_verkrijging: string | null;
  datum_vervreemding: string | null;
}

/** DuckDB table `panden`: agrarian buildings, with a vacancy period (leeg_tot NULL = still vacant). */
export interface PandRow extends AreaColumns {
  pand_id: string;
  gebruiksdoel: string | null;
  oppervlakte_m2: number | null;
  leeg_sinds: string | null;
  leeg_tot: string | null;
}

/** DuckDB table `signalen`: signals/incidents; `categorie` is one of the catalogue's categories. */
export interface SignaalRow extends AreaColumns {
  signaal_id: string;
  datum: string;
  categorie: string;
}

/**
 * DuckDB table `kerncijfers` (long format): one row per area, year and canonical variable.
 * `variabele` is a canonical name from `KERNCIJFER_VARIABELEN` (never a raw CBS key such as
 * `AantalInwoners_5`); `waarde` is NULL for CBS missing markers.
 */
export interface KerncijferRow {
  jaar: number;
  gebiedcode: string;
  variabele: KerncijferVariabele;
  waarde: number | null;
}

/**
 * Canonical kerncijfer variables, defined by the CBS title and unit they are read by (see
 * kerncijfer-variabelen.ts).
 */
export {KERNCIJFER_VARIABELEN, type KerncijferVariabele} from "./kerncijfer-variabelen.ts";

/** Rejections and counts of one input file, for the data-quality report. */
export interface FileQuality {
  /** Path relative to the bronmap root, e.g. `vestigingen.csv`. */
  file: string;
  rowsRead: number;
  rowsAccepted: number;
  /** Rejected rows per reason (Dutch reason text as shown on the transparency page). */
  rejected: Record<string, number>;
  /** Non-fatal remarks (e.g. "3 features zonder polygoon overgeslagen"). */
  warnings: string[];
  /** Detected encoding, separator, CRS, where relevant. */
  detected?: Record<string, string>;
  /** For a kerncijfers file: which CBS table it is and which topic each variable came from. */
  kerncijfers?: KerncijferLeesverslag;
}

/** How one variable was read from a kerncijfers file. */
export interface KerncijferKoppeling {
  variabele: KerncijferVariabele;
  /**
   * `gelezen`: a topic with the variable's title and unit; `omgerekend`: a count turned into a
   * share or rate with its denominator; `eenheid past niet`: a topic with the title but another
   * unit and no way to convert (not used); `niet in deze tabel`: no topic with the title.
   */
  status: "gelezen" | "omgerekend" | "eenheid past niet" | "niet in deze tabel";
  /** The CBS key (column name as in the file), title and unit it came from. */
  sleutel?: string;
  titel?: string;
  eenheid?: string;
  /** For `omgerekend`: the denominator's key and the scale (100 or 1,000). */
  noemer?: string;
  schaal?: number;
  /** Where the title and unit of the key are known from (DataProperties, built-in description). */
  herkomst?: string;
  /** Non-missing values accepted (0 = the topic is in the table but CBS gave no values). */
  waarden: number;
}

/** What was read from one kerncijfers file (shown by check-data and on Methode en privacy). */
export interface KerncijferLeesverslag {
  /** Years of the accepted rows. */
  jaren: number[];
  /** The CBS table it was recognised as, or null. */
  tabel: {id: string; titel: string; versie: string} | null;
  /** How the meaning of the keys was found, in one Dutch sentence. */
  beschrijving: string;
  variabelen: KerncijferKoppeling[];
}

/** A change of gemeente boundaries that touches the kerncijfers (gebieden/herindelingen.csv). */
export interface Indelingswijziging {
  /** The gemeente of the area files the change concerns. */
  gemeente: string;
  /** Kerncijfers of years before this year are affected. */
  totJaar: number;
  /** `samengevoegd`: the old gemeenten are added up (no break); `grens`: a break in the series. */
  soort: "samengevoegd" | "grens";
  /** Dutch sentence for reports and pages. */
  tekst: string;
}

/** Summary of all kerncijfers of a bronmap, for the index components and the reports. */
export interface KerncijferOverzicht {
  /**
   * Per variable: years in which a file has a topic for it, years with at least one value, and
   * years in which its topic has a unit that cannot be converted.
   */
  beschikbaar: Partial<
    Record<KerncijferVariabele, {inTabel: number[]; metWaarden: number[]; andereEenheid: number[]}>
  >;
  /** Years for which a kerncijfers file was read. */
  jaren: number[];
  indelingswijzigingen: Indelingswijziging[];
}

/**
 * Which SBI classification the establishments carry, and what the branch list in force cannot
 * cover (published on the methodology page: bronmap-wide counts only, nothing per branch).
 */
export interface SbiOverzicht {
  /** Establishments with an SBI 2008 code (with or without an SBI 2025 code). */
  metSbi2008: number;
  /** Establishments with only an SBI 2025 code. */
  alleenSbi2025: number;
  /** Establishments with both codes (their branch follows SBI 2008). */
  beide: number;
  /** Dutch sentences: branches without codes in a classification that establishments use alone. */
  meldingen: string[];
}

/** The data-quality report of a whole bronmap. */
export interface QualityReport {
  bronmap: string;
  isDemo: boolean;
  files: FileQuality[];
  /** First and last year with records, over all record files. */
  years: {first: number; last: number} | null;
  /** The kerncijfers read (absent without kerncijfers). */
  kerncijfers?: KerncijferOverzicht;
  /** SBI classifications of the establishments (absent without vestigingen.csv). */
  sbi?: SbiOverzicht;
}

/**
 * A fatal problem in the bronmap: stops the build with one clear Dutch message naming the file,
 * line and column (when known), what was expected and what was found. `check-data` and the
 * build print it the same way (`FOUT in de bronmap: <message>`, see `data-loaders/user-error.ts`).
 * Lines are counted as an editor counts them (every line break, also inside a quoted field).
 */
export class BronmapError extends UserFacingError {
  constructor(
    readonly file: string,
    readonly detail: {line?: number; column?: string | number; expected: string; found: string}
  ) {
    const where = [
      file,
      detail.line != null ? `regel ${detail.line}` : null,
      detail.column != null ? `kolom ${detail.column}` : null
    ]
      .filter(Boolean)
      .join(", ");
    super(`${where}: verwacht ${detail.expected}, gevonden ${detail.found}`, "FOUT in de bronmap");
    this.name = "BronmapError";
  }
}

/** Names of the DuckDB record tables a loaded bronmap may hold (absent file = absent table). */
export type RecordTable = "vestigingen" | "eigendommen" | "panden" | "signalen" | "kerncijfers";
