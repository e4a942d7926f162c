/**
 * The audit components of a small synthetic gemeente, for the tests that compare the audit's LP
 * variants (crossover start, exact reduction) with plain exact intervals: one gemeente of 10
 * wijken x 8 buurten x 14 branches with a branch total, half of the cells small, seeds 1 and 2
 * (one component of 347 and one of 378 suppressed cells, and a few small ones).
 */
import type {Highs} from "highs";
import {componentSystem, components, type LinearSystem} from "../../data-loaders/disclosure/audit.ts";
import {primarySuppression, type PrimaryResult} from "../../data-loaders/disclosure/primary.ts";
import {secondarySuppression} from "../../data-loaders/disclosure/secondary.ts";
import {syntheticTable} from "../../data-loaders/disclosure/synthetic.ts";
import {buildTableModel, type TableModel} from "../../data-loaders/disclosure/table-model.ts";
import {resolveThresholds} from "../../data-loaders/disclosure/thresholds.ts";

export interface SyntheticComponent {
  model: TableModel;
  primary: PrimaryResult;
  cells: number[];
  /** The component's system, with the solver's infinity for open row bounds. */
  sys: LinearSystem;
  /** The true values of its cells (a feasible point). */
  start: number[];
}

/** Every component of at least `minCells` cells after primary and secondary suppression. */
export function syntheticComponents(highs: Highs, minCells: number): SyntheticComponent[] {
  const found: SyntheticComponent[] = [];
  for (let seed = 1; seed <= 2; seed++) {
    const table = syntheticTable({
      gemeenten: 1,
      wijkenPerGemeente: 10,
      buurtenPerWijk: 8,
      branches: 14,
      years: 1,
      seed,
      pSmall: 0.5,
      brancheTotaal: true
    });
    const model = buildTableModel([table], []);
    const primary = primarySuppression(model, resolveThresholds());
    secondarySuppression(model, primary);
    for (const cells of components(model, primary.status)) {
      if (cells.length < minCells) continue;
      const sys = componentSystem(model, primary.status, cells);
      sys.rowUpper = sys.rowUpper.map((u) => (u === Infinity ? highs.infinity : u));
      found.push({model, primary, cells, sys, start: cells.map((c) => model.value[c])});
    }
  }
  return found;
}
