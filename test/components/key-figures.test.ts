// @vitest-environment jsdom
import {beforeEach, describe, expect, it} from "vitest";
import {keyFigures} from "../../src/components/key-figures.ts";
import {resetChartIds} from "../../src/lib/chart-frame.ts";
import {cell} from "./fixtures.ts";
import {assertSnapshot} from "./snapshot.ts";
import {assertAccessible} from "./axe.ts";

const figures = [
  {
    label: "Vestigingen in risicobranches",
    cell: cell("GM9001", 1234),
    eenheid: "aantal",
    verandering: 56,
    veranderingLabel: "t.o.v. 2023",
    rang: {rang: 3, van: 12}
  },
  {
    label: "Per 1.000 inwoners",
    cell: cell("GM9001", 12.34),
    eenheid: "per-1000",
    verandering: -1,
    veranderingLabel: "t.o.v. 2023"
  },
  {
    label: "Drugsafvaldumpingen",
    cell: cell("GM9001", null, "onderdrukt", 2024, "minder dan 10 meldingen"),
    eenheid: "aantal",
    verandering: 2,
    rang: {rang: 1, van: 12}
  },
  {label: "Leegstaande agrarische panden", cell: cell("GM9001", 40, "afgerond"), eenheid: "aantal"},
  {label: "WOZ-waarde", cell: cell("GM9001", null, "geen-data"), eenheid: "x1000-euro"}
];

describe("keyFigures", () => {
  beforeEach(() => {
    resetChartIds();
    document.body.innerHTML = "";
  });

  it("shows value, signed change and rank in nl-NL formats", () => {
    const section = keyFigures(figures, {title: "Aadorp in cijfers", source: "KvK (fictief)"});
    expect(section.dataset.chart).toBe("key-figures");
    const [first, second] = section.querySelectorAll(".key-figure");
    expect(first.querySelector(".key-figure-value")!.textContent).toBe("1.234");
    expect(first.querySelector(".key-figure-change")!.textContent).toBe("▲ +56 t.o.v. 2023");
    expect(first.querySelector(".key-figure-rank")!.textContent).toBe("plaats 3 van 12");
    expect(second.querySelector(".key-figure-value")!.textContent).toBe("12,3");
    expect(second.querySelector(".key-figure-change")!.textContent).toBe("▼ −1,0 t.o.v. 2023");
    expect(section.querySelector(".key-figure-arrow")!.getAttribute("aria-hidden")).toBe("true");
    assertSnapshot("key-figures", section);
  });

  it("shows a change that rounds to zero as unchanged, not as a fall or rise", () => {
    const section = keyFigures([
      {label: "Per 1.000 inwoners", cell: cell("GM9001", 3.2), eenheid: "per-1000", verandering: -0.04},
      {label: "Vestigingen", cell: cell("GM9001", 30), eenheid: "aantal", verandering: 0.4}
    ]);
    const changes = [...section.querySelectorAll<HTMLElement>(".key-figure-change")];
    expect(changes.map((c) => c.textContent)).toEqual(["■ 0,0", "■ 0"]);
    expect(changes.map((c) => c.dataset.direction)).toEqual(["gelijk", "gelijk"]);
  });

  it("shows a suppressed figure as 'onderdrukt' with its reason, without change or rank", () => {
    const section = keyFigures(figures);
    const card = section.querySelectorAll(".key-figure")[2] as HTMLElement;
    expect(card.dataset.status).toBe("onderdrukt");
    expect(card.querySelector(".key-figure-value")!.textContent).toBe("onderdrukt");
    expect(card.querySelector(".key-figure-reason")!.textContent).toBe("minder dan 10 meldingen");
    expect(card.querySelector(".key-figure-change")).toBeNull();
    expect(card.querySelector(".key-figure-rank")).toBeNull();
    expect(section.chartData.rows[2].map((c) => (typeof c === "string" ? c : c.value))).toEqual([
      "Drugsafvaldumpingen",
      null,
      null,
      null
    ]);
  });

  it("marks rounded values and missing values in words", () => {
    const section = keyFigures(figures);
    const values = [...section.querySelectorAll(".key-figure-value")].map((v) => v.textContent);
    expect(values.slice(3)).toEqual(["≈ 40", "geen gegevens"]);
  });

  it("passes axe (WCAG 2.1 AA)", async () => {
    await assertAccessible(keyFigures(figures, {title: "Aadorp in cijfers", source: "KvK (fictief)"}));
  });
});
