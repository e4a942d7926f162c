/**
 * Reading CBS Kerncijfers wijken en buurten as analysts download them: StatLine CSV exports and
 * OData JSON (`{"value": [...]}`), any year. CBS renumbers its topic keys every year
 * (`AantalInwoners_5` in one table, `AantalInwoners_6` in another), so columns are matched by
 * prefix; region codes come padded with spaces; CBS missing markers become NULL, never numbers.
 * Output: the long table `kerncijfers(jaar, gebiedcode, variabele, waarde)` of the contract.
 */
import {createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {basename, join} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {dropCsvRaw, loadCsvRaw, sqlString} from "./csv.ts";
import {decodeText} from "./geojson.ts";
import {BronmapError, KERNCIJFER_VARIABELEN, type FileQuality, type KerncijferVariabele} from "./types.ts";

/** Text values CBS uses for "no value" (secret, not applicable, unknown). */
export const MISSING_TEXT = ["", "null", ".", "x", "-", "?"];
/** Numeric values CBS uses for "no value" (secrecy codes in the kaart and StatLine). */
export const MISSING_NUMBERS = [-99999999, -99999998, -99999997, -99997, -99998];

/** Column names that hold the region code, in order of preference (lower case). */
const REGION_KEYS = [
  "wijkenenbuurten",
  "regiocode",
  "gwb_code",
  "gwb_code_10",
  "statcode",
  "code",
  "bu_code",
  "wk_code",
  "gm_code"
];

/**
 * Finds, for each canonical variable, the column it is stored in: the CBS key itself with any
 * numeric suffix (`AantalInwoners`, `AantalInwoners_5`), or the 2015 kaart attribute name.
 */
export function matchVariables(columns: readonly string[]): Map<KerncijferVariabele, string> {
  const out = new Map<KerncijferVariabele, string>();
  for (const [name, def] of Object.entries(KERNCIJFER_VARIABELEN) as [
    KerncijferVariabele,
    (typeof KERNCIJFER_VARIABELEN)[KerncijferVariabele]
  ][]) {
    const prefix = def.cbsPrefix.toLowerCase();
    const col = columns.find((c) => {
      const l = c.toLowerCase();
      return l === prefix || new RegExp(`^${prefix}_\\d+$`).test(l) || l === def.kaart.toLowerCase();
    });
    if (col) out.set(name, col);
  }
  return out;
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

function yearFromName(file: string): number | null {
  const m = /(?:^|[^0-9])((?:19|20)\d{2})(?:[^0-9]|$)/.exec(basename(file));
  return m ? Number(m[1]) : null;
}

/** Parses one cell as CBS writes it; returns undefined for an invalid (non-marker) value. */
export function parseKerncijfer(v: unknown): number | null | undefined {
  if (v == null) return null;
  if (typeof v === "number") return MISSING_NUMBERS.includes(v) ? null : Number.isFinite(v) ? v : undefined;
  const s = String(v).trim();
  if (MISSING_TEXT.includes(s.toLowerCase())) return null;
  const n = Number(s.includes(",") ? s.replace(/\./g, "").replace(",", ".") : s);
  if (!Number.isFinite(n)) return undefined;
  return MISSING_NUMBERS.includes(n) ? null : n;
}

/**
 * Reads every `*.csv` and `*.json` in `kerncijfers/` into the `kerncijfers` table, keeping only
 * areas present in `knownCodes`. Returns one quality entry per file (empty when the folder is absent).
 */
export async function readKerncijfers(
  connection: DuckDBConnection,
  dir: string,
  knownCodes: ReadonlySet<string>,
  log: (msg: string) => void
): Promise<FileQuality[]> {
  let files: string[];
  try {
    files = readdirSync(join(dir, "kerncijfers"))
      // `kwb-<jaar>.dataproperties.json` (written by `npm run ophalen`) is the table's metadata,
      // not data; the kerncijfers-by-meaning reader reads it, this one leaves it alone.
      .filter((f) => /\.(csv|json)$/i.test(f) && !/\.dataproperties\.json$/i.test(f))
      .sort();
  } catch {
    return [];
  }
  if (files.length === 0) return [];
  const tmp = mkdtempSync(join(tmpdir(), "bronmap-kwb-"));
  const longFile = join(tmp, "long.csv");
  const out = createWriteStream(longFile);
  out.write("bestand,volgnr,jaar,gebiedcode,variabele,waarde\n");
  const qualities: FileQuality[] = [];
  let seq = 0;
  for (const [fileNo, file] of files.entries()) {
    const t0 = performance.now();
    const label = `kerncijfers/${file}`;
    const path = join(dir, "kerncijfers", file);
    const q: FileQuality = {
      file: label,
      rowsRead: 0,
      rowsAccepted: 0,
      rejected: {},
      warnings: [],
      detected: {}
    };
    let columns: string[];
    let rows: Record<string, unknown>[];
    if (/\.json$/i.test(file)) {
      let json: unknown;
      try {
        json = JSON.parse(decodeText(readFileSync(path)).text);
      } catch {
        throw new BronmapError(label, {
          expected: 'geldige JSON (OData {"value": [...]})',
          found: "een JSON-fout"
        });
      }
      if (json && typeof json === "object" && Array.isArray((json as {value?: unknown}).value)) {
        rows = (json as {value: Record<string, unknown>[]}).value;
        q.detected!.formaat = "OData JSON";
      } else if (json && typeof json === "object" && !Array.isArray(json)) {
        // A reshaped export keyed by region code: {"GM1680": {"AantalInwoners_5": ...}}.
        rows = Object.entries(json as Record<string, Record<string, unknown>>).map(([code, r]) => ({
          ...r,
          regiocode: code
        }));
        q.detected!.formaat = "JSON per gebiedscode";
      } else {
        throw new BronmapError(label, {
          expected: 'een OData-object {"value": [...]}',
          found: Array.isArray(json) ? "een lijst" : "iets anders"
        });
      }
      columns = [...new Set(rows.flatMap((r) => Object.keys(r ?? {})))];
    } else {
      const raw = await loadCsvRaw(connection, path, "raw_kerncijfers", label);
      q.detected = {...raw.detected, formaat: "StatLine CSV"};
      if (raw.unreadable) q.rejected["onleesbare regel"] = raw.unreadable;
      const reader = await connection.runAndReadAll(`SELECT * EXCLUDE (_line) FROM raw_kerncijfers`);
      rows = reader.getRowObjectsJS() as Record<string, unknown>[];
      columns = raw.columns;
      await dropCsvRaw(connection, raw);
    }
    const regionCol = regionColumn(columns);
    if (!regionCol) {
      throw new BronmapError(label, {
        line: 1,
        column: "WijkenEnBuurten",
        expected: 'een kolom met de gebiedscode ("WijkenEnBuurten", "Codering_3" of "regiocode")',
        found: `de kolommen ${columns
          .slice(0, 8)
          .map((c) => `"${c}"`)
          .join(", ")}${columns.length > 8 ? ", ..." : ""}`
      });
    }
    const vars = matchVariables(columns);
    if (vars.size === 0) {
      throw new BronmapError(label, {
        line: 1,
        expected: `minstens één CBS-onderwerp (${Object.values(KERNCIJFER_VARIABELEN)
          .slice(0, 3)
          .map((v) => v.cbsPrefix + "_<nr>")
          .join(", ")}, ...)`,
        found: "geen herkenbare kolom"
      });
    }
    const periodCol =
      columns.find((c) => c.toLowerCase() === "perioden" || c.toLowerCase() === "jaar") ?? null;
    const fileYear = yearFromName(file);
    if (!periodCol && fileYear == null) {
      throw new BronmapError(label, {
        expected: "een jaar (kolom Perioden of een jaartal in de bestandsnaam, bv. kwb-2024.csv)",
        found: "geen van beide"
      });
    }
    q.detected!.variabelen = [...vars].map(([k, c]) => `${k}=${c}`).join(", ");
    q.rowsRead = rows.length;
    let otherLevels = 0;
    const reject = (reason: string): void => {
      q.rejected[reason] = (q.rejected[reason] ?? 0) + 1;
    };
    let buf = "";
    for (const r of rows) {
      const code = String(r[regionCol] ?? "")
        .trim()
        .toUpperCase();
      if (!/^(GM\d{4}|WK\d{6}|BU\d{8})$/.test(code)) {
        // Rows for the country, provinces or other region types are part of every CBS export.
        otherLevels++;
        continue;
      }
      if (!knownCodes.has(code)) {
        reject("gebied niet in de gebiedsbestanden");
        continue;
      }
      const jaar = periodCol
        ? Number(/^(\d{4})/.exec(String(r[periodCol] ?? "").trim())?.[1] ?? NaN)
        : fileYear!;
      if (!Number.isFinite(jaar)) {
        reject("ongeldig jaar");
        continue;
      }
      let bad = false;
      const values: [string, number | null][] = [];
      for (const [name, col] of vars) {
        const v = parseKerncijfer(r[col]);
        if (v === undefined) bad = true;
        else values.push([name, v]);
      }
      if (bad) {
        reject("ongeldige waarde");
        continue;
      }
      q.rowsAccepted++;
      for (const [name, v] of values) buf += `${fileNo},${seq++},${jaar},${code},${name},${v ?? ""}\n`;
      if (buf.length > 1 << 20) {
        if (!out.write(buf)) await new Promise<void>((res) => out.once("drain", () => res()));
        buf = "";
      }
    }
    out.write(buf);
    if (otherLevels > 0) {
      q.rowsRead -= otherLevels;
      q.warnings.push(
        `${otherLevels} regels voor andere gebiedssoorten (land, landsdeel, provincie) overgeslagen`
      );
    }
    qualities.push(q);
    log(
      `${label}: ${q.rowsRead} gebieden, ${vars.size} variabelen, ${Math.round(performance.now() - t0)} ms`
    );
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  // Load the long rows and keep the first value per (jaar, gebied, variabele) when files overlap.
  await connection.run(
    `CREATE OR REPLACE TABLE _kwb_long AS SELECT * FROM read_csv(${sqlString(longFile)}, header = true,
       columns = {'bestand': 'INTEGER', 'volgnr': 'BIGINT', 'jaar': 'INTEGER', 'gebiedcode': 'VARCHAR', 'variabele': 'VARCHAR', 'waarde': 'DOUBLE'})`
  );
  const dups = (
    await connection.runAndReadAll(
      `SELECT bestand, count(*) FROM (SELECT bestand, row_number() OVER (PARTITION BY jaar, gebiedcode, variabele ORDER BY volgnr) AS n FROM _kwb_long) WHERE n > 1 GROUP BY 1`
    )
  ).getRows();
  for (const [bestand, n] of dups) {
    const q = qualities.find((x) => x.file === `kerncijfers/${files[Number(bestand)]}`);
    if (q)
      q.warnings.push(
        `${n} waarden dubbel (zelfde jaar, gebied en variabele als een eerder bestand): eerste aangehouden`
      );
  }
  await connection.run(
    `CREATE OR REPLACE TABLE kerncijfers AS
     SELECT jaar, gebiedcode, variabele, waarde FROM (
       SELECT *, row_number() OVER (PARTITION BY jaar, gebiedcode, variabele ORDER BY volgnr) AS n FROM _kwb_long
     ) WHERE n = 1 ORDER BY jaar, gebiedcode, variabele;
     DROP TABLE _kwb_long`
  );
  rmSync(tmp, {recursive: true, force: true});
  return qualities;
}
