/**
 * Branch profile: a scatter of risk branches on two indicators (e.g. establishments per 1,000
 * inhabitants against growth), each point labelled with the branch name, with optional
 * reference lines (such as location quotient 1). A branch whose value is suppressed on either
 * axis cannot be placed: it is named below the chart and in the table, never put at zero.
 */
import * as Plot from "@observablehq/plot";
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
import {CATEGORICAL, MARK_COLOR, REFERENCE_COLOR, TEXT_COLOR} from "../lib/palette.js";
import {TEXTS} from "../lib/texts.js";
import {cellKind, collator, drawableValue, sentences, tableCell} from "./cells.js";

/** One branch with its two values. */
export interface BranchPoint {
  /** Branch key (e.g. SBI code or catalogue id). */
  branche: string;
  /** Dutch branch name shown as label. */
  naam: string;
  x: Cell | null | undefined;
  y: Cell | null | undefined;
  /** Optional group (e.g. "klassiek", "opkomend"), coloured with Okabe-Ito and shown in the legend. */
  groep?: string;
}

/** One axis of the profile. */
export interface ProfileAxis {
  label: string;
  eenheid: string;
  /** Reference value drawn as a dashed line (e.g. 1 for a location quotient). */
  reference?: number;
}

/** Options of {@link branchProfile}. */
export interface BranchProfileOptions {
  title: string;
  subtitle?: string;
  source: string;
  x: ProfileAxis;
  y: ProfileAxis;
  width?: number;
  height?: number;
  headingLevel?: 0 | 2 | 3 | 4 | 5 | 6;
}

interface Placed extends BranchPoint {
  xv: number;
  yv: number;
}

/**
 * A labelled scatter of branches. Returns a `<figure data-chart="branch-profile">` with a group
 * legend, a note naming unplaceable (suppressed or missing) branches, text alternative, table, source.
 */
export function branchProfile(points: BranchPoint[], options: BranchProfileOptions): ChartFigure {
  const id = chartId(options.title);
  const placed: Placed[] = [];
  const unplaced: BranchPoint[] = [];
  for (const p of points) {
    const xv = drawableValue(p.x);
    const yv = drawableValue(p.y);
    if (xv === null || yv === null) unplaced.push(p);
    else placed.push({...p, xv, yv});
  }
  const groups = [...new Set(points.map((p) => p.groep).filter((g): g is string => g !== undefined))];
  const colorOf = (groep: string | undefined) =>
    groep === undefined ? MARK_COLOR : CATEGORICAL[groups.indexOf(groep) % CATEGORICAL.length];
  const tip = (p: Placed) =>
    `${p.naam}\n${options.x.label}: ${formatCel(p.x, options.x.eenheid)}\n${options.y.label}: ${formatCel(p.y, options.y.eenheid)}`;
  const refs = {x: options.x.reference, y: options.y.reference};

  const xValues = placed.map((p) => p.xv);
  const xMin = Math.min(...xValues, refs.x ?? Infinity);
  const xMax = Math.max(...xValues, refs.x ?? -Infinity);
  const side = (p: Placed): "start" | "middle" | "end" => {
    const f = xMax > xMin ? (p.xv - xMin) / (xMax - xMin) : 0.5;
    return f < 0.25 ? "start" : f > 0.75 ? "end" : "middle";
  };
  const plot = Plot.plot({
    width: options.width ?? 640,
    height: options.height ?? 420,
    marginLeft: 60,
    marginRight: 40,
    marginBottom: 44,
    inset: 16,
    style: {color: TEXT_COLOR, background: "white", fontSize: "12px"},
    ariaLabel: options.title,
    x: {label: options.x.label, grid: true, tickFormat: tickFormatFor(options.x.eenheid), ticks: 5},
    y: {label: options.y.label, grid: true, tickFormat: tickFormatFor(options.y.eenheid), ticks: 5},
    marks: [
      ...(refs.x !== undefined
        ? [Plot.ruleX([refs.x], {stroke: REFERENCE_COLOR, strokeDasharray: "5,3", className: "referentie-x"})]
        : []),
      ...(refs.y !== undefined
        ? [Plot.ruleY([refs.y], {stroke: REFERENCE_COLOR, strokeDasharray: "5,3", className: "referentie-y"})]
        : []),
      Plot.dot(placed, {
        x: "xv",
        y: "yv",
        r: 6,
        fill: (p: Placed) => colorOf(p.groep),
        stroke: "white",
        strokeWidth: 1,
        title: tip,
        tip: true,
        className: "branches",
        ariaLabel: tip
      }),
      // Labels of points near the left or right edge grow inwards, so long names are not cut off.
      ...(["start", "middle", "end"] as const).map((anchor) =>
        Plot.text(
          placed.filter((p) => side(p) === anchor),
          {
            x: "xv",
            y: "yv",
            text: "naam",
            dy: -12,
            dx: anchor === "start" ? -6 : anchor === "end" ? 6 : 0,
            textAnchor: anchor,
            fill: TEXT_COLOR,
            stroke: "white",
            strokeWidth: 3,
            paintOrder: "stroke",
            className: "namen"
          }
        )
      )
    ]
  });

  const items = groups.map((g) => legendItem(colorSwatch(colorOf(g), "circle"), g));
  const legend = legendBlock({items});

  const unplacedNames = [...unplaced].sort((a, b) => collator.compare(a.naam, b.naam));
  const suppressedNames = unplacedNames.filter(
    (p) => cellKind(p.x) === "onderdrukt" || cellKind(p.y) === "onderdrukt"
  );
  const missingNames = unplacedNames.filter((p) => !suppressedNames.includes(p));
  const note = sentences(
    suppressedNames.length > 0
      ? `Niet getoond omdat een waarde is onderdrukt: ${suppressedNames.map((p) => p.naam).join(", ")}.`
      : "",
    missingNames.length > 0
      ? `Niet getoond wegens ontbrekende gegevens: ${missingNames.map((p) => p.naam).join(", ")}.`
      : ""
  );

  const top = (key: "xv" | "yv") =>
    [...placed].sort((a, b) => b[key] - a[key] || collator.compare(a.naam, b.naam))[0];
  let extremes: string = TEXTS.geenWaarden;
  if (placed.length > 0) {
    const tx = top("xv");
    const ty = top("yv");
    extremes = `Hoogste ${options.x.label.toLowerCase()}: ${tx.naam} (${formatWaarde(tx.xv, options.x.eenheid)}). Hoogste ${options.y.label.toLowerCase()}: ${ty.naam} (${formatWaarde(ty.yv, options.y.eenheid)}).`;
  }
  const above =
    refs.x !== undefined && refs.y !== undefined && placed.length > 0
      ? `${placed.filter((p) => p.xv > refs.x! && p.yv > refs.y!).length} van ${placed.length} branches liggen op beide assen boven de referentie.`
      : "";
  const summary = sentences(
    extremes,
    above,
    suppressedNames.length > 0
      ? `${suppressedNames.length} ${suppressedNames.length === 1 ? "branche is" : "branches zijn"} onderdrukt.`
      : "",
    missingNames.length > 0
      ? `Voor ${missingNames.length} ${missingNames.length === 1 ? "branche" : "branches"} zijn geen gegevens.`
      : ""
  );

  const tableRows: TableCell[][] = [...points]
    .sort((a, b) => collator.compare(a.naam, b.naam))
    .map((p) => [
      p.naam,
      ...(groups.length > 0 ? [p.groep ?? ""] : []),
      tableCell(p.x, options.x.eenheid),
      tableCell(p.y, options.y.eenheid)
    ]);

  return chartFigure({
    kind: "branch-profile",
    id,
    title: options.title,
    subtitle: options.subtitle,
    source: options.source,
    chart: plot as SVGSVGElement,
    legend,
    table: {
      columns: [
        {label: TEXTS.branche},
        ...(groups.length > 0 ? [{label: "Groep"}] : []),
        {label: options.x.label, numeric: true},
        {label: options.y.label, numeric: true}
      ],
      rows: tableRows
    },
    summary,
    suppressedNote: note || undefined,
    headingLevel: options.headingLevel
  });
}
