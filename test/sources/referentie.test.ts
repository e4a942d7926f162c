import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {
  nederlandTotaal,
  parseBrancheTitel,
  readBedrijfstakken,
  readReferentie
} from "../../data-loaders/sources/referentie.ts";

const FIX = join(import.meta.dirname, "..", "fixtures", "ophalen");

function bronmap(files: Record<string, string>, withFixture = true): string {
  const dir = mkdtempSync(join(tmpdir(), "referentie-"));
  mkdirSync(join(dir, "referentie"));
  if (withFixture) {
    copyFileSync(
      join(FIX, "echt/sbi-83583NED-bedrijfstakken.json"),
      join(dir, "referentie/bedrijfstakken.json")
    );
    copyFileSync(
      join(FIX, "gemaakt/referentie-81575NED-dataproperties.json"),
      join(dir, "referentie/vestigingen.dataproperties.json")
    );
  }
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, "referentie", name), content);
  return dir;
}

describe("the CBS branch list (real SBI 2008 dimension of 83583NED)", () => {
  it("reads the SBI code and level from every title", () => {
    const {bedrijfstakken, quality} = readBedrijfstakken(
      join(FIX, "echt/sbi-83583NED-bedrijfstakken.json"),
      "referentie/bedrijfstakken.json"
    );
    expect(quality).toMatchObject({rowsRead: 124, rowsAccepted: 124, rejected: {}, warnings: []});
    expect(bedrijfstakken.get("T001081")).toEqual({
      key: "T001081",
      sbi: "A-U",
      niveau: "totaal",
      naam: "Alle economische activiteiten"
    });
    // Keys are padded to seven characters in the source ("301000 ").
    expect(bedrijfstakken.get("301000")).toEqual({
      key: "301000",
      sbi: "A",
      niveau: "sectie",
      naam: "Landbouw, bosbouw en visserij"
    });
    expect(bedrijfstakken.get("300002")).toMatchObject({sbi: "B-E", niveau: "sectiegroep"});
    expect(bedrijfstakken.get("307610")).toMatchObject({sbi: "10-12", niveau: "afdelinggroep"});
    expect(bedrijfstakken.get("390500")).toMatchObject({
      sbi: "56",
      niveau: "afdeling",
      naam: "Eet- en drinkgelegenheden"
    });
  });

  it("knows the deeper SBI levels and titles without a code", () => {
    expect(parseBrancheTitel("5610 Restaurants, cafetaria's en dergelijke")).toEqual({
      sbi: "5610",
      niveau: "klasse",
      naam: "Restaurants, cafetaria's en dergelijke"
    });
    expect(parseBrancheTitel("56102 Fastfoodrestaurants")).toMatchObject({sbi: "56102", niveau: "subklasse"});
    expect(parseBrancheTitel("SBI-code onbekend")).toEqual({
      sbi: null,
      niveau: "onbekend",
      naam: "SBI-code onbekend"
    });
  });
});

describe("establishments per gemeente and branch (readReferentie)", () => {
  it("reads every gemeente of the reference file as ophalen writes it", () => {
    const dir = bronmap({});
    copyFileSync(
      join(FIX, "gemaakt/referentie-81575NED-typeddataset.json"),
      join(dir, "referentie/vestigingen-2020.json")
    );
    const data = readReferentie(dir)!;
    const q = data.quality.find((f) => f.file === "referentie/vestigingen-2020.json")!;
    // 6 gemeenten x 23 branches (A-U, 19 sections, divisions 55, 56, 68) + one dissolved gemeente.
    expect(q).toMatchObject({rowsRead: 139, rowsAccepted: 139, rejected: {}});
    expect(q.warnings).toEqual(["1 aantallen zonder waarde (bv. opgeheven gemeenten)"]);
    expect(q.detected?.aantal).toBe("Vestigingen_1");
    // A-U of a gemeente is the sum of its sections in the fixture; the reader must keep that.
    const fixtureRows = (
      JSON.parse(readFileSync(join(FIX, "gemaakt/referentie-81575NED-typeddataset.json"), "utf-8")) as {
        value: {BedrijfstakkenBranchesSBI2008: string; RegioS: string; Vestigingen_1: number | null}[];
      }
    ).value;
    const leudalAU = fixtureRows.find(
      (r) => r.RegioS === "GM1640" && r.BedrijfstakkenBranchesSBI2008 === "T001081"
    )!.Vestigingen_1;
    const sections = data.vestigingen.filter(
      (v) => v.gebiedcode === "GM1640" && data.bedrijfstakken.get(v.branche)?.niveau === "sectie"
    );
    expect(sections).toHaveLength(19);
    expect(sections.reduce((a, v) => a + v.aantal!, 0)).toBe(leudalAU);
    // Nederland = the six gemeenten with a value; the dissolved GM1507 (null) does not count.
    const nl = nederlandTotaal(data.vestigingen, 2020, "T001081");
    const six = fixtureRows.filter(
      (r) => r.BedrijfstakkenBranchesSBI2008 === "T001081" && r.Vestigingen_1 !== null
    );
    expect(nl).toEqual({
      aantal: six.reduce((a, r) => a + r.Vestigingen_1!, 0),
      bron: "som van gemeenten",
      gemeenten: 6
    });
  });

  it("prefers the country row when the table has one, and rejects unknown branches and bad values", () => {
    const csv = [
      '"ID";"BedrijfstakkenBranchesSBI2008";"RegioS";"Perioden";"Vestigingen_1"',
      '0;"T001081";"NL01  ";"2021JJ00";2000',
      '1;"T001081";"GM0946";"2021JJ00";900',
      '2;"T001081";"GM1640";"2021JJ00";1000',
      '3;"T001081";"PV31  ";"2021JJ00";5000',
      '4;"123456 ";"GM1640";"2021JJ00";7',
      '5;"389100 ";"GM1640";"2021JJ00";abc',
      '6;"389100 ";"GM1640";"2021MM01";3'
    ].join("\n");
    const data = readReferentie(bronmap({"vestigingen-2021.csv": csv}))!;
    const q = data.quality.find((f) => f.file === "referentie/vestigingen-2021.csv")!;
    expect(q.rejected).toEqual({"onbekende bedrijfstak": 1, "ongeldig aantal": 1, "ongeldige periode": 1});
    expect(q.warnings).toEqual(["1 regels voor andere gebiedssoorten (provincie, COROP) overgeslagen"]);
    // The country row (2000) wins over the sum of the two gemeenten (1900).
    expect(nederlandTotaal(data.vestigingen, 2021, "T001081")).toEqual({
      aantal: 2000,
      bron: "land",
      gemeenten: 0
    });
  });

  it("is absent without a referentie folder", () => {
    expect(readReferentie(mkdtempSync(join(tmpdir(), "leeg-")))).toBeNull();
  });
});
