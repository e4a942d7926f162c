import {mkdtempSync} from "node:fs";
import {createServer} from "node:net";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {addressRewriter, type HttpConfig} from "../../data-loaders/ophalen/config.ts";
import {HttpClient, OphaalError} from "../../data-loaders/ophalen/http.ts";
import {fetchODataRows, fetchOgcFeatures, fetchWfsFeatures} from "../../data-loaders/ophalen/paging.ts";
import {fixture} from "./fixtures.ts";
import {
  compileFilter,
  odataV3,
  odataV4,
  ogcItems,
  startReplayServer,
  wfs,
  type ReplayServer
} from "./replay-server.ts";

const HTTP: HttpConfig = {
  timeoutSeconden: 0.5,
  pogingen: 3,
  wachttijdMs: 1,
  maxLeeftijdUren: 24,
  gebruikersagent: "test"
};
const API = "https://opendata.cbs.nl/ODataApi/odata/84799NED";
const FEED = "https://opendata.cbs.nl/ODataFeed/odata/84799NED";

let server: ReplayServer;
let waits: number[];
let now: number;

function client(
  options: {http?: Partial<HttpConfig>; revalidate?: boolean; cacheDir?: string} = {}
): HttpClient {
  return new HttpClient({
    http: {...HTTP, ...options.http},
    cacheDir: options.cacheDir ?? mkdtempSync(join(tmpdir(), "ophalen-cache-")),
    rewrite: addressRewriter(server.url),
    revalidate: options.revalidate,
    sleep: async (ms) => {
      waits.push(ms);
    },
    now: () => now
  });
}

/** 70 real KWB 2020 rows of Leudal and Nederweert plus the 47 of Roermond (fixture). */
const kwbRows = (fixture("echt/kwb-2020-84799NED-typeddataset.json") as {value: Record<string, unknown>[]})
  .value;

beforeEach(async () => {
  server = await startReplayServer();
  waits = [];
  now = Date.UTC(2024, 5, 1);
});
afterEach(async () => {
  await server.close();
});

describe("paging", () => {
  it("follows odata.nextLink until the last page and keeps every row once", async () => {
    server.route("opendata.cbs.nl/ODataFeed/odata/84799NED/TypedDataSet", odataV3(kwbRows, {pageSize: 50}));
    const r = await fetchODataRows(client(), `${FEED}/TypedDataSet?$format=json`, 10_000);
    // 117 rows in pages of 50: 50 + 50 + 17.
    expect(r.pages).toBe(3);
    expect(r.items.map((x) => x.ID)).toEqual(kwbRows.map((x) => x.ID));
  });

  it("asks with $skip when a full page names no next page (the ODataApi cap)", async () => {
    server.route(
      "opendata.cbs.nl/ODataApi/odata/84799NED/TypedDataSet",
      odataV3(kwbRows, {pageSize: 40, nextLink: false})
    );
    const r = await fetchODataRows(client(), `${API}/TypedDataSet?$format=json`, 40);
    expect(r.pages).toBe(3);
    expect(r.items).toHaveLength(kwbRows.length);
    expect(server.log.map((l) => l.query.get("$skip"))).toEqual([null, "40", "80"]);
  });

  it("filters on the server with startswith per gemeente, padded codes included", async () => {
    server.route("opendata.cbs.nl/ODataFeed/odata/84799NED/TypedDataSet", odataV3(kwbRows, {pageSize: 50}));
    const filter =
      "startswith(WijkenEnBuurten,'GM0946') or startswith(WijkenEnBuurten,'WK0946') or startswith(WijkenEnBuurten,'BU0946')";
    const r = await fetchODataRows(
      client(),
      `${FEED}/TypedDataSet?$format=json&$filter=${encodeURIComponent(filter)}`,
      10_000
    );
    // Nederweert: 1 gemeente, 5 wijken, 15 buurten in KWB 2020 (counted in the fixture by hand).
    expect(r.items).toHaveLength(21);
    expect(r.items[0].WijkenEnBuurten).toBe("GM0946    ");
  });

  it("follows @odata.nextLink of OData v4 (real 83625NED observations)", async () => {
    const v4 = fixture("echt/cbs-v4-83625NED-observations-cut.json") as {
      "@odata.context": string;
      value: Record<string, unknown>[];
    };
    server.route(
      "datasets.cbs.nl/odata/v1/CBS/83625NED/Observations",
      odataV4(v4.value, v4["@odata.context"], 30)
    );
    const r = await fetchODataRows(
      client(),
      "https://datasets.cbs.nl/odata/v1/CBS/83625NED/Observations",
      10_000
    );
    expect(r.pages).toBe(3); // 85 observations in pages of 30
    expect(r.items).toEqual(v4.value);
  });

  it("follows the next links of OGC API Features and the startIndex of WFS 2.0", async () => {
    const features = (
      fixture("gemaakt/pdok-buurten.json") as {features: {properties: Record<string, unknown>}[]}
    ).features;
    server.route("api.pdok.nl/wb/collections/buurten/items", ogcItems(features, 10));
    const leudal = await fetchOgcFeatures(
      client(),
      "https://api.pdok.nl/wb/collections/buurten/items?f=json&limit=1000&gemeentecode=GM1640"
    );
    // Leudal has 32 buurten in the 2015 kaart: pages of 10, 10, 10, 2.
    expect(leudal.items).toHaveLength(32);
    expect(leudal.pages).toBe(4);
    server.route("wfs.example/wfs", wfs(fixture("gemaakt/ibis-bedrijventerreinen.json") as never));
    const ibis = await fetchWfsFeatures(
      client(),
      "https://wfs.example/wfs?service=WFS&request=GetFeature",
      3
    );
    expect(ibis.items).toHaveLength(4);
    expect(ibis.pages).toBe(2);
  });

  it("refuses a collection answer that is not OData", async () => {
    server.route("opendata.cbs.nl/ODataFeed/odata/84799NED/TypedDataSet", () => ({json: {rows: []}}));
    await expect(fetchODataRows(client(), `${FEED}/TypedDataSet`, 10)).rejects.toThrow(
      /gaf geen OData-antwoord.*"rows"/
    );
  });
});

describe("retries", () => {
  beforeEach(() => {
    server.route("opendata.cbs.nl/ODataApi/odata/84799NED/DataProperties", () => ({
      json: {value: [{Key: "WijkenEnBuurten"}]}
    }));
  });

  it("retries a 500 with growing waits and then succeeds", async () => {
    server.inject("DataProperties", "500", 2);
    const c = client();
    const r = await c.getJson(`${API}/DataProperties`);
    expect(r.json).toEqual({value: [{Key: "WijkenEnBuurten"}]});
    expect(server.log.map((l) => l.status)).toEqual([500, 500, 200]);
    expect(c.stats.retries).toBe(2);
    // Exponential: the second wait is about twice the first (jitter 0.75-1.25).
    expect(waits[1] / waits[0]).toBeGreaterThan(1.1);
  });

  it("waits as long as Retry-After asks on a 503", async () => {
    server.inject("DataProperties", "503-retry-after", 1);
    await client().getJson(`${API}/DataProperties`);
    expect(server.log.map((l) => l.status)).toEqual([503, 200]);
  });

  it("does not retry a 404 and says the address does not exist", async () => {
    server.inject("DataProperties", "404", 5);
    const err = await client()
      .getJson(`${API}/DataProperties`)
      .catch((e) => e);
    expect(err).toBeInstanceOf(OphaalError);
    expect(err.status).toBe(404);
    expect(err.message).toBe(
      `${API}/DataProperties antwoordde 404 Not Found: dit adres of deze tabel bestaat niet (meer). Controleer het adres in bronnen.json.`
    );
    expect(server.log).toHaveLength(1);
  });

  it("gives up on a 500 after the configured attempts with one clear message", async () => {
    server.inject("DataProperties", "500", 10);
    await expect(client().getJson(`${API}/DataProperties`)).rejects.toThrow(
      `${API}/DataProperties antwoordde 500 Internal Server Error (3 pogingen). De dienst heeft een storing; probeer het later opnieuw.`
    );
    expect(server.log).toHaveLength(3);
  });

  it("ends a request that hangs with the timeout and retries it", async () => {
    server.inject("DataProperties", "hang", 1);
    const r = await client().getJson(`${API}/DataProperties`);
    expect(r.via).toBe("download");
    expect(server.log.map((l) => l.status)).toEqual([-1, 200]);
  });

  it("says when the service never answers in time", async () => {
    server.inject("DataProperties", "hang", 3);
    await expect(client().getJson(`${API}/DataProperties`)).rejects.toThrow(
      `geen antwoord van ${API}/DataProperties binnen 0.5 seconden (3 pogingen)`
    );
  });

  it("retries a body cut off before its Content-Length, and a reset connection", async () => {
    server.inject("DataProperties", "truncate", 1);
    server.inject("DataProperties", "reset", 1);
    const r = await client().getJson(`${API}/DataProperties`);
    expect(r.json).toEqual({value: [{Key: "WijkenEnBuurten"}]});
    expect(server.log).toHaveLength(3);
  });

  it("retries invalid JSON, then names the address when it stays broken", async () => {
    server.inject("DataProperties", "badjson", 3);
    await expect(client().getJson(`${API}/DataProperties`)).rejects.toThrow(
      `${API}/DataProperties gaf geen geldige JSON (3 pogingen): het antwoord is onvolledig of heeft een andere vorm dan verwacht.`
    );
    server.inject("DataProperties", "truncate", 3);
    await expect(client().getJson(`${API}/DataProperties`)).rejects.toThrow(
      /gaf een afgebroken antwoord .*3 pogingen/
    );
  });

  it("names the address it could not reach when there is no network", async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as {port: number}).port;
        s.close(() => resolve(p));
      });
    });
    const c = new HttpClient({
      http: HTTP,
      cacheDir: mkdtempSync(join(tmpdir(), "ophalen-cache-")),
      rewrite: addressRewriter(`http://127.0.0.1:${port}`),
      sleep: async () => {}
    });
    const err = await c.getJson(`${API}/DataProperties`).catch((e) => e);
    expect(err.kind).toBe("onbereikbaar");
    // Unreachable hosts are tried twice, not the configured three times: offline, waiting longer helps nobody.
    expect(c.stats.requests).toBe(2);
    expect(err.message).toBe(
      `kon ${API}/DataProperties niet bereiken (ECONNREFUSED, 2 pogingen). Is er een internetverbinding? Ophalen heeft internet nodig; de bouw zelf niet.`
    );
  });
});

describe("cache", () => {
  beforeEach(() => {
    server.route("opendata.cbs.nl/ODataFeed/odata/84799NED/TypedDataSet", odataV3(kwbRows, {pageSize: 50}));
  });

  it("asks nothing for a response younger than the freshness window", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "ophalen-cache-"));
    await fetchODataRows(client({cacheDir}), `${FEED}/TypedDataSet`, 10_000);
    expect(server.log).toHaveLength(3);
    now += 23 * 3600_000;
    const second = client({cacheDir});
    const r = await fetchODataRows(second, `${FEED}/TypedDataSet`, 10_000);
    expect(r.items).toHaveLength(kwbRows.length);
    expect(server.log).toHaveLength(3);
    expect(second.stats).toMatchObject({requests: 0, downloads: 0, fresh: 3});
  });

  it("revalidates an older response with its ETag and downloads nothing that did not change", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "ophalen-cache-"));
    await fetchODataRows(client({cacheDir}), `${FEED}/TypedDataSet`, 10_000);
    now += 25 * 3600_000;
    const second = client({cacheDir});
    await fetchODataRows(second, `${FEED}/TypedDataSet`, 10_000);
    expect(second.stats).toMatchObject({requests: 3, downloads: 0, notModified: 3});
    expect(server.log.slice(3).map((l) => l.status)).toEqual([304, 304, 304]);
  });

  it("downloads again what did change", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "ophalen-cache-"));
    await fetchODataRows(client({cacheDir}), `${FEED}/TypedDataSet`, 10_000);
    const changed = kwbRows.map((r, i) => (i === 60 ? {...r, AantalInwoners_5: 1} : r));
    server.route("opendata.cbs.nl/ODataFeed/odata/84799NED/TypedDataSet", odataV3(changed, {pageSize: 50}));
    const second = client({cacheDir, revalidate: true});
    const r = await fetchODataRows(second, `${FEED}/TypedDataSet`, 10_000);
    // Only the second page (rows 50-99) holds the change.
    expect(second.stats).toMatchObject({downloads: 1, notModified: 2});
    expect(r.items[60].AantalInwoners_5).toBe(1);
  });
});

describe("the replay server's filter", () => {
  it("understands what ophalen sends and refuses anything else", () => {
    const row = {WijkenEnBuurten: "GM1640    ", Perioden: "2020JJ00"};
    expect(compileFilter("(substring(WijkenEnBuurten,2,4) eq '1640') and Perioden eq '2020JJ00'")(row)).toBe(
      true
    );
    expect(compileFilter("startswith(WijkenEnBuurten,'GM0946') or Perioden eq '2021JJ00'")(row)).toBe(false);
    expect(() => compileFilter("substringof('1640',WijkenEnBuurten)")).toThrow(/niet begrepen/);
  });
});
