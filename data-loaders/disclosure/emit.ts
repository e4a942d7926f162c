/**
 * The only way a loader in `src/data/` writes its output: these functions accept nothing but
 * gate-made objects (checked at runtime, not just by type) and write them to stdout, which is
 * where Observable Framework reads a data loader's output.
 */
import {createHash} from "node:crypto";
import {closeSync, openSync, readFileSync, writeFileSync, writeSync} from "node:fs";
import {Worker} from "node:worker_threads";
import {
  Dictionary,
  Float64,
  Int32,
  Schema,
  Table,
  Utf8,
  tableToIPC,
  vectorFromArray,
  type Vector
} from "apache-arrow";
import {CELL_STATUSES, GEBIED_NIVEAUS, type BestandContract} from "../../src/shared/contracts/envelope.ts";
import {
  isPublishable,
  storedCellsOf,
  type Publishable,
  type PublishedCellStore,
  type PublishedTable
} from "./published.ts";
import {writeNumber} from "./number-bytes.ts";
import type {PublishedCell} from "./types.ts";

/** Where output goes; stdout by default, a buffer in tests. */
export interface OutputSink {
  write(chunk: string | Uint8Array): unknown;
}

function assertFromGate(value: unknown): asserts value is Publishable {
  if (!isPublishable(value)) {
    throw new Error(
      "Alleen wat door de publicatiepoort is gegaan mag worden geschreven (runGate, publishMetadata of publishBundle)"
    );
  }
}

/**
 * Plain JSON form of a gate object: the envelope of src/shared/contracts/envelope.ts, without the
 * brand. `cellsOf` gives a table's `cellen` (the writers from the columns pass their own, so that
 * no cell object is made).
 */
export function toContract(
  value: Publishable,
  cellsOf: (table: PublishedTable) => unknown = (t) => t.cellen
): unknown {
  assertFromGate(value);
  const v = value as unknown as Record<string, unknown>;
  if ("onderdelen" in v) {
    const parts = v.onderdelen as Record<string, Publishable>;
    return {
      schemaVersion: 1,
      onderdelen: Object.fromEntries(Object.entries(parts).map(([k, p]) => [k, toContract(p, cellsOf)]))
    };
  }
  if ("cellen" in v) {
    const t = value as PublishedTable;
    return {
      schemaVersion: 1,
      id: t.id,
      titel: t.titel,
      soort: t.soort,
      eenheidSoort: t.eenheidSoort,
      eenheid: t.eenheid,
      dimensies: t.dimensies,
      cellen: cellsOf(t)
    };
  }
  return {schemaVersion: 1, soort: v.soort, waarde: v.waarde};
}

/** Writes a published table, metadata or bundle as JSON (a `.json` loader's output). */
export function emitJson(value: Publishable, out: OutputSink = process.stdout): void {
  out.write(JSON.stringify(toContract(value)));
}

/** Writes the cells of a published table as RFC 4180 CSV (a `.csv` loader's output). */
export function emitCsv(table: PublishedTable, out: OutputSink = process.stdout): void {
  assertFromGate(table);
  const cols = [
    "gebiedcode",
    "gebiedniveau",
    "bovenliggend",
    "branche",
    "categorie",
    "jaar",
    "waarde",
    "status",
    "reden"
  ] as const;
  const field = (v: unknown) => {
    const s = v == null ? "" : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [cols.join(",")];
  for (const c of table.cellen) lines.push(cols.map((k) => field(c[k])).join(","));
  out.write(lines.join("\r\n") + "\r\n");
}

/**
 * Makes dictionary-encoded string columns for one Arrow table, numbered 0, 1, 2, ...: Arrow JS
 * otherwise numbers dictionaries from a global counter, and the same table written twice in one
 * process would give different bytes.
 */
function dictionaryColumns(): (values: (string | null)[]) => Vector {
  let id = 0;
  return (values) => vectorFromArray(values, new Dictionary(new Utf8(), new Int32(), id++));
}

/** Schema-metadata key of the envelope; the same as in src/lib/bundle-arrow.ts (a round-trip test checks). */
const BUNDEL_METADATA_KEY = "bundel";

/**
 * Arrow IPC (file format) bytes of a published bundle, the large page files' format (decoded by
 * `bundleFromArrow` in src/lib/bundle-arrow.ts into the same object as the JSON form): one row per
 * cell of every table, strings dictionary-encoded, the envelope as JSON in the schema metadata.
 */
export function bundleArrowBytes(value: Publishable): Uint8Array {
  const contract = toContract(value) as {schemaVersion: number; onderdelen?: Record<string, unknown>};
  if (!contract.onderdelen) throw new Error("Arrow-uitvoer is er alleen voor een bundel");
  const onderdelen: Record<string, unknown> = {};
  const tabellen: string[] = [];
  const rows: {tabel: string; cell: PublishedCell}[] = [];
  for (const [id, part] of Object.entries(contract.onderdelen)) {
    const p = part as Record<string, unknown>;
    if (Array.isArray(p.cellen)) {
      const {cellen, ...header} = p;
      onderdelen[id] = header;
      tabellen.push(id);
      for (const cell of cellen as PublishedCell[]) rows.push({tabel: id, cell});
    } else onderdelen[id] = p;
  }
  const dictionary = dictionaryColumns();
  const cells = rows.map((r) => r.cell);
  const table = new Table({
    tabel: dictionary(rows.map((r) => r.tabel)),
    gebiedcode: dictionary(cells.map((c) => c.gebiedcode)),
    gebiedniveau: dictionary(cells.map((c) => c.gebiedniveau)),
    bovenliggend: dictionary(cells.map((c) => c.bovenliggend ?? null)),
    branche: dictionary(cells.map((c) => c.branche ?? null)),
    categorie: dictionary(cells.map((c) => c.categorie ?? null)),
    jaar: vectorFromArray(Int16Array.from(cells, (c) => c.jaar)),
    waarde: vectorFromArray(
      cells.map((c) => c.waarde),
      new Float64()
    ),
    status: dictionary(cells.map((c) => c.status)),
    reden: dictionary(cells.map((c) => c.reden ?? null))
  });
  const envelope = JSON.stringify({schemaVersion: contract.schemaVersion, onderdelen, tabellen});
  const withMeta = new Table(
    new Schema(table.schema.fields, new Map([[BUNDEL_METADATA_KEY, envelope]])),
    table.batches
  );
  return tableToIPC(withMeta, "file");
}

/** Arrow IPC (file format) bytes of a published table's cells. */
export function arrowBytes(table: PublishedTable): Uint8Array {
  assertFromGate(table);
  const cells = table.cellen;
  const dictionary = dictionaryColumns();
  const arrow = new Table({
    gebiedcode: dictionary(cells.map((c) => c.gebiedcode)),
    gebiedniveau: dictionary(cells.map((c) => c.gebiedniveau)),
    bovenliggend: dictionary(cells.map((c) => c.bovenliggend ?? "")),
    branche: dictionary(cells.map((c) => c.branche ?? "")),
    categorie: dictionary(cells.map((c) => c.categorie ?? "")),
    jaar: vectorFromArray(Int32Array.from(cells, (c) => c.jaar)),
    // NaN stands for null in the numeric column; `status` and `reden` say why.
    waarde: vectorFromArray(Float64Array.from(cells, (c) => c.waarde ?? NaN)),
    status: dictionary(cells.map((c) => c.status)),
    reden: dictionary(cells.map((c) => c.reden ?? ""))
  });
  return tableToIPC(arrow, "file");
}

/** Writes a published table as an Arrow IPC file (a `.arrow` loader's output). */
export function emitArrow(table: PublishedTable, out: OutputSink = process.stdout): void {
  out.write(arrowBytes(table));
}

/** Where a `HashingFileWriter` hands its bytes: hashed and written here or in a thread. */
interface ChunkSink {
  /** A buffer to fill (of `BUFFER_BYTES`). */
  buffer(): Buffer;
  /** Hands over the first `length` bytes of `buffer`, the last one `buffer()` gave. */
  put(buffer: Buffer, length: number): void;
  /** Hands over bytes outside the sink's buffers (a string larger than a buffer). */
  putBytes(bytes: Uint8Array): void;
}

/** The size of a writer's buffer. */
const BUFFER_BYTES = 1 << 22;

/** Hashes and writes on this thread (`writePublishedFile`). */
class SyncSink implements ChunkSink {
  private readonly own = Buffer.allocUnsafe(BUFFER_BYTES);
  readonly hash = createHash("sha256");
  constructor(private readonly fd: number) {}
  buffer(): Buffer {
    return this.own;
  }
  put(buffer: Buffer, length: number): void {
    this.putBytes(buffer.subarray(0, length));
  }
  putBytes(bytes: Uint8Array): void {
    this.hash.update(bytes);
    writeSync(this.fd, bytes);
  }
}

/**
 * Buffered file writer: large page files are written in pieces, so no string of the whole file
 * (hundreds of MB nationally) is ever built. What it writes goes to its sink, which hashes it
 * and writes it to the file (on this thread or in `PublishedFileWriter`'s thread).
 */
class HashingFileWriter {
  buffer: Buffer;
  offset = 0;
  bytes = 0;
  constructor(private readonly sink: ChunkSink) {
    this.buffer = sink.buffer();
  }
  write(s: string): void {
    // At most 3 bytes per UTF-16 unit (a surrogate pair is 2 units for 4 bytes).
    if (this.offset + s.length * 3 > this.buffer.length) {
      this.flush();
      if (s.length * 3 > this.buffer.length) {
        const b = Buffer.from(s, "utf8");
        this.sink.putBytes(b);
        this.bytes += b.length;
        return;
      }
    }
    this.offset += this.buffer.write(s, this.offset, "utf8");
  }
  /**
   * Writes `s`, the `JSON.stringify` of a slice of a larger array (`[` ... `]`), as a piece of
   * that array: its `[` becomes `,` unless it is the first piece, its `]` is left off unless it is
   * the last. Both are one byte, so the change is made in the buffer after writing `s` whole:
   * no shortened or concatenated copy of `s` is made (nationally 1.2 GB of strings for the
   * garbage collector).
   */
  writeArrayPiece(s: string, first: boolean, last: boolean): void {
    if (this.offset + s.length * 3 > this.buffer.length) this.flush();
    if (s.length * 3 > this.buffer.length) {
      this.write((first ? "[" : ",") + s.slice(1, last ? s.length : -1));
      return;
    }
    const at = this.offset;
    this.offset += this.buffer.write(s, at, "utf8");
    if (!first) this.buffer[at] = 0x2c; // ","
    if (!last) this.offset--; // the closing "]"
  }
  /** Makes room for `n` bytes at `offset` (flushing); false when `n` exceeds the buffer. */
  reserve(n: number): boolean {
    if (this.offset + n > this.buffer.length) this.flush();
    return n <= this.buffer.length;
  }
  /** Hands the buffer's bytes to the sink; `last`: the file is done, no next buffer. */
  flush(last = false): void {
    if (this.offset === 0) return;
    this.sink.put(this.buffer, this.offset);
    this.bytes += this.offset;
    this.offset = 0;
    if (!last) this.buffer = this.sink.buffer();
  }
}

/** Arrays longer than this are written in slices. */
const STREAM_ARRAY_MIN = 256;
/**
 * Elements per `JSON.stringify` call in a large array. Measured on 612,000 cells (interleaved, cpu):
 * one call per cell 0.78 s, slices of 64 or 128 0.5 s, slices of 1024 1.7 s (large strings cost
 * more to build and copy than they save in calls).
 */
const STREAM_ARRAY_SLICE = 64;

/**
 * Writes `JSON.stringify(value)` in pieces: objects and large arrays are walked, everything
 * else (and every element of a small array) goes through `JSON.stringify` itself, so the output
 * is byte for byte what `JSON.stringify` gives for the plain data the gate publishes.
 */
function writeJsonValue(value: unknown, out: HashingFileWriter): void {
  if (value instanceof StoredCells) {
    writeStoredCells(value, out);
    return;
  }
  if (
    value === null ||
    typeof value !== "object" ||
    typeof (value as {toJSON?: unknown}).toJSON === "function"
  ) {
    out.write(JSON.stringify(value) ?? "null");
    return;
  }
  if (Array.isArray(value)) {
    if (value.length < STREAM_ARRAY_MIN) {
      out.write(JSON.stringify(value));
      return;
    }
    // In slices of STREAM_ARRAY_SLICE elements: `JSON.stringify` of a slice is its elements
    // joined by commas in brackets (undefined, functions and symbols become null, as in the
    // whole array), so dropping the brackets and joining the slices with commas gives the same
    // bytes, with one call per slice instead of one per cell.
    for (let i = 0; i < value.length; i += STREAM_ARRAY_SLICE) {
      const s = JSON.stringify(value.slice(i, i + STREAM_ARRAY_SLICE));
      out.writeArrayPiece(s, i === 0, i + STREAM_ARRAY_SLICE >= value.length);
    }
    return;
  }
  out.write("{");
  let first = true;
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    // Object members whose value JSON.stringify drops.
    if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
    out.write(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
    first = false;
    writeJsonValue(v, out);
  }
  out.write("}");
}

/**
 * The cells of a table in the gate's column store (`storedCellsOf`) where the contract of a file
 * being written has its `cellen`: `writeJsonValue` writes them from the columns, as the bytes
 * `JSON.stringify` gives for the cell objects (`PublishedCellStore.object`), without making those
 * objects (nationally 4.6 million, a third of the page files' time with the garbage collector).
 */
class StoredCells {
  constructor(
    readonly store: PublishedCellStore,
    readonly ids: Int32Array
  ) {}
  /** The cell objects (made and kept by the store): for the contract check when a cell is off. */
  objects(): unknown[] {
    return this.store.objects(this.ids);
  }
}

/** `toContract`, with the cells of stored tables as `StoredCells` instead of objects. */
function toContractStored(value: Publishable): unknown {
  return toContract(value, (t) => {
    const stored = storedCellsOf(t);
    return stored ? new StoredCells(stored.store, stored.ids) : t.cellen;
  });
}

/** A copy of a contract object with every `StoredCells` replaced by `f` of it. */
function mapStoredCells(value: unknown, f: (cells: StoredCells) => unknown): unknown {
  if (value instanceof StoredCells) return f(value);
  const v = value as Record<string, unknown>;
  if (v !== null && typeof v === "object" && "onderdelen" in v)
    return {
      ...v,
      onderdelen: Object.fromEntries(
        Object.entries(v.onderdelen as Record<string, unknown>).map(([k, p]) => [k, mapStoredCells(p, f)])
      )
    };
  if (v !== null && typeof v === "object" && v.cellen instanceof StoredCells)
    return {...v, cellen: f(v.cellen)};
  return value;
}

/** Flags per interned value of a store, as the contract's cell check asks of each field. */
const IS_STRING = 1;
const NULL_OR_STRING = 2;
const NIVEAU = 4;
const STATUS = 8;
const NOT_EMPTY = 16;

/** What `writeStoredCells` needs per interned value: its JSON as UTF-8 bytes, and its flags. */
interface EncodedValues {
  count: number;
  /** The JSON of value k is `bytes[start[k]..start[k + 1]]` (empty when JSON has no form for it). */
  bytes: Uint8Array;
  start: Int32Array;
  flags: Uint8Array;
  /** Longest JSON of a value, in bytes. */
  longest: number;
  /** The keyed runs of `writeStoredCells`, made on first use (`keyedValues`). */
  keyed?: KeyedValues;
}

/** See `keyedValues`. */
interface KeyedValues {
  bytes: Uint8Array;
  start: Int32Array;
  /** Run n as a view of `bytes`, made on its first long copy. */
  views: (Uint8Array | undefined)[];
  /**
   * By gebiedcode value: the runs of code, level and parent of the first cell written with it as
   * one array, and that cell's level and parent value (an area has one level and one parent).
   */
  area: (Uint8Array | undefined)[];
  areaLevel: Int32Array;
  areaParent: Int32Array;
}

const encodedByStore = new WeakMap<PublishedCellStore, EncodedValues>();

function encodedValues(store: PublishedCellStore): EncodedValues {
  const values = store.columns().values;
  const cached = encodedByStore.get(store);
  if (cached && cached.count === values.length) return cached;
  const niveaus = new Set<unknown>(GEBIED_NIVEAUS);
  const statuses = new Set<unknown>(CELL_STATUSES);
  const json: string[] = [];
  const flags = new Uint8Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    json.push(JSON.stringify(v) ?? "");
    flags[k] =
      (typeof v === "string" ? IS_STRING : 0) |
      (v === null || typeof v === "string" ? NULL_OR_STRING : 0) |
      (niveaus.has(v) ? NIVEAU : 0) |
      (statuses.has(v) ? STATUS : 0) |
      (v !== "" ? NOT_EMPTY : 0);
  }
  const parts = json.map((j) => Buffer.from(j, "utf8"));
  const start = new Int32Array(values.length + 1);
  let longest = 0;
  for (let k = 0; k < parts.length; k++) {
    start[k + 1] = start[k]! + parts[k]!.length;
    longest = Math.max(longest, parts[k]!.length);
  }
  const encoded = {count: values.length, bytes: Buffer.concat(parts), start, flags, longest};
  encodedByStore.set(store, encoded);
  return encoded;
}

/**
 * True when every cell passes the contract's cell check (`cellen` in
 * src/shared/contracts/envelope.ts), field by field the same rules, read from the columns. When
 * false, the caller runs the contract's own check on the cell objects for its message.
 */
function storedCellsPass(cells: StoredCells): boolean {
  const c = cells.store.columns();
  const {flags} = encodedValues(cells.store);
  const ids = cells.ids;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    const w = c.waarde[id]!;
    if (
      !(flags[c.gebiedcode[id]!]! & IS_STRING) ||
      !(flags[c.gebiedniveau[id]!]! & NIVEAU) ||
      !(flags[c.bovenliggend[id]!]! & NULL_OR_STRING) ||
      !(flags[c.branche[id]!]! & NULL_OR_STRING) ||
      !(flags[c.categorie[id]!]! & NULL_OR_STRING) ||
      !Number.isInteger(c.jaar[id]) ||
      (Number.isNaN(w) ? !(flags[c.status[id]!]! & NOT_EMPTY) : !Number.isFinite(w)) ||
      !(flags[c.status[id]!]! & STATUS) ||
      !(flags[c.reden[id]!]! & NULL_OR_STRING)
    )
      return false;
  }
  return true;
}

const ascii = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
/** The constant pieces of a cell's JSON, in the key order of `PublishedCellStore.object`. */
const CELL_KEYS = [
  '{"gebiedcode":',
  ',"gebiedniveau":',
  ',"bovenliggend":',
  ',"branche":',
  ',"categorie":',
  ',"jaar":',
  ',"waarde":',
  ',"status":',
  ',"reden":'
].map(ascii);
const CELL_KEYS_BYTES = CELL_KEYS.reduce((n, k) => n + k.length, 0);
const NULL_BYTES = ascii("null");

/**
 * Writes the cells as `JSON.stringify` writes the array of their objects (`[` cells joined by
 * `,` `]`): each string field is the JSON of its interned value, copied as bytes; `jaar` and
 * `waarde` are `String` of the number, which is what `JSON.stringify` writes for a finite number
 * (the contract check before writing admits no other), and `null` for a NaN `waarde`. Only ASCII
 * is written byte by byte (the keys, digits, `null`); every string goes through `JSON.stringify`
 * once per value (escaping) and `Buffer.from` (UTF-8). Test: test/disclosure/emit-stored.test.ts.
 */
function writeStoredCells(cells: StoredCells, out: HashingFileWriter): void {
  const c = cells.store.columns();
  const enc = encodedValues(cells.store);
  const ids = cells.ids;
  // Keys, seven values, two numbers (at most 25 characters each as String), the comma and brace.
  const most = CELL_KEYS_BYTES + 7 * enc.longest + 2 * 25 + 2;
  if (!out.reserve(most)) {
    // A value longer than the writer's buffer: the ordinary path (never nationally).
    writeJsonValue(cells.objects(), out);
    return;
  }
  out.write("[");
  // Per string field, its key and the JSON of its value as one run of bytes (`keyedValues`).
  const keyed = keyedValues(enc);
  const {bytes, start, views, area, areaLevel, areaParent} = keyed;
  const count = enc.count;
  const {gebiedcode, gebiedniveau, bovenliggend, branche, categorie, jaar, waarde, status, reden} = c;
  const jaarKey = CELL_KEYS[5]!;
  const waardeKey = CELL_KEYS[6]!;
  // Run n at `o`: a long one through `set` (a native copy), a short one byte by byte (cheaper
  // than the call). Measured on 1 GB in runs of 40 bytes: 0.34-0.50 s against 1.2-1.7 s.
  const put = (buf: Uint8Array, o: number, n: number): number => {
    const from = start[n]!;
    const to = start[n + 1]!;
    if (to - from > SHORT_RUN) {
      buf.set(views[n] ?? (views[n] = bytes.subarray(from, to)), o);
      return o + to - from;
    }
    for (let b = from; b < to; b++) buf[o++] = bytes[b]!;
    return o;
  };
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    out.reserve(most);
    const buf = out.buffer;
    let o = out.offset;
    if (k > 0) buf[o++] = 0x2c; // ","
    // The fields in the key order of `PublishedCellStore.object`; field f of value v is run
    // f * count + v. An area's code, level and parent are one run (made on the first cell of
    // the area; a cell whose level or parent differs from it writes the three apart).
    const code = gebiedcode[id]!;
    const level = gebiedniveau[id]!;
    const parent = bovenliggend[id]!;
    let prefix = area[code];
    if (prefix === undefined) {
      const from = start[code]!;
      const mid = start[count + level + 1]! - start[count + level]!;
      const to = start[2 * count + parent + 1]! - start[2 * count + parent]!;
      prefix = new Uint8Array(start[code + 1]! - from + mid + to);
      prefix.set(bytes.subarray(from, start[code + 1]!));
      prefix.set(bytes.subarray(start[count + level]!, start[count + level + 1]!), start[code + 1]! - from);
      prefix.set(
        bytes.subarray(start[2 * count + parent]!, start[2 * count + parent + 1]!),
        prefix.length - to
      );
      area[code] = prefix;
      areaLevel[code] = level;
      areaParent[code] = parent;
    }
    if (areaLevel[code] === level && areaParent[code] === parent) {
      buf.set(prefix, o);
      o += prefix.length;
    } else {
      o = put(buf, o, code);
      o = put(buf, o, count + level);
      o = put(buf, o, 2 * count + parent);
    }
    o = put(buf, o, 3 * count + branche[id]!);
    o = put(buf, o, 4 * count + categorie[id]!);
    for (let b = 0; b < jaarKey.length; b++) buf[o++] = jaarKey[b]!;
    o = writeNumber(buf, o, jaar[id]!);
    for (let b = 0; b < waardeKey.length; b++) buf[o++] = waardeKey[b]!;
    const w = waarde[id]!;
    if (Number.isNaN(w)) for (let b = 0; b < 4; b++) buf[o++] = NULL_BYTES[b]!;
    else o = writeNumber(buf, o, w);
    o = put(buf, o, 5 * count + status[id]!);
    o = put(buf, o, 6 * count + reden[id]!);
    buf[o++] = 0x7d; // "}"
    out.offset = o;
  }
  out.write("]");
}

/** Runs of at most this many bytes are copied byte by byte, longer ones by `set`. */
const SHORT_RUN = 16;

/**
 * The string fields of a cell (gebiedcode, gebiedniveau, bovenliggend, branche, categorie,
 * status, reden: `CELL_KEYS` 0-4, 7, 8) as field f (0-6) and value v: the bytes of the field's
 * key followed by the JSON of the value, `bytes[start[f * count + v] .. start[f * count + v + 1]]`.
 * One run per field instead of the key and the value apart; made once per store and its values.
 */
function keyedValues(enc: EncodedValues): KeyedValues {
  if (enc.keyed) return enc.keyed;
  const fields = [0, 1, 2, 3, 4, 7, 8];
  const count = enc.count;
  let total = 0;
  for (const f of fields) total += CELL_KEYS[f]!.length * count + enc.start[count]!;
  const bytes = new Uint8Array(total);
  const start = new Int32Array(fields.length * count + 1);
  let o = 0;
  fields.forEach((f, n) => {
    const key = CELL_KEYS[f]!;
    for (let v = 0; v < count; v++) {
      start[n * count + v] = o;
      bytes.set(key, o);
      o += key.length;
      bytes.set(enc.bytes.subarray(enc.start[v]!, enc.start[v + 1]!), o);
      o += enc.start[v + 1]! - enc.start[v]!;
    }
  });
  start[fields.length * count] = o;
  enc.keyed = {
    bytes,
    start,
    views: new Array<Uint8Array | undefined>(fields.length * count),
    area: new Array<Uint8Array | undefined>(count),
    areaLevel: new Int32Array(count).fill(-1),
    areaParent: new Int32Array(count).fill(-1)
  };
  return enc.keyed;
}

/**
 * The contract form of `value` (`toContractStored`) with the file's `schemaVersion`, after the
 * check against `bestand`. The cells of stored tables are checked from the gate's columns: the
 * rest of the file goes through the contract with those tables' cells left empty, their cells
 * through the same rules read from the columns (`storedCellsPass`); when a cell is off, the
 * contract's own check runs on the objects (and throws its own message).
 */
function checkedContract(value: Publishable, bestand: {naam: string; contract: BestandContract}): unknown {
  const contract = {
    ...(toContractStored(value) as object),
    schemaVersion: bestand.contract.schemaVersion
  };
  let cellsPass = true;
  mapStoredCells(contract, (cells) => (cellsPass &&= storedCellsPass(cells)));
  if (cellsPass)
    bestand.contract.check(
      mapStoredCells(contract, () => []),
      bestand.naam
    );
  else
    bestand.contract.check(
      mapStoredCells(contract, (cells) => cells.objects()),
      bestand.naam
    );
  return contract;
}

/** Buffers shared with the writing thread of a `PublishedFileWriter`. */
const THREAD_SLOTS = 8;

/**
 * The writing thread of `PublishedFileWriter`: plain JavaScript with Node built-ins only (no
 * TypeScript loader to start). Per file: `o` opens it, `c` hashes and writes a filled slot and
 * frees it (`state[slot] = 0`, notified), `e` closes it and answers its sha256 and size (or the
 * error of any step: the main thread rejects that file's promise with it).
 */
const WRITER_THREAD = `
const {parentPort, workerData} = require("node:worker_threads");
const {createHash} = require("node:crypto");
const {openSync, writeSync, closeSync} = require("node:fs");
const {shared, state: stateBuffer, slotBytes} = workerData;
const state = new Int32Array(stateBuffer);
let fd = -1, hash = null, bytes = 0, failed = null;
parentPort.on("message", (m) => {
  if (m.t === "o") {
    failed = null; bytes = 0; hash = createHash("sha256");
    try { fd = openSync(m.path, "w"); } catch (e) { failed = e; fd = -1; }
  } else if (m.t === "c") {
    try {
      const view = m.bytes ?? new Uint8Array(shared, m.slot * slotBytes, m.length);
      if (!failed) {
        hash.update(view);
        for (let at = 0; at < view.length; ) at += writeSync(fd, view, at, view.length - at);
      }
      bytes += view.length;
    } catch (e) { failed = failed ?? e; }
    if (m.bytes === undefined) { Atomics.store(state, m.slot, 0); Atomics.notify(state, m.slot); }
  } else if (m.t === "e") {
    try { if (fd >= 0) closeSync(fd); } catch (e) { failed = failed ?? e; }
    fd = -1;
    parentPort.postMessage(failed
      ? {id: m.id, error: String((failed && failed.message) || failed)}
      : {id: m.id, sha256: hash.digest("hex"), bytes});
  }
});
`;

/**
 * Writes page files as `writePublishedFile` does (same check, same bytes), but hashes and writes
 * them in a worker thread while this thread serialises the next file: nationally 1.2 GB, whose
 * sha256 and `writeSync` took ~2.5 s of the main thread. The serialiser fills one of
 * `THREAD_SLOTS` shared buffers at a time and waits (`Atomics.wait`) only when every slot is still
 * being written, so at most 32 MB is in flight. `write` returns the sha256 and size when the
 * thread has written the file; `close` ends the thread. Where no thread can start, files are
 * written on this thread (`writePublishedFile`).
 */
export class PublishedFileWriter {
  private readonly worker: Worker | null;
  private readonly slots: Buffer[] = [];
  private readonly state: Int32Array = new Int32Array(0);
  private next = 0;
  private id = 0;
  private readonly pending = new Map<
    number,
    {resolve: (r: {sha256: string; bytes: number}) => void; reject: (e: Error) => void}
  >();

  constructor() {
    let worker: Worker | null = null;
    try {
      const shared = new SharedArrayBuffer(THREAD_SLOTS * BUFFER_BYTES);
      const state = new SharedArrayBuffer(4 * THREAD_SLOTS);
      worker = new Worker(WRITER_THREAD, {
        eval: true,
        workerData: {shared, state, slotBytes: BUFFER_BYTES}
      });
      for (let k = 0; k < THREAD_SLOTS; k++)
        this.slots.push(Buffer.from(shared, k * BUFFER_BYTES, BUFFER_BYTES));
      this.state = new Int32Array(state);
      worker.on("message", (m: {id: number; sha256?: string; bytes?: number; error?: string}) => {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.error !== undefined) p?.reject(new Error(m.error));
        else p?.resolve({sha256: m.sha256!, bytes: m.bytes!});
      });
      const fail = (e: Error) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      };
      worker.on("error", fail);
      worker.on("exit", (code) => fail(new Error(`de schrijfthread stopte met code ${code}`)));
    } catch {
      worker = null;
    }
    this.worker = worker;
  }

  /** `writePublishedFile` of `value` to `path`; the check and the serialising happen now. */
  write(
    value: Publishable,
    path: string,
    bestand: {naam: string; contract: BestandContract}
  ): Promise<{sha256: string; bytes: number}> {
    const worker = this.worker;
    if (!worker || path.endsWith(".arrow")) return Promise.resolve(writePublishedFile(value, path, bestand));
    const contract = checkedContract(value, bestand);
    const id = this.id++;
    const done = new Promise<{sha256: string; bytes: number}>((resolve, reject) =>
      this.pending.set(id, {resolve, reject})
    );
    worker.postMessage({t: "o", path});
    const sink: ChunkSink = {
      buffer: () => this.freeSlot(),
      put: (buffer, length) => {
        const slot = this.slots.indexOf(buffer);
        Atomics.store(this.state, slot, 1);
        worker.postMessage({t: "c", slot, length});
      },
      putBytes: (bytes) => worker.postMessage({t: "c", bytes: Uint8Array.from(bytes)})
    };
    const out = new HashingFileWriter(sink);
    writeJsonValue(contract, out);
    out.flush(true);
    worker.postMessage({t: "e", id});
    return done;
  }

  /** The next slot, once the thread has written what it held. */
  private freeSlot(): Buffer {
    const slot = this.next;
    this.next = (this.next + 1) % THREAD_SLOTS;
    const t0 = Date.now();
    while (Atomics.load(this.state, slot) !== 0) {
      Atomics.wait(this.state, slot, 1, 1000);
      if (Date.now() - t0 > 120_000) throw new Error("de schrijfthread schrijft al twee minuten niets");
    }
    return this.slots[slot]!;
  }

  /** Ends the thread (after every `write` has settled). */
  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}

/**
 * Writes a gate object to a file, for a run-once pipeline that computes all outputs in one gate
 * run and lets each loader stream its own file later. The JSON is exactly `emitJson`'s, written
 * in pieces, with the file contract's `schemaVersion`. Before anything is written, the file is
 * checked against `bestand`, the contract of the published file (src/shared/contracts/): a file
 * a page could not read is never written (a `ContractFout` naming `naam`). Returns the sha256 and
 * size to record in the pipeline's manifest; `emitCached` checks them.
 */
export function writePublishedFile(
  value: Publishable,
  path: string,
  bestand: {naam: string; contract: BestandContract}
): {sha256: string; bytes: number} {
  if (path.endsWith(".arrow")) {
    const whole = {...(toContract(value) as object), schemaVersion: bestand.contract.schemaVersion};
    bestand.contract.check(whole, bestand.naam);
    // The large page files: a bundle as Arrow IPC (see `bundleArrowBytes`).
    const bytes = bundleArrowBytes(value);
    writeFileSync(path, bytes);
    return {sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length};
  }
  // The cells of stored tables are checked and written from the gate's columns (`StoredCells`):
  // the rest of the file goes through the contract with those tables' cells left empty, their
  // cells through the same rules read from the columns; when a cell is off, the contract's own
  // check runs on the objects (and throws its own message).
  const contract = checkedContract(value, bestand);
  const fd = openSync(path, "w");
  try {
    const sink = new SyncSink(fd);
    const out = new HashingFileWriter(sink);
    writeJsonValue(contract, out);
    out.flush(true);
    return {sha256: sink.hash.digest("hex"), bytes: out.bytes};
  } finally {
    closeSync(fd);
  }
}
