/**
 * Cross parts ("doorsneden"): the tables publish establishments and signals per area, per
 * bedrijventerrein and per buitengebied/kern, each classification summed on its own. Anyone
 * holding two of them can subtract: a buurt's signals minus those on the terrein inside it are
 * the buurt's signals outside the terrein; a gemeente's buitengebied establishments minus those
 * of its one wijk with buitengebied give the rest of that wijk. Those differences are counts the
 * gate never published, so it must know them.
 *
 * This module declares them as hidden tables (`TableDeclaration.hidden`): the finest parts that
 * all these tables are sums of, with one relation per published cell, `cell = sum of its parts`.
 * The gate never publishes a part, but protects a part between 0 and k like any suppressed count
 * (docs/privacy.md, "Verborgen delen"). A combination of area, terrein and side that has records
 * in any year gets a part in every year (0 where it has none that year); one that never has
 * records is left out, which says it is 0: that narrows what the audit allows, so the pattern
 * stays safe (if sometimes a little more suppressed than needed).
 *
 * - Establishments (stock, 31 December): parts per wijk (or the gemeente's unknown wijk),
 *   gemeente of the record, terrein or none, buitengebied or kern, risk branch or other; tied to
 *   `vestigingen` (gemeente), `vestigingen-wijk`, `vestigingen-buitengebied`/`-kern` and
 *   `bt-vestigingen`, each for all establishments and for the risk branches.
 * - Starts and stops: parts per gemeente and terrein or none, tied to `vestigingen-starts`/
 *   `-stops` and `bt-starts`/`-stops` (all establishments; only when the bronmap has terreinen).
 * - Signals: parts per buurt (or wijk or gemeente when the signal has no finer code), terrein or
 *   none, buitengebied or kern; tied to `signalen` on every level, the sum over the categories of
 *   `signalen-buitengebied`/`-kern`, and `bt-signalen`.
 *
 * A part's identity (area, gemeente, terrein, side) is its `gebiedcode` ("WK011802|GM0118|-|kern"):
 * the gate's key index allows a million area codes per table but only 256 categories, and a
 * hidden code is never published, so it need not be a CBS code.
 *
 * Runs after the other compute modules: a relation is declared only when every published cell
 * in it exists (a bronmap without buitengebied tables, say, simply gets fewer relations).
 */
import type {CellRef, CountCell, GebiedNiveau, TableDeclaration} from "../disclosure/gate.ts";
import {BRANCHE_ALLE, BRANCHE_RISICO, SIGNAAL_CATEGORIEEN} from "./catalogue.ts";
import {emptyParts, key, rows, type GateParts, type PipelineContext} from "./context.ts";

/** Branch class of an establishment part: a risk branch or any other. */
const OVERIG = "overig";

/** One part with the published cells (each a sum of cells, usually one) it is a term of. */
interface Part {
  cell: CountCell;
  sums: CellRef[][];
}

/** Finds declared cells by table, area, branch, category and year (a table is indexed on first use). */
class DeclaredCells {
  private byTable = new Map<string, Map<string, CountCell>>();
  constructor(private readonly tables: readonly TableDeclaration[]) {}
  /** Reference to the cell, or null when the table or cell is not declared. */
  ref(
    table: string,
    code: string,
    branche: string | null,
    categorie: string | null,
    jaar: number
  ): CellRef | null {
    let cells = this.byTable.get(table);
    if (!cells) {
      cells = new Map();
      for (const c of this.tables.find((t) => t.id === table)?.cells ?? [])
        cells.set(key(c.gebiedcode, c.branche ?? null, c.categorie ?? null, c.jaar), c);
      this.byTable.set(table, cells);
    }
    const c = cells.get(key(code, branche, categorie, jaar));
    return c ? {...c, table, branche: c.branche ?? null, categorie: c.categorie ?? null} : null;
  }
}

/**
 * The hidden table of `parts` and one relation per published sum: `sum - parts = 0`. A sum with
 * an undeclared cell is left out (its table is not published on that level). A part that is the
 * only part of a published cell (a buurt whose signals all lie outside terreinen and in the
 * kern) is that cell: it is not declared, and the cell stands in for it in its other relations.
 * That changes nothing an outsider or the audit knows (same value, same threshold, same
 * relations) and keeps the hidden tables, and the audit's work, to the parts that differ.
 */
function declareParts(
  id: string,
  title: string,
  unitKind: "vestigingen" | "signalen",
  parts: Part[],
  out: GateParts
): void {
  if (parts.length === 0) return;
  const keyOf = (c: CellRef) =>
    `${c.table}\u0001${key(c.gebiedcode, c.branche ?? null, c.categorie ?? null, c.jaar)}`;
  const relations = new Map<string, {left: CellRef[]; parts: number[]}>();
  parts.forEach((p, i) => {
    for (const left of p.sums) {
      const k = left.map(keyOf).join("\u0002");
      let r = relations.get(k);
      if (!r) relations.set(k, (r = {left, parts: []}));
      r.parts.push(i);
    }
  });
  // Parts that are one published cell, and that cell.
  const twin = new Map<number, CellRef>();
  for (const r of relations.values())
    if (r.left.length === 1 && r.parts.length === 1 && !twin.has(r.parts[0])) twin.set(r.parts[0], r.left[0]);
  const refOf = (i: number): CellRef =>
    twin.get(i) ?? {
      ...parts[i].cell,
      table: id,
      branche: parts[i].cell.branche ?? null,
      categorie: parts[i].cell.categorie ?? null
    };
  const cells = parts.filter((_, i) => !twin.has(i)).map((p) => p.cell);
  if (cells.length > 0)
    out.tables.push({
      id,
      title,
      unitKind,
      measure: "count",
      dimensions: ["gebied", "doorsnede", "jaar"],
      hidden: true,
      cells
    });
  for (const r of relations.values()) {
    // The relation that says a twin equals its cell says nothing once the cell stands in for it.
    if (r.left.length === 1 && r.parts.length === 1 && twin.get(r.parts[0]) === r.left[0]) continue;
    out.links.push({
      label: `${r.left[0].table} ${r.left[0].gebiedcode} ${r.left[0].jaar} = som van de verborgen delen`,
      group: `${r.left[0].table} = som van de verborgen delen (${title.toLowerCase()})`,
      sense: "=",
      terms: [...r.left.map((cell) => ({cell, coef: 1})), ...r.parts.map((i) => ({cell: refOf(i), coef: -1}))]
    });
  }
}

/** Only the sums whose every cell is declared. */
function present(sums: Array<Array<CellRef | null>>): CellRef[][] {
  return sums.filter((s): s is CellRef[] => s.length > 0 && s.every((c) => c !== null));
}

const side = (bg: unknown) => (bg === true ? "buitengebied" : bg === false ? "kern" : null);

/**
 * One kind of part, seen in the data: `combo` names it without the year; every combination seen
 * in any year gets a part in every published year, 0 where it has no records that year. An
 * outsider cannot tell a part that is empty this year from one that has records, so the audit
 * must not assume it is 0 (a wrongly pinned part once pinned a gemeente's starts through the
 * stock-flow relation, and the gate then hid key totals to protect it).
 */
interface Combo {
  cell: Omit<CountCell, "jaar" | "value">;
  sums: (jaar: number) => Array<Array<CellRef | null>>;
  values: Map<number, number>;
}

/** Parts of every combination in every year, from (combination, year, value) rows. */
function everyYear(combos: Map<string, Combo>, jaren: readonly number[]): Part[] {
  const parts: Part[] = [];
  for (const combo of combos.values())
    for (const jaar of jaren)
      parts.push({
        cell: {...combo.cell, jaar, value: combo.values.get(jaar) ?? 0},
        sums: present(combo.sums(jaar))
      });
  return parts;
}

/** Adds a row to its combination (created with `make` the first time). */
function seen(
  combos: Map<string, Combo>,
  id: string,
  jaar: number,
  n: number,
  make: () => Omit<Combo, "values">
): void {
  let combo = combos.get(id);
  if (!combo) combos.set(id, (combo = {...make(), values: new Map()}));
  combo.values.set(jaar, (combo.values.get(jaar) ?? 0) + n);
}

/** The hidden parts and their relations, given the tables the other modules declared. */
export async function computeDoorsneden(
  ctx: PipelineContext,
  tables: readonly TableDeclaration[]
): Promise<GateParts> {
  const out = emptyParts();
  const {jaren} = ctx;
  if (jaren.length === 0) return out;
  const c = ctx.connection;
  const declared = new DeclaredCells(tables);
  const terreinen = ctx.bronmap.areas.bedrijventerreinen.length > 0;

  if (ctx.has("vestigingen")) {
    const combos = new Map<string, Combo>();
    for (const [g, w, bt, bg, risico, jaar, n] of await rows(
      c,
      `SELECT g, w, bt, bg, branche IS NOT NULL, jaar, sum(n) FROM _v_stock GROUP BY ALL ORDER BY ALL`
    )) {
      const gem = String(g);
      const wijk = w === null ? `${gem}-ONBEKEND` : String(w);
      const terrein = bt === null ? null : String(bt);
      const s = side(bg);
      const klasse = risico ? BRANCHE_RISICO : OVERIG;
      const categorie = `${gem}|${terrein ?? "-"}|${s ?? "-"}`;
      seen(combos, `${wijk}|${klasse}|${categorie}`, Number(jaar), Number(n), () => ({
        cell: {
          gebiedcode: `${wijk}|${categorie}`,
          gebiedniveau: "wijk",
          bovenliggend: null,
          branche: klasse,
          categorie: null
        },
        sums: (j) =>
          (risico ? [BRANCHE_ALLE, BRANCHE_RISICO] : [BRANCHE_ALLE]).flatMap((b) => [
            [declared.ref("vestigingen", gem, b, null, j)],
            [declared.ref("vestigingen-wijk", wijk, b, null, j)],
            ...(s ? [[declared.ref(`vestigingen-${s}`, gem, b, null, j)]] : []),
            ...(terrein ? [[declared.ref("bt-vestigingen", terrein, b, null, j)]] : [])
          ])
      }));
    }
    declareParts(
      "vestigingen-delen",
      "Vestigingen naar wijk, terrein en buitengebied (verborgen delen)",
      "vestigingen",
      everyYear(combos, jaren),
      out
    );

    if (terreinen)
      for (const [src, table, btTable, wat] of [
        ["_v_starts", "vestigingen-starts", "bt-starts", "Nieuwe"],
        ["_v_stops", "vestigingen-stops", "bt-stops", "Opgeheven"]
      ] as const) {
        const flows = new Map<string, Combo>();
        const flowCombo = (gem: string, terrein: string | null): Omit<Combo, "values"> => {
          return {
            cell: {
              gebiedcode: `${gem}|${terrein ?? "-"}`,
              gebiedniveau: "gemeente",
              bovenliggend: null,
              branche: null,
              categorie: null
            },
            sums: (j) => [
              [declared.ref(table, gem, BRANCHE_ALLE, null, j)],
              ...(terrein ? [[declared.ref(btTable, terrein, BRANCHE_ALLE, null, j)]] : [])
            ]
          };
        };
        // Every terrein of a gemeente, and the rest of it, whether or not it had a flow.
        for (const t of ctx.bronmap.areas.bedrijventerreinen) {
          seen(flows, `${t.gemeentecode}|${t.code}`, jaren[0], 0, () => flowCombo(t.gemeentecode, t.code));
          seen(flows, `${t.gemeentecode}|-`, jaren[0], 0, () => flowCombo(t.gemeentecode, null));
        }
        for (const [g, bt, jaar, n] of await rows(
          c,
          `SELECT g, bt, jaar, sum(n) FROM ${src} GROUP BY ALL ORDER BY ALL`
        )) {
          const gem = String(g);
          const terrein = bt === null ? null : String(bt);
          seen(flows, `${gem}|${terrein ?? "-"}`, Number(jaar), Number(n), () => flowCombo(gem, terrein));
        }
        declareParts(
          `${table}-delen`,
          `${wat} vestigingen naar terrein (verborgen delen)`,
          "vestigingen",
          everyYear(flows, jaren),
          out
        );
      }
  }

  if (ctx.has("signalen")) {
    const [y0, y1] = [jaren[0], jaren[jaren.length - 1]];
    const combos = new Map<string, Combo>();
    for (const [g, w, b, bg, bt, jaar, n] of await rows(
      c,
      `SELECT gemeentecode, wijkcode, buurtcode, buitengebied, bedrijventerrein, year(datum)::INTEGER, count(*)
       FROM signalen WHERE year(datum) BETWEEN ${y0} AND ${y1} GROUP BY ALL ORDER BY ALL`
    )) {
      const gem = String(g);
      const wijk = w === null ? null : String(w);
      const buurt = b === null ? null : String(b);
      const terrein = bt === null ? null : String(bt);
      const s = side(bg);
      const niveau: GebiedNiveau = buurt ? "buurt" : wijk ? "wijk" : "gemeente";
      const categorie = `${gem}|${wijk ?? "-"}|${terrein ?? "-"}|${s ?? "-"}`;
      seen(combos, `${buurt ?? wijk ?? gem}|${categorie}`, Number(jaar), Number(n), () => ({
        cell: {
          gebiedcode: `${buurt ?? wijk ?? gem}|${categorie}`,
          gebiedniveau: niveau,
          bovenliggend: null,
          branche: null,
          categorie: null
        },
        sums: (j) => [
          [declared.ref("signalen", gem, null, null, j)],
          ...(wijk ? [[declared.ref("signalen", wijk, null, null, j)]] : []),
          ...(buurt ? [[declared.ref("signalen", buurt, null, null, j)]] : []),
          ...(s ? [SIGNAAL_CATEGORIEEN.map((cat) => declared.ref(`signalen-${s}`, gem, null, cat, j))] : []),
          ...(terrein ? [[declared.ref("bt-signalen", terrein, null, null, j)]] : [])
        ]
      }));
    }
    declareParts(
      "signalen-delen",
      "Signalen naar buurt, terrein en buitengebied (verborgen delen)",
      "signalen",
      everyYear(combos, jaren),
      out
    );
  }
  return out;
}
