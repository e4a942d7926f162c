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
          expect(f.zinnen[0]).toMatch(/(hoger dan|lager dan|ongeveer gelijk aan|niet mogelijk)/);
          expect(f.zinnen[1]).toMatch(/(steeg|daalde|vrijwel gelijk|niet mogelijk|net als)/);
        } else {
          expect(f.zinnen[0]).toContain("niet te tonen");
        }
      }
      expect(view.samenvatting.at(-1)).toContain("geen bewijs");
    }
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
    expect(dichtheid.zinnen[0]).toContain(
      eigen > regio * 1.05 ? "hoger" : eigen < regio * 0.95 ? "lager" : "gelijk"
    );
  });

  it("opens with exactly the figures 10% or more above and below the region", () => {
    for (const g of result.manifest.gemeenten) {
      const view = briefingView(read(`gemeente/${g.code}.json`), REGIO);
      const boven: string[] = [];
      const onder: string[] = [];
      for (const f of view.figuren) {
        const eigen = f.eigen?.waarde;
        const regio = f.regio?.waarde;
        if (f.maat.id === "lq" || eigen == null || regio == null || regio === 0) continue;
        if (eigen >= regio * 1.1) boven.push(f.maat.kort);
        else if (eigen <= regio * 0.9) onder.push(f.maat.kort);
      }
      const [eerste, tweede] = view.samenvatting;
      for (const k of boven) expect(eerste).toContain(k);
      if (boven.length === 0) expect(eerste).toContain("op geen van de gepubliceerde cijfers");
      if (onder.length > 0) for (const k of onder) expect(tweede).toContain(k);
      else expect(tweede).not.toMatch(/^Duidelijk onder/);
      expect(view.samenvatting.join(" ")).not.toContain("(%)");
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

  it("explains the absence of peers in a region of one gemeente", () => {
    const bundle = structuredClone(read("gemeente/GM9903.json"));
    delete bundle.onderdelen.vergelijkbaar;
    const view = briefingView(bundle, REGIO);
    expect(view.peerItems).toHaveLength(1);
    expect(view.peerZin).toContain("geen vergelijkbare gemeenten");
    for (const f of view.figuren) expect(f.rang).toBeNull();
  });
});
