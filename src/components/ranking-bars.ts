/**
 * Ranking bars: areas sorted by value as horizontal bars, with an optional reference line
 * (such as the region's value). A suppressed area keeps its row, labelled "onderdrukt",
 * without a bar; an area without data says "geen gegevens". Neither is drawn as zero.
 */
import {Plot} from "../lib/plot.js";
import type {Cell} from "../lib/contracts.js";
import {
  chartFigure,
  chartId,
  colorSwatch,
  legendBlock,
  legendItem,
  type ChartFigure,
  type TableCell
} from "../lib/chart-frame.js";
import {formatCel, formatWaarde, tickFormatFor} from "../lib/format.js";
import {MARK_COLOR, REFERENCE_COLOR, TEXT_COLOR, CATEGORICAL} from "../lib/palette.js";
import {TEXTS, eenheidLabel, geenGegevensZin, onderdruktZin} from "../lib/texts.js";
import {
  cellKind,
  collator,
  drawableValue,
  ellipsis,
  extremesSentence,
  sentences,
  tableCell,
  type CellKind
} from "./cells.js";

/** One area to rank. */
export interface RankingItem {
  code: string;
  naam: string;
  cell: Cell | null | undefined;
}

/** A reference value drawn as a dashed line, e.g. the region. */
export interface Reference {
  waarde: number;
  /** Short name, e.g. "Regio". */
  label: string;
}

/** Options of {@link rankingBars}. */
export interface RankingBarsOptions {
  eenheid: string;
  title: string;
  subtitle?: string;
  source: string;
  reference?: Reference | null;
  /** Codes of areas to emphasise (e.g. the gemeente of the briefing). */
  highlight?: string[];
  /** Legend label of the emphasised areas; default "Geselecteerd gebied". */
  highlightLabel?: string;
  /** Draw at most this many rows (highest first, plus highlighted areas); the table keeps all. */
  maxRows?: number;
  /** Axis label; default the unit in words. */
  xLabel?: string;
  width?: number;
  enkelvoud?: string;
  meervoud?: string;
  headingLevel?: 0 | 2 | 3 | 4 | 5 | 6;
}

/** Highlight colour: Okabe-Ito vermillion (3.9:1 on white), distinct from the blue bars. */
const HIGHLIGHT_COLOR = CATEGORICAL[1];
const ROW_HEIGHT = 26;
const FONT_SIZE = 12;

interface Row {
  code: string;
  naam: string;
  cell: Cell | null | undefined;
  kind: CellKind;
  value: number | null;
  highlighted: boolean;
}

const KIND_ORDER: Record<CellKind, number> = {waarde: 0, onderdrukt: 1, "geen-data": 2};

/**
 * A ranking bar chart of `items` (highest first; suppressed and missing rows last, labelled).
 * Returns a `<figure data-chart="ranking">` with text alternative, table and source.
 */
export function rankingBars(items: RankingItem[], options: RankingBarsOptions): ChartFigure {
  const {eenheid} = options;
  const highlight = new Set(options.highlight ?? []);
  const rows: Row[] = items
    .map((item) => ({
      ...item,
      kind: cellKind(item.cell),
      value: drawableValue(item.cell),
      highlighted: highlight.has(item.code)
    }))
    .sort(
      (a, b) =>
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        (b.value ?? 0) - (a.value ?? 0) ||
        collator.compare(a.naam, b.naam)
    );
  const published = rows.filter((r) => r.kind === "waarde");
  const suppressed = rows.filter((r) => r.kind === "onderdrukt");
  const missing = rows.filter((r) => r.kind === "geen-data");
  const reference = options.reference ?? null;
  const id = chartId(options.title);
  const label = options.xLabel ?? eenheidLabel(eenheid);
  // With many areas only the first `maxRows` (and any highlighted area) are drawn; the text
  // alternative and the table still cover all of them.
  const shown =
    options.maxRows !== undefined && rows.length > options.maxRows
      ? rows.filter((r, i) => i < options.maxRows! || r.highlighted)
      : rows;
  const isShown = new Set(shown);
  const shownOf = (subset: Row[]) => subset.filter((r) => isShown.has(r));
  // Area labels are shown whole up to a length that leaves the bars at least 55% of the width;
  // longer ones end in an ellipsis (see `ellipsis`).
  const width = options.width ?? 640;
  const charWidth = FONT_SIZE * 0.55;
  const labelMax = Math.max(12, Math.floor((0.45 * width - 12) / charWidth));
  const short = (naam: string) => ellipsis(naam, labelMax);
  const longest = Math.max(4, ...shown.map((r) => short(r.naam).length));
  const marginLeft = Math.max(60, Math.round(longest * charWidth) + 12);
  // The scale covers the bars that are drawn (with many areas only the first `maxRows`).
  const values = shownOf(published).map((r) => r.value as number);
  if (reference) values.push(reference.waarde);
  const xDomain: [number, number] = [Math.min(0, ...values), Math.max(0, ...values)];
  if (xDomain[0] === xDomain[1]) xDomain[1] = 1;
  // Labels of negative bars sit left of the bar: keep room for them before the axis.
  if (xDomain[0] < 0) xDomain[0] -= 0.2 * (xDomain[1] - xDomain[0]);
  const barFill = (r: Row) => (r.highlighted ? HIGHLIGHT_COLOR : MARK_COLOR);
  const tip = (r: Row) => `${r.naam}\n${formatCel(r.cell, eenheid)}`;
  const valueText = (r: Row) => formatCel(r.cell, eenheid);
  const kindText = (r: Row) => (r.kind === "onderdrukt" ? TEXTS.onderdrukt : TEXTS.geenGegevens);

  const plot = Plot.plot({
    width,
    height: Math.max(1, shown.length) * ROW_HEIGHT + (reference ? 64 : 44),
    marginLeft,
    marginRight: 72,
    marginTop: reference ? 30 : 10,
    style: {color: TEXT_COLOR, background: "white", fontSize: `${FONT_SIZE}px`},
    ariaLabel: options.title,
    x: {domain: xDomain, nice: true, grid: true, label, tickFormat: tickFormatFor(eenheid)},
    y: {domain: shown.map((r) => r.naam), label: null, padding: 0.25, tickFormat: short},
    marks: [
      Plot.barX(shownOf(published), {
        x: "value",
        y: "naam",
        fill: barFill,
        title: tip,
        tip: true,
        className: "staven",
        ariaLabel: (r: Row) => `${r.naam}: ${formatCel(r.cell, eenheid)}`
      }),
      // Value labels sit beyond the bar's end: right of positive bars, left of negative ones.
      Plot.text(
        shownOf(published).filter((r) => (r.value as number) >= 0),
        {
          x: "value",
          y: "naam",
          text: valueText,
          textAnchor: "start",
          dx: 4,
          fill: TEXT_COLOR,
          className: "waarden"
        }
      ),
      Plot.text(
        shownOf(published).filter((r) => (r.value as number) < 0),
        {
          x: "value",
          y: "naam",
          text: valueText,
          textAnchor: "end",
          dx: -4,
          fill: TEXT_COLOR,
          className: "waarden"
        }
      ),
      // Suppressed and missing rows: a label at the axis, no bar, no x position taken from data.
      Plot.text(shownOf([...suppressed, ...missing]), {
        y: "naam",
        text: kindText,
        frameAnchor: "left",
        textAnchor: "start",
        dx: 4,
        fill: TEXT_COLOR,
        fontStyle: "italic",
        className: "onderdrukt-label"
      }),
      Plot.ruleX([0], {stroke: TEXT_COLOR}),
      ...(reference
        ? [
            Plot.ruleX([reference.waarde], {
              stroke: REFERENCE_COLOR,
              strokeWidth: 1.5,
              strokeDasharray: "5,3",
              className: "referentielijn"
            }),
            Plot.text([reference.waarde], {
              x: (d: number) => d,
              text: () => `${reference.label}: ${formatWaarde(reference.waarde, eenheid)}`,
              frameAnchor: "top",
              dy: -16,
              fill: TEXT_COLOR,
              className: "referentie"
            })
          ]
        : [])
    ]
  });

  const legendItems = [];
  if (highlight.size > 0 && published.some((r) => r.highlighted)) {
    legendItems.push(
      legendItem(colorSwatch(HIGHLIGHT_COLOR), options.highlightLabel ?? "Geselecteerd gebied")
    );
  }
  const legend = legendBlock({items: legendItems});

  const enkelvoud = options.enkelvoud ?? "gebied";
  const meervoud = options.meervoud ?? "gebieden";
  let referenceSentence = "";
  if (reference && published.length > 0) {
    const above = published.filter((r) => (r.value as number) > reference.waarde).length;
    referenceSentence = `${above} van ${published.length} ${published.length === 1 ? enkelvoud : meervoud} ${above === 1 ? "ligt" : "liggen"} boven ${reference.label} (${formatWaarde(reference.waarde, eenheid)}).`;
  }
  const summary = sentences(
    published.length === 0
      ? TEXTS.geenWaarden
      : extremesSentence(
          published.map((r) => ({naam: r.naam, waarde: r.value as number})),
          eenheid
        ),
    referenceSentence,
    onderdruktZin(suppressed.length, enkelvoud, meervoud),
    geenGegevensZin(missing.length, enkelvoud, meervoud)
  );

  // Competition ranking: equal values share a rank (1, 2, 2, 4).
  const rankOf = (r: Row) => 1 + published.filter((p) => (p.value as number) > (r.value as number)).length;
  const tableRows: TableCell[][] = rows.map((r) => [
    r.naam,
    tableCell(r.cell, eenheid),
    r.kind === "waarde" ? {text: String(rankOf(r)), value: rankOf(r)} : {text: "", value: null}
  ]);
  if (reference) {
    tableRows.push([
      `${reference.label} (${TEXTS.referentie.toLowerCase()})`,
      {text: formatWaarde(reference.waarde, eenheid), value: reference.waarde},
      ""
    ]);
  }

  return chartFigure({
    kind: "ranking",
    id,
    title: options.title,
    subtitle: options.subtitle,
    source: options.source,
    chart: plot as SVGSVGElement,
    legend,
    table: {
      columns: [{label: TEXTS.gebied}, {label, numeric: true}, {label: TEXTS.rang, numeric: true}],
      rows: tableRows
    },
    summary,
    suppressedNote:
      sentences(
        shown.length < rows.length
          ? `Getoond: ${shown.length} van ${rows.length} ${meervoud}; alle waarden staan in de tabel.`
          : "",
        published.some((r) => r.cell?.status === "afgerond") ? TEXTS.afgerondNoot : ""
      ) || undefined,
    headingLevel: options.headingLevel
  });
}
