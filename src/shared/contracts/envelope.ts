/**
 * The envelope every published file shares: a bundle of parts (`onderdelen`), each part a table of
 * cells or a piece of metadata (`{schemaVersion, soort, waarde}`), and the contract of a whole
 * file built from them (`bundelContract`). The publish gate (data-loaders/disclosure/) creates
 * these shapes and its writer checks a file against its contract before writing it; a page checks
 * the same contract when it reads the file (src/lib/contracts.ts). One source, no copies.
 */
import {
  Afwijking,
  controleer,
  een,
  geheelGetal,
  getal,
  lijst,
  object,
  ofNull,
  tekst,
  type Check
} from "./check.js";

/** Version of the shape of a table or metadata part (the envelope inside a file). */
export const ONDERDEEL_VERSIE = 1;

/** Area levels a published cell may sit on (regio = the whole bronmap or a group of gemeenten). */
export type GebiedNiveau = "regio" | "gemeente" | "wijk" | "buurt";
export const GEBIED_NIVEAUS: readonly GebiedNiveau[] = ["regio", "gemeente", "wijk", "buurt"];

/** Status of a published value: empty = published as is (the open-data contract). */
export type CellStatus = "" | "onderdrukt" | "afgerond" | "geen-data";
export const CELL_STATUSES: readonly CellStatus[] = ["", "onderdrukt", "afgerond", "geen-data"];

/** The units the pages format themselves (src/lib/format.ts); others show with one decimal. */
export type BekendeEenheid =
  | "aantal"
  | "per-1000"
  | "per-100"
  | "procent"
  | "index"
  | "euro"
  | "x1000-euro"
  | "per-km2"
  | "per-ha"
  | "ha"
  | "ja-nee"
  | "m2";

/** Unit of a published value (`aantal` for additive counts); the catalogue may name others. */
export type Eenheid = BekendeEenheid | (string & {});

/** Kinds of published table. */
export type TabelSoort = "telling" | "omvang" | "publiek" | "afgeleid";

/** Kinds of published metadata, each with its own check in the gate (disclosure/metadata.ts). */
export type MetadataSoort =
  "tekst" | "gebiedsnamen" | "geometrie" | "openbaarmakingsrapport" | "kwaliteitsrapport";

/** One published cell. `waarde` is null when suppressed or missing; `reden` says why. */
export interface Cell {
  gebiedcode: string;
  gebiedniveau: GebiedNiveau;
  bovenliggend: string | null;
  branche: string | null;
  categorie: string | null;
  jaar: number;
  waarde: number | null;
  status: CellStatus;
  reden: string | null;
}

/** One published table (counts, public figures or derived values). */
export interface Table {
  schemaVersion: 1;
  id: string;
  titel: string;
  soort: TabelSoort;
  eenheidSoort: string | null;
  eenheid: Eenheid;
  dimensies: string[];
  cellen: Cell[];
}

/** Published metadata (texts, area names, catalogue, reports, geometry). */
export interface Metadata<T = unknown> {
  schemaVersion: 1;
  soort: MetadataSoort;
  waarde: T;
}

/** Several published parts in one file: what a page loads. */
export interface Bundle {
  schemaVersion: number;
  onderdelen: Record<string, Table | Metadata>;
}

/** True when `part` is a table (it has cells). */
export function isTable(part: Table | Metadata | undefined): part is Table {
  return part !== undefined && Array.isArray((part as Table).cellen);
}

const NIVEAUS = new Set<unknown>(GEBIED_NIVEAUS);
const STATUSES = new Set<unknown>(CELL_STATUSES);
const nullOrString = (v: unknown) => v === null || typeof v === "string";

/**
 * The cells of a table: one loop instead of a check per field, since a national page file holds
 * millions of cells. Every field a page reads, and the rule that an empty value has a status.
 */
const cellen: Check<Cell[]> = (v, pad) => {
  if (!Array.isArray(v)) throw new Afwijking(pad, "een lijst van cellen");
  const fout = (i: number, veld: string, verwacht: string): never => {
    throw new Afwijking(`${pad}[${i}]${veld ? `.${veld}` : ""}`, verwacht);
  };
  for (let i = 0; i < v.length; i++) {
    const c = v[i] as Record<string, unknown>;
    if (c === null || typeof c !== "object") fout(i, "", "een cel");
    if (typeof c.gebiedcode !== "string") fout(i, "gebiedcode", "een gebiedscode");
    if (!NIVEAUS.has(c.gebiedniveau)) fout(i, "gebiedniveau", "regio, gemeente, wijk of buurt");
    if (!nullOrString(c.bovenliggend)) fout(i, "bovenliggend", "een gebiedscode of null");
    if (!nullOrString(c.branche)) fout(i, "branche", "tekst of null");
    if (!nullOrString(c.categorie)) fout(i, "categorie", "tekst of null");
    if (!Number.isInteger(c.jaar)) fout(i, "jaar", "een jaar");
    const waarde = c.waarde;
    if (waarde === null) {
      if (c.status === "") fout(i, "status", "een status bij een lege waarde");
    } else if (typeof waarde !== "number" || !Number.isFinite(waarde)) fout(i, "waarde", "een getal of null");
    if (!STATUSES.has(c.status)) fout(i, "status", "een status (leeg, onderdrukt, afgerond, geen-data)");
    if (!nullOrString(c.reden)) fout(i, "reden", "tekst of null");
  }
  return v as Cell[];
};

/** A published table: its header and every cell. */
export const tabel: Check<Table> = (v, pad) => {
  object({
    schemaVersion: een(ONDERDEEL_VERSIE),
    id: tekst,
    titel: tekst,
    soort: een("telling", "omvang", "publiek", "afgeleid"),
    eenheidSoort: ofNull(tekst),
    eenheid: tekst,
    dimensies: lijst(tekst)
  })(v, pad);
  cellen((v as {cellen: unknown}).cellen, `${pad}.cellen`);
  return v as Table;
};

/** A metadata part named `naam` of kind `soort` whose `waarde` passes `waarde`. */
export interface MetadataDeel<T> {
  naam: string;
  soort: MetadataSoort;
  waarde: Check<T>;
}

/** Declares a metadata part of a file contract. */
export function metadataDeel<T>(naam: string, soort: MetadataSoort, waarde: Check<T>): MetadataDeel<T> {
  return {naam, soort, waarde};
}

/** The check of a whole metadata part (envelope and value). */
export function metadata<T>(soort: MetadataSoort, waarde: Check<T>): Check<Metadata<T>> {
  return (v, pad) => {
    object({schemaVersion: een(ONDERDEEL_VERSIE), soort: een(soort)})(v, pad);
    waarde((v as Metadata).waarde, `${pad}.waarde`);
    return v as Metadata<T>;
  };
}

/** The contract of one kind of published file. */
export interface BestandContract {
  /** Which published files it covers (a name, or a pattern for the parts of a split bundle). */
  bestanden: RegExp;
  /** What the file is, for messages and the docs. */
  omschrijving: string;
  /** The version of this file's shape; a page refuses a file of another version. */
  schemaVersion: number;
  /** Checks a file's parsed contents; throws a `ContractFout` naming `bestand` when off. */
  check(value: unknown, bestand: string): unknown;
}

/** The contract of a file that holds one bundle. */
export interface BundelContract extends BestandContract {
  check(value: unknown, bestand: string): Bundle;
}

/**
 * The contract of a bundle file: its metadata parts (`verplicht` must be there, `mogelijk` may),
 * and whether any other part is a table (`tabellen`). A part the contract does not name is a
 * breach: a page would not know what to do with it.
 */
export function bundelContract(spec: {
  bestanden: RegExp;
  omschrijving: string;
  schemaVersion: number;
  verplicht?: readonly MetadataDeel<unknown>[];
  mogelijk?: readonly MetadataDeel<unknown>[];
  tabellen: boolean;
}): BundelContract {
  const delen = new Map<string, MetadataDeel<unknown>>();
  for (const d of [...(spec.verplicht ?? []), ...(spec.mogelijk ?? [])]) delen.set(d.naam, d);
  const check: Check<Bundle> = (v, pad) => {
    object({schemaVersion: een(spec.schemaVersion)})(v, pad);
    const onderdelen = (v as {onderdelen?: unknown}).onderdelen;
    if (onderdelen === null || typeof onderdelen !== "object" || Array.isArray(onderdelen))
      throw new Afwijking("onderdelen", "een object met de onderdelen");
    const o = onderdelen as Record<string, unknown>;
    for (const d of spec.verplicht ?? [])
      if (!(d.naam in o)) throw new Afwijking(`onderdelen.${d.naam}`, "dit onderdeel (ontbreekt)");
    for (const [naam, part] of Object.entries(o)) {
      const at = `onderdelen.${naam}`;
      const deel = delen.get(naam);
      if (deel) metadata(deel.soort, deel.waarde)(part, at);
      else if (!spec.tabellen)
        throw new Afwijking(at, `geen onderdeel met deze naam in ${spec.omschrijving}`);
      else tabel(part, at);
    }
    return v as Bundle;
  };
  return {
    bestanden: spec.bestanden,
    omschrijving: spec.omschrijving,
    schemaVersion: spec.schemaVersion,
    check: (value, bestand) => controleer(check, value, bestand)
  };
}

/** The table `name` of a bundle; throws naming it when absent or not a table. */
export function tableOf(bundle: Bundle, name: string): Table {
  const part = bundle.onderdelen[name];
  if (!isTable(part)) throw new Error(`tabel ${name} ontbreekt in de gepubliceerde gegevens`);
  return part;
}

/** Parts already checked against a metadata contract, so a page that asks twice checks once. */
const gecontroleerd = new WeakMap<object, Set<MetadataDeel<unknown>>>();

/**
 * The value of metadata part `deel` of a bundle, checked against the part's contract (its type
 * comes from there). Throws naming the part when it is absent, a table, or off.
 */
export function metadataOf<T>(bundle: Bundle, deel: MetadataDeel<T>): T {
  const part = bundle.onderdelen[deel.naam];
  if (part === undefined || isTable(part))
    throw new Error(`metadata ${deel.naam} ontbreekt in de gepubliceerde gegevens`);
  let seen = gecontroleerd.get(part);
  if (!seen?.has(deel as MetadataDeel<unknown>)) {
    controleer(metadata(deel.soort, deel.waarde), part, `onderdeel ${deel.naam}`);
    if (!seen) gecontroleerd.set(part, (seen = new Set()));
    seen.add(deel as MetadataDeel<unknown>);
  }
  return (part as Metadata<T>).waarde;
}

/**
 * The value of metadata part `deel` when the bundle has it, `undefined` when it does not. A part
 * that is there is checked as by `metadataOf`, so a part that is off still throws: an optional
 * part is never a reason to swallow a breach (use this, not `try { metadataOf } catch`).
 */
export function optionalMetadataOf<T>(bundle: Bundle, deel: MetadataDeel<T>): T | undefined {
  return bundle.onderdelen[deel.naam] === undefined ? undefined : metadataOf(bundle, deel);
}

/** Checks only that `value` is a year (used by the part checks). */
export const jaar = geheelGetal;
/** A finite number (re-exported for the part checks). */
export {getal};
