/**
 * Municipal mergers: series neither vanish nor double count. Real KWB 2020 rows of gemeenten that
 * merged or were divided after 2020, against the gemeente boundaries of 2023 (test/fixtures/cbs,
 * provenance in its README); the answers are worked out by hand from the CBS figures.
 */
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {describe, expect, it} from "vitest";
import {computeNoemers} from "../../data-loaders/indicators/compute-weerbaarheid.ts";
import {createContext} from "../../data-loaders/indicators/context.ts";
import {REGIO_CODE} from "../../data-loaders/indicators/catalogue.ts";
import {loadBronmap} from "../../data-loaders/sources/bronmap.ts";
import {
  Herindelingen,
  STANDAARD_HERINDELINGEN,
  gemeentecode
} from "../../data-loaders/sources/herindelingen.ts";
import type {LoadedBronmap} from "../../data-loaders/sources/loaded.ts";
import {BronmapError} from "../../data-loaders/sources/types.ts";

const CBS = "test/fixtures/cbs";
const kwb2020 = readFileSync(join(CBS, "kwb2020_84799NED_gemeenten_herindeling_cut.json"), "utf8");

function bronmap(
  files: Record<string, string>,
  gemeenten = join(CBS, "cbs_gemeente_2023_herindeling_cut.geojson")
): string {
  const dir = mkdtempSync(join(tmpdir(), "herindeling-"));
  mkdirSync(join(dir, "gebieden"));
  mkdirSync(join(dir, "kerncijfers"));
  copyFileSync(gemeenten, join(dir, "gebieden", "gemeenten.geojson"));
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

async function withBronmap<T>(dir: string, f: (b: LoadedBronmap) => Promise<T>): Promise<T> {
  const b = await loadBronmap(dir, {log: () => {}});
  try {
    return await f(b);
  } finally {
    b.close();
  }
}

async function waarde(
  b: LoadedBronmap,
  code: string,
  variabele: string,
  jaar = 2020
): Promise<number | null | undefined> {
  const rows = (
    await b.connection.runAndReadAll(
      `SELECT waarde FROM kerncijfers WHERE jaar = ${jaar} AND gebiedcode = '${code}' AND variabele = '${variabele}'`
    )
  ).getRows();
  return rows.length ? (rows[0][0] as number | null) : undefined;
}

/** Inhabitants of the regio as the pipeline publishes them (the noemer table `inwoners`). */
async function regioInwoners(b: LoadedBronmap, jaar: number): Promise<number | null> {
  const ctx = await createContext(b, () => {});
  const parts = await computeNoemers(ctx);
  const cell = parts.tables
    .find((t) => t.id === "inwoners")!
    .cells.find((c) => c.gebiedcode === REGIO_CODE && c.jaar === jaar);
  return cell?.value ?? null;
}

describe("the project's list of mergers", () => {
  it("writes codes as GM plus four digits, whatever CBS's list uses", () => {
    expect(gemeentecode("3")).toBe("GM0003");
    expect(gemeentecode("0003")).toBe("GM0003");
    expect(gemeentecode("gm1979")).toBe("GM1979");
    expect(gemeentecode("GM12345")).toBeNull();
  });

  it("follows a merger to the gemeente of the area files and a split to all its successors", () => {
    const h = new Herindelingen(STANDAARD_HERINDELINGEN);
    const known = new Set(["GM1979", "GM0439", "GM0757", "GM0824", "GM0855", "GM0865"]);
    expect(h.bestemming("GM0010", known)).toEqual({
      soort: "samengevoegd",
      doel: "GM1979",
      datum: "2021-01-01"
    });
    expect(h.bestemming("GM0788", known)).toEqual({
      soort: "gesplitst",
      opvolgers: ["GM0757", "GM0824", "GM0855", "GM0865"],
      datum: "2021-01-01"
    });
    // KWB 2020 (indeling of 1 January 2020) must hold all three old gemeenten of Eemsdelta.
    expect(h.leden("GM1979", 2020, known)).toEqual(["GM0003", "GM0010", "GM0024"]);
    // KWB 2021 already has Eemsdelta itself.
    expect(h.leden("GM1979", 2021, known)).toEqual([]);
  });
});

describe("KWB 2020 on the gemeente boundaries of 2023", () => {
  const dir = bronmap({"kerncijfers/kwb-2020.json": kwb2020});

  it("adds merged gemeenten up into the gemeente they became, on its boundaries of now", async () => {
    await withBronmap(dir, async (b) => {
      // Eemsdelta = Appingedam 11,642 + Delfzijl 24,678 + Loppersum 9,537 = 45,857 inhabitants.
      expect(await waarde(b, "GM1979", "inwoners")).toBe(45857);
      // One-person households (2,094 + 4,364 + 1,410) / households (5,528 + 11,591 + 4,297)
      // = 7,868 / 21,416 = 36.74 % -> 36.7 (from the counts, not from rounded shares).
      expect(await waarde(b, "GM1979", "eenpersoonshuishoudens_pct")).toBe(36.7);
      // Bijstand 460 + 970 + 230 = 1,660.
      expect(await waarde(b, "GM1979", "bijstand")).toBe(1660);
      // Purmerend absorbed Beemster: 81,249 + 10,022 = 91,271.
      expect(await waarde(b, "GM0439", "inwoners")).toBe(91271);
      // Urbanity is a class of address density: it does not add up, so it stays missing.
      expect(await waarde(b, "GM1979", "stedelijkheid")).toBeNull();
    });
  });

  it("keeps the successors of a divided gemeente on their old boundaries and marks the break", async () => {
    await withBronmap(dir, async (b) => {
      expect(await waarde(b, "GM0865", "inwoners")).toBe(26558); // Vught as it was in 2020
      const w = b.quality.kerncijfers!.indelingswijzigingen;
      expect(w.filter((x) => x.soort === "grens").map((x) => x.gemeente)).toEqual([
        "GM0757",
        "GM0824",
        "GM0855",
        "GM0865"
      ]);
      expect(w.find((x) => x.gemeente === "GM0865")).toMatchObject({
        totJaar: 2021,
        tekst:
          "Vught kreeg op 1 januari 2021 een deel van Haaren (GM0788); kerncijfers van vóór 2021 gaan over het oude gebied van Vught."
      });
      expect(w.find((x) => x.gemeente === "GM1979" && x.soort === "samengevoegd")?.tekst).toBe(
        "Kerncijfers van Eemsdelta over 2020 zijn de som van Appingedam (GM0003), Delfzijl (GM0010) en Loppersum (GM0024), die later samen Eemsdelta werden; de reeks loopt zo door op de grenzen van nu."
      );
    });
  });

  it("counts every row: merged and divided gemeenten are accepted, none vanish", async () => {
    await withBronmap(dir, async (b) => {
      const q = b.quality.files.find((f) => f.file === "kerncijfers/kwb-2020.json")!;
      expect(q.rowsRead).toBe(10);
      expect(q.rowsAccepted).toBe(10);
      expect(q.rejected).toEqual({});
    });
  });

  it("gives the regio all its inhabitants: the six gemeenten plus the divided Haaren", async () => {
    await withBronmap(dir, async (b) => {
      // 45,857 (Eemsdelta) + 91,271 (Purmerend) + 30,801 (Boxtel) + 26,245 (Oisterwijk)
      // + 219,789 (Tilburg) + 26,558 (Vught) + 14,370 (Haaren, all of it in these four) = 454,891.
      expect(await regioInwoners(b, 2020)).toBe(454891);
    });
  });

  it("does not compose a gemeente when one of its old gemeenten is missing from the file, and says so", async () => {
    const zonderLoppersum = JSON.stringify({
      value: (JSON.parse(kwb2020) as {value: Array<{WijkenEnBuurten: string}>}).value.filter(
        (r) => r.WijkenEnBuurten.trim() !== "GM0024"
      )
    });
    await withBronmap(bronmap({"kerncijfers/kwb-2020.json": zonderLoppersum}), async (b) => {
      expect(await waarde(b, "GM1979", "inwoners")).toBeUndefined();
      const q = b.quality.files.find((f) => f.file === "kerncijfers/kwb-2020.json")!;
      expect(q.rejected).toEqual({"gemeente na herindeling onvolledig": 2});
      expect(q.warnings).toContain(
        "2020: Eemsdelta (GM1979) niet samengesteld: Loppersum (GM0024) ontbreekt in het bestand"
      );
      expect(await regioInwoners(b, 2020)).toBeNull();
    });
  });
});

describe("gebieden/herindelingen.csv in the bronmap", () => {
  it("adds changes the project does not know, in CBS's form (old code, new code, date)", async () => {
    // A hypothetical merger of Leudal and Nederweert (not a real one), on their real 2020 rows
    // and Leudal's real 2015 boundary: 35,879 + 17,019 = 52,898 inhabitants.
    const leudal = readFileSync(join(CBS, "cbs_wbk2015_gemeente_Leudal_Nederweert.geojson"), "utf8");
    const alleenLeudal = JSON.stringify({
      ...JSON.parse(leudal),
      features: JSON.parse(leudal).features.filter(
        (f: {properties: {GM_CODE: string}}) => f.properties.GM_CODE === "GM1640"
      )
    });
    const gem = join(mkdtempSync(join(tmpdir(), "leudal-")), "g.geojson");
    writeFileSync(gem, alleenLeudal);
    const rows = (
      JSON.parse(readFileSync(join(CBS, "kwb2020_84799NED_Leudal_Nederweert.json"), "utf8")) as {
        value: Array<{SoortRegio_2: string}>;
      }
    ).value.filter((r) => r.SoortRegio_2.startsWith("Gemeente"));
    const dir = bronmap(
      {
        "kerncijfers/kwb-2020.json": JSON.stringify({value: rows}),
        "gebieden/herindelingen.csv":
          "oude_code;nieuwe_code;datum\n946;GM1640;01-01-2021\nGM12345;GM1640;2021-01-01\nGM0001;GM1640;31-02-2021\n"
      },
      gem
    );
    await withBronmap(dir, async (b) => {
      expect(await waarde(b, "GM1640", "inwoners")).toBe(52898);
      const q = b.quality.files.find((f) => f.file === "gebieden/herindelingen.csv")!;
      expect(q).toMatchObject({
        rowsRead: 3,
        rowsAccepted: 1,
        rejected: {"ongeldige gemeentecode": 1, "ongeldige datum": 1}
      });
    });
  });

  it("replaces the project's rows of an old code by the bronmap's own", () => {
    // Suppose a bronmap says Haaren went wholly into Vught: its own row wins over the split.
    const h = new Herindelingen(STANDAARD_HERINDELINGEN, [
      {oud: "GM0788", nieuw: "GM0865", datum: "2021-01-01"}
    ]);
    expect(h.bestemming("GM0788", new Set(["GM0865", "GM0757"]))).toEqual({
      soort: "samengevoegd",
      doel: "GM0865",
      datum: "2021-01-01"
    });
  });

  it("stops with one message when the columns are not there", async () => {
    const dir = bronmap({
      "kerncijfers/kwb-2020.json": kwb2020,
      "gebieden/herindelingen.csv": "van;naar\nGM0003;GM1979\n"
    });
    const e = await loadBronmap(dir, {log: () => {}}).then(
      (b) => (b.close(), null),
      (x: unknown) => x
    );
    expect(e).toBeInstanceOf(BronmapError);
    expect((e as Error).message).toBe(
      'gebieden/herindelingen.csv, regel 1, kolom oude_code: verwacht de kolommen oude_code, nieuwe_code en datum, gevonden de kolommen "van", "naar"'
    );
  });
});

// The whole real KWB 2020 table lives beside the project (../shared), too large to copy here.
const REAL = "/work/shared/real-data";
const gemeenten2023 = join(REAL, "cbs_gemeente_2023_wgs84.geojson");
const full2020 = join(REAL, "kwb2020_84799NED_TypedDataSet_full.statline-bq.parquet");

describe.skipIf(!existsSync(gemeenten2023) || !existsSync(full2020))(
  "all 342 gemeenten of 2023 with the whole KWB 2020 table (355 gemeenten)",
  () => {
    it("gives every gemeente its 2020 inhabitants and the regio all of the Netherlands", async () => {
      const dir = bronmap({}, gemeenten2023);
      // The gemeente rows of the real table, written as the OData v3 response CBS serves.
      const instance = await DuckDBInstance.create(":memory:");
      const c = await instance.connect();
      const tmp = join(dir, "rows.json");
      await c.run(
        `COPY (SELECT * FROM '${full2020}' WHERE SoortRegio_2 LIKE 'Gemeente%' OR SoortRegio_2 LIKE 'Land%' ORDER BY ID) TO '${tmp}' (FORMAT JSON, ARRAY true)`
      );
      c.closeSync();
      instance.closeSync();
      writeFileSync(join(dir, "kerncijfers", "kwb-2020.json"), `{"value": ${readFileSync(tmp, "utf8")}}`);
      await withBronmap(dir, async (b) => {
        const n = (
          await b.connection.runAndReadAll(
            "SELECT count(*) FROM kerncijfers WHERE jaar = 2020 AND variabele = 'inwoners' AND gebiedcode LIKE 'GM%' AND waarde IS NOT NULL"
          )
        ).getRows()[0][0];
        expect(Number(n)).toBe(342);
        // The sum of all 355 gemeenten of 2020 is the Netherlands row of the table: 17,407,585.
        expect(await regioInwoners(b, 2020)).toBe(17407585);
      });
    }, 60_000);
  }
);
