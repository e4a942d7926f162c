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
import {vestigingBrancheSql, type Risicobranche} from "../sources/risicobranches.ts";
import {BRANCHE_ALLE, BRANCHE_RISICO, brancheIds, declaratie, indicator} from "./catalogue.ts";
import {
  emptyParts,
  gridCellsSql,
  levelColumn,
  ms,
  ref,
  rows,
  sharedRefs,
  type GateParts,
  type GebiedRef,
  type PipelineContext
} from "./context.ts";

/** Builds `_v`, `_v_stock`, `_v_starts` and `_v_stops` from the `vestigingen` record table. */
export async function prepareVestigingen(ctx: PipelineContext): Promise<void> {
  const c = ctx.connection;
  const t0 = performance.now();
  const [y0, y1] = [ctx.jaren[0] ?? 0, ctx.jaren[ctx.jaren.length - 1] ?? -1];
  // The branch of each distinct pair of SBI codes is decided once (a few thousand pairs), not per
  // row: by the SBI 2008 code when there is one, else by the SBI 2025 code (risicobranches.ts).
  await c.run(`CREATE OR REPLACE TEMP TABLE _sbi AS
    SELECT sbi, sbi2025, ${vestigingBrancheSql(ctx.risicobranches)} AS branche
    FROM (SELECT DISTINCT sbi, sbi2025 FROM vestigingen)`);
  // Buurt is not needed: establishment tables stop at the wijk level. The establishments are
  // counted per combination of columns (`k`), with start and stop year: nationally 2.5 million
  // records become far fewer groups, and every table below is a sum over them. A start before
  // the first published year counts as the year before it: every table below treats those
  // starts alike (in the stock from the first year, never a start), and the groups are fewer
  // (nationally 1.15 -> 0.90 million; the same three tables, 0.4 s cpu less).
  await c.run(`CREATE OR REPLACE TEMP TABLE _v AS
    SELECT g, w, bt, bg, branche, y0, y1, een, count(*) AS k FROM (
      SELECT v.gemeentecode AS g, v.wijkcode AS w, v.bedrijventerrein AS bt, v.buitengebied AS bg, s.branche,
             greatest(year(v.datum_inschrijving), ${y0 - 1})::INTEGER AS y0, year(v.datum_uitschrijving)::INTEGER AS y1,
             coalesce(v.werkzame_personen = 1, false) AS een
      FROM vestigingen v JOIN _sbi s ON s.sbi IS NOT DISTINCT FROM v.sbi AND s.sbi2025 IS NOT DISTINCT FROM v.sbi2025)
    GROUP BY ALL`);
  // The stock: every establishment counts in each year from its start to its stop (clipped to the
  // published years). Groups with the same clipped span are summed first and only those are
  // spread over their years, instead of every record (20 million record-years nationally).
  await c.run(`CREATE OR REPLACE TEMP TABLE _v_stock AS
    SELECT g, w, bt, bg, branche, jaar::INTEGER AS jaar, sum(k)::BIGINT AS n, sum(k1)::BIGINT AS n1
    FROM (SELECT g, w, bt, bg, branche, k, k1, unnest(range(a, b)) AS jaar
          FROM (SELECT g, w, bt, bg, branche, a, b, sum(k) AS k, coalesce(sum(k) FILTER (een), 0) AS k1
                FROM (SELECT g, w, bt, bg, branche, een, k, greatest(y0, ${y0}) AS a,
                             least(coalesce(y1, ${y1 + 1}), ${y1 + 1}) AS b FROM _v)
                WHERE a < b GROUP BY ALL))
    GROUP BY ALL`);
  await c.run(`CREATE OR REPLACE TEMP TABLE _v_starts AS
    SELECT g, w, bt, bg, branche, y0 AS jaar, sum(k)::BIGINT AS n FROM _v WHERE y0 BETWEEN ${y0} AND ${y1} GROUP BY ALL`);
  await c.run(`CREATE OR REPLACE TEMP TABLE _v_stops AS
    SELECT g, w, bt, bg, branche, y1 AS jaar, sum(k)::BIGINT AS n FROM _v WHERE y1 BETWEEN ${y0} AND ${y1} GROUP BY ALL`);
  const [[nv], [ns]] = [
    (await rows(c, "SELECT coalesce(sum(k), 0)::BIGINT FROM _v"))[0],
    (await rows(c, "SELECT count(*) FROM _v_stock"))[0]
  ];
  ctx.log(`indicatoren: vestigingen ${nv} rijen -> ${ns} voorraadcellen in ${ms(t0)} ms`);
  await prepareZorgVastgoed(ctx);
}

/** Branch id of the care branch whose providers the care x real estate tables follow. */
export const ZORG = "zorg";

/**
 * Care and real estate as the seed describes it: care *providers* (KvK numbers) that also hold
 * *dwellings*, so that rent can be paid from care budgets. Builds `_zv` (per gemeente and year:
 * providers, providers holding dwellings, of whom via their holding, providers that also run an
 * establishment in another risk branch) and `_zw` (per gemeente and year: the dwellings those
 * providers and their holdings hold).
 *
 * - A provider is a KvK number with at least one establishment of the care branch in the stock on
 *   31 December. It counts once, in the gemeente where most of those establishments are (ties: the
 *   lowest gemeentecode), so the regio is the sum of its gemeenten.
 * - Its holding is the `moeder_kvk_nummer` of its establishments, when the file has one (the
 *   lowest, should they differ).
 * - A dwelling is an object with a gebruiksdoel containing "woon" (BAG: woonfunctie), held on 31
 *   December: acquired on or before that day (no date: always) and not disposed of on or before it.
 * - Dwellings count once (by object_id) in the gemeente where they lie, whether the provider, its
 *   holding or both hold them.
 * - The Zicht op Ondermijning variant: a provider whose own KvK number or holding group (the
 *   holding and everything under it) also has an establishment of another risk branch in the stock.
 */
export async function prepareZorgVastgoed(ctx: PipelineContext): Promise<void> {
  const c = ctx.connection;
  const [y0, y1] = [ctx.jaren[0] ?? 0, ctx.jaren[ctx.jaren.length - 1] ?? -1];
  const zorg = ctx.risicobranches.some((b) => b.id === ZORG);
  const years = (from: string, to: string) =>
    `unnest(range(greatest(coalesce(${from}, ${y0}), ${y0}), least(coalesce(${to}, ${y1 + 1}), ${y1 + 1})))`;
  // Establishments of the risk branches with their KvK number, holding group, gemeente and the
  // span of years they are in the stock (from a to b, clipped to the published years). Only the
  // care providers (`_za`) and the distinct holding groups of the other risk branches (`_vo`) are
  // spread over their years, not every establishment.
  await c.run(`CREATE OR REPLACE TEMP TABLE _vk AS
    SELECT v.kvk_nummer AS kvk, coalesce(v.moeder_kvk_nummer, v.kvk_nummer) AS grp, v.moeder_kvk_nummer AS moeder,
           v.gemeentecode AS g, s.branche = '${ZORG}' AS zorg,
           greatest(coalesce(year(v.datum_inschrijving), ${y0}), ${y0}) AS a,
           least(coalesce(year(v.datum_uitschrijving), ${y1 + 1}), ${y1 + 1}) AS b
    FROM vestigingen v JOIN _sbi s ON s.sbi IS NOT DISTINCT FROM v.sbi AND s.sbi2025 IS NOT DISTINCT FROM v.sbi2025
    WHERE s.branche IS NOT NULL`);
  await c.run(`CREATE OR REPLACE TEMP TABLE _za AS
    SELECT kvk, jaar, first(g ORDER BY n DESC, g) AS g, min(moeder) AS moeder, min(grp) AS grp
    FROM (SELECT kvk, jaar, g, min(moeder) AS moeder, min(grp) AS grp, count(*) AS n
          FROM (SELECT kvk, g, moeder, grp, unnest(range(a, b))::INTEGER AS jaar FROM _vk
                WHERE ${zorg ? "zorg" : "false"})
          GROUP BY ALL)
    GROUP BY kvk, jaar`);
  // `_vo` is only joined to `_za` on the holding group: only the groups of care providers are
  // spread over their years (nationally 10,000 rows instead of 2.1 million, 0.9 s cpu less).
  await c.run(`CREATE OR REPLACE TEMP TABLE _vo AS
    SELECT DISTINCT grp, jaar FROM (
      SELECT grp, unnest(range(a, b))::INTEGER AS jaar FROM (SELECT DISTINCT grp, a, b FROM _vk
        WHERE NOT zorg AND grp IN (SELECT grp FROM _za)))`);
  const eig = ctx.has("eigendommen")
    ? `SELECT kvk_nummer AS kvk, object_id, gemeentecode AS g,
              ${years("year(datum_verkrijging)", "year(datum_vervreemding)")}::INTEGER AS jaar
       FROM eigendommen WHERE lower(gebruiksdoel) LIKE '%woon%'`
    : "SELECT NULL::VARCHAR AS kvk, NULL::VARCHAR AS object_id, NULL::VARCHAR AS g, NULL::INTEGER AS jaar WHERE false";
  await c.run(`CREATE OR REPLACE TEMP TABLE _ew AS ${eig}`);
  // Who holds which dwelling for which provider: the provider itself or its holding (two equi-joins
  // instead of one join on OR, which DuckDB would run as a nested loop).
  await c.run(`CREATE OR REPLACE TEMP TABLE _zh AS
    SELECT a.kvk, a.jaar, e.object_id, e.g AS g_obj, false AS via FROM _za a JOIN _ew e ON e.kvk = a.kvk AND e.jaar = a.jaar
    UNION ALL
    SELECT a.kvk, a.jaar, e.object_id, e.g, true FROM _za a JOIN _ew e ON e.kvk = a.moeder AND e.jaar = a.jaar`);
  await c.run(`CREATE OR REPLACE TEMP TABLE _zv AS
    SELECT a.g, NULL::VARCHAR AS w, '${ZORG}' AS branche, a.jaar, count(*) AS n,
           count(*) FILTER (h.kvk IS NOT NULL) AS met_woning, count(*) FILTER (h.via) AS via_holding,
           count(*) FILTER (o.grp IS NOT NULL) AS ook_risico
    FROM _za a
    LEFT JOIN (SELECT kvk, jaar, bool_or(via) AS via FROM _zh GROUP BY ALL) h ON h.kvk = a.kvk AND h.jaar = a.jaar
    LEFT JOIN _vo o ON o.grp = a.grp AND o.jaar = a.jaar
    GROUP BY ALL`);
  await c.run(`CREATE OR REPLACE TEMP TABLE _zw AS
    SELECT g_obj AS g, NULL::VARCHAR AS w, '${ZORG}' AS branche, jaar, count(DISTINCT object_id) AS n
    FROM _zh GROUP BY ALL`);
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
export function brancheHierarchie(list: readonly Risicobranche[]): Record<string, string[]> {
  return {[BRANCHE_RISICO]: list.map((b) => b.id), [BRANCHE_ALLE]: [BRANCHE_RISICO]};
}

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
  const BRANCHE_IDS = brancheIds(ctx.risicobranches);
  const BRANCHE_HIERARCHIE = brancheHierarchie(ctx.risicobranches);
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
          ctx.risicobranches.map((b) => ref(id, regio, b.id, null, j)),
          `${id} regio ${j}: risico = som van de groepen`
        )
      );
    return table;
  };
  const starts = await flow("vestigingen-starts", "_v_starts");
  const stops = await flow("vestigingen-stops", "_v_stops");
  await declare("vestigingen-eenpersoons", await rollup("_v_stock", "n1", BRANCHE_IDS), rg, BRANCHE_IDS);
  // Care and real estate (prepareZorgVastgoed): providers and dwellings, per gemeente and year.
  const zorg = [ZORG];
  await declare("zorgaanbieders", await rollup("_zv", "n", zorg), rg, zorg);
  await declare("zorg-met-vastgoed", await rollup("_zv", "met_woning", zorg), rg, zorg);
  await declare("zorg-met-vastgoed-via-holding", await rollup("_zv", "via_holding", zorg), rg, zorg);
  await declare("zorg-woningen", await rollup("_zw", "n", zorg), rg, zorg);
  await declare("zorg-ook-risicobranche", await rollup("_zv", "ook_risico", zorg), rg, zorg);
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
  // One reference object per base cell, shared by every derived cell that names it (context.ts).
  const r = sharedRefs(jaren);
  const first = jaren[0];
  const inw = (a: GebiedRef, jaar: number) => r("inwoners", a, null, null, jaar);
  const st = (a: GebiedRef, b: string | null, jaar: number) => r("vestigingen", a, b, null, jaar);
  parts.derived.push(
    {
      ...declaratie("vestigingen-per-1000"),
      kind: "ratio",
      scale: 1000,
      decimals: 2,
      cells: derivedGrid(rg, groups, [null], jaren, (a, b, _c, j) => [st(a, b, j), inw(a, j)])
    },
    {
      ...declaratie("vestigingen-wijk-per-1000"),
      kind: "ratio",
      scale: 1000,
      decimals: 2,
      cells: derivedGrid(ctx.gebieden.wijk, rb, [null], jaren, (a, b, _c, j) => [
        r("vestigingen-wijk", a, b, null, j),
        inw(a, j)
      ])
    },
    {
      ...declaratie("locatiequotient"),
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
      ...declaratie("groei-5-jaar"),
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
      ...declaratie("verloop"),
      kind: "custom",
      decimals: 1,
      compute: ([s, e, n]) => (100 * (s + e)) / n,
      cells: derivedGrid(rg, groups, [null], jaren, (a, b, _c, j) =>
        a.niveau !== "regio" && b !== BRANCHE_RISICO && b !== BRANCHE_ALLE
          ? null
          : [r("vestigingen-starts", a, b, null, j), r("vestigingen-stops", a, b, null, j), st(a, b, j)]
      )
    },
    {
      ...declaratie("eenpersoons-aandeel"),
      kind: "share",
      scale: 100,
      decimals: 1,
      cells: derivedGrid(rg, groups, [null], jaren, (a, b, _c, j) => [
        r("vestigingen-eenpersoons", a, b, null, j),
        st(a, b, j)
      ])
    },
    {
      ...declaratie("zorg-met-vastgoed-per-100"),
      kind: "share",
      scale: 100,
      decimals: 1,
      cells: derivedGrid(rg, [ZORG], [null], jaren, (a, b, _c, j) => [
        r("zorg-met-vastgoed", a, b, null, j),
        r("zorgaanbieders", a, b, null, j)
      ])
    },
    {
      ...declaratie("zorg-ook-risicobranche-per-100"),
      kind: "share",
      scale: 100,
      decimals: 1,
      cells: derivedGrid(rg, [ZORG], [null], jaren, (a, b, _c, j) => [
        r("zorg-ook-risicobranche", a, b, null, j),
        r("zorgaanbieders", a, b, null, j)
      ])
    },
    {
      ...declaratie("vestigingen-index"),
      kind: "custom",
      decimals: 1,
      compute: ([now, base]) => (100 * now) / base,
      cells: derivedGrid(rg, groups, [null], jaren, (a, b, _c, j) => [st(a, b, j), st(a, b, first)])
    }
  );
  return parts;
}
