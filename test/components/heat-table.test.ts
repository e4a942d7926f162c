// @vitest-environment jsdom
import {beforeEach, describe, expect, it} from "vitest";
import {heatTable} from "../../src/components/heat-table.ts";
import {contributionBars} from "../../src/components/contribution-bars.ts";
import {resetChartIds} from "../../src/lib/chart-frame.ts";
import type {Cell} from "../../src/lib/contracts.ts";
import {cell} from "./fixtures.ts";
import {assertSnapshot} from "./snapshot.ts";
import {assertAccessible} from "./axe.ts";

const rows = [
  {key: "fastfood", label: "Fastfood"},
  {key: "kappers", label: "Kappers"}
];
const columns = [
  {key: "GM9001", label: "Aadorp"},
  {key: "GM9002", label: "Beekveld"},
  {key: "RG", label: "Regio"}
];
const values: Record<string, Cell | undefined> = {
  "fastfood|GM9001": cell("GM9001", 1.4),
  "fastfood|GM9002": cell("GM9002", null, "onderdrukt"),
  "fastfood|RG": cell("RG", 1),
  "kappers|GM9001": cell("GM9001", 0.7),
  "kappers|GM9002": undefined,
  "kappers|RG": cell("RG", 1)
};
const base = {
  eenheid: "index",
  title: "Fastfood is in Aadorp oververtegenwoordigd",
  source: "KvK (fictief), 2024"
};

describe("heatTable", () => {
  beforeEach(() => {
    resetChartIds();
    document.body.innerHTML = "";
  });

  it("colours published cells, marks suppressed and missing cells as such, never as a value", () => {
    const figure = heatTable(
      {rows, columns, cell: (r, c) => values[`${r}|${c}`]},
      {...base, kleur: "diverging", pivot: 1}
    );
    expect(figure.dataset.chart).toBe("heat-table");
    const text = figure.querySelector("table")!.textContent!;
    expect(text).toContain("onderdrukt");
    expect(text).toContain("1,40");
    expect(figure.querySelector(".chart-summary")!.textContent).toMatch(/onderdrukt/);
    assertSnapshot("heat-table-suppressed", figure);
  });

  it("shortens very long axis labels with an ellipsis and keeps the whole name in the table", () => {
    const lang = "Zorgaanbieders met vastgoed in eigendom en een tweede vestiging";
    const figure = heatTable(
      {
        rows: [{key: "z", label: lang}, ...rows],
        columns,
        cell: (r, c) => (r === "z" ? cell(c, 2) : values[`${r}|${c}`])
      },
      {...base, kleur: "sequential"}
    );
    const ticks = [...figure.querySelectorAll("svg g[aria-label='y-axis tick label'] text")].map(
      (t) => t.textContent
    );
    const kort = ticks.find((t) => t?.startsWith("Zorgaanbieders"))!;
    expect(kort.endsWith("…")).toBe(true);
    expect(kort.length).toBeLessThanOrEqual(44);
    expect(figure.querySelector("table")!.textContent).toContain(lang);
  });

  it("handles a table in which every cell is suppressed", async () => {
    const figure = heatTable(
      {rows, columns, cell: (_r, c) => cell(c, null, "onderdrukt")},
      {...base, title: "Alles onderdrukt", kleur: "sequential"}
    );
    expect(figure.querySelectorAll("table td").length).toBeGreaterThan(0);
    assertSnapshot("heat-table-all-suppressed", figure);
    document.body.append(figure);
    await assertAccessible(document.body);
  });
});

describe("contributionBars", () => {
  beforeEach(() => {
    resetChartIds();
    document.body.innerHTML = "";
  });

  it("stacks the contributions of each component to the score, in legend order", async () => {
    const figure = contributionBars(
      [
        {label: "Buurt A", score: 1.5, bijdragen: {inkomen: 1, signalen: 0.5}},
        {label: "Buurt B", score: -0.25, bijdragen: {inkomen: -0.75, signalen: 0.5}}
      ],
      {
        componenten: [
          {id: "inkomen", naam: "Inkomen"},
          {id: "signalen", naam: "Signalen"}
        ],
        title: "Buurt A scoort het hoogst",
        source: "CBS (fictief)"
      }
    );
    const table = figure.querySelector("table")!.textContent!;
    expect(table).toContain("Buurt A");
    expect(table).toContain("Inkomen");
    expect(figure.querySelector(".chart-legend, .legend")?.textContent ?? figure.textContent).toContain(
      "Signalen"
    );
    assertSnapshot("contribution-bars", figure);
    document.body.append(figure);
    await assertAccessible(document.body);
  });
});
