/**
 * The publish gate: the single exit through which every published number leaves the build.
 *
 * A loader declares its tables (with TRUE counts), derived values and cross-table links, calls
 * `runGate`, and writes its output only with `emitJson` / `emitArrow` / `emitCsv`, which accept
 * nothing but gate-made objects. The gate applies primary suppression (thresholds, p%-rule),
 * secondary suppression over all relations at once, proves the result by an LP audit (HiGHS),
 * optionally rounds wijk and buurt counts, and writes the disclosure report and open-data rows.
 * Rules: /work/shared/design/privacy.md, explained in docs/privacy.md.
 */
import {runEngine} from "./engine.ts";
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
export {isPublishable} from "./published.ts";
export {THRESHOLD_FLOOR, resolveThresholds} from "./thresholds.ts";
export {areaRelationsOf, sumRelation, stockFlowRelations, levelLinkRelations} from "./table-model.ts";
export {emitJson, emitArrow, emitCsv, writePublishedFile, toContract, type OutputSink} from "./emit.ts";
export {emitCached} from "./emit-cached.ts";
export {publishMetadata, publishBundle, publishReport} from "./metadata.ts";
export {publishTableParts} from "./parts.ts";
export {encodeOpenData, openDataRows, writeOpenData, writeOpenDataInWorker, toCsv} from "./open-data.ts";

/** What a gate run produces. */
export interface GateResult {
  /** Published tables by id: declared tables first, then derived ones. */
  tables: ReadonlyMap<string, PublishedTable>;
  /** The disclosure report of this run (publish it via `publishReport`). */
  report: DisclosureReport;
  /** Every published number in the open-data long format, suppressed cells present and empty. */
  openData: readonly OpenDataRow[];
}

/**
 * Runs disclosure control on the declared tables and returns them as published tables.
 * Throws when a declaration is invalid, a threshold is lowered below the floor, or the audit
 * cannot be made to pass (message names table and cell).
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
