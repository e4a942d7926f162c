import {describe, expect, it} from "vitest";
import {checkBronJson, type BronJson} from "../../data-loaders/sources/bron.ts";

const valid = (): BronJson => ({
  schemaVersion: 1,
  programma: "npm run ophalen",
  bijgewerkt: "2024-06-01T10:00:00.000Z",
  bestanden: [
    {
      bestand: "kerncijfers/kwb-2020.json",
      soort: "kerncijfers",
      titel: "Kerncijfers wijken en buurten 2020",
      uitgever: "CBS",
      tabel: "84799NED",
      jaar: 2020,
      adres: "https://opendata.cbs.nl/ODataFeed/odata/84799NED/TypedDataSet",
      verzoeken: ["https://opendata.cbs.nl/ODataFeed/odata/84799NED/TypedDataSet?$format=json"],
      opgehaald: "2024-06-01T09:59:00.000Z",
      licentie: "CC BY 4.0",
      bronvermelding: "Bron: CBS",
      gemeenten: ["GM1640"],
      aantal: 49,
      bytes: 1000,
      sha256: "a".repeat(64)
    }
  ]
});

describe("the bron.json contract", () => {
  it("accepts what ophalen writes", () => {
    expect(checkBronJson(valid())).toEqual(valid());
  });

  it("names the first wrong field with its entry", () => {
    const b = valid() as unknown as {bestanden: Record<string, unknown>[]};
    b.bestanden[0].tabel = "84799";
    expect(() => checkBronJson(b)).toThrow(
      'bron.json, kolom bestanden[0].tabel: verwacht een CBS-tabelnummer of null, gevonden "84799"'
    );
    const c = valid() as unknown as {bestanden: Record<string, unknown>[]};
    c.bestanden[0].gemeenten = ["Leudal"];
    expect(() => checkBronJson(c)).toThrow(
      /bestanden\[0\]\.gemeenten: verwacht een lijst met gemeentecodes of "alle"/
    );
    const d = valid();
    d.bestanden.push({...d.bestanden[0]});
    expect(() => checkBronJson(d)).toThrow(/bestanden\[1\]\.bestand: verwacht elk bestand één keer/);
    expect(() => checkBronJson({...valid(), schemaVersion: 2})).toThrow(
      /schemaVersion: verwacht 1, gevonden 2/
    );
  });
});
