/**
 * Is a difference larger than chance for the counts behind it? Intervals for comparing a published
 * rate, share or location quotient with a reference, computed in the browser from published
 * counts only (the numerator and denominator cells the gate published). A sentence may call a
 * difference "duidelijk" only when the 95% interval computed here excludes "no difference".
 *
 * Why the formulas are written here instead of taken from a library: the three methods are
 * closed-form score intervals of a few lines, whose only constant is the normal quantile z. The
 * statistics libraries on npm that are well kept (jstat, simple-statistics, @stdlib) offer
 * distribution functions and one-sample tests, but none of them has the Wilson interval, the
 * Newcombe difference or a rate-ratio interval; adding one would put a distribution library in
 * every page's JavaScript for a constant. The references are given per function, and
 * test/pages/statistiek.test.ts checks the published worked examples of those papers.
 *
 * When the reference contains the area itself (a gemeente against its own region), the area is
 * compared with the rest of the reference (reference minus area): the reference value is a
 * weighted mean of the area and the rest, so the area lies above the reference exactly when it
 * lies above the rest, and the two parts are independent. When nothing is left (a bronmap of one
 * gemeente, where the region is the gemeente), there is nothing to compare with and the
 * functions return null.
 */

/** The 97.5% quantile of the standard normal distribution: two-sided 95% intervals. */
export const Z95 = 1.959963984540054;

/** A confidence interval. `boven` may be Infinity (a ratio against a reference count of zero). */
export interface Interval {
  onder: number;
  boven: number;
}

/**
 * Wilson score interval for a proportion of `x` out of `n` (Wilson 1927, J. Amer. Statist.
 * Assoc. 22:209-212; method 3 in Newcombe 1998, Statist. Med. 17:857-872). Null when `n` is 0.
 */
export function wilson(x: number, n: number, z = Z95): Interval | null {
  if (!(n > 0) || x < 0 || x > n) return null;
  const p = x / n;
  const z2 = z * z;
  const midden = p + z2 / (2 * n);
  const marge = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const noemer = 1 + z2 / n;
  return {onder: Math.max(0, (midden - marge) / noemer), boven: Math.min(1, (midden + marge) / noemer)};
}

/**
 * Interval for the difference p1 − p2 of two independent proportions: Newcombe's hybrid score
 * interval (Newcombe 1998, Statist. Med. 17:873-890, method 10), built from the two Wilson
 * intervals. Null when either denominator is 0.
 */
export function verschilAandelen(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  z = Z95
): (Interval & {verschil: number}) | null {
  const w1 = wilson(x1, n1, z);
  const w2 = wilson(x2, n2, z);
  if (!w1 || !w2) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const d = p1 - p2;
  return {
    verschil: d,
    onder: d - Math.sqrt((p1 - w1.onder) ** 2 + (w2.boven - p2) ** 2),
    boven: d + Math.sqrt((w1.boven - p1) ** 2 + (p2 - w2.onder) ** 2)
  };
}

/**
 * Interval for the ratio p1 / p2 of two independent proportions by the MOVER method with Wilson
 * limits (Donner & Zou 2012, Statist. Methods Med. Res. 21:347-359; Newcombe 2013, Confidence
 * Intervals for Proportions and Related Measures of Effect Size, ch. 7). Unlike the Katz log
 * interval it exists when a count is 0. Null when a denominator is 0 or both proportions are 0.
 */
export function verhoudingAandelen(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  z = Z95
): (Interval & {verhouding: number}) | null {
  const w1 = wilson(x1, n1, z);
  const w2 = wilson(x2, n2, z);
  if (!w1 || !w2 || (x1 === 0 && x2 === 0)) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pp = p1 * p2;
  const onderNoemer = w2.boven * (2 * p2 - w2.boven);
  const bovenNoemer = w2.onder * (2 * p2 - w2.onder);
  // With p2 near 0 a denominator turns negative; the formula still holds (it gives
  // sqrt(l1·(2·p1 − l1)) / u2 at p2 = 0). Only a zero denominator (l2 = 0) has no upper bound.
  const onder =
    onderNoemer !== 0
      ? (pp -
          Math.sqrt(Math.max(0, pp * pp - w1.onder * w2.boven * (2 * p1 - w1.onder) * (2 * p2 - w2.boven)))) /
        onderNoemer
      : 0;
  const boven =
    bovenNoemer !== 0
      ? (pp +
          Math.sqrt(Math.max(0, pp * pp - w1.boven * w2.onder * (2 * p1 - w1.boven) * (2 * p2 - w2.onder)))) /
        bovenNoemer
      : Infinity;
  return {verhouding: p2 > 0 ? p1 / p2 : Infinity, onder: Math.max(0, onder), boven};
}

/**
 * Interval for the ratio of two Poisson rates, count `x1` over exposure `e1` (inhabitants,
 * establishments) against `x2` over `e2`. Given the total x1 + x2, x1 is binomial with
 * π = e1·θ / (e1·θ + e2) for rate ratio θ; the Wilson interval for π, transformed, is the
 * interval for θ (Graham, Mengersen & Morton 2003, Statist. Med. 22:2071-2083). Null when both
 * counts are 0 or an exposure is not positive.
 */
export function verhoudingTempo(
  x1: number,
  e1: number,
  x2: number,
  e2: number,
  z = Z95
): (Interval & {verhouding: number}) | null {
  if (!(e1 > 0) || !(e2 > 0) || x1 < 0 || x2 < 0) return null;
  const w = wilson(x1, x1 + x2, z);
  if (!w) return null;
  const theta = (pi: number) => (pi >= 1 ? Infinity : (pi / (1 - pi)) * (e2 / e1));
  return {verhouding: x2 > 0 ? x1 / e1 / (x2 / e2) : Infinity, onder: theta(w.onder), boven: theta(w.boven)};
}

/** How an area compares with its reference. */
export type Oordeel = "hoger" | "lager" | "niet-te-onderscheiden";

/** What kind of figure the counts make. */
export type SoortTelling =
  /** A count per unit of exposure (per 1.000 inwoners, starts and stops per 100 vestigingen). */
  | "tempo"
  /** A part of a whole: the numerator is contained in the denominator (percent of vestigingen). */
  | "aandeel";

/** The published counts behind one published rate or share. */
export interface Telling {
  teller: number;
  noemer: number;
}

/** Options of the comparisons. */
export interface VergelijkOpties {
  /**
   * True when the reference counts include the area (a gemeente in its region): the area is then
   * compared with the rest of the reference. False for an outside reference whose counts are
   * independent of the area's (a national reference that the caller treats as such).
   */
  referentieBevatEigen: boolean;
  z?: number;
}

/** Result of a comparison: the interval of the ratio or difference and what it says. */
export interface Vergelijking {
  oordeel: Oordeel;
  /** "verhouding" (1 = no difference) for rates, "verschil" in proportion (0 = none) for shares. */
  maat: "verhouding" | "verschil";
  schatting: number;
  onder: number;
  boven: number;
}

function rest(eigen: Telling, referentie: Telling, opties: VergelijkOpties): Telling | null {
  if (!opties.referentieBevatEigen) return referentie;
  const r = {teller: referentie.teller - eigen.teller, noemer: referentie.noemer - eigen.noemer};
  // Nothing left (the reference is the area itself) or counts that do not nest (a reference
  // from another source): no comparison.
  if (!(r.noemer > 0) || r.teller < 0) return null;
  return r;
}

function geldig(t: Telling, soort: SoortTelling): boolean {
  return (
    Number.isFinite(t.teller) &&
    Number.isFinite(t.noemer) &&
    t.teller >= 0 &&
    t.noemer > 0 &&
    (soort === "tempo" || t.teller <= t.noemer)
  );
}

/**
 * Compares the rate or share of an area with a reference from the published counts behind both.
 * Rates: rate-ratio interval (verhoudingTempo); shares: Newcombe's difference (verschilAandelen).
 * Null when the counts do not allow a comparison (invalid, or nothing left of the reference).
 */
export function vergelijkTellingen(
  eigen: Telling,
  referentie: Telling,
  soort: SoortTelling,
  opties: VergelijkOpties
): Vergelijking | null {
  if (!geldig(eigen, soort) || !geldig(referentie, soort)) return null;
  const r = rest(eigen, referentie, opties);
  if (!r || !geldig(r, soort)) return null;
  const z = opties.z ?? Z95;
  if (soort === "tempo") {
    const v = verhoudingTempo(eigen.teller, eigen.noemer, r.teller, r.noemer, z);
    if (!v) return null;
    return {
      maat: "verhouding",
      schatting: v.verhouding,
      onder: v.onder,
      boven: v.boven,
      oordeel: oordeel(v, 1)
    };
  }
  const v = verschilAandelen(eigen.teller, eigen.noemer, r.teller, r.noemer, z);
  if (!v) return null;
  return {maat: "verschil", schatting: v.verschil, onder: v.onder, boven: v.boven, oordeel: oordeel(v, 0)};
}

function oordeel(i: Interval, geenVerschil: number): Oordeel {
  return i.onder > geenVerschil ? "hoger" : i.boven < geenVerschil ? "lager" : "niet-te-onderscheiden";
}

/** The four published counts behind a location quotient. */
export interface LqTellingen {
  /** Establishments of the branch in the area. */
  branche: number;
  /** All establishments in the area. */
  alle: number;
  /** Establishments of the branch in the reference (region or nation). */
  brancheReferentie: number;
  /** All establishments in the reference. */
  alleReferentie: number;
}

/** A location quotient with its 95% interval and what it says. */
export interface LqInterval extends Interval {
  lq: number;
  oordeel: Oordeel;
}

/**
 * The location quotient (share of the branch in the area divided by its share in the reference)
 * with a 95% interval. The LQ is a ratio of two shares; its interval is the MOVER interval of
 * that ratio (verhoudingAandelen). When the reference contains the area, the ratio R of the
 * area's share to the rest's share is estimated, and the LQ follows from it as
 * LQ = B·R / (b·R + (B − b)) (b: all establishments of the area, B: of the reference), which
 * rises with R, so the interval of R maps onto that of the LQ and LQ = 1 exactly when R = 1.
 * Null when the counts do not allow it (a reference that is the area itself: a one-gemeente
 * bronmap, where the LQ against the region is 1 by construction).
 */
export function locatiequotientInterval(t: LqTellingen, opties: VergelijkOpties): LqInterval | null {
  const {branche: a, alle: b, brancheReferentie: A, alleReferentie: B} = t;
  if (![a, b, A, B].every((n) => Number.isFinite(n) && n >= 0) || !(b > 0) || !(B > 0)) return null;
  if (a > b || A > B) return null;
  const z = opties.z ?? Z95;
  if (!opties.referentieBevatEigen) {
    const v = verhoudingAandelen(a, b, A, B, z);
    if (!v || A === 0) return null;
    return {lq: v.verhouding, onder: v.onder, boven: v.boven, oordeel: oordeel(v, 1)};
  }
  const c = A - a;
  const d = B - b;
  if (c < 0 || !(d > 0) || c > d || A === 0) return null;
  const v = verhoudingAandelen(a, b, c, d, z);
  if (!v) return null;
  const lq = (r: number) => (r === Infinity ? B / b : (B * r) / (b * r + d));
  return {lq: a / b / (A / B), onder: lq(v.onder), boven: lq(v.boven), oordeel: oordeel(v, 1)};
}
