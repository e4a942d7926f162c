/**
 * Open data: the documented columns equal the gate's, every published table is listed with its
 * catalogue metadata, a table's CSV made from a page bundle has the same rows as cijfers.csv,
 * and the auditor's steps follow the report (demo build and a hand-made heavy one).
 */
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {OPEN_DATA_COLUMNS} from "../../data-loaders/disclosure/gate.ts";
import {getPipelineResult, type PipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import type {Bundle, Table} from "../../src/lib/contracts.ts";
import {tableToCsv} from "../../src/lib/export.ts";
import {catalogusTabellen, indicatorenVan, rapportVan, type Rapport} from "../../src/lib/pages/methode.ts";
import {
  BUNDELS,
  OPEN_BESTANDEN,
  OPEN_DATA_KOLOMMEN,
  auditStappen,
  bundelVolgorde,
  dimensieTekst,
  downloadZin,
  gebiedsnamen,
  openDataZinnen,
  openTabelGroepen,
  openTabellen,
  tabelCellenZin,
  tabelKenmerken,
  tabelCsvData,
  tabelUitBundel
} from "../../src/lib/pages/open-data.ts";
import {readPublished} from "../published-file.ts";

let result: PipelineResult;
const read = (name: string): Bundle => readPublished(result, name) as Bundle;

beforeAll(async () => {
  result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
}, 300_000);

const ZWAAR: Rapport = {
  drempels: {signalen: 10},
  afronding: true,
  tabellen: [
    {
      id: "signalen",
      titel: "Signalen",
      soort: "telling",
      eenheid: "aantal",
      drempel: "k = 10",
      cellen: 10,
      gepubliceerd: 1,
      onderdruktPrimair: 6,
      onderdruktSecundair: 2,
      onderdruktAfgeleid: 0,
      afgerond: 1,
      geenData: 1,
      brancheHierarchie: {}
    },
    {
      id: "briefing-gm0001-signalen",
      titel: "Signalen",
      soort: "afgeleid",
      eenheid: "aantal",
      drempel: "",
      cellen: 5,
      gepubliceerd: 0,
      onderdruktPrimair: 0,
      onderdruktSecundair: 0,
      onderdruktAfgeleid: 5,
      afgerond: 0
    }
  ],
  koppelingen: ["signalen GM0001 2024 = som categorieën"],
  totaal: {cellen: 15, gepubliceerd: 1, onderdruktPrimair: 6, onderdruktSecundair: 2, afgerond: 1},
  audit: {geslaagd: true, gecontroleerd: 8}
};

describe("open data", () => {
  it("documents exactly the columns of the open-data files, at their stable relative paths", () => {
    expect(OPEN_DATA_KOLOMMEN.map((k) => k.kolom)).toEqual([...OPEN_DATA_COLUMNS]);
    expect(OPEN_BESTANDEN.map((b) => b.href)).toEqual([
      "./open-data/cijfers.csv",
      "./open-data/cijfers.json"
    ]);
  });

  it("counts the rows of the open files and their statuses for a heavily suppressed build", () => {
    expect(openDataZinnen(ZWAAR)[0]).toBe(
      "Beide bestanden hebben 10 rijen: één per cel van de 1 gepubliceerde tabel. 1 rij (10,0%) heeft een waarde; 8 hebben de status onderdrukt en 1 de status geen-data."
    );
    expect(openTabellen(ZWAAR, []).map((t) => [t.id, t.onderdrukt, t.dimensies])).toEqual([
      ["signalen", 8, ""]
    ]);
  });

  it("tells the auditor which relations this build has", () => {
    const stappen = auditStappen(ZWAAR);
    expect(stappen[0]).toContain("is dat 1 tabel met tellingen of bedragen");
    expect(stappen[3]).toBe("Deze site heeft geen branchegroepen die uit leden optellen.");
    expect(stappen[4]).toContain("de 1 koppeling tussen tabellen");
    expect(stappen.at(-1)).toContain("waarde − 2 ≤ x ≤ waarde + 2");
    expect(auditStappen({...ZWAAR, afronding: false, koppelingen: []}).at(-1)).toBe(
      "Op deze site is niets afgerond, dus elke gepubliceerde waarde is exact."
    );
  });

  it("lists every catalogue table of the demo report with its dimensions from the catalogue", () => {
    const r = rapportVan(read("openbaarmaking.json"));
    const indicatoren = indicatorenVan(read("catalogus.json"));
    const tabellen = openTabellen(r, indicatoren);
    expect(tabellen.map((t) => t.id)).toEqual(catalogusTabellen(r).map((t) => t.id));
    expect(tabellen.every((t) => t.dimensies.startsWith("gebied ("))).toBe(true);
    const v = tabellen.find((t) => t.id === "vestigingen")!;
    expect(v.dimensies).toContain("branche (");
    expect(v.bestandsnaam).toBe("vestigingen.csv");
    expect(v.dimensies).toBe("gebied (regio, gemeenten) × branche (14) × jaar");
    expect(tabelKenmerken(v)).toContain("Indicator vestigingen · eenheid aantal · gebied (regio, gemeenten)");
    expect(tabelCellenZin(v)).toBe(
      `${v.cellen.toLocaleString("nl-NL")} cellen: ${v.gepubliceerd.toLocaleString("nl-NL")} met een waarde, ${v.onderdrukt.toLocaleString("nl-NL")} onderdrukt en ${v.geenData.toLocaleString("nl-NL")} zonder gegevens.`
    );
    const groepen = openTabelGroepen(tabellen);
    expect(groepen.flatMap((g) => g.tabellen).length).toBe(tabellen.length);
    expect(groepen[0]!.thema).toBe("Risicobranches");
    expect(dimensieTekst(indicatoren.find((i) => i.id === "signalen-categorie"))).toMatch(
      /categorie \(\d+\)/
    );
    // The open file has exactly one row per cell of these tables.
    const csv = readFileSync(join(result.dir, "open-data", "cijfers.csv"), "utf-8")
      .split("\r\n")
      .filter(Boolean);
    expect(csv.length - 1).toBe(tabellen.reduce((s, t) => s + t.cellen, 0));
    expect(openDataZinnen(r)[0]).toContain(`${(csv.length - 1).toLocaleString("nl-NL")} rijen`);
  });

  it("finds every published table in a page bundle, its theme's bundle first", () => {
    const r = rapportVan(read("openbaarmaking.json"));
    const indicatoren = indicatorenVan(read("catalogus.json"));
    const bundels = new Map(BUNDELS.map((b) => [b, read(b)]));
    for (const t of catalogusTabellen(r)) {
      const thema = indicatoren.find((i) => i.id === t.id)?.thema;
      const gevonden = bundelVolgorde(thema)
        .map((b) => tabelUitBundel(bundels.get(b)!, t.id))
        .find((x): x is Table => x !== null);
      expect(gevonden, t.id).toBeDefined();
      expect(gevonden!.cellen.length, t.id).toBe(t.cellen);
    }
    expect(bundelVolgorde("trends")[0]).toBe("trends.json");
    expect(bundelVolgorde(undefined)).toEqual([...BUNDELS]);
  });

  it("makes a table's CSV with a BOM whose rows equal that table's rows in cijfers.csv", () => {
    const bundle = read("risicobranches.json");
    const tabel = tabelUitBundel(bundle, "vestigingen")!;
    const namen = gebiedsnamen(read("regio.json"), bundle);
    const tekst = tableToCsv(tabelCsvData(tabel, namen), "internationaal");
    expect(tekst.startsWith("\uFEFF")).toBe(true);
    const regels = tekst.slice(1).split("\r\n").filter(Boolean);
    expect(regels[0]).toBe([...OPEN_DATA_COLUMNS, "gebiednaam", "reden"].join(","));
    const open = readFileSync(join(result.dir, "open-data", "cijfers.csv"), "utf-8")
      .split("\r\n")
      .filter((l) => l.startsWith("vestigingen,"));
    const eerste9 = (l: string) => l.split(",").slice(0, 9).join(",");
    // The same rows; the page's file is ordered by area, branch and year (inTabelVolgorde),
    // since the page merges the table from parts per block and year.
    expect(regels.slice(1).map(eerste9).sort()).toEqual([...open].sort());
    expect(regels[1]!.split(",")[2]).toBe("RG-BRONMAP");
    // Suppressed cells carry their reason; published cells none.
    const onderdrukt = regels.find((l) => l.split(",")[7] === "onderdrukt")!;
    expect(onderdrukt.split(",")[10]).toMatch(/^onderdrukt/);
    expect(namen.get(tabel.cellen[0]!.gebiedcode)).toBeTruthy();
    expect(downloadZin({titel: "Vestigingen", bestandsnaam: "vestigingen.csv"}, regels.length - 1)).toBe(
      `vestigingen.csv is gedownload: ‘Vestigingen’, ${(regels.length - 1).toLocaleString("nl-NL")} rijen.`
    );
  });
});
