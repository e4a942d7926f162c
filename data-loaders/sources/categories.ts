/**
 * Signal categories a bronmap's `signalen.csv` may use. A row with another category is rejected
 * (counted as "onbekende categorie") rather than guessed, because a misspelt category would
 * otherwise silently fall out of every indicator.
 */
export const SIGNAAL_CATEGORIEEN = [
  "drugsafval",
  "hennep",
  "drugslab",
  "overlast",
  "mensenhandel",
  "witwassen",
  "bibob",
  "adreskwaliteit"
] as const;

/** One signal category. */
export type SignaalCategorie = (typeof SIGNAAL_CATEGORIEEN)[number];

/** Dutch labels of the categories, for reports and pages. */
export const SIGNAAL_CATEGORIE_LABELS: Record<SignaalCategorie, string> = {
  drugsafval: "Drugsafval (dumpingen)",
  hennep: "Hennepteelt",
  drugslab: "Drugslaboratorium",
  overlast: "Overlast en verstoring openbare orde",
  mensenhandel: "Mensenhandel en uitbuiting",
  witwassen: "Witwassen",
  bibob: "Bibob-onderzoek",
  adreskwaliteit: "Adreskwaliteit (onjuiste inschrijving)"
};

/**
 * Normalises a category as written in an input file (case, surrounding spaces) and returns it,
 * or null when it is not a known category.
 */
export function normaliseCategorie(value: string | null | undefined): SignaalCategorie | null {
  if (value == null) return null;
  const v = value.trim().toLowerCase();
  return (SIGNAAL_CATEGORIEEN as readonly string[]).includes(v) ? (v as SignaalCategorie) : null;
}
