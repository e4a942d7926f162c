/**
 * Derived values (privacy.md rules 4 and 5): rates, shares, indexes and means inherit the
 * suppression of every cell they rest on by construction: the compute function is only called
 * with values of published cells, and a derived cell whose base is suppressed is null with the
 * reason beside it. Shares also pass group disclosure (a >= k and N - a >= k). A cell may name
 * alternative base sets (the wijk's counts when the buurt's are suppressed), and a custom table
 * may compute over all its cells at once (`computeTable`, e.g. a standardisation by the median):
 * both see published values only.
 */
import {PRIMARY, PUBLISHED, RULE_THRESHOLD, type PrimaryResult} from "./primary.ts";
import {brandStoredTable, PublishedCellStore, type PublishedTable} from "./published.ts";
import type {TableModel} from "./table-model.ts";
import {thresholdFor} from "./thresholds.ts";
import type {
  CellRef,
  DerivedCell,
  DerivedDeclaration,
  DerivedRow,
  PublishedCell,
  TableReport,
  Thresholds
} from "./types.ts";

/**
 * Results per derived cell object, shared by the declarations of one gate run: copies of a
 * declaration (e.g. the briefing tables per gemeente) reuse the same cell objects, and a cell's
 * published form depends only on the cell and the declaration's recipe (kind, scale, decimals,
 * compute), so it is computed once and the same published cell (its id in the gate's
 * `PublishedCellStore`) is shared.
 */
export interface DerivedMemo {
  /** By recipe (see `computeDerived`): the published cell of each derived cell. */
  readonly recipes: Map<unknown, RecipeMemo>;
  /**
   * By cell list: the base pass of a table step (`computeTable`), which depends on the cells only,
   * not on the step. Declarations over the same list (the signal z-scores and the index computed
   * from them) share it: each cell's bases are looked up once, and a cell without usable bases
   * is one published cell.
   */
  readonly tablePasses: Map<readonly DerivedCell[], TablePass>;
}

/**
 * The derived cells of one recipe, in the order they were first seen, with their published
 * cells. Copies take runs of their source's cells in its order (a gemeente's cells, the regio's,
 * the last two years), so the next cell of a copy is mostly the one after the previous cell here:
 * that is one comparison instead of a `Map` lookup (nationally 2.3 million of 3.5 million).
 */
interface RecipeMemo {
  /** Position in `cells` of each cell. */
  readonly index: Map<DerivedCell, number>;
  readonly cells: DerivedCell[];
  /** The published cell of `cells[k]`. */
  readonly ids: number[];
}

/** The base pass of a table step: per cell, its published cell (-1: it has a row), and its row. */
interface TablePass {
  readonly ids: Int32Array;
  readonly rows: readonly (DerivedRow | null)[];
}

/** An empty memo for one gate run. */
export function derivedMemo(): DerivedMemo {
  return {recipes: new Map(), tablePasses: new Map()};
}

function roundTo(v: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}

/** Computes one derived table from the published values of its base cells. */
export function computeDerived(
  declaration: DerivedDeclaration,
  model: TableModel,
  primary: PrimaryResult,
  published: Float64Array,
  thresholds: Thresholds,
  memo?: DerivedMemo,
  store: PublishedCellStore = new PublishedCellStore()
): {table: PublishedTable; report: TableReport} {
  const decimals = declaration.decimals ?? 1;
  const scale = declaration.scale ?? 1;
  if (declaration.kind === "custom" && !declaration.compute && !declaration.computeTable)
    throw new Error(`Afgeleide tabel ${declaration.id}: compute ontbreekt`);
  if (declaration.kind !== "custom" && declaration.cells.some((c) => c.alternatives))
    throw new Error(`Afgeleide tabel ${declaration.id}: alternatieve basiscellen alleen bij custom`);
  if (declaration.kind !== "custom" && declaration.cells.some((c) => c.bases.length !== 2)) {
    throw new Error(
      `Afgeleide tabel ${declaration.id}: een ${declaration.kind} heeft precies twee basiscellen (teller, noemer)`
    );
  }
  const report: TableReport = {
    id: declaration.id,
    titel: declaration.title,
    soort: "afgeleid",
    eenheid: declaration.eenheid,
    drempel: "erft de onderdrukking van de onderliggende tellingen",
    cellen: 0,
    gepubliceerd: 0,
    onderdruktPrimair: 0,
    onderdruktSecundair: 0,
    onderdruktAfgeleid: 0,
    afgerond: 0,
    geenData: 0,
    audit: {gecontroleerd: 0, geslaagd: true, kleinsteBreedte: null}
  };
  // The published form of a cell, as its id in the store's columns (published.ts): a national
  // build has millions of derived cells, and no object is made for them in the gate.
  const make = (
    cell: DerivedCell,
    waarde: number | null,
    status: PublishedCell["status"],
    reden: string | null
  ): number => store.add(cell, waarde, status, reden);
  const baseIndex = (ref: CellRef): number => {
    const i = model.find(ref);
    if (i < 0) {
      throw new Error(
        `Afgeleide tabel ${declaration.id}: basiscel ${ref.table} / ${ref.gebiedcode} / ${ref.branche ?? ""} / ${ref.jaar} is niet gedeclareerd`
      );
    }
    return i;
  };
  // Model indices of the current cell's bases: one lookup per base, reused for every derived cell.
  const idx: number[] = [];
  // Which base set of the current cell is used (0 = `bases`), set by `derive`.
  let usedAlternative = 0;
  const derive = (cell: DerivedCell): number => {
    // First pass: every base must exist; note a suppressed one (a threshold cell first). With
    // alternatives, the first base set that is published with data is used; when there is none,
    // the first set's outcome is reported, except that a set that fails only for missing data
    // makes the cell "geen-data" (its bases are published: nothing is suppressed about it).
    let firstSuppressed = -1;
    let threshold = -1;
    let noData = false;
    let nb = 0;
    // The base sets are `bases` and then the alternatives (no array of them per cell).
    const alternatives = cell.alternatives;
    const setCount = alternatives ? alternatives.length + 1 : 1;
    let anyNoDataOnly = false;
    for (let s = 0; s < setCount; s++) {
      const set = s === 0 ? cell.bases : alternatives![s - 1]!;
      let sup = -1;
      let thr = -1;
      let nd = false;
      for (let k = 0; k < set.length; k++) {
        const i = (idx[k] = baseIndex(set[k]!));
        if (primary.status[i] !== PUBLISHED) {
          if (sup < 0) sup = i;
          if (thr < 0 && primary.status[i] === PRIMARY && primary.rule[i] === RULE_THRESHOLD) thr = i;
        } else if (Number.isNaN(published[i])) nd = true;
      }
      if (s === 0) {
        firstSuppressed = sup;
        threshold = thr;
        noData = nd;
      }
      if (sup < 0 && nd) anyNoDataOnly = true;
      if (sup < 0 && !nd) {
        firstSuppressed = -1;
        noData = false;
        nb = set.length;
        usedAlternative = s;
        break;
      }
      if (s === setCount - 1) {
        // None usable: restore the indices of the first set for the outcome below.
        nb = cell.bases.length;
        if (s > 0) for (let k = 0; k < nb; k++) idx[k] = baseIndex(cell.bases[k]!);
        if (anyNoDataOnly) {
          firstSuppressed = -1;
          noData = true;
        }
      }
    }
    if (firstSuppressed >= 0) {
      const reden =
        threshold >= 0
          ? `onderdrukt: telling < ${thresholdFor(model.tables[model.tableOf[threshold]].unitKind, thresholds)}`
          : "onderdrukt: afgeleid van onderdrukte cel";
      return make(cell, null, "onderdrukt", reden);
    }
    // Only values of published cells exist from here on: the compute step cannot see a suppressed count.
    if (noData) return make(cell, null, "geen-data", "geen gegevens voor een onderliggend cijfer");
    let v: number;
    if (declaration.kind === "custom") {
      const values = new Array<number>(nb);
      for (let k = 0; k < nb; k++) values[k] = published[idx[k]!];
      if (declaration.computeTable) {
        // Collected; the table step below gives the value (no published cell yet).
        row = {values, alternative: usedAlternative};
        return -1;
      }
      v = (declaration.compute as (b: readonly number[]) => number)(values);
    } else {
      const a = idx[0]!;
      const b = idx[1]!;
      if (declaration.kind === "share") {
        const k = thresholdFor(model.tables[model.tableOf[a]].unitKind, thresholds);
        // Group disclosure is judged on the true counts: the test itself publishes only a yes/no.
        if (model.value[a] < k || model.value[b] - model.value[a] < k) {
          return make(
            cell,
            null,
            "onderdrukt",
            `onderdrukt: groepsonthulling (minder dan ${k} met of zonder kenmerk)`
          );
        }
      }
      if (published[b] === 0) return make(cell, null, "geen-data", "noemer is 0");
      v = (scale * published[a]) / published[b];
    }
    if (!Number.isFinite(v)) return make(cell, null, "geen-data", "niet te berekenen");
    return make(cell, roundTo(v, decimals), "", null);
  };
  // The base values of the last cell `derive` gave -1 for (a cell of a table step).
  let row: DerivedRow | null = null;
  const cellen = new Int32Array(declaration.cells.length);
  const computeTable = declaration.computeTable;
  if (!computeTable) {
    // The recipe: everything besides the cell that decides its published form.
    const recipe =
      declaration.kind === "custom" ? declaration.compute : `${declaration.kind}|${scale}|${decimals}`;
    let cache = memo?.recipes.get(recipe);
    if (memo && !cache) memo.recipes.set(recipe, (cache = {index: new Map(), cells: [], ids: []}));
    if (!cache) declaration.cells.forEach((cell, n) => (cellen[n] = derive(cell)));
    else {
      const {index, cells, ids} = cache;
      // Where the previous cell is in `cells`.
      let at = -1;
      declaration.cells.forEach((cell, n) => {
        if (at + 1 < cells.length && cells[at + 1] === cell) at++;
        else {
          const known = index.get(cell);
          if (known !== undefined) at = known;
          else {
            at = cells.length;
            cells.push(cell);
            ids.push(derive(cell));
            index.set(cell, at);
          }
        }
        cellen[n] = ids[at]!;
      });
    }
  } else {
    // A table step depends on every cell of the table, so its values are never shared through
    // the memo; its base pass is (see `DerivedMemo.tablePasses`), for a custom table only (the
    // outcome of a rate or share with a table step depends on its kind, scale and decimals too).
    const passes = declaration.kind === "custom" ? memo?.tablePasses : undefined;
    let pass = passes?.get(declaration.cells);
    if (!pass) {
      const ids = new Int32Array(declaration.cells.length);
      const rows = new Array<DerivedRow | null>(declaration.cells.length);
      declaration.cells.forEach((cell, n) => {
        row = null;
        ids[n] = derive(cell);
        rows[n] = ids[n] < 0 ? row : null;
      });
      pass = {ids, rows};
      passes?.set(declaration.cells, pass);
    }
    cellen.set(pass.ids);
    const out = computeTable(pass.rows.slice(), declaration.cells);
    pass.rows.forEach((r, n) => {
      if (r === null) return;
      const cell = declaration.cells[n]!;
      const v = out[n];
      cellen[n] =
        typeof v === "string"
          ? make(cell, null, "geen-data", v)
          : v === undefined || !Number.isFinite(v)
            ? make(cell, null, "geen-data", "niet te berekenen")
            : make(cell, roundTo(v, decimals), "", null);
    });
  }
  cellen.forEach((r) => {
    const status = store.statusOf(r);
    report.cellen++;
    if (status === "onderdrukt") report.onderdruktAfgeleid++;
    else if (status === "geen-data") report.geenData++;
    else report.gepubliceerd++;
  });
  const table = brandStoredTable(
    {
      schemaVersion: 1,
      id: declaration.id,
      titel: declaration.title,
      soort: "afgeleid",
      eenheidSoort: null,
      eenheid: declaration.eenheid,
      dimensies: ["gebied", "branche", "jaar"]
    },
    store,
    cellen
  );
  return {table, report};
}
