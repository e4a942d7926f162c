/**
 * Contract of the geometry files: `gebieden-<niveau>.topojson` (one metadata part, TopoJSON of all
 * gemeenten, wijken or buurten) and `gebieden/<blok>.json` (the wijken and buurten of one block).
 * A page unwraps the TopoJSON envelope in one place: src/lib/kaart.ts.
 */
import {controleer} from "./check.js";
import {bundelContract, metadata, type BestandContract, type Metadata} from "./envelope.js";
import {geometrieDeel, TOPOLOGIE, type Topologie} from "./onderdelen.js";

const geometrie = metadata("geometrie", TOPOLOGIE);

export const GEBIEDEN_TOPOJSON = {
  bestanden: /^gebieden-(gemeente|wijk|buurt)\.topojson$/,
  omschrijving: "een kaart (gebieden-<niveau>.topojson)",
  schemaVersion: 1,
  check: (value: unknown, bestand: string): Metadata<Topologie> => controleer(geometrie, value, bestand)
} satisfies BestandContract;

export const WIJKEN = geometrieDeel("wijken");
export const BUURTEN = geometrieDeel("buurten");

export const GEBIEDEN_BLOK = bundelContract({
  bestanden: /^gebieden\/[A-Za-z0-9-]+\.json$/,
  omschrijving: "de kaart van een blok (gebieden/<blok>.json)",
  schemaVersion: 1,
  verplicht: [WIJKEN, BUURTEN],
  tabellen: false
});
