/**
 * An auditor of the publish gate that shares no code with it: it rebuilds the relations an
 * outsider knows from the declarations (area parents, branch hierarchies, declared links) and
 * the published tables (status and value per cell, remainder cells included), and solves the
 * interval of every unpublished cell it has to judge, component by component, with HiGHS's Model
 * API (a cell already shown safe by feasible points, the true values or earlier LP optima, needs
 * no LP of its own); a sample is re-solved with the pure-JS `yalps`, a different solver
 * altogether, and once more with HiGHS's LP-text interface.
 *
 * Criteria (privacy.md rule 7), judged with the true values from the declarations:
 * - every suppressed cell: hi > lo;
 * - a count 0 < v < k: hi - lo >= k and lo < v < hi;
 * - a magnitude the gate marks with the p%-rule: not exactly determined (the auditor does not
 *   recompute the protection level; the gate's own tests cover it);
 * - a withheld cell (not part of a published table): only that a count below k is not exact;
 * - a hidden part (a table declared `hidden`, never published): a count 0 < v < k as above,
 *   any other value nothing.
 */
import type {Highs} from "highs";
import {solve as yalpsSolve, type Constraint} from "yalps";
import type {
  CellKey,
  CellRef,
  PublishedTable,
  Relation,
  TableDeclaration,
  Thresholds
} from "../../../data-loaders/disclosure/gate.ts";

const TOL = 1e-6;

/** One failing cell found by the auditor. */
export interface AuditFinding {
  cell: string;
  value: number;
  lo: number;
  hi: number;
  why: string;
}

/** What the auditor checked and found. */
export interface IndependentAuditResult {
  /** Unpublished cells audited. */
  audited: number;
  /** LP solves. */
  solves: number;
  /** Cells whose interval was also solved with yalps, and how many of them disagreed. */
  crossChecked: number;
  disagreements: string[];
  findings: AuditFinding[];
  /** Published counts between 0 and k (never allowed). */
  smallPublished: string[];
}

type Status = "published" | "suppressed" | "withheld" | "pmagnitude" | "hidden";

interface Cell {
  name: string;
  value: number;
  status: Status;
  k: number;
  magnitude: boolean;
}

const keyOf = (table: string, c: Pick<CellKey, "gebiedcode" | "branche" | "categorie" | "jaar">) =>
  `${table}|${c.gebiedcode}|${c.branche ?? ""}|${c.categorie ?? ""}|${c.jaar}`;

/** Loads HiGHS (the factory is the default export, or its default under some loaders). */
async function loadHighs(): Promise<Highs> {
  type Factory = () => Promise<Highs>;
  const mod = (await import("highs")) as unknown as {default: Factory | {default: Factory}};
  return (typeof mod.default === "function" ? mod.default : mod.default.default)();
}

let highsPromise: Promise<Highs> | null = null;

/** An outsider's relation: sum(coef * cell) = 0 or >= 0, cells by name. */
interface OutsiderRelation {
  terms: [string, number][];
  sense: "=" | ">=";
}

/**
 * What an outsider knows, rebuilt from the declarations and the published tables: every cell
 * (true value, published status, threshold), every relation, and the published counts below k.
 */
function outsiderView(
  declared: {tables: TableDeclaration[]; links: Relation[]},
  published: ReadonlyMap<string, PublishedTable>,
  thresholds: Thresholds,
  hiddenWithheld: readonly CellRef[] = []
): {cells: Map<string, Cell>; relations: OutsiderRelation[]; smallPublished: string[]} {
  const cells = new Map<string, Cell>();
  const relations: OutsiderRelation[] = [];
  const tables = declared.tables.filter((t) => t.unitKind !== "publiek" && !t.hidden);
  // Hidden parts: never published, so an outsider knows only that they are counts >= 0. Those
  // the gate gave the last resort need, like withheld cells, only not to be exact.
  const relaxed = new Set(hiddenWithheld.map((c) => keyOf(c.table, c)));
  for (const t of declared.tables.filter((d) => d.hidden)) {
    const k = thresholds[t.unitKind as keyof Thresholds];
    for (const c of t.cells) {
      const name = keyOf(t.id, c);
      const status: Status = relaxed.has(name) ? "withheld" : "hidden";
      cells.set(name, {name, value: c.value as number, status, k, magnitude: false});
    }
  }
  const publiek = declared.tables.filter((t) => t.unitKind === "publiek");
  const smallPublished: string[] = [];
  // Cells: true values from the declarations, status from the published tables; remainder
  // cells (which only the gate's output lists) get their value from parent minus children.
  for (const t of tables) {
    const k = t.measure === "count" ? thresholds[t.unitKind as keyof Thresholds] : 0;
    const out = published.get(t.id);
    if (!out) throw new Error(`independent audit: table ${t.id} not published`);
    const truth = new Map(t.cells.map((c) => [keyOf(t.id, c), c.value as number]));
    for (const c of out.cellen) {
      const name = keyOf(t.id, c);
      const status: Status =
        c.status !== "onderdrukt"
          ? "published"
          : c.reden?.startsWith("niet gepubliceerd")
            ? "withheld"
            : c.reden?.includes("p%-regel")
              ? "pmagnitude"
              : "suppressed";
      // What an outsider sees for a published cell; the true value (declared, or for a remainder
      // cell filled in below) for the others.
      const value = status === "published" ? (c.waarde ?? NaN) : (truth.get(name) ?? NaN);
      cells.set(name, {name, value, status, k, magnitude: t.measure === "magnitude"});
      if (
        status === "published" &&
        c.waarde !== null &&
        t.measure === "count" &&
        c.waarde > 0 &&
        c.waarde < k
      )
        smallPublished.push(name);
    }
  }
  for (const t of publiek)
    for (const c of t.cells)
      cells.set(keyOf(t.id, c), {
        name: keyOf(t.id, c),
        value: c.value ?? NaN,
        status: "published",
        k: 0,
        magnitude: false
      });

  // Area relations: parent = sum of the cells whose bovenliggend is the parent (same branch,
  // category, year), per table, from the published rows (remainders included).
  for (const t of tables) {
    const out = published.get(t.id)!;
    const children = new Map<string, string[]>();
    for (const c of out.cellen) {
      if (!c.bovenliggend) continue;
      const parent = keyOf(t.id, {...c, gebiedcode: c.bovenliggend});
      if (!cells.has(parent)) continue;
      let list = children.get(parent);
      if (!list) children.set(parent, (list = []));
      list.push(keyOf(t.id, c));
    }
    for (const [parent, kids] of children)
      relations.push({terms: [[parent, 1], ...kids.map((k) => [k, -1] as [string, number])], sense: "="});
    // Branch hierarchy: group = sum of members (plus the gate's remainder branch, if listed).
    for (const [group, members] of Object.entries(t.brancheHierarchy ?? {})) {
      for (const c of out.cellen) {
        if (c.branche !== group) continue;
        const total = keyOf(t.id, c);
        const parts = [...members, `${group}-overig`]
          .map((m) => keyOf(t.id, {...c, branche: m}))
          .filter((k) => cells.has(k));
        relations.push({terms: [[total, 1], ...parts.map((k) => [k, -1] as [string, number])], sense: "="});
      }
    }
  }
  for (const link of declared.links)
    relations.push({
      terms: link.terms.map((t) => [keyOf(t.cell.table, t.cell), t.coef] as [string, number]),
      sense: link.sense
    });
  // True values of the remainder cells: solve every relation with one unknown, until none is left.
  for (let progress = true; progress;) {
    progress = false;
    for (const r of relations) {
      if (r.sense !== "=") continue;
      const unknown = r.terms.filter(([name]) => Number.isNaN(cells.get(name)?.value ?? 0));
      if (unknown.length !== 1) continue;
      const [name, coef] = unknown[0];
      const rest = r.terms.reduce((s, [n, a]) => (n === name ? s : s + a * (cells.get(n)?.value ?? 0)), 0);
      cells.get(name)!.value = -rest / coef;
      progress = true;
    }
  }
  for (const c of cells.values())
    if (Number.isNaN(c.value) && c.status !== "published")
      throw new Error(`independent audit: no value for ${c.name}`);

  return {cells, relations, smallPublished};
}

/**
 * Audits the published tables of one gate run against the declarations it came from.
 * `crossCheck` cells (from the smallest components) are re-solved with yalps.
 */
export async function independentAudit(
  declared: {tables: TableDeclaration[]; links: Relation[]},
  published: ReadonlyMap<string, PublishedTable>,
  thresholds: Thresholds,
  crossCheck = 12,
  hiddenWithheld: readonly CellRef[] = []
): Promise<IndependentAuditResult> {
  const {cells, relations, smallPublished} = outsiderView(declared, published, thresholds, hiddenWithheld);

  // Components of unpublished cells linked by a relation.
  const unpublished = [...cells.values()].filter((c) => c.status !== "published");
  const parent = new Map<string, string>(unpublished.map((c) => [c.name, c.name]));
  const find = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  const relsOf = new Map<string, number[]>();
  relations.forEach((r, ri) => {
    let first: string | null = null;
    for (const [name] of r.terms) {
      if (!parent.has(name)) continue;
      let list = relsOf.get(name);
      if (!list) relsOf.set(name, (list = []));
      list.push(ri);
      if (first === null) first = find(name);
      else parent.set(find(name), first);
    }
  });
  const groups = new Map<string, Cell[]>();
  for (const c of unpublished) {
    const root = find(c.name);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = []));
    g.push(c);
  }

  highsPromise ??= loadHighs();
  const highs = await highsPromise;
  const findings: AuditFinding[] = [];
  let solves = 0;
  const small: {cells: Cell[]; rels: number[]}[] = [];
  for (const group of groups.values()) {
    // Columns: the unpublished cells; every relation that names one is a row, with the
    // published cells of that relation moved to the right-hand side.
    const relIds = [...new Set(group.flatMap((c) => relsOf.get(c.name) ?? []))];
    const colIndex = new Map<string, number>(group.map((c, j) => [c.name, j]));
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    const rhs: number[] = [];
    for (const ri of relIds) {
      let b = 0;
      for (const [name, coef] of relations[ri].terms) {
        const cell = cells.get(name);
        if (!cell) throw new Error(`independent audit: relation names an undeclared cell ${name}`);
        const j = colIndex.get(name);
        if (j === undefined) b -= coef * cell.value;
        else {
          indices.push(j);
          values.push(coef);
        }
      }
      rhs.push(b);
      starts.push(indices.length);
    }
    // Feasible points seen so far, per cell: the true values, then every LP optimum. The range a
    // cell took in them lies inside its interval, so a cell already shown safe needs no LP.
    const seenLo = group.map((c) => c.value);
    const seenHi = group.map((c) => c.value);
    const need = group.map((c) => {
      const sensitive = !c.magnitude && c.value > 0 && c.value < c.k;
      if ((c.status === "withheld" || c.status === "hidden") && !sensitive) return "none" as const;
      return (c.status === "suppressed" || c.status === "hidden") && sensitive
        ? ("threshold" as const)
        : ("inexact" as const);
    });
    const safe = (j: number, lo: number, hi: number) => {
      const c = group[j];
      if (need[j] === "none") return true;
      if (!(hi - lo > TOL)) return false;
      return need[j] === "inexact" || (hi - lo >= c.k - TOL && lo < c.value - TOL && hi > c.value + TOL);
    };
    const model = highs.createModel();
    try {
      model.options.set({output_flag: false});
      model.passModel({
        numCols: group.length,
        numRows: relIds.length,
        colCost: new Array<number>(group.length).fill(0),
        colLower: new Array<number>(group.length).fill(0),
        colUpper: new Array<number>(group.length).fill(highs.infinity),
        rowLower: rhs,
        rowUpper: relIds.map((ri, i) => (relations[ri].sense === "=" ? rhs[i] : highs.infinity)),
        matrix: {format: "csr", numRows: relIds.length, numCols: group.length, starts, indices, values}
      });
      const {minimize, maximize} = highs.constants.objectiveSense;
      let costed = -1;
      const extreme = (j: number, sense: typeof minimize): number | null => {
        if (costed >= 0) model.changeColCost(costed, 0);
        model.changeColCost(j, 1);
        costed = j;
        model.changeObjectiveSense(sense);
        model.run();
        solves++;
        const status = model.getModelStatus();
        if (status === highs.constants.modelStatus.optimal) {
          const x = model.getSolution().colValue;
          for (let q = 0; q < group.length; q++) {
            if (x[q] < seenLo[q]) seenLo[q] = x[q];
            if (x[q] > seenHi[q]) seenHi[q] = x[q];
          }
          return model.getObjectiveValue();
        }
        if (sense === maximize && status === highs.constants.modelStatus.unbounded) return Infinity;
        // Any other status (HiGHS's "unknown" after a warm start, seen once on a fuzz seed): the
        // caller solves this cell again from scratch with the LP text interface.
        return null;
      };
      for (let j = 0; j < group.length; j++) {
        const c = group[j];
        if (safe(j, seenLo[j], seenHi[j])) continue;
        let hi = extreme(j, maximize);
        let lo =
          hi === null || !safe(j, seenLo[j], Math.max(hi, seenHi[j])) ? extreme(j, minimize) : seenLo[j];
        if (hi === null || lo === null) {
          const fresh = await intervalWithHighs(highs, cells, relations, relIds, c.name);
          ({lo, hi} = fresh);
        }
        if (safe(j, lo, hi)) continue;
        const v = c.value;
        const fail = (why: string) => findings.push({cell: c.name, value: v, lo, hi, why});
        if (!(hi - lo > TOL)) fail("exact te herleiden");
        else if (hi - lo < c.k - TOL) fail(`interval smaller dan k = ${c.k}`);
        else fail("ware waarde niet binnen het interval");
      }
    } finally {
      model.dispose();
    }
    if (group.length <= 40 && relIds.length > 0) small.push({cells: group, rels: relIds});
  }

  // Cross-check with yalps on cells of the smallest components.
  let crossChecked = 0;
  const disagreements: string[] = [];
  for (const {cells: group, rels} of small.sort((a, b) => a.cells.length - b.cells.length)) {
    if (crossChecked >= crossCheck) break;
    const c = group[0];
    const constraints = new Map<string, Constraint>();
    const variables = new Map<string, Map<string, number>>();
    rels.forEach((ri, i) => {
      let rhs = 0;
      for (const [name, coef] of relations[ri].terms) {
        const cell = cells.get(name)!;
        if (cell.status === "published") rhs -= coef * cell.value;
        else {
          let v = variables.get(name);
          if (!v) variables.set(name, (v = new Map([["obj", name === c.name ? 1 : 0]])));
          v.set(`r${i}`, coef);
        }
      }
      constraints.set(`r${i}`, relations[ri].sense === "=" ? {equal: rhs} : {min: rhs});
    });
    if (!variables.has(c.name)) continue;
    const solveY = (direction: "minimize" | "maximize") => {
      const s = yalpsSolve({direction, objective: "obj", constraints, variables});
      return s.status === "unbounded" ? (direction === "maximize" ? Infinity : -Infinity) : s.result;
    };
    const ylo = solveY("minimize");
    const yhi = solveY("maximize");
    crossChecked++;
    const again = await intervalWithHighs(highs, cells, relations, rels, c.name);
    if (
      Math.abs(ylo - again.lo) > 1e-4 ||
      (Number.isFinite(yhi) ? Math.abs(yhi - again.hi) > 1e-4 : Number.isFinite(again.hi))
    )
      disagreements.push(`${c.name}: yalps [${ylo}, ${yhi}], HiGHS [${again.lo}, ${again.hi}]`);
  }
  return {audited: unpublished.length, solves, crossChecked, disagreements, findings, smallPublished};
}

/** Both ends of one cell's interval with HiGHS's one-shot LP text interface. */
async function intervalWithHighs(
  highs: Highs,
  cells: Map<string, Cell>,
  relations: OutsiderRelation[],
  rels: number[],
  target: string
): Promise<{lo: number; hi: number}> {
  const names = new Map<string, string>();
  const rows: string[] = [];
  rels.forEach((ri, i) => {
    let rhs = 0;
    const terms: string[] = [];
    for (const [name, coef] of relations[ri].terms) {
      const cell = cells.get(name)!;
      if (cell.status === "published") rhs -= coef * cell.value;
      else {
        if (!names.has(name)) names.set(name, `x${names.size}`);
        terms.push(`${coef >= 0 ? "+" : "-"} ${Math.abs(coef)} ${names.get(name)}`);
      }
    }
    if (terms.length > 0)
      rows.push(` r${i}: ${terms.join(" ")} ${relations[ri].sense === "=" ? "=" : ">="} ${rhs}`);
  });
  const x = names.get(target)!;
  const bounds = [...names.values()].map((n) => ` ${n} >= 0`).join("\n");
  const run = (sense: "Minimize" | "Maximize") => {
    const out = highs.solve(`${sense}\n obj: ${x}\nSubject To\n${rows.join("\n")}\nBounds\n${bounds}\nEnd`, {
      output_flag: false
    });
    if (out.Status === "Unbounded") return sense === "Maximize" ? Infinity : -Infinity;
    if (out.Status !== "Optimal") throw new Error(`independent audit (LP text): ${out.Status}`);
    return out.ObjectiveValue;
  };
  return {lo: run("Minimize"), hi: run("Maximize")};
}

/** A hidden key total and whether the auditor could show it was forced. */
export interface ForcedCheck {
  total: string;
  /** A cell below k (or a p%-magnitude) that publishing the total would determine exactly. */
  exposes: string | null;
}

/**
 * The relation subsets the check tries in turn (see `forcedTotals`): first a few steps through
 * key totals and sensitive cells only (cheap, and enough when other key totals pin the cell),
 * then more steps through every cell (a small cell pinned by key totals over a chain of flows),
 * up to a number of relations.
 */
const FORCED_SEARCHES = [
  {depth: 3, throughAll: false, maxRelations: Infinity},
  {depth: 6, throughAll: true, maxRelations: 3_000}
];
/** Sensitive cells per search whose interval the check solves. */
const FORCED_CANDIDATES = 20;

/**
 * Checks independently that each hidden key total (regio and gemeente totals at or above k that
 * the gate left unpublished) really had to go. For a hidden total H it takes the most generous
 * pattern an outsider could face with H published: every cell unpublished except the public
 * figures, the key totals the gate published, and H itself (the other hidden totals stay hidden).
 * Suppressing more cells only removes constraints and widens every interval, so if some count
 * below k (or a p%-magnitude) is exactly determined in that pattern, it is determined in every
 * pattern that publishes H and these key totals: H was forced.
 *
 * The check solves the intervals on a subset of the relations only (those within a few steps
 * of H, `FORCED_SEARCHES`). Leaving relations out only
 * widens intervals, so an exact determination found on the subset holds on all of them; the
 * check can call a forced total unforced (then the fuzz run fails and someone looks), but never
 * the other way round.
 */
export async function forcedTotals(
  declared: {tables: TableDeclaration[]; links: Relation[]},
  published: ReadonlyMap<string, PublishedTable>,
  thresholds: Thresholds,
  hidden: readonly {table: string; gebiedcode: string; branche: string | null; jaar: number}[]
): Promise<ForcedCheck[]> {
  if (hidden.length === 0) return [];
  const {cells, relations} = outsiderView(declared, published, thresholds);
  // Key totals, from the declarations (the same definition as TableDeclaration.keyTotals).
  const key = new Set<string>();
  for (const t of declared.tables) {
    const kt = t.keyTotals;
    if (!kt) continue;
    for (const c of t.cells)
      if (
        kt.levels.includes(c.gebiedniveau) &&
        (kt.branche === undefined || kt.branche === (c.branche ?? null))
      )
        key.add(keyOf(t.id, c));
  }
  const sensitive = (c: Cell) =>
    c.status === "pmagnitude" || (!c.magnitude && c.k > 0 && c.value > 0 && c.value < c.k);
  const relsOf = new Map<string, number[]>();
  relations.forEach((r, ri) => {
    for (const [name] of r.terms) {
      let list = relsOf.get(name);
      if (!list) relsOf.set(name, (list = []));
      list.push(ri);
    }
  });
  highsPromise ??= loadHighs();
  const highs = await highsPromise;
  const out: ForcedCheck[] = [];
  for (const h of hidden) {
    const total = keyOf(h.table, {
      gebiedcode: h.gebiedcode,
      branche: h.branche,
      categorie: null,
      jaar: h.jaar
    });
    // In the generous pattern a cell is published only when it is public or a published key total.
    const fixed = (name: string) => {
      const c = cells.get(name)!;
      if (name === total) return true;
      if (c.status !== "published") return false;
      return key.has(name) || (!c.magnitude && c.k === 0); // a published key total, or a public figure
    };
    // The relations within the search's steps of H; the LP on them (see FORCED_SEARCHES).
    const exposedBy = (search: (typeof FORCED_SEARCHES)[number]): string | null => {
      let exposes: string | null = null;
      const chosen = new Set<number>();
      let frontier = [total];
      const visited = new Set<string>(frontier);
      for (let d = 0; d < search.depth && frontier.length > 0 && chosen.size < search.maxRelations; d++) {
        const next: string[] = [];
        for (const name of frontier)
          for (const ri of relsOf.get(name) ?? []) {
            if (chosen.has(ri)) continue;
            chosen.add(ri);
            for (const [m] of relations[ri].terms) {
              if (visited.has(m)) continue;
              const c = cells.get(m);
              if (!c || !(search.throughAll || key.has(m) || sensitive(c))) continue;
              visited.add(m);
              next.push(m);
            }
          }
        frontier = next;
      }
      const rels = [...chosen];
      const vars = [...new Set(rels.flatMap((ri) => relations[ri].terms.map(([n]) => n)))].filter(
        (n) => !fixed(n)
      );
      const col = new Map(vars.map((n, j) => [n, j]));
      const starts = [0];
      const indices: number[] = [];
      const values: number[] = [];
      const rhs: number[] = [];
      for (const ri of rels) {
        let b = 0;
        for (const [name, coef] of relations[ri].terms) {
          const j = col.get(name);
          if (j === undefined) b -= coef * cells.get(name)!.value;
          else {
            indices.push(j);
            values.push(coef);
          }
        }
        rhs.push(b);
        starts.push(indices.length);
      }
      const model = highs.createModel();
      try {
        model.options.set({output_flag: false});
        model.passModel({
          numCols: vars.length,
          numRows: rels.length,
          colCost: new Array<number>(vars.length).fill(0),
          colLower: new Array<number>(vars.length).fill(0),
          colUpper: new Array<number>(vars.length).fill(highs.infinity),
          rowLower: rhs,
          rowUpper: rels.map((ri, i) => (relations[ri].sense === "=" ? rhs[i] : highs.infinity)),
          matrix: {format: "csr", numRows: rels.length, numCols: vars.length, starts, indices, values}
        });
        const {minimize, maximize} = highs.constants.objectiveSense;
        const extreme = (j: number, sense: typeof minimize): number | null => {
          model.changeColsCost(
            {kind: "range", from: 0, to: vars.length - 1},
            new Array<number>(vars.length).fill(0)
          );
          model.changeColCost(j, 1);
          model.changeObjectiveSense(sense);
          model.run();
          const status = model.getModelStatus();
          if (status === highs.constants.modelStatus.optimal) return model.getObjectiveValue();
          return null; // unbounded or unknown: not shown exact
        };
        // The sensitive cells nearest to H first (in the order the search reached them), at
        // most FORCED_CANDIDATES of them: a cell H pins lies close to it.
        const order = [...visited];
        const candidates = [...order, ...[...col.keys()].filter((n) => !visited.has(n))]
          .filter((n) => col.has(n) && sensitive(cells.get(n)!))
          .slice(0, FORCED_CANDIDATES);
        for (const name of candidates) {
          const j = col.get(name)!;
          const hi = extreme(j, maximize);
          const lo = hi === null ? null : extreme(j, minimize);
          if (hi !== null && lo !== null && hi - lo <= TOL) {
            exposes = name;
            break;
          }
        }
      } finally {
        model.dispose();
      }
      return exposes;
    };
    let exposes: string | null = null;
    for (const search of FORCED_SEARCHES) {
      exposes = exposedBy(search);
      if (exposes !== null) break;
    }
    out.push({total, exposes});
  }
  return out;
}
