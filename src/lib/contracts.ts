/**
 * Contracts of the published files, as the browser sees them. They mirror the JSON the publish
 * gate emits (data-loaders/disclosure/published.ts): pages read only these shapes, never raw
 * source names. A runtime check (`assertBundle`) guards every file a page loads, so a change
 * in the pipeline that breaks a page fails loudly in the browser tests instead of drawing nonsense.
 */

/** Area levels of a published cell. */
export type GebiedNiveau = "regio" | "gemeente" | "wijk" | "buurt";

/** Status of a published value: empty = published as is. */
export type CellStatus = "" | "onderdrukt" | "afgerond" | "geen-data";

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
  soort: "telling" | "omvang" | "publiek" | "afgeleid";
  eenheidSoort: string | null;
  eenheid: string;
  dimensies: string[];
  cellen: Cell[];
}

/** Published metadata (texts, area names, catalogue, reports). */
export interface Metadata<T = unknown> {
  schemaVersion: 1;
  soort: string;
  waarde: T;
}

/** Several published parts in one file: what a page loads. */
export interface Bundle {
  schemaVersion: 1;
  onderdelen: Record<string, Table | Metadata>;
}

/** True when `part` is a table (it has cells). */
export function isTable(part: Table | Metadata | undefined): part is Table {
  return part !== undefined && Array.isArray((part as Table).cellen);
}

/** Checks the shape of a loaded bundle; throws a Dutch message naming the file when it is off. */
export function assertBundle(value: unknown, file: string): Bundle {
  const bundle = value as Bundle;
  if (
    bundle === null ||
    typeof bundle !== "object" ||
    bundle.schemaVersion !== 1 ||
    typeof bundle.onderdelen !== "object"
  ) {
    throw new Error(`${file}: verwacht een gepubliceerde bundel met schemaVersion 1`);
  }
  for (const [name, part] of Object.entries(bundle.onderdelen)) {
    if (part.schemaVersion !== 1) throw new Error(`${file}: onderdeel ${name} heeft geen schemaVersion 1`);
    if (isTable(part)) {
      for (const cell of part.cellen) {
        if (cell.waarde !== null && typeof cell.waarde !== "number") {
          throw new Error(`${file}: onderdeel ${name} heeft een niet-numerieke waarde`);
        }
        if (cell.waarde === null && cell.status === "") {
          throw new Error(`${file}: onderdeel ${name} heeft een lege waarde zonder status`);
        }
      }
    }
  }
  return bundle;
}

/** The table `name` of a bundle; throws naming it when absent or not a table. */
export function tableOf(bundle: Bundle, name: string): Table {
  const part = bundle.onderdelen[name];
  if (!isTable(part)) throw new Error(`tabel ${name} ontbreekt in de gepubliceerde gegevens`);
  return part;
}

/** The metadata `name` of a bundle; throws naming it when absent. */
export function metadataOf<T>(bundle: Bundle, name: string): T {
  const part = bundle.onderdelen[name];
  if (part === undefined || isTable(part))
    throw new Error(`metadata ${name} ontbreekt in de gepubliceerde gegevens`);
  return (part as Metadata<T>).waarde;
}
