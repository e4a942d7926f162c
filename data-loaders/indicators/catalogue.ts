/**
 * The indicator catalogue: every published indicator, every risk branch and every component of
 * the resilience index as data. The computations (compute-*.ts) read their SBI lists, weights
 * and directions from here, the methodology page reads it through `catalogus.json`, and
 * docs/indicators.md is generated from it (scripts/generate-indicator-docs.ts). Adding a risk
 * branch is one entry in `RISICOBRANCHES` plus a known-answer test.
 */
import {SIGNAAL_CATEGORIEEN, SIGNAAL_CATEGORIE_LABELS} from "../sources/categories.ts";
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

/** A risk branch: a named group of SBI 2008 codes with a qualitative profile from the literature. */
export interface Risicobranche {
  /** Stable id (open data `branche` column). */
  id: string;
  naam: string;
  /**
   * SBI 2008 codes as digit prefixes: `"56102"` matches 56.10.2, `"55"` matches all of division
   * 55. A code belongs to the FIRST group in `RISICOBRANCHES` order whose prefix it starts with,
   * so the groups are disjoint and add up to the `risico` total.
   */
  sbi: readonly string[];
  /** SBI as written for people (`56.10.2`). */
  sbiTekst: string;
  vergunningOfBibob: boolean;
  kasintensief: boolean;
  /** Why the branch is on the list (Dutch, from the literature). */
  profiel: string;
  bronnen: readonly string[];
}

const BRONNEN_RIEC = "RIEC/LIEC, Ondermijningsbeelden en fenomeenanalyses";
const BRONNEN_BLOG = "Blog 'Ondermijning in kaart' (bron van dit project)";

/**
 * The risk-branch groups. Order matters: more specific groups come before the division they
 * lie in (fastfood and vakantieparken before horeca), because each SBI code is assigned to the
 * first group that matches.
 */
export const RISICOBRANCHES: readonly Risicobranche[] = [
  {
    id: "fastfood",
    naam: "Fastfood en cafetaria's",
    sbi: ["56102"],
    sbiTekst: "56.10.2",
    vergunningOfBibob: true,
    kasintensief: true,
    profiel:
      "Veel concurrentie, lage toetredingsdrempel, veel contante betalingen: geschikt om geld wit te wassen.",
    bronnen: [BRONNEN_RIEC, BRONNEN_BLOG]
  },
  {
    id: "vakantieparken",
    naam: "Vakantieparken en kampeerterreinen",
    sbi: ["5520", "5530"],
    sbiTekst: "55.20, 55.30",
    vergunningOfBibob: true,
    kasintensief: false,
    profiel:
      "Afgelegen en weinig toezicht: risico op huisvesting van arbeidsmigranten, drugsopslag en criminele bewoning.",
    bronnen: [BRONNEN_RIEC, "Rapport 'Vakantieparken in Nederland' (Ministerie BZK)"]
  },
  {
    id: "horeca",
    naam: "Overige horeca (hotels, restaurants, cafés)",
    sbi: ["55", "56"],
    sbiTekst: "55, 56 (zonder 56.10.2, 55.20, 55.30)",
    vergunningOfBibob: true,
    kasintensief: true,
    profiel: "Klassieke witwasbranche met contante omzet; drank- en horecavergunning met Bibob-toets.",
    bronnen: [BRONNEN_RIEC, BRONNEN_BLOG]
  },
  {
    id: "kappers",
    naam: "Kappers en barbiers",
    sbi: ["96021"],
    sbiTekst: "96.02.1",
    vergunningOfBibob: false,
    kasintensief: true,
    profiel: "Snelle groei van barbershops, contante betalingen, weinig toezicht.",
    bronnen: [BRONNEN_RIEC, BRONNEN_BLOG]
  },
  {
    id: "schoonheid",
    naam: "Schoonheids- en nagelstudio's",
    sbi: ["96022"],
    sbiTekst: "96.02.2",
    vergunningOfBibob: false,
    kasintensief: true,
    profiel: "Lage toetredingsdrempel, contant geld, signalen van uitbuiting.",
    bronnen: [BRONNEN_RIEC, BRONNEN_BLOG]
  },
  {
    id: "wellness",
    naam: "Sauna's, wellness en massagesalons",
    sbi: ["9604"],
    sbiTekst: "96.04",
    vergunningOfBibob: true,
    kasintensief: true,
    profiel: "Contante omzet; risico op mensenhandel en illegale prostitutie.",
    bronnen: [BRONNEN_RIEC]
  },
  {
    id: "autohandel",
    naam: "Autohandel en -reparatie",
    sbi: ["4511", "4520"],
    sbiTekst: "45.11, 45.20",
    vergunningOfBibob: false,
    kasintensief: true,
    profiel:
      "Dure goederen tegen contant geld, moeilijk te controleren waarde: witwassen en voertuigen voor criminele logistiek.",
    bronnen: [BRONNEN_RIEC, BRONNEN_BLOG]
  },
  {
    id: "autoverhuur",
    naam: "Autoverhuur",
    sbi: ["7711"],
    sbiTekst: "77.11",
    vergunningOfBibob: false,
    kasintensief: false,
    profiel: "Voertuigen op naam van een ander: afscherming van criminele logistiek.",
    bronnen: [BRONNEN_RIEC]
  },
  {
    id: "kunsthandel",
    naam: "Kunst- en antiekhandel",
    sbi: ["4778", "4779", "9003"],
    sbiTekst: "47.78, 47.79, 90.03",
    vergunningOfBibob: false,
    kasintensief: true,
    profiel: "Subjectieve prijzen maken waardeverschuiving en witwassen moeilijk zichtbaar (opkomend).",
    bronnen: [BRONNEN_BLOG]
  },
  {
    id: "zorg",
    naam: "Zorg en welzijn",
    sbi: ["86", "87", "88"],
    sbiTekst: "86, 87, 88",
    vergunningOfBibob: true,
    kasintensief: false,
    profiel:
      "Publiek geld (Wmo, Wlz, PGB) met weinig toetredingseisen; risico vooral in combinatie met vastgoedbezit (opkomend).",
    bronnen: [BRONNEN_RIEC, "Inspectie Gezondheidszorg en Jeugd, signalen zorgfraude"]
  },
  {
    id: "vastgoed",
    naam: "Vastgoed",
    sbi: ["68"],
    sbiTekst: "68",
    vergunningOfBibob: false,
    kasintensief: false,
    profiel: "Vastgoed als belegging en afscherming van crimineel vermogen.",
    bronnen: [BRONNEN_RIEC, BRONNEN_BLOG]
  },
  {
    id: "transport",
    naam: "Wegtransport en opslag",
    sbi: ["4941", "5210"],
    sbiTekst: "49.41, 52.10",
    vergunningOfBibob: true,
    kasintensief: false,
    profiel: "Logistiek en opslagruimte voor drugs en illegale goederen.",
    bronnen: [BRONNEN_RIEC]
  }
];

/** Ids of all branch values in the branch tables: the groups, then `risico`, then `alle`. */
export const BRANCHE_IDS: readonly string[] = [
  ...RISICOBRANCHES.map((b) => b.id),
  BRANCHE_RISICO,
  BRANCHE_ALLE
];

/** Dutch names of every branch id, including the totals. */
export const BRANCHE_NAMEN: Readonly<Record<string, string>> = {
  ...Object.fromEntries(RISICOBRANCHES.map((b) => [b.id, b.naam])),
  [BRANCHE_RISICO]: "Alle risicobranches",
  [BRANCHE_ALLE]: "Alle vestigingen"
};

/**
 * SQL expression that maps the `sbi` column (digits only) to a risk-branch id, NULL for other
 * branches; generated from `RISICOBRANCHES` so the SQL and the catalogue cannot drift apart.
 */
export function brancheCaseSql(column = "sbi"): string {
  const whens = RISICOBRANCHES.flatMap((b) =>
    b.sbi.map((code) => {
      if (!/^\d{2,5}$/.test(code)) throw new Error(`Risicobranche ${b.id}: ongeldige SBI-code ${code}`);
      return `WHEN starts_with(${column}, '${code}') THEN '${b.id}'`;
    })
  );
  return `CASE ${whens.join(" ")} ELSE NULL END`;
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
const GROEP_BRANCHES = [...RISICOBRANCHES.map((b) => b.id), BRANCHE_RISICO, BRANCHE_ALLE];
const KERN_BUITEN =
  "Het buitengebied is de verzameling buurten die (grotendeels) in het buitengebied liggen (bestand buitengebied.geojson, of anders buurten met stedelijkheid 5); de kernen zijn alle andere buurten.";

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

function telling(
  id: string,
  titel: string,
  definitie: string,
  eenheidSoort: UnitKind,
  thema: Thema,
  niveaus: readonly Niveau[],
  branches: readonly string[],
  categorieen: readonly string[],
  bron: readonly string[],
  kanttekeningen: readonly string[] = []
): Indicator {
  return {
    id,
    titel,
    definitie,
    formule: {teller: definitie},
    eenheid: "aantal",
    richting: "neutraal",
    niveaus,
    branches,
    categorieen,
    jaren: ALLE_JAREN,
    bronbestanden: bron,
    openbaarheid: eenheidSoort,
    thema,
    kanttekeningen
  };
}

function afgeleid(
  id: string,
  titel: string,
  definitie: string,
  formule: Indicator["formule"],
  eenheid: Eenheid,
  richting: Richting,
  thema: Thema,
  niveaus: readonly Niveau[],
  branches: readonly string[],
  categorieen: readonly string[],
  bron: readonly string[],
  kanttekeningen: readonly string[] = [],
  jaren = ALLE_JAREN
): Indicator {
  return {
    id,
    titel,
    definitie,
    formule,
    eenheid,
    richting,
    niveaus,
    branches,
    categorieen,
    jaren,
    bronbestanden: bron,
    openbaarheid: "afgeleid",
    thema,
    kanttekeningen
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
    ...telling(
      "misdrijven",
      "Geregistreerde misdrijven",
      "Aantal door de politie geregistreerde misdrijven per gebied, jaar en groep misdrijven (CBS/Politie, tabel 47018NED). Een groep is de som van haar soorten.",
      "publiek",
      "weerbare-wijken",
      ALL,
      [],
      MISDRIJF_IDS,
      POLITIE,
      [
        OPENBAAR_AL,
        "De regio is de som van de gemeenten waarvoor de politie een aantal publiceert; een groep telt alleen de soorten die de bron publiceert.",
        "Geregistreerd is niet gepleegd: de cijfers hangen ook af van aangiftebereidheid en van de inzet van de politie."
      ]
    ),
    openbaarheid: "publiek"
  },
  afgeleid(
    "misdrijven-per-1000",
    "Geregistreerde misdrijven per 1.000 inwoners",
    "Geregistreerde misdrijven van de groep per 1.000 inwoners van het gebied.",
    {teller: "misdrijven", noemer: "inwoners", schaal: "× 1.000"},
    "per-1000",
    "hoger = meer risico",
    "weerbare-wijken",
    ALL,
    [],
    MISDRIJF_IDS,
    [...POLITIE, ...KWB],
    ["Alleen in jaren met zowel politiecijfers als kerncijfers (inwoners)."]
  ),
  {
    ...telling(
      "vestigingen-cbs",
      "Vestigingen per bedrijfstak (CBS)",
      "Aantal vestigingen van bedrijven per gemeente en bedrijfstak volgens het CBS (tabel 81575NED), de openbare tegenhanger van het eigen vestigingenregister; ook voor Nederland (NL01) als referentie.",
      "publiek",
      "risicobranches",
      ["regio", "gemeente"],
      REF_IDS,
      [],
      REFERENTIE,
      [
        OPENBAAR_AL,
        "Alleen secties en afdelingen van de SBI: de risicobranches zelf (bijvoorbeeld fastfood, 56.10.2) staan niet per gemeente in deze tabel.",
        "De regio is de som van de gemeenten met een waarde; Nederland is de landelijke rij van de tabel, of anders de som van alle gemeenten."
      ]
    ),
    openbaarheid: "publiek"
  },
  afgeleid(
    "locatiequotient-nederland",
    "Locatiequotiënt tegenover Nederland (CBS-bedrijfstakken)",
    "Aandeel van de bedrijfstak in alle vestigingen van het gebied, gedeeld door dat aandeel in heel Nederland. 1 = even sterk vertegenwoordigd als landelijk.",
    {
      teller: "vestigingen-cbs(bedrijfstak) / vestigingen-cbs(alle) in het gebied",
      noemer: "vestigingen-cbs(bedrijfstak) / vestigingen-cbs(alle) in Nederland"
    },
    "index",
    "hoger = meer risico",
    "risicobranches",
    ["regio", "gemeente"],
    REF_ZONDER_ALLE,
    [],
    REFERENTIE
  ),
  afgeleid(
    "locatiequotient-cbs",
    "Locatiequotiënt tegenover de regio (CBS-bedrijfstakken)",
    "Aandeel van de bedrijfstak in alle vestigingen van de gemeente, gedeeld door dat aandeel in de hele regio (CBS-aantallen). 1 = even sterk vertegenwoordigd als in de regio.",
    {
      teller: "vestigingen-cbs(bedrijfstak) / vestigingen-cbs(alle) in de gemeente",
      noemer: "vestigingen-cbs(bedrijfstak) / vestigingen-cbs(alle) in de regio"
    },
    "index",
    "hoger = meer risico",
    "risicobranches",
    ["gemeente"],
    REF_ZONDER_ALLE,
    [],
    REFERENTIE,
    ["Bij een bronmap van één gemeente is dit altijd 1: vergelijk dan met Nederland."]
  )
];

/** Every published indicator, in the order of the methodology page. */
export const INDICATOREN: readonly Indicator[] = [
  // Noemers (public figures the rates rest on)
  {
    ...telling(
      "inwoners",
      "Inwoners",
      "Aantal inwoners op 1 januari (CBS Kerncijfers wijken en buurten).",
      "publiek",
      "noemers",
      ALL,
      [],
      [],
      KWB
    ),
    openbaarheid: "publiek",
    kanttekeningen: [
      "De regio is de som van de gemeenten; ontbreekt een gemeente, dan ontbreekt de regio.",
      "Gemeenten die na het jaar van de kerncijfers zijn samengevoegd, worden opgeteld tot de gemeente van de gebiedsbestanden (gemeentelijke herindelingen); een gemeente die over meer gemeenten is verdeeld, telt voor de regio mee als al haar opvolgers in de bronmap liggen."
    ]
  },
  {
    ...telling(
      "inwoners-buitengebied",
      "Inwoners in het buitengebied",
      `Som van de inwoners van de buitengebiedbuurten. ${KERN_BUITEN}`,
      "publiek",
      "noemers",
      RG,
      [],
      [],
      [...KWB, ...LIGGING]
    ),
    openbaarheid: "publiek"
  },
  {
    ...telling(
      "inwoners-kern",
      "Inwoners in de kernen",
      `Som van de inwoners van de kernbuurten. ${KERN_BUITEN}`,
      "publiek",
      "noemers",
      RG,
      [],
      [],
      [...KWB, ...LIGGING]
    ),
    openbaarheid: "publiek"
  },
  {
    ...telling(
      "oppervlakte-buitengebied",
      "Oppervlakte buitengebied",
      `Landoppervlakte (km²) van de buitengebiedbuurten. ${KERN_BUITEN}`,
      "publiek",
      "noemers",
      RG,
      [],
      [],
      LIGGING
    ),
    eenheid: "km2",
    openbaarheid: "publiek"
  },
  {
    ...telling(
      "oppervlakte-kern",
      "Oppervlakte kernen",
      `Landoppervlakte (km²) van de kernbuurten. ${KERN_BUITEN}`,
      "publiek",
      "noemers",
      RG,
      [],
      [],
      LIGGING
    ),
    eenheid: "km2",
    openbaarheid: "publiek"
  },

  // Risicobranches
  telling(
    "vestigingen",
    "Vestigingen",
    `Aantal vestigingen per risicobranche. ${VOORRAAD}`,
    "vestigingen",
    "risicobranches",
    RG,
    GROEP_BRANCHES,
    [],
    VEST
  ),
  telling(
    "vestigingen-wijk",
    "Vestigingen per wijk",
    `Aantal vestigingen per wijk, alle risicobranches samen en alle vestigingen. ${VOORRAAD}`,
    "vestigingen",
    "risicobranches",
    ["wijk"],
    RB,
    [],
    VEST,
    [
      VERSCHIL_GROEP,
      "Vestigingen zonder wijk staan in een restgebied <gemeentecode>-ONBEKEND, zodat de wijken optellen tot de gemeente."
    ]
  ),
  telling(
    "vestigingen-starts",
    "Nieuwe vestigingen",
    "Aantal vestigingen met een inschrijving in het jaar.",
    "vestigingen",
    "risicobranches",
    RG,
    GROEP_BRANCHES,
    [],
    VEST,
    [STROMEN]
  ),
  telling(
    "vestigingen-stops",
    "Opgeheven vestigingen",
    "Aantal vestigingen met een uitschrijving in het jaar.",
    "vestigingen",
    "risicobranches",
    RG,
    GROEP_BRANCHES,
    [],
    VEST,
    [STROMEN]
  ),
  telling(
    "vestigingen-eenpersoons",
    "Eenpersoonsvestigingen",
    "Aantal vestigingen met precies één werkzame persoon.",
    "vestigingen",
    "risicobranches",
    RG,
    GROEP_BRANCHES,
    [],
    VEST,
    ["Vestigingen zonder opgave van werkzame personen tellen niet als eenpersoonsvestiging."]
  ),
  telling(
    "zorg-met-vastgoed",
    "Zorgaanbieders met vastgoed",
    "Aantal zorgvestigingen (SBI 86-88) waarvan het bedrijf (KvK-nummer) op 31 december minstens één object in eigendom heeft.",
    "vestigingen",
    "risicobranches",
    RG,
    ["zorg"],
    [],
    [...VEST, "eigendommen.csv"],
    ["Eigendom zonder verkrijgingsdatum telt in alle jaren mee."]
  ),
  afgeleid(
    "vestigingen-per-1000",
    "Vestigingen per 1.000 inwoners",
    "Vestigingen van de branche per 1.000 inwoners.",
    {teller: "vestigingen", noemer: "inwoners", schaal: "× 1.000"},
    "per-1000",
    "hoger = meer risico",
    "risicobranches",
    RG,
    GROEP_BRANCHES,
    [],
    [...VEST, ...KWB]
  ),
  afgeleid(
    "vestigingen-wijk-per-1000",
    "Vestigingen per 1.000 inwoners per wijk",
    "Vestigingen per 1.000 inwoners van de wijk (alle risicobranches samen en alle vestigingen).",
    {teller: "vestigingen-wijk", noemer: "inwoners", schaal: "× 1.000"},
    "per-1000",
    "hoger = meer risico",
    "risicobranches",
    ["wijk"],
    RB,
    [],
    [...VEST, ...KWB]
  ),
  afgeleid(
    "locatiequotient",
    "Locatiequotiënt",
    "Aandeel van de branche in alle vestigingen van het gebied, gedeeld door dat aandeel in de hele regio. 1 = even sterk vertegenwoordigd als in de regio.",
    {
      teller: "vestigingen(branche) / vestigingen(alle) in het gebied",
      noemer: "vestigingen(branche) / vestigingen(alle) in de regio"
    },
    "index",
    "hoger = meer risico",
    "risicobranches",
    RG,
    GROEP_BRANCHES.filter((b) => b !== BRANCHE_ALLE),
    [],
    VEST,
    [],
    ALLE_JAREN
  ),
  afgeleid(
    "groei-5-jaar",
    "Groei ten opzichte van vijf jaar eerder",
    "Procentuele verandering van het aantal vestigingen ten opzichte van vijf jaar eerder.",
    {teller: "vestigingen(j) - vestigingen(j-5)", noemer: "vestigingen(j-5)", schaal: "× 100"},
    "procent",
    "hoger = meer risico",
    "risicobranches",
    RG,
    GROEP_BRANCHES,
    [],
    VEST,
    ["Pas vanaf vijf jaar na het eerste jaar."],
    `elk jaar vanaf ${EERSTE_JAAR + 5}`
  ),
  afgeleid(
    "verloop",
    "Verloop (starts en stops per 100 vestigingen)",
    "Nieuwe plus opgeheven vestigingen in het jaar per 100 vestigingen op 31 december.",
    {teller: "starts + stops", noemer: "vestigingen op 31 december", schaal: "× 100"},
    "per-100",
    "hoger = meer risico",
    "risicobranches",
    RG,
    GROEP_BRANCHES,
    [],
    VEST,
    [STROMEN]
  ),
  afgeleid(
    "eenpersoons-aandeel",
    "Aandeel eenpersoonsvestigingen",
    "Eenpersoonsvestigingen als percentage van alle vestigingen van de branche (groepsonthulling: minstens k met en k zonder).",
    {teller: "eenpersoonsvestigingen", noemer: "vestigingen", schaal: "× 100"},
    "procent",
    "hoger = meer risico",
    "risicobranches",
    RG,
    GROEP_BRANCHES,
    [],
    VEST
  ),
  afgeleid(
    "zorg-met-vastgoed-per-100",
    "Zorgaanbieders met vastgoed per 100 zorgaanbieders",
    "Zorgvestigingen met vastgoed in eigendom per 100 zorgvestigingen.",
    {teller: "zorg-met-vastgoed", noemer: "vestigingen (zorg)", schaal: "× 100"},
    "procent",
    "hoger = meer risico",
    "risicobranches",
    RG,
    ["zorg"],
    [],
    [...VEST, "eigendommen.csv"]
  ),

  // Risicolocaties
  telling(
    "vestigingen-buitengebied",
    "Vestigingen in het buitengebied",
    `Vestigingen in buitengebiedbuurten. ${VOORRAAD} ${KERN_BUITEN}`,
    "vestigingen",
    "risicolocaties",
    RG,
    RB,
    [],
    [...VEST, ...LIGGING]
  ),
  telling(
    "vestigingen-kern",
    "Vestigingen in de kernen",
    `Vestigingen in kernbuurten. ${VOORRAAD}`,
    "vestigingen",
    "risicolocaties",
    RG,
    RB,
    [],
    [...VEST, ...LIGGING]
  ),
  afgeleid(
    "risico-aandeel-buitengebied",
    "Aandeel risicobranches in het buitengebied",
    "Vestigingen in risicobranches als percentage van alle vestigingen in het buitengebied.",
    {teller: "vestigingen-buitengebied (risico)", noemer: "vestigingen-buitengebied (alle)", schaal: "× 100"},
    "procent",
    "hoger = meer risico",
    "risicolocaties",
    RG,
    [BRANCHE_RISICO],
    [],
    [...VEST, ...LIGGING]
  ),
  afgeleid(
    "risico-aandeel-kern",
    "Aandeel risicobranches in de kernen",
    "Vestigingen in risicobranches als percentage van alle vestigingen in de kernen.",
    {teller: "vestigingen-kern (risico)", noemer: "vestigingen-kern (alle)", schaal: "× 100"},
    "procent",
    "hoger = meer risico",
    "risicolocaties",
    RG,
    [BRANCHE_RISICO],
    [],
    [...VEST, ...LIGGING]
  ),
  afgeleid(
    "vestigingen-per-km2-buitengebied",
    "Vestigingen per km² buitengebied",
    "Vestigingen per km² landoppervlakte van het buitengebied.",
    {teller: "vestigingen-buitengebied", noemer: "oppervlakte-buitengebied"},
    "per-km2",
    "hoger = meer risico",
    "risicolocaties",
    RG,
    RB,
    [],
    [...VEST, ...LIGGING]
  ),
  afgeleid(
    "vestigingen-per-km2-kern",
    "Vestigingen per km² kernen",
    "Vestigingen per km² landoppervlakte van de kernen.",
    {teller: "vestigingen-kern", noemer: "oppervlakte-kern"},
    "per-km2",
    "neutraal",
    "risicolocaties",
    RG,
    RB,
    [],
    [...VEST, ...LIGGING]
  ),
  telling(
    "panden-agrarisch",
    "Agrarische gebouwen",
    "Aantal agrarische gebouwen in het bestand (het bestand heeft geen bouw- of sloopdatum: hetzelfde aantal in elk jaar).",
    "gebouwen",
    "risicolocaties",
    RG,
    [],
    [],
    PAND
  ),
  telling(
    "panden-leeg",
    "Leegstaande agrarische gebouwen (VAB)",
    "Agrarische gebouwen die op 31 december leegstaan (leeg sinds op of voor 31 december, niet leeg tot of leeg tot na 31 december).",
    "gebouwen",
    "risicolocaties",
    RG,
    [],
    [],
    PAND
  ),
  {
    ...telling(
      "panden-leeg-m2",
      "Vloeroppervlak leegstaande agrarische gebouwen",
      "Som van het vloeroppervlak (m²) van de leegstaande agrarische gebouwen; p%-regel met elk gebouw als bijdrager.",
      "gebouwen",
      "risicolocaties",
      RG,
      [],
      [],
      PAND,
      ["Gebouwen zonder opgegeven oppervlak tellen niet mee in het vloeroppervlak."]
    ),
    eenheid: "m2",
    openbaarheid: "omvang"
  },
  afgeleid(
    "panden-leeg-aandeel",
    "Aandeel leegstaande agrarische gebouwen",
    "Leegstaande agrarische gebouwen als percentage van alle agrarische gebouwen.",
    {teller: "panden-leeg", noemer: "panden-agrarisch", schaal: "× 100"},
    "procent",
    "hoger = meer risico",
    "risicolocaties",
    RG,
    [],
    [],
    PAND
  ),
  telling(
    "signalen-buitengebied",
    "Signalen in het buitengebied",
    "Signalen per categorie in buitengebiedbuurten, naar datum van het signaal.",
    "signalen",
    "risicolocaties",
    RG,
    [],
    CATS,
    [...SIG, ...LIGGING]
  ),
  telling(
    "signalen-kern",
    "Signalen in de kernen",
    "Signalen per categorie in kernbuurten, naar datum van het signaal.",
    "signalen",
    "risicolocaties",
    RG,
    [],
    CATS,
    [...SIG, ...LIGGING]
  ),
  afgeleid(
    "signalen-per-1000-buitengebied",
    "Signalen per 1.000 inwoners, buitengebied",
    "Signalen per categorie per 1.000 inwoners van het buitengebied.",
    {teller: "signalen-buitengebied", noemer: "inwoners-buitengebied", schaal: "× 1.000"},
    "per-1000",
    "hoger = meer risico",
    "risicolocaties",
    RG,
    [],
    CATS,
    [...SIG, ...KWB]
  ),
  afgeleid(
    "signalen-per-1000-kern",
    "Signalen per 1.000 inwoners, kernen",
    "Signalen per categorie per 1.000 inwoners van de kernen.",
    {teller: "signalen-kern", noemer: "inwoners-kern", schaal: "× 1.000"},
    "per-1000",
    "hoger = meer risico",
    "risicolocaties",
    RG,
    [],
    CATS,
    [...SIG, ...KWB]
  ),
  afgeleid(
    "signalen-per-km2-buitengebied",
    "Signalen per km², buitengebied",
    "Signalen per categorie per km² buitengebied.",
    {teller: "signalen-buitengebied", noemer: "oppervlakte-buitengebied"},
    "per-km2",
    "hoger = meer risico",
    "risicolocaties",
    RG,
    [],
    CATS,
    [...SIG, ...LIGGING]
  ),
  afgeleid(
    "signalen-per-km2-kern",
    "Signalen per km², kernen",
    "Signalen per categorie per km² kernen.",
    {teller: "signalen-kern", noemer: "oppervlakte-kern"},
    "per-km2",
    "hoger = meer risico",
    "risicolocaties",
    RG,
    [],
    CATS,
    [...SIG, ...LIGGING]
  ),
  telling(
    "bt-vestigingen",
    "Vestigingen op bedrijventerreinen",
    `Vestigingen per bedrijventerrein (alle en risicobranches). ${VOORRAAD}`,
    "vestigingen",
    "risicolocaties",
    ["bedrijventerrein"],
    RB,
    [],
    [...VEST, "bedrijventerreinen.geojson"],
    [
      "Een bedrijventerrein staat in de open data met gebiedniveau 'regio' en de gemeente als bovenliggend gebied: het contract kent geen eigen niveau voor terreinen."
    ]
  ),
  telling(
    "bt-starts",
    "Nieuwe vestigingen op bedrijventerreinen",
    "Inschrijvingen in het jaar per bedrijventerrein.",
    "vestigingen",
    "risicolocaties",
    ["bedrijventerrein"],
    [BRANCHE_ALLE],
    [],
    [...VEST, "bedrijventerreinen.geojson"]
  ),
  telling(
    "bt-stops",
    "Opgeheven vestigingen op bedrijventerreinen",
    "Uitschrijvingen in het jaar per bedrijventerrein.",
    "vestigingen",
    "risicolocaties",
    ["bedrijventerrein"],
    [BRANCHE_ALLE],
    [],
    [...VEST, "bedrijventerreinen.geojson"]
  ),
  afgeleid(
    "bt-risico-aandeel",
    "Aandeel risicobranches op bedrijventerreinen",
    "Vestigingen in risicobranches als percentage van alle vestigingen op het terrein.",
    {teller: "bt-vestigingen (risico)", noemer: "bt-vestigingen (alle)", schaal: "× 100"},
    "procent",
    "hoger = meer risico",
    "risicolocaties",
    ["bedrijventerrein"],
    [BRANCHE_RISICO],
    [],
    VEST
  ),
  afgeleid(
    "bt-verloop",
    "Verloop op bedrijventerreinen",
    "Starts plus stops per 100 vestigingen op het terrein.",
    {teller: "bt-starts + bt-stops", noemer: "bt-vestigingen (alle)", schaal: "× 100"},
    "per-100",
    "hoger = meer risico",
    "risicolocaties",
    ["bedrijventerrein"],
    [BRANCHE_ALLE],
    [],
    VEST
  ),

  // Weerbare wijken
  telling(
    "signalen",
    "Signalen",
    "Aantal signalen (alle categorieën) naar datum van het signaal.",
    "signalen",
    "weerbare-wijken",
    ALL,
    [],
    [],
    SIG
  ),
  telling(
    "signalen-categorie",
    "Signalen per categorie",
    "Aantal signalen per categorie naar datum van het signaal.",
    "signalen",
    "weerbare-wijken",
    RG,
    [],
    CATS,
    SIG
  ),
  afgeleid(
    "signalen-per-1000",
    "Signalen per 1.000 inwoners",
    "Signalen (alle categorieën) per 1.000 inwoners.",
    {teller: "signalen", noemer: "inwoners", schaal: "× 1.000"},
    "per-1000",
    "hoger = meer risico",
    "weerbare-wijken",
    ALL,
    [],
    [],
    [...SIG, ...KWB]
  ),
  afgeleid(
    "signalen-categorie-per-1000",
    "Signalen per categorie per 1.000 inwoners",
    "Signalen per categorie per 1.000 inwoners.",
    {teller: "signalen-categorie", noemer: "inwoners", schaal: "× 1.000"},
    "per-1000",
    "hoger = meer risico",
    "weerbare-wijken",
    RG,
    [],
    CATS,
    [...SIG, ...KWB]
  ),
  {
    ...telling(
      "kerncijfers",
      "Kerncijfers wijken en buurten",
      "De kerncijfers van het CBS per component (categorie), gelezen op titel en eenheid: een aandeel dat het CBS als aantal geeft (eenpersoonshuishoudens) is omgerekend met zijn noemer, bijstand en arbeidsongeschiktheid naar uitkeringen per 1.000 inwoners. Elk component rust op het laatste jaar met cijfers, hoogstens twee jaar terug.",
      "publiek",
      "weerbare-wijken",
      ["gemeente", "wijk", "buurt"],
      [],
      KOMP_PUBLIEK,
      KWB,
      ["Leeg waar het CBS de waarde geheimhoudt of niet publiceert."]
    ),
    eenheid: "zie component",
    jaren: "gemeenten en wijken: elk jaar vanaf 2015; buurten: alleen het laatste jaar",
    openbaarheid: "publiek"
  },
  {
    ...telling(
      "kwetsbaarheid-z",
      "Gestandaardiseerde componenten (kerncijfers)",
      "z-score per component over de buurten van de regio in het jaar, met het teken zo dat hoger kwetsbaarder is.",
      "publiek",
      "weerbare-wijken",
      ["buurt"],
      [],
      KOMP_PUBLIEK,
      KWB
    ),
    eenheid: "z-score",
    jaren: "alleen het laatste jaar (de structurele index en de kwetsbaarheidsindex hebben elk jaar)",
    richting: "hoger = meer risico",
    openbaarheid: "publiek"
  },
  afgeleid(
    "kwetsbaarheid-z-signalen",
    "Gestandaardiseerd component signalen",
    "Relatieve afwijking van de signalen per 1.000 inwoners van de buurt ten opzichte van de regio, begrensd op -3 en 3.",
    {
      teller: "signalen per 1.000 inwoners (buurt)",
      noemer: "signalen per 1.000 inwoners (regio)",
      schaal: "- 1"
    },
    "relatief",
    "hoger = meer risico",
    "weerbare-wijken",
    ["buurt"],
    [],
    [],
    [...SIG, ...KWB]
  ),
  {
    ...telling(
      "kwetsbaarheid-structureel",
      "Structurele kwetsbaarheidsindex",
      "Gewogen gemiddelde van de beschikbare gestandaardiseerde kerncijfercomponenten.",
      "publiek",
      "weerbare-wijken",
      ["buurt"],
      [],
      [],
      KWB
    ),
    eenheid: "index",
    richting: "hoger = meer risico",
    openbaarheid: "publiek"
  },
  {
    ...telling(
      "kwetsbaarheid-gewicht",
      "Beschikbaar gewicht van de structurele index",
      "Som van de gewichten van de kerncijfercomponenten die voor de buurt bekend zijn.",
      "publiek",
      "weerbare-wijken",
      ["buurt"],
      [],
      [],
      KWB
    ),
    eenheid: "gewicht",
    openbaarheid: "publiek"
  },
  afgeleid(
    "kwetsbaarheidsindex",
    "Kwetsbaarheidsindex",
    "Gewogen gemiddelde van alle gestandaardiseerde componenten, met signalen.",
    {
      teller: "gewicht_structureel × structurele index + gewicht_signalen × z_signalen",
      noemer: "gewicht_structureel + gewicht_signalen"
    },
    "index",
    "hoger = meer risico",
    "weerbare-wijken",
    ["buurt"],
    [],
    [],
    [...SIG, ...KWB],
    [...KWETSBAARHEID_METHODE]
  ),

  // Trends
  afgeleid(
    "vestigingen-index",
    "Vestigingen, index (eerste jaar = 100)",
    "Aantal vestigingen als index ten opzichte van het eerste jaar.",
    {teller: "vestigingen(j)", noemer: "vestigingen(eerste jaar)", schaal: "× 100"},
    "index",
    "hoger = meer risico",
    "trends",
    RG,
    GROEP_BRANCHES,
    [],
    VEST
  ),
  afgeleid(
    "signalen-index",
    "Signalen, index (eerste jaar = 100)",
    "Aantal signalen als index ten opzichte van het eerste jaar.",
    {teller: "signalen(j)", noemer: "signalen(eerste jaar)", schaal: "× 100"},
    "index",
    "hoger = meer risico",
    "trends",
    RG,
    [],
    [],
    SIG
  ),
  afgeleid(
    "panden-leeg-index",
    "Leegstaande agrarische gebouwen, index (eerste jaar = 100)",
    "Aantal leegstaande agrarische gebouwen als index ten opzichte van het eerste jaar.",
    {teller: "panden-leeg(j)", noemer: "panden-leeg(eerste jaar)", schaal: "× 100"},
    "index",
    "hoger = meer risico",
    "trends",
    RG,
    [],
    [],
    PAND
  ),
  ...PUBLIEKE_INDICATOREN
];

/** Looks up an indicator by id; throws naming the id (a typo in a compute module fails fast). */
export function indicator(id: string): Indicator {
  const found = INDICATOREN.find((i) => i.id === id);
  if (!found) throw new Error(`Indicator ${id} staat niet in de catalogus`);
  return found;
}
