/**
 * A loopback HTTP server (node:http on port 0) that replays recorded responses for the `ophalen`
 * tests. `ophalen` is pointed at it with a base address (OPHALEN_BASIS_URL), which turns
 * `https://opendata.cbs.nl/...` into `http://127.0.0.1:<port>/opendata.cbs.nl/...`, so one server
 * answers for every host.
 *
 * Collections are served the way the real services page them: OData v3 with `odata.nextLink`
 * (ODataFeed) or capped without one (ODataApi), OData v4 with `@odata.nextLink`, OGC API Features
 * with `links[rel=next]`, WFS 2.0 with `count`/`startIndex`. OData `$filter` is evaluated for the
 * grammar `ophalen` sends (startswith, substring ... eq, eq, and, or, parentheses); anything else
 * is a 400, so a test fails when the client starts sending filters the services were not shown to
 * accept. Faults (500, a hanging request, a truncated body, invalid JSON, a reset) can be injected
 * per path, and every request is logged.
 */
import {createHash} from "node:crypto";
import {createServer, type IncomingMessage, type Server, type ServerResponse} from "node:http";
import type {AddressInfo, Socket} from "node:net";

/** A fault to inject into the next matching requests. */
export type Fault = "500" | "503-retry-after" | "404" | "hang" | "truncate" | "badjson" | "reset";

/** One logged request. */
export interface LoggedRequest {
  /** Host and path of the original address, e.g. `opendata.cbs.nl/ODataFeed/odata/84799NED/TypedDataSet`. */
  path: string;
  query: URLSearchParams;
  status: number;
  /** Whether a body was sent (200 with content). */
  body: boolean;
}

/** What a route answers. */
export type Reply =
  {status?: number; json: unknown; headers?: Record<string, string>} | {status: number; text: string};

type Handler = (query: URLSearchParams, path: string) => Reply;

/** The running server. */
export interface ReplayServer {
  /** Base address to give `ophalen` (`OPHALEN_BASIS_URL`). */
  url: string;
  log: LoggedRequest[];
  /** Adds a route for an exact host+path (`opendata.cbs.nl/ODataApi/odata/84799NED/DataProperties`). */
  route(path: string, handler: Handler): void;
  /** Makes the next `times` requests whose path contains `pathPart` fail with `fault`. */
  inject(pathPart: string, fault: Fault, times?: number): void;
  /** Requests (bodies sent) whose path contains `pathPart`. */
  downloads(pathPart?: string): number;
  /** Called before each matching request is answered (tests use it to kill a client mid-run). */
  onRequest?: (path: string, query: URLSearchParams) => void;
  /** Serve ETag headers and answer If-None-Match with 304 (default on). */
  etags: boolean;
  close(): Promise<void>;
}

/** Starts a replay server on 127.0.0.1 and a free port. */
export async function startReplayServer(): Promise<ReplayServer> {
  const routes = new Map<string, Handler>();
  const faults: {part: string; fault: Fault; left: number}[] = [];
  const sockets = new Set<Socket>();
  const log: LoggedRequest[] = [];
  let server: Server;
  const state: ReplayServer = {
    url: "",
    log,
    etags: true,
    route: (path, handler) => routes.set(path, handler),
    inject: (part, fault, times = 1) => faults.push({part, fault, left: times}),
    downloads: (part = "") => log.filter((l) => l.body && l.path.includes(part)).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      })
  };
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? "/", "http://x");
    const path = decodeURIComponent(u.pathname.slice(1));
    const query = u.searchParams;
    const entry: LoggedRequest = {path, query, status: 0, body: false};
    log.push(entry);
    state.onRequest?.(path, query);
    const fault = faults.find((f) => f.left > 0 && path.includes(f.part));
    if (fault) {
      fault.left--;
      switch (fault.fault) {
        case "500":
          entry.status = 500;
          res.writeHead(500, {"content-type": "text/plain"}).end("Internal Server Error");
          return;
        case "503-retry-after":
          entry.status = 503;
          res.writeHead(503, {"retry-after": "0"}).end();
          return;
        case "404":
          entry.status = 404;
          res
            .writeHead(404, {"content-type": "application/json"})
            .end('{"odata.error":{"code":"","message":{"lang":"nl-NL","value":"Tabel bestaat niet."}}}');
          return;
        case "hang":
          entry.status = -1;
          return; // never answers; the client's timeout must end it
        case "reset":
          entry.status = -2;
          req.socket.destroy();
          return;
        case "truncate": {
          entry.status = 200;
          const reply = answer(routes, path, query);
          const body = Buffer.from(JSON.stringify("json" in reply ? reply.json : reply.text));
          res.writeHead(200, {"content-type": "application/json", "content-length": String(body.length)});
          res.write(body.subarray(0, Math.floor(body.length / 2)));
          setTimeout(() => req.socket.destroy(), 5);
          return;
        }
        case "badjson":
          entry.status = 200;
          entry.body = true;
          res.writeHead(200, {"content-type": "application/json"}).end('{"value":[{"ID":0,');
          return;
      }
    }
    const reply = answer(routes, path, query);
    if (!("json" in reply)) {
      entry.status = reply.status;
      res.writeHead(reply.status, {"content-type": "text/plain"}).end(reply.text);
      return;
    }
    const body = Buffer.from(JSON.stringify(reply.json));
    const etag = `"${createHash("sha1").update(body).digest("hex")}"`;
    if (state.etags && req.headers["if-none-match"] === etag) {
      entry.status = 304;
      res.writeHead(304, {etag}).end();
      return;
    }
    entry.status = reply.status ?? 200;
    entry.body = true;
    res
      .writeHead(entry.status, {
        "content-type": "application/json; charset=utf-8",
        "content-length": String(body.length),
        ...(state.etags ? {etag} : {}),
        ...reply.headers
      })
      .end(body);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

function answer(routes: Map<string, Handler>, path: string, query: URLSearchParams): Reply {
  const handler = routes.get(path);
  if (!handler) return {status: 404, text: `geen opname voor ${path}`};
  try {
    return handler(query, path);
  } catch (e) {
    return {status: 400, text: String((e as Error).message)};
  }
}

// --- collections as the services page them ----------------------------------------------------

/** The address of the same request with other query values, in the real (https) form. */
function canonical(path: string, query: URLSearchParams, changes: Record<string, string>): string {
  const q = new URLSearchParams(query);
  for (const [k, v] of Object.entries(changes)) q.set(k, v);
  return `https://${path}?${q.toString()}`;
}

/**
 * An OData v3 collection (TypedDataSet, a dimension list, DataProperties): applies `$filter`,
 * `$select`, `$skip` and `$top`, pages by `pageSize` with `odata.nextLink` (ODataFeed) or, with
 * `nextLink: false`, stops at `pageSize` rows like the ODataApi.
 */
export function odataV3(
  rows: Record<string, unknown>[],
  options: {pageSize?: number; nextLink?: boolean; metadata?: string} = {}
): Handler {
  const pageSize = options.pageSize ?? 10_000;
  return (query, path) => {
    const filter = query.get("$filter");
    let selected = filter ? rows.filter(compileFilter(filter)) : rows;
    const skip = Number(query.get("$skip") ?? 0);
    const top = query.has("$top") ? Number(query.get("$top")) : Infinity;
    selected = selected.slice(skip);
    const page = selected.slice(0, Math.min(top, pageSize));
    const select = query
      .get("$select")
      ?.split(",")
      .map((s) => s.trim());
    const value = select ? page.map((r) => Object.fromEntries(select.map((k) => [k, r[k]]))) : page;
    const json: Record<string, unknown> = {};
    if (options.metadata) json["odata.metadata"] = options.metadata;
    json.value = value;
    if (options.nextLink !== false && selected.length > page.length && page.length < top)
      json["odata.nextLink"] = canonical(path, query, {$skip: String(skip + page.length)});
    return {json};
  };
}

/** An OData v4 collection (Observations) paged with `@odata.nextLink` and `$skip`. */
export function odataV4(rows: Record<string, unknown>[], context: string, pageSize: number): Handler {
  return (query, path) => {
    const skip = Number(query.get("$skip") ?? 0);
    const page = rows.slice(skip, skip + pageSize);
    const json: Record<string, unknown> = {"@odata.context": context, value: page};
    if (skip + page.length < rows.length)
      json["@odata.nextLink"] = canonical(path, query, {$skip: String(skip + page.length)});
    return {json};
  };
}

/**
 * OGC API Features `items`: filters on any query parameter that is a feature property
 * (`gemeentecode=GM1640`), pages by `limit` with an `offset` in the `next` link, as PDOK does.
 */
export function ogcItems(
  features: {properties?: Record<string, unknown> | null}[],
  maxLimit = 1000
): Handler {
  return (query, path) => {
    if (query.get("f") !== "json") throw new Error("f=json ontbreekt");
    const reserved = new Set(["f", "limit", "offset", "crs", "bbox"]);
    const filters = [...query].filter(([k]) => !reserved.has(k));
    const hits = features.filter((f) => filters.every(([k, v]) => String(f.properties?.[k] ?? "") === v));
    const limit = Math.min(Number(query.get("limit") ?? 10), maxLimit);
    const offset = Number(query.get("offset") ?? 0);
    const page = hits.slice(offset, offset + limit);
    const links: Record<string, unknown>[] = [
      {rel: "self", type: "application/geo+json", href: canonical(path, query, {})}
    ];
    if (offset + page.length < hits.length)
      links.push({
        rel: "next",
        type: "application/geo+json",
        href: canonical(path, query, {offset: String(offset + page.length)})
      });
    return {
      json: {
        type: "FeatureCollection",
        timeStamp: "2024-06-01T00:00:00Z",
        links,
        numberReturned: page.length,
        features: page
      },
      headers: {"content-type": "application/geo+json"}
    };
  };
}

/** WFS 2.0 GetFeature with GeoJSON output (GeoServer), `count`/`startIndex` and a LIKE CQL_FILTER. */
export function wfs(collection: {
  features: {properties?: Record<string, unknown> | null}[];
  crs?: unknown;
}): Handler {
  return (query) => {
    if (query.get("request") !== "GetFeature" || query.get("service") !== "WFS")
      throw new Error("geen WFS GetFeature");
    const cql = query.get("CQL_FILTER");
    let hits = collection.features;
    if (cql) {
      const terms = cql.split(/\s+OR\s+/).map((t) => {
        const m = /^(\w+) LIKE '%(\w+)%'$/.exec(t.trim());
        if (!m) throw new Error(`CQL_FILTER niet begrepen: ${t}`);
        return m;
      });
      hits = hits.filter((f) => terms.some((m) => String(f.properties?.[m[1]] ?? "").includes(m[2])));
    }
    const count = Number(query.get("count") ?? 1_000_000);
    const start = Number(query.get("startIndex") ?? 0);
    const page = hits.slice(start, start + count);
    return {
      json: {
        type: "FeatureCollection",
        features: page,
        totalFeatures: hits.length,
        numberMatched: hits.length,
        numberReturned: page.length,
        timeStamp: "2024-06-01T00:00:00Z",
        crs: collection.crs
      }
    };
  };
}

// --- a small OData $filter evaluator ------------------------------------------------------------

type Pred = (row: Record<string, unknown>) => boolean;

/**
 * Compiles the OData filters `ophalen` sends: `startswith(F,'x')`, `substring(F,i,n) eq 'x'`,
 * `F eq 'x'`, combined with `and`, `or` and parentheses. Throws on anything else.
 */
export function compileFilter(text: string): Pred {
  const tokens = text.match(/'(?:[^']|'')*'|\(|\)|,|[A-Za-z_][\w]*|\d+/g) ?? [];
  if (tokens.join("").replace(/\s/g, "") !== text.replace(/\s/g, ""))
    throw new Error(`$filter niet begrepen: ${text}`);
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const take = (expected?: string): string => {
    const t = tokens[i++];
    if (t === undefined || (expected !== undefined && t !== expected))
      throw new Error(`$filter niet begrepen bij "${t}": ${text}`);
    return t;
  };
  const str = (): string => {
    const t = take();
    if (!/^'.*'$/.test(t)) throw new Error(`verwacht een tekst in $filter, gevonden ${t}`);
    return t.slice(1, -1).replace(/''/g, "'");
  };
  const field = (): string => {
    const t = take();
    if (!/^[A-Za-z_]\w*$/.test(t)) throw new Error(`verwacht een veldnaam in $filter, gevonden ${t}`);
    return t;
  };
  const value = (row: Record<string, unknown>, f: string): string => String(row[f] ?? "");
  const primary = (): Pred => {
    const t = peek();
    if (t === "(") {
      take("(");
      const p = or();
      take(")");
      return p;
    }
    if (t === "startswith") {
      take();
      take("(");
      const f = field();
      take(",");
      const s = str();
      take(")");
      return (r) => value(r, f).startsWith(s);
    }
    if (t === "substring") {
      take();
      take("(");
      const f = field();
      take(",");
      const from = Number(take());
      take(",");
      const len = Number(take());
      take(")");
      take("eq");
      const s = str();
      return (r) => value(r, f).substring(from, from + len) === s;
    }
    const f = field();
    take("eq");
    const s = str();
    return (r) => value(r, f) === s;
  };
  const and = (): Pred => {
    let p = primary();
    while (peek() === "and") {
      take();
      const a = p;
      const b = primary();
      p = (r) => a(r) && b(r);
    }
    return p;
  };
  const or = (): Pred => {
    let p = and();
    while (peek() === "or") {
      take();
      const a = p;
      const b = and();
      p = (r) => a(r) || b(r);
    }
    return p;
  };
  const pred = or();
  if (i !== tokens.length) throw new Error(`$filter niet begrepen na "${tokens[i - 1]}": ${text}`);
  return pred;
}
