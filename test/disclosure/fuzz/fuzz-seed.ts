/**
 * One fuzz run of the publish gate: a random bronmap (random-bronmap.ts) through the real
 * readers and indicator modules into one gate run, then checked from the outside:
 *
 * 1. the gate ends (a clear stop counts as a failure too: the bronmap is valid);
 * 2. the independent auditor (independent-audit.ts) finds every unpublished cell protected and
 *    no published count between 0 and k;
 * 3. every key total at or above k is published (a hidden one counts in `totalsHidden`, and in
 *    `totalsForced` when the gate's report says only key totals could protect a small key total);
 *    the auditor checks each hidden one on its own (`forcedTotals`): publishing it would determine
 *    a count below k exactly whatever else were suppressed. One it cannot show forced counts in
 *    `totalsUnforced` and fails the seed.
 */
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {runGate, type GateResult, type TableDeclaration} from "../../../data-loaders/disclosure/gate.ts";
import {computeParts} from "../../../data-loaders/indicators/compute.ts";
import {createContext} from "../../../data-loaders/indicators/context.ts";
import {loadBronmap} from "../../../data-loaders/sources/bronmap.ts";
import {forcedTotals, independentAudit, type IndependentAuditResult} from "./independent-audit.ts";
import {writeRandomBronmap, type RandomBronmapSummary} from "./random-bronmap.ts";

/** What one seed gave. */
export interface SeedOutcome {
  seed: number;
  bronmap: RandomBronmapSummary;
  /** True when the gate ended, the auditor agrees and no key total >= k is hidden. */
  ok: boolean;
  /** The gate's error message, when it did not end with a published result. */
  error: string | null;
  audit: IndependentAuditResult | null;
  totalsHidden: string[];
  totalsForced: number;
  /** Hidden key totals the independent check could not show forced (see `forcedTotals`). */
  totalsUnforced: string[];
  secondaryShare: number;
  withheld: number;
  repairRounds: number;
  gateMs: number;
  cells: number;
}

/** What a seed's outcome is made of, without its timing (to compare two runs of one seed). */
export function outcomeSummary(r: SeedOutcome) {
  return {
    ok: r.ok,
    error: r.error,
    cells: r.cells,
    withheld: r.withheld,
    secondaryShare: r.secondaryShare,
    repairRounds: r.repairRounds,
    totalsHidden: r.totalsHidden
  };
}

/** Key totals of the declarations with their value, for the check on hidden totals. */
function keyTotals(
  tables: TableDeclaration[]
): {table: string; code: string; branche: string | null; jaar: number; value: number; k: number}[] {
  const out = [];
  for (const t of tables) {
    const kt = t.keyTotals;
    if (!kt) continue;
    for (const c of t.cells)
      if (
        kt.levels.includes(c.gebiedniveau) &&
        (kt.branche === undefined || kt.branche === (c.branche ?? null))
      )
        out.push({
          table: t.id,
          code: c.gebiedcode,
          branche: c.branche ?? null,
          jaar: c.jaar,
          value: c.value as number,
          k: 0
        });
  }
  return out;
}

/** The gate's input for the bronmap in `dir`, as the pipeline computes it (readers, indicators). */
export async function partsOf(dir: string): Promise<Awaited<ReturnType<typeof computeParts>>> {
  const loaded = await loadBronmap(dir, {log: () => {}});
  try {
    return await computeParts(await createContext(loaded, () => {}));
  } finally {
    loaded.close();
  }
}

/** Runs seed `seed`; the bronmap lives in a temporary folder that is removed afterwards. */
export async function fuzzSeed(
  seed: number,
  options: {
    keep?: string;
    debug?: (line: string) => void;
    small?: boolean;
    /** Run the gate as it was before hidden parts (for the test that shows what they catch). */
    withoutHiddenParts?: boolean;
  } = {}
): Promise<SeedOutcome> {
  const dir = options.keep ?? mkdtempSync(join(tmpdir(), `fuzz-gate-${seed}-`));
  try {
    const bronmap = writeRandomBronmap(dir, seed, {small: options.small});
    const parts = await partsOf(dir);
    const t0 = performance.now();
    let result: GateResult;
    try {
      const hiddenIds = new Set(parts.tables.filter((t) => t.hidden).map((t) => t.id));
      const gateInput = options.withoutHiddenParts
        ? {
            tables: parts.tables.filter((t) => !t.hidden),
            links: parts.links.filter((l) => l.terms.every((term) => !hiddenIds.has(term.cell.table)))
          }
        : parts;
      result = await runGate({
        tables: gateInput.tables,
        derived: parts.derived,
        links: gateInput.links,
        options: {debug: options.debug}
      });
    } catch (e) {
      return {
        seed,
        bronmap,
        ok: false,
        error: (e as Error).message,
        audit: null,
        totalsHidden: [],
        totalsForced: 0,
        totalsUnforced: [],
        secondaryShare: 0,
        withheld: 0,
        repairRounds: 0,
        gateMs: performance.now() - t0,
        cells: 0
      };
    }
    const gateMs = performance.now() - t0;
    const {report} = result;
    const audit = await independentAudit(
      {tables: parts.tables, links: parts.links},
      result.tables,
      report.drempels,
      undefined,
      result.hiddenWithheld
    );
    const totalsHidden: string[] = [];
    const hiddenCells: {table: string; gebiedcode: string; branche: string | null; jaar: number}[] = [];
    for (const kt of keyTotals(parts.tables)) {
      const table = parts.tables.find((t) => t.id === kt.table)!;
      const k = report.drempels[table.unitKind as "vestigingen"];
      if (kt.value < k) continue;
      const cell = result.tables
        .get(kt.table)!
        .cellen.find(
          (c) => c.gebiedcode === kt.code && (c.branche ?? null) === kt.branche && c.jaar === kt.jaar
        );
      if (!cell || cell.waarde === null) {
        totalsHidden.push(`${kt.table} / ${kt.code} / ${kt.jaar}`);
        hiddenCells.push({table: kt.table, gebiedcode: kt.code, branche: kt.branche, jaar: kt.jaar});
      }
    }
    const checks = await forcedTotals(
      {tables: parts.tables, links: parts.links},
      result.tables,
      report.drempels,
      hiddenCells
    );
    const totalsUnforced = checks.filter((c) => c.exposes === null).map((c) => c.total);
    // A hidden key total is acceptable only where the report names it as forced.
    const forced = new Set(
      report.kerntotalenOnderdrukt.map((h) => `${h.tabel} / ${h.gebiedcode} / ${h.jaar}`)
    );
    const ok =
      audit.findings.length === 0 &&
      audit.smallPublished.length === 0 &&
      audit.disagreements.length === 0 &&
      totalsHidden.every((t) => forced.has(t)) &&
      totalsUnforced.length === 0;
    return {
      seed,
      bronmap,
      ok,
      error: null,
      audit,
      totalsHidden,
      totalsForced: report.kerntotalenOnderdrukt.length,
      totalsUnforced,
      secondaryShare: report.informatieverlies.aandeel,
      withheld: report.achtergehouden.reduce((s, w) => s + w.cellen, 0),
      repairRounds: report.audit.herstelrondes,
      gateMs,
      cells: report.totaal.cellen
    };
  } finally {
    if (!options.keep) rmSync(dir, {recursive: true, force: true});
  }
}
