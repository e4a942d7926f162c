/**
 * What the story pages read from `regio.json` and `catalogus.json`: the region, its gemeenten
 * and years, area names, indicator definitions and a source line. Pure functions on bundles.
 */
import type {Bundle, Cell, Table} from "../contracts.js";
import {metadataOf, optionalMetadataOf} from "../contracts.js";
import {areaNames} from "../query.js";
import {titelMetEenheid} from "../texts.js";
import {
  CATALOGUS,
  DEFINITIES,
  REGIO,
  type Definities as Catalogus,
  type Definitie as Indicator,
  type RegioInfo
} from "../../shared/contracts/onderdelen.js";

// The `regio` part of regio.json and what the story pages read of the catalogue (definities.json,
// or the fuller catalogue part of catalogus.json): their contracts.
export type {Catalogus, Indicator, RegioInfo};

/** The region facts of regio.json. */
export function regioInfo(regio: Bundle): RegioInfo {
  return metadataOf(regio, REGIO);
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
  return (
    optionalMetadataOf(catalogus, DEFINITIES) ?? optionalMetadataOf(catalogus, CATALOGUS) ?? {indicatoren: []}
  );
}

/** The definition of an indicator, or "" when the catalogue does not know it. */
export function definitie(catalogus: Catalogus, id: string): string {
  return catalogus.indicatoren.find((i) => i.id === id)?.definitie ?? "";
}

/** Names of branches and categories, for the part of a table a figure shows. */
export interface DeelNamen {
  branches?: Readonly<Record<string, string>>;
  categorieen?: Readonly<Record<string, string>>;
}

/**
 * Label and unit of one figure of a published table (a key-figure card): the catalogue title and
 * unit the table carries (the gate writes them from the catalogue declaration), the unit in words
 * (a percentage as "%", so a card and the printed briefing stay short; none for counts: the card
 * shows the number), and after a comma the branch or category shown when the table holds more
 * than one: "Groei ten opzichte van vijf jaar eerder (%), alle risicobranches". A branch or
 * category without a name in `namen` is not named. `titel` is the same without the unit (for a
 * heading above sentences that state the unit themselves).
 */
export function figuurLabel(
  table: Pick<Table, "titel" | "eenheid" | "cellen"> | undefined,
  id: string,
  deel: {branche?: string | null; categorie?: string | null},
  namen: DeelNamen = {}
): {label: string; titel: string; eenheid: string} {
  const eenheid = table?.eenheid ?? "";
  const titel = table?.titel || id;
  const basis =
    eenheid === "aantal" ? titel : eenheid === "procent" ? `${titel} (%)` : titelMetEenheid(titel, eenheid);
  const meer = (veld: "branche" | "categorie") =>
    new Set((table?.cellen ?? []).map((c) => c[veld] ?? null)).size > 1;
  const delen = [
    deel.branche && meer("branche") ? namen.branches?.[deel.branche] : undefined,
    deel.categorie && meer("categorie") ? namen.categorieen?.[deel.categorie] : undefined
  ].filter((d): d is string => Boolean(d));
  const metDeel = (tekst: string) =>
    delen.length ? `${tekst}, ${delen.map((d) => d.charAt(0).toLowerCase() + d.slice(1)).join(", ")}` : tekst;
  return {label: metDeel(basis), titel: metDeel(titel), eenheid};
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
