/**
 * Open data (privacy.md, open data contract): every published number in one long table,
 * suppressed cells present with an empty value, at the stable paths
 * `open-data/cijfers.csv` (RFC 4180, comma, dot decimals, UTF-8) and `open-data/cijfers.json`.
 */
import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import type {PublishedTable} from "./published.ts";
import {OPEN_DATA_COLUMNS, type OpenDataRow} from "./types.ts";

/**
 * Long rows of published tables. `indicator` is the table id, or `<id>.<categorie>` when the
 * cell has a category (the contract has no category column).
 */
export function openDataRows(
  tables: Iterable<PublishedTable> | {tables: ReadonlyMap<string, PublishedTable>}
): OpenDataRow[] {
  const list =
    Symbol.iterator in tables
      ? tables
      : (tables as {tables: ReadonlyMap<string, PublishedTable>}).tables.values();
  const rows: OpenDataRow[] = [];
  for (const table of list) {
    for (const c of table.cellen) {
      rows.push({
        indicator: c.categorie ? `${table.id}.${c.categorie}` : table.id,
        branche: c.branche ?? "",
        gebiedcode: c.gebiedcode,
        gebiedniveau: c.gebiedniveau,
        bovenliggend: c.bovenliggend ?? "",
        jaar: c.jaar,
        waarde: c.waarde,
        status: c.status,
        eenheid: table.eenheid
      });
    }
  }
  return rows;
}

function csvField(v: string | number | null): string {
  if (v === null) return "";
  // Numbers: plain dot decimals, no exponent for the magnitudes we publish.
  const s = typeof v === "number" ? String(v) : v;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** RFC 4180 CSV of open-data rows: header line, CRLF line endings, comma separator. */
export function toCsv(rows: readonly OpenDataRow[]): string {
  const lines = [OPEN_DATA_COLUMNS.join(",")];
  for (const row of rows) lines.push(OPEN_DATA_COLUMNS.map((col) => csvField(row[col])).join(","));
  return lines.join("\r\n") + "\r\n";
}

/**
 * Writes `open-data/cijfers.csv` and `open-data/cijfers.json` under `distDir` (the built site).
 * Accepts a gate result or its rows; returns the two paths written.
 */
export function writeOpenData(
  result: {openData: readonly OpenDataRow[]} | readonly OpenDataRow[],
  distDir: string
): {csv: string; json: string} {
  const rows = Array.isArray(result)
    ? (result as readonly OpenDataRow[])
    : (result as {openData: readonly OpenDataRow[]}).openData;
  const dir = join(distDir, "open-data");
  mkdirSync(dir, {recursive: true});
  const csv = join(dir, "cijfers.csv");
  const json = join(dir, "cijfers.json");
  writeFileSync(csv, toCsv(rows), "utf8");
  // JSON: an array of row objects with the same keys and order as the CSV columns.
  writeFileSync(json, JSON.stringify(rows), "utf8");
  return {csv, json};
}
