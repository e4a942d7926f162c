/**
 * The only way a loader in `src/data/` writes its output: these functions accept nothing but
 * gate-made objects (checked at runtime, not just by type) and write them to stdout, which is
 * where Observable Framework reads a data loader's output.
 */
import {createHash} from "node:crypto";
import {closeSync, openSync, readFileSync, writeFileSync, writeSync} from "node:fs";
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
import type {BestandContract} from "../../src/shared/contracts/envelope.ts";
import {isPublishable, type Publishable, type PublishedTable} from "./published.ts";
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

/** Plain JSON form of a gate object: the envelope of src/shared/contracts/envelope.ts, without the brand. */
export function toContract(value: Publishable): unknown {
  assertFromGate(value);
  const v = value as unknown as Record<string, unknown>;
  if ("onderdelen" in v) {
    const parts = v.onderdelen as Record<string, Publishable>;
    return {
      schemaVersion: 1,
      onderdelen: Object.fromEntries(Object.entries(parts).map(([k, p]) => [k, toContract(p)]))
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
      cellen: t.cellen
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

/**
 * Buffered file writer that hashes what it writes: large page files are written in pieces, so
 * no string of the whole file (hundreds of MB nationally) is ever built.
 */
class HashingFileWriter {
  private buffer = Buffer.allocUnsafe(1 << 22);
  private offset = 0;
  private hash = createHash("sha256");
  bytes = 0;
  constructor(private fd: number) {}
  write(s: string): void {
    // At most 3 bytes per UTF-16 unit (a surrogate pair is 2 units for 4 bytes).
    if (this.offset + s.length * 3 > this.buffer.length) {
      this.flush();
      if (s.length * 3 > this.buffer.length) {
        const b = Buffer.from(s, "utf8");
        this.hash.update(b);
        writeSync(this.fd, b);
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
  flush(): void {
    if (this.offset === 0) return;
    const chunk = this.buffer.subarray(0, this.offset);
    this.hash.update(chunk);
    writeSync(this.fd, chunk);
    this.bytes += this.offset;
    this.offset = 0;
  }
  digest(): string {
    this.flush();
    return this.hash.digest("hex");
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
function writeJsonValue(
  value: unknown,
  out: {write(s: string): void; writeArrayPiece(s: string, first: boolean, last: boolean): void}
): void {
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
  const contract = {...(toContract(value) as object), schemaVersion: bestand.contract.schemaVersion};
  bestand.contract.check(contract, bestand.naam);
  if (path.endsWith(".arrow")) {
    // The large page files: a bundle as Arrow IPC (see `bundleArrowBytes`).
    const bytes = bundleArrowBytes(value);
    writeFileSync(path, bytes);
    return {sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length};
  }
  const fd = openSync(path, "w");
  try {
    const out = new HashingFileWriter(fd);
    writeJsonValue(contract, out);
    const sha256 = out.digest();
    return {sha256, bytes: out.bytes};
  } finally {
    closeSync(fd);
  }
}
