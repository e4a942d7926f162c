/**
 * Project lint: the rules no general linter knows. Pages and browser code must not fetch from a
 * CDN (`npm:` imports, the implicit globals Plot/d3/Inputs/html, FileAttachment().csv() and
 * friends), and browser code cannot import the Node-only build library. Prints one line per
 * finding with file and line; exits non-zero on any.
 */
import {readdirSync, readFileSync, statSync} from "node:fs";
import {join} from "node:path";

/** One broken rule at a place. */
export interface LintFinding {
  file: string;
  line: number;
  rule: string;
}

const RULES: Array<{rule: string; pattern: RegExp; appliesTo: RegExp}> = [
  {
    rule: "npm:-import haalt code van een CDN",
    pattern: /["'`]npm:/,
    appliesTo: /^src\/(?!data\/).*\.(md|ts|js)$/
  },
  {
    rule: "FileAttachment().csv()/.tsv()/.arrow()/.parquet()/.zip()/.xlsx()/.sqlite() haalt code van een CDN",
    pattern: /FileAttachment\([^)]*\)\s*\.(csv|tsv|arrow|parquet|zip|xlsx|sqlite)\s*\(/,
    appliesTo: /^src\/.*\.(md|ts|js)$/
  },
  {
    rule: "impliciete globale Plot/d3/Inputs/html: importeer expliciet uit node_modules",
    pattern: /(^|[^.\w$])(Plot|d3|Inputs)\.[a-zA-Z]|(^|[^.\w$])html`/,
    appliesTo: /^src\/.*\.md$/
  },
  {
    rule: "browsercode importeert de bouwbibliotheek data-loaders/",
    pattern: /from\s+["'](\.\.\/)+data-loaders\//,
    appliesTo: /^src\/(?!data\/).*\.(md|ts|js)$/
  }
];

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    if (entry === ".observablehq" || entry === "node_modules") continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

/** Lints the files under `root` (the project root). */
export function lintProject(root = "."): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const file of walk(join(root, "src")).map((f) => f.replace(/^\.\//, ""))) {
    const rel = file.startsWith(root + "/") ? file.slice(root.length + 1) : file;
    const rules = RULES.filter((r) => r.appliesTo.test(rel));
    if (rules.length === 0) continue;
    const lines = readFileSync(file, "utf-8").split("\n");
    let imports = new Set<string>();
    lines.forEach((text) => {
      for (const m of text.matchAll(/import\s+(?:\*\s+as\s+(\w+)|\{([^}]*)\}|(\w+))/g)) {
        for (const name of (m[1] ?? m[2] ?? m[3] ?? "").split(","))
          imports.add(
            name
              .trim()
              .split(/\s+as\s+/)
              .pop()!
          );
      }
    });
    lines.forEach((text, i) => {
      for (const {rule, pattern} of rules) {
        const m = pattern.exec(text);
        if (!m) continue;
        // A page that imports Plot (or d3, Inputs, html) itself may use it.
        const name = m[2] ?? (m[3] !== undefined ? "html" : undefined);
        if (name && imports.has(name)) continue;
        findings.push({file: rel, line: i + 1, rule});
      }
    });
    imports = new Set();
  }
  return findings;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const findings = lintProject(".");
  for (const f of findings) console.error(`${f.file}:${f.line}: ${f.rule}`);
  console.log(`lint: ${findings.length === 0 ? "geen bevindingen" : `${findings.length} bevindingen`}`);
  process.exit(findings.length === 0 ? 0 : 1);
}
