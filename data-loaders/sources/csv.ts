/**
 * Reading CSV files as Dutch tools export them (Excel, KvK, StatLine, GIS packages) into DuckDB:
 * separator `;` or `,` (detected from the header), UTF-8 with or without BOM or Windows-1252
 * (detected by validating the bytes as UTF-8), header names matched case-insensitively.
 * DuckDB does the parsing, in parallel and in C++, so files with millions of rows load in
 * seconds; JavaScript only looks at the first line and, for Windows-1252, transcodes by stream.
 */
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  openSync,
  readSync,
  closeSync,
  statSync
} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {pipeline} from "node:stream/promises";
import {Transform} from "node:stream";
import type {DuckDBConnection} from "@duckdb/node-api";
import {BronmapError} from "./types.ts";

/** Detected text encoding of a file. */
export type Encoding = "utf-8" | "utf-8-bom" | "windows-1252";

/**
 * Detects the encoding by decoding the whole file as strict UTF-8 in chunks: any invalid byte
 * sequence means the file is Windows-1252 (what Excel writes on Dutch Windows). Reading the file
 * once at disk speed is cheap next to parsing it, and checking only the start would miss a
 * `Coëvorden` on line 50,000.
 */
export async function detectEncoding(path: string): Promise<Encoding> {
  const head = readHead(path, 3);
  const bom = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const decoder = new TextDecoder("utf-8", {fatal: true});
  try {
    for await (const chunk of createReadStream(path, {highWaterMark: 1 << 20})) {
      decoder.decode(chunk as Buffer, {stream: true});
    }
    decoder.decode();
  } catch {
    return "windows-1252";
  }
  return bom ? "utf-8-bom" : "utf-8";
}

function readHead(path: string, bytes: number): Buffer {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Transcodes a Windows-1252 file to a UTF-8 temporary file (streamed), returning its path. */
export async function transcodeToUtf8(path: string): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), "bronmap-")), "utf8.csv");
  const decoder = new TextDecoder("windows-1252");
  await pipeline(
    createReadStream(path, {highWaterMark: 1 << 20}),
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        done(null, Buffer.from(decoder.decode(chunk, {stream: true}), "utf8"));
      }
    }),
    createWriteStream(out)
  );
  return out;
}

/** The first line of a (UTF-8) file, without BOM and line ending. */
export function readFirstLine(path: string): string {
  const buf = readHead(path, Math.min(65536, statSync(path).size));
  let text = buf.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const nl = text.search(/\r?\n/);
  return nl < 0 ? text : text.slice(0, nl);
}

/** Detects the separator from the header line: the most frequent of `;`, `,` and tab outside quotes. */
export function detectDelimiter(header: string): ";" | "," | "\t" {
  const counts = {";": 0, ",": 0, "\t": 0};
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  if (counts[";"] >= counts[","] && counts[";"] >= counts["\t"] && counts[";"] > 0) return ";";
  if (counts["\t"] > counts[","]) return "\t";
  return ",";
}

/** Splits a header line into trimmed, unquoted names. */
export function splitHeader(header: string, delimiter: string): string[] {
  const names: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const ch = header[i];
    if (ch === '"') {
      if (quoted && header[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === delimiter && !quoted) {
      names.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  names.push(cur.trim());
  return names;
}

/** Result of loading a CSV into a raw DuckDB table. */
export interface RawCsv {
  /**
   * Name of the DuckDB view to read: all columns VARCHAR (trimmed, empty as NULL), lower-cased
   * names, plus `_line` (1-based file line). Remove it with `dropCsvRaw`.
   */
  table: string;
  /** Lower-cased column names, in file order (without `_line`). */
  columns: string[];
  rows: number;
  /** Rows DuckDB could not parse (wrong number of fields, broken quotes): counted, not loaded. */
  unreadable: number;
  detected: Record<string, string>;
}

/** Drops what `loadCsvRaw` created (the view and the table behind it). */
export async function dropCsvRaw(connection: DuckDBConnection, raw: RawCsv): Promise<void> {
  await connection.run(`DROP VIEW IF EXISTS ${raw.table}; DROP TABLE IF EXISTS ${raw.table}_bron`);
}

/** Escapes a string for use as an SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Quotes an SQL identifier. */
export function sqlIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/**
 * Loads a CSV file into DuckDB table `table` with every column as VARCHAR (typing and validation
 * happen afterwards in SQL, so that a bad value becomes a counted rejection instead of a failed
 * load). `label` is the file name used in messages.
 */
export async function loadCsvRaw(
  connection: DuckDBConnection,
  path: string,
  table: string,
  label: string
): Promise<RawCsv> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new BronmapError(label, {expected: "een leesbaar bestand", found: "geen bestand"});
  }
  if (size === 0)
    throw new BronmapError(label, {
      line: 1,
      expected: "een kopregel met kolomnamen",
      found: "een leeg bestand"
    });
  const encoding = await detectEncoding(path);
  const readable = encoding === "windows-1252" ? await transcodeToUtf8(path) : path;
  const header = readFirstLine(readable);
  if (header.trim() === "") {
    throw new BronmapError(label, {
      line: 1,
      expected: "een kopregel met kolomnamen",
      found: "een lege regel"
    });
  }
  const delimiter = detectDelimiter(header);
  const names = splitHeader(header, delimiter).map((n) => n.toLowerCase());
  const seen = new Set<string>();
  names.forEach((n, i) => {
    if (n === "") {
      throw new BronmapError(label, {
        line: 1,
        column: i + 1,
        expected: "een kolomnaam",
        found: "een lege kolomnaam"
      });
    }
    if (seen.has(n))
      throw new BronmapError(label, {
        line: 1,
        column: n,
        expected: "unieke kolomnamen",
        found: `kolom "${n}" twee keer`
      });
    seen.add(n);
  });
  // Explicit names and VARCHAR types stop DuckDB from sniffing types (a postcode column would
  // otherwise become a number and lose its letters) and from renaming columns.
  const columnsSpec = `{${names.map((n) => `${sqlString(n)}: 'VARCHAR'`).join(", ")}}`;
  const sourceTable = `${table}_bron`;
  const rejectsTable = `${table}_rejects`;
  const rejectsScan = `${table}_rejects_scan`;
  try {
    // The values are stored as read and trimmed in a view: the line number needs the file order
    // (row_number() over the scan runs on one thread), and trimming twelve columns of a national
    // file inside that single-threaded step cost more than the read itself; through the view it
    // happens in the parallel scans that type the values.
    await connection.run(
      `CREATE OR REPLACE TABLE ${sourceTable} AS
       SELECT (row_number() OVER () + 1)::INTEGER AS _line, *
       FROM read_csv(${sqlString(readable)}, delim = ${sqlString(delimiter)}, header = true, quote = '"', escape = '"',
         columns = ${columnsSpec}, auto_detect = false, strict_mode = true, null_padding = false,
         store_rejects = true, rejects_table = ${sqlString(rejectsTable)}, rejects_scan = ${sqlString(rejectsScan)})`
    );
  } catch (e) {
    throw new BronmapError(label, {
      expected: "een leesbaar CSV-bestand",
      found: `een leesfout (${String((e as Error).message).split("\n")[0]})`
    });
  }
  await connection.run(
    `CREATE OR REPLACE VIEW ${table} AS SELECT _line, ${names.map((n) => `NULLIF(trim(${sqlIdent(n)}), '') AS ${sqlIdent(n)}`).join(", ")} FROM ${sourceTable}`
  );
  const rows = Number(
    (await connection.runAndReadAll(`SELECT count(*) FROM ${sourceTable}`)).getRows()[0][0]
  );
  const rejectLines = (
    await connection.runAndReadAll(`SELECT DISTINCT line FROM ${rejectsTable} ORDER BY line`)
  )
    .getRows()
    .map((r) => Number(r[0]));
  const unreadable = rejectLines.length;
  // Unreadable lines are skipped, so the row numbers after them are one short per skipped line;
  // shift them back (ascending, so each shift sees the corrected numbers). With very many broken
  // lines (each shift is a pass over the table) approximate line numbers are acceptable.
  if (unreadable <= 20) {
    for (const line of rejectLines)
      await connection.run(`UPDATE ${sourceTable} SET _line = _line + 1 WHERE _line >= ${line}`);
  }
  await connection.run(`DROP TABLE IF EXISTS ${rejectsTable}; DROP TABLE IF EXISTS ${rejectsScan}`);
  return {
    table,
    columns: names,
    rows,
    unreadable,
    detected: {encoding, scheidingsteken: delimiter === "\t" ? "tab" : delimiter}
  };
}
