/**
 * Which published tables and metadata go into which page file. The names of the parts are the
 * table ids of the catalogue (stable: pages and the open data use them) plus a few metadata
 * parts. docs/indicators.md lists this mapping (generated).
 */

/** One page file: its tables (by id) and metadata parts (by name, see bundles-meta.ts). */
export interface BundleSpec {
  /** What the page file is for (documentation). */
  doel: string;
  tables: readonly string[];
  metadata: readonly MetadataPart[];
}

/** Metadata parts the pipeline can publish. */
export type MetadataPart =
  "regio" | "gebieden" | "branches" | "catalogus" | "componenten" | "bedrijventerreinen" | "kwaliteit";

/**
 * Page files written by the pipeline, by output name (the loader in src/data/ has the same name +
 * `.ts`). `.json` files are the gate's JSON; `.arrow` files the same bundle as Arrow IPC (the large
 * ones; decoded in the browser by src/lib/bundle-arrow.ts).
 */
export const BUNDLES: Readonly<Record<string, BundleSpec>> = {
  "regio.json": {
    doel: "Kerngegevens van de regio: voorbeeld of eigen data, gemeenten, jaren, bron van de kerncijfers, gebiedsnamen tot wijkniveau.",
    tables: [],
    metadata: ["regio", "gebieden"]
  },
  "risicobranches.json": {
    doel: "Pagina Risicobranches: aantallen, dichtheid, locatiequotiënt, groei, verloop en eenpersoonsvestigingen per branchegroep, gemeente en jaar; wijken voor alle risicobranches samen.",
    tables: [
      "vestigingen",
      "vestigingen-starts",
      "vestigingen-stops",
      "vestigingen-eenpersoons",
      "vestigingen-per-1000",
      "locatiequotient",
      "groei-5-jaar",
      "verloop",
      "eenpersoons-aandeel",
      "zorgaanbieders",
      "zorg-met-vastgoed",
      "zorg-met-vastgoed-via-holding",
      "zorg-woningen",
      "zorg-ook-risicobranche",
      "zorg-met-vastgoed-per-100",
      "zorg-ook-risicobranche-per-100",
      "vestigingen-wijk",
      "vestigingen-wijk-per-1000"
    ],
    metadata: ["branches"]
  },
  "risicolocaties.json": {
    doel: "Pagina Risicolocaties: buitengebied tegenover de kernen, leegstaande agrarische gebouwen, bedrijventerreinen.",
    tables: [
      "vestigingen-buitengebied",
      "vestigingen-kern",
      "risico-aandeel-buitengebied",
      "risico-aandeel-kern",
      "vestigingen-per-km2-buitengebied",
      "vestigingen-per-km2-kern",
      "signalen-buitengebied",
      "signalen-kern",
      "signalen-per-1000-buitengebied",
      "signalen-per-1000-kern",
      "signalen-per-km2-buitengebied",
      "signalen-per-km2-kern",
      "inwoners-buitengebied",
      "inwoners-kern",
      "oppervlakte-buitengebied",
      "oppervlakte-kern",
      "panden-agrarisch",
      "panden-leeg",
      "panden-leeg-m2",
      "panden-leeg-aandeel",
      "panden-leeg-index",
      "bt-vestigingen",
      "bt-starts",
      "bt-stops",
      "bt-risico-aandeel",
      "bt-verloop"
    ],
    metadata: ["bedrijventerreinen"]
  },
  // Arrow IPC: the largest page file (5 MB as JSON for the demo region, 250 MB nationally).
  "weerbaarheid.arrow": {
    doel: "Pagina Weerbare wijken en de werkplaats: kerncijfers, gestandaardiseerde componenten, structurele index en kwetsbaarheidsindex per buurt; signalen per gebied.",
    tables: [
      "signalen",
      "signalen-per-1000",
      "kerncijfers",
      "kwetsbaarheid-z",
      "kwetsbaarheid-z-signalen",
      "kwetsbaarheid-structureel",
      "kwetsbaarheidsindex"
    ],
    metadata: ["componenten"]
  },
  "trends.json": {
    doel: "Pagina Trends: reeksen vanaf 2015 en indexen (eerste jaar = 100) op regio- en gemeenteniveau.",
    tables: [
      "vestigingen",
      "vestigingen-index",
      "signalen-categorie",
      "signalen-categorie-per-1000",
      "signalen-index",
      "panden-leeg",
      "panden-leeg-index"
    ],
    metadata: ["branches"]
  },
  "noemers.json": {
    doel: "Openbare noemers: inwoners per gebied en jaar, en het beschikbare gewicht van de structurele index per buurt (voor de werkplaats en de tabelweergaven).",
    tables: ["inwoners", "kwetsbaarheid-gewicht"],
    metadata: []
  },
  "catalogus.json": {
    doel: "Methodepagina: de indicatorcatalogus, de risicobranches met hun profiel, de signaalcategorieën en de methode van de kwetsbaarheidsindex.",
    tables: [],
    metadata: ["catalogus", "branches", "componenten"]
  }
};

/** Output files besides the bundles: the disclosure report and geometry per level. */
export const OTHER_FILES: Readonly<Record<string, string>> = {
  "openbaarmaking.json":
    "Openbaarmakingsrapport van deze build (onderdeel `rapport`) en het datakwaliteitsrapport (onderdeel `kwaliteit`: per bestand gelezen, geaccepteerd en afgewezen rijen per reden).",
  "overzicht.json":
    "Pagina Overzicht: per indicator van BRIEFING_INDICATOREN (zonder wijken) de cellen van de regio en elke gemeente voor alle risicobranches samen, zorg en de indicatoren zonder branche, in de laatste twee jaren (tabel-id `briefing-regio-<indicator>`, onderdeelnaam = indicator-id); daarnaast de aantallen `inwoners`, `vestigingen` (alle risicobranches samen) en `signalen` van de regio en elke gemeente in dezelfde jaren (OVERZICHT_AANTALLEN: dezelfde waarden als de teltabellen, met dezelfde onderdrukking).",
  "gebieden-gemeente.topojson":
    'TopoJSON van de gemeenten (object `gebieden`, eigenschappen code, naam, bovenliggend), vereenvoudigd en gekwantiseerd, in de metadata-envelop `{schemaVersion, soort: "geometrie", waarde}`.',
  "gebieden-wijk.topojson": "Idem voor de wijken.",
  "gebieden-buurt.topojson": "Idem voor de buurten.",
  "gemeente/<code>.json":
    "Briefing per gemeente: onderdeel `gemeente` (gebiedsnamen van de gemeente en haar wijken) plus `vergelijkbaar` (de vijf meest vergelijkbare gemeenten op CBS-kerncijfers, src/lib/peers.ts) en per indicator van BRIEFING_INDICATOREN (data-loaders/indicators/briefing.ts) de cellen van de gemeente, haar wijken, haar vijf vergelijkbare gemeenten en de regio (tabel-id `briefing-<code>-<indicator>`, onderdeelnaam = indicator-id)."
};
