/**
 * Exposure scan (privacy.md, "Proof in every build"): searches everything in the built site for
 * the exact identifying values of the bronmap it was built from, and for generic patterns of
 * identifiers. Part of `npm test` via test/disclosure/exposure-scan.test.ts and the CLI
 * scripts/exposure-scan.ts.
 *
 * Two kinds of search:
 * - Needles (exact values from the input: names, KvK and establishment numbers, object ids,
 *   signal ids, postcodes, street + number, exact signal dates, point coordinates) are searched
 *   in EVERY file, library code included, as raw text (Arrow files as their UTF-8 bytes, and
 *   decoded).
 * - Generic patterns (postcode, 8/12-digit numbers, BSN eleven-test, IBAN, e-mail, phone,
 *   coordinate pairs) are searched only where our own data and text live: HTML, data files and
 *   our own compiled modules, not third-party bundles (`_npm/`, `_node/`, `_observablehq/`), whose
 *   minified code is full of numbers that look like identifiers. Arrow files are decoded first
 *   (their values and schema metadata as text), so the binary layout cannot hide or fake a match. Numbers that are published
 *   aggregates (the `waarde` column of open-data/cijfers.csv) are not flagged as identifiers.
 *
 * Needles shorter than MIN_NEEDLE_LENGTH characters, and names equal to an area name, are
 * skipped: they would match ordinary words and numbers (documented in docs/privacy.md).
 */
import {readdirSync, readFileSync, statSync} from "node:fs";
import {tableFromIPC} from "apache-arrow";
import {join, relative, sep} from "node:path";
import {findGenericPatterns} from "../patterns.ts";

/** Shortest needle searched; shorter values (e.g. a name "Bol") match ordinary text. */
export const MIN_NEEDLE_LENGTH = 5;

/** What a needle is, for the finding's message. */
export type NeedleKind =
  | "naam"
  | "kvk-nummer"
  | "vestigingsnummer"
  | "object-id"
  | "pand-id"
  | "signaal-id"
  | "postcode"
  | "adres"
  | "datum"
  | "telefoon"
  | "e-mail";

/** Exact values from the bronmap to look for. */
export interface ExposureNeedles {
  strings: {value: string; kind: NeedleKind}[];
  /** Point locations as given in the input: RD New x/y or WGS84 lat/lon. */
  points: {a: number; b: number; crs: "rd" | "wgs84"}[];
  /** Words that are allowed even if they equal a needle (area names). */
  allow?: string[];
}

/** One thing found where it should not be. */
export interface Finding {
  /** Path relative to the scanned directory. */
  file: string;
  /** Needle kind, `coördinaat`, or a generic pattern label. */
  kind: string;
  /** The matched text, masked after its first characters so logs do not repeat the leak. */
  match: string;
  offset: number;
  /** `bron` = exact value from the input; `patroon` = generic pattern. */
  source: "bron" | "patroon";
}

/** Masks a sensitive value for messages: first 3 characters, then dots. */
export function mask(value: string): string {
  return value.length <= 3 ? "…" : `${value.slice(0, 3)}${"•".repeat(Math.min(8, value.length - 3))}`;
}

const PREFIX = 8;

/** Prepared needles: prefix maps for strings and a set of coordinate-pair keys. */
export interface NeedleIndex {
  long: Map<string, {value: string; kind: NeedleKind}[]>;
  short: Map<string, {value: string; kind: NeedleKind}[]>;
  pairs: Set<string>;
  count: number;
}

function htmlEscape(s: string): string {
  return s
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Coordinate formats a leak could take: as given, and rounded to fewer decimals. */
function pairKeys(p: {a: number; b: number; crs: "rd" | "wgs84"}): string[] {
  const decimals = p.crs === "rd" ? [2, 1, 0] : [6, 5, 4];
  const keys: string[] = [];
  for (const d of decimals) {
    // Both the fixed form (416510.0) and the shortest form (416510) of each rounding.
    for (const [a, b] of [
      [p.a.toFixed(d), p.b.toFixed(d)],
      [String(Number(p.a.toFixed(d))), String(Number(p.b.toFixed(d)))]
    ]) {
      keys.push(`${a}|${b}`, `${b}|${a}`);
    }
  }
  return keys;
}

/** Builds the search index of a needle set. */
export function indexNeedles(needles: ExposureNeedles): NeedleIndex {
  const allow = new Set((needles.allow ?? []).map((s) => s.trim().toLowerCase()));
  const long = new Map<string, {value: string; kind: NeedleKind}[]>();
  const short = new Map<string, {value: string; kind: NeedleKind}[]>();
  let count = 0;
  const seen = new Set<string>();
  const add = (value: string, kind: NeedleKind) => {
    if (value.length < MIN_NEEDLE_LENGTH || seen.has(value) || allow.has(value.toLowerCase())) return;
    seen.add(value);
    const map = value.length >= PREFIX ? long : short;
    const key = value.slice(0, value.length >= PREFIX ? PREFIX : MIN_NEEDLE_LENGTH);
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    list.push({value, kind});
    count++;
  };
  for (const {value, kind} of needles.strings) {
    const v = value.trim();
    add(v, kind);
    // The forms a value takes in HTML and JSON text.
    const escaped = htmlEscape(v);
    if (escaped !== v) add(escaped, kind);
    const json = JSON.stringify(v).slice(1, -1);
    if (json !== v) add(json, kind);
  }
  const pairs = new Set<string>();
  for (const p of needles.points) for (const k of pairKeys(p)) pairs.add(k);
  return {long, short, pairs, count: count + needles.points.length};
}

const WORD_START = /(?<![\p{L}\p{N}])[\p{L}\p{N}]/gu;
const NUMBER = /-?\d+(?:\.\d+)?/g;

/** Scans one text for needles (everywhere) and, when `generic`, for generic patterns. */
export function scanText(
  text: string,
  file: string,
  index: NeedleIndex,
  options: {generic: boolean; publishedNumbers?: ReadonlySet<string>; library?: boolean} = {generic: true}
): Finding[] {
  const findings: Finding[] = [];
  // Exact values: at every word start, look up the needles sharing its first characters.
  if (index.long.size + index.short.size > 0) {
    for (const m of text.matchAll(WORD_START)) {
      const i = m.index as number;
      for (const [map, len] of [
        [index.long, PREFIX],
        [index.short, MIN_NEEDLE_LENGTH]
      ] as const) {
        const candidates = map.get(text.substr(i, len));
        if (!candidates) continue;
        for (const c of candidates) {
          if (!text.startsWith(c.value, i)) continue;
          // Library bundles are copies of node_modules, where constants such as
          // new Date("2019-01-01T00:00") (d3-dsv) equal some exact date of the input by chance.
          if (options.library && c.kind === "datum") continue;
          // A number or code must end there too: 12345678 inside 123456789 is another number.
          const next = text.charCodeAt(i + c.value.length);
          if (/[\p{N}]$/u.test(c.value) && next >= 48 && next <= 57) continue;
          findings.push({file, kind: c.kind, match: mask(c.value), offset: i, source: "bron"});
        }
      }
    }
  }
  // Coordinates: consecutive numbers in the text, separated by at most a few characters.
  if (index.pairs.size > 0) {
    let prev: {text: string; end: number} | null = null;
    for (const m of text.matchAll(NUMBER)) {
      const i = m.index as number;
      if (prev && i - prev.end <= 16 && index.pairs.has(`${prev.text}|${m[0]}`)) {
        findings.push({file, kind: "coördinaat", match: mask(prev.text), offset: i, source: "bron"});
      }
      prev = {text: m[0], end: i + m[0].length};
    }
  }
  if (options.generic) {
    for (const f of findGenericPatterns(maskFrameworkIds(text))) {
      if (options.publishedNumbers?.has(f.match)) continue;
      findings.push({file, kind: f.label, match: mask(f.match), offset: f.index, source: "patroon"});
    }
  }
  return findings;
}

/**
 * Framework names every cell of a page by an 8-character hex hash (`define({id: "86922343"`,
 * `<!--:86922343:-->`); an all-digit one looks like a KvK number. Those ids are blanked (same
 * length, so offsets stay true) before the generic patterns run; needles are still searched.
 */
export function maskFrameworkIds(text: string): string {
  return text
    .replace(
      /(define\(\{id: ")([0-9a-f]{8})(")/g,
      (_, a: string, id: string, b: string) => a + "x".repeat(id.length) + b
    )
    .replace(
      /(<!--:)([0-9a-f]{8})(:-->)/g,
      (_, a: string, id: string, b: string) => a + "x".repeat(id.length) + b
    );
}

/** Files whose generic-pattern check is skipped: third-party bundles, not our data or text. */
export function isLibraryCode(rel: string): boolean {
  const p = rel.split(sep).join("/");
  return /(^|\/)(_npm|_node|_observablehq)\//.test(p) && !/minisearch\.json$/.test(p);
}

const TEXT_EXT = /\.(html?|js|mjs|cjs|css|json|topojson|geojson|csv|tsv|txt|md|xml|svg|arrow|parquet|map)$/i;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/**
 * Scans every file under `distDir` (the built site). Returns all findings; empty means clean.
 * Binary files we do not know are read as text too (needles are plain UTF-8 in Arrow and most
 * formats); images and fonts are skipped.
 */
export function scanDirectory(
  distDir: string,
  needles: ExposureNeedles,
  options: {generic?: boolean} = {}
): Finding[] {
  const index = indexNeedles(needles);
  const files = walk(distDir);
  // Published aggregates are allowed to look like numbers of 8, 9 or 12 digits.
  const publishedNumbers = new Set<string>();
  const cijfers = files.find((f) => relative(distDir, f).split(sep).join("/") === "open-data/cijfers.csv");
  if (cijfers) {
    for (const line of readFileSync(cijfers, "utf8").split("\n").slice(1)) {
      const waarde = line.split(",")[6];
      if (waarde) publishedNumbers.add(waarde);
    }
  }
  const findings: Finding[] = [];
  for (const file of files) {
    const rel = relative(distDir, file);
    if (/\.(png|jpe?g|gif|webp|ico|woff2?|ttf|otf|eot)$/i.test(file)) continue;
    const bytes = readFileSync(file);
    const text = bytes.toString("utf8");
    const arrow = /\.arrow$/i.test(file);
    const generic = (options.generic ?? true) && TEXT_EXT.test(file) && !isLibraryCode(rel) && !arrow;
    findings.push(...scanText(text, rel, index, {generic, publishedNumbers, library: isLibraryCode(rel)}));
    if (arrow) {
      const decoded = arrowText(bytes);
      if (decoded === null) {
        findings.push({
          file: rel,
          offset: 0,
          kind: "onleesbaar",
          source: "patroon",
          match: "geen geldig Arrow-bestand"
        });
      } else {
        findings.push(
          ...scanText(decoded, `${rel} (gedecodeerd)`, index, {
            generic: options.generic ?? true,
            publishedNumbers,
            library: false
          })
        );
      }
    }
  }
  return findings;
}

/**
 * The content of an Arrow IPC file as text: the schema metadata values, then every column's values
 * one per line. Null when the bytes are not a readable Arrow file.
 */
export function arrowText(bytes: Uint8Array): string | null {
  try {
    const table = tableFromIPC(bytes);
    const parts: string[] = [...table.schema.metadata.values()];
    for (const field of table.schema.fields) {
      const column = table.getChild(field.name);
      if (!column) continue;
      for (let i = 0; i < column.length; i++) {
        const v: unknown = column.get(i);
        if (v !== null && v !== undefined) parts.push(String(v));
      }
    }
    return parts.join("\n");
  } catch {
    return null;
  }
}

/** Formats findings as Dutch lines for a failing test or the CLI. */
export function describeFindings(findings: readonly Finding[]): string {
  return findings
    .map(
      (f) =>
        `${f.file} @${f.offset}: ${f.kind} (${f.source === "bron" ? "waarde uit de bronmap" : "patroon"}) ${f.match}`
    )
    .join("\n");
}

/** Loose minimal shape of a DuckDB connection, so this module does not import the driver. */
interface Queryable {
  runAndReadAll(sql: string): Promise<{getRows(): unknown[][]}>;
}

/**
 * Needles from a loaded bronmap: the identifying columns of the record tables (contract in
 * data-loaders/sources/types.ts) plus, from the raw files, the columns the reader does not keep
 * (postcode, house number, street, coordinates, phone, e-mail). Area names are allowed.
 */
export async function collectNeedles(bronmap: {
  dir: string;
  connection: Queryable;
  tables: ReadonlySet<string>;
  areas: {
    gemeenten: {naam: string}[];
    wijken: {naam: string}[];
    buurten: {naam: string}[];
    bedrijventerreinen: {naam: string}[];
  };
}): Promise<ExposureNeedles> {
  const strings: ExposureNeedles["strings"] = [];
  const query = async (table: string, columns: [string, NeedleKind][]) => {
    if (!bronmap.tables.has(table)) return;
    for (const [column, kind] of columns) {
      const rows = (
        await bronmap.connection.runAndReadAll(
          `SELECT DISTINCT CAST("${column}" AS VARCHAR) FROM "${table}" WHERE "${column}" IS NOT NULL`
        )
      ).getRows();
      for (const [v] of rows) if (v != null) strings.push({value: String(v), kind});
    }
  };
  await query("vestigingen", [
    ["naam", "naam"],
    ["kvk_nummer", "kvk-nummer"],
    ["vestigingsnummer", "vestigingsnummer"]
  ]);
  await query("eigendommen", [
    ["kvk_nummer", "kvk-nummer"],
    ["object_id", "object-id"]
  ]);
  await query("panden", [["pand_id", "pand-id"]]);
  await query("signalen", [
    ["signaal_id", "signaal-id"],
    ["datum", "datum"]
  ]);
  const dates = strings.filter((s) => s.kind === "datum");
  for (const d of dates) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d.value);
    if (m) strings.push({value: `${m[3]}-${m[2]}-${m[1]}`, kind: "datum"});
  }
  const fromFiles = collectFileNeedles(bronmap.dir);
  const a = bronmap.areas;
  const allow = [...a.gemeenten, ...a.wijken, ...a.buurten, ...a.bedrijventerreinen].map((x) => x.naam);
  return {strings: [...strings, ...fromFiles.strings], points: fromFiles.points, allow};
}

/** Splits one CSV line (quotes respected) with the given separator. */
function splitCsv(line: string, separator: string): string[] {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      out.push(field);
      field = "";
    } else field += ch;
  }
  out.push(field);
  return out;
}

const FILE_COLUMNS: Record<string, NeedleKind | "x" | "y" | "lat" | "lon" | "huisnummer" | "straat"> = {
  postcode: "postcode",
  huisnummer: "huisnummer",
  straat: "straat",
  straatnaam: "straat",
  adres: "adres",
  telefoon: "telefoon",
  telefoonnummer: "telefoon",
  email: "e-mail",
  "e-mail": "e-mail",
  x: "x",
  x_rd: "x",
  rd_x: "x",
  y: "y",
  y_rd: "y",
  rd_y: "y",
  lat: "lat",
  latitude: "lat",
  lon: "lon",
  lng: "lon",
  longitude: "lon"
};

/**
 * Needles from the raw CSV files of a bronmap folder: postcodes (with and without space),
 * postcode + house number, street + house number, addresses, phone numbers, e-mail addresses
 * and point coordinates, which the readers use for location but do not keep.
 */
export function collectFileNeedles(dir: string): ExposureNeedles {
  const strings: ExposureNeedles["strings"] = [];
  const points: ExposureNeedles["points"] = [];
  for (const file of walk(dir).filter((f) => /\.(csv|txt)$/i.test(f))) {
    const lines = readFileSync(file, "utf8").split(/\r?\n/);
    const header = lines[0] ?? "";
    const separator = (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ";" : ",";
    const columns = splitCsv(header.replace(/^\uFEFF/, ""), separator).map(
      (c) => FILE_COLUMNS[c.trim().toLowerCase()]
    );
    if (!columns.some(Boolean)) continue;
    for (let n = 1; n < lines.length; n++) {
      if (lines[n] === "") continue;
      const fields = splitCsv(lines[n], separator);
      const rec: Record<string, string> = {};
      columns.forEach((c, i) => {
        if (c && fields[i] != null && fields[i].trim() !== "") rec[c] = fields[i].trim();
      });
      if (rec.postcode) {
        const pc = rec.postcode.replace(/\s+/g, "").toUpperCase();
        const spaced = `${pc.slice(0, 4)} ${pc.slice(4)}`;
        strings.push({value: pc, kind: "postcode"}, {value: spaced, kind: "postcode"});
        if (rec.huisnummer)
          strings.push(
            {value: `${pc} ${rec.huisnummer}`, kind: "adres"},
            {value: `${spaced} ${rec.huisnummer}`, kind: "adres"}
          );
      }
      if (rec.straat && rec.huisnummer)
        strings.push({value: `${rec.straat} ${rec.huisnummer}`, kind: "adres"});
      for (const k of ["adres", "telefoon", "e-mail"] as const)
        if (rec[k]) strings.push({value: rec[k], kind: k});
      const num = (s: string | undefined) => (s == null ? NaN : Number(s.replace(",", ".")));
      if (Number.isFinite(num(rec.x)) && Number.isFinite(num(rec.y)))
        points.push({a: num(rec.x), b: num(rec.y), crs: "rd"});
      if (Number.isFinite(num(rec.lat)) && Number.isFinite(num(rec.lon)))
        points.push({a: num(rec.lat), b: num(rec.lon), crs: "wgs84"});
    }
  }
  return {strings, points};
}
