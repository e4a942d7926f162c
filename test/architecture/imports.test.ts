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
const FOLDERS = ["data-loaders", "src/lib", "src/components", "scripts"];

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

describe("import graph", () => {
  const graph = importGraph();

  it("reads the project's own modules", () => {
    expect(graph.size).toBeGreaterThan(50);
    expect([...graph.values()].some((deps) => deps.length > 0)).toBe(true);
  });

  it("has no import cycles", () => {
    expect(cycles(graph).map((c) => c.map(rel))).toEqual([]);
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
