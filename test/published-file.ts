/**
 * Reads the page files of a pipeline result as the pages do: JSON parsed, and a split bundle
 * (data-loaders/indicators/split.ts) as the whole of its overview and parts, merged with the
 * page's own merge (src/lib/delen.ts), so a test sees every cell of the region.
 */
import {readFileSync} from "node:fs";
import type {Bundle, Cell} from "../src/lib/contracts.ts";
import {mergeBundles} from "../src/lib/delen.ts";

/** What the readers need of a pipeline result. */
export interface ResultFiles {
  file(name: string): string;
  manifest: {delen?: Record<string, string[]>};
}

/**
 * A page file; for a split bundle (`risicobranches.json`, ...) its overview merged with all its
 * parts per block (the parts per gemeente repeat those cells and are left out), every cell once.
 */
export function readPublished(result: ResultFiles, name: string): unknown {
  const read = (n: string) => JSON.parse(readFileSync(result.file(n), "utf-8")) as Bundle;
  const delen = result.manifest.delen?.[name.replace(/\.json$/, "")];
  if (!delen) return read(name);
  const merged = mergeBundles([
    read(name),
    ...delen.filter((k) => !/\/GM\d{4}$/.test(k)).map((k) => read(`${k}.json`))
  ]);
  // A cell may be in the overview and in its block's part (what the first view needs): once.
  for (const part of Object.values(merged.onderdelen)) {
    if (!("cellen" in part)) continue;
    const seen = new Set<string>();
    part.cellen = (part.cellen as Cell[]).filter((c) => {
      const k = `${c.gebiedcode}|${c.branche}|${c.categorie}|${c.jaar}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }
  return merged;
}
