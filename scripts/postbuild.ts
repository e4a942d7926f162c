/**
 * Runs after `observable build`: fixes what Framework 1.13 cannot be configured to do.
 * - `<html lang="nl">` on every page (Framework writes a bare `<html>`; WCAG 3.1.1).
 * - a viewport that allows zooming (Framework sets maximum-scale=1; WCAG 1.4.4).
 */
import {readdirSync, readFileSync, statSync, writeFileSync} from "node:fs";
import {join} from "node:path";

/** Every built HTML file under `dir`. */
export function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (entry !== "_observablehq" && entry !== "_node" && entry !== "_file" && entry !== "_npm")
        out.push(...htmlFiles(path));
    } else if (entry.endsWith(".html")) out.push(path);
  }
  return out;
}

/** Rewrites one page's HTML; throws when the page does not look like a Framework page. */
export function fixPageHtml(html: string, file: string): string {
  if (!/^<!DOCTYPE html>\s*<html>/i.test(html) && !/<html lang="nl">/.test(html)) {
    throw new Error(
      `${file}: verwacht een Framework-pagina die begint met <!DOCTYPE html><html>, gevonden iets anders`
    );
  }
  return html
    .replace(/<html>/i, '<html lang="nl">')
    .replace(
      /<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">/,
      '<meta name="viewport" content="width=device-width, initial-scale=1">'
    );
}

const dist = process.argv[2] ?? "dist";
const files = htmlFiles(dist);
for (const file of files) writeFileSync(file, fixPageHtml(readFileSync(file, "utf-8"), file));
console.error(`postbuild: ${files.length} pagina's nagelopen in ${dist}/`);
