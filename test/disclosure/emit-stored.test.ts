/**
 * The writers after the gate read the cells of a stored table (`brandStoredTable`, published.ts)
 * from the store's columns instead of making an object per cell: `writePublishedFile` writes the
 * JSON of the cells byte by byte (emit.ts, `writeStoredCells`), checks them with the contract's
 * cell rules on the columns, `publishTableParts` splits by ids, `encodeOpenData` maps the
 * interned values. These tests pin that each gives exactly what the cell objects gave: the bytes
 * of `JSON.stringify` (numbers, null, escaping, non-ASCII, lone surrogates, the writer's buffer
 * boundaries), the contract's own error message for a cell that is off, the same parts and the
 * same open-data files, and that no cell object is made on the way.
 */
import {createHash} from "node:crypto";
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it, vi} from "vitest";
import {
  brand,
  brandStoredTable,
  forEachCell,
  PublishedCellStore,
  type PublishedTable,
  type PublishedTableHead
} from "../../data-loaders/disclosure/published.ts";
import {
  publishBundle,
  publishMetadata,
  PublishedFileWriter,
  toContract,
  writePublishedFile
} from "../../data-loaders/disclosure/gate.ts";
import {publishTableParts} from "../../data-loaders/disclosure/parts.ts";
import {encodeOpenData, writeOpenData} from "../../data-loaders/disclosure/open-data.ts";
import type {PublishedCell} from "../../data-loaders/disclosure/types.ts";
import {bundelContract, metadataDeel, type BestandContract} from "../../src/shared/contracts/envelope.ts";
import {alles} from "./helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "emit-stored-"));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** The contract of a bundle of tables, with the real cell rules. */
const tabellen = bundelContract({
  bestanden: /.*/,
  omschrijving: "test.json",
  schemaVersion: 1,
  mogelijk: [metadataDeel("tekst", "tekst", (v) => v)],
  tabellen: true
});

const head = (id: string): PublishedTableHead => ({
  schemaVersion: 1,
  id,
  titel: `Tabel ${id} met "aanhalingstekens", één ë en \\`,
  soort: "telling",
  eenheidSoort: "vestigingen",
  eenheid: "aantal",
  dimensies: ["gebied", "jaar"]
});

type Key = Parameters<PublishedCellStore["add"]>[0];
type Row = [Key, number | null, PublishedCell["status"], string | null];

/** Texts JSON.stringify escapes or writes as multi-byte UTF-8. */
const TEXTS = [
  "Café ’s-Hertogenbosch",
  'aan "huis" \\ back',
  "tab\there, nieuwe\nregel, \r, \b, \f, \u0000 en \u001f",
  "lijn\u2028en\u2029alinea",
  "emoji 😀 en han 漢",
  "los \ud800 hoog en \udc00 laag",
  "",
  "</script>"
];

/**
 * Numbers whose JSON has an exponent, a fraction, a sign or many digits; and integers around the
 * bounds of the writer's digit-by-digit path (up to 2^31 in magnitude) and past them.
 */
const NUMBERS = [
  0,
  7,
  10,
  99,
  100,
  -10,
  999_999_999,
  1_000_000_000,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) + 1,
  -(2 ** 31),
  -(2 ** 31) - 1,
  2 ** 32,
  1e15,
  2 ** 53 + 2,
  -0,
  1,
  -1,
  0.1 + 0.2,
  1e21,
  1.5e-7,
  -2.5e-300,
  123456789012345680000,
  5e-324,
  Number.MAX_VALUE,
  12.345
];

function rows(): Row[] {
  const out: Row[] = [];
  let n = 0;
  for (const t of TEXTS)
    for (const w of [...NUMBERS, null]) {
      const k = n++;
      out.push([
        {
          gebiedcode: k % 3 === 0 ? "GM0001" : `BU0001${String(k).padStart(4, "0")}`,
          gebiedniveau: k % 3 === 0 ? "gemeente" : "buurt",
          // The same area with another parent now and then (the writer caches an area's runs).
          bovenliggend: k % 3 === 0 ? (k % 9 === 3 ? "PV01" : null) : "GM0001",
          branche: k % 2 ? t : null,
          categorie: k % 5 === 0 ? null : t,
          jaar: 2015 + (k % 11)
        },
        w,
        w === null ? (k % 2 ? "onderdrukt" : "geen-data") : k % 7 === 0 ? "afgerond" : "",
        w === null ? `reden ${t}` : k % 4 === 0 ? t : null
      ]);
    }
  return out;
}

function storeWith(list: Row[]): {store: PublishedCellStore; ids: Int32Array} {
  const store = new PublishedCellStore(4);
  const ids = Int32Array.from(list, ([key, w, status, reden]) => store.add(key, w, status, reden));
  return {store, ids};
}

/** What the file must be: `JSON.stringify` of the envelope with the cell objects. */
function expected(value: Parameters<typeof toContract>[0]): string {
  return JSON.stringify({...(toContract(value) as object), schemaVersion: 1});
}

function written(name: string, value: Parameters<typeof toContract>[0], contract = alles) {
  const path = join(dir, name);
  const r = writePublishedFile(value, path, {naam: name, contract});
  return {...r, text: readFileSync(path)};
}

describe("page files written from the gate's columns", () => {
  it("give the bytes of JSON.stringify of the cell objects, without making them", () => {
    const {store, ids} = storeWith(rows());
    const object = vi.spyOn(store, "object");
    const a = brandStoredTable(head("a"), store, ids);
    const b = brandStoredTable(head("b"), store, ids.slice().reverse());
    const leeg = brandStoredTable(head("leeg"), store, new Int32Array(0));
    const bundle = publishBundle({a, b, leeg, tekst: publishMetadata("tekst", {x: TEXTS})});
    const file = written("bundel.json", bundle, tabellen);
    expect(object).not.toHaveBeenCalled();
    const want = expected(bundle);
    expect(object).toHaveBeenCalled();
    expect(file.text.toString("utf8")).toBe(want);
    expect(file.bytes).toBe(Buffer.byteLength(want));
    expect(file.sha256).toBe(createHash("sha256").update(want).digest("hex"));
  });

  it("a single table, over the writer's 4 MB buffer many times", () => {
    const base = rows();
    const list: Row[] = [];
    for (let r = 0; r < 400; r++)
      for (const [key, w, status, reden] of base)
        list.push([{...key, gebiedcode: `${key.gebiedcode}-${r}-${"x".repeat(r % 97)}`}, w, status, reden]);
    const {store, ids} = storeWith(list);
    const table = brandStoredTable(head("groot"), store, ids);
    const file = written("groot.json", table);
    expect(file.bytes).toBeGreaterThan(2 * (1 << 22));
    const want = expected(table);
    expect(file.text.equals(Buffer.from(want, "utf8"))).toBe(true);
    expect(file.sha256).toBe(createHash("sha256").update(want).digest("hex"));
  });

  it("parts of a stored table are stored tables with the same cells, written the same", () => {
    const {store, ids} = storeWith(rows());
    const table = brandStoredTable(head("t"), store, ids);
    const object = vi.spyOn(store, "object");
    const keysOf = (c: PublishedCell) =>
      c.gebiedniveau === "gemeente" ? undefined : c.jaar % 2 ? [`oneven`, "alle"] : `even`;
    const parts = publishTableParts(table, keysOf, ["altijd"]);
    const files = [...parts].map(([key, part]) => [key, written(`deel-${key}.json`, part).text.toString()]);
    expect(object).not.toHaveBeenCalled();
    // The same parts from the cell objects (a table made by `brand`, as before the columns).
    const plain = brand<PublishedTable>({...head("t"), cellen: table.cellen}, "PublishedTable");
    const plainParts = publishTableParts(plain, keysOf, ["altijd"]);
    expect([...parts.keys()]).toEqual(["altijd", "even", "oneven", "alle"]);
    expect([...plainParts.keys()]).toEqual([...parts.keys()]);
    for (const [key, text] of files) {
      expect(text).toBe(expected(plainParts.get(key as string)!));
      // The objects are the store's own (one per id), as a table's `cellen` gives them.
      const p = parts.get(key as string)!;
      p.cellen.forEach((c, k) => expect(c).toBe(plainParts.get(key as string)!.cellen[k]));
    }
  });

  it("forEachCell visits the cells of `cellen`, in order", () => {
    const {store, ids} = storeWith(rows());
    const table = brandStoredTable(head("t"), store, ids.slice(3, 40));
    const seen: unknown[] = [];
    forEachCell(table, (c, k) => seen.push([k, {...c}]));
    expect(seen).toEqual(table.cellen.map((c, k) => [k, c]));
  });

  describe("a cell the contract refuses: the contract's own message, nothing written", () => {
    const bad: [string, (r: Row) => Row][] = [
      ["a year that is not whole", ([k, w, s, r]) => [{...k, jaar: 2024.5}, w, s, r]],
      ["an empty value without a status", ([k, , , r]) => [k, null, "", r]],
      ["an infinite value", ([k, , s, r]) => [k, Infinity, s, r]],
      ["an unknown level", ([k, w, s, r]) => [{...k, gebiedniveau: "provincie"}, w, s, r]],
      ["an unknown status", ([k, w, , r]) => [k, w, "weg" as PublishedCell["status"], r]]
    ];
    for (const [what, change] of bad)
      it(what, () => {
        const list = rows();
        list[17] = change(list[17]!);
        const {store, ids} = storeWith(list);
        const good = brandStoredTable(head("goed"), store, ids.slice(0, 10));
        const table = brandStoredTable(head("t"), store, ids);
        const bundle = publishBundle({goed: good, t: table});
        const path = join(dir, "fout.json");
        let message = "";
        try {
          tabellen.check({...(toContract(bundle) as object), schemaVersion: 1}, "fout.json");
        } catch (e) {
          message = (e as Error).message;
        }
        expect(message).toMatch(/cellen\[17\]/);
        expect(() => writePublishedFile(bundle, path, {naam: "fout.json", contract: tabellen})).toThrow(
          message
        );
        expect(() => readFileSync(path)).toThrow();
      });
  });
});

describe("open data from the gate's columns", () => {
  it("gives the files the cell objects gave", () => {
    const {store, ids} = storeWith(rows());
    const stored = [
      brandStoredTable(head("a"), store, ids),
      brandStoredTable({...head("b"), eenheid: "per 1.000 inwoners"}, store, ids.slice(5, 50))
    ];
    const object = vi.spyOn(store, "object");
    const fromColumns = encodeOpenData(stored);
    expect(object).not.toHaveBeenCalled();
    const plain = stored.map((t) =>
      brand<PublishedTable>({...head(t.id), eenheid: t.eenheid, cellen: t.cellen}, "PublishedTable")
    );
    const fromObjects = encodeOpenData(plain);
    const a = join(dir, "kolommen");
    const b = join(dir, "objecten");
    // The line-by-line path over the cell objects (its own string code, no columns).
    const c = join(dir, "rijen");
    expect(writeOpenData(fromColumns, a).rows).toBe(ids.length + 45);
    writeOpenData(fromObjects, b);
    writeOpenData({tables: new Map(plain.map((t) => [t.id, t]))}, c);
    for (const f of ["cijfers.csv", "cijfers.json"]) {
      const want = readFileSync(join(c, "open-data", f));
      expect(readFileSync(join(a, "open-data", f)).equals(want)).toBe(true);
      expect(readFileSync(join(b, "open-data", f)).equals(want)).toBe(true);
    }
    // Quoted CSV fields and escaped JSON strings are there (the texts have commas, quotes, newlines).
    expect(readFileSync(join(c, "open-data", "cijfers.csv"), "utf8")).toContain('"aan ""huis"" \\ back"');
    expect(JSON.parse(readFileSync(join(c, "open-data", "cijfers.json"), "utf8"))).toHaveLength(
      ids.length + 45
    );
  });
});

describe("PublishedFileWriter: hashing and writing in a thread", () => {
  it("writes the files writePublishedFile writes, with the same sha256 and size", async () => {
    const {store, ids} = storeWith(rows());
    const list: Row[] = [];
    for (let r = 0; r < 400; r++)
      for (const [key, w, status, reden] of rows())
        list.push([{...key, gebiedcode: `${key.gebiedcode}-${r}-${"y".repeat(r % 89)}`}, w, status, reden]);
    const big = storeWith(list);
    const values = [
      brandStoredTable(head("a"), store, ids),
      publishBundle({
        groot: brandStoredTable(head("groot"), big.store, big.ids),
        tekst: publishMetadata("tekst", {x: TEXTS})
      }),
      brandStoredTable(head("leeg"), store, new Int32Array(0)),
      // A string longer than a buffer, outside the cells.
      publishMetadata("tekst", "ë".repeat(3 << 20))
    ];
    const writer = new PublishedFileWriter();
    try {
      const pending = values.map((v, k) =>
        writer.write(v, join(dir, `draad-${k}.json`), {naam: `draad-${k}.json`, contract: alles})
      );
      const results = await Promise.all(pending);
      values.forEach((v, k) => {
        const viaThread = readFileSync(join(dir, `draad-${k}.json`));
        const here = written(`hier-${k}.json`, v);
        expect(viaThread.equals(here.text)).toBe(true);
        expect(results[k]).toEqual({sha256: here.sha256, bytes: here.bytes});
      });
      expect(results[1]!.bytes).toBeGreaterThan(2 * (1 << 22));
    } finally {
      await writer.close();
    }
  });

  it("rejects a file it cannot write, and goes on with the next", async () => {
    const {store, ids} = storeWith(rows());
    const table = brandStoredTable(head("a"), store, ids);
    const writer = new PublishedFileWriter();
    try {
      const bad = writer.write(table, join(dir, "bestaat-niet", "x.json"), {naam: "x.json", contract: alles});
      const good = writer.write(table, join(dir, "goed.json"), {naam: "goed.json", contract: alles});
      await expect(bad).rejects.toThrow(/ENOENT/);
      expect((await good).sha256).toBe(written("goed-hier.json", table).sha256);
    } finally {
      await writer.close();
    }
  });
});
