/**
 * Reading published tables in pages: one way to pick cells by area, branch, category and year,
 * so every page and every narrative sentence looks values up the same way. Browser-safe (no
 * Node imports); pages import it as `./lib/query.js`.
 */
import type {Bundle, Cell, GebiedNiveau, Table} from "./contracts.js";
import {metadataOf} from "./contracts.js";
import {gebiedsnamenDeel, type Gebied} from "../shared/contracts/onderdelen.js";

/** What a cell is looked up by; `null` matches a cell without that dimension. */
export interface CellKey {
  gebied: string;
  branche?: string | null;
  categorie?: string | null;
  jaar: number;
}

/** Filter of `cellsWhere`: every given field must match (undefined = any). */
export interface CellFilter {
  gebied?: string | readonly string[];
  niveau?: GebiedNiveau | readonly GebiedNiveau[];
  bovenliggend?: string | null;
  branche?: string | null;
  categorie?: string | null;
  jaar?: number | readonly number[];
}

const keyOf = (gebied: string, branche: string | null, categorie: string | null, jaar: number) =>
  `${gebied}\u0000${branche ?? ""}\u0000${categorie ?? ""}\u0000${jaar}`;

/** An index over one table's cells for fast lookups. */
export interface TableIndex {
  table: Table;
  /** The cell for a key, or undefined when the table has no such cell (not published at all). */
  get(key: CellKey): Cell | undefined;
  /** The cells that match a filter, in table order. */
  where(filter: CellFilter): Cell[];
  /** The years present, ascending. */
  jaren: number[];
  /** The last year with at least one published (non-null) value; falls back to the last year. */
  laatsteJaar: number;
}

const matches = <T>(value: T, wanted: T | readonly T[] | undefined): boolean =>
  wanted === undefined ||
  (Array.isArray(wanted) ? (wanted as readonly T[]).includes(value) : value === wanted);

/** Filters cells of a table. */
export function cellsWhere(table: Table, filter: CellFilter): Cell[] {
  return table.cellen.filter(
    (c) =>
      matches(c.gebiedcode, filter.gebied) &&
      matches(c.gebiedniveau, filter.niveau) &&
      (filter.bovenliggend === undefined || c.bovenliggend === filter.bovenliggend) &&
      (filter.branche === undefined || c.branche === filter.branche) &&
      (filter.categorie === undefined || c.categorie === filter.categorie) &&
      matches(c.jaar, filter.jaar)
  );
}

/** Builds an index over a table. */
export function indexTable(table: Table): TableIndex {
  const byKey = new Map<string, Cell>();
  const jaren = new Set<number>();
  let laatste = -Infinity;
  for (const c of table.cellen) {
    byKey.set(keyOf(c.gebiedcode, c.branche, c.categorie, c.jaar), c);
    jaren.add(c.jaar);
    if (c.waarde !== null && c.jaar > laatste) laatste = c.jaar;
  }
  const sorted = [...jaren].sort((a, b) => a - b);
  return {
    table,
    get: (k) => byKey.get(keyOf(k.gebied, k.branche ?? null, k.categorie ?? null, k.jaar)),
    where: (f) => cellsWhere(table, f),
    jaren: sorted,
    laatsteJaar: Number.isFinite(laatste) ? laatste : (sorted.at(-1) ?? NaN)
  };
}

/** Area as listed in the published area names (the contract's `Gebied`). */
export type {Gebied};

/** Code -> name of every area in a `gebiedsnamen` part (default part name `gebieden`). */
export function areaNames(bundle: Bundle, part = "gebieden"): Map<string, string> {
  return new Map(metadataOf(bundle, gebiedsnamenDeel(part)).map((g) => [g.code, g.naam]));
}

/** The areas of a `gebiedsnamen` part, optionally of one level. */
export function areasOf(bundle: Bundle, niveau?: Gebied["niveau"], part = "gebieden"): Gebied[] {
  return metadataOf(bundle, gebiedsnamenDeel(part)).filter(
    (g) => niveau === undefined || g.niveau === niveau
  );
}

/** The published value of a cell, or null (suppressed, missing, or absent). */
export function valueOf(cell: Cell | undefined | null): number | null {
  return cell && cell.waarde !== null && cell.status !== "onderdrukt" ? cell.waarde : null;
}
