// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {Bundle, Cell} from "../../src/lib/contracts.ts";
import {blokDelen, deelLader, laadstatus, mergeBundles} from "../../src/lib/delen.ts";
import {
  MAX_GEMEENTEN_IN_BEELD,
  blokkenVan,
  gebiedKeuzes,
  gebiedVan,
  indelingZin,
  infoVoor,
  type Indeling
} from "../../src/lib/pages/gebied.ts";
import type {RegioInfo} from "../../src/lib/pages/story.ts";
import {BLOK_MAX} from "../../data-loaders/indicators/split.ts";
import {TRENDS_DEEL} from "../../src/shared/contracts/trends.ts";

const gemeenten = (n: number) =>
  Array.from({length: n}, (_, i) => ({code: `GM${String(9001 + i)}`, naam: `Gemeente ${i + 1}`}));
const info = (n: number): RegioInfo => ({
  isDemo: true,
  regio: {code: "RG-BRONMAP", naam: "Voorbeeldregio"},
  gemeenten: gemeenten(n),
  jaren: [2024, 2025]
});
const indeling: Indeling = {
  provincies: [
    {code: "PV91", naam: "Provincie West", gemeenten: ["GM9001", "GM9003"]},
    {code: "PV92", naam: "Provincie Oost", gemeenten: ["GM9002", "GM9004"]}
  ],
  riecs: [{code: "RE91", naam: "RIEC Noord", gemeenten: ["GM9001", "GM9002"]}],
  blokken: [{code: "regio", gemeenten: ["GM9001", "GM9002", "GM9003", "GM9004"]}],
  bron: "Provincie en RIEC-regio per gemeente uit de indeling in de bronmap.",
  zonderIndeling: []
};

describe("the area of a view", () => {
  it("is a gemeente, a province or RIEC region with its own gemeenten, or the whole region", () => {
    expect(gebiedVan(info(4), indeling, "GM9003")).toMatchObject({soort: "gemeente", naam: "Gemeente 3"});
    expect(gebiedVan(info(4), indeling, "PV92").gemeenten.map((g) => g.code)).toEqual(["GM9002", "GM9004"]);
    expect(gebiedVan(info(4), indeling, "RE91")).toMatchObject({soort: "riec", naam: "RIEC Noord"});
    expect(gebiedVan(info(4), indeling, "RG-BRONMAP")).toMatchObject({
      soort: "regio",
      naam: "de regio Voorbeeldregio",
      vergelijkbaar: true
    });
    // An unknown code from a hand-edited URL gives the whole region.
    expect(gebiedVan(info(4), indeling, "PV00").soort).toBe("regio");
  });

  it("shows a region whole exactly when the pipeline keeps it in one block", () => {
    expect(MAX_GEMEENTEN_IN_BEELD).toBe(BLOK_MAX);
  });

  it("shows a region of more gemeenten than fit in one view only as itself", () => {
    const groot = gebiedVan(info(MAX_GEMEENTEN_IN_BEELD + 1), indeling, "RG-BRONMAP");
    expect(groot).toMatchObject({vergelijkbaar: false, gemeenten: []});
    expect(gebiedVan(info(MAX_GEMEENTEN_IN_BEELD), indeling, "RG-BRONMAP").gemeenten).toHaveLength(
      MAX_GEMEENTEN_IN_BEELD
    );
    expect(gebiedKeuzes(info(MAX_GEMEENTEN_IN_BEELD + 1), indeling)[0]!.label).toBe(
      "Voorbeeldregio (alleen de regio zelf)"
    );
    expect(infoVoor(info(60), groot).gemeenten).toEqual([]);
  });

  it("names the blocks an area needs, once each", () => {
    const blokken: Indeling = {
      ...indeling,
      blokken: [
        {code: "PV91", gemeenten: ["GM9001", "GM9003"]},
        {code: "PV92", gemeenten: ["GM9002", "GM9004"]}
      ]
    };
    expect(blokkenVan(blokken, [{code: "GM9001"}, {code: "GM9002"}])).toEqual(["PV91", "PV92"]);
    expect(blokkenVan(blokken, [{code: "GM9003"}])).toEqual(["PV91"]);
    expect(blokkenVan(blokken, [])).toEqual([]);
    expect(blokDelen(["PV91", "PV92"], [2025])).toEqual(["PV91-2025", "PV92-2025"]);
    expect(blokDelen(["PV91"], null)).toEqual(["PV91"]);
  });

  it("says where the indeling comes from", () => {
    expect(indelingZin(indeling)).toBe(
      "De gemeenten liggen in 2 provincies en 1 RIEC-regio, waarop de pagina's ze laten kiezen. Provincie en RIEC-regio per gemeente uit de indeling in de bronmap."
    );
    expect(indelingZin({...indeling, provincies: [], riecs: []})).toMatch(/niet ingedeeld/);
  });
});

describe("parts of a split bundle", () => {
  const cel = (gebiedcode: string, jaar: number): Cell => ({
    gebiedcode,
    gebiedniveau: gebiedcode.startsWith("GM") ? "gemeente" : "regio",
    bovenliggend: null,
    branche: null,
    categorie: null,
    jaar,
    waarde: 1,
    status: "",
    reden: null
  });
  const tabel = (cellen: Cell[]) => ({
    schemaVersion: 1 as const,
    id: "t",
    titel: "T",
    soort: "telling" as const,
    eenheidSoort: null,
    eenheid: "aantal",
    dimensies: [],
    cellen
  });
  const bundel = (cellen: Cell[], meta?: string): Bundle => ({
    schemaVersion: 1,
    onderdelen: {t: tabel(cellen), ...(meta ? {m: {schemaVersion: 1, soort: "tekst", waarde: meta}} : {})}
  });

  it("merge into one bundle: a table's cells together, the first metadata part kept, inputs untouched", () => {
    const a = bundel([cel("RG", 2025)], "eerste");
    const b = bundel([cel("GM9001", 2025)], "tweede");
    const merged = mergeBundles([a, b]);
    expect((merged.onderdelen.t as {cellen: Cell[]}).cellen.map((c) => c.gebiedcode)).toEqual([
      "RG",
      "GM9001"
    ]);
    expect((merged.onderdelen.m as {waarde: string}).waarde).toBe("eerste");
    expect((a.onderdelen.t as {cellen: Cell[]}).cellen).toHaveLength(1);
  });

  it("load each part once, skip parts that do not exist, and show the loading state", async () => {
    document.body.innerHTML = "<main></main>";
    const status = laadstatus(document);
    let calls = 0;
    const lader = deelLader(
      "trends",
      {
        "regio-2025": () => ({
          json: async () => {
            calls++;
            expect(document.querySelector("main")!.getAttribute("aria-busy")).toBe("true");
            expect(status.element.textContent).toBe("Gegevens laden: de regio …");
            return bundel([cel("GM9001", 2025)]);
          }
        })
      },
      TRENDS_DEEL,
      status
    );
    const [deel] = await lader.laad(["regio-2025", "regio-2024"], "de regio");
    expect((deel!.onderdelen.t as {cellen: Cell[]}).cellen).toHaveLength(1);
    expect(document.querySelector("main")!.hasAttribute("aria-busy")).toBe(false);
    expect(status.element.textContent).toBe("Gegevens van de regio geladen.");
    expect(status.element.getAttribute("role")).toBe("status");
    await lader.laad(["regio-2025"], "de regio");
    expect(calls).toBe(1);
  });

  it("say so when a part cannot be loaded", async () => {
    document.body.innerHTML = "<main></main>";
    const status = laadstatus(document);
    const lader = deelLader(
      "trends",
      {a: () => ({json: async () => ({niet: "een bundel"})})},
      TRENDS_DEEL,
      status
    );
    await expect(lader.laad(["a"], "gemeente A")).rejects.toThrow(/trends\/a\.json/);
    expect(status.element.textContent).toMatch(/konden niet worden geladen/);
    expect(document.querySelector("main")!.hasAttribute("aria-busy")).toBe(false);
  });
});
