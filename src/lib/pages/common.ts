/**
 * Small pieces the story pages' view models share: suppression counts in words, and the type
 * of a choice. Browser-safe and free of page logic.
 */
import type {Cell} from "../contracts.js";
import {formatProcent} from "../format.js";
import {telwoord} from "../narrative.js";

/** One choice of a select (the menus themselves are components: src/components/keuzes.ts). */
export type {Keuze} from "../../components/keuzes.js";

/** Why a cell was suppressed, in words, from its published `reden`. */
export function redenTekst(reden: string | null): string {
  const text = (reden ?? "").replace(/^onderdrukt:\s*/, "");
  const telling = /^telling\s*<\s*(\d+)/.exec(text);
  if (telling) return `de telling is kleiner dan ${telling[1]}`;
  if (/ter bescherming/.test(text))
    return "ter bescherming van een andere onderdrukte cel (secundaire onderdrukking)";
  if (/afgeleid/.test(text)) return "het cijfer is afgeleid van een onderdrukte telling";
  return text === "" ? "reden niet vermeld" : text;
}

/** Counts of a set of cells: published, suppressed (by reason in words) and missing. */
export interface Onderdrukking {
  totaal: number;
  gepubliceerd: number;
  onderdrukt: number;
  geenGegevens: number;
  /** Reason in words -> number of suppressed cells, most frequent first. */
  redenen: Array<{reden: string; aantal: number}>;
}

/** Counts published, suppressed and missing cells, with the reasons of suppression. */
export function telOnderdrukking(cells: readonly Cell[]): Onderdrukking {
  const redenen = new Map<string, number>();
  let gepubliceerd = 0;
  let onderdrukt = 0;
  for (const c of cells) {
    if (c.status === "onderdrukt") {
      onderdrukt++;
      const r = redenTekst(c.reden);
      redenen.set(r, (redenen.get(r) ?? 0) + 1);
    } else if (c.waarde !== null) gepubliceerd++;
  }
  return {
    totaal: cells.length,
    gepubliceerd,
    onderdrukt,
    geenGegevens: cells.length - gepubliceerd - onderdrukt,
    redenen: [...redenen]
      .map(([reden, aantal]) => ({reden, aantal}))
      .sort((a, b) => b.aantal - a.aantal || a.reden.localeCompare(b.reden))
  };
}

/** "12 cellen: de telling is kleiner dan 10; 3 cellen: ter bescherming ..." (empty when none). */
export function redenenZin(o: Onderdrukking): string {
  if (o.redenen.length === 0) return "";
  const delen = o.redenen.map((r) => `${telwoord(r.aantal, "cel", "cellen")}: ${r.reden}`);
  return delen.join("; ");
}

/** Dutch percentage of a part in a whole, whole number: (3, 4) -> "75%". */
export function deelProcent(deel: number, geheel: number): string {
  return formatProcent(geheel === 0 ? 0 : (100 * deel) / geheel, 0);
}
