/**
 * The indicator catalogue: every published indicator, every risk branch and every component of
 * the resilience index as data. The computations (compute-*.ts) read their SBI lists, weights
 * and directions from here, the methodology page reads it through `catalogus.json`, and
 * docs/indicators.md is generated from it (scripts/generate-indicator-docs.ts). The risk branches
 * are data (data-loaders/sources/risicobranches.json, changed per bronmap by its
 * `risicobranches.csv`): adding one is one entry there plus a known-answer test.
 */
import {SIGNAAL_CATEGORIEEN, SIGNAAL_CATEGORIE_LABELS} from "../sources/categories.ts";
import {STANDAARD_RISICOBRANCHES, type Risicobranche} from "../sources/risicobranches.ts";
import type {Eenheid, UnitKind} from "../disclosure/gate.ts";

export {SIGNAAL_CATEGORIEEN, SIGNAAL_CATEGORIE_LABELS};

/** First year the pipeline publishes (the issue: "every year 2015 onward"). */
export const EERSTE_JAAR = 2015;

/** Code of the whole bronmap as one area (the regio level row, for reference lines). */
export const REGIO_CODE = "RG-BRONMAP";

/** Branch id of "all risk branches together" (sum of the groups). */
export const BRANCHE_RISICO = "risico";
/** Branch id of "all establishments, any SBI code" (denominator of shares and quotients). */
export const BRANCHE_ALLE = "alle";

export type {Risicobranche, BrancheBron, BrancheCodes} from "../sources/risicobranches.ts";

/**
 * The project's default risk branches (data-loaders/sources/risicobranches.json). The list in
 * force for a build is `bronmap.risicobranches` (the bronmap's `risicobranches.csv` may change
 * it); compute modules take it from the pipeline context, never from here.
 */
export const RISICOBRANCHES: readonly Risicobranche[] = STANDAARD_RISICOBRANCHES;

/**
 * Stands for "every risk-branch group of the list in force" in an indicator's `branches`
 * (resolved by `indicatorBranches` when the catalogue is published).
 */
export const ELKE_GROEP = "*";

/** Ids of all branch values in the branch tables: the groups, then `risico`, then `alle`. */
export function brancheIds(list: readonly Risicobranche[]): string[] {
  return [...list.map((b) => b.id), BRANCHE_RISICO, BRANCHE_ALLE];
}

/** Dutch names of every branch id of a list, including the totals. */
export function brancheNamen(list: readonly Risicobranche[]): Record<string, string> {
  return {
    ...Object.fromEntries(list.map((b) => [b.id, b.naam])),
    [BRANCHE_RISICO]: "Alle risicobranches",
    [BRANCHE_ALLE]: "Alle vestigingen"
  };
}

/** Ids of the branch values of the default list (documentation and tests). */
export const BRANCHE_IDS: readonly string[] = brancheIds(RISICOBRANCHES);

/** Dutch names of the branch values of the default list. */
export const BRANCHE_NAMEN: Readonly<Record<string, string>> = brancheNamen(RISICOBRANCHES);

/** The branches of an indicator with `ELKE_GROEP` replaced by the groups of a list. */
export function indicatorBranches(ind: Indicator, list: readonly Risicobranche[]): string[] {
  return ind.branches.flatMap((b) => (b === ELKE_GROEP ? list.map((g) => g.id) : [b]));
}

/** Direction of meaning of an indicator for the narrative and the colour scales. */
export type Richting = "hoger = meer risico" | "hoger = minder risico" | "neutraal";

/** Themes (pages) the indicators belong to. */
export type Thema = "risicobranches" | "risicolocaties" | "weerbare-wijken" | "trends" | "noemers";

/** Area levels of the published cells. */
export type Niveau = "regio" | "gemeente" | "wijk" | "buurt" | "bedrijventerrein";

/** One indicator of the catalogue (one published table). */
export interface Indicator {
  /** Table id in the gate and the open data (`indicator` column). */
  id: string;
  titel: string;
  definitie: string;
  /** Numerator and denominator in words (derived values), or what is counted. */
  formule: {teller: string; noemer?: string; schaal?: string};
  eenheid: Eenheid;
  richting: Richting;
  niveaus: readonly Niveau[];
  /** Branch ids the table has (empty when it has no branch dimension). */
  branches: readonly string[];
  /** Category values (signal categories, kwetsbaarheid components), empty when none. */
  categorieen: readonly string[];
  /** Which years: all years from EERSTE_JAAR to the last year of the bronmap, or fewer. */
  jaren: string;
  bronbestanden: readonly string[];
  /**
   * Disclosure class: the unit kind of a count table (its threshold), `publiek` for CBS figures,
   * or `afgeleid` for a value the gate derives with inherited suppression.
   */
  openbaarheid: UnitKind | "afgeleid" | "omvang";
  thema: Thema;
  kanttekeningen: readonly string[];
}

const ALLE_JAREN = `elk jaar vanaf ${EERSTE_JAAR} tot en met het laatste jaar van de bronmap`;
const VOORRAAD =
  "Een vestiging telt mee in jaar j als zij op 31 december van j ingeschreven is (inschrijving op of voor 31 december, geen uitschrijving of een uitschrijving na 31 december).";
const GROEP_BRANCHES = [ELKE_GROEP, BRANCHE_RISICO, BRANCHE_ALLE];
/**
 * The one definition of the buitengebied (issue 15): whole buurten, for records and denominators
 * alike. Source of stedelijkheid: CBS, begrip "Stedelijkheid" (klasse 5 "niet stedelijk": minder
 * dan 500 adressen per km² omgevingsadressendichtheid), https://vocabs.cbs.nl/def/begrippen/109.
 */
export const BUITENGEBIED_DEFINITIE =
  "Het buitengebied bestaat uit hele buurten: een buurt hoort erbij als meer dan de helft van haar oppervlakte in het vlak van buitengebied.geojson ligt, of, zonder dat bestand, als haar stedelijkheid in de CBS-kerncijfers (laatste jaar met die variabele) klasse 5 'niet stedelijk' is: een omgevingsadressendichtheid van minder dan 500 adressen per km² (CBS, begrip Stedelijkheid, https://vocabs.cbs.nl/def/begrippen/109). De kernen zijn alle andere buurten. Vestigingen en signalen tellen mee bij de buurt waarin ze liggen, dus teller en noemer (inwoners, km²) gebruiken dezelfde indeling.";

/** The short reference in every other buitengebied/kern definition (the catalogue file stays small). */
export const KERN_BUITEN =
  "Buitengebied en kernen zijn hele buurten, voor tellers en noemers gelijk (zie 'Buurt in het buitengebied').";

/** Components of the resilience (kwetsbaarheid) index: kerncijfers plus local signals. */
export interface KwetsbaarheidComponent {
  /** Category value in the component tables. */
  id: string;
  naam: string;
  /** Kerncijfer variable (data-loaders/sources/kerncijfer-variabelen.ts), or `signalen`. */
  bron: string;
  /**
   * `waarde`: the variable as CBS publishes it (or as the reader derived it); `per-1000-inwoners`:
   * a count turned into a rate with the inhabitants of the same area and year.
   */
  vorm: "waarde" | "per-1000-inwoners";
  /** Unit of the published component value. */
  eenheid: Eenheid;
  /** +1 when a higher value means more vulnerable, -1 when it means less vulnerable. */
  teken: 1 | -1;
  /** Default weight in the index (the workshop page lets people change it). */
  gewicht: number;
  /**
   * The id of a component this one takes the place of: in a year in which this component has
   * values, the other is left out (CBS replaced the measure).
   */
  vervangt?: string;
  waarom: string;
}

/**
 * Default components and weights, as data: a component is one entry here. Only topics that the
 * CBS Kerncijfers wijken en buurten really have per buurt (the DataProperties of 2017, 2020 and
 * 2024 in data-loaders/sources/cbs-tabellen.json); no KWB table has a topic on residential
 * mobility, so the index has none. Equal weights: the literature gives no defensible ranking, and
 * equal weights are the easiest to explain in a workshop; signals weigh double because they are
 * the only direct observation of ondermijning among the components.
 */
export const KWETSBAARHEID_COMPONENTEN: readonly KwetsbaarheidComponent[] = [
  {
    id: "eenpersoonshuishoudens",
    naam: "Eenpersoonshuishoudens (%)",
    bron: "eenpersoonshuishoudens_pct",
    vorm: "waarde",
    eenheid: "procent",
    teken: 1,
    gewicht: 1,
    waarom: "Minder sociale controle."
  },
  {
    id: "gemiddeld-inkomen",
    naam: "Gemiddeld inkomen per inwoner",
    bron: "gemiddeld_inkomen",
    vorm: "waarde",
    eenheid: "x1000-euro",
    teken: -1,
    gewicht: 1,
    waarom: "Lager inkomen maakt ontvankelijker voor criminele verdienmodellen."
  },
  {
    id: "laag-inkomen",
    naam: "Huishoudens met een laag inkomen (%)",
    bron: "laag_inkomen_pct",
    vorm: "waarde",
    eenheid: "procent",
    teken: 1,
    gewicht: 1,
    waarom: "Financiële kwetsbaarheid."
  },
  {
    id: "armoede",
    naam: "Personen in armoede (%)",
    bron: "armoede_pct",
    vorm: "waarde",
    eenheid: "procent",
    teken: 1,
    gewicht: 1,
    vervangt: "laag-inkomen",
    waarom:
      "Financiële kwetsbaarheid. Het CBS meet armoede vanaf verslagjaar 2024 per persoon; deze maat neemt dan de plaats in van huishoudens met een laag inkomen, zodat armoede niet twee keer meetelt."
  },
  {
    id: "bijstand",
    naam: "Bijstandsuitkeringen per 1.000 inwoners",
    bron: "bijstand",
    vorm: "per-1000-inwoners",
    eenheid: "per-1000",
    teken: 1,
    gewicht: 1,
    waarom: "Financiële kwetsbaarheid."
  },
  {
    id: "ao-uitkering",
    naam: "Uitkeringen wegens arbeidsongeschiktheid (AO) per 1.000 inwoners",
    bron: "ao_uitkering",
    vorm: "per-1000-inwoners",
    eenheid: "per-1000",
    teken: 1,
    gewicht: 1,
    waarom: "Gaat samen met financiële kwetsbaarheid en minder deelname aan betaald werk."
  },
  {
    id: "wmo",
    naam: "Wmo-cliënten per 1.000 inwoners",
    bron: "wmo_per_1000",
    vorm: "waarde",
    eenheid: "per-1000",
    teken: 1,
    gewicht: 1,
    waarom:
      "Kwetsbare personen die met ondersteuning thuis wonen: de groep die volgens het seed-blog vaker doelwit is van misbruik van hun woning of zorg."
  },
  {
    id: "jeugdzorg",
    naam: "Jongeren met jeugdzorg (%)",
    bron: "jeugdzorg_pct",
    vorm: "waarde",
    eenheid: "procent",
    teken: 1,
    gewicht: 1,
    waarom: "Hangt samen met kwetsbare gezinssituaties; jongeren zijn een doelgroep van criminele werving."
  },
  {
    id: "onbewoond",
    naam: "Onbewoonde woningen (%)",
    bron: "onbewoond_pct",
    vorm: "waarde",
    eenheid: "procent",
    teken: 1,
    gewicht: 1,
    waarom: "Leegstand biedt ruimte voor criminele bewoning en opslag."
  },
  {
    id: "corporatiebezit",
    naam: "Woningen van een corporatie (%)",
    bron: "corporatie_pct",
    vorm: "waarde",
    eenheid: "procent",
    teken: 1,
    gewicht: 1,
    waarom: "Concentratie van kwetsbare huishoudens."
  },
  {
    id: "woz",
    naam: "Gemiddelde WOZ-waarde",
    bron: "woz",
    vorm: "waarde",
    eenheid: "x1000-euro",
    teken: -1,
    gewicht: 1,
    waarom: "Lage woningwaarde hangt samen met achterstand."
  },
  {
    id: "bevolkingsdichtheid",
    naam: "Bevolkingsdichtheid",
    bron: "bevolkingsdichtheid",
    vorm: "waarde",
    eenheid: "per-km2",
    teken: 1,
    gewicht: 1,
    waarom: "Anonimiteit in dichtbebouwde buurten."
  },
  {
    id: "signalen",
    naam: "Signalen per 1.000 inwoners",
    bron: "signalen",
    vorm: "per-1000-inwoners",
    eenheid: "per-1000",
    teken: 1,
    gewicht: 2,
    waarom: "Directe waarneming van ondermijning; weegt daarom dubbel."
  }
];

/**
 * CBS publishes income, benefits and care figures per buurt a year or two after the population:
 * a component uses the latest year with values, at most this many years before the published year.
 */
export const KERNCIJFERS_MAX_JAREN_TERUG = 2;

/** How the resilience index is computed (shown on the methodology page). */
export const KWETSBAARHEID_METHODE = [
  "Per jaar wordt elk kerncijfercomponent gestandaardiseerd over alle buurten van de bronmap: z = (waarde - gemiddelde) / standaardafwijking (populatie), over de buurten waarvoor de waarde bekend is. Bijstand en uitkeringen wegens arbeidsongeschiktheid tellen als uitkeringen per 1.000 inwoners (van hetzelfde gebied en jaar).",
  `Het CBS publiceert inkomen, uitkeringen en zorg per buurt een of twee jaar na de bevolking. Elk component gebruikt daarom het laatste jaar met cijfers, hoogstens ${KERNCIJFERS_MAX_JAREN_TERUG} jaar terug; welk jaar dat is, staat per component en jaar op deze pagina. Heeft een component in die jaren geen cijfers, dan telt het dat jaar niet mee, met de reden erbij.`,
  "Het teken wordt zo gekozen dat hoger altijd kwetsbaarder betekent (inkomen en WOZ-waarde tellen omgekeerd).",
  "De structurele index is het gewogen gemiddelde van de beschikbare kerncijfercomponenten (standaardgewicht 1); een buurt heeft alleen een structurele index als minstens 40% van het gewicht van die componenten bekend is (het CBS houdt in kleine buurten inkomen en uitkeringen geheim; met de helft zouden juist zulke buurten wegvallen).",
  "Het signalencomponent is de relatieve afwijking van de buurt ten opzichte van de regio: (signalen per 1.000 inwoners in de buurt / signalen per 1.000 inwoners in de regio) - 1, begrensd op -3 en 3. Het rust zo alleen op gepubliceerde tellingen: een gemiddelde over buurten zou de som van onderdrukte buurten verraden.",
  "De kwetsbaarheidsindex = (beschikbaar structureel gewicht × structurele index + 2 × signalencomponent) / (beschikbaar structureel gewicht + 2). Is het aantal signalen van een buurt onderdrukt, dan is ook deze index onderdrukt; de structurele index blijft dan zichtbaar.",
  "De index is dimensieloos: 0 is het gemiddelde van de buurten in de regio, hoger is kwetsbaarder. De werkplaats herberekent de index in de browser met eigen gewichten uit de gepubliceerde gestandaardiseerde componenten."
] as const;

/** Bound of the signal component (relative deviation), so that one tiny buurt cannot dominate. */
export const SIGNALEN_COMPONENT_GRENS = 3;

/** Minimum share of the structural weight that must be available for a structural index. */
export const KWETSBAARHEID_MIN_AANDEEL = 0.4;

/** What a count entry of the catalogue names; everything else follows from it being a count. */
interface TellingSpec {
  id: string;
  titel: string;
  /** What is counted (also the formula's numerator). */
  definitie: string;
  /** The unit kind of the counted things (its threshold), or `publiek` for CBS figures. */
  openbaarheid: UnitKind;
  thema: Thema;
  niveaus: readonly Niveau[];
  branches?: readonly string[];
  categorieen?: readonly string[];
  bronbestanden: readonly string[];
  kanttekeningen?: readonly string[];
}

/** A count indicator (unit `aantal`, no direction of meaning, every year). */
function telling(spec: TellingSpec): Indicator {
  return {
    id: spec.id,
    titel: spec.titel,
    definitie: spec.definitie,
    formule: {teller: spec.definitie},
    eenheid: "aantal",
    richting: "neutraal",
    niveaus: spec.niveaus,
    branches: spec.branches ?? [],
    categorieen: spec.categorieen ?? [],
    jaren: ALLE_JAREN,
    bronbestanden: spec.bronbestanden,
    openbaarheid: spec.openbaarheid,
    thema: spec.thema,
    kanttekeningen: spec.kanttekeningen ?? []
  };
}

/** What a derived entry of the catalogue names (a value the gate derives from counts). */
interface AfgeleidSpec {
  id: string;
  titel: string;
  definitie: string;
  formule: Indicator["formule"];
  eenheid: Eenheid;
  richting: Richting;
  thema: Thema;
  niveaus: readonly Niveau[];
  branches?: readonly string[];
  categorieen?: readonly string[];
  bronbestanden: readonly string[];
  kanttekeningen?: readonly string[];
  /** Which years, when not every year of the bronmap. */
  jaren?: string;
}

/** A derived indicator: it inherits the suppression of the counts it rests on. */
function afgeleid(spec: AfgeleidSpec): Indicator {
  return {
    id: spec.id,
    titel: spec.titel,
    definitie: spec.definitie,
    formule: spec.formule,
    eenheid: spec.eenheid,
    richting: spec.richting,
    niveaus: spec.niveaus,
    branches: spec.branches ?? [],
    categorieen: spec.categorieen ?? [],
    jaren: spec.jaren ?? ALLE_JAREN,
    bronbestanden: spec.bronbestanden,
    openbaarheid: "afgeleid",
    thema: spec.thema,
    kanttekeningen: spec.kanttekeningen ?? []
  };
}

const CATS = [...SIGNAAL_CATEGORIEEN];
const KWB = ["kerncijfers/*"];
const VEST = ["vestigingen.csv"];
const SIG = ["signalen.csv"];
const PAND = ["panden.csv"];
const LIGGING = ["gebieden/buurten.geojson", "buitengebied.geojson"];
const RG: readonly Niveau[] = ["regio", "gemeente"];
const ALL: readonly Niveau[] = ["regio", "gemeente", "wijk", "buurt"];
const RB = [BRANCHE_RISICO, BRANCHE_ALLE];
const KOMP_PUBLIEK = KWETSBAARHEID_COMPONENTEN.filter((c) => c.bron !== "signalen").map((c) => c.id);
const VERSCHIL_GROEP =
  "Op wijkniveau alleen voor alle risicobranches samen en alle vestigingen: per branche zijn wijkaantallen bijna altijd kleiner dan de drempel en zouden ze alleen extra onderdrukking veroorzaken.";

const ZORG_GEMEENTE =
  "Een zorgaanbieder telt één keer, in de gemeente waar de meeste van zijn zorgvestigingen liggen (bij gelijke stand de laagste gemeentecode), zodat de regio de som van de gemeenten is.";
const ZORG_WONING =
  "Een woning is een object met gebruiksdoel woonfunctie; het telt mee als het op of voor 31 december is verkregen en niet op of voor 31 december is vervreemd (datum_vervreemding).";
const ZORG_HOLDING =
  "De holding is het moeder_kvk_nummer van de vestigingen; zonder die kolom telt alleen eigendom op het eigen KvK-nummer.";

const STROMEN =
  "Per branchegroep alleen voor de regio; per gemeente alleen voor alle risicobranches samen en alle vestigingen. Per groep en gemeente zijn de aantallen bijna altijd kleiner dan de drempel, en de voorraad-stroomrelatie (voorraad = vorige voorraad + starts - stops) verbindt alle jaren: publiceren zou alleen extra onderdrukking opleveren.";

// ---------------------------------------------------------------------------------------------
// Public sources besides the kerncijfers (issue 16): registered crime per area (politie/, CBS
// 47018NED) and establishments per gemeente and CBS branch (referentie/, CBS 81575NED), the
// national reference. A bronmap of public data only has these, not the gemeente's own registers.

/** Code of Nederland as an area of the reference tables (the CBS code of the country). */
export const NEDERLAND_CODE = "NL01";

/** An offence group of the police figures shown in the atlas: a named set of police codes. */
export interface MisdrijfGroep {
  /** Category value in the `misdrijven` tables. */
  id: string;
  naam: string;
  /** Codes of the police classification (47018NED `SoortMisdrijf`, without padding). */
  codes: readonly string[];
  waarom: string;
}

/**
 * Offence groups published per area: all offences, and the groups the literature ties to
 * ondermijning (drug trade, human trafficking and smuggling, arms trade, fraud, fires and
 * explosions, environmental crime such as drug-waste dumping). A group is the sum of its codes.
 */
export const MISDRIJF_GROEPEN: readonly MisdrijfGroep[] = [
  {id: "totaal", naam: "Alle misdrijven", codes: ["0.0.0"], waarom: "Het totaal, als achtergrond."},
  {
    id: "drugshandel",
    naam: "Drugshandel",
    codes: ["3.1.1"],
    waarom: "Kern van de criminele economie achter ondermijning."
  },
  {
    id: "mensenhandel",
    naam: "Mensenhandel en -smokkel",
    codes: ["1.6.3", "3.1.2"],
    waarom: "Uitbuiting, vaak via legale bedrijven (schoonheidssalons, horeca, uitzendwerk)."
  },
  {
    id: "wapenhandel",
    naam: "Wapenhandel",
    codes: ["3.1.3"],
    waarom: "Hoort bij georganiseerde criminaliteit."
  },
  {
    id: "fraude",
    naam: "Fraude",
    codes: ["3.9.1", "3.9.2", "3.9.3"],
    waarom: "Witwassen en misbruik van publiek geld lopen vaak via fraude."
  },
  {
    id: "brand-explosie",
    naam: "Brand en ontploffing",
    codes: ["1.6.1"],
    waarom: "Aanslagen met explosieven op panden en bedrijven zijn een bekend teken van afrekeningen."
  },
  {
    id: "milieu-afval",
    naam: "Bodem- en afvaldelicten",
    codes: ["2.6.2", "2.6.4"],
    waarom: "Hier vallen ook dumpingen van drugsafval onder."
  }
];

/**
 * A CBS branch of the national reference shown in the atlas, with the risk branches of
 * `RISICOBRANCHES` it contains. Matched on the SBI code at the start of the CBS branch title
 * (`I Horeca`, `56 Eet- en drinkgelegenheden`); names are ours, not the input's.
 */
export interface ReferentieBranche {
  /** Branch value in the reference tables: `sbi-<code>`, or `alle` for A-U. */
  id: string;
  /** SBI code as CBS writes it in the title: `A-U`, `I`, `56`. */
  sbi: string;
  naam: string;
  /** Risk branches (ids) that lie within this CBS branch. */
  risicobranches: readonly string[];
}

/**
 * The CBS branches of 81575NED the public story shows: the total and the sections and divisions
 * that hold the risk branches. The CBS table has no finer codes per gemeente (fastfood, 56.10.2,
 * is part of 56), so these are the public counterparts of the risk branches, not the branches
 * themselves.
 */
export const REFERENTIE_BRANCHES: readonly ReferentieBranche[] = [
  {id: BRANCHE_ALLE, sbi: "A-U", naam: "Alle bedrijfstakken", risicobranches: []},
  {
    id: "sbi-I",
    sbi: "I",
    naam: "Horeca (logies, eten en drinken)",
    risicobranches: ["fastfood", "vakantieparken", "horeca"]
  },
  {
    id: "sbi-55",
    sbi: "55",
    naam: "Logiesverstrekking (hotels, vakantieparken, campings)",
    risicobranches: ["vakantieparken", "horeca"]
  },
  {
    id: "sbi-56",
    sbi: "56",
    naam: "Eet- en drinkgelegenheden (waaronder fastfood)",
    risicobranches: ["fastfood", "horeca"]
  },
  {
    id: "sbi-G",
    sbi: "G",
    naam: "Handel (waaronder autohandel en kunsthandel)",
    risicobranches: ["autohandel", "kunsthandel"]
  },
  {id: "sbi-H", sbi: "H", naam: "Vervoer en opslag", risicobranches: ["transport"]},
  {id: "sbi-L", sbi: "L", naam: "Verhuur en handel van onroerend goed", risicobranches: ["vastgoed"]},
  {
    id: "sbi-N",
    sbi: "N",
    naam: "Verhuur en overige zakelijke diensten (waaronder autoverhuur)",
    risicobranches: ["autoverhuur"]
  },
  {id: "sbi-Q", sbi: "Q", naam: "Gezondheids- en welzijnszorg", risicobranches: ["zorg"]},
  {
    id: "sbi-S",
    sbi: "S",
    naam: "Overige dienstverlening (waaronder kappers, schoonheid en wellness)",
    risicobranches: ["kappers", "schoonheid", "wellness"]
  }
];

const POLITIE = ["politie/*"];
const REFERENTIE = ["referentie/*"];
const MISDRIJF_IDS = MISDRIJF_GROEPEN.map((g) => g.id);
const REF_IDS = REFERENTIE_BRANCHES.map((b) => b.id);
const REF_ZONDER_ALLE = REF_IDS.filter((b) => b !== BRANCHE_ALLE);
const OPENBAAR_AL =
  "Openbare aantallen die al geaggregeerd zijn; ze gaan toch door de publicatiepoort, zoals elk getal.";

/** Indicators from the public police and CBS business figures (added to `INDICATOREN`). */
const PUBLIEKE_INDICATOREN: readonly Indicator[] = [
  {
    ...telling({
      id: "misdrijven",
      titel: "Geregistreerde misdrijven",
      definitie:
        "Aantal door de politie geregistreerde misdrijven per gebied, jaar en groep misdrijven (CBS/Politie, tabel 47018NED). Een groep is de som van haar soorten.",
      openbaarheid: "publiek",
      thema: "weerbare-wijken",
      niveaus: ALL,
      categorieen: MISDRIJF_IDS,
      bronbestanden: POLITIE,
      kanttekeningen: [
        OPENBAAR_AL,
        "De regio is de som van de gemeenten waarvoor de politie een aantal publiceert; een groep telt alleen de soorten die de bron publiceert.",
        "Geregistreerd is niet gepleegd: de cijfers hangen ook af van aangiftebereidheid en van de inzet van de politie."
      ]
    }),
    openbaarheid: "publiek"
  },
  afgeleid({
    id: "misdrijven-per-1000",
    titel: "Geregistreerde misdrijven per 1.000 inwoners",
    definitie: "Geregistreerde misdrijven van de groep per 1.000 inwoners van het gebied.",
    formule: {teller: "misdrijven", noemer: "inwoners", schaal: "× 1.000"},
    eenheid: "per-1000",
    richting: "hoger = meer risico",
    thema: "weerbare-wijken",
    niveaus: ALL,
    categorieen: MISDRIJF_IDS,
    bronbestanden: [...POLITIE, ...KWB],
    kanttekeningen: ["Alleen in jaren met zowel politiecijfers als kerncijfers (inwoners)."]
  }),
  {
    ...telling({
      id: "vestigingen-cbs",
      titel: "Vestigingen per bedrijfstak (CBS)",
      definitie:
        "Aantal vestigingen van bedrijven per gemeente en bedrijfstak volgens het CBS (tabel 81575NED), de openbare tegenhanger van het eigen vestigingenregister; ook voor Nederland (NL01) als referentie.",
      openbaarheid: "publiek",
      thema: "risicobranches",
      niveaus: ["regio", "gemeente"],
      branches: REF_IDS,
      bronbestanden: REFERENTIE,
      kanttekeningen: [
        OPENBAAR_AL,
        "Alleen secties en afdelingen van de SBI: de risicobranches zelf (bijvoorbeeld fastfood, 56.10.2) staan niet per gemeente in deze tabel.",
        "De regio is de som van de gemeenten met een waarde; Nederland is de landelijke rij van de tabel, of anders de som van alle gemeenten."
      ]
    }),
    openbaarheid: "publiek"
  },
  afgeleid({
    id: "locatiequotient-nederland",
    titel: "Locatiequotiënt tegenover Nederland (CBS-bedrijfstakken)",
    definitie:
      "Aandeel van de bedrijfstak in alle vestigingen van het gebied, gedeeld door dat aandeel in heel Nederland. 1 = even sterk vertegenwoordigd als landelijk.",
    formule: {
      teller: "vestigingen-cbs(bedrijfstak) / vestigingen-cbs(alle) in het gebied",
      noemer: "vestigingen-cbs(bedrijfstak) / vestigingen-cbs(alle) in Nederland"
    },
    eenheid: "index",
    richting: "hoger = meer risico",
    thema: "risicobranches",
    niveaus: ["regio", "gemeente"],
    branches: REF_ZONDER_ALLE,
    bronbestanden: REFERENTIE
  }),
  afgeleid({
    id: "locatiequotient-cbs",
    titel: "Locatiequotiënt tegenover de regio (CBS-bedrijfstakken)",
    definitie:
      "Aandeel van de bedrijfstak in alle vestigingen van de gemeente, gedeeld door dat aandeel in de hele regio (CBS-aantallen). 1 = even sterk vertegenwoordigd als in de regio.",
    formule: {
      teller: "vestigingen-cbs(bedrijfstak) / vestigingen-cbs(alle) in de gemeente",
      noemer: "vestigingen-cbs(bedrijfstak) / vestigingen-cbs(alle) in de regio"
    },
    eenheid: "index",
    richting: "hoger = meer risico",
    thema: "risicobranches",
    niveaus: ["gemeente"],
    branches: REF_ZONDER_ALLE,
    bronbestanden: REFERENTIE,
    kanttekeningen: ["Bij een bronmap van één gemeente is dit altijd 1: vergelijk dan met Nederland."]
  })
];

/** Every published indicator, in the order of the methodology page. */
export const INDICATOREN: readonly Indicator[] = [
  // Noemers (public figures the rates rest on)
  {
    ...telling({
      id: "inwoners",
      titel: "Inwoners",
      definitie: "Aantal inwoners op 1 januari (CBS Kerncijfers wijken en buurten).",
      openbaarheid: "publiek",
      thema: "noemers",
      niveaus: ALL,
      bronbestanden: KWB
    }),
    openbaarheid: "publiek",
    kanttekeningen: [
      "De regio is de som van de gemeenten; ontbreekt een gemeente, dan ontbreekt de regio.",
      "Gemeenten die na het jaar van de kerncijfers zijn samengevoegd, worden opgeteld tot de gemeente van de gebiedsbestanden (gemeentelijke herindelingen); een gemeente die over meer gemeenten is verdeeld, telt voor de regio mee als al haar opvolgers in de bronmap liggen."
    ]
  },
  {
    ...telling({
      id: "inwoners-buitengebied",
      titel: "Inwoners in het buitengebied",
      definitie: `Som van de inwoners van de buitengebiedbuurten. ${KERN_BUITEN}`,
      openbaarheid: "publiek",
      thema: "noemers",
      niveaus: RG,
      bronbestanden: [...KWB, ...LIGGING]
    }),
    openbaarheid: "publiek"
  },
  {
    ...telling({
      id: "inwoners-kern",
      titel: "Inwoners in de kernen",
      definitie: `Som van de inwoners van de kernbuurten. ${KERN_BUITEN}`,
      openbaarheid: "publiek",
      thema: "noemers",
      niveaus: RG,
      bronbestanden: [...KWB, ...LIGGING]
    }),
    openbaarheid: "publiek"
  },
  {
    ...telling({
      id: "oppervlakte-buitengebied",
      titel: "Oppervlakte buitengebied",
      definitie: `Landoppervlakte (km²) van de buitengebiedbuurten. ${KERN_BUITEN}`,
      openbaarheid: "publiek",
      thema: "noemers",
      niveaus: RG,
      bronbestanden: LIGGING
    }),
    eenheid: "km2",
    openbaarheid: "publiek"
  },
  {
    ...telling({
      id: "oppervlakte-kern",
      titel: "Oppervlakte kernen",
      definitie: `Landoppervlakte (km²) van de kernbuurten. ${KERN_BUITEN}`,
      openbaarheid: "publiek",
      thema: "noemers",
      niveaus: RG,
      bronbestanden: LIGGING
    }),
    eenheid: "km2",
    openbaarheid: "publiek"
  },

  // Risicobranches
  telling({
    id: "vestigingen",
    titel: "Vestigingen",
    definitie: `Aantal vestigingen per risicobranche. ${VOORRAAD}`,
    openbaarheid: "vestigingen",
    thema: "risicobranches",
    niveaus: RG,
    branches: GROEP_BRANCHES,
    bronbestanden: VEST
  }),
  telling({
    id: "vestigingen-wijk",
    titel: "Vestigingen per wijk",
    definitie: `Aantal vestigingen per wijk, alle risicobranches samen en alle vestigingen. ${VOORRAAD}`,
    openbaarheid: "vestigingen",
    thema: "risicobranches",
    niveaus: ["wijk"],
    branches: RB,
    bronbestanden: VEST,
    kanttekeningen: [
      VERSCHIL_GROEP,
      "Vestigingen zonder wijk staan in een restgebied <gemeentecode>-ONBEKEND, zodat de wijken optellen tot de gemeente."
    ]
  }),
  telling({
    id: "vestigingen-starts",
    titel: "Nieuwe vestigingen",
    definitie: "Aantal vestigingen met een inschrijving in het jaar.",
    openbaarheid: "vestigingen",
    thema: "risicobranches",
    niveaus: RG,
    branches: GROEP_BRANCHES,
    bronbestanden: VEST,
    kanttekeningen: [STROMEN]
  }),
  telling({
    id: "vestigingen-stops",
    titel: "Opgeheven vestigingen",
    definitie: "Aantal vestigingen met een uitschrijving in het jaar.",
    openbaarheid: "vestigingen",
    thema: "risicobranches",
    niveaus: RG,
    branches: GROEP_BRANCHES,
    bronbestanden: VEST,
    kanttekeningen: [STROMEN]
  }),
  telling({
    id: "vestigingen-eenpersoons",
    titel: "Eenpersoonsvestigingen",
    definitie: "Aantal vestigingen met precies één werkzame persoon.",
    openbaarheid: "vestigingen",
    thema: "risicobranches",
    niveaus: RG,
    branches: GROEP_BRANCHES,
    bronbestanden: VEST,
    kanttekeningen: ["Vestigingen zonder opgave van werkzame personen tellen niet als eenpersoonsvestiging."]
  }),
  telling({
    id: "zorgaanbieders",
    titel: "Zorgaanbieders",
    definitie: `Aantal zorgaanbieders: KvK-nummers met op 31 december minstens één vestiging in de risicobranche zorg. ${ZORG_GEMEENTE}`,
    openbaarheid: "vestigingen",
    thema: "risicobranches",
    niveaus: RG,
    branches: ["zorg"],
    bronbestanden: VEST
  }),
  telling({
    id: "zorg-met-vastgoed",
    titel: "Zorgaanbieders met woningen",
    definitie: `Aantal zorgaanbieders (KvK-nummers in de risicobranche zorg) die op 31 december zelf of via hun holding minstens één woning in eigendom hebben. ${ZORG_WONING} ${ZORG_GEMEENTE}`,
    openbaarheid: "vestigingen",
    thema: "risicobranches",
    niveaus: RG,
    branches: ["zorg"],
    bronbestanden: [...VEST, "eigendommen.csv"],
    kanttekeningen: [ZORG_HOLDING, "Een woning zonder verkrijgingsdatum telt in alle jaren mee."]
  }),
  telling({
    id: "zorg-met-vastgoed-via-holding",
    titel: "Zorgaanbieders met woningen via hun holding",
    definitie: `Aantal zorgaanbieders met woningen (zie zorg-met-vastgoed) van wie minstens één woning op 31 december in eigendom is van hun holding (moeder_kvk_nummer). ${ZORG_GEMEENTE}`,
    openbaarheid: "vestigingen",
    thema: "risicobranches",
    niveaus: RG,
    branches: ["zorg"],
    bronbestanden: [...VEST, "eigendommen.csv"],
    kanttekeningen: [ZORG_HOLDING]
  }),
  telling({
    id: "zorg-woningen",
    titel: "Woningen van zorgaanbieders",
    definitie: `Aantal woningen dat op 31 december in eigendom is van een zorgaanbieder of van diens holding, elke woning één keer (object_id), in de gemeente waar de woning ligt. ${ZORG_WONING}`,
    openbaarheid: "woningen",
    thema: "risicobranches",
    niveaus: RG,
    branches: ["zorg"],
    bronbestanden: [...VEST, "eigendommen.csv"],
    kanttekeningen: [ZORG_HOLDING]
  }),
  telling({
    id: "zorg-ook-risicobranche",
    titel: "Zorgaanbieders met een vestiging in een andere risicobranche",
    definitie: `Aantal zorgaanbieders van wie het eigen KvK-nummer of de holdinggroep (de holding en alles wat eronder hangt) op 31 december ook een vestiging in een andere risicobranche heeft; de variant van Zicht op Ondermijning. ${ZORG_GEMEENTE}`,
    openbaarheid: "vestigingen",
    thema: "risicobranches",
    niveaus: RG,
    branches: ["zorg"],
    bronbestanden: VEST,
    kanttekeningen: [ZORG_HOLDING]
  }),
  afgeleid({
    id: "vestigingen-per-1000",
    titel: "Vestigingen per 1.000 inwoners",
    definitie: "Vestigingen van de branche per 1.000 inwoners.",
    formule: {teller: "vestigingen", noemer: "inwoners", schaal: "× 1.000"},
    eenheid: "per-1000",
    richting: "hoger = meer risico",
    thema: "risicobranches",
    niveaus: RG,
    branches: GROEP_BRANCHES,
    bronbestanden: [...VEST, ...KWB]
  }),
  afgeleid({
    id: "vestigingen-wijk-per-1000",
    titel: "Vestigingen per 1.000 inwoners per wijk",
    definitie: "Vestigingen per 1.000 inwoners van de wijk (alle risicobranches samen en alle vestigingen).",
    formule: {teller: "vestigingen-wijk", noemer: "inwoners", schaal: "× 1.000"},
    eenheid: "per-1000",
    richting: "hoger = meer risico",
    thema: "risicobranches",
    niveaus: ["wijk"],
    branches: RB,
    bronbestanden: [...VEST, ...KWB]
  }),
  afgeleid({
    id: "locatiequotient",
    titel: "Locatiequotiënt",
    definitie:
      "Aandeel van de branche in alle vestigingen van het gebied, gedeeld door dat aandeel in de hele regio. 1 = even sterk vertegenwoordigd als in de regio.",
    formule: {
      teller: "vestigingen(branche) / vestigingen(alle) in het gebied",
      noemer: "vestigingen(branche) / vestigingen(alle) in de regio"
    },
    eenheid: "index",
    richting: "hoger = meer risico",
    thema: "risicobranches",
    niveaus: RG,
    branches: GROEP_BRANCHES.filter((b) => b !== BRANCHE_ALLE),
    bronbestanden: VEST
  }),
  afgeleid({
    id: "groei-5-jaar",
    titel: "Groei ten opzichte van vijf jaar eerder",
    definitie: "Procentuele verandering van het aantal vestigingen ten opzichte van vijf jaar eerder.",
    formule: {teller: "vestigingen(j) - vestigingen(j-5)", noemer: "vestigingen(j-5)", schaal: "× 100"},
    eenheid: "procent",
    richting: "hoger = meer risico",
    thema: "risicobranches",
    niveaus: RG,
    branches: GROEP_BRANCHES,
    bronbestanden: VEST,
    kanttekeningen: ["Pas vanaf vijf jaar na het eerste jaar."],
    jaren: `elk jaar vanaf ${EERSTE_JAAR + 5}`
  }),
  afgeleid({
    id: "verloop",
    titel: "Verloop (starts en stops per 100 vestigingen)",
    definitie: "Nieuwe plus opgeheven vestigingen in het jaar per 100 vestigingen op 31 december.",
    formule: {teller: "starts + stops", noemer: "vestigingen op 31 december", schaal: "× 100"},
    eenheid: "per-100",
    richting: "hoger = meer risico",
    thema: "risicobranches",
    niveaus: RG,
    branches: GROEP_BRANCHES,
    bronbestanden: VEST,
    kanttekeningen: [STROMEN]
  }),
  afgeleid({
    id: "eenpersoons-aandeel",
    titel: "Aandeel eenpersoonsvestigingen",
    definitie:
      "Eenpersoonsvestigingen als percentage van alle vestigingen van de branche (groepsonthulling: minstens k met en k zonder).",
    formule: {teller: "eenpersoonsvestigingen", noemer: "vestigingen", schaal: "× 100"},
    eenheid: "procent",
    richting: "hoger = meer risico",
    thema: "risicobranches",
    niveaus: RG,
    branches: GROEP_BRANCHES,
    bronbestanden: VEST
  }),
  afgeleid({
    id: "zorg-met-vastgoed-per-100",
    titel: "Zorgaanbieders met woningen per 100 zorgaanbieders",
    definitie:
      "Zorgaanbieders die zelf of via hun holding woningen in eigendom hebben, per 100 zorgaanbieders.",
    formule: {teller: "zorg-met-vastgoed", noemer: "zorgaanbieders", schaal: "× 100"},
    eenheid: "procent",
    richting: "hoger = meer risico",
    thema: "risicobranches",
    niveaus: RG,
    branches: ["zorg"],
    bronbestanden: [...VEST, "eigendommen.csv"]
  }),
  afgeleid({
    id: "zorg-ook-risicobranche-per-100",
    titel: "Zorgaanbieders met een andere risicobranche per 100 zorgaanbieders",
    definitie:
      "Zorgaanbieders die (zelf of in hun holdinggroep) ook een vestiging in een andere risicobranche hebben, per 100 zorgaanbieders.",
    formule: {teller: "zorg-ook-risicobranche", noemer: "zorgaanbieders", schaal: "× 100"},
    eenheid: "procent",
    richting: "hoger = meer risico",
    thema: "risicobranches",
    niveaus: RG,
    branches: ["zorg"],
    bronbestanden: VEST
  }),

  // Risicolocaties
  telling({
    id: "vestigingen-buitengebied",
    titel: "Vestigingen in het buitengebied",
    definitie: `Vestigingen in buitengebiedbuurten. ${VOORRAAD} ${KERN_BUITEN}`,
    openbaarheid: "vestigingen",
    thema: "risicolocaties",
    niveaus: RG,
    branches: RB,
    bronbestanden: [...VEST, ...LIGGING]
  }),
  telling({
    id: "vestigingen-kern",
    titel: "Vestigingen in de kernen",
    definitie: `Vestigingen in kernbuurten. ${VOORRAAD}`,
    openbaarheid: "vestigingen",
    thema: "risicolocaties",
    niveaus: RG,
    branches: RB,
    bronbestanden: [...VEST, ...LIGGING]
  }),
  afgeleid({
    id: "risico-aandeel-buitengebied",
    titel: "Aandeel risicobranches in het buitengebied",
    definitie: "Vestigingen in risicobranches als percentage van alle vestigingen in het buitengebied.",
    formule: {
      teller: "vestigingen-buitengebied (risico)",
      noemer: "vestigingen-buitengebied (alle)",
      schaal: "× 100"
    },
    eenheid: "procent",
    richting: "hoger = meer risico",
    thema: "risicolocaties",
    niveaus: RG,
    branches: [BRANCHE_RISICO],
    bronbestanden: [...VEST, ...LIGGING]
  }),
  afgeleid({
    id: "risico-aandeel-kern",
    titel: "Aandeel risicobranches in de kernen",
    definitie: "Vestigingen in risicobranches als percentage van alle vestigingen in de kernen.",
    formule: {teller: "vestigingen-kern (risico)", noemer: "vestigingen-kern (alle)", schaal: "× 100"},
    eenheid: "procent",
    richting: "hoger = meer risico",
    thema: "risicolocaties",
    niveaus: RG,
    branches: [BRANCHE_RISICO],
    bronbestanden: [...VEST, ...LIGGING]
  }),
  afgeleid({
    id: "vestigingen-per-km2-buitengebied",
    titel: "Vestigingen per km² buitengebied",
    definitie: "Vestigingen per km² landoppervlakte van het buitengebied.",
    formule: {teller: "vestigingen-buitengebied", noemer: "oppervlakte-buitengebied"},
    eenheid: "per-km2",
    richting: "hoger = meer risico",
    thema: "risicolocaties",
    niveaus: RG,
    branches: RB,
    bronbestanden: [...VEST, ...LIGGING]
  }),
  afgeleid({
    id: "vestigingen-per-km2-kern",
    titel: "Vestigingen per km² kernen",
    definitie: "Vestigingen per km² landoppervlakte van de kernen.",
    formule: {teller: "vestigingen-kern", noemer: "oppervlakte-kern"},
    eenheid: "per-km2",
    richting: "neutraal",
    thema: "risicolocaties",
    niveaus: RG,
    branches: RB,
    bronbestanden: [...VEST, ...LIGGING]
  }),
  telling({
    id: "panden-agrarisch",
    titel: "Agrarische gebouwen",
    definitie:
      "Aantal agrarische gebouwen in het bestand (het bestand heeft geen bouw- of sloopdatum: hetzelfde aantal in elk jaar).",
    openbaarheid: "gebouwen",
    thema: "risicolocaties",
    niveaus: RG,
    bronbestanden: PAND
  }),
  telling({
    id: "panden-leeg",
    titel: "Leegstaande agrarische gebouwen (VAB)",
    definitie:
      "Agrarische gebouwen die op 31 december leegstaan (leeg sinds op of voor 31 december, niet leeg tot of leeg tot na 31 december).",
    openbaarheid: "gebouwen",
    thema: "risicolocaties",
    niveaus: RG,
    bronbestanden: PAND
  }),
  {
    ...telling({
      id: "panden-leeg-m2",
      titel: "Vloeroppervlak leegstaande agrarische gebouwen",
      definitie:
        "Som van het vloeroppervlak (m²) van de leegstaande agrarische gebouwen; p%-regel met elk gebouw als bijdrager.",
      openbaarheid: "gebouwen",
      thema: "risicolocaties",
      niveaus: RG,
      bronbestanden: PAND,
      kanttekeningen: ["Gebouwen zonder opgegeven oppervlak tellen niet mee in het vloeroppervlak."]
    }),
    eenheid: "m2",
    openbaarheid: "omvang"
  },
  afgeleid({
    id: "panden-leeg-aandeel",
    titel: "Aandeel leegstaande agrarische gebouwen",
    definitie: "Leegstaande agrarische gebouwen als percentage van alle agrarische gebouwen.",
    formule: {teller: "panden-leeg", noemer: "panden-agrarisch", schaal: "× 100"},
    eenheid: "procent",
    richting: "hoger = meer risico",
    thema: "risicolocaties",
    niveaus: RG,
    bronbestanden: PAND
  }),
  telling({
    id: "signalen-buitengebied",
    titel: "Signalen in het buitengebied",
    definitie: `Signalen per categorie in buitengebiedbuurten, naar datum van het signaal. ${KERN_BUITEN}`,
    openbaarheid: "signalen",
    thema: "risicolocaties",
    niveaus: RG,
    categorieen: CATS,
    bronbestanden: [...SIG, ...LIGGING]
  }),
  telling({
    id: "signalen-kern",
    titel: "Signalen in de kernen",
    definitie: "Signalen per categorie in kernbuurten, naar datum van het signaal.",
    openbaarheid: "signalen",
    thema: "risicolocaties",
    niveaus: RG,
    categorieen: CATS,
    bronbestanden: [...SIG, ...LIGGING]
  }),
  afgeleid({
    id: "signalen-per-1000-buitengebied",
    titel: "Signalen per 1.000 inwoners, buitengebied",
    definitie: "Signalen per categorie per 1.000 inwoners van het buitengebied.",
    formule: {teller: "signalen-buitengebied", noemer: "inwoners-buitengebied", schaal: "× 1.000"},
    eenheid: "per-1000",
    richting: "hoger = meer risico",
    thema: "risicolocaties",
    niveaus: RG,
    categorieen: CATS,
    bronbestanden: [...SIG, ...KWB]
  }),
  afgeleid({
    id: "signalen-per-1000-kern",
    titel: "Signalen per 1.000 inwoners, kernen",
    definitie: "Signalen per categorie per 1.000 inwoners van de kernen.",
    formule: {teller: "signalen-kern", noemer: "inwoners-kern", schaal: "× 1.000"},
    eenheid: "per-1000",
    richting: "hoger = meer risico",
    thema: "risicolocaties",
    niveaus: RG,
    categorieen: CATS,
    bronbestanden: [...SIG, ...KWB]
  }),
  afgeleid({
    id: "signalen-per-km2-buitengebied",
    titel: "Signalen per km², buitengebied",
    definitie: "Signalen per categorie per km² buitengebied.",
    formule: {teller: "signalen-buitengebied", noemer: "oppervlakte-buitengebied"},
    eenheid: "per-km2",
    richting: "hoger = meer risico",
    thema: "risicolocaties",
    niveaus: RG,
    categorieen: CATS,
    bronbestanden: [...SIG, ...LIGGING]
  }),
  afgeleid({
    id: "signalen-per-km2-kern",
    titel: "Signalen per km², kernen",
    definitie: "Signalen per categorie per km² kernen.",
    formule: {teller: "signalen-kern", noemer: "oppervlakte-kern"},
    eenheid: "per-km2",
    richting: "hoger = meer risico",
    thema: "risicolocaties",
    niveaus: RG,
    categorieen: CATS,
    bronbestanden: [...SIG, ...LIGGING]
  }),
  telling({
    id: "bt-vestigingen",
    titel: "Vestigingen op bedrijventerreinen",
    definitie: `Vestigingen per bedrijventerrein (alle en risicobranches). ${VOORRAAD}`,
    openbaarheid: "vestigingen",
    thema: "risicolocaties",
    niveaus: ["bedrijventerrein"],
    branches: RB,
    bronbestanden: [...VEST, "bedrijventerreinen.geojson"],
    kanttekeningen: [
      "Een bedrijventerrein staat in de open data met gebiedniveau 'regio' en de gemeente als bovenliggend gebied: het contract kent geen eigen niveau voor terreinen."
    ]
  }),
  telling({
    id: "bt-starts",
    titel: "Nieuwe vestigingen op bedrijventerreinen",
    definitie: "Inschrijvingen in het jaar per bedrijventerrein.",
    openbaarheid: "vestigingen",
    thema: "risicolocaties",
    niveaus: ["bedrijventerrein"],
    branches: [BRANCHE_ALLE],
    bronbestanden: [...VEST, "bedrijventerreinen.geojson"]
  }),
  telling({
    id: "bt-stops",
    titel: "Opgeheven vestigingen op bedrijventerreinen",
    definitie: "Uitschrijvingen in het jaar per bedrijventerrein.",
    openbaarheid: "vestigingen",
    thema: "risicolocaties",
    niveaus: ["bedrijventerrein"],
    branches: [BRANCHE_ALLE],
    bronbestanden: [...VEST, "bedrijventerreinen.geojson"]
  }),
  telling({
    id: "bt-signalen",
    titel: "Signalen op bedrijventerreinen",
    definitie:
      "Signalen (alle categorieën samen) per bedrijventerrein, naar datum van het signaal. Een signaal ligt op een terrein als zijn locatie binnen de omtrek van het terrein ligt; een signaal met alleen een buurtcode ligt op geen enkel terrein.",
    openbaarheid: "signalen",
    thema: "risicolocaties",
    niveaus: ["bedrijventerrein"],
    bronbestanden: [...SIG, "bedrijventerreinen.geojson"]
  }),
  {
    ...telling({
      id: "bt-oppervlakte",
      titel: "Oppervlakte bedrijventerreinen",
      definitie:
        "Oppervlakte (hectare) binnen de omtrek van het bedrijventerrein (IBIS, bestand bedrijventerreinen.geojson), op 0,01 ha.",
      openbaarheid: "publiek",
      thema: "noemers",
      niveaus: ["bedrijventerrein"],
      bronbestanden: ["bedrijventerreinen.geojson"]
    }),
    eenheid: "ha",
    openbaarheid: "publiek"
  },
  afgeleid({
    id: "bt-signalen-per-ha",
    titel: "Signalen per hectare bedrijventerrein",
    definitie: "Signalen (alle categorieën samen) per hectare van het bedrijventerrein.",
    formule: {teller: "bt-signalen", noemer: "bt-oppervlakte"},
    eenheid: "per-ha",
    richting: "hoger = meer risico",
    thema: "risicolocaties",
    niveaus: ["bedrijventerrein"],
    bronbestanden: [...SIG, "bedrijventerreinen.geojson"]
  }),
  {
    ...telling({
      id: "buitengebied-buurt",
      titel: "Buurt in het buitengebied",
      definitie: `1 als de buurt bij het buitengebied hoort, 0 als zij bij de kernen hoort. ${BUITENGEBIED_DEFINITIE}`,
      openbaarheid: "publiek",
      thema: "risicolocaties",
      niveaus: ["buurt"],
      bronbestanden: [...KWB, ...LIGGING]
    }),
    eenheid: "ja-nee",
    openbaarheid: "publiek",
    kanttekeningen: [
      "Dezelfde waarde in elk jaar: de indeling volgt het laatste jaar met stedelijkheid, of het bestand buitengebied.geojson."
    ]
  },
  afgeleid({
    id: "bt-risico-aandeel",
    titel: "Aandeel risicobranches op bedrijventerreinen",
    definitie: "Vestigingen in risicobranches als percentage van alle vestigingen op het terrein.",
    formule: {teller: "bt-vestigingen (risico)", noemer: "bt-vestigingen (alle)", schaal: "× 100"},
    eenheid: "procent",
    richting: "hoger = meer risico",
    thema: "risicolocaties",
    niveaus: ["bedrijventerrein"],
    branches: [BRANCHE_RISICO],
    bronbestanden: VEST
  }),
  afgeleid({
    id: "bt-verloop",
    titel: "Verloop op bedrijventerreinen",
    definitie: "Starts plus stops per 100 vestigingen op het terrein.",
    formule: {teller: "bt-starts + bt-stops", noemer: "bt-vestigingen (alle)", schaal: "× 100"},
    eenheid: "per-100",
    richting: "hoger = meer risico",
    thema: "risicolocaties",
    niveaus: ["bedrijventerrein"],
    branches: [BRANCHE_ALLE],
    bronbestanden: VEST
  }),

  // Weerbare wijken
  telling({
    id: "signalen",
    titel: "Signalen",
    definitie: "Aantal signalen (alle categorieën) naar datum van het signaal.",
    openbaarheid: "signalen",
    thema: "weerbare-wijken",
    niveaus: ALL,
    bronbestanden: SIG
  }),
  telling({
    id: "signalen-categorie",
    titel: "Signalen per categorie",
    definitie: "Aantal signalen per categorie naar datum van het signaal.",
    openbaarheid: "signalen",
    thema: "weerbare-wijken",
    niveaus: RG,
    categorieen: CATS,
    bronbestanden: SIG
  }),
  afgeleid({
    id: "signalen-per-1000",
    titel: "Signalen per 1.000 inwoners",
    definitie: "Signalen (alle categorieën) per 1.000 inwoners.",
    formule: {teller: "signalen", noemer: "inwoners", schaal: "× 1.000"},
    eenheid: "per-1000",
    richting: "hoger = meer risico",
    thema: "weerbare-wijken",
    niveaus: ALL,
    bronbestanden: [...SIG, ...KWB]
  }),
  afgeleid({
    id: "signalen-categorie-per-1000",
    titel: "Signalen per categorie per 1.000 inwoners",
    definitie: "Signalen per categorie per 1.000 inwoners.",
    formule: {teller: "signalen-categorie", noemer: "inwoners", schaal: "× 1.000"},
    eenheid: "per-1000",
    richting: "hoger = meer risico",
    thema: "weerbare-wijken",
    niveaus: RG,
    categorieen: CATS,
    bronbestanden: [...SIG, ...KWB]
  }),
  {
    ...telling({
      id: "kerncijfers",
      titel: "Kerncijfers wijken en buurten",
      definitie:
        "De kerncijfers van het CBS per component (categorie), gelezen op titel en eenheid: een aandeel dat het CBS als aantal geeft (eenpersoonshuishoudens) is omgerekend met zijn noemer, bijstand en arbeidsongeschiktheid naar uitkeringen per 1.000 inwoners. Elk component rust op het laatste jaar met cijfers, hoogstens twee jaar terug.",
      openbaarheid: "publiek",
      thema: "weerbare-wijken",
      niveaus: ["gemeente", "wijk", "buurt"],
      categorieen: KOMP_PUBLIEK,
      bronbestanden: KWB,
      kanttekeningen: ["Leeg waar het CBS de waarde geheimhoudt of niet publiceert."]
    }),
    eenheid: "zie component",
    jaren: "gemeenten en wijken: elk jaar vanaf 2015; buurten: alleen het laatste jaar",
    openbaarheid: "publiek"
  },
  {
    ...telling({
      id: "kwetsbaarheid-z",
      titel: "Gestandaardiseerde componenten (kerncijfers)",
      definitie:
        "z-score per component over de buurten van de regio in het jaar, met het teken zo dat hoger kwetsbaarder is.",
      openbaarheid: "publiek",
      thema: "weerbare-wijken",
      niveaus: ["buurt"],
      categorieen: KOMP_PUBLIEK,
      bronbestanden: KWB
    }),
    eenheid: "z-score",
    jaren: "alleen het laatste jaar (de structurele index en de kwetsbaarheidsindex hebben elk jaar)",
    richting: "hoger = meer risico",
    openbaarheid: "publiek"
  },
  afgeleid({
    id: "kwetsbaarheid-z-signalen",
    titel: "Gestandaardiseerd component signalen",
    definitie:
      "Relatieve afwijking van de signalen per 1.000 inwoners van de buurt ten opzichte van de regio, begrensd op -3 en 3.",
    formule: {
      teller: "signalen per 1.000 inwoners (buurt)",
      noemer: "signalen per 1.000 inwoners (regio)",
      schaal: "- 1"
    },
    eenheid: "relatief",
    richting: "hoger = meer risico",
    thema: "weerbare-wijken",
    niveaus: ["buurt"],
    bronbestanden: [...SIG, ...KWB]
  }),
  {
    ...telling({
      id: "kwetsbaarheid-structureel",
      titel: "Structurele kwetsbaarheidsindex",
      definitie: "Gewogen gemiddelde van de beschikbare gestandaardiseerde kerncijfercomponenten.",
      openbaarheid: "publiek",
      thema: "weerbare-wijken",
      niveaus: ["buurt"],
      bronbestanden: KWB
    }),
    eenheid: "index",
    richting: "hoger = meer risico",
    openbaarheid: "publiek"
  },
  {
    ...telling({
      id: "kwetsbaarheid-gewicht",
      titel: "Beschikbaar gewicht van de structurele index",
      definitie: "Som van de gewichten van de kerncijfercomponenten die voor de buurt bekend zijn.",
      openbaarheid: "publiek",
      thema: "weerbare-wijken",
      niveaus: ["buurt"],
      bronbestanden: KWB
    }),
    eenheid: "gewicht",
    openbaarheid: "publiek"
  },
  afgeleid({
    id: "kwetsbaarheidsindex",
    titel: "Kwetsbaarheidsindex",
    definitie: "Gewogen gemiddelde van alle gestandaardiseerde componenten, met signalen.",
    formule: {
      teller: "gewicht_structureel × structurele index + gewicht_signalen × z_signalen",
      noemer: "gewicht_structureel + gewicht_signalen"
    },
    eenheid: "index",
    richting: "hoger = meer risico",
    thema: "weerbare-wijken",
    niveaus: ["buurt"],
    bronbestanden: [...SIG, ...KWB],
    kanttekeningen: [...KWETSBAARHEID_METHODE]
  }),

  // Trends
  afgeleid({
    id: "vestigingen-index",
    titel: "Vestigingen, index (eerste jaar = 100)",
    definitie: "Aantal vestigingen als index ten opzichte van het eerste jaar.",
    formule: {teller: "vestigingen(j)", noemer: "vestigingen(eerste jaar)", schaal: "× 100"},
    eenheid: "index",
    richting: "hoger = meer risico",
    thema: "trends",
    niveaus: RG,
    branches: GROEP_BRANCHES,
    bronbestanden: VEST
  }),
  afgeleid({
    id: "signalen-index",
    titel: "Signalen, index (eerste jaar = 100)",
    definitie: "Aantal signalen als index ten opzichte van het eerste jaar.",
    formule: {teller: "signalen(j)", noemer: "signalen(eerste jaar)", schaal: "× 100"},
    eenheid: "index",
    richting: "hoger = meer risico",
    thema: "trends",
    niveaus: RG,
    bronbestanden: SIG
  }),
  afgeleid({
    id: "panden-leeg-index",
    titel: "Leegstaande agrarische gebouwen, index (eerste jaar = 100)",
    definitie: "Aantal leegstaande agrarische gebouwen als index ten opzichte van het eerste jaar.",
    formule: {teller: "panden-leeg(j)", noemer: "panden-leeg(eerste jaar)", schaal: "× 100"},
    eenheid: "index",
    richting: "hoger = meer risico",
    thema: "trends",
    niveaus: RG,
    bronbestanden: PAND
  }),
  ...PUBLIEKE_INDICATOREN
];

/** Looks up an indicator by id; throws naming the id (a typo in a compute module fails fast). */
export function indicator(id: string): Indicator {
  const found = INDICATOREN.find((i) => i.id === id);
  if (!found) throw new Error(`Indicator ${id} staat niet in de catalogus`);
  return found;
}

/**
 * The identity of a table declaration from the catalogue: id, title and unit, so a compute
 * module names a table by its id only (`{...declaratie("verloop"), kind: "custom", ...}`).
 */
export function declaratie(id: string): {id: string; title: string; eenheid: Eenheid} {
  const ind = indicator(id);
  return {id: ind.id, title: ind.titel, eenheid: ind.eenheid};
}
