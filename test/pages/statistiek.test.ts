/**
 * The intervals behind "duidelijk hoger/lager", against published worked examples and answers
 * worked out by hand (each says how).
 */
import {describe, expect, it} from "vitest";
import {
  locatiequotientInterval,
  vergelijkTellingen,
  verhoudingAandelen,
  verhoudingTempo,
  verschilAandelen,
  wilson,
  Z95
} from "../../src/lib/statistiek.ts";

const close = (a: number, b: number, digits = 4) => expect(a).toBeCloseTo(b, digits);

describe("wilson", () => {
  it("matches the worked examples of Newcombe (1998a), method 3, table I", () => {
    // 81/263, 15/148, 0/20 and 1/29 with their Wilson limits to four decimals as published.
    const cases: Array<[number, number, number, number]> = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718]
    ];
    for (const [x, n, lo, hi] of cases) {
      const w = wilson(x, n)!;
      close(w.onder, lo);
      close(w.boven, hi);
    }
  });
  it("has no interval without a denominator", () => {
    expect(wilson(0, 0)).toBeNull();
    expect(wilson(3, 2)).toBeNull();
  });
  it("uses the 97.5% normal quantile", () => {
    // Φ(1.959963984540054) = 0.975 to the precision of the constant (Abramowitz & Stegun 26.2.23).
    close(Z95, 1.96, 2);
  });
});

describe("verschilAandelen (Newcombe 1998b, method 10)", () => {
  it("matches the published worked examples (a) to (f)", () => {
    // Newcombe (1998), Statist. Med. 17:873-890, table II, method 10 limits to four decimals.
    const cases: Array<[number, number, number, number, number, number]> = [
      [56, 70, 48, 80, 0.0524, 0.3339],
      [9, 10, 3, 10, 0.1705, 0.809],
      [6, 7, 2, 7, 0.0582, 0.8062],
      [5, 56, 0, 29, -0.0381, 0.1926],
      [0, 10, 0, 20, -0.1611, 0.2775],
      [10, 10, 0, 20, 0.6791, 1.0]
    ];
    for (const [x1, n1, x2, n2, lo, hi] of cases) {
      const v = verschilAandelen(x1, n1, x2, n2)!;
      close(v.verschil, x1 / n1 - x2 / n2, 10);
      close(v.onder, lo);
      close(v.boven, hi);
    }
  });
});

describe("verhoudingAandelen (MOVER with Wilson limits)", () => {
  it("reduces to the Wilson interval divided by p2 when p2 is known almost exactly", () => {
    // With l2 = u2 = p2 the MOVER limits are l1/p2 and u1/p2 (substitute in the formula). Here
    // 5e8 of 1e9 makes the second interval negligibly narrow: 81/263 against 0.5 gives
    // (0.2553/0.5, 0.3662/0.5) from the Wilson example above.
    const v = verhoudingAandelen(81, 263, 5e8, 1e9)!;
    close(v.onder, 0.5106, 3);
    close(v.boven, 0.7324, 3);
  });
  it("agrees with the Katz log interval at large counts", () => {
    // Katz et al. (1978): ln(R) ± z·sqrt(1/x1 − 1/n1 + 1/x2 − 1/n2); both are valid
    // large-sample intervals for the same ratio, so they must nearly coincide for 560/700 vs 480/800.
    const [x1, n1, x2, n2] = [560, 700, 480, 800];
    const r = x1 / n1 / (x2 / n2);
    const se = Math.sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2);
    const v = verhoudingAandelen(x1, n1, x2, n2)!;
    close(v.verhouding, r, 10);
    expect(Math.abs(v.onder - r * Math.exp(-Z95 * se))).toBeLessThan(0.005);
    expect(Math.abs(v.boven - r * Math.exp(Z95 * se))).toBeLessThan(0.005);
  });
  it("exists when the second count is 0, with no upper bound", () => {
    const v = verhoudingAandelen(5, 20, 0, 20)!;
    expect(v.boven).toBe(Infinity);
    expect(v.onder).toBeGreaterThan(1);
  });
});

describe("verhoudingTempo (Graham, Mengersen & Morton 2003)", () => {
  it("transforms the conditional Wilson interval, worked by hand", () => {
    // 19 events over 30 against 5 over 40.5: given 24 events, 19/24 = 0.791667 has Wilson limits
    // 0.595296 and 0.907551 (z² = 3.841459: centre 0.871697, half-width 0.181118, divisor
    // 1.160061); θ = π/(1−π) · 40.5/30 gives 1.98578 and 13.2526. Rate ratio 19/30 / (5/40.5) = 5.13.
    const v = verhoudingTempo(19, 30, 5, 40.5)!;
    close(v.verhouding, 5.13, 6);
    close(v.onder, 1.98578, 3);
    close(v.boven, 13.2526, 2);
  });
  it("has no interval without events or exposure", () => {
    expect(verhoudingTempo(0, 10, 0, 10)).toBeNull();
    expect(verhoudingTempo(3, 0, 4, 10)).toBeNull();
  });
});

describe("vergelijkTellingen", () => {
  it("does not call a growth of 1,1% clearly above 1,0% at these counts", () => {
    // Five-year growth as a rate: 1,011 establishments now per 1,000 before (1,1%) against a
    // region of 10,100 per 10,000 (1,0%). The rest of the region is 9,089 per 9,000; a rate ratio
    // of 1.0011 with an interval far around 1.
    const v = vergelijkTellingen({teller: 1011, noemer: 1000}, {teller: 10100, noemer: 10000}, "tempo", {
      referentieBevatEigen: true
    })!;
    expect(v.oordeel).toBe("niet-te-onderscheiden");
    expect(v.onder).toBeLessThan(1);
    expect(v.boven).toBeGreaterThan(1);
  });
  it("calls a rate clearly higher when the interval excludes 1", () => {
    // 300 per 10,000 against a rest of 200 per 20,000: rate ratio 3, and even the lower limit of
    // the conditional interval (300 of 500 events, Wilson ≈ 0.556) is above 1.
    const v = vergelijkTellingen({teller: 300, noemer: 10000}, {teller: 500, noemer: 30000}, "tempo", {
      referentieBevatEigen: true
    })!;
    close(v.schatting, 3, 10);
    expect(v.oordeel).toBe("hoger");
  });
  it("compares a share with the rest of the region by Newcombe's difference", () => {
    // Own 56/70, region 104/150: the rest is 48/80, which is example (a) above.
    const v = vergelijkTellingen({teller: 56, noemer: 70}, {teller: 104, noemer: 150}, "aandeel", {
      referentieBevatEigen: true
    })!;
    expect(v.maat).toBe("verschil");
    close(v.onder, 0.0524);
    close(v.boven, 0.3339);
    expect(v.oordeel).toBe("hoger");
  });
  it("takes an outside reference as it is", () => {
    const v = vergelijkTellingen({teller: 56, noemer: 70}, {teller: 48, noemer: 80}, "aandeel", {
      referentieBevatEigen: false
    })!;
    close(v.onder, 0.0524);
  });
  it("has nothing to compare with when the region is the area itself", () => {
    expect(
      vergelijkTellingen({teller: 50, noemer: 1000}, {teller: 50, noemer: 1000}, "tempo", {
        referentieBevatEigen: true
      })
    ).toBeNull();
  });
});

describe("locatiequotientInterval", () => {
  it("maps the interval of the share ratio against the rest onto the LQ", () => {
    // 30 of 200 establishments in the area, 100 of 1,000 in the region: LQ = 0.15 / 0.10 = 1.5.
    // The rest has 70 of 800; R = 0.15 / 0.0875, and LQ = 1000·R / (200·R + 800), which gives
    // 1.5 at R = 1.714 and 1 at R = 1.
    const t = {branche: 30, alle: 200, brancheReferentie: 100, alleReferentie: 1000};
    const i = locatiequotientInterval(t, {referentieBevatEigen: true})!;
    close(i.lq, 1.5, 10);
    const r = verhoudingAandelen(30, 200, 70, 800)!;
    const lq = (x: number) => (1000 * x) / (200 * x + 800);
    close(lq(r.verhouding), 1.5, 10);
    close(i.onder, lq(r.onder), 10);
    close(i.boven, lq(r.boven), 10);
    expect(i.onder).toBeGreaterThan(1);
    expect(i.oordeel).toBe("hoger");
  });
  it("is the share ratio itself against an outside (national) reference", () => {
    const t = {branche: 30, alle: 200, brancheReferentie: 10000, alleReferentie: 100000};
    const i = locatiequotientInterval(t, {referentieBevatEigen: false})!;
    const r = verhoudingAandelen(30, 200, 10000, 100000)!;
    close(i.lq, 1.5, 10);
    close(i.onder, r.onder, 10);
    close(i.boven, r.boven, 10);
  });
  it("does not judge an LQ against itself (a bronmap of one gemeente)", () => {
    const t = {branche: 30, alle: 200, brancheReferentie: 30, alleReferentie: 200};
    expect(locatiequotientInterval(t, {referentieBevatEigen: true})).toBeNull();
  });
  it("calls a small branch with a high LQ not distinguishable from 1", () => {
    // 2 of 100 against 10 of 1,000: LQ 2, but two establishments say little.
    const t = {branche: 2, alle: 100, brancheReferentie: 10, alleReferentie: 1000};
    const i = locatiequotientInterval(t, {referentieBevatEigen: true})!;
    close(i.lq, 2, 10);
    expect(i.oordeel).toBe("niet-te-onderscheiden");
  });
});
