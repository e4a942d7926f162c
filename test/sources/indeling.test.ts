/**
 * The indeling in provinces and RIEC regions (data-loaders/sources/indeling.ts): the reference
 * table covers exactly the CBS gemeenten of 2023, a bronmap's own file goes first, bad rows get a
 * Dutch message naming line and column, and the demo generator writes one for its gemeenten.
 */
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {demoIndelingCsv} from "../../data-loaders/demo/indeling.ts";
import type {DemoGemeente} from "../../data-loaders/demo/geography.ts";
import {parseIndeling, readIndeling, REFERENTIE_INDELING} from "../../data-loaders/sources/indeling.ts";

const work = mkdtempSync(join(tmpdir(), "indeling-"));
afterAll(() => rmSync(work, {recursive: true, force: true}));

const REAL = join(import.meta.dirname, "../../../shared/real-data/cbs_gemeente_2023_wgs84.geojson");

describe("the reference indeling of 2023", () => {
  const ref = parseIndeling(readFileSync(REFERENTIE_INDELING, "utf-8"), "referentie");

  it("has exactly the 342 gemeenten of the CBS boundaries of 2023", () => {
    const cbs = (
      JSON.parse(readFileSync(REAL, "utf-8")) as {features: Array<{properties: {statcode: string}}>}
    ).features.map((f) => f.properties.statcode);
    expect(cbs.length).toBe(342);
    expect([...ref.keys()].sort()).toEqual([...cbs].sort());
  });

  it("counts the gemeenten per province as CBS does for 2023, and ten RIEC regions", () => {
    const perProvincie = new Map<string, number>();
    for (const r of ref.values())
      perProvincie.set(r.provincie!.naam, (perProvincie.get(r.provincie!.naam) ?? 0) + 1);
    // CBS, Gebieden in Nederland 2023: gemeenten per provincie.
    expect(Object.fromEntries(perProvincie)).toEqual({
      Groningen: 10,
      Fryslân: 18,
      Drenthe: 12,
      Overijssel: 25,
      Flevoland: 6,
      Gelderland: 51,
      Utrecht: 26,
      "Noord-Holland": 44,
      "Zuid-Holland": 50,
      Zeeland: 13,
      "Noord-Brabant": 56,
      Limburg: 31
    });
    expect(new Set([...ref.values()].map((r) => r.riec!.code)).size).toBe(10);
    // Amsterdam and Rotterdam have RIEC regions of their own police units.
    expect(ref.get("GM0363")!.riec!.naam).toBe("RIEC Amsterdam");
    expect(ref.get("GM0599")!.riec!.naam).toBe("RIEC Rotterdam");
    // Hilversum (Noord-Holland) works with the Midden-Nederland unit: a RIEC region may cross a provincial border.
    expect(ref.get("GM0402")).toMatchObject({provincie: {code: "PV27"}, riec: {code: "RE03"}});
  });
});

describe("the indeling of a bronmap", () => {
  it("takes the bronmap's own file first and the reference for the rest", () => {
    const dir = join(work, "eigen");
    mkdirSync(join(dir, "gebieden"), {recursive: true});
    writeFileSync(
      join(dir, "gebieden", "indeling.csv"),
      "Gemeentecode,Provinciecode,Provincienaam,RIEC_code,RIEC_naam\nGM1640,PV99,Eigen provincie,RE99,Eigen RIEC\n"
    );
    const ind = readIndeling(dir, [{code: "GM1640"}, {code: "GM0946"}, {code: "GM9999"}]);
    expect(ind.provincies).toEqual([
      {code: "PV31", naam: "Limburg", gemeenten: ["GM0946"]},
      {code: "PV99", naam: "Eigen provincie", gemeenten: ["GM1640"]}
    ]);
    expect(ind.riecs.map((r) => r.code)).toEqual(["RE10", "RE99"]);
    expect(ind.zonderIndeling).toEqual(["GM9999"]);
    expect(ind.bron).toMatch(/gebieden\/indeling\.csv.*1 gemeente.*CBS-indeling van 2023.*1 gemeente/);
  });

  it("names file, line and column of a bad row", () => {
    expect(() =>
      parseIndeling("gemeentecode;provinciecode\nGM0001;PV20\nGM02;PV20\n", "gebieden/indeling.csv")
    ).toThrow(
      "gebieden/indeling.csv, regel 3, kolom gemeentecode: verwacht een gemeentecode (GM0000), gevonden GM02"
    );
    expect(() => parseIndeling("gemeentecode;provinciecode\nGM0001;Gelderland\n", "x.csv")).toThrow(
      /regel 2, kolom provinciecode/
    );
    expect(() => parseIndeling("naam;provincie\nA;B\n", "x.csv")).toThrow(
      /regel 1: verwacht een kolom gemeentecode/
    );
    expect(() => parseIndeling("gemeentecode;provinciecode\nGM0001;PV20\nGM0001;PV21\n", "x.csv")).toThrow(
      /regel 3.*elke gemeente één keer/
    );
  });
});

describe("the demo generator's indeling", () => {
  const gemeente = (i: number, x: number, y: number): DemoGemeente => ({
    code: `GM99${String(i).padStart(2, "0")}`,
    naam: `Gemeente ${i}`,
    core: [x, y],
    wijken: [],
    buurten: [],
    polygons: []
  });

  it("gives eight gemeenten two provinces side by side and two RIEC regions one above the other", () => {
    // Four in the north-west, north-east, south-west and south-east corners, twice.
    const gm = [
      gemeente(1, 0, 10),
      gemeente(2, 10, 10),
      gemeente(3, 0, 0),
      gemeente(4, 10, 0),
      gemeente(5, 1, 11),
      gemeente(6, 11, 11),
      gemeente(7, 1, 1),
      gemeente(8, 11, 1)
    ];
    const rows = parseIndeling(demoIndelingCsv(gm), "demo");
    const prov = (c: string) => rows.get(c)!.provincie!.code;
    const riec = (c: string) => rows.get(c)!.riec!.code;
    // West (x 0-1) and east (x 10-11) are different provinces; north and south different RIEC regions.
    expect(new Set(["GM9901", "GM9903", "GM9905", "GM9907"].map(prov)).size).toBe(1);
    expect(prov("GM9901")).not.toBe(prov("GM9902"));
    expect(new Set(["GM9901", "GM9902", "GM9905", "GM9906"].map(riec)).size).toBe(1);
    expect(riec("GM9901")).not.toBe(riec("GM9903"));
    expect(rows.get("GM9901")!.provincie!.naam).toMatch(/\(fictief\)$/);
  });
});
