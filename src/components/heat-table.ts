/**
 * Heat table: rows (areas) by columns (components or categories) as coloured cells, so values
 * in different units that share one scale (z-scores, rates) can be read side by side. A
 * suppressed cell is hatched and a missing cell grey, each named in the legend; neither is
 * ever coloured as a value.
 */
import type * as PlotTypes from "@observablehq/plot";
import {Plot} from "../lib/plot.js";
import type {Cell} from "../lib/contracts.js";
import {
  chartFigure,
  chartId,
  hatchDefsMark,
  hatchFill,
  legendBlock,
  suppressionLegendItems,
  type ChartFigure,
  type TableCell
} from "../lib/chart-frame.js";
import {formatCel, tickFormatFor} from "../lib/format.js";
import {MISSING_FILL, OUTLINE_STROKE, SEQUENTIAL_SCHEME, TEXT_COLOR} from "../lib/palette.js";
import {TEXTS, eenheidLabel} from "../lib/texts.js";
import {colorLegend} from "./legend.js";
import {
  cellKind,
  drawableValue,
  ellipsis,
  extremesSentence,
  sentences,
  tableCell,
  type CellKind
} from "./cells.js";

/** One row or column of the heat table. */
export interface HeatAxisItem {
  key: string;
  label: string;
}

/** Input of {@link heatTable}: rows, columns and the cell of each (row, column). */
export interface HeatTableData {
  rows: HeatAxisItem[];
  columns: HeatAxisItem[];
  /** The cell at a row and column; undefined = no data. */
  cell(row: string, column: string): Cell | null | undefined;
}

/** Options of {@link heatTable}. */
export interface HeatTableOptions {
  eenheid: string;
  title: string;
  subtitle?: string;
  source: string;
  /** "diverging" centres the colours on `pivot` (z-scores); "sequential" runs from low to high. */
  kleur?: "diverging" | "sequential";
  pivot?: number;
  /** Clamp of the colour domain (symmetric around the pivot for diverging); default from the data. */
  grens?: number;
  legendLabel?: string;
  direction?: string;
  width?: number;
  headingLevel?: 0 | 2 | 3 | 4 | 5 | 6;
}

interface Point {
  row: string;
  rowLabel: string;
  column: string;
  columnLabel: string;
  cell: Cell | null | undefined;
  kind: CellKind;
  value: number | null;
}

/** Longest axis label shown whole (characters). */
const LABEL_MAX = 44;
const ROW_HEIGHT = 22;

/**
 * A heat table figure (`<figure data-chart="heat-table">`) with colour legend, suppression
 * legend, text alternative, a table with one row per row item and source line.
 */
export function heatTable(data: HeatTableData, options: HeatTableOptions): ChartFigure {
  const {eenheid} = options;
  const points: Point[] = data.rows.flatMap((r) =>
    data.columns.map((c) => {
      const cell = data.cell(r.key, c.key);
      return {
        row: r.key,
        rowLabel: r.label,
        column: c.key,
        columnLabel: c.label,
        cell,
        kind: cellKind(cell),
        value: drawableValue(cell)
      };
    })
  );
  const published = points.filter((p) => p.kind === "waarde");
  const suppressed = points.filter((p) => p.kind === "onderdrukt");
  const missing = points.filter((p) => p.kind === "geen-data");
  const id = chartId(options.title);
  const patternId = `${id}-arcering`;
  const label = options.legendLabel ?? eenheidLabel(eenheid);
  const values = published.map((p) => p.value as number);
  const diverging = (options.kleur ?? "diverging") === "diverging";
  const pivot = options.pivot ?? 0;
  const spread = options.grens ?? Math.max(1e-9, ...values.map((v) => Math.abs(v - (diverging ? pivot : 0))));
  const color: PlotTypes.ScaleOptions = diverging
    ? {
        type: "diverging",
        // PuOr runs from orange to purple; reversed, higher (more vulnerable) values are orange.
        scheme: "PuOr",
        reverse: false,
        pivot,
        domain: [pivot - spread, pivot + spread],
        clamp: true,
        label,
        tickFormat: tickFormatFor(eenheid)
      }
    : {
        type: "linear",
        scheme: SEQUENTIAL_SCHEME as PlotTypes.ColorScheme,
        reverse: true,
        domain: [Math.min(0, ...values), Math.max(1e-9, ...values)],
        label,
        tickFormat: tickFormatFor(eenheid)
      };
  // Axis labels longer than LABEL_MAX characters end in an ellipsis (see `ellipsis`).
  const short = (label: string) => ellipsis(label, LABEL_MAX);
  const longest = Math.max(4, ...data.rows.map((r) => short(r.label).length));
  // About 6.5 px per character at 12 px (6 at 11 px, measured in Chromium; 7 left a wide empty band).
  const marginLeft = Math.round(longest * 6.5) + 12;
  const tallest = Math.max(4, ...data.columns.map((c) => short(c.label).length));
  const marginTop = Math.round(tallest * 5.2) + 16;
  // At least 22 px per column: on a phone the table scrolls sideways instead of shrinking its
  // labels below 12 px (the SVG is not scaled down to the screen, see below).
  const width = Math.max(options.width ?? 640, marginLeft + 70 + data.columns.length * 22);
  const tip = (p: Point) => `${p.rowLabel}\n${p.columnLabel}: ${formatCel(p.cell, eenheid)}`;
  const band = {x: "columnLabel", y: "rowLabel", inset: 0.5} as const;

  const plot = Plot.plot({
    width,
    height: Math.max(1, data.rows.length) * ROW_HEIGHT + marginTop + 10,
    marginLeft,
    marginTop,
    marginBottom: 10,
    // Column labels are rotated to the upper right: the last one needs room beyond the frame.
    marginRight: 70,
    style: {color: TEXT_COLOR, background: "white", fontSize: "12px"},
    ariaLabel: options.title,
    color,
    x: {
      domain: data.columns.map((c) => c.label),
      axis: "top",
      label: null,
      tickRotate: -60,
      tickSize: 0,
      tickFormat: short
    },
    y: {domain: data.rows.map((r) => r.label), label: null, tickSize: 0, tickFormat: short},
    marks: [
      hatchDefsMark(patternId),
      Plot.cell(published, {
        ...band,
        fill: "value",
        title: tip,
        tip: true,
        className: "waarden",
        ariaLabel: (p: Point) => `${p.rowLabel}, ${p.columnLabel}: ${formatCel(p.cell, eenheid)}`
      }),
      Plot.cell(suppressed, {
        ...band,
        fill: hatchFill(patternId),
        stroke: OUTLINE_STROKE,
        strokeWidth: 0.5,
        className: "onderdrukt",
        ariaLabel: (p: Point) => `${p.rowLabel}, ${p.columnLabel}: ${TEXTS.onderdrukt}`
      }),
      Plot.cell(missing, {
        ...band,
        fill: MISSING_FILL,
        className: "geen-gegevens",
        ariaLabel: (p: Point) => `${p.rowLabel}, ${p.columnLabel}: ${TEXTS.geenGegevens}`
      })
    ]
  });

  const ramp =
    published.length > 0
      ? colorLegend(plot.scale("color")!, {id: patternId, label, tickFormat: tickFormatFor(eenheid)})
      : null;
  const legend = legendBlock({
    scale: ramp,
    note: options.direction,
    items: suppressionLegendItems({
      id: patternId,
      suppressed: suppressed.length > 0,
      missing: missing.length > 0
    })
  });

  const named = published.map((p) => ({naam: `${p.rowLabel} (${p.columnLabel})`, waarde: p.value as number}));
  const summary = sentences(
    published.length === 0 ? TEXTS.geenWaarden : extremesSentence(named, eenheid),
    `${published.length} van de ${points.length} cellen ${published.length === 1 ? "heeft" : "hebben"} een waarde.`,
    suppressed.length > 0
      ? `${suppressed.length} ${suppressed.length === 1 ? "cel is" : "cellen zijn"} onderdrukt.`
      : "",
    missing.length > 0
      ? `${missing.length} ${missing.length === 1 ? "cel heeft" : "cellen hebben"} geen gegevens.`
      : ""
  );

  const tableRows: TableCell[][] = data.rows.map((r) => [
    r.label,
    ...data.columns.map((c) => tableCell(data.cell(r.key, c.key), eenheid))
  ]);

  return chartFigure({
    kind: "heat-table",
    id,
    title: options.title,
    subtitle: options.subtitle,
    source: options.source,
    chart: plot as SVGSVGElement,
    legend,
    table: {
      columns: [{label: TEXTS.gebied}, ...data.columns.map((c) => ({label: c.label, numeric: true}))],
      rows: tableRows
    },
    summary,
    suppressedNote: published.some((p) => p.cell?.status === "afgerond") ? TEXTS.afgerondNoot : undefined,
    headingLevel: options.headingLevel,
    scroll: true
  });
}
