/**
 * The text blocks of a gemeente briefing (src/gemeente/[code].md): one figure's heading with the
 * sentences computed for it (src/lib/pages/briefing.ts). Text is set only as text. Browser only;
 * only the briefing loads it.
 */
import {alinea} from "./dom.js";

/** One figure of a briefing: its measure (catalogue id), heading and sentences. */
export interface FiguurZin {
  maat: string;
  titel: string;
  zinnen: readonly string[];
}

/**
 * A figure's block: `<div class="figuurzin" data-maat="…">` with an `<h3>` and a paragraph per
 * sentence (the briefing's style and print rules address these).
 */
export function figuurZin(data: FiguurZin, doc: Document = document): HTMLDivElement {
  const div = doc.createElement("div");
  div.className = "figuurzin";
  div.dataset.maat = data.maat;
  const kop = doc.createElement("h3");
  kop.textContent = data.titel;
  div.append(kop, ...data.zinnen.map((z) => alinea(z)));
  return div;
}
