/**
 * Known answers for the maps of Risicolocaties, through the real readers, compute modules and
 * gate, on the tiny bronmap of test/fixtures/indicators/buitengebied-bronmap.ts (answers worked
 * by hand there): which buurt is buitengebied, signals per bedrijventerrein and per hectare.
 */
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {GateResult} from "../../data-loaders/disclosure/gate.ts";
import type {GateParts} from "../../data-loaders/indicators/context.ts";
import {writeBuitengebiedBronmap} from "../fixtures/indicators/buitengebied-bronmap.ts";
import {expectCovered} from "./coverage.ts";
import {gateOf, published, trueValue} from "./helpers.ts";

let dir: string;
let parts: GateParts;
let gate: GateResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "risicolocaties-kaart-"));
  writeBuitengebiedBronmap(dir);
  ({parts, gate} = await gateOf(dir));
}, 60_000);
afterAll(() => {
  if (dir) rmSync(dir, {recursive: true, force: true});
});

describe("the buurten of the buitengebied, for the map", () => {
  it("publishes 1 for a buurt that is buitengebied as a whole (60 % in the polygon) and 0 for a core (40 %)", () => {
    expect(published(gate, "buitengebied-buurt", {gebied: "BU00010001", jaar: 2021}).waarde).toBe(1);
    expect(published(gate, "buitengebied-buurt", {gebied: "BU00010002", jaar: 2021}).waarde).toBe(0);
    // The same in every year.
    expect(published(gate, "buitengebied-buurt", {gebied: "BU00010001", jaar: 2015}).waarde).toBe(1);
  });

  it("counts the signals of the buitengebied by buurt: S01 outside the polygon counts, S02 inside does not", () => {
    // West holds S01 and S03 (2021): 2 signals in the buitengebied; Oost the other 13 of 2021.
    expect(
      trueValue(parts, "signalen-buitengebied", {gebied: "GM0001", categorie: "hennep", jaar: 2021})
    ).toBe(2);
    expect(trueValue(parts, "signalen-kern", {gebied: "GM0001", categorie: "hennep", jaar: 2021})).toBe(13);
  });
});

describe("signals on bedrijventerreinen", () => {
  it("counts the twelve signals inside the outline of Oostpark in 2021 and none in 2015", () => {
    expect(trueValue(parts, "bt-signalen", {gebied: "BT-1", jaar: 2021})).toBe(12);
    expect(trueValue(parts, "bt-signalen", {gebied: "BT-1", jaar: 2015})).toBe(0);
  });

  it("publishes the area in hectares (500 m x 200 m = 10 ha) and 12 / 10 = 1,2 signals per hectare", () => {
    // The atlas measures areas geodesically from WGS84 (as every km² of the site), which puts
    // this RD rectangle about 0,4 % below its planar 10 ha: 9,96 ha.
    const ha = published(gate, "bt-oppervlakte", {gebied: "BT-1", jaar: 2021}).waarde as number;
    expect(Math.abs(ha - 10)).toBeLessThan(0.1);
    const perHa = published(gate, "bt-signalen-per-ha", {gebied: "BT-1", jaar: 2021});
    expect(perHa.status).not.toBe("onderdrukt");
    expect(Math.abs((perHa.waarde as number) - 1.2)).toBeLessThan(0.01);
    // Exactly the published count over the published area, at three decimals.
    expect(perHa.waarde).toBe(Math.round((12 / ha) * 1000) / 1000);
    // No signal on the estate in 2015: zero per hectare, not missing.
    expect(published(gate, "bt-signalen-per-ha", {gebied: "BT-1", jaar: 2015}).waarde).toBe(0);
  });
});

describe("coverage", () => {
  it("looks up every indicator this file declares in COVERED_ELSEWHERE", () => {
    expectCovered("risicolocaties-kaart.test.ts");
  });
});
