/**
 * Methode and open data: the sentences and tables from the disclosure and data-quality reports
 * of the demo build, and of a hand-made report with heavy suppression and rejected rows.
 */
import {readFileSync} from "node:fs";
import {beforeAll, describe, expect, it} from "vitest";
import {OPEN_DATA_COLUMNS} from "../../data-loaders/disclosure/gate.ts";
import {getPipelineResult, type PipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import type {Bundle} from "../../src/lib/contracts.ts";
import {
  OPEN_DATA_KOLOMMEN,
  auditZin,
  catalogusTabellen,
  drempelZin,
  indicatorenVan,
  kwaliteitView,
  onderdrukkingZinnen,
  rapportVan,
  kwaliteitVan,
  tabelRijen,
  themaGroepen,
  type Kwaliteit,
  type Rapport
} from "../../src/lib/pages/methode.ts";

let result: PipelineResult;
const read = (name: string): Bundle => JSON.parse(readFileSync(result.file(name), "utf-8")) as Bundle;

beforeAll(async () => {
  result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
}, 300_000);

const RAPPORT: Rapport = {
  drempels: {personen: 10, signalen: 10, vestigingen: 5},
  afronding: true,
  tabellen: [
    {
      id: "signalen",
      titel: "Signalen",
      soort: "telling",
      eenheid: "aantal",
      drempel: "k = 10",
      cellen: 100,
      gepubliceerd: 20,
      onderdruktPrimair: 70,
      onderdruktSecundair: 10,
      afgerond: 15
    },
    {
      id: "briefing-gm0001-signalen",
      titel: "Signalen",
      soort: "afgeleid",
      eenheid: "aantal",
      drempel: "",
      cellen: 50,
      gepubliceerd: 10,
      onderdruktPrimair: 0,
      onderdruktSecundair: 0,
      onderdruktAfgeleid: 40,
      afgerond: 0
    }
  ],
  totaal: {cellen: 150, gepubliceerd: 30, onderdruktPrimair: 70, onderdruktSecundair: 10, afgerond: 15},
  audit: {geslaagd: true, gecontroleerd: 80}
};

describe("methode and open data", () => {
  it("documents exactly the columns of the open-data files", () => {
    expect(OPEN_DATA_KOLOMMEN.map((k) => k.kolom)).toEqual([...OPEN_DATA_COLUMNS]);
  });

  it("computes the demo build's suppression sentences from the report, without the page copies", () => {
    const r = rapportVan(read("openbaarmaking.json"));
    const tabellen = catalogusTabellen(r);
    expect(tabellen.length).toBeLessThan(r.tabellen.length);
    const zinnen = onderdrukkingZinnen(r);
    expect(zinnen[0]).toContain(`${tabellen.length} tabellen`);
    expect(zinnen[1]).toContain(r.totaal.onderdruktPrimair.toLocaleString("nl-NL"));
    expect(auditZin(r)).toContain("de controle is geslaagd");
    expect(drempelZin(r)).toContain("vestigingen minder dan 5");
    expect(tabelRijen(r).map((t) => t.id)).toEqual(tabellen.map((t) => t.id));
  });

  it("reports a heavily suppressed build and rejected rows honestly", () => {
    const zinnen = onderdrukkingZinnen(RAPPORT);
    expect(zinnen[0]).toBe(
      "Deze build publiceerde 1 tabel met samen 100 cellen; daarvan zijn er 20 met een waarde gepubliceerd."
    );
    expect(zinnen[1]).toContain("80 tellingen (80,0% van alle cellen) zijn onderdrukt");
    expect(zinnen.join(" ")).toContain("‘Signalen’: 80,0% van de cellen");
    expect(zinnen.at(-1)).toContain("15 tellingen van wijken en buurten zijn afgerond");
    expect(auditZin({...RAPPORT, audit: {geslaagd: false, gecontroleerd: 80}})).toContain("niet geslaagd");
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
        {bestand: "signalen.csv", gelezen: 10, geaccepteerd: 10, afgewezen: {}}
      ]
    };
    const v = kwaliteitView(q);
    expect(v.totaal).toBe(10);
    expect(v.zin).toContain("zijn er 10 afgewezen, in vestigingen.csv");
    expect(v.rijen[0]!.redenen).toBe("onbekende SBI-code: 7; ongeldige datum: 3");
    expect(v.jaren).toBe("De gegevens lopen van 2019 tot en met 2024.");
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
    expect(kwaliteitView(kwaliteitVan(read("openbaarmaking.json"))).zin).toMatch(/afgewezen|geaccepteerd/);
  });
});
