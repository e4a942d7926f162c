/**
 * Colours of the charts: colour-blind safe and with enough contrast on white. Categories use
 * Okabe-Ito (without its yellow, too light for marks on white); sequential maps use cividis,
 * which stays ordered for every kind of colour vision.
 */

/** Okabe-Ito categorical colours, ordered for contrast on white (each ≥ 3:1 except where noted). */
export const CATEGORICAL: readonly string[] = [
  "#0072B2", // blue
  "#D55E00", // vermillion
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#E69F00", // orange
  "#56B4E9", // sky blue
  "#000000" // black
];

/** Default sequential scheme name for Plot (`color.scheme`). */
export const SEQUENTIAL_SCHEME = "cividis";

/** Text colour for chart labels and ticks: #333 on white is 12.6:1. */
export const TEXT_COLOR = "#333333";

/** Main mark colour for single-series bars and lines: #0072B2 on white is 5.2:1. */
export const MARK_COLOR = "#0072B2";

/** Reference lines (region value, average): near black, dashed in the chart. */
export const REFERENCE_COLOR = "#222222";

/** Stroke of the hatching for suppressed cells: #6b6b6b on white is 5.3:1. */
export const SUPPRESSED_STROKE = "#6b6b6b";

/** Fill of areas and cells without data: light grey, distinguished by the legend and border. */
export const MISSING_FILL = "#d9d9d9";

/** Borders between areas on maps. */
export const AREA_STROKE = "#ffffff";

/** Outline of areas so light fills remain visible against white (≥ 3:1). */
export const OUTLINE_STROKE = "#595959";
