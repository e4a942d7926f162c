/**
 * The shape of a risk branch (the list itself and its reading are in risicobranches.ts): types
 * only, so that the bronmap's types (types.ts) can name the list in force without importing the
 * reader that imports them.
 */
import type {SbiStelsel} from "./sbi.ts";

/** A source of a branch: a publication with title, publisher, year and address. */
export interface BrancheBron {
  titel: string;
  uitgever: string | null;
  /** Year of publication; null when the source does not state one ("z.j."). */
  jaar: number | null;
  adres: string | null;
  /** What the source says that matters here, or how it was consulted. */
  toelichting?: string | null;
}

/** The codes of a branch in one classification (digits only). */
export interface BrancheCodes {
  codes: readonly string[];
  uitgezonderd: readonly string[];
}

/** A risk branch: a named group of SBI codes in both classifications, with its profile and sources. */
export interface Risicobranche {
  /** Stable id (open data `branche` column). */
  id: string;
  naam: string;
  sbi: Readonly<Record<SbiStelsel, BrancheCodes>>;
  vergunningOfBibob: boolean;
  kasintensief: boolean;
  /** A sector the seed text and the literature call rising. */
  opkomend: boolean;
  /** Why the branch is on the list (Dutch). */
  profiel: string;
  bronnen: readonly BrancheBron[];
  /** What the codes do and do not cover, when that is not obvious (Dutch), or null. */
  kanttekening: string | null;
  /** Where the definition comes from: the project's list or the bronmap's `risicobranches.csv`. */
  herkomst: "standaard" | "bronmap";
}
