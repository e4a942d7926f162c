/**
 * Contract of `openbaarmaking.json` (the disclosure report without its relations, their number,
 * the data-quality report) and of `openbaarmaking-koppelingen.json` (the relations themselves).
 */
import {bundelContract} from "./envelope.js";
import {KOPPELINGEN, KOPPELINGEN_LIJST, KWALITEIT, RAPPORT} from "./onderdelen.js";

export const OPENBAARMAKING = bundelContract({
  bestanden: /^openbaarmaking\.json$/,
  omschrijving: "openbaarmaking.json",
  schemaVersion: 1,
  verplicht: [RAPPORT, KWALITEIT],
  mogelijk: [KOPPELINGEN],
  tabellen: false
});

export const OPENBAARMAKING_KOPPELINGEN = bundelContract({
  bestanden: /^openbaarmaking-koppelingen\.json$/,
  omschrijving: "openbaarmaking-koppelingen.json",
  schemaVersion: 1,
  verplicht: [KOPPELINGEN_LIJST],
  tabellen: false
});
