/**
 * The one formatting module: every number, date and cell the site shows goes through these
 * nl-NL formatters, so decimals are commas, thousands are dots and negative numbers carry a
 * real minus sign (U+2212) everywhere, in text, tables, tooltips and axis ticks alike.
 */
import type {BekendeEenheid, Cell} from "./contracts.js";
import {TEXTS} from "./texts.js";

/** The units the site formats by name (the contract's `BekendeEenheid`; other units get one decimal). */
export type Eenheid = BekendeEenheid;

const LOCALE = "nl-NL";
const MINUS = "\u2212";

// Intl formatters are costly to construct, so they are cached by their options.
const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let f = cache.get(key);
  if (f === undefined) cache.set(key, (f = new Intl.NumberFormat(LOCALE, options)));
  return f;
}

/** True when `n` is a usable number (not null, undefined or NaN). */
function isNumber(n: number | null | undefined): n is number {
  return typeof n === "number" && Number.isFinite(n);
}

// Intl writes a hyphen-minus for negatives; typography (and screen readers) want U+2212.
function withMinus(text: string): string {
  return text.replace(/-/g, MINUS);
}

/** Negative zero and rounding to zero must not print as "−0". */
function fixed(n: number, digits: number, extra: Intl.NumberFormatOptions = {}): string {
  const rounded = Number(n.toFixed(digits));
  return withMinus(
    numberFormat({minimumFractionDigits: digits, maximumFractionDigits: digits, ...extra}).format(
      rounded === 0 ? 0 : n
    )
  );
}

/** A whole count with dot thousands: 1234 → "1.234". Missing → "geen gegevens". */
export function formatAantal(n: number | null | undefined): string {
  if (!isNumber(n)) return TEXTS.geenGegevens;
  return fixed(Math.round(n), 0);
}

/** A decimal number with a comma: (12.345, 1) → "12,3". Default one digit. */
export function formatDecimaal(n: number | null | undefined, digits = 1): string {
  if (!isNumber(n)) return TEXTS.geenGegevens;
  return fixed(n, digits);
}

/** A percentage given in percent points (not a fraction): 12.34 → "12,3%". */
export function formatProcent(n: number | null | undefined, digits = 1): string {
  if (!isNumber(n)) return TEXTS.geenGegevens;
  return `${fixed(n, digits)}%`;
}

/**
 * A rate per 1,000 inhabitants, one decimal: 4.56 → "4,6"; below 1 two decimals (0.04 → "0,04"),
 * as published, so a rare signal category does not read as "0,0". The unit goes in the label.
 */
export function formatPer1000(n: number | null | undefined): string {
  return formatDecimaal(n, isNumber(n) && n !== 0 && Math.abs(n) < 1 ? 2 : 1);
}

/** An amount in euros without cents: 312000 → "€ 312.000". */
export function formatEuro(n: number | null | undefined): string {
  if (!isNumber(n)) return TEXTS.geenGegevens;
  const text = numberFormat({
    style: "currency",
    currency: "EUR",
    maximumFractionDigits: 0,
    minimumFractionDigits: 0
  }).format(Math.round(n) === 0 ? 0 : n);
  // Non-breaking spaces from Intl become plain spaces so texts and snapshots compare simply.
  return withMinus(text).replace(/\u00a0/g, " ");
}

/**
 * An index or quotient: two decimals below 10 (location quotient 1,23), one decimal from 10
 * up (index 102,5).
 */
export function formatIndex(n: number | null | undefined): string {
  if (!isNumber(n)) return TEXTS.geenGegevens;
  return fixed(n, Math.abs(n) < 10 ? 2 : 1);
}

/** A change with its sign: 3.2 → "+3,2", −1 → "−1,0", 0 → "0,0". */
export function formatVerandering(delta: number | null | undefined, digits = 1): string {
  if (!isNumber(delta)) return TEXTS.geenGegevens;
  return fixed(delta, digits, {signDisplay: "exceptZero"});
}

/** A year without a thousands dot: 2024 → "2024". */
export function formatJaar(jaar: number | null | undefined): string {
  if (!isNumber(jaar)) return TEXTS.geenGegevens;
  return String(Math.round(jaar));
}

const datumFormat = new Intl.DateTimeFormat(LOCALE, {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/Amsterdam"
});
const datumFormatUtc = new Intl.DateTimeFormat(LOCALE, {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC"
});

/**
 * A date in words: "28 november 2026". A date-only string ("2026-11-28") is read as that
 * calendar day whatever the time zone; a Date is shown as the day in the Netherlands.
 */
export function formatDatum(date: Date | string | null | undefined): string {
  if (date === null || date === undefined) return TEXTS.geenGegevens;
  if (typeof date === "string") {
    const d = new Date(date);
    if (Number.isNaN(d.getTime())) return TEXTS.geenGegevens;
    return (/^\d{4}-\d{2}-\d{2}$/.test(date) ? datumFormatUtc : datumFormat).format(d);
  }
  if (Number.isNaN(date.getTime())) return TEXTS.geenGegevens;
  return datumFormat.format(date);
}

/** A value in its unit, as shown in tables, tooltips and texts. Unknown units fall back to one decimal. */
export function formatWaarde(value: number | null | undefined, eenheid: Eenheid | string): string {
  if (!isNumber(value)) return TEXTS.geenGegevens;
  switch (eenheid) {
    case "aantal":
      return formatAantal(value);
    case "per-1000":
      return formatPer1000(value);
    case "per-100":
      return formatDecimaal(value, 1);
    case "procent":
      return formatProcent(value);
    case "index":
      return formatIndex(value);
    case "euro":
      return formatEuro(value);
    case "x1000-euro":
      return formatEuro(value * 1000);
    case "per-km2":
      // Densities of rural areas are often below 1 per km²: whole numbers would show 0,66 as 1.
      return Math.abs(value) < 10
        ? formatDecimaal(value, 2)
        : Math.abs(value) < 100
          ? formatDecimaal(value, 1)
          : formatAantal(value);
    case "per-ha":
      // Signals per hectare of an estate are mostly below 1: three decimals there, two above.
      return Math.abs(value) < 1 ? formatDecimaal(value, 3) : formatDecimaal(value, 2);
    case "ha":
      return `${formatDecimaal(value, 1)} ha`;
    case "ja-nee":
      return value === 1 ? "ja" : value === 0 ? "nee" : formatDecimaal(value, 1);
    case "m2":
      return `${formatAantal(value)} m²`;
    default:
      return formatDecimaal(value, 1);
  }
}

/**
 * A Plot tick formatter for a unit (pass as `tickFormat`): the same nl-NL words as tables and
 * tooltips, so an axis never says "1,234" where the table says "1.234".
 */
export function tickFormatFor(eenheid: Eenheid | string): (value: number) => string {
  if (eenheid === "aantal" || eenheid === "per-km2") {
    // Axis ticks of counts may fall between integers (0,5): show them as decimals then.
    return (value) => (Number.isInteger(value) ? formatAantal(value) : formatDecimaal(value, 1));
  }
  return (value) => formatWaarde(value, eenheid);
}

/** A published cell in words: the value, "≈ 15" when rounded, "onderdrukt", or "geen gegevens". */
export function formatCel(
  cell: Pick<Cell, "waarde" | "status"> | null | undefined,
  eenheid: Eenheid | string
): string {
  if (cell === null || cell === undefined) return TEXTS.geenGegevens;
  if (cell.status === "onderdrukt") return TEXTS.onderdrukt;
  if (cell.status === "geen-data" || cell.waarde === null) return TEXTS.geenGegevens;
  const text = formatWaarde(cell.waarde, eenheid);
  return cell.status === "afgerond" ? `${TEXTS.ongeveer} ${text}` : text;
}
