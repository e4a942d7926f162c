// @vitest-environment jsdom
import {beforeEach, describe, expect, it} from "vitest";
import {smallMultiples} from "../../src/components/small-multiples.ts";
import {resetChartIds} from "../../src/lib/chart-frame.ts";
import {cell} from "./fixtures.ts";
import {assertSnapshot} from "./snapshot.ts";
import {assertAccessible} from "./axe.ts";

const names = new Map([
  ["GM9001", "Aadorp"],
  ["GM9002", "Beekveld"],
  ["GM9003", "Culemhoven"]
]);
const base = {
  eenheid: "aantal",
  title: "Het aantal vestigingen groeit het snelst in Beekveld",
  source: "KvK (fictief)",
  names
};
const cells = [
  cell("GM9001", 10, "", 2021),
  cell("GM9001", 12, "", 2022),
  cell("GM9001", 11, "", 2023),
  cell("GM9002", 20, "", 2021),
  cell("GM9002", null, "onderdrukt", 2022),
  cell("GM9002", 1250, "", 2023),
  cell("GM9003", 30, "", 2021),
  // 2022 missing for Culemhoven
  cell("GM9003", 25, "afgerond", 2023)
];

describe("smallMultiples", () => {
  beforeEach(() => {
    resetChartIds();
    document.body.innerHTML = "";
  });

  it("draws one panel per area with suppressed and missing years as columns, not zeros", () => {
    const figure = smallMultiples(cells, base);
    expect(figure.dataset.chart).toBe("small-multiples");
    expect(figure.querySelectorAll("g.onderdrukt rect").length).toBe(1);
    expect(figure.querySelectorAll("g.geen-gegevens rect").length).toBe(1);
    // Dots only for published values: 7 of 9 area-years.
    expect(figure.querySelectorAll("g.waarden circle").length).toBe(7);
    const summary = figure.querySelector(".chart-summary")!.textContent!;
    expect(summary).toContain(
      "Laatste jaar: 2023. Hoogste waarde: Beekveld (1.250). Laagste waarde: Aadorp (11)"
    );
    expect(summary).toContain(
      "Grootste stijging: Beekveld (+1230 van 2021 tot 2023)".replace("1230", "1.230")
    );
    expect(summary).toContain("Grootste daling: Culemhoven (−5 van 2021 tot 2023)");
    expect(summary).toContain("1 jaarwaarde is onderdrukt");
    expect(summary).toContain("1 jaarwaarde ontbreekt");
    const headers = [...figure.querySelectorAll("thead th")].map((th) => th.textContent);
    expect(headers).toEqual(["Gebied", "2021", "2022", "2023"]);
    const beekveld = [...figure.querySelectorAll("tbody tr")][1].textContent;
    expect(beekveld).toContain("onderdrukt");
    expect(figure.querySelector(".chart-legend")!.textContent).toContain("Onderdrukt");
    assertSnapshot("small-multiples-suppressed", figure);
  });

  it("shows years without any cell as gaps", () => {
    const figure = smallMultiples([cell("GM9001", 10, "", 2019), cell("GM9001", 14, "", 2022)], {
      ...base,
      names: new Map([["GM9001", "Aadorp"]])
    });
    expect(figure.querySelectorAll("thead th").length).toBe(5);
    expect(figure.querySelectorAll("g.geen-gegevens rect").length).toBe(2);
    assertSnapshot("small-multiples-missing-years", figure);
  });

  it("renders one gemeente only", () => {
    const figure = smallMultiples(
      cells.filter((c) => c.gebiedcode === "GM9001"),
      {...base, names: new Map([["GM9001", "Aadorp"]])}
    );
    expect(figure.querySelector(".chart-legend")).toBeNull();
    assertSnapshot("small-multiples-one-area", figure);
  });

  it("passes axe (WCAG 2.1 AA)", async () => {
    await assertAccessible(smallMultiples(cells, base));
  });
});
