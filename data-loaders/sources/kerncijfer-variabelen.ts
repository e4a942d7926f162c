/**
 * The canonical kerncijfer variables, defined by what they measure: the CBS topic title(s) that
 * hold them and the unit they are published in, as in CBS's DataProperties (OData v3) and
 * MeasureCodes (OData v4). CBS renumbers its topic keys with every table and even between two
 * versions of one table (`GemiddeldInkomenPerInwoner_83` became `_78` within 85984NED), and it
 * publishes some topics as a count in one form and a share in another; so a column is read by
 * its title and unit, never by its key. A topic whose unit is not the variable's unit is
 * converted when the variable says how (a share from a count and its denominator) and otherwise
 * reported, never used as it is.
 */

/** Canonical units of the variables (the catalogue's `Eenheid` names where they overlap). */
export type KerncijferEenheid =
  "aantal" | "procent" | "per-1000-inwoners" | "x1000-euro" | "per-km2" | "hectare" | "klasse";

/** How values of several gemeenten combine into the gemeente they merged into. */
export type Samenvoegen = "som" | "dichtheid" | "geen" | {gewogen: string};

/** One canonical variable. */
export interface KerncijferDefinitie {
  /** Dutch name for reports (check-data, Methode en privacy). */
  naam: string;
  eenheid: KerncijferEenheid;
  /**
   * CBS topic titles that measure it, in order of preference (compared without case and with
   * whitespace collapsed, as CBS pads some titles).
   */
  titels: readonly string[];
  /**
   * When CBS gives a count instead: the variable that is its denominator and the scale
   * (100 for a percentage, 1,000 for a rate per 1,000 inhabitants). The result is rounded to one
   * decimal, the precision CBS gives its own shares.
   */
  afleiding?: {noemer: string; schaal: 100 | 1000};
  /** How merged gemeenten combine (gebieden/herindelingen.csv). */
  samenvoegen: Samenvoegen;
}

/**
 * The variables the atlas reads. Titles are CBS's, from the DataProperties of 83765NED (2017),
 * 84799NED (2020) and 85984NED (2024) and the MeasureCodes of 83765NED (see
 * data-loaders/sources/cbs-tabellen.json): e.g. one-person households are a count
 * ("aantal") in every KWB table, so the share is derived from households; vacant dwellings are
 * "Percentage onbewoond" until 2023 and "Onbewoonde woningen" (%) from 2024; the average WOZ
 * value is "Gemiddelde woningwaarde" in 2017 and 2020.
 */
export const KERNCIJFER_VARIABELEN = {
  inwoners: {naam: "inwoners", eenheid: "aantal", titels: ["Aantal inwoners"], samenvoegen: "som"},
  huishoudens: {naam: "huishoudens", eenheid: "aantal", titels: ["Huishoudens totaal"], samenvoegen: "som"},
  eenpersoonshuishoudens_pct: {
    naam: "eenpersoonshuishoudens (%)",
    eenheid: "procent",
    titels: ["Eenpersoonshuishoudens"],
    afleiding: {noemer: "huishoudens", schaal: 100},
    samenvoegen: {gewogen: "huishoudens"}
  },
  gemiddeld_inkomen: {
    naam: "gemiddeld inkomen per inwoner (x 1.000 euro)",
    eenheid: "x1000-euro",
    titels: ["Gemiddeld inkomen per inwoner"],
    samenvoegen: {gewogen: "inwoners"}
  },
  laag_inkomen_pct: {
    naam: "huishoudens met een laag inkomen (%)",
    eenheid: "procent",
    titels: ["Huishoudens met een laag inkomen"],
    samenvoegen: {gewogen: "huishoudens"}
  },
  armoede_pct: {
    naam: "personen in armoede (%)",
    eenheid: "procent",
    titels: ["Personen in armoede"],
    samenvoegen: {gewogen: "inwoners"}
  },
  bijstand: {
    naam: "personen met bijstand",
    eenheid: "aantal",
    titels: ["Personen per soort uitkering; Bijstand"],
    samenvoegen: "som"
  },
  ao_uitkering: {
    naam: "personen met een uitkering wegens arbeidsongeschiktheid (AO)",
    eenheid: "aantal",
    titels: ["Personen per soort uitkering; AO"],
    samenvoegen: "som"
  },
  wmo_per_1000: {
    naam: "Wmo-cliënten per 1.000 inwoners",
    eenheid: "per-1000-inwoners",
    titels: ["Wmo-cliënten relatief", "Wmo-cliënten"],
    afleiding: {noemer: "inwoners", schaal: 1000},
    samenvoegen: {gewogen: "inwoners"}
  },
  jeugdzorg_pct: {
    naam: "jongeren met jeugdzorg (%)",
    eenheid: "procent",
    titels: ["Percentage jongeren met jeugdzorg"],
    // The denominator (young people up to 23) is not in the table: no merged value.
    samenvoegen: "geen"
  },
  woningvoorraad: {naam: "woningvoorraad", eenheid: "aantal", titels: ["Woningvoorraad"], samenvoegen: "som"},
  onbewoond_pct: {
    naam: "onbewoonde woningen (%)",
    eenheid: "procent",
    titels: ["Percentage onbewoond", "Onbewoonde woningen"],
    samenvoegen: {gewogen: "woningvoorraad"}
  },
  corporatie_pct: {
    naam: "woningen in bezit van een corporatie (%)",
    eenheid: "procent",
    titels: ["In bezit woningcorporatie"],
    samenvoegen: {gewogen: "woningvoorraad"}
  },
  woz: {
    naam: "gemiddelde WOZ-waarde (x 1.000 euro)",
    eenheid: "x1000-euro",
    titels: ["Gemiddelde WOZ-waarde van woningen", "Gemiddelde woningwaarde"],
    samenvoegen: {gewogen: "woningvoorraad"}
  },
  bevolkingsdichtheid: {
    naam: "bevolkingsdichtheid (inwoners per km²)",
    eenheid: "per-km2",
    titels: ["Bevolkingsdichtheid"],
    samenvoegen: "dichtheid"
  },
  oppervlakte_land_ha: {
    naam: "oppervlakte land (ha)",
    eenheid: "hectare",
    titels: ["Oppervlakte land"],
    samenvoegen: "som"
  },
  stedelijkheid: {
    naam: "mate van stedelijkheid (1-5)",
    eenheid: "klasse",
    titels: ["Mate van stedelijkheid"],
    samenvoegen: "geen"
  }
} as const satisfies Record<string, KerncijferDefinitie>;

/** Canonical variable names (the `variabele` column of the `kerncijfers` table). */
export type KerncijferVariabele = keyof typeof KERNCIJFER_VARIABELEN;

/** The variables in definition order. */
export const VARIABELEN = Object.keys(KERNCIJFER_VARIABELEN) as KerncijferVariabele[];

/** The definition of a variable (typed as the general shape). */
export function definitie(v: KerncijferVariabele): KerncijferDefinitie {
  return KERNCIJFER_VARIABELEN[v] as KerncijferDefinitie;
}

/**
 * The canonical unit of a CBS unit text (`"aantal"`, `"%"`, `"per 1 000 inwoners"`,
 * `"x 1 000 euro"`, `"aantal inwoners per km²"`, `"ha"`, `"code"`), or null for any other
 * (kWh, km, m³, naam, ...).
 */
export function eenheidVanCbs(unit: string | null | undefined): KerncijferEenheid | null {
  if (unit == null) return null;
  const u = normaliseer(unit);
  if (u === "aantal") return "aantal";
  if (u === "%") return "procent";
  if (u === "per 1 000 inwoners" || u === "per 1000 inwoners") return "per-1000-inwoners";
  if (u === "x 1 000 euro" || u === "x 1000 euro") return "x1000-euro";
  if (u === "aantal inwoners per km²" || u === "aantal inwoners per km2") return "per-km2";
  if (u === "ha") return "hectare";
  if (u === "code") return "klasse";
  return null;
}

/** A title or unit for comparison: lower case, every run of (non-breaking) white space one space. */
export function normaliseer(s: string): string {
  return s
    .normalize("NFC")
    .replace(/[\s\u00a0]+/g, " ")
    .trim()
    .toLocaleLowerCase("nl");
}
