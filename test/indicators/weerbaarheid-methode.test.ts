/**
 * The arithmetic of the kwetsbaarheidsindex (data-loaders/indicators/weerbaarheid-methode.ts and
 * the signal component of compute-weerbaarheid.ts), with answers worked out by hand.
 */
import {describe, expect, it} from "vitest";
import {signaalZ} from "../../data-loaders/indicators/compute-weerbaarheid.ts";
import {
  gekrompenTempo,
  indexWaarde,
  robuusteSchaal,
  robuusteZ
} from "../../data-loaders/indicators/weerbaarheid-methode.ts";

describe("robust standardisation", () => {
  it("centres on the median and scales by the interquartile range / 1.349", () => {
    // 1, 2, 3, 4, 100: median 3; linear quantiles Q1 = 2 (position 1), Q3 = 4 (position 3);
    // IQR 2, scale 2 / 1.349 = 1.48258.
    const s = robuusteSchaal([100, 3, 1, 4, 2])!;
    expect(s.mediaan).toBe(3);
    expect(s.schaal).toBeCloseTo(2 / 1.349, 10);
    // z(1) = (1 - 3) / 1.48258 = -1.349; z(4) = 0.6745; z(100) = 65.4, capped at 3.
    expect(robuusteZ([1, 2, 3, 4, 100], 1, 3)).toEqual([-1.349, -0.6745, 0, 0.6745, 3]);
  });

  it("lets one outlier not move the others, unlike a mean and standard deviation", () => {
    const zonder = robuusteZ([1, 2, 3, 4, 5], 1, 3);
    const met = robuusteZ([1, 2, 3, 4, 500], 1, 3);
    expect(met.slice(0, 4)).toEqual(zonder.slice(0, 4));
  });

  it("turns the sign for a component where lower is more vulnerable, and keeps missing values missing", () => {
    // 10, 20, 30, 40: median 25, Q1 17.5, Q3 32.5, IQR 15, scale 11.1193; z(10) = 15 / 11.1193 = 1.349.
    expect(robuusteZ([10, null, 20, 30, 40], -1, 3)).toEqual([1.349, null, 0.4497, -0.4497, -1.349]);
  });

  it("gives no z-score without spread or with fewer than four values", () => {
    expect(robuusteZ([5, 5, 5, 5, 9], 1, 3)).toEqual([null, null, null, null, null]);
    expect(robuusteZ([1, 2, 3], 1, 3)).toEqual([null, null, null]);
  });
});

describe("the signal rate shrunk towards the wijk", () => {
  it("counts a buurt of m inhabitants half its own rate and half the wijk's", () => {
    // Buurt: 10 signals, 1,000 inhabitants (10 per 1,000); wijk 20 per 10,000 (2 per 1,000);
    // (10 + 1,000 × 20 / 10,000) / (1,000 + 1,000) × 1,000 = 12 / 2,000 × 1,000 = 6.
    expect(gekrompenTempo(10, 1000, 20, 10000, 1000)).toBe(6);
    // A buurt of 9,000 inhabitants with 90 signals: (90 + 2) / 10,000 × 1,000 = 9.2.
    expect(gekrompenTempo(90, 9000, 20, 10000, 1000)).toBeCloseTo(9.2, 10);
    // No own signals in a buurt of 200: (0 + 2) / 1,200 × 1,000 = 1.667, not 0.
    expect(gekrompenTempo(0, 200, 20, 10000, 1000)).toBeCloseTo(1.6667, 4);
  });

  it("standardises the rates of a year over the buurten with an index, and takes the wijk's rate where the own count is suppressed", () => {
    // Rows: [structural index, weight, inhabitants, ...]; alternative 0 = own count shrunk
    // towards the wijk [s, S, N]; 2 = the wijk's rate [S, N].
    const rijen = [
      {values: [0.5, 8, 1000, 10, 20, 10000], alternative: 0}, // (10 + 2) / 2,000 -> 6
      {values: [0.1, 8, 1000, 0, 20, 10000], alternative: 0}, // (0 + 2) / 2,000 -> 1
      {values: [-0.2, 8, 500, 20, 10000], alternative: 2}, // wijk: 2
      {values: [0, 8, 3000, 30, 20, 10000], alternative: 0}, // (30 + 2) / 4,000 -> 8
      {values: [0, 8, 40, 20, 10000], alternative: 2}, // fewer than 50 inhabitants
      null // no base set published
    ];
    const cells = rijen.map(() => ({jaar: 2024}));
    const out = signaalZ(rijen, cells);
    // Rates 6, 1, 2, 8: sorted 1, 2, 6, 8; median 4; Q1 = 1.75, Q3 = 6.5; IQR 4.75, scale 3.52113.
    // z(6) = 2 / 3.52113 = 0.568; z(1) = -0.852; z(2) = -0.568; z(8) = 1.136.
    expect(out.slice(0, 4)).toEqual([
      {z: 0.568, structureel: 0.5, gewicht: 8},
      {z: -0.852, structureel: 0.1, gewicht: 8},
      {z: -0.568, structureel: -0.2, gewicht: 8},
      {z: 1.136, structureel: 0, gewicht: 8}
    ]);
    expect(out[4]).toBe("minder dan 50 inwoners");
    expect(out[5]).toBe("geen gegevens");
  });

  it("weighs the signal component as the published index does", () => {
    // (8 × 0.5 + 2 × 0.568) / 10 = 0.5136 -> 0.514.
    expect(indexWaarde(0.5, 8, 0.568, 2)).toBe(0.514);
    expect(indexWaarde(0, 8, 0, 2)).toBe(0);
  });
});
