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
