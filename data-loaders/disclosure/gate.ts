/**
 * The publish gate: the single exit through which every published number leaves the build.
 *
 * The pipeline (indicators/compute.ts) declares every table once per build, with TRUE counts,
 * its derived values, cross-table links and key totals, and calls `runGate`. The gate applies
 * primary suppression (thresholds, p%-rule) and secondary suppression over all relations at
 * once, proves the pattern by an LP audit (HiGHS) and protects every failing cell by
 * construction (witness LPs, with a last resort that withholds one level; a cell nothing can
 * protect stops the build with one Dutch paragraph, `GateStopError`), optionally rounds wijk
 * and buurt counts, and writes the disclosure report and open-data rows (engine.ts is the
 * order of these steps). Page files leave only as gate-made objects: `publishBundle` and
 * `publishTableParts` (split per view) make them, `writePublishedFile` writes them, and
 * `emitCached` hands a checked file to Framework. `emitJson` / `emitArrow` / `emitCsv` write a
 * gate-made object to a stream (used by tests and tools).
 * Rules: ../shared/design/privacy.md, explained in docs/privacy.md.
 */
import {runEngine, type GateResult} from "./engine.ts";
export type {GateResult} from "./engine.ts";
import type {OpenDataRow, DisclosureReport, GateInput} from "./types.ts";
import type {PublishedTable} from "./published.ts";

export type * from "./types.ts";
export {OPEN_DATA_COLUMNS} from "./types.ts";
export {auditSuppressionPattern, type AuditedCell} from "./engine.ts";
export type {
  PublishedTable,
  PublishedMetadata,
  PublishedBundle,
  MetadataKind,
  Publishable
} from "./published.ts";
export {forEachCell, isPublishable} from "./published.ts";
export {THRESHOLD_FLOOR, resolveThresholds} from "./thresholds.ts";
export {
  areaRelationsOf,
  cellRef,
  sumRelation,
  stockFlowRelations,
  levelLinkRelations
} from "./table-model.ts";
export {
  emitJson,
  emitArrow,
  emitCsv,
  PublishedFileWriter,
  writePublishedFile,
  toContract,
  type OutputSink
} from "./emit.ts";
export {emitCached} from "./emit-cached.ts";
export {publishMetadata, publishBundle, publishReport} from "./metadata.ts";
export {publishTableParts} from "./parts.ts";
export {encodeOpenData, openDataRows, writeOpenData, writeOpenDataInWorker, toCsv} from "./open-data.ts";

/**
 * Runs disclosure control on the declared tables and returns them as published tables.
 * Throws when a declaration is invalid or a threshold is lowered below the floor; stops with
 * `GateStopError` (a Dutch paragraph naming table and cell) only when a cell cannot be protected.
 */
export async function runGate(input: GateInput): Promise<GateResult> {
  return runEngine(input);
}

/** Returns the published table with `id` from a gate result, or throws naming the id. */
export function tableOf(result: GateResult, id: string): PublishedTable {
  const table = result.tables.get(id);
  if (!table) throw new Error(`Tabel ${id} is niet door de poort gegaan`);
  return table;
}
