/**
 * The loaders' side of the run-once pipeline: stream a page file that the pipeline wrote with
 * the gate's serializer (`writePublishedFile` in emit.ts), after checking its bytes. Kept apart
 * from emit.ts so that a loader process imports only Node built-ins (Framework starts one process
 * per loader: 342 briefings nationally).
 */
import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
// Type only (erased): emit.ts itself loads apache-arrow.
import type {OutputSink} from "./emit.ts";

/** The start of the envelope JSON in the schema metadata of a bundle written as Arrow. */
const ARROW_ENVELOPE = Buffer.from('{"schemaVersion":1,"onderdelen":');

/**
 * Streams a file written by `writePublishedFile` (a loader's output), after checking that it is
 * exactly that file: same sha256 as recorded, and the gate's JSON envelope. This keeps a cache
 * from becoming a back door around the gate.
 */
export function emitCached(path: string, expected: {sha256: string}, out: OutputSink = process.stdout): void {
  const bytes = readFileSync(path);
  const actual = createHash("sha256").update(bytes).digest("hex");
  if (actual !== expected.sha256)
    throw new Error(`${path}: inhoud wijkt af van wat de publicatiepoort schreef`);
  const envelope = path.endsWith(".arrow")
    ? bytes.subarray(0, 6).toString("latin1") === "ARROW1" && bytes.includes(ARROW_ENVELOPE)
    : /^\{"schemaVersion":\d+,/.test(bytes.subarray(0, 24).toString("utf8"));
  if (!envelope) {
    throw new Error(`${path}: geen uitvoer van de publicatiepoort (verwacht een envelop met schemaVersion)`);
  }
  out.write(bytes);
}
