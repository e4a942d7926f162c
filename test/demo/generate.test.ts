import {mkdtempSync, readFileSync} from "node:fs";
import {createHash} from "node:crypto";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {DEFAULT_SEED, generateDemoBronmap} from "../../data-loaders/demo/generate.ts";
import {pointInFlatPolygon, toFlatPolygons, type FlatPolygon} from "../../data-loaders/geo/point-in-area.ts";
import {Rng} from "../../data-loaders/demo/random.ts";
import {loadBronmap} from "../../data-loaders/sources/bronmap.ts";
import {VARIABELEN} from "../../data-loaders/sources/kerncijfer-variabelen.ts";
import {DEMO_TABELLEN, demoTabel} from "../../data-loaders/demo/society.ts";
import {sbiSectie} from "../../data-loaders/sources/sbi.ts";
import type {LoadedBronmap} from "../../data-loaders/sources/loaded.ts";

let dir: string;
let b: LoadedBronmap;
let meta: {
  patronen: Record<string, {gemeenten?: string[]; wijken?: string[]; buurten?: string[]}>;
  geplanteAfwijzingen: Record<string, Record<string, number>>;
  fictief: boolean;
};
// How long generation takes is a speed figure: `npm run bench` measures it (national scale).
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "demo-"));
  await generateDemoBronmap(dir);
  meta = JSON.parse(readFileSync(join(dir, "demo.json"), "utf8"));
  b = await loadBronmap(dir, {isDemo: true, log: () => {}});
});
afterAll(() => b?.close());

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await b.connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}
async function num(sql: string): Promise<number> {
  return Number((await b.connection.runAndReadAll(sql)).getRows()[0][0]);
}
function sha(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

describe("demo region geography", () => {
  it("has about 8 gemeenten, 60 wijken and 300 buurten with fictitious codes and names", () => {
    expect(b.areas.gemeenten.length).toBe(8);
    expect(b.areas.wijken.length).toBeGreaterThanOrEqual(50);
    expect(b.areas.wijken.length).toBeLessThanOrEqual(70);
    expect(b.areas.buurten.length).toBe(300);
    for (const g of b.areas.gemeenten) expect(g.code).toMatch(/^GM99\d\d$/);
    for (const x of b.areas.buurten) expect(x.code).toMatch(/^BU99\d{6}$/);
    expect(meta.fictief).toBe(true);
  });

  it("uses no real gemeente name", () => {
    const real = "/work/shared/real-data/cbs_gemeente_2023_wgs84.geojson";
    let names: Set<string>;
    try {
      names = new Set(
        JSON.parse(readFileSync(real, "utf8")).features.map(
          (f: {properties: {statnaam: string}}) => f.properties.statnaam
        )
      );
    } catch {
      return; // the real list is optional
    }
    for (const g of b.areas.gemeenten) expect(names.has(g.naam)).toBe(false);
  });

  it("tiles: buurt areas add up to their wijk and gemeente, and the hierarchy is consistent", () => {
    for (const w of b.areas.wijken) {
      const parts = b.areas.buurten.filter((x) => x.wijkcode === w.code);
      expect(parts.length).toBeGreaterThan(0);
      for (const p of parts) expect(p.gemeentecode).toBe(w.gemeentecode);
      const sum = parts.reduce((s, p) => s + p.areaKm2, 0);
      expect(Math.abs(sum - w.areaKm2) / w.areaKm2).toBeLessThan(1e-6);
    }
    for (const g of b.areas.gemeenten) {
      const sum = b.areas.wijken.filter((w) => w.gemeentecode === g.code).reduce((s, w) => s + w.areaKm2, 0);
      expect(Math.abs(sum - g.areaKm2) / g.areaKm2).toBeLessThan(1e-6);
    }
  });

  it("has no gaps or overlaps: every point in a gemeente lies in exactly one buurt", () => {
    const read = (f: string): FlatPolygon[][] =>
      JSON.parse(readFileSync(join(dir, "gebieden", f), "utf8")).features.map((x: {geometry: never}) =>
        toFlatPolygons(x.geometry)
      );
    const buurten = read("buurten.geojson");
    const gemeenten = read("gemeenten.geojson");
    const rng = new Rng(3);
    let inside = 0;
    for (let i = 0; i < 3000; i++) {
      const x = rng.uniform(172000, 212000);
      const y = rng.uniform(398000, 430000);
      const inG = gemeenten.filter((parts) => parts.some((p) => pointInFlatPolygon(p, x, y))).length;
      const inB = buurten.filter((parts) => parts.some((p) => pointInFlatPolygon(p, x, y))).length;
      expect(inG).toBeLessThanOrEqual(1);
      expect(inB).toBe(inG);
      inside += inG;
    }
    expect(inside).toBeGreaterThan(1000);
  });

  it("has bedrijventerreinen and a buitengebied covering plausible parts", () => {
    expect(b.areas.bedrijventerreinen.length).toBeGreaterThanOrEqual(10);
    expect(b.areas.buitengebied).not.toBeNull();
    const share = b.areas.buitengebiedBuurten.length / b.areas.buurten.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.5);
  });

  it("is deterministic from the seed", async () => {
    const again = mkdtempSync(join(tmpdir(), "demo-again-"));
    await generateDemoBronmap(again, {seed: DEFAULT_SEED});
    for (const f of [
      "gebieden/buurten.geojson",
      "vestigingen.csv",
      "signalen.csv",
      "kerncijfers/kwb-2021.json"
    ]) {
      expect(sha(join(again, f))).toBe(sha(join(dir, f)));
    }
    const other = mkdtempSync(join(tmpdir(), "demo-other-"));
    await generateDemoBronmap(other, {seed: 1});
    expect(sha(join(other, "gebieden/buurten.geojson"))).not.toBe(sha(join(dir, "gebieden/buurten.geojson")));
  });
});

describe("demo region records, read back through the readers", () => {
  it("has about 40,000 establishments over all SBI sections, with realistic identifiers", async () => {
    const n = await num("SELECT count(*) FROM vestigingen");
    expect(n).toBeGreaterThan(35_000);
    expect(n).toBeLessThan(45_000);
    const divisions = (
      await rows("SELECT DISTINCT left(sbi, 2) AS d FROM vestigingen WHERE sbi IS NOT NULL")
    ).map((r) => r.d as string);
    const sections = new Set(divisions.map((d) => sbiSectie(d)));
    expect([...sections].sort().join("")).toBe("ABCDEFGHIJKLMNOPQRS");
    expect(
      await num(
        "SELECT count(*) FROM vestigingen WHERE NOT regexp_full_match(kvk_nummer, '\\d{8}') OR NOT regexp_full_match(vestigingsnummer, '\\d{12}')"
      )
    ).toBe(0);
    const raw = readFileSync(join(dir, "vestigingen.csv"), "utf8").split("\n")[1].split(";");
    expect(raw[9]).toMatch(/^\d{4}[A-Z]{2}$/); // postcode
    // KvK recoded to SBI 2025 in September 2025: establishments that exist after it carry both
    // codes, those registered after it only the SBI 2025 code.
    expect(
      await num("SELECT count(*) FROM vestigingen WHERE sbi IS NOT NULL AND sbi2025 IS NOT NULL")
    ).toBeGreaterThan(10_000);
    expect(
      await num(
        "SELECT count(*) FROM vestigingen WHERE sbi IS NULL AND datum_inschrijving < DATE '2025-09-01'"
      )
    ).toBe(0);
    expect(await num("SELECT count(*) FROM vestigingen WHERE sbi IS NULL")).toBeGreaterThan(100);
  });

  it("covers every year 2015-2025 in signals and kerncijfers, with every signal category", async () => {
    expect(b.quality.years).toEqual({first: 2015, last: 2025});
    expect(await num("SELECT count(DISTINCT categorie) FROM signalen")).toBe(8);
    expect(await num("SELECT count(DISTINCT jaar) FROM kerncijfers")).toBe(11);
    // Every variable the atlas reads occurs in some year of the demo.
    const read = (await rows("SELECT DISTINCT variabele FROM kerncijfers ORDER BY 1")).map(
      (r) => r.variabele
    );
    expect(read).toEqual([...VARIABELEN].sort());
  });

  it("rejects exactly the planted bad rows", () => {
    for (const [file, expected] of Object.entries(meta.geplanteAfwijzingen)) {
      expect(b.quality.files.find((f) => f.file === file)?.rejected).toEqual(expected);
    }
  });

  it("has tiny buurten and many small cells, so suppression is visible", async () => {
    expect(
      await num(
        "SELECT count(*) FROM kerncijfers WHERE jaar = 2020 AND variabele = 'inwoners' AND gebiedcode LIKE 'BU%' AND waarde < 50"
      )
    ).toBeGreaterThan(10);
    expect(
      await num("SELECT max(waarde) FROM kerncijfers WHERE variabele = 'inwoners' AND gebiedcode LIKE 'BU%'")
    ).toBeLessThanOrEqual(5000);
    expect(
      await num(
        "SELECT count(*) FROM kerncijfers WHERE variabele = 'gemiddeld_inkomen' AND gebiedcode LIKE 'BU%' AND waarde IS NULL"
      )
    ).toBeGreaterThan(50);
    const small = await num(
      "SELECT count(*) FROM (SELECT buurtcode, left(sbi, 2), count(*) AS n FROM vestigingen WHERE datum_uitschrijving IS NULL GROUP BY ALL) WHERE n BETWEEN 1 AND 4"
    );
    expect(small).toBeGreaterThan(1000);
  });
});

describe("planted patterns (docs/demo-regio.md)", () => {
  it("beauty studios rise in the planted gemeenten, far more than elsewhere", async () => {
    const r = await rows(
      `SELECT gemeentecode AS g, count(*) FILTER (WHERE year(datum_inschrijving) BETWEEN 2023 AND 2025) AS laat,
              count(*) FILTER (WHERE year(datum_inschrijving) BETWEEN 2015 AND 2017) AS vroeg
       FROM vestigingen WHERE sbi = '96022' GROUP BY 1`
    );
    const planted = meta.patronen.beautyStijging.gemeenten!;
    for (const x of r) {
      const ratio = Number(x.laat) / Math.max(1, Number(x.vroeg));
      if (planted.includes(x.g as string)) expect(ratio).toBeGreaterThan(4);
      else expect(ratio).toBeLessThan(4);
    }
  });

  it("holiday parks grow in the buitengebied of the planted gemeente", async () => {
    const r = await rows(
      `SELECT gemeentecode AS g, count(*) AS n FROM vestigingen
       WHERE sbi IN ('5520', '5530') AND buitengebied AND year(datum_inschrijving) >= 2019 GROUP BY 1 ORDER BY 2 DESC`
    );
    expect(r[0].g).toBe(meta.patronen.vakantieparkenBuitengebied.gemeenten![0]);
    expect(Number(r[0].n)).toBeGreaterThan(3 * Number(r[1]?.n ?? 0));
  });

  it("care providers holding dwellings, themselves or via a holding, cluster in the planted wijk", async () => {
    const r = await rows(
      `WITH w AS (SELECT DISTINCT kvk_nummer FROM eigendommen WHERE gebruiksdoel = 'woonfunctie')
       SELECT v.wijkcode = '${meta.patronen.zorgMetVastgoed.wijken![0]}' AS planted,
              avg(CASE WHEN e.kvk_nummer IS NOT NULL OR h.kvk_nummer IS NOT NULL THEN 1 ELSE 0 END) AS share,
              count(*) FILTER (h.kvk_nummer IS NOT NULL) AS via_holding
       FROM vestigingen v LEFT JOIN w e ON e.kvk_nummer = v.kvk_nummer LEFT JOIN w h ON h.kvk_nummer = v.moeder_kvk_nummer
       WHERE regexp_matches(v.sbi, '^(87|8810|869)') GROUP BY 1`
    );
    const of = (p: boolean) => r.find((x) => x.planted === p);
    expect(Number(of(true)?.share)).toBeGreaterThan(0.5);
    expect(Number(of(false)?.share)).toBeLessThan(0.15);
    expect(Number(of(true)?.via_holding)).toBeGreaterThan(5);
    // Some dwellings are sold again, never before they were acquired.
    expect(
      await num("SELECT count(*) FROM eigendommen WHERE datum_vervreemding IS NOT NULL")
    ).toBeGreaterThan(50);
  });

  it("vacancy of farm buildings grows, most in the planted gemeente", async () => {
    const vacant = (jaar: number, extra = "") =>
      num(
        `SELECT count(*) FROM panden WHERE leeg_sinds <= DATE '${jaar}-12-31' AND (leeg_tot IS NULL OR leeg_tot > DATE '${jaar}-12-31') ${extra}`
      );
    expect(await vacant(2025)).toBeGreaterThan(2 * (await vacant(2016)));
    const r = await rows(
      `SELECT gemeentecode AS g, avg(CASE WHEN leeg_sinds IS NOT NULL AND leeg_tot IS NULL THEN 1 ELSE 0 END) AS share FROM panden GROUP BY 1 ORDER BY 2 DESC`
    );
    expect(r[0].g).toBe(meta.patronen.leegstandAgrarischePanden.gemeenten![0]);
    expect(await num("SELECT count(*) FROM panden WHERE NOT buitengebied")).toBe(0);
  });

  it("drug waste in the buitengebied concentrates in the planted gemeente and rises", async () => {
    const g = meta.patronen.drugsafvalBuitengebied.gemeenten![0];
    const r = await rows(
      `SELECT gemeentecode AS g, count(*) AS n FROM signalen WHERE categorie = 'drugsafval' GROUP BY 1 ORDER BY 2 DESC`
    );
    expect(r[0].g).toBe(g);
    const early = await num(
      `SELECT count(*) FROM signalen WHERE categorie = 'drugsafval' AND gemeentecode = '${g}' AND year(datum) <= 2017`
    );
    const late = await num(
      `SELECT count(*) FROM signalen WHERE categorie = 'drugsafval' AND gemeentecode = '${g}' AND year(datum) >= 2023`
    );
    expect(late).toBeGreaterThan(2 * early);
  });

  it("the low-resilience buurten top the low-income ranking", async () => {
    const top = (
      await rows(
        `SELECT gebiedcode FROM kerncijfers WHERE jaar = 2020 AND variabele = 'laag_inkomen_pct' AND gebiedcode LIKE 'BU%' AND waarde IS NOT NULL ORDER BY waarde DESC LIMIT 10`
      )
    ).map((r) => r.gebiedcode);
    for (const code of meta.patronen.lageWeerbaarheid.buurten!) expect(top).toContain(code);
  });
});

describe("demo kerncijfers in the shape of the real CBS tables", () => {
  const file = (jaar: number) =>
    join(
      dir,
      "kerncijfers",
      `kwb-${jaar}.${DEMO_TABELLEN[jaar].formaat === "statline-csv" ? "csv" : "json"}`
    );

  it("writes each year in its format, with DataProperties beside 2015 (CSV) and 2020 (JSON)", () => {
    expect(readFileSync(file(2016), "utf8").split("\n")[0]).toMatch(
      /^"ID";"WijkenEnBuurten";"Gemeentenaam_1";/
    );
    expect(JSON.parse(readFileSync(file(2017), "utf8"))["@odata.context"]).toMatch(
      /83765NED\/\$metadata#Observations$/
    );
    expect(JSON.parse(readFileSync(file(2020), "utf8"))["odata.metadata"]).toMatch(/84799NED/);
    expect(readFileSync(join(dir, "kerncijfers/kwb-2015.dataproperties.csv"), "utf8")).toMatch(
      /"Topic","Eenpersoonshuishoudens_29","Eenpersoonshuishoudens",.*,"aantal",/
    );
    const dp = JSON.parse(readFileSync(join(dir, "kerncijfers/kwb-2020.dataproperties.json"), "utf8")).value;
    expect(dp.find((t: {Key: string}) => t.Key === "WmoClientenRelatief_90")).toMatchObject({
      Title: "Wmo-cliënten relatief",
      Unit: "per 1 000 inwoners"
    });
  });

  it("uses the keys, units and padding of the real table: counts where CBS has counts", () => {
    const v2020 = JSON.parse(readFileSync(file(2020), "utf8")).value as Record<string, unknown>[];
    const gemeente = v2020[0];
    // The real 84799NED pads codes to 10 and names to 40 characters.
    expect(gemeente.WijkenEnBuurten).toMatch(/^GM99\d\d {4}$/);
    expect((gemeente.Gemeentenaam_1 as string).length).toBe(40);
    expect(gemeente.SoortRegio_2).toBe("Gemeente  ");
    // One-person households are a count ("aantal") in 84799NED, never a percentage.
    expect(Number.isInteger(gemeente.Eenpersoonshuishoudens_29)).toBe(true);
    expect(gemeente.Eenpersoonshuishoudens_29 as number).toBeLessThan(
      gemeente.HuishoudensTotaal_28 as number
    );
    // Every key written is a topic of the real table.
    for (const jaar of [2015, 2019, 2020, 2022, 2023, 2024, 2025]) {
      const keys = new Set(demoTabel(jaar).onderwerpen.map((o) => o[0]));
      const written =
        DEMO_TABELLEN[jaar].formaat === "statline-csv"
          ? readFileSync(file(jaar), "utf8")
              .split("\n")[0]
              .split(";")
              .map((k) => k.replaceAll('"', ""))
          : Object.keys((JSON.parse(readFileSync(file(jaar), "utf8")).value as object[])[0]);
      for (const k of written.filter((k) => k !== "ID" && k !== "WijkenEnBuurten"))
        expect(keys, `${jaar} ${k}`).toContain(k);
    }
    // 2024 (latest version of 85984NED): vacancy is OnbewoondeWoningen_46, poverty is per person.
    const k2024 = Object.keys(JSON.parse(readFileSync(file(2024), "utf8")).value[0]);
    expect(k2024).toContain("OnbewoondeWoningen_46");
    expect(k2024).toContain("PersonenInArmoede_81");
    expect(k2024.some((k) => k.startsWith("HuishoudensMetEenLaagInkomen"))).toBe(false);
    expect(k2024.some((k) => k.startsWith("PercentageOnbewoond"))).toBe(false);
  });

  it("is recognised by the reader as the table it was written as, with no unit left unconverted", () => {
    for (const q of b.quality.files.filter((f) => f.kerncijfers)) {
      const jaar = q.kerncijfers!.jaren[0];
      expect(q.kerncijfers!.tabel?.id, q.file).toBe(DEMO_TABELLEN[jaar].id);
      expect(
        q.kerncijfers!.variabelen.filter((v) => v.status === "eenheid past niet"),
        q.file
      ).toEqual([]);
      expect(q.warnings, q.file).toEqual([]);
    }
  });

  it("reads back the shares the demo generated from the counts it wrote", async () => {
    // A buurt's one-person share is written as the count round(share × households / 100) and read
    // back as 100 × count / households rounded to one decimal: within 0.05 + 50 / households.
    const v2020 = (
      JSON.parse(readFileSync(file(2020), "utf8")).value as Record<string, number | string>[]
    ).filter((r) => String(r.SoortRegio_2).startsWith("Buurt") && r.Eenpersoonshuishoudens_29 != null);
    const r = v2020[0];
    const expected =
      Math.round((1000 * (r.Eenpersoonshuishoudens_29 as number)) / (r.HuishoudensTotaal_28 as number)) / 10;
    expect(
      await num(
        `SELECT waarde FROM kerncijfers WHERE jaar = 2020 AND variabele = 'eenpersoonshuishoudens_pct' AND gebiedcode = '${String(r.WijkenEnBuurten).trim()}'`
      )
    ).toBe(expected);
  });
});
