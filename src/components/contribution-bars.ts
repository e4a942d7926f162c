/**
 * Contribution bars: how a composite score is built up, one stacked bar per area with one
 * segment per component (positive segments to the right of zero, negative ones to the left),
 * and a black tick at the score itself. The segments add up to the score.
 */
import {Plot} from "../lib/plot.js";
import {schemeTableau10} from "d3-scale-chromatic";
import {
  chartFigure,
  chartId,
  colorSwatch,
  legendBlock,
  legendItem,
  type ChartFigure,
  type TableCell
} from "../lib/chart-frame.js";
import {formatIndex, formatVerandering} from "../lib/format.js";
import {TEXT_COLOR} from "../lib/palette.js";
import {TEXTS} from "../lib/texts.js";

/** One area: its label, score and the contribution of each component (by component id). */
export interface ContributionItem {
  label: string;
  score: number;
  bijdragen: Record<string, number>;
}

/** Options of {@link contributionBars}. */
export interface ContributionBarsOptions {
  /** The components in legend order. */
  componenten: ReadonlyArray<{id: string; naam: string}>;
  title: string;
  subtitle?: string;
  source: string;
  width?: number;
  headingLevel?: 0 | 2 | 3 | 4 | 5 | 6;
}

const ROW_HEIGHT = 28;

interface Segment {
  label: string;
  id: string;
  naam: string;
  waarde: number;
}

/** A stacked contribution chart of `items` (in the given order). */
export function contributionBars(items: ContributionItem[], options: ContributionBarsOptions): ChartFigure {
  const id = chartId(options.title);
  const colors = new Map(options.componenten.map((c, i) => [c.id, schemeTableau10[i % 10]!]));
  const used = options.componenten.filter((c) => items.some((it) => (it.bijdragen[c.id] ?? 0) !== 0));
  const segments: Segment[] = items.flatMap((it) =>
    used.map((c) => ({label: it.label, id: c.id, naam: c.naam, waarde: it.bijdragen[c.id] ?? 0}))
  );
  const longest = Math.max(4, ...items.map((it) => it.label.length));
  const plot = Plot.plot({
    width: options.width ?? 640,
    height: Math.max(1, items.length) * ROW_HEIGHT + 44,
    marginLeft: Math.min(240, Math.max(60, Math.round(longest * 7.2) + 12)),
    marginRight: 24,
    style: {color: TEXT_COLOR, background: "white", fontSize: "12px"},
    ariaLabel: options.title,
    x: {grid: true, label: "bijdrage aan de index", tickFormat: (v: number) => formatIndex(v)},
    y: {domain: items.map((it) => it.label), label: null, padding: 0.2},
    color: {domain: used.map((c) => c.id), range: used.map((c) => colors.get(c.id)!)},
    marks: [
      Plot.barX(segments, {
        x: "waarde",
        y: "label",
        fill: "id",
        title: (s: Segment) => `${s.label}\n${s.naam}: ${formatVerandering(s.waarde, 2)}`,
        tip: true,
        className: "segmenten",
        ariaLabel: (s: Segment) => `${s.label}, ${s.naam}: ${formatVerandering(s.waarde, 2)}`
      }),
      Plot.ruleX([0], {stroke: TEXT_COLOR}),
      Plot.tickX(items, {
        x: "score",
        y: "label",
        stroke: "#000000",
        strokeWidth: 3,
        className: "score",
        ariaLabel: (it: ContributionItem) => `${it.label}: score ${formatIndex(it.score)}`
      })
    ]
  });
  const legend = legendBlock({
    note: "Zwarte streep: de score (de som van de delen).",
    items: used.map((c) => legendItem(colorSwatch(colors.get(c.id)!), c.naam))
  });
  // The largest contribution of the first area, for the text alternative.
  const first = items[0];
  let summary: string = TEXTS.geenWaarden;
  if (first) {
    const top = [...used].sort(
      (a, b) => Math.abs(first.bijdragen[b.id] ?? 0) - Math.abs(first.bijdragen[a.id] ?? 0)
    )[0];
    summary =
      `${first.label} heeft score ${formatIndex(first.score)}` +
      (top
        ? `; het grootste deel komt van ${top.naam.toLowerCase()} (${formatVerandering(first.bijdragen[top.id] ?? 0, 2)}).`
        : ".") +
      ` De grafiek toont ${items.length === 1 ? "1 gebied" : `${items.length} gebieden`}; alle bijdragen staan in de tabel.`;
  }
  const rows: TableCell[][] = items.map((it) => [
    it.label,
    {text: formatIndex(it.score), value: it.score},
    ...used.map((c) => ({
      text: formatVerandering(it.bijdragen[c.id] ?? 0, 2),
      value: Math.round((it.bijdragen[c.id] ?? 0) * 10000) / 10000
    }))
  ]);
  return chartFigure({
    kind: "bijdragen",
    id,
    title: options.title,
    subtitle: options.subtitle,
    source: options.source,
    chart: plot as SVGSVGElement,
    legend,
    table: {
      columns: [
        {label: TEXTS.gebied},
        {label: "Score", numeric: true},
        ...used.map((c) => ({label: c.naam, numeric: true}))
      ],
      rows
    },
    summary,
    headingLevel: options.headingLevel
  });
}
