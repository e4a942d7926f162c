/**
 * Rounding (privacy.md rule 8): after the audit, published wijk and buurt counts may be rounded
 * to multiples of 5 (CBS practice for neighbourhood tables). Only the rounded value is ever
 * published, and derived values are computed from it, so no unrounded twin leaks.
 */
import {PUBLISHED} from "./primary.ts";
import type {TableModel} from "./table-model.ts";

/** Rounding base. */
export const ROUNDING_BASE = 5;

/** Rounds a count to the nearest multiple of 5 (halves away from zero never occur for integers). */
export function roundTo5(v: number): number {
  return Math.round(v / ROUNDING_BASE) * ROUNDING_BASE;
}

/**
 * Returns the published value per cell (true value, or rounded for published wijk and buurt
 * counts when rounding is on) and a flag per cell telling whether it was rounded.
 */
export function applyRounding(
  model: TableModel,
  status: Uint8Array,
  enabled: boolean
): {published: Float64Array; rounded: Uint8Array} {
  const rounded = new Uint8Array(model.n);
  // Without rounding the published values are the true values: the model's own array, which
  // nothing writes to after the model is built (no 18 MB copy next to the gate's heap nationally).
  if (!enabled) return {published: model.value, rounded};
  const published = Float64Array.from(model.value);
  for (let i = 0; i < model.n; i++) {
    if (status[i] !== PUBLISHED || model.fixed[i]) continue;
    const table = model.tables[model.tableOf[i]];
    if (table.measure !== "count") continue;
    const level = model.cells[i].gebiedniveau;
    if (level !== "wijk" && level !== "buurt") continue;
    published[i] = roundTo5(model.value[i]);
    rounded[i] = 1;
  }
  return {published, rounded};
}
