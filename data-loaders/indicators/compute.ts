/**
 * The computing half of the run-once pipeline (see pipeline.ts for the cache around it): bronmap
 * -> DuckDB aggregates -> ONE gate run over all tables -> the page files, geometry and open data
 * in a result folder. Imported only when a result has to be computed.
 */
import {mkdirSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {
  publishBundle,
  publishMetadata,
  publishReport,
  publishTableParts,
  runGate,
  tableOf,
  encodeOpenData,
  forEachCell,
  writeOpenDataInWorker,
  PublishedFileWriter,
  type GateResult,
  type Publishable,
  type PublishedMetadata,
  type PublishedTable
} from "../disclosure/gate.ts";
import {contractVoor} from "../../src/shared/contracts/index.ts";
import {loadBronmap} from "../sources/bronmap.ts";
import {readIndeling} from "../sources/indeling.ts";
import type {LoadedBronmap} from "../sources/loaded.ts";
import {catalogueMetadata, terreinNamenMetadata} from "./bundles-meta.ts";
import {
  BRIEFING_INDICATOREN,
  BRIEFING_PREFIX,
  BRIEFING_TELLINGEN,
  briefingDerived,
  briefingPeers,
  briefingTableId,
  briefingTellingDeel,
  briefingTellingen,
  briefingTellingTabel,
  OVERZICHT_CODE,
  OVERZICHT_AANTALLEN,
  overzichtAantallen,
  overzichtDerived
} from "./briefing.ts";
import {BUNDLES, OVERZICHT_RANGLIJSTEN} from "./bundles.ts";
import {computeRisicobranches, prepareVestigingen} from "./compute-risicobranches.ts";
import {computeRisicolocaties} from "./compute-risicolocaties.ts";
import {computeDoorsneden, DOORSNEDEN_BRONNEN} from "./compute-doorsneden.ts";
import {computeMisdrijven, computeReferentie} from "./compute-publiek.ts";
import {
  computeNoemers,
  computeWeerbaarheid,
  prepareSignalen,
  startKwetsbaarheid
} from "./compute-weerbaarheid.ts";
import {createContext, ms, terreinRef, type GateParts, type PipelineContext} from "./context.ts";
import type {PipelineManifest} from "./manifest.ts";
import {
  areaTopologies,
  gemeenteTopologies,
  type AreaTopologies,
  type GeoArea,
  type GeometryJob
} from "./geometry.ts";
import {runTsWorker} from "../worker-thread.ts";
import {blokkenVan, gebiedsindeling, splitTables, type DeelSpec} from "./split.ts";

/** Computes all gate parts from a loaded bronmap (exported for tests). */
export async function computeParts(ctx: PipelineContext): Promise<GateParts> {
  const parts: GateParts[] = [];
  const time = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await f();
    ctx.log(`indicatoren: ${label} in ${ms(t0)} ms`);
    return r;
  };
  // DuckDB's allocator (jemalloc) keeps freed memory until the thread that freed it allocates
  // again; its background threads return it to the system within seconds (the intermediate
  // results of the queries below, the tables dropped below).
  await ctx.connection.run("SET allocator_background_threads = true");
  // The kerncijfer components of weerbare wijken depend on no other step: started first, on a
  // connection of their own, they run while the steps below do (compute-weerbaarheid.ts).
  const kwetsbaarheid = startKwetsbaarheid(ctx);
  try {
    return await computeAllParts(ctx, parts, time, kwetsbaarheid);
  } catch (e) {
    // Not left running (on its own connection) when the bronmap is closed after a failure.
    await kwetsbaarheid().catch(() => {});
    throw e;
  }
}

/** The steps of `computeParts`, in order. */
async function computeAllParts(
  ctx: PipelineContext,
  parts: GateParts[],
  time: <T>(label: string, f: () => Promise<T>) => Promise<T>,
  kwetsbaarheid: ReturnType<typeof startKwetsbaarheid>
): Promise<GateParts> {
  if (ctx.has("vestigingen")) await time("vestigingen voorbereid", () => prepareVestigingen(ctx));
  if (ctx.has("signalen")) await time("signalen voorbereid", () => prepareSignalen(ctx));
  parts.push(await time("noemers", () => computeNoemers(ctx)));
  parts.push(await time("risicobranches", () => computeRisicobranches(ctx)));
  // The establishments themselves (the largest table, 2.5 million rows nationally) and their
  // typed copy `_v` are read by risicobranches only (the later steps read its aggregates).
  await dropTables(ctx, ["vestigingen", "_v"]);
  parts.push(await time("risicolocaties", () => computeRisicolocaties(ctx)));
  parts.push(await time("weerbare wijken", () => computeWeerbaarheid(ctx, kwetsbaarheid)));
  parts.push(await time("politiecijfers", async () => computeMisdrijven(ctx)));
  parts.push(await time("landelijke referentie", async () => computeReferentie(ctx)));
  // The record tables and the other steps' temporary tables are not needed any more: dropped
  // before the last step, DuckDB gives their memory back (nationally about 1 GB; the pipeline's
  // memory peaked while the hidden parts were built with it still held).
  await duckMemory(ctx, "voor het opruimen");
  await dropTables(ctx, null, DOORSNEDEN_BRONNEN);
  await duckMemory(ctx, "na het opruimen");
  // Last: the hidden parts tie the tables above together, so they need them all.
  const tables = parts.flatMap((p) => p.tables);
  parts.push(await time("verborgen delen", () => computeDoorsneden(ctx, tables)));
  await duckMemory(ctx, "na verborgen delen");
  return {
    tables: parts.flatMap((p) => p.tables),
    derived: parts.flatMap((p) => p.derived),
    links: parts.flatMap((p) => p.links)
  };
}

async function duckMemory(ctx: PipelineContext, label: string): Promise<void> {
  if (!process.env.ATLAS_BENCH_GEHEUGEN) return;
  const rows = (
    await ctx.connection.runAndReadAll(
      "SELECT tag, memory_usage_bytes FROM duckdb_memory() WHERE memory_usage_bytes > 0 ORDER BY 2 DESC"
    )
  ).getRows();
  ctx.log(
    `duckdb-geheugen ${label}: rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB; ${rows.map((r) => `${String(r[0])} ${Math.round(Number(r[1]) / 2 ** 20)} MB`).join(", ")}`
  );
}

/**
 * Drops DuckDB tables (record tables and temporary ones) that no later step reads, so that DuckDB
 * gives their memory back before the JS heap grows further: `only` those (null: all), except `keep`.
 */
async function dropTables(
  ctx: PipelineContext,
  only: readonly string[] | null,
  keep: readonly string[] = []
): Promise<void> {
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const list = (
    await ctx.connection.runAndReadAll(
      "SELECT database_name, schema_name, table_name FROM duckdb_tables() ORDER BY ALL"
    )
  ).getRows();
  for (const [db, schema, table] of list) {
    const name = String(table);
    if ((only === null || only.includes(name)) && !keep.includes(name))
      await ctx.connection.run(`DROP TABLE ${q(String(db))}.${q(String(schema))}.${q(name)}`);
  }
}

/**
 * What the Weerbare wijken page says about the whole region while it has loaded one area and
 * year (its `jaren` part): the years with an index cell, with a published index and with
 * components, and the index cells of all years by status. Counted from the published cells only.
 */
function weerbaarheidJaren(tables: ReadonlyMap<string, PublishedTable>): PublishedMetadata {
  // `forEachCell`: from the gate's columns, without an object per cell.
  const jarenMet = (id: string, published: boolean) => {
    const jaren = new Set<number>();
    const tb = tables.get(id);
    if (tb) forEachCell(tb, (c) => void ((!published || c.waarde !== null) && jaren.add(c.jaar)));
    return [...jaren].sort((a, b) => a - b);
  };
  const telling = {totaal: 0, gepubliceerd: 0, onderdrukt: 0, geenGegevens: 0};
  const index = tables.get("kwetsbaarheidsindex");
  if (index)
    forEachCell(index, (c) => {
      if (c.gebiedniveau !== "buurt") return;
      telling.totaal++;
      if (c.waarde !== null) telling.gepubliceerd++;
      if (c.status === "onderdrukt") telling.onderdrukt++;
      if (c.waarde === null && c.status !== "onderdrukt") telling.geenGegevens++;
    });
  return publishMetadata("tekst", {
    indexAlle: jarenMet("kwetsbaarheidsindex", false),
    index: jarenMet("kwetsbaarheidsindex", true),
    componenten: jarenMet("kwetsbaarheid-z", false),
    telling
  });
}

/**
 * Runs the gate once over all parts. The relations are handed over (`parts.links` is empty
 * afterwards): the gate lets go of them once they are in its model (engine.ts), which it can only
 * do when no one else holds them. Not an async function, so that no frame of its own keeps them.
 */
export function runGateOnParts(parts: GateParts): Promise<GateResult> {
  // The bench's memory trace (scripts/bench.ts, ATLAS_BENCH_GEHEUGEN): memory after each phase.
  const memory = process.env.ATLAS_BENCH_GEHEUGEN
    ? (line: string) => void process.stderr.write(`poort: ${line}\n`)
    : undefined;
  // ATLAS_PUBLICEREN_DUMP=<file>: the gate saves its run for scripts/bench-publish.ts.
  const publishDump = process.env.ATLAS_PUBLICEREN_DUMP || undefined;
  return runGate({
    tables: parts.tables,
    derived: parts.derived,
    links: parts.links.splice(0),
    options: {memory, publishDump}
  });
}

export async function computeInto(
  out: string,
  key: string,
  bron: {dir: string; isDemo: boolean},
  log: (msg: string) => void
): Promise<PipelineManifest> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  let cpu = process.cpuUsage();
  const lap = (label: string) => {
    timings[label] = ms(t);
    // CPU time of the step (the whole process: DuckDB's threads and the open-data worker too), so
    // that a step can be compared between runs on a loaded machine, where wall time says little.
    const used = process.cpuUsage(cpu);
    timings[`${label}CpuMs`] = Math.round((used.user + used.system) / 1000);
    // Memory after each step, so a peak can be traced to its step (readers, gate, files).
    timings[`${label}RssMb`] = Math.round(process.memoryUsage().rss / 2 ** 20);
    t = performance.now();
    cpu = process.cpuUsage();
  };
  log(`pijplijn: bronmap ${bron.isDemo ? "(voorbeeldregio) " : ""}lezen`);
  const bronmap: LoadedBronmap = await loadBronmap(bron.dir, {isDemo: bron.isDemo, log});
  let closed = false;
  const closeOnce = () => {
    if (!closed) bronmap.close();
    closed = true;
  };
  lap("lezen");
  try {
    const ctx = await createContext(bronmap, log);
    const parts = await computeParts(ctx);
    // Everything from here on works on the (small) aggregates and the JS area objects: release
    // DuckDB's record tables before the gate builds its model, to keep the peak memory down.
    closeOnce();
    lap("indicatoren");
    const cellCount = parts.tables.reduce((s, x) => s + x.cells.length, 0);
    log(
      `pijplijn: poort over ${parts.tables.length} tabellen (${cellCount} cellen), ${parts.derived.length} afgeleide tabellen, ${parts.links.length} relaties`
    );
    const peers = briefingPeers(ctx, parts.tables);
    const overzicht = overzichtDerived(ctx, parts.derived);
    const briefing = briefingDerived(ctx, parts.derived, peers.peers);
    parts.derived.push(
      ...briefing,
      ...briefingTellingen(ctx, briefing),
      ...overzicht,
      ...overzichtAantallen(overzicht)
    );
    // The maps' topologies need only the areas: computed in a worker while the gate runs.
    const topologies = startAreaTopologies(ctx, bronmap, bron.dir);
    const gate = await runGateOnParts(parts);
    // The true counts are not needed any more (and must not linger): free them before the
    // page files are serialised, which is where the memory peaks.
    parts.tables.length = 0;
    parts.derived.length = 0;
    parts.links.length = 0;
    lap("poort");
    log(
      `pijplijn: poort klaar in ${timings.poort} ms: ${gate.report.totaal.gepubliceerd} gepubliceerd, ${gate.report.totaal.onderdruktPrimair} primair en ${gate.report.totaal.onderdruktSecundair} secundair onderdrukt, audit ${gate.report.audit.geslaagd ? "geslaagd" : "mislukt"}`
    );
    const {files, delen} = await writeOutputs(out, {
      ctx,
      bronmap,
      bronDir: bron.dir,
      gate,
      peers,
      lap,
      timings,
      topologies
    });
    timings.piekRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const manifest: PipelineManifest = {
      schemaVersion: 1,
      key,
      isDemo: bron.isDemo,
      gemeenten: ctx.gebieden.gemeente.map((g) => ({code: g.code, naam: g.naam})),
      jaren: ctx.jaren,
      files,
      delen,
      timings,
      cells: {
        total: gate.report.totaal.cellen,
        published: gate.report.totaal.gepubliceerd,
        suppressedPrimary: gate.report.totaal.onderdruktPrimair,
        suppressedSecondary: gate.report.totaal.onderdruktSecundair
      }
    };
    // The manifest is written last: its presence means the result is complete.
    writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest, null, 1));
    log(
      `pijplijn: klaar (${Object.entries(timings)
        .map(([k, v]) => `${k} ${v} ${k.endsWith("RssMb") ? "MB" : "ms"}`)
        .join(", ")})`
    );
    return manifest;
  } finally {
    closeOnce();
  }
}

/** What `writeOutputs` needs besides the folder. */
export interface OutputInput {
  ctx: PipelineContext;
  bronmap: LoadedBronmap;
  bronDir: string;
  gate: GateResult;
  peers: ReturnType<typeof briefingPeers>;
  /** Called after the page files (`bundels`), the geometry and the open data, as computeInto times them. */
  lap: (label: string) => void;
  timings: Record<string, number>;
  /** The topologies, computed meanwhile (`startAreaTopologies`); absent or failed: computed here. */
  topologies?: Promise<AreaTopologies>;
}

/** The blocks the split files are cut into (split.ts), from the bronmap's indeling. */
function blokkenOf(ctx: PipelineContext, bronDir: string) {
  const indeling = readIndeling(bronDir, ctx.gebieden.gemeente);
  return {
    indeling,
    blokken: blokkenVan(
      ctx.gebieden.gemeente.map((g) => g.code),
      indeling
    )
  };
}

/** What `areaTopologies` needs from a bronmap: its areas per level sorted by code, blocks, estates. */
export function geometryJob(
  ctx: PipelineContext,
  bronmap: LoadedBronmap,
  blokken: GeometryJob["blokken"]
): GeometryJob {
  // Area geometry (WGS84) per level, sorted by code.
  const level = (level: "gemeente" | "wijk" | "buurt"): GeoArea[] => {
    const source =
      level === "gemeente"
        ? bronmap.areas.gemeenten
        : level === "wijk"
          ? bronmap.areas.wijken
          : bronmap.areas.buurten;
    const refs = new Map(ctx.gebieden[level].map((r) => [r.code, r]));
    return source
      .map((a) => ({ref: refs.get(a.code)!, geometry: a.geometry}))
      .sort((a, b) => (a.ref.code < b.ref.code ? -1 : 1));
  };
  return {
    levels: {gemeente: level("gemeente"), wijk: level("wijk"), buurt: level("buurt")},
    blokken,
    gemeenten: ctx.gebieden.gemeente.map((g) => g.code).filter((code) => /^GM/.test(code)),
    terreinen: bronmap.areas.bedrijventerreinen.map((t) => ({
      ref: terreinRef(t),
      geometry: t.geometry,
      code: t.code,
      gemeentecode: t.gemeentecode
    }))
  };
}

/**
 * Starts the topologies of the output files in a worker thread (geometry-worker.ts), so that they
 * are computed while the gate runs on this thread (nationally ~3 s of cpu that the page files
 * waited for). They rest on public geometry and the area lists only. Null when no worker can
 * start; a worker that fails leaves them to `writeOutputs`, which computes them itself.
 */
export function startAreaTopologies(
  ctx: PipelineContext,
  bronmap: LoadedBronmap,
  bronDir: string
): Promise<AreaTopologies> | undefined {
  try {
    const job = geometryJob(ctx, bronmap, blokkenOf(ctx, bronDir).blokken);
    const result = runTsWorker<AreaTopologies>(new URL("./geometry-worker.ts", import.meta.url), {
      workerData: job
    });
    // Asked for after the gate: until then a failure must not count as unhandled.
    result.catch(() => {});
    return result;
  } catch {
    return undefined;
  }
}

/**
 * Writes every output file of a gate run into `out`: the page files (bundles, parts, briefings,
 * overview, disclosure report), the geometry and, in a worker thread meanwhile, the open data.
 * Returns what the manifest records. Exported for scripts/bench-indicators.ts (`--bundels`),
 * which times this step alone on one national gate run.
 */
export async function writeOutputs(
  out: string,
  input: OutputInput
): Promise<{files: PipelineManifest["files"]; delen: PipelineManifest["delen"]}> {
  // A worker thread hashes and writes the page files while this thread checks and serialises
  // them (PublishedFileWriter); it ends here, also when writing fails.
  const writer = new PublishedFileWriter();
  try {
    return await writeOutputsWith(writer, out, input);
  } finally {
    await writer.close();
  }
}

async function writeOutputsWith(
  writer: PublishedFileWriter,
  out: string,
  input: OutputInput
): Promise<{files: PipelineManifest["files"]; delen: PipelineManifest["delen"]}> {
  const {ctx, bronmap, bronDir, gate, peers, lap, timings} = input;
  // Open data (every published number except the briefing copies, which repeat values of the
  // catalogue tables) is written by a worker thread while this thread writes the page files.
  const tOpen = performance.now();
  let openDataMs = 0;
  const openData = writeOpenDataInWorker(
    encodeOpenData([...gate.tables.values()].filter((tb) => !tb.id.startsWith(BRIEFING_PREFIX))),
    out
  ).then((r) => {
    openDataMs = ms(tOpen);
    return r;
  });
  // Not awaited until the end: a failure must not go unhandled meanwhile.
  openData.catch(() => {});
  const files: PipelineManifest["files"] = {};
  // The gate's serializer writes each file in pieces (the largest national page file is
  // hundreds of MB; one string of it was the memory peak of the build).
  const written: Promise<unknown>[] = [];
  const write = (name: string, value: Publishable) => {
    const path = join(out, name);
    mkdirSync(dirname(path), {recursive: true});
    // The manifest lists the files in the order they were written.
    files[name] = {sha256: "", bytes: 0};
    const done = writer
      .write(value, path, {naam: name, contract: contractVoor(name)})
      .then((r) => (files[name] = r));
    // Awaited after the geometry: a failure must not go unhandled meanwhile.
    done.catch(() => {});
    written.push(done);
  };
  const table = (id: string): PublishedTable | null => (gate.tables.has(id) ? tableOf(gate, id) : null);
  // Provinces and RIEC regions of the gemeenten, and the blocks the split files are cut into.
  const {indeling, blokken} = blokkenOf(ctx, bronDir);
  const gemeenteVanGebied = new Map<string, string>();
  for (const level of ["gemeente", "wijk", "buurt"] as const)
    for (const a of ctx.gebieden[level]) if (a.gemeentecode) gemeenteVanGebied.set(a.code, a.gemeentecode);
  const gebieden = gebiedsindeling(ctx.regio.code, gemeenteVanGebied, blokken);
  const meta = catalogueMetadata(ctx, bronmap, {indeling, blokken, peers});
  // Every topology of the files (levels, blocks, each gemeente's map): from the worker thread that
  // computed them while the gate ran (computeInto), else here; the same function either way.
  const topologies: AreaTopologies =
    (input.topologies ? await input.topologies.catch(() => null) : null) ??
    areaTopologies(geometryJob(ctx, bronmap, blokken));
  // The block of a part key `<naam>/<blok>-<jaar>` or `<naam>/<blok>`.
  const blokVanDeel = (key: string): string => (key.split("/")[1] ?? "").replace(/-\d{4}$/, "");
  // Once per block: every part of the block (one per year) carries the same names.
  const terreinenPerBlok = new Map<string, Record<string, PublishedMetadata>>();
  const terreinenVanBlok = (blok: string): Record<string, PublishedMetadata> => {
    let cached = terreinenPerBlok.get(blok);
    if (!cached) terreinenPerBlok.set(blok, (cached = terreinNamen(blok)));
    return cached;
  };
  const terreinNamen = (blok: string): Record<string, PublishedMetadata> => {
    const inBlok = new Set(blokken.find((b) => b.code === blok)?.gemeenten ?? []);
    return {
      bedrijventerreinen: terreinNamenMetadata(
        bronmap.areas.bedrijventerreinen.filter((t) => inBlok.has(t.gemeentecode ?? ""))
      )
    };
  };
  // The wijken and buurten of one gemeente, for its own part of weerbaarheid (the map of one gemeente).
  const gemeenteGeometrie = (code: string): Record<string, PublishedMetadata> => {
    if (!/^GM/.test(code)) return {};
    const topo =
      topologies.gemeenten[code] ?? gemeenteTopologies(geometryJob(ctx, bronmap, blokken).levels, code);
    return {
      "geometrie-wijken": publishMetadata("geometrie", topo.wijken),
      "geometrie-buurten": publishMetadata("geometrie", topo.buurten)
    };
  };
  // Every split bundle's part keys (`<naam>/<deel>`), for the page's file map (prebuild).
  const delen: PipelineManifest["delen"] = {};
  // Writes one bundle, split over files when the spec says so (split.ts); `extra` adds metadata
  // parts to a part file (the geometry of a gemeente).
  const writeBundle = (
    name: string,
    tables: ReadonlyMap<string, PublishedTable>,
    metadata: Record<string, PublishedMetadata>,
    spec: DeelSpec | undefined,
    extra: (key: string) => Record<string, PublishedMetadata> = () => ({})
  ) => {
    const base = name.replace(/\.json$/, "");
    if (!spec) {
      write(name, publishBundle({...Object.fromEntries(tables), ...metadata}));
      return;
    }
    const parts = splitTables(base, tables, spec, gebieden);
    const keys: string[] = [];
    for (const [key, partTables] of parts) {
      if (key === base) write(name, publishBundle({...Object.fromEntries(partTables), ...metadata}));
      else {
        write(`${key}.json`, publishBundle({...Object.fromEntries(partTables), ...extra(key)}));
        keys.push(key);
      }
    }
    delen[base] = keys.sort();
  };
  for (const [name, spec] of Object.entries(BUNDLES)) {
    const tables = new Map<string, PublishedTable>();
    for (const id of spec.tables) {
      const tb = table(id);
      const niveaus = spec.niveaus?.[id];
      // A subset of a published table's cells, through the gate's own splitter (same cells, same
      // suppression): the levels this page does not show stay out of its file.
      if (tb && niveaus)
        tables.set(
          id,
          publishTableParts(tb, (c) => (niveaus.includes(c.gebiedniveau) ? "getoond" : undefined), [
            "getoond"
          ]).get("getoond")!
        );
      else if (tb) tables.set(id, tb);
    }
    const metadata: Record<string, PublishedMetadata> = {};
    for (const m of spec.metadata) metadata[m] = meta[m]();
    if (name === "weerbaarheid.json") metadata.jaren = weerbaarheidJaren(tables);
    let extra: ((key: string) => Record<string, PublishedMetadata>) | undefined;
    if (name === "weerbaarheid.json") extra = (key) => gemeenteGeometrie(key.split("/")[1] ?? "");
    if (name === "risicolocaties.json" && spec.delen) {
      // The names of the bedrijventerreinen travel with the parts of their block (thousands nationally).
      delete metadata.bedrijventerreinen;
      extra = (key) => terreinenVanBlok(blokVanDeel(key));
    }
    writeBundle(name, tables, metadata, spec.delen, extra);
  }
  // The audit's wall-clock time would make two builds of the same bronmap differ; it goes to
  // the manifest (for the bench) instead of the published report.
  timings.auditDuurMs = gate.report.audit.duurMs;
  const reportWithoutClock = {...gate.report, audit: {...gate.report.audit, duurMs: 0}};
  // The relations between tables (tens of thousands of lines nationally, two thirds of the
  // report) are what an auditor needs, not the Methode and Open data pages: they go into a file
  // of their own, and the report on the pages keeps their number.
  const {koppelingen, ...rapportZonderKoppelingen} = reportWithoutClock;
  write(
    "openbaarmaking.json",
    publishBundle({
      rapport: publishReport({report: {...rapportZonderKoppelingen, koppelingen: []}}),
      koppelingen: publishMetadata("tekst", {
        aantal: koppelingen.length,
        bestand: "openbaarmaking-koppelingen.json"
      }),
      kwaliteit: meta.kwaliteit()
    })
  );
  write(
    "openbaarmaking-koppelingen.json",
    publishBundle({koppelingen: publishMetadata("tekst", koppelingen)})
  );
  // Briefing per gemeente: its own name and wijken, plus its own cells of the briefing
  // indicators (gate-made copies restricted to the gemeente and the regio; see briefing.ts).
  for (const g of ctx.gebieden.gemeente) {
    const wijken = ctx.gebieden.wijk.filter((w) => w.bovenliggend === g.code);
    const onderdelen: Record<string, PublishedTable | PublishedMetadata> = {
      gemeente: publishMetadata("gebiedsnamen", [
        {code: g.code, naam: g.naam, niveau: "gemeente", bovenliggend: g.bovenliggend},
        ...wijken.map((w) => ({code: w.code, naam: w.naam, niveau: "wijk", bovenliggend: w.bovenliggend}))
      ]),
      // The five most similar gemeenten on public kerncijfers (CBS), the default comparison.
      vergelijkbaar: publishMetadata("tekst", {
        jaar: peers.jaar,
        variabelen: peers.variabelen,
        gemeenten: (peers.peers.get(g.code) ?? []).map((p) => ({
          code: p.code,
          naam: ctx.gebieden.gemeente.find((x) => x.code === p.code)?.naam ?? p.code,
          afstand: Math.round(p.afstand * 1000) / 1000
        }))
      })
    };
    for (const id of BRIEFING_INDICATOREN) {
      const tb = table(briefingTableId(g.code, id));
      if (tb) onderdelen[id] = tb;
    }
    // The published counts behind the figures the briefing compares with the region.
    for (const [id, bases] of Object.entries(BRIEFING_TELLINGEN))
      for (const basis of bases) {
        const tb = table(briefingTellingTabel(g.code, id, basis));
        if (tb) onderdelen[briefingTellingDeel(id, basis)] = tb;
      }
    write(`gemeente/${g.code}.json`, publishBundle(onderdelen));
  }
  // The overview: every gemeente and the regio, latest two years (see overzichtDerived). The
  // overview page ranks the gemeenten on a few of them; those stay in overzicht.json, the rest
  // of the gemeenten's cells go per block.
  {
    const tables = new Map<string, PublishedTable>();
    for (const id of [...BRIEFING_INDICATOREN, ...OVERZICHT_AANTALLEN.map((a) => a.id)]) {
      const tb = table(briefingTableId(OVERZICHT_CODE, id));
      if (tb) tables.set(id, tb);
    }
    writeBundle(
      "overzicht.json",
      tables,
      {},
      {
        gemeenten: "alle-jaren",
        hoofd: (id, cell) =>
          cell.gebiedniveau === "gemeente" &&
          (OVERZICHT_RANGLIJSTEN.includes(id) ||
            // The public story's ranking (all offences only: the groups stay in the block files).
            (id === "misdrijven-per-1000" && cell.categorie === "totaal"))
      }
    );
  }
  lap("bundels");
  for (const level of ["gemeente", "wijk", "buurt"] as const)
    write(`gebieden-${level}.topojson`, publishMetadata("geometrie", topologies.levels[level]));
  // The wijken and buurten of every block, for the map of an area (province, RIEC region, the
  // region when it is small); a single gemeente's geometry is in its weerbaarheid part.
  for (const b of blokken)
    write(
      `gebieden/${b.code}.json`,
      publishBundle({
        wijken: publishMetadata("geometrie", topologies.blokken[b.code]!.wijken),
        buurten: publishMetadata("geometrie", topologies.blokken[b.code]!.buurten)
      })
    );
  delen.gebieden = blokken.map((b) => `gebieden/${b.code}`).sort();
  // The outlines of the bedrijventerreinen of every block (public IBIS geometry; code, name
  // and gemeente only), for the estate map of Risicolocaties: a file of their own, so no
  // other page loads them. The file map exists also without estates (the page imports it).
  delen.terreinen = [];
  if (bronmap.areas.bedrijventerreinen.length > 0) {
    for (const b of blokken)
      write(
        `terreinen/${b.code}.json`,
        publishBundle({terreinen: publishMetadata("geometrie", topologies.blokken[b.code]!.terreinen)})
      );
    delen.terreinen = blokken.map((b) => `terreinen/${b.code}`).sort();
  }
  // The writing thread's tail (its last files) counts with the geometry.
  await Promise.all(written);
  lap("geometrie");
  await openData;
  lap("open-data");
  timings.openDataParallelMs = openDataMs;
  return {files, delen};
}
