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
 *
 * Nationally this is 2 million declared cells and 200,000 relations, so the bookkeeping works on
 * numbers: a published cell is found once per combination and row (area, branch, category) with
 * a bit mask of the years it exists in, a sum of cells gets a number, and a relation is keyed on
 * (sum, year). Earlier versions built a string key and a new reference object per part, sum and
 * year, which took 20 s nationally; the parts, cells and relations (and their order) are the same.
 */
import {cellRef} from "../disclosure/gate.ts";
import type {CellRef, CountCell, GebiedNiveau, Relation, TableDeclaration} from "../disclosure/gate.ts";
import {BRANCHE_ALLE, BRANCHE_RISICO, SIGNAAL_CATEGORIEEN} from "./catalogue.ts";
import {columns, emptyParts, type GateParts, type PipelineContext} from "./context.ts";

/** Branch class of an establishment part: a risk branch or any other. */
const OVERIG = "overig";

/** A published cell without its year: table, area code, branch, category. */
type Row = readonly [table: string, code: string, branche: string | null, categorie: string | null];

/**
 * The declared cells of the tables the parts are tied to, by row (table, area, branch, category)
 * and year index, with one shared reference per cell. A table is indexed on first use.
 */
class DeclaredCells {
  /**
   * Row number by table, then by code, branch and category (null and "" alike): nested maps keyed
   * on the cells' own strings, so that indexing a table builds no key string per cell.
   */
  private rowIds = new Map<string, Map<string, Map<string, Map<string, number>>>>();
  /** Per row and year index, the cell (row * years + year index). */
  private cells: (CountCell | undefined)[] = [];
  /** Per row and year index, its reference (made on first use). */
  private refs: (CellRef | undefined)[] = [];
  private tableOf: string[] = [];
  /** Per row, bit y set when the cell of year index y is declared. */
  private masks: number[] = [];
  /** Sum number by its rows (`"3,17"`), and per sum its rows and year mask. */
  private sumIds = new Map<string, number>();
  readonly sumRows: number[][] = [];
  readonly sumMask: number[] = [];
  private readonly y0: number;
  private readonly all: number;

  constructor(
    private readonly tables: readonly TableDeclaration[],
    private readonly jaren: readonly number[]
  ) {
    // The published years are consecutive (context.ts, publishedYears); at most 31 fit a mask.
    if (jaren.length > 31) throw new Error(`Verborgen delen: ${jaren.length} jaren, hoogstens 31`);
    this.y0 = jaren[0];
    this.all = jaren.length === 31 ? 0x7fffffff : (1 << jaren.length) - 1;
  }

  private index(table: string): Map<string, Map<string, Map<string, number>>> {
    let ids = this.rowIds.get(table);
    if (ids) return ids;
    ids = new Map();
    this.rowIds.set(table, ids);
    const n = this.jaren.length;
    for (const c of this.tables.find((t) => t.id === table)?.cells ?? []) {
      const y = c.jaar - this.y0;
      if (y < 0 || y >= n || this.jaren[y] !== c.jaar) continue;
      let perBranche = ids.get(c.gebiedcode);
      if (!perBranche) ids.set(c.gebiedcode, (perBranche = new Map()));
      let perCategorie = perBranche.get(c.branche ?? "");
      if (!perCategorie) perBranche.set(c.branche ?? "", (perCategorie = new Map()));
      let r = perCategorie.get(c.categorie ?? "");
      if (r === undefined) {
        perCategorie.set(c.categorie ?? "", (r = this.masks.length));
        this.masks.push(0);
        this.tableOf.push(table);
        for (let j = 0; j < n; j++) {
          this.cells.push(undefined);
          this.refs.push(undefined);
        }
      }
      // The last declaration of a key wins, as in a map by key.
      this.cells[r * n + y] = c;
      this.masks[r] |= 1 << y;
    }
    return ids;
  }

  /** Row number of a row, or -1 when its table or row is not declared in any year. */
  row([table, code, branche, categorie]: Row): number {
    return (
      this.index(table)
        .get(code)
        ?.get(branche ?? "")
        ?.get(categorie ?? "") ?? -1
    );
  }

  /** Number of a sum of rows (the same rows in the same order get the same number). */
  sum(rowList: readonly Row[]): number {
    const ids = rowList.map((r) => this.row(r));
    const k = ids.join(",");
    let s = this.sumIds.get(k);
    if (s === undefined) {
      this.sumIds.set(k, (s = this.sumRows.length));
      this.sumRows.push(ids);
      let mask = ids.length > 0 ? this.all : 0;
      for (const r of ids) mask &= r < 0 ? 0 : this.masks[r];
      this.sumMask.push(mask);
    }
    return s;
  }

  /** Reference to the cell of row `r` in year index `y` (declared: see the masks). */
  ref(r: number, y: number): CellRef {
    const i = r * this.jaren.length + y;
    let ref = this.refs[i];
    if (!ref) {
      const c = this.cells[i] as CountCell;
      this.refs[i] = ref = cellRef(this.tableOf[r], c);
    }
    return ref;
  }
}

/**
 * One kind of part, seen in the data: `cell` names it without the year; every combination seen
 * in any year gets a part in every published year, 0 where it has no records that year. An
 * outsider cannot tell a part that is empty this year from one that has records, so the audit
 * must not assume it is 0 (a wrongly pinned part once pinned a gemeente's starts through the
 * stock-flow relation, and the gate then hid key totals to protect it). `sums` are the published
 * sums (numbers of `DeclaredCells.sum`) the part is a term of, in every year the sum is declared.
 */
interface Combo {
  cell: Omit<CountCell, "jaar" | "value">;
  sums: number[];
  values: Map<number, number>;
}

/** Adds a row to its combination (created with `make` the first time). */
function seen(
  combos: Map<string, Combo>,
  id: string,
  jaar: number,
  n: number,
  make: () => Omit<Combo, "values">
): Combo {
  let combo = combos.get(id);
  if (!combo) combos.set(id, (combo = {...make(), values: new Map()}));
  add(combo, jaar, n);
  return combo;
}

/** Adds a row to a combination already found. */
function add(combo: Combo, jaar: number, n: number): void {
  combo.values.set(jaar, (combo.values.get(jaar) ?? 0) + n);
}

/**
 * Whether row `i` has the same values as row `i - 1` in every column of `cols`. The queries below
 * are sorted on their combination columns first, so the rows of one combination come one after
 * the other: such a row goes to the combination of the row before it, without building its
 * identity string and looking it up again (the same combination it would find).
 */
function sameAsBefore(cols: readonly unknown[][], i: number): boolean {
  if (i === 0) return false;
  for (const col of cols) if (col[i] !== col[i - 1]) return false;
  return true;
}

/**
 * The hidden table of the parts of `combos` (every combination in every year, combination by
 * combination) and one relation per published sum and year: `sum - parts = 0`. A sum with an
 * undeclared cell in a year is left out that year (its table is not published on that level). A
 * part that is the only part of a published cell (a buurt whose signals all lie outside
 * terreinen and in the kern) is that cell: it is not declared, and the cell stands in for it in
 * its other relations. That changes nothing an outsider or the audit knows (same value, same
 * threshold, same relations) and keeps the hidden tables, and the audit's work, to the parts
 * that differ.
 */
function declareParts(
  id: string,
  title: string,
  unitKind: "vestigingen" | "signalen",
  combos: Map<string, Combo>,
  declared: DeclaredCells,
  jaren: readonly number[],
  out: GateParts
): void {
  const nj = jaren.length;
  const list = [...combos.values()];
  if (list.length === 0) return;
  // Relations in order of first use (part by part, each part's sums in order), keyed on sum and
  // year: an array over all sums and years rather than a map (millions of look-ups nationally).
  const relOf = new Int32Array(declared.sumRows.length * nj).fill(-1);
  const relSum: number[] = [];
  const relYear: number[] = [];
  const relParts: number[][] = [];
  for (let ci = 0; ci < list.length; ci++) {
    const sums = list[ci].sums;
    for (let y = 0; y < nj; y++) {
      const p = ci * nj + y;
      for (const s of sums) {
        if (((declared.sumMask[s] >> y) & 1) === 0) continue;
        const k = s * nj + y;
        let r = relOf[k];
        if (r < 0) {
          relOf[k] = r = relSum.length;
          relSum.push(s);
          relYear.push(y);
          relParts.push([]);
        }
        relParts[r].push(p);
      }
    }
  }
  // Parts that are one published cell: the (first) relation that says so, by part.
  const twin = new Int32Array(list.length * nj).fill(-1);
  for (let r = 0; r < relSum.length; r++) {
    const p = relParts[r];
    if (declared.sumRows[relSum[r]].length === 1 && p.length === 1 && twin[p[0]] < 0) twin[p[0]] = r;
  }
  const cells: CountCell[] = [];
  const partRefs: (CellRef | undefined)[] = new Array(list.length * nj);
  for (let ci = 0; ci < list.length; ci++) {
    const combo = list[ci];
    for (let y = 0; y < nj; y++) {
      const p = ci * nj + y;
      if (twin[p] >= 0) continue;
      const jaar = jaren[y];
      const k = combo.cell;
      // A literal of fixed shape rather than a spread (2 million cells nationally).
      const cell: CountCell = {
        gebiedcode: k.gebiedcode,
        gebiedniveau: k.gebiedniveau,
        bovenliggend: k.bovenliggend,
        branche: k.branche,
        categorie: k.categorie,
        jaar,
        value: combo.values.get(jaar) ?? 0
      };
      cells.push(cell);
      partRefs[p] = cellRef(id, cell);
    }
  }
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
  const refOf = (p: number): CellRef => {
    const r = twin[p];
    return r >= 0 ? declared.ref(declared.sumRows[relSum[r]][0], relYear[r]) : (partRefs[p] as CellRef);
  };
  // One term object per part, shared by all the relations it is in (the gate only reads terms):
  // nationally a part is in up to eight relations.
  const partTerms: (Relation["terms"][number] | undefined)[] = new Array(list.length * nj);
  const termOf = (p: number) => (partTerms[p] ??= {cell: refOf(p), coef: -1});
  const groups = new Map<string, string>();
  for (let r = 0; r < relSum.length; r++) {
    const parts = relParts[r];
    // The relation that says a twin equals its cell says nothing once the cell stands in for it.
    if (parts.length === 1 && twin[parts[0]] === r) continue;
    const y = relYear[r];
    const left = declared.sumRows[relSum[r]].map((row) => declared.ref(row, y));
    const first = left[0];
    let group = groups.get(first.table);
    if (group === undefined)
      groups.set(
        first.table,
        (group = `${first.table} = som van de verborgen delen (${title.toLowerCase()})`)
      );
    const terms: Relation["terms"] = left.map((cell) => ({cell, coef: 1}));
    for (const p of parts) terms.push(termOf(p));
    out.links.push({
      label: `${first.table} ${first.gebiedcode} ${first.jaar} = som van de verborgen delen`,
      group,
      sense: "=",
      terms
    });
  }
}

const side = (bg: unknown) => (bg === true ? "buitengebied" : bg === false ? "kern" : null);

/**
 * The DuckDB tables `computeDoorsneden` reads. It runs last, and the pipeline drops every other
 * table before it (compute.ts): a query on a table not listed here fails loudly.
 */
export const DOORSNEDEN_BRONNEN: readonly string[] = ["_v_stock", "_v_starts", "_v_stops", "signalen"];

/** The hidden parts and their relations, given the tables the other modules declared. */
export async function computeDoorsneden(
  ctx: PipelineContext,
  tables: readonly TableDeclaration[]
): Promise<GateParts> {
  const out = emptyParts();
  const {jaren} = ctx;
  if (jaren.length === 0) return out;
  const c = ctx.connection;
  const declared = new DeclaredCells(tables, jaren);
  const terreinen = ctx.bronmap.areas.bedrijventerreinen.length > 0;
  const sums = (list: Row[][]) => list.map((s) => declared.sum(s));

  if (ctx.has("vestigingen")) {
    const combos = new Map<string, Combo>();
    const [G, W, BT, BG, RISICO, JAAR, N] = await columns(
      c,
      `SELECT g, w, bt, bg, branche IS NOT NULL, jaar, sum(n)::INTEGER FROM _v_stock GROUP BY ALL ORDER BY ALL`,
      7
    );
    const keyCols = [G, W, BT, BG, RISICO];
    let last: Combo | undefined;
    for (let i = 0; i < G.length; i++) {
      const g = G[i],
        w = W[i],
        bt = BT[i],
        bg = BG[i],
        risico = RISICO[i],
        jaar = JAAR[i],
        n = N[i];
      if (last && sameAsBefore(keyCols, i)) {
        add(last, Number(jaar), Number(n));
        continue;
      }
      const gem = String(g);
      const wijk = w === null ? `${gem}-ONBEKEND` : String(w);
      const terrein = bt === null ? null : String(bt);
      const s = side(bg);
      const klasse = risico ? BRANCHE_RISICO : OVERIG;
      const categorie = `${gem}|${terrein ?? "-"}|${s ?? "-"}`;
      last = seen(combos, `${wijk}|${klasse}|${categorie}`, Number(jaar), Number(n), () => ({
        cell: {
          gebiedcode: `${wijk}|${categorie}`,
          gebiedniveau: "wijk",
          bovenliggend: null,
          branche: klasse,
          categorie: null
        },
        sums: sums(
          (risico ? [BRANCHE_ALLE, BRANCHE_RISICO] : [BRANCHE_ALLE]).flatMap((b): Row[][] => [
            [["vestigingen", gem, b, null]],
            [["vestigingen-wijk", wijk, b, null]],
            ...(s ? [[[`vestigingen-${s}`, gem, b, null] as const]] : []),
            ...(terrein ? [[["bt-vestigingen", terrein, b, null] as const]] : [])
          ])
        )
      }));
    }
    declareParts(
      "vestigingen-delen",
      "Vestigingen naar wijk, terrein en buitengebied (verborgen delen)",
      "vestigingen",
      combos,
      declared,
      jaren,
      out
    );

    if (terreinen)
      for (const [src, table, btTable, wat] of [
        ["_v_starts", "vestigingen-starts", "bt-starts", "Nieuwe"],
        ["_v_stops", "vestigingen-stops", "bt-stops", "Opgeheven"]
      ] as const) {
        const flows = new Map<string, Combo>();
        const flowCombo = (gem: string, terrein: string | null): Omit<Combo, "values"> => ({
          cell: {
            gebiedcode: `${gem}|${terrein ?? "-"}`,
            gebiedniveau: "gemeente",
            bovenliggend: null,
            branche: null,
            categorie: null
          },
          sums: sums([
            [[table, gem, BRANCHE_ALLE, null]],
            ...(terrein ? [[[btTable, terrein, BRANCHE_ALLE, null] as const]] : [])
          ])
        });
        // Every terrein of a gemeente, and the rest of it, whether or not it had a flow.
        for (const t of ctx.bronmap.areas.bedrijventerreinen) {
          seen(flows, `${t.gemeentecode}|${t.code}`, jaren[0], 0, () => flowCombo(t.gemeentecode, t.code));
          seen(flows, `${t.gemeentecode}|-`, jaren[0], 0, () => flowCombo(t.gemeentecode, null));
        }
        const [G, BT, JAAR, N] = await columns(
          c,
          `SELECT g, bt, jaar, sum(n)::INTEGER FROM ${src} GROUP BY ALL ORDER BY ALL`,
          4
        );
        const keyCols = [G, BT];
        let last: Combo | undefined;
        for (let i = 0; i < G.length; i++) {
          const g = G[i],
            bt = BT[i],
            jaar = JAAR[i],
            n = N[i];
          if (last && sameAsBefore(keyCols, i)) {
            add(last, Number(jaar), Number(n));
            continue;
          }
          const gem = String(g);
          const terrein = bt === null ? null : String(bt);
          last = seen(flows, `${gem}|${terrein ?? "-"}`, Number(jaar), Number(n), () =>
            flowCombo(gem, terrein)
          );
        }
        declareParts(
          `${table}-delen`,
          `${wat} vestigingen naar terrein (verborgen delen)`,
          "vestigingen",
          flows,
          declared,
          jaren,
          out
        );
      }
  }

  if (ctx.has("signalen")) {
    const [y0, y1] = [jaren[0], jaren[jaren.length - 1]];
    const combos = new Map<string, Combo>();
    const [G, W, B, BG, BT, JAAR, N] = await columns(
      c,
      `SELECT gemeentecode, wijkcode, buurtcode, buitengebied, bedrijventerrein, year(datum)::INTEGER, count(*)::INTEGER
       FROM signalen WHERE year(datum) BETWEEN ${y0} AND ${y1} GROUP BY ALL ORDER BY ALL`,
      7
    );
    const keyCols = [G, W, B, BG, BT];
    let last: Combo | undefined;
    for (let i = 0; i < G.length; i++) {
      const g = G[i],
        w = W[i],
        b = B[i],
        bg = BG[i],
        bt = BT[i],
        jaar = JAAR[i],
        n = N[i];
      if (last && sameAsBefore(keyCols, i)) {
        add(last, Number(jaar), Number(n));
        continue;
      }
      const gem = String(g);
      const wijk = w === null ? null : String(w);
      const buurt = b === null ? null : String(b);
      const terrein = bt === null ? null : String(bt);
      const s = side(bg);
      const niveau: GebiedNiveau = buurt ? "buurt" : wijk ? "wijk" : "gemeente";
      const categorie = `${gem}|${wijk ?? "-"}|${terrein ?? "-"}|${s ?? "-"}`;
      last = seen(combos, `${buurt ?? wijk ?? gem}|${categorie}`, Number(jaar), Number(n), () => ({
        cell: {
          gebiedcode: `${buurt ?? wijk ?? gem}|${categorie}`,
          gebiedniveau: niveau,
          bovenliggend: null,
          branche: null,
          categorie: null
        },
        sums: sums([
          [["signalen", gem, null, null]],
          ...(wijk ? [[["signalen", wijk, null, null] as const]] : []),
          ...(buurt ? [[["signalen", buurt, null, null] as const]] : []),
          ...(s ? [SIGNAAL_CATEGORIEEN.map((cat): Row => [`signalen-${s}`, gem, null, cat])] : []),
          ...(terrein ? [[["bt-signalen", terrein, null, null] as const]] : [])
        ])
      }));
    }
    declareParts(
      "signalen-delen",
      "Signalen naar buurt, terrein en buitengebied (verborgen delen)",
      "signalen",
      combos,
      declared,
      jaren,
      out
    );
  }
  return out;
}
