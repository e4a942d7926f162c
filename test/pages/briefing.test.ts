/**
 * The gemeente briefing's view model: on the demo region (every gemeente), on a briefing whose
 * every cell is suppressed (sentences say so and never show a number), and on a region of one
 * gemeente (no peers: the page says why).
 */
import {readFileSync} from "node:fs";
import {beforeAll, describe, expect, it} from "vitest";
import {getPipelineResult, type PipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import type {Bundle, Table} from "../../src/lib/contracts.ts";
import {BRIEFING_MATEN, briefingView} from "../../src/lib/pages/briefing.ts";
import {readPublished} from "../published-file.ts";

let result: PipelineResult;
const read = (name: string): Bundle => readPublished(result, name) as Bundle;
const REGIO = {code: "RG-BRONMAP", naam: "Voorbeeldregio"};

beforeAll(async () => {
  result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
}, 300_000);

/** A copy of a briefing with every cell of the gemeente and its wijken suppressed. */
function suppressAll(bundle: Bundle, code: string): Bundle {
  const copy = structuredClone(bundle);
  for (const part of Object.values(copy.onderdelen)) {
    if (!Array.isArray((part as Table).cellen)) continue;
    for (const c of (part as Table).cellen) {
      if (c.gebiedcode === code || c.bovenliggend === code) {
        c.waarde = null;
        c.status = "onderdrukt";
        c.reden = "onderdrukt: telling < 5";
      }
    }
  }
  return copy;
}

describe("gemeente briefing", () => {
  it("builds every gemeente's briefing of the demo region with all figures, against region and last year", () => {
    for (const g of result.manifest.gemeenten) {
      const view = briefingView(read(`gemeente/${g.code}.json`), REGIO);
      expect(view.naam).toBe(g.naam);
      // The demo region has every register, but no police figures or national reference.
      expect(view.figuren.map((f) => f.maat.id)).toEqual(
        BRIEFING_MATEN.filter((m) => !m.nodig?.some((n) => n === "politie" || n === "referentie")).map(
          (m) => m.id
        )
      );
      expect(view.vergelijkbaar.gemeenten).toHaveLength(5);
      expect(view.peerItems).toHaveLength(6);
      for (const f of view.figuren) {
        expect(f.jaar).toBe(view.jaar);
        // The first sentence compares with the region, the second with last year.
        if (f.eigen?.waarde != null) {
          expect(f.zinnen[0]).toMatch(/(hoger dan|lager dan|even hoog als|niet mogelijk)/);
          expect(f.zinnen[1]).toMatch(/(steeg|daalde|vrijwel gelijk|niet mogelijk|net als)/);
        } else {
          expect(f.zinnen[0]).toContain("niet te tonen");
        }
      }
      expect(view.samenvatting.at(-1)).toContain("geen bewijs");
    }
  });

  it("labels the change of a percentage on its card in procentpunt", () => {
    const view = briefingView(read("gemeente/GM9901.json"), REGIO);
    for (const f of view.figuren)
      expect(f.kaart.veranderingLabel).toBe(
        f.eenheid === "procent" ? `procentpunt t.o.v. ${view.jaar - 1}` : `t.o.v. ${view.jaar - 1}`
      );
  });

  it("takes each figure's name and unit from the catalogue, through its published table", () => {
    // Branch names as the page passes them (catalogue `branches` part).
    const namen = {risico: "Alle risicobranches"};
    const view = briefingView(read("gemeente/GM9901.json"), REGIO, namen);
    const label = (id: string) => view.figuren.find((f) => f.maat.id === id)!.label;
    // Catalogue titles (catalogue.ts) with the unit in words (texts.ts EENHEID_LABELS), and the
    // branch after a comma only where the table holds several branches (vestigingen-per-1000
    // holds every branch group; zorg-met-vastgoed-per-100 only "zorg").
    expect(label("dichtheid")).toBe("Vestigingen per 1.000 inwoners, alle risicobranches");
    expect(label("groei")).toBe("Groei risicobranches in vijf jaar (%)");
    expect(label("zorg")).toBe("Zorgaanbieders met woningen per 100 zorgaanbieders (%)");
    expect(label("signalen")).toBe("Signalen per 1.000 inwoners");
    // The heading above a figure's sentences: the same without the unit (the sentences state it).
    expect(view.figuren.find((f) => f.maat.id === "zorg")!.titel).toBe(
      "Zorgaanbieders met woningen per 100 zorgaanbieders"
    );
    expect(view.figuren.find((f) => f.maat.id === "dichtheid")!.titel).toBe(
      "Vestigingen per 1.000 inwoners, alle risicobranches"
    );
    expect(view.vergelijkMaat).toEqual({
      id: "dichtheid",
      label: "Vestigingen per 1.000 inwoners, alle risicobranches",
      eenheid: "per-1000"
    });
    // A changed catalogue title and unit reach the card and the heading of the figure.
    const bundle = structuredClone(read("gemeente/GM9901.json"));
    const t = bundle.onderdelen["vestigingen-per-1000"] as Table;
    t.titel = "Bedrijven per 1.000 inwoners";
    t.eenheid = "index";
    const f = briefingView(bundle, REGIO, namen).figuren.find((x) => x.maat.id === "dichtheid")!;
    expect(f.label).toBe("Bedrijven per 1.000 inwoners (index), alle risicobranches");
    expect(f.kaart.label).toBe(f.label);
    expect(f.titel).toBe("Bedrijven per 1.000 inwoners, alle risicobranches");
    expect(f.kaart.eenheid).toBe("index");
    // Growth and turnover have a short name (the printed briefing must fit two A4 pages): the
    // unit stays the catalogue's.
    const g = structuredClone(read("gemeente/GM9901.json"));
    (g.onderdelen["groei-5-jaar"] as Table).eenheid = "index";
    const groei = briefingView(g, REGIO, namen).figuren.find((x) => x.maat.id === "groei")!;
    expect(groei.kaart.label).toBe("Groei risicobranches in vijf jaar (index)");
    expect(groei.titel).toBe("Groei risicobranches in vijf jaar");
    // An index is no percentage: its change is not in percentage points.
    expect(groei.kaart.veranderingLabel).toBe(`t.o.v. ${groei.jaar - 1}`);
    expect(label("verloop")).toBe("Verloop risicobranches");
  });

  it("states the region comparison with the published numbers", () => {
    const view = briefingView(read("gemeente/GM9901.json"), REGIO);
    const dichtheid = view.figuren.find((f) => f.maat.id === "dichtheid")!;
    const eigen = dichtheid.eigen!.waarde!;
    const regio = dichtheid.regio!.waarde!;
    const fmt = (v: number) =>
      v.toLocaleString("nl-NL", {minimumFractionDigits: 1, maximumFractionDigits: 1});
    expect(dichtheid.zinnen[0]).toContain(fmt(eigen));
    expect(dichtheid.zinnen[0]).toContain(`(${fmt(regio)})`);
    expect(dichtheid.zinnen[0]).toContain(eigen > regio ? "hoger" : eigen < regio ? "lager" : "even hoog");
  });

  it("carries the published counts behind the figures, equal to the count tables", () => {
    // The count copies are the gate's published counts: the risk-branch establishments and the
    // inhabitants of the density, as the Risicobranches and Weerbare wijken files publish them.
    const rb = read("risicobranches.json");
    const vest = (rb.onderdelen.vestigingen as Table).cellen;
    for (const g of result.manifest.gemeenten) {
      const b = read(`gemeente/${g.code}.json`);
      const tellers = (b.onderdelen["vestigingen-per-1000/teller"] as Table).cellen;
      expect(tellers.length).toBeGreaterThan(0);
      for (const c of tellers) {
        const bron = vest.find(
          (v) => v.gebiedcode === c.gebiedcode && v.branche === c.branche && v.jaar === c.jaar
        );
        expect(bron, `${c.gebiedcode} ${c.branche} ${c.jaar}`).toBeDefined();
        expect(c.waarde).toBe(bron!.waarde);
        expect(c.status === "onderdrukt").toBe(bron!.status === "onderdrukt");
      }
      // Only the gemeente and the regio: no peer's or wijk's counts in its briefing.
      for (const [naam, part] of Object.entries(b.onderdelen))
        if (naam.includes("/"))
          for (const c of (part as Table).cellen) expect([g.code, REGIO.code]).toContain(c.gebiedcode);
    }
  });

  it("opens with exactly the figures whose difference with the region is larger than chance", () => {
    let duidelijk = 0;
    let nietDuidelijk = 0;
    for (const g of result.manifest.gemeenten) {
      const view = briefingView(read(`gemeente/${g.code}.json`), REGIO);
      const boven: string[] = [];
      const onder: string[] = [];
      for (const f of view.figuren) {
        if (f.maat.id === "lq" || !f.vergelijking) continue;
        // The interval decides, whatever the relative size of the difference.
        expect(f.vergelijking.oordeel === "niet-te-onderscheiden").toBe(
          f.vergelijking.maat === "verhouding"
            ? f.vergelijking.onder <= 1 && f.vergelijking.boven >= 1
            : f.vergelijking.onder <= 0 && f.vergelijking.boven >= 0
        );
        if (f.vergelijking.oordeel === "hoger") boven.push(f.maat.kort);
        else if (f.vergelijking.oordeel === "lager") onder.push(f.maat.kort);
        if (f.vergelijking.oordeel === "niet-te-onderscheiden") {
          nietDuidelijk++;
          // Equal shown values say so ("even hoog als"); otherwise the difference lies within chance.
          expect(f.zinnen[0], f.zinnen[0]).toMatch(/binnen de toevalsmarge|even hoog als/);
          expect(f.zinnen[0]).not.toContain("duidelijk");
        } else {
          duidelijk++;
          expect(f.zinnen[0]).toContain(`duidelijk ${f.vergelijking.oordeel}`);
        }
      }
      const [eerste, tweede] = view.samenvatting;
      for (const k of boven) expect(eerste).toContain(k);
      for (const f of view.figuren)
        if (!boven.includes(f.maat.kort) && f.maat.id !== "lq") expect(eerste).not.toContain(f.maat.kort);
      if (boven.length === 0) expect(eerste).toContain("op geen van de gepubliceerde cijfers");
      if (onder.length > 0) for (const k of onder) expect(tweede).toContain(k);
      else expect(tweede).not.toMatch(/^Duidelijk onder/);
      expect(view.samenvatting.join(" ")).not.toContain("10%");
    }
    // The demo region has both: differences larger than chance, and differences that are not.
    expect(duidelijk).toBeGreaterThan(0);
    expect(nietDuidelijk).toBeGreaterThan(0);
  });

  it("makes no claim of a clear difference when a count behind the figure is suppressed", () => {
    const bundle0 = read("gemeente/GM9902.json");
    const view0 = briefingView(bundle0, REGIO);
    const duidelijk = view0.figuren.find(
      (f) => f.vergelijking && f.vergelijking.oordeel !== "niet-te-onderscheiden"
    );
    expect(duidelijk).toBeDefined();
    const bundle = structuredClone(bundle0);
    for (const [naam, part] of Object.entries(bundle.onderdelen))
      if (
        naam === `${duidelijk!.maat.onderdeel}/teller` ||
        naam === `${duidelijk!.maat.onderdeel}/nu` ||
        naam === `${duidelijk!.maat.onderdeel}/starts`
      )
        for (const c of (part as Table).cellen)
          if (c.gebiedcode === "GM9902") {
            c.waarde = null;
            c.status = "onderdrukt";
          }
    const view = briefingView(bundle, REGIO);
    const f = view.figuren.find((x) => x.maat.id === duidelijk!.maat.id)!;
    expect(f.vergelijking).toBeNull();
    expect(f.zinnen[0]).not.toContain("duidelijk");
    expect(f.zinnen[0]).not.toContain("toeval");
    expect(view.samenvatting[0]).not.toContain(f.maat.kort);
  });

  it("names branches over-represented against the region with their LQ and count", () => {
    for (const g of result.manifest.gemeenten) {
      const view = briefingView(read(`gemeente/${g.code}.json`), REGIO);
      for (const b of [...view.branches.boven, ...view.branches.onder]) {
        expect(b.aantal).toBeGreaterThanOrEqual(10);
        expect(view.brancheZin).toContain(
          `(locatiequotiënt ${b.lq.toLocaleString("nl-NL", {minimumFractionDigits: 2, maximumFractionDigits: 2})}; ${b.aantal.toLocaleString("nl-NL")} vestigingen)`
        );
      }
      expect(view.brancheZin).not.toMatch(/1,25 of meer|0,8 of minder/);
    }
  });

  it("names exactly the suppressed figures in the opening when only some are suppressed", () => {
    const bundle = structuredClone(read("gemeente/GM9904.json"));
    const view0 = briefingView(bundle, REGIO);
    for (const id of ["zorg-met-vastgoed-per-100", "signalen-per-1000"])
      for (const c of (bundle.onderdelen[id] as Table).cellen)
        if (c.gebiedcode === "GM9904" && c.jaar === view0.jaar) {
          c.waarde = null;
          c.status = "onderdrukt";
          c.reden = "onderdrukt: afgeleid van onderdrukte cel";
        }
    const view = briefingView(bundle, REGIO);
    const verborgen = view.figuren.filter((f) => f.eigen?.status === "onderdrukt");
    expect(verborgen.map((f) => f.maat.id).sort()).toEqual(
      [
        ...new Set([
          "zorg",
          "signalen",
          ...view0.figuren.filter((f) => f.eigen?.status === "onderdrukt").map((f) => f.maat.id)
        ])
      ].sort()
    );
    const zin = view.samenvatting.find((z) => z.includes("onderdrukt"))!;
    expect(zin).toMatch(new RegExp(`^${verborgen.length} cijfers zijn voor ${view.naam} onderdrukt`));
    for (const f of verborgen) expect(zin).toContain(f.maat.kort);
    // A suppressed figure is never called above or below the region.
    for (const f of verborgen)
      for (const z of view.samenvatting.filter((z) => z !== zin)) expect(z).not.toContain(f.maat.kort);
  });

  it("says a suppressed figure is suppressed and never shows its number", () => {
    const bundle = suppressAll(read("gemeente/GM9902.json"), "GM9902");
    const view = briefingView(bundle, REGIO);
    expect(view.onderdrukt).toBe(view.figuren.length);
    for (const f of view.figuren) {
      expect(f.zinnen[0]).toMatch(/niet te tonen: de waarde is onderdrukt/);
      expect(f.kaart.verandering).toBeNull();
      expect(f.rang).toBeNull();
    }
    expect(view.samenvatting.join(" ")).toContain(
      `${view.figuren.length} cijfers zijn voor Brakelburg onderdrukt`
    );
    expect(view.brancheZin).toContain("geen locatiequotiënt per branche te tonen");
    expect(view.wijkZin).toMatch(/Voor geen enkele wijk/);
  });

  it("judges nothing against a region that is the gemeente itself, and leaves the LQ sentence out", () => {
    // A bronmap of one gemeente: every regio cell (figures and counts) equals the gemeente's.
    const bundle = structuredClone(read("gemeente/GM9903.json"));
    for (const part of Object.values(bundle.onderdelen)) {
      const cellen = (part as Table).cellen;
      if (!Array.isArray(cellen)) continue;
      const eigen = new Map(
        cellen
          .filter((c) => c.gebiedcode === "GM9903")
          .map((c) => [`${c.branche}|${c.categorie}|${c.jaar}`, c])
      );
      for (const c of cellen)
        if (c.gebiedcode === REGIO.code) {
          const e = eigen.get(`${c.branche}|${c.categorie}|${c.jaar}`);
          c.waarde = e?.waarde ?? null;
          c.status = e?.status ?? "geen-data";
        }
    }
    // The quotient's regio bases are the gemeente's own counts too.
    const br = (n: string) => (bundle.onderdelen[n] as Table).cellen;
    for (const [regioDeel, eigenDeel] of [
      ["locatiequotient/branche-regio", "locatiequotient/branche"],
      ["locatiequotient/alle-regio", "locatiequotient/alle"]
    ] as const)
      for (const c of br(regioDeel)) {
        const e = br(eigenDeel).find(
          (x) => x.gebiedcode === c.gebiedcode && x.branche === c.branche && x.jaar === c.jaar
        );
        c.waarde = e?.waarde ?? null;
      }
    const view = briefingView(bundle, REGIO);
    for (const f of view.figuren) {
      expect(f.vergelijking).toBeNull();
      expect(f.zinnen[0]).not.toMatch(/duidelijk|toeval/);
    }
    expect(view.samenvatting[0]).toMatch(/^Of .* duidelijk van de regio verschilt, is niet te zeggen/);
    expect(view.brancheZin).toBe("");
    expect(view.branches.boven).toEqual([]);
  });

  it("explains the absence of peers in a region of one gemeente", () => {
    const bundle = structuredClone(read("gemeente/GM9903.json"));
    delete bundle.onderdelen.vergelijkbaar;
    const view = briefingView(bundle, REGIO);
    expect(view.peerItems).toHaveLength(1);
    expect(view.peerZin).toContain("geen vergelijkbare gemeenten");
    for (const f of view.figuren) expect(f.rang).toBeNull();
  });
});
