/**
 * One run of `npm run ophalen`: resolve which gemeenten (codes, a province, or the whole
 * country), then run every source job against the bronmap, each on its own: a source that fails
 * prints one Dutch message naming the address it could not reach and the others go on. Ends with
 * a summary of what was written, what came from the cache and which of the bronmap's own files
 * were left alone. The exit code is 1 when any source failed.
 */
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {BronmapError} from "../sources/types.ts";
import {addressRewriter, loadBronnenConfig, type BronnenConfig} from "./config.ts";
import {HttpClient, OphaalError, type HttpStats} from "./http.ts";
import {boundaryYear, JOBS, type JobName} from "./jobs.ts";
import {buildUrl, fetchODataRows} from "./paging.ts";
import {BronmapWriter, type Skipped, type WriteOutcome} from "./writer.ts";

/** What to fetch and where to. */
export interface OphalenOptions {
  /** Gemeente codes as typed (`GM1640`, `1640`). */
  gemeenten?: string[];
  /** Province names or codes (`Limburg`, `PV31`). */
  provincies?: string[];
  /** The whole country. */
  alle?: boolean;
  jaren?: number[];
  /** The bronmap folder (created when absent). */
  naar: string;
  /** Only these sources (default: all). */
  alleen?: JobName[];
  /** The configuration (default: the project's bronnen.json). */
  bronnen?: BronnenConfig;
  /** Base address that replaces every host (tests: a loopback server). */
  basisUrl?: string;
  /** Revalidate every cached response instead of trusting fresh ones. */
  vers?: boolean;
  /** Progress lines; default stderr. */
  log?: (line: string) => void;
  /** Wait between retries; tests pass a short one. */
  sleep?: (ms: number) => Promise<void>;
}

/** The outcome of a run. */
export interface OphalenResult {
  exitCode: number;
  gemeenten: string[] | "alle";
  jaren: number[];
  stats: HttpStats;
  outcomes: {bestand: string; outcome: WriteOutcome}[];
  skipped: Skipped[];
  /** One message per failed source. */
  failures: {bron: string; message: string}[];
}

/** A problem with the arguments: one Dutch line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Normalises a gemeente code as typed: `GM1640`, `gm1640`, `1640`, `164` -> `GM0164`. */
export function normaliseGemeente(code: string): string {
  const m = /^(?:GM)?(\d{1,4})$/i.exec(code.trim());
  if (!m) throw new UsageError(`"${code}" is geen gemeentecode (verwacht GM en vier cijfers, bv. GM1640)`);
  return `GM${m[1].padStart(4, "0")}`;
}

/** Parses `2019-2025`, `2019,2021` or `2020` into sorted years. */
export function parseJaren(text: string): number[] {
  const out = new Set<number>();
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\d{4})(?:\s*-\s*(\d{4}))?$/.exec(part);
    if (!m) throw new UsageError(`"${part}" is geen jaar of reeks (verwacht bv. 2019-2025 of 2019,2021)`);
    const [a, b] = [Number(m[1]), Number(m[2] ?? m[1])];
    if (a > b || a < 1990 || b > 2100) throw new UsageError(`"${part}" is geen geldige reeks jaren`);
    for (let y = a; y <= b; y++) out.add(y);
  }
  if (out.size === 0) throw new UsageError("--jaren is leeg");
  return [...out].sort((x, y) => x - y);
}

function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase();
}

/** The gemeenten of the given provinces, from CBS "Gebieden in Nederland". */
async function resolveProvincies(
  config: BronnenConfig,
  client: HttpClient,
  provincies: string[],
  jaren: number[],
  log: (line: string) => void
): Promise<string[]> {
  const src = config.bronnen.gebiedsindeling;
  const years = Object.keys(src.tabellen)
    .map(Number)
    .sort((a, b) => a - b);
  const fit = years.filter((y) => y <= Math.max(...jaren));
  const jaar = fit.length ? fit[fit.length - 1] : years[0];
  const tabel = src.tabellen[String(jaar)];
  const dp = await client.getJson(
    buildUrl(`${src.metadataBasis}/${tabel}/DataProperties`, {$format: "json"})
  );
  const props = ((dp.json as {value?: unknown})?.value ?? []) as {
    ID?: number;
    ParentID?: number | null;
    Key?: string;
    Title?: string;
    Type?: string;
  }[];
  // The province columns are the topics "Code" and "Naam" under the group titled "Provincies".
  const group = props.find(
    (p) => p.Type === "TopicGroup" && fold(p.Title ?? "") === fold(src.provincieGroep)
  );
  const child = (title: string): string | undefined =>
    props.find((p) => group && p.ParentID === group.ID && fold(p.Title ?? "") === title)?.Key;
  const codeVeld = child("code") ?? src.provincieCodeVeld;
  const naamVeld = child("naam") ?? src.provincieNaamVeld;
  const url = buildUrl(`${src.dataBasis}/${tabel}/TypedDataSet`, {
    $format: "json",
    $select: `${src.regioVeld},${codeVeld},${naamVeld}`
  });
  const rows = (await fetchODataRows(client, url, 10_000)).items;
  const out = new Set<string>();
  for (const wanted of provincies) {
    const w = fold(src.provincieAliassen[fold(wanted)] ?? wanted);
    const hits = rows.filter(
      (r) => fold(String(r[codeVeld] ?? "")) === w || fold(String(r[naamVeld] ?? "")) === w
    );
    if (hits.length === 0) {
      const names = [...new Set(rows.map((r) => String(r[naamVeld] ?? "").trim()).filter(Boolean))].sort();
      throw new UsageError(
        `provincie "${wanted}" staat niet in ${tabel} (Gebieden in Nederland ${jaar}); bekend: ${names.join(", ")}`
      );
    }
    for (const r of hits) {
      const code = String(r[src.regioVeld] ?? "").trim();
      if (/^GM\d{4}$/.test(code)) out.add(code);
    }
    log(`provincie ${wanted}: ${hits.length} gemeenten (${tabel}, ${jaar})`);
  }
  return [...out].sort();
}

/** A lock file in the cache folder: two runs in one bronmap would trip over each other's files. */
function takeLock(dir: string): () => void {
  const path = join(dir, "slot");
  if (existsSync(path)) {
    const pid = Number(readFileSync(path, "utf-8"));
    let alive = false;
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch {
        alive = false;
      }
    }
    if (alive)
      throw new UsageError(`in deze bronmap draait al een ophalen (proces ${pid}); wacht tot het klaar is`);
  }
  writeFileSync(path, String(process.pid));
  return () => rmSync(path, {force: true});
}

/** Runs `ophalen`. Never throws for a failing source; throws `UsageError` for wrong arguments. */
export async function runOphalen(options: OphalenOptions): Promise<OphalenResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const config = options.bronnen ?? loadBronnenConfig();
  const selected = [
    options.alle ? 1 : 0,
    options.gemeenten?.length ? 1 : 0,
    options.provincies?.length ? 1 : 0
  ];
  if (selected.reduce((a, b) => a + b, 0) === 0)
    throw new UsageError(
      "kies gemeenten met --gemeente GM1640 (herhaalbaar), --provincie <naam of code> of --alle"
    );
  if (options.alle && (options.gemeenten?.length || options.provincies?.length))
    throw new UsageError("--alle gaat niet samen met --gemeente of --provincie");
  const jaren =
    options.jaren ??
    Object.keys(config.bronnen.kerncijfers.tabellen)
      .map(Number)
      .sort((a, b) => a - b)
      .slice(-5);
  const dir = resolve(options.naar);
  const work = join(dir, ".ophalen");
  mkdirSync(work, {recursive: true});
  const release = takeLock(work);
  try {
    const client = new HttpClient({
      http: config.http,
      cacheDir: join(work, "cache"),
      rewrite: addressRewriter(options.basisUrl),
      revalidate: options.vers,
      sleep: options.sleep
    });
    let writer: BronmapWriter;
    try {
      writer = new BronmapWriter(dir);
    } catch (e) {
      if (e instanceof BronmapError) throw new UsageError(`FOUT in de bronmap: ${e.message}`);
      throw e;
    }
    const failures: {bron: string; message: string}[] = [];
    let gemeenten: string[] | "alle" = "alle";
    if (!options.alle) {
      const codes = new Set(
        (options.gemeenten ?? [])
          .flatMap((g) => g.split(","))
          .filter(Boolean)
          .map(normaliseGemeente)
      );
      if (options.provincies?.length) {
        try {
          for (const g of await resolveProvincies(config, client, options.provincies, jaren, log))
            codes.add(g);
        } catch (e) {
          if (!(e instanceof OphaalError)) throw e;
          failures.push({bron: "gebiedsindeling", message: e.message});
          log(`FOUT bij ophalen van de gebiedsindeling (provincies): ${e.message}`);
          if (codes.size === 0)
            return {
              exitCode: 1,
              gemeenten: [],
              jaren,
              stats: client.stats,
              outcomes: [],
              skipped: [],
              failures
            };
        }
      }
      gemeenten = [...codes].sort();
    }
    log(
      `ophalen naar ${dir}: ${gemeenten === "alle" ? "heel Nederland" : `${gemeenten.length} ${gemeenten.length === 1 ? "gemeente" : "gemeenten"} (${gemeenten.join(", ")})`}, jaren ${jaren.join(", ")}`
    );
    const names = (Object.keys(JOBS) as JobName[]).filter(
      (n) => !options.alleen || options.alleen.includes(n)
    );
    for (const name of names) {
      try {
        await JOBS[name]({config, client, writer, gemeenten, jaren, log});
      } catch (e) {
        if (!(e instanceof OphaalError)) throw e;
        failures.push({bron: name, message: e.message});
        log(`FOUT bij ophalen van ${name}: ${e.message}`);
      }
    }
    writer.finish();
    const s = client.stats;
    const written = writer.outcomes.filter((o) => o.outcome === "nieuw" || o.outcome === "bijgewerkt").length;
    const same = writer.outcomes.filter((o) => o.outcome === "ongewijzigd").length;
    const nl = new Intl.NumberFormat("nl-NL", {maximumFractionDigits: 1});
    log(
      `klaar: ${written} bestanden geschreven, ${same} ongewijzigd, ${writer.skipped.length} overgeslagen; ` +
        `${s.downloads} downloads (${nl.format(s.bytes / 1e6)} MB), ${s.fresh + s.notModified} uit cache, ${s.retries} herhaald` +
        (failures.length ? `; ${failures.length} ${failures.length === 1 ? "bron" : "bronnen"} mislukt` : "")
    );
    for (const k of writer.skipped)
      log(
        `niet overschreven: ${k.bestand} ${k.reden} (verwijder of hernoem het om de openbare versie te krijgen)`
      );
    return {
      exitCode: failures.length ? 1 : 0,
      gemeenten,
      jaren,
      stats: s,
      outcomes: writer.outcomes,
      skipped: writer.skipped,
      failures
    };
  } finally {
    release();
  }
}
