/**
 * The built-in descriptions of CBS Kerncijfers wijken en buurten tables (`cbs-tabellen.json`,
 * recorded from the real public metadata by scripts/record-cbs-tables.ts, with the provenance of
 * every table in its `bron`), and the metadata files a bronmap may hold beside its data:
 * `<naam>.dataproperties.json` (OData v3 DataProperties as CBS serves them, `{"value": [...]}`
 * or the bare list), `<naam>.dataproperties.csv` (the same as cbsodataR writes it) and
 * `<naam>.measurecodes.json` (OData v4 MeasureCodes).
 */
import {readFileSync} from "node:fs";
import {csvParse} from "d3-dsv";

/** One topic: key (v3) or measure identifier (v4), title, unit; `"afgeleid"` when not from metadata. */
export type CbsOnderwerp =
  [string, string | null, string | null] | [string, string | null, string | null, "afgeleid"];

/** The description of one table (one version of it). */
export interface CbsTabel {
  /** CBS table id (`84799NED`), or `wijkbuurtkaart-2015` for the kaart attributes. */
  id: string;
  /** Modification date of the version described (or the date its rows were recorded). */
  versie: string;
  vorm: "odata-v3" | "odata-v4" | "kaart";
  jaar: number;
  titel: string;
  /** Where the description comes from (file in ../shared/real-data). */
  bron: string;
  onderwerpen: CbsOnderwerp[];
}

/** The file `cbs-tabellen.json`. */
export interface CbsTabellen {
  toelichting: string;
  tabellen: CbsTabel[];
}

/** The built-in descriptions, read once. */
export const CBS_TABELLEN: CbsTabellen = JSON.parse(
  readFileSync(new URL("./cbs-tabellen.json", import.meta.url), "utf8")
) as CbsTabellen;

/** Topics of a metadata file found beside a data file. */
export interface Metadatabestand {
  /** File name relative to the bronmap (`kerncijfers/kwb-2020.dataproperties.json`). */
  bestand: string;
  soort: "DataProperties" | "MeasureCodes";
  onderwerpen: Array<{sleutel: string; titel: string | null; eenheid: string | null}>;
}

/** Suffixes of metadata files; `kwb-2020.dataproperties.json` describes `kwb-2020.json` or `.csv`. */
export const METADATA_SUFFIX = /\.(dataproperties\.json|dataproperties\.csv|measurecodes\.json)$/i;

/**
 * Parses a metadata file's text. Throws an Error with a Dutch reason when it is neither
 * DataProperties (rows with `Key`, `Title`, `Type`) nor MeasureCodes (rows with `Identifier`,
 * `Title`, `Unit`).
 */
export function parseMetadata(bestand: string, text: string): Metadatabestand {
  let rows: Array<Record<string, unknown>>;
  if (/\.csv$/i.test(bestand)) {
    rows = csvParse(text.replace(/^\ufeff/, "")) as unknown as Array<Record<string, unknown>>;
  } else {
    const json = JSON.parse(text) as unknown;
    const list = Array.isArray(json) ? json : (json as {value?: unknown})?.value;
    if (!Array.isArray(list)) throw new Error('geen lijst van onderwerpen (verwacht {"value": [...]})');
    rows = list.filter((r): r is Record<string, unknown> => r != null && typeof r === "object");
  }
  // CBS pads some titles with (non-breaking) spaces: collapse them.
  const text_ = (v: unknown) =>
    v == null || v === ""
      ? null
      : String(v)
          .replace(/[\s\u00a0]+/g, " ")
          .trim();
  if (rows.some((r) => "Identifier" in r)) {
    return {
      bestand,
      soort: "MeasureCodes",
      onderwerpen: rows
        .filter((r) => typeof r.Identifier === "string" && r.Identifier !== "")
        .map((r) => ({sleutel: String(r.Identifier), titel: text_(r.Title), eenheid: text_(r.Unit)}))
    };
  }
  if (rows.some((r) => "Key" in r && "Type" in r)) {
    return {
      bestand,
      soort: "DataProperties",
      onderwerpen: rows
        .filter((r) => r.Type === "Topic" && typeof r.Key === "string" && r.Key !== "")
        .map((r) => ({sleutel: String(r.Key), titel: text_(r.Title), eenheid: text_(r.Unit)}))
    };
  }
  throw new Error("geen DataProperties (Key, Title, Type) en geen MeasureCodes (Identifier, Title, Unit)");
}

/** A table id in a text (an OData address, a file name): `84799NED`, or null. */
export function tabelIdIn(text: string | null | undefined): string | null {
  if (!text) return null;
  const m = /(?:^|[^0-9A-Za-z])(\d{5}NED)(?:[^0-9A-Za-z]|$)/i.exec(text);
  return m ? m[1].toUpperCase() : null;
}
