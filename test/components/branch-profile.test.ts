// @vitest-environment jsdom
import {beforeEach, describe, expect, it} from "vitest";
import {
  branchProfile,
  placeLabels,
  type BranchPoint,
  type LabelPlacement
} from "../../src/components/branch-profile.ts";
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

describe("placeLabels", () => {
  const frame = {
    x: {domain: [0, 10] as [number, number], range: [76, 584] as [number, number]},
    y: {domain: [0, 10] as [number, number], range: [360, 44] as [number, number]},
    width: 640,
    height: 420
  };
  const box = (p: {x: number; y: number; text: string}, l: LabelPlacement) => {
    const x = 76 + (p.x / 10) * 508 + l.dx;
    const y = 360 - (p.y / 10) * 316 + l.dy;
    const w = p.text.length * 6.6;
    const x0 = l.anchor === "start" ? x : l.anchor === "end" ? x - w : x - w / 2;
    return {x0, x1: x0 + w, y0: y - 7, y1: y + 7};
  };

  it("puts a label above its point, growing inwards near the left and right edges", () => {
    const pts = [
      {x: 0, y: 5, text: "Schoonheids- en nagelstudio's"},
      {x: 5, y: 5, text: "Vastgoed"},
      {x: 10, y: 5, text: "Kappers en barbiers"}
    ];
    const [a, b, c] = placeLabels(pts, frame);
    expect([a!.anchor, b!.anchor, c!.anchor]).toEqual(["start", "middle", "end"]);
    expect([a!.dy, b!.dy, c!.dy]).toEqual([-12, -12, -12]);
    for (const [p, l] of [
      [pts[0]!, a!],
      [pts[2]!, c!]
    ] as const) {
      const bx = box(p, l);
      expect(bx.x0).toBeGreaterThanOrEqual(0);
      expect(bx.x1).toBeLessThanOrEqual(640);
    }
  });

  it("moves a label that would overlap another one, so no two labels overlap", () => {
    const pts = [
      {x: 4.8, y: 5.1, text: "Wegtransport en opslag"},
      {x: 5, y: 5, text: "Overige horeca (hotels, restaurants, cafés)"},
      {x: 4.6, y: 4.7, text: "Kunst- en antiekhandel"}
    ];
    const placed = placeLabels(pts, frame);
    const boxes = pts.map((p, i) => box(p, placed[i]!));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
        expect(overlap, `${pts[i]!.text} / ${pts[j]!.text}`).toBe(false);
      }
    expect(new Set(placed.map((l) => l.dy)).size).toBeGreaterThan(1);
  });
});
