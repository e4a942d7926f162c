/**
 * Dutch user-interface texts of the charts and components, in one place, so wording stays
 * consistent across pages and a copy edit is one change. Sentences that depend on data are
 * small functions here too.
 */

/** Fixed Dutch labels of the chart components. */
export const TEXTS = {
  toonTabel: "Toon tabel",
  verbergTabel: "Verberg tabel",
  bron: "Bron:",
  samenvatting: "Samenvatting:",
  onderdrukt: "onderdrukt",
  onderdruktLegenda: "Onderdrukt (te weinig waarnemingen)",
  geenGegevens: "geen gegevens",
  geenGegevensLegenda: "Geen gegevens",
  ongeveer: "≈",
  gebied: "Gebied",
  waarde: "Waarde",
  jaar: "Jaar",
  branche: "Branche",
  status: "Status",
  rang: "Rang",
  verandering: "Verandering",
  referentie: "Referentie",
  legenda: "Legenda",
  hogerIsMeer: "hoger = meer risico",
  geenWaarden: "Er zijn geen gepubliceerde waarden om te tonen.",
  onderdruktReden: "Te weinig waarnemingen om dit cijfer veilig te publiceren.",
  afgerondNoot: "≈ betekent: afgerond om herleidbaarheid te voorkomen."
} as const;

/** Dutch labels of the units (`eenheid`), for axis and legend labels. */
export const EENHEID_LABELS: Readonly<Record<string, string>> = {
  aantal: "aantal",
  "per-1000": "per 1.000 inwoners",
  procent: "procent",
  index: "index",
  euro: "euro",
  "per-km2": "per km²",
  "per-ha": "per hectare",
  ha: "hectare",
  "ja-nee": "ja (1) of nee (0)",
  m2: "m²",
  "x1000-euro": "euro"
};

/**
 * An indicator's catalogue title with its unit in words, for menus and axes: "Aandeel
 * eenpersoonsvestigingen (procent)". The unit is left out when it has no words or the title
 * already says it ("Signalen per categorie per 1.000 inwoners").
 */
export function titelMetEenheid(titel: string, eenheid: string): string {
  const woorden = EENHEID_LABELS[eenheid];
  return woorden && !titel.toLowerCase().includes(woorden.toLowerCase()) ? `${titel} (${woorden})` : titel;
}

/** The Dutch label of a unit, or the unit itself when unknown. */
export function eenheidLabel(eenheid: string): string {
  return EENHEID_LABELS[eenheid] ?? eenheid;
}

/** "3 gebieden zijn onderdrukt" / "1 gebied is onderdrukt"; empty when none. */
export function onderdruktZin(count: number, enkelvoud = "gebied", meervoud = "gebieden"): string {
  if (count <= 0) return "";
  return count === 1 ? `1 ${enkelvoud} is onderdrukt.` : `${count} ${meervoud} zijn onderdrukt.`;
}

/** "2 gebieden zonder gegevens" sentence; empty when none. */
export function geenGegevensZin(count: number, enkelvoud = "gebied", meervoud = "gebieden"): string {
  if (count <= 0) return "";
  return count === 1
    ? `Voor 1 ${enkelvoud} zijn geen gegevens.`
    : `Voor ${count} ${meervoud} zijn geen gegevens.`;
}

/** Rank sentence for key figures: "plaats 3 van 12". */
export function rangTekst(rang: number, van: number): string {
  return `plaats ${rang} van ${van}`;
}
