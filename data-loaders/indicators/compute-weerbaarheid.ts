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
    const [codes, jj, ww] = await columns(
      ctx.connection,
      "SELECT gebiedcode, jaar, waarde FROM kerncijfers WHERE variabele = 'inwoners'",
      3
    );
    for (let r = 0; r < codes.length; r++) {
      const y = yearIndex.get(Number(jj[r]));
      if (y !== undefined) perArea(inwoners, String(codes[r]))[y] = ww[r] == null ? null : Number(ww[r]);
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
    const signaalBases = (b: GebiedRef, j: number): DerivedCell["bases"][] => {
      const kop = [
        ref("kwetsbaarheid-structureel", b, null, null, j),
        ref("kwetsbaarheid-gewicht", b, null, null, j),
        inw(b, j)
      ];
      const om = [wijken.get(b.bovenliggend ?? ""), gemeenten.get(b.gemeentecode ?? ""), regio].filter(
        (a): a is GebiedRef => a !== undefined
      );
      const eigen = [sig(b, j)];
      const van = (a: GebiedRef) => [sig(a, j), inw(a, j)];
      return [
        ...om.slice(0, 2).map((a) => [...kop, ...eigen, ...van(a)]),
        ...om.map((a) => [...kop, ...van(a)])
      ];
    };
    const cellen: DerivedCell[] = [];
    for (const b of buurten)
      for (const j of jaren) {
        const [bases, ...alternatives] = signaalBases(b, j);
        cellen.push({
          gebiedcode: b.code,
          gebiedniveau: b.niveau,
          bovenliggend: b.bovenliggend,
          branche: null,
          categorie: null,
          jaar: j,
          bases: bases!,
          alternatives
        });
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
  const bron = componentJaren(KWETSBAARHEID_COMPONENTEN, ctx.bronmap.quality.kerncijfers, jaren).filter(
    (b) => b.bronjaar !== null
  );
  await c.run("CREATE OR REPLACE TEMP TABLE _bronjaar(comp VARCHAR, jaar INTEGER, bron INTEGER)");
  if (bron.length > 0)
    await c.run(
      `INSERT INTO _bronjaar VALUES ${bron.map((b) => `('${b.component}', ${b.jaar}, ${b.bronjaar})`).join(", ")}`
    );
  // The components' variables (and the inhabitants) as one row per area and year with a column
  // per variable (`_kp`), so that each component is a projection of that small table instead of
  // a join over the rows of kerncijfers (nationally 1.7 million). A missing row and a row without
  // a value both give no value, as the joins did. The reader keeps one value per year, area and
  // variable (kerncijfers.ts: the first of overlapping files), so `max` sees at most one; `n` and
  // `nv` (rows and distinct variables) check that.
  const variabelen = [...new Set(["inwoners", ...PUBLIEKE_COMPONENTEN.map((k) => k.bron)])];
  const lit = (v: string) => `'${v.replaceAll("'", "''")}'`;
  const kolom = (v: string) => `v${variabelen.indexOf(v)}`;
  await c.run(`CREATE OR REPLACE TEMP TABLE _kp AS
    SELECT gebiedcode, jaar, count(*) AS n, count(DISTINCT variabele) AS nv,
      ${variabelen.map((v) => `max(waarde) FILTER (WHERE variabele = ${lit(v)}) AS ${kolom(v)}`).join(", ")}
    FROM kerncijfers WHERE variabele IN (${variabelen.map(lit).join(", ")}) GROUP BY gebiedcode, jaar`);
  const [[dubbel]] = await rows(c, "SELECT count(*) FROM _kp WHERE n <> nv");
  if (Number(dubbel) > 0)
    throw new Error(`Kerncijfers: ${dubbel} gebieden met een variabele twee keer in hetzelfde jaar`);
  // `ci`: the component's index in PUBLIEKE_COMPONENTEN, so that the values of the buurten come
  // back to JavaScript as numbers (nationally 1.8 million rows; a string per row was the cost).
  const compSql = PUBLIEKE_COMPONENTEN.map(
    (k, ci) =>
      `SELECT p.gebiedcode AS code, ${lit(k.id)} AS comp, ${ci} AS ci, j.jaar, ${
        k.vorm === "per-1000-inwoners"
          ? `round(1000 * p.${kolom(k.bron)} / nullif(p.${kolom("inwoners")}, 0), 2)`
          : `p.${kolom(k.bron)}`
      } AS waarde
       FROM _kp p JOIN _bronjaar j ON j.comp = ${lit(k.id)} AND j.bron = p.jaar`
  ).join(" UNION ALL ");
  await c.run(`CREATE OR REPLACE TEMP TABLE _k AS ${compSql}`);
  const kwbValues = "SELECT code, NULL, comp, jaar, waarde FROM _k";
  const gw = [...ctx.gebieden.gemeente, ...ctx.gebieden.wijk];
  const laatste = jaren.slice(-1);
  const compIds = PUBLIEKE_COMPONENTEN.map((k) => k.id);
  tables.push(
    publiekTable(
      "kerncijfers",
      // Every year for gemeenten and wijken; buurten only for the latest year: the buurt series
      // would be millions of public cells nationally, and the pages show buurten for one year.
      [
        ...(await gridCellsSql(c, kwbValues, {areas: gw, categorieen: compIds, jaren, missing: null})),
        ...(await gridCellsSql(c, kwbValues, {
          areas: buurten,
          categorieen: compIds,
          jaren: laatste,
          missing: null
        }))
      ],
      ["gebied", "categorie", "jaar"]
    )
  );

  // Robust z-scores per year and component over the buurten with at least MIN_INWONERS_INDEX
  // inhabitants that have the value (weerbaarheid-methode.ts); smaller buurten get no z-score and
  // no index. In TypeScript rather than SQL so that the pipeline and its tests share one
  // implementation, and sums run in one fixed order (the same order as the werkplaats's).
  // One year at a time, so that a national build holds one year's values (14,000 buurten x 12
  // components), not every year's.
  //
  // Nationally that is 14,000 buurten x 12 components x 11 years: the values come back column by
  // column, with buurt and component as numbers (`_bi`), and the cells are built straight from
  // arrays in the order `gridCells` gives (buurt, component, year), without string keys.
  const nb = buurten.length;
  await c.run("CREATE OR REPLACE TEMP TABLE _bi(code VARCHAR, i INTEGER)");
  for (let i = 0; i < nb; i += 5000)
    await c.run(
      `INSERT INTO _bi VALUES ${buurten
        .slice(i, i + 5000)
        .map((b, k) => `('${b.code.replaceAll("'", "''")}', ${i + k})`)
        .join(", ")}`
    );
  // An empty result has no columns at all: every column then reads as empty.
  const columns = async (sql: string, n: number) => {
    const cols = (await c.runAndReadAll(sql)).getColumns();
    return Array.from({length: n}, (_, i) => cols[i] ?? []);
  };
  const jaarIndex = new Map(jaren.map((j, y) => [j, y]));
  const jarenSql = jaren.join(", ");
  // Per year, 1 for the buurten with at least MIN_INWONERS_INDEX inhabitants.
  const groot = jaren.map(() => new Uint8Array(nb));
  {
    const [jj, ii] = await columns(
      `SELECT k.jaar, b.i FROM kerncijfers k JOIN _bi b ON b.code = k.gebiedcode
       WHERE k.variabele = 'inwoners' AND k.jaar IN (${jarenSql}) AND k.waarde >= ${MIN_INWONERS_INDEX}`,
      2
    );
    for (let r = 0; r < jj.length; r++) groot[jaarIndex.get(Number(jj[r]))!][Number(ii[r])] = 1;
  }
  // Per year and component, the value of every large buurt (null: none, or a small buurt).
  const waarden = jaren.map(() => PUBLIEKE_COMPONENTEN.map(() => new Array<number | null>(nb).fill(null)));
  {
    // Only the large buurten's values come back (the same test as `groot`, in SQL: nationally
    // fewer rows to convert), as numbers: year, component index, buurt index, value.
    const [jj, kk, ii, ww] = await columns(
      `SELECT _k.jaar, _k.ci, b.i, _k.waarde FROM _k JOIN _bi b ON b.code = _k.code
       WHERE _k.jaar IN (${jarenSql}) AND _k.waarde IS NOT NULL
         AND EXISTS (SELECT 1 FROM _kp p WHERE p.gebiedcode = _k.code AND p.jaar = _k.jaar
           AND p.${kolom("inwoners")} >= ${MIN_INWONERS_INDEX})`,
      4
    );
    for (let r = 0; r < jj.length; r++) {
      const y = jaarIndex.get(Number(jj[r]))!;
      const i = Number(ii[r]);
      if (groot[y][i]) waarden[y][Number(kk[r])][i] = Number(ww[r]);
    }
  }
  const gewogen = PUBLIEKE_COMPONENTEN.map((k, ki) => ({k, ki})).filter(({k}) => k.gewicht > 0);
  const totalWeight = gewogen.reduce((s, {k}) => s + k.gewicht, 0);
  // Per year index, the structural index and its weight of every buurt; z of the latest year.
  const structureel = jaren.map(() => new Array<number | null>(nb));
  const gewicht = jaren.map(() => new Array<number | null>(nb));
  let zLaatste: (number | null)[][] = [];
  for (let y = 0; y < jaren.length; y++) {
    const zPer = PUBLIEKE_COMPONENTEN.map((k, ki) => robuusteZ(waarden[y][ki], k.teken, Z_GRENS));
    waarden[y] = [];
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
