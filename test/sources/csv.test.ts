import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {detectDelimiter, detectEncoding, splitHeader} from "../../data-loaders/sources/csv.ts";
import {MISSING_NUMBERS, matchVariables, parseKerncijfer} from "../../data-loaders/sources/kerncijfers.ts";

const dir = mkdtempSync(join(tmpdir(), "csv-test-"));
function file(name: string, bytes: Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

describe("detectEncoding", () => {
  it("recognises Windows-1252 by its invalid UTF-8 bytes", async () => {
    expect(await detectEncoding(file("a.csv", Buffer.from("naam\nCo\xebvorden\n", "latin1")))).toBe(
      "windows-1252"
    );
  });
  it("recognises UTF-8 with and without BOM", async () => {
    expect(await detectEncoding(file("b.csv", Buffer.from("\ufeffnaam\nCoëvorden\n", "utf8")))).toBe(
      "utf-8-bom"
    );
    expect(await detectEncoding(file("c.csv", Buffer.from("naam\nCoëvorden\n", "utf8")))).toBe("utf-8");
  });
  it("finds a Windows-1252 byte far into the file", async () => {
    const big = Buffer.concat([
      Buffer.from("a;b\n" + "x;y\n".repeat(400_000)),
      Buffer.from("Co\xebvorden;1\n", "latin1")
    ]);
    expect(await detectEncoding(file("d.csv", big))).toBe("windows-1252");
  });
});

describe("detectDelimiter", () => {
  it("prefers ; as Dutch Excel writes it", () => {
    expect(detectDelimiter("a;b;c")).toBe(";");
    expect(detectDelimiter("a,b,c")).toBe(",");
    expect(detectDelimiter('"a,1";"b,2"')).toBe(";");
  });
  it("splits a quoted header", () => {
    expect(splitHeader('"ID";"Wijken;En";"x"', ";")).toEqual(["ID", "Wijken;En", "x"]);
  });
});

describe("kerncijfers values", () => {
  it("reads CBS missing markers as missing, never as numbers", () => {
    for (const v of [null, ".", "x", "  .  ", "", "-99999999", -99999999, -99997, "-99997"])
      expect(parseKerncijfer(v)).toBeNull();
    expect(MISSING_NUMBERS).toContain(-99999999);
  });
  it("reads decimal commas and numbers", () => {
    expect(parseKerncijfer("26,3")).toBe(26.3);
    expect(parseKerncijfer("1.234,5")).toBe(1234.5);
    expect(parseKerncijfer(12)).toBe(12);
  });
  it("marks text that is not a marker as invalid", () => {
    expect(parseKerncijfer("veel")).toBeUndefined();
  });
  it("matches CBS topic keys by prefix whatever their year suffix", () => {
    const m = matchVariables([
      "WijkenEnBuurten",
      "AantalInwoners_5",
      "GemiddeldInkomenPerInwoner_78",
      "Mannen_6",
      "AANT_INW_X"
    ]);
    expect(m.get("inwoners")).toBe("AantalInwoners_5");
    expect(m.get("gemiddeld_inkomen")).toBe("GemiddeldInkomenPerInwoner_78");
    expect(m.has("woz")).toBe(false);
  });
  it("does not confuse keys that merely start alike", () => {
    const m = matchVariables([
      "HuishoudensTotaal_28",
      "HuishoudensTotaalExtra_3",
      "Eenpersoonshuishoudens_29"
    ]);
    expect(m.get("huishoudens")).toBe("HuishoudensTotaal_28");
    expect(m.get("eenpersoonshuishoudens_pct")).toBe("Eenpersoonshuishoudens_29");
  });
});
