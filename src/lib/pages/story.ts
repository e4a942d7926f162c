/**
 * What the story pages read from `regio.json` and `catalogus.json`: the region, its gemeenten
 * and years, area names, indicator definitions and a source line. Pure functions on bundles.
 */
import type {Bundle, Cell} from "../contracts.js";
import {metadataOf} from "../contracts.js";
import {areaNames} from "../query.js";

/** The `regio` part of regio.json. */
export interface RegioInfo {
  isDemo: boolean;
  regio: {code: string; naam: string};
  gemeenten: Array<{code: string; naam: string}>;
  jaren: number[];
  laatsteJaar?: number;
  /** Gemeenten whose kerncijfers of earlier years are a sum of merged gemeenten or lie on other boundaries. */
  indelingswijzigingen?: Array<{
    gemeente: string;
    totJaar: number;
    soort: "samengevoegd" | "grens";
    tekst: string;
  }>;
}

/** One indicator of the catalogue (only what pages show). */
export interface Indicator {
  id: string;
  titel: string;
  definitie: string;
  eenheid: string;
  richting: string;
}

/** The catalogue as the story pages read it: `definities.json` (or catalogus.json's fuller part). */
export interface Catalogus {
  indicatoren: Indicator[];
  signaalcategorieen?: Array<{id: string; naam: string}>;
}

/** The region facts of regio.json. */
export function regioInfo(regio: Bundle): RegioInfo {
  return metadataOf<RegioInfo>(regio, "regio");
}

/** Code -> name of every area of the region (regio, gemeenten, wijken). */
export function namenVan(regio: Bundle): Map<string, string> {
  return areaNames(regio, "gebieden");
}

/**
 * The catalogue from `definities.json` (what the story pages load) or from `catalogus.json`
 * (Methode, Open data: the same fields and more), or an empty one when neither part is there.
 */
export function catalogusVan(catalogus: Bundle): Catalogus {
  try {
    return metadataOf<Catalogus>(catalogus, catalogus.onderdelen.definities ? "definities" : "catalogus");
  } catch {
    return {indicatoren: []};
  }
}

/** The definition of an indicator, or "" when the catalogue does not know it. */
export function definitie(catalogus: Catalogus, id: string): string {
  return catalogus.indicatoren.find((i) => i.id === id)?.definitie ?? "";
}

/** Where the figures come from, for a chart's source line. */
export function bronregel(info: RegioInfo, wat: string, jaar?: number | string): string {
  const bron = info.isDemo ? "fictieve voorbeeldregio" : "eigen bronmap";
  return `${wat} (${bron})${jaar !== undefined ? `, ${jaar}` : ""}; bewerking Ondermijningsatlas.`;
}

/** A cell standing for "no such cell published" (for lookups that found nothing). */
export function geenCel(gebiedcode: string, jaar: number): Cell {
  return {
    gebiedcode,
    gebiedniveau: "gemeente",
    bovenliggend: null,
    branche: null,
    categorie: null,
    jaar,
    waarde: null,
    status: "geen-data",
    reden: null
  };
}
