/**
 * The contracts of every file the publish gate writes to the site, one module per file (or per
 * file and its parts). `contractVoor` finds the contract of a published file by its name: the
 * gate's writer (data-loaders/indicators/compute.ts) checks each file against it before writing.
 * A page does not import this index: it imports the modules of the files it reads and passes the
 * contract to `assertBundle` (src/lib/contracts.ts), so it loads no other file's contract. The open data
 * (`/open-data/cijfers.csv` and `.json`) has its own documented contract (`OPEN_DATA_COLUMNS`).
 *
 * The folder (no README: a Markdown file under src/ would become a page): `check.ts` the building
 * blocks and `ContractFout`; `envelope.ts` cell, table, metadata, bundle, `bundelContract` and
 * `metadataOf`; `onderdelen.ts` the metadata parts, once each; one module per published file
 * (`regio.ts`, `risicobranches.ts`, `risicolocaties.ts`, `weerbaarheid.ts`, `trends.ts`,
 * `catalogus.ts`, `definities.ts`, `overzicht.ts`, `openbaarmaking.ts`, `gemeente.ts`, `gebieden.ts`,
 * `terreinen.ts`); this index.
 * It runs in Node and in the browser and imports nothing outside src/shared/. When the shape of a
 * file changes, raise its contract's `schemaVersion`. Docs: docs/architecture.md, "Contracten".
 */
import type {BestandContract} from "./envelope.js";
import {CATALOGUS_BESTAND} from "./catalogus.js";
import {DEFINITIES_BESTAND} from "./definities.js";
import {GEBIEDEN_BLOK, GEBIEDEN_TOPOJSON} from "./gebieden.js";
import {BRIEFING} from "./gemeente.js";
import {OPENBAARMAKING, OPENBAARMAKING_KOPPELINGEN} from "./openbaarmaking.js";
import {OVERZICHT, OVERZICHT_DEEL} from "./overzicht.js";
import {REGIO_BESTAND} from "./regio.js";
import {RISICOBRANCHES, RISICOBRANCHES_DEEL} from "./risicobranches.js";
import {RISICOLOCATIES, RISICOLOCATIES_DEEL} from "./risicolocaties.js";
import {TERREINEN_BLOK} from "./terreinen.js";
import {TRENDS, TRENDS_DEEL} from "./trends.js";
import {WEERBAARHEID, WEERBAARHEID_DEEL} from "./weerbaarheid.js";

/** Every file contract. */
export const CONTRACTEN: readonly BestandContract[] = [
  REGIO_BESTAND,
  RISICOBRANCHES,
  RISICOBRANCHES_DEEL,
  RISICOLOCATIES,
  RISICOLOCATIES_DEEL,
  WEERBAARHEID,
  WEERBAARHEID_DEEL,
  TRENDS,
  TRENDS_DEEL,
  CATALOGUS_BESTAND,
  DEFINITIES_BESTAND,
  OVERZICHT,
  OVERZICHT_DEEL,
  OPENBAARMAKING,
  OPENBAARMAKING_KOPPELINGEN,
  BRIEFING,
  GEBIEDEN_TOPOJSON,
  GEBIEDEN_BLOK,
  TERREINEN_BLOK
];

/** The contract of the published file `bestand` (`risicobranches/regio-2025.json`); throws when none. */
export function contractVoor(bestand: string): BestandContract {
  const hits = CONTRACTEN.filter((c) => c.bestanden.test(bestand));
  if (hits.length !== 1)
    throw new Error(
      `${bestand}: ${hits.length === 0 ? "geen" : "meer dan één"} contract voor dit gepubliceerde bestand`
    );
  return hits[0]!;
}
