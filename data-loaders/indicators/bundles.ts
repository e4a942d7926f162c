/**
 * Which published tables and metadata go into which page file, and how a bundle is split over
 * files so that a page loads only what its view shows (split.ts). The names of the parts are the
 * table ids of the catalogue (stable: pages and the open data use them) plus a few metadata
 * parts. docs/indicators.md lists this mapping (generated).
 */
import type {DeelSpec} from "./split.ts";

/** One page file: its tables (by id) and metadata parts (by name, see bundles-meta.ts). */
export interface BundleSpec {
  /** What the page file is for (documentation). */
  doel: string;
  tables: readonly string[];
  metadata: readonly MetadataPart[];
  /**
   * How the cells are split over files (split.ts): the overview file (this name) holds the
   * metadata and the regio's cells, `<naam>/<blok>-<jaar>.json`, `<naam>/<blok>.json` and
   * `<naam>/<gemeente>.json` the rest. Absent: one file.
   */
  delen?: DeelSpec;
  /** How the split is described in docs/indicators.md. */
  delenDoel?: string;
  /**
   * Per table id, the area levels this page shows; the table's other cells (wijken, buurten) are
   * left out of this file (another page's file holds them). Absent: every level.
   */
  niveaus?: Readonly<Record<string, readonly string[]>>;
}

/** Metadata parts the pipeline can publish. */
export type MetadataPart =
  | "regio"
  | "gebieden"
  | "indeling"
  | "branches"
  | "catalogus"
  | "definities"
  | "componenten"
  | "bedrijventerreinen"
  | "vergelijkbaar"
  | "kwaliteit";

/** The gemeente tables of the overview's rankings (overzicht.ts), kept in overzicht.json itself. */
export const OVERZICHT_RANGLIJSTEN: readonly string[] = [
  "vestigingen-per-1000",
  "groei-5-jaar",
  "panden-leeg-aandeel",
  "signalen-per-1000"
];

/**
 * Page files written by the pipeline, by output name of the overview file (the loader in
 * src/data/ has the same name + `.ts`; the parts have a parameterized loader in
 * `src/data/<naam>/[deel].json.ts`).
 */
export const BUNDLES: Readonly<Record<string, BundleSpec>> = {
  "regio.json": {
    doel: "Kerngegevens van de regio: voorbeeld of eigen data, gemeenten, jaren, bron van de kerncijfers, namen van de regio en de gemeenten, en de indeling in provincies en RIEC-regio's (met de blokken waarin de andere bestanden per gebied zijn verdeeld).",
    tables: [],
    metadata: ["regio", "gebieden", "indeling"]
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
      "vestigingen-wijk-per-1000",
      "vestigingen-cbs",
      "locatiequotient-nederland",
      "locatiequotient-cbs"
    ],
    metadata: ["branches"],
    delen: {gemeenten: "per-jaar"},
    delenDoel: "per blok en jaar de cellen van de gemeenten (en hun wijken): de pagina toont steeds één jaar."
  },
  "risicolocaties.json": {
    doel: "Pagina Risicolocaties: buitengebied tegenover de kernen (met per buurt of zij bij het buitengebied hoort en haar signalen per 1.000 inwoners, voor de kaart), leegstaande agrarische gebouwen, bedrijventerreinen (met signalen per terrein en per hectare).",
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
      "bt-verloop",
      "bt-signalen",
      "bt-oppervlakte",
      "bt-signalen-per-ha",
      "buitengebied-buurt",
      "signalen-per-1000"
    ],
    metadata: ["bedrijventerreinen"],
    delen: {
      gemeenten: "per-jaar",
      alleJaren: [
        "panden-agrarisch",
        "panden-leeg",
        "panden-leeg-m2",
        "panden-leeg-aandeel",
        "panden-leeg-index"
      ]
    },
    delenDoel:
      "per blok en jaar de cellen van de gemeenten en hun bedrijventerreinen; de leegstand van agrarische gebouwen per blok over alle jaren (de pagina toont die door de jaren heen)."
  },
  "weerbaarheid.json": {
    doel: "Pagina Weerbare wijken en de werkplaats: kerncijfers, gestandaardiseerde componenten, structurele index en kwetsbaarheidsindex per buurt; signalen per gebied; inwoners per gebied en het beschikbare gewicht van de structurele index per buurt; de vijf vergelijkbare gemeenten van elke gemeente.",
    tables: [
      "signalen",
      "signalen-per-1000",
      "kerncijfers",
      "kwetsbaarheid-z",
      "kwetsbaarheid-z-signalen",
      "kwetsbaarheid-structureel",
      "kwetsbaarheidsindex",
      "inwoners",
      "kwetsbaarheid-gewicht",
      "misdrijven",
      "misdrijven-per-1000"
    ],
    metadata: ["componenten", "vergelijkbaar"],
    delen: {gemeenten: "per-jaar", alleJaren: ["kerncijfers", "kwetsbaarheid-gewicht"], perGemeente: true},
    delenDoel:
      "per blok en jaar de cellen van de gemeenten, wijken en buurten (de kaart van een gebied in één jaar); de ruwe kerncijfers en het beschikbare gewicht per blok over alle jaren (geen pagina toont ze per buurt); en per gemeente al haar cellen van de andere tabellen over alle jaren, met de geometrie van haar wijken en buurten (de keuze van één gemeente)."
  },
  "trends.json": {
    doel: "Pagina Trends: reeksen vanaf 2015 en indexen (eerste jaar = 100) op regio- en gemeenteniveau, en de geregistreerde misdrijven per 1.000 inwoners wanneer de bronmap de politiecijfers heeft.",
    tables: [
      "vestigingen",
      "vestigingen-index",
      "signalen-categorie",
      "signalen-categorie-per-1000",
      "signalen-index",
      "panden-leeg",
      "panden-leeg-index",
      "misdrijven-per-1000"
    ],
    metadata: ["branches"],
    // Registered crime per wijk and buurt is on Weerbare wijken; a trend shows regio and gemeenten.
    niveaus: {"misdrijven-per-1000": ["regio", "gemeente"]},
    delen: {gemeenten: "alle-jaren"},
    delenDoel: "per blok de cellen van de gemeenten over alle jaren: een trend toont alle jaren."
  },
  "catalogus.json": {
    doel: "Methodepagina: de indicatorcatalogus, de risicobranches met hun profiel, de signaalcategorieën en de methode van de kwetsbaarheidsindex.",
    tables: [],
    metadata: ["catalogus", "branches", "componenten"]
  },
  "definities.json": {
    doel: "Verhaalpagina's (Risicobranches, Risicolocaties, Weerbare wijken, Trends): van elke indicator alleen titel, definitie, eenheid en richting, en de namen van de signaalcategorieën; de volledige catalogus (formules, bronnen, branches) staat in catalogus.json, die alleen Methode en Open data laden.",
    tables: [],
    metadata: ["definities"]
  }
};

/** Output files besides the bundles: the disclosure report and geometry per level. */
export const OTHER_FILES: Readonly<Record<string, string>> = {
  "openbaarmaking.json":
    "Openbaarmakingsrapport van deze build (onderdeel `rapport`, zonder de lijst van koppelingen), het aantal koppelingen tussen tabellen met de naam van hun bestand (onderdeel `koppelingen`) en het datakwaliteitsrapport (onderdeel `kwaliteit`: per bestand gelezen, geaccepteerd en afgewezen rijen per reden).",
  "openbaarmaking-koppelingen.json":
    "De koppelingen tussen tabellen uit het openbaarmakingsrapport (onderdeel `koppelingen`: de optelrelaties die een controleur bij de audit toevoegt), los van het rapport omdat geen pagina ze toont.",
  "overzicht.json":
    "Pagina Overzicht: per indicator van BRIEFING_INDICATOREN (zonder wijken) de cellen van de regio voor alle risicobranches samen, zorg en de indicatoren zonder branche, in de laatste twee jaren (tabel-id `briefing-regio-<indicator>`, onderdeelnaam = indicator-id); daarnaast de aantallen `inwoners`, `vestigingen` (alle risicobranches samen) en `signalen` van de regio in dezelfde jaren (OVERZICHT_AANTALLEN: dezelfde waarden als de teltabellen, met dezelfde onderdrukking). Van de gemeenten staan hier alleen de cellen van de ranglijsten van de pagina (OVERZICHT_RANGLIJSTEN); alle cellen van de gemeenten staan per blok in `overzicht/<blok>.json`.",
  "gebieden-gemeente.topojson":
    'TopoJSON van de gemeenten (object `gebieden`, eigenschappen code, naam, bovenliggend), vereenvoudigd en gekwantiseerd, in de metadata-envelop `{schemaVersion, soort: "geometrie", waarde}`.',
  "gebieden-wijk.topojson":
    "Idem voor de wijken van de hele regio (geen pagina laadt dit bestand; de kaarten gebruiken `gebieden/<blok>.json`).",
  "gebieden-buurt.topojson": "Idem voor de buurten van de hele regio (idem).",
  "gebieden/<blok>.json":
    "De wijken en buurten van één blok (onderdelen `wijken` en `buurten`, TopoJSON in de metadata-envelop): de kaart van een gebied. De kaart van één gemeente zit in `weerbaarheid/<gemeente>.json`.",
  "terreinen/<blok>.json":
    "De omtrek van de bedrijventerreinen van één blok (onderdeel `terreinen`, TopoJSON in de metadata-envelop, eigenschappen code, naam en bovenliggend; openbare IBIS-gegevens, niet vereenvoudigd): de kaart van de bedrijventerreinen op Risicolocaties, die het bestand pas laadt als de kaart in beeld komt.",
  "<naam>/<blok>-<jaar>.json, <naam>/<blok>.json, <naam>/<gemeente>.json":
    "De delen van een verdeelde bundel (zie `verdeeld over bestanden` hierboven): de cellen van de gemeenten van één blok in één jaar of over alle jaren, of alle cellen van één gemeente. Een blok is de hele regio bij ten hoogste 50 gemeenten, anders een provincie (`overig` voor gemeenten zonder provincie); welke gemeenten in welk blok zitten staat in het onderdeel `indeling` van `regio.json`.",
  "gemeente/<code>.json":
    "Briefing per gemeente: onderdeel `gemeente` (gebiedsnamen van de gemeente en haar wijken) plus `vergelijkbaar` (de vijf meest vergelijkbare gemeenten op CBS-kerncijfers, src/shared/peers.ts) en per indicator van BRIEFING_INDICATOREN (data-loaders/indicators/briefing.ts) de cellen van de gemeente, haar wijken, haar vijf vergelijkbare gemeenten en de regio (tabel-id `briefing-<code>-<indicator>`, onderdeelnaam = indicator-id). Daarnaast de gepubliceerde aantallen achter de cijfers die de briefing met de regio vergelijkt (BRIEFING_TELLINGEN), van de gemeente en de regio in het laatste jaar: onderdeel `<indicator>/<basis>` (bijvoorbeeld `vestigingen-per-1000/teller` en `/noemer`, `locatiequotient/branche`, `/alle`, `/branche-regio`, `/alle-regio`; tabel-id `briefing-<code>-<indicator>--<basis>`), dezelfde waarden als de teltabellen met dezelfde onderdrukking. Daaruit berekent de pagina of een verschil groter is dan toeval (src/lib/statistiek.ts)."
};
