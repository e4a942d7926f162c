/**
 * Primary suppression (privacy.md rules 2 and 3): which cells are unsafe on their own.
 * Counts below the threshold k of their unit kind; magnitudes with too few holdings or failing
 * the p%-rule (contributions summed per holding first).
 */
import type {TableModel} from "./table-model.ts";
import {thresholdFor} from "./thresholds.ts";
import type {Contribution, Thresholds} from "./types.ts";
import {float64, uint8} from "./arena.ts";

/** Cell status during suppression. */
export const PUBLISHED = 0;
/** Suppressed because the cell itself is unsafe. */
export const PRIMARY = 1;
/** Suppressed to protect another cell. */
export const SECONDARY = 2;
/**
 * Not published as part of a withheld sub-table (the gate's last resort, reported in the
 * disclosure report): no protection criterion of its own except that a cell below the threshold
 * must not be exactly determined.
 */
export const WITHHELD = 3;

/** Why a primary cell is unsafe, which decides its protection criterion in the audit. */
export const RULE_NONE = 0;
/** Count below threshold: interval at least k wide, true value strictly inside. */
export const RULE_THRESHOLD = 1;
/** Magnitude failing the p%-rule or minimum contributors: upper and lower protection level. */
export const RULE_PPERCENT = 2;
/** A zero that is itself sensitive: the interval must reach at least k. */
export const RULE_ZERO = 3;

/** Result of primary suppression. */
export interface PrimaryResult {
  /** PUBLISHED / PRIMARY / SECONDARY / WITHHELD per cell (the last two filled in later). */
  status: Uint8Array;
  /** RULE_* per cell. */
  rule: Uint8Array;
  /** k for threshold rules, protection level for the p%-rule. */
  protection: Float64Array;
}

/** Sums contributions per holding and returns them sorted from largest to smallest. */
export function holdings(contributions: readonly Contribution[]): number[] {
  const perHolder = new Map<string, number>();
  for (const c of contributions) perHolder.set(c.houder, (perHolder.get(c.houder) ?? 0) + c.value);
  return [...perHolder.values()].sort((a, b) => b - a);
}

/**
 * Protection level a magnitude cell needs, or 0 when it is safe: with x1 >= x2 the largest
 * holdings, the second-largest can estimate x1 as T - x2; the rest (T - x1 - x2) must hide at
 * least p% of x1. Fewer than `minContributors` holdings is always unsafe.
 */
export function magnitudeProtection(contributions: readonly Contribution[], thresholds: Thresholds): number {
  const h = holdings(contributions);
  const total = h.reduce((s, x) => s + x, 0);
  if (total === 0 || h.length === 0) return 0;
  const x1 = h[0];
  const x2 = h[1] ?? 0;
  const needed = (thresholds.pPercent / 100) * x1 - (total - x1 - x2);
  if (h.length < thresholds.minContributors) return Math.max(needed, (thresholds.pPercent / 100) * x1);
  return needed > 0 ? needed : 0;
}

/** Applies the primary rules to every cell of the model. */
export function primarySuppression(model: TableModel, thresholds: Thresholds): PrimaryResult {
  const status = uint8(model.n);
  const rule = uint8(model.n);
  const protection = float64(model.n);
  const ks = model.tables.map((t) => thresholdFor(t.unitKind, thresholds));
  for (let i = 0; i < model.n; i++) {
    if (model.fixed[i]) continue;
    const t = model.tableOf[i];
    const table = model.tables[t];
    const v = model.value[i];
    if (table.measure === "magnitude") {
      if (v === 0) continue;
      const contributions = model.cells[i].contributions;
      if (!contributions || contributions.length === 0) {
        // Without contributions the gate cannot check dominance, so it assumes the worst.
        status[i] = PRIMARY;
        rule[i] = RULE_PPERCENT;
        protection[i] = (thresholds.pPercent / 100) * v;
        continue;
      }
      const p = magnitudeProtection(contributions, thresholds);
      if (p > 0) {
        status[i] = PRIMARY;
        rule[i] = RULE_PPERCENT;
        protection[i] = p;
      }
      continue;
    }
    const k = ks[t];
    if (v > 0 && v < k) {
      status[i] = PRIMARY;
      rule[i] = RULE_THRESHOLD;
      protection[i] = k;
    } else if (v === 0 && table.zeroIsSensitive) {
      status[i] = PRIMARY;
      rule[i] = RULE_ZERO;
      protection[i] = k;
    } else if (model.hidden[i]) {
      // A hidden part that is not sensitive: unpublished from the start, protecting nothing.
      status[i] = SECONDARY;
    }
  }
  return {status, rule, protection};
}
