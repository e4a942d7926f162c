/**
 * Risicolocaties: the buitengebied against the cores (risk-branch share, establishments and
 * signals per km2 and per 1,000 inhabitants), vacant agrarian buildings (count, share, floor
 * area, trend) and bedrijventerreinen (establishments, risk-branch share, churn).
 * Reuses `_v_stock`/`_v_starts`/`_v_stops` (risicobranches) and `_s` (signalen).
 */
import type {CountCell, GebiedNiveau, TableDeclaration} from "../disclosure/gate.ts";
import {stockFlowRelations} from "../disclosure/gate.ts";
import {BRANCHE_ALLE, BRANCHE_RISICO, SIGNAAL_CATEGORIEEN, declaratie, indicator} from "./catalogue.ts";
import {branchRollupSql, derivedGrid} from "./compute-risicobranches.ts";
import {
  columns,
  emptyParts,
  gridCells,
  key,
  levelColumn,
  ms,
  ref,
  rows,
  sharedRefs,
  terreinRef,
  valueMap,
  type GateParts,
  type GebiedRef,
  type PipelineContext
} from "./context.ts";

const RB = [BRANCHE_RISICO, BRANCHE_ALLE];

function countTable(
  id: string,
  unitKind: "vestigingen" | "signalen" | "gebouwen",
  cells: CountCell[],
  dimensions: string[],
  hierarchy?: Record<string, string[]>
): TableDeclaration {
  return {
    id,
    title: indicator(id).titel,
    unitKind,
    measure: "count",
    dimensions,
    cells,
    ...(hierarchy ? {brancheHierarchy: hierarchy} : {})
  };
}

/** Computes the risicolocaties tables; needs `prepareVestigingen` and `prepareSignalen` first. */
export async function computeRisicolocaties(ctx: PipelineContext): Promise<GateParts> {
  const parts = emptyParts();
  const {jaren, regio} = ctx;
  if (jaren.length === 0) return parts;
  const c = ctx.connection;
  const rg = [regio, ...ctx.gebieden.gemeente];
  const levels: GebiedNiveau[] = ["regio", "gemeente"];
  const hier = {[BRANCHE_ALLE]: [BRANCHE_RISICO]};
  const cats = [...SIGNAAL_CATEGORIEEN];
  // One reference object per cell, shared by the relations and derived cells that name it (context.ts).
  const r = sharedRefs(jaren);

  if (ctx.has("vestigingen")) {
    for (const [id, where] of [
      ["vestigingen-buitengebied", "bg"],
      ["vestigingen-kern", "NOT bg"]
    ] as const) {
      const values = await valueMap(
        c,
        levels.map((n) => branchRollupSql("_v_stock", "n", n, RB, where)).join(" UNION ALL ")
      );
      parts.tables.push(
        countTable(
          id,
          "vestigingen",
          gridCells(values, {areas: rg, branches: RB, jaren, missing: 0}),
          ["gebied", "branche", "jaar"],
          hier
        )
      );
    }
    // Every establishment lies either in the buitengebied or in a core.
    for (const a of rg)
      for (const b of RB)
        for (const j of jaren)
          parts.links.push({
            label: `vestigingen ${a.code} ${b} ${j} = buitengebied + kern`,
            sense: "=",
            terms: [
              {cell: r("vestigingen", a, b, null, j), coef: 1},
              {cell: r("vestigingen-buitengebied", a, b, null, j), coef: -1},
              {cell: r("vestigingen-kern", a, b, null, j), coef: -1}
            ]
          });
    for (const side of ["buitengebied", "kern"] as const) {
      parts.derived.push(
        {
          ...declaratie(`risico-aandeel-${side}`),
          kind: "share",
          scale: 100,
          decimals: 1,
          cells: derivedGrid(rg, [BRANCHE_RISICO], [null], jaren, (a, b, _c, j) => [
            r(`vestigingen-${side}`, a, b, null, j),
            r(`vestigingen-${side}`, a, BRANCHE_ALLE, null, j)
          ])
        },
        {
          ...declaratie(`vestigingen-per-km2-${side}`),
          kind: "ratio",
          scale: 1,
          decimals: 2,
          cells: derivedGrid(rg, RB, [null], jaren, (a, b, _c, j) => [
            r(`vestigingen-${side}`, a, b, null, j),
            r(`oppervlakte-${side}`, a, null, null, j)
          ])
        }
      );
    }
  }
  await bedrijventerreinen(ctx, parts);
  liggingPerBuurt(ctx, parts);

  if (ctx.has("signalen")) {
    for (const [side, where] of [
      ["buitengebied", "bg"],
      ["kern", "NOT bg"]
    ] as const) {
      const values = await valueMap(
        c,
        levels
          .map(
            (n) =>
              `SELECT ${levelColumn(n)}, NULL, categorie, jaar, sum(n) FROM _s WHERE ${where} GROUP BY ALL`
          )
          .join(" UNION ALL ")
      );
      parts.tables.push(
        countTable(
          `signalen-${side}`,
          "signalen",
          gridCells(values, {areas: rg, categorieen: cats, jaren, missing: 0}),
          ["gebied", "categorie", "jaar"]
        )
      );
      parts.derived.push(
        {
          ...declaratie(`signalen-per-1000-${side}`),
          kind: "ratio",
          scale: 1000,
          decimals: 2,
          cells: derivedGrid(rg, [null], cats, jaren, (a, _b, cat, j) => [
            r(`signalen-${side}`, a, null, cat, j),
            r(`inwoners-${side}`, a, null, null, j)
          ])
        },
        {
          ...declaratie(`signalen-per-km2-${side}`),
          kind: "ratio",
          scale: 1,
          decimals: 3,
          cells: derivedGrid(rg, [null], cats, jaren, (a, _b, cat, j) => [
            r(`signalen-${side}`, a, null, cat, j),
            r(`oppervlakte-${side}`, a, null, null, j)
          ])
        }
      );
    }
    for (const a of rg)
      for (const cat of cats)
        for (const j of jaren)
          parts.links.push({
            label: `signalen ${a.code} ${cat} ${j} = buitengebied + kern`,
            sense: "=",
            terms: [
              {cell: r("signalen-categorie", a, null, cat, j), coef: 1},
              {cell: r("signalen-buitengebied", a, null, cat, j), coef: -1},
              {cell: r("signalen-kern", a, null, cat, j), coef: -1}
            ]
          });
  }

  if (ctx.has("panden")) await panden(ctx, parts, rg);
  return parts;
}

/** Vacant agrarian buildings: stock of buildings, vacant at 31 December, vacant floor area. */
async function panden(ctx: PipelineContext, parts: GateParts, rg: GebiedRef[]): Promise<void> {
  const c = ctx.connection;
  const {jaren, regio} = ctx;
  const t0 = performance.now();
  const [y0, y1] = [jaren[0], jaren[jaren.length - 1]];
  await c.run(`CREATE OR REPLACE TEMP TABLE _p AS
    SELECT gemeentecode AS g, row_number() OVER (ORDER BY pand_id) AS nr, oppervlakte_m2 AS m2,
           year(leeg_sinds)::INTEGER AS y0, year(leeg_tot)::INTEGER AS y1 FROM panden`);
  const totals = await rows(c, "SELECT g, count(*) FROM _p GROUP BY g");
  const total = new Map<string, number | null>();
  let regioTotal = 0;
  for (const [g, n] of totals) {
    regioTotal += Number(n);
    for (const j of jaren) total.set(key(String(g), null, null, j), Number(n));
  }
  for (const j of jaren) total.set(key(regio.code, null, null, j), regioTotal);
  parts.tables.push(
    countTable("panden-agrarisch", "gebouwen", gridCells(total, {areas: rg, jaren, missing: 0}), [
      "gebied",
      "jaar"
    ])
  );
  // Vacant on 31 December of j: vacant since j or earlier, and not vacant-until j or earlier.
  await c.run(`CREATE OR REPLACE TEMP TABLE _p_leeg AS
    SELECT g, nr, m2, unnest(range(greatest(y0, ${y0}), least(coalesce(y1, ${y1 + 1}), ${y1 + 1})))::INTEGER AS jaar
    FROM _p WHERE y0 IS NOT NULL`);
  const leeg = await valueMap(
    c,
    `SELECT g, NULL, NULL, jaar, count(*) FROM _p_leeg GROUP BY ALL UNION ALL SELECT '${regio.code}', NULL, NULL, jaar, count(*) FROM _p_leeg GROUP BY ALL`
  );
  parts.tables.push(
    countTable("panden-leeg", "gebouwen", gridCells(leeg, {areas: rg, jaren, missing: 0}), ["gebied", "jaar"])
  );
  // Floor area is a magnitude: each building is a contributor (no owner is known), so the
  // p%-rule protects a single large shed. Contributions are listed only for this small table.
  const m2Cells = gridCells(new Map(), {areas: rg, jaren, missing: 0});
  const contrib = new Map<string, {houder: string; value: number}[]>();
  // Read column by column, gemeente by gemeente (ORDER BY: the regio's list is the gemeenten's
  // lists in a fixed order, where it used to follow DuckDB's grouping order), appending to the
  // regio's list in place instead of copying it for every gemeente.
  const [G, JAAR, NRS, M2S] = await columns(
    c,
    `SELECT g, jaar, list(nr ORDER BY nr), list(m2 ORDER BY nr) FROM _p_leeg WHERE m2 IS NOT NULL AND m2 > 0
     GROUP BY ALL ORDER BY g, jaar`,
    4
  );
  for (let r = 0; r < G.length; r++) {
    const nrs = (NRS[r] as {items: unknown[]}).items;
    const m2s = (M2S[r] as {items: unknown[]}).items;
    const items = nrs.map((nr, i) => ({houder: `p${String(nr)}`, value: Number(m2s[i])}));
    contrib.set(key(String(G[r]), null, null, Number(JAAR[r])), items);
    const rk = key(regio.code, null, null, Number(JAAR[r]));
    const regioItems = contrib.get(rk);
    if (regioItems) for (const x of items) regioItems.push(x);
    else contrib.set(rk, [...items]);
  }
  for (const cell of m2Cells) {
    const items = contrib.get(key(cell.gebiedcode, null, null, cell.jaar)) ?? [];
    cell.contributions = items;
    cell.value = items.reduce((s, x) => s + x.value, 0);
  }
  parts.tables.push({
    ...declaratie("panden-leeg-m2"),
    unitKind: "gebouwen",
    measure: "magnitude",
    dimensions: ["gebied", "jaar"],
    cells: m2Cells
  });
  const first = jaren[0];
  parts.derived.push(
    {
      ...declaratie("panden-leeg-aandeel"),
      kind: "share",
      scale: 100,
      decimals: 1,
      cells: derivedGrid(rg, [null], [null], jaren, (a, _b, _c, j) => [
        ref("panden-leeg", a, null, null, j),
        ref("panden-agrarisch", a, null, null, j)
      ])
    },
    {
      ...declaratie("panden-leeg-index"),
      kind: "custom",
      decimals: 1,
      compute: ([now, base]) => (100 * now) / base,
      cells: derivedGrid(rg, [null], [null], jaren, (a, _b, _c, j) => [
        ref("panden-leeg", a, null, null, j),
        ref("panden-leeg", a, null, null, first)
      ])
    }
  );
  ctx.log(`indicatoren: agrarische gebouwen ${regioTotal} in ${ms(t0)} ms`);
}

/**
 * Which buurten form the buitengebied (1) and which the kernen (0), for the map: the same
 * whole-buurt definition that places every record and sums the inhabitants and km² (see
 * sources/records.ts). It rests on public figures only (CBS stedelijkheid, or the bronmap's
 * buitengebied polygon), so it is a `publiek` table; the same in every year.
 */
function liggingPerBuurt(ctx: PipelineContext, parts: GateParts): void {
  const {jaren} = ctx;
  if (ctx.gebieden.buurt.length === 0) return;
  const bg = new Set(ctx.bronmap.areas.buitengebiedBuurten);
  // Straight into cells, in `gridCells` order (buurt, year): no key per buurt and year.
  const cells: CountCell[] = [];
  for (const b of ctx.gebieden.buurt) {
    const value = bg.has(b.code) ? 1 : 0;
    for (const jaar of jaren)
      cells.push({
        gebiedcode: b.code,
        gebiedniveau: b.niveau,
        bovenliggend: b.bovenliggend,
        branche: null,
        categorie: null,
        jaar,
        value
      });
  }
  parts.tables.push({
    ...declaratie("buitengebied-buurt"),
    unitKind: "publiek",
    measure: "count",
    dimensions: ["gebied", "jaar"],
    cells
  });
}

/**
 * Bedrijventerreinen: one area per terrain (level `regio` in the open data, parent = gemeente):
 * establishments, starts and stops when the bronmap has establishments, signals when it has
 * signals, and per terrain its area in hectares (from the public IBIS outline) for signals per
 * hectare.
 */
async function bedrijventerreinen(ctx: PipelineContext, parts: GateParts): Promise<void> {
  const terrains = [...ctx.bronmap.areas.bedrijventerreinen]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map(terreinRef);
  if (terrains.length === 0) return;
  const {jaren} = ctx;
  const c = ctx.connection;
  if (ctx.has("signalen")) await bedrijventerreinSignalen(ctx, parts, terrains);
  if (!ctx.has("vestigingen")) return;
  const stockValues = await valueMap(
    c,
    `SELECT bt, '${BRANCHE_RISICO}', NULL, jaar, sum(n) FROM _v_stock WHERE bt IS NOT NULL AND branche IS NOT NULL GROUP BY ALL
     UNION ALL SELECT bt, '${BRANCHE_ALLE}', NULL, jaar, sum(n) FROM _v_stock WHERE bt IS NOT NULL GROUP BY ALL`
  );
  const flow = (src: string) =>
    valueMap(
      c,
      `SELECT bt, '${BRANCHE_ALLE}', NULL, jaar, sum(n) FROM ${src} WHERE bt IS NOT NULL GROUP BY ALL`
    );
  const stock = countTable(
    "bt-vestigingen",
    "vestigingen",
    gridCells(stockValues, {areas: terrains, branches: RB, jaren, missing: 0}),
    ["bedrijventerrein", "branche", "jaar"],
    {[BRANCHE_ALLE]: [BRANCHE_RISICO]}
  );
  const starts = countTable(
    "bt-starts",
    "vestigingen",
    gridCells(await flow("_v_starts"), {areas: terrains, branches: [BRANCHE_ALLE], jaren, missing: 0}),
    ["bedrijventerrein", "branche", "jaar"]
  );
  const stops = countTable(
    "bt-stops",
    "vestigingen",
    gridCells(await flow("_v_stops"), {areas: terrains, branches: [BRANCHE_ALLE], jaren, missing: 0}),
    ["bedrijventerrein", "branche", "jaar"]
  );
  parts.tables.push(stock, starts, stops);
  parts.links.push(...stockFlowRelations(stock, starts, stops));
  parts.derived.push(
    {
      ...declaratie("bt-risico-aandeel"),
      kind: "share",
      scale: 100,
      decimals: 1,
      cells: derivedGrid(terrains, [BRANCHE_RISICO], [null], jaren, (a, b, _c, j) => [
        ref("bt-vestigingen", a, b, null, j),
        ref("bt-vestigingen", a, BRANCHE_ALLE, null, j)
      ])
    },
    {
      ...declaratie("bt-verloop"),
      kind: "custom",
      decimals: 1,
      compute: ([s, e, n]) => (100 * (s + e)) / n,
      cells: derivedGrid(terrains, [BRANCHE_ALLE], [null], jaren, (a, b, _c, j) => [
        ref("bt-starts", a, b, null, j),
        ref("bt-stops", a, b, null, j),
        ref("bt-vestigingen", a, b, null, j)
      ])
    }
  );
}

/**
 * Signals per bedrijventerrein (all categories together: per category the counts on one estate
 * are almost always below the threshold) and per hectare of the estate. A signal lies on an
 * estate when its point lies in the estate's outline (a signal located only by buurtcode lies
 * on none). The hectares come from the IBIS outline, a public figure.
 */
async function bedrijventerreinSignalen(
  ctx: PipelineContext,
  parts: GateParts,
  terrains: GebiedRef[]
): Promise<void> {
  const {jaren} = ctx;
  const [y0, y1] = [jaren[0], jaren[jaren.length - 1]];
  const counts = await valueMap(
    ctx.connection,
    `SELECT bedrijventerrein, NULL, NULL, year(datum)::INTEGER, count(*) FROM signalen
     WHERE bedrijventerrein IS NOT NULL AND year(datum) BETWEEN ${y0} AND ${y1} GROUP BY ALL`
  );
  const ha = new Map<string, number | null>();
  for (const t of terrains)
    for (const j of jaren) ha.set(key(t.code, null, null, j), Math.round(t.km2 * 100 * 100) / 100);
  parts.tables.push(
    countTable("bt-signalen", "signalen", gridCells(counts, {areas: terrains, jaren, missing: 0}), [
      "bedrijventerrein",
      "jaar"
    ]),
    {
      ...declaratie("bt-oppervlakte"),
      unitKind: "publiek",
      measure: "count",
      dimensions: ["bedrijventerrein", "jaar"],
      cells: gridCells(ha, {areas: terrains, jaren, missing: null})
    }
  );
  parts.derived.push({
    ...declaratie("bt-signalen-per-ha"),
    kind: "ratio",
    scale: 1,
    decimals: 3,
    cells: derivedGrid(terrains, [null], [null], jaren, (a, _b, _c, j) => [
      ref("bt-signalen", a, null, null, j),
      ref("bt-oppervlakte", a, null, null, j)
    ])
  });
}
