/**
 * Risk branches as data: the default list, the bronmap's `risicobranches.csv` (replace, extend,
 * remove; every problem named by file, line and column), SBI 2008 and SBI 2025 columns side by
 * side, and validation at the full code. Each bronmap here is a copy of the basis fixture's areas
 * with a small hand-written establishments file; the expected counts are read off those rows.
 */
import {cpSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {loadBronmap} from "../../data-loaders/sources/bronmap.ts";
import {
  bronTekst,
  codesTekst,
  OVERWOGEN_BRANCHES,
  parseCodeList,
  STANDAARD_RISICOBRANCHES
} from "../../data-loaders/sources/risicobranches.ts";
import type {LoadedBronmap} from "../../data-loaders/sources/loaded.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, {recursive: true, force: true});
});

const HEAD = "vestigingsnummer;kvk_nummer;naam;sbi;sbi2025;datum_inschrijving;buurtcode";
const BU = "BU01090100";

/** A bronmap with the basis fixture's areas and the given files. */
function bronmap(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "risicobranches-test-"));
  dirs.push(dir);
  cpSync("test/fixtures/bronmap/basis/gebieden", join(dir, "gebieden"), {recursive: true});
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Establishment lines: [sbi 2008, sbi 2025] per row, numbered from 1. */
function vestigingen(codes: [string, string][], head = HEAD): string {
  return [
    head,
    ...codes.map(([a, b], i) => {
      const nr = String(i + 1).padStart(2, "0");
      return `0000000000${nr};100000${nr};Bedrijf ${nr};${a};${b};2020-01-01;${BU}`;
    })
  ].join("\n");
}

async function withBronmap<T>(dir: string, f: (b: LoadedBronmap) => Promise<T>): Promise<T> {
  const b = await loadBronmap(dir, {log: () => {}});
  try {
    return await f(b);
  } finally {
    b.close();
  }
}

async function errorOf(dir: string): Promise<string> {
  try {
    const b = await loadBronmap(dir, {log: () => {}});
    b.close();
  } catch (e) {
    return (e as Error).message;
  }
  return "geen fout";
}

describe("the default list", () => {
  it("lists every branch with codes in both classifications, a profile and sources with an address", () => {
    expect(STANDAARD_RISICOBRANCHES.length).toBeGreaterThan(10);
    for (const b of STANDAARD_RISICOBRANCHES) {
      expect(b.sbi.sbi2008.codes.length + b.sbi.sbi2025.codes.length).toBeGreaterThan(0);
      expect(b.bronnen.length).toBeGreaterThan(0);
      for (const s of b.bronnen) expect(s.adres).toMatch(/^https?:\/\//);
    }
  });
  it("writes the corrected codes as people read them", () => {
    const byId = Object.fromEntries(STANDAARD_RISICOBRANCHES.map((b) => [b.id, b]));
    expect(codesTekst(byId.kunsthandel.sbi.sbi2008)).toBe("47.78.3, 47.79.1");
    expect(codesTekst(byId.zorg.sbi.sbi2008)).toBe("87, 88.10, 86.9; niet 86.92.4, 86.92.5");
    expect(codesTekst(byId.vastgoed.sbi.sbi2008)).toBe("68; niet 68.20.1, 68.20.2");
  });
  it("says for every branch the issue named whether it is on the list, and why", () => {
    expect(OVERWOGEN_BRANCHES.map((o) => [codesTekst(o.sbi.sbi2008), o.besluit])).toEqual([
      ["47.42", "opgenomen"],
      ["47.11", "niet opgenomen"],
      ["47.77", "opgenomen"],
      ["93.13", "niet opgenomen"],
      ["49.32", "opgenomen"],
      ["78.20", "opgenomen"],
      ["38", "niet opgenomen"],
      ["64.20", "niet opgenomen"]
    ]);
  });
  it("cites a source with title, publisher, year and address, z.j. when it has no year", () => {
    expect(bronTekst({titel: "T", uitgever: "U", jaar: 2021, adres: "https://x.nl/"})).toBe(
      "T. U, 2021. https://x.nl/"
    );
    expect(bronTekst({titel: "T", uitgever: "U", jaar: null, adres: "https://x.nl/"})).toBe(
      "T. U, z.j.. https://x.nl/"
    );
  });
});

describe("parseCodeList", () => {
  it("reads codes and exclusions with or without dots", () => {
    expect(parseCodeList(["68", "-68.20.1", "-6820 2"], "sbi2008", {file: "f"}, "sbi2008")).toEqual({
      codes: ["68"],
      uitgezonderd: ["68201", "68202"]
    });
  });
  it("refuses a code that the classification does not have, naming file, line and column", () => {
    expect(() =>
      parseCodeList(["86.90"], "sbi2008", {file: "risicobranches.csv", line: 3}, "sbi2008")
    ).toThrow('risicobranches.csv, regel 3, kolom sbi2008: verwacht een code uit SBI 2008, gevonden "86.90"');
  });
  it("refuses an exclusion outside the branch's own codes", () => {
    expect(() => parseCodeList(["56", "-55.40"], "sbi2025", {file: "f", line: 2}, "sbi2025")).toThrow(
      "een uitzondering die onder een code van de branche valt"
    );
  });
});

describe("validation at the full code", () => {
  it("rejects an unknown 4- or 5-digit code with a counted reason instead of counting it as other", async () => {
    // 56.10.9 and 86.90 do not exist in SBI 2008 (the divisions do); 47.78.3 and 96.02.1 do.
    const dir = bronmap({
      "vestigingen.csv": vestigingen([
        ["56.10.9", ""],
        ["86.90", ""],
        ["47.78.3", ""],
        ["96.02.1", ""]
      ])
    });
    await withBronmap(dir, async (b) => {
      const q = b.quality.files.find((f) => f.file === "vestigingen.csv")!;
      expect(q.rowsRead).toBe(4);
      expect(q.rowsAccepted).toBe(2);
      expect(q.rejected).toEqual({"onbekende SBI-code": 2});
    });
  });
  it("accepts SBI 2025 codes in their own column and reports which classification the rows carry", async () => {
    // Row 1 both codes, rows 2-3 only SBI 2025 (47.40.2 telefoonwinkel, 49.33 taxi), row 4 an SBI
    // 2025 code that does not exist (49.39.9).
    const dir = bronmap({
      "vestigingen.csv": vestigingen([
        ["56.10.2", "56.11.2"],
        ["", "47.40.2"],
        ["", "49.33"],
        ["", "49.39.9"]
      ])
    });
    await withBronmap(dir, async (b) => {
      const q = b.quality.files.find((f) => f.file === "vestigingen.csv")!;
      expect(q.rejected).toEqual({"onbekende SBI 2025-code": 1});
      expect(b.quality.sbi).toEqual({metSbi2008: 1, alleenSbi2025: 2, beide: 1, meldingen: []});
    });
  });
  it("stops with a message when the sbi column holds SBI 2025 codes", async () => {
    // 47.40.2, 49.33 and 95.31.1 exist only in SBI 2025.
    const dir = bronmap({
      "vestigingen.csv": vestigingen(
        [
          ["47.40.2", ""],
          ["49.33", ""],
          ["95.31.1", ""]
        ],
        HEAD
      )
    });
    expect(await errorOf(dir)).toContain(
      'vestigingen.csv, regel 2, kolom sbi: verwacht SBI 2008-codes in kolom "sbi" (SBI 2025-codes horen in een kolom "sbi2025")'
    );
  });
});

describe("risicobranches.csv in the bronmap", () => {
  const RB_HEAD = "id;actie;naam;sbi2008;sbi2025;profiel;bronnen";
  it("adds a branch, replaces one by id and removes one, and reports the lines read", async () => {
    const dir = bronmap({
      "vestigingen.csv": vestigingen([["47.11", "47.11"]]),
      "risicobranches.csv": [
        RB_HEAD,
        "minimarkten;;Minimarkten;47.11;47.11;Eigen analyse van de gemeente;Eigen analyse RIEC 2024",
        "taxi;verwijder;;;;;",
        "kappers;;Kappers;96.02.1;96.21;Eigen profiel;seed-blog"
      ].join("\n")
    });
    await withBronmap(dir, async (b) => {
      const ids = b.risicobranches.map((x) => x.id);
      expect(ids).toContain("minimarkten");
      expect(ids).not.toContain("taxi");
      expect(ids.length).toBe(STANDAARD_RISICOBRANCHES.length);
      const kappers = b.risicobranches.find((x) => x.id === "kappers")!;
      expect([kappers.profiel, kappers.herkomst, kappers.bronnen[0].uitgever]).toEqual([
        "Eigen profiel",
        "bronmap",
        "Shintō Labs, op het blog van SBO (Studiecentrum voor Bedrijf en Overheid)"
      ]);
      expect(b.quality.files.find((f) => f.file === "risicobranches.csv")?.rowsRead).toBe(3);
    });
  });
  it("replaces the whole list with id * and actie verwijder", async () => {
    const dir = bronmap({
      "vestigingen.csv": vestigingen([["47.11", ""]]),
      "risicobranches.csv": [
        RB_HEAD,
        "*;verwijder;;;;;",
        "minimarkten;;Minimarkten;47.11;;Profiel;Eigen bron 2024"
      ].join("\n")
    });
    await withBronmap(dir, async (b) => {
      expect(b.risicobranches.map((x) => x.id)).toEqual(["minimarkten"]);
      // Establishments carry SBI 2008 only, and the one branch has SBI 2008 codes: nothing to report.
      expect(b.quality.sbi?.meldingen).toEqual([]);
    });
  });
  it("reports branches without codes in a classification the establishments use", async () => {
    const dir = bronmap({
      "vestigingen.csv": vestigingen([["", "47.11"]]),
      "risicobranches.csv": [
        RB_HEAD,
        "*;verwijder;;;;;",
        "minimarkten;;Minimarkten;47.11;;Profiel;Eigen bron 2024"
      ].join("\n")
    });
    await withBronmap(dir, async (b) => {
      expect(b.quality.sbi?.meldingen).toEqual([
        "Geen enkele risicobranche heeft SBI 2025-codes: de 1 vestigingen met alleen een SBI 2025-code vallen daardoor in geen risicobranche."
      ]);
    });
  });
  it("names file, line and column of a bad row", async () => {
    const bad = (row: string) =>
      bronmap({
        "vestigingen.csv": vestigingen([["47.11", ""]]),
        "risicobranches.csv": [RB_HEAD, "taxi;verwijder;;;;;", row].join("\n")
      });
    expect(await errorOf(bad("minimarkten;;Minimarkten;47.19.9;;Profiel;Bron 2024"))).toBe(
      'risicobranches.csv, regel 3, kolom sbi2008: verwacht een code uit SBI 2008, gevonden "47.19.9"'
    );
    expect(await errorOf(bad("fastfood2;;Snacks;56.10.2;;Profiel;Bron 2024"))).toContain(
      "risicobranches.csv, regel 3, kolom sbi2008: verwacht een code die geen andere branche ook noemt, gevonden 56.10.2"
    );
    expect(await errorOf(bad("minimarkten;weg;Minimarkten;47.11;;Profiel;Bron 2024"))).toBe(
      'risicobranches.csv, regel 3, kolom actie: verwacht gebruik of verwijder, gevonden "weg"'
    );
    expect(await errorOf(bad("minimarkten;;Minimarkten;47.11;;;Bron 2024"))).toBe(
      "risicobranches.csv, regel 3, kolom profiel: verwacht waarom de branche op de lijst staat, gevonden een leeg veld"
    );
  });
});
