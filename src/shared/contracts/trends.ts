/** Contract of `trends.json` (the regio over all years) and its parts `trends/<blok>.json`. */
import {bundelContract} from "./envelope.js";
import {BRANCHES} from "./onderdelen.js";

export const TRENDS = bundelContract({
  bestanden: /^trends\.json$/,
  omschrijving: "trends.json",
  schemaVersion: 1,
  verplicht: [BRANCHES],
  tabellen: true
});

export const TRENDS_DEEL = bundelContract({
  bestanden: /^trends\/[A-Za-z0-9-]+\.json$/,
  omschrijving: "een deel van trends.json",
  schemaVersion: 1,
  tabellen: true
});
