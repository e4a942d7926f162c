/**
 * Contract of `risicobranches.json` (the regio over all years, the branch profiles) and of its
 * parts `risicobranches/<blok>-<jaar>.json` (the cells of the gemeenten of a block in one year).
 */
import {bundelContract} from "./envelope.js";
import {BRANCHES} from "./onderdelen.js";

export const RISICOBRANCHES = bundelContract({
  bestanden: /^risicobranches\.json$/,
  omschrijving: "risicobranches.json",
  schemaVersion: 1,
  verplicht: [BRANCHES],
  tabellen: true
});

export const RISICOBRANCHES_DEEL = bundelContract({
  bestanden: /^risicobranches\/[A-Za-z0-9-]+\.json$/,
  omschrijving: "een deel van risicobranches.json",
  schemaVersion: 1,
  tabellen: true
});
