/**
 * Key-figure cards: a few headline numbers with their change and rank. A suppressed figure
 * shows the word "onderdrukt" and its reason instead of a number, and no change arrow, so a
 * reader never mistakes it for a value.
 */
import type {Cell} from "../lib/contracts.js";
import {chartId, el, type ChartData, type TableCell} from "../lib/chart-frame.js";
import {formatCel, formatVerandering} from "../lib/format.js";
import {TEXTS, rangTekst} from "../lib/texts.js";
import {cellKind, tableCell} from "./cells.js";

/** One key figure. */
export interface KeyFigure {
  /** What is measured, e.g. "Vestigingen in risicobranches per 1.000 inwoners". */
  label: string;
  cell: Cell | null | undefined;
  eenheid: string;
  /** Change against an earlier value, in the figure's unit; null or absent when unknown. */
  verandering?: number | null;
  /** What the change is against, e.g. "t.o.v. 2023". */
  veranderingLabel?: string;
  /** Rank among peers, e.g. {rang: 3, van: 12}. */
  rang?: {rang: number; van: number} | null;
  /** Short extra note under the figure. */
  toelichting?: string;
}

/** Options of {@link keyFigures}. */
export interface KeyFiguresOptions {
  /** Heading above the cards; none when absent. */
  title?: string;
  /** Source line; none when absent. */
  source?: string;
  headingLevel?: 2 | 3 | 4 | 5 | 6;
  /** Heading level of each card's label; default 4 (one below the title). 0 = plain paragraph. */
  cardHeadingLevel?: 0 | 3 | 4 | 5 | 6;
}

/** An element that carries its data for export, like a chart figure. */
export type KeyFiguresElement = HTMLElement & {chartData: ChartData};

/** One key-figure card as an `<li>`; see {@link keyFigures}. */
export function keyFigureCard(figure: KeyFigure, cardHeadingLevel: 0 | 3 | 4 | 5 | 6 = 4): HTMLLIElement {
  const kind = cellKind(figure.cell);
  const card = el("li", "key-figure");
  card.dataset.status = kind;
  const label =
    cardHeadingLevel === 0
      ? el("p", "key-figure-label", figure.label)
      : el(`h${cardHeadingLevel}` as "h4", "key-figure-label", figure.label);
  card.append(label);
  card.append(
    el(
      "p",
      kind === "waarde" ? "key-figure-value" : "key-figure-value key-figure-value--leeg",
      formatCel(figure.cell, figure.eenheid)
    )
  );
  if (kind === "onderdrukt") {
    // The reason replaces the number; a change would hint at the hidden value, so none is shown.
    card.append(el("p", "key-figure-reason", figure.cell?.reden ?? TEXTS.onderdruktReden));
  } else if (
    kind === "waarde" &&
    typeof figure.verandering === "number" &&
    Number.isFinite(figure.verandering)
  ) {
    const change = el("p", "key-figure-change");
    const digits = figure.eenheid === "aantal" ? 0 : 1;
    // The arrow follows the change as shown: −0,04 prints as "0,0", and "▼ 0,0" would contradict it.
    const shown = Number(figure.verandering.toFixed(digits));
    const direction = shown > 0 ? "stijging" : shown < 0 ? "daling" : "gelijk";
    change.dataset.direction = direction;
    const arrow = el("span", "key-figure-arrow", shown > 0 ? "▲" : shown < 0 ? "▼" : "■");
    arrow.setAttribute("aria-hidden", "true");
    change.append(
      arrow,
      document.createTextNode(
        ` ${formatVerandering(figure.verandering, digits)}${figure.veranderingLabel ? ` ${figure.veranderingLabel}` : ""}`
      )
    );
    card.append(change);
  }
  if (kind === "waarde" && figure.rang)
    card.append(el("p", "key-figure-rank", rangTekst(figure.rang.rang, figure.rang.van)));
  if (figure.toelichting) card.append(el("p", "key-figure-note", figure.toelichting));
  return card;
}

/**
 * A block of key-figure cards (`<section data-chart="key-figures">` with a `<ul>` of cards),
 * with optional heading and source line, and `chartData` for CSV export.
 */
export function keyFigures(figures: KeyFigure[], options: KeyFiguresOptions = {}): KeyFiguresElement {
  const title = options.title ?? "Kerncijfers";
  const id = chartId(title);
  const section = el("section", "key-figures") as unknown as KeyFiguresElement;
  section.id = id;
  section.dataset.chart = "key-figures";
  if (options.title) {
    const heading = el(`h${options.headingLevel ?? 3}` as "h3", "chart-title", options.title);
    heading.id = `${id}-titel`;
    section.setAttribute("aria-labelledby", heading.id);
    section.append(heading);
  } else {
    section.setAttribute("aria-label", title);
  }
  const list = el("ul", "key-figures-list");
  list.append(
    ...figures.map((f) =>
      keyFigureCard(f, options.cardHeadingLevel ?? (((options.headingLevel ?? 3) + 1) as 4))
    )
  );
  section.append(list);
  if (options.source) {
    const source = el("p", "chart-source");
    source.append(
      el("span", "chart-source-label", TEXTS.bron),
      document.createTextNode(` ${options.source}`)
    );
    section.append(source);
  }
  const rows: TableCell[][] = figures.map((f) => [
    f.label,
    tableCell(f.cell, f.eenheid),
    cellKind(f.cell) === "waarde" && typeof f.verandering === "number"
      ? {text: formatVerandering(f.verandering, f.eenheid === "aantal" ? 0 : 1), value: f.verandering}
      : {text: "", value: null},
    cellKind(f.cell) === "waarde" && f.rang
      ? {text: rangTekst(f.rang.rang, f.rang.van), value: f.rang.rang}
      : {text: "", value: null}
  ]);
  section.chartData = {
    kind: "key-figures",
    title,
    source: options.source ?? "",
    columns: [
      {label: "Kenmerk"},
      {label: TEXTS.waarde, numeric: true},
      {label: TEXTS.verandering, numeric: true},
      {label: TEXTS.rang, numeric: true}
    ],
    rows,
    svg: null
  };
  return section;
}
