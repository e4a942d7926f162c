/**
 * The browser harness: serves a built site on loopback and opens pages in Debian's Chromium
 * through playwright-core (never a downloaded browser). It records everything that makes a page
 * unacceptable: uncaught exceptions, console errors, failed requests and any request to a host
 * other than the local server.
 */
import {existsSync, readFileSync, statSync} from "node:fs";
import {createServer, type Server} from "node:http";
import {extname, join, normalize, relative} from "node:path";
import {htmlFiles} from "../../scripts/postbuild.ts";
import {chromium, type Browser, type BrowserContext, type Page} from "playwright-core";

/** Where Debian installs Chromium; overridable for other systems. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".arrow": "application/vnd.apache.arrow.file",
  ".woff2": "font/woff2"
};

/** A static server for `root` on 127.0.0.1 that resolves clean URLs (`/trends` -> `trends.html`). */
export async function serveStatic(
  root: string
): Promise<{origin: string; server: Server; close(): Promise<void>}> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    let path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, "");
    const candidates = [path, path + ".html", join(path, "index.html")];
    const file = candidates.map((p) => join(root, p)).find((p) => existsSync(p) && statSync(p).isFile());
    if (!file) {
      res.writeHead(404, {"content-type": "text/html; charset=utf-8"});
      const notFound = join(root, "404.html");
      res.end(existsSync(notFound) ? readFileSync(notFound) : "niet gevonden");
      return;
    }
    res.writeHead(200, {"content-type": MIME[extname(file)] ?? "application/octet-stream"});
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("server zonder poort");
  return {
    origin: `http://127.0.0.1:${address.port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}

/** Launches headless Chromium with no background networking; explains how to install it when absent. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium niet gevonden op ${CHROMIUM_PATH}. Installeer het met: apt-get update && apt-get install -y chromium ` +
        `(of zet CHROMIUM_PATH). De tests downloaden nooit zelf een browser.`
    );
  }
  // playwright-core gives every launch a fresh, empty user-data dir of its own (it refuses the flag).
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-dev-shm-usage"
    ]
  });
}

/** What went wrong on one page. Empty arrays mean the page is clean. */
export interface PageProblems {
  exceptions: string[];
  consoleErrors: string[];
  foreignRequests: string[];
  failedRequests: string[];
}

/** Attaches the problem recorders to a page; read the returned object after navigating. */
export function watchPage(page: Page, origin: string): PageProblems {
  const problems: PageProblems = {exceptions: [], consoleErrors: [], foreignRequests: [], failedRequests: []};
  page.on("pageerror", (error) => problems.exceptions.push(String(error.stack ?? error)));
  // Chromium reports Content-Security-Policy violations as console errors, so they fail a page too.
  page.on("console", (message) => {
    if (message.type() === "error") problems.consoleErrors.push(message.text());
  });
  page.on("request", (request) => {
    const url = request.url();
    if (
      !url.startsWith(origin + "/") &&
      url !== origin &&
      !url.startsWith("data:") &&
      !url.startsWith("blob:")
    ) {
      problems.foreignRequests.push(url);
    }
  });
  page.on("requestfailed", (request) => {
    problems.failedRequests.push(`${request.url()} (${request.failure()?.errorText ?? "mislukt"})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400)
      problems.failedRequests.push(`${response.url()} (HTTP ${response.status()})`);
  });
  return problems;
}

/** A context that blocks every request to another host, so nothing leaves the machine even by mistake. */
export async function isolatedContext(browser: Browser, origin: string): Promise<BrowserContext> {
  const context = await browser.newContext({locale: "nl-NL", timezoneId: "Europe/Amsterdam"});
  await context.route(
    (url) => url.origin !== origin && url.protocol !== "data:" && url.protocol !== "blob:",
    (route) => route.abort("blockedbyclient")
  );
  return context;
}

/** Opens `path`, waits until the page has settled, and returns what went wrong. */
export async function visitPage(
  context: BrowserContext,
  origin: string,
  path: string
): Promise<{page: Page; problems: PageProblems}> {
  const page = await context.newPage();
  const problems = watchPage(page, origin);
  await page.goto(origin + path, {waitUntil: "networkidle"});
  // Framework renders cells asynchronously after load; give them a moment to run and fail.
  await page.waitForTimeout(300);
  return {page, problems};
}

/** A one-line Dutch description of the problems, or null when there are none. */
export function describeProblems(path: string, problems: PageProblems): string | null {
  const parts = [
    ...problems.exceptions.map((e) => `uitzondering: ${e.split("\n")[0]}`),
    ...problems.consoleErrors.map((e) => `consolefout: ${e}`),
    ...problems.foreignRequests.map((u) => `verzoek naar andere host: ${u}`),
    ...problems.failedRequests.map((u) => `mislukt verzoek: ${u}`)
  ];
  return parts.length === 0 ? null : `${path}: ${parts.join("; ")}`;
}

/** Every built page as a clean URL path: `dist/trends.html` -> `/trends`. */
export function builtPaths(dist = "dist"): string[] {
  return htmlFiles(dist)
    .map(
      (file) =>
        "/" +
        relative(dist, file)
          .replace(/\.html$/, "")
          .replace(/(^|\/)index$/, "")
    )
    .filter((path) => path !== "/404")
    .sort();
}
