/**
 * The arithmetic of the kwetsbaarheidsindex as pure functions (docs/indicators.md, Methode):
 * robust standardisation by median and interquartile range, the signal rate shrunk towards the
 * wijk, and the weighted mean. The pipeline (compute-weerbaarheid.ts) and its tests use these,
 * so the rules live in one place.
 */
import {quantileSorted} from "d3-array";

/**
 * IQR of a standard normal distribution: dividing by IQR / 1.349 puts a robust z-score on the
 * scale of an ordinary z-score when the values are normally distributed.
 */
export const IQR_NORMAAL = 1.349;

/** The median and the scale (IQR / 1.349) of numbers, or null when fewer than 4 or no spread. */
export function robuusteSchaal(values: readonly number[]): {mediaan: number; schaal: number} | null {
  if (values.length < 4) return null;
  // d3's quantileSorted interpolates linearly between order statistics (R type 7, as
  // DuckDB's quantile_cont and most spreadsheets).
  const sorted = [...values].sort((a, b) => a - b);
  const q1 = quantileSorted(sorted, 0.25)!;
  const q3 = quantileSorted(sorted, 0.75)!;
  const schaal = (q3 - q1) / IQR_NORMAAL;
  if (!(schaal > 0)) return null;
  return {mediaan: quantileSorted(sorted, 0.5)!, schaal};
}

/**
 * Robust z-scores: (value - median) / (IQR / 1.349) over the values that are not null, times the
 * sign (+1: higher is more vulnerable), capped at ±grens and rounded to 4 decimals. Null stays
 * null; every value is null when there are fewer than 4 values or no spread.
 */
export function robuusteZ(
  values: readonly (number | null)[],
  teken: 1 | -1,
  grens: number
): (number | null)[] {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const s = robuusteSchaal(known);
  return values.map((v) => {
    if (v === null || !Number.isFinite(v) || s === null) return null;
    const z = Math.max(-grens, Math.min(grens, (teken * (v - s.mediaan)) / s.schaal));
    return round(z, 4) + 0; // + 0 turns -0 into 0
  });
}

/**
 * Signals per 1,000 inhabitants of a buurt, shrunk towards the rate of its wijk (or another
 * surrounding area): (s + m × S / N) / (n + m) × 1,000, with s signals and n inhabitants in the
 * buurt, S and N in the surrounding area, and m the prior weight in inhabitants. A buurt of m
 * inhabitants counts half its own rate and half the wijk's; a large buurt mostly its own.
 */
export function gekrompenTempo(s: number, n: number, S: number, N: number, m: number): number {
  return (1000 * (s + (m * S) / N)) / (n + m);
}

/**
 * The weighted mean of the structural part and the signal component, rounded to 3 decimals:
 * (w × structureel + wSignalen × zSignalen) / (w + wSignalen).
 */
export function indexWaarde(structureel: number, w: number, zSignalen: number, wSignalen: number): number {
  return round((w * structureel + wSignalen * zSignalen) / (w + wSignalen), 3) + 0;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
