/**
 * Known-answer tests of the audit (privacy.md rule 7). The worked examples are small two-way
 * tables in the style of the Handbook on Statistical Disclosure Control (Hundepool et al. 2012,
 * ch. 4: a table with marginal totals and a rectangle of suppressed cells). The book's exact
 * figures are not reproduced from memory; instead every interval asserted here was computed by
 * hand (derivation in the comments), which is what the LP must find.
 */
import {describe, expect, it} from "vitest";
import {
  auditSuppressionPattern,
  runGate,
  type CountCell,
  type TableDeclaration
} from "../../data-loaders/disclosure/gate.ts";
import {
  componentSystem,
  components,
  createAuditSolver,
  intervals,
  loadSolver,
  needOf,
  prepareJob,
  solveJob,
  swapRanges
} from "../../data-loaders/disclosure/audit.ts";
import {isProtected} from "../../data-loaders/disclosure/protection.ts";
import {SECONDARY, primarySuppression} from "../../data-loaders/disclosure/primary.ts";
import {secondarySuppression} from "../../data-loaders/disclosure/secondary.ts";
import {GateStopError} from "../../data-loaders/disclosure/stop.ts";
import {mulberry32, syntheticTable} from "../../data-loaders/disclosure/synthetic.ts";
import {buildTableModel} from "../../data-loaders/disclosure/table-model.ts";
import {resolveThresholds} from "../../data-loaders/disclosure/thresholds.ts";
import {BronmapError} from "../../data-loaders/sources/types.ts";
import {formatUserError, isUserFacing} from "../../data-loaders/user-error.ts";
import {anyOf, gridCell, gridTable} from "./helpers.ts";
import {syntheticComponents} from "./synthetic-components.ts";

const interval = (cells: {cell: CountCell; lo: number; hi: number}[], code: string, branche: string) => {
  const c = cells.find((x) => x.cell.gebiedcode === code && x.cell.branche === branche);
  if (!c) throw new Error(`no audited cell ${code} ${branche}`);
  return [c.lo, c.hi];
};

describe("audit: worked examples with hand-computed intervals", () => {
  it("finds the feasibility intervals of a 2x2 table with all interior cells suppressed", async () => {
    // 4 + 6 = 10, 8 + 12 = 20; columns 12 and 18. With x11 = t: x12 = 10 - t, x21 = 12 - t,
    // x22 = 8 + t, and 0 <= t <= 10, so x11 in [0,10], x12 in [0,10], x21 in [2,12], x22 in [8,18].
    const table = gridTable("voorbeeld", [
      [4, 6],
      [8, 12]
    ]);
    const {cells, failures} = await auditSuppressionPattern(
      {tables: [table]},
      anyOf(gridCell(0, 0), gridCell(0, 1), gridCell(1, 0), gridCell(1, 1))
    );
    expect(interval(cells, "WK000101", "b1")).toEqual([0, 10]);
    expect(interval(cells, "WK000101", "b2")).toEqual([0, 10]);
    expect(interval(cells, "WK000102", "b1")).toEqual([2, 12]);
    expect(interval(cells, "WK000102", "b2")).toEqual([8, 18]);
    expect(failures).toEqual([]);
  });

  it("finds the intervals of a suppressed rectangle in a 3x3 table", async () => {
    // Rows I..III, columns A..C; suppressed IA, IC, IIIA, IIIC. Published cells give
    // IA + IC = 30, IIIA + IIIC = 29, IA + IIIA = 37, IC + IIIC = 22. With IA = t: IC = 30 - t,
    // IIIA = 37 - t, IIIC = t - 8, so 8 <= t <= 30: IA [8,30], IC [0,22], IIIA [7,29], IIIC [0,22].
    const table = gridTable("rechthoek", [
      [20, 50, 10],
      [8, 19, 32],
      [17, 32, 12]
    ]);
    const {cells} = await auditSuppressionPattern(
      {tables: [table]},
      anyOf(gridCell(0, 0), gridCell(0, 2), gridCell(2, 0), gridCell(2, 2))
    );
    expect(interval(cells, "WK000101", "b1")).toEqual([8, 30]);
    expect(interval(cells, "WK000101", "b3")).toEqual([0, 22]);
    expect(interval(cells, "WK000103", "b1")).toEqual([7, 29]);
    expect(interval(cells, "WK000103", "b3")).toEqual([0, 22]);
  });

  it("flags a single suppressed cell in a row as exact disclosure", async () => {
    // Only IA is suppressed in row I (IIIA protects the column): IA = 80 - 50 - 10 = 20 exactly.
    const table = gridTable("enkel", [
      [20, 50, 10],
      [8, 19, 32],
      [17, 32, 12]
    ]);
    const {cells, failures} = await auditSuppressionPattern(
      {tables: [table]},
      anyOf(gridCell(0, 0), gridCell(2, 0))
    );
    expect(interval(cells, "WK000101", "b1")).toEqual([20, 20]);
    const ia = cells.find((c) => c.cell.gebiedcode === "WK000101" && c.cell.branche === "b1")!;
    expect(ia.exactDisclosure).toBe(true);
    expect(failures.map((f) => f.cell.gebiedcode)).toContain("WK000101");
  });

  it("rejects a threshold cell whose interval is narrower than k or does not straddle its value", async () => {
    // Suppressed rectangle 2, 3 / 1, 30. Published cells give IA + IB = 5, IIA + IIB = 31,
    // IA + IIA = 3, IB + IIB = 33. With IA = t: IB = 5 - t, IIA = 3 - t, IIB = 28 + t, so
    // 0 <= t <= 3: the 2 lies in [0, 3], narrower than k = 5.
    const table = gridTable("smal", [
      [2, 3, 40],
      [1, 30, 40],
      [30, 30, 40]
    ]);
    const {failures} = await auditSuppressionPattern(
      {tables: [table]},
      anyOf(gridCell(0, 0), gridCell(0, 1), gridCell(1, 0), gridCell(1, 1))
    );
    const small = failures.find((f) => f.cell.gebiedcode === "WK000101" && f.cell.branche === "b1");
    expect(small).toBeDefined();
    expect([small!.lo, small!.hi]).toEqual([0, 3]);
  });
});

describe("audit: random suppression patterns are not safe", () => {
  it("rejects a random suppression pattern, with cells recoverable exactly", async () => {
    const rand = mulberry32(7);
    const grid = Array.from({length: 8}, () =>
      Array.from({length: 8}, () => (rand() < 0.2 ? 1 + Math.floor(rand() * 4) : 5 + Math.floor(rand() * 50)))
    );
    const table = gridTable("willekeurig", grid);
    const pattern = new Set<string>();
    grid.forEach((row, r) => row.forEach((_, c) => (rand() < 0.25 ? pattern.add(`${r},${c}`) : null)));
    const {cells, failures} = await auditSuppressionPattern({tables: [table]}, (_t, cell) => {
      const r = Number(cell.gebiedcode.slice(-1)) - 1;
      const c = Number(String(cell.branche).slice(1)) - 1;
      return cell.gebiedniveau === "wijk" && cell.branche !== "totaal" && pattern.has(`${r},${c}`);
    });
    expect(cells.length).toBeGreaterThan(5);
    expect(failures.length).toBeGreaterThan(0);
    expect(cells.some((c) => c.exactDisclosure && !c.cell.branche?.startsWith("totaal"))).toBe(true);
  });

  it("protects the same random table when the gate chooses the pattern", async () => {
    const rand = mulberry32(7);
    const grid = Array.from({length: 8}, () =>
      Array.from({length: 8}, () => (rand() < 0.2 ? 1 + Math.floor(rand() * 4) : 5 + Math.floor(rand() * 50)))
    );
    const result = await runGate({tables: [gridTable("willekeurig", grid)]});
    expect(result.report.audit.geslaagd).toBe(true);
    expect(result.report.totaal.onderdruktPrimair).toBeGreaterThan(0);
  });
});

describe("audit: a cell nothing can protect stops the build", () => {
  it("stops with one Dutch paragraph naming table and cell when a count is pinned by a public figure", async () => {
    // The gemeente count (3 < 5) equals a public figure through a declared link, so no amount
    // of secondary suppression, withholding or hiding of totals can hide it: the build must
    // stop, as a user-facing error (no stack trace) that says which table and cell.
    const counts: TableDeclaration = {
      id: "vestigingen",
      title: "Vestigingen",
      unitKind: "vestigingen",
      measure: "count",
      dimensions: ["gebied", "jaar"],
      cells: [
        {gebiedcode: "GM0001", gebiedniveau: "gemeente", bovenliggend: null, jaar: 2024, value: 3},
        {gebiedcode: "WK000101", gebiedniveau: "wijk", bovenliggend: "GM0001", jaar: 2024, value: 3}
      ]
    };
    const publiek: TableDeclaration = {
      id: "register",
      title: "Openbaar register",
      unitKind: "publiek",
      measure: "count",
      dimensions: ["gebied", "jaar"],
      cells: [{gebiedcode: "GM0001", gebiedniveau: "gemeente", bovenliggend: null, jaar: 2024, value: 3}]
    };
    const ref = (table: string) => ({
      table,
      gebiedcode: "GM0001",
      gebiedniveau: "gemeente" as const,
      bovenliggend: null,
      jaar: 2024
    });
    const error = await runGate({
      tables: [counts, publiek],
      links: [
        {
          label: "gelijk aan register",
          sense: "=",
          terms: [
            {cell: ref("vestigingen"), coef: 1},
            {cell: ref("register"), coef: -1}
          ]
        }
      ]
    }).then(
      () => null,
      (e: unknown) => e
    );
    expect(error).toBeInstanceOf(GateStopError);
    expect(error).toBeInstanceOf(BronmapError);
    const message = (error as Error).message;
    expect(message).toMatch(
      /^De publicatiepoort kan de tabel ‘Vestigingen’ \(vestigingen\) niet veilig publiceren/
    );
    expect(message).toContain("vestigingen / GM0001 / 2024");
    expect(message).toMatch(/Geprobeerd: .*Wat u kunt doen: /);
    expect(message).not.toContain("\n");
    // Printed by every command (runCommand) as this one line, without a stack trace.
    expect(isUserFacing(error)).toBe(true);
    expect(formatUserError(error as Error)).toBe(`FOUT in de bronmap: ${message}`);
  });
});

describe("audit: feasible ranges without an LP", () => {
  it("ties a wijk to its one unpublished buurt and trades between tied classes (worked by hand)", async () => {
    // Gemeente 21 = WK1 + WK3 (its other wijken 0 and published); WK1 = BU1 (17) and WK3 = BU3
    // (4), their other buurten published 0. So BU1 = WK1 = t and BU3 = WK3 = 21 - t, t in
    // [0, 21]: all four cells range over [0, 21], without an LP.
    const c = (
      gebiedcode: string,
      gebiedniveau: CountCell["gebiedniveau"],
      bovenliggend: string | null,
      value: number
    ) => ({gebiedcode, gebiedniveau, bovenliggend, jaar: 2024, value}) as CountCell;
    const table: TableDeclaration = {
      id: "t",
      title: "t",
      unitKind: "vestigingen",
      measure: "count",
      dimensions: ["gebied", "jaar"],
      cells: [
        c("GM0001", "gemeente", null, 21),
        c("WK000101", "wijk", "GM0001", 17),
        c("WK000102", "wijk", "GM0001", 0),
        c("WK000103", "wijk", "GM0001", 4),
        c("BU00010101", "buurt", "WK000101", 17),
        c("BU00010102", "buurt", "WK000101", 0),
        c("BU00010301", "buurt", "WK000103", 4),
        c("BU00010302", "buurt", "WK000103", 0)
      ]
    };
    const model = buildTableModel([table], []);
    const status = new Uint8Array(model.n);
    const hidden = new Set(["WK000101", "WK000103", "BU00010101", "BU00010301"]);
    const cells: number[] = [];
    for (let i = 0; i < model.n; i++)
      if (hidden.has(model.cells[i].gebiedcode)) {
        status[i] = SECONDARY;
        cells.push(i);
      }
    const r = swapRanges(model, status, cells);
    expect(r.lo).toEqual([0, 0, 0, 0]);
    expect(r.hi).toEqual([21, 21, 21, 21]);
  });

  it("gives only ranges inside the exact LP intervals, on random two-way tables", async () => {
    // Inner bounds must be feasible values: compare with both LPs per cell on the gate's own
    // patterns of random tables (area hierarchy x branches with a branch total).
    const highs = await loadSolver();
    let checked = 0;
    let moved = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const table = syntheticTable({
        gemeenten: 2,
        wijkenPerGemeente: 3,
        buurtenPerWijk: 3,
        branches: 4,
        years: 2,
        seed,
        pSmall: 0.2,
        brancheTotaal: seed % 2 === 0
      });
      const model = buildTableModel([table], []);
      const primary = primarySuppression(model, resolveThresholds());
      secondarySuppression(model, primary);
      for (const cells of components(model, primary.status)) {
        const r = swapRanges(model, primary.status, cells);
        const sys = componentSystem(model, primary.status, cells);
        sys.rowUpper = sys.rowUpper.map((u) => (u === Infinity ? highs.infinity : u));
        const exact = intervals(highs, sys);
        cells.forEach((_, j) => {
          expect(r.lo[j]).toBeGreaterThanOrEqual(exact.lo[j] - 1e-6);
          expect(r.hi[j]).toBeLessThanOrEqual(exact.hi[j] + 1e-6);
          checked++;
          if (r.hi[j] > r.lo[j]) moved++;
        });
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(moved).toBeGreaterThan(50);
  });

  it("certifies cells in batches only with feasible points, and with the exact verdicts", async () => {
    // The audit's batch solves (one LP pushing many cells down or up at once) and the per-cell
    // LPs after them give inner bounds: every end must lie inside the exact LP interval (both
    // LPs for every cell), and every cell must get the verdict the exact interval gives, on the
    // gate's own first-round patterns of random tables with and without a branch total.
    const highs = await loadSolver();
    const solver = createAuditSolver(highs);
    let checked = 0;
    let batches = 0;
    let failing = 0;
    try {
      for (let seed = 1; seed <= 8; seed++) {
        const table = syntheticTable({
          gemeenten: 2,
          wijkenPerGemeente: 3,
          buurtenPerWijk: 4,
          branches: 5,
          years: 2,
          seed,
          pSmall: 0.25,
          brancheTotaal: seed % 2 === 0
        });
        const model = buildTableModel([table], []);
        const primary = primarySuppression(model, resolveThresholds());
        secondarySuppression(model, primary);
        for (const cells of components(model, primary.status)) {
          const r = solveJob(highs, solver, prepareJob(model, primary, cells, undefined, false));
          batches += r.batchSolves ?? 0;
          const sys = componentSystem(model, primary.status, cells);
          sys.rowUpper = sys.rowUpper.map((u) => (u === Infinity ? highs.infinity : u));
          const exact = intervals(highs, sys);
          cells.forEach((c, j) => {
            expect(r.lo[j]).toBeGreaterThanOrEqual(exact.lo[j] - 1e-6);
            expect(r.hi[j]).toBeLessThanOrEqual(exact.hi[j] + 1e-6);
            const need = needOf(model, primary, c);
            const verdict = isProtected(need, exact.lo[j], exact.hi[j]);
            expect(isProtected(need, r.lo[j], r.hi[j])).toBe(verdict);
            if (!verdict) failing++;
            checked++;
          });
        }
      }
    } finally {
      solver.dispose();
    }
    expect(checked).toBeGreaterThan(300);
    expect(batches).toBeGreaterThan(10);
    expect(failing).toBeGreaterThan(0);
  });

  /** Components this large get the crossover start in the test below (the gate: CROSSOVER_MIN_VARS). */
  const CROSSOVER_TEST_VARS = 300;

  it("starts large components from a crossover of the true values, with the exact intervals and verdicts", async () => {
    // A component of a few hundred cells, with the crossover threshold lowered for the test: its
    // first LP starts from the basis that crossover makes of the true values. Exact intervals (both LPs per cell) must be the same
    // with that start as from the all-slack basis, and the audit's inner bounds must lie inside
    // them with the same verdicts.
    const highs = await loadSolver();
    const solver = createAuditSolver(highs);
    let large = 0;
    let checked = 0;
    try {
      for (const {model, primary, cells, sys, start} of syntheticComponents(highs, CROSSOVER_TEST_VARS)) {
        large++;
        const fromSlack = intervals(highs, sys);
        const fromStart = intervals(highs, sys, {start, crossoverMinVars: CROSSOVER_TEST_VARS});
        const audit = solveJob(highs, solver, prepareJob(model, primary, cells, undefined, false));
        cells.forEach((c, j) => {
          expect(fromStart.lo[j]).toBeCloseTo(fromSlack.lo[j], 6);
          expect(fromStart.hi[j]).toBeCloseTo(fromSlack.hi[j], 6);
          expect(audit.lo[j]).toBeGreaterThanOrEqual(fromSlack.lo[j] - 1e-6);
          expect(audit.hi[j]).toBeLessThanOrEqual(fromSlack.hi[j] + 1e-6);
          const need = needOf(model, primary, c);
          expect(isProtected(need, audit.lo[j], audit.hi[j])).toBe(
            isProtected(need, fromSlack.lo[j], fromSlack.hi[j])
          );
          checked++;
        });
      }
    } finally {
      solver.dispose();
    }
    expect(large).toBe(2);
    expect(checked).toBeGreaterThan(2 * CROSSOVER_TEST_VARS);
  });
});
