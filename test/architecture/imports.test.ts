/**
 * The import graph of the project's own code: no cycles (type-only imports included, since a
 * type that runs back is a design that runs back), and no import against the layer order.
 * The graph is read with TypeScript's own pre-processor (`ts.preProcessFile`), which lists a
 * file's imports and re-exports without type-checking it.
 */
import {readdirSync, readFileSync, statSync} from "node:fs";
import {dirname, join, relative, resolve} from "node:path";
import ts from "typescript";
import {describe, expect, it} from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const FOLDERS = ["data-loaders", "src/shared", "src/lib", "src/components", "scripts"];

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (/\.(ts|js)$/.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/** Relative imports of a file, resolved to project files (".js" in browser code means ".ts"). */
function importsOf(file: string, known: Set<string>): string[] {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  const out: string[] = [];
  for (const ref of info.importedFiles) {
    if (!ref.fileName.startsWith(".")) continue;
    const base = resolve(dirname(file), ref.fileName);
    const candidates = [base, base.replace(/\.js$/, ".ts"), `${base}.ts`, join(base, "index.ts")];
    const hit = candidates.find((c) => known.has(c));
    if (hit) out.push(hit);
  }
  return out;
}

export function importGraph(): Map<string, string[]> {
  const files = FOLDERS.flatMap((f) => filesUnder(join(ROOT, f)));
  const known = new Set(files);
  return new Map(files.map((f) => [f, importsOf(f, known)]));
}

/** Strongly connected components with more than one file (or a file importing itself): Tarjan. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

const rel = (f: string) => relative(ROOT, f);

/**
 * The layers, lowest first: a file may import from its own layer and from lower ones, never from
 * a higher one. The order is the order a number travels (bronmap -> records -> gate ->
 * indicators -> files; in the browser lib -> components -> page view models), with the small
 * modules everything uses at the bottom. The most specific prefix decides a file's layer.
 */
const LAYERS: ReadonlyArray<[prefix: string, rank: number]> = [
  ["src/shared/", 0],
  ["data-loaders/user-error.ts", 0],
  ["data-loaders/worker-thread.ts", 0],
  ["data-loaders/patterns.ts", 0],
  ["data-loaders/geo/", 1],
  ["data-loaders/sources/", 2],
  ["data-loaders/demo/", 3],
  ["data-loaders/ophalen/", 3],
  ["data-loaders/disclosure/", 3],
  ["data-loaders/indicators/", 4],
  ["data-loaders/resolve-bronmap.ts", 4],
  ["scripts/", 6],
  ["src/lib/", 1],
  ["src/components/", 2],
  ["src/lib/pages/", 3]
];

export function layerOf(file: string): {tree: string; rank: number} | null {
  const r = rel(file);
  let best: [string, number] | null = null;
  for (const [prefix, rank] of LAYERS)
    if (r.startsWith(prefix) && (!best || prefix.length > best[0].length)) best = [prefix, rank];
  if (!best) return null;
  // src/shared belongs to both trees; the browser (src/) never imports the build (data-loaders/).
  const tree = best[0].startsWith("src/shared/")
    ? "shared"
    : best[0].startsWith("src/")
      ? "browser"
      : "build";
  return {tree, rank: best[1]};
}

/** Imports against the layer order, as "from -> to". */
export function layerViolations(graph: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [from, deps] of graph) {
    const a = layerOf(from);
    if (!a) continue;
    for (const to of deps) {
      const b = layerOf(to);
      if (!b) continue;
      const wrongTree =
        b.tree !== "shared" && a.tree !== b.tree && !(a.tree === "build" && rel(from).startsWith("scripts/"));
      if (wrongTree || b.rank > a.rank || (a.tree === "shared" && b.tree !== "shared"))
        out.push(`${rel(from)} -> ${rel(to)}`);
    }
  }
  return out.sort();
}

describe("import graph", () => {
  const graph = importGraph();

  it("reads the project's own modules", () => {
    expect(graph.size).toBeGreaterThan(50);
    expect([...graph.values()].some((deps) => deps.length > 0)).toBe(true);
  });

  it("has no import cycles", () => {
    expect(cycles(graph).map((c) => c.map(rel))).toEqual([]);
  });

  it("imports only along the layer order, and the browser never from the build", () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  it("places every module of the build and the browser in a layer", () => {
    const unplaced = [...graph.keys()].filter((f) => !layerOf(f)).map(rel);
    expect(unplaced).toEqual([]);
  });
});

describe("the layer rule", () => {
  it("refuses an import from a lower layer to a higher one and across trees", () => {
    const f = (p: string) => join(ROOT, p);
    const g = new Map([
      [
        f("data-loaders/sources/areas.ts"),
        [f("data-loaders/disclosure/gate.ts"), f("data-loaders/geo/crs.ts")]
      ],
      [f("src/lib/format.ts"), [f("data-loaders/indicators/catalogue.ts"), f("src/shared/peers.ts")]],
      [f("data-loaders/indicators/briefing.ts"), [f("src/lib/format.ts"), f("src/shared/peers.ts")]]
    ]);
    expect(layerViolations(g)).toEqual([
      "data-loaders/indicators/briefing.ts -> src/lib/format.ts",
      "data-loaders/sources/areas.ts -> data-loaders/disclosure/gate.ts",
      "src/lib/format.ts -> data-loaders/indicators/catalogue.ts"
    ]);
  });
});

describe("the cycle finder", () => {
  it("finds a cycle of two and one of three, and nothing in a chain", () => {
    const g = new Map([
      ["a", ["b"]],
      ["b", ["a"]],
      ["c", ["d"]],
      ["d", ["e"]],
      ["e", ["c"]],
      ["x", ["y"]],
      ["y", []]
    ]);
    expect(cycles(g)).toEqual([
      ["a", "b"],
      ["c", "d", "e"]
    ]);
  });
});
