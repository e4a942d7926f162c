/**
 * Sentences computed from published cells. Every sentence with a number or a judgement on a
 * page comes from here, so it stays true for any bronmap: a suppressed value gives a sentence
 * that says so, never a guess, and a comparison is only made between published values.
 */
import type {Cell} from "./contracts.js";
import {formatWaarde, formatProcent} from "./format.js";

/** Names of areas by code (gemeenten, wijken, buurten, the regio). */
export type AreaNames = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

/** The name of an area, or its code when the name is unknown. */
export function areaName(code: string, names: AreaNames): string {
  const name = names instanceof Map ? names.get(code) : (names as Record<string, string>)[code];
  return name ?? code;
}

/** True when a cell carries a publishable number. */
export function isPublished(cell: Cell | null | undefined): cell is Cell & {waarde: number} {
  return cell != null && cell.waarde !== null && Number.isFinite(cell.waarde);
}

/** Dutch count phrase with the right plural: `telwoord(1, "gemeente", "gemeenten")` = "1 gemeente". */
export function telwoord(n: number, enkelvoud: string, meervoud: string): string {
  return `${n.toLocaleString("nl-NL")} ${n === 1 ? enkelvoud : meervoud}`;
}

/** Joins names in Dutch: "A", "A en B", "A, B en C". */
export function opsomming(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} en ${items[items.length - 1]}`;
}

/** Options of `rankingSentence`. */
export interface RankingSentenceOptions {
  /** What is measured, lower case, e.g. "het aantal fastfoodzaken per 1.000 inwoners". */
  label: string;
  eenheid: string;
  names: AreaNames;
  /** What the areas are called, singular and plural. */
  soort?: [string, string];
}

/**
 * Which area is highest and which lowest, and how many could not be compared. With fewer than
 * two published values there is no ranking to tell, and the sentence says why.
 */
export function rankingSentence(cells: readonly Cell[], options: RankingSentenceOptions): string {
  const [enkelvoud, meervoud] = options.soort ?? ["gemeente", "gemeenten"];
  const published = cells
    .filter(isPublished)
    .sort((a, b) => b.waarde - a.waarde || a.gebiedcode.localeCompare(b.gebiedcode));
  const suppressed = cells.filter((c) => c.status === "onderdrukt").length;
  const missing = cells.length - published.length - suppressed;
  const rest: string[] = [];
  if (suppressed > 0) {
    rest.push(
      `Voor ${telwoord(suppressed, enkelvoud, meervoud)} is de waarde onderdrukt omdat de aantallen te klein zijn om te publiceren.`
    );
  }
  if (missing > 0) rest.push(`Voor ${telwoord(missing, enkelvoud, meervoud)} zijn geen gegevens.`);
  const tail = rest.length > 0 ? " " + rest.join(" ") : "";
  if (published.length === 0) {
    return `Voor geen enkele ${enkelvoud} kan ${options.label} worden getoond.${tail}`;
  }
  const fmt = (c: Cell & {waarde: number}) =>
    `${areaName(c.gebiedcode, options.names)} (${formatWaarde(c.waarde, options.eenheid)})`;
  if (published.length === 1) {
    return `Alleen voor ${fmt(published[0]!)} kan ${options.label} worden getoond.${tail}`;
  }
  const top = published[0]!;
  const bottom = published[published.length - 1]!;
  if (top.waarde === bottom.waarde) {
    return `${capitalize(options.label)} is in alle ${published.length} ${meervoud} met gegevens gelijk: ${formatWaarde(top.waarde, options.eenheid)}.${tail}`;
  }
  return `${capitalize(options.label)} is het hoogst in ${fmt(top)} en het laagst in ${fmt(bottom)}.${tail}`;
}

/** Options of `changeSentence`. */
export interface ChangeSentenceOptions {
  /** Subject of the sentence, e.g. "Het aantal vestigingen in risicobranches in Lindewaarde". */
  onderwerp: string;
  eenheid: string;
  /** Relative changes smaller than this (fraction) count as "gelijk gebleven". Default 0.02. */
  drempel?: number;
}

/**
 * How a value changed between two years, in words and numbers; says so when either year is
 * suppressed or missing instead of guessing.
 */
export function changeSentence(
  previous: Cell | null | undefined,
  current: Cell | null | undefined,
  options: ChangeSentenceOptions
): string {
  const drempel = options.drempel ?? 0.02;
  if (!isPublished(current)) {
    const jaar = current?.jaar;
    return `${options.onderwerp} is${jaar ? ` voor ${jaar}` : ""} niet te tonen: ${redenWoorden(current)}.`;
  }
  const nu = `${formatWaarde(current.waarde, options.eenheid)} in ${current.jaar}`;
  if (!isPublished(previous)) {
    return `${options.onderwerp} is ${nu}; een vergelijking met het jaar ervoor is niet mogelijk (${redenWoorden(previous)}).`;
  }
  const toen = `${formatWaarde(previous.waarde, options.eenheid)} in ${previous.jaar}`;
  if (previous.waarde === 0) {
    return current.waarde === 0
      ? `${options.onderwerp} is ${nu}, net als in ${previous.jaar}.`
      : `${options.onderwerp} steeg van ${toen} naar ${nu}.`;
  }
  const relative = (current.waarde - previous.waarde) / Math.abs(previous.waarde);
  if (Math.abs(relative) < drempel) return `${options.onderwerp} bleef vrijwel gelijk: ${nu}, tegen ${toen}.`;
  const verb = relative > 0 ? "steeg" : "daalde";
  return `${options.onderwerp} ${verb} van ${toen} naar ${nu} (${relative > 0 ? "+" : "−"}${formatProcent(Math.abs(relative) * 100)}).`;
}

/** Options of `comparisonSentence`. */
export interface ComparisonSentenceOptions {
  onderwerp: string;
  eenheid: string;
  /** Name of the reference, e.g. "de regio" or "vergelijkbare gemeenten". */
  referentie: string;
  /** Relative differences smaller than this (fraction) count as "ongeveer gelijk". Default 0.05. */
  drempel?: number;
}

/** How a value compares with a reference value (the region, peers), or why it cannot be compared. */
export function comparisonSentence(
  value: Cell | null | undefined,
  reference: Cell | null | undefined,
  options: ComparisonSentenceOptions
): string {
  const drempel = options.drempel ?? 0.05;
  if (!isPublished(value)) return `${options.onderwerp} is niet te tonen: ${redenWoorden(value)}.`;
  const eigen = formatWaarde(value.waarde, options.eenheid);
  if (!isPublished(reference) || reference.waarde === 0) {
    return `${options.onderwerp} is ${eigen}; een vergelijking met ${options.referentie} is niet mogelijk.`;
  }
  const ref = formatWaarde(reference.waarde, options.eenheid);
  const relative = (value.waarde - reference.waarde) / Math.abs(reference.waarde);
  if (Math.abs(relative) < drempel)
    return `${options.onderwerp} is ${eigen}, ongeveer gelijk aan ${options.referentie} (${ref}).`;
  return `${options.onderwerp} is ${eigen}, ${relative > 0 ? "hoger" : "lager"} dan ${options.referentie} (${ref}).`;
}

/** Why a cell has no number, in words for a sentence. */
export function redenWoorden(cell: Cell | null | undefined): string {
  if (cell == null) return "er zijn geen gegevens";
  if (cell.status === "onderdrukt")
    return "de waarde is onderdrukt omdat de aantallen te klein zijn om te publiceren";
  return "er zijn geen gegevens";
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
