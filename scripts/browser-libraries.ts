/**
 * The libraries the pages import from node_modules, bundled once per build into Framework's
 * node-import cache (`src/.observablehq/cache/_node/<name>@<version>/index.js`), tree-shaken and
 * sharing their common code.
 *
 * Why: Framework 1.13 bundles every node_modules package on its own and leaves the imports
 * between packages in place. `@observablehq/plot` imports `d3`, whose index re-exports all thirty
 * d3 modules, so every chart page loaded all of d3 (d3-force, d3-zoom, d3-brush, d3-chord, ...):
 * ~175 kB compressed for Plot alone. Framework reuses a cached bundle when its file exists
 * (`resolveNodeImport` in its node.js), so writing our own bundles there first, with esbuild
 * (which Framework itself depends on), makes the pages load only what Plot and our components
 * use (~95 kB). Plot's entry exports only the Plot functions the source uses (scanned from
 * `src/`); the d3 modules and topojson-client export everything (they are small, and Plot uses
 * most of them anyway). Shared code goes into `_node/_gedeeld/`.
 *
 * Without this step (a plain `observable build`) the site still works, with Framework's own,
 * larger bundles; the page-weight test fails then.
 */
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {dirname, join, relative} from "node:path";
import {build, type Plugin} from "esbuild";

/** Packages bundled here: Plot (only what is used) and the modules our own code imports. */
export const BROWSER_LIBRARIES = [
  "@observablehq/plot",
  "d3-geo",
  "d3-scale",
  "d3-scale-chromatic",
  "topojson-client"
] as const;

/** Folder (under `_node/`) of the code the bundles share. */
export const SHARED_DIR = "_gedeeld";

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith(".")) continue;
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|js|md)$/.test(entry)) out.push(p);
  }
  return out;
}

/**
 * Names the source uses from Plot: `Plot.x` after `import * as Plot` (types included; they are
 * filtered against the real exports) and named imports from "@observablehq/plot".
 */
export function plotNamesUsed(sources: readonly string[]): string[] {
  const names = new Set<string>();
  for (const text of sources) {
    for (const m of text.matchAll(/\bPlot\.([A-Za-z_$][\w$]*)/g)) names.add(m[1]!);
    for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*["']@observablehq\/plot["']/g))
      for (const part of m[1]!.split(",")) {
        const name = part
          .trim()
          .replace(/^type\s+/, "")
          .split(/\s+as\s+/)[0]!
          .trim();
        if (name) names.add(name);
      }
  }
  return [...names].sort();
}

function versionOf(root: string, name: string): string {
  return (
    JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf-8")) as {version: string}
  ).version;
}

/** Where Framework looks for the bundle of `name` (relative to its cache folder). */
export function nodeBundlePath(root: string, name: string): string {
  return join("_node", `${name}@${versionOf(root, name)}`, "index.js");
}

/**
 * Writes the bundles into `cacheDir` (Framework's `src/.observablehq/cache`), replacing earlier
 * ones of the same versions. Returns the files written, relative to `cacheDir`.
 */
export async function bundleBrowserLibraries(root: string, cacheDir: string): Promise<string[]> {
  const plotExports = Object.keys(await import("@observablehq/plot"));
  const used = plotNamesUsed(sourceFiles(join(root, "src")).map((f) => readFileSync(f, "utf-8"))).filter(
    (n) => plotExports.includes(n)
  );
  const entries: Record<string, string> = {};
  const contents = new Map<string, string>();
  for (const name of BROWSER_LIBRARIES) {
    const key = nodeBundlePath(root, name)
      .replace(/^_node\//, "")
      .replace(/\.js$/, "");
    entries[key] = `atlas-entry:${name}`;
    contents.set(
      name,
      name === "@observablehq/plot"
        ? `export {${used.join(", ")}} from "${name}";\n`
        : `export * from "${name}";\n`
    );
  }
  const virtualEntries: Plugin = {
    name: "atlas-entries",
    setup(b) {
      b.onResolve({filter: /^atlas-entry:/}, (args) => ({
        path: args.path.slice("atlas-entry:".length),
        namespace: "atlas-entry"
      }));
      b.onLoad({filter: /.*/, namespace: "atlas-entry"}, (args) => ({
        contents: contents.get(args.path),
        resolveDir: root,
        loader: "js"
      }));
    }
  };
  const outdir = join(cacheDir, "_node");
  const result = await build({
    entryPoints: entries,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: ["es2022", "chrome96", "firefox96", "safari16"],
    minify: true,
    legalComments: "none",
    define: {"process.env.NODE_ENV": '"production"'},
    chunkNames: `${SHARED_DIR}/[name]-[hash]`,
    outdir,
    write: false,
    absWorkingDir: root,
    plugins: [virtualEntries],
    logLevel: "silent"
  });
  // Old shared chunks would linger under new names; the entry folders are overwritten.
  rmSync(join(outdir, SHARED_DIR), {recursive: true, force: true});
  const written: string[] = [];
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), {recursive: true});
    writeFileSync(file.path, file.contents);
    written.push(relative(cacheDir, file.path));
  }
  return written.sort();
}

/** True when the Plot bundle of the installed version is in `cacheDir` (for tests and prebuild). */
export function hasPlotBundle(root: string, cacheDir: string): boolean {
  return existsSync(join(cacheDir, nodeBundlePath(root, "@observablehq/plot")));
}
