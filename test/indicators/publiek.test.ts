/**
 * Known answers for the public sources (issue 16) on bronmappen written by `npm run ophalen` from
 * the recorded responses (test/fixtures/ophalen; README there): registered crime per area
 * (`politie/`, 47018NED) and CBS establishments per branch with Nederland as reference
 * (`referentie/`, 81575NED). Through the real readers, compute modules and the real gate.
 *
 * The fixture numbers used by hand (gemaakt/referentie-81575NED-typeddataset.json, 2020, A-U and
 * 56 "Eet- en drinkgelegenheden" and Q "Gezondheids- en welzijnszorg" per gemeente; GM1507 has no
 * value and there is no country row, so Nederland is the sum of the six other gemeenten):
 *
 *   gemeente  A-U     56   Q
 *   GM0946   10271   45   76
 *   GM0957   10083   69  340
 *   GM0983    9239   13  524
 *   GM0988    7727   61   84
 *   GM1640    8167    5  748
 *   GM1641    7364   21  440
 *   Nederland 52851 214 2212
 *
 * Police (gemaakt/politie-47018NED-typeddataset.json, GM0946, 2020): 0.0.0 = 328, 3.1.1 = 24,
 * 1.6.3 = 26 (3.1.2 absent). Inhabitants (echt KWB 2020, AantalInwoners_5): GM0946 17019,
 * GM1640 35879.
 */
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {GateResult} from "../../data-loaders/disclosure/gate.ts";
import {computeInto} from "../../data-loaders/indicators/compute.ts";
import type {GateParts} from "../../data-loaders/indicators/context.ts";
import {runOphalen} from "../../data-loaders/ophalen/run.ts";
import {briefingView} from "../../src/lib/pages/briefing.ts";
import {bronnenVan} from "../../src/lib/pages/bronnen.ts";
import {overzichtView} from "../../src/lib/pages/overzicht.ts";
import {misdrijfGroepen} from "../../src/lib/pages/publiek.ts";
import {regioInfo} from "../../src/lib/pages/story.ts";
import {startRecordedWorld, testConfig} from "../ophalen/fixtures.ts";
import {expectCovered} from "./coverage.ts";
import {gateOf, published, trueValue} from "./helpers.ts";

const work = mkdtempSync(join(tmpdir(), "publiek-"));
const EEN = join(work, "een");
const TWEE = join(work, "twee");
afterAll(() => rmSync(work, {recursive: true, force: true}));

async function ophalen(dir: string, gemeenten: string[]): Promise<void> {
  const server = await startRecordedWorld();
  try {
    const r = await runOphalen({
      gemeenten,
      jaren: [2020],
      naar: dir,
      bronnen: testConfig(),
      basisUrl: server.url,
      log: () => {}
    });
    if (r.exitCode !== 0) throw new Error(`ophalen mislukt: ${JSON.stringify(r.failures)}`);
  } finally {
    await server.close();
  }
}

let een: {parts: GateParts; gate: GateResult; jaren: number[]};
let twee: {parts: GateParts; gate: GateResult; jaren: number[]};

beforeAll(async () => {
  await ophalen(EEN, ["GM0946"]);
  await ophalen(TWEE, ["GM1640", "GM0946"]);
  een = await gateOf(EEN);
  twee = await gateOf(TWEE);
}, 120_000);

const NW = "GM0946";
const RG = "RG-BRONMAP";
const NL = "NL01";

describe("a one-gemeente bronmap compared with Nederland", () => {
  it("publishes the years of the public figures, not the calendar", () => {
    expect(een.jaren).toEqual([2020]);
  });

  it("takes Nederland as the sum of the gemeenten when the table has no country row", () => {
    expect(trueValue(een.parts, "vestigingen-cbs", {gebied: NL, branche: "alle", jaar: 2020})).toBe(52851);
    expect(trueValue(een.parts, "vestigingen-cbs", {gebied: NL, branche: "sbi-56", jaar: 2020})).toBe(214);
    expect(trueValue(een.parts, "vestigingen-cbs", {gebied: NW, branche: "sbi-56", jaar: 2020})).toBe(45);
  });

  it("computes the location quotient against Nederland", () => {
    // (45 / 10271) / (214 / 52851) = 2378295 / 2197994 = 1.0820 -> 1.08
    expect(
      published(een.gate, "locatiequotient-nederland", {gebied: NW, branche: "sbi-56", jaar: 2020}).waarde
    ).toBe(1.08);
    // (76 / 10271) / (2212 / 52851) = 4016676 / 22719452 = 0.1768 -> 0.18
    expect(
      published(een.gate, "locatiequotient-nederland", {gebied: NW, branche: "sbi-Q", jaar: 2020}).waarde
    ).toBe(0.18);
  });

  it("has a quotient against its own region of exactly 1: that is why Nederland is the reference", () => {
    const cells = een.gate.tables.get("locatiequotient-cbs")!.cellen.filter((c) => c.gebiedcode === NW);
    expect(cells.length).toBe(9);
    for (const c of cells) expect(c.waarde).toBe(1);
    expect(
      published(een.gate, "locatiequotient-cbs", {gebied: NW, branche: "sbi-56", jaar: 2020}).waarde
    ).toBe(1);
  });

  it("counts registered crime per offence group and per 1,000 inhabitants", () => {
    const k = (categorie: string) => ({gebied: NW, categorie, jaar: 2020});
    expect(trueValue(een.parts, "misdrijven", k("totaal"))).toBe(328);
    expect(trueValue(een.parts, "misdrijven", k("drugshandel"))).toBe(24);
    // 1.6.3 (26) + 3.1.2 (not published for Nederweert) = 26
    expect(trueValue(een.parts, "misdrijven", k("mensenhandel"))).toBe(26);
    // No code of the group in the source: no value (not zero).
    expect(trueValue(een.parts, "misdrijven", k("wapenhandel"))).toBeNull();
    // 328 / 17019 * 1000 = 19.27 -> 19.3; 24 / 17019 * 1000 = 1.41 -> 1.4
    expect(published(een.gate, "misdrijven-per-1000", k("totaal")).waarde).toBe(19.3);
    expect(published(een.gate, "misdrijven-per-1000", k("drugshandel")).waarde).toBe(1.4);
    expect(published(een.gate, "misdrijven-per-1000", k("wapenhandel")).status).toBe("geen-data");
  });

  it("writes a briefing that compares with Nederland, dated in the bronmap's year", async () => {
    const out = join(work, "uit-een");
    await computeInto(out, "test", {dir: EEN, isDemo: false}, () => {});
    const bundle = JSON.parse(readFileSync(join(out, "gemeente", `${NW}.json`), "utf-8"));
    const regio = JSON.parse(readFileSync(join(out, "regio.json"), "utf-8"));
    const catalogus = JSON.parse(readFileSync(join(out, "catalogus.json"), "utf-8"));
    const info = regioInfo(regio);
    const branches = catalogus.onderdelen.branches.waarde as {
      namen: Record<string, string>;
      referentie: Array<{id: string; naam: string}>;
    };
    const namen = {...branches.namen, ...Object.fromEntries(branches.referentie.map((b) => [b.id, b.naam]))};
    const categorieNamen = Object.fromEntries(misdrijfGroepen(catalogus).map((g) => [g.id, g.naam]));
    const b = briefingView(bundle, info.regio, namen, {
      bronnen: bronnenVan(info),
      jaren: info.jaren,
      categorieNamen
    });
    expect(b.jaar).toBe(2020);
    // Names and units from the catalogue (titles of catalogue.ts, unit in words), with the
    // offence group (catalogue MISDRIJF_GROEPEN) or the CBS branch (REFERENTIE_BRANCHES) shown.
    expect(b.figuren.map((f) => f.label)).toEqual([
      "Geregistreerde misdrijven per 1.000 inwoners, alle misdrijven",
      "Geregistreerde misdrijven per 1.000 inwoners, drugshandel",
      "Locatiequotiënt tegenover Nederland (CBS-bedrijfstakken) (index), eet- en drinkgelegenheden (waaronder fastfood)",
      "Locatiequotiënt tegenover Nederland (CBS-bedrijfstakken) (index), overige dienstverlening (waaronder kappers, schoonheid en wellness)"
    ]);
    // The overview names its cards the same way (its own short names of the branches).
    const overzicht = overzichtView(JSON.parse(readFileSync(join(out, "overzicht.json"), "utf-8")), info);
    expect(overzicht.verhalen.map((v) => v.kaartjes.map((k) => k.label))).toEqual([
      [
        "Locatiequotiënt tegenover Nederland (CBS-bedrijfstakken) (index), eet- en drinkgelegenheden",
        "Locatiequotiënt tegenover Nederland (CBS-bedrijfstakken) (index), overige dienstverlening",
        "Locatiequotiënt tegenover Nederland (CBS-bedrijfstakken) (index), onroerend goed",
        "Locatiequotiënt tegenover Nederland (CBS-bedrijfstakken) (index), zorg en welzijn"
      ],
      [],
      [
        "Geregistreerde misdrijven per 1.000 inwoners, alle misdrijven",
        "Geregistreerde misdrijven per 1.000 inwoners, drugshandel"
      ]
    ]);
    expect(b.kop).toBe(
      "Nederweert, 2020: de cijfers die ertoe doen, tegen de regio Regio (hele bronmap), tegen Nederland."
    );
    expect(b.figuren.map((f) => f.maat.id)).toEqual([
      "misdrijven",
      "drugshandel",
      "lq-nl-horeca",
      "lq-nl-dienstverlening"
    ]);
    // Q (0.18) and 56 (1.08) as worked out above, in the sentence on Nederland.
    expect(b.brancheZin).toContain("In Nederweert in 2020:");
    expect(b.brancheZin).toContain("gezondheids- en welzijnszorg (0,18)");
    expect(b.brancheZin).not.toContain("eet- en drinkgelegenheden");
    expect(b.samenvatting.join(" ")).toContain("vestigingenregister van de gemeente (vestigingen.csv)");
    // Provenance of the fetched files reaches the region facts, by date only.
    const bron = bronnenVan(info);
    expect(bron.eigen).toEqual({vestigingen: false, eigendommen: false, panden: false, signalen: false});
    expect(bron.openbaar).toEqual({
      kerncijfers: true,
      politie: true,
      referentie: true,
      bedrijventerreinen: true
    });
    const kwb = bron.herkomst.find((h) => h.soort === "kerncijfers" && h.tabel === "84799NED")!;
    expect(kwb).toMatchObject({licentie: "CC BY 4.0", bronvermelding: "Bron: CBS", jaar: 2020});
    expect(kwb.opgehaald).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }, 120_000);
});

describe("a two-gemeente bronmap", () => {
  it("sums the regio over the gemeenten", () => {
    expect(trueValue(twee.parts, "inwoners", {gebied: RG, jaar: 2020})).toBe(35879 + 17019);
    expect(trueValue(twee.parts, "misdrijven", {gebied: NW, categorie: "totaal", jaar: 2020})).toBe(328);
  });
});

// Last in the file: every indicator this file declares as covered has been looked up.
describe("coverage", () => {
  it("looks up every indicator it declares in COVERED_ELSEWHERE", () => expectCovered("publiek.test.ts"));
});
