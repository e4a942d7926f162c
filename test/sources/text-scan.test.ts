/**
 * The byte scan before parsing: encodings (and what is refused), lines as an editor counts
 * them, and records as DuckDB numbers them. Every expected value is counted by hand from the
 * few bytes of each case.
 */
import {describe, expect, it} from "vitest";
import {lineOfIndex, scanTextBytes} from "../../data-loaders/sources/text-scan.ts";
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
