/**
 * Small pieces the story pages share: a labelled select that works with Framework's `view()`
 * and with `bindUrlState`, and suppression counts in words. Browser-safe and free of page logic.
 */
import type {Cell} from "../contracts.js";
import {formatProcent} from "../format.js";
import {telwoord} from "../narrative.js";

/** One choice of a select. */
export interface Keuze {
  value: string;
  label: string;
}

/** A labelled `<select>` wrapped in a `<div>` whose `value` is the select's value. */
export type KeuzeMenu = HTMLDivElement & {value: string};

let menuCounter = 0;

/**
 * A labelled select (`<label for>` + `<select>`). The wrapper carries `value` and receives the
 * select's bubbling `input` events, so `view(menu)` and `bindUrlState({x: menu})` both work.
 */
export function keuzeMenu(label: string, keuzes: readonly Keuze[], value: string, doc = document): KeuzeMenu {
  const wrapper = doc.createElement("div") as KeuzeMenu;
  wrapper.className = "keuzemenu";
  const id = `keuze-${++menuCounter}`;
  const labelEl = doc.createElement("label");
  labelEl.htmlFor = id;
  labelEl.textContent = label;
  const select = doc.createElement("select");
  select.id = id;
  for (const k of keuzes) {
    const option = doc.createElement("option");
    option.value = k.value;
    option.textContent = k.label;
    select.append(option);
  }
  select.value = keuzes.some((k) => k.value === value) ? value : (keuzes[0]?.value ?? "");
  Object.defineProperty(wrapper, "value", {
    get: () => select.value,
    set: (v: unknown) => {
      const text = String(v);
      // An unknown value from a hand-edited URL keeps the current choice.
      if (keuzes.some((k) => k.value === text)) select.value = text;
    }
  });
  wrapper.append(labelEl, select);
  return wrapper;
}

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
