/**
 * Seeded randomness for the demo region: every draw comes from one linear congruential
 * generator (d3-random's `randomLcg`), so the same seed always gives byte-identical files.
 */
import {randomLcg} from "d3-random";

/** A seeded random source with the few distributions the generator needs. */
export class Rng {
  private readonly next: () => number;

  /** Creates a generator from an integer seed. */
  constructor(seed: number) {
    this.next = randomLcg(((seed >>> 0) % 1_000_003) / 1_000_003);
  }

  /** Uniform in [0, 1). */
  random(): number {
    return this.next();
  }

  /** Uniform in [a, b). */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.next();
  }

  /** Integer in [a, b] inclusive. */
  int(a: number, b: number): number {
    return a + Math.floor(this.next() * (b - a + 1));
  }

  /** Standard normal (Box-Muller). */
  normal(mu = 0, sigma = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mu + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Poisson-distributed count (Knuth for small means, normal approximation above 50). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 50) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const l = Math.exp(-mean);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.next();
    } while (p > l);
    return k - 1;
  }

  /** Fisher-Yates shuffle of a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}

/** Picks an index with probability proportional to `weights`, using a precomputed cumulative table. */
export class WeightedPicker {
  private readonly cum: Float64Array;

  /** Builds the cumulative table. */
  constructor(weights: readonly number[]) {
    this.cum = new Float64Array(weights.length);
    let s = 0;
    weights.forEach((w, i) => {
      s += Math.max(0, w);
      this.cum[i] = s;
    });
  }

  /** Draws one index. */
  pick(rng: Rng): number {
    const total = this.cum[this.cum.length - 1];
    const r = rng.random() * total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
