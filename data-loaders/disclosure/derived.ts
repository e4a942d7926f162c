/**
 * Derived values (privacy.md rules 4 and 5): rates, shares, indexes and means inherit the
 * suppression of every cell they rest on by construction: the compute function is only called
 * with values of published cells, and a derived cell whose base is suppressed is null with the
 * reason beside it. Shares also pass group disclosure (a >= k and N - a >= k).
 */
import {PRIMARY, PUBLISHED, RULE_THRESHOLD, type PrimaryResult} from "./primary.ts";
import {brand, type PublishedTable} from "./published.ts";
import type {TableModel} from "./table-model.ts";
import {thresholdFor} from "./thresholds.ts";
import type {DerivedCell, DerivedDeclaration, PublishedCell, TableReport, Thresholds} from "./types.ts";

/**
 * Results per derived cell object, shared by the declarations of one gate run: copies of a
 * declaration (e.g. the briefing tables per gemeente) reuse the same cell objects, and a cell's
 * published form depends only on the cell and the declaration's recipe (kind, scale, decimals,
 * compute), so it is computed once and the same published cell object is shared.
 */
export type DerivedMemo = Map<unknown, Map<DerivedCell, PublishedCell>>;

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
  memo?: DerivedMemo
): {table: PublishedTable; report: TableReport} {
  const decimals = declaration.decimals ?? 1;
  const scale = declaration.scale ?? 1;
  if (declaration.kind === "custom" && !declaration.compute)
    throw new Error(`Afgeleide tabel ${declaration.id}: compute ontbreekt`);
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
  // The published form of a cell; one object literal, so that a national build (millions of
  // derived cells) makes no intermediate objects or arrays per cell.
  const make = (
    cell: DerivedCell,
    waarde: number | null,
    status: PublishedCell["status"],
    reden: string | null
  ): PublishedCell => ({
    gebiedcode: cell.gebiedcode,
    gebiedniveau: cell.gebiedniveau,
    bovenliggend: cell.bovenliggend ?? null,
    branche: cell.branche ?? null,
    categorie: cell.categorie ?? null,
    jaar: cell.jaar,
    waarde,
    status,
    reden
  });
  const baseIndex = (cell: DerivedCell, k: number): number => {
    const ref = cell.bases[k];
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
  const derive = (cell: DerivedCell): PublishedCell => {
    const nb = cell.bases.length;
    // First pass: every base must exist; note a suppressed one (a threshold cell first).
    let firstSuppressed = -1;
    let threshold = -1;
    let noData = false;
    for (let k = 0; k < nb; k++) {
      const i = (idx[k] = baseIndex(cell, k));
      if (primary.status[i] !== PUBLISHED) {
        if (firstSuppressed < 0) firstSuppressed = i;
        if (threshold < 0 && primary.status[i] === PRIMARY && primary.rule[i] === RULE_THRESHOLD)
          threshold = i;
      } else if (Number.isNaN(published[i])) noData = true;
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
  // The recipe: everything besides the cell that decides its published form.
  const recipe =
    declaration.kind === "custom" ? declaration.compute : `${declaration.kind}|${scale}|${decimals}`;
  let cache = memo?.get(recipe);
  if (memo && !cache) memo.set(recipe, (cache = new Map()));
  const cellen: PublishedCell[] = new Array(declaration.cells.length);
  declaration.cells.forEach((cell, n) => {
    report.cellen++;
    let r = cache?.get(cell);
    if (!r) {
      r = derive(cell);
      cache?.set(cell, r);
    }
    if (r.status === "onderdrukt") report.onderdruktAfgeleid++;
    else if (r.status === "geen-data") report.geenData++;
    else report.gepubliceerd++;
    cellen[n] = r;
  });
  const table = brand<PublishedTable>(
    {
      schemaVersion: 1,
      id: declaration.id,
      titel: declaration.title,
      soort: "afgeleid",
      eenheidSoort: null,
      eenheid: declaration.eenheid,
      dimensies: ["gebied", "branche", "jaar"],
      cellen
    },
    "PublishedTable"
  );
  return {table, report};
}
