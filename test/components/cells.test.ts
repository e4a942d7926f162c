import {describe, expect, it} from "vitest";
import {
  cellKind,
  drawableValue,
  extremes,
  extremesSentence,
  sentences,
  tableCell
} from "../../src/components/cells.ts";

describe("cells", () => {
  it("treats a suppressed cell as suppressed even when it carries a number", () => {
    expect(cellKind({waarde: 4, status: "onderdrukt"})).toBe("onderdrukt");
    expect(drawableValue({waarde: 4, status: "onderdrukt"})).toBeNull();
  });

  it("treats absent, null and geen-data cells as missing, never as zero", () => {
    expect(cellKind(undefined)).toBe("geen-data");
    expect(cellKind({waarde: null, status: "geen-data"})).toBe("geen-data");
    expect(drawableValue({waarde: null, status: "geen-data"})).toBeNull();
    expect(drawableValue({waarde: 0, status: ""})).toBe(0);
    expect(drawableValue({waarde: 15, status: "afgerond"})).toBe(15);
  });

  it("keeps the raw value beside the text for export", () => {
    expect(tableCell({waarde: 1234, status: ""}, "aantal")).toEqual({text: "1.234", value: 1234});
    expect(tableCell({waarde: null, status: "onderdrukt"}, "aantal")).toEqual({
      text: "onderdrukt",
      value: null
    });
  });

  it("finds the highest and lowest, ties broken by name", () => {
    const items = [
      {naam: "Beekveld", waarde: 5},
      {naam: "Aadorp", waarde: 5},
      {naam: "Culemhoven", waarde: 1}
    ];
    expect(extremes(items)!.hoogste.naam).toBe("Aadorp");
    expect(extremes(items)!.laagste.naam).toBe("Culemhoven");
    expect(extremes([])).toBeNull();
    expect(extremesSentence(items, "aantal")).toBe(
      "Hoogste waarde: Aadorp (5). Laagste waarde: Culemhoven (1)."
    );
  });

  it("joins only non-empty sentences", () => {
    expect(sentences("Een.", "", undefined, false, "Twee.")).toBe("Een. Twee.");
  });
});
