/**
 * The kerncijfers reader on real CBS files (test/fixtures/cbs, provenance in its README): topics
 * are read by title and unit, counts become shares with their denominator, the keys of a table
 * may move between versions, and values are checked against answers worked out by hand from the
 * CBS figures.
 */
import {spawnSync} from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  watch,
  writeFileSync
} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {describe, expect, it} from "vitest";
import {loadBronmap} from "../../data-loaders/sources/bronmap.ts";
import {CBS_TABELLEN, parseMetadata} from "../../data-loaders/sources/cbs-tabellen.ts";
import {herkenOnderwerpen, koppelVariabelen} from "../../data-loaders/sources/kerncijfer-betekenis.ts";
import {
  MISSING_NUMBERS,
  decimaletekens,
  parseKerncijfer,
  pivotV4
} from "../../data-loaders/sources/kerncijfers.ts";
import type {LoadedBronmap} from "../../data-loaders/sources/loaded.ts";
import {BronmapError, type KerncijferKoppeling} from "../../data-loaders/sources/types.ts";

const CBS = "test/fixtures/cbs";
const real = (f: string) => readFileSync(join(CBS, f), "utf8");
const rotterdam2024 = JSON.parse(real("kwb_v3_TypedDataSet_85984NED_Rotterdam_cut.json")) as {
  rows: Record<string, unknown>[];
};
const rotterdam2223 = JSON.parse(real("kwb_v3_TypedDataSet_85318NED_85618NED_BU05990110_cut.json")) as Record<
  string,
  {rows: Record<string, unknown>[]}
>;
const leudal = JSON.parse(real("kwb2020_84799NED_Leudal_Nederweert.json")) as {
  value: Record<string, unknown>[];
};

function koppeling(kolommen: string[], opties: Parameters<typeof herkenOnderwerpen>[1] = {vorm: "odata-v3"}) {
  const h = herkenOnderwerpen(kolommen, opties);
  const k = koppelVariabelen(h);
  const by = (v: string) => k.koppelingen.find((x) => x.variabele === v)!;
  return {h, k, by};
}

/** A bronmap folder with the given files (path -> text) and the Leudal/Nederweert boundaries of 2015. */
function bronmap(files: Record<string, string | Buffer>, grenzen: "leudal" | "geen" = "leudal"): string {
  const dir = mkdtempSync(join(tmpdir(), "kwb-test-"));
  mkdirSync(join(dir, "gebieden"));
  mkdirSync(join(dir, "kerncijfers"));
  if (grenzen === "leudal")
    for (const [lvl, out] of [
      ["gemeente", "gemeenten"],
      ["wijk", "wijken"],
      ["buurt", "buurten"]
    ])
      copyFileSync(
        join(CBS, `cbs_wbk2015_${lvl}_Leudal_Nederweert.geojson`),
        join(dir, "gebieden", `${out}.geojson`)
      );
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

/** Square polygons (RD New) for codes whose real boundaries the test does not need. */
function vierkanten(codes: string[], naam: (c: string) => string): string {
  return JSON.stringify({
    type: "FeatureCollection",
    crs: {type: "name", properties: {name: "urn:ogc:def:crs:EPSG::28992"}},
    features: codes.map((code, i) => ({
      type: "Feature",
      properties: {statcode: code, statnaam: naam(code)},
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [100000 + i * 1000, 400000],
            [101000 + i * 1000, 400000],
            [101000 + i * 1000, 401000],
            [100000 + i * 1000, 401000],
            [100000 + i * 1000, 400000]
          ]
        ]
      }
    }))
  });
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
  jaar: number,
  code: string,
  variabele: string
): Promise<number | null> {
  const rows = (
    await b.connection.runAndReadAll(
      `SELECT waarde FROM kerncijfers WHERE jaar = ${jaar} AND gebiedcode = '${code}' AND variabele = '${variabele}'`
    )
  ).getRows();
  if (rows.length === 0) throw new Error(`geen rij ${jaar} ${code} ${variabele}`);
  return rows[0][0] as number | null;
}

describe("kerncijfers values", () => {
  it("reads CBS missing markers as missing, never as numbers", () => {
    for (const v of [null, ".", "x", "  .  ", "", "-99999999", -99999999, -99997, "-99997"])
      expect(parseKerncijfer(v)).toBeNull();
    expect(MISSING_NUMBERS).toContain(-99999999);
  });
  it("reads decimal commas, decimal points and thousands points with a decimal comma", () => {
    expect(parseKerncijfer("26,3")).toBe(26.3);
    expect(parseKerncijfer("26.3")).toBe(26.3);
    expect(parseKerncijfer("1.234,5")).toBe(1234.5);
    expect(parseKerncijfer(12)).toBe(12);
  });
  it("marks anything else as invalid: words, hexadecimal, exponents, infinity, booleans, objects", () => {
    for (const v of ["veel", "0x1F4", "1e3", "Infinity", "12 345", true, {}, []])
      expect(parseKerncijfer(v), String(v)).toBeUndefined();
  });
  it("reads 1.500 and 1,500 only by the column's decimal convention, as the record readers do", () => {
    // A WOZ value of 1.250 (x 1 000 euro) in a file with decimal commas is 1 250, not 1,25.
    expect(parseKerncijfer("1.500")).toBe("dubbelzinnig");
    expect(parseKerncijfer("1,500")).toBe("dubbelzinnig");
    expect(parseKerncijfer("1.500", "komma")).toBe(1500);
    expect(parseKerncijfer("1,500", "komma")).toBe(1.5);
    expect(parseKerncijfer("1.500", "punt")).toBe(1.5);
    expect(parseKerncijfer("1,500", "punt")).toBe(1500);
    expect(parseKerncijfer("1.234.567")).toBe(1234567);
    expect(parseKerncijfer("1,234.5")).toBe(1234.5);
    expect(parseKerncijfer(1.5)).toBe(1.5);
  });
  it("takes the convention from the column, else from the other columns read, never from a mix", () => {
    const rijen = [
      {a: "1.500", b: "26,3", c: "7", d: "1.5", e: null},
      {a: "40", b: "1.250", c: "8", d: "2,5", e: 12.5}
    ];
    expect(Object.fromEntries(decimaletekens(rijen, ["a", "b", "c"]))).toEqual({
      a: "komma",
      b: "komma",
      c: "komma"
    });
    // Column d shows both signs: unclear, and so is the file for the columns that show nothing.
    expect(Object.fromEntries(decimaletekens(rijen, ["a", "b", "d", "e"]))).toEqual({
      a: null,
      b: "komma",
      d: null,
      e: null
    });
  });
});

describe("reading by meaning and unit (built-in descriptions recorded from the real metadata)", () => {
  it("takes one-person households of KWB 2020 as a count and derives the share from the households", () => {
    const {h, by} = koppeling(Object.keys(leudal.value[0]));
    expect(h.tabel).toEqual({
      id: "84799NED",
      titel: "Kerncijfers wijken en buurten 2020",
      versie: "maart 2021"
    });
    expect(by("eenpersoonshuishoudens_pct")).toMatchObject({
      status: "omgerekend",
      sleutel: "Eenpersoonshuishoudens_29",
      titel: "Eenpersoonshuishoudens",
      eenheid: "aantal",
      noemer: "HuishoudensTotaal_28",
      schaal: 100
    });
    // The average WOZ value is "Gemiddelde woningwaarde" in 2017 and 2020, not GemiddeldeWOZWaarde...
    expect(by("woz")).toMatchObject({
      status: "gelezen",
      sleutel: "GemiddeldeWoningwaarde_35",
      eenheid: "x 1 000 euro"
    });
    expect(by("wmo_per_1000")).toMatchObject({status: "gelezen", sleutel: "WmoClientenRelatief_90"});
    expect(by("armoede_pct").status).toBe("niet in deze tabel");
  });

  it("finds vacancy in 2024 under its new key and poverty per person in the later version of 85984NED", () => {
    const {h, by} = koppeling(Object.keys(rotterdam2024.rows[0]));
    expect(h.tabel).toMatchObject({id: "85984NED", versie: "september 2026"});
    expect(by("onbewoond_pct")).toMatchObject({
      status: "gelezen",
      sleutel: "OnbewoondeWoningen_46",
      eenheid: "%"
    });
    expect(by("armoede_pct")).toMatchObject({status: "gelezen", sleutel: "PersonenInArmoede_81"});
    expect(by("laag_inkomen_pct").status).toBe("niet in deze tabel");
    expect(by("gemiddeld_inkomen")).toMatchObject({
      status: "gelezen",
      sleutel: "GemiddeldInkomenPerInwoner_78"
    });
    expect(by("eenpersoonshuishoudens_pct")).toMatchObject({
      status: "omgerekend",
      sleutel: "Eenpersoonshuishoudens_30"
    });
  });

  it("survives the renumbering between two versions of 85984NED, with the table's own DataProperties first", () => {
    // March 2025 DataProperties beside rows of the later version: GemiddeldInkomenPerInwoner_83
    // became _78, and _78 is Nettoarbeidsparticipatie in the DataProperties.
    const md = parseMetadata(
      "kerncijfers/kwb-2024.dataproperties.json",
      real("cbs85984NED_2024_DataProperties.json")
    );
    expect(md.soort).toBe("DataProperties");
    const {h, by} = koppeling(Object.keys(rotterdam2024.rows[0]), {vorm: "odata-v3", metadata: md});
    expect(by("gemiddeld_inkomen")).toMatchObject({
      status: "gelezen",
      sleutel: "GemiddeldInkomenPerInwoner_78",
      titel: "Gemiddeld inkomen per inwoner",
      eenheid: "x 1 000 euro"
    });
    expect(by("gemiddeld_inkomen").herkomst).toMatch(/GemiddeldInkomenPerInwoner_83 \(zelfde sleutelstam\)/);
    // Not in the March DataProperties at all: from the built-in description of the later version.
    expect(by("armoede_pct")).toMatchObject({status: "gelezen", sleutel: "PersonenInArmoede_81"});
    expect(h.waarschuwingen.join(" ")).toMatch(/andere versie van de tabel/);
  });

  it("never reads a count as a share when its denominator is missing", () => {
    const {k, by} = koppeling(["WijkenEnBuurten", "AantalInwoners_5", "Eenpersoonshuishoudens_29"]);
    expect(by("eenpersoonshuishoudens_pct")).toMatchObject({status: "eenheid past niet", eenheid: "aantal"});
    expect(k.regels.map((r) => r.variabele)).toEqual(["inwoners"]);
  });

  it("reads the 2017 DataProperties as cbsodataR writes them (CSV)", () => {
    const md = parseMetadata(
      "kerncijfers/kwb-2017.dataproperties.csv",
      real("kwb2017_83765NED_DataProperties.csv")
    );
    expect(md.onderwerpen.find((o) => o.sleutel === "PercentageOnbewoond_39")).toEqual({
      sleutel: "PercentageOnbewoond_39",
      titel: "Percentage onbewoond",
      eenheid: "%"
    });
    const {h, by} = koppeling(["WijkenEnBuurten", "AantalInwoners_5", "GemiddeldeWoningwaarde_35"], {
      vorm: "odata-v3",
      metadata: md
    });
    expect(h.tabel?.id).toBe("83765NED");
    expect(by("woz").status).toBe("gelezen");
  });

  it("assumes title and unit from the same key stem for keys no recorded table has, and says so", () => {
    const {by} = koppeling(["WijkenEnBuurten", "AantalInwoners_6", "MateVanStedelijkheid_111"]);
    expect(by("stedelijkheid")).toMatchObject({
      status: "gelezen",
      sleutel: "MateVanStedelijkheid_111",
      eenheid: "code"
    });
    expect(by("stedelijkheid").herkomst).toMatch(/^aangenomen: zelfde sleutelstam in /);
  });

  it("records the built-in descriptions with every topic of the real DataProperties", () => {
    const t2024 = CBS_TABELLEN.tabellen.find((t) => t.id === "85984NED" && t.versie === "2025-03-27")!;
    const md = parseMetadata("x.dataproperties.json", real("cbs85984NED_2024_DataProperties.json"));
    expect(t2024.onderwerpen.map((o) => [o[0], o[1], o[2]])).toEqual(
      md.onderwerpen.map((o) => [o.sleutel, o.titel?.replace(/\s+/g, " ").trim() ?? null, o.eenheid])
    );
  });
});

describe("known answers from the real KWB 2020 rows of Leudal and Nederweert (the issue's reproduction)", () => {
  const dir = bronmap({"kerncijfers/kwb-2020.json": real("kwb2020_84799NED_Leudal_Nederweert.json")});

  it("publishes percentages where the catalogue says percentage: Leudal 30.8 % one-person households", async () => {
    await withBronmap(dir, async (b) => {
      // 4,848 one-person households of 15,765 households = 30.75 % -> 30.8.
      expect(await waarde(b, 2020, "GM1640", "eenpersoonshuishoudens_pct")).toBe(30.8);
      // Nederweert: 2,057 of 7,308 = 28.15 % -> 28.1.
      expect(await waarde(b, 2020, "GM0946", "eenpersoonshuishoudens_pct")).toBe(28.1);
      expect(await waarde(b, 2020, "GM1640", "inwoners")).toBe(35879);
      expect(await waarde(b, 2020, "GM1640", "bijstand")).toBe(370);
      // The first release of KWB 2020 has the topic but no values yet: missing, never 0.
      expect(await waarde(b, 2020, "GM1640", "gemiddeld_inkomen")).toBeNull();
    });
  });

  it("reports per variable the CBS key, title and unit it came from, or that the table lacks it", async () => {
    await withBronmap(dir, async (b) => {
      const q = b.quality.files.find((f) => f.file === "kerncijfers/kwb-2020.json")!;
      expect(q.rowsAccepted).toBe(70);
      const v = (x: string) => q.kerncijfers!.variabelen.find((k: KerncijferKoppeling) => k.variabele === x)!;
      expect(v("bijstand")).toMatchObject({
        sleutel: "PersonenPerSoortUitkeringBijstand_83",
        eenheid: "aantal",
        waarden: 70
      });
      expect(v("gemiddeld_inkomen")).toMatchObject({status: "gelezen", waarden: 0});
      expect(v("armoede_pct").status).toBe("niet in deze tabel");
      expect(b.quality.kerncijfers!.beschikbaar.gemiddeld_inkomen).toEqual({
        inTabel: [2020],
        metWaarden: [],
        andereEenheid: []
      });
    });
  });

  it("keeps the first value when two files of one year overlap, and counts the others for the later file", async () => {
    // A second file for 2020 (sorted after kwb-2020.json) with one real row of Leudal whose
    // inhabitants were changed to 99999 and one buurt that is not in the first file.
    const rij = leudal.value.find((r) => String(r.WijkenEnBuurten).trim() === "GM1640")!;
    const extra = {
      value: [
        {WijkenEnBuurten: "GM1640    ", AantalInwoners_5: 99999},
        {WijkenEnBuurten: "GM0946    ", AantalInwoners_5: rij.AantalInwoners_5}
      ]
    };
    const overlap = bronmap({
      "kerncijfers/kwb-2020.json": real("kwb2020_84799NED_Leudal_Nederweert.json"),
      "kerncijfers/kwb-2020b-84799NED.json": JSON.stringify(extra)
    });
    await withBronmap(overlap, async (b) => {
      // The first file's value stands (35,879 inhabitants, as in the test above).
      expect(await waarde(b, 2020, "GM1640", "inwoners")).toBe(35879);
      const n = (
        await b.connection.runAndReadAll(
          `SELECT count(*) FROM kerncijfers WHERE jaar = 2020 AND gebiedcode IN ('GM1640', 'GM0946') AND variabele = 'inwoners'`
        )
      ).getRows()[0][0];
      expect(Number(n)).toBe(2);
      // Both values of the second file (inwoners of GM1640 and GM0946) repeat the first file's.
      const q = b.quality.files.find((f) => f.file === "kerncijfers/kwb-2020b-84799NED.json")!;
      expect(q.warnings).toContain(
        "2 waarden dubbel (zelfde jaar, gebied en variabele als een eerder bestand): eerste aangehouden"
      );
      const eerste = b.quality.files.find((f) => f.file === "kerncijfers/kwb-2020.json")!;
      expect(eerste.warnings.some((w) => w.includes("dubbel"))).toBe(false);
    });
  });

  it("reads the same figures from OData v4 observations with the table's MeasureCodes beside them", async () => {
    // Shape documented by CBS (OData v4 Observations); the measure codes are the real, stable
    // v4 identifiers of KWB (recorded from the MeasureCodes of 83765NED), the values Leudal's 2020
    // figures; one value carries a ValueAttribute and must read as missing.
    const v4 = CBS_TABELLEN.tabellen.find((t) => t.vorm === "odata-v4")!;
    const code = (titel: string) => v4.onderwerpen.find((o) => o[1] === titel)![0];
    const r = leudal.value.find((x) => String(x.WijkenEnBuurten).trim() === "GM1640")!;
    const obs = [
      ["Aantal inwoners", r.AantalInwoners_5],
      ["Huishoudens totaal", r.HuishoudensTotaal_28],
      ["Eenpersoonshuishoudens", r.Eenpersoonshuishoudens_29],
      ["Personen per soort uitkering; Bijstand", r.PersonenPerSoortUitkeringBijstand_83],
      ["Gemiddeld inkomen per inwoner", null]
    ].map(([titel, value], i) => ({
      Id: i,
      Measure: code(titel as string),
      ValueAttribute: value === null ? "Impossible" : "None",
      Value: value,
      StringValue: null,
      WijkenEnBuurten: "GM1640"
    }));
    const measureCodes = {
      value: v4.onderwerpen.map((o, i) => ({Identifier: o[0], Index: i, Title: o[1], Unit: o[2]}))
    };
    const d = bronmap({
      "kerncijfers/kwb-2020.json": JSON.stringify({
        "@odata.context": "https://odata4.cbs.nl/CBS/84799NED/$metadata#Observations",
        value: obs
      }),
      "kerncijfers/kwb-2020.measurecodes.json": JSON.stringify(measureCodes)
    });
    await withBronmap(d, async (b) => {
      expect(await waarde(b, 2020, "GM1640", "eenpersoonshuishoudens_pct")).toBe(30.8);
      expect(await waarde(b, 2020, "GM1640", "bijstand")).toBe(370);
      expect(await waarde(b, 2020, "GM1640", "gemiddeld_inkomen")).toBeNull();
      const q = b.quality.files.find((f) => f.file === "kerncijfers/kwb-2020.json")!;
      expect(q.detected?.formaat).toBe("OData v4 JSON (Observations)");
      expect(q.kerncijfers!.beschrijving).toBe("MeasureCodes van de tabel, naast het bestand");
    });
  });
});

describe("real OData v4 observations (83625NED, not a KWB table)", () => {
  it("turns the long form into one row per region and period, with the measure as a column", () => {
    const obs = JSON.parse(real("cbs_v4_83625NED_Observations_cut.json")) as {value: unknown[]};
    const g = pivotV4(obs.value, "83625NED");
    expect(g.kolommen).toEqual(["RegioS", "Perioden", "M001534"]);
    // NL01 in 2020: the average sale price of 334,488 euro (the cut file's first rows).
    expect(g.rijen).toContainEqual({RegioS: "NL01", Perioden: "2020JJ00", M001534: 334488});
    expect(g.rijen.length).toBe(85);
  });

  it("stops with a clear message when no measure is a kerncijfer", async () => {
    const d = bronmap({
      "kerncijfers/woningprijzen-2020.json": real("cbs_v4_83625NED_Observations_cut.json"),
      "kerncijfers/woningprijzen-2020.measurecodes.json": real("cbs_v4_83625NED_MeasureCodes.json")
    });
    const e = await loadBronmap(d, {log: () => {}}).then(
      (b) => (b.close(), null),
      (x: unknown) => x
    );
    expect(e).toBeInstanceOf(BronmapError);
    expect((e as Error).message).toMatch(
      /^kerncijfers\/woningprijzen-2020\.json, regel 1: verwacht minstens één CBS-onderwerp/
    );
  });
});

describe("known answers from the real rows of KWB 2022, 2023 and 2024 (Rotterdam Stadsdriehoek)", () => {
  const gemeente = vierkanten(["GM0599"], () => "Rotterdam");
  const buurten = JSON.stringify({
    ...JSON.parse(vierkanten(["BU05990110", "BU05990111"], (c) => c)),
    features: JSON.parse(vierkanten(["BU05990110", "BU05990111"], (c) => c)).features.map(
      (f: {properties: Record<string, string>}) => ({
        ...f,
        properties: {buurtcode: f.properties.statcode, buurtnaam: f.properties.statnaam}
      })
    )
  });
  const dir = bronmap(
    {
      "gebieden/gemeenten.geojson": gemeente,
      "gebieden/buurten.geojson": buurten,
      "kerncijfers/kwb-2022.json": JSON.stringify({value: rotterdam2223["2022"].rows}),
      "kerncijfers/kwb-2023.json": JSON.stringify({value: rotterdam2223["2023"].rows}),
      "kerncijfers/kwb-2024.json": JSON.stringify({value: rotterdam2024.rows}),
      "kerncijfers/kwb-2024.dataproperties.json": real("cbs85984NED_2024_DataProperties.json")
    },
    "geen"
  );

  it("reads each year by meaning although the keys move every year and between versions", async () => {
    await withBronmap(dir, async (b) => {
      // One-person households: 6,645 of 10,890 (2022) = 61.02 %; 7,485 of 11,825 (2023) = 63.30 %;
      // 7,815 of 12,360 (2024) = 63.23 %.
      expect(await waarde(b, 2022, "BU05990110", "eenpersoonshuishoudens_pct")).toBe(61);
      expect(await waarde(b, 2023, "BU05990110", "eenpersoonshuishoudens_pct")).toBe(63.3);
      expect(await waarde(b, 2024, "BU05990110", "eenpersoonshuishoudens_pct")).toBe(63.2);
      // Vacant dwellings: PercentageOnbewoond_39 (2022), _40 (2023), OnbewoondeWoningen_46 (2024): 7 % each.
      for (const j of [2022, 2023, 2024]) expect(await waarde(b, j, "BU05990110", "onbewoond_pct")).toBe(7);
      // Income per inhabitant: GemiddeldInkomenPerInwoner_72, _81, and _78 in the later 2024 version.
      expect(await waarde(b, 2022, "BU05990110", "gemiddeld_inkomen")).toBe(43.4);
      expect(await waarde(b, 2024, "BU05990110", "gemiddeld_inkomen")).toBe(47.4);
      // 2024: poverty per person (6.2 %); households with a low income are gone.
      expect(await waarde(b, 2024, "BU05990110", "armoede_pct")).toBe(6.2);
      expect(await waarde(b, 2023, "BU05990110", "laag_inkomen_pct")).toBe(4.6);
      expect(b.quality.kerncijfers!.beschikbaar.laag_inkomen_pct!.inTabel).toEqual([2022, 2023]);
    });
  });
});

describe("no copy of input data in the temporary folder", () => {
  it("writes nothing there while reading kerncijfers, when the read succeeds and when it fails", async () => {
    // A private temporary folder for this process, watched for every file created in it, even
    // for a moment: the reader streams rows into DuckDB and makes no copy at all, so nothing can
    // be left behind on success, failure or interruption.
    const ok = bronmap({"kerncijfers/kwb-2020.json": real("kwb2020_84799NED_Leudal_Nederweert.json")});
    const kapot = bronmap({
      "kerncijfers/kwb-2019.csv": '"ID";"WijkenEnBuurten";"AantalInwoners_5"\n1;"GM1640    ";35000\n',
      "kerncijfers/kwb-2020.json": '{"value": ['
    });
    const prive = mkdtempSync(join(tmpdir(), "kwb-tmp-"));
    const created: string[] = [];
    const watcher = watch(prive, (_event, name) => created.push(String(name)));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = prive;
    try {
      expect(tmpdir()).toBe(prive);
      await withBronmap(ok, async (b) => expect(await waarde(b, 2020, "GM1640", "inwoners")).toBe(35879));
      await expect(loadBronmap(kapot, {log: () => {}})).rejects.toThrow(
        /kerncijfers\/kwb-2020\.json: verwacht geldige JSON/
      );
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
      await new Promise((r) => setTimeout(r, 50));
      watcher.close();
    }
    // Only the private folder for DuckDB's spill files (0700, private-temp.ts), made and removed
    // by loadBronmap itself; no file of the reader.
    expect(new Set(created).size).toBe(2);
    expect(created.every((n) => n.startsWith("bronmap-prive-"))).toBe(true);
    expect(readdirSync(prive)).toEqual([]);
  });
});

describe("hostile kerncijfers files", () => {
  it("leaves no temporary folder behind when a Windows-1252 CSV needs a copy and the read then fails", async () => {
    // A StatLine CSV saved by Excel in Windows-1252 with a ’ (0x92): DuckDB cannot decode it, so
    // the CSV reader transcodes it in a private folder; the JSON file after it is broken.
    const csv =
      '"ID";"WijkenEnBuurten";"Gemeentenaam_1";"AantalInwoners_5"\n1;"GM1640    ";"Leudal \u2019t";35879\n';
    const kapot = bronmap({
      "kerncijfers/kwb-2019.csv": Buffer.from(
        [...csv].map((ch) => (ch === "\u2019" ? 0x92 : ch.charCodeAt(0)))
      ),
      "kerncijfers/kwb-2020.json": '{"value": [\n  {"WijkenEnBuurten": "GM1640    ",}\n]}'
    });
    const prive = mkdtempSync(join(tmpdir(), "kwb-tmp-"));
    const created: string[] = [];
    const watcher = watch(prive, (_event, name) => created.push(String(name)));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = prive;
    try {
      await expect(loadBronmap(kapot, {log: () => {}})).rejects.toThrow(
        /^kerncijfers\/kwb-2020\.json, regel 2: verwacht geldige JSON/
      );
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
      await new Promise((r) => setTimeout(r, 50));
      watcher.close();
    }
    // Two private folders: DuckDB's spill folder and the one with the UTF-8 copy (so this test
    // reaches the path it is about); both are gone, and the reader made no folder of its own.
    const folders = new Set(created.filter((n) => n.startsWith("bronmap-prive-")));
    expect(folders.size).toBe(2);
    expect(created.filter((n) => n.startsWith("bronmap-kwb-"))).toEqual([]);
    expect(readdirSync(prive)).toEqual([]);
  });

  it("names a JSON file with an encoding error by its path and line, not as a JSON error", async () => {
    const dir = bronmap({
      "kerncijfers/kwb-2020.json": Buffer.concat([
        Buffer.from(
          '{"value": [\n  {"WijkenEnBuurten": "GM1640    ", "Gemeentenaam_1": "Leudal \u00e9"},\n',
          "utf8"
        ),
        Buffer.from(
          '  {"WijkenEnBuurten": "GM0946    ", "Gemeentenaam_1": "Nederweert \xe9"}\n]}\n',
          "latin1"
        )
      ])
    });
    await expect(loadBronmap(dir, {log: () => {}})).rejects.toThrow(
      "kerncijfers/kwb-2020.json, regel 3: verwacht één tekenset voor het hele bestand (UTF-8 of Windows-1252), gevonden UTF-8 met een byte die geen UTF-8 is (0xE9)"
    );
  });

  it("names a kerncijfers file without read rights by its path", () => {
    const dir = bronmap({"kerncijfers/kwb-2020.json": real("kwb2020_84799NED_Leudal_Nederweert.json")});
    for (const d of [dir, join(dir, "gebieden"), join(dir, "kerncijfers")]) chmodSync(d, 0o755);
    for (const f of readdirSync(join(dir, "gebieden"))) chmodSync(join(dir, "gebieden", f), 0o644);
    chmodSync(join(dir, "kerncijfers", "kwb-2020.json"), 0o000);
    // Root reads any file: the reader runs as an ordinary user (nobody), as an analyst would.
    const asRoot = process.getuid?.() === 0;
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `import("${resolve("data-loaders/sources/bronmap.ts")}").then((m) => m.loadBronmap(${JSON.stringify(dir)}, {log: () => {}})).then((b) => { b.close(); console.log("gelezen"); }, (e) => console.log(e.message))`
      ],
      {encoding: "utf8", cwd: process.cwd(), ...(asRoot ? {uid: 65534, gid: 65534} : {})}
    );
    expect(r.stdout.trim()).toBe(
      "kerncijfers/kwb-2020.json: verwacht een leesbaar JSON-bestand met kerncijfers, gevonden een bestand zonder leesrechten"
    );
  }, 60_000);
});
