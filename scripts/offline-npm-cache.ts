/**
 * Makes `observable build` work with no network at all.
 *
 * While bundling its client, Framework 1.13 resolves the *versions* of optional client libraries
 * (react-dom, duckdb-wasm, mermaid, ...) against the npm registry, even when no page uses them.
 * It first looks for known versions in the folder names under `src/.observablehq/cache/_npm/`,
 * and only downloads files that a page really imports. So we pre-create one (empty) version folder
 * per library that Framework's own source names as `npm:<name>`: the list is read from the
 * installed Framework, so a Framework upgrade that adds a library is covered without an edit here.
 * The version is the installed one where the package is in node_modules, else a placeholder; a
 * page that actually imported such a library would still fail the offline build, as it should
 * (pages must import from node_modules; see the test in test/build).
 */
import {existsSync, mkdirSync, readdirSync, readFileSync, statSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";

/** Names of every `npm:` library Framework's own code may resolve while building. */
export function frameworkNpmLibraries(frameworkDist: string): string[] {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(js|css)$/.test(entry)) {
        for (const m of readFileSync(path, "utf-8").matchAll(
          /["'`]npm:((?:@[a-z0-9._-]+\/)?[a-z0-9._-]+)/g
        )) {
          names.add(m[1]!);
        }
      }
    }
  };
  walk(frameworkDist);
  return [...names].sort();
}

function installedVersion(name: string, projectRoot: string): string | null {
  const pkg = join(projectRoot, "node_modules", name, "package.json");
  return existsSync(pkg) ? (JSON.parse(readFileSync(pkg, "utf-8")) as {version: string}).version : null;
}

/** Pre-creates the version folders; returns the libraries seeded. Idempotent. */
export function seedOfflineNpmCache(projectRoot: string, sourceRoot = join(projectRoot, "src")): string[] {
  const require = createRequire(join(projectRoot, "package.json"));
  const frameworkDist = dirname(require.resolve("@observablehq/framework/package.json")) + "/dist";
  const cacheDir = join(sourceRoot, ".observablehq", "cache", "_npm");
  const seeded: string[] = [];
  for (const name of frameworkNpmLibraries(frameworkDist)) {
    const known = existsSync(join(cacheDir, name))
      ? []
      : existsSync(dirname(join(cacheDir, name)))
        ? readdirSync(dirname(join(cacheDir, name))).filter((e) => e.startsWith(name.split("/").pop()! + "@"))
        : [];
    if (known.length > 0) continue;
    const version = installedVersion(name, projectRoot) ?? "0.0.0-offline";
    mkdirSync(join(cacheDir, `${name}@${version}`), {recursive: true});
    seeded.push(`${name}@${version}`);
  }
  return seeded;
}
