/**
 * Small helpers the chart components share for published cells: how a cell is drawn
 * (value, suppressed or missing), and the highest and lowest of a set for text alternatives.
 */
import type {Cell} from "../lib/contracts.js";
import {formatCel, formatWaarde} from "../lib/format.js";
import type {TableCell} from "../lib/chart-frame.js";

/** How a cell is shown: with its value, hatched as suppressed, or grey as missing. */
export type CellKind = "waarde" | "onderdrukt" | "geen-data";

/** The drawing kind of a cell; an absent cell counts as missing. A suppressed cell is never a value. */
export function cellKind(cell: Pick<Cell, "waarde" | "status"> | null | undefined): CellKind {
  if (cell === null || cell === undefined) return "geen-data";
  if (cell.status === "onderdrukt") return "onderdrukt";
  if (cell.waarde === null || cell.status === "geen-data") return "geen-data";
  return "waarde";
}

/** The value of a cell if it may be drawn, otherwise null (never 0). */
export function drawableValue(cell: Pick<Cell, "waarde" | "status"> | null | undefined): number | null {
  return cellKind(cell) === "waarde" ? (cell!.waarde as number) : null;
}

/** A table cell for a published cell: formatted text plus the raw value for export. */
export function tableCell(
  cell: Pick<Cell, "waarde" | "status"> | null | undefined,
  eenheid: string
): TableCell {
  return {text: formatCel(cell, eenheid), value: drawableValue(cell)};
}

/** Dutch collation for sorting names. */
export const collator = new Intl.Collator("nl-NL");

/** An item with a name and a value, for extremes. */
export interface Named {
  naam: string;
  waarde: number;
}

/** Highest and lowest item (ties broken by name), or null when there are none. */
export function extremes(items: Named[]): {hoogste: Named; laagste: Named} | null {
  if (items.length === 0) return null;
  const sorted = [...items].sort((a, b) => b.waarde - a.waarde || collator.compare(a.naam, b.naam));
  return {hoogste: sorted[0], laagste: sorted[sorted.length - 1]};
}

/** "Hoogste waarde: A (12,3). Laagste waarde: B (1,2)." or one sentence for a single item. */
export function extremesSentence(items: Named[], eenheid: string): string {
  const e = extremes(items);
  if (e === null) return "";
  if (items.length === 1)
    return `Alleen ${e.hoogste.naam} heeft een waarde: ${formatWaarde(e.hoogste.waarde, eenheid)}.`;
  return `Hoogste waarde: ${e.hoogste.naam} (${formatWaarde(e.hoogste.waarde, eenheid)}). Laagste waarde: ${e.laagste.naam} (${formatWaarde(e.laagste.waarde, eenheid)}).`;
}

/** Joins non-empty sentences with a space. */
export function sentences(...parts: Array<string | null | undefined | false>): string {
  return parts.filter((p): p is string => typeof p === "string" && p !== "").join(" ");
}

/**
 * An axis label of at most `max` characters: a longer one ends in an ellipsis (tooltips and table
 * views keep the whole name), so a chart's margin fits its labels instead of cutting them off.
 */
export function ellipsis(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1).trimEnd()}…` : label;
}
