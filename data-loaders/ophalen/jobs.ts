/**
 * The sources `ophalen` downloads, one job each: boundaries (PDOK), Kerncijfers wijken en buurten
 * (CBS), registered crime per wijk and buurt (Politie via CBS), establishments per gemeente and
 * branch as the national reference (CBS) and the IBIS bedrijventerreinen. Every job reads its
 * addresses and field names from `bronnen.json`, writes files in the bronmap layout
 * (docs/eigen-data.md) and prints one progress line per file on stderr.
 *
 * Files are written as the services serve them (an OData `{"value": [...]}` with every page's rows,
 * a GeoJSON FeatureCollection with every page's features), one record per line, so that the
 * readers decide what a column means (CBS renames topic keys every year) and a person can diff
 * two runs.
 */
import type {Feature} from "geojson";
import type {BronBestand, BronSoort} from "../sources/bron.ts";
import type {BronnenConfig, SourceMeta} from "./config.ts";
import {OphaalError, type HttpClient} from "./http.ts";
import {buildUrl, fetchODataRows, fetchOgcFeatures, fetchWfsFeatures, type PagedResult} from "./paging.ts";
import type {BronmapWriter, WriteOutcome} from "./writer.ts";

/** What every job gets. */
export interface JobContext {
  config: BronnenConfig;
  client: HttpClient;
  writer: BronmapWriter;
  /** Gemeente codes (`GM1640`), or `alle` for the whole country. */
  gemeenten: string[] | "alle";
  jaren: number[];
  /** One line on stderr. */
  log: (line: string) => void;
}

/** The jobs by name, in the order they run. */
export const JOBS = {
  gebieden: fetchGebieden,
  kerncijfers: fetchKerncijfers,
  politie: fetchPolitie,
  referentie: fetchReferentie,
  bedrijventerreinen: fetchBedrijventerreinen
} satisfies Record<BronSoort, (ctx: JobContext) => Promise<void>>;

export type JobName = keyof typeof JOBS;

const nl = new Intl.NumberFormat("nl-NL");
const nl1 = new Intl.NumberFormat("nl-NL", {maximumFractionDigits: 1});

function size(bytes: number): string {
  return bytes >= 1e6 ? `${nl1.format(bytes / 1e6)} MB` : `${nl.format(Math.ceil(bytes / 1e3))} kB`;
}

function pagesText(r: {pages: number; fromCache: number}): string {
  return `${nl.format(r.pages)} ${r.pages === 1 ? "pagina" : "pagina's"}${r.fromCache ? `, ${nl.format(r.fromCache)} uit cache` : ""}`;
}

/** Fills a filter template from bronnen.json: `{veld}`, `{code}` (GM1640), `{nummer}` (1640). */
export function fillFilter(template: string, veld: string, code: string): string {
  return template.replaceAll("{veld}", veld).replaceAll("{code}", code).replaceAll("{nummer}", code.slice(2));
}

/** The gemeente filter in groups of `perRequest` gemeenten; one empty filter for the whole country. */
export function gemeenteFilters(
  gemeenten: string[] | "alle",
  template: string,
  veld: string,
  perRequest: number
): string[] {
  if (gemeenten === "alle") return [""];
  const out: string[] = [];
  for (let i = 0; i < gemeenten.length; i += perRequest) {
    const group = gemeenten.slice(i, i + perRequest).map((g) => `(${fillFilter(template, veld, g)})`);
    out.push(group.length === 1 ? group[0] : group.join(" or "));
  }
  return out;
}

/** The key of the region dimension in a DataProperties answer (Type GeoDetail or GeoDimension). */
export function regionKeyOf(dataProperties: unknown): string | null {
  const rows = (dataProperties as {value?: unknown} | null)?.value;
  if (!Array.isArray(rows)) return null;
  const hit = rows.find(
    (r) => r && typeof r === "object" && /^Geo(Detail|Dimension)$/.test(String((r as {Type?: unknown}).Type))
  ) as {Key?: unknown} | undefined;
  return typeof hit?.Key === "string" && hit.Key !== "" ? hit.Key : null;
}

/** An OData file as the service serves it, one row per line. */
function odataText(first: Record<string, unknown>, rows: unknown[]): string {
  const meta = typeof first["odata.metadata"] === "string" ? first["odata.metadata"] : null;
  const head = meta ? `{"odata.metadata":${JSON.stringify(meta)},"value":[` : `{"value":[`;
  return `${head}\n${rows.map((r) => JSON.stringify(r)).join(",\n")}\n]}\n`;
}

/** A GeoJSON FeatureCollection, one feature per line. */
function geojsonText(features: Feature[], crs?: unknown): string {
  const head = crs
    ? `{"type":"FeatureCollection","crs":${JSON.stringify(crs)},"features":[`
    : `{"type":"FeatureCollection","features":[`;
  return `${head}\n${features.map((f) => JSON.stringify(f)).join(",\n")}\n]}\n`;
}

/** Strips the query from an address: the resource a file comes from. */
function resource(url: string): string {
  return url.split("?")[0];
}

/** Common `bron.json` fields of a source. */
function metaOf(src: SourceMeta): Pick<BronBestand, "uitgever" | "licentie" | "bronvermelding"> {
  return {uitgever: src.uitgever, licentie: src.licentie, bronvermelding: src.bronvermelding};
}

/** Merges the results of several paged downloads (one per group of gemeenten). */
function merge<T>(parts: PagedResult<T>[]): PagedResult<T> {
  return {
    items: parts.flatMap((p) => p.items),
    pages: parts.reduce((a, p) => a + p.pages, 0),
    fromCache: parts.reduce((a, p) => a + p.fromCache, 0),
    bytes: parts.reduce((a, p) => a + p.bytes, 0),
    retrievedAt: parts.reduce((a, p) => (p.retrievedAt > a ? p.retrievedAt : a), ""),
    first: parts[0]?.first ?? {}
  };
}

function report(
  ctx: JobContext,
  label: string,
  detail: string,
  bestand: string,
  outcome: WriteOutcome
): void {
  const skipped = ctx.writer.skipped.find((s) => s.bestand === bestand);
  const what = outcome === "overgeslagen" ? `overgeslagen: ${skipped?.reden ?? "bestond al"}` : outcome;
  ctx.log(`${label}: ${detail} -> ${bestand} (${what})`);
}

/** A 4xx for one table or year: reported, and the job goes on with the next. */
function isMissing(e: unknown): boolean {
  return (
    e instanceof OphaalError && e.status != null && e.status >= 400 && e.status < 500 && e.status !== 429
  );
}

/** Downloads one OData collection in gemeente groups, or the whole collection for `alle`. */
async function downloadOData(
  ctx: JobContext,
  base: string,
  filters: string[],
  extra: string | null,
  pageSize: number
): Promise<{result: PagedResult<Record<string, unknown>>; requests: string[]}> {
  const parts: PagedResult<Record<string, unknown>>[] = [];
  const requests: string[] = [];
  for (const f of filters) {
    const filter = [f ? (extra ? `(${f})` : f) : "", extra ?? ""].filter(Boolean).join(" and ");
    const url = buildUrl(base, {$format: "json", $filter: filter || undefined});
    requests.push(url);
    parts.push(await fetchODataRows(ctx.client, url, pageSize));
  }
  return {result: merge(parts), requests};
}

/** Writes an OData download (or reports that it holds nothing). */
function writeOData(
  ctx: JobContext,
  label: string,
  bestand: string,
  soort: BronSoort,
  src: SourceMeta,
  entry: {titel: string; tabel: string | null; jaar: number | null; gemeenten: string[] | "alle"},
  download: {result: PagedResult<Record<string, unknown>>; requests: string[]},
  eenheid = "regels"
): void {
  const {result, requests} = download;
  if (result.items.length === 0) {
    ctx.log(`${label}: geen ${eenheid} voor deze selectie (${pagesText(result)}); niets geschreven`);
    return;
  }
  const outcome = ctx.writer.write(bestand, odataText(result.first, result.items), {
    soort,
    titel: entry.titel,
    ...metaOf(src),
    tabel: entry.tabel,
    jaar: entry.jaar,
    adres: resource(requests[0]),
    verzoeken: requests,
    opgehaald: result.retrievedAt,
    gemeenten: entry.gemeenten,
    aantal: result.items.length
  });
  report(
    ctx,
    label,
    `${nl.format(result.items.length)} ${eenheid}, ${pagesText(result)}, ${size(result.bytes)}`,
    bestand,
    outcome
  );
}

/** Writes a single (unpaged) metadata answer such as DataProperties, as served. */
async function writeMetadata(
  ctx: JobContext,
  label: string,
  url: string,
  bestand: string,
  soort: BronSoort,
  src: SourceMeta,
  entry: {titel: string; tabel: string; jaar: number | null}
): Promise<unknown> {
  const res = await ctx.client.getJson(url);
  const rows = (res.json as {value?: unknown})?.value;
  if (!Array.isArray(rows))
    throw new OphaalError(url, "geen-json", `${url} gaf geen OData-antwoord (verwacht {"value": [...]})`);
  const outcome = ctx.writer.write(bestand, odataText(res.json as Record<string, unknown>, rows), {
    soort,
    titel: entry.titel,
    ...metaOf(src),
    tabel: entry.tabel,
    jaar: entry.jaar,
    adres: resource(url),
    verzoeken: [url],
    opgehaald: res.retrievedAt,
    gemeenten: "alle",
    aantal: rows.length
  });
  report(
    ctx,
    label,
    `${nl.format(rows.length)} onderwerpen${res.via !== "download" ? " (uit cache)" : ""}`,
    bestand,
    outcome
  );
  return res.json;
}

/** The year of the boundaries: the latest configured year not after the last requested one. */
export function boundaryYear(available: string[], jaren: number[]): number {
  const years = available.map(Number).sort((a, b) => a - b);
  const last = Math.max(...jaren);
  const fit = years.filter((y) => y <= last);
  return fit.length ? fit[fit.length - 1] : years[0];
}

/** Gemeenten, wijken and buurten from the PDOK OGC API of the CBS wijk- en buurtkaart. */
async function fetchGebieden(ctx: JobContext): Promise<void> {
  const src = ctx.config.bronnen.gebieden;
  const jaar = boundaryYear(Object.keys(src.jaren), ctx.jaren);
  if (jaar > Math.max(...ctx.jaren))
    ctx.log(
      `gebieden: geen kaart voor ${Math.max(...ctx.jaren)} of eerder in bronnen.json; de kaart van ${jaar} wordt gebruikt`
    );
  const base = src.jaren[String(jaar)].replace(/\/+$/, "");
  const levels = [
    ["gemeenten", src.collecties.gemeenten],
    ["wijken", src.collecties.wijken],
    ["buurten", src.collecties.buurten]
  ] as const;
  for (const [level, collection] of levels) {
    const bestand = `gebieden/${level}.geojson`;
    const label = `gebieden ${level} ${jaar}`;
    if (!ctx.writer.mayWrite(bestand)) {
      ctx.log(
        `${label}: overgeslagen: ${bestand} ${ctx.writer.skipped.find((s) => s.bestand === bestand)?.reden}`
      );
      continue;
    }
    const items = `${base}/collections/${collection}/items`;
    const requests =
      ctx.gemeenten === "alle"
        ? [buildUrl(items, {f: "json", limit: src.limiet})]
        : ctx.gemeenten.map((g) => buildUrl(items, {f: "json", limit: src.limiet, [src.gemeenteVeld]: g}));
    const parts: PagedResult<Feature>[] = [];
    for (const url of requests) parts.push(await fetchOgcFeatures(ctx.client, url));
    const result = merge(parts);
    if (ctx.gemeenten !== "alle") {
      const missing = ctx.gemeenten.filter((_, i) => parts[i].items.length === 0);
      if (missing.length)
        ctx.log(`${label}: geen ${level} gevonden voor ${missing.join(", ")} in de kaart van ${jaar}`);
    }
    if (result.items.length === 0) {
      ctx.log(`${label}: geen ${level} gevonden (${pagesText(result)}); niets geschreven`);
      continue;
    }
    const outcome = ctx.writer.write(bestand, geojsonText(result.items), {
      soort: "gebieden",
      titel: `${src.titel}, ${level}, ${jaar}`,
      ...metaOf(src),
      tabel: null,
      jaar,
      adres: resource(requests[0]),
      verzoeken: requests,
      opgehaald: result.retrievedAt,
      gemeenten: ctx.gemeenten,
      aantal: result.items.length
    });
    report(
      ctx,
      label,
      `${nl.format(result.items.length)} ${level}, ${pagesText(result)}, ${size(result.bytes)}`,
      bestand,
      outcome
    );
  }
}

/** Kerncijfers wijken en buurten per year, with the table's DataProperties. */
async function fetchKerncijfers(ctx: JobContext): Promise<void> {
  const src = ctx.config.bronnen.kerncijfers;
  const missingYears = ctx.jaren.filter((j) => !src.tabellen[String(j)]);
  if (missingYears.length)
    ctx.log(
      `kerncijfers: geen tabel in bronnen.json voor ${missingYears.join(", ")} (bekend: ${Object.keys(src.tabellen).join(", ")}); die jaren worden overgeslagen`
    );
  for (const jaar of ctx.jaren) {
    const tabel = src.tabellen[String(jaar)];
    if (!tabel) continue;
    const label = `kerncijfers ${jaar} (${tabel})`;
    const titel = `Kerncijfers wijken en buurten ${jaar}`;
    try {
      const dp = await writeMetadata(
        ctx,
        `${label} DataProperties`,
        buildUrl(`${src.metadataBasis}/${tabel}/DataProperties`, {$format: "json"}),
        `kerncijfers/kwb-${jaar}.dataproperties.json`,
        "kerncijfers",
        src,
        {titel: `${titel}: onderwerpen (DataProperties)`, tabel, jaar}
      );
      const veld = regionKeyOf(dp) ?? src.gebiedVeld;
      const filters = gemeenteFilters(ctx.gemeenten, src.gemeenteFilter, veld, src.gemeentenPerVerzoek);
      const download = await downloadOData(
        ctx,
        `${src.dataBasis}/${tabel}/TypedDataSet`,
        filters,
        null,
        src.paginaGrootte
      );
      writeOData(
        ctx,
        label,
        `kerncijfers/kwb-${jaar}.json`,
        "kerncijfers",
        src,
        {titel, tabel, jaar, gemeenten: ctx.gemeenten},
        download
      );
    } catch (e) {
      if (!isMissing(e)) throw e;
      ctx.log(`${label}: ${(e as Error).message}`);
    }
  }
}

/** Registered crime per wijk and buurt per year, with the offence and area code lists. */
async function fetchPolitie(ctx: JobContext): Promise<void> {
  const src = ctx.config.bronnen.politie;
  const tabel = src.tabel;
  const dp = await writeMetadata(
    ctx,
    `politie (${tabel}) DataProperties`,
    buildUrl(`${src.metadataBasis}/${tabel}/DataProperties`, {$format: "json"}),
    "politie/misdrijven.dataproperties.json",
    "politie",
    src,
    {titel: `${src.titel}: onderwerpen (DataProperties)`, tabel, jaar: null}
  );
  const veld = regionKeyOf(dp) ?? src.gebiedVeld;
  const soorten = await downloadOData(
    ctx,
    `${src.dataBasis}/${tabel}/${src.soortDimensie}`,
    [""],
    null,
    src.paginaGrootte
  );
  writeOData(
    ctx,
    `politie (${tabel}) soorten misdrijf`,
    "politie/soort-misdrijf.json",
    "politie",
    src,
    {titel: `${src.titel}: soorten misdrijf`, tabel, jaar: null, gemeenten: "alle"},
    soorten,
    "soorten"
  );
  const gebieden = await downloadOData(
    ctx,
    `${src.dataBasis}/${tabel}/${src.gebiedDimensie}`,
    gemeenteFilters(ctx.gemeenten, src.gemeenteFilter, "Key", src.gemeentenPerVerzoek),
    null,
    src.paginaGrootte
  );
  writeOData(
    ctx,
    `politie (${tabel}) gebieden`,
    "politie/wijken-en-buurten.json",
    "politie",
    src,
    {titel: `${src.titel}: gemeenten, wijken en buurten`, tabel, jaar: null, gemeenten: ctx.gemeenten},
    gebieden,
    "gebieden"
  );
  const filters = gemeenteFilters(ctx.gemeenten, src.gemeenteFilter, veld, src.gemeentenPerVerzoek);
  for (const jaar of ctx.jaren) {
    const label = `politie ${jaar} (${tabel})`;
    const periode = `${src.periodeVeld} eq '${src.periodeCode.replaceAll("{jaar}", String(jaar))}'`;
    const download = await downloadOData(
      ctx,
      `${src.dataBasis}/${tabel}/TypedDataSet`,
      filters,
      periode,
      src.paginaGrootte
    );
    writeOData(
      ctx,
      label,
      `politie/misdrijven-${jaar}.json`,
      "politie",
      src,
      {titel: `${src.titel}, ${jaar}`, tabel, jaar, gemeenten: ctx.gemeenten},
      download
    );
  }
}

/** Establishments per gemeente and branch for every gemeente: the national reference. */
async function fetchReferentie(ctx: JobContext): Promise<void> {
  const src = ctx.config.bronnen.referentie;
  const tabel = src.tabel;
  await writeMetadata(
    ctx,
    `referentie (${tabel}) DataProperties`,
    buildUrl(`${src.metadataBasis}/${tabel}/DataProperties`, {$format: "json"}),
    "referentie/vestigingen.dataproperties.json",
    "referentie",
    src,
    {titel: `${src.titel}: onderwerpen (DataProperties)`, tabel, jaar: null}
  );
  const branches = await downloadOData(
    ctx,
    `${src.dataBasis}/${tabel}/${src.brancheDimensie}`,
    [""],
    null,
    src.paginaGrootte
  );
  writeOData(
    ctx,
    `referentie (${tabel}) bedrijfstakken`,
    "referentie/bedrijfstakken.json",
    "referentie",
    src,
    {titel: `${src.titel}: bedrijfstakken (SBI 2008)`, tabel, jaar: null, gemeenten: "alle"},
    branches,
    "bedrijfstakken"
  );
  for (const jaar of ctx.jaren) {
    const label = `referentie ${jaar} (${tabel})`;
    const periode = `${src.periodeVeld} eq '${src.periodeCode.replaceAll("{jaar}", String(jaar))}'`;
    // Every gemeente, whatever was asked: the reference is the whole country.
    const download = await downloadOData(
      ctx,
      `${src.dataBasis}/${tabel}/TypedDataSet`,
      [""],
      periode,
      src.paginaGrootte
    );
    writeOData(
      ctx,
      label,
      `referentie/vestigingen-${jaar}.json`,
      "referentie",
      src,
      {titel: `${src.titel}, ${jaar}`, tabel, jaar, gemeenten: "alle"},
      download
    );
  }
}

/** The IBIS bedrijventerreinen of the chosen gemeenten (WFS 2.0, GeoJSON output). */
async function fetchBedrijventerreinen(ctx: JobContext): Promise<void> {
  const src = ctx.config.bronnen.bedrijventerreinen;
  const bestand = "bedrijventerreinen.geojson";
  const label = "bedrijventerreinen (IBIS)";
  if (!ctx.writer.mayWrite(bestand)) {
    ctx.log(
      `${label}: overgeslagen: ${bestand} ${ctx.writer.skipped.find((s) => s.bestand === bestand)?.reden}`
    );
    return;
  }
  const filter =
    ctx.gemeenten === "alle"
      ? undefined
      : ctx.gemeenten.map((g) => `${src.gemeenteVeld} LIKE '%${g}%'`).join(" OR ");
  const url = buildUrl(src.adres, {
    service: "WFS",
    version: "2.0.0",
    request: "GetFeature",
    typeNames: src.laag,
    outputFormat: "application/json",
    CQL_FILTER: filter
  });
  const result = await fetchWfsFeatures(ctx.client, url, src.aantalPerPagina);
  const missing = src.velden.filter((v) => !result.items.some((f) => f.properties && v in f.properties));
  if (result.items.length && missing.length)
    ctx.log(`${label}: let op, de eigenschappen ${missing.join(", ")} ontbreken (de laag is veranderd?)`);
  if (result.items.length === 0) {
    ctx.log(`${label}: geen bedrijventerreinen voor deze selectie (${pagesText(result)}); niets geschreven`);
    return;
  }
  const outcome = ctx.writer.write(bestand, geojsonText(result.items, result.first.crs), {
    soort: "bedrijventerreinen",
    titel: src.titel,
    ...metaOf(src),
    tabel: null,
    jaar: null,
    adres: resource(url),
    verzoeken: [url],
    opgehaald: result.retrievedAt,
    gemeenten: ctx.gemeenten,
    aantal: result.items.length
  });
  report(
    ctx,
    label,
    `${nl.format(result.items.length)} terreinen, ${pagesText(result)}, ${size(result.bytes)}`,
    bestand,
    outcome
  );
}
