import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadBronmap} from "../../data-loaders/sources/bronmap.ts";
import type {LoadedBronmap} from "../../data-loaders/sources/loaded.ts";

const FIXTURE = "test/fixtures/bronmap/basis";
let b: LoadedBronmap;
const logs: string[] = [];

beforeAll(async () => {
  b = await loadBronmap(FIXTURE, {log: (m) => logs.push(m)});
});
afterAll(() => b?.close());

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await b.connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}
function quality(file: string) {
  const q = b.quality.files.find((f) => f.file === file);
  if (!q) throw new Error(`no quality entry for ${file}`);
  return q;
}

describe("loadBronmap on the basis fixture", () => {
  it("reads gemeenten from RD New with a crs member, keeping accented names", () => {
    expect(b.areas.gemeenten.map((g) => [g.code, g.naam])).toEqual([
      ["GM0109", "Coëvorden"],
      ["GM0796", "'s-Hertogenbosch"]
    ]);
    expect(quality("gebieden/gemeenten.geojson").detected?.crs).toBe("EPSG:28992 (uit crs-lid)");
  });

  it("converts RD New to WGS84 with RFC 7946 winding and measures the area", () => {
    const g = b.areas.gemeenten[0];
    expect(g.geometry.type).toBe("Polygon");
    const ring = (g.geometry.type === "Polygon" ? g.geometry.coordinates : g.geometry.coordinates[0])[0];
    expect(ring[0][0]).toBeGreaterThan(5);
    expect(ring[0][0]).toBeLessThan(7);
    expect(ring[0][1]).toBeGreaterThan(52);
    let s = 0;
    for (let i = 0; i < ring.length - 1; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    expect(s).toBeGreaterThan(0); // counter-clockwise
    expect(g.areaKm2).toBeCloseTo(100, 0); // 10 x 10 km in RD
  });

  it("detects RD New from coordinate ranges when the crs member is absent, and derives parents from codes", () => {
    expect(quality("gebieden/wijken.geojson").detected?.crs).toBe("EPSG:28992 (uit coördinaatbereik)");
    expect(b.areas.wijken.find((w) => w.code === "WK010901")).toMatchObject({
      naam: "Dalen",
      gemeentecode: "GM0109",
      wijkcode: "WK010901",
      level: "wijk"
    });
    expect(b.areas.buurten.find((x) => x.code === "BU01090100")).toMatchObject({
      gemeentecode: "GM0109",
      wijkcode: "WK010901"
    });
  });

  it("reports features that are not polygons without failing", () => {
    const q = quality("gebieden/buurten.geojson");
    expect(q.rowsRead).toBe(6);
    expect(q.rowsAccepted).toBe(4);
    expect(q.rejected).toEqual({"geen polygoon": 2});
    expect(q.warnings[0]).toBe("2 features zonder polygoon overgeslagen (1x Point, 1x LineString)");
  });

  it("reads a Windows-1252, semicolon CSV with decimal commas and dd-mm-yyyy dates", async () => {
    const q = quality("vestigingen.csv");
    expect(q.detected).toMatchObject({
      encoding: "windows-1252",
      scheidingsteken: ";",
      locatie: "x/y (RD New)"
    });
    const r = await rows(
      "SELECT vestigingsnummer, naam, sbi, werkzame_personen, strftime(datum_inschrijving, '%Y-%m-%d') AS d, buurtcode, bedrijventerrein FROM vestigingen ORDER BY 1"
    );
    expect(r).toEqual([
      {
        vestigingsnummer: "000012345601",
        naam: "Bakkerij Coëvorden",
        sbi: "1071",
        werkzame_personen: 2,
        d: "2016-03-01",
        buurtcode: "BU01090000",
        bedrijventerrein: null
      },
      {
        vestigingsnummer: "000012345602",
        naam: "Café 's-Hertogenbosch",
        sbi: "56102",
        werkzame_personen: 4,
        d: "2018-06-15",
        buurtcode: "BU07960000",
        bedrijventerrein: null
      },
      {
        vestigingsnummer: "000012345603",
        naam: "Autohandel De Vosberg",
        sbi: "4511",
        werkzame_personen: 12,
        d: "2015-01-01",
        buurtcode: "BU01090100",
        bedrijventerrein: "BT-1234"
      },
      {
        vestigingsnummer: "000012345604",
        naam: "Nagelstudio Zoë",
        sbi: "96022",
        werkzame_personen: 1,
        d: "2020-01-01",
        buurtcode: "BU01090001",
        bedrijventerrein: null
      }
    ]);
  });

  it("rejects bad rows with a counted Dutch reason", () => {
    const q = quality("vestigingen.csv");
    expect(q.rowsRead).toBe(8);
    expect(q.rowsAccepted).toBe(4);
    expect(q.rejected).toEqual({
      "dubbel id": 1,
      "locatie buiten de regio": 1,
      "onbekende SBI-code": 1,
      "ongeldige datum": 1
    });
    expect(quality("signalen.csv").rejected).toEqual({"geen locatie": 1, "onbekende categorie": 1});
    expect(quality("eigendommen.csv").rejected).toEqual({"onbekende buurtcode": 1});
  });

  it("creates the record tables with exactly the contract's columns and types", async () => {
    const cols = async (t: string) =>
      (await rows(`DESCRIBE ${t}`)).map((r) => `${r.column_name}:${r.column_type}`);
    const area = [
      "gemeentecode:VARCHAR",
      "wijkcode:VARCHAR",
      "buurtcode:VARCHAR",
      "bedrijventerrein:VARCHAR",
      "buitengebied:BOOLEAN"
    ];
    expect(await cols("vestigingen")).toEqual([
      "vestigingsnummer:VARCHAR",
      "kvk_nummer:VARCHAR",
      "naam:VARCHAR",
      "sbi:VARCHAR",
      "sbi2025:VARCHAR",
      "rechtsvorm:VARCHAR",
      "werkzame_personen:INTEGER",
      "datum_inschrijving:DATE",
      "datum_uitschrijving:DATE",
      "moeder_kvk_nummer:VARCHAR",
      ...area
    ]);
    expect(await cols("signalen")).toEqual([
      "signaal_id:VARCHAR",
      "datum:DATE",
      "categorie:VARCHAR",
      ...area
    ]);
    expect(await cols("eigendommen")).toEqual([
      "kvk_nummer:VARCHAR",
      "object_id:VARCHAR",
      "gebruiksdoel:VARCHAR",
      "datum_verkrijging:DATE",
      "datum_vervreemding:DATE",
      ...area
    ]);
    expect(await cols("kerncijfers")).toEqual([
      "jaar:INTEGER",
      "gebiedcode:VARCHAR",
      "variabele:VARCHAR",
      "waarde:DOUBLE"
    ]);
    expect([...b.tables].sort()).toEqual(["eigendommen", "kerncijfers", "signalen", "vestigingen"]);
  });

  it("assigns lat/lon points and normalises category case", async () => {
    expect(
      await rows("SELECT signaal_id, categorie, buurtcode, buitengebied FROM signalen ORDER BY 1")
    ).toEqual([
      {signaal_id: "S1", categorie: "hennep", buurtcode: "BU01090000", buitengebied: false},
      {signaal_id: "S2", categorie: "drugsafval", buurtcode: "BU01090001", buitengebied: true}
    ]);
  });

  it("reads StatLine CSV and OData JSON kerncijfers: padded codes, prefix keys, missing markers as NULL", async () => {
    const r = await rows(
      "SELECT jaar, gebiedcode, variabele, waarde FROM kerncijfers WHERE variabele IN ('inwoners', 'gemiddeld_inkomen') ORDER BY 1, 2, 3"
    );
    const v = (jaar: number, code: string, variabele: string) =>
      r.find((x) => x.jaar === jaar && x.gebiedcode === code && x.variabele === variabele)?.waarde;
    expect(v(2019, "GM0109", "inwoners")).toBe(35299);
    expect(v(2019, "GM0109", "gemiddeld_inkomen")).toBe(26.3);
    expect(v(2019, "BU01090001", "gemiddeld_inkomen")).toBeNull(); // "."
    expect(v(2019, "BU01090100", "gemiddeld_inkomen")).toBeNull(); // "x"
    expect(v(2020, "BU01090000", "gemiddeld_inkomen")).toBeNull(); // null
    expect(v(2020, "BU01090001", "gemiddeld_inkomen")).toBeNull(); // -99999999
    expect(v(2020, "BU01090100", "gemiddeld_inkomen")).toBeNull(); // -99997
    expect(v(2020, "BU07960000", "gemiddeld_inkomen")).toBe(31.2);
    expect(r.some((x) => x.gebiedcode === "NL00" || x.gebiedcode === "GM0000")).toBe(false);
    expect(quality("kerncijfers/kwb-2020.json").rejected).toEqual({"gebied niet in de gebiedsbestanden": 1});
  });

  it("derives the buitengebied from stedelijkheid when there is no buitengebied file", () => {
    expect(b.areas.buitengebied).toBeNull();
    expect(b.areas.buitengebiedBuurten).toEqual(["BU01090001", "BU01090100"]);
  });

  it("reads bedrijventerreinen with a numeric RIN_NUMMER (as IBIS delivers it) under a code the gate publishes, and finds their gemeente", () => {
    expect(b.areas.bedrijventerreinen).toMatchObject([
      {code: "BT-1234", naam: "De Vosberg", gemeentecode: "GM0109"}
    ]);
  });

  it("reports the year span and logs progress lines", () => {
    expect(b.quality.years).toEqual({first: 2019, last: 2020});
    expect(logs.some((l) => l.startsWith("vestigingen.csv: 8 regels gelezen, 4 opgenomen"))).toBe(true);
  });
});
