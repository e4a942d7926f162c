/** Contract of `regio.json`: the region, its gemeenten and years, the indeling in provinces and RIEC regions. */
import {bundelContract} from "./envelope.js";
import {GEBIEDEN, INDELING, REGIO} from "./onderdelen.js";

export const REGIO_BESTAND = bundelContract({
  bestanden: /^regio\.json$/,
  omschrijving: "regio.json",
  schemaVersion: 1,
  verplicht: [REGIO, GEBIEDEN],
  mogelijk: [INDELING],
  tabellen: false
});
