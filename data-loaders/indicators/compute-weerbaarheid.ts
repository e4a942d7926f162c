/**
 * Weerbare wijken and the public denominators: inhabitants and land area per area (and per
 * buitengebied/kernen), the CBS kerncijfer components, their standardised values and the
 * structural index (all public: they rest on CBS figures only), signals per area and category,
 * and the signal component and full resilience index that the gate derives with inherited
 * suppression. Method: `KWETSBAARHEID_METHODE` in the catalogue.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import type {CellRef, DerivedCell, DerivedRow, TableDeclaration} from "../disclosure/gate.ts";
import {
  KWETSBAARHEID_COMPONENTEN,
  KWETSBAARHEID_MIN_AANDEEL,
  MIN_INWONERS_INDEX,
  SIGNAAL_CATEGORIEEN,
  SIGNALEN_PRIOR_INWONERS,
  Z_GRENS,
  declaratie
} from "./catalogue.ts";
import {gekrompenTempo, indexWaarde, robuusteZ} from "./weerbaarheid-methode.ts";
import {derivedGrid} from "./compute-risicobranches.ts";
import {componentJaren} from "./kerncijfer-jaren.ts";
import {
  columns,
  columnsWithNumbers,
  emptyParts,
  gridCellsSql,
  levelColumn,
  ms,
  publiekTable,
  ref,
  rows,
  yearCells,
  type GateParts,
  type GebiedRef,
  type PipelineContext
} from "./context.ts";

const PUBLIEKE_COMPONENTEN = KWETSBAARHEID_COMPONENTEN.filter((c) => c.bron !== "signalen");
const SIGNALEN_GEWICHT = KWETSBAARHEID_COMPONENTEN.find((c) => c.bron === "signalen")?.gewicht ?? 0;

/** Registers `_bu(code, g, bg)`: every buurt with its gemeente and buitengebied flag. */
async function registerBuurten(ctx: PipelineContext): Promise<void> {
  const bg = new Set(ctx.bronmap.areas.buitengebiedBuurten);
  await ctx.connection.run("CREATE OR REPLACE TEMP TABLE _bu(code VARCHAR, g VARCHAR, bg BOOLEAN)");
  const values = ctx.gebieden.buurt.map((b) => `('${b.code}', '${b.gemeentecode}', ${bg.has(b.code)})`);
  for (let i = 0; i < values.length; i += 5000)
    await ctx.connection.run(`INSERT INTO _bu VALUES ${values.slice(i, i + 5000).join(", ")}`);
}

/** Public denominators: inhabitants and land area per area, buitengebied and kernen. */
export async function computeNoemers(ctx: PipelineContext): Promise<GateParts> {
  const parts = emptyParts();
  const {jaren, regio} = ctx;
  if (jaren.length === 0) return parts;
  await registerBuurten(ctx);
  const all = [regio, ...ctx.gebieden.gemeente, ...ctx.gebieden.wijk, ...ctx.gebieden.buurt];
  const rg = [regio, ...ctx.gebieden.gemeente];
  // Values per area code, by year index (undefined: no value); later rows win, as in a map.
  const nj = jaren.length;
  const yearIndex = new Map(jaren.map((j, y) => [j, y]));
  const inwoners = new Map<string, (number | null | undefined)[]>();
  const perArea = (m: Map<string, (number | null | undefined)[]>, code: string) => {
    let list = m.get(code);
    if (!list) m.set(code, (list = new Array<number | null | undefined>(nj)));
    return list;
  };
  const ligging = {
    buiten: new Map<string, (number | null | undefined)[]>(),
    kern: new Map<string, (number | null | undefined)[]>()
  };
  if (ctx.has("kerncijfers")) {
    const {
      columns: [codes, jj],
      numbers: [ww]
    } = await columnsWithNumbers(
      ctx.connection,
      "SELECT gebiedcode, jaar, waarde FROM kerncijfers WHERE variabele = 'inwoners'",
      3,
      2
    );
    for (let r = 0; r < codes.length; r++) {
      const y = yearIndex.get(Number(jj[r]));
      if (y !== undefined) perArea(inwoners, String(codes[r]))[y] = ww.isNull[r] ? null : ww.values[r];
    }
    // Gemeenten that were divided over several gemeenten of the bronmap (herindelingen) count
    // for the regio in the years before the split; their parts are not in any gemeente's figure.
    const opgeheven = new Map<number, number>();
    for (const [jaar, sum] of await rows(
      ctx.connection,
      `SELECT jaar, sum(w) FROM (
         SELECT jaar, gebiedcode, first(waarde) AS w FROM kerncijfers_opgeheven WHERE variabele = 'inwoners' GROUP BY ALL
       ) GROUP BY jaar HAVING count(w) = count(*)`
    ))
      opgeheven.set(Number(jaar), Number(sum));
    // The regio is the sum of its gemeenten, and only when every gemeente is known.
    const regioInwoners = new Array<number | null | undefined>(nj);
    inwoners.set(regio.code, regioInwoners);
    for (let y = 0; y < nj; y++) {
      let sum = 0;
      for (const g of ctx.gebieden.gemeente) {
        const v = inwoners.get(g.code)?.[y];
        if (v == null) {
          sum = NaN;
          break;
        }
        sum += v;
      }
      regioInwoners[y] = Number.isNaN(sum) ? null : sum + (opgeheven.get(jaren[y]) ?? 0);
    }
    const [sg, sbg, sj, ssum, sn] = await columns(
      ctx.connection,
      `SELECT u.g, u.bg, k.jaar, sum(k.waarde), count(k.waarde) FROM kerncijfers k JOIN _bu u ON u.code = k.gebiedcode
       WHERE k.variabele = 'inwoners' GROUP BY ALL`,
      5
    );
    const regioSum = {buiten: new Map<number, number>(), kern: new Map<number, number>()};
    for (let r = 0; r < sg.length; r++) {
      const side = sbg[r] ? "buiten" : "kern";
      const jaar = Number(sj[r]);
      const v = Number(sn[r]) > 0 ? Number(ssum[r]) : null;
      const y = yearIndex.get(jaar);
      if (y !== undefined) perArea(ligging[side], String(sg[r]))[y] = v;
      if (v != null) regioSum[side].set(jaar, (regioSum[side].get(jaar) ?? 0) + v);
    }
    for (const side of ["buiten", "kern"] as const)
      for (const [jaar, v] of regioSum[side]) {
        const y = yearIndex.get(jaar);
        if (y !== undefined) perArea(ligging[side], regio.code)[y] = v;
      }
  }
  const from = (m: Map<string, (number | null | undefined)[]>) => (a: GebiedRef, y: number) =>
    m.get(a.code)?.[y];
  parts.tables.push(
    publiekTable("inwoners", yearCells(all, jaren, from(inwoners), null), ["gebied", "jaar"])
  );
  const round = (v: number) => Math.round(v * 1000) / 1000;
  const bgSet = new Set(ctx.bronmap.areas.buitengebiedBuurten);
  const sums = {buiten: new Map<string, number>(), kern: new Map<string, number>()};
  for (const b of ctx.gebieden.buurt) {
    const side = bgSet.has(b.code) ? "buiten" : "kern";
    for (const code of [b.gemeentecode as string, regio.code])
      sums[side].set(code, (sums[side].get(code) ?? 0) + b.km2);
  }
  // The same area in every year.
  const area = (side: "buiten" | "kern") => (a: GebiedRef) => round(sums[side].get(a.code) ?? 0);
  parts.tables.push(
    publiekTable("inwoners-buitengebied", yearCells(rg, jaren, from(ligging.buiten), null), [
      "gebied",
      "jaar"
    ]),
    publiekTable("inwoners-kern", yearCells(rg, jaren, from(ligging.kern), null), ["gebied", "jaar"]),
    publiekTable("oppervlakte-buitengebied", yearCells(rg, jaren, area("buiten"), null), ["gebied", "jaar"]),
    publiekTable("oppervlakte-kern", yearCells(rg, jaren, area("kern"), null), ["gebied", "jaar"])
  );
  return parts;
}

/** Builds `_s`: signals per (gemeente, wijk, buurt, buitengebied, categorie, jaar). */
export async function prepareSignalen(ctx: PipelineContext): Promise<void> {
  const t0 = performance.now();
  const [y0, y1] = [ctx.jaren[0] ?? 0, ctx.jaren[ctx.jaren.length - 1] ?? -1];
  await ctx.connection.run(`CREATE OR REPLACE TEMP TABLE _s AS
    SELECT gemeentecode AS g, wijkcode AS w, buurtcode AS b, buitengebied AS bg, categorie, year(datum)::INTEGER AS jaar, count(*) AS n
    FROM signalen WHERE year(datum) BETWEEN ${y0} AND ${y1} GROUP BY ALL`);
  const [[n]] = await rows(ctx.connection, "SELECT coalesce(sum(n), 0) FROM _s");
  ctx.log(`indicatoren: signalen ${n} in de gepubliceerde jaren, gegroepeerd in ${ms(t0)} ms`);
}

/** Signals tables, kerncijfer components, standardised components and the resilience index. */
export async function computeWeerbaarheid(
  ctx: PipelineContext,
  kwetsbaarheid: () => Promise<TableDeclaration[]> = startKwetsbaarheid(ctx)
): Promise<GateParts> {
  const parts = emptyParts();
  const {jaren, regio} = ctx;
  if (jaren.length === 0) return parts;
  const c = ctx.connection;
  const rg = [regio, ...ctx.gebieden.gemeente];
  const all = [regio, ...ctx.gebieden.gemeente, ...ctx.gebieden.wijk, ...ctx.gebieden.buurt];
  const buurten = ctx.gebieden.buurt;
  const cats = [...SIGNAAL_CATEGORIEEN];
  // One reference object per cell of `inwoners` and `signalen`, shared by every derived cell that
  // rests on it (signals per 1,000, the index, the signal component and its surroundings):
  // nationally hundreds of thousands of objects fewer for the garbage collector and the gate.
  const sharedRefs = (table: string) => {
    const perArea = new Map<GebiedRef, CellRef[]>();
    const y0 = jaren[0];
    return (a: GebiedRef, j: number): CellRef => {
      let list = perArea.get(a);
      if (!list) perArea.set(a, (list = []));
      return (list[j - y0] ??= ref(table, a, null, null, j));
    };
  };
  const inw = sharedRefs("inwoners");
  const sig = sharedRefs("signalen");

  if (ctx.has("signalen")) {
    const totaal = (["regio", "gemeente", "wijk", "buurt"] as const)
      .map(
        (n) =>
          `SELECT ${levelColumn(n)} AS code, NULL, NULL, jaar, sum(n) FROM _s ${n === "wijk" ? "WHERE w IS NOT NULL" : n === "buurt" ? "WHERE b IS NOT NULL" : ""} GROUP BY ALL`
      )
      .join(" UNION ALL ");
    parts.tables.push({
      ...declaratie("signalen"),
      unitKind: "signalen",
      measure: "count",
      dimensions: ["gebied", "jaar"],
      // The regio and gemeente totals of all signals stay published whenever at or above k.
      keyTotals: {levels: ["regio", "gemeente"]},
      cells: await gridCellsSql(c, totaal, {areas: all, jaren, missing: 0})
    });
    const perCat = (["regio", "gemeente"] as const)
      .map((n) => `SELECT ${levelColumn(n)}, NULL, categorie, jaar, sum(n) FROM _s GROUP BY ALL`)
      .join(" UNION ALL ");
    parts.tables.push({
      ...declaratie("signalen-categorie"),
      unitKind: "signalen",
      measure: "count",
      dimensions: ["gebied", "categorie", "jaar"],
      cells: await gridCellsSql(c, perCat, {areas: rg, categorieen: cats, jaren, missing: 0})
    });
    // The categories add up to the total: an outsider knows that, so the gate must too.
    for (const a of rg)
      for (const j of jaren)
        parts.links.push({
          label: `signalen ${a.code} ${j} = som categorieën`,
          sense: "=",
          terms: [
            {cell: ref("signalen", a, null, null, j), coef: 1},
            ...cats.map((cat) => ({cell: ref("signalen-categorie", a, null, cat, j), coef: -1}))
          ]
        });
    const first = jaren[0];
    parts.derived.push(
      {
        ...declaratie("signalen-per-1000"),
        kind: "ratio",
        scale: 1000,
        decimals: 2,
        cells: derivedGrid(all, [null], [null], jaren, (a, _b, _c, j) => [sig(a, j), inw(a, j)])
      },
      {
        ...declaratie("signalen-categorie-per-1000"),
        kind: "ratio",
        scale: 1000,
        decimals: 2,
        cells: derivedGrid(rg, [null], cats, jaren, (a, _b, cat, j) => [
          ref("signalen-categorie", a, null, cat, j),
          inw(a, j)
        ])
      },
      {
        ...declaratie("signalen-index"),
        kind: "custom",
        decimals: 1,
        compute: ([now, base]) => (100 * now) / base,
        cells: derivedGrid(rg, [null], [null], jaren, (a, _b, _c, j) => [sig(a, j), sig(a, first)])
      }
    );
  }

  if (!ctx.has("kerncijfers")) return parts;
  parts.tables.push(...(await kwetsbaarheid()));

  if (ctx.has("signalen")) {
    const wijken = new Map(ctx.gebieden.wijk.map((w) => [w.code, w]));
    const gemeenten = new Map(ctx.gebieden.gemeente.map((g) => [g.code, g]));
    // Base sets of a buurt's signal component, in order of preference: its own signals shrunk
    // towards its wijk (or gemeente), else the rate of its wijk, gemeente or the regio when its
    // own count is suppressed. Every set starts with the structural index, its weight and the
    // buurt's inhabitants, so the signal component is standardised over the buurten that get an
    // index, and the index and the component see the same rows.
    // Built straight into the arrays the cells keep (nationally 154,000 cells with five base sets
    // each), without the intermediate arrays of spreads.
    const cellen: DerivedCell[] = [];
    for (const b of buurten) {
      const om = [wijken.get(b.bovenliggend ?? ""), gemeenten.get(b.gemeentecode ?? ""), regio].filter(
        (a): a is GebiedRef => a !== undefined
      );
      for (const j of jaren) {
        const structureelRef = ref("kwetsbaarheid-structureel", b, null, null, j);
        const gewichtRef = ref("kwetsbaarheid-gewicht", b, null, null, j);
        const inwoners = inw(b, j);
        const eigen = sig(b, j);
        const sets: DerivedCell["bases"][] = [];
        for (let i = 0; i < om.length && i < 2; i++)
          sets.push([structureelRef, gewichtRef, inwoners, eigen, sig(om[i], j), inw(om[i], j)]);
        for (const a of om) sets.push([structureelRef, gewichtRef, inwoners, sig(a, j), inw(a, j)]);
        cellen.push({
          gebiedcode: b.code,
          gebiedniveau: b.niveau,
          bovenliggend: b.bovenliggend,
          branche: null,
          categorie: null,
          jaar: j,
          bases: sets[0]!,
          alternatives: sets.slice(1)
        });
      }
    }
    parts.derived.push(
      {
        ...declaratie("kwetsbaarheid-z-signalen"),
        kind: "custom",
        decimals: 4,
        cells: cellen,
        computeTable: (rijen, cells) => signaalZ(rijen, cells).map((r) => (typeof r === "string" ? r : r.z))
      },
      {
        ...declaratie("kwetsbaarheidsindex"),
        kind: "custom",
        decimals: 3,
        cells: cellen,
        computeTable: (rijen, cells) =>
          signaalZ(rijen, cells).map((r) =>
            typeof r === "string" ? r : indexWaarde(r.structureel, r.gewicht, r.z, SIGNALEN_GEWICHT)
          )
      }
    );
  }
  return parts;
}

/**
 * Starts the kerncijfer components of weerbare wijken (the public tables `kerncijfers`,
 * `kwetsbaarheid-z`, `-structureel` and `-gewicht`) and returns a function that gives them. They
 * read only the record table `kerncijfers` and the area lists, so when the bronmap offers a
 * further connection (`LoadedBronmap.connect`) they run on it at once, while the caller goes on
 * with the other steps on its own connection: DuckDB's work on the components (nationally its
 * largest after the establishments) then overlaps with the JavaScript of those steps. Without
 * one they run on the main connection when asked for. An error surfaces when the result is
 * asked for, as it would have in sequence.
 */
export function startKwetsbaarheid(ctx: PipelineContext): () => Promise<TableDeclaration[]> {
  if (ctx.jaren.length === 0 || !ctx.has("kerncijfers")) return async () => [];
  const connect = ctx.bronmap.connect;
  if (!connect) return () => kwetsbaarheidTables(ctx, ctx.connection);
  const result = (async () => {
    const c = await connect();
    try {
      return await kwetsbaarheidTables(ctx, c);
    } finally {
      // Its temporary tables (_kp, _k, _bi, _bronjaar) go with it.
      c.closeSync();
    }
  })();
  // Asked for later: until then a failure must not count as unhandled (it is rethrown then).
  result.catch(() => {});
  return () => result;
}

/** The kerncijfer tables of weerbare wijken, computed on connection `c` (see startKwetsbaarheid). */
async function kwetsbaarheidTables(ctx: PipelineContext, c: DuckDBConnection): Promise<TableDeclaration[]> {
  const {jaren} = ctx;
  const buurten = ctx.gebieden.buurt;
  const tables: TableDeclaration[] = [];
  const t0 = performance.now();
  // Components per area and year: each year takes the values of its component's source year
  // (the latest year with values, at most two back; kerncijfer-jaren.ts). Benefits become a rate
  // per 1,000 inhabitants of the same area and source year.
  const compIndex = new Map(PUBLIEKE_COMPONENTEN.map((k, ci) => [k.id, ci]));
  const jaarIndex = new Map(jaren.map((j, y) => [j, y]));
  /** Per component and year index, its source year (undefined: none). */
  const bronVan = PUBLIEKE_COMPONENTEN.map(() => new Array<number | undefined>(jaren.length));
  for (const b of componentJaren(KWETSBAARHEID_COMPONENTEN, ctx.bronmap.quality.kerncijfers, jaren)) {
    const ci = compIndex.get(b.component);
    const y = jaarIndex.get(b.jaar);
    if (b.bronjaar !== null && ci !== undefined && y !== undefined) bronVan[ci][y] = b.bronjaar;
  }
  // One row per area and year of kerncijfers with the inhabitants and a column per component
  // (the rate per 1,000 inhabitants computed in SQL, as before), read column by column: nationally
  // 191,000 rows instead of a row per area, component and year (2.3 million) that the tables were
  // joined from. A missing row and a row without a value both give no value. The reader keeps one
  // value per year, area and variable (kerncijfers.ts: the first of overlapping files), so `max`
  // sees at most one; `dubbel` checks that (a sum of distinct powers of two equals their bitwise
  // or only when none repeats: cheaper than counting distinct variables per row).
  const variabelen = [...new Set(["inwoners", ...PUBLIEKE_COMPONENTEN.map((k) => k.bron)])];
  const lit = (v: string) => `'${v.replaceAll("'", "''")}'`;
  const waardeVan = (v: string) => `max(waarde) FILTER (WHERE variabele = ${lit(v)})`;
  const bit = `1::BIGINT << (CASE variabele ${variabelen.map((v, i) => `WHEN ${lit(v)} THEN ${i}`).join(" ")} END)`;
  // The inhabitants and the components as typed columns (context.ts, columnsWithNumbers).
  const {
    columns: [codes, jj, dubbel],
    numbers: [inwoners, ...compCols]
  } = await columnsWithNumbers(
    c,
    `SELECT gebiedcode, jaar, sum(${bit}) <> bit_or(${bit}), ${waardeVan("inwoners")}, ${PUBLIEKE_COMPONENTEN.map(
      (k) =>
        k.vorm === "per-1000-inwoners"
          ? `round(1000 * ${waardeVan(k.bron)} / nullif(${waardeVan("inwoners")}, 0), 2)`
          : waardeVan(k.bron)
    ).join(", ")}
     FROM kerncijfers WHERE variabele IN (${variabelen.map(lit).join(", ")}) GROUP BY gebiedcode, jaar`,
    4 + PUBLIEKE_COMPONENTEN.length,
    3
  );
  let dubbeleRijen = 0;
  for (const d of dubbel) if (d) dubbeleRijen++;
  if (dubbeleRijen > 0)
    throw new Error(`Kerncijfers: ${dubbeleRijen} gebieden met een variabele twee keer in hetzelfde jaar`);
  // Per area code, its row in each year (index jaar - j0; -1: none).
  let j0 = Infinity;
  let j1 = -Infinity;
  for (const j of jj) {
    j0 = Math.min(j0, Number(j));
    j1 = Math.max(j1, Number(j));
  }
  const span = j1 - j0 + 1;
  const rijen = new Map<string, Int32Array>();
  for (let r = 0; r < codes.length; r++) {
    const code = String(codes[r]);
    let list = rijen.get(code);
    if (!list) rijen.set(code, (list = new Int32Array(span).fill(-1)));
    list[Number(jj[r]) - j0] = r;
  }
  const rijIn = (rij: Int32Array | undefined, jaar: number | undefined): number =>
    rij === undefined || jaar === undefined || jaar < j0 || jaar > j1 ? -1 : rij[jaar - j0];
  /** Component `ci` of the area with rows `rij` in year index `y` (null: none). */
  const waarde = (rij: Int32Array | undefined, ci: number, y: number): number | null => {
    const r = rijIn(rij, bronVan[ci][y]);
    const col = compCols[ci];
    return r < 0 || col.isNull[r] ? null : col.values[r];
  };
  const gw = [...ctx.gebieden.gemeente, ...ctx.gebieden.wijk];
  const compIds = PUBLIEKE_COMPONENTEN.map((k) => k.id);
  const laatste = jaren.slice(-1);
  // The cells areas x components x years in `gridCells` order (area, component, year).
  const kerncijferCells = (areas: readonly GebiedRef[], yIndices: readonly number[]) => {
    const out = [];
    for (const a of areas) {
      const rij = rijen.get(a.code);
      for (let ci = 0; ci < compIds.length; ci++)
        for (const y of yIndices)
          out.push({
            gebiedcode: a.code,
            gebiedniveau: a.niveau,
            bovenliggend: a.bovenliggend,
            branche: null,
            categorie: compIds[ci],
            jaar: jaren[y],
            value: waarde(rij, ci, y)
          });
    }
    return out;
  };
  tables.push(
    publiekTable(
      "kerncijfers",
      // Every year for gemeenten and wijken; buurten only for the latest year: the buurt series
      // would be millions of public cells nationally, and the pages show buurten for one year.
      [
        ...kerncijferCells(
          gw,
          jaren.map((_, y) => y)
        ),
        ...kerncijferCells(buurten, [jaren.length - 1])
      ],
      ["gebied", "categorie", "jaar"]
    )
  );

  // Robust z-scores per year and component over the buurten with at least MIN_INWONERS_INDEX
  // inhabitants that have the value (weerbaarheid-methode.ts); smaller buurten get no z-score and
  // no index. In TypeScript rather than SQL so that the pipeline and its tests share one
  // implementation, and sums run in one fixed order (the same order as the werkplaats's).
  // One year at a time, so that a national build holds one year's values (14,000 buurten x 12
  // components), not every year's. The cells are built straight from arrays in the order
  // `gridCells` gives (buurt, component, year), without string keys.
  const nb = buurten.length;
  const buurtRijen = buurten.map((b) => rijen.get(b.code));
  // Per year, 1 for the buurten with at least MIN_INWONERS_INDEX inhabitants in that year.
  const groot = jaren.map((j) =>
    Uint8Array.from(buurtRijen, (rij) => {
      const r = rijIn(rij, j);
      return r >= 0 && !inwoners.isNull[r] && inwoners.values[r] >= MIN_INWONERS_INDEX ? 1 : 0;
    })
  );
  const gewogen = PUBLIEKE_COMPONENTEN.map((k, ki) => ({k, ki})).filter(({k}) => k.gewicht > 0);
  const totalWeight = gewogen.reduce((s, {k}) => s + k.gewicht, 0);
  // Per year index, the structural index and its weight of every buurt; z of the latest year.
  const structureel = jaren.map(() => new Array<number | null>(nb));
  const gewicht = jaren.map(() => new Array<number | null>(nb));
  let zLaatste: (number | null)[][] = [];
  for (let y = 0; y < jaren.length; y++) {
    // Per component, the value of every large buurt in this year (null: none, or a small buurt);
    // built per year, so that only one year's values live at a time.
    const zPer = PUBLIEKE_COMPONENTEN.map((k, ki) =>
      robuusteZ(
        buurtRijen.map((rij, i) => (groot[y][i] ? waarde(rij, ki, y) : null)),
        k.teken,
        Z_GRENS
      )
    );
    // The z-scores are published for the latest year only (see the kerncijfers table).
    if (y === jaren.length - 1) zLaatste = zPer;
    for (let i = 0; i < nb; i++) {
      // The same order and rounding as the werkplaats's recomputation (src/lib/pages/werkplaats.ts).
      let bekend = 0;
      let som = 0;
      for (const {k, ki} of gewogen) {
        const z = zPer[ki][i];
        if (z === null || z === undefined) continue;
        bekend += k.gewicht;
        som += k.gewicht * z;
      }
      const ok = bekend > 0 && bekend >= KWETSBAARHEID_MIN_AANDEEL * totalWeight;
      structureel[y][i] = ok ? Math.round((som / bekend) * 10000) / 10000 + 0 : null;
      gewicht[y][i] = ok ? bekend : null;
    }
  }
  const buurtCell = (b: GebiedRef, categorie: string | null, jaar: number, value: number | null) => ({
    gebiedcode: b.code,
    gebiedniveau: b.niveau,
    bovenliggend: b.bovenliggend,
    branche: null,
    categorie,
    jaar,
    value
  });
  const zCells = [];
  const structureelCells = [];
  const gewichtCells = [];
  for (let i = 0; i < nb; i++) {
    const b = buurten[i];
    for (let ki = 0; ki < compIds.length; ki++)
      zCells.push(buurtCell(b, compIds[ki], laatste[0], zLaatste[ki][i]));
    for (let y = 0; y < jaren.length; y++) {
      structureelCells.push(buurtCell(b, null, jaren[y], structureel[y][i]));
      gewichtCells.push(buurtCell(b, null, jaren[y], gewicht[y][i]));
    }
  }
  tables.push(
    publiekTable("kwetsbaarheid-z", zCells, ["gebied", "categorie", "jaar"]),
    publiekTable("kwetsbaarheid-structureel", structureelCells, ["gebied", "jaar"]),
    publiekTable("kwetsbaarheid-gewicht", gewichtCells, ["gebied", "jaar"])
  );
  ctx.log(`indicatoren: kwetsbaarheidscomponenten voor ${buurten.length} buurten in ${ms(t0)} ms`);
  return tables;
}

/** The signal component of one buurt and year with the structural part it combines with. */
interface SignaalRij {
  z: number;
  structureel: number;
  gewicht: number;
}

/**
 * The signal component of every row of a signal table (the bases of `signaalBases`): signals per
 * 1,000 inhabitants, the buurt's own shrunk towards its wijk or gemeente (alternatives 0 and 1),
 * or the rate of the surrounding area when the buurt's own count is not published; then a robust
 * z-score per year over the rows with a rate. Published values only (the gate's `computeTable`).
 */
export function signaalZ(
  rijen: ReadonlyArray<DerivedRow | null>,
  cells: readonly {jaar: number}[]
): Array<SignaalRij | string> {
  const tempo = rijen.map((r): number | string => {
    if (r === null) return "geen gegevens";
    const [, , n, ...rest] = r.values as number[];
    if (n! < MIN_INWONERS_INDEX) return `minder dan ${MIN_INWONERS_INDEX} inwoners`;
    if (r.alternative <= 1) {
      const [s, S, N] = rest as [number, number, number];
      return N > 0 ? gekrompenTempo(s, n!, S, N, SIGNALEN_PRIOR_INWONERS) : "geen inwoners in de omgeving";
    }
    const [S, N] = rest as [number, number];
    return N > 0 ? (1000 * S) / N : "geen inwoners in de omgeving";
  });
  const out: Array<SignaalRij | string> = tempo.map((t) => (typeof t === "string" ? t : ""));
  const perJaar = new Map<number, number[]>();
  cells.forEach((c, i) => {
    if (typeof tempo[i] !== "number") return;
    const list = perJaar.get(c.jaar);
    if (list) list.push(i);
    else perJaar.set(c.jaar, [i]);
  });
  for (const rows of perJaar.values()) {
    const z = robuusteZ(
      rows.map((i) => tempo[i] as number),
      1,
      Z_GRENS
    );
    rows.forEach((i, k) => {
      const [st, w] = rijen[i]!.values;
      out[i] = z[k] === null ? "geen spreiding tussen buurten" : {z: z[k]!, structureel: st!, gewicht: w!};
    });
  }
  return out;
}
