/**
 * Small multiples over years: one small line chart per area, on a shared scale, so trends
 * compare at a glance. A suppressed year is a hatched column and a missing year a grey one; the
 * line breaks there instead of dropping to zero.
 */
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
import {formatCel, formatJaar, formatVerandering, tickFormatFor} from "../lib/format.js";
import {MARK_COLOR, MISSING_FILL, TEXT_COLOR} from "../lib/palette.js";
import {TEXTS, eenheidLabel} from "../lib/texts.js";
import {cellKind, drawableValue, extremesSentence, sentences, tableCell, type CellKind} from "./cells.js";

/** Options of {@link smallMultiples}. */
export interface SmallMultiplesOptions {
  eenheid: string;
  title: string;
  subtitle?: string;
  source: string;
  /** Area names by code; the order of this map is the order of the panels. */
  names: Map<string, string> | Record<string, string>;
  /** Years to show (so missing years show as gaps); default every year from first to last cell. */
  years?: number[];
  /** Panels per row; default up to 3. */
  columns?: number;
  width?: number;
  /** Height of one panel in pixels; default 130. */
  panelHeight?: number;
  yLabel?: string;
  enkelvoud?: string;
  meervoud?: string;
  headingLevel?: 0 | 2 | 3 | 4 | 5 | 6;
}

interface Point {
  code: string;
  naam: string;
  jaar: number;
  cell: Cell | undefined;
  kind: CellKind;
  value: number | null;
  fx: number;
  fy: number;
}

/**
 * Small multiples of `cells` (one panel per `gebiedcode`, x = `jaar`). Returns a
 * `<figure data-chart="small-multiples">` with legend, text alternative, a wide table and source.
 */
export function smallMultiples(cells: Cell[], options: SmallMultiplesOptions): ChartFigure {
  const {eenheid} = options;
  const names = options.names instanceof Map ? options.names : new Map(Object.entries(options.names));
  // Panels: every named area, then any area with cells but no name (shown by its code).
  const codes = [...names.keys()];
  for (const c of cells)
    if (!names.has(c.gebiedcode) && !codes.includes(c.gebiedcode)) codes.push(c.gebiedcode);
  const cellYears = cells.map((c) => c.jaar);
  const years =
    options.years ??
    (cellYears.length === 0
      ? []
      : Array.from(
          {length: Math.max(...cellYears) - Math.min(...cellYears) + 1},
          (_, i) => Math.min(...cellYears) + i
        ));
  const columns = Math.max(1, Math.min(options.columns ?? 3, codes.length));
  const byKey = new Map(cells.map((c) => [`${c.gebiedcode}|${c.jaar}`, c]));
  const points: Point[] = codes.flatMap((code, i) =>
    years.map((jaar) => {
      const cell = byKey.get(`${code}|${jaar}`);
      return {
        code,
        naam: names.get(code) ?? code,
        jaar,
        cell,
        kind: cellKind(cell),
        value: drawableValue(cell),
        fx: i % columns,
        fy: Math.floor(i / columns)
      };
    })
  );
  const published = points.filter((p) => p.kind === "waarde");
  const suppressed = points.filter((p) => p.kind === "onderdrukt");
  const missing = points.filter((p) => p.kind === "geen-data");
  const id = chartId(options.title);
  const patternId = `${id}-arcering`;
  const values = published.map((p) => p.value as number);
  const yMin = Math.min(0, ...values);
  // Headroom above the highest value keeps the panel's name clear of the line.
  const yMax = values.length === 0 ? 1 : Math.max(0, ...values) * 1.3 || 1;
  const rowsOfPanels = Math.ceil(codes.length / columns);
  const panelHeight = options.panelHeight ?? 130;
  const tickYears = years.length <= 6 ? years : years.filter((_, i) => (years.length - 1 - i) % 2 === 0);
  const panels = codes.map((code, i) => ({
    naam: names.get(code) ?? code,
    fx: i % columns,
    fy: Math.floor(i / columns)
  }));
  const label = options.yLabel ?? eenheidLabel(eenheid);
  const tip = (p: Point) => `${p.naam}, ${formatJaar(p.jaar)}\n${formatCel(p.cell, eenheid)}`;
  const band = {
    x1: (p: Point) => p.jaar - 0.4,
    x2: (p: Point) => p.jaar + 0.4,
    y1: () => yMin,
    y2: () => yMax,
    fx: "fx",
    fy: "fy"
  } as const;

  const plot = Plot.plot({
    width: options.width ?? 640,
    height: rowsOfPanels * panelHeight + 50,
    marginLeft: 56,
    marginTop: 10,
    marginBottom: 40,
    style: {color: TEXT_COLOR, background: "white", fontSize: "12px"},
    ariaLabel: options.title,
    fx: {axis: null, padding: 0.12},
    fy: {axis: null, padding: 0.18},
    x: {
      domain: years.length > 0 ? [Math.min(...years) - 0.5, Math.max(...years) + 0.5] : [0, 1],
      ticks: tickYears,
      tickFormat: (d: number) => formatJaar(d),
      label: null
    },
    y: {domain: [yMin, yMax], ticks: 3, grid: true, label, tickFormat: tickFormatFor(eenheid)},
    marks: [
      hatchDefsMark(patternId),
      Plot.frame({stroke: "#bdbdbd"}),
      Plot.rect(suppressed, {...band, fill: hatchFill(patternId), className: "onderdrukt"}),
      Plot.rect(missing, {...band, fill: MISSING_FILL, className: "geen-gegevens"}),
      // The line breaks at null values, so a suppressed or missing year is a gap, never zero.
      Plot.line(points, {
        x: "jaar",
        y: "value",
        z: "code",
        fx: "fx",
        fy: "fy",
        stroke: MARK_COLOR,
        strokeWidth: 2,
        className: "lijnen"
      }),
      Plot.dot(published, {
        x: "jaar",
        y: "value",
        fx: "fx",
        fy: "fy",
        fill: MARK_COLOR,
        r: 3,
        title: tip,
        tip: true,
        className: "waarden",
        ariaLabel: tip
      }),
      Plot.text(panels, {
        fx: "fx",
        fy: "fy",
        text: "naam",
        frameAnchor: "top-left",
        dx: 4,
        dy: 4,
        fill: TEXT_COLOR,
        fontWeight: "bold",
        className: "gebiedsnamen"
      })
    ]
  });

  const legend = legendBlock({
    items: suppressionLegendItems({
      id: patternId,
      suppressed: suppressed.length > 0,
      missing: missing.length > 0
    })
  });

  // Text alternative: extremes in the last year with values, the largest rise and fall, and gaps.
  const lastYear = published.length > 0 ? Math.max(...published.map((p) => p.jaar)) : null;
  const lastValues = published
    .filter((p) => p.jaar === lastYear)
    .map((p) => ({naam: p.naam, waarde: p.value as number}));
  const changes = codes.flatMap((code) => {
    const own = published.filter((p) => p.code === code);
    if (own.length < 2) return [];
    const first = own[0];
    const last = own[own.length - 1];
    return [
      {
        naam: first.naam,
        delta: (last.value as number) - (first.value as number),
        van: first.jaar,
        tot: last.jaar
      }
    ];
  });
  const sortedChanges = [...changes].sort((a, b) => b.delta - a.delta);
  const rise = sortedChanges[0];
  const fall = sortedChanges[sortedChanges.length - 1];
  const changeSentence = (c: (typeof changes)[number], word: string) =>
    `${word}: ${c.naam} (${formatVerandering(c.delta, eenheid === "aantal" ? 0 : 1)} van ${formatJaar(c.van)} tot ${formatJaar(c.tot)}).`;
  const summary = sentences(
    lastYear === null
      ? TEXTS.geenWaarden
      : `Laatste jaar: ${formatJaar(lastYear)}. ${extremesSentence(lastValues, eenheid)}`,
    rise && rise.delta > 0 ? changeSentence(rise, "Grootste stijging") : "",
    fall && fall.delta < 0 ? changeSentence(fall, "Grootste daling") : "",
    suppressed.length > 0
      ? `${suppressed.length} ${suppressed.length === 1 ? "jaarwaarde is" : "jaarwaarden zijn"} onderdrukt.`
      : "",
    missing.length > 0
      ? `${missing.length} ${missing.length === 1 ? "jaarwaarde ontbreekt" : "jaarwaarden ontbreken"}.`
      : ""
  );

  const tableRows: TableCell[][] = codes.map((code) => [
    names.get(code) ?? code,
    ...years.map((jaar) => tableCell(byKey.get(`${code}|${jaar}`), eenheid))
  ]);

  return chartFigure({
    kind: "small-multiples",
    id,
    title: options.title,
    subtitle: options.subtitle,
    source: options.source,
    chart: plot as SVGSVGElement,
    legend,
    table: {
      columns: [{label: TEXTS.gebied}, ...years.map((jaar) => ({label: formatJaar(jaar), numeric: true}))],
      rows: tableRows
    },
    summary,
    suppressedNote: published.some((p) => p.cell?.status === "afgerond") ? TEXTS.afgerondNoot : undefined,
    headingLevel: options.headingLevel
  });
}
