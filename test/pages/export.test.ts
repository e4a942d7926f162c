// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {
  chartSvgsOf,
  composeSvg,
  csvFileName,
  fileNameOf,
  legendEntriesOf,
  tableToCsv,
  wrapText
} from "../../src/lib/export.ts";
import {chartFigure, legendBlock, suppressionLegendItems} from "../../src/lib/chart-frame.ts";

describe("CSV export", () => {
  const data = {
    columns: [
      {label: "Gemeente"},
      {label: "Vestigingen per 1.000 inwoners", numeric: true},
      {label: "Status"}
    ],
    rows: [
      ["Coëvorden", {text: "12,5", value: 12.5}, ""],
      ['\'s-Hertogenbosch, "stad"', {text: "onderdrukt", value: null}, "onderdrukt"]
    ]
  };

  it("starts with a BOM so Excel reads UTF-8, and by default separates with semicolons for Dutch Excel", () => {
    const csv = tableToCsv(data);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split("\r\n")[0]).toBe("Gemeente;Vestigingen per 1.000 inwoners;Status");
  });

  it("writes decimal commas in the Dutch form and quotes only fields with semicolons or quotes", () => {
    const lines = tableToCsv(data, "nl").slice(1).split("\r\n");
    expect(lines[1]).toBe("Coëvorden;12,5;");
    expect(lines[2]).toBe('"\'s-Hertogenbosch, ""stad""";;onderdrukt');
    const large = tableToCsv({
      columns: [{label: "a;b"}, {label: "n", numeric: true}],
      rows: [["x", {text: "", value: 3675.25}]]
    });
    // No thousands separator: Dutch Excel reads 3675,25 as the number, never 3.675 as 3675.
    expect(large.slice(1).split("\r\n")).toEqual(['"a;b";n', "x;3675,25", ""]);
  });

  it("in the international form quotes fields with commas or quotes (RFC 4180), keeps dot decimals and leaves suppressed values empty", () => {
    const lines = tableToCsv(data, "internationaal").slice(1).split("\r\n");
    expect(lines[0]).toBe("Gemeente,Vestigingen per 1.000 inwoners,Status");
    expect(lines[1]).toBe("Coëvorden,12.5,");
    expect(lines[2]).toBe('"\'s-Hertogenbosch, ""stad""",,onderdrukt');
  });

  it("names the international file apart from the Dutch one", () => {
    expect(csvFileName("vestigingen.csv", "nl")).toBe("vestigingen.csv");
    expect(csvFileName("vestigingen.csv", "internationaal")).toBe("vestigingen-internationaal.csv");
  });
});

describe("CSV export against formula injection (OWASP)", () => {
  it("puts an apostrophe before text a spreadsheet would run as a formula", () => {
    const csv = tableToCsv(
      {
        columns: [{label: "Gemeente"}, {label: "Waarde", numeric: true}],
        rows: [
          ['=HYPERLINK("http://x","klik")', {text: "1", value: 1}],
          ["+31 sum", {text: "2", value: 2}],
          ["-2+3+cmd|' /C calc'!A0", {text: "3", value: 3}],
          ["@SUM(A1)", {text: "4", value: 4}],
          ["\tTab", {text: "5", value: 5}],
          ["\rCR", {text: "6", value: 6}]
        ]
      },
      "internationaal"
    );
    const lines = csv.slice(1).split("\r\n");
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"",""klik"")",1`);
    expect(lines[2]).toBe("'+31 sum,2");
    expect(lines[3]).toBe("'-2+3+cmd|' /C calc'!A0,3");
    expect(lines[4]).toBe("'@SUM(A1),4");
    expect(lines[5]).toBe("'\tTab,5");
    expect(lines[6]).toBe(`"'\rCR",6`);
  });

  it("leaves negative numbers alone, as numbers and as plain numeric text", () => {
    const table = {
      columns: [{label: "Gebied"}, {label: "Verandering", numeric: true}, {label: "Tekst"}],
      rows: [["Noord", {text: "-12,5", value: -12.5}, "-3"]]
    };
    expect(tableToCsv(table, "internationaal").slice(1).split("\r\n")[1]).toBe("Noord,-12.5,-3");
    expect(tableToCsv(table, "nl").slice(1).split("\r\n")[1]).toBe("Noord;-12,5;-3");
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

describe("export of a chart figure", () => {
  function figure() {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("width", "640");
    svg.setAttribute("height", "200");
    return chartFigure({
      kind: "test",
      title: "Noord scoort het hoogst",
      source: "Fictieve voorbeeldregio",
      chart: svg,
      legend: legendBlock({
        note: "hoger = kwetsbaarder",
        items: suppressionLegendItems({id: "t", suppressed: true, missing: true})
      }),
      table: {
        columns: [{label: "Gebied"}, {label: "Index", numeric: true}],
        rows: [["Noord", {text: "1,20", value: 1.2}]]
      },
      summary: "Noord is het hoogst."
    });
  }

  it("gives every chart figure SVG, PNG and CSV buttons (Dutch CSV first, the international form beside it)", () => {
    const f = figure();
    const labels = [...f.querySelectorAll(".export-buttons button")].map((b) => b.textContent);
    expect(labels).toEqual(["SVG", "PNG", "CSV", "CSV internationaal"]);
  });

  it("puts the title, source and the suppression legend in the image, and only the chart's own SVGs", () => {
    const f = figure();
    expect(chartSvgsOf(f)).toHaveLength(1);
    const legend = legendEntriesOf(f);
    expect(legend.map((l) => l.kind)).toEqual(["noot", "onderdrukt", "geen-gegevens"]);
    const text = composeSvg(chartSvgsOf(f), {...f.chartData, legend});
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    expect(doc.querySelector("parsererror")).toBeNull();
    expect(text).toContain("Noord scoort het hoogst");
    expect(text).toContain("Bron: Fictieve voorbeeldregio");
    expect(text).toContain("Onderdrukt (te weinig waarnemingen)");
    expect(doc.querySelector('[data-legenda="onderdrukt"]')!.getAttribute("fill")).toBe(
      "url(#export-onderdrukt)"
    );
    expect(doc.getElementById("export-onderdrukt")).not.toBeNull();
  });

  it("writes the figure's table as CSV with the raw values", () => {
    expect(tableToCsv(figure().chartData)).toBe("\uFEFFGebied;Index\r\nNoord;1,2\r\n");
    expect(tableToCsv(figure().chartData, "internationaal")).toBe("\uFEFFGebied,Index\r\nNoord,1.2\r\n");
  });
});
