/**
 * Helpers for the disclosure tests: small tables written as grids, an accept-all file contract,
 * and an independent auditor that rebuilds the LP from published output the way an outside
 * auditor would (CPLEX LP text into the one-shot `highs.solve`, no shared code with the gate's
 * audit).
 */
import type {CountCell, TableDeclaration, UnitKind} from "../../data-loaders/disclosure/gate.ts";
import type {BestandContract} from "../../src/shared/contracts/envelope.ts";

/** A file contract that accepts everything, so a test of the writer is about the bytes alone. */
export const alles: BestandContract = {
  bestanden: /.*/,
  omschrijving: "test",
  schemaVersion: 1,
  check: () => undefined
};

/**
 * A two-dimensional table as a gate declaration: rows are wijken of one gemeente's "rows" and
 * columns are branches, with a row total (branche "totaal") and column totals (the gemeente).
 * `grid[r][c]` are the interior counts; totals are computed.
 */
export function gridTable(
  id: string,
  grid: number[][],
  unitKind: UnitKind = "vestigingen"
): TableDeclaration {
  const cells: CountCell[] = [];
  const branches = grid[0].map((_, c) => `b${c + 1}`);
  const jaar = 2024;
  grid.forEach((row, r) => {
    const wk = `WK00010${r + 1}`;
    row.forEach((v, c) =>
      cells.push({
        gebiedcode: wk,
        gebiedniveau: "wijk",
        bovenliggend: "GM0001",
        branche: branches[c],
        jaar,
        value: v
      })
    );
    cells.push({
      gebiedcode: wk,
      gebiedniveau: "wijk",
      bovenliggend: "GM0001",
      branche: "totaal",
      jaar,
      value: row.reduce((s, v) => s + v, 0)
    });
  });
  branches.forEach((b, c) =>
    cells.push({
      gebiedcode: "GM0001",
      gebiedniveau: "gemeente",
      bovenliggend: null,
      branche: b,
      jaar,
      value: grid.reduce((s, row) => s + row[c], 0)
    })
  );
  cells.push({
    gebiedcode: "GM0001",
    gebiedniveau: "gemeente",
    bovenliggend: null,
    branche: "totaal",
    jaar,
    value: grid.flat().reduce((s, v) => s + v, 0)
  });
  return {
    id,
    title: id,
    unitKind,
    measure: "count",
    dimensions: ["gebied", "branche", "jaar"],
    brancheHierarchy: {totaal: branches},
    cells
  };
}

/** Cell selector for grid tables: row r (0-based wijk), column c (0-based branch). */
export function gridCell(r: number, c: number): (table: string, cell: CountCell) => boolean {
  return (_t, cell) => cell.gebiedcode === `WK00010${r + 1}` && cell.branche === `b${c + 1}`;
}

/** Union of selectors. */
export function anyOf(...selectors: ((table: string, cell: CountCell) => boolean)[]) {
  return (t: string, cell: CountCell) => selectors.some((s) => s(t, cell));
}

type Factory = () => Promise<import("highs").Highs>;

/** A published cell as an outside auditor sees it (from cijfers.csv). */
export interface AuditorRow {
  key: string;
  gebiedcode: string;
  bovenliggend: string;
  branche: string;
  jaar: number;
  waarde: number | null;
}

/**
 * Independent audit from published rows: variables for empty cells, one equality per parent
 * area (parent = sum of the rows whose `bovenliggend` is it, same branch and year) and per
 * declared branch group. Returns min and max of every empty cell, solved one LP at a time.
 */
export async function independentAudit(
  rows: AuditorRow[],
  brancheHierarchy: Record<string, string[]> = {}
): Promise<Map<string, {lo: number; hi: number}>> {
  const mod = (await import("highs")) as unknown as {default: Factory | {default: Factory}};
  const highs = await (typeof mod.default === "function" ? mod.default : mod.default.default)();
  const name = new Map<string, string>();
  rows.forEach((r, i) => {
    if (r.waarde === null) name.set(r.key, `x${i}`);
  });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const keyOf = (code: string, branche: string, jaar: number) => `${code}|${branche}|${jaar}`;
  const constraints: string[] = [];
  const addSum = (total: AuditorRow, parts: AuditorRow[]) => {
    // total - sum(parts) = 0, with published values moved to the right-hand side.
    let rhs = 0;
    const terms: string[] = [];
    for (const [row, coef] of [[total, 1] as const, ...parts.map((p) => [p, -1] as const)]) {
      if (row.waarde === null) terms.push(`${coef > 0 ? "+" : "-"} ${name.get(row.key)}`);
      else rhs -= coef * row.waarde;
    }
    if (terms.length > 0) constraints.push(` c${constraints.length}: ${terms.join(" ")} = ${rhs}`);
  };
  const children = new Map<string, AuditorRow[]>();
  for (const r of rows) {
    if (!r.bovenliggend) continue;
    const k = keyOf(r.bovenliggend, r.branche, r.jaar);
    if (!children.has(k)) children.set(k, []);
    children.get(k)!.push(r);
  }
  for (const [k, kids] of children) {
    const parent = byKey.get(k);
    if (parent) addSum(parent, kids);
  }
  for (const r of rows) {
    const members = brancheHierarchy[r.branche];
    if (!members) continue;
    const parts = members
      .map((m) => byKey.get(keyOf(r.gebiedcode, m, r.jaar)))
      .filter((x): x is AuditorRow => !!x);
    const rest = byKey.get(keyOf(r.gebiedcode, `${r.branche}-overig`, r.jaar));
    addSum(r, rest ? [...parts, rest] : parts);
  }
  const vars = [...name.values()];
  const result = new Map<string, {lo: number; hi: number}>();
  for (const [key, v] of name) {
    const bounds = [...new Set(vars)].map((x) => ` ${x} >= 0`).join("\n");
    const solve = (sense: "Minimize" | "Maximize") => {
      const lp = `${sense}\n obj: ${v}\nSubject To\n${constraints.join("\n") || ` c0: ${v} >= 0`}\nBounds\n${bounds}\nEnd`;
      const out = highs.solve(lp, {output_flag: false});
      if (out.Status === "Unbounded") return Infinity;
      if (out.Status !== "Optimal") throw new Error(`independent audit: ${out.Status}`);
      return out.ObjectiveValue;
    };
    result.set(key, {lo: solve("Minimize"), hi: solve("Maximize")});
  }
  return result;
}
