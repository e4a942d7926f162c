/**
 * Population and social profile of every demo buurt per year, and the CBS Kerncijfers wijken en
 * buurten files derived from them. Most buurten get ordinary values; the planted low-resilience
 * buurten get the combination the Weerbare wijken story looks for (many one-person households,
 * low incomes, benefits, turnover, vacancy, low WOZ).
 */
import {writeFileSync} from "node:fs";
import {join} from "node:path";
import type {KerncijferVariabele} from "../sources/types.ts";
import type {DemoGeography} from "./geography.ts";
import type {Rng} from "./random.ts";
import {LineWriter} from "./writer.ts";

/** Years the demo covers. */
export const DEMO_JAREN = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];

/** Canonical values of one area in one year (null = not published by CBS). */
export type Profile = Record<KerncijferVariabele, number | null>;

/** Per buurt (index as in the geography) the profile per year index. */
export interface Society {
  /** profiles[buurt][yearIndex] */
  profiles: Profile[][];
  /** Indexes of the planted low-resilience buurten. */
  lowResilience: Set<number>;
}

/** CBS topic-key numbers (2015), shifted per year so readers must match by prefix. */
const KEY_BASE: Record<KerncijferVariabele, [string, number]> = {
  inwoners: ["AantalInwoners", 5],
  huishoudens: ["HuishoudensTotaal", 28],
  eenpersoonshuishoudens_pct: ["Eenpersoonshuishoudens", 29],
  gemiddeld_inkomen: ["GemiddeldInkomenPerInwoner", 78],
  laag_inkomen_pct: ["HuishoudensMetEenLaagInkomen", 82],
  bijstand: ["PersonenPerSoortUitkeringBijstand", 86],
  woningvoorraad: ["Woningvoorraad", 35],
  onbewoond_pct: ["PercentageOnbewoond", 41],
  corporatie_pct: ["InBezitWoningcorporatie", 45],
  woz: ["GemiddeldeWOZWaardeVanWoningen", 36],
  bevolkingsdichtheid: ["Bevolkingsdichtheid", 34],
  oppervlakte_land_ha: ["OppervlakteLand", 123],
  stedelijkheid: ["MateVanStedelijkheid", 131],
  verhuismobiliteit_pct: ["Verhuismobiliteit", 50]
};

/** The CBS key of a variable in a given year (`AantalInwoners_6` in 2016). */
export function cbsKey(v: KerncijferVariabele, jaar: number): string {
  const [prefix, base] = KEY_BASE[v];
  return `${prefix}_${base + (jaar % 3)}`;
}

const VARS = Object.keys(KEY_BASE) as KerncijferVariabele[];
/** Variables CBS keeps secret for buurten with few inhabitants. */
const SECRET_WHEN_SMALL: KerncijferVariabele[] = [
  "gemiddeld_inkomen",
  "laag_inkomen_pct",
  "woz",
  "eenpersoonshuishoudens_pct",
  "bijstand"
];

function stedelijkheid(density: number): number {
  return density >= 2500 ? 1 : density >= 1500 ? 2 : density >= 1000 ? 3 : density >= 500 ? 4 : 5;
}

/** Generates the social profiles of all buurten for all demo years. */
export function generateSociety(rng: Rng, geo: DemoGeography, lowResilience: Set<number>): Society {
  const growth = geo.gemeenten.map(() => rng.uniform(-0.004, 0.012));
  const profiles = geo.buurten.map((b, bi) => {
    const low = lowResilience.has(bi);
    const density0 =
      b.kind === "kern" ? rng.uniform(2500, 7500) : b.kind === "buiten" ? rng.uniform(20, 140) : 0;
    let pop0 = b.kind === "bedrijven" ? rng.int(0, 45) : Math.round(density0 * b.areaKm2);
    if (b.kind === "kern" && rng.chance(0.06)) pop0 = rng.int(5, 60); // tiny buurten: suppression
    // Low-resilience buurten are ordinary-sized neighbourhoods, so their figures are published.
    if (low) pop0 = Math.max(pop0, rng.int(900, 2500));
    pop0 = Math.min(4600, pop0);
    const hhSize =
      b.kind === "buiten" ? rng.uniform(2.4, 2.8) : low ? rng.uniform(1.5, 1.8) : rng.uniform(1.9, 2.5);
    const base = {
      eenp: low ? rng.uniform(55, 65) : b.kind === "buiten" ? rng.uniform(15, 25) : rng.uniform(28, 45),
      ink: low ? rng.uniform(19, 22) : b.kind === "buiten" ? rng.uniform(30, 38) : rng.uniform(25, 36),
      laag: low ? rng.uniform(22, 30) : rng.uniform(3, 11),
      bijst: low ? rng.uniform(0.08, 0.12) : rng.uniform(0.005, 0.03),
      onbew: low ? rng.uniform(8, 12) : rng.uniform(2, 6),
      corp: low ? rng.uniform(60, 80) : b.kind === "buiten" ? rng.uniform(0, 8) : rng.uniform(10, 45),
      woz: low ? rng.uniform(140, 175) : b.kind === "buiten" ? rng.uniform(350, 520) : rng.uniform(210, 380),
      verh: low ? rng.uniform(16, 22) : rng.uniform(7, 12)
    };
    return DEMO_JAREN.map((jaar, yi): Profile => {
      const pop = Math.min(
        5000,
        Math.max(0, Math.round(pop0 * Math.pow(1 + growth[b.gemeente], yi) + rng.normal(0, 3)))
      );
      const hh = Math.round(pop / hhSize);
      const woningen = Math.round(hh * rng.uniform(1.01, 1.06));
      const small = pop < 50;
      const drift = 1 + 0.035 * yi; // prices and incomes rise
      const p: Profile = {
        inwoners: pop,
        huishoudens: hh,
        eenpersoonshuishoudens_pct: round1(base.eenp + rng.normal(0, 1)),
        gemiddeld_inkomen: round1(base.ink * (1 + 0.02 * yi) + rng.normal(0, 0.3)),
        laag_inkomen_pct: round1(Math.max(0, base.laag + rng.normal(0, 0.8))),
        bijstand: Math.round(pop * base.bijst),
        woningvoorraad: woningen,
        onbewoond_pct: round1(Math.max(0, base.onbew + rng.normal(0, 0.5))),
        corporatie_pct: round1(base.corp),
        woz: Math.round(base.woz * drift),
        bevolkingsdichtheid: b.areaKm2 > 0 ? Math.round(pop / b.areaKm2) : null,
        oppervlakte_land_ha: Math.round(b.areaKm2 * 100),
        stedelijkheid: stedelijkheid(b.areaKm2 > 0 ? pop / b.areaKm2 : 0),
        verhuismobiliteit_pct: round1(base.verh + rng.normal(0, 0.7))
      };
      if (small) for (const v of SECRET_WHEN_SMALL) p[v] = null;
      // CBS publishes income figures a year late and not for every buurt: leave gaps.
      if (jaar === 2025) p.gemiddeld_inkomen = p.laag_inkomen_pct = null;
      if (rng.chance(0.02)) p.corporatie_pct = null;
      return p;
    });
  });
  return {profiles, lowResilience};
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

const SUMS: KerncijferVariabele[] = [
  "inwoners",
  "huishoudens",
  "bijstand",
  "woningvoorraad",
  "oppervlakte_land_ha"
];
const WEIGHT: Partial<Record<KerncijferVariabele, KerncijferVariabele>> = {
  eenpersoonshuishoudens_pct: "huishoudens",
  laag_inkomen_pct: "huishoudens",
  gemiddeld_inkomen: "inwoners",
  verhuismobiliteit_pct: "inwoners",
  onbewoond_pct: "woningvoorraad",
  corporatie_pct: "woningvoorraad",
  woz: "woningvoorraad"
};

/** Aggregates buurt profiles to a wijk or gemeente: sums of counts, weighted means of the rest. */
export function aggregate(parts: Profile[]): Profile {
  const out = {} as Profile;
  for (const v of SUMS) out[v] = parts.reduce((s, p) => s + (p[v] ?? 0), 0);
  for (const [v, w] of Object.entries(WEIGHT) as [KerncijferVariabele, KerncijferVariabele][]) {
    let sw = 0;
    let s = 0;
    for (const p of parts) {
      if (p[v] == null || p[w] == null) continue;
      s += p[v]! * p[w]!;
      sw += p[w]!;
    }
    out[v] = sw > 0 ? round1(s / sw) : null;
  }
  if (out.woz != null) out.woz = Math.round(out.woz);
  const km2 = (out.oppervlakte_land_ha ?? 0) / 100;
  out.bevolkingsdichtheid = km2 > 0 ? Math.round(out.inwoners! / km2) : null;
  out.stedelijkheid = stedelijkheid(km2 > 0 ? out.inwoners! / km2 : 0);
  return out;
}

/**
 * Writes `kerncijfers/kwb-<jaar>.csv` (StatLine CSV: `;`, decimal commas, padded codes, `.` for
 * missing) for 2015-2019 and `kerncijfers/kwb-<jaar>.json` (OData `{"value": [...]}`, null for
 * missing; 2021 uses the secrecy code -99999999 and 2023 uses -99997 as older CBS files do) for
 * 2020-2025.
 */
export async function writeKerncijfers(dir: string, geo: DemoGeography, society: Society): Promise<void> {
  for (const [yi, jaar] of DEMO_JAREN.entries()) {
    const rows: {code: string; soort: string; gemeente: string; p: Profile}[] = [];
    for (const g of geo.gemeenten) {
      rows.push({
        code: g.code,
        soort: "Gemeente",
        gemeente: g.naam,
        p: aggregate(g.buurten.map((b) => society.profiles[b][yi]))
      });
      for (const w of g.wijken) {
        const wijk = geo.wijken[w];
        rows.push({
          code: wijk.code,
          soort: "Wijk",
          gemeente: g.naam,
          p: aggregate(wijk.buurten.map((b) => society.profiles[b][yi]))
        });
        for (const b of wijk.buurten)
          rows.push({
            code: geo.buurten[b].code,
            soort: "Buurt",
            gemeente: g.naam,
            p: society.profiles[b][yi]
          });
      }
    }
    const keys = VARS.map((v) => cbsKey(v, jaar));
    if (jaar < 2020) {
      const w = new LineWriter(join(dir, `kwb-${jaar}.csv`));
      await w.line(
        ["ID", "WijkenEnBuurten", "Gemeentenaam_1", "SoortRegio_2", "Codering_3", ...keys]
          .map((k) => `"${k}"`)
          .join(";")
      );
      for (const [i, r] of rows.entries()) {
        const vals = VARS.map((v) => (r.p[v] == null ? "." : String(r.p[v]).replace(".", ",")));
        await w.line(
          [
            String(i),
            `"${r.code.padEnd(10)}"`,
            `"${r.gemeente.padEnd(24)}"`,
            `"${r.soort.padEnd(10)}"`,
            `"${r.code.padEnd(10)}"`,
            ...vals
          ].join(";")
        );
      }
      await w.close();
    } else {
      const marker = jaar === 2021 ? -99999999 : jaar === 2023 ? -99997 : null;
      const value = rows.map((r, i) => {
        const o: Record<string, unknown> = {
          ID: i,
          WijkenEnBuurten: r.code.padEnd(10),
          Gemeentenaam_1: r.gemeente.padEnd(24),
          SoortRegio_2: r.soort.padEnd(10),
          Codering_3: r.code.padEnd(10)
        };
        VARS.forEach((v, k) => (o[keys[k]] = r.p[v] ?? marker));
        return o;
      });
      writeFileSync(
        join(dir, `kwb-${jaar}.json`),
        JSON.stringify({"odata.metadata": `fictief://demoregio/kwb-${jaar}/$metadata`, value})
      );
    }
  }
}
