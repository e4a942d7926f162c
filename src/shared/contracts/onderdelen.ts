/**
 * The metadata parts of the published files, each with the check of everything a page reads of
 * it. A part that travels in several files (`branches` in risicobranches.json, trends.json and
 * catalogus.json) is declared here once; the file contracts next to this module list which parts
 * their file holds. The producer is data-loaders/indicators/bundles-meta.ts (and compute.ts for
 * `jaren`, `koppelingen` and the briefing's `gemeente` and `vergelijkbaar`).
 */
import {
  een,
  geheelGetal,
  getal,
  lijst,
  object,
  ofNull,
  onbepaald,
  optioneel,
  tekst,
  waarOfOnwaar,
  woordenboek,
  type Check,
  type Infer
} from "./check.js";
import {metadataDeel, type GebiedNiveau, type MetadataDeel} from "./envelope.js";

const codeNaam = object({code: tekst, naam: tekst});

// --- regio.json -------------------------------------------------------------------------------

const herkomst = object({
  soort: tekst,
  titel: tekst,
  uitgever: tekst,
  tabel: ofNull(tekst),
  jaar: ofNull(geheelGetal),
  adres: tekst,
  /** Retrieval date, `YYYY-MM-DD`. */
  opgehaald: tekst,
  licentie: tekst,
  bronvermelding: tekst
});

/** One file fetched by `npm run ophalen`, as published (bron.json without hashes and requests). */
export type Herkomst = Infer<typeof herkomst>;

const bronnen = object({
  eigen: object({
    vestigingen: waarOfOnwaar,
    eigendommen: waarOfOnwaar,
    panden: waarOfOnwaar,
    signalen: waarOfOnwaar
  }),
  openbaar: object({
    kerncijfers: waarOfOnwaar,
    politie: waarOfOnwaar,
    referentie: waarOfOnwaar,
    bedrijventerreinen: waarOfOnwaar
  }),
  herkomst: lijst(herkomst)
});

/** What the bronmap holds: own registers, public sources, provenance of fetched files. */
export type Bronnen = Infer<typeof bronnen>;

const regioInfo = object({
  isDemo: waarOfOnwaar,
  regio: codeNaam,
  gemeenten: lijst(codeNaam),
  jaren: lijst(geheelGetal),
  laatsteJaar: optioneel(ofNull(geheelGetal)),
  kerncijferBron: optioneel(tekst),
  /** Absent in bundles made by hand in tests: pages then assume every source is there. */
  bronnen: optioneel(bronnen),
  /** Gemeenten whose kerncijfers of earlier years are a sum of merged gemeenten or lie on other boundaries. */
  indelingswijzigingen: optioneel(
    lijst(object({gemeente: tekst, totJaar: geheelGetal, soort: een("samengevoegd", "grens"), tekst}))
  )
});

/** The `regio` part of regio.json: the region, its gemeenten and years, what the bronmap holds. */
export type RegioInfo = Infer<typeof regioInfo>;
export const REGIO = metadataDeel("regio", "tekst", regioInfo);

const gebied = object({
  code: tekst,
  naam: tekst,
  niveau: een("regio", "gemeente", "wijk", "buurt", "bedrijventerrein") as Check<
    GebiedNiveau | "bedrijventerrein"
  >,
  bovenliggend: ofNull(tekst)
});

/** An area as a `gebiedsnamen` part names it. */
export type Gebied = Infer<typeof gebied>;

const gebiedsnamen = new Map<string, MetadataDeel<Gebied[]>>();

/** A `gebiedsnamen` part named `naam`: a list of areas with code, name, level and parent. */
export function gebiedsnamenDeel(naam: string): MetadataDeel<Gebied[]> {
  let deel = gebiedsnamen.get(naam);
  if (!deel) gebiedsnamen.set(naam, (deel = metadataDeel(naam, "gebiedsnamen", lijst(gebied))));
  return deel;
}

/** The regio and its gemeenten (regio.json). */
export const GEBIEDEN = gebiedsnamenDeel("gebieden");

const deelgebied = object({code: tekst, naam: tekst, gemeenten: lijst(tekst)});

/** A province or RIEC region with its gemeenten. */
export type Deelgebied = Infer<typeof deelgebied>;

const indeling = object({
  provincies: lijst(deelgebied),
  riecs: lijst(deelgebied),
  blokken: lijst(object({code: tekst, gemeenten: lijst(tekst)})),
  bron: tekst,
  zonderIndeling: lijst(tekst)
});

/** The `indeling` part of regio.json: provinces, RIEC regions and the file blocks. */
export type Indeling = Infer<typeof indeling>;
export const INDELING = metadataDeel("indeling", "tekst", indeling);

// --- branches (risicobranches.json, trends.json, catalogus.json) -------------------------------

const brancheGroep = object({
  id: tekst,
  naam: tekst,
  /** Both classifications in one text (`SBI 2008: 56.10.2; SBI 2025: 56.11.2, 56.12`). */
  sbi: tekst,
  /** The codes per classification as people write them (`68; niet 68.20.1`), empty when none. */
  sbi2008: optioneel(tekst),
  sbi2025: optioneel(tekst),
  vergunningOfBibob: waarOfOnwaar,
  kasintensief: waarOfOnwaar,
  /** A sector the seed text calls rising (from the branch list in force). */
  opkomend: optioneel(waarOfOnwaar),
  profiel: tekst,
  bronnen: lijst(tekst),
  kanttekening: optioneel(ofNull(tekst)),
  herkomst: optioneel(een("standaard", "bronmap"))
});

/** A risk branch group of the catalogue, with its qualitative profile. */
export type BrancheGroep = Infer<typeof brancheGroep>;

const overwogenBranche = object({
  naam: tekst,
  sbi2008: tekst,
  sbi2025: tekst,
  besluit: tekst,
  waarom: tekst,
  bronnen: lijst(tekst)
});

/** A branch considered for the default list, with the decision. */
export type OverwogenBranche = Infer<typeof overwogenBranche>;

const referentieBranche = object({id: tekst, sbi: tekst, naam: tekst, risicobranches: lijst(tekst)});

/** A CBS branch of the national reference, with the risk branches in it. */
export type ReferentieBranche = Infer<typeof referentieBranche>;

const branches = object({
  namen: woordenboek(tekst),
  herkomst: optioneel(een("standaard", "bronmap")),
  groepen: lijst(brancheGroep),
  overwogen: optioneel(lijst(overwogenBranche)),
  referentie: optioneel(lijst(referentieBranche)),
  /** Bronmap-wide SBI overview (counts only); the Methode page shows its messages. */
  sbi: optioneel(ofNull(object({meldingen: lijst(tekst)})))
});

/** The `branches` part: names, groups with profiles, considered branches, the CBS reference. */
export type Branches = Infer<typeof branches>;
export const BRANCHES = metadataDeel("branches", "tekst", branches);

// --- catalogus.json ----------------------------------------------------------------------------

const catalogusIndicator = object({
  id: tekst,
  titel: tekst,
  definitie: tekst,
  formule: object({teller: tekst, noemer: optioneel(tekst), schaal: optioneel(tekst)}),
  eenheid: tekst,
  richting: tekst,
  niveaus: lijst(tekst),
  branches: optioneel(lijst(tekst)),
  categorieen: optioneel(lijst(tekst)),
  jaren: tekst,
  bronbestanden: lijst(tekst),
  openbaarheid: tekst,
  thema: tekst,
  kanttekeningen: lijst(tekst)
});

/** An indicator as the catalogue publishes it. */
export type CatalogusIndicator = Infer<typeof catalogusIndicator>;

const catalogus = object({
  indicatoren: lijst(catalogusIndicator),
  signaalcategorieen: optioneel(lijst(object({id: tekst, naam: tekst})))
});

/** The `catalogus` part of catalogus.json. */
export type Catalogus = Infer<typeof catalogus>;
export const CATALOGUS = metadataDeel("catalogus", "tekst", catalogus);

// --- definities.json ---------------------------------------------------------------------------

const definitie = object({id: tekst, titel: tekst, definitie: tekst, eenheid: tekst, richting: tekst});

/** What a story page shows of an indicator: title, definition, unit, direction. */
export type Definitie = Infer<typeof definitie>;

const definities = object({
  indicatoren: lijst(definitie),
  signaalcategorieen: optioneel(lijst(object({id: tekst, naam: tekst})))
});

/** The `definities` part of definities.json: the catalogue as the story pages read it. */
export type Definities = Infer<typeof definities>;
export const DEFINITIES = metadataDeel("definities", "tekst", definities);

// --- componenten (weerbaarheid.json, catalogus.json) --------------------------------------------

const component = object({
  id: tekst,
  naam: tekst,
  bron: optioneel(tekst),
  /** +1: higher is more vulnerable; -1: lower is more vulnerable. */
  teken: getal,
  gewicht: getal,
  waarom: tekst
});

/** One component of the resilience index. */
export type Component = Infer<typeof component>;

const componentJaar = object({
  component: tekst,
  jaar: geheelGetal,
  bronjaar: ofNull(geheelGetal),
  reden: ofNull(tekst)
});

/** A component of the index in one year: the kerncijfers year it rests on, or why none. */
export type ComponentJaar = Infer<typeof componentJaar>;

const misdrijfGroep = object({id: tekst, naam: tekst, waarom: tekst});

/** An offence group of the police figures. */
export type MisdrijfGroep = Infer<typeof misdrijfGroep>;

const componenten = object({
  componenten: lijst(component),
  methode: optioneel(lijst(tekst)),
  misdrijfgroepen: optioneel(lijst(misdrijfGroep)),
  maxJarenTerug: optioneel(geheelGetal),
  jaren: optioneel(lijst(componentJaar))
});

/** The `componenten` part: the index's components, its method in sentences, the offence groups. */
export type Componenten = Infer<typeof componenten>;
export const COMPONENTEN = metadataDeel("componenten", "tekst", componenten);

// --- weerbaarheid.json ---------------------------------------------------------------------------

const telling = object({
  totaal: geheelGetal,
  gepubliceerd: geheelGetal,
  onderdrukt: geheelGetal,
  geenGegevens: geheelGetal
});

const jaren = object({
  indexAlle: lijst(geheelGetal),
  index: lijst(geheelGetal),
  componenten: lijst(geheelGetal),
  telling
});

/**
 * The `jaren` part of weerbaarheid.json (computed by the pipeline from the published cells of
 * the whole region): the years with an index cell, with a published index, with components, and
 * the index cells over all years by status.
 */
export type JarenPart = Infer<typeof jaren>;
export const JAREN = metadataDeel("jaren", "tekst", jaren);

const vergelijkbaarRegio = object({
  jaar: ofNull(geheelGetal),
  variabelen: lijst(tekst),
  gemeenten: woordenboek(lijst(tekst))
});

/** The five most similar gemeenten of every gemeente (weerbaarheid.json). */
export type VergelijkbaarRegio = Infer<typeof vergelijkbaarRegio>;
export const VERGELIJKBAAR_REGIO = metadataDeel("vergelijkbaar", "tekst", vergelijkbaarRegio);

// --- risicolocaties.json -----------------------------------------------------------------------

/** The bedrijventerreinen of a block, with their gemeente as parent. */
export const BEDRIJVENTERREINEN = gebiedsnamenDeel("bedrijventerreinen");

// --- gemeente/<code>.json ------------------------------------------------------------------------

/** The gemeente and its wijken (a briefing). */
export const GEMEENTE = gebiedsnamenDeel("gemeente");

const vergelijkbaar = object({
  jaar: ofNull(geheelGetal),
  variabelen: lijst(tekst),
  gemeenten: lijst(object({code: tekst, naam: tekst, afstand: getal}))
});

/** The five gemeenten most similar to the briefing's gemeente. */
export type Vergelijkbaar = Infer<typeof vergelijkbaar>;
export const VERGELIJKBAAR = metadataDeel("vergelijkbaar", "tekst", vergelijkbaar);

// --- openbaarmaking.json -------------------------------------------------------------------------

const rapportTabel = object({
  id: tekst,
  titel: tekst,
  soort: tekst,
  eenheid: tekst,
  drempel: tekst,
  cellen: geheelGetal,
  gepubliceerd: geheelGetal,
  onderdruktPrimair: geheelGetal,
  onderdruktSecundair: geheelGetal,
  onderdruktAfgeleid: optioneel(geheelGetal),
  afgerond: geheelGetal,
  geenData: optioneel(geheelGetal),
  audit: optioneel(
    object({gecontroleerd: geheelGetal, geslaagd: waarOfOnwaar, kleinsteBreedte: optioneel(ofNull(getal))})
  ),
  brancheHierarchie: optioneel(woordenboek(lijst(tekst)))
});

/** One table of the disclosure report. */
export type RapportTabel = Infer<typeof rapportTabel>;

const rapport = object({
  drempels: woordenboek(getal),
  afronding: waarOfOnwaar,
  tabellen: lijst(rapportTabel),
  /** In the report itself (older builds), or in `openbaarmaking-koppelingen.json` with their number here. */
  koppelingen: optioneel(lijst(tekst)),
  /** The number of relations between tables, when they are in a file of their own. */
  aantalKoppelingen: optioneel(geheelGetal),
  totaal: object({
    cellen: geheelGetal,
    gepubliceerd: geheelGetal,
    onderdruktPrimair: geheelGetal,
    onderdruktSecundair: geheelGetal,
    afgerond: geheelGetal
  }),
  audit: object({
    geslaagd: waarOfOnwaar,
    gecontroleerd: geheelGetal,
    componenten: optioneel(geheelGetal),
    lpOplossingen: optioneel(geheelGetal),
    herstelrondes: optioneel(geheelGetal),
    vrijgegeven: optioneel(geheelGetal),
    solver: optioneel(tekst)
  }),
  /** Cells suppressed beyond primary suppression, and the key totals. */
  informatieverlies: optioneel(
    object({
      extraOnderdrukt: geheelGetal,
      publiceerbaar: geheelGetal,
      aandeel: getal,
      kerntotalen: geheelGetal,
      kerntotalenVerborgen: geheelGetal
    })
  ),
  /** Sub-tables withheld as the gate's last resort. */
  achtergehouden: optioneel(
    lijst(
      object({
        tabel: tekst,
        bovenliggend: ofNull(tekst),
        branche: optioneel(ofNull(tekst)),
        categorie: optioneel(ofNull(tekst)),
        jaar: geheelGetal,
        cellen: geheelGetal,
        reden: tekst
      })
    )
  )
});

/** The disclosure report as the pages read it (the gate's `DisclosureReport` has more). */
export type Rapport = Infer<typeof rapport>;
export const RAPPORT = metadataDeel("rapport", "openbaarmakingsrapport", rapport);

const koppelingen = object({aantal: geheelGetal, bestand: tekst});
export const KOPPELINGEN = metadataDeel("koppelingen", "tekst", koppelingen);

const kerncijferVariabele = object({
  variabele: tekst,
  naam: tekst,
  status: een("gelezen", "omgerekend", "eenheid past niet", "niet in deze tabel"),
  sleutel: optioneel(tekst),
  titel: optioneel(tekst),
  eenheid: optioneel(tekst),
  noemer: optioneel(tekst),
  schaal: optioneel(getal),
  waarden: geheelGetal
});

/** One variable of a kerncijfers file as published in the data-quality report. */
export type KerncijferVariabele = Infer<typeof kerncijferVariabele>;

const kwaliteit = object({
  isDemo: waarOfOnwaar,
  jaren: ofNull(object({first: geheelGetal, last: geheelGetal})),
  bestanden: lijst(
    object({
      bestand: tekst,
      gelezen: geheelGetal,
      geaccepteerd: geheelGetal,
      afgewezen: woordenboek(geheelGetal)
    })
  ),
  /** Per kerncijfers file: its CBS table and where each variable came from. */
  kerncijfers: optioneel(
    lijst(
      object({
        jaren: lijst(geheelGetal),
        tabel: ofNull(object({id: tekst, titel: tekst, versie: tekst})),
        beschrijving: tekst,
        variabelen: lijst(kerncijferVariabele)
      })
    )
  )
});

/** The data-quality report: rows read, accepted and rejected per file and reason. */
export type Kwaliteit = Infer<typeof kwaliteit>;
export const KWALITEIT = metadataDeel("kwaliteit", "kwaliteitsrapport", kwaliteit);

// --- openbaarmaking-koppelingen.json --------------------------------------------------------------

/** The relations between tables, for auditors (no page shows them one by one). */
export const KOPPELINGEN_LIJST = metadataDeel("koppelingen", "tekst", lijst(tekst));

// --- geometry ------------------------------------------------------------------------------------

const gebiedProps = object({code: tekst, naam: tekst, bovenliggend: optioneel(ofNull(tekst))});

/** Properties of an area feature in the published TopoJSON. */
export type GebiedProps = Infer<typeof gebiedProps>;

/**
 * A number of a topology's transform. An empty topology (a gemeente whose buurten were all
 * rejected) has NaN there, since topojson's quantize divides by the zero extent; JSON writes it as
 * null. Neither is drawn: there are no arcs.
 */
const transformGetal: Check<number | null> = (v, pad) =>
  v === null || typeof v === "number" ? v : getal(v, pad);

const topologie = object({
  type: een("Topology"),
  arcs: lijst(onbepaald),
  transform: optioneel(object({scale: lijst(transformGetal), translate: lijst(transformGetal)})),
  objects: woordenboek(
    object({
      type: een("GeometryCollection"),
      geometries: lijst(object({type: ofNull(tekst), properties: gebiedProps}))
    })
  )
});

/**
 * A TopoJSON topology of areas: collections of polygons whose properties name the area (code,
 * naam, parent). The page reads the first object (`gebieden`, or the only one).
 */
export type Topologie = Infer<typeof topologie>;

const geometrieDelen = new Map<string, MetadataDeel<Topologie>>();

/** The geometry of one level, as a metadata part `naam`. */
export function geometrieDeel(naam: string): MetadataDeel<Topologie> {
  let deel = geometrieDelen.get(naam);
  if (!deel) geometrieDelen.set(naam, (deel = metadataDeel(naam, "geometrie", topologie)));
  return deel;
}

/** The check of a topology (also for the geometry files that are one metadata part). */
export const TOPOLOGIE: Check<Topologie> = topologie;
