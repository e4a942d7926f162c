// @vitest-environment jsdom
import {beforeEach, describe, expect, it} from "vitest";
import {choropleth} from "../../src/components/choropleth.ts";
import {resetChartIds} from "../../src/lib/chart-frame.ts";
import {AREAS, cell} from "./fixtures.ts";
import {assertSnapshot} from "./snapshot.ts";
import {assertAccessible} from "./axe.ts";

const base = {
  eenheid: "per-1000",
  title: "Beekveld heeft de meeste vestigingen per 1.000 inwoners",
  source: "KvK (fictief), 2024"
};

describe("choropleth", () => {
  beforeEach(() => resetChartIds());

  it("renders all areas with values", () => {
    const figure = choropleth(
      {
        areas: AREAS,
        values: [cell("GM9001", 4.2), cell("GM9002", 12.5), cell("GM9003", 1234.5), cell("GM9004", 7.75)]
      },
      {...base, direction: "hoger = meer risico"}
    );
    document.body.append(figure);
    expect(figure.dataset.chart).toBe("choropleth");
    expect(figure.querySelector(".chart-summary")!.textContent).toContain(
      "Hoogste waarde: Culemhoven (1.234,5)"
    );
    expect(figure.querySelector(".chart-summary")!.textContent).toContain("Laagste waarde: Aadorp (4,2)");
    assertSnapshot("choropleth-normal", figure);
  });

  it("hatches suppressed areas, greys missing ones and names both in the legend", () => {
    const figure = choropleth(
      {
        areas: AREAS,
        values: [cell("GM9001", 4.2), cell("GM9002", null, "onderdrukt"), cell("GM9003", 9, "afgerond")]
      },
      base
    );
    const hatched = figure.querySelectorAll("svg g.onderdrukt path");
    expect(hatched.length).toBe(1);
    expect(hatched[0].getAttribute("fill") ?? hatched[0].parentElement!.getAttribute("fill")).toMatch(
      /^url\(#/
    );
    expect(figure.querySelectorAll("svg g.geen-gegevens path").length).toBe(1);
    const legend = figure.querySelector(".chart-legend")!.textContent!;
    expect(legend).toContain("Onderdrukt (te weinig waarnemingen)");
    expect(legend).toContain("Geen gegevens");
    const summary = figure.querySelector(".chart-summary")!.textContent!;
    expect(summary).toContain("1 gebied is onderdrukt");
    expect(summary).toContain("Voor 1 gebied zijn geen gegevens");
    const table = figure.querySelector("table")!.textContent!;
    expect(table).toContain("onderdrukt");
    expect(table).toContain("≈ 9,0");
    assertSnapshot("choropleth-suppressed", figure);
  });

  it("passes axe (WCAG 2.1 AA) in every state", async () => {
    document.body.innerHTML = "";
    const figure = choropleth(
      {
        areas: AREAS,
        values: [cell("GM9001", 4.2), cell("GM9002", null, "onderdrukt"), cell("GM9003", 9, "afgerond")]
      },
      base
    );
    await assertAccessible(figure);
  });

  it("renders one area only", () => {
    const areas = {...AREAS, features: AREAS.features.slice(0, 1)};
    const figure = choropleth({areas, values: new Map([["GM9001", cell("GM9001", 3)]])}, base);
    expect(figure.querySelector(".chart-summary")!.textContent).toContain(
      "Alleen Aadorp heeft een waarde: 3,0"
    );
    assertSnapshot("choropleth-one-area", figure);
  });

  it("renders all suppressed without a colour ramp", () => {
    const figure = choropleth(
      {areas: AREAS, values: AREAS.features.map((f) => cell(f.properties.code, null, "onderdrukt"))},
      base
    );
    expect(figure.querySelector(".chart-summary")!.textContent).toContain("4 gebieden zijn onderdrukt");
    expect(figure.querySelectorAll("svg g.onderdrukt path").length).toBe(4);
    assertSnapshot("choropleth-all-suppressed", figure);
  });
});

describe("choropleth with quantile classes", () => {
  beforeEach(() => resetChartIds());

  it("draws a class legend with nl-NL bounds", () => {
    const values = [1.5, 2.5, 3.5, 4.5].map((v, i) => cell(AREAS.features[i].properties.code, v));
    const figure = choropleth({areas: AREAS, values}, {...base, colorType: "quantile"});
    const ramp = figure.querySelector(".chart-ramp")!;
    expect(ramp.querySelectorAll("rect").length).toBe(5);
    expect([...ramp.querySelectorAll("text")].slice(1).every((t) => /^\d+,\d$/.test(t.textContent!))).toBe(
      true
    );
    assertSnapshot("choropleth-quantile", figure);
  });

  it("outlines a set of areas and names it in the legend, the summary and a table column", async () => {
    const figure = choropleth(
      {
        areas: AREAS,
        values: [cell("GM9001", 4.2), cell("GM9002", 12.5), cell("GM9003", 1), cell("GM9004", 7)]
      },
      {
        ...base,
        outline: {
          codes: new Set(["GM9002", "GM9004"]),
          label: "Buurt in het buitengebied (dikke rand)",
          column: "Buitengebied",
          ja: "ja",
          nee: "nee (kern)",
          sentence: "2 van de 4 buurten horen bij het buitengebied (dik omrand)."
        }
      }
    );
    document.body.append(figure);
    // Exactly the two areas of the set get the thick border.
    expect(figure.querySelectorAll("svg g.omrand path").length).toBe(2);
    expect(figure.querySelector('[data-legend="omrand"]')!.textContent).toBe(
      "Buurt in het buitengebied (dikke rand)"
    );
    expect(figure.querySelector(".chart-summary")!.textContent).toContain(
      "2 van de 4 buurten horen bij het buitengebied (dik omrand)."
    );
    const headers = [...figure.querySelectorAll("table thead th")].map((th) => th.textContent);
    expect(headers).toEqual(["Gebied", "Buitengebied", "per 1.000 inwoners"]);
    const rows = [...figure.querySelectorAll("table tbody tr")].map((tr) =>
      [...tr.children].map((c) => c.textContent)
    );
    expect(rows.find((r) => r[0] === "Beekveld")?.[1]).toBe("ja");
    expect(rows.find((r) => r[0] === "Aadorp")?.[1]).toBe("nee (kern)");
    await assertAccessible(figure);
  });

  it("draws context areas behind the coloured ones, without values and outside the table", () => {
    const [a, b, c, d] = AREAS.features;
    const figure = choropleth(
      {areas: {type: "FeatureCollection", features: [a!]}, values: [cell("GM9001", 4.2)]},
      {...base, context: {type: "FeatureCollection", features: [b!, c!, d!]}}
    );
    expect(figure.querySelectorAll("svg g.context path").length).toBe(3);
    expect(figure.querySelectorAll("svg g.waarden path").length).toBe(1);
    expect(figure.querySelectorAll("table tbody tr").length).toBe(1);
    // No outline option: no outline legend entry.
    expect(figure.querySelector('[data-legend="omrand"]')).toBeNull();
  });
});
