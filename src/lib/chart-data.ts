/**
 * The data behind a chart, shared by the chart frame (table view, figure) and the export
 * (CSV, images): a module of its own so that the two need not import each other.
 */

export interface TableColumn {
  label: string;
  numeric?: boolean;
}

/**
 * One table cell: plain text, or the shown text with the raw value beside it (for CSV export:
 * `value` is the number, or null when suppressed or missing).
 */
export type TableCell = string | {text: string; value: number | string | null};

/** The data behind a chart as a table: the accessible table view and the export source. */
export interface ChartTable {
  columns: TableColumn[];
  rows: TableCell[][];
}

/** What a chart figure keeps for later export (PNG/SVG/CSV): found on `figure.chartData`. */
export interface ChartData {
  kind: string;
  title: string;
  subtitle?: string;
  source: string;
  columns: TableColumn[];
  rows: TableCell[][];
  /** The chart's main SVG, when it has one. */
  svg: SVGSVGElement | null;
}

/**
 * The chart's table as raw rows for export (CSV and the like): a header row of column labels,
 * then one row per table row with the raw value where known (number, or null when suppressed
 * or missing) and the shown text otherwise. Formatting for a file format is the exporter's job.
 */
export function exportRows(data: Pick<ChartData, "columns" | "rows">): Array<Array<string | number | null>> {
  return [
    data.columns.map((c) => c.label),
    ...data.rows.map((row) => row.map((cell) => (typeof cell === "string" ? cell : cell.value)))
  ];
}
