import {describe, expect, it} from "vitest";
import {
  formatAantal,
  formatCel,
  formatDatum,
  formatDecimaal,
  formatEuro,
  formatIndex,
  formatJaar,
  formatPer1000,
  formatProcent,
  formatVerandering,
  formatWaarde,
  tickFormatFor
} from "../../src/lib/format.ts";

describe("format", () => {
  it("writes counts with dot thousands", () => {
    expect(formatAantal(1234)).toBe("1.234");
    expect(formatAantal(1234567)).toBe("1.234.567");
    expect(formatAantal(12.6)).toBe("13");
    expect(formatAantal(-1234)).toBe("−1.234");
  });

  it("writes decimals with a comma", () => {
    expect(formatDecimaal(12.345, 1)).toBe("12,3");
    expect(formatDecimaal(1234.5, 2)).toBe("1.234,50");
    expect(formatDecimaal(-0.04, 1)).toBe("0,0");
    expect(formatPer1000(4.56)).toBe("4,6");
    // Small rates keep the two decimals they are published with.
    expect(formatPer1000(0.04)).toBe("0,04");
    expect(formatPer1000(0.995)).toBe("1,00");
    expect(formatPer1000(0)).toBe("0,0");
  });

  it("writes percentages from percent points", () => {
    expect(formatProcent(12.34)).toBe("12,3%");
    expect(formatProcent(-2)).toBe("−2,0%");
  });

  it("writes euros without cents and thousands of euros in full", () => {
    expect(formatEuro(312000)).toBe("€ 312.000");
    expect(formatWaarde(312, "x1000-euro")).toBe("€ 312.000");
    expect(formatEuro(-5)).toBe("€ −5");
  });

  it("writes indexes with two decimals below 10 and one above", () => {
    expect(formatIndex(1.234)).toBe("1,23");
    expect(formatIndex(102.46)).toBe("102,5");
  });

  it("writes changes with a sign and a real minus", () => {
    expect(formatVerandering(3.21)).toBe("+3,2");
    expect(formatVerandering(-1)).toBe("−1,0");
    expect(formatVerandering(0)).toBe("0,0");
    expect(formatVerandering(-0.01)).toBe("0,0");
    expect(formatVerandering(1234, 0)).toBe("+1.234");
  });

  it("writes years without a thousands dot and dates in words", () => {
    expect(formatJaar(2024)).toBe("2024");
    expect(formatDatum("2026-11-28")).toBe("28 november 2026");
    expect(formatDatum(new Date("2026-03-01T00:30:00+01:00"))).toBe("1 maart 2026");
    expect(formatDatum("niet een datum")).toBe("geen gegevens");
  });

  it("dispatches by unit", () => {
    expect(formatWaarde(1234, "aantal")).toBe("1.234");
    expect(formatWaarde(4.56, "per-1000")).toBe("4,6");
    expect(formatWaarde(12.34, "procent")).toBe("12,3%");
    expect(formatWaarde(1.5, "index")).toBe("1,50");
    expect(formatWaarde(2500, "per-km2")).toBe("2.500");
    expect(formatWaarde(0.66, "per-km2")).toBe("0,66");
    expect(formatWaarde(16.81, "per-km2")).toBe("16,8");
    expect(formatWaarde(1200, "m2")).toBe("1.200 m²");
    expect(formatWaarde(1.25, "onbekend")).toBe("1,3");
    expect(formatWaarde(null, "aantal")).toBe("geen gegevens");
    expect(formatWaarde(Number.NaN, "aantal")).toBe("geen gegevens");
  });

  it("formats cells as value, rounded, suppressed or missing", () => {
    expect(formatCel({waarde: 1234, status: ""}, "aantal")).toBe("1.234");
    expect(formatCel({waarde: 15, status: "afgerond"}, "aantal")).toBe("≈ 15");
    expect(formatCel({waarde: null, status: "onderdrukt"}, "aantal")).toBe("onderdrukt");
    // A suppressed cell never shows a number, even when one slipped through.
    expect(formatCel({waarde: 3, status: "onderdrukt"}, "aantal")).toBe("onderdrukt");
    expect(formatCel({waarde: null, status: "geen-data"}, "aantal")).toBe("geen gegevens");
    expect(formatCel(undefined, "aantal")).toBe("geen gegevens");
  });

  it("gives Plot tick formats in nl-NL", () => {
    expect(tickFormatFor("aantal")(2000)).toBe("2.000");
    expect(tickFormatFor("aantal")(0.5)).toBe("0,5");
    expect(tickFormatFor("procent")(12.5)).toBe("12,5%");
  });
});
