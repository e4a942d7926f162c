/**
 * Deterministic synthetic hierarchical count tables (gemeente > wijk > buurt x branch x year),
 * for the bench script and the tests. Codes follow the CBS pattern; values are fictitious.
 */
import type {CountCell, TableDeclaration, UnitKind} from "./types.ts";

/** Small fast seeded PRNG (mulberry32), so every run builds the same tables. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shape and value distribution of a synthetic table. */
export interface SyntheticOptions {
  id?: string;
  unitKind?: UnitKind;
  gemeenten: number;
  wijkenPerGemeente: number;
  buurtenPerWijk: number;
  branches: number;
  years: number;
  seed?: number;
  /** Share of buurt cells that are 0. */
  pZero?: number;
  /** Share of buurt cells between 1 and k-1. */
  pSmall?: number;
  /** Share of wijken with records that have no buurt (remainder cells). */
  pNoBuurt?: number;
  /** Threshold the small values stay under. */
  k?: number;
  /** Add a branch total "totaal" per area and year, declared as branch hierarchy (two-way table). */
  brancheTotaal?: boolean;
}

/** Builds one count table with gemeente, wijk and buurt cells for every branch and year. */
export function syntheticTable(o: SyntheticOptions): TableDeclaration {
  const rand = mulberry32(o.seed ?? 1);
  const k = o.k ?? 5;
  const pZero = o.pZero ?? 0.75;
  const pSmall = o.pSmall ?? 0.02;
  const pNoBuurt = o.pNoBuurt ?? 0.05;
  const cells: CountCell[] = [];
  for (let g = 0; g < o.gemeenten; g++) {
    const gm = `GM${String(g + 1).padStart(4, "0")}`;
    const gmNum = gm.slice(2);
    for (let y = 0; y < o.years; y++) {
      const jaar = 2015 + y;
      for (let b = 0; b < o.branches; b++) {
        const branche = `b${String(b + 1).padStart(2, "0")}`;
        let gmTotal = 0;
        for (let w = 0; w < o.wijkenPerGemeente; w++) {
          const wk = `WK${gmNum}${String(w).padStart(2, "0")}`;
          let wkTotal = 0;
          for (let u = 0; u < o.buurtenPerWijk; u++) {
            const bu = `BU${gmNum}${String(w).padStart(2, "0")}${String(u).padStart(2, "0")}`;
            const r = rand();
            const value =
              r < pZero
                ? 0
                : r < pZero + pSmall
                  ? 1 + Math.floor(rand() * (k - 1))
                  : k + Math.floor(rand() * 60);
            wkTotal += value;
            cells.push({gebiedcode: bu, gebiedniveau: "buurt", bovenliggend: wk, branche, jaar, value});
          }
          if (rand() < pNoBuurt) wkTotal += 1 + Math.floor(rand() * 3);
          gmTotal += wkTotal;
          cells.push({gebiedcode: wk, gebiedniveau: "wijk", bovenliggend: gm, branche, jaar, value: wkTotal});
        }
        cells.push({
          gebiedcode: gm,
          gebiedniveau: "gemeente",
          bovenliggend: null,
          branche,
          jaar,
          value: gmTotal
        });
      }
    }
  }
  const branches = Array.from({length: o.branches}, (_, b) => `b${String(b + 1).padStart(2, "0")}`);
  if (o.brancheTotaal) {
    const totals = new Map<string, CountCell>();
    for (const c of cells) {
      const key = `${c.gebiedcode}|${c.jaar}`;
      const t = totals.get(key);
      if (t) t.value = (t.value as number) + (c.value as number);
      else totals.set(key, {...c, branche: "totaal"});
    }
    for (const t of totals.values()) cells.push(t);
  }
  return {
    ...(o.brancheTotaal ? {brancheHierarchy: {totaal: branches}} : {}),
    id: o.id ?? "vestigingen",
    title: "Vestigingen (synthetisch)",
    unitKind: o.unitKind ?? "vestigingen",
    measure: "count",
    dimensions: ["gebied", "branche", "jaar"],
    cells
  };
}
