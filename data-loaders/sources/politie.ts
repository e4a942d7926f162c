/**
 * Reading `politie/` of a bronmap: registered crime per gemeente, wijk and buurt, per year (or
 * month) and offence group, as the police publish it through CBS (table 47018NED yearly, 47022NED
 * monthly). These are public counts, already aggregated; like every number they still pass the
 * publish gate when the pipeline uses them.
 *
 * Files (all optional; docs/eigen-data.md):
 * - `politie/misdrijven-<jaar>.json` or `.csv`: the counts (`SoortMisdrijf`, `WijkenEnBuurten`,
 *   `Perioden`, `GeregistreerdeMisdrijven_<n>`), as the OData service or StatLine serves them;
 * - `politie/soort-misdrijf.json` or `.csv`: the offence code list (`Key`, `Title`), keys padded
 *   to six characters (`1.1.1 `);
 * - `politie/wijken-en-buurten.json` or `.csv`: the area list (`Key`, `Title`, `Municipality`),
 *   possibly Windows-1252;
 * - `politie/misdrijven.dataproperties.json`: the table's topics, used to find the count column
 *   by meaning (unit `aantal`) instead of by its numbered key.
 */
import {existsSync, readdirSync} from "node:fs";
import {basename, join} from "node:path";
import {gemeenteOf} from "./areas.ts";
import {
  findColumn,
  parseAantal,
  parsePeriode,
  newQuality,
  readTableFile,
  reject,
  requireColumn,
  topicsOf
} from "./cbs-table-file.ts";
import {BronmapError, type AreaLevel, type FileQuality} from "./types.ts";

/** One count: registered crimes of one offence group in one area and period. */
export interface MisdrijfRecord {
  jaar: number;
  /** Month 1-12 for monthly figures (47022NED), null for a year (47018NED). */
  maand: number | null;
  /** CBS area code, unpadded: `GM1640`, `WK164000`, `BU16400000`. */
  gebiedcode: string;
  niveau: AreaLevel;
  gemeentecode: string;
  /** Offence code without padding: `1.1.1`, `0.0.0` (all offences). */
  soort: string;
  /** Number of registered crimes; null where the source published no value. */
  aantal: number | null;
}

/** An offence group of the police classification. */
export interface MisdrijfSoort {
  /** Code without padding: `1.1.1`. */
  code: string;
  /** Title without the code in front: `Diefstal/inbraak woning`. */
  titel: string;
  /** True for the total of all offences (`0.0.0`). */
  totaal: boolean;
}

/** An area of the police table's area list. */
export interface PolitieGebied {
  code: string;
  naam: string;
  niveau: AreaLevel;
  gemeentecode: string;
}

/** What `politie/` holds. */
export interface PolitieData {
  misdrijven: MisdrijfRecord[];
  /** Offence groups by code (empty when the bronmap has no code list). */
  soorten: Map<string, MisdrijfSoort>;
  /** Areas of the police table by code (empty without the area list). */
  gebieden: Map<string, PolitieGebied>;
  quality: FileQuality[];
}

/** Options of `readPolitie`. */
export interface ReadPolitieOptions {
  /** Area codes of the bronmap's boundary files: counts for other areas are counted and left out. */
  knownCodes?: ReadonlySet<string>;
  log?: (msg: string) => void;
}

const CODE = /^(GM\d{4}|WK\d{6}|BU\d{8})$/;
const SOORT = /^\d+(\.\d+)*$/;

function levelOf(code: string): AreaLevel {
  return code.startsWith("GM") ? "gemeente" : code.startsWith("WK") ? "wijk" : "buurt";
}

/** The file `politie/<base>.json` or `.csv`, when present. */
function find(dir: string, base: string): string | null {
  for (const ext of ["json", "csv"]) {
    const p = join(dir, "politie", `${base}.${ext}`);
    if (existsSync(p)) return p;
  }
  return null;
}

/** Reads the offence code list: codes trimmed, the code in front of the title removed. */
export function readSoorten(
  path: string,
  label: string
): {soorten: Map<string, MisdrijfSoort>; quality: FileQuality} {
  const file = readTableFile(path, label);
  const q = newQuality(label, file.detected);
  const keyCol = requireColumn(file, label, ["Key", "Identifier", "SoortMisdrijf"], "met de code");
  const titleCol = requireColumn(file, label, ["Title", "Titel"], "met de naam");
  const soorten = new Map<string, MisdrijfSoort>();
  for (const r of file.rows) {
    q.rowsRead++;
    const code = String(r[keyCol] ?? "").trim();
    if (!SOORT.test(code)) {
      reject(q, "ongeldige code");
      continue;
    }
    if (soorten.has(code)) {
      reject(q, "dubbele code");
      continue;
    }
    const title = String(r[titleCol] ?? "").trim();
    soorten.set(code, {
      code,
      titel: title.startsWith(`${code} `) ? title.slice(code.length + 1).trim() : title,
      totaal: /^0(\.0)*$/.test(code)
    });
    q.rowsAccepted++;
  }
  return {soorten, quality: q};
}

/** Reads the area list of the police table (Key padded to ten characters; Windows-1252 possible). */
export function readPolitieGebieden(
  path: string,
  label: string
): {gebieden: Map<string, PolitieGebied>; quality: FileQuality} {
  const file = readTableFile(path, label);
  const q = newQuality(label, file.detected);
  const keyCol = requireColumn(file, label, ["Key", "Identifier", "WijkenEnBuurten"], "met de gebiedscode");
  const titleCol = requireColumn(file, label, ["Title", "Titel"], "met de naam");
  const gmCol = findColumn(file.columns, "Municipality", "Gemeente");
  const gebieden = new Map<string, PolitieGebied>();
  let other = 0;
  for (const r of file.rows) {
    const code = String(r[keyCol] ?? "")
      .trim()
      .toUpperCase();
    if (!CODE.test(code)) {
      // Nederland and other region types are part of the list.
      other++;
      continue;
    }
    q.rowsRead++;
    const gm = gmCol
      ? String(r[gmCol] ?? "")
          .trim()
          .toUpperCase()
      : "";
    if (gm !== "" && gm !== gemeenteOf(code)) {
      reject(q, "gemeente past niet bij de code");
      continue;
    }
    gebieden.set(code, {
      code,
      naam: String(r[titleCol] ?? "").trim(),
      niveau: levelOf(code),
      gemeentecode: gemeenteOf(code)
    });
    q.rowsAccepted++;
  }
  if (other) q.warnings.push(`${other} regels voor andere gebiedssoorten (land, regio) overgeslagen`);
  return {gebieden, quality: q};
}

/**
 * The count column: from the DataProperties the topic with unit "aantal" whose key starts with
 * GeregistreerdeMisdrijven (not a per-1,000 rate), else a column named GeregistreerdeMisdrijven
 * with an optional numeric suffix.
 */
function countColumn(
  columns: readonly string[],
  topics: {Key: string; Unit?: string | null}[]
): string | null {
  const byMeaning = topics.find(
    (t) =>
      /^GeregistreerdeMisdrijven(_\d+)?$/i.test(t.Key) &&
      String(t.Unit ?? "")
        .trim()
        .toLowerCase() === "aantal"
  );
  if (byMeaning && columns.includes(byMeaning.Key)) return byMeaning.Key;
  return columns.find((c) => /^GeregistreerdeMisdrijven(_\d+)?$/i.test(c.trim())) ?? null;
}

/**
 * Reads `politie/` of the bronmap in `dir`. Returns null when the folder is absent. Bad rows are
 * rejected and counted per reason; a file without the needed columns stops with a `BronmapError`.
 */
export function readPolitie(dir: string, options: ReadPolitieOptions = {}): PolitieData | null {
  const root = join(dir, "politie");
  if (!existsSync(root)) return null;
  const log = options.log ?? (() => {});
  const quality: FileQuality[] = [];
  let soorten = new Map<string, MisdrijfSoort>();
  const soortPath = find(dir, "soort-misdrijf");
  if (soortPath) {
    const r = readSoorten(soortPath, `politie/${basename(soortPath)}`);
    soorten = r.soorten;
    quality.push(r.quality);
  }
  let gebieden = new Map<string, PolitieGebied>();
  const gebiedPath = find(dir, "wijken-en-buurten");
  if (gebiedPath) {
    const r = readPolitieGebieden(gebiedPath, `politie/${basename(gebiedPath)}`);
    gebieden = r.gebieden;
    quality.push(r.quality);
  }
  const dpPath = join(root, "misdrijven.dataproperties.json");
  const topics = existsSync(dpPath)
    ? topicsOf(readTableFile(dpPath, "politie/misdrijven.dataproperties.json"))
    : [];

  const misdrijven: MisdrijfRecord[] = [];
  const seen = new Set<string>();
  const files = readdirSync(root)
    .filter((f) => /^misdrijven-\d{4}\.(json|csv)$/i.test(f))
    .sort();
  for (const name of files) {
    const label = `politie/${name}`;
    const file = readTableFile(join(root, name), label);
    const q = newQuality(label, file.detected);
    const soortCol = requireColumn(file, label, ["SoortMisdrijf"], "met de soort misdrijf");
    const gebiedCol = requireColumn(
      file,
      label,
      ["WijkenEnBuurten", "RegioS", "Codering"],
      "met de gebiedscode"
    );
    const periodeCol = requireColumn(file, label, ["Perioden"], "met de periode");
    const countCol = countColumn(file.columns, topics);
    if (!countCol) {
      throw new BronmapError(label, {
        line: 1,
        column: "GeregistreerdeMisdrijven_1",
        expected: "een kolom met het aantal geregistreerde misdrijven (GeregistreerdeMisdrijven_<nr>)",
        found: `de kolommen ${file.columns.map((c) => `"${c}"`).join(", ")}`
      });
    }
    q.detected!.aantal = countCol;
    let other = 0;
    let unpublished = 0;
    for (const r of file.rows) {
      const code = String(r[gebiedCol] ?? "")
        .trim()
        .toUpperCase();
      if (!CODE.test(code)) {
        other++;
        continue;
      }
      q.rowsRead++;
      const periode = parsePeriode(r[periodeCol]);
      if (!periode) {
        reject(q, "ongeldige periode");
        continue;
      }
      const soort = String(r[soortCol] ?? "").trim();
      if (!SOORT.test(soort)) {
        reject(q, "ongeldige soort misdrijf");
        continue;
      }
      if (soorten.size > 0 && !soorten.has(soort)) {
        reject(q, "onbekende soort misdrijf");
        continue;
      }
      if (options.knownCodes && !options.knownCodes.has(code)) {
        reject(q, "gebied niet in de gebiedsbestanden");
        continue;
      }
      const aantal = parseAantal(r[countCol]);
      if (aantal === undefined) {
        reject(q, "ongeldig aantal");
        continue;
      }
      const key = `${periode.jaar}|${periode.maand}|${code}|${soort}`;
      if (seen.has(key)) {
        reject(q, "dubbel (zelfde periode, gebied en soort)");
        continue;
      }
      seen.add(key);
      if (aantal === null) unpublished++;
      misdrijven.push({
        jaar: periode.jaar,
        maand: periode.maand,
        gebiedcode: code,
        niveau: levelOf(code),
        gemeentecode: gemeenteOf(code),
        soort,
        aantal
      });
      q.rowsAccepted++;
    }
    if (other) q.warnings.push(`${other} regels voor andere gebiedssoorten (land, regio) overgeslagen`);
    if (unpublished)
      q.warnings.push(`${unpublished} aantallen niet gepubliceerd door de bron (leeg gelaten)`);
    quality.push(q);
    log(`${label}: ${q.rowsAccepted} aantallen`);
  }
  return {misdrijven, soorten, gebieden, quality};
}
