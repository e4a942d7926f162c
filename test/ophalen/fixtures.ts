/**
 * The recorded world of the `ophalen` tests: a replay server with every source of bronnen.json
 * answered from test/fixtures/ophalen (real CBS and Politie responses where they exist, the
 * documented shape where they do not; see the README there), and a test configuration with short
 * timeouts and waits.
 */
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {csvParse} from "d3-dsv";
import {loadBronnenConfig, type BronnenConfig} from "../../data-loaders/ophalen/config.ts";
import {odataV3, ogcItems, startReplayServer, wfs, type ReplayServer} from "./replay-server.ts";

export const FIXTURES = join(import.meta.dirname, "..", "fixtures", "ophalen");

/** Reads a fixture: JSON, or a CSV (UTF-8 or Windows-1252) as rows. */
export function fixture(file: string): unknown {
  const bytes = readFileSync(join(FIXTURES, file));
  if (file.endsWith(".csv")) {
    let text: string;
    try {
      text = new TextDecoder("utf-8", {fatal: true}).decode(bytes);
    } catch {
      text = new TextDecoder("windows-1252").decode(bytes);
    }
    return csvParse(text);
  }
  return JSON.parse(bytes.toString("utf-8"));
}

const rows = (file: string): Record<string, unknown>[] =>
  (fixture(file) as {value: Record<string, unknown>[]}).value;
const meta = (file: string): string | undefined =>
  (fixture(file) as {"odata.metadata"?: string})["odata.metadata"];

/** The configuration of the tests: the project's bronnen.json with short timeouts and waits. */
export function testConfig(overrides: Partial<BronnenConfig["http"]> = {}): BronnenConfig {
  const c = loadBronnenConfig();
  return {
    ...c,
    http: {...c.http, timeoutSeconden: 2, pogingen: 3, wachttijdMs: 1, ...overrides},
    bronnen: {...c.bronnen, bedrijventerreinen: {...c.bronnen.bedrijventerreinen, aantalPerPagina: PAGE.wfs}}
  };
}

/** Page sizes of the replay server (small, so that every download of the tests is paged). */
export const PAGE = {kwb: 50, pdok: 25, politie: 200, wfs: 2};

/** Starts a replay server that answers every source of bronnen.json. */
export async function startRecordedWorld(config: BronnenConfig = testConfig()): Promise<ReplayServer> {
  const s = await startReplayServer();
  const host = (url: string): string => url.replace(/^https?:\/\//, "").replace(/\/+$/, "");
  const b = config.bronnen;

  // PDOK wijk- en buurtkaart, every configured year (the fixture geometry is the 2015 kaart).
  for (const base of Object.values(b.gebieden.jaren)) {
    for (const level of ["gemeenten", "wijken", "buurten"] as const) {
      const features = (
        fixture(`gemaakt/pdok-${level}.json`) as {features: {properties: Record<string, unknown>}[]}
      ).features;
      s.route(
        `${host(base)}/collections/${b.gebieden.collecties[level]}/items`,
        ogcItems(features, PAGE.pdok)
      );
    }
  }

  // Kerncijfers 2020 (real rows of Leudal, Nederweert, Roermond) and 2024 (real Rotterdam rows).
  const kwb = b.kerncijfers;
  for (const [jaar, file, dp] of [
    ["2020", "echt/kwb-2020-84799NED-typeddataset.json", "echt/kwb-2020-84799NED-dataproperties.json"],
    [
      "2024",
      "echt/kwb-2024-85984NED-typeddataset-rotterdam.json",
      "echt/kwb-2024-85984NED-dataproperties.json"
    ]
  ] as const) {
    const tabel = kwb.tabellen[jaar];
    s.route(`${host(kwb.metadataBasis)}/${tabel}/DataProperties`, odataV3(rows(dp), {metadata: meta(dp)}));
    s.route(
      `${host(kwb.dataBasis)}/${tabel}/TypedDataSet`,
      odataV3(rows(file), {
        pageSize: PAGE.kwb,
        metadata: `https://opendata.cbs.nl/ODataFeed/OData/${tabel}/$metadata#Cbs.OData.WebAPI.TypedDataSet`
      })
    );
  }

  // Police: real code lists (from the CSV exports), invented 2020 counts.
  const pol = b.politie;
  const soorten = (fixture("echt/politie-47022NED-soortmisdrijf.csv") as Record<string, string>[]).map(
    (r) => ({
      Key: r.Key,
      Title: r.Title,
      Description: r.Description || null,
      CategoryGroupID: r.CategoryGroupID ? Number(r.CategoryGroupID) : null
    })
  );
  const gebieden = (
    fixture("echt/politie-47022NED-wijkenenbuurten-limburg5.csv") as Record<string, string>[]
  ).map((r) => ({
    Key: r.Key,
    Title: r.Title,
    Description: r.Description || null,
    Municipality: r.Municipality,
    DetailRegionCode: r.DetailRegionCode
  }));
  s.route(
    `${host(pol.metadataBasis)}/${pol.tabel}/DataProperties`,
    odataV3(rows("gemaakt/politie-47018NED-dataproperties.json"))
  );
  s.route(`${host(pol.dataBasis)}/${pol.tabel}/${pol.soortDimensie}`, odataV3(soorten));
  s.route(`${host(pol.dataBasis)}/${pol.tabel}/${pol.gebiedDimensie}`, odataV3(gebieden));
  s.route(
    `${host(pol.dataBasis)}/${pol.tabel}/TypedDataSet`,
    odataV3(rows("gemaakt/politie-47018NED-typeddataset.json"), {
      pageSize: PAGE.politie,
      metadata: meta("gemaakt/politie-47018NED-typeddataset.json")
    })
  );

  // National reference: real SBI branch list, invented counts.
  const ref = b.referentie;
  s.route(
    `${host(ref.metadataBasis)}/${ref.tabel}/DataProperties`,
    odataV3(rows("gemaakt/referentie-81575NED-dataproperties.json"))
  );
  s.route(
    `${host(ref.dataBasis)}/${ref.tabel}/${ref.brancheDimensie}`,
    odataV3(rows("echt/sbi-83583NED-bedrijfstakken.json"))
  );
  s.route(
    `${host(ref.dataBasis)}/${ref.tabel}/TypedDataSet`,
    odataV3(rows("gemaakt/referentie-81575NED-typeddataset.json"), {
      metadata: meta("gemaakt/referentie-81575NED-typeddataset.json")
    })
  );

  // IBIS (invented estates, GeoServer envelope).
  s.route(host(b.bedrijventerreinen.adres), wfs(fixture("gemaakt/ibis-bedrijventerreinen.json") as never));

  // Gebieden in Nederland (for --provincie).
  const gi = b.gebiedsindeling;
  for (const tabel of Object.values(gi.tabellen)) {
    s.route(
      `${host(gi.metadataBasis)}/${tabel}/DataProperties`,
      odataV3(rows("gemaakt/gebiedsindeling-85755NED-dataproperties.json"))
    );
    s.route(
      `${host(gi.dataBasis)}/${tabel}/TypedDataSet`,
      odataV3(rows("gemaakt/gebiedsindeling-85755NED-typeddataset.json"))
    );
  }
  return s;
}
