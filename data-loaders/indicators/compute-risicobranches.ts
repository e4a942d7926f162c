/**
 * Risicobranches: establishments per branch group, area and year (end-of-year stock), starts,
 * stops, one-person establishments and care providers owning real estate, plus the rates the
 * gate derives from them (per 1,000 inhabitants, location quotient, growth, churn, shares).
 *
 * The heavy step is one pass over `vestigingen` into small aggregate tables
 * (`_v_stock`, `_v_starts`, `_v_stops`) keyed by (gemeente, wijk, buurt, bedrijventerrein,
 * buitengebied, branche, jaar); every published level is a rollup of those, so the record table
 * is scanned once however many tables are published. Risicolocaties reuses them.
 */
import {
  levelLinkRelations,
  stockFlowRelations,
  sumRelation,
  type DerivedCell,
  type GebiedNiveau,
  type TableDeclaration
} from "../disclosure/gate.ts";
import {
  BRANCHE_ALLE,
  BRANCHE_IDS,
  BRANCHE_RISICO,
  RISICOBRANCHES,
  brancheCaseSql,
  indicator
} from "./catalogue.ts";
import {
  emptyParts,
  gridCellsSql,
  levelColumn,
  ms,
  ref,
  rows,
  type GateParts,
  type GebiedRef,
  type PipelineContext
} from "./context.ts";

/** Builds `_v`, `_v_stock`, `_v_starts` and `_v_stops` from the `vestigingen` record table. */
export async function prepareVestigingen(ctx: PipelineContext): Promise<void> {
  const c = ctx.connection;
  const t0 = performance.now();
  const hasEigendom = ctx.has("eigendommen");
  const [y0, y1] = [ctx.jaren[0] ?? 0, ctx.jaren[ctx.jaren.length - 1] ?? -1];
  // A business owns real estate in year j when it acquired an object on or before 31 December
  // of j; an object without acquisition date counts for every year.
  const eig = hasEigendom
    ? "(SELECT kvk_nummer, min(coalesce(year(datum_verkrijging), 0)) AS y_eig FROM eigendommen GROUP BY kvk_nummer)"
    : "(SELECT NULL::VARCHAR AS kvk_nummer, NULL::INTEGER AS y_eig WHERE false)";
  // The branch of each distinct SBI code is decided once (a few hundred codes), not per row.
  await c.run(`CREATE OR REPLACE TEMP TABLE _sbi AS
    SELECT sbi, ${brancheCaseSql("sbi")} AS branche FROM (SELECT DISTINCT sbi FROM vestigingen)`);
  // Buurt is not needed: establishment tables stop at the wijk level.
  await c.run(`CREATE OR REPLACE TEMP TABLE _v AS
    SELECT v.gemeentecode AS g, v.wijkcode AS w, v.bedrijventerrein AS bt, v.buitengebied AS bg, s.branche,
           year(v.datum_inschrijving)::INTEGER AS y0, year(v.datum_uitschrijving)::INTEGER AS y1,
           coalesce(v.werkzame_personen = 1, false) AS een, e.y_eig
    FROM vestigingen v JOIN _sbi s USING (sbi) LEFT JOIN ${eig} e ON e.kvk_nummer = v.kvk_nummer`);
  await c.run(`CREATE OR REPLACE TEMP TABLE _v_stock AS
    SELECT g, w, bt, bg, branche, jaar::INTEGER AS jaar, count(*) AS n, count(*) FILTER (een) AS n1,
           count(*) FILTER (branche = 'zorg' AND y_eig <= jaar) AS nzv
    FROM (SELECT *, unnest(range(greatest(y0, ${y0}), least(coalesce(y1, ${y1 + 1}), ${y1 + 1}))) AS jaar FROM _v)
    GROUP BY ALL`);
  await c.run(`CREATE OR REPLACE TEMP TABLE _v_starts AS
    SELECT g, w, bt, bg, branche, y0 AS jaar, count(*) AS n FROM _v WHERE y0 BETWEEN ${y0} AND ${y1} GROUP BY ALL`);
  await c.run(`CREATE OR REPLACE TEMP TABLE _v_stops AS
    SELECT g, w, bt, bg, branche, y1 AS jaar, count(*) AS n FROM _v WHERE y1 BETWEEN ${y0} AND ${y1} GROUP BY ALL`);
  const [[nv], [ns]] = [
    (await rows(c, "SELECT count(*) FROM _v"))[0],
    (await rows(c, "SELECT count(*) FROM _v_stock"))[0]
  ];
  ctx.log(`indicatoren: vestigingen ${nv} rijen -> ${ns} voorraadcellen in ${ms(t0)} ms`);
}

/**
 * SQL of a branch rollup of `src` (columns g, w, b, branche, jaar and `measure`) on `niveau`:
 * one row per area, branch id (each group, `risico`, `alle`) and year, in the
 * `code, branche, categorie, jaar, value` shape of `valueMap`.
 */
export function branchRollupSql(
  src: string,
  measure: string,
  niveau: GebiedNiveau,
  branches: readonly string[],
  where = "true"
): string {
  const code = niveau === "wijk" ? "coalesce(w, g || '-ONBEKEND')" : levelColumn(niveau);
  const parts: string[] = [];
  const groups = branches.filter((b) => b !== BRANCHE_RISICO && b !== BRANCHE_ALLE);
  if (groups.length)
    parts.push(
      `SELECT ${code} AS code, branche, NULL AS categorie, jaar, sum(${measure}) AS v FROM ${src} WHERE branche IN (${groups.map((b) => `'${b}'`).join(", ")}) AND ${where} GROUP BY ALL`
    );
  if (branches.includes(BRANCHE_RISICO))
    parts.push(
      `SELECT ${code}, '${BRANCHE_RISICO}', NULL, jaar, sum(${measure}) FROM ${src} WHERE branche IS NOT NULL AND ${where} GROUP BY ALL`
    );
  if (branches.includes(BRANCHE_ALLE))
    parts.push(
      `SELECT ${code}, '${BRANCHE_ALLE}', NULL, jaar, sum(${measure}) FROM ${src} WHERE ${where} GROUP BY ALL`
    );
  return parts.join(" UNION ALL ");
}

/** Branch hierarchy of the branch tables: risico = sum of the groups, alle = risico + rest. */
export const BRANCHE_HIERARCHIE: Record<string, string[]> = {
  [BRANCHE_RISICO]: RISICOBRANCHES.map((b) => b.id),
  [BRANCHE_ALLE]: [BRANCHE_RISICO]
};

/**
 * Wijk-level areas plus a remainder `<gemeente>-ONBEKEND` for gemeenten with establishments
 * outside every wijk, so the wijken add up to the gemeente exactly.
 */
async function wijkAreas(ctx: PipelineContext): Promise<GebiedRef[]> {
  const missing = await rows(ctx.connection, "SELECT DISTINCT g FROM _v WHERE w IS NULL ORDER BY g");
  const rest = missing.map<GebiedRef>(([g]) => ({
    code: `${String(g)}-ONBEKEND`,
    niveau: "wijk",
    bovenliggend: String(g),
    naam: "Onbekende wijk",
    gemeentecode: String(g),
    km2: 0
  }));
  return [...ctx.gebieden.wijk, ...rest].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * Ancestor for the wijk link: each wijk (and our remainder wijk) maps to the gemeente it lies in
 * according to the boundary files, not to the gemeente its code starts with: after a merger the
 * wijken of a gemeente may still carry the codes of the former gemeenten.
 */
function gemeenteAncestor(
  wijken: readonly GebiedRef[]
): (code: string, level: GebiedNiveau) => string | null {
  const parent = new Map(wijken.map((w) => [w.code, w.gemeentecode]));
  return (code, level) => (level === "gemeente" ? (parent.get(code) ?? null) : null);
}

/** Derived cells over a grid of areas x branches x years, with bases from `bases`. */
export function derivedGrid(
  areas: readonly GebiedRef[],
  branches: readonly (string | null)[],
  categorieen: readonly (string | null)[],
  jaren: readonly number[],
  bases: (a: GebiedRef, b: string | null, c: string | null, jaar: number) => DerivedCell["bases"] | null
): DerivedCell[] {
  const out: DerivedCell[] = [];
  for (const a of areas)
    for (const b of branches)
      for (const c of categorieen)
        for (const jaar of jaren) {
          const list = bases(a, b, c, jaar);
          if (list)
            out.push({
              gebiedcode: a.code,
              gebiedniveau: a.niveau,
              bovenliggend: a.bovenliggend,
              branche: b,
              categorie: c,
              jaar,
              bases: list
            });
        }
  return out;
}

/** Computes the risicobranches tables and derived values. Needs `prepareVestigingen` first. */
export async function computeRisicobranches(ctx: PipelineContext): Promise<GateParts> {
  const parts = emptyParts();
  if (!ctx.has("vestigingen") || ctx.jaren.length === 0) return parts;
  const c = ctx.connection;
  const {jaren, regio} = ctx;
  const rg = [regio, ...ctx.gebieden.gemeente];
  const rollup = async (src: string, measure: string, branches: readonly string[], where?: string) => {
    const sql = ["regio", "gemeente"]
      .map((n) => branchRollupSql(src, measure, n as GebiedNiveau, branches, where))
      .join(" UNION ALL ");
    return sql;
  };
  const declare = async (
    id: string,
    values: string,
    areas: GebiedRef[],
    branches: readonly string[],
    keyTotals?: TableDeclaration["keyTotals"]
  ) => {
    const ind = indicator(id);
    const table = {
      id,
      title: ind.titel,
      unitKind: ind.openbaarheid as "vestigingen",
      measure: "count" as const,
      dimensions: ["gebied", "branche", "jaar"],
      brancheHierarchy: branches.length > 2 ? BRANCHE_HIERARCHIE : {[BRANCHE_ALLE]: [BRANCHE_RISICO]},
      ...(keyTotals ? {keyTotals} : {}),
      cells: await gridCellsSql(c, values, {areas, branches, jaren, missing: 0})
    };
    if (branches.length === 1) delete (table as {brancheHierarchy?: unknown}).brancheHierarchy;
    parts.tables.push(table);
    return table;
  };

  // The regio and gemeente totals of all establishments stay published whenever they are at or
  // above k (privacy.md rule 6, totals last): the gate protects small cells with inner cells.
  const stock = await declare("vestigingen", await rollup("_v_stock", "n", BRANCHE_IDS), rg, BRANCHE_IDS, {
    levels: ["regio", "gemeente"],
    branche: BRANCHE_ALLE
  });
  // Flows (starts, stops) per branch group are published for the regio only; per gemeente
  // only for all risk branches together and all establishments. Per group and gemeente they are
  // nearly always below the threshold, and the stock-flow relation ties every year to the next,
  // so publishing them would only add suppression (and made the LP audit 20x slower).
  const flow = async (id: string, src: string) => {
    const regioCells = await gridCellsSql(c, branchRollupSql(src, "n", "regio", BRANCHE_IDS), {
      areas: [regio],
      branches: BRANCHE_IDS,
      jaren,
      missing: 0
    });
    const rb = [BRANCHE_RISICO, BRANCHE_ALLE];
    const gemeenteCells = await gridCellsSql(c, branchRollupSql(src, "n", "gemeente", rb), {
      areas: ctx.gebieden.gemeente,
      branches: rb,
      jaren,
      missing: 0
    });
    const table = {
      id,
      title: indicator(id).titel,
      unitKind: "vestigingen" as const,
      measure: "count" as const,
      dimensions: ["gebied", "branche", "jaar"],
      // Only alle = risico + rest here: a risico cell per gemeente has no group cells beside it.
      brancheHierarchy: {[BRANCHE_ALLE]: [BRANCHE_RISICO]},
      cells: [...regioCells, ...gemeenteCells]
    };
    parts.tables.push(table);
    // risico = sum of the groups, on the regio level where the groups are published.
    for (const j of jaren)
      parts.links.push(
        sumRelation(
          ref(id, regio, BRANCHE_RISICO, null, j),
          RISICOBRANCHES.map((b) => ref(id, regio, b.id, null, j)),
          `${id} regio ${j}: risico = som van de groepen`
        )
      );
    return table;
  };
  const starts = await flow("vestigingen-starts", "_v_starts");
  const stops = await flow("vestigingen-stops", "_v_stops");
  await declare("vestigingen-eenpersoons", await rollup("_v_stock", "n1", BRANCHE_IDS), rg, BRANCHE_IDS);
  await declare("zorg-met-vastgoed", await rollup("_v_stock", "nzv", ["zorg"], "branche = 'zorg'"), rg, [
    "zorg"
  ]);
  // Anyone holding all three tables knows stock(j) = stock(j-1) + starts(j) - stops(j).
  parts.links.push(...stockFlowRelations(stock, starts, stops));

  const wijken = await wijkAreas(ctx);
  const rb = [BRANCHE_RISICO, BRANCHE_ALLE];
  const wijkTable = await declare(
    "vestigingen-wijk",
    branchRollupSql("_v_stock", "n", "wijk", rb),
    wijken,
    rb
  );
  parts.links.push(...levelLinkRelations(stock, wijkTable, gemeenteAncestor(wijken)));

  const groups = BRANCHE_IDS;
  const first = jaren[0];
  const inw = (a: GebiedRef, jaar: number) => ref("inwoners", a, null, null, jaar);
  const st = (a: GebiedRef, b: string | null, jaar: number) => ref("vestigingen", a, b, null, jaar);
  parts.derived.push(
    {
      id: "vestigingen-per-1000",
      title: indicator("vestigingen-per-1000").titel,
      eenheid: "per-1000",
      kind: "ratio",
      scale: 1000,
      decimals: 2,
      cells: derivedGrid(rg, groups, [null], jaren, (a, b, _c, j) => [st(a, b, j), inw(a, j)])
    },
    {
      id: "vestigingen-wijk-per-1000",
      title: indicator("vestigingen-wijk-per-1000").titel,
      eenheid: "per-1000",
      kind: "ratio",
      scale: 1000,
      decimals: 2,
      cells: derivedGrid(ctx.gebieden.wijk, rb, [null], jaren, (a, b, _c, j) => [
        ref("vestigingen-wijk", a, b, null, j),
        inw(a, j)
      ])
    },
    {
      id: "locatiequotient",
      title: indicator("locatiequotient").titel,
      eenheid: "index",
      kind: "custom",
      decimals: 2,
      compute: ([a, alle, ra, ralle]) => a / alle / (ra / ralle),
      cells: derivedGrid(
        rg,
        groups.filter((b) => b !== BRANCHE_ALLE),
        [null],
        jaren,
        (a, b, _c, j) => [st(a, b, j), st(a, BRANCHE_ALLE, j), st(regio, b, j), st(regio, BRANCHE_ALLE, j)]
      )
    },
    {
      id: "groei-5-jaar",
      title: indicator("groei-5-jaar").titel,
      eenheid: "procent",
      kind: "custom",
      decimals: 1,
      compute: ([now, before]) => 100 * (now / before - 1),
      cells: derivedGrid(
        rg,
        groups,
        [null],
        jaren.filter((j) => j - 5 >= first),
        (a, b, _c, j) => [st(a, b, j), st(a, b, j - 5)]
      )
    },
    {
      id: "verloop",
      title: indicator("verloop").titel,
      eenheid: "per-100",
      kind: "custom",
      decimals: 1,
      compute: ([s, e, n]) => (100 * (s + e)) / n,
      cells: derivedGrid(rg, groups, [null], jaren, (a, b, _c, j) =>
        a.niveau !== "regio" && b !== BRANCHE_RISICO && b !== BRANCHE_ALLE
          ? null
          : [ref("vestigingen-starts", a, b, null, j), ref("vestigingen-stops", a, b, null, j), st(a, b, j)]
      )
    },
    {
      id: "eenpersoons-aandeel",
      title: indicator("eenpersoons-aandeel").titel,
      eenheid: "procent",
      kind: "share",
      scale: 100,
      decimals: 1,
      cells: derivedGrid(rg, groups, [null], jaren, (a, b, _c, j) => [
        ref("vestigingen-eenpersoons", a, b, null, j),
        st(a, b, j)
      ])
    },
    {
      id: "zorg-met-vastgoed-per-100",
      title: indicator("zorg-met-vastgoed-per-100").titel,
      eenheid: "procent",
      kind: "share",
      scale: 100,
      decimals: 1,
      cells: derivedGrid(rg, ["zorg"], [null], jaren, (a, b, _c, j) => [
        ref("zorg-met-vastgoed", a, b, null, j),
        st(a, b, j)
      ])
    },
    {
      id: "vestigingen-index",
      title: indicator("vestigingen-index").titel,
      eenheid: "index",
      kind: "custom",
      decimals: 1,
      compute: ([now, base]) => (100 * now) / base,
      cells: derivedGrid(rg, groups, [null], jaren, (a, b, _c, j) => [st(a, b, j), st(a, b, first)])
    }
  );
  return parts;
}
