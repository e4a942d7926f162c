/**
 * The area a page shows: the whole region, a province, a RIEC region or one gemeente (URL
 * parameters `gebied` and `gemeente`), from the indeling in regio.json (provinces and RIEC
 * regions with their gemeenten, data-loaders/sources/indeling.ts) and the blocks the split files
 * are cut into. A region with more gemeenten than fit in one comparison (a national site) shows
 * its gemeenten only per province, RIEC region or gemeente: its whole-region view has the
 * region's own figures and asks for a choice. Pure functions; browser-safe.
 */
import type {Bundle} from "../contracts.js";
import {metadataOf} from "../contracts.js";
import {INDELING, type Deelgebied, type Indeling} from "../../shared/contracts/onderdelen.js";
import type {Keuze} from "./common.js";
import type {RegioInfo} from "./story.js";

// A province or RIEC region with its gemeenten, and the `indeling` part of regio.json: their contracts.
export type {Deelgebied, Indeling};

/**
 * A region with more gemeenten than this is compared per province, RIEC region or gemeente only
 * (a chart of 342 gemeenten cannot be read, and its data would not fit a light page).
 */
export const MAX_GEMEENTEN_IN_BEELD = 50;

/** The indeling of regio.json; a region without one is a single block with no provinces. */
export function indelingVan(regio: Bundle, info: RegioInfo): Indeling {
  if (regio.onderdelen.indeling) return metadataOf(regio, INDELING);
  return {
    provincies: [],
    riecs: [],
    blokken: [{code: "regio", gemeenten: info.gemeenten.map((g) => g.code)}],
    bron: "",
    zonderIndeling: info.gemeenten.map((g) => g.code)
  };
}

/** The choices of the area menu: the region, its provinces, its RIEC regions. */
export function gebiedKeuzes(info: RegioInfo, indeling: Indeling): Keuze[] {
  const teGroot = info.gemeenten.length > MAX_GEMEENTEN_IN_BEELD;
  return [
    {
      value: info.regio.code,
      label: teGroot ? `${info.regio.naam} (alleen de regio zelf)` : `${info.regio.naam} (hele regio)`
    },
    ...indeling.provincies.map((p) => ({value: p.code, label: `${p.naam} (${p.gemeenten.length} gem.)`})),
    ...indeling.riecs.map((r) => ({value: r.code, label: `${r.naam} (${r.gemeenten.length} gem.)`}))
  ];
}

/** True when the page should offer the area menu (there is more than one province or RIEC region). */
export function heeftGebiedKeuze(indeling: Indeling): boolean {
  return indeling.provincies.length > 1 || indeling.riecs.length > 1;
}

/** What a view shows: its name, its gemeenten, and whether they can be shown at all. */
export interface Gebied {
  code: string;
  /** "de regio Voorbeeldregio", "Provincie Noorderwaard", "Nesselzijl". */
  naam: string;
  soort: "regio" | "provincie" | "riec" | "gemeente";
  /** The gemeenten in the area, in the order of the region's list. */
  gemeenten: Array<{code: string; naam: string}>;
  /** False for the whole of a region too large to compare its gemeenten (then `gemeenten` is empty). */
  vergelijkbaar: boolean;
}

/**
 * The area of a view: a gemeente code gives that gemeente, a province or RIEC code that area,
 * anything else the whole region (empty of gemeenten when it has more than
 * MAX_GEMEENTEN_IN_BEELD).
 */
export function gebiedVan(info: RegioInfo, indeling: Indeling, code: string): Gebied {
  const gemeente = info.gemeenten.find((g) => g.code === code);
  if (gemeente)
    return {code, naam: gemeente.naam, soort: "gemeente", gemeenten: [gemeente], vergelijkbaar: true};
  const deel = (lijst: Deelgebied[], soort: "provincie" | "riec"): Gebied | null => {
    const d = lijst.find((x) => x.code === code);
    if (!d) return null;
    const in_ = new Set(d.gemeenten);
    return {
      code,
      naam: d.naam,
      soort,
      gemeenten: info.gemeenten.filter((g) => in_.has(g.code)),
      vergelijkbaar: true
    };
  };
  const found = deel(indeling.provincies, "provincie") ?? deel(indeling.riecs, "riec");
  if (found) return found;
  const klein = info.gemeenten.length <= MAX_GEMEENTEN_IN_BEELD;
  return {
    code: info.regio.code,
    naam: `de regio ${info.regio.naam}`,
    soort: "regio",
    gemeenten: klein ? [...info.gemeenten] : [],
    vergelijkbaar: klein
  };
}

/** The blocks that hold the gemeenten of an area, in the indeling's order. */
export function blokkenVan(indeling: Indeling, gemeenten: ReadonlyArray<{code: string}>): string[] {
  const nodig = new Set(gemeenten.map((g) => g.code));
  return indeling.blokken.filter((b) => b.gemeenten.some((g) => nodig.has(g))).map((b) => b.code);
}

/** The region facts with the gemeenten of an area only (what the page logic compares). */
export function infoVoor(info: RegioInfo, gebied: Gebied): RegioInfo {
  return {...info, gemeenten: gebied.gemeenten};
}

/** The sentence a view shows instead of a comparison when the region is too large for one. */
export function kiesGebiedZin(info: RegioInfo): string {
  return `${info.regio.naam} telt ${info.gemeenten.length} gemeenten: te veel om in één beeld te vergelijken. Kies hierboven een provincie, een RIEC-regio of een gemeente om de gemeenten en hun buurten te zien; tot dan toont deze pagina de cijfers van de regio zelf.`;
}

/** Where the provinces and RIEC regions come from, with how many of each (Methode page). */
export function indelingZin(indeling: Indeling): string {
  const n = (k: number, een: string, meer: string) => `${k} ${k === 1 ? een : meer}`;
  if (indeling.provincies.length === 0 && indeling.riecs.length === 0)
    return "De gemeenten zijn niet ingedeeld in provincies of RIEC-regio's: de site toont ze alleen per gemeente en als hele regio.";
  const zonder =
    indeling.zonderIndeling.length > 0
      ? ` ${n(indeling.zonderIndeling.length, "gemeente hoort", "gemeenten horen")} bij geen provincie of RIEC-regio.`
      : "";
  return `De gemeenten liggen in ${n(indeling.provincies.length, "provincie", "provincies")} en ${n(indeling.riecs.length, "RIEC-regio", "RIEC-regio's")}, waarop de pagina's ze laten kiezen. ${indeling.bron}${zonder}`;
}
