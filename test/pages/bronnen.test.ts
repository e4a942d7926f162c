import {describe, expect, it} from "vitest";
import {
  bronnenVan,
  bronregelVan,
  eigenDataZinnen,
  herkomstRijen,
  type Bronnen
} from "../../src/lib/pages/bronnen.ts";
import {nederlandZin} from "../../src/lib/pages/publiek.ts";
import type {RegioInfo} from "../../src/lib/pages/story.ts";

const openbaar: Bronnen = {
  eigen: {vestigingen: false, eigendommen: false, panden: false, signalen: false},
  openbaar: {kerncijfers: true, politie: true, referentie: false, bedrijventerreinen: true},
  herkomst: [
    {
      soort: "kerncijfers",
      titel: "Kerncijfers wijken en buurten 2020",
      uitgever: "CBS",
      tabel: "84799NED",
      jaar: 2020,
      adres: "https://opendata.cbs.nl/ODataFeed/odata/84799NED/TypedDataSet",
      opgehaald: "2026-12-05",
      licentie: "CC BY 4.0",
      bronvermelding: "Bron: CBS"
    },
    {
      soort: "kerncijfers",
      titel: "Kerncijfers wijken en buurten 2021",
      uitgever: "CBS",
      tabel: "85039NED",
      jaar: 2021,
      adres: "https://opendata.cbs.nl/ODataFeed/odata/85039NED/TypedDataSet",
      opgehaald: "2026-11-30",
      licentie: "CC BY 4.0",
      bronvermelding: "Bron: CBS"
    }
  ]
};

const info = (bronnen?: Bronnen, isDemo = false): RegioInfo =>
  ({
    isDemo,
    regio: {code: "RG-BRONMAP", naam: "Regio"},
    gemeenten: [],
    jaren: [2020],
    ...(bronnen ? {bronnen} : {})
  }) as RegioInfo;

describe("source lines", () => {
  it("name only the sources the bronmap has, fetched ones with table, licence and retrieval date", () => {
    expect(bronregelVan(info(openbaar), ["vestigingen", "kerncijfers"], 2020)).toBe(
      "CBS Kerncijfers wijken en buurten (CBS, tabellen 84799NED, 85039NED, CC BY 4.0, opgehaald 5 december 2026), 2020; bewerking Ondermijningsatlas."
    );
  });

  it("are null when none of the sources is there (there is no chart to source)", () => {
    expect(bronregelVan(info(openbaar), ["vestigingen", "signalen"])).toBeNull();
  });

  it("read a region file without the part as the layout with every register (the demo)", () => {
    expect(bronnenVan(info()).eigen.signalen).toBe(true);
    expect(bronregelVan(info(undefined, true), ["signalen", "kerncijfers"], 2025)).toBe(
      "Signalenregistratie en CBS Kerncijfers wijken en buurten (fictieve voorbeeldregio), 2025; bewerking Ondermijningsatlas."
    );
  });
});

describe("what needs own data", () => {
  it("names each missing part with its files, and nothing when nothing is missing", () => {
    expect(eigenDataZinnen([])).toBeNull();
    expect(
      eigenDataZinnen([
        {titel: "Zorg en vastgoed", registers: ["vestigingen", "eigendommen"]},
        {titel: "Signalen", registers: ["signalen"]}
      ])
    ).toEqual([
      "Deze bronmap bevat alleen openbare gegevens. 2 onderdelen van deze pagina vragen om eigen gegevens van de gemeente en staan daarom niet op de pagina:",
      "Zorg en vastgoed: het vestigingenregister (KvK-uittreksel) (vestigingen.csv) en het vastgoed van bedrijven (Kadaster) (eigendommen.csv).",
      "Signalen: de eigen signalenregistratie (signalen.csv).",
      "Zet die bestanden in de bronmap en bouw opnieuw; docs/eigen-data.md beschrijft de kolommen."
    ]);
  });

  it("says the bronmap misses a register when it has others (not 'public data only')", () => {
    expect(eigenDataZinnen([{titel: "Signalen", registers: ["signalen"]}], false)![0]).toBe(
      "Deze bronmap mist een eigen register van de gemeente. Eén onderdeel van deze pagina vraagt om eigen gegevens van de gemeente en staat daarom niet op de pagina:"
    );
  });

  it("lists the fetched sources once per address, with their years", () => {
    const {zin, rijen} = herkomstRijen(info(openbaar));
    expect(zin).toContain("2 openbare bronnen zijn opgehaald");
    expect(rijen.map((r) => [r[0], r[2], r[3], r[5]])).toEqual([
      ["Kerncijfers wijken en buurten", "84799NED", "2020", "5 december 2026"],
      ["Kerncijfers wijken en buurten", "85039NED", "2021", "30 november 2026"]
    ]);
  });
});

describe("the comparison with Nederland in words", () => {
  it("names the branches clearly above and below Nederland, or says none stands out", () => {
    expect(
      nederlandZin("Leudal", {hoog: ["zorg (2,19)"], laag: ["horeca (0,40)"], gepubliceerd: 9}, 2020)
    ).toBe(
      "In Leudal in 2020: sterker vertegenwoordigd dan in Nederland (locatiequotiënt 1,25 of meer): zorg (2,19); zwakker (0,80 of minder): horeca (0,40)."
    );
    expect(nederlandZin("Leudal", {hoog: [], laag: [], gepubliceerd: 9}, 2020)).toBe(
      "In Leudal wijkt in 2020 geen van de 9 bedrijfstakken duidelijk af van Nederland (alle locatiequotiënten tussen 0,80 en 1,25)."
    );
    expect(nederlandZin("Leudal", {hoog: [], laag: [], gepubliceerd: 0}, 2020)).toContain(
      "geen vergelijking met Nederland"
    );
  });
});
