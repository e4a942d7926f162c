/**
 * The data files a page requests, by name: `/_file/data/weerbaarheid/GM9902.3f2a9c1b.json` is
 * `weerbaarheid/GM9902` (Framework puts an 8-hex content hash before the extension).
 */
import type {BrowserContext} from "playwright-core";

/** The name of a data file in a request URL, or null for anything else. */
export function dataName(url: string, origin: string): string | null {
  if (!url.startsWith(`${origin}/_file/data/`)) return null;
  const path = url.slice(`${origin}/_file/data/`.length).split("?")[0]!;
  return path.replace(/\.[0-9a-f]{8}\.[a-z]+$/, "");
}

/** Records the names of the data files `context` requests, in order (a live array). */
export function dataRequests(context: BrowserContext, origin: string): string[] {
  const names: string[] = [];
  context.on("request", (r) => {
    const name = dataName(r.url(), origin);
    if (name !== null) names.push(name);
  });
  return names;
}
