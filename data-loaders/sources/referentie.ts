/**
 * Reading `referentie/` of a bronmap: establishments (vestigingen) per gemeente and branch for
 * every gemeente of the Netherlands, from CBS table 81575NED. It is the national reference for
 * location quotients and for "compared with Nederland" in sentences, so a bronmap of one gemeente
 * still has something to compare with. Not the gemeente's own register: public counts at
 * gemeente level, by SBI section and division.
 *
 * Files (docs/eigen-data.md):
 * - `referentie/vestigingen-<jaar>.json` or `.csv`: `BedrijfstakkenBranchesSBI2008` (CBS key,
 *   `T001081`, `301000 `), `RegioS` (`GM1640`), `Perioden` (`2024JJ00`), `Vestigingen_<n>`;
 * - `referentie/bedrijfstakken.json` or `.csv`: the branch list (`Key`, `Title`), whose title
 *   starts with the SBI code (`A Landbouw, bosbouw en visserij`, `56 Eetgelegenheden`);
 * - `referentie/vestigingen.dataproperties.json`: the table's topics, to find the count column
 *   by meaning.
 */
import {existsSync, readdirSync} from "node:fs";
import {basename, join} from "node:path";
import {
  parseAantal,
  parsePeriode,
  newQuality,
  readTableFile,
  reject,
  requireColumn,
  topicsOf
} from "./cbs-table-file.ts";
import {BronmapError, type FileQuality} from "./types.ts";

/** Where a branch sits in SBI 2008. */
export type SbiNiveau =
  | "totaal"
  | "sectiegroep"
  | "sectie"
  | "afdelinggroep"
  | "afdeling"
  | "groep"
  | "klasse"
  | "subklasse"
  | "onbekend";

/** A branch of the CBS table. */
export interface Bedrijfstak {
  /** CBS key without padding: `T001081`, `301000`. */
  key: string;
  /** SBI code from the title: `A-U`, `A`, `B-E`, `01`, `10-12`, `5610`; null when the title has none. */
  sbi: string | null;
  niveau: SbiNiveau;
  /** Title without the code: `Landbouw, bosbouw en visserij`. */
  naam: string;
}

/** Establishments of one branch in one gemeente (or Nederland) on one year. */
export interface ReferentieRecord {
  jaar: number;
  /** `GM1640`, or `NL01` when the table carries the country itself. */
  gebiedcode: string;
  /** CBS branch key without padding (see `Bedrijfstak.key`). */
  branche: string;
  /** Number of establishments; null where the source has no value (e.g. a dissolved gemeente). */
  aantal: number | null;
}

/** What `referentie/` holds. */
export interface ReferentieData {
  vestigingen: ReferentieRecord[];
  bedrijfstakken: Map<string, Bedrijfstak>;
  quality: FileQuality[];
}

/** Parses a CBS branch title into its SBI code and level: `10-12 Voedings-, ...` -> `10-12`, afdelinggroep. */
export function parseBrancheTitel(title: string): {sbi: string | null; niveau: SbiNiveau; naam: string} {
  const t = title.trim();
  const m = /^([A-U](?:-[A-U])?|\d{2}(?:-\d{2})?|\d{3,5})\s+(.+)$/.exec(t);
  if (!m) return {sbi: null, niveau: "onbekend", naam: t};
  const code = m[1];
  const niveau: SbiNiveau =
    code === "A-U"
      ? "totaal"
      : /^[A-U]-[A-U]$/.test(code)
        ? "sectiegroep"
        : /^[A-U]$/.test(code)
          ? "sectie"
          : /^\d{2}-\d{2}$/.test(code)
            ? "afdelinggroep"
            : code.length === 2
              ? "afdeling"
              : code.length === 3
                ? "groep"
                : code.length === 4
                  ? "klasse"
                  : "subklasse";
  return {sbi: code, niveau, naam: m[2].trim()};
}

/** Reads the branch list (`Key`, `Title`). */
export function readBedrijfstakken(
  path: string,
  label: string
): {bedrijfstakken: Map<string, Bedrijfstak>; quality: FileQuality} {
  const file = readTableFile(path, label);
  const q = newQuality(label, file.detected);
  const keyCol = requireColumn(file, label, ["Key", "Identifier"], "met de sleutel");
  const titleCol = requireColumn(file, label, ["Title", "Titel"], "met de naam");
  const bedrijfstakken = new Map<string, Bedrijfstak>();
  for (const r of file.rows) {
    q.rowsRead++;
    const key = String(r[keyCol] ?? "").trim();
    if (key === "") {
      reject(q, "lege sleutel");
      continue;
    }
    if (bedrijfstakken.has(key)) {
      reject(q, "dubbele sleutel");
      continue;
    }
    bedrijfstakken.set(key, {key, ...parseBrancheTitel(String(r[titleCol] ?? ""))});
    q.rowsAccepted++;
  }
  const unknown = [...bedrijfstakken.values()].filter((b) => b.sbi === null).length;
  if (unknown)
    q.warnings.push(`${unknown} bedrijfstakken zonder SBI-code in de titel (bv. "SBI-code onbekend")`);
  return {bedrijfstakken, quality: q};
}

/**
 * The count column: the topic with unit "aantal" whose key starts with Vestigingen (from the
 * DataProperties), else a column `Vestigingen` with an optional numeric suffix.
 */
function countColumn(
  columns: readonly string[],
  topics: {Key: string; Unit?: string | null}[]
): string | null {
  const byMeaning = topics.find(
    (t) =>
      /^Vestigingen(_\d+)?$/i.test(t.Key) &&
      String(t.Unit ?? "")
        .trim()
        .toLowerCase() === "aantal"
  );
  if (byMeaning && columns.includes(byMeaning.Key)) return byMeaning.Key;
  return columns.find((c) => /^Vestigingen(_\d+)?$/i.test(c.trim())) ?? null;
}

/**
 * Reads `referentie/` of the bronmap in `dir`; null when the folder is absent. Every gemeente is
 * kept (the reference is the whole country), also those outside the bronmap's boundary files.
 */
export function readReferentie(
  dir: string,
  options: {log?: (msg: string) => void} = {}
): ReferentieData | null {
  const root = join(dir, "referentie");
  if (!existsSync(root)) return null;
  const log = options.log ?? (() => {});
  const quality: FileQuality[] = [];
  let bedrijfstakken = new Map<string, Bedrijfstak>();
  for (const ext of ["json", "csv"]) {
    const p = join(root, `bedrijfstakken.${ext}`);
    if (!existsSync(p)) continue;
    const r = readBedrijfstakken(p, `referentie/${basename(p)}`);
    bedrijfstakken = r.bedrijfstakken;
    quality.push(r.quality);
    break;
  }
  const dpPath = join(root, "vestigingen.dataproperties.json");
  const topics = existsSync(dpPath)
    ? topicsOf(readTableFile(dpPath, "referentie/vestigingen.dataproperties.json"))
    : [];
  const vestigingen: ReferentieRecord[] = [];
  const seen = new Set<string>();
  for (const name of readdirSync(root)
    .filter((f) => /^vestigingen-\d{4}\.(json|csv)$/i.test(f))
    .sort()) {
    const label = `referentie/${name}`;
    const file = readTableFile(join(root, name), label);
    const q = newQuality(label, file.detected);
    const brancheCol = requireColumn(
      file,
      label,
      ["BedrijfstakkenBranchesSBI2008", "BedrijfstakkenBranchesSBI2025"],
      "met de bedrijfstak"
    );
    const regioCol = requireColumn(file, label, ["RegioS", "Regio"], "met de regiocode");
    const periodeCol = requireColumn(file, label, ["Perioden"], "met de periode");
    const countCol = countColumn(file.columns, topics);
    if (!countCol) {
      throw new BronmapError(label, {
        line: 1,
        column: "Vestigingen_1",
        expected: "een kolom met het aantal vestigingen (Vestigingen_<nr>)",
        found: `de kolommen ${file.columns.map((c) => `"${c}"`).join(", ")}`
      });
    }
    q.detected!.aantal = countCol;
    let other = 0;
    let empty = 0;
    for (const r of file.rows) {
      const code = String(r[regioCol] ?? "")
        .trim()
        .toUpperCase();
      if (!/^(GM\d{4}|NL01)$/.test(code)) {
        // Provinces, COROP areas and other region types are skipped.
        other++;
        continue;
      }
      q.rowsRead++;
      const periode = parsePeriode(r[periodeCol]);
      if (!periode || periode.maand !== null) {
        reject(q, "ongeldige periode");
        continue;
      }
      const branche = String(r[brancheCol] ?? "").trim();
      if (bedrijfstakken.size > 0 && !bedrijfstakken.has(branche)) {
        reject(q, "onbekende bedrijfstak");
        continue;
      }
      const aantal = parseAantal(r[countCol]);
      if (aantal === undefined) {
        reject(q, "ongeldig aantal");
        continue;
      }
      const key = `${periode.jaar}|${code}|${branche}`;
      if (seen.has(key)) {
        reject(q, "dubbel (zelfde jaar, gebied en bedrijfstak)");
        continue;
      }
      seen.add(key);
      if (aantal === null) empty++;
      vestigingen.push({jaar: periode.jaar, gebiedcode: code, branche, aantal});
      q.rowsAccepted++;
    }
    if (other) q.warnings.push(`${other} regels voor andere gebiedssoorten (provincie, COROP) overgeslagen`);
    if (empty) q.warnings.push(`${empty} aantallen zonder waarde (bv. opgeheven gemeenten)`);
    quality.push(q);
    log(`${label}: ${q.rowsAccepted} aantallen`);
  }
  return {vestigingen, bedrijfstakken, quality};
}

/**
 * The national total of one branch in one year: the country row when the table has one, else the
 * sum over the gemeenten with a value. `gemeenten` counts what the sum rests on.
 */
export function nederlandTotaal(
  records: readonly ReferentieRecord[],
  jaar: number,
  branche: string
): {aantal: number | null; bron: "land" | "som van gemeenten"; gemeenten: number} {
  const hits = records.filter((r) => r.jaar === jaar && r.branche === branche);
  const land = hits.find((r) => r.gebiedcode === "NL01");
  if (land && land.aantal !== null) return {aantal: land.aantal, bron: "land", gemeenten: 0};
  const gm = hits.filter((r) => r.gebiedcode.startsWith("GM") && r.aantal !== null);
  return {
    aantal: gm.length ? gm.reduce((a, r) => a + r.aantal!, 0) : null,
    bron: "som van gemeenten",
    gemeenten: gm.length
  };
}
