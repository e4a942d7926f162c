/**
 * The frame every chart sits in: a `<figure>` with a title stating the finding, the chart, a
 * computed text alternative, a table toggle with a real `<table>`, and the source line. Also
 * the shared pieces of suppression display (hatch pattern and legend swatches), so every chart
 * shows suppressed and missing values the same way, and never as zero.
 */
import {TEXTS} from "./texts.js";
import {MISSING_FILL, SUPPRESSED_STROKE, OUTLINE_STROKE} from "./palette.js";
import {exportButtons} from "./export.js";
import type {ChartData, ChartTable, TableCell} from "./chart-data.js";
export type {ChartData, ChartTable, TableCell, TableColumn} from "./chart-data.js";
export {exportRows} from "./chart-data.js";
import {ensurePresentationButton} from "./presentation.js";

const SVG_NS = "http://www.w3.org/2000/svg";

/** One column of a chart's table. `numeric` right-aligns it. */
/**
 * The width a page draws a chart at: Framework's `width` of the main column, at most `max`
 * (a wider chart gets hard to read) and at least 280 px (a phone of 320 px, less its margins).
 * A page passes `width` itself, so only the cells that draw follow a resize.
 */
export function chartWidth(width: number, max = 760): number {
  return Math.max(280, Math.min(width, max));
}

/** A figure element that carries its chart data. */
export type ChartFigure = HTMLElement & {chartData: ChartData};

/** Options of {@link chartFigure}. */
export interface ChartFigureOptions {
  /** Chart kind, written to `data-chart` (e.g. "choropleth"). */
  kind: string;
  /** The finding, as a sentence computed by the page. */
  title: string;
  /** Id of the figure (from {@link chartId}); made from the title when absent. */
  id?: string;
  subtitle?: string;
  /** Source line, without the "Bron:" prefix. */
  source: string;
  /** The chart: a Plot SVG, or an element containing it and its legend. */
  chart: Element;
  /** The main SVG when `chart` is not itself the SVG; it gets role="img", the title and the summary. */
  svg?: SVGSVGElement | null;
  /** The legend (HTML), shown above the chart. */
  legend?: Element | null;
  table: ChartTable;
  /** Text alternative computed from the data. */
  summary: string;
  /** Extra note on suppression or rounding, shown under the chart. */
  suppressedNote?: string;
  /** Heading level of the title (2-6), or 0 for a `<p class="chart-title">`. Default 3. */
  headingLevel?: 0 | 2 | 3 | 4 | 5 | 6;
  /** Show the summary as a visible line (default) or keep it for screen readers only. */
  showSummary?: boolean;
  /**
   * The chart keeps its size and its body scrolls sideways when it is wider than the screen
   * (a heat table on a phone), instead of being scaled down with its labels.
   */
  scroll?: boolean;
}

let idCounter = 0;

/** A short slug of a text, for readable ids. */
function slug(text: string): string {
  const s = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 32)
    .replace(/-$/, "");
  return s === "" ? "grafiek" : s;
}

/**
 * A unique, deterministic id for a chart instance, derived from its title and a module counter
 * (no randomness, so snapshots are stable). Tests call {@link resetChartIds} first.
 */
export function chartId(title: string): string {
  return `${slug(title)}-${++idCounter}`;
}

/** Resets the id counter; for tests only. */
export function resetChartIds(): void {
  idCounter = 0;
}

/** Creates an HTML element with a class and optional text. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Creates an SVG element with attributes. */
export function svgEl(tag: string, attributes: Record<string, string | number> = {}): SVGElement {
  const node = document.createElementNS(SVG_NS, tag) as SVGElement;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** The diagonal-line hatch pattern for suppressed values, as a `<pattern>` with the given id. */
export function hatchPattern(id: string): SVGElement {
  const pattern = svgEl("pattern", {
    id,
    patternUnits: "userSpaceOnUse",
    width: 6,
    height: 6,
    patternTransform: "rotate(45)"
  });
  pattern.append(
    svgEl("rect", {width: 6, height: 6, fill: "#ffffff"}),
    svgEl("line", {x1: 0, y1: 0, x2: 0, y2: 6, stroke: SUPPRESSED_STROKE, "stroke-width": 2.5})
  );
  return pattern;
}

/**
 * A Plot render-function mark that adds `<defs>` with the hatch pattern `id` to the plot's SVG,
 * so marks can fill with `url(#id)`. Put it first in the marks list.
 */
export function hatchDefsMark(id: string): () => SVGElement {
  return () => {
    const defs = svgEl("defs");
    defs.append(hatchPattern(id));
    return defs;
  };
}

/** The `fill` value that draws the hatch pattern `id`. */
export function hatchFill(id: string): string {
  return `url(#${id})`;
}

/** Which suppression entries a legend shows. */
export interface SuppressionLegendOptions {
  /** Unique id base for the swatch pattern. */
  id: string;
  suppressed: boolean;
  missing: boolean;
  /** Label of the suppressed entry; default "Onderdrukt (te weinig waarnemingen)". */
  suppressedLabel?: string;
  /** Label of the missing entry; default "Geen gegevens". */
  missingLabel?: string;
}

/** The 16 px decorative SVG of a legend swatch, empty: the caller draws its shape in it. */
export function swatchSvg(): SVGElement {
  return svgEl("svg", {
    width: 16,
    height: 16,
    viewBox: "0 0 16 16",
    "aria-hidden": "true",
    focusable: "false"
  });
}

/** A legend swatch: a small decorative SVG square. */
function swatch(fill: string, defs?: SVGElement): SVGElement {
  const s = swatchSvg();
  if (defs) s.append(defs);
  s.append(svgEl("rect", {x: 0.5, y: 0.5, width: 15, height: 15, fill, stroke: OUTLINE_STROKE}));
  return s;
}

/** One legend entry (swatch plus text) as an `<li>`. */
export function legendItem(
  swatchElement: Element,
  label: string,
  className = "chart-legend-item"
): HTMLLIElement {
  const li = el("li", className);
  li.append(swatchElement, el("span", "chart-legend-label", label));
  return li;
}

/** A legend swatch filled with a colour. */
export function colorSwatch(color: string, shape: "square" | "circle" = "square"): SVGElement {
  if (shape === "square") return swatch(color);
  const s = swatchSvg();
  s.append(svgEl("circle", {cx: 8, cy: 8, r: 6, fill: color, stroke: "#333333"}));
  return s;
}

/**
 * Legend entries for suppressed (hatched) and missing (grey) values, only those present.
 * Returns the `<li>` items to put in a legend list.
 */
export function suppressionLegendItems(options: SuppressionLegendOptions): HTMLLIElement[] {
  const items: HTMLLIElement[] = [];
  if (options.suppressed) {
    const patternId = `${options.id}-legenda`;
    const defs = svgEl("defs");
    defs.append(hatchPattern(patternId));
    const item = legendItem(
      swatch(hatchFill(patternId), defs),
      options.suppressedLabel ?? TEXTS.onderdruktLegenda
    );
    item.dataset.legend = "onderdrukt";
    items.push(item);
  }
  if (options.missing) {
    const item = legendItem(swatch(MISSING_FILL), options.missingLabel ?? TEXTS.geenGegevensLegenda);
    item.dataset.legend = "geen-gegevens";
    items.push(item);
  }
  return items;
}

/** A legend block: optional scale legend (e.g. Plot's colour ramp), note and list of entries. */
export function legendBlock(parts: {
  scale?: Element | null;
  note?: string;
  items?: HTMLLIElement[];
}): HTMLElement | null {
  const hasItems = parts.items !== undefined && parts.items.length > 0;
  if (!parts.scale && !parts.note && !hasItems) return null;
  const block = el("div", "chart-legend");
  if (parts.scale) block.append(parts.scale);
  if (parts.note) block.append(el("p", "chart-legend-note", parts.note));
  if (hasItems) {
    const list = el("ul", "chart-legend-list");
    list.setAttribute("aria-label", TEXTS.legenda);
    list.append(...parts.items!);
    block.append(list);
  }
  return block;
}

/** The shown text of a table cell. */
export function cellText(cell: TableCell): string {
  return typeof cell === "string" ? cell : cell.text;
}

/** Builds the accessible `<table>`: caption, column headers with scope="col", first cell of each row as row header. */
export function buildTable(caption: string, table: ChartTable): HTMLTableElement {
  const t = el("table", "chart-table");
  t.append(el("caption", undefined, caption));
  const thead = el("thead");
  const headRow = el("tr");
  for (const column of table.columns) {
    const th = el("th", column.numeric ? "numeric" : undefined, column.label);
    th.scope = "col";
    headRow.append(th);
  }
  thead.append(headRow);
  const tbody = el("tbody");
  for (const row of table.rows) {
    const tr = el("tr");
    row.forEach((cell, i) => {
      const numeric = table.columns[i]?.numeric === true;
      const node =
        i === 0 ? el("th", numeric ? "numeric" : undefined) : el("td", numeric ? "numeric" : undefined);
      if (i === 0) (node as HTMLTableCellElement).scope = "row";
      node.textContent = cellText(cell);
      tr.append(node);
    });
    tbody.append(tr);
  }
  t.append(thead, tbody);
  return t;
}

/**
 * Plot writes `aria-label` on mark groups (`<g>`), which have no role, and axe reports a label
 * on a role-less element as prohibited (aria-prohibited-attr). Giving those groups
 * role="group" keeps the mark names (useful to tests and export) and makes the label valid.
 */
export function labelMarkGroups(svg: SVGSVGElement): void {
  for (const node of svg.querySelectorAll("[aria-label]:not([role])")) {
    if (node !== svg) node.setAttribute("role", "group");
  }
}

/**
 * Wraps a chart in the standard figure: title (heading), subtitle, legend, chart, visible
 * "Samenvatting" (referenced by `aria-describedby` from the SVG, which gets role="img" and the
 * title as aria-label), optional suppression note, a table toggle button and the source line.
 * The figure has `data-chart="<kind>"` and a `chartData` property for export, and ends with the
 * export buttons (SVG, PNG, CSV); on a site page it also makes sure the page has a button that
 * starts presentation mode (see presentation.ts).
 */
export function chartFigure(options: ChartFigureOptions): ChartFigure {
  const id = options.id ?? chartId(options.title);
  const figure = el("figure", "chart") as unknown as ChartFigure;
  figure.id = id;
  figure.dataset.chart = options.kind;

  const caption = el("figcaption", "chart-header");
  const level = options.headingLevel ?? 3;
  const title =
    level === 0
      ? el("p", "chart-title", options.title)
      : el(`h${level}` as "h3", "chart-title", options.title);
  title.id = `${id}-titel`;
  caption.append(title);
  if (options.subtitle) caption.append(el("p", "chart-subtitle", options.subtitle));
  figure.append(caption);

  if (options.legend) figure.append(options.legend);

  const body = el("div", options.scroll ? "chart-body chart-body--scroll" : "chart-body");
  body.append(options.chart);
  if (options.scroll) {
    // A region that may scroll must be reachable by keyboard (WCAG 2.1.1).
    body.tabIndex = 0;
    body.setAttribute("role", "region");
    body.setAttribute("aria-label", `${options.title} (schuif opzij als de figuur breder is dan het scherm)`);
  }
  figure.append(body);

  const summaryId = `${id}-samenvatting`;
  const summary = el("p", options.showSummary === false ? "chart-summary visually-hidden" : "chart-summary");
  summary.id = summaryId;
  summary.append(
    el("span", "chart-summary-label", TEXTS.samenvatting),
    document.createTextNode(` ${options.summary}`)
  );
  figure.append(summary);

  const svg = options.svg ?? (options.chart instanceof SVGSVGElement ? options.chart : null);
  if (svg) {
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", options.title);
    svg.setAttribute("aria-describedby", summaryId);
    labelMarkGroups(svg);
  }

  if (options.suppressedNote) figure.append(el("p", "chart-note", options.suppressedNote));

  const tableId = `${id}-tabel`;
  const button = el("button", "chart-table-toggle no-print", TEXTS.toonTabel);
  button.type = "button";
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", tableId);
  const wrap = el("div", "chart-table-wrap");
  wrap.id = tableId;
  wrap.hidden = true;
  // A scrollable region must be reachable by keyboard (axe: scrollable-region-focusable).
  wrap.tabIndex = 0;
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", `Tabel: ${options.title}`);
  wrap.append(buildTable(options.title, options.table));
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    button.textContent = open ? TEXTS.verbergTabel : TEXTS.toonTabel;
    wrap.hidden = !open;
  });
  figure.append(button, wrap);

  const source = el("p", "chart-source");
  source.append(el("span", "chart-source-label", TEXTS.bron), document.createTextNode(` ${options.source}`));
  figure.append(source);

  figure.chartData = {
    kind: options.kind,
    title: options.title,
    subtitle: options.subtitle,
    source: options.source,
    columns: options.table.columns,
    rows: options.table.rows,
    svg
  };
  // Every chart of every page gets its export buttons (SVG, PNG, CSV) here, and the page gets
  // one "presenteer" button, so no page has to wire either itself.
  figure.append(exportButtons(figure));
  ensurePresentationButton();
  return figure;
}
