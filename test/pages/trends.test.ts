/**
 * The Trends view model on the demo region, on a bundle whose every cell is suppressed, and on a
 * small hand-made bundle with heavy suppression and a missing year.
 */
import {readFileSync} from "node:fs";
import {beforeAll, describe, expect, it} from "vitest";
import {getPipelineResult, type PipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import type {Bundle, Cell, Table} from "../../src/lib/contracts.ts";
import {
  ALLE_GEBIEDEN,
  MISDRIJVEN_TREND,
  structuurSignalenView,
  trendView,
  trendsData,
  trendsDefaults,
  trendsKeuzes
} from "../../src/lib/pages/trends.ts";
import {readPublished} from "../published-file.ts";

let result: PipelineResult;
const read = (name: string): Bundle => readPublished(result, name) as Bundle;

beforeAll(async () => {
  result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
}, 300_000);

const nl1 = (n: number) => n.toLocaleString("nl-NL", {minimumFractionDigits: 1, maximumFractionDigits: 1});

describe("trends on the demo region", () => {
  it("shows every indicator for the regio and every gemeente over every year", () => {
    const d = trendsData(read("trends.json"), read("regio.json"), read("definities.json"));
    expect(d.jaren[0]).toBe(2015);
    const ids = trendsKeuzes(d).indicatoren.map((i) => i.value);
    expect(ids).toEqual(
      expect.arrayContaining([
        "vestigingen",
        "vestigingen-index",
        "signalen-categorie",
        "signalen-categorie-per-1000",
        "signalen-index",
        "panden-leeg",
        "panden-leeg-index"
      ])
    );
    for (const id of ids) {
      const v = trendView(d, {...trendsDefaults(d), indicator: id});
      expect(v.cells).toHaveLength((d.info.gemeenten.length + 1) * d.jaren.length);
      expect(v.zinnen.length).toBeGreaterThan(0);
    }
    const v = trendView(d, trendsDefaults(d));
    expect(v.title).toMatch(/het sterkst gestegen in /);
  });

  it("names the gemeente with the largest published first-to-last change", () => {
    const bundle = read("trends.json");
    const d = trendsData(bundle, read("regio.json"), read("definities.json"));
    const v = trendView(d, {...trendsDefaults(d), indicator: "panden-leeg"});
    const cells = (bundle.onderdelen["panden-leeg"] as Table).cellen.filter(
      (c) => c.gebiedniveau === "gemeente" && c.waarde !== null
    );
    const change = d.info.gemeenten.map((g) => {
      const own = cells.filter((c) => c.gebiedcode === g.code).sort((a, b) => a.jaar - b.jaar);
      return {g, rel: (own.at(-1)!.waarde! - own[0]!.waarde!) / own[0]!.waarde!};
    });
    const top = change.sort((a, b) => b.rel - a.rel)[0]!;
    // The catalogue's title of panden-leeg with its unit in words.
    expect(v.title).toBe(
      `Leegstaande agrarische gebouwen (VAB) (aantal): het sterkst gestegen in ${top.g.naam}`
    );
  });

  it("shows one panel per branch or signal category for a chosen area", () => {
    const d = trendsData(read("trends.json"), read("regio.json"), read("definities.json"));
    const g = d.info.gemeenten[0]!;
    const branches = trendView(d, {...trendsDefaults(d), gebied: g.code});
    expect(branches.names.size).toBe(Object.keys(d.brancheNamen).length);
    expect(branches.gebruiktBranche).toBe(false);
    expect(branches.zinnen[0]).toContain(`per branche in ${g.naam}`);
    // The totals are shown, never named as the strongest rising branch.
    expect(branches.zinnen[0]).not.toMatch(/: alle (risicobranches|vestigingen),/);
    const soorten = trendView(d, {...trendsDefaults(d), indicator: "signalen-categorie", gebied: g.code});
    expect(soorten.names.size).toBe(d.categorieen.length);
    expect(soorten.enkelvoud).toBe("soort signaal");
    const vab = trendView(d, {...trendsDefaults(d), indicator: "panden-leeg", gebied: g.code});
    expect([...vab.names.values()]).toEqual([d.info.regio.naam, g.naam]);
    expect(vab.zinnen[0]).toMatch(new RegExp(`^${g.naam}: van \\d+ in \\d{4} naar \\d+ in \\d{4} \\([+−]`));
    expect(trendView(d, {...trendsDefaults(d), gebied: ALLE_GEBIEDEN}).gebruiktBranche).toBe(true);
  });

  it("compares the structural pattern with the signals using the published indexes", () => {
    const bundle = read("trends.json");
    const d = trendsData(bundle, read("regio.json"), read("definities.json"));
    const v = structuurSignalenView(d);
    const idx = (id: string, branche: string | null) =>
      (bundle.onderdelen[id] as Table).cellen
        .filter((c) => c.gebiedniveau === "regio" && c.branche === branche && c.waarde !== null)
        .at(-1)!;
    const vest = idx("vestigingen-index", "risico");
    const sig = idx("signalen-index", null);
    expect(v.zinnen[0]).toBe(
      `Sinds ${d.jaren[0]}, in ${d.info.regio.naam}: het aantal vestigingen in risicobranches ${vest.waarde! >= 100 ? "groeide" : "daalde"} met ${nl1(Math.abs(vest.waarde! - 100))}% (index ${nl1(vest.waarde!)} in ${vest.jaar}); het aantal signalen ${sig.waarde! >= 100 ? "groeide" : "daalde"} met ${nl1(Math.abs(sig.waarde! - 100))}% (index ${nl1(sig.waarde!)} in ${sig.jaar}).`
    );
    expect(v.zinnen[1]).toMatch(
      /^In dezelfde periode (groeide|daalde) het aantal leegstaande agrarische gebouwen met \d/
    );
    expect(v.zinnen[2]).toMatch(/harder|gelijk op/);
    expect(v.zinnen.join(" ")).toMatch(/geen bewijs|niet dat er minder gebeurt/);
    expect(v.names.size).toBe(3);
  });
});

describe("trends when everything is suppressed", () => {
  it("never guesses", () => {
    const bundle = structuredClone(read("trends.json"));
    for (const part of Object.values(bundle.onderdelen))
      for (const c of (part as Table).cellen ?? []) {
        c.waarde = null;
        c.status = "onderdrukt";
      }
    const d = trendsData(bundle, read("regio.json"), read("definities.json"));
    expect(trendView(d, trendsDefaults(d)).zinnen[0]).toMatch(/^Voor geen enkele gemeente/);
    const ss = structuurSignalenView(d);
    expect(ss.zinnen).toHaveLength(2);
    expect(ss.zinnen[0]).toMatch(/niet te tonen.*niet te tonen/);
    expect(ss.zinnen[1]).toContain("niet te tonen");
  });
});

// A hand-made region: two gemeenten, three years, the middle year missing for one and most
// signal cells suppressed; no vacant buildings table at all.
const REGIO: Bundle = {
  schemaVersion: 1,
  onderdelen: {
    regio: {
      schemaVersion: 1,
      soort: "tekst",
      waarde: {
        isDemo: false,
        regio: {code: "RG01", naam: "Proefregio"},
        gemeenten: [
          {code: "GM0001", naam: "Aadorp"},
          {code: "GM0002", naam: "Beekveld"}
        ],
        jaren: [2020, 2021, 2022]
      }
    }
  }
};
const CATALOGUS: Bundle = {
  schemaVersion: 1,
  onderdelen: {
    catalogus: {
      schemaVersion: 1,
      soort: "tekst",
      waarde: {indicatoren: [], signaalcategorieen: [{id: "hennep", naam: "Hennepteelt"}]}
    }
  }
};
const cel = (gebiedcode: string, jaar: number, waarde: number | null, extra: Partial<Cell> = {}): Cell => ({
  gebiedcode,
  gebiedniveau: gebiedcode.startsWith("RG") ? "regio" : "gemeente",
  bovenliggend: gebiedcode.startsWith("RG") ? null : "RG01",
  branche: null,
  categorie: null,
  jaar,
  waarde,
  status: waarde === null ? "onderdrukt" : "",
  reden: waarde === null ? "onderdrukt: telling < 5" : null,
  ...extra
});
/** Titles as the gate publishes them: from the catalogue entry of the table (the page's labels). */
const TITELS: Record<string, string> = {
  "vestigingen-index": "Vestigingen, index (eerste jaar = 100)",
  "signalen-categorie": "Signalen per categorie"
};
const tabel = (id: string, eenheid: string, cellen: Cell[]): Table => ({
  schemaVersion: 1,
  id,
  titel: TITELS[id] ?? id,
  soort: "afgeleid",
  eenheidSoort: null,
  eenheid,
  dimensies: ["gebied", "jaar"],
  cellen
});
function handmade(): Bundle {
  const risico = {branche: "risico"};
  return {
    schemaVersion: 1,
    onderdelen: {
      branches: {
        schemaVersion: 1,
        soort: "tekst",
        waarde: {namen: {risico: "Alle risicobranches"}, groepen: []}
      },
      "vestigingen-index": tabel("vestigingen-index", "index", [
        cel("RG01", 2020, 100, risico),
        cel("RG01", 2021, 104, risico),
        cel("RG01", 2022, null, risico),
        cel("GM0001", 2020, 100, risico),
        cel("GM0001", 2022, 90, risico),
        cel("GM0002", 2020, null, risico),
        cel("GM0002", 2021, null, risico)
      ]),
      "signalen-index": tabel("signalen-index", "index", [
        cel("RG01", 2020, 100),
        cel("RG01", 2021, null),
        cel("RG01", 2022, 130),
        cel("GM0001", 2022, null),
        cel("GM0002", 2022, null)
      ]),
      "signalen-categorie": tabel("signalen-categorie", "aantal", [
        cel("GM0001", 2020, null, {categorie: "hennep"}),
        cel("GM0002", 2022, null, {categorie: "hennep"})
      ])
    }
  };
}

describe("trends on a small, heavily suppressed region", () => {
  const d = () => trendsData(handmade(), REGIO, CATALOGUS);

  it("tells the only gemeente with two published years and counts the other", () => {
    const v = trendView(d(), trendsDefaults(d()));
    expect(v.zinnen).toEqual([
      "Nergens gestegen; het minst gedaald (alle risicobranches): Aadorp, van 100,0 in 2020 naar 90,0 in 2022 (−10,0%).",
      "Voor 1 gemeente is geen ontwikkeling te tonen, omdat te weinig jaren gepubliceerd zijn (kleine aantallen worden onderdrukt)."
    ]);
    // A fall is not called the strongest rise in the title either.
    expect(v.title).toBe("Vestigingen, index (eerste jaar = 100) (alle risicobranches)");
    expect(trendsKeuzes(d()).indicatoren.map((i) => i.value)).toEqual([
      "vestigingen-index",
      "signalen-index",
      "signalen-categorie"
    ]);
  });

  it("says no development can be shown for a fully suppressed category", () => {
    const v = trendView(d(), {...trendsDefaults(d()), indicator: "signalen-categorie"});
    expect(v.zinnen[0]).toBe(
      "Voor geen enkele gemeente is een ontwikkeling van signalen per categorie (aantal) (hennepteelt) te tonen: te veel jaren zijn onderdrukt of ontbreken."
    );
  });

  it("compares only within one published year, and says when no such year exists", () => {
    const ss = structuurSignalenView(d());
    expect(ss.names.size).toBe(2);
    expect(ss.zinnen).toEqual([
      "Sinds 2020, in Proefregio: het aantal vestigingen in risicobranches groeide met 4,0% (index 104,0 in 2021); het aantal signalen groeide met 30,0% (index 130,0 in 2022).",
      "Een vergelijking tussen branches en signalen is niet mogelijk: er is na het eerste jaar geen jaar waarin beide cijfers gepubliceerd zijn."
    ]);
  });
});

describe("registered crime over the years (public data)", () => {
  // Per 1,000 inhabitants, offence group "totaal"; Beekveld's 2021 suppressed. Changes by hand:
  // Aadorp 40.0 -> 30.0 = -25.0 %, Beekveld 20.0 -> 25.0 = +25.0 %, regio 32.0 -> 28.0 = -12.5 %.
  const totaal = {categorie: "totaal"};
  const bundle = (): Bundle => ({
    schemaVersion: 1,
    onderdelen: {
      branches: {schemaVersion: 1, soort: "tekst", waarde: {namen: {}, groepen: []}},
      "misdrijven-per-1000": tabel("misdrijven-per-1000", "per-1000", [
        cel("RG01", 2020, 32, totaal),
        cel("RG01", 2021, 30, totaal),
        cel("RG01", 2022, 28, totaal),
        cel("GM0001", 2020, 40, totaal),
        cel("GM0001", 2022, 30, totaal),
        cel("GM0002", 2020, 20, totaal),
        cel("GM0002", 2021, null, totaal),
        cel("GM0002", 2022, 25, totaal),
        // Another offence group: never mixed into the total's trend.
        cel("GM0002", 2022, 900, {categorie: "drugshandel"})
      ])
    }
  });

  it("shows the total of every gemeente and ranks their first-to-last change", () => {
    const d = trendsData(bundle(), REGIO, CATALOGUS);
    const t = trendView(d, {indicator: MISDRIJVEN_TREND, branche: "", categorie: "", gebied: ALLE_GEBIEDEN});
    expect(t.indicator.soort).toBe("misdrijf");
    expect(t.zinnen[0]).toBe(
      "Het sterkst gestegen: Beekveld, van 20,0 in 2020 naar 25,0 in 2022 (+25,0%). Het sterkst gedaald: Aadorp, van 40,0 in 2020 naar 30,0 in 2022 (−25,0%)."
    );
    expect(t.cells.filter((c) => c.gebiedcode === "GM0002").map((c) => c.waarde)).toEqual([20, null, 25]);
    // It is offered in the indicator menu only where the bronmap has the police figures.
    expect(trendsKeuzes(d).indicatoren.map((k) => k.value)).toContain(MISDRIJVEN_TREND);
    expect(
      trendsKeuzes(trendsData(handmade(), REGIO, CATALOGUS)).indicatoren.map((k) => k.value)
    ).not.toContain(MISDRIJVEN_TREND);
  });

  it("says a development needs two years when the bronmap has one", () => {
    const een = bundle();
    const t0 = een.onderdelen["misdrijven-per-1000"] as Table;
    t0.cellen = t0.cellen.filter((c) => c.jaar === 2020);
    const d = trendsData(een, REGIO, CATALOGUS);
    expect(
      trendView(d, {indicator: MISDRIJVEN_TREND, branche: "", categorie: "", gebied: ALLE_GEBIEDEN}).zinnen
    ).toEqual([
      "Een ontwikkeling vraagt om ten minste twee jaren; deze bronmap heeft alleen 2020. De figuur toont de cijfers van dat jaar."
    ]);
  });

  it("tells one gemeente next to the regio", () => {
    const d = trendsData(bundle(), REGIO, CATALOGUS);
    const t = trendView(d, {indicator: MISDRIJVEN_TREND, branche: "", categorie: "", gebied: "GM0001"});
    expect(t.zinnen).toEqual([
      "Aadorp: van 40,0 in 2020 naar 30,0 in 2022 (−25,0%).",
      "Proefregio: van 32,0 in 2020 naar 28,0 in 2022 (−12,5%)."
    ]);
  });
});
