/**
 * Parts of published tables: a page file that should carry only what one view shows (one
 * gemeente's wijken and buurten, one year of the gemeenten) gets parts of a published table,
 * each with the table's header and a subset of its cells, unchanged. Every cell of a part is a
 * cell the gate already published (same value, status and reason), so a part discloses nothing
 * the whole table does not; parts are made here, in the gate, so that the emit functions keep
 * accepting only gate-made objects.
 */
import {
  brand,
  brandStoredTable,
  forEachCell,
  isPublishable,
  storedCellsOf,
  type PublishedTable
} from "./published.ts";
import type {PublishedCell} from "./types.ts";

/**
 * Splits a published table into parts in one pass: `keysOf` names the part(s) each cell goes to
 * (none, one or several). Returns the parts by key, in order of first appearance, each with its
 * cells in table order; the keys in `always` get a part even without cells (a file that must
 * declare the table). Throws when `table` was not made by the gate.
 */
export function publishTableParts(
  table: PublishedTable,
  keysOf: (cell: PublishedCell) => string | readonly string[] | undefined,
  always: readonly string[] = []
): Map<string, PublishedTable> {
  if (!isPublishable(table))
    throw new Error("Delen van een tabel: de tabel komt niet uit de publicatiepoort");
  // A table in the gate's column store: read from the columns (reading `cellen` would make its objects).
  const stored = storedCellsOf(table);
  if (stored) return storedParts(table, stored, keysOf, always);
  if (!Array.isArray((table as {cellen?: unknown}).cellen))
    throw new Error("Delen van een tabel: de tabel komt niet uit de publicatiepoort");
  const cells = new Map<string, PublishedCell[]>(always.map((k) => [k, []]));
  const put = (key: string, cell: PublishedCell) => {
    let list = cells.get(key);
    if (!list) cells.set(key, (list = []));
    list.push(cell);
  };
  for (const cell of table.cellen) {
    const keys = keysOf(cell);
    if (keys === undefined) continue;
    if (typeof keys === "string") put(keys, cell);
    else for (const k of keys) put(k, cell);
  }
  const {schemaVersion, id, titel, soort, eenheidSoort, eenheid, dimensies} = table;
  const parts = new Map<string, PublishedTable>();
  for (const [key, cellen] of cells)
    parts.set(
      key,
      brand<PublishedTable>(
        {schemaVersion, id, titel, soort, eenheidSoort, eenheid, dimensies, cellen},
        "PublishedTable"
      )
    );
  return parts;
}

/**
 * `publishTableParts` of a table whose cells are in the gate's column store: the parts are stored
 * tables on the same store (their ids a subset of the table's, in order), so no cell object is
 * made; `keysOf` sees one reused cell object (`forEachCell`), which it must not keep.
 */
function storedParts(
  table: PublishedTable,
  stored: NonNullable<ReturnType<typeof storedCellsOf>>,
  keysOf: (cell: PublishedCell) => string | readonly string[] | undefined,
  always: readonly string[]
): Map<string, PublishedTable> {
  const {ids} = stored;
  const lists = new Map<string, number[]>(always.map((k) => [k, []]));
  const put = (key: string, id: number) => {
    let list = lists.get(key);
    if (!list) lists.set(key, (list = []));
    list.push(id);
  };
  forEachCell(table, (cell, k) => {
    const keys = keysOf(cell);
    if (keys === undefined) return;
    if (typeof keys === "string") put(keys, ids[k]!);
    else for (const key of keys) put(key, ids[k]!);
  });
  const {schemaVersion, id, titel, soort, eenheidSoort, eenheid, dimensies} = table;
  const parts = new Map<string, PublishedTable>();
  for (const [key, list] of lists)
    parts.set(
      key,
      brandStoredTable(
        {schemaVersion, id, titel, soort, eenheidSoort, eenheid, dimensies},
        stored.store,
        Int32Array.from(list)
      )
    );
  return parts;
}
