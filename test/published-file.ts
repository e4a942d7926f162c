/**
 * Reads a page file of a pipeline result as the page does: JSON parsed, Arrow IPC decoded with
 * the page's own decoder (src/lib/bundle-arrow.ts).
 */
import {readFileSync} from "node:fs";
import {bundleFromArrow} from "../src/lib/bundle-arrow.ts";

export function readPublished(result: {file(name: string): string}, name: string): unknown {
  const path = result.file(name);
  return name.endsWith(".arrow")
    ? bundleFromArrow(readFileSync(path))
    : JSON.parse(readFileSync(path, "utf-8"));
}
