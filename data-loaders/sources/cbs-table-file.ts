/**
 * Reading one CBS table file as `npm run ophalen` writes it or as an analyst downloads it: OData
 * JSON (`{"value": [...]}`, v3 rows or v4 observations, or a bare list), or a StatLine / cbsodataR
 * CSV (`;` or `,`, UTF-8 with or without BOM or Windows-1252, quoted values that span lines).
 * The rows come back as plain objects with the column names as written; the readers of the
 * police and reference files decide what the columns mean.
 */
import {readFileSync} from "node:fs";
import {dsvFormat} from "d3-dsv";
import {detectDelimiter, fileSizeOrThrow} from "./csv.ts";
import {decodeText, maxGeoJsonBytes} from "./geojson.ts";
import {lineOfIndex} from "./text-scan.ts";
import {BronmapError, type FileQuality} from "./types.ts";

/** A table file, read. */
export interface TableFile {
  rows: Record<string, unknown>[];
  /** Column names in first-seen order. */
  columns: string[];
  detected: Record<string, string>;
}

/** Reads a `.json` or `.csv` table file; throws `BronmapError` naming the file when unreadable. */
export function readTableFile(path: string, label: string): TableFile {
  // A folder, a broken link or a file too large to hold as text is named, not a crash.
  const size = fileSizeOrThrow(path, label, "een leesbaar bestand");
  if (size > maxGeoJsonBytes()) {
    throw new BronmapError(label, {
      expected: `een bestand van hoogstens ${Math.round(maxGeoJsonBytes() / 2 ** 20)} MB`,
      found: `een bestand van ${Math.round(size / 2 ** 20)} MB`
    });
  }
  const bytes = readFileSync(path);
  const {text, encoding} = decodeText(bytes, label);
  if (/\.json$/i.test(path)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      const pos = /position (\d+)/.exec(String((e as Error).message));
      const line = pos ? lineOfIndex(text, Number(pos[1])) : undefined;
      throw new BronmapError(label, {
        line,
        expected: 'geldige JSON (OData {"value": [...]})',
        found: "een JSON-fout"
      });
    }
    const rows = Array.isArray(json) ? json : (json as {value?: unknown} | null)?.value;
    if (!Array.isArray(rows) || rows.some((r) => r == null || typeof r !== "object" || Array.isArray(r))) {
      throw new BronmapError(label, {
        expected: 'een OData-antwoord {"value": [{...}, ...]} of een lijst met objecten',
        found: Array.isArray(rows) ? "een lijst met iets anders dan objecten" : "een andere vorm"
      });
    }
    const columns = [...new Set((rows as Record<string, unknown>[]).flatMap((r) => Object.keys(r)))];
    return {
      rows: rows as Record<string, unknown>[],
      columns,
      detected: {formaat: Array.isArray(json) ? "JSON-lijst" : "OData JSON", encoding}
    };
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  if (firstLine.trim() === "") {
    throw new BronmapError(label, {
      line: 1,
      expected: "een kopregel met kolomnamen",
      found: "een lege regel"
    });
  }
  const delimiter = detectDelimiter(firstLine);
  const rows = dsvFormat(delimiter).parse(text) as unknown as Record<string, unknown>[];
  const columns = (rows as unknown as {columns: string[]}).columns.map((c) => c.trim());
  // Empty CSV fields mean "no value", as CBS writes them.
  for (const r of rows) for (const k of Object.keys(r)) if (r[k] === "") r[k] = null;
  return {
    rows,
    columns,
    detected: {formaat: "CSV", encoding, scheidingsteken: delimiter === "\t" ? "tab" : delimiter}
  };
}

/** Finds a column case-insensitively among `columns`; returns the name as written. */
export function findColumn(columns: readonly string[], ...names: string[]): string | null {
  for (const n of names) {
    const hit = columns.find((c) => c.trim().toLowerCase() === n.toLowerCase());
    if (hit) return hit;
  }
  return null;
}

/** One entry of a DataProperties file (OData v3 metadata of a CBS table). */
export interface DataProperty {
  Key: string;
  Title: string;
  Type: string;
  Unit?: string | null;
}

/** The Topic entries of a DataProperties table file (an empty list when the file has none). */
export function topicsOf(file: TableFile): DataProperty[] {
  return file.rows
    .filter((r) => String(r.Type ?? "") === "Topic" && typeof r.Key === "string")
    .map((r) => ({
      Key: String(r.Key),
      Title: String(r.Title ?? ""),
      Type: "Topic",
      Unit: (r.Unit as string | null) ?? null
    }));
}

/** A CBS period code: `2020JJ00` (year), `2020MM03` (month), `2020KW01` (quarter). */
export function parsePeriode(v: unknown): {jaar: number; maand: number | null} | null {
  const m = /^((?:19|20)\d{2})(JJ00|MM(0[1-9]|1[0-2]))$/.exec(String(v ?? "").trim());
  if (!m) return null;
  return {jaar: Number(m[1]), maand: m[3] ? Number(m[3]) : null};
}

/** A count as CBS writes it: a number, or a missing marker (null, `.`, `x`, empty) as null; undefined when invalid. */
export function parseAantal(v: unknown): number | null | undefined {
  if (v == null) return null;
  if (typeof v === "number") return Number.isInteger(v) && v >= 0 ? v : undefined;
  const s = String(v).trim();
  if (["", ".", "x", "-", "?"].includes(s.toLowerCase())) return null;
  if (!/^\d+$/.test(s)) return undefined;
  return Number(s);
}

/** A fresh quality record of one CBS table file (rows read, accepted and rejected by reason). */
export function newQuality(file: string, detected: Record<string, string>): FileQuality {
  return {file, rowsRead: 0, rowsAccepted: 0, rejected: {}, warnings: [], detected: {...detected}};
}

/** Counts one rejected row under `reason`. */
export function reject(q: FileQuality, reason: string): void {
  q.rejected[reason] = (q.rejected[reason] ?? 0) + 1;
}

/** The column with one of `names`, or one Dutch message naming the file, what is missing and what is there. */
export function requireColumn(file: TableFile, label: string, names: string[], what: string): string {
  const col = findColumn(file.columns, ...names);
  if (!col) {
    throw new BronmapError(label, {
      line: 1,
      column: names[0],
      expected: `een kolom ${what} (${names.map((n) => `"${n}"`).join(" of ")})`,
      found: `de kolommen ${file.columns
        .slice(0, 6)
        .map((c) => `"${c}"`)
        .join(", ")}${file.columns.length > 6 ? ", ..." : ""}`
    });
  }
  return col;
}
