import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {detectDelimiter, detectEncoding, splitHeader} from "../../data-loaders/sources/csv.ts";

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
