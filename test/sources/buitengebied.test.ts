/**
 * One definition of the buitengebied for numerator and denominator (issue 15): a record lies in
 * the buitengebied when its buurt does, and a buurt does when most of it lies in the bronmap's
 * buitengebied polygon (or, without that file, when its stedelijkheid is 5). The record's own
 * point is never compared with the polygon, so the inhabitants and km² of the buitengebied
 * (summed over its buurten) cover exactly the records counted in it.
 *
 * Fixture, worked by hand (RD New, one gemeente 0-2000 m by 0-1000 m, two buurten of 1 km²):
 * - BU00010001 "West" x 0-1000: the buitengebied polygon covers x 0-600, 60 % > 50 %, so
 *   West is buitengebied as a whole;
 * - BU00010002 "Oost" x 1000-2000: the polygon covers x 1000-1400, 40 %, so Oost is a core.
 * Signal S1 at x=800 lies in West but outside the polygon: buitengebied (by its buurt).
 * Signal S2 at x=1200 lies in Oost but inside the polygon: kern (by its buurt).
 * Signal S3 at x=300 lies in West inside the polygon: buitengebied.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadBronmap} from "../../data-loaders/sources/bronmap.ts";
import type {LoadedBronmap} from "../../data-loaders/sources/loaded.ts";

const crs = {type: "name", properties: {name: "urn:ogc:def:crs:EPSG::28992"}};
const Y0 = 400000;
const rect = (x0: number, x1: number) => ({
  type: "Polygon",
  coordinates: [
    [
      [100000 + x0, Y0],
      [100000 + x1, Y0],
      [100000 + x1, Y0 + 1000],
      [100000 + x0, Y0 + 1000],
      [100000 + x0, Y0]
    ]
  ]
});
const fc = (features: unknown[]) => JSON.stringify({type: "FeatureCollection", crs, features});

let dir: string;
let b: LoadedBronmap;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "buitengebied-"));
  mkdirSync(join(dir, "gebieden"));
  writeFileSync(
    join(dir, "gebieden/gemeenten.geojson"),
    fc([
      {
        type: "Feature",
        properties: {gemeentecode: "GM0001", gemeentenaam: "Proefdorp"},
        geometry: rect(0, 2000)
      }
    ])
  );
  writeFileSync(
    join(dir, "gebieden/wijken.geojson"),
    fc([
      {
        type: "Feature",
        properties: {wijkcode: "WK000100", wijknaam: "Proefwijk", gemeentecode: "GM0001"},
        geometry: rect(0, 2000)
      }
    ])
  );
  writeFileSync(
    join(dir, "gebieden/buurten.geojson"),
    fc([
      {
        type: "Feature",
        properties: {
          buurtcode: "BU00010001",
          buurtnaam: "West",
          wijkcode: "WK000100",
          gemeentecode: "GM0001"
        },
        geometry: rect(0, 1000)
      },
      {
        type: "Feature",
        properties: {
          buurtcode: "BU00010002",
          buurtnaam: "Oost",
          wijkcode: "WK000100",
          gemeentecode: "GM0001"
        },
        geometry: rect(1000, 2000)
      }
    ])
  );
  writeFileSync(
    join(dir, "buitengebied.geojson"),
    fc([
      {type: "Feature", properties: {}, geometry: rect(0, 600)},
      {type: "Feature", properties: {}, geometry: rect(1000, 1400)}
    ])
  );
  writeFileSync(
    join(dir, "signalen.csv"),
    [
      "signaal_id;datum;categorie;x;y",
      `S1;2021-03-01;hennep;${100000 + 800};${Y0 + 500}`,
      `S2;2021-03-01;hennep;${100000 + 1200};${Y0 + 500}`,
      `S3;2021-03-01;hennep;${100000 + 300};${Y0 + 500}`
    ].join("\n") + "\n"
  );
  b = await loadBronmap(dir, {log: () => {}});
});
afterAll(() => {
  b?.close();
  if (dir) rmSync(dir, {recursive: true, force: true});
});

describe("one buitengebied for records and denominators", () => {
  it("assigns whole buurten by the majority of their area in the polygon (60 % yes, 40 % no)", () => {
    expect(b.areas.buitengebiedBuurten).toEqual(["BU00010001"]);
  });

  it("places a record by its buurt, not by its point: outside the polygon in a buitengebied buurt counts as buitengebied", async () => {
    const r = (
      await b.connection.runAndReadAll("SELECT signaal_id, buurtcode, buitengebied FROM signalen ORDER BY 1")
    ).getRowObjectsJS();
    expect(r).toEqual([
      {signaal_id: "S1", buurtcode: "BU00010001", buitengebied: true},
      {signaal_id: "S2", buurtcode: "BU00010002", buitengebied: false},
      {signaal_id: "S3", buurtcode: "BU00010001", buitengebied: true}
    ]);
  });
});
