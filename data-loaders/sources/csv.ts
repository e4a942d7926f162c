/**
 * Reading CSV files as Dutch tools export them (Excel, KvK, StatLine, GIS packages) into DuckDB:
 * separator `;`, `,` or tab (detected from the header, or given by Excel's `sep=;` first line),
 * UTF-8 with or without BOM or Windows-1252 (see text-scan.ts), LF, CRLF or CR line ends,
 * header names matched case-insensitively. DuckDB does the parsing, in parallel and in C++, so
 * files with millions of rows load in seconds; JavaScript scans the bytes once first (encoding,
 * where records begin) so that every message names the line an editor shows, and no row is lost
 * without being counted.
 *
 * No plain-text copy of a register is made when DuckDB can read the file itself: UTF-8 as it is,
 * Windows-1252 through DuckDB's latin-1 decoder (the same characters for every byte outside
 * 0x80-0x9F). Only a Windows-1252 file with one of the 27 characters in 0x80-0x9F (€, ’, “, –,
 * ...) is transcoded, into a private folder (0700) that is removed right after the read, on
 * failure and on interruption (private-temp.ts).
 */
import {
  closeSync,
  createReadStream,
  createWriteStream,
  lstatSync,
  openSync,
  readSync,
  statSync
} from "node:fs";
import {join} from "node:path";
import {pipeline} from "node:stream/promises";
import {Transform} from "node:stream";
import type {DuckDBConnection} from "@duckdb/node-api";
import {withPrivateTempDir} from "./private-temp.ts";
import {decodeAs, scanTextFile, sniffHead, type Encoding, type TextScan} from "./text-scan.ts";
import {BronmapError} from "./types.ts";

export type {Encoding} from "./text-scan.ts";

/**
 * Detects the encoding of a file (see text-scan.ts): UTF-8 (with or without BOM) or Windows-1252;
 * throws `BronmapError` for a file that is neither.
 */
export async function detectEncoding(path: string): Promise<Encoding> {
  return scanTextFile(path, {label: path}).encoding;
}

/** Rows longer than this are rejected ("regel te lang"); DuckDB's own limit is 2 MiB. */
export const MAX_ROW_BYTES = 2 ** 20;
/** A header line longer than this is not a header (a file without line breaks, say). */
export const MAX_HEADER_BYTES = 16 * 2 ** 20;
/** A single row longer than this stops the read: DuckDB would need a buffer of twice its size. */
export const MAX_UNIT_BYTES = 256 * 2 ** 20;

/**
 * Checks that `path` is a readable regular file (following a symbolic link); throws naming
 * what is there instead. Returns its size in bytes.
 */
export function fileSizeOrThrow(path: string, label: string, expected: string): number {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    let dangling = false;
    try {
      dangling = lstatSync(path).isSymbolicLink();
    } catch {
      /* nothing there at all */
    }
    throw new BronmapError(label, {
      expected,
      found: dangling
        ? "een snelkoppeling (symbolische link) naar een bestand dat niet bestaat"
        : (e as NodeJS.ErrnoException).code === "EACCES"
          ? "een bestand zonder leesrechten"
          : "geen bestand"
    });
  }
  if (st.isDirectory()) throw new BronmapError(label, {expected, found: "een map"});
  if (!st.isFile()) throw new BronmapError(label, {expected, found: "iets anders dan een gewoon bestand"});
  return st.size;
}

/** Transcodes a Windows-1252 file to UTF-8 at `out` (streamed). */
async function transcodeToUtf8(path: string, out: string): Promise<void> {
  const decoder = new TextDecoder("windows-1252");
  await pipeline(
    createReadStream(path, {highWaterMark: 1 << 20}),
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        done(null, Buffer.from(decoder.decode(chunk, {stream: true}), "utf8"));
      }
    }),
    createWriteStream(out, {mode: 0o600})
  );
}

/**
 * The first one or two records of a file as bytes (a record ends at a line break outside
 * double quotes), for the header and Excel's `sep=` line. Throws when the first record is longer
 * than `MAX_HEADER_BYTES`.
 */
export function readLeadingRecords(path: string, label: string, count: number): Buffer[] {
  const fd = openSync(path, "r");
  try {
    const out: Buffer[] = [];
    const chunks: Buffer[] = [];
    let quoted = false;
    let start = 0; // offset of the current record in the concatenated chunks
    let total = 0;
    let skipLf = false;
    for (;;) {
      const buf = Buffer.allocUnsafe(1 << 16);
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const chunk = buf.subarray(0, n);
      if (total === 0) sniffHead(chunk, label, "een CSV-bestand (tekst in UTF-8 of Windows-1252)");
      chunks.push(chunk);
      for (let i = 0; i < n; i++) {
        const b = chunk[i];
        if (skipLf) {
          skipLf = false;
          if (b === 0x0a) {
            start = total + i + 1;
            continue;
          }
        }
        if (b === 0x22) quoted = !quoted;
        else if (!quoted && (b === 0x0a || b === 0x0d)) {
          out.push(Buffer.concat(chunks).subarray(start, total + i));
          if (out.length === count) return out;
          start = total + i + 1;
          skipLf = b === 0x0d;
        }
      }
      total += n;
      if (total - start > MAX_HEADER_BYTES) {
        throw new BronmapError(label, {
          line: out.length + 1,
          expected: `een kopregel van hoogstens ${MAX_HEADER_BYTES / 2 ** 20} MB`,
          found: `een regel van meer dan ${MAX_HEADER_BYTES / 2 ** 20} MB zonder regeleinde`
        });
      }
    }
    if (total > start) out.push(Buffer.concat(chunks).subarray(start, total));
    return out;
  } finally {
    closeSync(fd);
  }
}

/** Decodes a few bytes of a file whose encoding is not known yet: UTF-8 if valid, else Windows-1252. */
function decodeGuess(bytes: Buffer): string {
  try {
    const t = new TextDecoder("utf-8", {fatal: true}).decode(bytes);
    return t.charCodeAt(0) === 0xfeff ? t.slice(1) : t;
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
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
   * names, plus `_line` (the file line the record starts on, as an editor counts it). Remove it
   * with `dropCsvRaw`.
   */
  table: string;
  /** Lower-cased column names, in file order (without `_line`). */
  columns: string[];
  /** Rows in the view. */
  rows: number;
  /** Rows rejected while reading, all reasons together (= the sum of `rejected`). */
  unreadable: number;
  /** Rows rejected while reading, per reason (`onleesbare regel`, `regel te lang`). */
  rejected: Record<string, number>;
  /** Remarks for the data-quality report (fields spanning lines, control characters). */
  warnings: string[];
  detected: Record<string, string>;
  /** Line of the header (2 after Excel's `sep=` line). */
  headerLine: number;
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

const nl = new Intl.NumberFormat("nl-NL");
/** Spaces trimmed around every value: space, tab and the no-break space Excel and web copies leave. */
export const TRIM_CHARS = "' \t\u00a0'";
/**
 * SQL: `v` trimmed of TRIM_CHARS. `trim` with a set of characters (the no-break space is not
 * ASCII) cost ~4 s CPU over the 35 million values of the national vestigingen; nearly every value
 * has nothing to trim, and prefix and suffix LIKE patterns (byte comparisons) find the few that
 * do. A value neither starting nor ending with one of the characters is its own trim, so the
 * result is the same.
 */
export function sqlTrim(v: string): string {
  const chars = [" ", "\t", "\u00a0"];
  const edges = chars.flatMap((ch) => [`${v} LIKE '${ch}%'`, `${v} LIKE '%${ch}'`]).join(" OR ");
  return `CASE WHEN ${edges} THEN trim(${v}, ${TRIM_CHARS}) ELSE ${v} END`;
}
/**
 * Above this many columns the plain trim: the guarded form is seven expressions per column, and a
 * file of thousands of columns (the malformed corpus has one of 7,000) spent its time binding them.
 */
const WIDE_CSV = 256;
/** Column names the readers use themselves. */
const RESERVED = new Set(["_line", "_rec"]);
const mb = (bytes: number) => `${nl.format(Math.round((bytes / 2 ** 20) * 10) / 10)} MB`;

/**
 * Loads a CSV file into DuckDB table `table` with every column as VARCHAR (typing and validation
 * happen afterwards in SQL, so that a bad value becomes a counted rejection instead of a failed
 * load). `label` is the file name used in messages.
 */
/** The header of a CSV file as `loadCsvRaw` reads it, before the byte scan. */
interface CsvHead {
  size: number;
  sepLine: RegExpExecArray | null;
  headerLine: number;
  headerBytes: Buffer;
  header: string;
  delimiter: string;
}

/**
 * The header of the CSV file at `path` (after Excel's optional `sep=;` line, which also fixes the
 * separator), with the messages of `loadCsvRaw` for an empty file, an empty header or a
 * separator that cannot be one.
 */
function readCsvHead(path: string, label: string): CsvHead {
  const size = fileSizeOrThrow(path, label, "een CSV-bestand");
  if (size === 0)
    throw new BronmapError(label, {
      line: 1,
      expected: "een kopregel met kolomnamen",
      found: "een leeg bestand"
    });
  const leading = readLeadingRecords(path, label, 2);
  const first = decodeGuess(leading[0] ?? Buffer.alloc(0));
  const sepLine = /^sep=(.)\s*$/i.exec(first);
  const headerLine = sepLine ? 2 : 1;
  const headerBytes = sepLine ? (leading[1] ?? Buffer.alloc(0)) : leading[0];
  const header = decodeGuess(headerBytes);
  if (header.trim() === "") {
    throw new BronmapError(label, {
      line: headerLine,
      expected: "een kopregel met kolomnamen",
      found: "een lege regel"
    });
  }
  const delimiter = sepLine ? sepLine[1] : detectDelimiter(header);
  if (delimiter.charCodeAt(0) > 0x7e || delimiter === '"') {
    throw new BronmapError(label, {
      line: 1,
      expected: "een scheidingsteken als ; , of tab",
      found: `"${first.trim()}"`
    });
  }
  return {size, sepLine, headerLine, headerBytes, header, delimiter};
}

/**
 * The read of a CSV file as UTF-8 on the header as guessed (see `loadCsvRaw`), into
 * `${table}_bron`: resolves to the DuckDB line numbers of the rejected lines, or to the error of
 * the read (it never rejects). DuckDB keeps its rejects in temporary tables of the connection
 * that read, so they are read (and dropped) here, on that connection.
 */
async function readAhead(
  connection: DuckDBConnection,
  path: string,
  names: readonly string[],
  options: readonly string[],
  table: string
): Promise<number[] | Error> {
  try {
    await readCsv(connection, path, "utf-8", names, options, `${table}_bron`);
    return await rejectOrdinalsOf(connection, table);
  } catch (e) {
    await connection
      .run(`DROP TABLE IF EXISTS ${table}_rejects; DROP TABLE IF EXISTS ${table}_rejects_scan`)
      .catch(() => undefined);
    return e instanceof Error ? e : new Error("leesfout");
  }
}

/** The DuckDB line numbers of the lines the read into `${table}_bron` rejected; drops the rejects tables. */
async function rejectOrdinalsOf(connection: DuckDBConnection, table: string): Promise<number[]> {
  // DuckDB numbers its lines by line breaks outside quotes, blank lines included; the file line
  // an editor shows also counts the line breaks inside quoted fields.
  const ordinals = (
    await connection.runAndReadAll(
      `SELECT DISTINCT line FROM ${table}_rejects WHERE line IS NOT NULL ORDER BY line`
    )
  )
    .getRows()
    .map((r) => Number(r[0]));
  await connection.run(`DROP TABLE IF EXISTS ${table}_rejects; DROP TABLE IF EXISTS ${table}_rejects_scan`);
  return ordinals;
}

/**
 * A CSV read started ahead of `loadCsvRaw` (`prefetchCsvRaw`), on a connection of its own, so
 * that DuckDB reads a large register file on its threads while JavaScript does other work.
 */
export interface CsvPrefetch {
  path: string;
  table: string;
  delimiter: string;
  sepLine: boolean;
  names: readonly string[];
  /** The reject line numbers, or the error of the read; never rejects. */
  result: Promise<number[] | Error>;
}

/**
 * Starts the UTF-8 read that `loadCsvRaw(…, path, table, …)` would start itself, on `connection`
 * (another connection of the same database), and returns it to be passed to `loadCsvRaw`; null
 * when `loadCsvRaw` would not start one (any problem with the header: `loadCsvRaw` then finds and
 * names it, in its own turn). Nothing is reported from here: `loadCsvRaw` does every check and
 * keeps the read only when the byte scan confirms it, exactly as for its own early read. Await
 * `result` before closing the connection.
 */
export function prefetchCsvRaw(
  connection: DuckDBConnection,
  path: string,
  table: string,
  label: string
): CsvPrefetch | null {
  let head: CsvHead;
  try {
    head = readCsvHead(path, label);
  } catch {
    return null;
  }
  const names = splitHeader(head.header, head.delimiter).map((n) => n.toLowerCase());
  if (columnNameProblem(names, head.headerLine, label) !== null) return null;
  const options = baseOptions(head.delimiter, head.sepLine != null, names, table);
  return {
    path,
    table,
    delimiter: head.delimiter,
    sepLine: head.sepLine != null,
    names,
    result: readAhead(connection, path, names, options, table)
  };
}

/**
 * Loads a CSV file into DuckDB table `table` with every column as VARCHAR (typing and validation
 * happen afterwards in SQL, so that a bad value becomes a counted rejection instead of a failed
 * load). `label` is the file name used in messages. `prefetch`: the read started ahead for this
 * file by `prefetchCsvRaw`, used as this function's own early read when it read the same way.
 */
export async function loadCsvRaw(
  connection: DuckDBConnection,
  path: string,
  table: string,
  label: string,
  prefetch: CsvPrefetch | null = null
): Promise<RawCsv> {
  const sourceTable = `${table}_bron`;
  const rejectsTable = `${table}_rejects`;
  const rejectsScan = `${table}_rejects_scan`;
  const dropRead = () =>
    connection.run(
      `DROP TABLE IF EXISTS ${sourceTable}; DROP TABLE IF EXISTS ${rejectsTable}; DROP TABLE IF EXISTS ${rejectsScan}`
    );
  let head: CsvHead;
  try {
    head = readCsvHead(path, label);
  } catch (e) {
    if (prefetch) {
      await prefetch.result;
      await connection.run(`DROP TABLE IF EXISTS ${prefetch.table}_bron`);
    }
    throw e;
  }
  const {size, sepLine, headerLine, headerBytes, delimiter} = head;
  let header = head.header;
  // DuckDB reads the file as UTF-8 (the usual case) while JavaScript scans its bytes, on the
  // header as guessed; the read is kept only when the scan confirms what it assumed (UTF-8, no
  // row that needs a larger buffer, the same column names) and is otherwise dropped and redone
  // as below. The scan's own checks come first either way, after the read has finished. A read
  // started ahead (`prefetch`) on the same header serves as this read.
  const guessed = splitHeader(header, delimiter).map((n) => n.toLowerCase());
  const nameProblem = columnNameProblem(guessed, headerLine, label);
  let early: Promise<number[] | Error> | null = null;
  if (prefetch) {
    const same =
      nameProblem === null &&
      prefetch.path === path &&
      prefetch.table === table &&
      prefetch.delimiter === delimiter &&
      prefetch.sepLine === (sepLine != null) &&
      prefetch.names.length === guessed.length &&
      prefetch.names.every((n, i) => n === guessed[i]);
    if (same) early = prefetch.result;
    else {
      // Its rejects went with its read (readAhead); its table goes here.
      await prefetch.result;
      await connection.run(`DROP TABLE IF EXISTS ${prefetch.table}_bron`);
    }
  }
  if (!early && nameProblem === null)
    early = readAhead(
      connection,
      path,
      guessed,
      baseOptions(delimiter, sepLine != null, guessed, table),
      table
    );
  let scan: TextScan;
  let names: string[];
  try {
    scan = scanTextFile(path, {label, delimiter, longUnitBytes: MAX_ROW_BYTES});
    header = decodeAs(headerBytes, scan.encoding);
    if (scan.openQuote && scan.openQuote.lines > 1) {
      throw new BronmapError(label, {
        line: scan.openQuote.line,
        expected: 'een afsluitend aanhalingsteken (") voor het eind van het veld',
        found: `een aanhalingsteken dat tot het eind van het bestand open blijft (${nl.format(scan.openQuote.lines)} regels)`
      });
    }
    const tooLong = scan.longUnits.find((u) => u.bytes > MAX_UNIT_BYTES);
    if (tooLong) {
      throw new BronmapError(label, {
        line: tooLong.line,
        expected: `regels van hoogstens ${mb(MAX_ROW_BYTES)}`,
        found: `een regel van ${mb(tooLong.bytes)}`
      });
    }
    names = splitHeader(header, delimiter).map((n) => n.toLowerCase());
    const problem = columnNameProblem(names, headerLine, label);
    if (problem) throw problem;
  } catch (e) {
    if (early) {
      await early;
      await dropRead();
    }
    throw e;
  }
  const needsLargeBuffer = scan.maxUnitBytes + 1024 > 2 ** 21;
  let done = false;
  let earlyOrdinals: number[] = [];
  if (early) {
    const read = await early;
    if (Array.isArray(read)) earlyOrdinals = read;
    done =
      Array.isArray(read) &&
      scan.encoding !== "windows-1252" &&
      !needsLargeBuffer &&
      names.length === guessed.length &&
      names.every((n, i) => n === guessed[i]);
    if (!done) await dropRead();
  }
  const options = baseOptions(delimiter, sepLine != null, names, table);
  // DuckDB silently drops a row longer than its buffer (16 times max_line_size): room for the
  // longest row, which is then rejected below with its own reason.
  if (needsLargeBuffer) {
    const max = scan.maxUnitBytes + 1024;
    options.push(`max_line_size = ${max}`, `buffer_size = ${Math.max(2 ** 25, 2 * max)}`);
  }
  const read = (file: string, encoding: "utf-8" | "latin-1"): Promise<void> =>
    readCsv(connection, file, encoding, names, options, sourceTable);
  try {
    if (done) {
      /* read already, as UTF-8 */
    } else if (scan.encoding !== "windows-1252") await read(path, "utf-8");
    else if (!scan.hasC1) await read(path, "latin-1");
    else
      await withPrivateTempDir(async (dir) => {
        const copy = join(dir, "utf8.csv");
        await transcodeToUtf8(path, copy);
        await read(copy, "utf-8");
      });
  } catch (e) {
    const msg = String((e as Error).message).split("\n")[0];
    if (/out of memory|could not allocate/i.test(msg)) {
      throw new BronmapError(label, {
        expected: "een bestand dat in het geheugen van deze computer past",
        found: `een bestand van ${mb(size)} waarvoor het geheugen niet genoeg was; lees het op een computer met meer geheugen of splits het`
      });
    }
    throw new BronmapError(label, {
      expected: "een leesbaar CSV-bestand",
      found: `een leesfout (${msg})`
    });
  }
  const rejectOrdinals = done ? earlyOrdinals : await rejectOrdinalsOf(connection, table);
  const rows0 = Number(
    (await connection.runAndReadAll(`SELECT count(*) FROM ${sourceTable}`)).getRows()[0][0]
  );
  const skipped = new Set<number>([...Array.from({length: headerLine}, (_, i) => i + 1), ...rejectOrdinals]);
  for (const b of scan.blankUnits) skipped.add(b);
  const lineExpr = await addLineNumbers(
    connection,
    sourceTable,
    [...skipped].sort((a, b) => a - b),
    scan
  );

  const rejected: Record<string, number> = {};
  const warnings: string[] = [];
  const count = (reason: string, n: number) => {
    if (n > 0) rejected[reason] = (rejected[reason] ?? 0) + n;
  };
  count("onleesbare regel", rejectOrdinals.length);
  // Rows over MAX_ROW_BYTES that DuckDB did read are rejected here (by their first line).
  const rejectedSet = new Set(rejectOrdinals);
  const longLines = scan.longUnits.filter((u) => !rejectedSet.has(u.ordinal)).map((u) => u.line);
  if (longLines.length) {
    const n = Number(
      (
        await connection.runAndReadAll(
          `DELETE FROM ${sourceTable} WHERE ${lineExpr} IN (${longLines.join(", ")}) RETURNING 1`
        )
      ).getRows().length
    );
    count("regel te lang", n);
    warnings.push(
      `${nl.format(n)} regel${n === 1 ? "" : "s"} langer dan ${mb(MAX_ROW_BYTES)} afgewezen (eerste op regel ${longLines[0]})`
    );
  }
  const rows = rows0 - (rejected["regel te lang"] ?? 0);
  // Every record the scan found must be a row or a rejection: a difference is counted, never lost.
  const headerUnits = headerLine;
  const blankData = scan.blankUnits.filter((b) => b > headerUnits).length;
  const expectedRecords = scan.units - headerUnits - blankData;
  const accounted = rows0 + rejectOrdinals.length;
  if (accounted < expectedRecords) {
    count("onleesbare regel", expectedRecords - accounted);
    warnings.push(
      `${nl.format(expectedRecords - accounted)} regels konden niet worden gelezen en zijn als onleesbaar geteld`
    );
  }
  const spanning = scan.multiLine.filter((m) => m.ordinal > headerUnits);
  const spanningRejected = spanning.filter((m) => rejectedSet.has(m.ordinal));
  if (spanning.length > spanningRejected.length) {
    const first = spanning.find((m) => !rejectedSet.has(m.ordinal))!;
    warnings.push(
      `${nl.format(spanning.length - spanningRejected.length)} veld(en) tussen aanhalingstekens lopen over meer regels (eerste op regel ${first.line}); controleer of daar geen aanhalingsteken ontbreekt`
    );
  }
  if (spanningRejected.length) {
    const m = spanningRejected[0];
    warnings.push(
      `regel ${m.line}: een aanhalingsteken opent een veld dat pas ${m.extra} regel${m.extra === 1 ? "" : "s"} verder sluit; die regels zijn samen als één onleesbare regel afgewezen${spanningRejected.length > 1 ? ` (en nog ${spanningRejected.length - 1} keer)` : ""}`
    );
  }
  if (scan.controls.count > 0)
    warnings.push(
      `${nl.format(scan.controls.count)} stuurteken(s) (bijvoorbeeld Ctrl-Z) in de tekst, eerste op regel ${scan.controls.line}`
    );

  await connection.run(
    `CREATE OR REPLACE VIEW ${table} AS SELECT ${lineExpr} AS _line, ${names.map((n, i) => `_c${i} AS ${sqlIdent(n)}`).join(", ")} FROM ${sourceTable}`
  );
  const unreadable = Object.values(rejected).reduce((a, b) => a + b, 0);
  const detected: Record<string, string> = {
    encoding: scan.encoding,
    scheidingsteken: delimiter === "\t" ? "tab" : delimiter
  };
  if (scan.lineEnding === "CR" || scan.lineEnding === "gemengd") detected.regeleinden = scan.lineEnding;
  if (sepLine) detected["sep-regel"] = "ja (Excel)";
  if (scan.encoding === "windows-1252")
    detected.omzetting = scan.hasC1
      ? "via een tijdelijke kopie in een privémap, direct daarna verwijderd"
      : "door DuckDB zelf, zonder kopie";
  return {table, columns: names, rows, unreadable, rejected, warnings, detected, headerLine};
}

/**
 * Why these column names (lower case, in file order) cannot be read, as the error to throw, or
 * null when they are fine: an empty name, a name the readers use themselves, a name twice.
 */
function columnNameProblem(names: readonly string[], headerLine: number, label: string): BronmapError | null {
  const seen = new Set<string>();
  for (const [i, n] of names.entries()) {
    if (n === "")
      return new BronmapError(label, {
        line: headerLine,
        column: i + 1,
        expected: "een kolomnaam",
        found: "een lege kolomnaam"
      });
    if (RESERVED.has(n))
      return new BronmapError(label, {
        line: headerLine,
        column: n,
        expected: "kolomnamen die niet met een liggend streepje beginnen zoals _line en _rec",
        found: `kolom "${n}"`
      });
    if (seen.has(n))
      return new BronmapError(label, {
        line: headerLine,
        column: n,
        expected: "unieke kolomnamen",
        found: `kolom "${n}" twee keer`
      });
    seen.add(n);
  }
  return null;
}

/** The `read_csv` options of `loadCsvRaw` for these column names (all VARCHAR). */
function baseOptions(delimiter: string, sepLine: boolean, names: readonly string[], table: string): string[] {
  // Explicit names and VARCHAR types stop DuckDB from sniffing types (a postcode column would
  // otherwise become a number and lose its letters) and from renaming columns.
  const columnsSpec = `{${names.map((n) => `${sqlString(n)}: 'VARCHAR'`).join(", ")}}`;
  return [
    `delim = ${sqlString(delimiter)}`,
    "header = true",
    `skip = ${sepLine ? 1 : 0}`,
    `quote = '"'`,
    `escape = '"'`,
    `columns = ${columnsSpec}`,
    "auto_detect = false",
    "strict_mode = true",
    "null_padding = false",
    "store_rejects = true",
    `rejects_table = ${sqlString(`${table}_rejects`)}`,
    `rejects_scan = ${sqlString(`${table}_rejects_scan`)}`
  ];
}

/** Reads `file` into table `into`: every column trimmed, empty as NULL, stored by position (_c0, _c1, ...). */
async function readCsv(
  connection: DuckDBConnection,
  file: string,
  encoding: "utf-8" | "latin-1",
  names: readonly string[],
  options: readonly string[],
  into: string
): Promise<void> {
  // Trimmed (empty as NULL) once, while reading, in DuckDB's parallel scan: every later check
  // and the typing read the column again, and trimming it each time cost more than the parse.
  // The record number is the table's rowid + 1: the table keeps the file's order (as a
  // row_number() over the scan did, which was one more pass, on one thread). The columns are
  // stored by position (_c0, _c1, ...), so that no name in the file can hide the rowid.
  await connection.run(
    `CREATE OR REPLACE TABLE ${into} AS
     SELECT ${names.map((n, i) => `NULLIF(${names.length <= WIDE_CSV ? sqlTrim(sqlIdent(n)) : `trim(${sqlIdent(n)}, ${TRIM_CHARS})`}, '') AS _c${i}`).join(", ")}
     FROM read_csv(${sqlString(file)}, encoding = ${sqlString(encoding)}, ${options.join(", ")})`
  );
}

/**
 * The file line each record of `sourceTable` starts on, as an SQL expression over its columns.
 * Accepted records are numbered 1, 2, ... (`rowid + 1`) in file order; `skipped` holds the DuckDB
 * line numbers (units) that are no row: the header (and `sep=` line), blank lines and rejected
 * lines. The k-th skipped unit s_k has s_k - k rows before it, so row r is unit
 * r + #{k : s_k - k < r}; a unit's file line adds the line breaks inside quoted fields of the
 * units before it. In the usual file (nothing skipped after the header, no field spanning lines)
 * that is the rowid plus a constant; otherwise the table is rebuilt once with a `_line` column from
 * two ASOF joins, exact for any number of skipped units.
 */
async function addLineNumbers(
  connection: DuckDBConnection,
  sourceTable: string,
  skipped: number[],
  scan: TextScan
): Promise<string> {
  const gaps = skipped.map((s, i) => [s - (i + 1), i + 1] as const);
  const spans: [number, number][] = [];
  let cum = 0;
  for (const m of scan.multiLine) {
    cum += m.extra;
    spans.push([m.ordinal, cum]);
  }
  if (gaps.every(([a]) => a === 0) && spans.length === 0) return `(rowid + ${1 + skipped.length})::INTEGER`;
  const values = (rows: readonly (readonly [number, number])[]) =>
    rows.length ? rows.map(([a, b]) => `(${a}, ${b})`).join(", ") : "(-1, 0)";
  const t = `${sourceTable}_lijn`;
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${t}_gaps AS SELECT a, max(k) AS k FROM (VALUES ${values(gaps)}) v(a, k) GROUP BY a;
     CREATE OR REPLACE TEMP TABLE ${t}_spans AS SELECT * FROM (VALUES ${values(spans)}) v(o, cum);
     CREATE OR REPLACE TABLE ${t} AS
       SELECT (u._ord + COALESCE(s.cum, 0))::INTEGER AS _line, u.* EXCLUDE (_ord)
       FROM (SELECT x.*, x.rowid + 1 + COALESCE(g.k, 0) AS _ord FROM ${sourceTable} x
             ASOF LEFT JOIN ${t}_gaps g ON x.rowid + 1 > g.a) u
       ASOF LEFT JOIN ${t}_spans s ON u._ord > s.o;
     DROP TABLE ${sourceTable};
     ALTER TABLE ${t} RENAME TO ${sourceTable};
     DROP TABLE ${t}_gaps; DROP TABLE ${t}_spans`
  );
  return "_line";
}
