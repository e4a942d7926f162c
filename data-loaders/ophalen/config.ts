/**
 * The sources configuration of `npm run ophalen` (`bronnen.json` beside this file): every address,
 * table id and field name the command uses, so that a moved service or a new year is a data change.
 * Read once, checked at run time (a typo in the file stops with one Dutch message naming the key),
 * and typed for the rest of the code.
 */
import {readFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";

/** HTTP behaviour: timeouts, retries, cache freshness. */
export interface HttpConfig {
  timeoutSeconden: number;
  /** Attempts per request, the first included. */
  pogingen: number;
  /** First backoff wait in ms; doubles per retry (with jitter). */
  wachttijdMs: number;
  /** A cached response younger than this is used without asking the server. */
  maxLeeftijdUren: number;
  gebruikersagent: string;
}

/** What every source carries for `bron.json` and source lines. */
export interface SourceMeta {
  titel: string;
  uitgever: string;
  licentie: string;
  bronvermelding: string;
  herkomst: string[];
}

/** PDOK OGC API Features service of the CBS wijk- en buurtkaart, one address per year. */
export interface GebiedenConfig extends SourceMeta {
  protocol: "ogc-api-features";
  jaren: Record<string, string>;
  collecties: {gemeenten: string; wijken: string; buurten: string};
  gemeenteVeld: string;
  limiet: number;
}

/** Common fields of the CBS OData v3 sources. */
interface ODataSource extends SourceMeta {
  protocol: "cbs-odata-v3";
  /** Base for data (TypedDataSet, dimension lists): ODataFeed (bulk, pages with nextLink). */
  dataBasis: string;
  /** Base for metadata (DataProperties, TableInfos). */
  metadataBasis: string;
  paginaGrootte: number;
}

/** CBS Kerncijfers wijken en buurten: one table per year. */
export interface KerncijfersConfig extends ODataSource {
  tabellen: Record<string, string>;
  gebiedVeld: string;
  /** OData filter for one gemeente: `{veld}`, `{code}` (GM1640) and `{nummer}` (1640) are filled in. */
  gemeenteFilter: string;
  gemeentenPerVerzoek: number;
}

/** Police crime per wijk and buurt (dataderden), one table for all years. */
export interface PolitieConfig extends ODataSource {
  tabel: string;
  maandtabel: string;
  gebiedVeld: string;
  periodeVeld: string;
  /** Period code of a year, `{jaar}JJ00`. */
  periodeCode: string;
  soortDimensie: string;
  gebiedDimensie: string;
  gemeenteFilter: string;
  gemeentenPerVerzoek: number;
}

/** CBS establishments per gemeente and branch: the national reference. */
export interface ReferentieConfig extends ODataSource {
  tabel: string;
  regioVeld: string;
  periodeVeld: string;
  periodeCode: string;
  brancheDimensie: string;
}

/** IBIS bedrijventerreinen as a WFS 2.0 layer. */
export interface BedrijventerreinenConfig extends SourceMeta {
  protocol: "wfs-2.0";
  adres: string;
  laag: string;
  velden: string[];
  gemeenteVeld: string;
  aantalPerPagina: number;
}

/** CBS "Gebieden in Nederland": which gemeenten lie in a province. */
export interface GebiedsindelingConfig extends ODataSource {
  tabellen: Record<string, string>;
  regioVeld: string;
  provincieGroep: string;
  provincieCodeVeld: string;
  provincieNaamVeld: string;
  provincieAliassen: Record<string, string>;
}

/** The whole `bronnen.json`. */
export interface BronnenConfig {
  schemaVersion: 1;
  http: HttpConfig;
  bronnen: {
    gebieden: GebiedenConfig;
    kerncijfers: KerncijfersConfig;
    politie: PolitieConfig;
    referentie: ReferentieConfig;
    bedrijventerreinen: BedrijventerreinenConfig;
    gebiedsindeling: GebiedsindelingConfig;
  };
}

/** A problem in the configuration file: one Dutch line naming the key. */
export class ConfigError extends Error {
  constructor(file: string, key: string, expected: string) {
    super(`${file}: ${key}: verwacht ${expected}`);
    this.name = "ConfigError";
  }
}

/** Path of the configuration that ships with the project. */
export const DEFAULT_BRONNEN = join(dirname(fileURLToPath(import.meta.url)), "bronnen.json");

type Kind = "string" | "number" | "strings" | "record" | "url" | "urlRecord" | "tableRecord";

const META: Record<string, Kind> = {
  titel: "string",
  uitgever: "string",
  licentie: "string",
  bronvermelding: "string",
  herkomst: "strings"
};
const ODATA: Record<string, Kind> = {
  ...META,
  protocol: "string",
  dataBasis: "url",
  metadataBasis: "url",
  paginaGrootte: "number"
};

/** The keys each source must have, with their kind (checked at run time). */
const SHAPE: Record<keyof BronnenConfig["bronnen"], Record<string, Kind>> = {
  gebieden: {
    ...META,
    protocol: "string",
    jaren: "urlRecord",
    collecties: "record",
    gemeenteVeld: "string",
    limiet: "number"
  },
  kerncijfers: {
    ...ODATA,
    tabellen: "tableRecord",
    gebiedVeld: "string",
    gemeenteFilter: "string",
    gemeentenPerVerzoek: "number"
  },
  politie: {
    ...ODATA,
    tabel: "string",
    maandtabel: "string",
    gebiedVeld: "string",
    periodeVeld: "string",
    periodeCode: "string",
    soortDimensie: "string",
    gebiedDimensie: "string",
    gemeenteFilter: "string",
    gemeentenPerVerzoek: "number"
  },
  referentie: {
    ...ODATA,
    tabel: "string",
    regioVeld: "string",
    periodeVeld: "string",
    periodeCode: "string",
    brancheDimensie: "string"
  },
  bedrijventerreinen: {
    ...META,
    protocol: "string",
    adres: "url",
    laag: "string",
    velden: "strings",
    gemeenteVeld: "string",
    aantalPerPagina: "number"
  },
  gebiedsindeling: {
    ...ODATA,
    tabellen: "tableRecord",
    regioVeld: "string",
    provincieGroep: "string",
    provincieCodeVeld: "string",
    provincieNaamVeld: "string",
    provincieAliassen: "record"
  }
};

const PROTOCOL: Record<keyof BronnenConfig["bronnen"], string> = {
  gebieden: "ogc-api-features",
  kerncijfers: "cbs-odata-v3",
  politie: "cbs-odata-v3",
  referentie: "cbs-odata-v3",
  bedrijventerreinen: "wfs-2.0",
  gebiedsindeling: "cbs-odata-v3"
};

function isUrl(v: unknown): boolean {
  return typeof v === "string" && /^https?:\/\/[^/\s]+/.test(v);
}

function checkKind(file: string, key: string, v: unknown, kind: Kind): void {
  const fail = (expected: string): never => {
    throw new ConfigError(file, key, expected);
  };
  switch (kind) {
    case "string":
      if (typeof v !== "string" || v.trim() === "") fail("een tekst");
      break;
    case "number":
      if (typeof v !== "number" || !(v > 0)) fail("een positief getal");
      break;
    case "url":
      if (!isUrl(v)) fail("een adres (http:// of https://)");
      break;
    case "strings":
      if (!Array.isArray(v) || v.length === 0 || v.some((s) => typeof s !== "string"))
        fail("een lijst met teksten");
      break;
    case "record":
      if (v == null || typeof v !== "object" || Array.isArray(v)) fail("een object");
      for (const [k, s] of Object.entries(v as object))
        if (typeof s !== "string") throw new ConfigError(file, `${key}.${k}`, "een tekst");
      break;
    case "urlRecord":
    case "tableRecord":
      if (v == null || typeof v !== "object" || Array.isArray(v) || Object.keys(v).length === 0)
        fail("een object met een jaar per sleutel");
      for (const [k, s] of Object.entries(v as object)) {
        if (!/^(19|20)\d{2}$/.test(k)) throw new ConfigError(file, `${key}.${k}`, "een jaartal als sleutel");
        if (kind === "urlRecord" && !isUrl(s))
          throw new ConfigError(file, `${key}.${k}`, "een adres (http:// of https://)");
        if (kind === "tableRecord" && (typeof s !== "string" || !/^\d{5}[A-Z]{3}$/.test(s)))
          throw new ConfigError(file, `${key}.${k}`, "een CBS-tabelnummer zoals 84799NED");
      }
      break;
  }
}

/** Checks a parsed configuration; throws `ConfigError` naming the first wrong key. */
export function checkBronnenConfig(json: unknown, file = "bronnen.json"): BronnenConfig {
  if (json == null || typeof json !== "object") throw new ConfigError(file, "(bestand)", "een JSON-object");
  const c = json as Record<string, unknown>;
  if (c.schemaVersion !== 1) throw new ConfigError(file, "schemaVersion", "1");
  const http = c.http as Record<string, unknown> | undefined;
  if (http == null || typeof http !== "object") throw new ConfigError(file, "http", "een object");
  for (const k of ["timeoutSeconden", "pogingen", "wachttijdMs", "maxLeeftijdUren"])
    checkKind(file, `http.${k}`, http[k], "number");
  checkKind(file, "http.gebruikersagent", http.gebruikersagent, "string");
  const bronnen = c.bronnen as Record<string, Record<string, unknown>> | undefined;
  if (bronnen == null || typeof bronnen !== "object") throw new ConfigError(file, "bronnen", "een object");
  for (const [name, shape] of Object.entries(SHAPE) as [
    keyof BronnenConfig["bronnen"],
    Record<string, Kind>
  ][]) {
    const src = bronnen[name];
    if (src == null || typeof src !== "object") throw new ConfigError(file, `bronnen.${name}`, "een object");
    for (const [key, kind] of Object.entries(shape))
      checkKind(file, `bronnen.${name}.${key}`, src[key], kind);
    if (src.protocol !== PROTOCOL[name])
      throw new ConfigError(file, `bronnen.${name}.protocol`, `"${PROTOCOL[name]}"`);
  }
  const g = bronnen.gebieden.collecties as Record<string, unknown>;
  for (const k of ["gemeenten", "wijken", "buurten"])
    checkKind(file, `bronnen.gebieden.collecties.${k}`, g[k], "string");
  return json as BronnenConfig;
}

/** Reads and checks a configuration file (default: the project's `bronnen.json`). */
export function loadBronnenConfig(path = DEFAULT_BRONNEN): BronnenConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf-8");
  } catch {
    throw new ConfigError(path, "(bestand)", "een leesbaar bestand");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(path, "(bestand)", "geldige JSON");
  }
  return checkBronnenConfig(json, path);
}

/**
 * The address rewriting for tests: with a base such as `http://127.0.0.1:4321`, the address
 * `https://opendata.cbs.nl/ODataFeed/odata/...` becomes `http://127.0.0.1:4321/opendata.cbs.nl/ODataFeed/odata/...`,
 * so one loopback server can answer for every host. Applied to every address, next links included.
 * Without a base (the normal case) addresses are left as they are.
 */
export function addressRewriter(base: string | undefined): (url: string) => string {
  if (!base) return (url) => url;
  const root = base.replace(/\/+$/, "");
  return (url) => {
    if (url.startsWith(root + "/")) return url;
    const m = /^https?:\/\/([^/]+)(\/.*)?$/.exec(url);
    return m ? `${root}/${m[1]}${m[2] ?? "/"}` : url;
  };
}
