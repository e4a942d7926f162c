/**
 * Helpers of the indicator tests: run the real readers and compute modules on a fixture
 * bronmap, and look up cells of the declared (true) tables or of the gate's published tables.
 */
import {join} from "node:path";
import type {CountCell, GateResult, PublishedCell} from "../../data-loaders/disclosure/gate.ts";
import {createContext, type GateParts} from "../../data-loaders/indicators/context.ts";
import {computeParts, runGateOnParts} from "../../data-loaders/indicators/compute.ts";
import {loadBronmap} from "../../data-loaders/sources/bronmap.ts";
import {lookedUp} from "./coverage.ts";

/** Folder of the hand-made mini bronmap. */
export const MINI = join(import.meta.dirname, "../fixtures/indicators/mini");

/** Computes the gate parts of a bronmap (readers + compute modules, no gate). */
export async function partsOf(dir: string): Promise<{parts: GateParts; jaren: number[]}> {
  const bronmap = await loadBronmap(dir, {log: () => {}});
  try {
    const ctx = await createContext(bronmap, () => {});
    return {parts: await computeParts(ctx), jaren: ctx.jaren};
  } finally {
    bronmap.close();
  }
}

/** Parts and the gate result of a bronmap. */
export async function gateOf(dir: string): Promise<{parts: GateParts; gate: GateResult; jaren: number[]}> {
  const {parts, jaren} = await partsOf(dir);
  return {parts, jaren, gate: await runGateOnParts(parts)};
}

type Key = {gebied: string; branche?: string | null; categorie?: string | null; jaar: number};

const match = (
  c: {gebiedcode: string; branche?: string | null; categorie?: string | null; jaar: number},
  k: Key
) =>
  c.gebiedcode === k.gebied &&
  (c.branche ?? null) === (k.branche ?? null) &&
  (c.categorie ?? null) === (k.categorie ?? null) &&
  c.jaar === k.jaar;

/** The true value of a declared cell; throws when the table or cell is absent. */
export function trueValue(parts: GateParts, table: string, k: Key): number | null {
  lookedUp.add(table);
  const t = parts.tables.find((x) => x.id === table);
  if (!t) throw new Error(`tabel ${table} ontbreekt`);
  const cell = t.cells.find((c: CountCell) => match(c, k));
  if (!cell) throw new Error(`cel ${table} ${JSON.stringify(k)} ontbreekt`);
  return cell.value;
}

/** The published cell of a table in a gate result; throws when absent. */
export function published(gate: GateResult, table: string, k: Key): PublishedCell {
  lookedUp.add(table);
  const t = gate.tables.get(table);
  if (!t) throw new Error(`tabel ${table} ontbreekt`);
  const cell = t.cellen.find((c) => match(c, k));
  if (!cell) throw new Error(`cel ${table} ${JSON.stringify(k)} ontbreekt`);
  return cell;
}
