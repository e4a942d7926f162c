/**
 * Site-wide facts shared by the Framework config (build time) and pages: which bronmap is in
 * use and the navigation. Kept free of Node-only imports so that browser code may import it.
 */

/** Dutch page titles and paths of the navigation, in reading order. */
export const NAVIGATION: ReadonlyArray<{name: string; path: string}> = [
  {name: "Overzicht", path: "/"},
  {name: "Risicobranches", path: "/risicobranches"},
  {name: "Risicolocaties", path: "/risicolocaties"},
  {name: "Weerbare wijken", path: "/weerbare-wijken"},
  {name: "Trends", path: "/trends"},
  {name: "Werkplaats", path: "/werkplaats"},
  {name: "Methode en privacy", path: "/methode"},
  {name: "Open data", path: "/open-data"}
];

/** The text of the notice every page shows while the fictitious demo region is in use. */
export const DEMO_NOTICE =
  "Let op: deze site toont fictieve voorbeelddata van een verzonnen regio. Geen enkel cijfer gaat over een echte gemeente.";

/** The longest name `BRONMAP_NAAM` may give (it is printed in every page's footer). */
export const MAX_BRON_NAAM = 80;

/**
 * The source named in every page's footer: the demo notice, the name the user set with
 * `BRONMAP_NAAM` (control characters removed, at most `MAX_BRON_NAAM` characters), or just
 * "eigen bronmap". Never the folder name of the bronmap.
 */
export function bronVermelding(isDemo: boolean, naam: string | undefined): string {
  if (isDemo) return "fictieve voorbeeldregio, door dit project gegenereerd";
  // eslint-disable-next-line no-control-regex
  const clean = (naam ?? "")
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (clean === "") return "eigen bronmap";
  return clean.length > MAX_BRON_NAAM ? `${clean.slice(0, MAX_BRON_NAAM - 1).trimEnd()}…` : clean;
}
