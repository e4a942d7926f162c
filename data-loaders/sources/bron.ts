/**
 * `bron.json` in a bronmap: for every file that `npm run ophalen` wrote, where it came from (the
 * address and CBS table), when it was retrieved, under which licence and with which source line.
 * The build can show it on the transparency page and in chart source lines; `ophalen` uses the
 * hash of each file to recognise its own files (it never overwrites a file it did not write, or
 * that was changed after it wrote it). The shape is a contract: a type plus a runtime check.
 */
import {createHash} from "node:crypto";
import {existsSync, readFileSync, statSync} from "node:fs";
import {join} from "node:path";
import {BronmapError} from "./types.ts";

/** Current version of the `bron.json` shape. */
export const BRON_JSON_VERSION = 1;

/** Kinds of public source `ophalen` knows (the keys of `bronnen.json`). */
export const BRON_SOORTEN = [
  "gebieden",
  "kerncijfers",
  "politie",
  "referentie",
  "bedrijventerreinen"
] as const;
export type BronSoort = (typeof BRON_SOORTEN)[number];

/** One file written by `ophalen`. */
export interface BronBestand {
  /** Path relative to the bronmap, with `/`: `kerncijfers/kwb-2020.json`. */
  bestand: string;
  soort: BronSoort;
  /** Human title of the source, Dutch: `Kerncijfers wijken en buurten 2020`. */
  titel: string;
  /** Who publishes it: `CBS`, `Politie, via CBS (dataderden)`, ... */
  uitgever: string;
  /** CBS table id (`84799NED`), or null for map services. */
  tabel: string | null;
  /** Year of the figures or boundaries, or null for files that hold no single year (code lists). */
  jaar: number | null;
  /** The resource the file comes from, without query (`https://opendata.cbs.nl/ODataFeed/odata/84799NED/TypedDataSet`). */
  adres: string;
  /** The complete first request of every part (with filter), for anyone who wants to repeat it. */
  verzoeken: string[];
  /** When the source last confirmed this content, ISO 8601 (UTC). */
  opgehaald: string;
  /** Licence, e.g. `CC BY 4.0`. */
  licentie: string;
  /** The line to show under a chart, e.g. `Bron: CBS`. */
  bronvermelding: string;
  /** Gemeente codes the file was filtered to, or `alle` for the whole country. */
  gemeenten: string[] | "alle";
  /** Number of records (rows or features) in the file. */
  aantal: number;
  /** Size in bytes and SHA-256 of the file as written. */
  bytes: number;
  sha256: string;
}

/** The whole `bron.json`. */
export interface BronJson {
  schemaVersion: typeof BRON_JSON_VERSION;
  /** Always `npm run ophalen`: who wrote this file. */
  programma: string;
  /** Last run that changed this file, ISO 8601. */
  bijgewerkt: string;
  /** One entry per file, sorted by `bestand`. */
  bestanden: BronBestand[];
}

const STRING_FIELDS = [
  "bestand",
  "titel",
  "uitgever",
  "adres",
  "opgehaald",
  "licentie",
  "bronvermelding",
  "sha256"
] as const;

/**
 * Checks a parsed `bron.json`; throws `BronmapError` naming the first wrong field (with the entry
 * number) so that a damaged file stops with one clear message.
 */
export function checkBronJson(json: unknown, label = "bron.json"): BronJson {
  const fail = (column: string, expected: string, found: string): never => {
    throw new BronmapError(label, {column, expected, found});
  };
  if (json == null || typeof json !== "object" || Array.isArray(json))
    fail("(bestand)", "een JSON-object", Array.isArray(json) ? "een lijst" : String(json));
  const b = json as Record<string, unknown>;
  if (b.schemaVersion !== BRON_JSON_VERSION)
    fail("schemaVersion", String(BRON_JSON_VERSION), JSON.stringify(b.schemaVersion));
  if (typeof b.programma !== "string") fail("programma", "een tekst", typeof b.programma);
  if (typeof b.bijgewerkt !== "string" || Number.isNaN(Date.parse(b.bijgewerkt)))
    fail("bijgewerkt", "een tijdstip (ISO 8601)", JSON.stringify(b.bijgewerkt));
  if (!Array.isArray(b.bestanden)) fail("bestanden", "een lijst", typeof b.bestanden);
  const seen = new Set<string>();
  (b.bestanden as unknown[]).forEach((e, i) => {
    const where = `bestanden[${i}]`;
    if (e == null || typeof e !== "object") fail(where, "een object", String(e));
    const f = e as Record<string, unknown>;
    for (const k of STRING_FIELDS)
      if (typeof f[k] !== "string" || f[k] === "") fail(`${where}.${k}`, "een tekst", JSON.stringify(f[k]));
    if (!BRON_SOORTEN.includes(f.soort as BronSoort))
      fail(`${where}.soort`, `een van ${BRON_SOORTEN.join(", ")}`, JSON.stringify(f.soort));
    if (f.tabel !== null && (typeof f.tabel !== "string" || !/^\d{5}[A-Z]{3}$/.test(f.tabel)))
      fail(`${where}.tabel`, "een CBS-tabelnummer of null", JSON.stringify(f.tabel));
    if (f.jaar !== null && !(Number.isInteger(f.jaar) && (f.jaar as number) > 1900))
      fail(`${where}.jaar`, "een jaartal of null", JSON.stringify(f.jaar));
    if (!/^https?:\/\//.test(f.adres as string)) fail(`${where}.adres`, "een adres", JSON.stringify(f.adres));
    if (!Array.isArray(f.verzoeken) || f.verzoeken.some((v) => typeof v !== "string"))
      fail(`${where}.verzoeken`, "een lijst met adressen", JSON.stringify(f.verzoeken));
    if (Number.isNaN(Date.parse(f.opgehaald as string)))
      fail(`${where}.opgehaald`, "een tijdstip (ISO 8601)", JSON.stringify(f.opgehaald));
    if (
      f.gemeenten !== "alle" &&
      !(Array.isArray(f.gemeenten) && f.gemeenten.every((g) => typeof g === "string" && /^GM\d{4}$/.test(g)))
    )
      fail(`${where}.gemeenten`, 'een lijst met gemeentecodes of "alle"', JSON.stringify(f.gemeenten));
    for (const k of ["aantal", "bytes"] as const)
      if (!Number.isInteger(f[k]) || (f[k] as number) < 0)
        fail(`${where}.${k}`, "een geheel getal", JSON.stringify(f[k]));
    if (!/^[0-9a-f]{64}$/.test(f.sha256 as string))
      fail(`${where}.sha256`, "een SHA-256 (64 hexadecimale tekens)", JSON.stringify(f.sha256));
    if (seen.has(f.bestand as string))
      fail(`${where}.bestand`, "elk bestand één keer", `"${f.bestand}" twee keer`);
    seen.add(f.bestand as string);
  });
  return json as BronJson;
}

/** Reads `bron.json` from a bronmap: null when the bronmap has none (built by hand). */
export function readBronJson(dir: string): BronJson | null {
  const path = join(dir, "bron.json");
  if (!existsSync(path)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf-8"));
  } catch {
    throw new BronmapError("bron.json", {expected: "geldige JSON", found: "een JSON-fout"});
  }
  return checkBronJson(json);
}

/**
 * The entries of `bron.json` whose file is still the one `ophalen` wrote (same size and SHA-256):
 * a file the gemeente replaced by its own is not credited to a public source.
 */
export function currentBronBestanden(dir: string, bron: BronJson | null): BronBestand[] {
  if (!bron) return [];
  return bron.bestanden.filter((f) => {
    const path = join(dir, ...f.bestand.split("/"));
    if (!existsSync(path) || !statSync(path).isFile() || statSync(path).size !== f.bytes) return false;
    return createHash("sha256").update(readFileSync(path)).digest("hex") === f.sha256;
  });
}
