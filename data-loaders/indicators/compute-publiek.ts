/**
 * Public counts besides the kerncijfers (issue 16): registered crime per area and offence group
 * (`politie/`, CBS 47018NED) and establishments per gemeente and CBS branch with Nederland as
 * reference (`referentie/`, CBS 81575NED). They are already aggregated and public, and still go
 * through the one gate like every number: declared as `publiek` tables, with the rates and
 * location quotients derived by the gate from them.
 */
import type {Bedrijfstak, ReferentieRecord} from "../sources/referentie.ts";
import {
  BRANCHE_ALLE,
  MISDRIJF_GROEPEN,
  NEDERLAND_CODE,
  REFERENTIE_BRANCHES,
  declaratie
} from "./catalogue.ts";
import {derivedGrid} from "./compute-risicobranches.ts";
import {
  emptyParts,
  gridCells,
  key,
  publiekTable,
  ref,
  type GateParts,
  type GebiedRef,
  type PipelineContext
} from "./context.ts";

/** Nederland as an area of the reference tables: a root of its own, next to the regio. */
export const NEDERLAND: GebiedRef = {
  code: NEDERLAND_CODE,
  niveau: "regio",
  bovenliggend: null,
  naam: "Nederland",
  gemeentecode: null,
  km2: 0
};

/** Sum of the values present, null when none is: a missing gemeente does not blank the regio. */
function sumPresent(values: readonly (number | null | undefined)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values)
    if (v != null) {
      sum += v;
      n++;
    }
  return n ? sum : null;
}

/**
 * `misdrijven` (per area, offence group and year) and `misdrijven-per-1000`. A group is the sum of
 * the codes the source publishes for the area; the regio is the sum over its gemeenten.
 */
export function computeMisdrijven(ctx: PipelineContext): GateParts {
  const parts = emptyParts();
  const data = ctx.bronmap.politie;
  if (!data || data.misdrijven.length === 0 || ctx.jaren.length === 0) return parts;
  const groepVan = new Map<string, string[]>();
  for (const g of MISDRIJF_GROEPEN)
    for (const code of g.codes) groepVan.set(code, [...(groepVan.get(code) ?? []), g.id]);
  const values = new Map<string, number | null>();
  const jaren = new Set(ctx.jaren);
  for (const r of data.misdrijven) {
    // Monthly figures (47022NED) are not summed into years here: a year is published as the
    // source's own year figure.
    if (r.maand !== null || !jaren.has(r.jaar)) continue;
    for (const groep of groepVan.get(r.soort) ?? []) {
      const k = key(r.gebiedcode, null, groep, r.jaar);
      const before = values.get(k);
      values.set(k, r.aantal === null ? (before ?? null) : (before ?? 0) + r.aantal);
    }
  }
  const cats = MISDRIJF_GROEPEN.map((g) => g.id);
  for (const jaar of ctx.jaren)
    for (const c of cats)
      values.set(
        key(ctx.regio.code, null, c, jaar),
        sumPresent(ctx.gebieden.gemeente.map((g) => values.get(key(g.code, null, c, jaar))))
      );
  const areas = [ctx.regio, ...ctx.gebieden.gemeente, ...ctx.gebieden.wijk, ...ctx.gebieden.buurt];
  parts.tables.push(
    publiekTable(
      "misdrijven",
      gridCells(values, {areas, categorieen: cats, jaren: ctx.jaren, missing: null}),
      ["gebied", "categorie", "jaar"]
    )
  );
  parts.derived.push({
    ...declaratie("misdrijven-per-1000"),
    kind: "ratio",
    scale: 1000,
    decimals: 1,
    cells: derivedGrid(areas, [null], cats, ctx.jaren, (a, _b, c, j) => [
      ref("misdrijven", a, null, c, j),
      ref("inwoners", a, null, null, j)
    ])
  });
  return parts;
}

/** The catalogue's branch id of a CBS branch, by the SBI code of its title; null: not shown. */
export function referentieBrancheId(tak: Bedrijfstak | undefined): string | null {
  if (!tak?.sbi) return null;
  return REFERENTIE_BRANCHES.find((b) => b.sbi === tak.sbi)?.id ?? null;
}

/**
 * `vestigingen-cbs` for the regio, its gemeenten and Nederland, and the location quotients
 * against Nederland (every gemeente and the regio) and against the regio (gemeenten).
 */
export function computeReferentie(ctx: PipelineContext): GateParts {
  const parts = emptyParts();
  const data = ctx.bronmap.referentie;
  if (!data || data.vestigingen.length === 0 || ctx.jaren.length === 0) return parts;
  const jaren = new Set(ctx.jaren);
  const ids = REFERENTIE_BRANCHES.map((b) => b.id);
  // Per year and branch: the gemeente values, and Nederland from its own row when the table has
  // one, else as the sum of all gemeenten (sources/referentie.ts `nederlandTotaal`).
  const values = new Map<string, number | null>();
  const land = new Map<string, number | null>();
  const somGemeenten = new Map<string, (number | null)[]>();
  const eigen = new Set(ctx.gebieden.gemeente.map((g) => g.code));
  const byKey = (r: ReferentieRecord) => referentieBrancheId(data.bedrijfstakken.get(r.branche));
  for (const r of data.vestigingen) {
    if (!jaren.has(r.jaar)) continue;
    const b = byKey(r);
    if (b === null) continue;
    const k = key(NEDERLAND_CODE, b, null, r.jaar);
    if (r.gebiedcode === NEDERLAND_CODE) land.set(k, r.aantal);
    else {
      somGemeenten.set(k, [...(somGemeenten.get(k) ?? []), r.aantal]);
      if (eigen.has(r.gebiedcode)) values.set(key(r.gebiedcode, b, null, r.jaar), r.aantal);
    }
  }
  for (const jaar of ctx.jaren)
    for (const b of ids) {
      const k = key(NEDERLAND_CODE, b, null, jaar);
      values.set(k, land.get(k) ?? sumPresent(somGemeenten.get(k) ?? []));
      values.set(
        key(ctx.regio.code, b, null, jaar),
        sumPresent(ctx.gebieden.gemeente.map((g) => values.get(key(g.code, b, null, jaar))))
      );
    }
  const rg = [ctx.regio, ...ctx.gebieden.gemeente];
  parts.tables.push(
    publiekTable(
      "vestigingen-cbs",
      gridCells(values, {areas: [NEDERLAND, ...rg], branches: ids, jaren: ctx.jaren, missing: null}),
      ["gebied", "branche", "jaar"]
    )
  );
  const st = (a: GebiedRef, b: string | null, j: number) => ref("vestigingen-cbs", a, b, null, j);
  const takken = ids.filter((b) => b !== BRANCHE_ALLE);
  const lq = ([a, alle, ra, ralle]: readonly number[]) => a / alle / (ra / ralle);
  parts.derived.push(
    {
      ...declaratie("locatiequotient-nederland"),
      kind: "custom",
      decimals: 2,
      compute: lq,
      cells: derivedGrid(rg, takken, [null], ctx.jaren, (a, b, _c, j) => [
        st(a, b, j),
        st(a, BRANCHE_ALLE, j),
        st(NEDERLAND, b, j),
        st(NEDERLAND, BRANCHE_ALLE, j)
      ])
    },
    {
      ...declaratie("locatiequotient-cbs"),
      kind: "custom",
      decimals: 2,
      compute: lq,
      cells: derivedGrid(ctx.gebieden.gemeente, takken, [null], ctx.jaren, (a, b, _c, j) => [
        st(a, b, j),
        st(a, BRANCHE_ALLE, j),
        st(ctx.regio, b, j),
        st(ctx.regio, BRANCHE_ALLE, j)
      ])
    }
  );
  return parts;
}
