/**
 * Contract of `risicolocaties.json` (the regio's cells) and of its parts
 * `risicolocaties/<blok>-<jaar>.json` and `risicolocaties/<blok>.json` (the gemeenten of a block,
 * with the names of the bedrijventerreinen in it).
 */
import {bundelContract} from "./envelope.js";
import {BEDRIJVENTERREINEN} from "./onderdelen.js";

export const RISICOLOCATIES = bundelContract({
  bestanden: /^risicolocaties\.json$/,
  omschrijving: "risicolocaties.json",
  schemaVersion: 1,
  mogelijk: [BEDRIJVENTERREINEN],
  tabellen: true
});

export const RISICOLOCATIES_DEEL = bundelContract({
  bestanden: /^risicolocaties\/[A-Za-z0-9-]+\.json$/,
  omschrijving: "een deel van risicolocaties.json",
  schemaVersion: 1,
  mogelijk: [BEDRIJVENTERREINEN],
  tabellen: true
});
