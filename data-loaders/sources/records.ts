/**
 * Reading the record files of a bronmap (vestigingen, eigendommen, panden, signalen) into DuckDB
 * tables with the exact columns of the contract in `types.ts`. Parsing, typing and validation run
 * as SQL over the raw VARCHAR table, so every bad row gets a Dutch reason and is counted; only
 * point-in-polygon runs in JavaScript, as a scalar function inside the statement that makes the
 * final table.
 */
import {
  DOUBLE,
  DuckDBScalarFunction,
  INTEGER,
  type DuckDBConnection,
  type DuckDBVector
} from "@duckdb/node-api";
import {locateBatch, type LocatorIndexes} from "../geo/locate-points.ts";
import {SIGNAAL_CATEGORIEEN} from "./categories.ts";
import {dropCsvRaw, loadCsvRaw, sqlIdent, sqlString, type CsvPrefetch, type RawCsv} from "./csv.ts";
import {SBI_STELSELS, sbiCodes} from "./sbi.ts";
import {BronmapError, type FileQuality, type RecordTable} from "./types.ts";
import type {AreaSet} from "./areas.ts";

/** Column types the readers know how to parse. */
type ColumnType = "text" | "int" | "double" | "date" | "sbi" | "sbi2025" | "categorie";

/** One output column of a record table. */
interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** Alternative header names (lower case) accepted for this column. */
  aliases?: string[];
  /** The column must exist in the file (fatal otherwise). */
  required?: boolean;
  /** Each row must have a value (counted rejection "ontbrekende waarde" otherwise). */
  notNull?: boolean;
  /** Numbers: the smallest and largest value the world allows (rejected outside, with a reason). */
  min?: number;
  max?: number;
  /** Dates: an end date, for which 31-12-9999 means "no end" (read as empty, noted). */
  openEnd?: boolean;
  /** Text: an identifier (an Excel-mangled `1,23457E+11` is rejected). */
  id?: boolean;
}

/** How one record file maps to its table. */
export interface RecordSpec {
  table: Exclude<RecordTable, "kerncijfers">;
  file: string;
  /** Columns that together identify a row: a repeated key is a "dubbel id" rejection. */
  key: string[];
  columns: ColumnSpec[];
  /** Extra row checks as [SQL condition that is true for a bad row, reason]. */
  checks?: [string, string][];
  /** Groups of columns of which at least one must exist in the file (fatal otherwise). */
  oneOf?: {columns: string[]; expected: string}[];
}

/** The record files of the bronmap layout and their columns (see docs/eigen-data.md). */
export const RECORD_SPECS: readonly RecordSpec[] = [
  {
    table: "vestigingen",
    file: "vestigingen.csv",
    key: ["vestigingsnummer"],
    columns: [
      {name: "vestigingsnummer", type: "text", required: true, notNull: true, id: true},
      {
        name: "kvk_nummer",
        type: "text",
        aliases: ["kvknummer", "kvk"],
        required: true,
        notNull: true,
        id: true
      },
      {name: "naam", type: "text", aliases: ["handelsnaam", "statutaire_naam"], required: true},
      // SBI 2008 and SBI 2025 (KvK recoded most establishments in September 2025): a file may
      // carry either or both, and each row needs at least one of them.
      {
        name: "sbi",
        type: "sbi",
        aliases: ["sbi2008", "sbi_2008", "sbi_code", "sbicode", "hoofdactiviteit"]
      },
      {
        name: "sbi2025",
        type: "sbi2025",
        aliases: ["sbi_2025", "sbi_code_2025", "sbicode2025", "hoofdactiviteit_2025"]
      },
      {name: "rechtsvorm", type: "text"},
      // The largest establishments in the Netherlands have some tens of thousands of people.
      {
        name: "werkzame_personen",
        type: "int",
        aliases: ["werkzamepersonen", "personeel"],
        min: 0,
        max: 100_000
      },
      {
        name: "datum_inschrijving",
        type: "date",
        aliases: ["datum_vestiging", "inschrijfdatum"],
        required: true,
        notNull: true
      },
      {
        name: "datum_uitschrijving",
        type: "date",
        aliases: ["uitschrijfdatum", "datum_opheffing"],
        openEnd: true
      },
      // The KvK number of the (ultimate) parent company or holding, when the extract has concern
      // relations: care providers are linked to the real estate of their concern through it.
      {
        name: "moeder_kvk_nummer",
        type: "text",
        aliases: ["moeder_kvk", "concern_kvk_nummer", "holding_kvk_nummer", "kvk_nummer_moeder"],
        id: true
      }
    ],
    checks: [
      ["_raw_sbi IS NULL AND _raw_sbi2025 IS NULL", "ontbrekende waarde (sbi)"],
      ["datum_uitschrijving < datum_inschrijving", "uitschrijving voor inschrijving"]
    ],
    oneOf: [
      {
        columns: ["sbi", "sbi2025"],
        expected: 'een kolom "sbi" (SBI 2008) of "sbi2025" (SBI 2025), of allebei'
      }
    ]
  },
  {
    table: "eigendommen",
    file: "eigendommen.csv",
    key: ["kvk_nummer", "object_id"],
    columns: [
      {
        name: "kvk_nummer",
        type: "text",
        aliases: ["kvknummer", "kvk"],
        required: true,
        notNull: true,
        id: true
      },
      {
        name: "object_id",
        type: "text",
        aliases: ["objectid", "kadastraal_object", "verblijfsobject_id"],
        required: true,
        notNull: true,
        id: true
      },
      {name: "gebruiksdoel", type: "text"},
      {name: "datum_verkrijging", type: "date", aliases: ["verkrijgingsdatum"]},
      // Sold or otherwise disposed of: the object is no longer held from this date on.
      {
        name: "datum_vervreemding",
        type: "date",
        aliases: ["vervreemdingsdatum", "datum_verkoop", "verkoopdatum", "datum_einde_eigendom"],
        openEnd: true
      }
    ],
    checks: [["datum_vervreemding < datum_verkrijging", "vervreemding voor verkrijging"]]
  },
  {
    table: "panden",
    file: "panden.csv",
    key: ["pand_id"],
    columns: [
      {
        name: "pand_id",
        type: "text",
        aliases: ["pandid", "bag_pand_id"],
        required: true,
        notNull: true,
        id: true
      },
      {name: "gebruiksdoel", type: "text"},
      // 1,000 ha: far beyond the largest greenhouse complex under one roof.
      {name: "oppervlakte_m2", type: "double", aliases: ["oppervlakte"], min: 0, max: 10_000_000},
      {name: "leeg_sinds", type: "date"},
      {name: "leeg_tot", type: "date", openEnd: true}
    ],
    checks: [["leeg_tot < leeg_sinds", "leeg tot voor leeg sinds"]]
  },
  {
    table: "signalen",
    file: "signalen.csv",
    key: ["signaal_id"],
    columns: [
      {
        name: "signaal_id",
        type: "text",
        aliases: ["id", "signaalid"],
        required: true,
        notNull: true,
        id: true
      },
      {
        name: "datum",
        type: "date",
        aliases: ["datum_signaal", "datum_melding"],
        required: true,
        notNull: true
      },
      {name: "categorie", type: "categorie", required: true, notNull: true}
    ]
  }
];

const LOCATION_ALIASES = {
  buurtcode: ["buurtcode", "bu_code"],
  x: ["x", "x_rd", "rd_x", "xcoord", "x_coord"],
  y: ["y", "y_rd", "rd_y", "ycoord", "y_coord"],
  lat: ["lat", "latitude", "breedtegraad"],
  lon: ["lon", "lng", "long", "longitude", "lengtegraad"]
} as const;

/** SQL that parses a date in `yyyy-mm-dd` or `dd-mm-yyyy` (also with `/`), NULL when impossible. */
export function sqlDate(v: string): string {
  return `COALESCE(try_strptime(${v}, '%Y-%m-%d'), try_strptime(${v}, '%d-%m-%Y'), try_strptime(${v}, '%d/%m/%Y'))::DATE`;
}

/** The earliest date a record may carry (older dates are typing errors such as `01-01-20`). */
export const MIN_DATE = "1800-01-01";
/** 31-12-9999: the "no end" of many registers, read as an empty end date. */
export const OPEN_END = "9999-12-31";

/** The year of the build (SOURCE_DATE_EPOCH when set, for reproducible builds). */
export function buildYear(): number {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  return (Number.isFinite(epoch) && epoch > 0 ? new Date(epoch * 1000) : new Date()).getUTCFullYear();
}

/**
 * How a column writes its decimals, for the numbers that can be read two ways: `1.500` is 1500
 * with a decimal comma and 1.5 with a decimal point; `1,500` the other way round.
 */
export type NumberConvention = "komma" | "punt" | null;

/**
 * Number forms (regular expressions, whole value). At most 15 digits before and after the
 * decimal sign and an exponent of at most two digits: every value that matches is a finite
 * double (a longer run of digits is no count or coordinate anyway).
 */
const D = "[0-9]{1,15}";
const NUM = {
  int: `[+-]?${D}`,
  // 1,5 / 201000,25 (the ambiguous 1,500 is matched first)
  commaDecimal: `[+-]?${D},${D}`,
  pointDecimal: `[+-]?${D}\\.${D}`,
  ambiguousComma: `[+-]?[0-9]{1,3},[0-9]{3}`,
  ambiguousPoint: `[+-]?[0-9]{1,3}\\.[0-9]{3}`,
  // 1.234.567 / 1.234,5 (Dutch thousands) and 1,234,567 / 1,234.5 (English thousands)
  dutchThousands: `[+-]?[0-9]{1,3}(\\.[0-9]{3}){1,4}(,${D})?`,
  englishThousands: `[+-]?[0-9]{1,3}(,[0-9]{3}){1,4}(\\.${D})?`,
  // 1e+05 (R), 1,23E+11 (Excel NL)
  exponent: `[+-]?${D}([.,]${D})?[eE][+-]?[0-9]{1,2}`,
  // int, or pointDecimal that is not ambiguousPoint (not 1-3 digits, a point and 3 digits)
  plainShortcut: `[+-]?([0-9]{1,15}|[0-9]{4,15}\\.[0-9]{1,15}|[0-9]{1,3}\\.([0-9]{1,2}|[0-9]{4,15}))`
};
const match = (v: string, re: string) => `regexp_full_match(${v}, '${re}')`;

/**
 * SQL that parses a number as people write them: `1234`, `1234,5`, `1234.5`, `1.234,5`,
 * `1,234.5`, `1.234.567`, `1e+05`. Nothing else: no hexadecimal (`0x1F4`), no `1_000`, no `NaN`
 * or `inf`, and only finite results. `1.500` and `1,500` are read by the column's convention
 * (`conv`); without one they are ambiguous and give NULL (see `sqlAmbiguous`).
 */
export function sqlNumber(v: string, conv: NumberConvention = null): string {
  const plain = `TRY_CAST(${v} AS DOUBLE)`;
  const noDots = `TRY_CAST(replace(replace(${v}, '.', ''), ',', '.') AS DOUBLE)`;
  const noCommas = `TRY_CAST(replace(${v}, ',', '') AS DOUBLE)`;
  const commaToPoint = `TRY_CAST(replace(${v}, ',', '.') AS DOUBLE)`;
  // Only these forms reach the cast, so it never sees `NaN`, `inf` or a value beyond a double.
  // The first branch is a shortcut for the common forms (a whole number, a decimal point that is
  // not `1.500`): one regular expression instead of up to five, with the result the branches
  // below would give (pointDecimal when not ambiguousPoint; int is wholly inside it).
  return `CASE
    WHEN ${match(v, NUM.plainShortcut)} THEN ${plain}
    WHEN ${match(v, NUM.ambiguousComma)} THEN ${conv === "komma" ? commaToPoint : conv === "punt" ? noCommas : "NULL"}
    WHEN ${match(v, NUM.ambiguousPoint)} THEN ${conv === "komma" ? noDots : conv === "punt" ? plain : "NULL"}
    WHEN ${match(v, NUM.commaDecimal)} THEN ${commaToPoint}
    WHEN ${match(v, NUM.pointDecimal)} THEN ${plain}
    WHEN ${match(v, NUM.dutchThousands)} THEN ${noDots}
    WHEN ${match(v, NUM.englishThousands)} THEN ${noCommas}
    WHEN ${match(v, NUM.exponent)} THEN ${commaToPoint}
  END`;
}

/** SQL that is true for a value that is `1.500` or `1,500` (read only with a known convention). */
export function sqlAmbiguous(v: string): string {
  return `(${match(v, NUM.ambiguousComma)} OR ${match(v, NUM.ambiguousPoint)})`;
}

/**
 * SQL: the number of values of `v` that show a decimal comma (`1,5`, `1.234,5`, `1.234.567`)
 * and that show a decimal point (`1.5`, `1,234.5`, `1,234,567`), as two columns.
 */
function sqlConventionEvidence(v: string): string {
  const komma = `${match(v, NUM.commaDecimal)} AND NOT ${match(v, NUM.ambiguousComma)} OR ${match(v, NUM.dutchThousands)} AND NOT ${match(v, NUM.ambiguousPoint)}`;
  const punt = `${match(v, NUM.pointDecimal)} AND NOT ${match(v, NUM.ambiguousPoint)} OR ${match(v, NUM.englishThousands)} AND NOT ${match(v, NUM.ambiguousComma)}`;
  // Shortcut for the common forms (plainShortcut: a whole number or an unambiguous decimal
  // point, one regular expression): never a decimal comma, and a decimal point exactly when
  // there is a point. Other values go through the full forms above.
  const short = match(v, NUM.plainShortcut);
  return `count(*) FILTER (WHERE CASE WHEN ${short} THEN false ELSE ${komma} END), count(*) FILTER (WHERE CASE WHEN ${short} THEN contains(${v}, '.') ELSE ${punt} END)`;
}

/**
 * The decimal convention of each numeric column: the one its unambiguous values show, or when
 * they show none, the one of the file's other numeric columns; null when unclear or mixed.
 */
async function numberConventions(
  connection: DuckDBConnection,
  table: string,
  columns: string[]
): Promise<Map<string, NumberConvention>> {
  const out = new Map<string, NumberConvention>();
  if (columns.length === 0) return out;
  const row = (
    await connection.runAndReadAll(
      `SELECT ${columns.map((c) => sqlConventionEvidence(sqlIdent(c))).join(", ")} FROM ${table}`
    )
  ).getRows()[0];
  const pick = (k: number, p: number): NumberConvention =>
    k > 0 && p === 0 ? "komma" : p > 0 && k === 0 ? "punt" : null;
  let fileK = 0;
  let fileP = 0;
  columns.forEach((_, i) => {
    fileK += Number(row[2 * i]);
    fileP += Number(row[2 * i + 1]);
  });
  columns.forEach((c, i) => {
    const k = Number(row[2 * i]);
    const p = Number(row[2 * i + 1]);
    out.set(c, k + p > 0 ? pick(k, p) : pick(fileK, fileP));
  });
  return out;
}

/** An identifier as Excel mangles long numbers: `1,23457E+11`. */
const EXCEL_ID = "[0-9]([.,][0-9]+)?[eE]\\+[0-9]+";

function sqlParse(type: ColumnType, v: string, conv: NumberConvention = null): string {
  switch (type) {
    case "text":
      return v;
    case "int":
    case "double":
      return sqlNumber(v, conv);
    case "date":
      return sqlDate(v);
    case "sbi":
    case "sbi2025": {
      // Valid only at its full length: the code must be in the list of its classification.
      const digits = `regexp_replace(${v}, '[.\\s]', '', 'g')`;
      const stelsel = type === "sbi" ? "sbi2008" : "sbi2025";
      // Shortcut: a value that is itself a listed code (the usual case) is its own result.
      return `CASE WHEN ${v} IN (SELECT code FROM _sbi_codes WHERE stelsel = '${stelsel}' AND regexp_full_match(code, '\\d{2,5}')) THEN ${v}
        WHEN regexp_full_match(${digits}, '\\d{2,5}') AND ${digits} IN (SELECT code FROM _sbi_codes WHERE stelsel = '${stelsel}') THEN ${digits} END`;
    }
    case "categorie":
      return `CASE WHEN lower(${v}) IN (${SIGNAAL_CATEGORIEEN.map(sqlString).join(", ")}) THEN lower(${v}) END`;
  }
}

/** DuckDB type of a parsed column, for the typed NULL of a column the file does not have. */
const SQL_TYPE: Record<ColumnType, string> = {
  text: "VARCHAR",
  int: "DOUBLE",
  double: "DOUBLE",
  date: "DATE",
  sbi: "VARCHAR",
  sbi2025: "VARCHAR",
  categorie: "VARCHAR"
};

const REASON_FOR_TYPE: Record<ColumnType, string> = {
  text: "ongeldige waarde",
  int: "ongeldig getal",
  double: "ongeldig getal",
  date: "ongeldige datum",
  sbi: "onbekende SBI-code",
  sbi2025: "onbekende SBI 2025-code",
  categorie: "onbekende categorie"
};

const EXPECTED_FOR_TYPE: Record<ColumnType, string> = {
  text: "tekst",
  int: "een geheel getal",
  double: "een getal",
  date: "een datum (jjjj-mm-dd of dd-mm-jjjj)",
  sbi: "een SBI 2008-code",
  sbi2025: "een SBI 2025-code",
  categorie: `een categorie (${SIGNAAL_CATEGORIEEN.join(", ")})`
};

async function scalar(connection: DuckDBConnection, sql: string): Promise<unknown> {
  return (await connection.runAndReadAll(sql)).getRows()[0]?.[0] ?? null;
}

/**
 * Reads one record file into its DuckDB table, assigning areas by point-in-polygon. Returns the
 * file's quality entry. `areaSet` must have been registered with `registerAreaTables` first.
 * `prefetch`: the read of this file started ahead (`prefetchCsvRaw` into `raw_<table>`), if any.
 */
export async function readRecordFile(
  connection: DuckDBConnection,
  path: string,
  spec: RecordSpec,
  areaSet: AreaSet,
  log: (msg: string) => void,
  prefetch: CsvPrefetch | null = null
): Promise<FileQuality> {
  const t0 = performance.now();
  const steps: string[] = [];
  let tStep = t0;
  // CPU time of the whole process (DuckDB's threads included; point-in-polygon runs inside DuckDB):
  // on a shared machine the wall time of a step says little on its own.
  const cpu0 = process.cpuUsage();
  let cpuStep = cpu0;
  const cpuMs = (from: NodeJS.CpuUsage) => {
    const d = process.cpuUsage(from);
    return Math.round((d.user + d.system) / 1000);
  };
  const step = (name: string): void => {
    const now = performance.now();
    steps.push(`${name} ${Math.round(now - tStep)}/${cpuMs(cpuStep)}`);
    tStep = now;
    cpuStep = process.cpuUsage();
  };
  const raw = await loadCsvRaw(connection, path, `raw_${spec.table}`, spec.file, prefetch);
  const pick = (names: readonly string[]): string | null =>
    names.find((n) => raw.columns.includes(n)) ?? null;

  // Map file columns to output columns; a missing required column is fatal.
  const source = new Map<string, string | null>();
  for (const c of spec.columns) {
    const found = pick([c.name, ...(c.aliases ?? [])]);
    if (!found && c.required) {
      throw new BronmapError(spec.file, {
        line: raw.headerLine,
        column: c.name,
        expected: `een kolom "${c.name}"`,
        found: `de kolommen ${raw.columns.map((n) => `"${n}"`).join(", ")}`
      });
    }
    source.set(c.name, found);
  }
  for (const group of spec.oneOf ?? [])
    if (group.columns.every((c) => !source.get(c)))
      throw new BronmapError(spec.file, {
        line: raw.headerLine,
        column: group.columns[0],
        expected: group.expected,
        found: `de kolommen ${raw.columns.map((n) => `"${n}"`).join(", ")}`
      });
  const loc = {
    buurtcode: pick(LOCATION_ALIASES.buurtcode),
    x: pick(LOCATION_ALIASES.x),
    y: pick(LOCATION_ALIASES.y),
    lat: pick(LOCATION_ALIASES.lat),
    lon: pick(LOCATION_ALIASES.lon)
  };
  const hasXy = loc.x != null && loc.y != null;
  const hasLatLon = loc.lat != null && loc.lon != null;
  if (!hasXy && !hasLatLon && loc.buurtcode == null) {
    throw new BronmapError(spec.file, {
      line: raw.headerLine,
      column: "locatie",
      expected: 'een locatie: kolom "buurtcode", kolommen "x" en "y" (RD New) of kolommen "lat" en "lon"',
      found: `de kolommen ${raw.columns.map((n) => `"${n}"`).join(", ")}`
    });
  }

  step("inlezen");
  // How each numeric column writes its decimals (for `1.500`: 1500 or 1,5?).
  const numeric = [
    ...spec.columns.filter((c) => c.type === "int" || c.type === "double").map((c) => source.get(c.name)),
    loc.x,
    loc.y,
    loc.lat,
    loc.lon
  ].filter((c): c is string => c != null);
  const conventions = await numberConventions(connection, raw.table, [...new Set(numeric)]);
  const conv = (col: string | null) => (col ? (conventions.get(col) ?? null) : null);
  step("decimaalteken");

  // Typed staging table: parsed values next to the raw ones, so reasons can tell "empty" from "bad".
  const sel: string[] = ["_line"];
  for (const c of spec.columns) {
    const s = source.get(c.name);
    sel.push(
      s
        ? `${sqlParse(c.type, sqlIdent(s), conv(s))} AS ${sqlIdent(c.name)}, ${sqlIdent(s)} AS ${sqlIdent("_raw_" + c.name)}`
        : `NULL::${SQL_TYPE[c.type]} AS ${sqlIdent(c.name)}, NULL::VARCHAR AS ${sqlIdent("_raw_" + c.name)}`
    );
  }
  sel.push(loc.buurtcode ? `upper(${sqlIdent(loc.buurtcode)}) AS _buurtcode` : "NULL::VARCHAR AS _buurtcode");
  sel.push(
    hasXy
      ? `${sqlNumber(sqlIdent(loc.x!), conv(loc.x))} AS _x, ${sqlNumber(sqlIdent(loc.y!), conv(loc.y))} AS _y, ${sqlIdent(loc.x!)} IS NOT NULL OR ${sqlIdent(loc.y!)} IS NOT NULL AS _xy_given`
      : "NULL::DOUBLE AS _x, NULL::DOUBLE AS _y, false AS _xy_given"
  );
  sel.push(
    hasLatLon
      ? `${sqlNumber(sqlIdent(loc.lat!), conv(loc.lat))} AS _lat, ${sqlNumber(sqlIdent(loc.lon!), conv(loc.lon))} AS _lon, ${sqlIdent(loc.lat!)} IS NOT NULL OR ${sqlIdent(loc.lon!)} IS NOT NULL AS _ll_given`
      : "NULL::DOUBLE AS _lat, NULL::DOUBLE AS _lon, false AS _ll_given"
  );

  // Reasons in order of precedence: the first that applies is the one counted.
  const reasons: [string, string][] = [];
  for (const c of spec.columns) {
    if (c.notNull)
      reasons.push([
        `_raw_${c.name} IS NULL`,
        c.type === "date" ? "ontbrekende datum" : `ontbrekende waarde (${c.name})`
      ]);
  }
  const lastYear = buildYear() + 1;
  for (const c of spec.columns) {
    const v = sqlIdent(c.name);
    const rawV = sqlIdent(`_raw_${c.name}`);
    if (c.id)
      // contains() first: the pattern needs a '+', and most identifiers have none.
      reasons.push([
        `contains(${rawV}, '+') AND regexp_full_match(${rawV}, '${EXCEL_ID}')`,
        "id in wetenschappelijke notatie (Excel)"
      ]);
    if (c.type === "int" || c.type === "double")
      reasons.push([`${rawV} IS NOT NULL AND ${v} IS NULL AND ${sqlAmbiguous(rawV)}`, "dubbelzinnig getal"]);
    if (c.type !== "text") reasons.push([`${rawV} IS NOT NULL AND ${v} IS NULL`, REASON_FOR_TYPE[c.type]]);
    if (c.min != null)
      reasons.push([
        `${v} < ${c.min}`,
        c.min === 0 ? `negatief getal (${c.name})` : `te klein getal (${c.name})`
      ]);
    if (c.max != null) reasons.push([`${v} > ${c.max}`, `onmogelijk groot getal (${c.name})`]);
    if (c.type === "int") reasons.push([`${v} <> round(${v})`, `geen geheel getal (${c.name})`]);
    if (c.type === "date") {
      reasons.push([`${v} < DATE '${MIN_DATE}'`, `datum voor ${MIN_DATE.slice(0, 4)}`]);
      reasons.push([
        `year(${v}) > ${lastYear}${c.openEnd ? ` AND ${v} <> DATE '${OPEN_END}'` : ""}`,
        "datum in de toekomst"
      ]);
    }
  }
  for (const [cond, reason] of spec.checks ?? []) reasons.push([cond, reason]);
  reasons.push([
    "(_xy_given AND (_x IS NULL OR _y IS NULL)) OR (_ll_given AND (_lat IS NULL OR _lon IS NULL OR _lat NOT BETWEEN -90 AND 90 OR _lon NOT BETWEEN -180 AND 180))",
    "ongeldige coördinaten"
  ]);
  reasons.push(["_x IS NULL AND _lat IS NULL AND _buurtcode IS NULL", "geen locatie"]);
  const reasonSql = `CASE ${reasons.map(([c, r]) => `WHEN ${c} THEN ${sqlString(r)}`).join(" ")} END`;
  const stg = `stg_${spec.table}`;
  // The raw strings are only needed for the reasons: keeping them next to the typed values made
  // every later table of a national file twice as wide (DuckDB's memory peak of the build).
  // Nor the two "coordinates given" flags, which only the reasons read (two columns of 2.5
  // million booleans less to write nationally).
  const rawCols = [...spec.columns.map((c) => sqlIdent("_raw_" + c.name)), "_xy_given", "_ll_given"].join(
    ", "
  );
  await connection.run(
    `CREATE OR REPLACE TABLE ${stg} AS SELECT * EXCLUDE (${rawCols}), ${reasonSql} AS _reden FROM (SELECT ${sel.join(", ")} FROM ${raw.table})`
  );
  step("typeren");
  // The fatal checks of the whole file, in their order: a column in the wrong format altogether
  // first (from the typed values just made), then SBI 2025 codes in the SBI 2008 column.
  try {
    await systematicFormatCheck(connection, raw, stg, spec, source, conventions);
    await sbiStelselCheck(connection, raw, spec, source);
  } catch (e) {
    await connection.run(`DROP TABLE IF EXISTS ${stg}`);
    await dropCsvRaw(connection, raw);
    throw e;
  }
  await dropCsvRaw(connection, raw);
  step("formaatcontrole");
  // Duplicates among otherwise valid rows: the first occurrence (by line) is kept.
  const keyCols = spec.key.map(sqlIdent).join(", ");
  await connection.run(
    `UPDATE ${stg} SET _reden = 'dubbel id' FROM (
       SELECT _line AS l, row_number() OVER (PARTITION BY ${keyCols} ORDER BY _line) AS n FROM ${stg} WHERE _reden IS NULL
     ) d WHERE d.l = ${stg}._line AND d.n > 1`
  );

  step("dubbele ids");
  // Location: point-in-polygon for rows with coordinates (x/y preferred, then lat/lon), the
  // buurtcode for the others. Each valid line gets its area in the one statement that makes the
  // final table: point-in-polygon is a JavaScript scalar function inside it (registerPointFunction),
  // called on exactly the valid lines with coordinates. (Until December 2026 their coordinates
  // were streamed out of DuckDB, located on this thread and a worker thread, appended to a
  // location table and joined back on the line number: one more table of 2.5 million rows to
  // write and a hash join nationally.)
  const byPoint = "(s._reden IS NULL AND (s._x IS NOT NULL OR s._lat IS NOT NULL))";
  const cols = spec.columns.map((c) => {
    const v = sqlIdent(c.name);
    if (c.name === "naam") return `COALESCE(s.${v}, '') AS naam`;
    if (c.type === "date" && c.openEnd)
      return `CASE WHEN s.${v} = DATE '${OPEN_END}' THEN NULL ELSE s.${v} END::DATE AS ${v}`;
    if (c.type === "date") return `s.${v}::DATE AS ${v}`;
    // Checked above to be a whole number within the column's range.
    if (c.type === "int") return `TRY_CAST(s.${v} AS INTEGER) AS ${v}`;
    return `s.${v} AS ${v}`;
  });
  const located = registerPointFunction(connection, areaIndexes(areaSet));
  // The function's DOUBLE holds (lvl + 1, idx + 1, bt + 1) in base R (see registerPointFunction).
  const R = located.radix;
  const code = `${located.name}(_line, COALESCE(_x, 'NaN'::DOUBLE), COALESCE(_y, 'NaN'::DOUBLE), COALESCE(_lat, 'NaN'::DOUBLE), COALESCE(_lon, 'NaN'::DOUBLE))::BIGINT`;
  // No ORDER BY: every aggregate downstream groups or orders explicitly, and sorting the full
  // national table cost time and memory.
  try {
    await connection.run(
      `CREATE OR REPLACE TABLE ${spec.table} AS
     SELECT ${cols.join(", ")},
       g.gemeentecode::VARCHAR AS gemeentecode, g.wijkcode::VARCHAR AS wijkcode, g.buurtcode::VARCHAR AS buurtcode, bt.code::VARCHAR AS bedrijventerrein,
       -- One definition of the buitengebied for counts and denominators alike: a record lies in
       -- the buitengebied when its buurt does (areas.ts/bronmap.ts decide per whole buurt), never
       -- by its own point, so inhabitants and km² of the buitengebied cover exactly its records.
       COALESCE(g.buurtcode IN (SELECT code FROM _buitengebied_buurten), false) AS buitengebied
     FROM (
       SELECT s.*, s._p IS NOT NULL AS _by_point,
         COALESCE((s._p // ${R * R})::INTEGER - 1, gb.lvl) AS _lvl,
         COALESCE(((s._p // ${R}) % ${R})::INTEGER - 1, gb.idx) AS _idx,
         (s._p % ${R})::INTEGER - 1 AS _bt_idx
       FROM (
         SELECT *, CASE WHEN _x IS NOT NULL OR _lat IS NOT NULL THEN ${code} END AS _p
         FROM ${stg} WHERE _reden IS NULL
       ) s
       LEFT JOIN _gebieden_bu gb ON gb.buurtcode = s._buurtcode
     ) s
     LEFT JOIN _gebieden g ON g.lvl = s._lvl AND g.idx = s._idx
     LEFT JOIN _bedrijventerreinen bt ON bt.idx = s._bt_idx
     WHERE CASE WHEN s._by_point THEN (s._lvl < 0) IS NOT TRUE ELSE s._lvl IS NOT NULL END`
    );
  } catch (e) {
    throw located.state.error ?? e;
  } finally {
    located.state.indexes = null;
  }
  step("punt-in-polygoon + tabel");
  // The rejections: a line rejected for its location is either one with coordinates whose point
  // fell outside every area (the function collected those lines), or one without coordinates
  // whose buurtcode is not a buurt of the area files.
  const outside = located.state.outside;
  const rejected: Record<string, number> = {};
  for (const [reason, n] of Object.entries(raw.rejected)) rejected[reason] = n;
  for (const [reason, n] of (
    await connection.runAndReadAll(
      `SELECT r, sum(n) FROM (
         SELECT COALESCE(s._reden, CASE WHEN NOT ${byPoint} AND gb.lvl IS NULL THEN 'onbekende buurtcode' END) AS r, count(*) AS n
         FROM ${stg} s LEFT JOIN _gebieden_bu gb ON gb.buurtcode = s._buurtcode
         GROUP BY 1
         UNION ALL
         SELECT 'locatie buiten de regio', ${outside.size}
       ) WHERE r IS NOT NULL GROUP BY r HAVING sum(n) > 0 ORDER BY 2 DESC, 1`
    )
  ).getRows()) {
    rejected[String(reason)] = Number(n);
  }
  const accepted = Number(await scalar(connection, `SELECT count(*) FROM ${spec.table}`));
  const warnings = [...raw.warnings];
  // End dates given as 31-12-9999 ("no end") among the accepted lines: those of the valid lines
  // with a known buurt or with coordinates, less those whose point fell outside every area.
  const openEnds = spec.columns.filter((c) => c.openEnd && source.get(c.name));
  const outTable = `_buiten_${spec.table}`;
  if (openEnds.length > 0) {
    await connection.run(`CREATE OR REPLACE TABLE ${outTable}(_line INTEGER)`);
    const appender = await connection.createAppender(outTable);
    try {
      for (const line of outside) {
        appender.appendInteger(line);
        appender.endRow();
      }
    } finally {
      appender.closeSync();
    }
  }
  for (const c of openEnds) {
    const v = sqlIdent(c.name);
    const n = Number(
      await scalar(
        connection,
        `SELECT (SELECT count(*) FROM ${stg} s LEFT JOIN _gebieden_bu gb ON gb.buurtcode = s._buurtcode
                 WHERE s._reden IS NULL AND s.${v} = DATE '${OPEN_END}' AND (${byPoint} OR gb.lvl IS NOT NULL))
              - (SELECT count(*) FROM ${stg} s JOIN ${outTable} o ON o._line = s._line
                 WHERE s.${v} = DATE '${OPEN_END}')`
      )
    );
    if (n > 0) warnings.push(`${n}x ${c.name} 31-12-9999 gelezen als "geen einddatum"`);
  }
  step("afwijzingen");
  await connection.run(`DROP TABLE ${stg}; DROP TABLE IF EXISTS ${outTable}`);
  // The registered function lives as long as the database: let go of what it collected.
  outside.clear();
  const ms = Math.round(performance.now() - t0);
  log(
    `${spec.file}: ${raw.rows + raw.unreadable} regels gelezen, ${accepted} opgenomen, ${raw.rows + raw.unreadable - accepted} afgewezen; ${located.state.points} punten aan gebieden toegekend; totaal ${ms} ms, cpu ${cpuMs(cpu0)} ms (ms wand/cpu: ${steps.join(", ")})`
  );
  return {
    file: spec.file,
    rowsRead: raw.rows + raw.unreadable,
    rowsAccepted: accepted,
    rejected,
    warnings,
    detected: {...raw.detected, locatie: hasXy ? "x/y (RD New)" : hasLatLon ? "lat/lon (WGS84)" : "buurtcode"}
  };
}

/**
 * Fatal check for a column in the wrong format altogether (every value in it fails to parse,
 * e.g. American dates): that is a file problem, not a few bad rows, and rejecting every row
 * would hide it. The message names the first offending line and value.
 */
async function systematicFormatCheck(
  connection: DuckDBConnection,
  raw: RawCsv,
  stg: string,
  spec: RecordSpec,
  source: Map<string, string | null>,
  conventions: Map<string, NumberConvention>
): Promise<void> {
  const typed = spec.columns.filter(
    (c) => source.get(c.name) && (c.type === "date" || c.type === "int" || c.type === "double")
  );
  if (typed.length === 0) return;
  // The typed table holds each column parsed as below (sqlParse with the same convention), one
  // row per raw row: a column with at least one parsed value passes without parsing it again.
  const parsedCounts = (
    await connection.runAndReadAll(
      `SELECT ${typed.map((c) => `count(${sqlIdent(c.name)})`).join(", ")} FROM ${stg}`
    )
  ).getRows()[0];
  const checked = typed.filter((_, i) => Number(parsedCounts[i]) === 0);
  if (checked.length === 0) return;
  // The columns without any parsed value, in one scan of the raw table.
  const aggregates = checked.map((c) => {
    const s = source.get(c.name)!;
    const col = sqlIdent(s);
    return `count(*) FILTER (WHERE ${col} IS NOT NULL), count(*) FILTER (WHERE ${sqlParse(c.type, col, conventions.get(s) ?? null)} IS NOT NULL),
            arg_min(_line, _line) FILTER (WHERE ${col} IS NOT NULL), arg_min(${col}, _line) FILTER (WHERE ${col} IS NOT NULL)`;
  });
  const row = (
    await connection.runAndReadAll(`SELECT ${aggregates.join(", ")} FROM ${raw.table}`)
  ).getRows()[0];
  checked.forEach((c, i) => {
    const [given, parsed, line, value] = row.slice(4 * i, 4 * i + 4);
    if (Number(given) > 0 && Number(parsed) === 0) {
      throw new BronmapError(spec.file, {
        line: Number(line),
        column: c.name,
        expected: EXPECTED_FOR_TYPE[c.type],
        found: `"${String(value)}"`
      });
    }
  });
}

/**
 * Fatal check for SBI 2025 codes in the SBI 2008 column: after September 2025 a KvK extract may
 * call its SBI 2025 codes just "sbi". Validated as SBI 2008, many would be rejected and, worse,
 * codes that exist in both lists with another meaning would land in the wrong branch. When most
 * values of `sbi` are not SBI 2008 codes but nearly all are SBI 2025 codes, the file says so and
 * names the first such line.
 */
async function sbiStelselCheck(
  connection: DuckDBConnection,
  raw: RawCsv,
  spec: RecordSpec,
  source: Map<string, string | null>
): Promise<void> {
  const s = spec.columns.some((c) => c.name === "sbi" && c.type === "sbi") ? source.get("sbi") : null;
  if (!s) return;
  const col = sqlIdent(s);
  const d = `regexp_replace(${col}, '[.\\s]', '', 'g')`;
  // A listed code holds no point or space, so a value that is itself in the list is in it after
  // the normalisation too: that cheap test first, the regular expression only for the rest.
  const inList = (stelsel: string) =>
    `(${col} IN (SELECT code FROM _sbi_codes WHERE stelsel = '${stelsel}') OR ${d} IN (SELECT code FROM _sbi_codes WHERE stelsel = '${stelsel}'))`;
  const in2008 = inList("sbi2008");
  const in2025 = inList("sbi2025");
  // Per distinct value (a few thousand codes among millions of rows) with its count and first
  // line, so that the list lookups run once per code; the sums, first line and its value are
  // those over the rows.
  const [given, not2008, only2025, line, value] = (
    await connection.runAndReadAll(
      `SELECT sum(_n), sum(_n) FILTER (WHERE NOT ${in2008}),
              sum(_n) FILTER (WHERE NOT ${in2008} AND ${in2025}),
              min(_line) FILTER (WHERE NOT ${in2008} AND ${in2025}),
              arg_min(${col}, _line) FILTER (WHERE NOT ${in2008} AND ${in2025})
       FROM (SELECT ${col}, count(*) AS _n, min(_line) AS _line FROM ${raw.table} WHERE ${col} IS NOT NULL GROUP BY ${col})`
    )
  ).getRows()[0];
  if (Number(given) > 0 && Number(not2008) * 2 > Number(given) && Number(only2025) >= 0.9 * Number(not2008))
    throw new BronmapError(spec.file, {
      line: Number(line),
      column: s,
      expected: `SBI 2008-codes in kolom "${s}" (SBI 2025-codes horen in een kolom "sbi2025")`,
      found: `"${String(value)}": ${Number(only2025)} van de ${Number(given)} codes bestaan alleen in SBI 2025`
    });
}

/**
 * Registers both SBI code lists as table `_sbi_codes(stelsel, code)`, against which the readers
 * validate `sbi` and `sbi2025` at their full length.
 */
export async function registerSbiTables(connection: DuckDBConnection): Promise<void> {
  await connection.run("CREATE OR REPLACE TABLE _sbi_codes(stelsel VARCHAR, code VARCHAR)");
  for (const stelsel of SBI_STELSELS) {
    const values = sbiCodes(stelsel).map((c) => `('${stelsel}', ${sqlString(c)})`);
    await connection.run(`INSERT INTO _sbi_codes VALUES ${values.join(", ")}`);
  }
}

/**
 * Registers the areas as small DuckDB tables the record readers join against:
 * `_gebieden(lvl, idx, code, gemeentecode, wijkcode, buurtcode)` (lvl is the position in
 * `areaSet.levels`), `_bedrijventerreinen(idx, code)` and `_buitengebied_buurten(code)`.
 */
export async function registerAreaTables(connection: DuckDBConnection, areaSet: AreaSet): Promise<void> {
  await connection.run(
    `CREATE OR REPLACE TABLE _gebieden(lvl INTEGER, idx INTEGER, code VARCHAR, gemeentecode VARCHAR, wijkcode VARCHAR, buurtcode VARCHAR)`
  );
  // Through an appender: as SQL VALUES lists, DuckDB's parser took ~1 s for the national 17,000
  // areas.
  const appender = await connection.createAppender("_gebieden");
  try {
    areaSet.levels.forEach(({level, list}, lvl) =>
      list.forEach((a, idx) => {
        appender.appendInteger(lvl);
        appender.appendInteger(idx);
        appender.appendVarchar(a.code);
        appender.appendVarchar(a.gemeentecode);
        if (a.wijkcode) appender.appendVarchar(a.wijkcode);
        else appender.appendNull();
        if (level === "buurt") appender.appendVarchar(a.code);
        else appender.appendNull();
        appender.endRow();
      })
    );
  } finally {
    appender.closeSync();
  }
  await connection.run(
    `CREATE OR REPLACE TABLE _gebieden_bu AS SELECT buurtcode, lvl, idx FROM _gebieden WHERE buurtcode IS NOT NULL`
  );
  await connection.run(`CREATE OR REPLACE TABLE _bedrijventerreinen(idx INTEGER, code VARCHAR)`);
  const bt = areaSet.areas.bedrijventerreinen.map((b, i) => `(${i}, ${sqlString(b.code)})`);
  if (bt.length) await connection.run(`INSERT INTO _bedrijventerreinen VALUES ${bt.join(", ")}`);
  await connection.run(`CREATE OR REPLACE TABLE _buitengebied_buurten(code VARCHAR)`);
  const bg = areaSet.areas.buitengebiedBuurten.map((c) => `(${sqlString(c)})`);
  if (bg.length) await connection.run(`INSERT INTO _buitengebied_buurten VALUES ${bg.join(", ")}`);
}

/** The point-in-polygon indexes of `areaSet`: its area levels (finest first) and bedrijventerreinen. */
export function areaIndexes(areaSet: AreaSet): LocatorIndexes {
  return {
    levels: areaSet.levels.map((l) => l.index),
    bedrijventerreinen: areaSet.bedrijventerreinIndex
  };
}

/** Point functions registered so far (each gets a name of its own). */
let pointFunctions = 0;

/**
 * Registers point-in-polygon as a scalar function `_punt_in_gebied_<n>(line, x, y, lat, lon)` for
 * use inside one SQL statement: it locates each point (RD x/y, or NaN there and WGS84 lat/lon;
 * finest level first, coarser levels as fallback for slivers between buurten, then the
 * bedrijventerrein: `locateBatch`) and returns ((lvl + 1) * R + idx + 1) * R + bt + 1 as a DOUBLE,
 * with lvl -1 for a point outside every area and bt -1 for none (R = `radix`, more than any index
 * plus one, so the value stays an exact integer far below 2^53). The lines of points outside every
 * area are collected in `state.outside` (a set, so a repeated evaluation cannot count one twice).
 * Set `state.indexes` to null after the statement: the registration lives as long as the
 * database, the indexes need not.
 *
 * DuckDB calls the function per data chunk (at most 2,048 rows) from its own threads, and the
 * bindings run it on this JavaScript thread while that DuckDB thread waits: the locating itself is
 * serial, the rest of the statement runs on DuckDB's threads around it.
 */
export function registerPointFunction(connection: DuckDBConnection, indexes: LocatorIndexes) {
  const name = `_punt_in_gebied_${++pointFunctions}`;
  const radix =
    Math.max(indexes.bedrijventerreinen.areas.length, ...indexes.levels.map((l) => l.areas.length)) + 2;
  if ((indexes.levels.length + 1) * radix * radix >= 2 ** 53)
    throw new Error(`te veel gebieden (${radix - 2}) voor punt-in-polygoon`);
  const state = {
    indexes: indexes as LocatorIndexes | null,
    points: 0,
    outside: new Set<number>(),
    error: null as unknown
  };
  connection.registerScalarFunction(
    DuckDBScalarFunction.create({
      name,
      returnType: DOUBLE,
      parameterTypes: [INTEGER, DOUBLE, DOUBLE, DOUBLE, DOUBLE],
      mainFunction: (info, input, output) => {
        try {
          const ix = state.indexes;
          if (!ix) throw new Error(`${name} aangeroepen na afloop`);
          const n = input.rowCount;
          // No value is NULL: the statement passes NaN for a missing coordinate and only calls
          // the function for lines with a line number. Lat/lon are read only for the points
          // without x/y, the only ones for which locateBatch looks at them (a file with x/y
          // everywhere never reads those two vectors).
          const vx = input.getColumnVector(1);
          const vy = input.getColumnVector(2);
          let vlat: DuckDBVector | null = null;
          let vlon: DuckDBVector | null = null;
          const xs = new Float64Array(n);
          const ys = new Float64Array(n);
          const lats = new Float64Array(n);
          const lons = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            const x = (xs[i] = vx.getItem(i) as number);
            const y = (ys[i] = vy.getItem(i) as number);
            if (Number.isNaN(x) || Number.isNaN(y)) {
              vlat ??= input.getColumnVector(3);
              vlon ??= input.getColumnVector(4);
              lats[i] = vlat.getItem(i) as number;
              lons[i] = vlon.getItem(i) as number;
            }
          }
          const r = locateBatch(ix, {xs, ys, lats, lons});
          const lines = input.getColumnVector(0);
          for (let i = 0; i < n; i++) {
            if (r.lvl[i] < 0) state.outside.add(lines.getItem(i) as number);
            output.setItem(i, ((r.lvl[i] + 1) * radix + r.idx[i] + 1) * radix + r.bt[i] + 1);
          }
          output.flush();
          state.points += n;
        } catch (e) {
          state.error ??= e;
          info.setError(String(e));
        }
      }
    })
  );
  return {name, radix, state};
}
