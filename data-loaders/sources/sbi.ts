/**
 * The SBI 2008 code list (Standaard Bedrijfsindeling, CBS): all sections and 2-digit divisions,
 * plus the 4- and 5-digit codes the risk branches are defined on. Readers validate every `sbi`
 * value against it: a code whose 2-digit division does not exist is rejected as
 * "onbekende SBI-code", because a typo would otherwise silently move a business between branches.
 */

/** An SBI section (A-U) with its Dutch name and its 2-digit divisions. */
export interface SbiSectie {
  letter: string;
  naam: string;
  /** 2-digit divisions in this section, e.g. `["55", "56"]` for I. */
  afdelingen: readonly string[];
}

/** The 21 sections of SBI 2008 with their divisions. */
export const SBI_SECTIES: readonly SbiSectie[] = [
  {letter: "A", naam: "Landbouw, bosbouw en visserij", afdelingen: ["01", "02", "03"]},
  {letter: "B", naam: "Delfstoffenwinning", afdelingen: ["05", "06", "07", "08", "09"]},
  {letter: "C", naam: "Industrie", afdelingen: range(10, 33)},
  {letter: "D", naam: "Energievoorziening", afdelingen: ["35"]},
  {letter: "E", naam: "Waterbedrijven en afvalbeheer", afdelingen: ["36", "37", "38", "39"]},
  {letter: "F", naam: "Bouwnijverheid", afdelingen: ["41", "42", "43"]},
  {letter: "G", naam: "Handel", afdelingen: ["45", "46", "47"]},
  {letter: "H", naam: "Vervoer en opslag", afdelingen: ["49", "50", "51", "52", "53"]},
  {letter: "I", naam: "Logies-, maaltijd- en drankverstrekking", afdelingen: ["55", "56"]},
  {letter: "J", naam: "Informatie en communicatie", afdelingen: range(58, 63)},
  {letter: "K", naam: "Financiële dienstverlening", afdelingen: ["64", "65", "66"]},
  {letter: "L", naam: "Verhuur van en handel in onroerend goed", afdelingen: ["68"]},
  {letter: "M", naam: "Specialistische zakelijke diensten", afdelingen: range(69, 75)},
  {letter: "N", naam: "Verhuur en overige zakelijke diensten", afdelingen: range(77, 82)},
  {letter: "O", naam: "Openbaar bestuur en overheidsdiensten", afdelingen: ["84"]},
  {letter: "P", naam: "Onderwijs", afdelingen: ["85"]},
  {letter: "Q", naam: "Gezondheids- en welzijnszorg", afdelingen: ["86", "87", "88"]},
  {letter: "R", naam: "Cultuur, sport en recreatie", afdelingen: ["90", "91", "92", "93"]},
  {letter: "S", naam: "Overige dienstverlening", afdelingen: ["94", "95", "96"]},
  {letter: "T", naam: "Huishoudens als werkgever", afdelingen: ["97", "98"]},
  {letter: "U", naam: "Extraterritoriale organisaties", afdelingen: ["99"]}
];

/**
 * Named codes below the division level: the ones risk branches are defined on. Names follow the
 * CBS SBI 2008 titles (shortened).
 */
export const SBI_CODES: Readonly<Record<string, string>> = {
  "4511": "Handel in en reparatie van personenauto's en lichte bedrijfsauto's",
  "4520": "Gespecialiseerde reparatie van auto's",
  "4778": "Winkels in overige artikelen (o.a. kunst)",
  "4779": "Winkels in antiek en tweedehands goederen",
  "4941": "Goederenvervoer over de weg",
  "5210": "Opslag",
  "5510": "Hotels",
  "5520": "Verstrekken van accommodatie voor korte duur (vakantieparken, bungalows)",
  "5530": "Kampeerterreinen",
  "5610": "Restaurants, cafetaria's en dergelijke",
  "56101": "Restaurants",
  "56102": "Fastfoodrestaurants, cafetaria's, ijssalons, eetkramen",
  "5630": "Cafés",
  "6810": "Handel in eigen onroerend goed",
  "6820": "Verhuur van onroerend goed",
  "6831": "Bemiddeling bij handel, huur en taxatie van onroerend goed",
  "7711": "Verhuur van personenauto's en lichte bedrijfsauto's",
  "8610": "Ziekenhuizen",
  "8621": "Huisartsenpraktijken",
  "8691": "Praktijken van verloskundigen en paramedici",
  "8710": "Verpleeghuizen",
  "8720": "Instellingen voor verstandelijk gehandicapten en psychiatrische patiënten",
  "8810": "Maatschappelijke dienstverlening zonder overnachting voor ouderen en gehandicapten",
  "8899": "Overige maatschappelijke dienstverlening zonder overnachting",
  "9003": "Schrijven en overige scheppende kunst",
  "9602": "Kappers en schoonheidsverzorging",
  "96021": "Haarverzorging (kappers)",
  "96022": "Schoonheidsverzorging (o.a. nagelstudio's)",
  "9604": "Sauna's, solaria, baden e.d.",
  "9609": "Overige dienstverlening n.e.g."
};

/** Map from 2-digit division to its section letter, built once. */
const DIVISION_SECTION: ReadonlyMap<string, string> = new Map(
  SBI_SECTIES.flatMap((s) => s.afdelingen.map((a) => [a, s.letter] as const))
);

function range(from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(String(i).padStart(2, "0"));
  return out;
}

/**
 * Normalises an SBI code as written in exports (`"56.10.2"`, `" 5610 "`, `"96 02 2"`) to digits
 * only (`"56102"`), or returns null when it is not a valid SBI 2008 code: 2 to 5 digits whose
 * 2-digit division exists. Leading zeros are kept (`"0111"`); a code that lost its leading zero
 * in a spreadsheet (`"111"`) is ambiguous and therefore rejected.
 */
export function normaliseSbi(value: string | null | undefined): string | null {
  if (value == null) return null;
  const digits = value.trim().replace(/[.\s]/g, "");
  if (!/^\d{2,5}$/.test(digits)) return null;
  // A 3-digit code is a group that exists in SBI, but a spreadsheet that dropped the leading
  // zero of a 4-digit code also produces 3 digits; CBS groups are rarely used in exports, so
  // we accept 3 digits only when the division exists, like the other lengths.
  return DIVISION_SECTION.has(digits.slice(0, 2)) ? digits : null;
}

/** The section letter (A-U) of a normalised SBI code, or null for an unknown division. */
export function sbiSectie(code: string): string | null {
  return DIVISION_SECTION.get(code.slice(0, 2)) ?? null;
}

/** The 2-digit division of a normalised SBI code (`"56102"` -> `"56"`). */
export function sbiAfdeling(code: string): string {
  return code.slice(0, 2);
}

/** All valid 2-digit divisions, e.g. for validating in SQL with `IN (...)`. */
export const SBI_AFDELINGEN: readonly string[] = [...DIVISION_SECTION.keys()];
