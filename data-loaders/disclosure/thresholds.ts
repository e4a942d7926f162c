/**
 * Primary-suppression thresholds (privacy.md rule 2 and 3). The floor is the product's default;
 * a bronmap may raise any of them, never lower them.
 */
import type {Thresholds, UnitKind} from "./types.ts";

/** The lowest thresholds the product allows (CBS practice for regional figures). */
export const THRESHOLD_FLOOR: Readonly<Thresholds> = Object.freeze({
  personen: 10,
  huishoudens: 10,
  signalen: 10,
  vestigingen: 5,
  gebouwen: 5,
  woningen: 5,
  adressen: 5,
  pPercent: 10,
  minContributors: 3
});

/** Merges raised thresholds onto the floor; throws when one would be lowered below it. */
export function resolveThresholds(raised: Partial<Thresholds> = {}): Thresholds {
  const result: Thresholds = {...THRESHOLD_FLOOR};
  for (const [key, value] of Object.entries(raised) as [keyof Thresholds, number | undefined][]) {
    if (value === undefined) continue;
    if (!(key in THRESHOLD_FLOOR)) throw new Error(`Onbekende drempel: ${key}`);
    if (!Number.isFinite(value) || value < THRESHOLD_FLOOR[key]) {
      throw new Error(
        `Drempel ${key} = ${value} ligt onder de ondergrens ${THRESHOLD_FLOOR[key]}; drempels mogen alleen omhoog`
      );
    }
    result[key] = value;
  }
  return result;
}

/** Threshold k for counts of a unit kind; 0 for public figures (never suppressed by the gate). */
export function thresholdFor(unitKind: UnitKind, thresholds: Thresholds): number {
  return unitKind === "publiek" ? 0 : thresholds[unitKind];
}
