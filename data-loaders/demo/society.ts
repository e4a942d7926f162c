/**
 * Population and social profile of every demo buurt per year, and the CBS Kerncijfers wijken en
 * buurten files derived from them, written in the shape of the real CBS tables. Most buurten get
 * ordinary values; the planted low-resilience buurten get the combination the Weerbare wijken
 * story looks for (many one-person households, low incomes, benefits, care clients, vacancy,
 * low WOZ).
 *
 * Each year is written with the keys, units, padding and missing markers of a real CBS table as
 * recorded in data-loaders/sources/cbs-tabellen.json (the year's own table where the project
 * holds it, else the nearest one): a topic CBS publishes as a count (one-person households,
 * benefits) is written as a count, a topic the table does not have is not written, and the
 * format follows the year (StatLine CSV, OData v3 JSON with DataProperties beside some years,
 * OData v4 observations). So a reader that drifts from real CBS breaks the demo.
 */
import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {CBS_TABELLEN, type CbsOnderwerp, type CbsTabel} from "../sources/cbs-tabellen.ts";
import {
  VARIABELEN,
  definitie,
  eenheidVanCbs,
  normaliseer,
  type KerncijferVariabele
} from "../sources/kerncijfer-variabelen.ts";
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

/** How one demo year is written: the CBS table (version) whose shape it takes, and the format. */
export interface DemoTabel {
  id: string;
  versie: string;
  formaat: "statline-csv" | "odata-v3" | "odata-v4";
  /** Write the table's DataProperties beside the data (`.json` or cbsodataR's `.csv`). */
  dataProperties?: "json" | "csv";
}

/**
 * The shape of every demo year. 2017, 2020, 2022, 2023 and 2024 are the real tables of those
 * years (2024 in its latest recorded version, with the person-based poverty topics); the other
 * years take the nearest table the project holds: no real table of theirs is recorded.
 */
export const DEMO_TABELLEN: Readonly<Record<number, DemoTabel>> = {
  2015: {id: "83765NED", versie: "2020-11-06", formaat: "statline-csv", dataProperties: "csv"},
  2016: {id: "83765NED", versie: "2020-11-06", formaat: "statline-csv"},
  2017: {id: "83765NED", versie: "2020-11-06", formaat: "odata-v4"},
  2018: {id: "83765NED", versie: "2020-11-06", formaat: "statline-csv"},
  2019: {id: "84799NED", versie: "2021-03-26", formaat: "odata-v3"},
  2020: {id: "84799NED", versie: "2021-03-26", formaat: "odata-v3", dataProperties: "json"},
  2021: {id: "84799NED", versie: "2021-03-26", formaat: "odata-v3"},
  2022: {id: "85318NED", versie: "2026-09-25", formaat: "odata-v3"},
  2023: {id: "85618NED", versie: "2026-09-25", formaat: "odata-v3"},
  2024: {id: "85984NED", versie: "2026-09-14", formaat: "odata-v3"},
  2025: {id: "85984NED", versie: "2026-09-14", formaat: "odata-v3"}
};

/** Variables CBS keeps secret for buurten with few inhabitants. */
const SECRET_WHEN_SMALL: KerncijferVariabele[] = [
  "gemiddeld_inkomen",
  "laag_inkomen_pct",
  "armoede_pct",
  "woz",
  "eenpersoonshuishoudens_pct",
  "bijstand",
  "ao_uitkering",
  "wmo_per_1000",
  "jeugdzorg_pct"
];

function stedelijkheid(density: number): number {
  return density >= 2500 ? 1 : density >= 1500 ? 2 : density >= 1000 ? 3 : density >= 500 ? 4 : 5;
}

/**
 * Generates the social profiles of all buurten for all demo years. `rng` makes the same draws
 * as generator version 1 (so the records generated after it stay the same); the variables added
 * since (care, AO benefits, poverty) draw from `extra`.
 */
export function generateSociety(
  rng: Rng,
  geo: DemoGeography,
  lowResilience: Set<number>,
  extra: Rng
): Society {
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
      // Wmo clients per 1,000 (version 1 drew residential mobility here: the same draw, rescaled).
      wmo: 5.5 * (low ? rng.uniform(16, 22) : rng.uniform(7, 12)),
      ao: low ? extra.uniform(0.07, 0.1) : extra.uniform(0.03, 0.06),
      jeugd: low ? extra.uniform(12, 17) : extra.uniform(6, 11),
      armoede: extra.uniform(0.55, 0.7)
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
      // The draws from `rng` keep version 1's order: eenp, ink, laag, onbewoond, then wmo.
      const p: Profile = {
        inwoners: pop,
        huishoudens: hh,
        eenpersoonshuishoudens_pct: round1(base.eenp + rng.normal(0, 1)),
        gemiddeld_inkomen: round1(base.ink * (1 + 0.02 * yi) + rng.normal(0, 0.3)),
        laag_inkomen_pct: round1(Math.max(0, base.laag + rng.normal(0, 0.8))),
        armoede_pct: 0,
        bijstand: Math.round(pop * base.bijst),
        ao_uitkering: Math.round(pop * base.ao),
        wmo_per_1000: 0,
        jeugdzorg_pct: round1(Math.max(0, base.jeugd + extra.normal(0, 0.5))),
        woningvoorraad: woningen,
        onbewoond_pct: round1(Math.max(0, base.onbew + rng.normal(0, 0.5))),
        corporatie_pct: round1(base.corp),
        woz: Math.round(base.woz * drift),
        bevolkingsdichtheid: b.areaKm2 > 0 ? Math.round(pop / b.areaKm2) : null,
        oppervlakte_land_ha: Math.round(b.areaKm2 * 100),
        stedelijkheid: stedelijkheid(b.areaKm2 > 0 ? pop / b.areaKm2 : 0)
      };
      p.wmo_per_1000 = round1(Math.max(0, base.wmo + 5.5 * rng.normal(0, 0.7)));
      p.armoede_pct = round1(Math.max(0, p.laag_inkomen_pct! * base.armoede + extra.normal(0, 0.4)));
      if (small) for (const v of SECRET_WHEN_SMALL) p[v] = null;
      // CBS publishes income and care figures a year or more late, and not for every buurt.
      if (jaar === 2025)
        p.gemiddeld_inkomen = p.laag_inkomen_pct = p.armoede_pct = p.wmo_per_1000 = p.jeugdzorg_pct = null;
      if (rng.chance(0.02)) p.corporatie_pct = null;
      return p;
    });
  });
  return {profiles, lowResilience};
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

/** Aggregates buurt profiles to a wijk or gemeente: sums of counts, weighted means of the rest. */
export function aggregate(parts: Profile[]): Profile {
  const out = {} as Profile;
  for (const v of VARIABELEN) {
    const regel = definitie(v).samenvoegen;
    if (regel === "som") out[v] = parts.reduce((s, p) => s + (p[v] ?? 0), 0);
  }
  for (const v of VARIABELEN) {
    const regel = definitie(v).samenvoegen;
    if (typeof regel !== "object") continue;
    const w = regel.gewogen as KerncijferVariabele;
    // Youth care has no denominator in the table; the demo weighs it by inhabitants.
    let sw = 0;
    let s = 0;
    for (const p of parts) {
      if (p[v] == null || p[w] == null) continue;
      s += p[v]! * p[w]!;
      sw += p[w]!;
    }
    out[v] = sw > 0 ? round1(s / sw) : null;
  }
  {
    let sw = 0;
    let s = 0;
    for (const p of parts) {
      if (p.jeugdzorg_pct == null || p.inwoners == null) continue;
      s += p.jeugdzorg_pct * p.inwoners;
      sw += p.inwoners;
    }
    out.jeugdzorg_pct = sw > 0 ? round1(s / sw) : null;
  }
  if (out.woz != null) out.woz = Math.round(out.woz);
  const km2 = (out.oppervlakte_land_ha ?? 0) / 100;
  out.bevolkingsdichtheid = km2 > 0 ? Math.round(out.inwoners! / km2) : null;
  out.stedelijkheid = stedelijkheid(km2 > 0 ? out.inwoners! / km2 : 0);
  return out;
}

/** The recorded CBS table (version) a demo year is written as. */
export function demoTabel(jaar: number): CbsTabel {
  const spec = DEMO_TABELLEN[jaar];
  const vorm = spec.formaat === "odata-v4" ? "odata-v4" : "odata-v3";
  const t = CBS_TABELLEN.tabellen.find(
    (x) => x.id === spec.id && x.versie === spec.versie && x.vorm === vorm
  );
  if (!t) throw new Error(`Geen beschrijving van ${spec.id} (${spec.versie}, ${vorm}) in cbs-tabellen.json`);
  return t;
}

/**
 * One column the demo writes: the CBS topic, and how to get its value from a profile (as is, or
 * as the count behind a share or rate when CBS publishes the count).
 */
interface DemoKolom {
  onderwerp: CbsOnderwerp;
  waarde: (p: Profile) => number | null;
}

/** The topic columns of a table for the variables the demo models, in the table's order. */
export function demoKolommen(t: CbsTabel): DemoKolom[] {
  const byTitel = new Map<string, CbsOnderwerp[]>();
  for (const o of t.onderwerpen)
    if (o[1] !== null) byTitel.set(normaliseer(o[1]), [...(byTitel.get(normaliseer(o[1])) ?? []), o]);
  const chosen = new Map<string, DemoKolom>();
  for (const v of VARIABELEN) {
    const d = definitie(v);
    const all = d.titels.flatMap((title) => byTitel.get(normaliseer(title)) ?? []);
    const direct = all.find((o) => eenheidVanCbs(o[2]) === d.eenheid);
    if (direct) {
      chosen.set(direct[0], {onderwerp: direct, waarde: (p) => p[v]});
      continue;
    }
    const count = all.find((o) => eenheidVanCbs(o[2]) === "aantal");
    if (count && d.afleiding) {
      const {noemer, schaal} = d.afleiding;
      chosen.set(count[0], {
        onderwerp: count,
        waarde: (p) => {
          const n = p[noemer as KerncijferVariabele];
          return p[v] == null || n == null ? null : Math.round((p[v]! * n) / schaal);
        }
      });
    }
  }
  return t.onderwerpen.filter((o) => chosen.has(o[0])).map((o) => chosen.get(o[0])!);
}

/** The region topics (name, kind, code, boundary change) at the start of a v3 table. */
function regioKolommen(t: CbsTabel): string[] {
  return t.onderwerpen
    .slice(0, 4)
    .map((o) => o[0])
    .filter((k) => /^(Gemeentenaam|SoortRegio|Codering|Indelingswijziging)/.test(k));
}

interface DemoRegel {
  code: string;
  soort: "Gemeente" | "Wijk" | "Buurt";
  gemeente: string;
  p: Profile;
}

/**
 * Writes `kerncijfers/kwb-<jaar>.<csv|json>` for every demo year in the shape of `DEMO_TABELLEN`:
 * StatLine CSV (`;`, quoted padded texts, decimal comma, `.` for missing), OData v3 JSON
 * (`{"odata.metadata", "value"}`, padded texts, `null` for missing) or OData v4 observations
 * (`Measure`, `WijkenEnBuurten`, `Value`, `ValueAttribute` `Impossible` with `null` for missing),
 * and the table's DataProperties beside the years that have them.
 */
export async function writeKerncijfers(dir: string, geo: DemoGeography, society: Society): Promise<void> {
  for (const [yi, jaar] of DEMO_JAREN.entries()) {
    const rows: DemoRegel[] = [];
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
    const spec = DEMO_TABELLEN[jaar];
    const tabel = demoTabel(jaar);
    const kolommen = demoKolommen(tabel);
    const regio = regioKolommen(tabel);
    const regioWaarde = (r: DemoRegel, key: string): string => {
      if (key.startsWith("Gemeentenaam")) return r.gemeente.padEnd(40);
      if (key.startsWith("SoortRegio")) return r.soort.padEnd(10);
      if (key.startsWith("Codering")) return r.code.padEnd(10);
      return r.soort === "Gemeente" ? "." : "1";
    };
    if (spec.formaat === "statline-csv") {
      const w = new LineWriter(join(dir, `kwb-${jaar}.csv`));
      await w.line(
        ["ID", "WijkenEnBuurten", ...regio, ...kolommen.map((k) => k.onderwerp[0])]
          .map((k) => `"${k}"`)
          .join(";")
      );
      for (const [i, r] of rows.entries()) {
        const vals = kolommen.map((k) => {
          const v = k.waarde(r.p);
          return v == null ? "." : Number.isInteger(v) ? String(v) : `"${String(v).replace(".", ",")}"`;
        });
        await w.line(
          [String(i), `"${r.code.padEnd(10)}"`, ...regio.map((k) => `"${regioWaarde(r, k)}"`), ...vals].join(
            ";"
          )
        );
      }
      await w.close();
    } else if (spec.formaat === "odata-v3") {
      const value = rows.map((r, i) => {
        const o: Record<string, unknown> = {ID: i, WijkenEnBuurten: r.code.padEnd(10)};
        for (const k of regio) o[k] = regioWaarde(r, k);
        for (const k of kolommen) o[k.onderwerp[0]] = k.waarde(r.p);
        return o;
      });
      writeFileSync(
        join(dir, `kwb-${jaar}.json`),
        JSON.stringify({
          "odata.metadata": `fictief://demoregio/ODataApi/OData/${spec.id}/$metadata#Cbs.OData.WebAPI.TypedDataSet`,
          value
        })
      );
    } else {
      let id = 0;
      const value = rows.flatMap((r) =>
        kolommen.map((k) => {
          const v = k.waarde(r.p);
          return {
            Id: id++,
            Measure: k.onderwerp[0],
            ValueAttribute: v == null ? "Impossible" : "None",
            Value: v,
            StringValue: null,
            WijkenEnBuurten: r.code
          };
        })
      );
      writeFileSync(
        join(dir, `kwb-${jaar}.json`),
        JSON.stringify({"@odata.context": `fictief://demoregio/CBS/${spec.id}/$metadata#Observations`, value})
      );
    }
    if (spec.dataProperties) writeDataProperties(dir, jaar, tabel, spec.dataProperties);
  }
}

/** The table's topics as CBS serves its DataProperties (JSON) or as cbsodataR writes them (CSV). */
function writeDataProperties(dir: string, jaar: number, t: CbsTabel, vorm: "json" | "csv"): void {
  const topics = t.onderwerpen.map((o, i) => ({
    "odata.type": "Cbs.OData.Topic",
    ID: i + 1,
    Position: i + 1,
    ParentID: null,
    Type: "Topic",
    Key: o[0],
    Title: o[1],
    Description: "",
    Datatype: eenheidVanCbs(o[2]) === "aantal" ? "Long" : "Double",
    Unit: o[2],
    Decimals: 0,
    Default: "Impossible",
    PresentationType: ""
  }));
  const geo = {
    "odata.type": "Cbs.OData.GeoDetail",
    ID: 0,
    Position: 0,
    ParentID: null,
    Type: "GeoDetail",
    Key: "WijkenEnBuurten",
    Title: "Wijken en buurten",
    Description: "",
    MapYear: jaar
  };
  if (vorm === "json") {
    writeFileSync(
      join(dir, `kwb-${jaar}.dataproperties.json`),
      JSON.stringify({
        "odata.metadata": `fictief://demoregio/ODataApi/OData/${t.id}/$metadata#Cbs.OData.WebAPI.DataProperties`,
        value: [geo, ...topics]
      })
    );
    return;
  }
  const cols = [
    "odata.type",
    "ID",
    "Position",
    "ParentID",
    "Type",
    "Key",
    "Title",
    "Description",
    "MapYear",
    "Datatype",
    "Unit",
    "Decimals",
    "Default",
    "PresentationType"
  ];
  const cell = (v: unknown) =>
    v == null ? "" : typeof v === "number" ? String(v) : `"${String(v).replace(/"/g, '""')}"`;
  const lines = [
    cols.map((c) => `"${c}"`).join(","),
    ...[geo, ...topics].map((r) => cols.map((c) => cell((r as Record<string, unknown>)[c])).join(","))
  ];
  writeFileSync(join(dir, `kwb-${jaar}.dataproperties.csv`), lines.join("\n") + "\n");
}
