/**
 * Contract of `definities.json`: per indicator only title, definition, unit and direction, and
 * the names of the signal categories (what the story pages show; the full catalogue is in
 * catalogus.json).
 */
import {bundelContract} from "./envelope.js";
import {DEFINITIES} from "./onderdelen.js";

export const DEFINITIES_BESTAND = bundelContract({
  bestanden: /^definities\.json$/,
  omschrijving: "definities.json",
  schemaVersion: 1,
  verplicht: [DEFINITIES],
  tabellen: false
});
