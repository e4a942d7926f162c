import {copyFileSync, mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {readPolitie, readPolitieGebieden, readSoorten} from "../../data-loaders/sources/politie.ts";
import {BronmapError} from "../../data-loaders/sources/types.ts";

const FIX = join(import.meta.dirname, "..", "fixtures", "ophalen");

function bronmap(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "politie-"));
  mkdirSync(join(dir, "politie"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, "politie", name), content);
  return dir;
}

describe("the police code lists (real 47022NED exports)", () => {
  it("reads the offence list with keys padded to six characters and descriptions over several lines", () => {
    const {soorten, quality} = readSoorten(
      join(FIX, "echt/politie-47022NED-soortmisdrijf.csv"),
      "politie/soort-misdrijf.csv"
    );
    // 59 offence groups in the export (counted by hand: 59 data records, several spanning lines).
    expect(quality).toMatchObject({rowsRead: 59, rowsAccepted: 59, rejected: {}});
    expect(soorten.get("1.1.1")).toEqual({code: "1.1.1", titel: "Diefstal/inbraak woning", totaal: false});
    expect(soorten.get("0.0.0")).toEqual({code: "0.0.0", titel: "Totaal misdrijven", totaal: true});
    // The only key that fills all six characters has no padding at all.
    expect(soorten.get("2.6.10")?.titel).toBe("Bestrijdingsmiddelen");
    expect([...soorten.keys()].some((k) => k !== k.trim())).toBe(false);
  });

  it("reads the area list, padded keys and the Nederland row included", () => {
    const {gebieden, quality} = readPolitieGebieden(
      join(FIX, "echt/politie-47022NED-wijkenenbuurten-limburg5.csv"),
      "politie/wijken-en-buurten.csv"
    );
    // 308 areas of Leudal, Nederweert, Roermond, Venlo and Weert (as KWB 2020 has them) plus Nederland.
    expect(quality).toMatchObject({rowsRead: 308, rowsAccepted: 308, rejected: {}});
    expect(quality.warnings).toEqual(["1 regels voor andere gebiedssoorten (land, regio) overgeslagen"]);
    expect(gebieden.get("GM1640")).toEqual({
      code: "GM1640",
      naam: "Leudal",
      niveau: "gemeente",
      gemeentecode: "GM1640"
    });
    expect(gebieden.get("WK164000")).toEqual({
      code: "WK164000",
      naam: "Heythuysen",
      niveau: "wijk",
      gemeentecode: "GM1640"
    });
    expect(gebieden.get("BU16400001")?.naam).toBe("Verspreide huizen Heythuysen");
  });

  it("decodes a Windows-1252 area list", () => {
    const dir = bronmap({
      "wijken-en-buurten.csv": Buffer.from(
        '"Key","Title","Description","Municipality","DetailRegionCode"\r\n"BU01090000","Centrum Co\xebvorden",,"GM0109","BU01090000"\r\n',
        "latin1"
      )
    });
    const {gebieden, quality} = readPolitieGebieden(
      join(dir, "politie/wijken-en-buurten.csv"),
      "politie/wijken-en-buurten.csv"
    );
    expect(gebieden.get("BU01090000")?.naam).toBe("Centrum Coëvorden");
    expect(quality.detected?.encoding).toBe("windows-1252");
  });
});

describe("registered crime per area (readPolitie)", () => {
  function fixtureBronmap(): string {
    const dir = bronmap({});
    copyFileSync(
      join(FIX, "gemaakt/politie-47018NED-typeddataset.json"),
      join(dir, "politie/misdrijven-2020.json")
    );
    copyFileSync(
      join(FIX, "gemaakt/politie-47018NED-dataproperties.json"),
      join(dir, "politie/misdrijven.dataproperties.json")
    );
    copyFileSync(
      join(FIX, "echt/politie-47022NED-soortmisdrijf.csv"),
      join(dir, "politie/soort-misdrijf.csv")
    );
    return dir;
  }

  it("reads the counts of the OData file as ophalen writes it", () => {
    const data = readPolitie(fixtureBronmap())!;
    const q = data.quality.find((f) => f.file === "politie/misdrijven-2020.json")!;
    // 117 areas of Leudal (49), Nederweert (21) and Roermond (47) in the real region list x 7 offence codes.
    expect(q).toMatchObject({rowsRead: 819, rowsAccepted: 819, rejected: {}});
    expect(q.detected?.aantal).toBe("GeregistreerdeMisdrijven_1");
    expect(data.misdrijven[0]).toEqual({
      jaar: 2020,
      maand: null,
      gebiedcode: "GM1640",
      niveau: "gemeente",
      gemeentecode: "GM1640",
      soort: "0.0.0",
      aantal: 720
    });
    // The fixture's gemeente counts are the sums of its buurten; the reader keeps every code apart.
    const of = (code: string, soort: string): number =>
      data.misdrijven
        .filter((m) => m.gebiedcode === code && m.soort === soort)
        .reduce((a, m) => a + m.aantal!, 0);
    const buurten = data.misdrijven.filter(
      (m) => m.niveau === "buurt" && m.gemeentecode === "GM1640" && m.soort === "1.1.1"
    );
    expect(buurten.length).toBe(32);
    expect(of("GM1640", "1.1.1")).toBe(buurten.reduce((a, m) => a + m.aantal!, 0));
  });

  it("counts areas outside the boundary files as rejected", () => {
    const known = new Set(["GM1640", "WK164000", "BU16400000", "BU16400001"]);
    const data = readPolitie(fixtureBronmap(), {knownCodes: known})!;
    const q = data.quality.find((f) => f.file === "politie/misdrijven-2020.json")!;
    expect(q.rowsAccepted).toBe(4 * 7);
    expect(q.rejected).toEqual({"gebied niet in de gebiedsbestanden": 819 - 28});
  });

  it("rejects bad rows with a reason and keeps months apart from years", () => {
    const csv = [
      '"ID";"SoortMisdrijf";"WijkenEnBuurten";"Perioden";"GeregistreerdeMisdrijven_1"',
      '0;"0.0.0 ";"NL00      ";"2020JJ00";1000',
      '1;"1.1.1 ";"GM1640    ";"2020JJ00";12',
      '2;"1.1.1 ";"GM1640    ";"2020MM03";3',
      '3;"1.1.1 ";"GM1640    ";"2020KW01";4',
      '4;"9.9.9 ";"GM1640    ";"2020JJ00";5',
      '5;"1.1.2 ";"GM1640    ";"2020JJ00";-1',
      '6;"1.1.2 ";"WK164000  ";"2020JJ00";.',
      '7;"1.1.1 ";"GM1640    ";"2020JJ00";13',
      '8;"abc";"GM1640    ";"2020JJ00";1'
    ].join("\r\n");
    const dir = bronmap({"misdrijven-2020.csv": csv});
    copyFileSync(
      join(FIX, "echt/politie-47022NED-soortmisdrijf.csv"),
      join(dir, "politie/soort-misdrijf.csv")
    );
    const data = readPolitie(dir)!;
    const q = data.quality.find((f) => f.file === "politie/misdrijven-2020.csv")!;
    // 9 rows: Nederland skipped (warning), 8 read; accepted: ID 1, 2 and 6 (6 not published).
    expect(q.rowsRead).toBe(8);
    expect(q.rejected).toEqual({
      "ongeldige periode": 1,
      "onbekende soort misdrijf": 1,
      "ongeldig aantal": 1,
      "dubbel (zelfde periode, gebied en soort)": 1,
      "ongeldige soort misdrijf": 1
    });
    expect(q.warnings).toEqual([
      "1 regels voor andere gebiedssoorten (land, regio) overgeslagen",
      "1 aantallen niet gepubliceerd door de bron (leeg gelaten)"
    ]);
    expect(data.misdrijven.map((m) => [m.gebiedcode, m.soort, m.maand, m.aantal])).toEqual([
      ["GM1640", "1.1.1", null, 12],
      ["GM1640", "1.1.1", 3, 3],
      ["WK164000", "1.1.2", null, null]
    ]);
  });

  it("finds the count column by its meaning in the DataProperties, not by its number", () => {
    const dir = bronmap({
      "misdrijven.dataproperties.json": JSON.stringify({
        value: [
          {
            Type: "Topic",
            Key: "GeregistreerdeMisdrijven_1",
            Title: "Geregistreerde misdrijven per 1 000 inwoners",
            Unit: "per 1 000 inwoners"
          },
          {
            Type: "Topic",
            Key: "GeregistreerdeMisdrijven_2",
            Title: "Geregistreerde misdrijven",
            Unit: "aantal"
          }
        ]
      }),
      "misdrijven-2021.json": JSON.stringify({
        value: [
          {
            SoortMisdrijf: "0.0.0 ",
            WijkenEnBuurten: "GM0946    ",
            Perioden: "2021JJ00",
            GeregistreerdeMisdrijven_1: 41,
            GeregistreerdeMisdrijven_2: 707
          }
        ]
      })
    });
    const data = readPolitie(dir)!;
    expect(data.misdrijven.map((m) => m.aantal)).toEqual([707]);
  });

  it("stops with one message naming the file and column when the counts are missing", () => {
    const dir = bronmap({
      "misdrijven-2020.json": JSON.stringify({
        value: [{SoortMisdrijf: "0.0.0 ", WijkenEnBuurten: "GM1640", Perioden: "2020JJ00", Aantal: 3}]
      })
    });
    let err: unknown;
    try {
      readPolitie(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BronmapError);
    expect((err as Error).message).toBe(
      'politie/misdrijven-2020.json, regel 1, kolom GeregistreerdeMisdrijven_1: verwacht een kolom met het aantal geregistreerde misdrijven (GeregistreerdeMisdrijven_<nr>), gevonden de kolommen "SoortMisdrijf", "WijkenEnBuurten", "Perioden", "Aantal"'
    );
    expect(readPolitie(mkdtempSync(join(tmpdir(), "leeg-")))).toBeNull();
  });
});
