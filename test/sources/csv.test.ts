import {cpSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {publishedFileName} from "../../data-loaders/indicators/bundles-meta.ts";
import {rinCode} from "../../data-loaders/sources/areas.ts";
import {loadBronmap} from "../../data-loaders/sources/bronmap.ts";
import {DuckDBInstance} from "@duckdb/node-api";
import {
  TRIM_CHARS,
  detectDelimiter,
  detectEncoding,
  dropCsvRaw,
  loadCsvRaw,
  prefetchCsvRaw,
  splitHeader,
  sqlString,
  sqlTrim
} from "../../data-loaders/sources/csv.ts";
import {maxGeoJsonBytes, readPolygonGeoJson} from "../../data-loaders/sources/geojson.ts";

const dir = mkdtempSync(join(tmpdir(), "csv-test-"));
function file(name: string, bytes: Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

describe("detectEncoding", () => {
  it("recognises Windows-1252 by its invalid UTF-8 bytes", async () => {
    expect(await detectEncoding(file("a.csv", Buffer.from("naam\nCo\xebvorden\n", "latin1")))).toBe(
      "windows-1252"
    );
  });
  it("recognises UTF-8 with and without BOM", async () => {
    expect(await detectEncoding(file("b.csv", Buffer.from("\ufeffnaam\nCoëvorden\n", "utf8")))).toBe(
      "utf-8-bom"
    );
    expect(await detectEncoding(file("c.csv", Buffer.from("naam\nCoëvorden\n", "utf8")))).toBe("utf-8");
  });
  it("finds a Windows-1252 byte far into the file", async () => {
    const big = Buffer.concat([
      Buffer.from("a;b\n" + "x;y\n".repeat(400_000)),
      Buffer.from("Co\xebvorden;1\n", "latin1")
    ]);
    expect(await detectEncoding(file("d.csv", big))).toBe("windows-1252");
  });
});

describe("detectDelimiter", () => {
  it("prefers ; as Dutch Excel writes it", () => {
    expect(detectDelimiter("a;b;c")).toBe(";");
    expect(detectDelimiter("a,b,c")).toBe(",");
    expect(detectDelimiter('"a,1";"b,2"')).toBe(";");
  });
  it("splits a quoted header", () => {
    expect(splitHeader('"ID";"Wijken;En";"x"', ";")).toEqual(["ID", "Wijken;En", "x"]);
  });
});

describe("limits", () => {
  const V =
    "vestigingsnummer;kvk_nummer;naam;sbi;rechtsvorm;werkzame_personen;datum_inschrijving;datum_uitschrijving;x;y";
  const row = (i: number, naam = `Zaak ${i}`) =>
    `00000000000${i};1000000${i};${naam};4711;Eenmanszaak;1;2020-01-01;;201000;501000`;

  it("counts a row of 40 MB as rejected ('regel te lang') instead of losing it", async () => {
    // DuckDB drops a row longer than its 32 MB buffer without a word; the byte scan finds it.
    const dir = mkdtempSync(join(tmpdir(), "lange-regel-"));
    cpSync("test/fixtures/malformed/_basis", dir, {recursive: true});
    writeFileSync(
      join(dir, "vestigingen.csv"),
      [V, row(1), row(2), row(3, "x".repeat(40 * 2 ** 20)), row(4)].join("\n") + "\n"
    );
    const b = await loadBronmap(dir, {log: () => {}});
    try {
      const q = b.quality.files.find((f) => f.file === "vestigingen.csv")!;
      expect(q.rowsRead).toBe(4);
      expect(q.rowsAccepted).toBe(3);
      expect(q.rejected).toEqual({"regel te lang": 1});
      expect(q.warnings).toContain("1 regel langer dan 1 MB afgewezen (eerste op regel 4)");
    } finally {
      b.close();
      rmSync(dir, {recursive: true, force: true});
    }
  }, 120_000);

  it("refuses a GeoJSON file over the size limit before reading it, naming its size", () => {
    const path = file("groot.geojson", Buffer.alloc(3 * 2 ** 20, 0x20));
    const before = process.env.BRONMAP_MAX_GEOJSON_MB;
    process.env.BRONMAP_MAX_GEOJSON_MB = "2";
    try {
      expect(() => readPolygonGeoJson(path, "gebieden/buurten.geojson")).toThrow(
        "gebieden/buurten.geojson: verwacht een GeoJSON-bestand van hoogstens 2 MB (groter past niet in het geheugen van het leesproces), gevonden een bestand van 3 MB; vereenvoudig de grenzen (bijvoorbeeld met mapshaper of QGIS, of gebruik de gegeneraliseerde kaart van CBS/PDOK)"
      );
    } finally {
      if (before === undefined) delete process.env.BRONMAP_MAX_GEOJSON_MB;
      else process.env.BRONMAP_MAX_GEOJSON_MB = before;
    }
    expect(maxGeoJsonBytes()).toBeGreaterThanOrEqual(200 * 2 ** 20);
  });
});

describe("published file names", () => {
  it("publishes kerncijfers files as kwb-<year> or bestand-<n>, never their own names", () => {
    const files = [
      "gebieden/gemeenten.geojson",
      "kerncijfers/kwb-2020-vertrouwelijk-dossier-jansen.csv",
      "kerncijfers/kwb-2020.json",
      "kerncijfers/export-projectX.csv",
      "vestigingen.csv"
    ];
    expect(files.map((f) => publishedFileName(f, files))).toEqual([
      "gebieden/gemeenten.geojson",
      "kerncijfers/kwb-2020",
      "kerncijfers/kwb-2020-2",
      "kerncijfers/bestand-3",
      "vestigingen.csv"
    ]);
  });
});

describe("rinCode", () => {
  it("publishes a numeric RIN_NUMMER as BT-<nr>, keeps codes in letters and digits, refuses the rest", () => {
    expect(rinCode("1234")).toBe("BT-1234");
    expect(rinCode("12345678")).toBe("BT-12345678");
    expect(rinCode("RIN-0001")).toBe("RIN-0001");
    expect(rinCode("bt-01")).toBe("BT-01");
    expect(rinCode("0772.01")).toBe("BT-0772-01");
    expect(rinCode("<b>RIN 12</b>")).toBeNull();
    expect(rinCode("RIN 12")).toBeNull();
  });
});

describe("a read started ahead on another connection (prefetchCsvRaw)", () => {
  // A row with a field too many (rejected by DuckDB, which keeps its rejects in temporary tables
  // of the connection that read), a field spanning two lines and a blank line: the line numbers
  // and counts must be those of a read on the connection itself.
  const text = 'id;naam\n1;a\n2;b;x\n\n3;"c\nd"\n4;e\n';
  const read = async (ahead: boolean, table = "raw_p") => {
    const p = file("prefetch.csv", Buffer.from(text, "utf8"));
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    const other = await db.connect();
    const prefetch = ahead ? prefetchCsvRaw(other, p, table, "prefetch.csv") : null;
    if (ahead) expect(prefetch).not.toBeNull();
    const raw = await loadCsvRaw(c, p, "raw_p", "prefetch.csv", prefetch);
    const rows = (await c.runAndReadAll(`SELECT _line, id, naam FROM raw_p ORDER BY _line`)).getRows();
    const left = (
      await c.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'raw_%' ORDER BY 1`)
    ).getRows();
    await dropCsvRaw(c, raw);
    other.closeSync();
    c.closeSync();
    return {raw, rows, left};
  };
  it("gives the same rows, line numbers, rejections and warnings as a read of its own", async () => {
    const own = await read(false);
    expect(own.raw.rejected).toEqual({"onleesbare regel": 1});
    expect(own.rows).toEqual([
      [2, "1", "a"],
      [5, "3", "c\nd"],
      [7, "4", "e"]
    ]);
    const ahead = await read(true);
    expect(ahead.raw).toEqual(own.raw);
    expect(ahead.rows).toEqual(own.rows);
    expect(ahead.left).toEqual([["raw_p_bron"]]);
  });
  it("is dropped, and the file read anew, when it was started for another table", async () => {
    const own = await read(false);
    const other = await read(true, "raw_q");
    expect(other.raw).toEqual(own.raw);
    expect(other.rows).toEqual(own.rows);
    expect(other.left).toEqual([["raw_p_bron"]]);
  });
  it("starts nothing for a header loadCsvRaw would refuse, which then names the problem itself", async () => {
    const p = file("leeg-kop.csv", Buffer.from("id;;naam\n1;2;3\n", "utf8"));
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    expect(prefetchCsvRaw(await db.connect(), p, "raw_x", "leeg-kop.csv")).toBeNull();
    expect(prefetchCsvRaw(c, join(dir, "bestaat-niet.csv"), "raw_x", "bestaat-niet.csv")).toBeNull();
    await expect(loadCsvRaw(c, p, "raw_x", "leeg-kop.csv", null)).rejects.toThrow(/lege kolomnaam/);
    c.closeSync();
  });
});

describe("trimming values", () => {
  // Space, tab and no-break space (U+00A0, bytes C2 A0) go from both ends; inside a value they
  // stay, and so do characters that share a byte with the no-break space (à = C3 A0, © = C2 A9).
  it("trims space, tab and no-break space at both ends only (answers worked out by hand)", async () => {
    const p = file(
      "trim.csv",
      Buffer.from("a;b\n x ;\u00a0y\u00a0\n\tz;à\n%_ ; \u00a0 \n©;q\u00a0r\n", "utf8")
    );
    const c = await (await DuckDBInstance.create(":memory:")).connect();
    const raw = await loadCsvRaw(c, p, "raw_trim", "trim.csv");
    const rows = (await c.runAndReadAll(`SELECT a, b FROM raw_trim ORDER BY _line`)).getRows();
    expect(rows).toEqual([
      ["x", "y"],
      ["z", "à"],
      ["%_", null],
      ["©", "q\u00a0r"]
    ]);
    await dropCsvRaw(c, raw);
    c.closeSync();
  });
  it("gives what trim() with the characters gives, for values at the edges", async () => {
    const values = [
      "",
      " ",
      "\t",
      "\u00a0",
      " a",
      "a ",
      "\u00a0a\u00a0",
      "a b",
      "a\u00a0b",
      "%",
      "_",
      " _ ",
      "à",
      "©",
      "\u00a0\u00a0",
      "x\t",
      "\t \u00a0x\u00a0 \t",
      "ࠀ",
      "\u00a0é"
    ];
    const c = await (await DuckDBInstance.create(":memory:")).connect();
    const rows = (
      await c.runAndReadAll(
        `SELECT v, trim(v, ${TRIM_CHARS}) AS a, ${sqlTrim("v")} AS b
         FROM (VALUES ${values.map((v) => `(${sqlString(v)})`).join(", ")}, (NULL)) t(v)`
      )
    ).getRows();
    expect(rows).toHaveLength(values.length + 1);
    for (const [v, a, b] of rows) expect({v, b}).toEqual({v, b: a});
    c.closeSync();
  });
});
