/**
 * Known answers for the bedrijventerrein indicators (`bt-*`): the mini bronmap plus one
 * bedrijventerrein in Tweedestad and establishments located on it by RD coordinates (the mini
 * bronmap itself has only buurtcodes, which say nothing about an estate).
 */
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {GateResult} from "../../data-loaders/disclosure/gate.ts";
import type {GateParts} from "../../data-loaders/indicators/context.ts";
import {expectCovered} from "./coverage.ts";
import {MINI, gateOf, published, trueValue} from "./helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "mini-bt-"));
let parts: GateParts;
let gate: GateResult;
const BT = "RIN-0001";

beforeAll(async () => {
  cpSync(MINI, dir, {recursive: true});
  const crs = {type: "name", properties: {name: "urn:ogc:def:crs:EPSG::28992"}};
  // 500 m x 500 m in buurt BU00020101 (x 102000-103000, y 400000-401000).
  const ring = [
    [102000, 400000],
    [102500, 400000],
    [102500, 400500],
    [102000, 400500],
    [102000, 400000]
  ];
  writeFileSync(
    join(dir, "bedrijventerreinen.geojson"),
    JSON.stringify({
      type: "FeatureCollection",
      crs,
      features: [
        {
          type: "Feature",
          properties: {RIN_NUMMER: BT, PLAN_NAAM: "Haven-Oost", GEMEENTECODE: "GM0002"},
          geometry: {type: "Polygon", coordinates: [ring]}
        }
      ]
    })
  );
  // The existing rows get empty x/y (they keep their buurtcode); on the estate: 12 transport
  // firms (49.41) registered in 2016, of which 5 deregister in 2019, and 8 supermarkets since 2010.
  const lines = readFileSync(join(MINI, "vestigingen.csv"), "utf-8").trim().split("\n");
  const out = [`${lines[0]};x;y`, ...lines.slice(1).map((l) => `${l};;`)];
  for (let i = 1; i <= 12; i++)
    out.push(
      `T${String(i).padStart(9, "0")};3100${String(i).padStart(4, "0")};Transport ${i};49.41;BV;4;2016-02-01;${i <= 5 ? "2019-07-01" : ""};;102100;400100`
    );
  for (let i = 1; i <= 8; i++)
    out.push(
      `U${String(i).padStart(9, "0")};3200${String(i).padStart(4, "0")};Super ${i};4711;BV;12;2010-01-01;;;102400;400400`
    );
  writeFileSync(join(dir, "vestigingen.csv"), out.join("\n") + "\n");
  ({parts, gate} = await gateOf(dir));
}, 60_000);
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("bedrijventerreinen", () => {
  it("counts the establishments on an estate, all and in risk branches, at the end of each year", () => {
    expect(trueValue(parts, "bt-vestigingen", {gebied: BT, branche: "alle", jaar: 2015})).toBe(8);
    expect(trueValue(parts, "bt-vestigingen", {gebied: BT, branche: "risico", jaar: 2018})).toBe(12);
    expect(trueValue(parts, "bt-vestigingen", {gebied: BT, branche: "alle", jaar: 2018})).toBe(20);
    expect(trueValue(parts, "bt-vestigingen", {gebied: BT, branche: "risico", jaar: 2019})).toBe(7);
  });
  it("counts starts and stops on the estate in the year of the date", () => {
    expect(trueValue(parts, "bt-starts", {gebied: BT, branche: "alle", jaar: 2016})).toBe(12);
    expect(trueValue(parts, "bt-starts", {gebied: BT, branche: "alle", jaar: 2017})).toBe(0);
    expect(trueValue(parts, "bt-stops", {gebied: BT, branche: "alle", jaar: 2019})).toBe(5);
  });
  it("publishes the risk-branch share and the churn of the estate", () => {
    // 2018: 12 of 20 -> 60 %; 2019: 7 of 15 -> 46.7 %.
    expect(published(gate, "bt-risico-aandeel", {gebied: BT, branche: "risico", jaar: 2018}).waarde).toBe(60);
    expect(published(gate, "bt-risico-aandeel", {gebied: BT, branche: "risico", jaar: 2019}).waarde).toBe(
      46.7
    );
    // 2019: 0 starts + 5 stops per 15 establishments -> 33.3 per 100.
    expect(published(gate, "bt-verloop", {gebied: BT, branche: "alle", jaar: 2019}).waarde).toBe(33.3);
  });
  it("names the estate's gemeente as its parent and keeps its establishments in the buurt counts", () => {
    const cell = published(gate, "bt-vestigingen", {gebied: BT, branche: "alle", jaar: 2018});
    expect(cell.bovenliggend).toBe("GM0002");
    // GM0002 2018: 8 (96.02) + 20 zorg + 12 transport + 8 supermarkets = 48.
    expect(trueValue(parts, "vestigingen", {gebied: "GM0002", branche: "alle", jaar: 2018})).toBe(48);
  });
});

describe("coverage", () => {
  it("looks up every indicator it is declared to cover", () => expectCovered("bedrijventerreinen.test.ts"));
});
