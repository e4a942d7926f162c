/**
 * The loaders' side of the run-once pipeline: stream a page file that the pipeline wrote with
 * the gate's serializer, after checking that it is exactly that file. The check is what keeps
 * the cache from becoming a back door: the bytes must match the sha256 the pipeline recorded in
 * its manifest when it wrote them, and the text must carry the gate's JSON envelope.
 * (Belongs in the gate as `emitCached`; kept here until the gate offers it.)
 */
import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import type {PipelineResult} from "./pipeline.ts";

/** Where output goes; stdout by default. */
export interface FileSink {
  write(chunk: string | Uint8Array): unknown;
}

/** Writes the cached output `name` of a pipeline result to stdout after verifying it. */
export function emitPublishedFile(
  result: PipelineResult,
  name: string,
  out: FileSink = process.stdout
): void {
  const path = result.file(name);
  const bytes = readFileSync(path);
  const expected = result.manifest.files[name];
  const actual = createHash("sha256").update(bytes).digest("hex");
  if (actual !== expected.sha256)
    throw new Error(
      `${name}: inhoud wijkt af van wat de publicatiepoort schreef; verwijder .cache/pipeline en bouw opnieuw`
    );
  const head = bytes.subarray(0, 40).toString("utf-8");
  if (!head.startsWith('{"schemaVersion":1,'))
    throw new Error(
      `${name}: geen uitvoer van de publicatiepoort (verwacht een envelop met schemaVersion 1)`
    );
  out.write(bytes);
}
