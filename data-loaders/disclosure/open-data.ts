/**
 * Open data (privacy.md, open data contract): every published number in one long table,
 * suppressed cells present with an empty value, at the stable paths
 * `open-data/cijfers.csv` (RFC 4180, comma, dot decimals, UTF-8) and `open-data/cijfers.json`.
 */
import {closeSync, mkdirSync, openSync, writeSync} from "node:fs";
import {runTsWorker} from "../worker-thread.ts";
import {join} from "node:path";
import {writeNumber} from "./number-bytes.ts";
import {storedCellsOf, type PublishedTable} from "./published.ts";
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
 * Buffered writer to a file descriptor. Each line is encoded straight into a reused buffer, so
 * the line strings die young: holding millions of them in an array until a flush made the
 * garbage collector the main cost of writing a national file.
 */
class ChunkWriter {
  private buffer = Buffer.allocUnsafe(1 << 22);
  private offset = 0;
  constructor(private fd: number) {}
  write(s: string): void {
    // At most 3 bytes per UTF-16 unit for characters of the BMP, 4 for a surrogate pair.
    if (this.offset + s.length * 3 > this.buffer.length) {
      this.flush();
      if (s.length * 3 > this.buffer.length) {
        writeSync(this.fd, s);
        return;
      }
    }
    this.offset += this.buffer.write(s, this.offset, "utf8");
  }
  flush(): void {
    if (this.offset > 0) writeSync(this.fd, this.buffer, 0, this.offset);
    this.offset = 0;
  }
  /** Makes room for `n` bytes (flushing); the caller then writes into `bytes` at `at`. */
  reserve(n: number): boolean {
    if (this.offset + n > this.buffer.length) this.flush();
    return n <= this.buffer.length;
  }
  get bytes(): Buffer {
    return this.buffer;
  }
  get at(): number {
    return this.offset;
  }
  set at(n: number) {
    this.offset = n;
  }
}

/**
 * Strings as UTF-8 bytes in one pool: string k is `pool[start[k]..start[k + 1]]`; `views[k]` is
 * that as a view, made on first use (`writeColumns`).
 */
interface BytePool {
  pool: Buffer;
  start: Int32Array;
  longest: number;
  views: (Uint8Array | undefined)[];
}

/** See `BytePool`. */
function bytePool(list: readonly string[]): BytePool {
  const parts = list.map((x) => Buffer.from(x, "utf8"));
  const start = new Int32Array(list.length + 1);
  let longest = 0;
  for (let k = 0; k < parts.length; k++) {
    start[k + 1] = start[k]! + parts[k]!.length;
    longest = Math.max(longest, parts[k]!.length);
  }
  return {pool: Buffer.concat(parts), start, longest, views: new Array<Uint8Array | undefined>(list.length)};
}

/**
 * Open-data rows as columns: every string column as indexes into `strings`, `jaar` as integers,
 * `waarde` as doubles with NaN for a suppressed (null) value. Compact and made of transferable
 * buffers, so a worker thread can write the files while the main thread writes the page files.
 */
export interface OpenDataColumns {
  strings: string[];
  n: number;
  indicator: Int32Array;
  branche: Int32Array;
  gebiedcode: Int32Array;
  gebiedniveau: Int32Array;
  bovenliggend: Int32Array;
  status: Int32Array;
  eenheid: Int32Array;
  jaar: Int32Array;
  waarde: Float64Array;
}

const STRING_COLUMNS = [
  "indicator",
  "branche",
  "gebiedcode",
  "gebiedniveau",
  "bovenliggend",
  "status",
  "eenheid"
] as const;

/** Encodes the rows of published tables as columns (see `OpenDataColumns`). */
export function encodeOpenData(tables: Iterable<PublishedTable>): OpenDataColumns {
  const list = [...tables];
  const stored = list.map((t) => storedCellsOf(t));
  const n = list.reduce((s, t, k) => s + (stored[k]?.ids.length ?? t.cellen.length), 0);
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const id = (v: string) => {
    let k = ids.get(v);
    if (k === undefined) {
      k = strings.length;
      strings.push(v);
      ids.set(v, k);
    }
    return k;
  };
  const out: OpenDataColumns = {
    strings,
    n,
    indicator: new Int32Array(n),
    branche: new Int32Array(n),
    gebiedcode: new Int32Array(n),
    gebiedniveau: new Int32Array(n),
    bovenliggend: new Int32Array(n),
    status: new Int32Array(n),
    eenheid: new Int32Array(n),
    jaar: new Int32Array(n),
    waarde: new Float64Array(n)
  };
  // The id of the previous cell's value per column: neighbouring cells mostly share their area,
  // parent, branch, category and status, and comparing with the previous string is cheaper than
  // a Map lookup (millions of cells nationally).
  const last = (): ((v: string) => number) => {
    let prev: string | undefined;
    let prevId = -1;
    return (v) => (v === prev ? prevId : ((prev = v), (prevId = id(v))));
  };
  const branche = last();
  const gebiedcode = last();
  const gebiedniveau = last();
  const bovenliggend = last();
  const status = last();
  // Tables in the gate's column store (the pipeline's case): their columns' interned values are
  // mapped to ids here once per value, so a cell costs a few array reads and no cell object.
  const remaps = new Map<object, [Int32Array, Int32Array]>();
  const remap = (store: object, values: readonly unknown[]): [Int32Array, Int32Array] => {
    let r = remaps.get(store);
    if (!r) {
      const fresh = () => new Int32Array(values.length).fill(-1);
      remaps.set(store, (r = [fresh(), fresh()]));
    }
    return r;
  };
  let i = 0;
  for (let t = 0; t < list.length; t++) {
    const table = list[t]!;
    const eenheid = id(table.eenheid);
    const plain = id(table.id);
    const st = stored[t];
    if (st) {
      const c = st.store.columns();
      const values = c.values;
      const [r, rn] = remap(st.store, values);
      // The id of a value as is (gebiedcode, gebiedniveau, status) and as `?? ""` makes it
      // (branche, bovenliggend), as the loop over cell objects below.
      const of = (vid: number): number => {
        let k = r[vid]!;
        if (k < 0) r[vid] = k = id(values[vid] as string);
        return k;
      };
      const orEmpty = (vid: number): number => {
        let k = rn[vid]!;
        if (k < 0) rn[vid] = k = id((values[vid] ?? "") as string);
        return k;
      };
      // The indicator id per categorie value: the table id, or `<id>.<categorie>` when it has one.
      const indicatorOf = new Map<number, number>();
      const ids = st.ids;
      for (let k = 0; k < ids.length; k++) {
        const cid = ids[k]!;
        const cat = c.categorie[cid]!;
        let ind = indicatorOf.get(cat);
        if (ind === undefined) {
          const v = values[cat] as string | null;
          indicatorOf.set(cat, (ind = v ? id(`${table.id}.${v}`) : plain));
        }
        out.indicator[i] = ind;
        out.branche[i] = orEmpty(c.branche[cid]!);
        out.gebiedcode[i] = of(c.gebiedcode[cid]!);
        out.gebiedniveau[i] = of(c.gebiedniveau[cid]!);
        out.bovenliggend[i] = orEmpty(c.bovenliggend[cid]!);
        out.status[i] = of(c.status[cid]!);
        out.eenheid[i] = eenheid;
        out.jaar[i] = c.jaar[cid]!;
        out.waarde[i] = c.waarde[cid]!;
        i++;
      }
      continue;
    }
    let categorie: string | undefined;
    let categorieId = plain;
    for (const c of table.cellen) {
      if (!c.categorie) out.indicator[i] = plain;
      else {
        if (c.categorie !== categorie) {
          categorie = c.categorie;
          categorieId = id(`${table.id}.${c.categorie}`);
        }
        out.indicator[i] = categorieId;
      }
      out.branche[i] = branche(c.branche ?? "");
      out.gebiedcode[i] = gebiedcode(c.gebiedcode);
      out.gebiedniveau[i] = gebiedniveau(c.gebiedniveau);
      out.bovenliggend[i] = bovenliggend(c.bovenliggend ?? "");
      out.status[i] = status(c.status);
      out.eenheid[i] = eenheid;
      out.jaar[i] = c.jaar;
      out.waarde[i] = c.waarde === null ? NaN : c.waarde;
      i++;
    }
  }
  return out;
}

function isColumns(source: OpenDataSource): source is OpenDataColumns {
  return !Array.isArray(source) && "strings" in source;
}

/** Calls `visit` for every open-data row of the source without building row objects for tables. */
function forEachRow(source: OpenDataSource, visit: (r: OpenDataRow) => void): void {
  if (Array.isArray(source)) {
    for (const row of source as readonly OpenDataRow[]) visit(row);
    return;
  }
  if (isColumns(source)) {
    const row = {} as OpenDataRow;
    const s = source.strings;
    for (let i = 0; i < source.n; i++) {
      for (const col of STRING_COLUMNS) (row as unknown as Record<string, string>)[col] = s[source[col][i]];
      row.jaar = source.jaar[i];
      row.waarde = Number.isNaN(source.waarde[i]) ? null : source.waarde[i];
      visit(row);
    }
    return;
  }
  // One reusable row object: a national build has millions of cells.
  const row = {} as OpenDataRow;
  for (const table of (source as {tables: ReadonlyMap<string, PublishedTable>}).tables.values()) {
    row.eenheid = table.eenheid;
    for (const c of table.cellen) {
      row.indicator = c.categorie ? `${table.id}.${c.categorie}` : table.id;
      row.branche = c.branche ?? "";
      row.gebiedcode = c.gebiedcode;
      row.gebiedniveau = c.gebiedniveau;
      row.bovenliggend = c.bovenliggend ?? "";
      row.jaar = c.jaar;
      row.waarde = c.waarde;
      row.status = c.status;
      visit(row);
    }
  }
}

/** Strings of at most this many bytes are copied byte by byte, longer ones by `set`. */
const SHORT_RUN = 16;

/**
 * The lines of `writeOpenData` from columns (the pipeline's case, millions of rows): the CSV and
 * JSON forms of every string are made once per string and kept as UTF-8 bytes, and each line is
 * copied into the writer's buffer (`jaar` and `waarde` as `String` of the number, as in the
 * row-by-row path below, written by `writeNumber`), so no line string is built: 4.6 million rows of
 * ~220 bytes nationally. The same bytes as the row-by-row path (test/disclosure/open-data*.test.ts
 * and emit-stored.test.ts compare).
 */
function writeColumns(source: OpenDataColumns, c: ChunkWriter, j: ChunkWriter): number {
  const strings = source.strings;
  const csv = bytePool(strings.map((x) => csvField(x)));
  const json = bytePool(strings.map((x) => JSON.stringify(x)));
  // gebiedniveau and status go in as they are (a template would give `String` of them).
  const raw = bytePool(strings.map((x) => String(x)));
  const ascii = (x: string) => Uint8Array.from(x, (ch) => ch.charCodeAt(0));
  const J = [
    ',"branche":',
    ',"gebiedcode":',
    ',"gebiedniveau":"',
    '","bovenliggend":',
    ',"jaar":',
    ',"waarde":',
    ',"status":"',
    '","eenheid":'
  ].map(ascii);
  const FIRST = ascii('\n{"indicator":');
  const NEXT = ascii(',\n{"indicator":');
  const NULL = ascii("null");
  const most = 6 * Math.max(csv.longest, json.longest, raw.longest) + 2 * 25 + 200;
  if (!c.reserve(most) || !j.reserve(most)) return writeColumnStrings(source, c, j);
  const {indicator, branche, gebiedcode, gebiedniveau, bovenliggend, status, eenheid, jaar, waarde} = source;
  // A string of more than SHORT_RUN bytes through `set` (a native copy, as a view of its pool made
  // once), a shorter one byte by byte (cheaper than the call).
  const put = (buf: Buffer, o: number, p: BytePool, k: number): number => {
    const from = p.start[k]!;
    const end = p.start[k + 1]!;
    const pool = p.pool;
    if (end - from > SHORT_RUN) {
      buf.set(p.views[k] ?? (p.views[k] = pool.subarray(from, end)), o);
      return o + end - from;
    }
    for (let b = from; b < end; b++) buf[o++] = pool[b]!;
    return o;
  };
  const lit = (buf: Buffer, o: number, bytes: Uint8Array): number => {
    for (let b = 0; b < bytes.length; b++) buf[o++] = bytes[b]!;
    return o;
  };
  for (let i = 0; i < source.n; i++) {
    const ind = indicator[i]!;
    const br = branche[i]!;
    const gc = gebiedcode[i]!;
    const niveau = gebiedniveau[i]!;
    const bv = bovenliggend[i]!;
    const st = status[i]!;
    const eh = eenheid[i]!;
    const x = waarde[i]!;
    const jr = jaar[i]!;
    const none = Number.isNaN(x);
    c.reserve(most);
    let buf = c.bytes;
    let o = c.at;
    o = put(buf, o, csv, ind);
    buf[o++] = 0x2c;
    o = put(buf, o, csv, br);
    buf[o++] = 0x2c;
    o = put(buf, o, csv, gc);
    buf[o++] = 0x2c;
    o = put(buf, o, raw, niveau);
    buf[o++] = 0x2c;
    o = put(buf, o, csv, bv);
    buf[o++] = 0x2c;
    o = writeNumber(buf, o, jr);
    buf[o++] = 0x2c;
    if (!none) o = writeNumber(buf, o, x);
    buf[o++] = 0x2c;
    o = put(buf, o, raw, st);
    buf[o++] = 0x2c;
    o = put(buf, o, csv, eh);
    buf[o++] = 0x0d;
    buf[o++] = 0x0a;
    c.at = o;
    j.reserve(most);
    buf = j.bytes;
    o = j.at;
    o = lit(buf, o, i === 0 ? FIRST : NEXT);
    o = put(buf, o, json, ind);
    o = lit(buf, o, J[0]!);
    o = put(buf, o, json, br);
    o = lit(buf, o, J[1]!);
    o = put(buf, o, json, gc);
    o = lit(buf, o, J[2]!);
    o = put(buf, o, raw, niveau);
    o = lit(buf, o, J[3]!);
    o = put(buf, o, json, bv);
    o = lit(buf, o, J[4]!);
    o = writeNumber(buf, o, jr);
    o = lit(buf, o, J[5]!);
    o = none ? lit(buf, o, NULL) : writeNumber(buf, o, x);
    o = lit(buf, o, J[6]!);
    o = put(buf, o, raw, st);
    o = lit(buf, o, J[7]!);
    o = put(buf, o, json, eh);
    buf[o++] = 0x7d;
    j.at = o;
  }
  return source.n;
}

/**
 * The string-built lines of `writeColumns` (kept for a string longer than the writer's buffer): the escaped
 * forms of every string are made once per string, indexed like the columns, so a row costs no
 * lookups and no row object. The same bytes as the row-by-row path below (a test compares).
 */
function writeColumnStrings(source: OpenDataColumns, c: ChunkWriter, j: ChunkWriter): number {
  const strings = source.strings;
  const csv = strings.map((x) => csvField(x));
  const json = strings.map((x) => JSON.stringify(x));
  const {indicator, branche, gebiedcode, gebiedniveau, bovenliggend, status, eenheid, jaar, waarde} = source;
  for (let i = 0; i < source.n; i++) {
    const ind = indicator[i];
    const br = branche[i];
    const gc = gebiedcode[i];
    const niveau = strings[gebiedniveau[i]];
    const bv = bovenliggend[i];
    const st = strings[status[i]];
    const eh = eenheid[i];
    const x = waarde[i];
    const w = Number.isNaN(x) ? "" : "" + x;
    c.write(
      csv[ind] +
        "," +
        csv[br] +
        "," +
        csv[gc] +
        "," +
        niveau +
        "," +
        csv[bv] +
        "," +
        jaar[i] +
        "," +
        w +
        "," +
        st +
        "," +
        csv[eh] +
        "\r\n"
    );
    j.write(
      (i === 0 ? '\n{"indicator":' : ',\n{"indicator":') +
        json[ind] +
        ',"branche":' +
        json[br] +
        ',"gebiedcode":' +
        json[gc] +
        ',"gebiedniveau":"' +
        niveau +
        '","bovenliggend":' +
        json[bv] +
        ',"jaar":' +
        jaar[i] +
        ',"waarde":' +
        (w === "" ? "null" : w) +
        ',"status":"' +
        st +
        '","eenheid":' +
        json[eh] +
        "}"
    );
  }
  return source.n;
}

/** What `writeOpenData` accepts: a gate result (streams from its tables), columns or ready rows. */
export type OpenDataSource =
  {tables: ReadonlyMap<string, PublishedTable>} | OpenDataColumns | readonly OpenDataRow[];

/**
 * Writes `open-data/cijfers.csv` and `open-data/cijfers.json` under `distDir` (the built site).
 * `cijfers.json` is an array of row objects with the CSV's columns as keys, in the same order.
 * Returns the two paths written and the number of rows.
 */
export function writeOpenData(
  input: OpenDataSource,
  distDir: string
): {csv: string; json: string; rows: number} {
  let source = input;
  const dir = join(distDir, "open-data");
  mkdirSync(dir, {recursive: true});
  const csv = join(dir, "cijfers.csv");
  const json = join(dir, "cijfers.json");
  const csvFd = openSync(csv, "w");
  const jsonFd = openSync(json, "w");
  let rows = 0;
  // Escaped forms of the recurring strings (codes, branches, indicators), CSV and JSON at once:
  // the same codes recur for every branch and year, and a national file has millions of rows.
  const cache = new Map<string, {c: string; j: string}>();
  const esc = (s: string) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = {c: csvField(s), j: JSON.stringify(s)};
      if (cache.size < 1e6) cache.set(s, v);
    }
    return v;
  };
  try {
    const c = new ChunkWriter(csvFd);
    const j = new ChunkWriter(jsonFd);
    c.write(OPEN_DATA_COLUMNS.join(",") + "\r\n");
    j.write("[");
    if (isColumns(source)) {
      rows = writeColumns(source, c, j);
      source = [];
    }
    // Hand-written lines in the column order of OPEN_DATA_COLUMNS.
    forEachRow(source, (row) => {
      const ind = esc(row.indicator);
      const br = esc(row.branche);
      const gc = esc(row.gebiedcode);
      const bv = esc(row.bovenliggend);
      const eh = esc(row.eenheid);
      const w = row.waarde === null ? "" : "" + row.waarde;
      c.write(
        ind.c +
          "," +
          br.c +
          "," +
          gc.c +
          "," +
          row.gebiedniveau +
          "," +
          bv.c +
          "," +
          row.jaar +
          "," +
          w +
          "," +
          row.status +
          "," +
          eh.c +
          "\r\n"
      );
      j.write(
        (rows === 0 ? '\n{"indicator":' : ',\n{"indicator":') +
          ind.j +
          ',"branche":' +
          br.j +
          ',"gebiedcode":' +
          gc.j +
          ',"gebiedniveau":"' +
          row.gebiedniveau +
          '","bovenliggend":' +
          bv.j +
          ',"jaar":' +
          row.jaar +
          ',"waarde":' +
          (w === "" ? "null" : w) +
          ',"status":"' +
          row.status +
          '","eenheid":' +
          eh.j +
          "}"
      );
      rows++;
    });
    j.write("\n]\n");
    c.flush();
    j.flush();
  } finally {
    closeSync(csvFd);
    closeSync(jsonFd);
  }
  return {csv, json, rows};
}

/**
 * Writes the open-data files from columns in a worker thread, so that the caller can go on (the
 * pipeline writes its page files meanwhile). Where no worker can start (a runtime without the
 * TypeScript loader), writes them on this thread. The columns' buffers are transferred.
 */
export function writeOpenDataInWorker(
  columns: OpenDataColumns,
  distDir: string
): Promise<{csv: string; json: string; rows: number}> {
  const buffers = [
    ...STRING_COLUMNS.map((c) => columns[c].buffer),
    columns.jaar.buffer,
    columns.waarde.buffer
  ];
  try {
    return runTsWorker(new URL("./open-data-worker.ts", import.meta.url), {
      workerData: {columns, distDir},
      transferList: buffers as ArrayBuffer[]
    });
  } catch {
    return Promise.resolve(writeOpenData(columns, distDir));
  }
}
