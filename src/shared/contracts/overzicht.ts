/**
 * Contract of `overzicht.json` (the regio's figures and the gemeenten's rankings of the overview
 * page) and its parts `overzicht/<blok>.json`: tables only.
 */
import {bundelContract} from "./envelope.js";

export const OVERZICHT = bundelContract({
  bestanden: /^overzicht\.json$/,
  omschrijving: "overzicht.json",
  schemaVersion: 1,
  tabellen: true
});

export const OVERZICHT_DEEL = bundelContract({
  bestanden: /^overzicht\/[A-Za-z0-9-]+\.json$/,
  omschrijving: "een deel van overzicht.json",
  schemaVersion: 1,
  tabellen: true
});
