/**
 * HTTP for `npm run ophalen`: Node's built-in fetch (undici) with a timeout per attempt
 * (AbortSignal.timeout), retries with exponential backoff for transient failures, and a disk
 * cache so that a second run downloads nothing that did not change.
 *
 * Why no library: fetch, AbortSignal.timeout and a few lines of backoff cover it, and the cache
 * has to live in the bronmap next to the files it produced (resumable per page), which the
 * well-known HTTP caching libraries do not do.
 *
 * - Transient (retried): 5xx, 429 (honouring Retry-After), timeouts, connection errors (reset,
 *   refused, DNS), a body that ends early (Content-Length mismatch) or is not valid JSON.
 * - Final (not retried): other 4xx: the address or table does not exist.
 * - Cache: a response is stored under the SHA-256 of its address, body and metadata each written
 *   to a temporary name and renamed. A stored response younger than `maxLeeftijdUren` is used
 *   without a request; an older one is revalidated with If-None-Match / If-Modified-Since, and a
 *   304 reuses the stored body. Pages of a paged download are separate entries, so an
 *   interrupted run continues where it stopped.
 */
import {createHash} from "node:crypto";
import {mkdirSync, readFileSync, renameSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import type {HttpConfig} from "./config.ts";

/** Why a download failed, for the one Dutch message per source. */
export type FailureKind = "onbereikbaar" | "time-out" | "http" | "onvolledig" | "geen-json";

/** A download that failed for good: one clear Dutch message that names the address. */
export class OphaalError extends Error {
  constructor(
    /** The address as configured (never the test rewrite). */
    readonly url: string,
    readonly kind: FailureKind,
    message: string,
    /** HTTP status of the last answer, when there was one. */
    readonly status?: number
  ) {
    super(message);
    this.name = "OphaalError";
  }
}

/** Counters of one run, for the summary line and the tests. */
export interface HttpStats {
  /** Requests sent over the network (every attempt counts). */
  requests: number;
  /** Responses with a body that was downloaded (200). */
  downloads: number;
  /** 304 answers: the stored body was still current. */
  notModified: number;
  /** Responses used from the cache without asking the server. */
  fresh: number;
  retries: number;
  /** Bytes of downloaded bodies. */
  bytes: number;
}

/** One JSON response, from the network or the cache. */
export interface JsonResponse {
  /** The address as configured (canonical). */
  url: string;
  json: unknown;
  bytes: number;
  /** How it was obtained. */
  via: "download" | "304" | "cache";
  /** When the server last confirmed this body (download or 304), ISO 8601. */
  retrievedAt: string;
}

interface CacheMeta {
  url: string;
  sha256: string;
  bytes: number;
  etag: string | null;
  lastModified: string | null;
  /** When the server last confirmed this body (ms since epoch). */
  confirmedAt: number;
}

/** Options of the client. */
export interface HttpClientOptions {
  http: HttpConfig;
  /** Folder for the response cache (created when needed). */
  cacheDir: string;
  /** Rewrites an address before it is requested (tests point every host at a loopback server). */
  rewrite?: (url: string) => string;
  /** Ignore the freshness window: revalidate every stored response (`--vers`). */
  revalidate?: boolean;
  /** Waits between attempts; replaceable so tests do not sleep. */
  sleep?: (ms: number) => Promise<void>;
  /** Clock (ms since epoch). */
  now?: () => number;
}

const sha256 = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

/** Writes a file through a temporary name in the same folder and renames it: never half a file. */
export function writeFileAtomic(path: string, data: string | Buffer): void {
  const tmp = `${path}.ophalen-${process.pid}.part`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** Network error codes that mean "could not reach the host" (as opposed to a broken transfer). */
const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "ENETDOWN",
  "UND_ERR_CONNECT_TIMEOUT"
]);

function errorCode(e: unknown): string {
  let cur: unknown = e;
  for (let depth = 0; depth < 5 && cur; depth++) {
    const c = cur as {code?: unknown; cause?: unknown; name?: unknown};
    if (typeof c.code === "string") return c.code;
    if (c.name === "TimeoutError" || c.name === "AbortError") return "TIMEOUT";
    cur = c.cause;
  }
  return String((e as Error)?.message ?? e);
}

/** A failed attempt: whether to retry, and the message if it stays failed. */
interface Attempt {
  retry: boolean;
  kind: FailureKind;
  detail: string;
  /** Server-asked wait (Retry-After), ms. */
  waitMs?: number;
  status?: number;
}

/** The HTTP client of one `ophalen` run. */
export class HttpClient {
  readonly stats: HttpStats = {requests: 0, downloads: 0, notModified: 0, fresh: 0, retries: 0, bytes: 0};
  private readonly rewrite: (url: string) => string;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Hosts that could not be reached in this run: later requests to them fail at once. */
  private readonly unreachable = new Map<string, Attempt>();
  private readonly now: () => number;

  constructor(private readonly options: HttpClientOptions) {
    this.rewrite = options.rewrite ?? ((u) => u);
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.now = options.now ?? Date.now;
    mkdirSync(options.cacheDir, {recursive: true});
  }

  private cachePaths(url: string): {body: string; meta: string} {
    const key = sha256(url);
    return {
      body: join(this.options.cacheDir, `${key}.body`),
      meta: join(this.options.cacheDir, `${key}.json`)
    };
  }

  /** The stored response for `url`, or null when absent or damaged (hash mismatch). */
  private readCache(url: string): {meta: CacheMeta; body: Buffer} | null {
    const p = this.cachePaths(url);
    try {
      const meta = JSON.parse(readFileSync(p.meta, "utf-8")) as CacheMeta;
      const body = readFileSync(p.body);
      if (meta.url !== url || sha256(body) !== meta.sha256) return null;
      return {meta, body};
    } catch {
      return null;
    }
  }

  private writeCache(
    url: string,
    body: Buffer,
    headers: Headers | null,
    previous: CacheMeta | null
  ): CacheMeta {
    const p = this.cachePaths(url);
    const meta: CacheMeta = {
      url,
      sha256: sha256(body),
      bytes: body.length,
      etag: headers?.get("etag") ?? previous?.etag ?? null,
      lastModified: headers?.get("last-modified") ?? previous?.lastModified ?? null,
      confirmedAt: this.now()
    };
    // Body first, then the metadata that vouches for it: a run killed in between leaves a body
    // without (matching) metadata, which readCache treats as absent.
    writeFileAtomic(p.body, body);
    writeFileAtomic(p.meta, JSON.stringify(meta));
    return meta;
  }

  /**
   * GETs `url` (as configured; rewritten for the request) and parses it as JSON. Retries
   * transient failures; throws `OphaalError` with a Dutch message when it stays failed.
   */
  async getJson(url: string): Promise<JsonResponse> {
    const {http} = this.options;
    const cached = this.readCache(url);
    if (
      cached &&
      !this.options.revalidate &&
      this.now() - cached.meta.confirmedAt < http.maxLeeftijdUren * 3600_000
    ) {
      const json = parseJson(cached.body);
      if (json !== undefined) {
        this.stats.fresh++;
        return {
          url,
          json,
          bytes: cached.body.length,
          via: "cache",
          retrievedAt: iso(cached.meta.confirmedAt)
        };
      }
    }
    const host = new URL(url).host;
    const known = this.unreachable.get(host);
    if (known) throw new OphaalError(url, known.kind, failureMessage(url, known, http, 0));
    let last: Attempt | null = null;
    let attemptsMade = 0;
    for (let attempt = 1; attempt <= http.pogingen; attempt++) {
      attemptsMade = attempt;
      if (attempt > 1) {
        this.stats.retries++;
        const backoff = http.wachttijdMs * 2 ** (attempt - 2) * (0.75 + Math.random() * 0.5);
        await this.sleep(Math.max(backoff, last?.waitMs ?? 0));
      }
      const result = await this.attempt(url, cached);
      if ("json" in result) return result;
      last = result;
      if (!result.retry) break;
      // A host that cannot be reached (no route, refused, no DNS) is tried twice, not `pogingen`
      // times: offline, every source would otherwise wait through the whole backoff.
      if (result.kind === "onbereikbaar" && attempt >= 2) break;
    }
    // A host that stays unreachable after every attempt is not tried again in this run: without a
    // network each source then fails at once with its own message instead of after its own waits.
    if (last!.kind === "onbereikbaar") this.unreachable.set(host, last!);
    throw new OphaalError(url, last!.kind, failureMessage(url, last!, http, attemptsMade), last!.status);
  }

  private async attempt(
    url: string,
    cached: {meta: CacheMeta; body: Buffer} | null
  ): Promise<JsonResponse | Attempt> {
    const {http} = this.options;
    const headers: Record<string, string> = {
      accept: "application/json, application/geo+json;q=0.9",
      "user-agent": http.gebruikersagent
    };
    if (cached?.meta.etag) headers["if-none-match"] = cached.meta.etag;
    if (cached?.meta.lastModified) headers["if-modified-since"] = cached.meta.lastModified;
    this.stats.requests++;
    let res: Response;
    let body: Buffer;
    try {
      res = await fetch(this.rewrite(url), {
        headers,
        signal: AbortSignal.timeout(http.timeoutSeconden * 1000)
      });
      if (res.status === 304 && cached) {
        await res.body?.cancel();
        this.stats.notModified++;
        const meta = this.writeCache(url, cached.body, res.headers, cached.meta);
        const json = parseJson(cached.body);
        if (json !== undefined)
          return {url, json, bytes: cached.body.length, via: "304", retrievedAt: iso(meta.confirmedAt)};
        return {retry: true, kind: "geen-json", detail: "opgeslagen antwoord is geen JSON"};
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => {});
        const transient = res.status >= 500 || res.status === 429;
        const retryAfter = Number(res.headers.get("retry-after"));
        return {
          retry: transient,
          kind: "http",
          status: res.status,
          detail: `${res.status}${res.statusText ? ` ${res.statusText}` : ""}`,
          waitMs: Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 120) * 1000 : undefined
        };
      }
      body = Buffer.from(await res.arrayBuffer());
    } catch (e) {
      const code = errorCode(e);
      if (code === "TIMEOUT") return {retry: true, kind: "time-out", detail: "time-out"};
      if (UNREACHABLE.has(code)) return {retry: true, kind: "onbereikbaar", detail: code};
      // Reset connections and bodies that end before their Content-Length ("terminated").
      return {retry: true, kind: "onvolledig", detail: code};
    }
    const declared = Number(res.headers.get("content-length"));
    if (
      !res.headers.get("content-encoding") &&
      Number.isFinite(declared) &&
      declared > 0 &&
      declared !== body.length
    )
      return {retry: true, kind: "onvolledig", detail: `${body.length} van ${declared} bytes`};
    const json = parseJson(body);
    if (json === undefined) return {retry: true, kind: "geen-json", detail: "geen geldige JSON"};
    this.stats.downloads++;
    this.stats.bytes += body.length;
    const meta = this.writeCache(url, body, res.headers, null);
    return {url, json, bytes: body.length, via: "download", retrievedAt: iso(meta.confirmedAt)};
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf-8").replace(/^\uFEFF/, ""));
  } catch {
    return undefined;
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function failureMessage(url: string, a: Attempt, http: HttpConfig, attempts: number): string {
  const n =
    attempts === 0
      ? "eerder in deze run al onbereikbaar"
      : `${attempts} ${attempts === 1 ? "poging" : "pogingen"}`;
  switch (a.kind) {
    case "onbereikbaar":
      return `kon ${url} niet bereiken (${a.detail}, ${n}). Is er een internetverbinding? Ophalen heeft internet nodig; de bouw zelf niet.`;
    case "time-out":
      return `geen antwoord van ${url} binnen ${http.timeoutSeconden} seconden (${n}). De dienst is traag of onbereikbaar; probeer het later opnieuw.`;
    case "http":
      return a.retry
        ? `${url} antwoordde ${a.detail} (${n}). De dienst heeft een storing; probeer het later opnieuw.`
        : `${url} antwoordde ${a.detail}: dit adres of deze tabel bestaat niet (meer). Controleer het adres in bronnen.json.`;
    case "onvolledig":
      return `${url} gaf een afgebroken antwoord (${a.detail}, ${n}). Probeer het later opnieuw; wat al binnen was, blijft bewaard.`;
    case "geen-json":
      return `${url} gaf geen geldige JSON (${n}): het antwoord is onvolledig of heeft een andere vorm dan verwacht.`;
  }
}
