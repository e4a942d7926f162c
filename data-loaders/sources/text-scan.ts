/**
 * One pass over the bytes of a bronmap text file, before anything parses it: which encoding it
 * is in (and whether it is text at all), how many lines an editor shows, and, for a CSV, where
 * its records begin and end. The pass runs in JavaScript at disk speed: runs of ordinary ASCII
 * bytes (separators included) are skipped four bytes at a time, and only quotes, line breaks,
 * control characters and non-ASCII bytes do work.
 *
 * Encodings (docs/eigen-data.md): UTF-8, with or without BOM, or Windows-1252 (what Excel
 * writes on a Dutch Windows). A file that is valid UTF-8 is UTF-8. A file that is not is
 * Windows-1252 only when that is plausible: no valid UTF-8 sequence anywhere (one stray byte in
 * a UTF-8 file would otherwise turn "Één" into "Ã‰Ã©n" everywhere), no byte that Windows-1252
 * leaves undefined, no NUL. UTF-16 and UTF-32 (by their BOM), spreadsheets, archives and PDFs
 * are recognised by their first bytes and named in the message.
 *
 * Records (CSV): a line break ends a record unless it lies inside a quoted field. The numbering
 * of `units` follows DuckDB's CSV reader, which the readers use for the parsing itself: every
 * line break outside quotes ends a unit, empty units (blank lines) included, so that the line
 * numbers in DuckDB's rejects table can be translated back to the lines an editor shows.
 */
import {isAscii, isUtf8} from "node:buffer";
import {closeSync, openSync, readSync} from "node:fs";
import {BronmapError} from "./types.ts";

/** Detected text encoding of a file. */
export type Encoding = "utf-8" | "utf-8-bom" | "windows-1252";

/** A record (unit) that spans more than one line of the file. */
export interface MultiLineUnit {
  /** 1-based unit number (DuckDB's line number). */
  ordinal: number;
  /** File line (as an editor counts) on which it starts. */
  line: number;
  /** Line breaks inside it (quoted). */
  extra: number;
}

/** What one pass over a file found. */
export interface TextScan {
  bytes: number;
  encoding: Encoding;
  /** Windows-1252 bytes 0x80-0x9F (€, ’, “, –, ...): DuckDB's latin-1 decoder refuses them. */
  hasC1: boolean;
  /** Lines as an editor counts them (LF, CRLF and CR each end one). */
  lines: number;
  lineEnding: "LF" | "CRLF" | "CR" | "gemengd" | "geen";
  /** Bytes 0x01-0x1F other than tab, LF, CR: count and first line. */
  controls: {count: number; line: number};
  /** CSV only (with a delimiter): units as DuckDB counts them. */
  units: number;
  /** Units without any byte (blank lines), 1-based. */
  blankUnits: number[];
  /** Units that span several lines because a quoted field holds a line break. */
  multiLine: MultiLineUnit[];
  /** Units longer than `longUnitBytes`, with their length. */
  longUnits: {ordinal: number; line: number; bytes: number}[];
  maxUnitBytes: number;
  /** A quote still open at the end of the file: the unit and line where it opened. */
  openQuote: {ordinal: number; line: number; lines: number} | null;
}

export interface ScanOptions {
  /** The CSV delimiter (one byte); without it only encoding and lines are scanned. */
  delimiter?: string;
  /** Units longer than this are listed in `longUnits` (default 1 MiB). */
  longUnitBytes?: number;
  /** Label for messages (path relative to the bronmap). */
  label: string;
}

const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, "0")}`;

/** Recognises files that are not text by their first bytes; throws naming what they are. */
export function sniffHead(head: Buffer, label: string, expected: string): void {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  let found: string | null = null;
  if (starts(0xff, 0xfe, 0, 0) || starts(0, 0, 0xfe, 0xff)) found = "UTF-32 (herkend aan de BOM)";
  else if (starts(0xff, 0xfe) || starts(0xfe, 0xff))
    found =
      "UTF-16 (herkend aan de BOM; Excel schrijft dat bij 'Unicode-tekst'); sla het bestand op in UTF-8 (in Excel: 'CSV UTF-8')";
  else if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06))
    found = "een zip-bestand of Excel-werkmap (.xlsx); sla het in Excel op als 'CSV UTF-8'";
  else if (starts(0xd0, 0xcf, 0x11, 0xe0))
    found = "een oude Excel-werkmap (.xls); sla het in Excel op als 'CSV UTF-8'";
  else if (starts(0x1f, 0x8b)) found = "een gzip-bestand; pak het eerst uit";
  else if (starts(0x25, 0x50, 0x44, 0x46)) found = "een PDF-bestand";
  if (found) throw new BronmapError(label, {expected, found});
}

// Byte classes of the scanner. 0 = nothing to do.
const ORDINARY = 0,
  QUOTE = 1,
  LF = 3,
  CR = 4,
  HIGH = 5,
  NUL = 6,
  CTRL = 7;

function classTable(delimiter: number | null): Uint8Array {
  const t = new Uint8Array(256);
  for (let b = 0x80; b < 256; b++) t[b] = HIGH;
  for (let b = 1; b < 0x20; b++) t[b] = CTRL;
  t[0] = NUL;
  t[0x09] = ORDINARY;
  t[0x0a] = LF;
  t[0x0d] = CR;
  if (delimiter != null) {
    t[0x22] = QUOTE;
    // The separator changes nothing but where a field starts, which only a quote asks (and it
    // can see that from the byte before it): it is skipped with the ordinary bytes, ~13 times a
    // line less through the switch below.
    t[delimiter] = ORDINARY;
  }
  return t;
}

const NO_WORDS = new Int32Array(0);

/** Bytes Windows-1252 leaves undefined. */
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Scans a whole file (see the module comment). Throws `BronmapError` when the file is not text
 * in UTF-8 or Windows-1252, naming the line of the first offending byte.
 */
export function scanTextFile(path: string, options: ScanOptions): TextScan {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    return scanChunks(function* () {
      for (;;) {
        const n = readSync(fd, buf, 0, buf.length, null);
        if (n === 0) return;
        yield buf.subarray(0, n);
      }
    }, options);
  } finally {
    closeSync(fd);
  }
}

/** The same scan over bytes already in memory. */
export function scanTextBytes(bytes: Uint8Array, options: ScanOptions): TextScan {
  return scanChunks(function* () {
    for (let i = 0; i < bytes.length; i += 1 << 24) yield bytes.subarray(i, i + (1 << 24));
  }, options);
}

function scanChunks(chunks: () => Iterable<Uint8Array>, options: ScanOptions): TextScan {
  const {label} = options;
  const longLimit = options.longUnitBytes ?? 2 ** 20;
  const delimiter = options.delimiter != null ? options.delimiter.charCodeAt(0) : null;
  const csv = delimiter != null;
  const cls = classTable(delimiter);
  // Lines and units.
  let line = 1;
  let lf = 0,
    crlf = 0,
    cr = 0;
  let pendingCR = false; // the previous byte was a CR (a following LF belongs to it)
  let unit = 1;
  let unitStart = 0; // byte offset where the current unit starts
  let unitLine = 1;
  let unitExtra = 0;
  let fieldStart = 0; // byte offset where the current unit starts, for a quote (see QUOTE below)
  let inQuotes = false;
  let quoteInQuotes = false; // a quote inside quotes that may be the first of "" (decided by the next byte)
  const blankUnits: number[] = [];
  const multiLine: MultiLineUnit[] = [];
  const longUnits: TextScan["longUnits"] = [];
  let maxUnitBytes = 0;
  let quoteLine = 0;
  // Encoding.
  let need = 0,
    lo = 0x80,
    hi = 0xbf,
    expectAt = -1,
    leadByte = 0,
    leadLine = 0;
  let validMulti = 0;
  let invalid = 0;
  let firstInvalid: {line: number; byte: number} | null = null;
  let c1 = 0;
  let undefined1252: {line: number; byte: number} | null = null;
  let nul: {line: number} | null = null;
  const controls = {count: 0, line: 0};
  let bom = false;
  let total = 0;
  let lastByte = -1;

  const markInvalid = (b: number): void => {
    invalid++;
    if (!firstInvalid) firstInvalid = {line, byte: b};
  };
  // A sequence cut short: the offending byte is its lead byte, on the line where it stood.
  const markTruncated = (): void => {
    invalid++;
    if (!firstInvalid) firstInvalid = {line: leadLine, byte: leadByte};
  };
  const endUnit = (at: number): void => {
    // `at`: offset of the line break that ends the unit.
    const len = at - unitStart;
    if (len === 0) blankUnits.push(unit);
    if (len > maxUnitBytes) maxUnitBytes = len;
    if (len > longLimit) longUnits.push({ordinal: unit, line: unitLine, bytes: len});
    if (unitExtra > 0) multiLine.push({ordinal: unit, line: unitLine, extra: unitExtra});
    unit++;
  };
  {
    for (const buf of chunks()) {
      const n = buf.length;
      if (n === 0) continue;
      if (total === 0) {
        sniffHead(Buffer.from(buf.buffer, buf.byteOffset, n), label, "tekst in UTF-8 of Windows-1252");
        bom = n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
      }
      // The chunk's whole 4-byte words, for skipping runs of ordinary bytes four at a time.
      const off = buf.byteOffset;
      const wordsFrom = off + ((4 - (off % 4)) % 4);
      const wordsTo = off + n - ((off + n) % 4);
      const words =
        wordsTo > wordsFrom ? new Int32Array(buf.buffer, wordsFrom, (wordsTo - wordsFrom) / 4) : NO_WORDS;
      for (let i = 0; i < n; i++) {
        const b = buf[i];
        const c = cls[b];
        if (c === ORDINARY) {
          if (pendingCR) pendingCR = false;
          if (quoteInQuotes) {
            quoteInQuotes = false;
            inQuotes = false;
          }
          // The rest of a run of ordinary bytes changes nothing: skip it in a tight loop, a word
          // at a time where no byte of the word can be other than ordinary (no byte >= 0x80,
          // none below 0x20, no quote; the tests may flag an ordinary byte too, never miss
          // another one), then byte by byte.
          let j = i + 1;
          while (j < n && (off + j) % 4 !== 0 && cls[buf[j]] === ORDINARY) j++;
          if ((off + j) % 4 === 0) {
            let k = (off + j - wordsFrom) / 4;
            while (k < words.length) {
              const x = words[k];
              if ((x & 0x80808080) !== 0) break;
              if (((x - 0x20202020) & ~x & 0x80808080) !== 0) break;
              const q = x ^ 0x22222222;
              if (((q - 0x01010101) & ~q & 0x80808080) !== 0) break;
              k++;
            }
            j = wordsFrom - off + 4 * k;
          }
          while (j < n && cls[buf[j]] === ORDINARY) j++;
          i = j - 1;
          continue;
        }
        const p = total + i;
        if (quoteInQuotes && c !== QUOTE) {
          // The quote before this byte closed the field.
          quoteInQuotes = false;
          inQuotes = false;
        }
        switch (c) {
          case QUOTE:
            if (pendingCR) pendingCR = false;
            if (inQuotes) {
              if (quoteInQuotes)
                quoteInQuotes = false; // "" = an escaped quote
              else quoteInQuotes = true;
            } else if (p === fieldStart || (i > 0 ? buf[i - 1] : lastByte) === delimiter) {
              // At the start of a field: the first byte of its unit (fieldStart), or right after
              // a separator. That separator was read outside quotes: a quote at p outside quotes
              // means none opened after it, and a closing one before it ended at the separator.
              inQuotes = true;
              quoteLine = line;
            }
            break;
          case LF:
            if (pendingCR) {
              // The LF of a CRLF: the line (and unit) already ended at the CR.
              pendingCR = false;
              crlf++;
              cr--;
              if (!inQuotes) {
                unitStart = p + 1;
                fieldStart = p + 1;
              }
              break;
            }
            lf++;
            line++;
            if (inQuotes) unitExtra++;
            else {
              endUnit(p);
              unitStart = p + 1;
              fieldStart = p + 1;
              unitLine = line;
              unitExtra = 0;
            }
            break;
          case CR:
            pendingCR = true;
            cr++;
            line++;
            if (inQuotes) unitExtra++;
            else {
              endUnit(p);
              unitStart = p + 1;
              fieldStart = p + 1;
              unitLine = line;
              unitExtra = 0;
            }
            break;
          case HIGH: {
            if (pendingCR) pendingCR = false;
            if (b >= 0x80 && b <= 0x9f) {
              c1++;
              if (!undefined1252 && UNDEFINED_1252.has(b)) undefined1252 = {line, byte: b};
            }
            if (need > 0) {
              if (p === expectAt && b >= lo && b <= hi) {
                need--;
                expectAt = p + 1;
                lo = 0x80;
                hi = 0xbf;
                if (need === 0) validMulti++;
                break;
              }
              if (p !== expectAt) markTruncated();
              else markInvalid(b);
              need = 0;
              if (b <= 0xbf) break; // a continuation byte out of place
            }
            if (b >= 0xc2 && b <= 0xdf) {
              need = 1;
              lo = 0x80;
              hi = 0xbf;
            } else if (b >= 0xe0 && b <= 0xef) {
              need = 2;
              lo = b === 0xe0 ? 0xa0 : 0x80;
              hi = b === 0xed ? 0x9f : 0xbf;
            } else if (b >= 0xf0 && b <= 0xf4) {
              need = 3;
              lo = b === 0xf0 ? 0x90 : 0x80;
              hi = b === 0xf4 ? 0x8f : 0xbf;
            } else {
              markInvalid(b);
              break;
            }
            expectAt = p + 1;
            leadByte = b;
            leadLine = line;
            break;
          }
          case NUL:
            if (pendingCR) pendingCR = false;
            if (!nul) nul = {line};
            break;
          case CTRL:
            if (pendingCR) pendingCR = false;
            controls.count++;
            if (!controls.line) controls.line = line;
            break;
        }
        // A multi-byte sequence cut short by an ASCII byte is invalid; checked at the next
        // non-ordinary byte (ordinary bytes are skipped above, see the end-of-file check too).
        if (need > 0 && c !== HIGH && p >= expectAt) {
          markTruncated();
          need = 0;
        }
      }
      total += n;
      lastByte = buf[n - 1];
    }
  }
  if (need > 0) markTruncated();
  if (quoteInQuotes) inQuotes = false;
  // The last unit, unless the file ends with a line break (then there is none after it).
  if (total > unitStart || unitExtra > 0) endUnit(total);
  const units = total === 0 ? 0 : unit - 1;
  // A file that ends with a line break has no (empty) line after it, as an editor shows it.
  const lines = total === 0 ? 0 : lastByte === 0x0a || lastByte === 0x0d ? line - 1 : line;
  const openQuote = csv && inQuotes ? {ordinal: units, line: quoteLine, lines: lines - quoteLine + 1} : null;

  // Encoding decision.
  let encoding: Encoding;
  if (nul) {
    throw new BronmapError(label, {
      line: (nul as {line: number}).line,
      expected: "tekst in UTF-8 of Windows-1252",
      found: "nul-bytes (0x00): een binair bestand, of tekst in UTF-16 zonder BOM"
    });
  }
  if (invalid === 0) encoding = bom ? "utf-8-bom" : "utf-8";
  else if (validMulti > 0 || bom) {
    const f = firstInvalid as unknown as {line: number; byte: number};
    throw new BronmapError(label, {
      line: f.line,
      expected: "één tekenset voor het hele bestand (UTF-8 of Windows-1252)",
      found: `UTF-8 met een byte die geen UTF-8 is (${hex(f.byte)}); sla het bestand opnieuw op als UTF-8`
    });
  } else if (undefined1252) {
    const u = undefined1252 as {line: number; byte: number};
    throw new BronmapError(label, {
      line: u.line,
      expected: "tekst in UTF-8 of Windows-1252",
      found: `de byte ${hex(u.byte)}, die in geen van beide een teken is`
    });
  } else encoding = "windows-1252";

  const ends = [lf > 0 ? "LF" : null, crlf > 0 ? "CRLF" : null, cr > 0 ? "CR" : null].filter(Boolean);
  return {
    bytes: total,
    encoding,
    hasC1: c1 > 0,
    lines,
    lineEnding:
      ends.length === 0 ? "geen" : ends.length === 1 ? (ends[0] as "LF" | "CRLF" | "CR") : "gemengd",
    controls,
    units: csv ? units : 0,
    blankUnits: csv ? blankUnits : [],
    multiLine: csv ? multiLine : [],
    longUnits: csv ? longUnits : [],
    maxUnitBytes,
    openQuote
  };
}

/**
 * The encoding of bytes already in memory, as `scanTextBytes` decides it, for callers that need
 * nothing else from the scan (JSON and GeoJSON files). Valid UTF-8 without NUL bytes, the usual
 * case, is recognised by Node's native check (`isUtf8`: the same well-formed UTF-8 as the scan,
 * without overlong forms, surrogates or code points beyond U+10FFFF), ~0.2 s less per 30 MB; the
 * first bytes are still sniffed (a zip file is valid UTF-8). Anything else goes through the full
 * scan, which names the problem and its line or decides Windows-1252.
 */
export function encodingOfBytes(bytes: Uint8Array, label: string): Encoding {
  // ASCII is UTF-8: its check (~4 ms for the 105 MB of national kerncijfers JSON) spares the
  // longer UTF-8 check (~75 ms) for the usual file.
  if ((isAscii(bytes) || isUtf8(bytes)) && bytes.indexOf(0) === -1) {
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1 << 24));
    if (bytes.length > 0) sniffHead(head, label, "tekst in UTF-8 of Windows-1252");
    return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
      ? "utf-8-bom"
      : "utf-8";
  }
  return scanTextBytes(bytes, {label}).encoding;
}

/** The line (as an editor counts, 1-based) of character `index` in `text`. */
export function lineOfIndex(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0a) line++;
    else if (ch === 0x0d) {
      line++;
      if (text.charCodeAt(i + 1) === 0x0a) i++;
    }
  }
  return line;
}

/** Decodes bytes known to be in `encoding` (BOM removed). */
export function decodeAs(bytes: Uint8Array, encoding: Encoding): string {
  const text = new TextDecoder(encoding === "windows-1252" ? "windows-1252" : "utf-8").decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
