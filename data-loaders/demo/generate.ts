/**
 * Generates the fictitious demo region as a complete bronmap: CBS-style boundaries in RD New,
 * bedrijventerreinen, buitengebied, kerncijfers 2015-2025 and the record files. Everything is
 * deterministic from the seed, so the demo site is reproducible and tests can check that the
 * pipeline finds the planted patterns (documented in docs/demo-regio.md and in `demo.json`).
 */
import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {generateGeography, type DemoGeography, type PolygonRings, type Ring} from "./geography.ts";
import {demoIndelingCsv} from "./indeling.ts";
import {Rng} from "./random.ts";
import {ROLES, writeRecords} from "./records.ts";
import {DEMO_JAREN, generateSociety, writeKerncijfers} from "./society.ts";

import {DEFAULT_SEED, GENERATOR_VERSION} from "./version.ts";

export {DEFAULT_SEED, GENERATOR_VERSION};

/** Options of `generateDemoBronmap`. */
export interface GenerateOptions {
  seed?: number;
  /** `demo`: ~8 gemeenten, 300 buurten, 40,000 vestigingen; `national`: 342 gemeenten, ~14,000 buurten, ~2.5 million vestigingen. */
  scale?: "demo" | "national";
}

const SCALES = {
  demo: {
    geo: {
      gemeenten: 8,
      buurten: 300,
      buurtenPerWijk: 5,
      extent: [172000, 398000, 212000, 430000] as [number, number, number, number],
      firstCode: 9901
    },
    records: {vestigingen: 48000, signalenPer1000: 1.2, pandenPerKm2Buiten: 3.2}
  },
  national: {
    geo: {
      gemeenten: 342,
      buurten: 14000,
      buurtenPerWijk: 4.6,
      extent: [15000, 305000, 275000, 615000] as [number, number, number, number],
      firstCode: 9001
    },
    records: {vestigingen: 3_000_000, signalenPer1000: 1.2, pandenPerKm2Buiten: 3.2}
  }
} as const;

const RD_CRS = {type: "name", properties: {name: "urn:ogc:def:crs:EPSG::28992"}};

/** Writes the demo bronmap into `outDir` (created if needed). */
export async function generateDemoBronmap(outDir: string, options: GenerateOptions = {}): Promise<void> {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? "demo";
  const cfg = SCALES[scale];
  const rng = new Rng(seed);
  mkdirSync(join(outDir, "gebieden"), {recursive: true});
  mkdirSync(join(outDir, "kerncijfers"), {recursive: true});

  const geo = generateGeography(rng, cfg.geo);
  writeGeography(outDir, geo);
  // Provinces and RIEC regions of the fictitious gemeenten, as a real bronmap may carry them.
  writeFileSync(join(outDir, "gebieden", "indeling.csv"), demoIndelingCsv(geo.gemeenten));

  // Low-resilience buurten: a kern buurt in the second wijk of several gemeenten (roles repeat
  // per 8 gemeenten at national scale).
  const low = new Set<number>();
  for (const [gi, g] of geo.gemeenten.entries()) {
    if (![0, 2, 6, 7].includes(gi % 8)) continue;
    const wijk = geo.wijken[g.wijken[Math.min(1, g.wijken.length - 1)]];
    const b = wijk.buurten.find((i) => geo.buurten[i].kind === "kern");
    if (b != null) low.add(b);
  }
  // Variables added after generator version 1 draw from a stream of their own, so the records
  // drawn after the society stay as they were.
  const society = generateSociety(rng, geo, low, new Rng(seed * 7 + 104_729));
  await writeKerncijfers(join(outDir, "kerncijfers"), geo, society);
  const planted = await writeRecords(rng, outDir, geo, society, cfg.records);

  const codes = (roles: readonly number[]): string[] =>
    geo.gemeenten.filter((_, gi) => roles.includes(gi % 8)).map((g) => g.code);
  const meta = {
    naam: "Demoregio (fictief)",
    fictief: true,
    toelichting:
      "Alle gebieden, namen, bedrijven, nummers en cijfers in deze bronmap zijn verzonnen en gegenereerd. Zie docs/demo-regio.md.",
    generatorVersie: GENERATOR_VERSION,
    seed,
    schaal: scale,
    jaren: [DEMO_JAREN[0], DEMO_JAREN[DEMO_JAREN.length - 1]],
    aantallen: {
      gemeenten: geo.gemeenten.length,
      wijken: geo.wijken.length,
      buurten: geo.buurten.length,
      bedrijventerreinen: geo.bedrijventerreinen.length
    },
    patronen: {
      beautyStijging: {gemeenten: codes(ROLES.beautyStijging), sbi: "96022", vanaf: 2017},
      vakantieparkenBuitengebied: {
        gemeenten: codes(ROLES.vakantieparken),
        sbi: ["5520", "5530"],
        vanaf: 2017
      },
      zorgMetVastgoed: {
        gemeenten: codes(ROLES.zorgVastgoed),
        wijken: planted.zorgVastgoedWijken,
        sbi: ["86", "87", "88"]
      },
      leegstandAgrarischePanden: {gemeenten: codes(ROLES.leegstandAgrarisch), groeiPerJaar: true},
      drugsafvalBuitengebied: {gemeenten: codes(ROLES.drugsafval), categorie: "drugsafval"},
      lageWeerbaarheid: {buurten: [...low].sort((a, b) => a - b).map((b) => geo.buurten[b].code)}
    },
    geplanteAfwijzingen: planted.geplanteAfwijzingen
  };
  writeFileSync(join(outDir, "demo.json"), JSON.stringify(meta, null, 2) + "\n");
}

function closeRing(r: Ring): number[][] {
  return r.map(([x, y]) => [x, y]);
}

function geometry(polys: PolygonRings[]): object {
  return polys.length === 1
    ? {type: "Polygon", coordinates: polys[0].map(closeRing)}
    : {type: "MultiPolygon", coordinates: polys.map((p) => p.map(closeRing))};
}

function featureCollection(name: string, features: object[]): string {
  // One feature per line keeps the files diffable and streaming-friendly, like PDOK downloads.
  return `{"type":"FeatureCollection","name":${JSON.stringify(name)},"crs":${JSON.stringify(RD_CRS)},"features":[\n${features.map((f) => JSON.stringify(f)).join(",\n")}\n]}\n`;
}

function writeGeography(dir: string, geo: DemoGeography): void {
  const gm = geo.gemeenten;
  writeFileSync(
    join(dir, "gebieden", "gemeenten.geojson"),
    featureCollection(
      "gemeenten",
      gm.map((g) => ({
        type: "Feature",
        properties: {gemeentecode: g.code, gemeentenaam: g.naam, water: "NEE"},
        geometry: geometry(g.polygons)
      }))
    )
  );
  writeFileSync(
    join(dir, "gebieden", "wijken.geojson"),
    featureCollection(
      "wijken",
      geo.wijken.map((w) => ({
        type: "Feature",
        properties: {
          wijkcode: w.code,
          wijknaam: w.naam,
          gemeentecode: gm[w.gemeente].code,
          gemeentenaam: gm[w.gemeente].naam,
          water: "NEE"
        },
        geometry: geometry(w.polygons)
      }))
    )
  );
  writeFileSync(
    join(dir, "gebieden", "buurten.geojson"),
    featureCollection(
      "buurten",
      geo.buurten.map((b) => ({
        type: "Feature",
        properties: {
          buurtcode: b.code,
          buurtnaam: b.naam,
          wijkcode: geo.wijken[b.wijk].code,
          gemeentecode: gm[b.gemeente].code,
          gemeentenaam: gm[b.gemeente].naam,
          water: "NEE"
        },
        geometry: geometry([[b.ring]])
      }))
    )
  );
  writeFileSync(
    join(dir, "bedrijventerreinen.geojson"),
    featureCollection(
      "bedrijventerreinen",
      geo.bedrijventerreinen.map((t) => ({
        type: "Feature",
        properties: {RIN_NUMMER: t.code, PLAN_NAAM: t.naam, GEMEENTE: gm[t.gemeente].naam},
        geometry: geometry([[t.ring]])
      }))
    )
  );
  writeFileSync(
    join(dir, "buitengebied.geojson"),
    featureCollection("buitengebied", [
      {type: "Feature", properties: {naam: "Buitengebied (fictief)"}, geometry: geometry(geo.buitengebied)}
    ])
  );
}
