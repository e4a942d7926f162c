/** Contract of `catalogus.json`: the indicator catalogue, the risk branches and the index's components. */
import {bundelContract} from "./envelope.js";
import {BRANCHES, CATALOGUS, COMPONENTEN} from "./onderdelen.js";

export const CATALOGUS_BESTAND = bundelContract({
  bestanden: /^catalogus\.json$/,
  omschrijving: "catalogus.json",
  schemaVersion: 1,
  verplicht: [CATALOGUS],
  mogelijk: [BRANCHES, COMPONENTEN],
  tabellen: false
});
