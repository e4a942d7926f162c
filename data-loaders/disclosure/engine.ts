/**
 * The gate's pipeline, in the order privacy.md prescribes: model -> primary suppression ->
 * secondary suppression -> LP audit (with repair rounds) -> rounding -> published tables,
 * derived values, disclosure report and open-data rows. `gate.ts` is its public face.
 */
import {auditModel, auditModelParallel, loadSolver, memNote, type AuditOutcome} from "./audit.ts";
import {computeDerived, type DerivedMemo} from "./derived.ts";
import type {GateResult} from "./gate.ts";
import {openDataRows} from "./open-data.ts";
import {
  PRIMARY,
  PUBLISHED,
  RULE_PPERCENT,
  RULE_THRESHOLD,
  RULE_ZERO,
  SECONDARY,
  primarySuppression,
  type PrimaryResult
} from "./primary.ts";
import {brand, type PublishedTable} from "./published.ts";
import {applyRounding} from "./rounding.ts";
import {secondarySuppression} from "./secondary.ts";
import {buildTableModel, describeCell, type TableModel} from "./table-model.ts";
import {resolveThresholds, thresholdFor} from "./thresholds.ts";
import type {
  CountCell,
  DisclosureReport,
  GateInput,
  OpenDataRow,
  PublishedCell,
  TableReport,
  Thresholds
} from "./types.ts";

/** Timings of the last gate run per phase (ms), for the bench script. */
export const lastTimings: Record<string, number> = {};

/** Dutch reason for a suppressed cell. */
function reasonOf(model: TableModel, primary: PrimaryResult, i: number, thresholds: Thresholds): string {
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

/** Relations of cell i and of the suppressed cells within `depth` relation steps of it. */
function relationsAround(model: TableModel, status: Uint8Array, i: number, depth: number): number[] {
  const rels = new Set<number>();
  const seen = new Set<number>([i]);
  let frontier = [i];
  for (let d = 0; d <= depth && frontier.length > 0; d++) {
    const next: number[] = [];
    for (const c of frontier) {
      for (let k = model.cellRelStart[c]; k < model.cellRelStart[c + 1]; k++) {
        const r = model.cellRel[k];
        if (rels.has(r)) continue;
        rels.add(r);
        for (let q = model.relStart[r]; q < model.relStart[r + 1]; q++) {
          const j = model.relCell[q];
          if (status[j] !== PUBLISHED && !seen.has(j)) {
            seen.add(j);
            next.push(j);
          }
        }
      }
    }
    frontier = next;
  }
  return [...rels];
}

/** The published, non-public cell of relation r with the most room: non-totals first, largest value. */
function bestInRelation(model: TableModel, status: Uint8Array, r: number): number {
  let best = -1;
  let bestScore = -Infinity;
  for (let k = model.relStart[r]; k < model.relStart[r + 1]; k++) {
    const j = model.relCell[k];
    if (status[j] !== PUBLISHED || model.fixed[j]) continue;
    // A zero adds no room (the cell cannot go below 0), so any non-zero cell comes first.
    const score = (model.value[j] > 0 ? 2e12 : 0) + (model.isTotal[j] ? 0 : 1e12) + model.value[j];
    if (score > bestScore) {
      bestScore = score;
      best = j;
    }
  }
  return best;
}

/**
 * Picks a published cell to suppress next to a cell that failed the audit: first in the cell's
 * own relations, then in relations of the suppressed cells beside it. Prefers non-totals with
 * the largest value (most room), then the smallest positive total; never public figures.
 */
function repairCandidate(model: TableModel, status: Uint8Array, i: number): number {
  const relationsOf = (c: number) => model.cellRel.subarray(model.cellRelStart[c], model.cellRelStart[c + 1]);
  const pick = (rels: Iterable<number>): number => {
    let best = -1;
    let bestScore = -Infinity;
    for (const r of rels) {
      for (let k = model.relStart[r]; k < model.relStart[r + 1]; k++) {
        const j = model.relCell[k];
        if (status[j] !== PUBLISHED || model.fixed[j]) continue;
        // Non-totals: the largest (most room). Totals: the smallest positive one, so that a
        // grand total (the regio, on which every derived rate rests) is the last resort.
        const v = model.value[j];
        const score = (v > 0 ? 2e12 : 0) + (model.isTotal[j] ? 1e11 - v : 1e12 + v);
        if (score > bestScore) {
          bestScore = score;
          best = j;
        }
      }
    }
    return best;
  };
  const own = pick(relationsOf(i));
  if (own >= 0) return own;
  const seen = new Set<number>([i]);
  let frontier = [i];
  for (let depth = 0; depth < 4; depth++) {
    const next: number[] = [];
    const rels = new Set<number>();
    for (const c of frontier) {
      for (const r of relationsOf(c)) {
        rels.add(r);
        for (let k = model.relStart[r]; k < model.relStart[r + 1]; k++) {
          const j = model.relCell[k];
          if (status[j] !== PUBLISHED && !seen.has(j)) {
            seen.add(j);
            next.push(j);
          }
        }
      }
    }
    const nextRels = new Set<number>();
    for (const c of next) for (const r of relationsOf(c)) if (!rels.has(r)) nextRels.add(r);
    const found = pick(nextRels);
    if (found >= 0) return found;
    frontier = next;
    if (frontier.length === 0) break;
  }
  return -1;
}

/** Runs the whole gate; see `runGate` in gate.ts. */
export async function runEngine(input: GateInput): Promise<GateResult> {
  const t0 = performance.now();
  const options = input.options ?? {};
  const thresholds = resolveThresholds(options.thresholds);
  memNote("voor het model");
  const model = buildTableModel(input.tables, input.links ?? []);
  const t1 = performance.now();
  memNote("model");
  const primary = primarySuppression(model, thresholds);
  const primaryCount = primary.status.reduce((s, x) => s + (x === PRIMARY ? 1 : 0), 0);
  secondarySuppression(model, primary);
  const t2 = performance.now();

  const highs = await loadSolver();
  let outcome: AuditOutcome = await auditModelParallel(model, primary, highs);
  let solves = outcome.solves;
  let componentCount = outcome.components;
  let rounds = 0;
  const maxRounds = options.maxRepairRounds ?? 25;
  const failCount = new Map<number, number>();
  while (outcome.failures.length > 0 && rounds < maxRounds) {
    rounds++;
    if (process.env.GATE_DEBUG)
      process.stderr.write(
        `herstelronde ${rounds} (${Math.round(performance.now() - t2)} ms): ${outcome.failures.length} cellen, ${outcome.solves} LP, ${outcome.components} comp\n` +
          outcome.failures
            .slice(0, 4)
            .map(
              (i) =>
                `  ${describeCell(model, i)} waarde ${model.value[i]} status ${primary.status[i]} regel ${primary.rule[i]} [${outcome.lo[i]}, ${outcome.hi[i]}]\n`
            )
            .join("")
      );
    const before = primary.status.slice();
    let added = 0;
    const released = new Set<number>();
    for (const f of outcome.failures) {
      // A secondary cell whose interval has width 0 is determined by the published cells: every
      // feasible point has x_f = value, so publishing it adds the constraint x_f = value without
      // changing the feasible set. It protects nothing (every other interval stays the same) and
      // reveals nothing new, so it is published instead of being "repaired" with more cells
      // (which in linked tables chained on: each new complement was itself determined).
      // A failing secondary cell always has an exact interval (see `intervals`): its maximum is
      // solved, and its minimum is solved or, with maximum 0, pinned by x >= 0.
      if (primary.status[f] === SECONDARY && !(outcome.hi[f] - outcome.lo[f] > 1e-6)) {
        primary.status[f] = PUBLISHED;
        released.add(f);
        continue;
      }
      // First failure: one cell, the one with most room in the cell's relations (least loss).
      // In a two-way table (areas x branches) the binding limit may sit in any relation around
      // the suppressed "rectangle", so a cell that fails again gets one more cell in each of its
      // relations, and after that in the relations of the suppressed cells next to it.
      const fails = failCount.get(f) ?? 0;
      failCount.set(f, fails + 1);
      let here = 0;
      if (fails === 0) {
        const j = repairCandidate(model, primary.status, f);
        if (j >= 0) {
          primary.status[j] = SECONDARY;
          here++;
        }
      } else {
        for (const r of relationsAround(model, primary.status, f, Math.min(fails - 1, 2))) {
          const j = bestInRelation(model, primary.status, r);
          if (j >= 0) {
            primary.status[j] = SECONDARY;
            here++;
          }
        }
      }
      added += here;
      if (here > 0) continue;
      const j = repairCandidate(model, primary.status, f);
      if (j >= 0) {
        primary.status[j] = SECONDARY;
        added++;
      }
    }
    if (added === 0 && released.size === 0) break;
    const changed: number[] = [];
    for (let i = 0; i < model.n; i++)
      if (primary.status[i] !== before[i] && !released.has(i)) changed.push(i);
    secondarySuppression(model, primary, changed);
    const dirty = new Set<number>(outcome.failures);
    for (let i = 0; i < model.n; i++) if (primary.status[i] !== before[i]) dirty.add(i);
    outcome = await auditModelParallel(model, primary, highs, dirty, outcome);
    solves += outcome.solves;
    componentCount += outcome.components;
  }
  const t3 = performance.now();
  memNote("audit");
  if (outcome.failures.length > 0) {
    const lines = outcome.failures
      .slice(0, 10)
      .map((i) => `  ${describeCell(model, i)}: interval [${outcome.lo[i]}, ${outcome.hi[i]}] is te smal`);
    throw new Error(
      `Audit mislukt: ${outcome.failures.length} onderdrukte cel(len) zijn te herleiden uit de gepubliceerde cijfers:\n${lines.join("\n")}`
    );
  }

  const {published, rounded} = applyRounding(model, primary.status, options.rounding ?? false);

  // Published tables: declared cells in input order, then the gate's remainder cells.
  const perTable: number[][] = model.tables.map(() => []);
  for (let i = 0; i < model.n; i++) perTable[model.tableOf[i]].push(i);
  const tables = new Map<string, PublishedTable>();
  const reports: TableReport[] = [];
  model.tables.forEach((table, t) => {
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
    // A plain loop with one object shape per cell: this runs for millions of cells nationally.
    const indices = perTable[t];
    const cellen: PublishedCell[] = new Array(indices.length);
    let minWidth = Infinity;
    for (let n = 0; n < indices.length; n++) {
      const i = indices[n];
      const c = model.cells[i];
      let waarde: number | null = null;
      let status: PublishedCell["status"] = "";
      let reden: string | null = null;
      if (primary.status[i] !== PUBLISHED) {
        if (primary.status[i] === PRIMARY) report.onderdruktPrimair++;
        else report.onderdruktSecundair++;
        const width = outcome.hi[i] - outcome.lo[i];
        if (width < minWidth) minWidth = width;
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
      cellen[n] = {
        gebiedcode: c.gebiedcode,
        gebiedniveau: c.gebiedniveau,
        bovenliggend: c.bovenliggend ?? null,
        branche: c.branche ?? null,
        categorie: c.categorie ?? null,
        jaar: c.jaar,
        waarde,
        status,
        reden
      };
    }
    report.cellen = indices.length;
    report.audit.gecontroleerd = report.onderdruktPrimair + report.onderdruktSecundair;
    report.audit.kleinsteBreedte = minWidth === Infinity ? null : minWidth;
    reports.push(report);
    tables.set(
      table.id,
      brand<PublishedTable>(
        {
          schemaVersion: 1,
          id: table.id,
          titel: table.title,
          soort,
          eenheidSoort: table.unitKind,
          eenheid,
          dimensies: [...table.dimensions],
          cellen
        },
        "PublishedTable"
      )
    );
  });

  const memo: DerivedMemo = new Map();
  for (const declaration of input.derived ?? []) {
    if (tables.has(declaration.id))
      throw new Error(`Afgeleide tabel ${declaration.id} heeft dezelfde id als een andere tabel`);
    const {table, report} = computeDerived(declaration, model, primary, published, thresholds, memo);
    tables.set(declaration.id, table);
    reports.push(report);
  }
  const t4 = performance.now();
  memNote("gepubliceerd");

  const sum = (key: "cellen" | "gepubliceerd" | "onderdruktPrimair" | "onderdruktSecundair" | "afgerond") =>
    reports.reduce((s, r) => s + r[key], 0);
  const report: DisclosureReport = {
    schemaVersion: 1,
    drempels: thresholds,
    afronding: options.rounding ?? false,
    tabellen: reports,
    koppelingen: [
      ...new Set((input.links ?? []).map((l) => (l.label ?? "(zonder naam)").replace(/\s+\S*\d{4}\S*$/, "")))
    ],
    totaal: {
      cellen: sum("cellen"),
      gepubliceerd: sum("gepubliceerd"),
      onderdruktPrimair: sum("onderdruktPrimair"),
      onderdruktSecundair: sum("onderdruktSecundair"),
      afgerond: sum("afgerond")
    },
    audit: {
      geslaagd: true,
      gecontroleerd: reports.reduce((s, r) => s + r.audit.gecontroleerd, 0),
      componenten: componentCount,
      lpOplossingen: solves,
      herstelrondes: rounds,
      duurMs: Math.round(t3 - t2),
      solver: "HiGHS (npm-pakket highs), per component een blijvend model met warme start"
    }
  };
  // Open-data rows are built on first use: a national build has millions of them, and the
  // writer streams from the tables directly.
  let rows: OpenDataRow[] | null = null;
  const result: GateResult = {
    tables,
    report,
    get openData() {
      rows ??= openDataRows(tables.values());
      return rows;
    }
  };
  Object.assign(lastTimings, {
    model: t1 - t0,
    primairEnSecundair: t2 - t1,
    audit: t3 - t2,
    publiceren: t4 - t3,
    openData: performance.now() - t4,
    primaireCellen: primaryCount
  });
  return result;
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
    const inPattern = suppressed(model.tables[model.tableOf[i]].id, model.cells[i]);
    primary.status[i] = inPattern ? (wasPrimary[i] === PRIMARY ? PRIMARY : SECONDARY) : PUBLISHED;
  }
  const highs = await loadSolver();
  const outcome = auditModel(model, primary, highs, undefined, undefined, true);
  const cells: AuditedCell[] = [];
  for (let i = 0; i < model.n; i++) {
    const published = primary.status[i] === PUBLISHED;
    if (published && wasPrimary[i] !== PRIMARY) continue;
    const lo = published ? model.value[i] : outcome.lo[i];
    const hi = published ? model.value[i] : outcome.hi[i];
    cells.push({
      table: model.tables[model.tableOf[i]].id,
      cell: model.cells[i],
      value: model.value[i],
      lo,
      hi,
      primary: wasPrimary[i] === PRIMARY,
      safe: !published && !outcome.failures.includes(i),
      exactDisclosure: hi - lo < 1e-9
    });
  }
  return {cells, failures: cells.filter((c) => !c.safe)};
}
