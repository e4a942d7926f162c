/**
 * Records the built-in descriptions of the CBS Kerncijfers wijken en buurten tables
 * (`data-loaders/sources/cbs-tabellen.json`) from the real public CBS metadata beside the project
 * (`../shared/real-data`, described in its README). The kerncijfers reader uses a description
 * when a bronmap has no DataProperties beside its data file: every topic's key, title and unit.
 *
 * What is recorded, per table:
 * - 83765NED (2017), 84799NED (2020), 85984NED (2024, version of March 2025): the DataProperties
 *   as CBS serves them (v3), every Topic with its Key, Title and Unit;
 * - 83765NED as OData v4: the MeasureCodes (Identifier, Title, Unit);
 * - 85318NED (2022), 85618NED (2023) and the later version of 85984NED (rows recorded in 2026):
 *   no DataProperties are held, only real rows. Their keys are recorded as found; a key's title
 *   and unit are taken from the SAME topic key stem in a table above when every table that has
 *   that stem agrees on title and unit (marked `"afgeleid"`); otherwise they stay unknown (null),
 *   except for the two poverty topics of the later 2024 version (see ARMOEDE below).
 * - the 2015 wijk- en buurtkaart attributes found in the real kaart file (the attributes and the
 *   units their names state: `P_` = percentage, `AANT`/`_TOT` = count).
 *
 * Run: `npx tsx scripts/record-cbs-tables.ts [--check]`. `--check` exits 1 when the committed
 * file differs from what the real metadata gives (test/sources/cbs-tabellen.test.ts does the same).
 */
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {isDeepStrictEqual} from "node:util";
import {csvParse} from "d3-dsv";
import {DuckDBInstance} from "@duckdb/node-api";
import {format, resolveConfig} from "prettier";
import type {CbsTabel, CbsTabellen} from "../data-loaders/sources/cbs-tabellen.ts";

/** Folder of the real public files (`../shared/real-data` from the project root). */
export const REAL = join(import.meta.dirname, "..", "..", "shared", "real-data");
/** The committed descriptions. */
export const TABELLEN_PATH = join(import.meta.dirname, "..", "data-loaders", "sources", "cbs-tabellen.json");

type Topic = [string, string | null, string | null] | [string, string | null, string | null, "afgeleid"];

/**
 * The person-based poverty topics of the later 2024 version are in no DataProperties the project
 * holds. Their titles are CBS's key split into words; their unit is a percentage: the values in
 * the recorded rows (6.2 and 8.9 for buurten of 20,440 and 9,705 inhabitants) are shares, as
 * CBS's table explanation of 2025 describes them ("percentage personen"). A DataProperties file
 * beside the data always takes precedence over this.
 */
const ARMOEDE: Record<string, [string, string]> = {
  PersonenInArmoede: ["Personen in armoede", "%"],
  PersonenTot25BovenArmoedegrens: ["Personen tot 25% boven armoedegrens", "%"]
};

/** 2015 kaart attributes (the real kaart file) with the title of the KWB topic they hold. */
const KAART: Record<string, [string, string]> = {
  AANT_INW: ["Aantal inwoners", "aantal"],
  AANTAL_HH: ["Huishoudens totaal", "aantal"],
  P_EENP_HH: ["Eenpersoonshuishoudens", "%"],
  WWB_UITTOT: ["Personen per soort uitkering; Bijstand", "aantal"],
  AO_UIT_TOT: ["Personen per soort uitkering; AO", "aantal"],
  BEV_DICHTH: ["Bevolkingsdichtheid", "aantal inwoners per km²"],
  OPP_LAND: ["Oppervlakte land", "ha"],
  STED: ["Mate van stedelijkheid", "code"]
};

const stem = (key: string) => key.replace(/_\d+$/, "");
const clean = (s: string | null | undefined) => (s == null ? null : s.replace(/[\s\u00a0]+/g, " ").trim());

async function parquetRows(file: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const c = await instance.connect();
  try {
    const r = await c.runAndReadAll(sql.replace("$FILE", `'${join(REAL, file).replace(/'/g, "''")}'`));
    return r.getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

function v3Topics(rows: Array<Record<string, unknown>>): Topic[] {
  return rows
    .filter((r) => r.Type === "Topic")
    .map((r) => [String(r.Key), clean(r.Title as string), clean(r.Unit as string)] as Topic);
}

/** Keys of real rows with title and unit from the same stem in the described tables. */
function fromRows(keys: string[], described: CbsTabel[]): Topic[] {
  const byStem = new Map<string, Set<string>>();
  for (const t of described)
    for (const [key, title, unit] of t.onderwerpen) {
      if (title == null) continue;
      const s = stem(key);
      if (!byStem.has(s)) byStem.set(s, new Set());
      byStem.get(s)!.add(JSON.stringify([title, unit]));
    }
  const regionColumns = new Set(["ID", "WijkenEnBuurten"]);
  return keys
    .filter((k) => !regionColumns.has(k))
    .map((key): Topic => {
      const s = stem(key);
      if (ARMOEDE[s]) return [key, ARMOEDE[s][0], ARMOEDE[s][1], "afgeleid"];
      const found = byStem.get(s);
      if (found && found.size === 1) {
        const [title, unit] = JSON.parse([...found][0]) as [string, string];
        return [key, title, unit, "afgeleid"];
      }
      return [key, null, null];
    });
}

/** Builds the descriptions from the real files. */
export async function recordTables(): Promise<CbsTabellen> {
  const real = (f: string) => readFileSync(join(REAL, f), "utf8");

  const dp2017 = csvParse(real("kwb2017_83765NED_DataProperties.csv"));
  const info2017 = csvParse(real("kwb2017_83765NED_TableInfos.csv"))[0];
  const t2017: CbsTabel = {
    id: "83765NED",
    versie: info2017.Modified.slice(0, 10),
    vorm: "odata-v3",
    jaar: 2017,
    titel: info2017.Title,
    bron: "DataProperties (OData v3) van 83765NED zoals cbsodataR ze schrijft (kwb2017_83765NED_DataProperties.csv)",
    onderwerpen: v3Topics(dp2017 as unknown as Record<string, unknown>[])
  };

  const props2017v4 = JSON.parse(real("kwb2017_83765NED_v4_Properties.statline-bq.json")) as {
    Title: string;
    Modified: string;
  };
  const mc2017 = await parquetRows(
    "kwb2017_83765NED_v4_MeasureCodes.statline-bq.parquet",
    `SELECT Identifier, Title, Unit FROM $FILE ORDER BY "Index"::INTEGER`
  );
  const t2017v4: CbsTabel = {
    id: "83765NED",
    versie: props2017v4.Modified.slice(0, 10),
    vorm: "odata-v4",
    jaar: 2017,
    titel: props2017v4.Title,
    bron: "MeasureCodes (OData v4) van 83765NED zoals statline-bq ze bewaart (kwb2017_83765NED_v4_MeasureCodes.statline-bq.parquet)",
    onderwerpen: mc2017.map((r) => [String(r.Identifier), clean(r.Title as string), clean(r.Unit as string)])
  };

  const meta2020 = JSON.parse(real("kwb2020_84799NED_Metadata.statline-bq.json")) as {
    Title: string;
    Modified: string;
  };
  const dp2020 = await parquetRows(
    "kwb2020_84799NED_DataProperties.statline-bq.parquet",
    `SELECT Type, "Key", Title, Unit FROM $FILE ORDER BY ID`
  );
  const t2020: CbsTabel = {
    id: "84799NED",
    versie: meta2020.Modified.slice(0, 10),
    vorm: "odata-v3",
    jaar: 2020,
    titel: meta2020.Title,
    bron: "DataProperties (OData v3) van 84799NED zoals statline-bq ze bewaart (kwb2020_84799NED_DataProperties.statline-bq.parquet)",
    onderwerpen: v3Topics(dp2020)
  };

  const dp2024 = JSON.parse(real("cbs85984NED_2024_DataProperties.json")) as Record<string, unknown>[];
  const info2024 = (JSON.parse(real("cbs85984NED_2024_TableInfos.json")) as Array<Record<string, string>>)[0];
  const t2024: CbsTabel = {
    id: "85984NED",
    versie: info2024.Modified.slice(0, 10),
    vorm: "odata-v3",
    jaar: 2024,
    titel: info2024.Title,
    bron: "DataProperties (OData v3) van 85984NED, versie van maart 2025 (cbs85984NED_2024_DataProperties.json)",
    onderwerpen: v3Topics(dp2024)
  };

  const described = [t2017, t2020, t2024];
  const rows2223 = JSON.parse(real("kwb_v3_TypedDataSet_85318NED_85618NED_BU05990110_cut.json")) as Record<
    string,
    {retrievedAt: string; rows: Record<string, unknown>[]}
  >;
  const fromRowsTable = (
    id: string,
    jaar: number,
    versie: string,
    file: string,
    rows: Record<string, unknown>[]
  ): CbsTabel => ({
    id,
    versie,
    vorm: "odata-v3",
    jaar,
    titel: `Kerncijfers wijken en buurten ${jaar}`,
    bron: `sleutels uit echte rijen (${file}, opgehaald ${versie}); titel en eenheid van hetzelfde onderwerp (zelfde sleutelstam) in ${described.map((t) => t.id).join(", ")}; zonder DataProperties`,
    onderwerpen: fromRows(Object.keys(rows[0]), described)
  });
  const t2022 = fromRowsTable(
    "85318NED",
    2022,
    rows2223["2022"].retrievedAt.slice(0, 10),
    "kwb_v3_TypedDataSet_85318NED_85618NED_BU05990110_cut.json",
    rows2223["2022"].rows
  );
  const t2023 = fromRowsTable(
    "85618NED",
    2023,
    rows2223["2023"].retrievedAt.slice(0, 10),
    "kwb_v3_TypedDataSet_85318NED_85618NED_BU05990110_cut.json",
    rows2223["2023"].rows
  );
  const later2024 = JSON.parse(real("kwb_v3_TypedDataSet_85984NED_Rotterdam_cut.json")) as {
    retrievedAt: string;
    rows: Record<string, unknown>[];
  };
  const t2024later = fromRowsTable(
    "85984NED",
    2024,
    later2024.retrievedAt.slice(0, 10),
    "kwb_v3_TypedDataSet_85984NED_Rotterdam_cut.json",
    later2024.rows
  );

  const kaart = JSON.parse(real("cbs_wbk2015_limburg-noord_buurt.geojson")) as {
    features: Array<{properties: Record<string, unknown>}>;
  };
  const attributes = Object.keys(kaart.features[0].properties);
  const tKaart: CbsTabel = {
    id: "wijkbuurtkaart-2015",
    versie: "2015",
    vorm: "kaart",
    jaar: 2015,
    titel: "Wijk- en buurtkaart 2015 (attributen)",
    bron: "attribuutnamen van de CBS wijk- en buurtkaart 2015 (cbs_wbk2015_limburg-noord_buurt.geojson); titel van het KWB-onderwerp dat het attribuut bevat, eenheid volgens de naam (P_ = percentage)",
    onderwerpen: attributes.filter((a) => KAART[a]).map((a) => [a, KAART[a][0], KAART[a][1]])
  };

  return {
    toelichting:
      "Ingebouwde beschrijvingen van de CBS-tabellen Kerncijfers wijken en buurten: per onderwerp de sleutel, de titel en de eenheid zoals het CBS ze publiceert. Opgenomen uit de echte openbare metadata (CBS, CC BY 4.0) met scripts/record-cbs-tables.ts; niet met de hand bewerken. Een DataProperties-bestand naast de gegevens in de bronmap gaat altijd voor.",
    tabellen: [t2017, t2017v4, t2020, t2022, t2023, t2024, t2024later, tKaart]
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(REAL)) {
    process.stderr.write(`De echte CBS-bestanden staan niet in ${REAL}\n`);
    process.exit(1);
  }
  const recorded = await recordTables();
  if (process.argv.includes("--check")) {
    const committed = JSON.parse(readFileSync(TABELLEN_PATH, "utf8")) as unknown;
    if (!isDeepStrictEqual(committed, recorded)) {
      process.stderr.write(`${TABELLEN_PATH} wijkt af van de echte metadata; draai dit script opnieuw\n`);
      process.exit(1);
    }
  } else {
    // Formatted as prettier formats it, so `npm test`'s prettier check passes unchanged.
    const options = (await resolveConfig(TABELLEN_PATH)) ?? {};
    writeFileSync(TABELLEN_PATH, await format(JSON.stringify(recorded), {...options, parser: "json"}));
    process.stdout.write(`${TABELLEN_PATH}: ${recorded.tabellen.length} tabellen\n`);
  }
}
