/**
 * The gate's pipeline in named phases, in the order privacy.md prescribes:
 *
 *   model -> primary suppression -> secondary suppression (heuristic) -> protection (LP audit,
 *   repair by witness LPs, last resort) -> release of determined cells -> rounding -> published
 *   tables, derived values, disclosure report and open-data rows.
 *
 * Why the protection phase ends, and ends safe, on every valid input (docs/privacy.md, "Waarom
 * de poort altijd eindigt"): the set of unpublished cells only grows; every round either
 * suppresses at least one more cell, withholds at least one more cell, or proves a failing cell
 * by a feasible point (once per cell); so there are at most about 3n rounds, and the loop ends
 * only when the audit finds no failing cell. `gate.ts` is its public face.
 */
import {readFileSync} from "node:fs";
import {isMainThread} from "node:worker_threads";
import type {Highs} from "highs";
import {
  auditModel,
  innerBounds,
  newSolverInstance,
  memNote,
  needOf,
  widen,
  type FailPoint,
  type InnerBounds
} from "./audit.ts";
import {computeDerived, derivedMemo} from "./derived.ts";
import {openDataRows} from "./open-data.ts";
import {recordDerived, saveGateRun, type SavedProtection} from "./publish-dump.ts";
import {
  PRIMARY,
  PUBLISHED,
  RULE_NONE,
  RULE_PPERCENT,
  RULE_THRESHOLD,
  RULE_ZERO,
  SECONDARY,
  WITHHELD,
  primarySuppression,
  type PrimaryResult
} from "./primary.ts";
import {EPS, downTarget, isProtected, upTarget, type Need} from "./protection.ts";
import {brandStoredTable, PublishedCellStore, type PublishedTable} from "./published.ts";
import {applyRounding} from "./rounding.ts";
import {secondarySuppression} from "./secondary.ts";
import {GateStopError, stopParagraph} from "./stop.ts";
import {buildTableModel, describeCell, type TableModel} from "./table-model.ts";
import {resolveThresholds, thresholdFor} from "./thresholds.ts";
import type {
  CellRef,
  CountCell,
  DisclosureReport,
  GateInput,
  GateOptions,
  OpenDataRow,
  PublishedCell,
  Relation,
  TableReport,
  HiddenKeyTotal,
  Thresholds,
  WithheldSubTable
} from "./types.ts";
import {WitnessFinder, witnessHolds, type Witness} from "./witness.ts";
import {closeArena, int32, openArena} from "./arena.ts";

/** Timings of the last gate run per phase (ms), for the bench scripts. */
export const lastTimings: Record<string, number> = {};

/** Reason published beside a cell withheld as part of a sub-table. */
const WITHHELD_REASON = "niet gepubliceerd: alleen één niveau grover (zie het openbaarmakingsrapport)";

/** Dutch reason for a suppressed cell. */
function reasonOf(model: TableModel, primary: PrimaryResult, i: number, thresholds: Thresholds): string {
  if (primary.status[i] === WITHHELD) return WITHHELD_REASON;
  if (primary.status[i] === SECONDARY) return "onderdrukt: ter bescherming van een andere cel";
  switch (primary.rule[i]) {
    case RULE_THRESHOLD:
      return `onderdrukt: telling < ${thresholdFor(model.tables[model.tableOf[i]].unitKind, thresholds)}`;
    case RULE_PPERCENT:
      return `onderdrukt: te herleiden tot één bedrijf (p%-regel, p = ${thresholds.pPercent})`;
    case RULE_ZERO:
      return "onderdrukt: een nul zou hier iets onthullen";
    default:
      return "onderdrukt";
  }
}

/** What the protection phase leaves behind. */
export interface Protection {
  inner: InnerBounds;
  rounds: number;
  components: number;
  solves: number;
  withheld: WithheldSubTable[];
  /** Hidden parts that got the last resort (protected only against exact disclosure). */
  hiddenWithheld: CellRef[];
  hiddenKeys: HiddenKeyTotal[];
  released: number;
}

/**
 * The protection phase: audit, and while cells fail, repair and re-audit the components that
 * changed. A failing primary cell gets witness LPs (witness.ts) that suppress the cells moving it
 * far enough down and up; a cell without a witness has its sub-table withheld (last resort); a
 * withheld cell below the threshold that is still exactly determined has the sub-tables around it
 * withheld. A failing secondary cell is exactly determined by the published cells: it protects
 * nothing and is published at the end (`releaseDetermined`).
 */
async function protect(
  model: TableModel,
  primary: PrimaryResult,
  highs: Highs,
  options: GateOptions
): Promise<Protection> {
  const debug = options.debug;
  const inner = innerBounds(model.n);
  const auditOptions = {workers: options.workers, debug};
  // Where failing cells reached their extremes: the repair starts its witnesses there.
  const points = new Map<number, FailPoint>();
  const bases = new PointBases(model);
  let outcome = await auditModel(model, primary, highs, inner, {...auditOptions, points});
  let componentCount = outcome.components;
  let solves = outcome.solves;
  const finder = new WitnessFinder(highs, model, primary.status);
  // Every witness LP on the debug channel (radius, cells, ms, achieved), for profiling.
  if (debug) finder.trace = debug;
  const withheld: WithheldSubTable[] = [];
  const withheldGroups = new Map<string, WithheldSubTable>();
  const hiddenWithheld: CellRef[] = [];
  const hiddenKeys: HiddenKeyTotal[] = [];
  const hiddenKeySet = new Set<number>();
  const hiddenKeyCells: number[] = [];
  const provenOnce = new Set<number>();
  let rounds = 0;
  try {
    for (;;) {
      const failing = outcome.failures.filter((i) => primary.status[i] !== SECONDARY);
      if (failing.length === 0) break;
      rounds++;
      const t0 = performance.now();
      const cpu0 = debug ? process.cpuUsage() : null;
      const main0 = debug ? mainThreadCpuMs() : null;
      const changed = new Set<number>(failing);
      // The cells this round unpublishes: a component without one keeps its LP (auditModel).
      const unpublished = new Set<number>();
      let grown = 0;
      let proven = 0;
      const search: Search = (p, dir, target, allowKeys, exhaustive, base) =>
        finder.find(p, dir, target, allowKeys, exhaustive, base);
      const suppress = (c: number) => {
        if (primary.status[c] !== PUBLISHED) return;
        finder.invalidate();
        primary.status[c] = SECONDARY;
        changed.add(c);
        unpublished.add(c);
        grown++;
      };
      const withhold = (c: number, why: string) => {
        finder.invalidate();
        if (primary.status[c] === PUBLISHED) unpublished.add(c);
        const n = withholdCell(model, primary, c, why, withheld, withheldGroups, hiddenWithheld);
        for (const j of n) changed.add(j);
        grown += n.length;
        return n.length;
      };
      const recordHiddenKeys = (f: number, witnesses: Witness[]) => {
        for (const w of witnesses)
          for (const c of w.cells)
            if (
              model.key[c] &&
              primary.status[c] === PUBLISHED &&
              model.value[c] > 0 &&
              !hiddenKeySet.has(c)
            ) {
              hiddenKeySet.add(c);
              hiddenKeyCells.push(c);
              hiddenKeys.push({
                tabel: model.tables[model.tableOf[c]].id,
                gebiedcode: model.cells[c].gebiedcode,
                jaar: model.cells[c].jaar,
                reden: `nodig om ${describeCell(model, f)} te beschermen: die is anders exact te herleiden uit de andere totalen`
              });
            }
      };
      const applyWitnesses = (f: number, witnesses: Witness[]) => {
        const before = grown;
        for (const w of witnesses) {
          for (const c of w.cells) suppress(c);
          for (let i = 0; i < w.cells.length; i++) widen(inner, w.cells[i], w.values[i]);
        }
        if (grown > before) return;
        // The witness needed no new cell: the audit only missed a feasible point, which the
        // witness now supplies. That may happen once per cell; a second time, withhold it.
        if (provenOnce.has(f)) withhold(f, `${describeCell(model, f)} bleef volgens de audit onbeschermd`);
        else {
          provenOnce.add(f);
          proven++;
        }
      };
      const repair = (f: number): void => {
        const need = needOf(model, primary, f);
        if (isProtected(need, inner.lo[f], inner.hi[f])) return; // proven by an earlier witness
        if (primary.status[f] === WITHHELD) {
          // Withheld but exactly determined: suppress the cells of a witness that moves it
          // either way; only when key totals alone pin it, the cheapest key totals go.
          let move = moveWitness(model, search, f, false);
          if (!move) {
            move = moveWitness(model, search, f, true);
            if (move) recordHiddenKeys(f, [move]);
          }
          if (!move)
            throw stop(
              model,
              f,
              "extra onderdrukking met witness-LP's, het achterhouden van de deeltabel en het onderdrukken van totalen"
            );
          applyWitnesses(f, [move]);
          return;
        }
        // 1. Witnesses among the other cells (key totals stay published).
        const first = repairCell(model, search, f, need, inner, false, bases, points.get(f));
        let witnesses = first.witnesses;
        if (witnesses === null) {
          // 2. Last resort: withhold f's sub-table. f then needs only not to be exactly
          // determined, which a witness moving it either way proves. A hidden part gets the same
          // last resort as the published cell it is part of: not exactly determined.
          // When f's inner bound is already an interval (two feasible points of the current
          // pattern, e.g. its true value and the audit's optimum, give it different values), that
          // is the proof: suppressing more only keeps those points feasible. The search for a
          // move witness (in a giant component one LP on every cell f can reach) is then skipped.
          const movesAlready = inner.hi[f] - inner.lo[f] > EPS;
          const move = first.moved ?? (movesAlready ? null : moveWitness(model, search, f, false));
          if (move || movesAlready) {
            withhold(f, `${describeCell(model, f)} was op geen andere manier te beschermen`);
            witnesses = move ? [move] : [];
          } else {
            // 3. f is pinned by key totals alone (e.g. the one small gemeente in the regio's
            // sum): no other cell can even move it. f is withheld as in step 2, and the cheapest
            // key totals go that make it not exact: only as many as that needs ("totals last";
            // asking them for f's full interval of width k hid two totals where one did).
            const keyMove = moveWitness(model, search, f, true);
            if (keyMove === null)
              throw stop(
                model,
                f,
                "extra onderdrukking met witness-LP's, het achterhouden van de deeltabel en het onderdrukken van totalen"
              );
            withhold(f, `${describeCell(model, f)} lag alleen door totalen vast`);
            witnesses = [keyMove];
            recordHiddenKeys(f, witnesses);
          }
        }
        applyWitnesses(f, witnesses);
      };
      for (const f of failing) repair(f);
      const tSearch = performance.now();
      if (grown === 0 && proven === 0)
        throw stop(
          model,
          failing[0],
          "extra onderdrukking met witness-LP's en het achterhouden van deeltabellen"
        );
      outcome = await auditModel(model, primary, highs, inner, {
        ...auditOptions,
        only: changed,
        unpublishedSince: unpublished,
        points
      });
      componentCount += outcome.components;
      solves += outcome.solves;
      debug?.(
        `herstelronde ${rounds} (${Math.round(performance.now() - t0)} ms, cpu ${cpuMs(cpu0)} ms${threadNote(main0, cpu0)}; zoeken ${Math.round(tSearch - t0)} ms, heraudit ${Math.round(performance.now() - tSearch)} ms): ${failing.length} cellen, ${grown} erbij onderdrukt of achtergehouden, ${finder.solves} witness-LP's, ${finder.proven} zoektochten zonder LP bewezen, daarna ${outcome.failures.length} falend`
      );
    }
  } finally {
    solves += finder.solves;
  }
  const released = releaseDetermined(model, primary, inner);
  // Only the key totals that stayed unpublished (a forced one may turn out determined after all).
  const stillHidden = hiddenKeys.filter((_, k) => primary.status[hiddenKeyCells[k]] !== PUBLISHED);
  return {
    inner,
    rounds,
    components: componentCount,
    solves,
    withheld,
    hiddenWithheld,
    hiddenKeys: stillHidden,
    released
  };
}

/** CPU time of the process since `from` (ms; this thread and any worker), for the debug log. */
function cpuMs(from: NodeJS.CpuUsage | null): number {
  if (!from) return 0;
  const d = process.cpuUsage(from);
  return Math.round((d.user + d.system) / 1000);
}

/**
 * CPU time of this thread (ms, 10 ms steps) from /proc, when it is the process's main thread on
 * Linux; else null. The debug line of a repair round splits the process's CPU time with it: the
 * rest ran on other threads, nationally mostly V8's garbage-collection helpers (docs/performance.md).
 */
function mainThreadCpuMs(): number | null {
  if (!isMainThread) return null;
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    // Fields after the command name: state is field 3, utime 14 and stime 15 (clock ticks of 10 ms).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** ", waarvan hoofdthread X ms" for the debug line, when the main thread's CPU time is known. */
function threadNote(main0: number | null, cpu0: NodeJS.CpuUsage | null): string {
  const main1 = main0 === null ? null : mainThreadCpuMs();
  if (main0 === null || main1 === null || !cpu0) return "";
  return `, waarvan hoofdthread ${main1 - main0} ms`;
}

/** Finds a witness for cell p (see `WitnessFinder.find`). */
type Search = (
  p: number,
  dir: 1 | -1,
  target: number,
  allowKeys: boolean,
  exhaustive?: boolean,
  base?: (j: number) => number
) => Witness | null;

/**
 * The points of `FailPoint`s as a value per cell (true values outside the point's component).
 * The failing cells of one component share its cells array, so the position of each cell in it
 * is kept in one array over the model and filled again only when a point of another component
 * comes: a Map per point and side cost seconds nationally (15,000 cells per giant component,
 * looked up for every term of every witness region), and the same values come out.
 */
class PointBases {
  /** Position of each cell in `cells`, -1 elsewhere (made at the first use). */
  private pos: Int32Array | null = null;
  private cells: readonly number[] | null = null;

  constructor(private readonly model: TableModel) {}

  /** The point's `side` as a value per cell, or undefined when there is none. */
  base(point: FailPoint | undefined, side: "up" | "down"): ((j: number) => number) | undefined {
    const values = point?.[side];
    if (!point || !values) return undefined;
    const cells = point.cells;
    const value = this.model.value;
    return (j: number) => {
      const pos = this.cells === cells ? this.pos! : this.load(cells);
      const i = pos[j];
      return i >= 0 ? values[i] : value[j];
    };
  }

  private load(cells: readonly number[]): Int32Array {
    const pos = (this.pos ??= int32(this.model.n).fill(-1));
    if (this.cells) for (const c of this.cells) pos[c] = -1;
    cells.forEach((c, i) => (pos[c] = i));
    this.cells = cells;
    return pos;
  }
}

/**
 * Witnesses that protect failing primary cell f: first one that takes it below its true value
 * (when its interval has no point below yet), then one that takes it far enough up. Each starts
 * from the feasible point where the audit found f lowest or highest, when it kept one (so only
 * the deficit is left to find), else from the true values. `witnesses` is null when f cannot be
 * protected this way; `moved` is then a witness that still moves f (proof that f is not exact),
 * when one was found. Each witness is checked to be feasible.
 */
function repairCell(
  model: TableModel,
  finder: Search,
  f: number,
  need: Need,
  inner: InnerBounds,
  allowKeys: boolean,
  bases: PointBases,
  point?: FailPoint
): {witnesses: Witness[] | null; moved: Witness | null} {
  const out: Witness[] = [];
  let moved: Witness | null = null;
  let lo = inner.lo[f];
  const v = model.value[f];
  const down = downTarget(need, lo);
  if (down > 0) {
    const base = bases.base(point, "down");
    const from = base ? base(f) : v;
    const w = finder(f, -1, from - (v - down), allowKeys, allowKeys, base);
    const holds = !!w && w.achieved > EPS && witnessHolds(model, w, base);
    if (holds) moved = w;
    const reached = from - (holds ? w.achieved : 0);
    // A threshold cell needs some point below v; other rules need the whole way down.
    const enough = need.rule === RULE_THRESHOLD ? reached < v - EPS : reached <= v - down + EPS;
    if (!holds || !enough) return {witnesses: null, moved};
    out.push(w);
    lo = Math.min(lo, reached);
  }
  const up = upTarget(need, lo, inner.hi[f]);
  if (up > 0) {
    const base = bases.base(point, "up");
    const from = base ? base(f) : v;
    const w = finder(f, 1, v + up - from, allowKeys, allowKeys, base);
    const holds = !!w && w.achieved > EPS && witnessHolds(model, w, base);
    if (holds) moved ??= w;
    if (!holds || from + w.achieved < v + up - EPS) return {witnesses: null, moved};
    out.push(w);
  }
  return {witnesses: out, moved};
}

/** A witness that moves cell f by a little, up or else down: proof that f is not exact. */
function moveWitness(model: TableModel, finder: Search, f: number, allowKeys: boolean): Witness | null {
  // Quick searches first; before giving up, searches that cover everything f can reach.
  for (const exhaustive of [false, true])
    for (const [dir, target] of [
      [1, 1],
      [-1, Math.min(1, model.value[f])]
    ] as const) {
      if (!(target > EPS)) continue;
      const w = finder(f, dir, target, allowKeys, exhaustive);
      if (w && w.achieved > EPS && witnessHolds(model, w)) return w;
    }
  return null;
}

/**
 * Withholds cell c (last resort): it is not published, its value is left to its parent (one
 * level coarser). Its siblings stay published: the witness that proves c not exact has already
 * suppressed what c needs. Withheld cells are reported grouped by table, parent area, branch,
 * category and year. Returns the cells withheld (c, or none when it already was).
 */
function withholdCell(
  model: TableModel,
  primary: PrimaryResult,
  c: number,
  why: string,
  log: WithheldSubTable[],
  groups: Map<string, WithheldSubTable>,
  hiddenLog: CellRef[]
): number[] {
  if (model.fixed[c] || primary.status[c] === WITHHELD) return [];
  primary.status[c] = WITHHELD;
  const cell = model.cells[c];
  // A hidden part is not published anyway: it is not a sub-table published one level coarser.
  if (model.hidden[c]) {
    const {value: _value, contributions: _contributions, ...where} = cell;
    hiddenLog.push({...where, table: model.tables[model.tableOf[c]].id});
    return [c];
  }
  const tabel = model.tables[model.tableOf[c]].id;
  const key = [tabel, cell.bovenliggend ?? "", cell.branche ?? "", cell.categorie ?? "", cell.jaar].join(
    "\u0001"
  );
  const group = groups.get(key);
  if (group) group.cellen++;
  else {
    const entry: WithheldSubTable = {
      tabel,
      bovenliggend: cell.bovenliggend ?? null,
      branche: cell.branche ?? null,
      categorie: cell.categorie ?? null,
      jaar: cell.jaar,
      cellen: 1,
      reden: why
    };
    groups.set(key, entry);
    log.push(entry);
  }
  return [c];
}

/** The clear stop for a cell the gate cannot protect. */
function stop(model: TableModel, i: number, tried: string): GateStopError {
  const table = model.tables[model.tableOf[i]];
  return new GateStopError(table.id, stopParagraph(table.id, table.title, describeCell(model, i), tried));
}

/**
 * Publishes every secondary cell that the published cells determine exactly (interval width 0):
 * every feasible point already has that value, so publishing it adds a constraint that holds
 * everywhere and leaves every interval as it is. Done once, after the last audit, so it cannot
 * undo a repair. Returns the number of cells released.
 */
function releaseDetermined(model: TableModel, primary: PrimaryResult, inner: InnerBounds): number {
  let released = 0;
  for (let i = 0; i < model.n; i++) {
    if (primary.status[i] !== SECONDARY || model.hidden[i]) continue;
    if (inner.hi[i] - inner.lo[i] > EPS) continue;
    primary.status[i] = PUBLISHED;
    released++;
  }
  return released;
}

/** Published tables and their report lines: declared cells in input order, then remainders. */
function publishTables(
  model: TableModel,
  primary: PrimaryResult,
  inner: InnerBounds,
  published: Float64Array,
  rounded: Uint8Array,
  thresholds: Thresholds,
  store: PublishedCellStore
): {tables: Map<string, PublishedTable>; reports: TableReport[]} {
  // The cells of each table in model order (declared cells, then remainders), by counting sort.
  const tableCount = model.tables.length;
  const tableStart = new Int32Array(tableCount + 1);
  for (let i = 0; i < model.n; i++) tableStart[model.tableOf[i] + 1]++;
  for (let t = 0; t < tableCount; t++) tableStart[t + 1] += tableStart[t];
  const order = int32(model.n);
  const fillAt = tableStart.slice(0, tableCount);
  for (let i = 0; i < model.n; i++) order[fillAt[model.tableOf[i]]++] = i;
  const tables = new Map<string, PublishedTable>();
  const reports: TableReport[] = [];
  model.tables.forEach((table, t) => {
    if (table.hidden) return; // hidden parts are never published
    const soort =
      table.unitKind === "publiek" ? "publiek" : table.measure === "magnitude" ? "omvang" : "telling";
    const eenheid = table.eenheid ?? (table.measure === "magnitude" ? "euro" : "aantal");
    const report: TableReport = {
      id: table.id,
      titel: table.title,
      soort,
      eenheid,
      drempel:
        soort === "publiek"
          ? "geen (CBS-cijfers zoals gepubliceerd)"
          : soort === "omvang"
            ? `p = ${thresholds.pPercent}%, minimaal ${thresholds.minContributors} bedrijven`
            : `k = ${thresholdFor(table.unitKind, thresholds)}`,
      cellen: 0,
      gepubliceerd: 0,
      onderdruktPrimair: 0,
      onderdruktSecundair: 0,
      onderdruktAfgeleid: 0,
      afgerond: 0,
      geenData: 0,
      audit: {gecontroleerd: 0, geslaagd: true, kleinsteBreedte: null},
      ...(table.brancheHierarchy ? {brancheHierarchie: table.brancheHierarchy} : {})
    };
    // The cells go into the store's columns (published.ts): no object per cell in the gate.
    const indices = order.subarray(tableStart[t], tableStart[t + 1]);
    const ids = int32(indices.length);
    let minWidth = Infinity;
    let withheld = 0;
    for (let n = 0; n < indices.length; n++) {
      const i = indices[n];
      const c = model.cells[i];
      let waarde: number | null = null;
      let status: PublishedCell["status"] = "";
      let reden: string | null = null;
      const s = primary.status[i];
      if (s !== PUBLISHED) {
        // A withheld cell counts where it came from: primary if it was below the threshold.
        if (s === PRIMARY || (s === WITHHELD && primary.rule[i] !== RULE_NONE)) report.onderdruktPrimair++;
        else report.onderdruktSecundair++;
        if (s === WITHHELD) withheld++;
        else {
          const width = inner.hi[i] - inner.lo[i];
          if (width < minWidth) minWidth = width;
        }
        status = "onderdrukt";
        reden = reasonOf(model, primary, i, thresholds);
      } else if (Number.isNaN(published[i])) {
        report.geenData++;
        status = "geen-data";
        reden = "geen gegevens beschikbaar";
      } else {
        report.gepubliceerd++;
        waarde = published[i];
        if (rounded[i]) {
          report.afgerond++;
          status = "afgerond";
          reden = "afgerond op een veelvoud van 5";
        }
      }
      ids[n] = store.add(c, waarde, status, reden);
    }
    report.cellen = indices.length;
    report.audit.gecontroleerd = report.onderdruktPrimair + report.onderdruktSecundair;
    report.audit.kleinsteBreedte = minWidth === Infinity ? null : minWidth;
    if (withheld > 0) report.achtergehouden = withheld;
    reports.push(report);
    tables.set(
      table.id,
      brandStoredTable(
        {
          schemaVersion: 1,
          id: table.id,
          titel: table.title,
          soort,
          eenheidSoort: table.unitKind,
          eenheid,
          dimensies: [...table.dimensions]
        },
        store,
        ids
      )
    );
  });
  return {tables, reports};
}

/** Information loss: cells suppressed beyond primary suppression, and key totals. */
function informationLoss(
  model: TableModel,
  primary: PrimaryResult,
  thresholds: Thresholds
): DisclosureReport["informatieverlies"] {
  let extra = 0;
  let publishable = 0;
  let keyTotals = 0;
  let keyHidden = 0;
  for (let i = 0; i < model.n; i++) {
    if (model.fixed[i] || model.hidden[i]) continue;
    const s = primary.status[i];
    const wasPrimary = s === PRIMARY || (s === WITHHELD && primary.rule[i] !== RULE_NONE);
    if (!wasPrimary) {
      publishable++;
      if (s !== PUBLISHED) extra++;
    }
    if (model.key[i]) {
      const k = thresholdFor(model.tables[model.tableOf[i]].unitKind, thresholds);
      if (model.value[i] >= k) {
        keyTotals++;
        if (s !== PUBLISHED) keyHidden++;
      }
    }
  }
  return {
    extraOnderdrukt: extra,
    publiceerbaar: publishable,
    aandeel: publishable > 0 ? Math.round((extra / publishable) * 1e4) / 1e4 : 0,
    kerntotalen: keyTotals,
    kerntotalenVerborgen: keyHidden
  };
}

/** What a gate run produces. */
export interface GateResult {
  /** Published tables by id: declared tables first, then derived ones. */
  tables: ReadonlyMap<string, PublishedTable>;
  /** The disclosure report of this run (publish it via `publishReport`). */
  report: DisclosureReport;
  /** Every published number in the open-data long format, suppressed cells present and empty. */
  openData: readonly OpenDataRow[];
  /**
   * Hidden parts that got the last resort (protected only against exact disclosure), for
   * auditors and tests (never published: a hidden part has no place in the site).
   */
  hiddenWithheld: readonly CellRef[];
}

/** Runs the whole gate; see `runGate` in gate.ts. */
/** From this many input cells on, the gate allocates its large typed arrays from an arena. */
const ARENA_MIN_CELLS = 250_000;
/**
 * The arena's chunk per input cell: the model, suppression, audit and the published columns take
 * ~180 bytes per cell nationally, and each derived cell ~50 bytes of published columns.
 */
const ARENA_BYTES_PER_CELL = 200;
const ARENA_BYTES_PER_DERIVED_CELL = 60;

/**
 * Runs the gate. A large run (nationally 2.2 million cells) takes its large typed arrays from one
 * arena (arena.ts): V8 then starts one full mark of the heap for them instead of five to seven,
 * each ~1 s of CPU on the helper threads (round 9 in docs/performance.md). Smaller runs add too
 * little external memory to start one at all.
 */
export async function runEngine(input: GateInput): Promise<GateResult> {
  let cells = 0;
  for (const table of input.tables) cells += table.cells.length;
  let derivedCells = 0;
  for (const table of input.derived ?? []) derivedCells += table.cells.length;
  const arena = cells >= ARENA_MIN_CELLS;
  if (arena) openArena(cells * ARENA_BYTES_PER_CELL + derivedCells * ARENA_BYTES_PER_DERIVED_CELL);
  try {
    return await runPhases(input);
  } finally {
    if (arena) closeArena();
  }
}

async function runPhases(input: GateInput): Promise<GateResult> {
  const options = input.options ?? {};
  const debug = options.debug;
  const thresholds = resolveThresholds(options.thresholds);
  const clock: Record<string, number> = {};
  let t = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    clock[phase] = now - t;
    t = now;
    memNote(debug ?? options.memory, phase);
  };

  // Phase 1: the table model (all cells, all relations).
  const model = buildTableModel(input.tables, input.links ?? []);
  // The relations are in the model now; the report needs only their group names. Without a run
  // to save (which keeps them), the gate lets go of them here: nationally 209,076 relations, each
  // with its terms and their cell references, ~170 MB of small objects that every full garbage
  // collection of the audit and the publishing would otherwise mark again (the live heap in the
  // audit 1,076 -> 906 MB). A caller that hands them over (the pipeline's `runGateOnParts`) gets
  // them freed.
  const relationGroups = relationGroupNames(input.links ?? []);
  if (!options.publishDump) input = {...input, links: undefined};
  lap("model");
  // Phase 2: primary suppression; phase 3: the secondary heuristic.
  const primary = primarySuppression(model, thresholds);
  const primaryCount = primary.status.reduce((s, x) => s + (x === PRIMARY ? 1 : 0), 0);
  secondarySuppression(model, primary);
  lap("primairEnSecundair");
  // Phase 4: protection (audit, repair, last resort) and the release of determined cells.
  const highs = await newSolverInstance();
  const protection = await protect(model, primary, highs, options);
  lap("audit");
  // A bench run may save this run to replay the phases after the audit (publish-dump.ts).
  const dumpPath = options.publishDump;
  const derived = dumpPath ? recordDerived(input.derived ?? []) : (input.derived ?? []);
  const result = publishPhase(
    {...input, derived},
    model,
    primary,
    protection,
    thresholds,
    clock,
    relationGroups
  );
  lap("publiceren");
  if (dumpPath) saveGateRun(dumpPath, input, derived, primary, protection as unknown as SavedProtection);
  for (const key of Object.keys(lastTimings)) delete lastTimings[key];
  Object.assign(lastTimings, clock, {primaireCellen: primaryCount});
  return result;
}

/**
 * Phases 5 and 6 (rounding, published tables, derived values, the disclosure report) on a model
 * whose protection phase has run. Exported for scripts/bench-publish.ts, which replays a saved
 * run (publish-dump.ts); not re-exported by gate.ts, so no loader can skip the audit.
 */
export function publishPhase(
  input: GateInput,
  model: TableModel,
  primary: PrimaryResult,
  protection: Protection,
  thresholds: Thresholds,
  clock: Record<string, number>,
  relationGroups: string[] = relationGroupNames(input.links ?? [])
): GateResult {
  const options = input.options ?? {};
  // Phase 5: rounding, published tables, derived values.
  const {published, rounded} = applyRounding(model, primary.status, options.rounding ?? false);
  // Sized for every published cell at most once (derived cells shared by copies take fewer), so
  // the columns need not grow by doubling (nationally 3.3 million cells in 5.6 million slots).
  // Hidden parts are never published: no slot for them (nationally 112,000, 5 MB).
  let capacity = 0;
  for (let i = 0; i < model.n; i++) if (!model.hidden[i]) capacity++;
  for (const declaration of input.derived ?? []) capacity += declaration.cells.length;
  const store = new PublishedCellStore(capacity);
  const {tables, reports} = publishTables(
    model,
    primary,
    protection.inner,
    published,
    rounded,
    thresholds,
    store
  );
  const memo = derivedMemo();
  for (const declaration of input.derived ?? []) {
    if (tables.has(declaration.id))
      throw new Error(`Afgeleide tabel ${declaration.id} heeft dezelfde id als een andere tabel`);
    const {table, report} = computeDerived(declaration, model, primary, published, thresholds, memo, store);
    tables.set(declaration.id, table);
    reports.push(report);
  }
  (options.debug ?? options.memory)?.(
    `publiceren: ${store.size} cellen in de kolommen (ruimte voor ${capacity}; ${model.n} cellen in het model, ${input.links?.length ?? 0} relaties nog vastgehouden)`
  );

  // Phase 6: the disclosure report.
  const sum = (key: "cellen" | "gepubliceerd" | "onderdruktPrimair" | "onderdruktSecundair" | "afgerond") =>
    reports.reduce((s, r) => s + r[key], 0);
  const report: DisclosureReport = {
    schemaVersion: 1,
    drempels: thresholds,
    afronding: options.rounding ?? false,
    tabellen: reports,
    koppelingen: relationGroups,
    totaal: {
      cellen: sum("cellen"),
      gepubliceerd: sum("gepubliceerd"),
      onderdruktPrimair: sum("onderdruktPrimair"),
      onderdruktSecundair: sum("onderdruktSecundair"),
      afgerond: sum("afgerond")
    },
    informatieverlies: informationLoss(model, primary, thresholds),
    achtergehouden: protection.withheld,
    kerntotalenOnderdrukt: protection.hiddenKeys,
    audit: {
      geslaagd: true,
      gecontroleerd: reports.reduce((s, r) => s + r.audit.gecontroleerd, 0),
      componenten: protection.components,
      lpOplossingen: protection.solves,
      herstelrondes: protection.rounds,
      vrijgegeven: protection.released,
      duurMs: Math.round(clock.audit ?? 0),
      solver: "HiGHS (npm-pakket highs), per component een blijvend model met warme start"
    }
  };
  // Open-data rows are built on first use: a national build has millions of them, and the
  // writer streams from the tables directly.
  let rows: OpenDataRow[] | null = null;
  const result: GateResult = {
    tables,
    report,
    hiddenWithheld: protection.hiddenWithheld,
    get openData() {
      rows ??= openDataRows(tables.values());
      return rows;
    }
  };
  return result;
}

/** The report's names of the relations: each label without its area and year, once, in order. */
function relationGroupNames(links: readonly Relation[]): string[] {
  return [...new Set(links.map((l) => (l.label ?? "(zonder naam)").replace(/\s+\S*\d{4}\S*$/, "")))];
}

/** One audited cell of `auditSuppressionPattern`. */
export interface AuditedCell {
  table: string;
  cell: CountCell;
  /** True value (test and audit use only; never published). */
  value: number;
  /** Feasibility interval an outsider can derive. */
  lo: number;
  hi: number;
  primary: boolean;
  /** Whether the cell meets its protection criterion (privacy.md rule 7). */
  safe: boolean;
  /** Width 0: the outsider knows the value exactly. */
  exactDisclosure: boolean;
}

/**
 * Audits a given suppression pattern without repairing it: exact LP intervals for every cell in
 * the pattern, and whether each is protected. Primary-unsafe cells left out of the pattern are
 * reported as unsafe with lo = hi = their value (they would be published). For tests, for the
 * worked examples in docs/privacy.md, and for auditors who want to try a pattern.
 */
export async function auditSuppressionPattern(
  input: Pick<GateInput, "tables" | "links" | "options">,
  suppressed: (table: string, cell: CountCell) => boolean
): Promise<{cells: AuditedCell[]; failures: AuditedCell[]}> {
  const thresholds = resolveThresholds(input.options?.thresholds);
  const model = buildTableModel(input.tables, input.links ?? []);
  const primary = primarySuppression(model, thresholds);
  const wasPrimary = primary.status.slice();
  for (let i = 0; i < model.n; i++) {
    const inPattern = model.hidden[i] === 1 || suppressed(model.tables[model.tableOf[i]].id, model.cells[i]);
    primary.status[i] = inPattern ? (wasPrimary[i] === PRIMARY ? PRIMARY : SECONDARY) : PUBLISHED;
  }
  const highs = await newSolverInstance();
  const inner = innerBounds(model.n);
  const outcome = await auditModel(model, primary, highs, inner, {exact: true, workers: false});
  const failing = new Set(outcome.failures);
  const cells: AuditedCell[] = [];
  for (let i = 0; i < model.n; i++) {
    const published = primary.status[i] === PUBLISHED;
    if (published && wasPrimary[i] !== PRIMARY) continue;
    if (model.hidden[i] && wasPrimary[i] !== PRIMARY) continue; // hidden and not sensitive
    const lo = published ? model.value[i] : inner.lo[i];
    const hi = published ? model.value[i] : inner.hi[i];
    cells.push({
      table: model.tables[model.tableOf[i]].id,
      cell: model.cells[i],
      value: model.value[i],
      lo,
      hi,
      primary: wasPrimary[i] === PRIMARY,
      safe: !published && !failing.has(i),
      exactDisclosure: hi - lo < 1e-9
    });
  }
  return {cells, failures: cells.filter((c) => !c.safe)};
}
