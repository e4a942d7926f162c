import {spawn} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {createServer} from "node:net";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {runOphalen, UsageError, type OphalenOptions} from "../../data-loaders/ophalen/run.ts";
import {loadBronmap} from "../../data-loaders/sources/bronmap.ts";
import {readBronJson} from "../../data-loaders/sources/bron.ts";
import {fixture, startRecordedWorld, testConfig} from "./fixtures.ts";
import type {ReplayServer} from "./replay-server.ts";

let server: ReplayServer;
let lines: string[];
let dir: string;

beforeEach(async () => {
  server = await startRecordedWorld();
  lines = [];
  dir = mkdtempSync(join(tmpdir(), "ophalen-bronmap-"));
});
afterEach(async () => {
  await server.close();
});

function run(options: Partial<OphalenOptions> = {}) {
  return runOphalen({
    gemeenten: ["GM1640", "GM0946"],
    jaren: [2020],
    naar: dir,
    bronnen: testConfig(),
    basisUrl: server.url,
    log: (l) => lines.push(l),
    ...options
  });
}

const read = (file: string): {value: Record<string, unknown>[]} =>
  JSON.parse(readFileSync(join(dir, file), "utf-8"));
const codes = (rows: Record<string, unknown>[], key: string): Set<string> =>
  new Set(rows.map((r) => String(r[key]).trim().slice(2, 6)));

describe("ophalen for Leudal and Nederweert", () => {
  it("writes a bronmap in the documented layout that check-data reads without rejections", async () => {
    const result = await run();
    expect(result.exitCode).toBe(0);
    expect(result.failures).toEqual([]);
    const written = result.outcomes.map((o) => o.bestand).sort();
    expect(written).toEqual([
      "bedrijventerreinen.geojson",
      "gebieden/buurten.geojson",
      "gebieden/gemeenten.geojson",
      "gebieden/wijken.geojson",
      "kerncijfers/kwb-2020.dataproperties.json",
      "kerncijfers/kwb-2020.json",
      "politie/misdrijven-2020.json",
      "politie/misdrijven.dataproperties.json",
      "politie/soort-misdrijf.json",
      "politie/wijken-en-buurten.json",
      "referentie/bedrijfstakken.json",
      "referentie/vestigingen-2020.json",
      "referentie/vestigingen.dataproperties.json"
    ]);
    // Only the two gemeenten (Roermond, 0957, is in every fixture and must be filtered out) ...
    expect(codes(read("kerncijfers/kwb-2020.json").value, "WijkenEnBuurten")).toEqual(
      new Set(["1640", "0946"])
    );
    expect(codes(read("politie/misdrijven-2020.json").value, "WijkenEnBuurten")).toEqual(
      new Set(["1640", "0946"])
    );
    // ... except the national reference, which holds every gemeente.
    expect(codes(read("referentie/vestigingen-2020.json").value, "RegioS").size).toBe(7);
    // The real KWB rows arrive unchanged (49 rows for Leudal and 21 for Nederweert).
    const kwb = (fixture("echt/kwb-2020-84799NED-typeddataset.json") as {value: {WijkenEnBuurten: string}[]})
      .value;
    expect(read("kerncijfers/kwb-2020.json").value).toEqual(
      kwb.filter((r) => /^..(1640|0946)/.test(r.WijkenEnBuurten))
    );

    const b = await loadBronmap(dir, {log: () => {}});
    try {
      expect(b.areas.gemeenten.map((g) => `${g.code} ${g.naam}`).sort()).toEqual([
        "GM0946 Nederweert",
        "GM1640 Leudal"
      ]);
      expect(b.areas.buurten).toHaveLength(47);
      expect(b.areas.bedrijventerreinen.map((t) => t.gemeentecode).sort()).toEqual([
        "GM0946",
        "GM1640",
        "GM1640"
      ]);
      const q = b.quality.files.find((f) => f.file === "kerncijfers/kwb-2020.json")!;
      expect(q).toMatchObject({rowsRead: 70, rowsAccepted: 70, rejected: {}});
      const inwoners = (
        await b.connection.runAndReadAll(
          "SELECT waarde FROM kerncijfers WHERE gebiedcode = 'GM1640' AND variabele = 'inwoners'"
        )
      ).getRows();
      expect(inwoners).toEqual([[35879]]); // AantalInwoners_5 of Leudal in the real 84799NED row
    } finally {
      b.close();
    }
  });

  it("records every file in bron.json with its real address, table, time and licence", async () => {
    await run();
    const bron = readBronJson(dir)!;
    expect(bron.bestanden).toHaveLength(13);
    const kwb = bron.bestanden.find((f) => f.bestand === "kerncijfers/kwb-2020.json")!;
    expect(kwb).toMatchObject({
      soort: "kerncijfers",
      tabel: "84799NED",
      jaar: 2020,
      adres: "https://opendata.cbs.nl/ODataFeed/odata/84799NED/TypedDataSet",
      licentie: "CC BY 4.0",
      bronvermelding: "Bron: CBS",
      gemeenten: ["GM0946", "GM1640"],
      aantal: 70
    });
    expect(kwb.verzoeken[0]).toContain("startswith(WijkenEnBuurten,'GM0946')");
    expect(bron.bestanden.find((f) => f.bestand === "politie/misdrijven-2020.json")).toMatchObject({
      tabel: "47018NED",
      bronvermelding: "Bron: Politie",
      adres: "https://dataderden.cbs.nl/ODataFeed/odata/47018NED/TypedDataSet"
    });
    expect(bron.bestanden.find((f) => f.bestand === "gebieden/buurten.geojson")).toMatchObject({
      tabel: null,
      jaar: 2022,
      bronvermelding: "Bron: CBS, PDOK",
      adres: "https://api.pdok.nl/cbs/wijken-en-buurten-2022/ogc/v1/collections/buurten/items"
    });
    expect(readFileSync(join(dir, "bron.json"), "utf-8")).not.toContain("127.0.0.1");
    for (const f of bron.bestanden) expect(Date.parse(f.opgehaald)).toBeGreaterThan(Date.parse("2024-01-01"));
  });

  it("prints one progress line per file on the log", async () => {
    await run();
    expect(lines).toContain(
      "kerncijfers 2020 (84799NED): 70 regels, 2 pagina's, 259 kB -> kerncijfers/kwb-2020.json (nieuw)"
    );
    expect(lines.filter((l) => / -> .* \(nieuw\)$/.test(l))).toHaveLength(13);
    expect(lines.at(-1)).toMatch(
      /^klaar: 13 bestanden geschreven, 0 ongewijzigd, 0 overgeslagen; 21 downloads/
    );
  });

  it("downloads nothing on a second run, and with --vers only asks whether anything changed", async () => {
    const first = await run();
    const requests = server.log.length;
    const second = await run();
    expect(second.stats).toMatchObject({requests: 0, downloads: 0, fresh: first.stats.downloads});
    expect(server.log).toHaveLength(requests);
    expect(second.outcomes.every((o) => o.outcome === "ongewijzigd")).toBe(true);
    const third = await run({vers: true});
    expect(third.stats).toMatchObject({downloads: 0, notModified: first.stats.downloads});
    expect(server.log.slice(requests).every((l) => l.status === 304)).toBe(true);
  });

  it("never overwrites the bronmap's own files and says what it skipped", async () => {
    mkdirSync(join(dir, "gebieden"), {recursive: true});
    const own = '{"type":"FeatureCollection","features":[]}\n';
    writeFileSync(join(dir, "gebieden", "gemeenten.geojson"), own);
    const result = await run();
    expect(readFileSync(join(dir, "gebieden", "gemeenten.geojson"), "utf-8")).toBe(own);
    expect(result.skipped).toEqual([
      {bestand: "gebieden/gemeenten.geojson", reden: "bestond al en is niet door ophalen geschreven"}
    ]);
    expect(lines).toContain(
      "niet overschreven: gebieden/gemeenten.geojson bestond al en is niet door ophalen geschreven (verwijder of hernoem het om de openbare versie te krijgen)"
    );
    expect(existsSync(join(dir, "gebieden", "buurten.geojson"))).toBe(true);
    expect(readBronJson(dir)!.bestanden.some((f) => f.bestand === "gebieden/gemeenten.geojson")).toBe(false);

    // A file ophalen wrote and the gemeente then edited is theirs from then on.
    const edited = read("kerncijfers/kwb-2020.json");
    edited.value = edited.value.slice(0, 3);
    writeFileSync(join(dir, "kerncijfers", "kwb-2020.json"), JSON.stringify(edited));
    const again = await run({vers: true});
    expect(again.skipped.map((s) => s.reden)).toContain("is gewijzigd nadat ophalen het schreef");
    expect(read("kerncijfers/kwb-2020.json").value).toHaveLength(3);
  });

  it("removes the temporary files an interrupted run left, and writes no half file", async () => {
    mkdirSync(join(dir, "kerncijfers"), {recursive: true});
    writeFileSync(join(dir, "kerncijfers", "kwb-2020.json.ophalen-99999.part"), '{"value":[');
    await run();
    const all = (d: string): string[] =>
      readdirSync(d, {withFileTypes: true}).flatMap((e) =>
        e.isDirectory() ? all(join(d, e.name)) : [join(d, e.name)]
      );
    expect(all(dir).filter((f) => f.endsWith(".part"))).toEqual([]);
  });

  it("downloads a table whose topic keys changed without interpreting them (real 85984NED, two revisions)", async () => {
    const result = await run({gemeenten: ["GM0599"], jaren: [2024], alleen: ["kerncijfers"]});
    expect(result.exitCode).toBe(0);
    // The DataProperties name GemiddeldInkomenPerInwoner_83; the later rows carry _78. Both are
    // written as served; which key means what is the reader's decision.
    const dp = read("kerncijfers/kwb-2024.dataproperties.json").value.map((r) => r.Key);
    expect(dp).toContain("GemiddeldInkomenPerInwoner_83");
    expect(dp).not.toContain("GemiddeldInkomenPerInwoner_78");
    const rows = read("kerncijfers/kwb-2024.json").value;
    expect(rows).toEqual(
      (fixture("echt/kwb-2024-85984NED-typeddataset-rotterdam.json") as {value: unknown[]}).value
    );
    expect(rows[0]).toHaveProperty("GemiddeldInkomenPerInwoner_78");
  });

  it("retries a 500 and a truncated page in the middle of a run and still completes", async () => {
    server.inject("84799NED/TypedDataSet", "500", 1);
    server.inject("47018NED/TypedDataSet", "truncate", 1);
    const result = await run();
    expect(result.exitCode).toBe(0);
    expect(result.stats.retries).toBe(2);
    expect(read("politie/misdrijven-2020.json").value).toHaveLength(490);
  });

  it("reports a missing table for one year and goes on with the next", async () => {
    const result = await run({jaren: [2020, 2021], alleen: ["kerncijfers"]});
    expect(result.exitCode).toBe(0);
    expect(lines.find((l) => l.startsWith("kerncijfers 2021 (85039NED):"))).toMatch(
      /antwoordde 404 Not Found: dit adres of deze tabel bestaat niet/
    );
    expect(existsSync(join(dir, "kerncijfers", "kwb-2020.json"))).toBe(true);
  });
});

describe("without a network", () => {
  it("gives one Dutch message per source naming the address, writes nothing and exits 1", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as {port: number}).port;
        s.close(() => resolve(p));
      });
    });
    const result = await run({basisUrl: `http://127.0.0.1:${port}`});
    expect(result.exitCode).toBe(1);
    expect(result.failures.map((f) => f.bron)).toEqual([
      "gebieden",
      "kerncijfers",
      "politie",
      "referentie",
      "bedrijventerreinen"
    ]);
    expect(result.failures[1].message).toBe(
      "kon https://opendata.cbs.nl/ODataApi/odata/84799NED/DataProperties?$format=json niet bereiken (ECONNREFUSED, 2 pogingen). Is er een internetverbinding? Ophalen heeft internet nodig; de bouw zelf niet."
    );
    for (const f of result.failures)
      expect(f.message).toMatch(/^kon https:\/\/[a-z.]+\/\S+ niet bereiken \(ECONNREFUSED/);
    expect(lines.filter((l) => l.startsWith("FOUT bij ophalen van "))).toHaveLength(5);
    // Two attempts for each of the four hosts; referentie shares opendata.cbs.nl with the
    // kerncijfers, which was already found unreachable, so it fails without asking again.
    expect(result.stats.requests).toBe(8);
    expect(result.failures[3].message).toContain(
      "niet bereiken (ECONNREFUSED, eerder in deze run al onbereikbaar)"
    );
    expect(readdirSync(dir).filter((f) => f !== ".ophalen")).toEqual([]);
  });

  it("keeps the other sources when one fails", async () => {
    server.inject("47018NED/DataProperties", "404", 1);
    const result = await run();
    expect(result.exitCode).toBe(1);
    expect(result.failures.map((f) => f.bron)).toEqual(["politie"]);
    expect(existsSync(join(dir, "kerncijfers", "kwb-2020.json"))).toBe(true);
    expect(existsSync(join(dir, "politie"))).toBe(false);
  });
});

describe("choosing gemeenten", () => {
  it("finds the gemeenten of a province by name, by code and by an alias", async () => {
    const byName = await run({gemeenten: undefined, provincies: ["limburg"], alleen: ["kerncijfers"]});
    expect(byName.gemeenten).toEqual(["GM0946", "GM0957", "GM1640"]);
    expect(codes(read("kerncijfers/kwb-2020.json").value, "WijkenEnBuurten")).toEqual(
      new Set(["1640", "0946", "0957"])
    );
    const byCode = await run({gemeenten: undefined, provincies: ["PV31"], alleen: ["kerncijfers"]});
    expect(byCode.gemeenten).toEqual(["GM0946", "GM0957", "GM1640"]);
    const alias = await run({gemeenten: undefined, provincies: ["Friesland"], alleen: []});
    expect(alias.gemeenten).toEqual(["GM0080"]);
  });

  it("names the known provinces when one is unknown, and refuses contradictory choices", async () => {
    await expect(run({gemeenten: undefined, provincies: ["Holland"]})).rejects.toThrow(
      // The list of the boundaries' year (the 2022 kaart, for 2020) or the latest before it: 2020.
      'provincie "Holland" staat niet in 84721NED (Gebieden in Nederland 2020); bekend: Fryslân, Limburg, Noord-Holland'
    );
    await expect(run({alle: true})).rejects.toBeInstanceOf(UsageError);
    await expect(run({gemeenten: ["16400"]})).rejects.toThrow('"16400" is geen gemeentecode');
  });

  it("fetches the whole country with --alle, paging past the page size", async () => {
    const result = await run({gemeenten: undefined, alle: true, alleen: ["kerncijfers"]});
    expect(result.gemeenten).toBe("alle");
    // 117 fixture rows in pages of 50: three pages, no filter.
    expect(read("kerncijfers/kwb-2020.json").value).toHaveLength(117);
    const requests = server.log.filter((l) => l.path.endsWith("84799NED/TypedDataSet"));
    expect(requests).toHaveLength(3);
    expect(requests.every((l) => !l.query.has("$filter"))).toBe(true);
  });
});

describe("the command", () => {
  it("resumes after it was killed: finished pages are not downloaded again", async () => {
    const cli = (extra: string[] = []) =>
      spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          "scripts/ophalen.ts",
          "--gemeente",
          "GM1640",
          "--gemeente",
          "GM0946",
          "--jaren",
          "2020",
          "--naar",
          dir,
          ...extra
        ],
        {env: {...process.env, OPHALEN_BASIS_URL: server.url}, stdio: ["ignore", "pipe", "pipe"]}
      );
    // Kill the command hard when it asks for the second page of the kerncijfers.
    const child = cli();
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    server.onRequest = (path, query) => {
      if (path.endsWith("84799NED/TypedDataSet") && query.get("$skip") === "50") {
        server.inject("84799NED/TypedDataSet", "hang", 1);
        child.kill("SIGKILL");
      }
    };
    const code = await new Promise<number | null>((resolve) =>
      child.on("exit", (c, signal) => resolve(signal ? null : c))
    );
    expect(code).toBeNull();
    expect(stderr).toContain("gebieden buurten 2022: 47 buurten");
    expect(existsSync(join(dir, "kerncijfers", "kwb-2020.json"))).toBe(false);
    server.onRequest = undefined;
    const before = server.log.length;
    const firstPageDownloads = server.log.filter(
      (l) => l.path.endsWith("84799NED/TypedDataSet") && !l.query.has("$skip") && l.body
    ).length;
    expect(firstPageDownloads).toBe(1);

    const again = cli();
    let out = "";
    again.stderr.on("data", (d) => (out += d));
    const code2 = await new Promise<number | null>((resolve) => again.on("exit", (c) => resolve(c)));
    expect(code2, out).toBe(0);
    const rerun = server.log.slice(before);
    // Boundaries and the first kerncijfers page come from the cache: not asked again.
    expect(rerun.filter((l) => l.path.includes("pdok"))).toEqual([]);
    expect(
      rerun.filter((l) => l.path.endsWith("84799NED/TypedDataSet")).map((l) => l.query.get("$skip"))
    ).toEqual(["50"]);
    expect(out).toContain("kerncijfers 2020 (84799NED): 70 regels, 2 pagina's, 1 uit cache");
    expect(read("kerncijfers/kwb-2020.json").value).toHaveLength(70);
    expect(
      readBronJson(dir)!.bestanden.map((f) => f.bestand),
      out
    ).toHaveLength(13);
  }, 60_000);

  it("explains wrong arguments in Dutch with exit code 2", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "scripts/ophalen.ts", "--gemeente", "GM1640", "--jaren", "2020"],
      {
        stdio: ["ignore", "pipe", "pipe"]
      }
    );
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    expect(code).toBe(2);
    expect(err.split("\n")[0]).toBe("--naar <map> ontbreekt: waar moet de bronmap komen?");
  }, 30_000);
});
