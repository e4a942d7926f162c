/**
 * Weerbare wijken and the public denominators: inhabitants and land area per area (and per
 * buitengebied/kernen), the CBS kerncijfer components, their standardised values and the
 * structural index (all public: they rest on CBS figures only), signals per area and category,
 * and the signal component and full resilience index that the gate derives with inherited
 * suppression. Method: `KWETSBAARHEID_METHODE` in the catalogue.
 */
import type {DerivedDeclaration} from "../disclosure/gate.ts";
import {
  KWETSBAARHEID_COMPONENTEN,
  KWETSBAARHEID_MIN_AANDEEL,
  SIGNAAL_CATEGORIEEN,
  SIGNALEN_COMPONENT_GRENS,
  indicator
} from "./catalogue.ts";
import {derivedGrid} from "./compute-risicobranches.ts";
import {componentJaren} from "./kerncijfer-jaren.ts";
import {
  emptyParts,
  gridCells,
  gridCellsSql,
  key,
  levelColumn,
  ms,
  ref,
  rows,
  valueMap,
  type GateParts,
  type GebiedRef,
  type PipelineContext
} from "./context.ts";

const PUBLIEKE_COMPONENTEN = KWETSBAARHEID_COMPONENTEN.filter((c) => c.bron !== "signalen");
const SIGNALEN_GEWICHT = KWETSBAARHEID_COMPONENTEN.find((c) => c.bron === "signalen")?.gewicht ?? 0;

function publiekTable(id: string, cells: ReturnType<typeof gridCells>, dimensions: string[]) {
  const ind = indicator(id);
  return {
    id,
    title: ind.titel,
    unitKind: "publiek" as const,
    measure: "count" as const,
    dimensions,
    eenheid: ind.eenheid,
    cells
  };
}

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
  const inwoners = new Map<string, number | null>();
  const ligging = {buiten: new Map<string, number | null>(), kern: new Map<string, number | null>()};
  if (ctx.has("kerncijfers")) {
    const kwb = await valueMap(
      ctx.connection,
      "SELECT gebiedcode, NULL, NULL, jaar, waarde FROM kerncijfers WHERE variabele = 'inwoners'"
    );
    for (const [k, v] of kwb) inwoners.set(k, v);
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
    for (const jaar of jaren) {
      let sum = 0;
      for (const g of ctx.gebieden.gemeente) {
        const v = inwoners.get(key(g.code, null, null, jaar));
        if (v == null) {
          sum = NaN;
          break;
        }
        sum += v;
      }
      inwoners.set(
        key(regio.code, null, null, jaar),
        Number.isNaN(sum) ? null : sum + (opgeheven.get(jaar) ?? 0)
      );
    }
    const split = await rows(
      ctx.connection,
      `SELECT u.g, u.bg, k.jaar, sum(k.waarde), count(k.waarde) FROM kerncijfers k JOIN _bu u ON u.code = k.gebiedcode
       WHERE k.variabele = 'inwoners' GROUP BY ALL`
    );
    const regioSum = {buiten: new Map<number, number>(), kern: new Map<number, number>()};
    for (const [g, bg, jaar, sum, n] of split) {
      const side = bg ? "buiten" : "kern";
      const v = Number(n) > 0 ? Number(sum) : null;
      ligging[side].set(key(String(g), null, null, Number(jaar)), v);
      if (v != null) regioSum[side].set(Number(jaar), (regioSum[side].get(Number(jaar)) ?? 0) + v);
    }
    for (const side of ["buiten", "kern"] as const)
      for (const [jaar, v] of regioSum[side]) ligging[side].set(key(regio.code, null, null, jaar), v);
  }
  parts.tables.push(
    publiekTable("inwoners", gridCells(inwoners, {areas: all, jaren, missing: null}), ["gebied", "jaar"])
  );
  const round = (v: number) => Math.round(v * 1000) / 1000;
  const bgSet = new Set(ctx.bronmap.areas.buitengebiedBuurten);
  const areaSplit = {buiten: new Map<string, number | null>(), kern: new Map<string, number | null>()};
  const sums = {buiten: new Map<string, number>(), kern: new Map<string, number>()};
  for (const b of ctx.gebieden.buurt) {
    const side = bgSet.has(b.code) ? "buiten" : "kern";
    for (const code of [b.gemeentecode as string, regio.code])
      sums[side].set(code, (sums[side].get(code) ?? 0) + b.km2);
  }
  for (const side of ["buiten", "kern"] as const)
    for (const a of rg)
      for (const jaar of jaren)
        areaSplit[side].set(key(a.code, null, null, jaar), round(sums[side].get(a.code) ?? 0));
  parts.tables.push(
    publiekTable("inwoners-buitengebied", gridCells(ligging.buiten, {areas: rg, jaren, missing: null}), [
      "gebied",
      "jaar"
    ]),
    publiekTable("inwoners-kern", gridCells(ligging.kern, {areas: rg, jaren, missing: null}), [
      "gebied",
      "jaar"
    ]),
    publiekTable("oppervlakte-buitengebied", gridCells(areaSplit.buiten, {areas: rg, jaren, missing: null}), [
      "gebied",
      "jaar"
    ]),
    publiekTable("oppervlakte-kern", gridCells(areaSplit.kern, {areas: rg, jaren, missing: null}), [
      "gebied",
      "jaar"
    ])
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
export async function computeWeerbaarheid(ctx: PipelineContext): Promise<GateParts> {
  const parts = emptyParts();
  const {jaren, regio} = ctx;
  if (jaren.length === 0) return parts;
  const c = ctx.connection;
  const rg = [regio, ...ctx.gebieden.gemeente];
  const all = [regio, ...ctx.gebieden.gemeente, ...ctx.gebieden.wijk, ...ctx.gebieden.buurt];
  const buurten = ctx.gebieden.buurt;
  const cats = [...SIGNAAL_CATEGORIEEN];
  const inw = (a: GebiedRef, j: number) => ref("inwoners", a, null, null, j);

  if (ctx.has("signalen")) {
    const totaal = (["regio", "gemeente", "wijk", "buurt"] as const)
      .map(
        (n) =>
          `SELECT ${levelColumn(n)} AS code, NULL, NULL, jaar, sum(n) FROM _s ${n === "wijk" ? "WHERE w IS NOT NULL" : n === "buurt" ? "WHERE b IS NOT NULL" : ""} GROUP BY ALL`
      )
      .join(" UNION ALL ");
    parts.tables.push({
      id: "signalen",
      title: indicator("signalen").titel,
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
      id: "signalen-categorie",
      title: indicator("signalen-categorie").titel,
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
        id: "signalen-per-1000",
        title: indicator("signalen-per-1000").titel,
        eenheid: "per-1000",
        kind: "ratio",
        scale: 1000,
        decimals: 2,
        cells: derivedGrid(all, [null], [null], jaren, (a, _b, _c, j) => [
          ref("signalen", a, null, null, j),
          inw(a, j)
        ])
      },
      {
        id: "signalen-categorie-per-1000",
        title: indicator("signalen-categorie-per-1000").titel,
        eenheid: "per-1000",
        kind: "ratio",
        scale: 1000,
        decimals: 2,
        cells: derivedGrid(rg, [null], cats, jaren, (a, _b, cat, j) => [
          ref("signalen-categorie", a, null, cat, j),
          inw(a, j)
        ])
      },
      {
        id: "signalen-index",
        title: indicator("signalen-index").titel,
        eenheid: "index",
        kind: "custom",
        decimals: 1,
        compute: ([now, base]) => (100 * now) / base,
        cells: derivedGrid(rg, [null], [null], jaren, (a, _b, _c, j) => [
          ref("signalen", a, null, null, j),
          ref("signalen", a, null, null, first)
        ])
      }
    );
  }

  if (!ctx.has("kerncijfers")) return parts;
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
  const compSql = PUBLIEKE_COMPONENTEN.map((k) =>
    k.vorm === "per-1000-inwoners"
      ? `SELECT b.gebiedcode AS code, '${k.id}' AS comp, j.jaar, round(1000 * b.waarde / nullif(i.waarde, 0), 2) AS waarde
         FROM kerncijfers b JOIN _bronjaar j ON j.comp = '${k.id}' AND j.bron = b.jaar
         JOIN kerncijfers i ON i.gebiedcode = b.gebiedcode AND i.jaar = b.jaar AND i.variabele = 'inwoners'
         WHERE b.variabele = '${k.bron}'`
      : `SELECT k.gebiedcode AS code, '${k.id}' AS comp, j.jaar, k.waarde
         FROM kerncijfers k JOIN _bronjaar j ON j.comp = '${k.id}' AND j.bron = k.jaar
         WHERE k.variabele = '${k.bron}'`
  ).join(" UNION ALL ");
  await c.run(`CREATE OR REPLACE TEMP TABLE _k AS ${compSql}`);
  const kwbValues = "SELECT code, NULL, comp, jaar, waarde FROM _k";
  const gw = [...ctx.gebieden.gemeente, ...ctx.gebieden.wijk];
  const laatste = jaren.slice(-1);
  const compIds = PUBLIEKE_COMPONENTEN.map((k) => k.id);
  parts.tables.push(
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

  // z-scores over the buurten of the region per year and component; sign: higher = more vulnerable.
  // Mean and standard deviation come from exact integer sums (values scaled by 10^4): DuckDB adds
  // doubles in parallel in no fixed order, so avg/stddev_pop over doubles differed between two
  // runs in the last bits, and after rounding to 4 decimals some buurten's index changed.
  const signs = PUBLIEKE_COMPONENTEN.map((k) => `WHEN '${k.id}' THEN ${k.teken}`).join(" ");
  const weights = PUBLIEKE_COMPONENTEN.map((k) => `WHEN '${k.id}' THEN ${k.gewicht}`).join(" ");
  await c.run(`CREATE OR REPLACE TEMP TABLE _zw AS
    SELECT _k.code AS code, comp, jaar, round(waarde * 10000)::HUGEINT AS w
    FROM _k JOIN _bu u ON u.code = _k.code WHERE waarde IS NOT NULL`);
  await c.run(`CREATE OR REPLACE TEMP TABLE _z AS
    SELECT _zw.code AS code, _zw.comp AS comp, _zw.jaar AS jaar,
      round((CASE _zw.comp ${signs} END) * (_zw.w::DOUBLE * s.n - s.s1::DOUBLE) / s.n
        / nullif(sqrt((s.n * s.s2 - s.s1 * s.s1)::DOUBLE) / s.n, 0), 4) AS z,
      (CASE _zw.comp ${weights} END) AS gewicht
    FROM _zw JOIN (SELECT comp, jaar, count(*)::HUGEINT AS n, sum(w) AS s1, sum(w * w) AS s2 FROM _zw GROUP BY ALL) s
      ON s.comp = _zw.comp AND s.jaar = _zw.jaar`);
  const zValues = "SELECT code, NULL, comp, jaar, z FROM _z";
  parts.tables.push(
    publiekTable(
      "kwetsbaarheid-z",
      await gridCellsSql(c, zValues, {areas: buurten, categorieen: compIds, jaren: laatste, missing: null}),
      ["gebied", "categorie", "jaar"]
    )
  );
  const totalWeight = PUBLIEKE_COMPONENTEN.reduce((s, k) => s + k.gewicht, 0);
  const structureel = `SELECT code, NULL, NULL, jaar, CASE WHEN sum(gewicht) >= ${KWETSBAARHEID_MIN_AANDEEL * totalWeight} THEN round(sum(round(gewicht * 1000)::HUGEINT * round(z * 10000)::HUGEINT)::DOUBLE / sum(round(gewicht * 1000)::HUGEINT)::DOUBLE / 10000, 4) END
     FROM _z WHERE z IS NOT NULL GROUP BY ALL`;
  const gewicht = `SELECT code, NULL, NULL, jaar, CASE WHEN sum(gewicht) >= ${KWETSBAARHEID_MIN_AANDEEL * totalWeight} THEN sum(gewicht) END FROM _z WHERE z IS NOT NULL GROUP BY ALL`;
  parts.tables.push(
    publiekTable(
      "kwetsbaarheid-structureel",
      await gridCellsSql(c, structureel, {areas: buurten, jaren, missing: null}),
      ["gebied", "jaar"]
    ),
    publiekTable(
      "kwetsbaarheid-gewicht",
      await gridCellsSql(c, gewicht, {areas: buurten, jaren, missing: null}),
      ["gebied", "jaar"]
    )
  );
  ctx.log(`indicatoren: kwetsbaarheidscomponenten voor ${buurten.length} buurten in ${ms(t0)} ms`);

  if (ctx.has("signalen")) {
    const grens = SIGNALEN_COMPONENT_GRENS;
    const component = (s: number, i: number, rs: number, ri: number) =>
      Math.max(-grens, Math.min(grens, s / i / (rs / ri) - 1));
    const sigBases = (a: GebiedRef, j: number) => [
      ref("signalen", a, null, null, j),
      inw(a, j),
      ref("signalen", regio, null, null, j),
      inw(regio, j)
    ];
    const derived: DerivedDeclaration[] = [
      {
        id: "kwetsbaarheid-z-signalen",
        title: indicator("kwetsbaarheid-z-signalen").titel,
        eenheid: "relatief",
        kind: "custom",
        decimals: 3,
        compute: ([s, i, rs, ri]) => component(s, i, rs, ri),
        cells: derivedGrid(buurten, [null], [null], jaren, (a, _b, _c, j) => sigBases(a, j))
      },
      {
        id: "kwetsbaarheidsindex",
        title: indicator("kwetsbaarheidsindex").titel,
        eenheid: "index",
        kind: "custom",
        decimals: 3,
        compute: ([st, w, s, i, rs, ri]) =>
          (w * st + SIGNALEN_GEWICHT * component(s, i, rs, ri)) / (w + SIGNALEN_GEWICHT),
        cells: derivedGrid(buurten, [null], [null], jaren, (a, _b, _c, j) => [
          ref("kwetsbaarheid-structureel", a, null, null, j),
          ref("kwetsbaarheid-gewicht", a, null, null, j),
          ...sigBases(a, j)
        ])
      }
    ];
    parts.derived.push(...derived);
  }
  return parts;
}
