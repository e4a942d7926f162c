/**
 * Contract of `terreinen/<blok>.json`: the outlines of the bedrijventerreinen of one block (one
 * geometry part `terreinen`, TopoJSON whose properties are code, naam and the gemeente as parent;
 * public IBIS geometry). Only the estate map of Risicolocaties loads it.
 */
import {bundelContract} from "./envelope.js";
import {geometrieDeel} from "./onderdelen.js";

/** The outlines of the bedrijventerreinen of a block. */
export const TERREINEN = geometrieDeel("terreinen");

export const TERREINEN_BLOK = bundelContract({
  bestanden: /^terreinen\/[A-Za-z0-9-]+\.json$/,
  omschrijving: "de bedrijventerreinen van een blok (terreinen/<blok>.json)",
  schemaVersion: 1,
  verplicht: [TERREINEN],
  tabellen: false
});
