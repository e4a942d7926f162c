/**
 * The two SBI code lists (Standaard Bedrijfsindeling, CBS) as data: SBI 2008 and SBI 2025, every
 * section, division, group, class and Dutch subclass, read from `sbi/sbi2008.csv` and
 * `sbi/sbi2025.csv` (provenance in `sbi/README.md`). KvK recoded most establishments from SBI 2008
 * to SBI 2025 in September 2025, so a register extract may carry either or both.
 *
 * Readers validate every code at its full length against the list of its classification: a code
 * that is not in the list (`56109`, or `8690` in SBI 2008, which has 86.91 and 86.92 but no 86.90)
 * is rejected as an unknown code, because a typo would otherwise silently move a business out of
 * its branch and into "other".
 */
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {dsvFormat} from "d3-dsv";

/** The two classifications. */
export type SbiStelsel = "sbi2008" | "sbi2025";

/** Both classifications, in the order pages show them. */
export const SBI_STELSELS: readonly SbiStelsel[] = ["sbi2008", "sbi2025"];

/** Dutch names of the classifications. */
export const SBI_STELSEL_NAMEN: Readonly<Record<SbiStelsel, string>> = {
  sbi2008: "SBI 2008",
  sbi2025: "SBI 2025"
};

/** Level of a code in the hierarchy. */
export type SbiNiveau = "sectie" | "afdeling" | "groep" | "klasse" | "subklasse";

/** One code of a list. */
export interface SbiCode {
  /** Digits only (`56102`), or the section letter (`I`). */
  code: string;
  niveau: SbiNiveau;
  titel: string;
  /** The code one level up (the section letter for a division), empty for a section. */
  bovenliggend: string;
}

/** An SBI section with its Dutch name and its 2-digit divisions. */
export interface SbiSectie {
  letter: string;
  naam: string;
  /** 2-digit divisions in this section, e.g. `["55", "56"]` for I in SBI 2008. */
  afdelingen: readonly string[];
}

const LIST_DIR = join(import.meta.dirname, "sbi");
const NIVEAUS = new Set<string>(["sectie", "afdeling", "groep", "klasse", "subklasse"]);

/**
 * Reads one list. The files are ours (checked by test/sources/sbi.test.ts), so a malformed line
 * is a bug in the project, not a user error: it throws naming the file and line.
 */
function readList(stelsel: SbiStelsel): readonly SbiCode[] {
  const file = `${stelsel}.csv`;
  const rows = dsvFormat(";").parse(readFileSync(join(LIST_DIR, file), "utf-8"));
  return rows.map((r, i) => {
    const code = r.code ?? "";
    const niveau = r.niveau ?? "";
    if (!/^(\d{2,5}|[A-V])$/.test(code) || !NIVEAUS.has(niveau) || !r.titel)
      throw new Error(`${file}, regel ${i + 2}: ongeldige SBI-regel ${JSON.stringify(r)}`);
    return {code, niveau: niveau as SbiNiveau, titel: r.titel, bovenliggend: r.bovenliggend ?? ""};
  });
}

/** The full lists, by classification. */
export const SBI_LIJSTEN: Readonly<Record<SbiStelsel, readonly SbiCode[]>> = {
  sbi2008: readList("sbi2008"),
  sbi2025: readList("sbi2025")
};

const BY_CODE: Readonly<Record<SbiStelsel, ReadonlyMap<string, SbiCode>>> = {
  sbi2008: new Map(SBI_LIJSTEN.sbi2008.map((c) => [c.code, c])),
  sbi2025: new Map(SBI_LIJSTEN.sbi2025.map((c) => [c.code, c]))
};

/** The numeric codes (divisions down to subclasses) of a classification: what a register may hold. */
export function sbiCodes(stelsel: SbiStelsel): string[] {
  return SBI_LIJSTEN[stelsel].filter((c) => c.niveau !== "sectie").map((c) => c.code);
}

/** True when `code` (digits only) is a code of the classification, at any level below the section. */
export function isSbiCode(code: string, stelsel: SbiStelsel): boolean {
  const c = BY_CODE[stelsel].get(code);
  return c != null && c.niveau !== "sectie";
}

/** The Dutch title of a code, or null when the classification has no such code. */
export function sbiTitel(code: string, stelsel: SbiStelsel): string | null {
  return BY_CODE[stelsel].get(code)?.titel ?? null;
}

function sections(stelsel: SbiStelsel): readonly SbiSectie[] {
  const list = SBI_LIJSTEN[stelsel];
  return list
    .filter((c) => c.niveau === "sectie")
    .map((s) => ({
      letter: s.code,
      naam: s.titel,
      afdelingen: list.filter((c) => c.niveau === "afdeling" && c.bovenliggend === s.code).map((c) => c.code)
    }));
}

/** The 21 sections of SBI 2008 with their divisions. */
export const SBI_SECTIES: readonly SbiSectie[] = sections("sbi2008");

/** The 22 sections of SBI 2025 (NACE Rev. 2.1) with their divisions. */
export const SBI2025_SECTIES: readonly SbiSectie[] = sections("sbi2025");

/** Map from 2-digit division to its section letter in SBI 2008, built once. */
const DIVISION_SECTION: ReadonlyMap<string, string> = new Map(
  SBI_SECTIES.flatMap((s) => s.afdelingen.map((a) => [a, s.letter] as const))
);

/**
 * Normalises an SBI code as written in exports (`"56.10.2"`, `" 5610 "`, `"96 02 2"`) to digits
 * only (`"56102"`), or returns null when it is not shaped like an SBI 2008 code: 2 to 5 digits whose
 * 2-digit division exists. Leading zeros are kept (`"0111"`); a code that lost its leading zero
 * in a spreadsheet (`"111"`) is ambiguous and therefore rejected. Whether the whole code exists
 * is `isSbiCode`'s question.
 */
export function normaliseSbi(value: string | null | undefined): string | null {
  if (value == null) return null;
  const digits = value.trim().replace(/[.\s]/g, "");
  if (!/^\d{2,5}$/.test(digits)) return null;
  return DIVISION_SECTION.has(digits.slice(0, 2)) ? digits : null;
}

/** The SBI 2008 section letter (A-U) of a normalised code, or null for an unknown division. */
export function sbiSectie(code: string): string | null {
  return DIVISION_SECTION.get(code.slice(0, 2)) ?? null;
}

/** The 2-digit division of a normalised SBI code (`"56102"` -> `"56"`). */
export function sbiAfdeling(code: string): string {
  return code.slice(0, 2);
}

/** All valid 2-digit divisions of SBI 2008. */
export const SBI_AFDELINGEN: readonly string[] = [...DIVISION_SECTION.keys()];

/**
 * A code as people write it: `56.10.2`, `47.78`, `96.02`, `55`. Group codes (3 digits) get one
 * dot: `56.1`.
 */
export function sbiTekst(code: string): string {
  if (code.length <= 2) return code;
  if (code.length === 3) return `${code.slice(0, 2)}.${code.slice(2)}`;
  return code.length === 4
    ? `${code.slice(0, 2)}.${code.slice(2)}`
    : `${code.slice(0, 2)}.${code.slice(2, 4)}.${code.slice(4)}`;
}
