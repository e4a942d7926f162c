/**
 * Reading CBS Kerncijfers wijken en buurten as analysts download them: StatLine CSV exports,
 * OData v3 JSON (`{"value": [...]}`, one row per area), OData v4 JSON (the long `Observations`
 * form: one row per area and measure) and a JSON object keyed by region code. Columns are read by
 * meaning, not by key (kerncijfer-betekenis.ts): the table's own DataProperties or MeasureCodes
 * beside the file when the bronmap has them, otherwise the built-in description of the CBS table.
 * Region codes come padded with spaces; CBS missing markers become NULL, never numbers; values
 * the world does not allow (negative counts, shares over 100, years after next year) reject
 * their row with a counted reason. Gemeenten that merged after the table's year are added up
 * into the gemeente of the area files (herindelingen.ts). Nothing is copied to disk: the values
 * are kept in typed arrays (one block per year) and go to DuckDB through an appender, already in
 * the order of the table.
 * Output: the long table `kerncijfers(jaar, gebiedcode, variabele, waarde)` of the contract, the
 * table `kerncijfers_opgeheven` (the same columns, for gemeenten divided over several gemeenten
 * of the area files), and a report per file of what was read.
 */
import {isAscii} from "node:buffer";
import {existsSync, readdirSync, readFileSync, statSync} from "node:fs";
import {basename, join} from "node:path";
import {getHeapStatistics} from "node:v8";
import {DOUBLE, DuckDBDataChunk, type DuckDBConnection, type DuckDBVector} from "@duckdb/node-api";
import {
  CBS_TABELLEN,
  METADATA_SUFFIX,
  parseMetadata,
  tabelIdIn,
  type Metadatabestand
} from "./cbs-tabellen.ts";
import {present} from "./areas.ts";
import {dropCsvRaw, fileSizeOrThrow, loadCsvRaw, sqlIdent} from "./csv.ts";
import {decodeText} from "./geojson.ts";
import {leesOData, type SnelleOData} from "./odata-json.ts";
import {Herindelingen, STANDAARD_HERINDELINGEN, eersteJaarNa, readHerindelingen} from "./herindelingen.ts";
import {herkenOnderwerpen, koppelVariabelen, type Leesregel} from "./kerncijfer-betekenis.ts";
import {decodeAs, encodingOfBytes, lineOfIndex} from "./text-scan.ts";
import {VARIABELEN, definitie, type KerncijferVariabele} from "./kerncijfer-variabelen.ts";
import {
  BronmapError,
  type FileQuality,
  type Indelingswijziging,
  type KerncijferKoppeling,
  type KerncijferOverzicht
} from "./types.ts";

/** Text values CBS uses for "no value" (secret, not applicable, unknown). */
export const MISSING_TEXT = ["", "null", ".", "x", "-", "?"];
/** Numeric values CBS uses for "no value" (secrecy codes in the kaart and StatLine). */
export const MISSING_NUMBERS = [-99999999, -99999998, -99999997, -99997, -99998];

/** Column names that hold the region code, in order of preference (lower case). */
const REGION_KEYS = [
  "wijkenenbuurten",
  "regios",
  "regiocode",
  "gwb_code",
  "gwb_code_10",
  "statcode",
  "code",
  "bu_code",
  "wk_code",
  "gm_code"
];

/** Fields of an OData v4 observation that are not a dimension. */
const V4_FIELDS = new Set(["id", "measure", "valueattribute", "value", "stringvalue"]);

/**
 * JSON files are parsed whole; above this size (or a tenth of the heap, when smaller) the reader
 * stops with a message about the size before memory runs out. A whole national KWB table as
 * OData v3 JSON is about 70 MB.
 */
export const MAX_JSON_BYTES = Math.min(256 * 2 ** 20, Math.floor(getHeapStatistics().heap_size_limit / 10));

/** Values per data chunk appended to DuckDB (its vector size). */
const CHUNK = 2048;

/** Options of `readKerncijfers`. */
export interface ReadKerncijfersOptions {
  /** Area names by code, for the sentences about mergers. */
  namen?: ReadonlyMap<string, string>;
  /** The year of the build; years after the next one are rejected. Default: the current year. */
  buildYear?: number;
  /**
   * Another connection of the same database for the last step, the `kerncijfers` table from the
   * appended numbers (~0.5-1 s CPU nationally, all in DuckDB): started there without waiting, so
   * that JavaScript reads on meanwhile. The table may then only be read after `klaar` of the
   * result.
   */
  achtergrond?: DuckDBConnection;
}

/** What `readKerncijfers` returns: one quality entry per file, and the summary (null without files). */
export interface KerncijfersRead {
  files: FileQuality[];
  overzicht: KerncijferOverzicht | null;
  /** Null once the `kerncijfers` table is complete, or the error of its last step (never rejects). */
  klaar: Promise<Error | null>;
}

function yearFromName(file: string): number | null {
  const m = /(?:^|[^0-9])((?:19|20)\d{2})(?:[^0-9]|$)/.exec(basename(file));
  return m ? Number(m[1]) : null;
}

/**
 * How a column writes its decimals, for the values that can be read two ways (`1.500` is 1500
 * with a decimal comma and 1.5 with a decimal point), as the record readers decide it
 * (records.ts, docs/eigen-data.md "Getallen"): null when the file does not show it.
 */
export type Decimaalteken = "komma" | "punt" | null;

/** Number forms of a kerncijfers cell (whole value; at most 15 digits on either side). */
const GETAL = {
  int: /^[+-]?\d{1,15}$/,
  ambigu: /^[+-]?\d{1,3}[.,]\d{3}$/,
  komma: /^[+-]?\d{1,15},\d{1,15}$/,
  punt: /^[+-]?\d{1,15}\.\d{1,15}$/,
  // 1.234.567 / 1.234,5 (Dutch thousands) and 1,234,567 / 1,234.5 (English thousands)
  nlDuizend: /^[+-]?\d{1,3}(\.\d{3}){1,4}(,\d{1,15})?$/,
  enDuizend: /^[+-]?\d{1,3}(,\d{3}){1,4}(\.\d{1,15})?$/
};

/** The decimal sign a text value shows beyond doubt, or null (an integer, `1.500`, no number). */
function toontDecimaalteken(s: string): Decimaalteken {
  // The usual value first: an integer matches none of the patterns below.
  if (GETAL.int.test(s)) return null;
  if (GETAL.ambigu.test(s)) return null;
  if (GETAL.komma.test(s) || GETAL.nlDuizend.test(s)) return "komma";
  if (GETAL.punt.test(s) || GETAL.enDuizend.test(s)) return "punt";
  return null;
}

/**
 * The decimal convention of each column: the one its text values show, or when they show none,
 * the one of the other columns read from the file; null when unclear or mixed. JSON numbers
 * show nothing (they are never ambiguous).
 */
export function decimaletekens(
  rijen: readonly unknown[],
  kolommen: readonly string[]
): Map<string, Decimaalteken> {
  return decimaletekensVan(
    kolommen,
    kolommen.map((k) =>
      rijen.map((r) => (r != null && typeof r === "object" ? (r as Record<string, unknown>)[k] : undefined))
    )
  );
}

/** `decimaletekens` of columns: `waarden[i]` holds the values of `kolommen[i]`, a value per row. */
function decimaletekensVan(
  kolommen: readonly string[],
  waarden: readonly (readonly unknown[])[]
): Map<string, Decimaalteken> {
  const tel = new Map(kolommen.map((k) => [k, {komma: 0, punt: 0}]));
  for (let i = 0; i < kolommen.length; i++) {
    const t0 = tel.get(kolommen[i])!;
    for (const v of waarden[i]) {
      if (typeof v !== "string") continue;
      const t = toontDecimaalteken(v.trim());
      if (t) t0[t]++;
    }
  }
  const kies = (k: number, p: number): Decimaalteken =>
    k > 0 && p === 0 ? "komma" : p > 0 && k === 0 ? "punt" : null;
  let bestandK = 0;
  let bestandP = 0;
  for (const t of tel.values()) {
    bestandK += t.komma;
    bestandP += t.punt;
  }
  return new Map(
    [...tel].map(([k, t]) => [k, t.komma + t.punt > 0 ? kies(t.komma, t.punt) : kies(bestandK, bestandP)])
  );
}

/**
 * Parses one cell as CBS writes it: a number, or a text with a decimal comma (`26,3`), a decimal
 * point (`26.3`) or thousands separators (`1.234,5`, `1.234.567`). `1.500` and `1,500` are read
 * by the column's decimal convention (`decimaletekens`) and are "dubbelzinnig" without one.
 * Returns null for a CBS missing marker and undefined for anything else (`veel`, `0x1F4`, `1e3`,
 * `Infinity`, true).
 */
export function parseKerncijfer(
  v: unknown,
  teken: Decimaalteken = null
): number | null | undefined | "dubbelzinnig" {
  if (v == null) return null;
  if (typeof v === "number") return MISSING_NUMBERS.includes(v) ? null : Number.isFinite(v) ? v : undefined;
  if (typeof v === "bigint") return Number(v);
  if (typeof v !== "string") return undefined;
  const s = v.trim();
  // The usual value first: an integer is no missing marker and has no separator to read.
  if (GETAL.int.test(s)) {
    const n = Number(s);
    return MISSING_NUMBERS.includes(n) ? null : n;
  }
  if (MISSING_TEXT.includes(s.toLowerCase())) return null;
  let t: string;
  if (GETAL.ambigu.test(s)) {
    // `1.500` is 1500 with a decimal comma and 1.5 with a decimal point: never guessed.
    if (teken === "komma") t = s.includes(",") ? s.replace(",", ".") : s.replace(".", "");
    else if (teken === "punt") t = s.replace(",", "");
    else return "dubbelzinnig";
  } else if (GETAL.int.test(s) || GETAL.punt.test(s)) t = s;
  else if (GETAL.komma.test(s)) t = s.replace(",", ".");
  else if (GETAL.nlDuizend.test(s)) t = s.replace(/\./g, "").replace(",", ".");
  else if (GETAL.enDuizend.test(s)) t = s.replace(/,/g, "");
  else return undefined;
  const n = Number(t);
  if (!Number.isFinite(n)) return undefined;
  return MISSING_NUMBERS.includes(n) ? null : n;
}

/** Why a value read for a variable is impossible, or null when it is fine. */
function ongeldig(v: number, eenheid: Leesregel["kolomEenheid"]): string | null {
  if (eenheid === "aantal") {
    if (v < 0) return "negatief aantal";
    if (!Number.isInteger(v)) return "aantal is geen geheel getal";
    return null;
  }
  if (eenheid === "klasse") return Number.isInteger(v) && v >= 1 && v <= 5 ? null : "ongeldige waarde";
  if (v < 0) return "negatieve waarde";
  if (eenheid === "procent" && v > 100) return "percentage boven 100";
  return null;
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** One region row as read: the values of the variables. */
type Waarden = Map<KerncijferVariabele, number | null>;

/** A file loaded into memory as rows, with what is known about it. */
export interface Geladen {
  formaat: string;
  kolommen: string[];
  rijen: unknown[];
  tabelId: string | null;
  vorm: "odata-v3" | "odata-v4";
  /** For OData v4: observations that were not usable (counted as rejected rows). */
  ongeldigeWaarnemingen?: number;
  /** For OData v4: values with a ValueAttribute other than None (CBS markers: missing). */
  markeringen?: number;
  extraDetected?: Record<string, string>;
  unreadable?: number;
  /** An OData v3 file read by the fast path (odata-json.ts): its rows are made from it, not `rijen`. */
  snel?: SnelleOData;
}

/**
 * Some columns of a file's rows: `waarden[i]` holds a value per row of column `i` (as `row[kolom]`
 * reads it), `geenRij` marks the rows that are no object (null, a number, a list).
 */
interface Kolommen {
  aantal: number;
  geenRij: Uint8Array | null;
  waarden: unknown[][];
}

/** Columns `namen` of parsed rows, read as `row[naam]` as before (undefined for a row that is no object). */
function kolommenVanRijen(rijen: readonly unknown[], namen: readonly string[]): Kolommen {
  const geenRij = new Uint8Array(rijen.length);
  rijen.forEach((r, i) => {
    if (r == null || typeof r !== "object" || Array.isArray(r)) geenRij[i] = 1;
  });
  return {
    aantal: rijen.length,
    geenRij,
    // As `decimaletekens` read rows: a list is an object there.
    waarden: namen.map((k) =>
      rijen.map((r) => (r != null && typeof r === "object" ? (r as Record<string, unknown>)[k] : undefined))
    )
  };
}

/**
 * The bytes of a file already known to be a regular file; a file without read rights (or any
 * other read error) is named instead of a crash.
 */
function readBytes(path: string, label: string, expected: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BronmapError(label, {
      expected,
      found:
        code === "EACCES" || code === "EPERM"
          ? "een bestand zonder leesrechten"
          : `een bestand dat niet gelezen kon worden (${code ?? "leesfout"})`
    });
  }
}

/** Between the values of a column in `rijenAlsTekst` (a control character no CBS value holds). */
const SCHEIDING = "\u001f";

/**
 * The columns `kolommen` of `raw_kerncijfers` (in file order) as `getRowObjectsJS` gives them,
 * but each column fetched as one string (DuckDB's `string_agg`) and split in JavaScript: a
 * national CSV has ~300,000 values, which cost ~0.2 s per file one by one. A missing value comes
 * as "" instead of null, which every use below reads alike (an empty code, period or value). Null
 * when a value holds the separator itself (then the rows are read one by one).
 */
async function kolommenAlsTekst(
  connection: DuckDBConnection,
  kolommen: readonly string[]
): Promise<Kolommen | null> {
  const rij = (
    await connection.runAndReadAll(
      `SELECT count(*)::INTEGER, ${kolommen
        .map((k) => `string_agg(coalesce(${sqlIdent(k)}, ''), chr(31) ORDER BY _line)`)
        .join(", ")} FROM raw_kerncijfers`
    )
  ).getRowsJS()[0];
  const aantal = Number(rij[0]);
  const delen: string[][] = [];
  for (let k = 0; k < kolommen.length; k++) {
    const d = aantal === 0 ? [] : String(rij[k + 1]).split(SCHEIDING);
    if (d.length !== aantal) return null;
    delen.push(d);
  }
  return {aantal, geenRij: null, waarden: delen};
}

/** Loads a JSON file: OData v3, OData v4 (pivoted to one row per area and period), or keyed by code. */
function loadJson(path: string, label: string): Geladen {
  const size = fileSizeOrThrow(path, label, "een CSV- of JSON-bestand met kerncijfers");
  if (size > MAX_JSON_BYTES) {
    const mb = (n: number) => new Intl.NumberFormat("nl-NL").format(Math.round(n / 2 ** 20));
    throw new BronmapError(label, {
      expected: `een JSON-bestand van hoogstens ${mb(MAX_JSON_BYTES)} MB (een groter bestand past niet veilig in het werkgeheugen; lever het als StatLine-CSV of in delen, bijvoorbeeld per gemeente)`,
      found: `${mb(size)} MB`
    });
  }
  // The encoding is checked first (text-scan.ts), so that a stray byte is named as such, with
  // its line, and not as a JSON error.
  const bytes = readBytes(path, label, "een leesbaar JSON-bestand met kerncijfers");
  const encoding = encodingOfBytes(bytes, label);
  const ascii = encoding === "utf-8" && isAscii(bytes);
  // The usual OData v3 file (every CBS JSON file is ASCII): the fast path, which gives what the
  // lines below give for it, or null (then the lines below, with their messages).
  const snel = ascii ? leesOData(bytes) : null;
  const tabelIdSnel = snel ? (tabelIdIn(snel.context) ?? tabelIdIn(basename(path))) : null;
  if (snel && isV4(snel.kolommen)) return pivotV4Snel(snel, tabelIdSnel);
  if (snel)
    return {
      formaat: "OData v3 JSON",
      kolommen: snel.kolommen,
      rijen: [],
      snel,
      tabelId: tabelIdSnel,
      vorm: "odata-v3"
    };
  // Pure ASCII as a one-byte string straight from the bytes: the same text as TextDecoder's.
  const text = ascii ? bytes.toString("latin1") : decodeAs(bytes, encoding);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const pos = /position (\d+)/.exec(String((e as Error).message));
    throw new BronmapError(label, {
      line: pos ? lineOfIndex(text, Number(pos[1])) : undefined,
      expected: 'geldige JSON (OData {"value": [...]})',
      found: "een JSON-fout"
    });
  }
  const context =
    (json as Record<string, unknown> | null)?.["odata.metadata"] ??
    (json as Record<string, unknown> | null)?.["@odata.context"];
  const tabelId = tabelIdIn(typeof context === "string" ? context : null) ?? tabelIdIn(basename(path));
  if (json && typeof json === "object" && Array.isArray((json as {value?: unknown}).value)) {
    const value = (json as {value: unknown[]}).value;
    const first = value.find((r) => r != null && typeof r === "object") as
      Record<string, unknown> | undefined;
    if (isV4(first ? Object.keys(first) : [])) return pivotV4(value, tabelId);
    return {
      formaat: "OData v3 JSON",
      kolommen: columnsOf(value),
      rijen: value,
      tabelId,
      vorm: "odata-v3"
    };
  }
  if (json && typeof json === "object" && !Array.isArray(json)) {
    const entries = Object.entries(json as Record<string, unknown>);
    if (entries.some(([k]) => /^(GM|WK|BU|NL)\d/i.test(k.trim()))) {
      // A reshaped export keyed by region code: {"GM1680": {"AantalInwoners_5": ...}}.
      const rijen = entries.map(([code, r]) =>
        r != null && typeof r === "object" && !Array.isArray(r) ? {...(r as object), regiocode: code} : r
      );
      return {formaat: "JSON per gebiedscode", kolommen: columnsOf(rijen), rijen, tabelId, vorm: "odata-v3"};
    }
  }
  throw new BronmapError(label, {
    expected: 'een OData-object {"value": [...]}',
    found: Array.isArray(json) ? "een lijst" : "iets anders"
  });
}

/** Whether the keys of a first row are those of OData v4 observations (`Measure` and `Value`). */
function isV4(keys: readonly string[]): boolean {
  const lower = keys.map((k) => k.toLowerCase());
  return lower.includes("measure") && lower.includes("value");
}

function columnsOf(rows: readonly unknown[]): string[] {
  const seen = new Set<string>();
  // Rows of one export mostly have the same keys in the same order: those add nothing new.
  let vorige: string[] = [];
  for (const r of rows) {
    if (r == null || typeof r !== "object" || Array.isArray(r)) continue;
    const keys = Object.keys(r);
    if (keys.length === vorige.length && keys.every((k, i) => k === vorige[i])) continue;
    for (const k of keys) seen.add(k);
    vorige = keys;
  }
  return [...seen];
}

/**
 * OData v4 observations to one row per area (and period): the measure identifiers become
 * columns. A ValueAttribute other than `None` marks a value CBS does not give (missing).
 */
export function pivotV4(value: readonly unknown[], tabelId: string | null): Geladen {
  const obs = value.filter(
    (r): r is Record<string, unknown> =>
      r != null &&
      typeof r === "object" &&
      !Array.isArray(r) &&
      typeof (r as {Measure?: unknown}).Measure === "string"
  );
  return pivotWaarnemingen(
    obs.length,
    columnsOf(obs),
    (i, k) => obs[i][k],
    value.length - obs.length,
    tabelId
  );
}

/**
 * The pivot of `pivotV4` over `aantal` observations, each read as `lees(i, sleutel)` (what
 * `obs[i][sleutel]` gives): `sleutels` are the keys of the observations (`columnsOf`), `weg` the
 * rows of `value` that were no observation.
 */
function pivotWaarnemingen(
  aantal: number,
  sleutels: readonly string[],
  lees: (i: number, sleutel: string) => unknown,
  weg: number,
  tabelId: string | null
): Geladen {
  const dims = sleutels.filter((k) => !V4_FIELDS.has(k.toLowerCase()));
  const region =
    REGION_KEYS.map((k) => dims.find((d) => d.toLowerCase() === k)).find((d) => d !== undefined) ??
    dims.find((d) => d.toLowerCase() !== "perioden") ??
    null;
  const periode = dims.find((d) => d.toLowerCase() === "perioden") ?? null;
  const rows = new Map<string, Record<string, unknown>>();
  let markeringen = 0;
  let ongeldig = weg;
  for (let i = 0; i < aantal; i++) {
    const regio = region === null ? null : lees(i, region);
    if (region === null || regio == null) {
      ongeldig++;
      continue;
    }
    const per = periode ? lees(i, periode) : undefined;
    const key = `${String(regio)}|${periode ? String(per ?? "") : ""}`;
    let row = rows.get(key);
    if (!row) {
      row = {[region]: regio, ...(periode ? {[periode]: per} : {})};
      rows.set(key, row);
    }
    const attr = lees(i, "ValueAttribute");
    const measure = lees(i, "Measure") as string;
    if (attr != null && attr !== "None" && attr !== "") {
      markeringen++;
      row[measure] = null;
    } else row[measure] = lees(i, "Value") ?? lees(i, "StringValue") ?? null;
  }
  const rijen = [...rows.values()];
  return {
    formaat: "OData v4 JSON (Observations)",
    kolommen: columnsOf(rijen),
    rijen,
    tabelId,
    vorm: "odata-v4",
    ongeldigeWaarnemingen: ongeldig,
    markeringen
  };
}

/** `pivotV4` of a file read by the fast path (odata-json.ts): the same rows, without parsing each observation. */
export function pivotV4Snel(snel: SnelleOData, tabelId: string | null): Geladen {
  const k = snel.kolommen.indexOf("Measure");
  // Observations: the rows whose Measure is a string (all rows have the same keys).
  const obs: number[] = [];
  if (k >= 0) for (let r = 0; r < snel.aantal; r++) if (typeof snel.waarde(r, k) === "string") obs.push(r);
  const plaats = new Map(snel.kolommen.map((c, i) => [c, i]));
  const leeg: Record<string, unknown> = {};
  return pivotWaarnemingen(
    obs.length,
    obs.length > 0 ? snel.kolommen : [],
    (i, sleutel) => {
      const c = plaats.get(sleutel);
      return c === undefined ? leeg[sleutel] : snel.waarde(obs[i], c);
    },
    snel.aantal - obs.length,
    tabelId
  );
}

function regionColumn(columns: readonly string[]): string | null {
  const lower = columns.map((c) => c.toLowerCase());
  for (const k of REGION_KEYS) {
    const i = lower.indexOf(k);
    if (i >= 0) return columns[i];
  }
  const i = lower.findIndex((c) => /^codering(_\d+)?$/.test(c));
  return i >= 0 ? columns[i] : null;
}

/** The metadata file beside `file` (`kwb-2020.json` -> `kwb-2020.dataproperties.json`), parsed. */
function metadataFor(dir: string, file: string, all: readonly string[]): Metadatabestand | null {
  const stem = file.replace(/\.(csv|json)$/i, "").toLowerCase();
  const match = all.find(
    (f) => METADATA_SUFFIX.test(f) && f.toLowerCase().replace(METADATA_SUFFIX, "") === stem
  );
  if (!match) return null;
  const label = `kerncijfers/${match}`;
  const path = join(dir, "kerncijfers", match);
  const expected = "DataProperties (OData v3) of MeasureCodes (OData v4) van CBS";
  if (fileSizeOrThrow(path, label, expected) > MAX_JSON_BYTES)
    throw new BronmapError(label, {
      expected: "DataProperties of MeasureCodes",
      found: "een te groot bestand"
    });
  const {text} = decodeText(readBytes(path, label, expected), label);
  try {
    return parseMetadata(label, text);
  } catch (e) {
    throw new BronmapError(label, {
      expected,
      found: e instanceof SyntaxError ? "een JSON-fout" : (e as Error).message
    });
  }
}

/** Combines the rows of merged gemeenten into the gemeente they became. */
function samenvoegen(leden: readonly Waarden[]): Waarden {
  const out: Waarden = new Map();
  const som = (v: KerncijferVariabele) => {
    let s = 0;
    for (const l of leden) {
      const x = l.get(v);
      if (x == null) return null;
      s += x;
    }
    return s;
  };
  for (const v of VARIABELEN) {
    if (!leden.some((l) => l.has(v))) continue;
    const regel = definitie(v).samenvoegen;
    if (regel === "som") out.set(v, som(v));
    else if (regel === "geen") out.set(v, null);
    else if (regel === "dichtheid") {
      const inw = som("inwoners");
      const ha = som("oppervlakte_land_ha");
      out.set(v, inw != null && ha ? Math.round(inw / (ha / 100)) : null);
    } else {
      const w = regel.gewogen as KerncijferVariabele;
      let sw = 0;
      let s = 0;
      let ok = true;
      for (const l of leden) {
        const x = l.get(v);
        const g = l.get(w);
        if (x == null || g == null) ok = false;
        else {
          s += x * g;
          sw += g;
        }
      }
      out.set(v, ok && sw > 0 ? round1(s / sw) : null);
    }
  }
  return out;
}

/** The area codes the kerncijfers table can hold (the row check and the area files agree). */
const GEBIEDCODE = /^(GM\d{4}|WK\d{6}|BU\d{8})$/;
/** Area codes as numbers in the order of the text: `BU` + 8 digits, `GM` + 4, `WK` + 6. */
const CODE_DEEL = 100_000_000;
const codeNummer = (code: string): number =>
  (code.startsWith("BU") ? 0 : code.startsWith("GM") ? 1 : 2) * CODE_DEEL + Number(code.slice(2));

/** A place in a year's block: nothing yet, a missing value, a value. */
const LEEG = 1;
const GEVULD = 2;

/** The values of one year: a place per (gebied, variabele), gebieden and variables each in rank order. */
interface JaarBlok {
  jaar: number;
  waarde: Float64Array;
  staat: Uint8Array;
  /** Per variable (by number): a value seen in this year (`metWaarden` holds it then). */
  metWaarde: Uint8Array;
}

/**
 * The rank of each name in the order of the text. Codes and variable names are ASCII (codes are
 * checked), where JavaScript's default sort and DuckDB's binary string order agree.
 */
function rangen(namen: readonly string[]): number[] {
  const volgorde = namen
    .map((_, i) => i)
    .sort((a, b) => (namen[a] < namen[b] ? -1 : namen[a] > namen[b] ? 1 : 0));
  const rang = new Array<number>(namen.length);
  volgorde.forEach((i, r) => (rang[i] = r));
  return rang;
}

/** Variables per area in `sleutel` (a power of two above the number of variables). */
const VARIABELEN_RUIMTE = 64;
/** Area numbers per year in `sleutel` (`codeNummer` stays below it). */
const CODE_RUIMTE = 3 * CODE_DEEL;

/**
 * One number for (jaar, gebied, variabele) and whether the value is missing: exact as a double
 * (years are checked to lie from 1900 up to the year after the build, so below 2^53).
 */
const sleutel = (jaar: number, gebied: number, rang: number, leeg: boolean): number =>
  (((jaar - 1900) * CODE_RUIMTE + gebied) * VARIABELEN_RUIMTE + rang) * 2 + (leeg ? 1 : 0);

/** SQL: the columns of `kerncijfers` from `_kwb_long` (the inverse of `sleutel`), for the sorted names. */
function kolommenUitSleutel(namenOpRang: readonly string[]): string {
  const s = "k.s";
  const gebied = `((${s} // ${2 * VARIABELEN_RUIMTE}) % ${CODE_RUIMTE})`;
  const cijfers = (breedte: number) => `lpad((${gebied} % ${CODE_DEEL})::VARCHAR, ${breedte}, '0')`;
  return `(${s} // ${2 * VARIABELEN_RUIMTE * CODE_RUIMTE} + 1900)::INTEGER AS jaar,
       CASE ${gebied} // ${CODE_DEEL} WHEN 0 THEN 'BU' || ${cijfers(8)} WHEN 1 THEN 'GM' || ${cijfers(4)} ELSE 'WK' || ${cijfers(6)} END AS gebiedcode,
       [${namenOpRang.map((n) => `'${n.replaceAll("'", "''")}'`).join(", ")}][(${s} // 2) % ${VARIABELEN_RUIMTE} + 1] AS variabele,
       CASE WHEN ${s} % 2 = 1 THEN NULL ELSE k.waarde END AS waarde`;
}

/**
 * Appends the values of every year block to `_kwb_long(sleutel, waarde)` in the order of the
 * table (jaar, gebiedcode, variabele): years ascending, then the places of each block. Two
 * columns without NULLs: a missing value is a bit of the key, since a NULL costs the library a
 * BigInt per value of its chunk, and every column its own copy (for 2.9 million values, the
 * national size, synthetic: four columns with NULLs 0.6-1.6 s CPU, these two 0.25-0.6 s).
 */
async function appendGesorteerd(
  connection: DuckDBConnection,
  blokken: ReadonlyMap<number, JaarBlok>,
  codes: readonly string[],
  aantalV: number
): Promise<void> {
  if (aantalV > VARIABELEN_RUIMTE) throw new Error(`kerncijfers: meer dan ${VARIABELEN_RUIMTE} variabelen`);
  const nummers = Float64Array.from(codes, codeNummer);
  const types = [DOUBLE, DOUBLE];
  // One data chunk for every full chunk: the appender copies a chunk when it is appended, and a
  // new chunk per flush made its vectors anew each time (~0.5 s nationally under load).
  let vol: DuckDBDataChunk | null = null;
  let chunk: DuckDBDataChunk | null = null;
  let vs: DuckDBVector[] = [];
  let n = 0;
  // The chunk's size, read once per chunk (`rowCount` is a call into the library per read).
  let grootte = 0;
  const appender = await connection.createAppender("_kwb_long");
  const flush = () => {
    if (n === 0 || !chunk) return;
    for (const v of vs) v.flush();
    appender.appendDataChunk(chunk);
    chunk = null;
    n = 0;
  };
  const totaal = [...blokken.values()].reduce(
    (t, b) => t + b.staat.reduce((m, x) => m + (x === 0 ? 0 : 1), 0),
    0
  );
  let over = totaal;
  try {
    for (const j of [...blokken.keys()].sort((a, b) => a - b)) {
      const blok = blokken.get(j)!;
      const {staat} = blok;
      for (let plek = 0; plek < staat.length; plek++) {
        if (staat[plek] === 0) continue;
        if (!chunk) {
          chunk =
            over >= CHUNK
              ? (vol ??= DuckDBDataChunk.create(types, CHUNK))
              : DuckDBDataChunk.create(types, over);
          vs = [chunk.getColumnVector(0), chunk.getColumnVector(1)];
          grootte = chunk.rowCount;
        }
        const leeg = staat[plek] === LEEG;
        vs[0].setItem(n, sleutel(j, nummers[Math.floor(plek / aantalV)], plek % aantalV, leeg));
        vs[1].setItem(n, leeg ? 0 : blok.waarde[plek]);
        over--;
        if (++n === grootte) flush();
      }
    }
    flush();
  } finally {
    appender.closeSync();
  }
}

/**
 * Reads every kerncijfers file (`*.csv`, `*.json`; metadata files beside them are paired, not
 * read as data) into the `kerncijfers` table, keeping only areas of the area files (`known`).
 * Returns one quality entry per file (with what was read for each variable) and the summary.
 */
export async function readKerncijfers(
  connection: DuckDBConnection,
  dir: string,
  known: ReadonlySet<string>,
  log: (msg: string) => void,
  options: ReadKerncijfersOptions = {}
): Promise<KerncijfersRead> {
  // The bronmap's own list of mergers is checked (and reported) even without kerncijfers.
  const eigen = readHerindelingen(dir);
  const alleen = {
    files: eigen.quality ? [eigen.quality] : [],
    overzicht: null,
    klaar: Promise.resolve(null)
  };
  // No folder is no kerncijfers; anything else in its place (a file, a broken link, a folder
  // that cannot be read, `Kerncijfers/` in other case) is named.
  const kwbDir = join(dir, "kerncijfers");
  const verwachtMap = "een map met CBS-kerncijferbestanden (kwb-<jaar>.csv of kwb-<jaar>.json)";
  if (!present(kwbDir, "kerncijfers")) return alleen;
  if (!existsSync(kwbDir))
    throw new BronmapError("kerncijfers", {
      expected: verwachtMap,
      found: "een snelkoppeling (symbolische link) naar iets dat niet bestaat"
    });
  if (!statSync(kwbDir).isDirectory())
    throw new BronmapError("kerncijfers", {expected: verwachtMap, found: "een bestand"});
  let entries: string[];
  try {
    entries = readdirSync(kwbDir).sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BronmapError("kerncijfers", {
      expected: verwachtMap,
      found:
        code === "EACCES" || code === "EPERM"
          ? "een map zonder leesrechten"
          : `een map die niet gelezen kon worden (${code ?? "leesfout"})`
    });
  }
  const files = entries.filter((f) => /\.(csv|json)$/i.test(f) && !METADATA_SUFFIX.test(f));
  // Files that are not read are said so, never passed over in silence.
  const stems = new Set(files.map((f) => f.replace(/\.(csv|json)$/i, "").toLowerCase()));
  for (const f of entries) {
    if (files.includes(f) || f.startsWith(".")) continue;
    const melding = METADATA_SUFFIX.test(f)
      ? stems.has(f.replace(METADATA_SUFFIX, "").toLowerCase())
        ? null
        : `geen databestand ${f.replace(METADATA_SUFFIX, "")}.json of .csv naast deze metadata: niet gebruikt`
      : "overgeslagen: alleen .csv en .json worden gelezen";
    if (melding)
      alleen.files.push({
        file: `kerncijfers/${f}`,
        rowsRead: 0,
        rowsAccepted: 0,
        rejected: {},
        warnings: [melding]
      });
  }
  if (files.length === 0) return alleen;
  const buildYear = options.buildYear ?? new Date().getFullYear();
  // Wall and CPU time of the whole step (CPU of the process, DuckDB's threads included), for the log.
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const namen = options.namen ?? new Map<string, string>();
  const herindelingen = new Herindelingen(STANDAARD_HERINDELINGEN, eigen.lijst);
  const naam = (code: string) => namen.get(code) ?? herindelingen.naam(code) ?? code;
  const knownGemeenten = new Set([...known].filter((c) => c.startsWith("GM")));

  await connection.run(
    `CREATE OR REPLACE TABLE _kwb_long(sleutel DOUBLE, waarde DOUBLE);
     CREATE OR REPLACE TABLE kerncijfers_opgeheven(jaar INTEGER, gebiedcode VARCHAR, variabele VARCHAR, waarde DOUBLE)`
  );
  const opgeheven = await connection.createAppender("kerncijfers_opgeheven");
  // A national bronmap has ~2.9 million values. They are kept in JavaScript until every file is
  // read, in one block of typed arrays per year with a place for every (gebied, variabele): the
  // gebieden of the area files in the order of their codes, the variables in the order of their
  // names. A filled place is a value passed over (the first value is kept when files overlap),
  // and walking the places in order gives the table already sorted on (jaar, gebiedcode,
  // variabele), so that DuckDB needs no join and no sort (see `appendGesorteerd`).
  const codes = [...known].filter((c) => GEBIEDCODE.test(c)).sort();
  const gebiedNr = new Map(codes.map((c, i) => [c, i]));
  const aantalV = VARIABELEN.length;
  const variabeleRang = rangen(VARIABELEN);
  const variabeleNr = new Map(VARIABELEN.map((v, i) => [v, i]));
  const blokken = new Map<number, JaarBlok>();
  let laatste: JaarBlok | null = null;
  const blokVan = (jaar: number): JaarBlok => {
    if (laatste?.jaar === jaar) return laatste;
    let b = blokken.get(jaar);
    if (!b) {
      const n = codes.length * aantalV;
      blokken.set(
        jaar,
        (b = {
          jaar,
          waarde: new Float64Array(n),
          staat: new Uint8Array(n),
          metWaarde: new Uint8Array(aantalV)
        })
      );
    }
    return (laatste = b);
  };
  // Years with at least one value, per variable (`variabele|jaar`), in the order first seen.
  const metWaarden = new Map<number, [KerncijferVariabele, number]>();
  // Per file the number of values passed over because an earlier one holds the same place.
  const dubbel = new Map<number, number>();
  // Derived shares and rates are kept unrounded until here, so that merged gemeenten add up
  // exactly; they are published with one decimal, the precision CBS gives its own shares.
  const afgerond = VARIABELEN.map((v) => definitie(v).afleiding !== undefined);
  /** Keeps one value (variable number `vi`) of gebied `code` in `jaar`, unless its place is taken. */
  const bewaar = (fileNo: number, blok: JaarBlok, g: number, vi: number, x: number | null) => {
    const w = x !== null && afgerond[vi] ? round1(x) : x;
    // Counted also for a value passed over below (as when every value was stored first and
    // the duplicates removed afterwards).
    if (w !== null && !blok.metWaarde[vi]) {
      blok.metWaarde[vi] = 1;
      const k = vi * 10_000 + blok.jaar;
      if (!metWaarden.has(k)) metWaarden.set(k, [VARIABELEN[vi], blok.jaar]);
    }
    const plek = g * aantalV + variabeleRang[vi];
    if (blok.staat[plek] !== 0) {
      dubbel.set(fileNo, (dubbel.get(fileNo) ?? 0) + 1);
      return;
    }
    if (w === null) blok.staat[plek] = LEEG;
    else {
      blok.staat[plek] = GEVULD;
      blok.waarde[plek] = w;
    }
  };
  const nummer = (code: string): number => {
    const g = gebiedNr.get(code);
    // Unreachable: rows of unknown areas are rejected, and merged gemeenten go into known ones.
    if (g === undefined) throw new Error(`kerncijfers: gebied ${code} niet in de gebiedsbestanden`);
    return g;
  };
  const append = (fileNo: number, jaar: number, code: string, waarden: Waarden) => {
    const blok = blokVan(jaar);
    const g = nummer(code);
    for (const [v, x] of waarden) bewaar(fileNo, blok, g, variabeleNr.get(v)!, x);
  };

  const qualities: FileQuality[] = [];
  const beschikbaar: KerncijferOverzicht["beschikbaar"] = {};
  const alleJaren = new Set<number>();
  const meldingen = new Map<string, Indelingswijziging>();
  const opgehevenCodes = new Set<string>();
  const noteYear = (
    v: KerncijferVariabele,
    soort: "inTabel" | "metWaarden" | "andereEenheid",
    jaar: number
  ) => {
    const b = (beschikbaar[v] ??= {inTabel: [], metWaarden: [], andereEenheid: []});
    if (!b[soort].includes(jaar)) b[soort].push(jaar);
  };

  try {
    for (const [fileNo, file] of files.entries()) {
      const t0 = performance.now();
      const label = `kerncijfers/${file}`;
      const path = join(dir, "kerncijfers", file);
      fileSizeOrThrow(path, label, "een CSV- of JSON-bestand met kerncijfers");
      const q: FileQuality = {
        file: label,
        rowsRead: 0,
        rowsAccepted: 0,
        rejected: {},
        warnings: [],
        detected: {}
      };
      const reject = (reason: string, n = 1): void => {
        q.rejected[reason] = (q.rejected[reason] ?? 0) + n;
      };

      let geladen: Geladen;
      let raw: Awaited<ReturnType<typeof loadCsvRaw>> | null = null;
      if (/\.json$/i.test(file)) geladen = loadJson(path, label);
      else {
        raw = await loadCsvRaw(connection, path, "raw_kerncijfers", label);
        geladen = {
          formaat: "StatLine CSV",
          kolommen: raw.columns,
          // Read once the columns that matter are known: a national table has 150 columns.
          rijen: [],
          tabelId: tabelIdIn(file),
          vorm: "odata-v3",
          extraDetected: raw.detected,
          unreadable: raw.unreadable
        };
      }
      q.detected = {...(geladen.extraDetected ?? {}), formaat: geladen.formaat};
      if (geladen.unreadable) {
        q.rowsRead += geladen.unreadable;
        reject("onleesbare regel", geladen.unreadable);
      }
      if (geladen.ongeldigeWaarnemingen) {
        // Unusable observations are rows read and rejected; usable ones count per area row.
        q.rowsRead += geladen.ongeldigeWaarnemingen;
        reject("ongeldige waarneming", geladen.ongeldigeWaarnemingen);
      }
      if (geladen.markeringen)
        q.detected.markeringen = `${geladen.markeringen} waarden met een ValueAttribute (CBS-teken) als ontbrekend gelezen`;

      const regionCol = regionColumn(geladen.kolommen);
      if (!regionCol) {
        throw new BronmapError(label, {
          line: 1,
          column: "WijkenEnBuurten",
          expected: 'een kolom met de gebiedscode ("WijkenEnBuurten", "Codering_3" of "regiocode")',
          found: `de kolommen ${geladen.kolommen
            .slice(0, 8)
            .map((c) => `"${c}"`)
            .join(", ")}${geladen.kolommen.length > 8 ? ", ..." : ""}`
        });
      }
      const metadata = metadataFor(dir, file, entries);
      const herkenning = herkenOnderwerpen(geladen.kolommen, {
        metadata,
        tabelId: geladen.tabelId,
        vorm: geladen.vorm
      });
      const {regels, koppelingen} = koppelVariabelen(herkenning);
      q.warnings.push(...herkenning.waarschuwingen);
      if (regels.length === 0) {
        throw new BronmapError(label, {
          line: 1,
          expected:
            'minstens één CBS-onderwerp met een bekende titel en eenheid (zoals "Aantal inwoners", aantal; zet de DataProperties van de tabel naast het bestand als de tabel onbekend is)',
          found: "geen herkenbare kolom"
        });
      }
      const periodCol =
        geladen.kolommen.find((c) => c.toLowerCase() === "perioden" || c.toLowerCase() === "jaar") ?? null;
      const tabelJaar = herkenning.tabel
        ? (CBS_JAAR.get(`${herkenning.tabel.id}|${herkenning.tabel.versie}`) ?? null)
        : null;
      const fileYear = yearFromName(file) ?? tabelJaar;
      if (!periodCol && fileYear == null) {
        throw new BronmapError(label, {
          expected: "een jaar (kolom Perioden of een jaartal in de bestandsnaam, bv. kwb-2024.csv)",
          found: "geen van beide"
        });
      }

      // The columns read, each as a list of values (a value per row).
      const nodig = [
        ...new Set([
          regionCol,
          ...(periodCol ? [periodCol] : []),
          ...regels.flatMap((r) => [r.kolom, ...(r.noemer ? [r.noemer.kolom] : [])])
        ])
      ];
      let tabel: Kolommen;
      if (raw) {
        tabel =
          (await kolommenAlsTekst(connection, nodig)) ??
          kolommenVanRijen(
            (
              await connection.runAndReadAll(
                `SELECT ${nodig.map(sqlIdent).join(", ")} FROM raw_kerncijfers ORDER BY _line`
              )
            ).getRowObjectsJS(),
            nodig
          );
        await dropCsvRaw(connection, raw);
      } else if (geladen.snel)
        tabel = {aantal: geladen.snel.aantal, geenRij: null, waarden: geladen.snel.kolomwaarden(nodig)};
      else tabel = kolommenVanRijen(geladen.rijen, nodig);
      const kolom = (naam: string): unknown[] => tabel.waarden[nodig.indexOf(naam)];
      // How each column read writes its decimals (for `1.500`: 1500 or 1,5?).
      const waardeKolommen = [
        ...new Set(regels.flatMap((r) => [r.kolom, ...(r.noemer ? [r.noemer.kolom] : [])]))
      ];
      const tekens = decimaletekensVan(waardeKolommen, waardeKolommen.map(kolom));
      const deelNul = new Map<KerncijferVariabele, number>();
      let otherLevels = 0;
      // Values read per variable (by number), for the report.
      const waardenPerVariabele = new Int32Array(aantalV);
      const jaren = new Set<number>();
      const gemeenten = new Map<string, {jaar: number; code: string; waarden: Waarden}>();
      const nieuwer = new Map<string, Array<{oud: string; datum: string}>>();
      const accept = (jaar: number, code: string, waarden: Waarden) => {
        q.rowsAccepted++;
        jaren.add(jaar);
        for (const [v, w] of waarden) if (w !== null) waardenPerVariabele[variabeleNr.get(v)!]++;
        append(fileNo, jaar, code, waarden);
      };
      // What to read for each variable, looked up once per file instead of once per value.
      const lees = regels.map((r) => ({
        variabele: r.variabele,
        vi: variabeleNr.get(r.variabele)!,
        waarden: kolom(r.kolom),
        eenheid: r.kolomEenheid,
        teken: tekens.get(r.kolom),
        noemer: r.noemer
          ? {waarden: kolom(r.noemer.kolom), teken: tekens.get(r.noemer.kolom), schaal: r.noemer.schaal}
          : null
      }));
      const codes = kolom(regionCol);
      const perioden = periodCol ? kolom(periodCol) : null;
      // The values of one row, by rule (`regels` has one rule per variable): reused for every
      // row, and a Map (`Waarden`) only for gemeenten, which may still be merged below.
      const rijWaarde = new Float64Array(lees.length);
      const rijLeeg = new Uint8Array(lees.length);
      for (let rij = 0; rij < tabel.aantal; rij++) {
        q.rowsRead++;
        if (tabel.geenRij?.[rij]) {
          reject("lege of ongeldige regel");
          continue;
        }
        const rawCode = codes[rij];
        const code =
          typeof rawCode === "string" || typeof rawCode === "number"
            ? String(rawCode).trim().toUpperCase()
            : "";
        if (!/^(GM\d{4}|WK\d{6}|BU\d{8})$/.test(code)) {
          // Rows for the country, provinces and other region types are part of every CBS export.
          if (/^[A-Z]{2}\d{2,4}$/.test(code)) otherLevels++;
          else reject("ongeldige gebiedscode");
          continue;
        }
        const isGemeente = code.startsWith("GM");
        if (!known.has(code) && !(isGemeente && herindelingen.bestemming(code, knownGemeenten))) {
          reject("gebied niet in de gebiedsbestanden");
          // A gemeente formed from gemeenten of the area files: the area files predate the change.
          const bronnen = isGemeente ? herindelingen.naarCode(code).filter((h) => known.has(h.oud)) : [];
          if (bronnen.length > 0) nieuwer.set(code, bronnen);
          continue;
        }
        const periode = perioden ? perioden[rij] : null;
        const jaar = periodCol
          ? Number(/^\s*(\d{4})/.exec(String(typeof periode === "object" ? "" : (periode ?? "")))?.[1] ?? NaN)
          : fileYear!;
        if (!Number.isInteger(jaar) || jaar < 1900) {
          reject("ongeldig jaar");
          continue;
        }
        if (jaar > buildYear + 1) {
          reject("jaar in de toekomst (na volgend jaar)");
          continue;
        }
        let reden: string | null = null;
        for (let ri = 0; ri < lees.length; ri++) {
          const regel = lees[ri];
          const v = parseKerncijfer(regel.waarden[rij], regel.teken);
          if (v === undefined || v === "dubbelzinnig") {
            reden = v === undefined ? "ongeldige waarde" : "dubbelzinnig getal";
            break;
          }
          if (v !== null) {
            reden = ongeldig(v, regel.eenheid);
            if (reden) break;
          }
          let w = v;
          if (regel.noemer) {
            const n = parseKerncijfer(regel.noemer.waarden[rij], regel.noemer.teken);
            if (n === "dubbelzinnig") {
              reden = "dubbelzinnig getal";
              break;
            }
            if (v === null || n == null || n === 0) {
              // A denominator of 0 under a count above 0 happens in real CBS rows of tiny buurten
              // (KWB 2020, BU09880105: 5 inhabitants, 0 households, 5 one-person households):
              // their counts are rounded apart. The share is unknown; the row's other values stand.
              if (v !== null && n === 0 && v > 0)
                deelNul.set(regel.variabele, (deelNul.get(regel.variabele) ?? 0) + 1);
              w = null;
            } else if (regel.noemer.schaal === 100 && v > n) {
              reden = "aandeel boven 100 (teller groter dan noemer)";
              break;
            } else w = (regel.noemer.schaal * v) / n;
          }
          rijLeeg[ri] = w === null ? 1 : 0;
          rijWaarde[ri] = w ?? 0;
        }
        if (reden) {
          reject(reden);
          continue;
        }
        if (!isGemeente) {
          // accept() and append() for one row, without a Map.
          q.rowsAccepted++;
          jaren.add(jaar);
          const blok = blokVan(jaar);
          const g = nummer(code);
          for (let ri = 0; ri < lees.length; ri++) {
            const x = rijLeeg[ri] ? null : rijWaarde[ri];
            if (x !== null) waardenPerVariabele[lees[ri].vi]++;
            bewaar(fileNo, blok, g, lees[ri].vi, x);
          }
        } else if (gemeenten.has(`${jaar}|${code}`)) reject("gebied twee keer in hetzelfde jaar");
        else
          gemeenten.set(`${jaar}|${code}`, {
            jaar,
            code,
            waarden: new Map(lees.map((r, ri) => [r.variabele, rijLeeg[ri] ? null : rijWaarde[ri]]))
          });
      }

      // Gemeenten: a known code stands for itself; old codes are added up into the gemeente they
      // went into (herindelingen), or kept apart when they were divided over several.
      const groepen = new Map<string, {jaar: number; doel: string; leden: Map<string, Waarden>}>();
      for (const g of gemeenten.values()) {
        const b = known.has(g.code) ? null : herindelingen.bestemming(g.code, knownGemeenten);
        if (b?.soort === "gesplitst") {
          q.rowsAccepted++;
          jaren.add(g.jaar);
          opgehevenCodes.add(g.code);
          for (const [v, w] of g.waarden) {
            opgeheven.appendInteger(g.jaar);
            opgeheven.appendVarchar(g.code);
            opgeheven.appendVarchar(v);
            if (w === null) opgeheven.appendNull();
            else opgeheven.appendDouble(w);
            opgeheven.endRow();
          }
          for (const s of b.opvolgers) {
            const totJaar = eersteJaarNa(b.datum);
            if (g.jaar >= totJaar) continue;
            meldingen.set(`${s}|grens|${g.code}`, {
              gemeente: s,
              totJaar,
              soort: "grens",
              tekst: `${naam(s)} kreeg op ${datumNl(b.datum)} een deel van ${naam(g.code)} (${g.code}); kerncijfers van vóór ${totJaar} gaan over het oude gebied van ${naam(s)}.`
            });
          }
          continue;
        }
        const doel = b?.soort === "samengevoegd" ? b.doel : g.code;
        const key = `${g.jaar}|${doel}`;
        const groep = groepen.get(key) ?? {jaar: g.jaar, doel, leden: new Map()};
        groep.leden.set(g.code, g.waarden);
        groepen.set(key, groep);
      }
      for (const groep of groepen.values()) {
        const oud = [...groep.leden.keys()].filter((c) => c !== groep.doel);
        if (oud.length === 0) {
          accept(groep.jaar, groep.doel, groep.leden.get(groep.doel)!);
          continue;
        }
        const nodig = herindelingen.leden(groep.doel, groep.jaar, knownGemeenten);
        const ontbreekt = nodig.filter((c) => !groep.leden.has(c));
        if (ontbreekt.length > 0) {
          reject("gemeente na herindeling onvolledig", groep.leden.size);
          q.warnings.push(
            `${groep.jaar}: ${naam(groep.doel)} (${groep.doel}) niet samengesteld: ${ontbreekt.map((c) => `${naam(c)} (${c})`).join(", ")} ontbreekt in het bestand`
          );
          continue;
        }
        // The merged rows count as accepted rows: their values are in the sum.
        q.rowsAccepted += groep.leden.size - 1;
        accept(groep.jaar, groep.doel, samenvoegen([...groep.leden.values()]));
        const totJaar = Math.max(
          ...oud.map((c) => eersteJaarNa(herindelingen.bestemming(c, knownGemeenten)!.datum))
        );
        const delen = [...groep.leden.keys()].sort().map((c) => `${naam(c)} (${c})`);
        meldingen.set(`${groep.doel}|samengevoegd|${groep.jaar}`, {
          gemeente: groep.doel,
          totJaar,
          soort: "samengevoegd",
          tekst: `Kerncijfers van ${naam(groep.doel)} over ${groep.jaar} zijn de som van ${opsomming(delen)}, die later samen ${naam(groep.doel)} werden; de reeks loopt zo door op de grenzen van nu.`
        });
      }
      for (const [code, bronnen] of nieuwer)
        q.warnings.push(
          `${naam(code)} (${code}) is op ${datumNl(bronnen[0].datum)} ontstaan uit ${opsomming(bronnen.map((h) => `${naam(h.oud)} (${h.oud})`))}, die in de gebiedsbestanden staan: gebruik gebiedsgrenzen van het jaar van de recentste kerncijfers`
        );

      for (const [v, n] of deelNul) {
        // The CBS keys as the table spells them (a CSV's column names are read in lower case).
        const k = koppelingen.find((x) => x.variabele === v);
        q.warnings.push(
          `${n} ${n === 1 ? "gebied" : "gebieden"} met ${k?.sleutel ?? v} boven 0 en ${k?.noemer ?? "noemer"} 0 (door CBS apart afgerond): ${definitie(v).naam} daar leeg gelaten`
        );
      }
      if (otherLevels > 0) {
        q.rowsRead -= otherLevels;
        q.warnings.push(
          `${otherLevels} regels voor andere gebiedssoorten (land, landsdeel, provincie) overgeslagen`
        );
      }
      const fileJaren = [...jaren].sort((a, b) => a - b);
      for (const j of fileJaren) alleJaren.add(j);
      const verslag: KerncijferKoppeling[] = koppelingen.map((k) => ({
        ...k,
        waarden: waardenPerVariabele[variabeleNr.get(k.variabele)!] ?? 0
      }));
      for (const k of verslag) {
        for (const j of fileJaren) {
          if (k.status === "gelezen" || k.status === "omgerekend") noteYear(k.variabele, "inTabel", j);
          else if (k.status === "eenheid past niet") noteYear(k.variabele, "andereEenheid", j);
        }
      }
      q.kerncijfers = {
        jaren: fileJaren,
        tabel: herkenning.tabel,
        beschrijving: herkenning.beschrijving,
        variabelen: verslag
      };
      qualities.push(q);
      log(
        `${label}: ${q.rowsRead} gebieden, ${regels.length} variabelen (${herkenning.tabel?.id ?? "tabel onbekend"}), ${Math.round(performance.now() - t0)} ms`
      );
    }
  } finally {
    opgeheven.closeSync();
  }
  qualities.unshift(...alleen.files);
  for (const [v, j] of metWaarden.values()) noteYear(v, "metWaarden", j);

  for (const [fileNo, n] of dubbel) {
    const q = qualities.find((x) => x.file === `kerncijfers/${files[fileNo]}`);
    if (q)
      q.warnings.push(
        `${n} waarden dubbel (zelfde jaar, gebied en variabele als een eerder bestand): eerste aangehouden`
      );
  }
  await appendGesorteerd(connection, blokken, codes, aantalV);
  // The table from the numbers: the code back from its number, the variable from its rank.
  // Without ORDER BY, a plain scan keeps the order in which the rows were appended
  // (preserve_insertion_order, on by default); a join would not.
  const namenOpRang = [...VARIABELEN].sort();
  // Every error is caught here at once (a rejection nobody awaits yet would stop the process).
  const klaar = (options.achtergrond ?? connection)
    .run(
      `CREATE OR REPLACE TABLE kerncijfers AS
     SELECT ${kolommenUitSleutel(namenOpRang)}
     FROM (SELECT sleutel::BIGINT AS s, waarde FROM _kwb_long) k;
     DROP TABLE _kwb_long`
    )
    .then(
      () => {
        const cpu = process.cpuUsage(cpuStart);
        log(
          `kerncijfers: ${files.length} bestanden in ${Math.round(performance.now() - start)} ms, cpu ${Math.round((cpu.user + cpu.system) / 1000)} ms${options.achtergrond ? " (gesorteerde tabel op de achtergrond)" : ""}`
        );
        return null;
      },
      (e: unknown) => (e instanceof Error ? e : new Error(String(e)))
    );
  if (!options.achtergrond) {
    const fout = await klaar;
    if (fout) throw fout;
  }
  for (const b of Object.values(beschikbaar)) {
    b.inTabel.sort((x, y) => x - y);
    b.metWaarden.sort((x, y) => x - y);
    b.andereEenheid.sort((x, y) => x - y);
  }
  return {
    klaar,
    files: qualities,
    overzicht: {
      beschikbaar,
      jaren: [...alleJaren].sort((a, b) => a - b),
      indelingswijzigingen: [...meldingen.values()].sort((a, b) =>
        a.gemeente < b.gemeente ? -1 : a.gemeente > b.gemeente ? 1 : a.totJaar - b.totJaar
      )
    }
  };
}

/** The year of each built-in table version, for files without a year of their own. */
const CBS_JAAR = new Map(CBS_TABELLEN.tabellen.map((t) => [`${t.id}|${t.versie}`, t.jaar]));

function datumNl(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"][m - 1]} ${y}`;
}

function opsomming(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? "")
    : `${items.slice(0, -1).join(", ")} en ${items[items.length - 1]}`;
}
