import {describe, expect, it} from "vitest";
import {fileNameOf, tableToCsv, wrapText} from "../../src/lib/export.ts";

describe("CSV export", () => {
  const data = {
    columns: [
      {key: "naam", label: "Gemeente"},
      {key: "waarde", label: "Vestigingen per 1.000 inwoners"},
      {key: "status", label: "Status"}
    ],
    rows: [
      {naam: "Coëvorden", waarde: 12.5, status: ""},
      {naam: '\'s-Hertogenbosch, "stad"', waarde: null, status: "onderdrukt"}
    ]
  };

  it("starts with a BOM so Excel reads UTF-8, and separates with commas", () => {
    const csv = tableToCsv(data);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split("\r\n")[0]).toBe("Gemeente,Vestigingen per 1.000 inwoners,Status");
  });

  it("quotes fields with commas or quotes (RFC 4180), keeps dot decimals and leaves suppressed values empty", () => {
    const lines = tableToCsv(data).slice(1).split("\r\n");
    expect(lines[1]).toBe("Coëvorden,12.5,");
    expect(lines[2]).toBe('"\'s-Hertogenbosch, ""stad""",,onderdrukt');
  });
});

describe("export file names and text wrapping", () => {
  it("makes an ASCII file name from a Dutch title", () => {
    expect(fileNameOf("Fastfood groeit het snelst in Brakelstein (2015–2025)", "png")).toBe(
      "fastfood-groeit-het-snelst-in-brakelstein-2015-2025.png"
    );
    expect(fileNameOf("Coëvorden", "svg")).toBe("coevorden.svg");
  });

  it("wraps long titles at word boundaries", () => {
    expect(wrapText("een twee drie vier vijf", 9)).toEqual(["een twee", "drie vier", "vijf"]);
  });
});
