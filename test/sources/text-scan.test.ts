/**
 * The byte scan before parsing: encodings (and what is refused), lines as an editor counts
 * them, and records as DuckDB numbers them. Every expected value is counted by hand from the
 * few bytes of each case.
 */
import {describe, expect, it} from "vitest";
import {encodingOfBytes, lineOfIndex, scanTextBytes} from "../../data-loaders/sources/text-scan.ts";
import {BronmapError} from "../../data-loaders/sources/types.ts";

const scan = (bytes: Buffer | string, delimiter?: string) =>
  scanTextBytes(typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes, {label: "x.csv", delimiter});
const error = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(BronmapError);
    return (e as Error).message;
  }
  throw new Error("geen fout");
};

describe("encoding", () => {
  it("tells UTF-8, UTF-8 with BOM and Windows-1252 apart", () => {
    expect(scan("naam\nCoëvorden\n").encoding).toBe("utf-8");
    expect(scan("\ufeffnaam\nCoëvorden\n").encoding).toBe("utf-8-bom");
    expect(scan(Buffer.from("naam\nCo\xebvorden\n", "latin1")).encoding).toBe("windows-1252");
  });

  it("notes Windows-1252 characters in 0x80-0x9F, which DuckDB's latin-1 refuses", () => {
    expect(scan(Buffer.from("naam\nCo\xebvorden\n", "latin1")).hasC1).toBe(false);
    expect(scan(Buffer.from([0x61, 0x0a, 0x92, 0x74, 0x0a])).hasC1).toBe(true);
  });

  it("refuses a UTF-8 file with one stray byte, naming the line and the byte", () => {
    // Line 3 holds 0xE9 followed by "n": a lead byte without its continuation bytes.
    const bytes = Buffer.concat([Buffer.from("a\nWijk-Één\nDal"), Buffer.from([0xe9]), Buffer.from("n\n")]);
    expect(error(() => scan(bytes))).toBe(
      "x.csv, regel 3: verwacht één tekenset voor het hele bestand (UTF-8 of Windows-1252), gevonden UTF-8 met een byte die geen UTF-8 is (0xE9); sla het bestand opnieuw op als UTF-8"
    );
  });

  it("refuses bytes that are text in neither encoding", () => {
    expect(error(() => scan(Buffer.from([0x61, 0x0a, 0x62, 0x81, 0x0a])))).toBe(
      "x.csv, regel 2: verwacht tekst in UTF-8 of Windows-1252, gevonden de byte 0x81, die in geen van beide een teken is"
    );
    expect(error(() => scan(Buffer.from([0x61, 0x0a, 0x62, 0x00, 0x0a])))).toMatch(
      /^x\.csv, regel 2: verwacht tekst in UTF-8 of Windows-1252, gevonden nul-bytes/
    );
  });

  it("names UTF-16, spreadsheets, archives and PDFs by their first bytes", () => {
    expect(error(() => scan(Buffer.from([0xff, 0xfe, 0x61, 0])))).toMatch(
      /gevonden UTF-16 \(herkend aan de BOM/
    );
    expect(error(() => scan(Buffer.from([0xfe, 0xff, 0, 0x61])))).toMatch(/gevonden UTF-16/);
    expect(error(() => scan(Buffer.from("PK\x03\x04rest", "latin1")))).toMatch(/Excel-werkmap \(\.xlsx\)/);
    expect(error(() => scan(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1])))).toMatch(/oude Excel-werkmap/);
    expect(error(() => scan(Buffer.from("%PDF-1.4")))).toMatch(/PDF-bestand/);
  });

  it("counts control characters other than tab and line breaks", () => {
    expect(scan("a\tb\nc\x1a\n").controls).toEqual({count: 1, line: 2});
  });
});

describe("lines and records", () => {
  it("counts lines as an editor does, with LF, CRLF and CR", () => {
    expect(scan("a\nb\nc\n").lines).toBe(3);
    expect(scan("a\nb\nc").lines).toBe(3);
    expect(scan("a\r\nb\r\n").lines).toBe(2);
    expect(scan("a\rb\rc\r").lines).toBe(3);
    expect(scan("a\rb\rc\r").lineEnding).toBe("CR");
    expect(scan("a\r\nb\nc\n").lineEnding).toBe("gemengd");
  });

  it("numbers records like DuckDB: blank lines count, line breaks inside quotes do not", () => {
    // Units: 1 "a;b", 2 "1;\"x\ny\"" (lines 2-3), 3 "" (line 4), 4 "2;z" (line 5).
    const s = scan('a;b\n1;"x\ny"\n\n2;z\n', ";");
    expect(s.units).toBe(4);
    expect(s.lines).toBe(5);
    expect(s.blankUnits).toEqual([3]);
    expect(s.multiLine).toEqual([{ordinal: 2, line: 2, extra: 1}]);
    expect(s.openQuote).toBeNull();
  });

  it('treats a quote inside an unquoted field as text, and "" inside quotes as one quote', () => {
    const s = scan('a;b\n1;c"d\n2;"e""f"\n3;g\n', ";");
    expect(s.units).toBe(4);
    expect(s.multiLine).toEqual([]);
  });

  it("finds a quote that stays open to the end of the file", () => {
    // The quote opens on line 3 and swallows lines 3-5.
    const s = scan('a;b\n1;x\n2;"open\n3;y\n4;z\n', ";");
    expect(s.openQuote).toEqual({ordinal: 3, line: 3, lines: 3});
  });

  it("sees a quote, a control character and a non-ASCII byte wherever it stands in a run of plain bytes", () => {
    // Runs of plain bytes are skipped four at a time: the byte that matters is put at every
    // position relative to those words (k plain bytes before it, the whole at shift s in memory).
    const at = (text: Buffer, shift: number) => {
      // Nothing after the text: a word view must not reach past the end of the memory.
      const host = Buffer.from(new ArrayBuffer(shift + text.length));
      text.copy(host, shift);
      return scanTextBytes(host.subarray(shift, shift + text.length), {label: "x.csv", delimiter: ";"});
    };
    for (let shift = 0; shift < 4; shift++)
      for (let k = 0; k < 12; k++) {
        const x = "x".repeat(k);
        // After a separator the quote opens a field over two lines: 2 records, the second spans.
        const quoted = at(Buffer.from(`k;v\n${x};"a\nb"${"z".repeat(9)}\n`), shift);
        expect([quoted.units, quoted.lines, quoted.multiLine]).toEqual([
          2,
          3,
          [{ordinal: 2, line: 2, extra: 1}]
        ]);
        // Inside an unquoted field it is text: 3 records of one line.
        const text = at(Buffer.from(`k;v\n${x}a"b\nc${"z".repeat(9)}\n`), shift);
        expect([text.units, text.multiLine]).toEqual([3, []]);
        const control = at(Buffer.from(`k;v\n${x}\u0001${"y".repeat(9)}\n`), shift);
        expect(control.controls).toEqual({count: 1, line: 2});
        expect(at(Buffer.from(`k;v\n${x}é${"y".repeat(9)}\n`), shift).encoding).toBe("utf-8");
        const latin = Buffer.concat([
          Buffer.from(`k;v\n${x}`),
          Buffer.from([0xe9]),
          Buffer.from(`${"y".repeat(9)}\n`)
        ]);
        expect(at(latin, shift).encoding).toBe("windows-1252");
      }
    // Fewer bytes than a word, at the very end of the memory.
    for (let shift = 0; shift < 8; shift++) expect(at(Buffer.from("a"), shift).lines).toBe(1);
  });

  it("lists records longer than the limit with their first line", () => {
    const s = scanTextBytes(Buffer.from(`a;b\n1;x\n2;${"y".repeat(100)}\n3;z\n`), {
      label: "x.csv",
      delimiter: ";",
      longUnitBytes: 50
    });
    expect(s.longUnits).toEqual([{ordinal: 3, line: 3, bytes: 102}]);
    expect(s.maxUnitBytes).toBe(102);
  });

  it("finds the line of a character index in decoded text, counting CR and CRLF once each", () => {
    expect(lineOfIndex("a\r\nb\rc\nd", 8)).toBe(4);
    expect(lineOfIndex("abc", 2)).toBe(1);
  });
});

describe("encodingOfBytes (the native UTF-8 check before the full scan)", () => {
  // Each case is decided by the full scan too; the fast path must give the same encoding, or the
  // same message for a file that is refused. The byte sequences are the edges of UTF-8 (RFC 3629):
  // overlong forms (C0 80, E0 80 80), surrogates (ED A0 80), beyond U+10FFFF (F4 90 80 80, F5),
  // sequences cut short, and files that are valid UTF-8 but no text (a zip header, NUL bytes).
  const cases: [string, Buffer][] = [
    ["leeg", Buffer.alloc(0)],
    ["ASCII", Buffer.from('{"a": 1}\n')],
    ["UTF-8", Buffer.from('{"naam": "Coëvorden €"}')],
    ["BOM", Buffer.from('\ufeff{"naam": "Één"}')],
    ["twee BOM's", Buffer.from("\ufeff\ufeff{}")],
    ["vier bytes", Buffer.from('{"x": "😀"}')],
    ["Windows-1252", Buffer.from('{"naam": "Co\xebvorden"}', "latin1")],
    ["overlong C0", Buffer.from([0x7b, 0xc0, 0x80, 0x7d])],
    ["overlong E0", Buffer.from([0x7b, 0xe0, 0x80, 0x80, 0x7d])],
    ["surrogaat", Buffer.from([0x7b, 0xed, 0xa0, 0x80, 0x7d])],
    ["boven U+10FFFF", Buffer.from([0x7b, 0xf4, 0x90, 0x80, 0x80, 0x7d])],
    ["F5", Buffer.from([0x7b, 0xf5, 0x80, 0x80, 0x80, 0x7d])],
    ["afgebroken", Buffer.from([0x7b, 0x0a, 0xc3, 0x0a, 0x7d])],
    ["afgebroken aan het eind", Buffer.from([0x7b, 0xe2, 0x82])],
    ["UTF-8 met een losse byte", Buffer.concat([Buffer.from("Één\n"), Buffer.from([0xe9, 0x0a])])],
    ["nul-byte", Buffer.from([0x7b, 0x0a, 0x00, 0x7d])],
    ["zip", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])],
    ["zip zonder nul", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x41])],
    ["gzip", Buffer.from([0x1f, 0x8b, 0x08])],
    ["PDF", Buffer.from("%PDF-1.7\n")],
    ["UTF-16", Buffer.from([0xff, 0xfe, 0x7b, 0x00])]
  ];
  const outcome = (f: () => string): string => {
    try {
      return f();
    } catch (e) {
      expect(e).toBeInstanceOf(BronmapError);
      return `fout: ${(e as Error).message}`;
    }
  };
  it.each(cases)("%s: as the full scan", (_, bytes) => {
    const full = outcome(() => scanTextBytes(bytes, {label: "x.json"}).encoding);
    expect(outcome(() => encodingOfBytes(bytes, "x.json"))).toBe(full);
  });
  it("gives the expected answers for a few cases (worked out from the bytes)", () => {
    expect(encodingOfBytes(Buffer.from("Coëvorden"), "x")).toBe("utf-8");
    expect(encodingOfBytes(Buffer.from("\ufeffCoëvorden"), "x")).toBe("utf-8-bom");
    expect(encodingOfBytes(Buffer.from("Co\xebvorden", "latin1"), "x")).toBe("windows-1252");
    expect(outcome(() => encodingOfBytes(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x41]), "x"))).toMatch(/zip/);
  });
});
