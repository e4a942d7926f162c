/**
 * Clearly invented Dutch-sounding names for the fictitious demo region. Names are built from
 * parts that do not form existing gemeente names on purpose ("Lindewaarde", "Brakelstein"), so
 * nobody mistakes a demo figure for a real place.
 */
import type {Rng} from "./random.ts";

const GEMEENTE_PREFIX = [
  "Linde",
  "Brakel",
  "Hoorne",
  "Kwakkel",
  "Ravel",
  "Mossel",
  "Dommel",
  "Vinke",
  "Zeger",
  "Wouter",
  "Aalder",
  "Berkel",
  "Doorn",
  "Elze",
  "Gansen",
  "Heiden",
  "Ilpe",
  "Jasper",
  "Kievit",
  "Lorre",
  "Meren",
  "Nessel",
  "Olden",
  "Pieter",
  "Quakel",
  "Roosen",
  "Sleen",
  "Tielde",
  "Uiter",
  "Vlasse",
  "Wilgen",
  "Ypel",
  "Zandel",
  "Barne",
  "Coppel",
  "Dirk",
  "Emmel",
  "Friezel",
  "Gorre",
  "Hessel"
];
const GEMEENTE_SUFFIX = [
  "waarde",
  "stein",
  "velde",
  "dal",
  "horst",
  "broek",
  "oord",
  "kerke",
  "hoven",
  "rode",
  "mond",
  "burg",
  "loo",
  "wolde",
  "haven",
  "zijl",
  "weerd",
  "hem",
  "lede",
  "monde"
];
const WIJK_PART = [
  "Centrum",
  "Noord",
  "Oost",
  "Zuid",
  "West",
  "Noordoost",
  "Zuidwest",
  "Buiten",
  "Haven",
  "Kern"
];
const BUURT_ROOT = [
  "Vogel",
  "Bloemen",
  "Bomen",
  "Molen",
  "Kerk",
  "Schilders",
  "Componisten",
  "Sterren",
  "Vlinder",
  "Rivieren",
  "Akker",
  "Beemd",
  "Heide",
  "Dorps",
  "Stations",
  "Park",
  "Water",
  "Bleek",
  "Slot",
  "Wei",
  "Essen",
  "Hazel",
  "Kastanje",
  "Lijster",
  "Merel",
  "Reiger",
  "Specht",
  "Uilen",
  "Zwaluw",
  "Klaver"
];
const BUURT_SUFFIX = ["buurt", "hof", "kwartier", "park", "rijk", "veld", "wijk", "erf"];

/** `n` distinct gemeente names, shuffled deterministically. */
export function gemeenteNamen(rng: Rng, n: number): string[] {
  const all: string[] = [];
  for (const p of GEMEENTE_PREFIX) for (const s of GEMEENTE_SUFFIX) all.push(p + s);
  const shuffled = rng.shuffle(all);
  const out = shuffled.slice(0, n);
  // More gemeenten than combinations: disambiguate like real Dutch places do.
  for (let i = all.length; i < n; i++) out.push(`Nieuw-${shuffled[i % all.length]}`);
  return out;
}

/** A wijk name within a gemeente (`Lindewaarde-Noord`, `Lindewaarde-Centrum`, ...). */
export function wijkNaam(gemeente: string, i: number): string {
  return i < WIJK_PART.length
    ? `${gemeente}-${WIJK_PART[i]}`
    : `${gemeente} wijk ${String(i).padStart(2, "0")}`;
}

/** A buurt name; unique within its wijk by construction of `i`. */
export function buurtNaam(rng: Rng, kind: "kern" | "buiten" | "bedrijven", wijk: string, i: number): string {
  if (kind === "buiten") return i === 0 ? `Verspreide huizen ${wijk}` : `Buitengebied ${wijk} ${i}`;
  if (kind === "bedrijven")
    return `Bedrijventerrein ${rng.pick(BUURT_ROOT)}${rng.pick(["hoek", "poort", "kamp"])}`;
  return `${rng.pick(BUURT_ROOT)}${rng.pick(BUURT_SUFFIX)}`;
}

/** Fake first names and surnames for business names (common parts, random combinations). */
export const VOORNAMEN = [
  "Anna",
  "Bram",
  "Chantal",
  "Daan",
  "Eva",
  "Fleur",
  "Gijs",
  "Hanna",
  "Ilse",
  "Jeroen",
  "Kim",
  "Lars",
  "Mila",
  "Noah",
  "Olga",
  "Pim",
  "Roos",
  "Sem",
  "Tess",
  "Umar",
  "Vera",
  "Wout",
  "Yara",
  "Zoë",
  "Mehmet",
  "Fatima",
  "Said",
  "Priya",
  "Tomasz",
  "Ling"
];
/** See `VOORNAMEN`. */
export const ACHTERNAMEN = [
  "de Vries",
  "Jansen",
  "van den Berg",
  "Bakker",
  "Visser",
  "Smit",
  "Meijer",
  "de Boer",
  "Mulder",
  "de Groot",
  "Bos",
  "Vos",
  "Peters",
  "Hendriks",
  "van Leeuwen",
  "Dekker",
  "Brouwer",
  "de Wit",
  "Dijkstra",
  "Smits",
  "Yilmaz",
  "El Amrani",
  "Nguyen",
  "Kowalski",
  "Bouzid",
  "van Dijk",
  "Koster",
  "Willems",
  "Verbeek",
  "Prins"
];
