/**
 * The overview's view model on the demo region, on an overview whose every cell is suppressed,
 * and on a region of a single gemeente.
 */
import {readFileSync} from "node:fs";
import {beforeAll, describe, expect, it} from "vitest";
import {getPipelineResult, type PipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import type {Bundle, Table} from "../../src/lib/contracts.ts";
import {openingZin, overzichtView} from "../../src/lib/pages/overzicht.ts";
import {regioInfo, type RegioInfo} from "../../src/lib/pages/story.ts";
import {readPublished} from "../published-file.ts";

let result: PipelineResult;
const read = (name: string): Bundle => readPublished(result, name) as Bundle;

beforeAll(async () => {
  result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
}, 300_000);

describe("overview", () => {
  it("tells the three stories of the demo region with published region figures and rankings", () => {
    const info = regioInfo(read("regio.json"));
    const view = overzichtView(read("overzicht.json"), info);
    expect(view.verhalen.map((v) => v.id)).toEqual(["risicobranches", "risicolocaties", "weerbare-wijken"]);
    expect(view.gemeenten).toHaveLength(info.gemeenten.length);
    expect(view.dichtheid).toHaveLength(info.gemeenten.length);
    const dichtheid = view.verhalen[0]!.kaartjes[0]!.cell!;
    expect(dichtheid.gebiedcode).toBe(info.regio.code);
    expect(dichtheid.jaar).toBe(view.jaar);
    expect(openingZin(view)).toContain(
      dichtheid.waarde!.toLocaleString("nl-NL", {minimumFractionDigits: 1, maximumFractionDigits: 1})
    );
    // The ranking sentence names the gemeente with the highest published density.
    const top = view.dichtheid
      .filter((d) => d.cell?.waarde != null)
      .sort((a, b) => b.cell!.waarde! - a.cell!.waarde!)[0]!;
    expect(view.verhalen[0]!.zinnen[0]).toContain(`het hoogst in ${top.naam}`);
  });

  it("names every card by its catalogue title and unit, through the published table", () => {
    const info = regioInfo(read("regio.json"));
    const bundle = read("overzicht.json");
    // Catalogue titles (catalogue.ts) with the unit in words (texts.ts EENHEID_LABELS; none for
    // counts, none where the title says it); the branch after a comma where the table holds
    // several (vestigingen-per-1000 and groei-5-jaar hold risico and alle in overzicht.json).
    expect(overzichtView(bundle, info).verhalen.map((v) => v.kaartjes.map((k) => k.label))).toEqual([
      [
        "Vestigingen per 1.000 inwoners, alle risicobranches",
        "Groei ten opzichte van vijf jaar eerder (%), alle risicobranches",
        "Verloop (starts en stops per 100 vestigingen), alle risicobranches",
        "Zorgaanbieders met woningen per 100 zorgaanbieders (%)"
      ],
      [
        "Aandeel risicobranches in het buitengebied (%)",
        "Aandeel risicobranches in de kernen (%)",
        "Aandeel leegstaande agrarische gebouwen (%)"
      ],
      ["Signalen per 1.000 inwoners", "Signalen, index (eerste jaar = 100)"]
    ]);
    // A changed catalogue title and unit reach the card.
    const copy = structuredClone(bundle);
    const t = copy.onderdelen["panden-leeg-aandeel"] as Table;
    t.titel = "Leegstand agrarisch";
    t.eenheid = "per-1000";
    const kaart = overzichtView(copy, info).verhalen[1]!.kaartjes[2]!;
    expect(kaart.label).toBe("Leegstand agrarisch (per 1.000 inwoners)");
    expect(kaart.eenheid).toBe("per-1000");
  });

  it("shows the region's counts exactly as the count tables publish them", () => {
    const info = regioInfo(read("regio.json"));
    const view = overzichtView(read("overzicht.json"), info);
    const r = info.regio.code;
    const published = (file: string, id: string, branche: string | null) =>
      (read(file).onderdelen[id] as Table).cellen.find(
        (c) => c.gebiedcode === r && c.jaar === view.jaar && (c.branche ?? null) === branche
      );
    const bronnen: Array<[string, string, string | null]> = [
      ["weerbaarheid.json", "inwoners", null],
      ["risicobranches.json", "vestigingen", "risico"],
      ["weerbaarheid.json", "signalen", null]
    ];
    expect(view.oogopslag.map((f) => f.label)).toEqual([
      "Inwoners",
      "Vestigingen in risicobranches",
      "Signalen"
    ]);
    bronnen.forEach(([file, id, branche], i) => {
      const bron = published(file, id, branche)!;
      expect(view.oogopslag[i]!.cell?.waarde).toBe(bron.waarde);
      expect(view.oogopslag[i]!.cell?.status).toBe(bron.status);
    });
    const fmt = (v: number) => v.toLocaleString("nl-NL", {maximumFractionDigits: 0});
    const inwoners = view.oogopslag[0]!.cell!.waarde!;
    expect(view.oogopslagZin).toContain(
      `In ${view.jaar} telde ${info.regio.naam} (${info.gemeenten.length} gemeenten)`
    );
    expect(view.oogopslagZin).toContain(`${fmt(inwoners)} inwoners`);
    for (const f of view.oogopslag.slice(1))
      expect(view.oogopslagZin).toContain(
        f.cell?.waarde != null ? fmt(f.cell.waarde) : `het aantal ${f.label.toLowerCase()} is onderdrukt`
      );
  });

  it("says on a card why it shows no change against last year", () => {
    const bundle = structuredClone(read("overzicht.json"));
    const info = regioInfo(read("regio.json"));
    const jaar = overzichtView(bundle, info).jaar;
    for (const c of (bundle.onderdelen.vestigingen as Table).cellen)
      if (c.jaar === jaar - 1) Object.assign(c, {waarde: null, status: "onderdrukt"});
    (bundle.onderdelen.inwoners as Table).cellen = (bundle.onderdelen.inwoners as Table).cellen.filter(
      (c) => c.jaar === jaar
    );
    const [inwoners, vestigingen] = overzichtView(bundle, info).oogopslag;
    expect(vestigingen!.verandering).toBeNull();
    expect(vestigingen!.toelichting).toBe(
      `Verandering t.o.v. ${jaar - 1} niet te tonen: het cijfer van ${jaar - 1} is onderdrukt.`
    );
    expect(inwoners!.toelichting).toBe(
      `Verandering t.o.v. ${jaar - 1} niet te tonen: geen cijfer voor ${jaar - 1}.`
    );
  });

  it("names a suppressed count as suppressed and a missing one as unknown", () => {
    const bundle = structuredClone(read("overzicht.json"));
    for (const c of (bundle.onderdelen.signalen as Table).cellen) {
      c.waarde = null;
      c.status = "onderdrukt";
    }
    delete bundle.onderdelen.inwoners;
    const view = overzichtView(bundle, regioInfo(read("regio.json")));
    expect(view.oogopslag[0]!.cell).toBeUndefined();
    expect(view.oogopslagZin).toMatch(/vestigingen in risicobranches\. /);
    expect(view.oogopslagZin).toContain(
      "Het aantal inwoners is niet bekend en het aantal signalen is onderdrukt."
    );
  });

  it("says so when everything is suppressed, and never shows a number", () => {
    const bundle = structuredClone(read("overzicht.json"));
    for (const part of Object.values(bundle.onderdelen))
      for (const c of (part as Table).cellen ?? []) {
        c.waarde = null;
        c.status = "onderdrukt";
      }
    const view = overzichtView(bundle, regioInfo(read("regio.json")));
    expect(openingZin(view)).toContain("niet te tonen: het is onderdrukt");
    expect(view.oogopslagZin).toMatch(/^Voor .* zijn in \d{4} geen aantallen te tonen\.$/);
    // No count of the region, only the number of gemeenten and the year.
    expect(view.oogopslagZin.replace(/\(\d+ gemeenten\)/, "").replace(/\d{4}/, "")).not.toMatch(/\d/);
    for (const f of view.oogopslag) expect(f.verandering).toBeNull();
    for (const v of view.verhalen)
      for (const z of v.zinnen.slice(0, 1)) expect(z).toMatch(/(Voor geen enkele gemeente|niet te tonen)/);
    expect(view.dichtheidRegio).toBeNull();
  });

  it("drops only the cards and sentences of a missing register and names its file", () => {
    // The demo's own registers, with signalen.csv and panden.csv missing from the bronmap.
    const info = regioInfo(read("regio.json"));
    const bronnen = {
      eigen: {vestigingen: true, eigendommen: true, panden: false, signalen: false},
      openbaar: {kerncijfers: true, politie: false, referentie: false, bedrijventerreinen: false},
      herkomst: []
    };
    const view = overzichtView(read("overzicht.json"), {...info, bronnen} as RegioInfo);
    const [branches, locaties, wijken] = view.verhalen;
    // Risicobranches rests on vestigingen and eigendommen only: all four cards stay.
    expect(branches!.kaartjes).toHaveLength(4);
    expect(branches!.zinnen.join(" ")).not.toContain("ontbreekt");
    // Risicolocaties keeps its two share cards, loses the vacancy card and its ranking.
    expect(locaties!.kaartjes.map((k) => k.label)).toEqual([
      "Aandeel risicobranches in het buitengebied (%)",
      "Aandeel risicobranches in de kernen (%)"
    ]);
    expect(locaties!.zinnen.join(" ")).not.toContain("leegstaande agrarische gebouwen");
    expect(locaties!.zinnen.at(-1)).toBe(
      "Een deel van dit verhaal vraagt om de agrarische gebouwen met hun leegstand (panden.csv); dat bestand ontbreekt in deze bronmap, dus die cijfers staan hier niet."
    );
    // Weerbare wijken: no signal card, its ranking gone, the structural sentence kept.
    expect(wijken!.kaartjes).toEqual([]);
    expect(wijken!.zinnen[0]).toMatch(/^Welke buurten kwetsbaar zijn/);
    expect(wijken!.zinnen.at(-1)).toContain("de eigen signalenregistratie (signalen.csv)");
    // The glance names only the counts whose register is there.
    expect(view.oogopslag.map((k) => k.label)).toEqual(["Inwoners", "Vestigingen in risicobranches"]);
    expect(openingZin(view)).toMatch(/^Per 1\.000 inwoners telde/);
    // Without the establishment register the opening says so instead of a density.
    const zonder = overzichtView(read("overzicht.json"), {
      ...info,
      bronnen: {...bronnen, eigen: {...bronnen.eigen, vestigingen: false, signalen: true}}
    } as RegioInfo);
    expect(openingZin(zonder)).toContain("heeft geen vestigingenregister");
    expect(zonder.verhalen[0]!.kaartjes).toEqual([]);
    expect(zonder.verhalen[2]!.kaartjes).toHaveLength(2);
  });

  it("works for a region of one gemeente", () => {
    const info = regioInfo(read("regio.json"));
    const one = {...info, gemeenten: info.gemeenten.slice(0, 1)};
    const view = overzichtView(read("overzicht.json"), one);
    expect(view.gemeenten).toHaveLength(1);
    expect(view.oogopslagZin).toContain("(1 gemeente)");
    expect(view.verhalen[0]!.zinnen[0]).toMatch(/^Alleen voor|Voor geen enkele/);
  });
});
