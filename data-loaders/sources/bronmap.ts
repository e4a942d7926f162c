/**
 * Entry point of the readers: `loadBronmap(dir)` reads a whole bronmap (areas, kerncijfers,
 * record files) into typed areas plus an in-memory DuckDB database with the record tables of
 * the contract, and a data-quality report. Fatal problems throw `BronmapError`; bad rows are
 * rejected and counted per file and reason.
 */
import {existsSync, statSync} from "node:fs";
import {join, resolve} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {present, readAreas} from "./areas.ts";
import {createPrivateTempDir, removePrivateTempDir} from "./private-temp.ts";
import {readKerncijfers} from "./kerncijfers.ts";
import {currentBronBestanden, readBronJson} from "./bron.ts";
import {readPolitie} from "./politie.ts";
import {readReferentie} from "./referentie.ts";
import {RECORD_SPECS, readRecordFile, registerAreaTables, registerSbiTables} from "./records.ts";
import {
  readRisicobranches,
  RISICOBRANCHES_BESTAND,
  sbiDekking,
  STANDAARD_RISICOBRANCHES,
  type Risicobranche
} from "./risicobranches.ts";
import {prefetchCsvRaw, sqlString, type CsvPrefetch} from "./csv.ts";
import type {LoadedBronmap} from "./loaded.ts";
import {
  BronmapError,
  type FileQuality,
  type QualityReport,
  type RecordTable,
  type SbiOverzicht
} from "./types.ts";

/** Options of `loadBronmap`. */
export interface LoadBronmapOptions {
  /** Marks the result as the generated fictitious demo region. */
  isDemo?: boolean;
  /** Progress lines (what is read, rows, ms); default: stderr. */
  log?: (msg: string) => void;
}

/** Stedelijkheid class 5 ("niet stedelijk", < 500 addresses per km2) marks a buitengebied buurt. */
const NIET_STEDELIJK = 5;

/**
 * Reads and validates the bronmap in `dir`. The returned connection holds the tables listed in
 * `tables` (`vestigingen`, `eigendommen`, `panden`, `signalen`, `kerncijfers`, each only when its
 * file(s) exist), with the columns of the row interfaces in `types.ts`; the caller closes it.
 */
export async function loadBronmap(dir: string, options: LoadBronmapOptions = {}): Promise<LoadedBronmap> {
  const log = options.log ?? ((msg: string) => process.stderr.write(`${msg}\n`));
  const abs = resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new BronmapError(dir, {
      expected: "een bronmap (een map met gebieden/gemeenten.geojson)",
      found: "geen map"
    });
  }
  const t0 = performance.now();
  // DuckDB spills to disk when memory runs short; by default into `.tmp` in the working folder,
  // where register data would stay after a crash. A private folder instead (private-temp.ts).
  const spill = createPrivateTempDir();
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(":memory:", {temp_directory: join(spill, "duckdb")});
  } catch (e) {
    removePrivateTempDir(spill);
    throw e;
  }
  const connection = await instance.connect();
  // The first record file (nationally vestigingen.csv, 2.5 million lines) is read by DuckDB on a
  // second connection while JavaScript reads the areas and the kerncijfers (prefetchCsvRaw); the
  // reader of that file takes the read over in its own turn, with all its checks and messages in
  // the same order. Until December 2026 the files were read one after the other, and DuckDB's
  // threads stood idle while JavaScript parsed the areas and the kerncijfers.
  let ahead: DuckDBConnection | null = null;
  let prefetch: CsvPrefetch | null = null;
  const endPrefetch = async (): Promise<void> => {
    if (prefetch) await prefetch.result;
    prefetch = null;
    ahead?.closeSync();
    ahead = null;
  };
  // The last step of the kerncijfers (their sorted table, all in DuckDB) runs on a connection of
  // its own while JavaScript reads on (readKerncijfers, `achtergrond`); awaited before anything
  // reads the table, and before the end.
  let achtergrond: DuckDBConnection | null = null;
  let kerncijfersKlaar: Promise<Error | null> = Promise.resolve(null);
  const endKerncijfers = async (): Promise<void> => {
    const fout = await kerncijfersKlaar;
    kerncijfersKlaar = Promise.resolve(null);
    achtergrond?.closeSync();
    achtergrond = null;
    if (fout) throw fout;
  };
  const close = (): void => {
    connection.closeSync();
    instance.closeSync();
    removePrivateTempDir(spill);
  };
  let areaSet: ReturnType<typeof readAreas>;
  try {
    const firstRecords = RECORD_SPECS.find((spec) => isRegularFile(join(abs, spec.file)));
    if (firstRecords) {
      ahead = await instance.connect();
      prefetch = prefetchCsvRaw(
        ahead,
        join(abs, firstRecords.file),
        `raw_${firstRecords.table}`,
        firstRecords.file
      );
    }
    areaSet = readAreas(abs, log);
  } catch (e) {
    await endPrefetch();
    close();
    throw e;
  }
  try {
    const files: FileQuality[] = [...areaSet.quality];
    const tables = new Set<RecordTable>();
    await registerAreaTables(connection, areaSet);
    await registerSbiTables(connection);

    // The risk branches in force: the default list, changed by the bronmap's own file if any.
    let risicobranches: readonly Risicobranche[] = STANDAARD_RISICOBRANCHES;
    const rbPath = join(abs, RISICOBRANCHES_BESTAND);
    if (present(rbPath, RISICOBRANCHES_BESTAND)) {
      const rb = await readRisicobranches(connection, rbPath);
      risicobranches = rb.branches;
      files.push({
        file: RISICOBRANCHES_BESTAND,
        rowsRead: rb.gelezen,
        rowsAccepted: rb.gelezen,
        rejected: {},
        warnings: [],
        detected: {risicobranches: `${rb.branches.length} branches in gebruik`}
      });
      log(`${RISICOBRANCHES_BESTAND}: ${rb.gelezen} regels, ${rb.branches.length} risicobranches in gebruik`);
    }

    achtergrond = await instance.connect();
    const kwb = await readKerncijfers(connection, abs, new Set(areaSet.byCode.keys()), log, {
      namen: new Map([...areaSet.byCode].map(([code, a]) => [code, a.naam])),
      achtergrond
    });
    kerncijfersKlaar = kwb.klaar;
    files.push(...kwb.files);
    if (kwb.overzicht) tables.add("kerncijfers");
    // Without a buitengebied file, the buitengebied is the set of non-urban buurten (CBS
    // stedelijkheid 5) in the latest year that has the variable.
    if (!areaSet.buitengebiedIndex && tables.has("kerncijfers") && areaSet.areas.buurten.length > 0) {
      await endKerncijfers();
      const rows = (
        await connection.runAndReadAll(
          `SELECT gebiedcode FROM kerncijfers WHERE variabele = 'stedelijkheid' AND gebiedcode LIKE 'BU%' AND waarde = ${NIET_STEDELIJK}
             AND jaar = (SELECT max(jaar) FROM kerncijfers WHERE variabele = 'stedelijkheid' AND waarde IS NOT NULL) ORDER BY 1`
        )
      ).getRows();
      areaSet.areas.buitengebiedBuurten = rows.map((r) => String(r[0]));
      if (rows.length) {
        await connection.run(
          `INSERT INTO _buitengebied_buurten VALUES ${rows.map((r) => `(${sqlString(String(r[0]))})`).join(", ")}`
        );
      }
      log(`buitengebied afgeleid uit stedelijkheid: ${rows.length} buurten`);
    }

    // Public counts (politie/, referentie/): small tables, kept as typed records for the
    // pipeline; their quality joins the report like every file's.
    const politie = readPolitie(abs, {knownCodes: new Set(areaSet.byCode.keys()), log});
    if (politie) files.push(...politie.quality);
    const referentie = readReferentie(abs, {log});
    if (referentie) files.push(...referentie.quality);
    const bronJson = readBronJson(abs);
    const bron = bronJson && {...bronJson, bestanden: currentBronBestanden(abs, bronJson)};

    for (const spec of RECORD_SPECS) {
      const path = join(abs, spec.file);
      // A broken link or a folder under the file's name is an error, not an absent file.
      if (!present(path, spec.file)) continue;
      const started = prefetch?.table === `raw_${spec.table}` ? prefetch : null;
      files.push(await readRecordFile(connection, path, spec, areaSet, log, started));
      tables.add(spec.table);
    }
    await endPrefetch();
    await endKerncijfers();
    // Which classification the establishments carry, and what the branch list cannot cover.
    let sbi: SbiOverzicht | undefined;
    if (tables.has("vestigingen")) {
      const dekking = await sbiDekking(connection, risicobranches);
      sbi = dekking.overzicht;
      files.find((f) => f.file === "vestigingen.csv")?.warnings.push(...dekking.waarschuwingen);
    }
    const quality: QualityReport = {
      bronmap: abs,
      isDemo: options.isDemo ?? false,
      files,
      years: await yearSpan(connection, tables, politie?.misdrijven ?? []),
      ...(kwb.overzicht ? {kerncijfers: kwb.overzicht} : {}),
      ...(sbi ? {sbi} : {})
    };
    log(`bronmap gelezen in ${Math.round(performance.now() - t0)} ms`);
    return {
      dir: abs,
      isDemo: options.isDemo ?? false,
      areas: areaSet.areas,
      connection,
      connect: () => instance.connect(),
      tables,
      politie,
      referentie,
      bron,
      quality,
      risicobranches,
      close
    };
  } catch (e) {
    await endPrefetch();
    await endKerncijfers().catch(() => undefined);
    close();
    throw e;
  }
}

/** Whether `path` is a regular file (following links), without throwing. */
function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * First and last year with records. Observation sources (signalen, kerncijfers, the police
 * figures) define the span when present, because registration dates of old establishments reach
 * back decades and would stretch every trend chart; otherwise all record dates count. The
 * national reference (referentie/) does not: it covers the whole country and many years, and
 * only serves as comparison for the years the bronmap has.
 */
async function yearSpan(
  connection: import("@duckdb/node-api").DuckDBConnection,
  tables: Set<RecordTable>,
  misdrijven: readonly {jaar: number}[]
): Promise<QualityReport["years"]> {
  const parts: string[] = [];
  if (tables.has("signalen")) parts.push("SELECT year(datum) AS j FROM signalen");
  if (tables.has("kerncijfers")) parts.push("SELECT jaar AS j FROM kerncijfers");
  const politieJaren = [...new Set(misdrijven.map((m) => m.jaar))];
  if (politieJaren.length)
    parts.push(`SELECT * FROM (VALUES ${politieJaren.map((j) => `(${j})`).join(", ")})`);
  if (parts.length === 0) {
    if (tables.has("vestigingen"))
      parts.push(
        "SELECT year(datum_inschrijving) FROM vestigingen",
        "SELECT year(datum_uitschrijving) FROM vestigingen"
      );
    if (tables.has("eigendommen")) parts.push("SELECT year(datum_verkrijging) FROM eigendommen");
    if (tables.has("panden"))
      parts.push("SELECT year(leeg_sinds) FROM panden", "SELECT year(leeg_tot) FROM panden");
  }
  if (parts.length === 0) return null;
  const [first, last] = (
    await connection.runAndReadAll(`SELECT min(j), max(j) FROM (${parts.join(" UNION ALL ")}) t(j)`)
  ).getRows()[0];
  return first == null ? null : {first: Number(first), last: Number(last)};
}
