/**
 * Contract of a briefing file `gemeente/<code>.json`: the gemeente and its wijken, its five most
 * similar gemeenten, and per briefing indicator the cells of the gemeente, its wijken, its peers
 * and the regio.
 */
import {bundelContract} from "./envelope.js";
import {GEMEENTE, VERGELIJKBAAR} from "./onderdelen.js";

export const BRIEFING = bundelContract({
  bestanden: /^gemeente\/[A-Za-z0-9-]+\.json$/,
  omschrijving: "een briefing (gemeente/<code>.json)",
  schemaVersion: 1,
  verplicht: [GEMEENTE],
  mogelijk: [VERGELIJKBAAR],
  tabellen: true
});
