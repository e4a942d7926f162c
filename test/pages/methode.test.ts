/**
 * Methode en privacy: the sentences and tables from the catalogue, the disclosure report and the
 * data-quality report of the demo build, and of a hand-made report with heavy suppression, a
 * failed audit and rejected rows.
 */
import {readFileSync} from "node:fs";
import {beforeAll, describe, expect, it} from "vitest";
import {getPipelineResult, type PipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import type {Bundle} from "../../src/lib/contracts.ts";
import {
  auditZinnen,
  brancheProfielen,
  brancheRijen,
  overwogenRijen,
  overwogenVan,
  brancheZin,
  branchesVan,
  bronnenView,
  bronPast,
  catalogusTabellen,
  componentenVan,
  componentJarenView,
  componentRijen,
  drempelZin,
  indicatorenVan,
  kenmerkenRegel,
  jaarReeksen,
  kerncijferTabellen,
  kwaliteitVan,
  kwaliteitView,
  onderdrukkingTabel,
  onderdrukkingTotalen,
  onderdrukkingZinnen,
  openbaarheidTekst,
  verliesZinnen,
  rapportVan,
  themaGroepen,
  zoekZin,
  type CatalogusIndicator,
  type Kwaliteit,
  type Rapport,
  type RapportTabel
} from "../../src/lib/pages/methode.ts";
import {readPublished} from "../published-file.ts";

let result: PipelineResult;
const read = (name: string): Bundle => readPublished(result, name) as Bundle;

beforeAll(async () => {
  result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
}, 300_000);

const tabel = (t: Partial<RapportTabel> & Pick<RapportTabel, "id" | "cellen">): RapportTabel => ({
  titel: t.id,
  soort: "telling",
  eenheid: "aantal",
  drempel: "k = 10",
  gepubliceerd: 0,
  onderdruktPrimair: 0,
  onderdruktSecundair: 0,
  onderdruktAfgeleid: 0,
  afgerond: 0,
  geenData: 0,
  ...t
});

/** A small bronmap where most counts are suppressed, and rounding is on. */
const ZWAAR: Rapport = {
  drempels: {personen: 10, signalen: 10, vestigingen: 5},
  afronding: true,
  tabellen: [
    tabel({
      id: "signalen",
      titel: "Signalen",
      cellen: 100,
      gepubliceerd: 20,
      onderdruktPrimair: 70,
      onderdruktSecundair: 10,
      afgerond: 15
    }),
    tabel({
      id: "signalen-per-1000",
      titel: "Signalen per 1.000 inwoners",
      soort: "afgeleid",
      eenheid: "per-1000",
      drempel: "",
      cellen: 100,
      gepubliceerd: 18,
      onderdruktAfgeleid: 80,
      geenData: 2
    }),
    // A per-page copy: not in the open data, not counted.
    tabel({id: "briefing-gm0001-signalen", cellen: 50, gepubliceerd: 10, onderdruktAfgeleid: 40})
  ],
  koppelingen: [],
  totaal: {cellen: 250, gepubliceerd: 48, onderdruktPrimair: 70, onderdruktSecundair: 10, afgerond: 15},
  audit: {geslaagd: true, gecontroleerd: 80, componenten: 3, lpOplossingen: 41, herstelrondes: 1}
};

describe("onderdrukkingZinnen", () => {
  it("counts the catalogue tables only and splits the cells into four kinds that add up", () => {
    const t = onderdrukkingTotalen(ZWAAR);
    expect(t).toEqual({
      tabellen: 2,
      cellen: 200,
      gepubliceerd: 38,
      primair: 70,
      secundair: 10,
      afgeleid: 80,
      geenData: 2,
      afgerond: 15
    });
    expect(t.gepubliceerd + t.primair + t.secundair + t.afgeleid + t.geenData).toBe(t.cellen);
  });

  it("says how many cells were suppressed and why, for a heavily suppressed build", () => {
    expect(onderdrukkingZinnen(ZWAAR)).toEqual([
      "Deze site publiceert 2 tabellen met samen 200 cellen. Daarvan hebben er 38 (19,0%) een waarde en zijn er 162 leeg.",
      "80 tellingen zijn onderdrukt (40,0% van alle cellen): 70 omdat ze zelf onder de drempel liggen (primair) en 10 om een andere onderdrukte cel te beschermen (secundair), zodat die niet uit totalen terug te rekenen is.",
      "80 afgeleide cijfers (per 1.000 inwoners, aandelen, indexen) zijn leeg omdat ze rusten op een onderdrukte telling: afgeleide cijfers erven de onderdrukking.",
      "2 cellen zijn leeg omdat de bron voor dat gebied of jaar geen gegevens heeft; dat is geen geheimhouding.",
      "Het meest onderdrukt is de tabel ‘Signalen’ (k = 10): 80,0% van de cellen.",
      "15 tellingen van wijken en buurten zijn afgerond op vijftallen."
    ]);
  });

  it("says nothing was suppressed when nothing was", () => {
    const schoon: Rapport = {
      ...ZWAAR,
      afronding: false,
      tabellen: [tabel({id: "inwoners", soort: "publiek", cellen: 4, gepubliceerd: 4})]
    };
    expect(onderdrukkingZinnen(schoon)).toEqual([
      "Deze site publiceert 1 tabel met samen 4 cellen. Daarvan hebben er 4 (100,0%) een waarde en is er geen enkele leeg.",
      "Geen enkele telling hoefde te worden onderdrukt."
    ]);
  });

  it("gives a table row per catalogue table and a totals row equal to the totals", () => {
    const {rijen, totaal} = onderdrukkingTabel(ZWAAR);
    expect(rijen.map((r) => r[0])).toEqual(["Signalen", "Signalen per 1.000 inwoners"]);
    expect(totaal).toEqual(["Totaal", 200, 38, 70, 10, 80, 2]);
    for (let i = 1; i < 7; i++) expect(rijen.reduce((s, r) => s + (r[i] as number), 0)).toBe(totaal[i]);
  });
});

describe("verliesZinnen", () => {
  it("states the information loss and the key totals, and what was withheld or had to go", () => {
    // 10 secondary cells of the 30 counted cells that were not primary: 33,3%.
    const r: Rapport = {
      ...ZWAAR,
      informatieverlies: {
        extraOnderdrukt: 10,
        publiceerbaar: 30,
        aandeel: 0.3333,
        kerntotalen: 12,
        kerntotalenVerborgen: 0
      }
    };
    expect(verliesZinnen(r)).toEqual([
      "Het informatieverlies van deze bouw: 10 cellen zijn extra onderdrukt om kleine tellingen te beschermen, 33,3% van de 30 tellingen die op zichzelf gepubliceerd hadden kunnen worden.",
      "De totalen van de regio en van elke gemeente (alle vestigingen, alle signalen) staan er steeds in als ze de drempel halen: 12 totalen."
    ]);
    const zwaar: Rapport = {
      ...r,
      informatieverlies: {...r.informatieverlies!, kerntotalenVerborgen: 1},
      achtergehouden: [
        {
          tabel: "starters",
          bovenliggend: "RG",
          branche: "alle",
          categorie: null,
          jaar: 2021,
          cellen: 2,
          reden: "x"
        },
        {
          tabel: "starters",
          bovenliggend: "RG",
          branche: "alle",
          categorie: null,
          jaar: 2022,
          cellen: 1,
          reden: "y"
        }
      ]
    };
    expect(verliesZinnen(zwaar).slice(1)).toEqual([
      "Van de 12 totalen van de regio en de gemeenten die de drempel halen, moest er één toch worden onderdrukt, omdat een kleiner totaal er anders exact uit terug te rekenen was.",
      "3 cellen zijn alleen één niveau grover gepubliceerd (in het totaal erboven), omdat ze op geen andere manier te beschermen waren; het openbaarmakingsrapport noemt ze."
    ]);
    // An older report without the figures: no sentences.
    expect(verliesZinnen(ZWAAR)).toEqual([]);
  });
});

describe("auditZinnen and drempelZin", () => {
  it("tells the audit with its groups, computations and repair rounds", () => {
    expect(auditZinnen(ZWAAR)).toEqual([
      "Voor elk van de 80 onderdrukte cellen is met lineaire programmering uitgerekend binnen welke grenzen de waarde nog kan liggen, gegeven alle gepubliceerde totalen. Bij geen enkele cel komen die grenzen zo dicht bij elkaar dat de waarde te raden is: de controle is geslaagd.",
      "De onderdrukte cellen vallen uiteen in 3 groepen die via totalen met elkaar samenhangen; daarvoor waren 41 berekeningen nodig. Eén keer vond de controle een te smalle ruimte, en onderdrukte de poort daarom extra cellen voordat alles slaagde."
    ]);
  });

  it("says so when the audit failed, naming the table", () => {
    const mislukt: Rapport = {
      ...ZWAAR,
      tabellen: [{...ZWAAR.tabellen[0]!, audit: {gecontroleerd: 80, geslaagd: false, kleinsteBreedte: 0}}]
    };
    expect(auditZinnen(mislukt)[0]).toBe(
      "De controle is niet geslaagd voor ‘Signalen’: deze site had niet gebouwd mogen worden. Neem contact op met de beheerder."
    );
    expect(auditZinnen({...ZWAAR, audit: {geslaagd: false, gecontroleerd: 0}})[0]).toContain("niet geslaagd");
  });

  it("has nothing to audit when nothing was suppressed", () => {
    expect(auditZinnen({...ZWAAR, audit: {geslaagd: true, gecontroleerd: 0}})).toEqual([
      "Er waren geen onderdrukte cellen om te controleren."
    ]);
  });

  it("states the thresholds and whether counts were rounded", () => {
    expect(drempelZin(ZWAAR)).toBe(
      "Een telling wordt niet gepubliceerd als ze gaat over personen minder dan 10, signalen minder dan 10 en vestigingen minder dan 5 (een nul mag wel). Na de controle zijn tellingen van wijken en buurten afgerond op vijftallen; van geen enkele cel staat ook een onafgeronde versie op de site."
    );
  });
});

describe("kwaliteitView", () => {
  const q: Kwaliteit = {
    isDemo: false,
    jaren: {first: 2019, last: 2024},
    bestanden: [
      {
        bestand: "vestigingen.csv",
        gelezen: 100,
        geaccepteerd: 90,
        afgewezen: {"onbekende SBI-code": 7, "ongeldige datum": 3}
      },
      {bestand: "signalen.csv", gelezen: 20, geaccepteerd: 15, afgewezen: {"ongeldige datum": 5}},
      {bestand: "kerncijfers/kwb-2024.json", gelezen: 10, geaccepteerd: 10, afgewezen: {}}
    ]
  };

  it("counts rejected rows per file and per reason", () => {
    const v = kwaliteitView(q);
    expect(v.totaal).toBe(15);
    expect(v.rijen[0]!.redenen).toBe("onbekende SBI-code: 7; ongeldige datum: 3");
    expect(v.redenen).toEqual([
      {reden: "ongeldige datum", aantal: 8},
      {reden: "onbekende SBI-code", aantal: 7}
    ]);
    expect(v.zinnen).toEqual([
      "Van de 130 gelezen regels uit 3 bestanden zijn er 15 afgewezen (11,5%), in vestigingen.csv en signalen.csv. Afgewezen regels tellen nergens mee.",
      "Per reden: ongeldige datum 8 en onbekende SBI-code 7."
    ]);
    expect(v.jaren).toBe("De gegevens lopen van 2019 tot en met 2024.");
  });

  it("says all rows were accepted when none was rejected", () => {
    const v = kwaliteitView({...q, bestanden: [q.bestanden[2]!]});
    expect(v.zinnen).toEqual(["Alle 10 gelezen regels uit 1 bestand zijn geaccepteerd."]);
  });

  it("lists the sources with their year and the indicators on them, and the catalogue's missing sources", () => {
    const indicatoren = [
      {id: "a", bronbestanden: ["vestigingen.csv", "kerncijfers/*"]},
      {id: "b", bronbestanden: ["panden.csv"]}
    ] as CatalogusIndicator[];
    const b = bronnenView(q, indicatoren);
    expect(b.rijen.map((r) => [r.bestand, r.jaar, r.indicatoren])).toEqual([
      ["vestigingen.csv", "", 1],
      ["signalen.csv", "", 0],
      ["kerncijfers/kwb-2024.json", "2024", 1]
    ]);
    expect(b.rijen[2]!.omschrijving).toBe("CBS Kerncijfers wijken en buurten");
    expect(b.ontbrekend).toEqual(["panden.csv"]);
    expect(b.zinnen[1]).toBe(
      "Eén bron uit de catalogus ontbreekt in deze bronmap (panden.csv); indicatoren die alleen daarop rusten, blijven leeg."
    );
    expect(bronPast("kerncijfers/*", "kerncijfers/kwb-2015.csv")).toBe(true);
    expect(bronPast("vestigingen.csv", "vestigingen.csv.bak")).toBe(false);
  });
});

describe("the demo build", () => {
  it("computes the suppression sentences from the report, without the page copies", () => {
    const r = rapportVan(read("openbaarmaking.json"));
    const tabellen = catalogusTabellen(r);
    expect(tabellen.length).toBeLessThan(r.tabellen.length);
    const t = onderdrukkingTotalen(r);
    expect(t.gepubliceerd + t.primair + t.secundair + t.afgeleid + t.geenData).toBe(t.cellen);
    // The report's own totals of primary and secondary suppression agree with the tables.
    expect(t.primair).toBe(r.totaal.onderdruktPrimair);
    expect(t.secundair).toBe(r.totaal.onderdruktSecundair);
    const zinnen = onderdrukkingZinnen(r);
    expect(zinnen[0]).toContain(
      `${tabellen.length} tabellen met samen ${t.cellen.toLocaleString("nl-NL")} cellen`
    );
    expect(zinnen[1]).toContain(`${t.primair.toLocaleString("nl-NL")} omdat ze zelf onder de drempel liggen`);
    expect(auditZinnen(r)[0]).toContain("de controle is geslaagd");
    expect(drempelZin(r)).toContain("vestigingen minder dan 5");
  });

  it("writes each indicator's line with single full stops, and no formula that repeats the definition", () => {
    const indicatoren = indicatorenVan(read("catalogus.json"));
    const regels = indicatoren.map((i) => kenmerkenRegel(i));
    for (const r of regels) {
      expect(r).not.toMatch(/\.\s*\./);
      expect(r).toMatch(/Eenheid: .+\. Richting: .+\. Niveaus: .+\. Jaren: .+\.$/);
    }
    // A ratio always shows its formula; a count whose formula is its definition does not.
    const ratio = indicatoren.find((i) => i.formule.noemer)!;
    expect(kenmerkenRegel(ratio)).toMatch(/^Formule: .+ gedeeld door /);
    const herhaling = indicatoren.find(
      (i) => !i.formule.noemer && i.formule.teller.replace(/\.$/, "") === i.definitie.replace(/\.$/, "")
    );
    if (herhaling) expect(kenmerkenRegel(herhaling)).not.toContain("Formule:");
    for (const i of indicatoren.filter((x) => x.formule.noemer))
      expect(kenmerkenRegel(i)).toMatch(/^Formule: /);
  });

  it("reports every input file, and the rejected rows of the demo's planted errors", () => {
    const q = kwaliteitVan(read("openbaarmaking.json"));
    const v = kwaliteitView(q);
    expect(v.rijen.length).toBe(q.bestanden.length);
    const afgewezen = q.bestanden.reduce(
      (s, b) => s + Object.values(b.afgewezen).reduce((x, n) => x + n, 0),
      0
    );
    expect(v.totaal).toBe(afgewezen);
    for (const b of q.bestanden)
      expect(b.geaccepteerd + v.rijen.find((r) => r.bestand === b.bestand)!.afgewezen).toBe(b.gelezen);
    const bronnen = bronnenView(q, indicatorenVan(read("catalogus.json")));
    expect(bronnen.rijen.find((r) => r.bestand === "vestigingen.csv")!.indicatoren).toBeGreaterThan(0);
    expect(bronnen.rijen.every((r) => r.omschrijving !== "")).toBe(true);
  });

  it("documents the branches with SBI codes and the resilience components from the catalogue", () => {
    const catalogus = read("catalogus.json");
    const groepen = branchesVan(catalogus);
    expect(groepen.length).toBeGreaterThan(0);
    // Fastfood in both classifications, as in data-loaders/sources/risicobranches.json.
    expect(
      brancheRijen(groepen)
        .find((r) => r[0]!.startsWith("Fastfood"))!
        .slice(1, 3)
    ).toEqual(["56.10.2", "56.11.2, 56.12"]);
    expect(brancheRijen(groepen).find((r) => r[0]!.startsWith("Vastgoed"))![1]).toBe(
      "68; niet 68.20.1, 68.20.2"
    );
    expect(brancheZin(groepen)).toContain("standaardlijst");
    const overwogen = overwogenRijen(overwogenVan(catalogus));
    expect(overwogen.find((r) => r[1] === "47.11")?.[3]).toBe("niet opgenomen");
    expect(overwogen.every((r) => r[4] !== "")).toBe(true);
    expect(brancheZin(groepen)).toContain(`${groepen.length} risicobranches`);
    const {componenten, methode} = componentenVan(catalogus);
    expect(componentRijen(componenten).length).toBe(componenten.length);
    expect(methode.length).toBeGreaterThan(0);
    // The index's definition on the page: coverage rule, standardisation, shrinkage, weights and
    // sources (issue 15), each in the published method sentences.
    const tekst = methode.join(" ");
    for (const deel of [
      "minstens 50 inwoners",
      "(waarde - mediaan) / (interkwartielafstand / 1,349)",
      "begrensd op -3 en 3",
      "(signalen buurt + 1.000 × signalen wijk / inwoners wijk) / (inwoners buurt + 1.000) × 1.000",
      "tempo van haar wijk",
      "2 × signalencomponent",
      "Bronnen: de kerncijfercomponenten komen uit CBS Kerncijfers wijken en buurten",
      "'Wmo-cliënten relatief'",
      "'Percentage jongeren met jeugdzorg'",
      "samen met ondermijning zonder die te veroorzaken"
    ])
      expect(tekst).toContain(deel);
    // Density and corporation share: published with weight 0 and the reason in the table.
    const rijen = componentRijen(componenten);
    for (const naam of ["Bevolkingsdichtheid", "Woningen van een corporatie (%)"]) {
      const rij = rijen.find((r) => r[0] === naam)!;
      expect(rij[2]).toBe("0");
      expect(rij[3]).toMatch(/^Standaard niet meegewogen/);
    }
    const profielen = brancheProfielen(groepen);
    expect(profielen.length).toBeGreaterThan(0);
    expect(profielen[0]!.tekst).toContain("Bronnen: ");
    expect(brancheZin([])).toBe("Deze bronmap definieert geen risicobranches.");
  });

  it("filters the indicator list by a search text within their themes", () => {
    const indicatoren = indicatorenVan(read("catalogus.json"));
    const alle = themaGroepen(indicatoren);
    expect(alle.reduce((s, g) => s + g.indicatoren.length, 0)).toBe(indicatoren.length);
    const zorg = themaGroepen(indicatoren, "ZORG");
    const ids = zorg.flatMap((g) => g.indicatoren.map((i) => i.id));
    expect(ids).toContain("zorg-met-vastgoed");
    expect(ids.length).toBeLessThan(indicatoren.length);
    expect(themaGroepen(indicatoren, "xyzzy-bestaat-niet")).toEqual([]);
    expect(zoekZin(52, 52, "")).toBe("Alle 52 indicatoren.");
    expect(zoekZin(52, 3, " zorg ")).toBe("3 van de 52 indicatoren gevonden voor ‘zorg’.");
    expect(zoekZin(52, 0, "xyz")).toBe("Geen indicator gevonden voor ‘xyz’.");
  });

  it("names the threshold of each counted indicator", () => {
    const r = rapportVan(read("openbaarmaking.json"));
    const i = indicatorenVan(read("catalogus.json")).find((x) => x.id === "vestigingen")!;
    expect(openbaarheidTekst(i, r)).toBe("telling van vestigingen (gepubliceerd vanaf 5, of nul)");
  });
});

describe("what the kerncijfers gave, and on which year each component rests", () => {
  it("shows per kerncijfers file of the demo each variable with its CBS key, title and unit, or its absence", () => {
    const q = kwaliteitVan(read("openbaarmaking.json"));
    const tabellen = kerncijferTabellen(q);
    expect(tabellen.length).toBe(11);
    const t2020 = tabellen.find(
      (t) => t.caption === "Kerncijfers 2020: Kerncijfers wijken en buurten 2020 (84799NED)"
    )!;
    expect(t2020.zin).toBe("Betekenis van de kolommen: DataProperties van de tabel, naast het bestand.");
    const eenp = t2020.rijen.find((r) => r[0] === "eenpersoonshuishoudens (%)")!;
    expect(eenp.slice(1, 4)).toEqual(["Eenpersoonshuishoudens_29", "Eenpersoonshuishoudens", "aantal"]);
    expect(eenp[4]).toMatch(/^\d[\d.]* waarden, omgerekend: × 100 \/ HuishoudensTotaal_28$/);
    expect(t2020.rijen.find((r) => r[0] === "personen in armoede (%)")).toEqual([
      "personen in armoede (%)",
      "-",
      "niet in deze tabel",
      "-",
      "-"
    ]);
    // No file names are published: files are named by year and CBS table; and no exact date
    // (table versions as month and year), which the exposure scan could take for a record's.
    expect(JSON.stringify(q.kerncijfers)).not.toMatch(/kwb-20\d\d/);
    expect(JSON.stringify(q.kerncijfers)).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{2}-\d{2}-\d{4}/);
    expect(t2020.caption).toBe("Kerncijfers 2020: Kerncijfers wijken en buurten 2020 (84799NED)");
  });

  it("gives every public component and published year its source year or the reason it is missing", () => {
    const {componenten, jaren} = componentenVan(read("catalogus.json"));
    const v = componentJarenView(componenten, jaren);
    expect(v.kolommen).toEqual(["Component", ...Array.from({length: 11}, (_, i) => String(2015 + i))]);
    const rij = (naam: string) => v.rijen.find((r) => r[0] === naam)!;
    // The demo has no income in 2025 (CBS publishes it later): 2025 rests on 2024.
    expect(rij("Gemiddeld inkomen per inwoner").at(-1)).toBe("2024");
    expect(rij("Huishoudens met een laag inkomen (%)").slice(-2)).toEqual(["-", "-"]);
    expect(v.zinnen).toEqual([
      "Huishoudens met een laag inkomen (%) ontbreekt in 2024-2025 (vervangen door personen in armoede).",
      "Personen in armoede (%) ontbreekt in 2015-2023 (niet in de tabel).",
      "Wmo-cliënten per 1.000 inwoners ontbreekt in 2015-2018 (niet in de tabel).",
      "Jongeren met jeugdzorg (%) ontbreekt in 2015-2018 (niet in de tabel)."
    ]);
    expect(jaarReeksen([2020, 2015, 2016, 2017, 2022, 2023])).toBe("2015-2017, 2020 en 2022-2023");
  });

  it("says so for a bronmap without kerncijfers", () => {
    expect(kerncijferTabellen({isDemo: false, jaren: null, bestanden: []})).toEqual([]);
    expect(componentJarenView([], [])).toEqual({kolommen: ["Component"], rijen: [], zinnen: []});
  });
});
