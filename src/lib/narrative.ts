/**
 * Sentences computed from published cells. Every sentence with a number or a judgement on a
 * page comes from here, so it stays true for any bronmap: a suppressed value gives a sentence
 * that says so, never a guess, and a comparison is only made between published values.
 */
import type {Cell} from "./contracts.js";
import {formatDecimaal, formatWaarde, formatProcent} from "./format.js";
import {
  locatiequotientInterval,
  vergelijkTellingen,
  type LqInterval,
  type LqTellingen,
  type SoortTelling,
  type Telling,
  type Vergelijking
} from "./statistiek.js";

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

/**
 * True when a change of values in this unit reads as a relative change (+12%): counts, rates and
 * amounts. Percentages change in percentage points and indexes and quotients in their own
 * points, never relatively (12% to 15% is "+3,0 procentpunt", not "+25%").
 */
export function relatiefVergelijkbaar(eenheid: string): boolean {
  return eenheid !== "procent" && eenheid !== "index" && eenheid !== "z-score";
}

/**
 * The absolute difference `delta` of two values in `eenheid`, without sign, in words:
 * percentages in procentpunt ("3,2 procentpunt"), anything else in its own format.
 */
export function verschilWoorden(delta: number, eenheid: string): string {
  const d = Math.abs(delta);
  if (eenheid === "procent") return `${formatDecimaal(d, 1)} procentpunt`;
  return formatWaarde(d, eenheid);
}

/** Options of `changeSentence`. */
export interface ChangeSentenceOptions {
  /** Subject of the sentence, e.g. "Het aantal vestigingen in risicobranches in Lindewaarde". */
  onderwerp: string;
  eenheid: string;
  /**
   * Counts, rates and amounts: relative changes smaller than this (fraction) count as "vrijwel
   * gelijk". Default 0.02. Percentages and indexes are "gelijk" only when they show the same.
   */
  drempel?: number;
}

/**
 * How a value changed between two years, in words and numbers; says so when either year is
 * suppressed or missing instead of guessing. Counts and rates change relatively (+12,5%),
 * percentages in percentage points (+3,2 procentpunt), indexes in points.
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
  const delta = current.waarde - previous.waarde;
  const verb = delta > 0 ? "steeg" : "daalde";
  if (!relatiefVergelijkbaar(options.eenheid)) {
    if (formatWaarde(current.waarde, options.eenheid) === formatWaarde(previous.waarde, options.eenheid))
      return `${options.onderwerp} bleef gelijk: ${nu}, net als in ${previous.jaar}.`;
    return `${options.onderwerp} ${verb} van ${toen} naar ${nu} (${delta > 0 ? "+" : "−"}${verschilWoorden(delta, options.eenheid)}).`;
  }
  if (previous.waarde === 0) {
    return current.waarde === 0
      ? `${options.onderwerp} is ${nu}, net als in ${previous.jaar}.`
      : `${options.onderwerp} steeg van ${toen} naar ${nu}.`;
  }
  const relative = delta / Math.abs(previous.waarde);
  if (Math.abs(relative) < drempel) return `${options.onderwerp} bleef vrijwel gelijk: ${nu}, tegen ${toen}.`;
  return `${options.onderwerp} ${verb} van ${toen} naar ${nu} (${relative > 0 ? "+" : "−"}${formatProcent(Math.abs(relative) * 100)}).`;
}

/**
 * The published counts behind a value and its reference, for judging whether their difference
 * is larger than chance. Either side null (a count suppressed or not published): no judgement.
 */
export interface TellingenVergelijking {
  eigen: Telling | null;
  referentie: Telling | null;
  /** Rate (count per exposure) or share (part of a whole); see statistiek.ts. */
  soort: SoortTelling;
  /** True when the reference contains the area (a gemeente in its region). */
  referentieBevatEigen: boolean;
}

/** Options of `comparisonSentence`. */
export interface ComparisonSentenceOptions {
  onderwerp: string;
  eenheid: string;
  /** Name of the reference, e.g. "de regio" or "vergelijkbare gemeenten". */
  referentie: string;
  /**
   * The counts behind both values. Only with them can the sentence say whether the difference is
   * larger than chance ("duidelijk hoger"); without them it only says which value is higher.
   */
  tellingen?: TellingenVergelijking;
  /** Shown in brackets after the value, e.g. the count behind a location quotient. */
  toelichting?: string;
  /**
   * Short form for a page that explains "duidelijk" once (the briefing's opening): the sentence
   * ends after the reference instead of repeating what "larger than chance" means.
   */
  kort?: boolean;
}

/**
 * The 95% comparison of a value with its reference from the published counts, or null when the
 * counts are missing, suppressed or leave nothing to compare with (statistiek.ts).
 */
export function vergelijking(tellingen: TellingenVergelijking | undefined): Vergelijking | null {
  if (!tellingen?.eigen || !tellingen.referentie) return null;
  return vergelijkTellingen(tellingen.eigen, tellingen.referentie, tellingen.soort, {
    referentieBevatEigen: tellingen.referentieBevatEigen
  });
}

/**
 * How a value compares with a reference value (the region, peers), or why it cannot be compared.
 * Percentages differ in percentage points. "Duidelijk hoger/lager" only when the published counts
 * behind both values show a difference larger than chance (95% interval, statistiek.ts); with
 * counts that do not, the sentence says the difference may be chance; without counts it only
 * states which value is higher.
 */
export function comparisonSentence(
  value: Cell | null | undefined,
  reference: Cell | null | undefined,
  options: ComparisonSentenceOptions
): string {
  if (!isPublished(value)) return `${options.onderwerp} is niet te tonen: ${redenWoorden(value)}.`;
  const eigen = formatWaarde(value.waarde, options.eenheid);
  if (!isPublished(reference)) {
    return `${options.onderwerp} is ${eigen}; een vergelijking met ${options.referentie} is niet mogelijk.`;
  }
  const ref = formatWaarde(reference.waarde, options.eenheid);
  if (eigen === ref)
    return `${options.onderwerp} is ${eigen}${options.toelichting ? ` (${options.toelichting})` : ""}, even hoog als ${options.referentie}.`;
  const hoger = value.waarde > reference.waarde;
  const richting = hoger ? "hoger" : "lager";
  const punten =
    options.eenheid === "procent" ? verschilWoorden(value.waarde - reference.waarde, "procent") : null;
  const v = vergelijking(options.tellingen);
  const begin = `${options.onderwerp} is ${eigen}${options.toelichting ? ` (${options.toelichting})` : ""}`;
  if (v && v.oordeel === richting)
    return `${begin}, duidelijk ${richting} dan ${options.referentie} (${ref}${punten ? `; ${punten} verschil` : ""})${options.kort ? "" : ": een verschil dat groter is dan toeval bij deze aantallen"}.`;
  const tekst = `${begin}, ${punten ? `${punten} ` : ""}${richting} dan ${options.referentie} (${ref})`;
  if (v && v.oordeel === "niet-te-onderscheiden")
    return options.kort
      ? `${tekst}, binnen de toevalsmarge.`
      : `${tekst}, maar bij deze aantallen kan dat verschil toeval zijn.`;
  return `${tekst}.`;
}

/** Smallest count of a branch in an area for a sentence about its over- or under-representation. */
export const MIN_TELLING_LQ = 10;

/** One branch of `locatiequotientSentence`: its name, its published LQ and the counts behind it. */
export interface LqItem {
  naam: string;
  lq: Cell | null | undefined;
  /** The published counts behind the LQ; null when one of them is suppressed or missing. */
  tellingen: LqTellingen | null;
}

/** Options of `locatiequotientSentence`. */
export interface LqSentenceOptions {
  /** Name of the area, e.g. "Lindewaarde". */
  gebied: string;
  /** Name of the reference, e.g. "de regio" or "Nederland". */
  referentie: string;
  jaar: number;
  /** True when the reference counts include the area (a gemeente in its region). */
  referentieBevatEigen: boolean;
  /** Smallest count of the branch in the area for a sentence about it. Default MIN_TELLING_LQ. */
  minimum?: number;
  /** How many branches to name per direction. Default 4. */
  max?: number;
}

/** A judged location quotient of one branch. */
export interface LqOordeel {
  naam: string;
  lq: number;
  aantal: number;
  interval: LqInterval;
}

/** The branches whose location quotient differs from 1 by more than chance, each way. */
export function locatiequotientOordelen(
  items: readonly LqItem[],
  options: Pick<LqSentenceOptions, "referentieBevatEigen" | "minimum">
): {boven: LqOordeel[]; onder: LqOordeel[]; beoordeeld: number; teKlein: number; tegenZichzelf: boolean} {
  const minimum = options.minimum ?? MIN_TELLING_LQ;
  const boven: LqOordeel[] = [];
  const onder: LqOordeel[] = [];
  let beoordeeld = 0;
  let teKlein = 0;
  const metTellingen = items.filter((i) => isPublished(i.lq) && i.tellingen);
  // The reference is the area itself (one gemeente in the bronmap): every LQ is 1 by construction.
  const tegenZichzelf =
    options.referentieBevatEigen &&
    metTellingen.some((i) => i.tellingen!.alle === i.tellingen!.alleReferentie);
  for (const item of metTellingen) {
    const t = item.tellingen!;
    const lq = item.lq as Cell & {waarde: number};
    if (t.branche < minimum) {
      teKlein++;
      continue;
    }
    const interval = locatiequotientInterval(t, {referentieBevatEigen: options.referentieBevatEigen});
    if (!interval) continue;
    beoordeeld++;
    const oordeel = {naam: item.naam, lq: lq.waarde, aantal: t.branche, interval};
    if (interval.oordeel === "hoger") boven.push(oordeel);
    else if (interval.oordeel === "lager") onder.push(oordeel);
  }
  boven.sort((a, b) => b.lq - a.lq || a.naam.localeCompare(b.naam));
  onder.sort((a, b) => a.lq - b.lq || a.naam.localeCompare(b.naam));
  return {boven, onder, beoordeeld, teKlein, tegenZichzelf};
}

/**
 * Which branches are over- or under-represented in an area against a reference: only those whose
 * LQ differs from 1 by more than chance for the counts behind it (95% interval, statistiek.ts),
 * and only with at least `minimum` establishments; each named with its LQ and its count. Null
 * when the reference is the area itself (a one-gemeente bronmap: every LQ is 1,00), so the
 * caller leaves the sentence out.
 */
export function locatiequotientSentence(items: readonly LqItem[], options: LqSentenceOptions): string | null {
  const minimum = options.minimum ?? MIN_TELLING_LQ;
  const max = options.max ?? 4;
  const o = locatiequotientOordelen(items, options);
  if (o.tegenZichzelf) return null;
  const {gebied, referentie, jaar} = options;
  const noem = (x: LqOordeel) =>
    `${x.naam.toLowerCase()} (locatiequotiënt ${formatWaarde(x.lq, "index")}; ${telwoord(x.aantal, "vestiging", "vestigingen")})`;
  const klein =
    o.teKlein > 0
      ? ` ${hoofdletter(telwoord(o.teKlein, "branche telt", "branches tellen"))} minder dan ${minimum} vestigingen en ${o.teKlein === 1 ? "blijft" : "blijven"} buiten deze vergelijking.`
      : "";
  if (o.beoordeeld === 0)
    return `Voor ${gebied} is in ${jaar} van geen enkele branche te zeggen of ze sterker of zwakker vertegenwoordigd is dan in ${referentie}: de aantallen zijn te klein, onderdrukt of er zijn geen gegevens.${klein}`;
  const zinnen: string[] = [];
  zinnen.push(
    o.boven.length === 0
      ? `Geen enkele branche is in ${gebied} in ${jaar} duidelijk sterker vertegenwoordigd dan in ${referentie}, dat wil zeggen met een verschil dat groter is dan toeval bij deze aantallen.`
      : `Duidelijk sterker vertegenwoordigd dan in ${referentie} in ${jaar}, met een verschil groter dan toeval bij deze aantallen: ${opsomming(o.boven.slice(0, max).map(noem))}.`
  );
  if (o.onder.length > 0)
    zinnen.push(`Duidelijk zwakker vertegenwoordigd: ${opsomming(o.onder.slice(0, max).map(noem))}.`);
  return zinnen.join(" ") + klein;
}

/** Why a cell has no number, in words for a sentence. */
export function redenWoorden(cell: Cell | null | undefined): string {
  if (cell == null) return "er zijn geen gegevens";
  if (cell.status === "onderdrukt")
    return "de waarde is onderdrukt omdat de aantallen te klein zijn om te publiceren";
  return "er zijn geen gegevens";
}

function hoofdletter(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
