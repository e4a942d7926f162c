/**
 * The protection rule of privacy.md rule 7, in one place: when is a suppressed cell protected by
 * its feasibility interval [lo, hi], and, when it is not, how far must a feasible point move it
 * up or down to protect it. The audit (audit.ts, also in its worker thread) and the repair
 * (witness.ts) both use these two functions and nothing else.
 */
import {RULE_PPERCENT, RULE_THRESHOLD, RULE_ZERO} from "./primary.ts";

/** Tolerance for comparing LP results with integer counts. */
export const EPS = 1e-6;

/** What a cell needs: whether it is primary, its rule (RULE_*), protection level p, true value v. */
export interface Need {
  primary: boolean;
  rule: number;
  p: number;
  v: number;
  /** Nothing at all (a withheld cell at or above the threshold: it is not published). */
  free?: boolean;
}

/**
 * Whether a suppressed cell is protected by its interval [lo, hi]:
 * - every suppressed cell: hi > lo (not exactly determined);
 * - threshold cell (0 < v < k): hi - lo >= k with v strictly inside;
 * - p%-cell: hi >= v + p and lo <= max(0, v - p);
 * - sensitive zero: hi >= k.
 */
export function isProtected(need: Need, lo: number, hi: number): boolean {
  if (need.free) return true;
  if (!(hi - lo > EPS)) return false;
  if (!need.primary) return true;
  const {v, p} = need;
  switch (need.rule) {
    case RULE_THRESHOLD:
      return hi - lo >= p - EPS && lo < v - EPS && hi > v + EPS;
    case RULE_PPERCENT:
      return hi >= v + p - EPS && lo <= Math.max(0, v - p) + EPS;
    case RULE_ZERO:
      return hi >= p - EPS;
    default:
      return true;
  }
}

/**
 * How far below its true value a feasible point must take a primary cell whose lowest feasible
 * value found so far is `lo` (0 when that is low enough). The aim is generous (down to 0 for a
 * threshold cell); `upTarget` then asks for what is still missing given the low point reached.
 */
export function downTarget(need: Need, lo: number): number {
  if (!need.primary) return 0;
  const {v, p} = need;
  switch (need.rule) {
    case RULE_THRESHOLD:
      return lo < v - EPS ? 0 : v;
    case RULE_PPERCENT:
      return lo <= Math.max(0, v - p) + EPS ? 0 : Math.min(p, v);
    default:
      return 0;
  }
}

/**
 * How far above its true value a feasible point must take a primary cell, given that the lowest
 * value it can take is `lo` and the highest found so far is `hi` (0 when nothing is missing).
 */
export function upTarget(need: Need, lo: number, hi: number): number {
  if (!need.primary) return 0;
  const {v, p} = need;
  let want: number;
  switch (need.rule) {
    case RULE_THRESHOLD:
      // Width k with v strictly inside: reach lo + k (> v, since lo >= 0 and v < k).
      want = lo + p - v;
      break;
    case RULE_PPERCENT:
      want = p;
      break;
    case RULE_ZERO:
      want = p - v;
      break;
    default:
      return 0;
  }
  return hi >= v + want - EPS ? 0 : want;
}

/**
 * For an unpublished cell whose inner bound [lo, hi] does not protect it yet: the value a
 * feasible point must reach on each side for the bound to move towards protection, `down` (a
 * value at or below it) and `up` (at or above it); NaN where that side needs nothing. A primary
 * cell aims as `downTarget` and `upTarget` do; any other cell only needs to move (hi > lo), so it
 * asks for one unit beyond its bound on either side. Used to certify many cells with one LP.
 */
export function sideTargets(need: Need, lo: number, hi: number): {down: number; up: number} {
  if (need.free || isProtected(need, lo, hi)) return {down: NaN, up: NaN};
  if (!need.primary) return {down: lo > EPS ? Math.max(0, lo - 1) : NaN, up: hi + 1};
  const d = downTarget(need, lo);
  const u = upTarget(need, lo, hi);
  return {down: d > 0 ? need.v - d : NaN, up: u > 0 ? need.v + u : NaN};
}
