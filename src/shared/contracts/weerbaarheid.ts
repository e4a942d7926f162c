/**
 * Contract of `weerbaarheid.json` (the regio's cells, the index's components, the peers of every
 * gemeente, the years) and of its parts: `weerbaarheid/<blok>-<jaar>.json` and
 * `weerbaarheid/<blok>.json` (cells of a block), `weerbaarheid/<gemeente>.json` (all cells of one
 * gemeente with the map of its wijken and buurten).
 */
import {bundelContract} from "./envelope.js";
import {COMPONENTEN, geometrieDeel, JAREN, VERGELIJKBAAR_REGIO} from "./onderdelen.js";

export const WEERBAARHEID = bundelContract({
  bestanden: /^weerbaarheid\.json$/,
  omschrijving: "weerbaarheid.json",
  schemaVersion: 1,
  verplicht: [COMPONENTEN],
  mogelijk: [VERGELIJKBAAR_REGIO, JAREN],
  tabellen: true
});

/** The map of one gemeente in its own part. */
export const GEOMETRIE_WIJKEN = geometrieDeel("geometrie-wijken");
export const GEOMETRIE_BUURTEN = geometrieDeel("geometrie-buurten");

export const WEERBAARHEID_DEEL = bundelContract({
  bestanden: /^weerbaarheid\/[A-Za-z0-9-]+\.json$/,
  omschrijving: "een deel van weerbaarheid.json",
  schemaVersion: 1,
  mogelijk: [GEOMETRIE_WIJKEN, GEOMETRIE_BUURTEN],
  tabellen: true
});
