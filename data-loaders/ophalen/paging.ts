/**
 * Paged downloads: CBS OData (v3 `odata.nextLink`, v4 `@odata.nextLink`, or `$skip` when a page
 * is full and names no next page), OGC API Features (`links` with `rel: "next"`) and WFS 2.0
 * (`count` and `startIndex`). Every page is its own request through the cache, so a rerun after an
 * interruption gets the finished pages from disk and continues with the first missing one.
 */
import type {Feature} from "geojson";
import {OphaalError, type HttpClient, type JsonResponse} from "./http.ts";

/** What a paged download brought in. */
export interface PagedResult<T> {
  items: T[];
  pages: number;
  /** Pages that came from the cache (fresh or confirmed by a 304). */
  fromCache: number;
  bytes: number;
  /** Latest time the server confirmed one of the pages (ISO 8601). */
  retrievedAt: string;
  /** The first page's response object (for envelope fields such as `odata.metadata`). */
  first: Record<string, unknown>;
}

/** Upper bound on pages of one download, against a server that keeps sending the same next link. */
const MAX_PAGES = 10_000;

/** Sets (or replaces) a query parameter, keeping the rest of the address as written. */
export function withParam(url: string, name: string, value: string): string {
  const [base, query = ""] = url.split("?", 2);
  const parts = query
    .split("&")
    .filter((p) => p !== "" && decodeURIComponent(p.split("=")[0]) !== name)
    .concat(`${encodeURIComponent(name)}=${encodeQueryValue(value)}`);
  return `${base}?${parts.join("&")}`;
}

/** Encodes an OData query value: spaces and quotes encoded, `$`, `(`, `)`, `,` and `'` kept readable. */
export function encodeQueryValue(v: string): string {
  return encodeURIComponent(v)
    .replace(/%24/g, "$")
    .replace(/%28/g, "(")
    .replace(/%29/g, ")")
    .replace(/%2C/g, ",")
    .replace(/%27/g, "'");
}

/** Builds `base?name=value&...` with OData-friendly encoding. */
export function buildUrl(base: string, params: Record<string, string | number | undefined>): string {
  const q = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${encodeURIComponent(k).replace(/%24/g, "$")}=${encodeQueryValue(String(v))}`);
  return q.length ? `${base}?${q.join("&")}` : base;
}

/** The tally every paged download keeps: its items and, per page, where it came from. */
class Opbrengst<T> {
  readonly items: T[] = [];
  pages = 0;
  private fromCache = 0;
  private bytes = 0;
  private retrievedAt = "";
  private first: Record<string, unknown> | null = null;

  /** Adds one page: its response (cache or download, size, confirmation time), body and items. */
  add(res: JsonResponse, body: object, items: readonly T[]): void {
    this.pages++;
    this.bytes += res.bytes;
    if (res.via !== "download") this.fromCache++;
    if (res.retrievedAt > this.retrievedAt) this.retrievedAt = res.retrievedAt;
    this.first ??= body as Record<string, unknown>;
    this.items.push(...items);
  }

  result(): PagedResult<T> {
    const {items, pages, fromCache, bytes, retrievedAt} = this;
    return {items, pages, fromCache, bytes, retrievedAt, first: this.first ?? {}};
  }
}

/**
 * Downloads every page of an OData collection starting at `url`. Follows `odata.nextLink` (v3) or
 * `@odata.nextLink` (v4); when a page holds `pageSize` rows and names no next page (the ODataApi
 * stops at 10,000 rows), asks again with `$skip`. A response without a `value` list is an error.
 */
export async function fetchODataRows(
  client: HttpClient,
  url: string,
  pageSize: number
): Promise<PagedResult<Record<string, unknown>>> {
  const r = new Opbrengst<Record<string, unknown>>();
  let next: string | null = url;
  let previousFirstRow = "";
  while (next) {
    if (r.pages >= MAX_PAGES)
      throw new OphaalError(url, "onvolledig", `${url}: meer dan ${MAX_PAGES} pagina's; afgebroken`);
    const res = await client.getJson(next);
    const body = res.json as Record<string, unknown> | null;
    const rows = body && typeof body === "object" ? body.value : undefined;
    if (!Array.isArray(rows)) {
      throw new OphaalError(
        next,
        "geen-json",
        `${next} gaf geen OData-antwoord (verwacht {"value": [...]}, gevonden ${describe(body)})`
      );
    }
    const firstRow = rows.length ? JSON.stringify(rows[0]) : "";
    if (r.pages > 0 && firstRow !== "" && firstRow === previousFirstRow) {
      throw new OphaalError(
        next,
        "onvolledig",
        `${next} gaf dezelfde pagina nog eens: de dienst negeert $skip`
      );
    }
    previousFirstRow = firstRow;
    r.add(res, body!, rows as Record<string, unknown>[]);
    const link = body!["odata.nextLink"] ?? body!["@odata.nextLink"];
    if (typeof link === "string" && link !== "") next = new URL(link, next).toString();
    else if (rows.length >= pageSize)
      next = withParam(withParam(url, "$top", String(pageSize)), "$skip", String(r.items.length));
    else next = null;
  }
  return r.result();
}

/** Downloads every page of an OGC API Features `items` request, following `rel=next` links. */
export async function fetchOgcFeatures(client: HttpClient, url: string): Promise<PagedResult<Feature>> {
  const r = new Opbrengst<Feature>();
  let next: string | null = url;
  const seen = new Set<string>();
  while (next) {
    if (seen.has(next))
      throw new OphaalError(
        url,
        "onvolledig",
        `${next}: de dienst verwijst naar een pagina die al binnen is`
      );
    seen.add(next);
    const res = await client.getJson(next);
    const body = res.json as {type?: unknown; features?: unknown; links?: unknown} | null;
    if (!body || body.type !== "FeatureCollection" || !Array.isArray(body.features)) {
      throw new OphaalError(
        next,
        "geen-json",
        `${next} gaf geen GeoJSON FeatureCollection (gevonden ${describe(body)})`
      );
    }
    r.add(res, body, body.features as Feature[]);
    const links = Array.isArray(body.links)
      ? (body.links as {rel?: unknown; href?: unknown; type?: unknown}[])
      : [];
    const link = links.find(
      (l) => l.rel === "next" && typeof l.href === "string" && (l.type == null || /json/.test(String(l.type)))
    );
    next =
      link && (body.features as unknown[]).length > 0 ? new URL(String(link.href), next).toString() : null;
  }
  return r.result();
}

/** Downloads a WFS 2.0 GetFeature (GeoJSON output) in pages of `count` with `startIndex`. */
export async function fetchWfsFeatures(
  client: HttpClient,
  url: string,
  count: number
): Promise<PagedResult<Feature>> {
  const r = new Opbrengst<Feature>();
  for (;;) {
    const pageUrl = withParam(withParam(url, "count", String(count)), "startIndex", String(r.items.length));
    const res = await client.getJson(pageUrl);
    const body = res.json as {type?: unknown; features?: unknown; numberMatched?: unknown} | null;
    if (!body || body.type !== "FeatureCollection" || !Array.isArray(body.features)) {
      throw new OphaalError(
        pageUrl,
        "geen-json",
        `${pageUrl} gaf geen GeoJSON FeatureCollection (gevonden ${describe(body)})`
      );
    }
    const features = body.features as Feature[];
    r.add(res, body, features);
    const matched = typeof body.numberMatched === "number" ? body.numberMatched : null;
    if (features.length < count || (matched != null && r.items.length >= matched) || r.pages >= MAX_PAGES)
      break;
  }
  return r.result();
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "een lijst";
  if (typeof v === "object") {
    const keys = Object.keys(v as object).slice(0, 4);
    return keys.length ? `een object met ${keys.map((k) => `"${k}"`).join(", ")}` : "een leeg object";
  }
  return typeof v;
}
