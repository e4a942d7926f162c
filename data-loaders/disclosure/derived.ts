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

/** Outcome of one derived cell, for the table report. */
const PUBLISHED_CELL = 0;
const SUPPRESSED_CELL = 1;
const NO_DATA_CELL = 2;

/**
 * Results per derived cell object, shared by the declarations of one gate run: copies of a
 * declaration (e.g. the briefing tables per gemeente) reuse the same cell objects, and a cell's
 * published form depends only on the cell and the declaration's recipe (kind, scale, decimals,
 * compute), so it is computed once and the same published cell object is shared.
 */
export type DerivedMemo = Map<unknown, Map<DerivedCell, {cell: PublishedCell; outcome: number}>>;

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
  const derive = (cell: DerivedCell): {cell: PublishedCell; outcome: number} => {
    const key = {
      gebiedcode: cell.gebiedcode,
      gebiedniveau: cell.gebiedniveau,
      bovenliggend: cell.bovenliggend ?? null,
      branche: cell.branche ?? null,
      categorie: cell.categorie ?? null,
      jaar: cell.jaar
    };
    const bases = cell.bases.map((ref) => {
      const i = model.find(ref);
      if (i < 0) {
        throw new Error(
          `Afgeleide tabel ${declaration.id}: basiscel ${ref.table} / ${ref.gebiedcode} / ${ref.branche ?? ""} / ${ref.jaar} is niet gedeclareerd`
        );
      }
      return i;
    });
    const suppressed = bases.filter((i) => primary.status[i] !== PUBLISHED);
    if (suppressed.length > 0) {
      const threshold = suppressed.find(
        (i) => primary.status[i] === PRIMARY && primary.rule[i] === RULE_THRESHOLD
      );
      const reden =
        threshold !== undefined
          ? `onderdrukt: telling < ${thresholdFor(model.tables[model.tableOf[threshold]].unitKind, thresholds)}`
          : "onderdrukt: afgeleid van onderdrukte cel";
      return {cell: {...key, waarde: null, status: "onderdrukt", reden}, outcome: SUPPRESSED_CELL};
    }
    // Only values of published cells exist from here on: the compute step cannot see a suppressed count.
    const values = bases.map((i) => published[i]);
    if (values.some((v) => Number.isNaN(v))) {
      return {
        cell: {
          ...key,
          waarde: null,
          status: "geen-data",
          reden: "geen gegevens voor een onderliggend cijfer"
        },
        outcome: NO_DATA_CELL
      };
    }
    if (declaration.kind === "share") {
      const k = thresholdFor(model.tables[model.tableOf[bases[0]]].unitKind, thresholds);
      // Group disclosure is judged on the true counts: the test itself publishes only a yes/no.
      const a = model.value[bases[0]];
      const total = model.value[bases[1]];
      if (a < k || total - a < k) {
        return {
          cell: {
            ...key,
            waarde: null,
            status: "onderdrukt",
            reden: `onderdrukt: groepsonthulling (minder dan ${k} met of zonder kenmerk)`
          },
          outcome: SUPPRESSED_CELL
        };
      }
    }
    let v: number;
    if (declaration.kind === "custom") v = (declaration.compute as (b: readonly number[]) => number)(values);
    else {
      if (values[1] === 0) {
        return {
          cell: {...key, waarde: null, status: "geen-data", reden: "noemer is 0"},
          outcome: NO_DATA_CELL
        };
      }
      v = (scale * values[0]) / values[1];
    }
    if (!Number.isFinite(v)) {
      return {
        cell: {...key, waarde: null, status: "geen-data", reden: "niet te berekenen"},
        outcome: NO_DATA_CELL
      };
    }
    return {cell: {...key, waarde: roundTo(v, decimals), status: "", reden: null}, outcome: PUBLISHED_CELL};
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
    if (r.outcome === SUPPRESSED_CELL) report.onderdruktAfgeleid++;
    else if (r.outcome === NO_DATA_CELL) report.geenData++;
    else report.gepubliceerd++;
    cellen[n] = r.cell;
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
