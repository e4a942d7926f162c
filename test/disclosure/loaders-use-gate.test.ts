/**
 * Structural test: every loader in `src/data/` writes its output only through the publish
 * gate's emit functions, and nothing else in `src/data/` is published as a static file.
 * Framework publishes whatever a loader writes to stdout (and any static file there), so a
 * `console.log`, `process.stdout.write` or file write in a loader would bypass the gate.
 */
import {readdirSync, readFileSync, statSync} from "node:fs";
import {join, relative} from "node:path";
import {describe, expect, it} from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const DATA = join(ROOT, "src/data");

/** Emit functions a loader may call, and the modules they must come from. */
const ALLOWED_EMITS = ["emitJson", "emitArrow", "emitCsv", "emitCached", "emitPublishedFile"];
const ALLOWED_SOURCES = [/disclosure\/gate\.ts["']/, /indicators\/emit-file\.ts["']/];

/** Ways to write output other than the gate (stdout, console, files, child processes). */
const FORBIDDEN: [RegExp, string][] = [
  [/process\s*\.\s*stdout/, "process.stdout"],
  [/\bconsole\s*\.\s*(log|info|table|dir|debug)\b/, "console.log/info/table/dir/debug"],
  [
    /\b(writeFile|writeFileSync|appendFile|appendFileSync|writeSync|createWriteStream|copyFile|copyFileSync|cp|cpSync)\s*\(/,
    "bestand schrijven"
  ],
  [/\bfs\s*\.\s*write/, "fs.write"],
  [/\b(child_process|execSync|spawnSync|exec|spawn)\b/, "subproces"],
  [/\bBun\s*\.|\bDeno\s*\./, "andere runtime-uitvoer"],
  [/\bpipe\s*\(/, "stream naar uitvoer"]
];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Problems of one file in src/data (empty = fine). Exported shape for the self-test below. */
export function loaderProblems(path: string, source: string): string[] {
  const problems: string[] = [];
  // Loaders are `name.ext.ts`; anything else in src/data would be published as it is.
  if (!/\.[a-z0-9]+\.ts$/.test(path))
    return [`${path}: geen TypeScript-loader; statische bestanden in src/data omzeilen de poort`];
  // Comments may mention forbidden calls (e.g. to explain them); only code counts.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
  for (const [re, what] of FORBIDDEN)
    if (re.test(code)) problems.push(`${path}: schrijft uitvoer buiten de poort om (${what})`);
  const emits = ALLOWED_EMITS.filter((name) => new RegExp(`\\b${name}\\s*\\(`).test(code));
  if (emits.length === 0)
    problems.push(`${path}: roept geen emit-functie van de poort aan (${ALLOWED_EMITS.join(", ")})`);
  for (const name of emits) {
    const imported = new RegExp(`import\\s*\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s*(["'][^"']+["'])`).exec(
      code
    );
    if (!imported || !ALLOWED_SOURCES.some((re) => re.test(imported[1]))) {
      problems.push(`${path}: ${name} moet uit data-loaders/disclosure/gate.ts komen`);
    }
  }
  return problems;
}

describe("loaders in src/data write only through the publish gate", () => {
  const files = walk(DATA).filter((p) => !p.endsWith(".DS_Store"));

  it("finds loaders to check", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const rel = relative(ROOT, file);
    it(`${rel} writes only via the gate's emit functions`, () => {
      expect(loaderProblems(rel, readFileSync(file, "utf8"))).toEqual([]);
    });
  }

  it("catches a loader that writes to stdout, logs, writes a file or bypasses the gate's emit", () => {
    const gate = `import {emitJson} from "../../data-loaders/disclosure/gate.ts";\n`;
    expect(loaderProblems("src/data/a.json.ts", `${gate}emitJson(x);`)).toEqual([]);
    expect(loaderProblems("src/data/a.json.ts", `${gate}emitJson(x); process.stdout.write("1")`)).not.toEqual(
      []
    );
    expect(
      loaderProblems("src/data/a.json.ts", `${gate}emitJson(x); console.log(JSON.stringify(rows))`)
    ).not.toEqual([]);
    expect(
      loaderProblems(
        "src/data/a.json.ts",
        `${gate}import {writeFileSync} from "node:fs"; writeFileSync("x", "y"); emitJson(x)`
      )
    ).not.toEqual([]);
    expect(
      loaderProblems("src/data/a.json.ts", `const emitJson = (x) => process.stdout.write(x); emitJson(x);`)
    ).not.toEqual([]);
    expect(
      loaderProblems("src/data/a.json.ts", `import {emitJson} from "./my-emit.ts"; emitJson(x);`)
    ).not.toEqual([]);
    expect(loaderProblems("src/data/rows.csv", `a,b\n1,2`)).not.toEqual([]);
  });

  it("nothing outside the gate reaches past gate.ts (no forging of published objects via internal modules)", () => {
    const roots = [join(ROOT, "src"), join(ROOT, "data-loaders")];
    const offenders: string[] = [];
    for (const root of roots) {
      for (const file of walk(root)) {
        if (
          !/\.(ts|js|mjs)$/.test(file) ||
          file.includes(`${join("data-loaders", "disclosure")}`) ||
          file.includes(".observablehq")
        )
          continue;
        const code = readFileSync(file, "utf8");
        for (const m of code.matchAll(/from\s+["']([^"']*disclosure\/([\w-]+)\.ts)["']/g)) {
          // emit-cached.ts is gate.ts's `emitCached` on its own (a loader then starts without
          // loading the gate): it only streams files whose sha256 the gate recorded, and makes
          // no published object. patterns.ts holds the identifier patterns the gate refuses;
          // the readers test area names against them (data-loaders/sources/areas.ts), so that
          // such a name is replaced when read instead of stopping the gate; it makes nothing.
          if (m[2] !== "gate" && m[2] !== "emit-cached" && m[2] !== "patterns")
            offenders.push(`${relative(ROOT, file)} importeert ${m[1]}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
