/**
 * Branch profile: a scatter of risk branches on two indicators (e.g. establishments per 1,000
 * inhabitants against growth), each point labelled with the branch name, with optional
 * reference lines (such as location quotient 1). A branch whose value is suppressed on either
 * axis cannot be placed: it is named below the chart and in the table, never put at zero.
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

  const width = options.width ?? 640;
  const height = options.height ?? 420;
  const frame = {top: 28, right: 40, bottom: 44, left: 60, inset: 16};
  const extent = (values: number[]): [number, number] => {
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
  };
  // Explicit domains (the extent of the points and reference lines, as Plot would take them), so
  // the label positions computed here in pixels are where Plot draws them.
  const xDomain = extent([...placed.map((p) => p.xv), ...(refs.x !== undefined ? [refs.x] : [])]);
  const yDomain = extent([...placed.map((p) => p.yv), ...(refs.y !== undefined ? [refs.y] : [])]);
  const scales = {
    x: {
      domain: xDomain,
      range: [frame.left + frame.inset, width - frame.right - frame.inset] as [number, number]
    },
    y: {
      domain: yDomain,
      range: [height - frame.bottom - frame.inset, frame.top + frame.inset] as [number, number]
    }
  };
  const labels = placeLabels(
    placed.map((p) => ({x: p.xv, y: p.yv, text: p.naam})),
    {...scales, width, height}
  );
  // Plot's text offsets are constants, so each label gets its own position in data units.
  const labelled = placed.map((p, i) => {
    const l = labels[i]!;
    return {
      ...p,
      anchor: l.anchor,
      lx: fromPixel(scales.x, toPixel(scales.x, p.xv) + l.dx),
      ly: fromPixel(scales.y, toPixel(scales.y, p.yv) + l.dy)
    };
  });
  const plot = Plot.plot({
    width,
    height,
    marginTop: frame.top,
    marginLeft: frame.left,
    marginRight: frame.right,
    marginBottom: frame.bottom,
    inset: frame.inset,
    style: {color: TEXT_COLOR, background: "white", fontSize: "12px"},
    ariaLabel: options.title,
    x: {
      label: options.x.label,
      grid: true,
      tickFormat: tickFormatFor(options.x.eenheid),
      ticks: 5,
      domain: xDomain
    },
    y: {
      label: options.y.label,
      grid: true,
      tickFormat: tickFormatFor(options.y.eenheid),
      ticks: 5,
      domain: yDomain
    },
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
      // Labels placed by `placeLabels`: near the left or right edge they grow inwards, and a label
      // that would overlap another moves below its point or further away.
      ...(["start", "middle", "end"] as const).map((anchor) =>
        Plot.text(
          labelled.filter((p) => p.anchor === anchor),
          {
            x: "lx",
            y: "ly",
            text: "naam",
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

/** Where a label goes relative to its point: text anchor and offset in pixels. */
export interface LabelPlacement {
  anchor: "start" | "middle" | "end";
  dx: number;
  dy: number;
}

interface LinearScale {
  domain: [number, number];
  range: [number, number];
}

/** A value's pixel position on a linear scale (as Plot maps it). */
function toPixel(s: LinearScale, v: number): number {
  return s.range[0] + ((v - s.domain[0]) / (s.domain[1] - s.domain[0] || 1)) * (s.range[1] - s.range[0]);
}

/** The value at a pixel position of a linear scale. */
function fromPixel(s: LinearScale, px: number): number {
  return s.domain[0] + ((px - s.range[0]) / (s.range[1] - s.range[0])) * (s.domain[1] - s.domain[0]);
}

/** Approximate label box at 12 px: 6.6 px per character, 14 px high. */
const CHAR_WIDTH = 6.6;
const LINE_HEIGHT = 14;

/**
 * Places point labels without overlap where it can (greedy, top to bottom): each label tries
 * above its point, below it, then further above and below; near the left or right quarter of the
 * plot it grows inwards. Boxes are estimated from the text length; a label that fits nowhere
 * keeps the first position. Pure, so it is tested without a browser.
 */
export function placeLabels(
  points: readonly {x: number; y: number; text: string}[],
  frame: {x: LinearScale; y: LinearScale; width: number; height: number}
): LabelPlacement[] {
  const px = points.map((p) => ({x: toPixel(frame.x, p.x), y: toPixel(frame.y, p.y)}));
  const [left, right] = [Math.min(...frame.x.range), Math.max(...frame.x.range)];
  type Box = {x0: number; x1: number; y0: number; y1: number};
  const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  // The dots themselves are obstacles too (radius 6).
  const taken: Box[] = px.map((p) => ({x0: p.x - 6, x1: p.x + 6, y0: p.y - 6, y1: p.y + 6}));
  const out: LabelPlacement[] = new Array(points.length);
  const order = points.map((_, i) => i).sort((a, b) => px[a]!.y - px[b]!.y || px[a]!.x - px[b]!.x);
  for (const i of order) {
    const p = px[i]!;
    const f = (p.x - left) / (right - left || 1);
    const anchor = f < 0.25 ? "start" : f > 0.75 ? "end" : "middle";
    const dx = anchor === "start" ? -6 : anchor === "end" ? 6 : 0;
    const w = points[i]!.text.length * CHAR_WIDTH;
    const boxAt = (dy: number): Box => {
      const x0 = anchor === "start" ? p.x + dx : anchor === "end" ? p.x + dx - w : p.x - w / 2;
      const cy = p.y + dy;
      return {x0, x1: x0 + w, y0: cy - LINE_HEIGHT / 2, y1: cy + LINE_HEIGHT / 2};
    };
    const fits = (b: Box) => b.y0 >= 0 && b.y1 <= frame.height && b.x0 >= 0 && b.x1 <= frame.width;
    const candidates = [-12, 16, -26, 30, -40, 44];
    let chosen = candidates[0]!;
    for (const dy of candidates) {
      const b = boxAt(dy);
      // Every other dot and every label placed so far is in the way (the candidates clear the
      // label's own dot).
      if (fits(b) && !taken.some((t, k) => k !== i && overlaps(b, t))) {
        chosen = dy;
        break;
      }
    }
    taken.push(boxAt(chosen));
    out[i] = {anchor, dx, dy: chosen};
  }
  return out;
}
