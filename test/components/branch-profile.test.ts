// @vitest-environment jsdom
import {beforeEach, describe, expect, it} from "vitest";
import {branchProfile, type BranchPoint} from "../../src/components/branch-profile.ts";
import {resetChartIds} from "../../src/lib/chart-frame.ts";
import {cell} from "./fixtures.ts";
import {assertSnapshot} from "./snapshot.ts";
import {assertAccessible} from "./axe.ts";

const options = {
  title: "Nagelstudio's groeien het snelst en zijn sterk oververtegenwoordigd",
  source: "KvK (fictief), 2024",
  x: {label: "Locatiequotiënt", eenheid: "index", reference: 1},
  y: {label: "Groei", eenheid: "procent", reference: 0}
};
const points: BranchPoint[] = [
  {branche: "56.10.2", naam: "Fastfood", x: cell("GM9001", 1.2), y: cell("GM9001", 3.5), groep: "klassiek"},
  {
    branche: "96.02.2",
    naam: "Nagelstudio",
    x: cell("GM9001", 2.4),
    y: cell("GM9001", 12.25),
    groep: "klassiek"
  },
  {
    branche: "55.20",
    naam: "Vakantieparken",
    x: cell("GM9001", 0.8),
    y: cell("GM9001", -4),
    groep: "opkomend"
  },
  {
    branche: "47.78",
    naam: "Kunsthandel",
    x: cell("GM9001", null, "onderdrukt"),
    y: cell("GM9001", 1),
    groep: "opkomend"
  },
  {branche: "86", naam: "Zorg", x: cell("GM9001", 1.1), y: undefined, groep: "opkomend"}
];

describe("branchProfile", () => {
  beforeEach(() => {
    resetChartIds();
    document.body.innerHTML = "";
  });

  it("places branches with both values and names the others instead of drawing them at zero", () => {
    const figure = branchProfile(points, options);
    expect(figure.dataset.chart).toBe("branch-profile");
    expect(figure.querySelectorAll("g.branches circle").length).toBe(3);
    const labels = [...figure.querySelectorAll("g.namen text")].map((t) => t.textContent);
    expect(labels).not.toContain("Kunsthandel");
    const note = figure.querySelector(".chart-note")!.textContent!;
    expect(note).toContain("Niet getoond omdat een waarde is onderdrukt: Kunsthandel.");
    expect(note).toContain("Niet getoond wegens ontbrekende gegevens: Zorg.");
    const summary = figure.querySelector(".chart-summary")!.textContent!;
    expect(summary).toContain("Hoogste locatiequotiënt: Nagelstudio (2,40)");
    expect(summary).toContain("Hoogste groei: Nagelstudio (12,3%)");
    expect(summary).toContain("2 van 3 branches liggen op beide assen boven de referentie");
    expect(summary).toContain("1 branche is onderdrukt");
    expect(figure.querySelector(".chart-legend")!.textContent).toContain("opkomend");
    expect(figure.querySelector("g.referentie-x")).not.toBeNull();
    assertSnapshot("branch-profile-suppressed", figure);
  });

  it("renders a single branch", () => {
    const figure = branchProfile([points[0]], {
      ...options,
      x: {label: "Per 1.000 inwoners", eenheid: "per-1000"}
    });
    expect(figure.querySelectorAll("g.branches circle").length).toBe(1);
    assertSnapshot("branch-profile-one", figure);
  });

  it("passes axe (WCAG 2.1 AA)", async () => {
    await assertAccessible(branchProfile(points, options));
  });
});
