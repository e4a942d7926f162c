// @vitest-environment jsdom
import {beforeEach, describe, expect, it} from "vitest";
import {rankingBars, type RankingItem} from "../../src/components/ranking-bars.ts";
import {resetChartIds} from "../../src/lib/chart-frame.ts";
import {cell} from "./fixtures.ts";
import {assertSnapshot} from "./snapshot.ts";
import {assertAccessible} from "./axe.ts";

const base = {
  eenheid: "per-1000",
  title: "Culemhoven ligt ver boven de regio",
  source: "KvK (fictief), 2024"
};
const items: RankingItem[] = [
  {code: "GM9001", naam: "Aadorp", cell: cell("GM9001", 4.2)},
  {code: "GM9002", naam: "Beekveld", cell: cell("GM9002", null, "onderdrukt")},
  {code: "GM9003", naam: "Culemhoven", cell: cell("GM9003", 12.5)},
  {code: "GM9004", naam: "Dijkerwaard", cell: cell("GM9004", 7.75)},
  {code: "GM9005", naam: "Eemhorst", cell: undefined}
];

describe("rankingBars", () => {
  beforeEach(() => {
    resetChartIds();
    document.body.innerHTML = "";
  });

  it("ranks highest first with a reference line and summary", () => {
    const figure = rankingBars(
      items.filter((i) => i.cell?.status === ""),
      {...base, reference: {waarde: 6, label: "Regio"}}
    );
    expect(figure.dataset.chart).toBe("ranking");
    const names = [...figure.querySelectorAll("tbody th")].map((th) => th.textContent);
    expect(names).toEqual(["Culemhoven", "Dijkerwaard", "Aadorp", "Regio (referentie)"]);
    expect(figure.querySelector("g.referentielijn")).not.toBeNull();
    const summary = figure.querySelector(".chart-summary")!.textContent!;
    expect(summary).toContain("Hoogste waarde: Culemhoven (12,5)");
    expect(summary).toContain("Laagste waarde: Aadorp (4,2)");
    expect(summary).toContain("2 van 3 gebieden liggen boven Regio (6,0)");
    assertSnapshot("ranking-normal", figure);
  });

  it("keeps a suppressed area as a labelled row without a bar", () => {
    const figure = rankingBars(items, {...base, highlight: ["GM9004"]});
    const bars = figure.querySelectorAll("g.staven rect");
    expect(bars.length).toBe(3);
    const labels = [...figure.querySelectorAll("g.onderdrukt-label text")].map((t) => t.textContent);
    expect(labels).toEqual(["onderdrukt", "geen gegevens"]);
    const summary = figure.querySelector(".chart-summary")!.textContent!;
    expect(summary).toContain("1 gebied is onderdrukt");
    expect(summary).toContain("Voor 1 gebied zijn geen gegevens");
    // No bar is drawn with zero width standing in for the suppressed value.
    for (const bar of bars) expect(Number(bar.getAttribute("width"))).toBeGreaterThan(0);
    expect(figure.querySelector(".chart-legend")!.textContent).toContain("Geselecteerd gebied");
    assertSnapshot("ranking-suppressed", figure);
  });

  it("shares ranks between equal values in the table", () => {
    const figure = rankingBars(
      [
        {code: "A", naam: "Aadorp", cell: cell("A", 5)},
        {code: "B", naam: "Beekveld", cell: cell("B", 5)},
        {code: "C", naam: "Culemhoven", cell: cell("C", 2)}
      ],
      base
    );
    const ranks = [...figure.querySelectorAll("tbody tr")].map((tr) => tr.lastElementChild!.textContent);
    expect(ranks).toEqual(["1", "1", "3"]);
  });

  it("renders one gemeente only", () => {
    const figure = rankingBars([items[0]], base);
    expect(figure.querySelector(".chart-summary")!.textContent).toContain("Alleen Aadorp heeft een waarde");
    assertSnapshot("ranking-one-area", figure);
  });

  it("passes axe (WCAG 2.1 AA)", async () => {
    await assertAccessible(rankingBars(items, {...base, reference: {waarde: 6, label: "Regio"}}));
  });
});

describe("rankingBars with negative values", () => {
  beforeEach(() => resetChartIds());

  it("puts the label of a negative bar on its left, with a real minus", () => {
    const figure = rankingBars(
      [
        {code: "A", naam: "Aadorp", cell: cell("A", 3.5)},
        {code: "B", naam: "Beekveld", cell: cell("B", -2.25)}
      ],
      {...base, eenheid: "procent", title: "Beekveld krimpt"}
    );
    const labels = [...figure.querySelectorAll("g.waarden")].map((g) => [
      g.getAttribute("text-anchor"),
      g.textContent
    ]);
    expect(labels).toEqual([
      ["start", "3,5%"],
      ["end", "−2,3%"]
    ]);
    assertSnapshot("ranking-negative", figure);
  });
});

describe("rankingBars with many areas", () => {
  beforeEach(() => resetChartIds());

  it("draws the top rows plus the highlighted area and keeps all in the table", () => {
    const many = Array.from({length: 30}, (_, i) => ({
      code: `GM${9100 + i}`,
      naam: `Gemeente ${String(i + 1).padStart(2, "0")}`,
      cell: cell(`GM${9100 + i}`, 100 - i)
    }));
    const figure = rankingBars(many, {...base, maxRows: 10, highlight: ["GM9125"]});
    expect(figure.querySelectorAll("g.staven rect").length).toBe(11);
    expect(figure.querySelectorAll("tbody tr").length).toBe(30);
    expect(figure.querySelector(".chart-note")!.textContent).toBe(
      "Getoond: 11 van 30 gebieden; alle waarden staan in de tabel."
    );
    expect(figure.querySelector(".chart-summary")!.textContent).toContain(
      "Laagste waarde: Gemeente 30 (71,0)"
    );
  });
});

describe("rankingBars with long names and many areas", () => {
  beforeEach(() => {
    resetChartIds();
    document.body.innerHTML = "";
  });

  it("ends a name too long for the margin in an ellipsis, keeps it whole in the table, and scales to the drawn bars", () => {
    const lang = "Rivierenwijk (Friezelstein) · Friezelstein-Noord aan de oude haven";
    const many: RankingItem[] = [
      {code: "BU1", naam: lang, cell: cell("BU1", 3.3)},
      ...Array.from({length: 20}, (_, i) => ({
        code: `BU${i + 2}`,
        naam: `Buurt ${i + 2}`,
        cell: cell(`BU${i + 2}`, 2 - i * 0.2)
      }))
    ];
    const figure = rankingBars(many, {...base, title: "Lange namen", maxRows: 5});
    const ticks = [...figure.querySelectorAll("svg g[aria-label='y-axis tick label'] text")].map(
      (t) => t.textContent!
    );
    const kort = ticks.find((t) => t.startsWith("Rivierenwijk"))!;
    expect(kort.endsWith("…")).toBe(true);
    expect(kort.length).toBeLessThan(lang.length);
    expect(figure.querySelector("table")!.textContent).toContain(lang);
    // Only the first five are drawn, all positive: the scale does not run into the negative
    // values of the rows that are not drawn.
    const xTicks = [...figure.querySelectorAll("svg g[aria-label='x-axis tick label'] text")].map(
      (t) => t.textContent!
    );
    expect(xTicks.some((t) => t.startsWith("−"))).toBe(false);
  });
});
