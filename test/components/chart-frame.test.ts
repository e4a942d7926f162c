// @vitest-environment jsdom
import {beforeEach, describe, expect, it} from "vitest";
import {chartFigure, chartId, exportRows, resetChartIds} from "../../src/lib/chart-frame.ts";
import {assertAccessible} from "./axe.ts";

function figure(headingLevel?: 0 | 2 | 3) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  const g = document.createElementNS("http://www.w3.org/2000/svg", "g");
  g.setAttribute("aria-label", "bar");
  svg.append(g);
  return chartFigure({
    kind: "test",
    title: "Één bevinding",
    source: "Fictief",
    chart: svg,
    table: {
      columns: [{label: "Gebied"}, {label: "Waarde", numeric: true}],
      rows: [["Aadorp", {text: "1.234", value: 1234}]]
    },
    summary: "Hoogste waarde: Aadorp.",
    headingLevel
  });
}

describe("chartFigure", () => {
  beforeEach(() => {
    resetChartIds();
    document.body.innerHTML = "";
  });

  it("makes deterministic ids from the title", () => {
    expect(chartId("Één bevinding!")).toBe("een-bevinding-1");
    expect(chartId("")).toBe("grafiek-2");
    resetChartIds();
    expect(chartId("x")).toBe("x-1");
  });

  it("labels the svg and points it at the summary", () => {
    const f = figure();
    const svg = f.querySelector("svg")!;
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.getAttribute("aria-label")).toBe("Één bevinding");
    const summary =
      document.getElementById(svg.getAttribute("aria-describedby")!) ??
      f.querySelector(`#${svg.getAttribute("aria-describedby")}`);
    expect(summary!.textContent).toBe("Samenvatting: Hoogste waarde: Aadorp.");
    expect(svg.querySelector("g")!.getAttribute("role")).toBe("group");
    expect(f.dataset.chart).toBe("test");
    expect(f.querySelector("h3.chart-title")!.textContent).toBe("Één bevinding");
    expect(f.querySelector(".chart-source")!.textContent).toBe("Bron: Fictief");
  });

  it("toggles the table with aria-expanded and hidden", () => {
    const f = figure();
    document.body.append(f);
    const button = f.querySelector("button")!;
    const wrap = document.getElementById(button.getAttribute("aria-controls")!)!;
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(wrap.hidden).toBe(true);
    button.click();
    expect(button.getAttribute("aria-expanded")).toBe("true");
    expect(button.textContent).toBe("Verberg tabel");
    expect(wrap.hidden).toBe(false);
    button.click();
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(button.textContent).toBe("Toon tabel");
    expect(wrap.hidden).toBe(true);
  });

  it("builds a real table with caption and scoped headers", () => {
    const table = figure().querySelector("table")!;
    expect(table.caption!.textContent).toBe("Één bevinding");
    expect([...table.querySelectorAll("thead th")].every((th) => th.getAttribute("scope") === "col")).toBe(
      true
    );
    expect(table.querySelector("tbody th")!.getAttribute("scope")).toBe("row");
    expect(table.querySelector("tbody td")!.className).toBe("numeric");
  });

  it("keeps data for export", () => {
    const f = figure();
    expect(f.chartData.title).toBe("Één bevinding");
    expect(f.chartData.rows[0][1]).toEqual({text: "1.234", value: 1234});
    expect(f.chartData.svg).toBe(f.querySelector("svg"));
    expect(exportRows(f.chartData)).toEqual([
      ["Gebied", "Waarde"],
      ["Aadorp", 1234]
    ]);
  });

  it("uses a paragraph title when asked", () => {
    expect(figure(0).querySelector("p.chart-title")).not.toBeNull();
    expect(figure(2).querySelector("h2.chart-title")).not.toBeNull();
  });

  it("passes axe (WCAG 2.1 AA) with the table open", async () => {
    const f = figure();
    document.body.append(f);
    f.querySelector("button")!.click();
    await assertAccessible(f);
  });
});
