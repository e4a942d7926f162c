/**
 * Random bronmappen for fuzzing the publish gate (`npm run fuzz:gate`, and 20 seeds in
 * `npm test`): every seed gives a different, valid bronmap in the documented layout
 * (docs/eigen-data.md), fictitious but shaped like a municipality's own data:
 *
 * - 1 to 40 gemeenten of skewed sizes (a few large, many small), rectangles in RD New, each with
 *   1 to 8 wijken and 1 to 6 buurten per wijk; tiny buurten with hardly any records; a strip of
 *   every gemeente outside all wijken (records there get a remainder wijk, `-ONBEKEND`);
 * - a gemeente that merged: two former gemeenten as one MultiPolygon, its wijken and buurten
 *   still carrying the codes of the former gemeenten, and kerncijfers of the years before the
 *   merger under the former codes;
 * - establishments over dense and sparse SBI codes (risk branches and others), registered
 *   2012-2025 (some earlier), a share deregistered after one to a few years; located by
 *   buurtcode, by RD coordinates, or on a bedrijventerrein;
 * - signals 2015-2025 over skewed categories; optionally vacant agrarian buildings, real estate
 *   of care providers, a buitengebied polygon, bedrijventerreinen and kerncijfers.
 *
 * Deterministic per seed (mulberry32), so a failing seed can be kept as a regression fixture.
 */
import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {mulberry32} from "../../../data-loaders/disclosure/synthetic.ts";
import {SIGNAAL_CATEGORIEEN} from "../../../data-loaders/sources/categories.ts";

/** SBI codes the generator uses: risk branches first (see the catalogue), then others. */
const SBI = [
  "56102",
  "5520",
  "5530",
  "5610",
  "5630",
  "96021",
  "96022",
  "9604",
  "4511",
  "4520",
  "7711",
  "4778",
  "9003",
  "8621",
  "8710",
  "8891",
  "6820",
  "6831",
  "4941",
  "5210",
  "4711",
  "4321",
  "6201",
  "0111",
  "4120",
  "8559",
  "4690",
  "7022",
  "4719",
  "1071"
];
/** The signal categories the reader accepts, in its order (the generator's output depends on it). */
const CATEGORIEEN: readonly string[] = SIGNAAL_CATEGORIEEN;
/** Size of a gemeente's square in metres. */
const SIZE = 10_000;
/** Height of the strip at the top of every gemeente that lies in no wijk. */
const GAP = 400;

/** What a seed produced, for reports and test assertions. */
export interface RandomBronmapSummary {
  seed: number;
  gemeenten: number;
  wijken: number;
  buurten: number;
  vestigingen: number;
  signalen: number;
  panden: number;
  merged: string | null;
  bedrijventerreinen: number;
  buitengebied: boolean;
  kerncijfers: boolean;
}

interface Buurt {
  code: string;
  wijk: string;
  gemeente: string;
  ring: number[][];
  weight: number;
  agrarisch: boolean;
}

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0]
];

const fc = (features: object[]) =>
  JSON.stringify({
    type: "FeatureCollection",
    crs: {type: "name", properties: {name: "urn:ogc:def:crs:EPSG::28992"}},
    features
  });

/** Options of `writeRandomBronmap`. */
export interface RandomBronmapOptions {
  /**
   * Smaller bronmappen for `npm test`: at most 12 gemeenten and 6,000 establishments (the same
   * shapes otherwise). `npm run fuzz:gate` uses the full range.
   */
  small?: boolean;
}

/** Writes the bronmap of `seed` into `dir` and returns what it contains. */
export function writeRandomBronmap(
  dir: string,
  seed: number,
  options: RandomBronmapOptions = {}
): RandomBronmapSummary {
  const rnd = mulberry32(seed * 7919 + 17);
  const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
  const chance = (p: number) => rnd() < p;
  const pickWeighted = <T>(items: readonly T[], weights: readonly number[]): T => {
    let r = rnd() * weights.reduce((s, w) => s + w, 0);
    for (let i = 0; i < items.length; i++) if ((r -= weights[i]) < 0) return items[i];
    return items[items.length - 1];
  };
  const pad = (n: number, w: number) => String(n).padStart(w, "0");
  const date = (y: number) => `${y}-${pad(int(1, 12), 2)}-${pad(int(1, 28), 2)}`;

  // 1 to 40 gemeenten, most of them small: sizes (establishments) log-uniform, 15 to 4,000,
  // scaled down when the whole seed would grow beyond ~20,000 establishments.
  const n = Math.min(chance(0.15) ? 1 : int(2, chance(0.3) ? 40 : 12), options.small ? 12 : 40);
  let sizes = Array.from({length: n}, () => Math.round(Math.exp(Math.log(15) + rnd() * Math.log(4000 / 15))));
  const total = sizes.reduce((s, x) => s + x, 0);
  const cap = options.small ? 6_000 : 20_000;
  if (total > cap) sizes = sizes.map((s) => Math.max(8, Math.round((s * cap) / total)));
  const mergedIndex = n >= 2 && chance(0.8) ? int(0, n - 1) : -1;
  const cols = Math.ceil(Math.sqrt(n + 1));

  mkdirSync(join(dir, "gebieden"), {recursive: true});
  const gemeenteFeatures: object[] = [];
  const wijkFeatures: object[] = [];
  const buurtFeatures: object[] = [];
  const buurten: Buurt[] = [];
  const gemeenten: {code: string; x0: number; y0: number; x1: number; size: number; former: string[]}[] = [];
  let slot = 0;
  let codeNr = 100;
  const nextCode = () => pad((codeNr += int(1, 9)), 4);
  for (let g = 0; g < n; g++) {
    const merged = g === mergedIndex;
    const gm = merged ? `19${pad(int(10, 99), 2)}` : nextCode();
    // A merged gemeente takes two squares side by side, one per former gemeente.
    const parts = merged ? 2 : 1;
    const former = merged ? [nextCode(), nextCode()] : [gm];
    if (merged && slot % cols === cols - 1) slot++;
    const x0 = 100_000 + (slot % cols) * SIZE;
    const y0 = 380_000 + Math.floor(slot / cols) * SIZE;
    slot += parts;
    const rings = Array.from({length: parts}, (_, p) =>
      square(x0 + p * SIZE, y0, x0 + (p + 1) * SIZE, y0 + SIZE)
    );
    gemeenteFeatures.push({
      type: "Feature",
      properties: {gemeentecode: `GM${gm}`, gemeentenaam: `Gemeente ${gm}`},
      geometry:
        parts === 1
          ? {type: "Polygon", coordinates: [rings[0]]}
          : {type: "MultiPolygon", coordinates: rings.map((r) => [r])}
    });
    gemeenten.push({code: `GM${gm}`, x0, y0, x1: x0 + parts * SIZE, size: sizes[g], former});
    for (let p = 0; p < parts; p++) {
      const prefix = former[p];
      const nw = int(1, 8);
      const width = SIZE / nw;
      for (let w = 0; w < nw; w++) {
        const wk = `WK${prefix}${pad(w + 1, 2)}`;
        const wx0 = x0 + p * SIZE + w * width;
        wijkFeatures.push({
          type: "Feature",
          properties: {wijkcode: wk, wijknaam: `Wijk ${wk.slice(2)}`, gemeentecode: `GM${gm}`},
          geometry: {type: "Polygon", coordinates: [square(wx0, y0, wx0 + width, y0 + SIZE - GAP)]}
        });
        const nb = int(1, 6);
        const height = (SIZE - GAP) / nb;
        for (let b = 0; b < nb; b++) {
          const bu = `BU${prefix}${pad(w + 1, 2)}${pad(b + 1, 2)}`;
          const ring = square(wx0, y0 + b * height, wx0 + width, y0 + (b + 1) * height);
          // Tiny buurten (a weight near 0) next to ordinary ones.
          const weight = chance(0.2) ? 0.02 : 0.3 + rnd() * 2;
          const agrarisch = chance(0.3);
          buurten.push({code: bu, wijk: wk, gemeente: `GM${gm}`, ring, weight, agrarisch});
          buurtFeatures.push({
            type: "Feature",
            properties: {
              buurtcode: bu,
              buurtnaam: `Buurt ${bu.slice(2)}`,
              wijkcode: wk,
              gemeentecode: `GM${gm}`
            },
            geometry: {type: "Polygon", coordinates: [ring]}
          });
        }
      }
    }
  }
  writeFileSync(join(dir, "gebieden", "gemeenten.geojson"), fc(gemeenteFeatures));
  writeFileSync(join(dir, "gebieden", "wijken.geojson"), fc(wijkFeatures));
  writeFileSync(join(dir, "gebieden", "buurten.geojson"), fc(buurtFeatures));

  // Optional layers.
  const buitengebied = chance(0.6);
  if (buitengebied) {
    const polys = buurten.filter((b) => b.agrarisch).map((b) => [b.ring]);
    if (polys.length > 0)
      writeFileSync(
        join(dir, "buitengebied.geojson"),
        fc([
          {
            type: "Feature",
            properties: {naam: "Buitengebied"},
            geometry: {type: "MultiPolygon", coordinates: polys}
          }
        ])
      );
  }
  const terreinen: {ring: number[][]; gemeente: string}[] = [];
  if (chance(0.5)) {
    for (const b of buurten) {
      if (b.agrarisch || !chance(0.15)) continue;
      const [[x0, y0], , [x1, y1]] = b.ring;
      terreinen.push({ring: square(x0 + 50, y0 + 50, (x0 + x1) / 2, (y0 + y1) / 2), gemeente: b.gemeente});
    }
    writeFileSync(
      join(dir, "bedrijventerreinen.geojson"),
      fc(
        terreinen.map((t, i) => ({
          type: "Feature",
          properties: {RIN_NUMMER: `BT-${pad(i + 1, 3)}`, PLAN_NAAM: `Terrein ${i + 1}`},
          geometry: {type: "Polygon", coordinates: [t.ring]}
        }))
      )
    );
  }
  const kerncijfers = chance(0.7);
  if (kerncijfers) {
    mkdirSync(join(dir, "kerncijfers"), {recursive: true});
    const mergerYear = int(2017, 2023);
    for (const year of [2015, 2018, 2021, 2024].filter(() => chance(0.8))) {
      const lines = ["WijkenEnBuurten;AantalInwoners_5;MateVanStedelijkheid_116"];
      for (const g of gemeenten) {
        // Before the merger CBS published the former gemeenten (rejected: not in the boundaries).
        const codes = g.former.length > 1 && year < mergerYear ? g.former.map((c) => `GM${c}`) : [g.code];
        for (const c of codes) lines.push(`${c.padEnd(10)};${g.size * 8};${int(1, 5)}`);
      }
      for (const b of buurten)
        lines.push(`${b.code};${Math.round(b.weight * 300)};${b.agrarisch ? 5 : int(1, 4)}`);
      writeFileSync(join(dir, "kerncijfers", `kwb-${year}.csv`), lines.join("\n") + "\n");
    }
  }

  // Establishments: dense and sparse SBI codes (weights from a skewed draw per seed).
  const sbiWeights = SBI.map(() => (chance(0.3) ? 0.01 + rnd() * 0.05 : Math.exp(rnd() * 4)));
  const deregShare = 0.05 + rnd() * 0.3;
  const point = (ring: number[][]) => {
    const [[x0, y0], , [x1, y1]] = ring;
    return [
      (x0 + (x1 - x0) * (0.05 + 0.9 * rnd())).toFixed(1),
      (y0 + (y1 - y0) * (0.05 + 0.9 * rnd())).toFixed(1)
    ];
  };
  const vLines = [
    "vestigingsnummer;kvk_nummer;naam;sbi;rechtsvorm;werkzame_personen;datum_inschrijving;datum_uitschrijving;buurtcode;x;y"
  ];
  const zorg: string[] = [];
  let nr = 0;
  for (const g of gemeenten) {
    const own = buurten.filter((b) => b.gemeente === g.code);
    const ownTerreinen = terreinen.filter((t) => t.gemeente === g.code);
    for (let i = 0; i < g.size; i++) {
      nr++;
      const sbi = pickWeighted(SBI, sbiWeights);
      const y0 = chance(0.15) ? int(1995, 2011) : int(2012, 2025);
      const y1 = chance(deregShare) ? y0 + int(1, chance(0.7) ? 3 : 8) : null;
      const start = date(y0);
      const stop = y1 !== null && y1 <= 2025 ? `${y1}-${start.slice(5)}` : "";
      let loc: string;
      const where = rnd();
      if (where < 0.03) {
        // In the gemeente but in no wijk: the strip along the top.
        loc = `;${(g.x0 + 100 + rnd() * (g.x1 - g.x0 - 200)).toFixed(1)};${(g.y0 + SIZE - GAP / 2).toFixed(1)}`;
      } else if (where < 0.1 && ownTerreinen.length > 0) {
        const [x, y] = point(ownTerreinen[int(0, ownTerreinen.length - 1)].ring);
        loc = `;${x};${y}`;
      } else {
        const b = pickWeighted(
          own,
          own.map((x) => x.weight)
        );
        if (where < 0.25) {
          const [x, y] = point(b.ring);
          loc = `;${x};${y}`;
        } else loc = `${b.code};;`;
      }
      const kvk = pad(30_000_000 + nr, 8);
      if (sbi.startsWith("86") || sbi.startsWith("87") || sbi.startsWith("88")) zorg.push(kvk);
      vLines.push(
        `${pad(800_000_000_000 + nr, 12)};${kvk};Bedrijf ${nr};${sbi};Eenmanszaak;${int(1, 12)};${start};${stop};${loc}`
      );
    }
  }
  writeFileSync(join(dir, "vestigingen.csv"), vLines.join("\n") + "\n");

  // Signals: a rate per gemeente, skewed categories, 2015-2025.
  const catWeights = CATEGORIEEN.map(() => (chance(0.3) ? 0.05 : 0.5 + rnd() * 3));
  const sLines = ["signaal_id,datum,categorie,buurtcode,x,y"];
  let sNr = 0;
  for (const g of gemeenten) {
    const own = buurten.filter((b) => b.gemeente === g.code);
    const count = Math.round(g.size * (0.05 + rnd() * 0.4));
    for (let i = 0; i < count; i++) {
      const b = pickWeighted(
        own,
        own.map((x) => x.weight)
      );
      const loc = chance(0.2) ? `,${point(b.ring).join(",")}` : `${b.code},,`;
      sLines.push(`S${++sNr},${date(int(2015, 2025))},${pickWeighted(CATEGORIEEN, catWeights)},${loc}`);
    }
  }
  writeFileSync(join(dir, "signalen.csv"), sLines.join("\n") + "\n");

  // Vacant agrarian buildings in the agrarian buurten.
  let pNr = 0;
  if (chance(0.5)) {
    const pLines = ["pand_id;gebruiksdoel;oppervlakte_m2;leeg_sinds;leeg_tot;buurtcode"];
    for (const b of buurten.filter((x) => x.agrarisch)) {
      for (let i = int(0, 12); i > 0; i--) {
        const since = chance(0.5) ? date(int(2013, 2025)) : "";
        const until =
          since && chance(0.3) ? `${Math.min(2025, Number(since.slice(0, 4)) + int(1, 4))}-12-31` : "";
        pLines.push(
          `P${pad(++pNr, 6)};${chance(0.5) ? "stal" : "schuur"};${int(80, 4000)};${since};${until};${b.code}`
        );
      }
    }
    writeFileSync(join(dir, "panden.csv"), pLines.join("\n") + "\n");
  }
  // Real estate of care providers.
  if (zorg.length > 0 && chance(0.5)) {
    const eLines = ["kvk_nummer,object_id,gebruiksdoel,datum_verkrijging,buurtcode"];
    let oNr = 0;
    for (const kvk of zorg)
      if (chance(0.3))
        eLines.push(
          `${kvk},O${pad(++oNr, 8)},woonfunctie,${date(int(2010, 2025))},${buurten[int(0, buurten.length - 1)].code}`
        );
    writeFileSync(join(dir, "eigendommen.csv"), eLines.join("\n") + "\n");
  }

  return {
    seed,
    gemeenten: n,
    wijken: wijkFeatures.length,
    buurten: buurten.length,
    vestigingen: nr,
    signalen: sNr,
    panden: pNr,
    merged: mergedIndex >= 0 ? gemeenten[mergedIndex].code : null,
    bedrijventerreinen: terreinen.length,
    buitengebied,
    kerncijfers
  };
}
