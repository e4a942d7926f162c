/**
 * The loaders' side of the run-once pipeline: stream a page file that the pipeline wrote with
 * the gate's serializer. The gate's `emitCached` checks that the bytes match the sha256 the
 * pipeline recorded in its manifest when it wrote them, and that they carry the gate's JSON
 * envelope, so the cache cannot become a back door.
 */
import {emitCached} from "../disclosure/emit-cached.ts";
import type {PipelineResult} from "./pipeline.ts";

/** Where output goes; stdout by default. */
export interface FileSink {
  write(chunk: string | Uint8Array): unknown;
}

/** Writes the cached output `name` of a pipeline result to stdout after the gate verified it. */
export function emitPublishedFile(
  result: PipelineResult,
  name: string,
  out: FileSink = process.stdout
): void {
  emitCached(result.file(name), result.manifest.files[name], out);
}

/**
 * The file of one part of a split bundle (split.ts) as a parameterized loader names it:
 * `deelBestand("risicobranches", "regio-2025")` is `risicobranches/regio-2025.json`. Throws on a
 * parameter that is not a part name (Framework passes what the page asked for).
 */
export function deelBestand(naam: string, deel: string | undefined): string {
  if (!deel || !/^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/.test(deel))
    throw new Error(`Ongeldig deel van ${naam}: ${deel ?? "(geen)"}`);
  return `${naam}/${deel}.json`;
}
