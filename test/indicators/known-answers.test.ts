/**
 * Known-answer tests on the hand-made mini bronmap (test/fixtures/indicators/make-mini.ts lists
 * every row). They go through the real readers, the compute modules and the real gate, and
 * check true counts (what the gate receives) and published values (what leaves the build).
 */
import {beforeAll, describe, expect, it} from "vitest";
import type {GateResult} from "../../data-loaders/disclosure/gate.ts";
import {RISICOBRANCHES} from "../../data-loaders/indicators/catalogue.ts";
import {brancheCaseSql} from "../../data-loaders/sources/risicobranches.ts";
import type {GateParts} from "../../data-loaders/indicators/context.ts";
import {COVERED_ELSEWHERE, lookedUp} from "./coverage.ts";
import {MINI, gateOf, published, trueValue} from "./helpers.ts";
import {DuckDBInstance} from "@duckdb/node-api";

let parts: GateParts;
let gate: GateResult;
let jaren: number[];

beforeAll(async () => {
  ({parts, gate, jaren} = await gateOf(MINI));
}, 60_000);

const G1 = "GM0001";
const G2 = "GM0002";
const RG = "RG-BRONMAP";

describe("years", () => {
  it("publishes every year from 2015 to the last observed year", () => {
    expect(jaren).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021]);
  });
});

describe("risk branches as configuration", () => {
  // Expected branches read off data-loaders/sources/risicobranches.json by hand: the longest
  // listed code that is a prefix of the code decides, an exclusion means "no branch".
  it("assigns an SBI 2008 code to the branch of its longest listed code, so groups are disjoint", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    const expected: Record<string, string | null> = {
      "56102": "fastfood", // 56.10.2 listed by fastfood, longer than horeca's 56
      "56101": "horeca",
      "5520": "vakantieparken",
      "5530": "vakantieparken",
      "55": "horeca",
      "96021": "kappers",
      "96022": "schoonheid",
      "9602": null, // the class above both: neither kapper nor schoonheid
      "9604": "wellness",
      "4511": "autohandel",
      "4520": "autohandel",
      "7711": "autoverhuur",
      "47783": "kunsthandel", // the art subclass of 47.78 only
      "47781": null, // photo shops, also 47.78: not art dealing
      "4778": null,
      "47791": "kunsthandel",
      "47793": null, // second-hand goods
      "9003": null, // creating art, not trading it
      "4742": "telefoonwinkels",
      "4777": "juweliers-goud",
      "4932": "taxi",
      "78201": "uitzendbureaus",
      "87301": "zorg", // residential care (87)
      "88101": "zorg", // home care without accommodation (88.10)
      "86912": "zorg", // other health care (86.9)
      "86924": null, // medical laboratories, excluded from 86.9
      "8610": null, // hospitals
      "8621": null, // GPs
      "8623": null, // dentists
      "88911": null, // childcare
      "8899": null,
      "6820": "vastgoed",
      "68201": null, // housing corporations
      "68202": null, // municipal housing companies
      "68203": "vastgoed",
      "4941": "transport",
      "5210": "transport",
      "4711": null, // supermarkets and mini-markets: considered, not a branch
      "9313": null
    };
    const rows = (
      await c.runAndReadAll(
        `SELECT s, ${brancheCaseSql(RISICOBRANCHES, "sbi2008", "s")} FROM unnest([${Object.keys(expected)
          .map((s) => `'${s}'`)
          .join(",")}]) t(s)`
      )
    ).getRows();
    expect(Object.fromEntries(rows.map(([s, b]) => [s, b]))).toEqual(expected);
    c.closeSync();
    db.closeSync();
  });
  it("assigns SBI 2025 codes by the branch's own SBI 2025 list", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    const expected: Record<string, string | null> = {
      "56112": "fastfood", // SBI 2025 56.11.2 fastfood restaurants
      "56120": "fastfood", // mobile food stands, part of 56.10.2 in SBI 2008
      "56111": "horeca",
      "55400": null, // intermediation platforms for accommodation, excluded from horeca
      "47810": "autohandel", // car retail moved from 45 to 47.81
      "95315": "autohandel", // car repair moved to 95.31
      "49330": "taxi", // SBI 2025 49.33; 49.32 is private coach hire there
      "49320": null,
      "47402": "telefoonwinkels",
      "47791": "kunsthandel",
      "47789": null, // art trade has no own SBI 2025 code: not counted
      "86942": "zorg",
      "86910": null, // labs and imaging, excluded
      "87991": "zorg",
      "68201": null,
      "68202": "vastgoed"
    };
    const rows = (
      await c.runAndReadAll(
        `SELECT s, ${brancheCaseSql(RISICOBRANCHES, "sbi2025", "s")} FROM unnest([${Object.keys(expected)
          .map((s) => `'${s}'`)
          .join(",")}]) t(s)`
      )
    ).getRows();
    expect(Object.fromEntries(rows.map(([s, b]) => [s, b]))).toEqual(expected);
    c.closeSync();
    db.closeSync();
  });
});

describe("risicobranches: true counts", () => {
  it("counts the end-of-year stock: registered on or before 31 December, not yet deregistered", () => {
    // A: 10 fastfood since 2014; B: 5 fastfood 2015-06 to 2018-03.
    expect(trueValue(parts, "vestigingen", {gebied: G1, branche: "fastfood", jaar: 2015})).toBe(15);
    expect(trueValue(parts, "vestigingen", {gebied: G1, branche: "fastfood", jaar: 2017})).toBe(15);
    expect(trueValue(parts, "vestigingen", {gebied: G1, branche: "fastfood", jaar: 2018})).toBe(10);
    // H: 6 restaurants registered and deregistered within 2015 never count in the stock.
    expect(trueValue(parts, "vestigingen", {gebied: G2, branche: "horeca", jaar: 2015})).toBe(0);
  });
  it("counts starts and stops in the year of the date, including firms that start and stop in one year", () => {
    expect(trueValue(parts, "vestigingen-starts", {gebied: RG, branche: "horeca", jaar: 2015})).toBe(6);
    expect(trueValue(parts, "vestigingen-stops", {gebied: RG, branche: "horeca", jaar: 2015})).toBe(6);
    expect(trueValue(parts, "vestigingen-stops", {gebied: G1, branche: "risico", jaar: 2018})).toBe(5);
    expect(trueValue(parts, "vestigingen-starts", {gebied: G2, branche: "alle", jaar: 2015})).toBe(6);
    expect(trueValue(parts, "vestigingen-starts", {gebied: RG, branche: "alle", jaar: 2019})).toBe(5);
  });
  it("adds the groups up to risico and counts every SBI code in alle", () => {
    // 2021: G1 = 10 fastfood + 6 vakantieparken + 20 supermarkets; G2 = 8 (96.02) + 5 nail + 20 zorg.
    expect(trueValue(parts, "vestigingen", {gebied: G1, branche: "risico", jaar: 2021})).toBe(16);
    expect(trueValue(parts, "vestigingen", {gebied: G1, branche: "alle", jaar: 2021})).toBe(36);
    expect(trueValue(parts, "vestigingen", {gebied: G2, branche: "risico", jaar: 2021})).toBe(25);
    expect(trueValue(parts, "vestigingen", {gebied: RG, branche: "alle", jaar: 2021})).toBe(69);
  });
  it("counts one-person establishments by werkzame personen = 1", () => {
    expect(trueValue(parts, "vestigingen-eenpersoons", {gebied: G1, branche: "fastfood", jaar: 2016})).toBe(
      10
    );
    expect(trueValue(parts, "vestigingen-eenpersoons", {gebied: G2, branche: "alle", jaar: 2021})).toBe(13);
  });
  // Care x real estate, worked out from make-mini.ts: 20 care establishments (88.10.1, all in
  // GM0002 since 2013) belong to 15 providers (G15-G20 share one KvK number). Dwellings held on 31
  // December: OBJ6-10 always (providers G06-G10); OBJ1-5 from 2017 (G01-G05), OBJ3 sold in 2019;
  // OBJ11-13 of holding 19000001 from 2018 (providers G11, G12; OBJ13 lies in GM0001); OBJ14 of
  // G14 sold on 31 December 2020, so never held at a year end; OBJ99 is no dwelling.
  it("counts care providers by KvK number, once, in the gemeente of their care establishments", () => {
    for (const jaar of [2015, 2021]) {
      expect(trueValue(parts, "zorgaanbieders", {gebied: G2, branche: "zorg", jaar})).toBe(15);
      expect(trueValue(parts, "zorgaanbieders", {gebied: G1, branche: "zorg", jaar})).toBe(0);
      expect(trueValue(parts, "zorgaanbieders", {gebied: RG, branche: "zorg", jaar})).toBe(15);
    }
  });
  it("counts providers that hold dwellings on 31 December, themselves or via their holding", () => {
    const n = (jaar: number) => trueValue(parts, "zorg-met-vastgoed", {gebied: G2, branche: "zorg", jaar});
    // 2015-2016: G06-G10 (OBJ99, a non-dwelling of G01 from 2016, does not count).
    // 2017: + G01-G05; 2018: + G11, G12 via the holding; 2019: G03 sold OBJ3; 2020: OBJ14 sold on 31-12.
    expect([2015, 2016, 2017, 2018, 2019, 2020, 2021].map(n)).toEqual([5, 5, 10, 12, 11, 11, 11]);
    expect(trueValue(parts, "zorg-met-vastgoed-via-holding", {gebied: G2, branche: "zorg", jaar: 2017})).toBe(
      0
    );
    expect(trueValue(parts, "zorg-met-vastgoed-via-holding", {gebied: G2, branche: "zorg", jaar: 2018})).toBe(
      2
    );
  });
  it("counts the dwellings once, where they lie", () => {
    const n = (gebied: string, jaar: number) =>
      trueValue(parts, "zorg-woningen", {gebied, branche: "zorg", jaar});
    expect([
      n(G2, 2016),
      n(G2, 2017),
      n(G2, 2018),
      n(G1, 2018),
      n(RG, 2018),
      n(G2, 2019),
      n(RG, 2021)
    ]).toEqual([5, 10, 12, 1, 13, 11, 12]);
  });
  it("counts providers that also run another risk branch in their own business or holding group", () => {
    // From 2019 (the nail studios start): G13 shares its KvK number with nail studio F03, G11 and
    // G12 share holding 19000001 with F01 and F02.
    expect(trueValue(parts, "zorg-ook-risicobranche", {gebied: G2, branche: "zorg", jaar: 2018})).toBe(0);
    expect(trueValue(parts, "zorg-ook-risicobranche", {gebied: G2, branche: "zorg", jaar: 2019})).toBe(3);
  });
  it("splits establishments between buitengebied and cores", () => {
    expect(trueValue(parts, "vestigingen-buitengebied", {gebied: G1, branche: "risico", jaar: 2016})).toBe(6);
    expect(trueValue(parts, "vestigingen-kern", {gebied: G1, branche: "alle", jaar: 2016})).toBe(35);
    expect(trueValue(parts, "vestigingen-buitengebied", {gebied: G2, branche: "alle", jaar: 2016})).toBe(20);
  });
});

describe("risicobranches: published values", () => {
  it("publishes establishments per 1,000 inhabitants", () => {
    expect(
      published(gate, "vestigingen-per-1000", {gebied: G1, branche: "fastfood", jaar: 2015}).waarde
    ).toBe(7.5);
    expect(
      published(gate, "vestigingen-per-1000", {gebied: G1, branche: "fastfood", jaar: 2021}).waarde
    ).toBe(4);
  });
  it("gives missing, not zero or infinity, when the denominator is missing", () => {
    const c = published(gate, "vestigingen-per-1000", {gebied: G1, branche: "fastfood", jaar: 2017});
    expect(c.waarde).toBeNull();
    expect(c.status).toBe("geen-data");
  });
  it("gives missing when a growth or index base is zero", () => {
    const c = published(gate, "vestigingen-index", {gebied: G2, branche: "schoonheid", jaar: 2021});
    expect(c.waarde).toBeNull();
    expect(c.status).not.toBe("");
  });
  it("computes the location quotient against the regio", () => {
    // 2021: fastfood 10 of 36 in G1; 10 of 69 in the regio -> (10/36)/(10/69) = 1.92.
    expect(published(gate, "locatiequotient", {gebied: G1, branche: "fastfood", jaar: 2021}).waarde).toBe(
      1.92
    );
    expect(published(gate, "locatiequotient", {gebied: RG, branche: "fastfood", jaar: 2021}).waarde).toBe(1);
  });
  it("computes churn as starts plus stops per 100 establishments at the end of the year", () => {
    // 2018 risico G1: 0 starts + 5 stops (fastfood B) over 10 fastfood + 6 vakantieparken -> 31.25.
    expect(published(gate, "verloop", {gebied: G1, branche: "risico", jaar: 2018}).waarde).toBe(31.3);
    // 2018 fastfood regio: 5 stops over 10 -> 50.
    expect(published(gate, "verloop", {gebied: RG, branche: "fastfood", jaar: 2018}).waarde).toBe(50);
  });
  it("publishes flows per branch group for the regio only, per gemeente for risico and alle", () => {
    const cells = gate.tables.get("vestigingen-starts")!.cellen;
    expect(cells.some((c) => c.gebiedniveau === "gemeente" && c.branche === "fastfood")).toBe(false);
    expect(cells.some((c) => c.gebiedniveau === "gemeente" && c.branche === "risico")).toBe(true);
    expect(cells.some((c) => c.gebiedniveau === "regio" && c.branche === "fastfood")).toBe(true);
  });
  it("computes growth against five years earlier", () => {
    // fastfood G1: 2020 = 10, 2015 = 15 -> -33.3 %.
    expect(published(gate, "groei-5-jaar", {gebied: G1, branche: "fastfood", jaar: 2020}).waarde).toBe(-33.3);
    expect(gate.tables.get("groei-5-jaar")!.cellen.some((c) => c.jaar < 2020)).toBe(false);
  });
  it("computes the share of care providers with dwellings, suppressed when fewer than k lack them", () => {
    // 2017: 10 of 15 = 66.7; 2015: 5 of 15 = 33.3; 2018: 12 of 15 leaves 3 < 5 without: suppressed.
    const share = (jaar: number) =>
      published(gate, "zorg-met-vastgoed-per-100", {gebied: G2, branche: "zorg", jaar});
    expect(share(2017).waarde).toBe(66.7);
    expect(share(2015).waarde).toBe(33.3);
    expect(share(2018).status).toBe("onderdrukt");
    // 3 of 15 with another risk branch: below the threshold of 5.
    expect(
      published(gate, "zorg-ook-risicobranche-per-100", {gebied: G2, branche: "zorg", jaar: 2019}).status
    ).toBe("onderdrukt");
  });
  it("suppresses a one-person share by group disclosure when fewer than k lack the attribute", () => {
    // fastfood G1 2021: 10 of 10 are one-person firms -> 0 without: suppressed.
    const c = published(gate, "eenpersoons-aandeel", {gebied: G1, branche: "fastfood", jaar: 2021});
    expect(c.waarde).toBeNull();
    expect(c.status).toBe("onderdrukt");
  });
});

describe("risicolocaties", () => {
  it("counts vacant agrarian buildings at the end of each year and their share", () => {
    expect(trueValue(parts, "panden-leeg", {gebied: G1, jaar: 2015})).toBe(0);
    expect(trueValue(parts, "panden-leeg", {gebied: G1, jaar: 2016})).toBe(8);
    expect(trueValue(parts, "panden-leeg", {gebied: G1, jaar: 2019})).toBe(6);
    expect(published(gate, "panden-leeg-aandeel", {gebied: G1, jaar: 2016}).waarde).toBe(50);
    expect(published(gate, "panden-leeg-aandeel", {gebied: G1, jaar: 2019}).waarde).toBe(37.5);
  });
  it("sums the vacant floor area", () => {
    expect(trueValue(parts, "panden-leeg-m2", {gebied: G1, jaar: 2016})).toBe(3600);
    expect(trueValue(parts, "panden-leeg-m2", {gebied: G1, jaar: 2019})).toBe(3300);
  });
  it("gives a missing index when the first year is zero", () => {
    expect(published(gate, "panden-leeg-index", {gebied: G1, jaar: 2019}).waarde).toBeNull();
  });
  it("counts signals per category in the buitengebied and the cores, with rates per 1,000 and per km2", () => {
    expect(trueValue(parts, "signalen-buitengebied", {gebied: G1, categorie: "hennep", jaar: 2021})).toBe(10);
    expect(trueValue(parts, "signalen-kern", {gebied: G1, categorie: "overlast", jaar: 2015})).toBe(12);
    // 10 hennep over 500 inhabitants in the buitengebied of G1 in 2021 -> 20 per 1,000.
    expect(
      published(gate, "signalen-per-1000-buitengebied", {gebied: G1, categorie: "hennep", jaar: 2021}).waarde
    ).toBe(20);
    // The buitengebied buurt of G1 is 1 km2 (1000 m x 1000 m) -> 10 per km2.
    expect(
      published(gate, "signalen-per-km2-buitengebied", {gebied: G1, categorie: "hennep", jaar: 2021}).waarde
    ).toBeCloseTo(10, 0);
  });
  it("computes the risk-branch share in the buitengebied", () => {
    // 2016 G2 buitengebied: 20 zorg of 20 -> 0 without the attribute: suppressed by group disclosure.
    expect(
      published(gate, "risico-aandeel-buitengebied", {gebied: G2, branche: "risico", jaar: 2016}).status
    ).toBe("onderdrukt");
    // 2021 G1 cores: risico 10 fastfood of 30 -> 33.3 %.
    expect(published(gate, "risico-aandeel-kern", {gebied: G1, branche: "risico", jaar: 2021}).waarde).toBe(
      33.3
    );
  });
});

describe("weerbare wijken", () => {
  it("counts signals on every level and per 1,000 inhabitants", () => {
    expect(trueValue(parts, "signalen", {gebied: "BU00020101", jaar: 2015})).toBe(15);
    expect(trueValue(parts, "signalen", {gebied: RG, jaar: 2015})).toBe(27);
    // 15 signals over 800 inhabitants -> 18.75 per 1,000.
    expect(published(gate, "signalen-per-1000", {gebied: "BU00020101", jaar: 2015}).waarde).toBe(18.75);
    expect(published(gate, "signalen-per-1000", {gebied: "BU00020101", jaar: 2016}).status).toBe("geen-data");
  });
  it("turns bijstand into a rate per 1,000 inhabitants", () => {
    expect(trueValue(parts, "kerncijfers", {gebied: "GM0001", categorie: "bijstand", jaar: 2015})).toBe(20);
    expect(trueValue(parts, "kerncijfers", {gebied: "BU00010101", categorie: "bijstand", jaar: 2021})).toBe(
      15
    );
  });
  it("publishes buurt kerncijfers and standardised components for the latest year only", () => {
    const buurtYears = (id: string) =>
      new Set(
        parts.tables
          .find((t) => t.id === id)!
          .cells.filter((c) => c.gebiedniveau === "buurt")
          .map((c) => c.jaar)
      );
    expect([...buurtYears("kerncijfers")]).toEqual([2021]);
    expect([...buurtYears("kwetsbaarheid-z")]).toEqual([2021]);
  });
  it("standardises a component over the buurten with the sign that makes higher more vulnerable", () => {
    // WOZ 2021 over the four buurten (all >= 50 inhabitants): sorted 190, 250, 290, 290. Linear
    // quantiles (R type 7): Q1 at position 0.75 = 190 + 0.75 × 60 = 235, median at 1.5 = 270,
    // Q3 at 2.25 = 290; IQR 55, scale 55 / 1.349 = 40.771. WOZ counts inversely:
    // z(190) = -(190 - 270) / 40.771 = 1.9622.
    expect(trueValue(parts, "kwetsbaarheid-z", {gebied: "BU00020101", categorie: "woz", jaar: 2021})).toBe(
      1.9622
    );
    // BU00010101 (WOZ 250) is below the median: -(250 - 270) / 40.771 = 0.4905.
    expect(trueValue(parts, "kwetsbaarheid-z", {gebied: "BU00010101", categorie: "woz", jaar: 2021})).toBe(
      0.4905
    );
    // A component the bronmap lacks (laag inkomen) stays missing, never 0.
    expect(
      trueValue(parts, "kwetsbaarheid-z", {gebied: "BU00020101", categorie: "laag-inkomen", jaar: 2021})
    ).toBeNull();
  });
  it("leaves the structural index missing when less than 40% of the component weight is known", () => {
    // The mini bronmap has 3 of the 9 kerncijfer components.
    expect(trueValue(parts, "kwetsbaarheid-structureel", {gebied: "BU00010101", jaar: 2015})).toBeNull();
    expect(published(gate, "kwetsbaarheidsindex", {gebied: "BU00010101", jaar: 2015}).waarde).toBeNull();
  });
});

describe("denominators and the remaining catalogue indicators", () => {
  // Kerncijfers (make-mini.ts): inhabitants 2015 / 2021: BU00010101 1500 / 2000, BU00010102 500 /
  // 500, BU00020101 800 / 800, BU00020102 200 / 200; x102 buurten are buitengebied (stedelijkheid
  // 5). Every buurt is a 1 km x 1 km square. No kerncijfers for 2016-2020.
  it("takes inhabitants from the kerncijfers, the regio as the sum of its gemeenten, and nothing in other years", () => {
    expect(trueValue(parts, "inwoners", {gebied: G1, jaar: 2015})).toBe(2000);
    expect(trueValue(parts, "inwoners", {gebied: "WK000101", jaar: 2021})).toBe(2500);
    expect(trueValue(parts, "inwoners", {gebied: "BU00020102", jaar: 2021})).toBe(200);
    expect(trueValue(parts, "inwoners", {gebied: RG, jaar: 2015})).toBe(3000);
    expect(trueValue(parts, "inwoners", {gebied: RG, jaar: 2021})).toBe(3500);
    expect(published(gate, "inwoners", {gebied: G1, jaar: 2017}).waarde).toBeNull();
  });
  it("splits inhabitants and land area between buitengebied and cores", () => {
    expect(trueValue(parts, "inwoners-buitengebied", {gebied: G1, jaar: 2015})).toBe(500);
    expect(trueValue(parts, "inwoners-buitengebied", {gebied: RG, jaar: 2015})).toBe(700);
    expect(trueValue(parts, "inwoners-kern", {gebied: G1, jaar: 2021})).toBe(2000);
    expect(trueValue(parts, "inwoners-kern", {gebied: RG, jaar: 2021})).toBe(2800);
    expect(trueValue(parts, "oppervlakte-buitengebied", {gebied: G1, jaar: 2021})).toBeCloseTo(1, 2);
    // Land area on the ellipsoid: a 1 km x 1 km RD square is about 0.997 km2 here.
    expect(trueValue(parts, "oppervlakte-buitengebied", {gebied: RG, jaar: 2021})).toBeCloseTo(2, 1);
    expect(trueValue(parts, "oppervlakte-kern", {gebied: G2, jaar: 2015})).toBeCloseTo(1, 2);
  });
  it("counts establishments per wijk for all risk branches together and for all, with a rate per 1,000", () => {
    // WK000101 = GM0001: 2021 alle 36, risico 16; WK000201: risico 5 nail + 20 zorg = 25.
    expect(trueValue(parts, "vestigingen-wijk", {gebied: "WK000101", branche: "alle", jaar: 2021})).toBe(36);
    expect(trueValue(parts, "vestigingen-wijk", {gebied: "WK000101", branche: "risico", jaar: 2021})).toBe(
      16
    );
    expect(trueValue(parts, "vestigingen-wijk", {gebied: "WK000201", branche: "risico", jaar: 2021})).toBe(
      25
    );
    // 36 over 2,500 inhabitants -> 14.4 per 1,000; no inhabitants in 2017 -> missing.
    expect(
      published(gate, "vestigingen-wijk-per-1000", {gebied: "WK000101", branche: "alle", jaar: 2021}).waarde
    ).toBe(14.4);
    expect(
      published(gate, "vestigingen-wijk-per-1000", {gebied: "WK000101", branche: "alle", jaar: 2017}).status
    ).toBe("geen-data");
  });
  it("publishes establishments per km2 in the buitengebied and the cores", () => {
    // 2021 GM0001: cores A (10) + D (20) = 30 on 1 km2; buitengebied C (6) on 1 km2.
    expect(
      published(gate, "vestigingen-per-km2-kern", {gebied: G1, branche: "alle", jaar: 2021}).waarde
    ).toBeCloseTo(30, 0);
    expect(
      published(gate, "vestigingen-per-km2-buitengebied", {gebied: G1, branche: "alle", jaar: 2021}).waarde
    ).toBeCloseTo(6, 0);
  });
  it("counts the agrarian buildings of the file in every year", () => {
    for (const jaar of [2015, 2018, 2021])
      expect(trueValue(parts, "panden-agrarisch", {gebied: G1, jaar})).toBe(16);
    expect(trueValue(parts, "panden-agrarisch", {gebied: RG, jaar: 2021})).toBe(16);
  });
  it("counts signals per category and relates them to inhabitants and land area of the cores", () => {
    expect(trueValue(parts, "signalen-categorie", {gebied: G1, categorie: "overlast", jaar: 2015})).toBe(12);
    expect(trueValue(parts, "signalen-categorie", {gebied: G2, categorie: "drugsafval", jaar: 2015})).toBe(
      15
    );
    expect(trueValue(parts, "signalen-categorie", {gebied: RG, categorie: "hennep", jaar: 2021})).toBe(10);
    // 15 drugsafval over 1,000 inhabitants of GM0002 -> 15 per 1,000; 10 hennep over 2,500 -> 4.
    expect(
      published(gate, "signalen-categorie-per-1000", {gebied: G2, categorie: "drugsafval", jaar: 2015}).waarde
    ).toBe(15);
    expect(
      published(gate, "signalen-categorie-per-1000", {gebied: G1, categorie: "hennep", jaar: 2021}).waarde
    ).toBe(4);
    // 12 overlast in the GM0001 core (1,500 inhabitants, 1 km2) in 2015 -> 8 per 1,000 and 12 per km2.
    expect(
      published(gate, "signalen-per-1000-kern", {gebied: G1, categorie: "overlast", jaar: 2015}).waarde
    ).toBe(8);
    expect(
      published(gate, "signalen-per-km2-kern", {gebied: G1, categorie: "overlast", jaar: 2015}).waarde
    ).toBeCloseTo(12, 0);
  });
  it("indexes signals on the first year (= 100)", () => {
    // Regio: 27 in 2015, 10 in 2021 -> 37.0; GM0001: 12 in 2015, 10 in 2021 -> 83.3.
    expect(published(gate, "signalen-index", {gebied: RG, jaar: 2015}).waarde).toBe(100);
    expect(published(gate, "signalen-index", {gebied: RG, jaar: 2021}).waarde).toBe(37);
    expect(published(gate, "signalen-index", {gebied: G1, jaar: 2021}).waarde).toBe(83.3);
  });
  it("standardises signals only over buurten with an index, and leaves the weight missing below 40%", () => {
    // BU00020101 has 15 signals in 2015 (published), but no structural index (too few
    // kerncijfers): the signal component is standardised over the buurten that get an index, so
    // it has none either (the arithmetic: weerbaarheid-methode.test.ts).
    const z = published(gate, "kwetsbaarheid-z-signalen", {gebied: "BU00020101", jaar: 2015});
    expect(z.waarde).toBeNull();
    expect(z.status).toBe("geen-data");
    // 3 of the 10 weight units are known in the mini bronmap: below 40%, so missing, never 3.
    expect(trueValue(parts, "kwetsbaarheid-gewicht", {gebied: "BU00010101", jaar: 2021})).toBeNull();
  });
});

describe("the whole gate run", () => {
  it("passes the audit and declares every catalogue table it publishes", async () => {
    const {INDICATOREN} = await import("../../data-loaders/indicators/catalogue.ts");
    expect(gate.report.audit.geslaagd).toBe(true);
    const ids = new Set(INDICATOREN.map((i) => i.id));
    for (const id of gate.tables.keys()) expect(ids.has(id), id).toBe(true);
  });
});

// Last in the file: vitest runs a file's tests in order, so every lookup above has happened.
describe("coverage", () => {
  it("looks up every catalogue indicator in a known-answer test", async () => {
    const {INDICATOREN} = await import("../../data-loaders/indicators/catalogue.ts");
    const elsewhere = new Set(Object.values(COVERED_ELSEWHERE).flat());
    const missing = INDICATOREN.map((i) => i.id).filter((id) => !lookedUp.has(id) && !elsewhere.has(id));
    expect(missing).toEqual([]);
  });
});
