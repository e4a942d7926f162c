/**
 * Page weight: what a first visit to a page transfers, per kind (HTML, JavaScript, CSS, data),
 * measured in Chromium and counted as gzip-compressed bytes (what any ordinary web server sends).
 */
import {gzipSync} from "node:zlib";
import type {Browser, Page} from "playwright-core";
import {isolatedContext, visitPage} from "./harness.ts";

/** Budget per page on first load, compressed: the demo region and a national build alike (issue 17). */
export const PAGE_BUDGET_BYTES = 250 * 1024;

/** Bytes of one page by kind. */
export interface PageWeight {
  path: string;
  html: number;
  js: number;
  css: number;
  data: number;
  other: number;
  total: number;
  requests: number;
}

function kindOf(url: string, contentType: string): keyof Omit<PageWeight, "path" | "total" | "requests"> {
  if (contentType.includes("html")) return "html";
  if (contentType.includes("javascript") || url.endsWith(".js")) return "js";
  if (contentType.includes("css")) return "css";
  if (
    /\.(json|csv|arrow|topojson|parquet)(\?|$)/.test(url) ||
    contentType.includes("json") ||
    contentType.includes("csv")
  ) {
    return "data";
  }
  return "other";
}

/** True while the page shows a loading state (src/lib/delen.ts sets `aria-busy` on `main`). */
async function busy(page: Page): Promise<boolean> {
  return page.evaluate(() => document.querySelector("[aria-busy='true']") !== null);
}

/** Opens `path` in a fresh context (empty cache) and sums the compressed size of every response. */
export async function measurePageWeight(browser: Browser, origin: string, path: string): Promise<PageWeight> {
  const context = await isolatedContext(browser, origin);
  const weight: PageWeight = {path, html: 0, js: 0, css: 0, data: 0, other: 0, total: 0, requests: 0};
  const pending: Promise<void>[] = [];
  context.on("response", (response) => {
    pending.push(
      (async () => {
        const body = await response.body().catch(() => Buffer.alloc(0));
        const size = gzipSync(body, {level: 6}).length;
        weight[kindOf(response.url(), response.headers()["content-type"] ?? "")] += size;
        weight.requests += 1;
      })()
    );
  });
  try {
    const {page} = await visitPage(context, origin, path);
    // A page loads in steps (the overview, then the parts of the chosen area, then Plot when it
    // draws): wait until nothing new has been requested for a second and nothing is loading.
    let seen = -1;
    for (let i = 0; i < 30 && (seen !== pending.length || (await busy(page))); i++) {
      seen = pending.length;
      await page.waitForTimeout(1000);
    }
    await Promise.all(pending);
  } finally {
    await context.close();
  }
  weight.total = weight.html + weight.js + weight.css + weight.data + weight.other;
  return weight;
}

/** A readable table of page weights in kB, heaviest last, with the heaviest page named. */
export function formatWeightReport(weights: readonly PageWeight[]): string {
  const kb = (n: number) => (n / 1024).toFixed(1).padStart(7);
  const sorted = [...weights].sort((a, b) => a.total - b.total);
  const lines = [`${"pagina".padEnd(28)}    html      js     css    data  overig  totaal (kB, gzip)`];
  for (const w of sorted) {
    lines.push(
      `${w.path.padEnd(28)} ${kb(w.html)} ${kb(w.js)} ${kb(w.css)} ${kb(w.data)} ${kb(w.other)} ${kb(w.total)}`
    );
  }
  const heaviest = sorted[sorted.length - 1];
  if (heaviest)
    lines.push(
      `zwaarste pagina: ${heaviest.path} (${(heaviest.total / 1024).toFixed(1)} kB; budget ${PAGE_BUDGET_BYTES / 1024} kB)`
    );
  return lines.join("\n");
}
