/**
 * Runs after `observable build`: fixes what Framework 1.13 cannot be configured to do.
 * - `<html lang="nl">` on every page (Framework writes a bare `<html>`; WCAG 3.1.1).
 * - a viewport that allows zooming (Framework sets maximum-scale=1; WCAG 1.4.4).
 * - a Content-Security-Policy that allows only the site's own origin. Framework puts a few
 *   inline scripts in every page (the page's cells, the search box, the sidebar); each is
 *   allowed by its sha256 hash, so no inline script of anyone else can run.
 * - the gemeente's name in the `<title>` and the heading of every briefing (`gemeente/<code>`):
 *   Framework renders a parameterized page once, with the title of its front matter.
 */
import {createHash} from "node:crypto";
import {cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync} from "node:fs";
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

/** The CSP of a page whose inline scripts have these contents. */
export function contentSecurityPolicy(inlineScripts: readonly string[]): string {
  const hashes = [
    ...new Set(
      inlineScripts.map((s) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`)
    )
  ];
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(" ")}`.trim(),
    // Plot and Framework set style attributes and <style> elements; styles cannot fetch from elsewhere.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'"
  ].join("; ");
}

/** Contents of every inline `<script>` (without src) in a page, exactly as the browser hashes them. */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
}

/** Rewrites one page's HTML; throws when the page does not look like a Framework page. */
export function fixPageHtml(html: string, file: string): string {
  if (!/^<!DOCTYPE html>\s*<html>/i.test(html) && !/<html lang="nl">/.test(html)) {
    throw new Error(
      `${file}: verwacht een Framework-pagina die begint met <!DOCTYPE html><html>, gevonden iets anders`
    );
  }
  if (!/<meta charset="utf-8">/.test(html))
    throw new Error(`${file}: verwacht <meta charset="utf-8"> in de kop`);
  const fixed = html
    // Framework puts the sidebar's close label inside the <ol> of links: invalid list markup (axe "list").
    .replace(
      /<ol>\s*(<label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"><\/label>)/,
      "$1\n  <ol>"
    )
    .replace(
      '<input type="search" placeholder="Search">',
      '<input type="search" placeholder="Zoeken" aria-label="Zoeken op de site">'
    )
    .replace(
      'title="Toggle sidebar"',
      'title="Navigatie tonen of verbergen" aria-label="Navigatie tonen of verbergen"'
    )
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/, "");
  // The CSP hashes the inline scripts as they finally stand, so it is computed last.
  const csp = contentSecurityPolicy(inlineScripts(fixed));
  return fixed
    .replace(
      /<meta charset="utf-8">/,
      `<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="${csp}">`
    )
    .replace(/<html>/i, '<html lang="nl">')
    .replace(
      /<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">/,
      '<meta name="viewport" content="width=device-width, initial-scale=1">'
    );
}

/** The heading text of the briefing page (`# Gemeentebriefing` in src/gemeente/[code].md). */
export const BRIEFING_KOP = "Gemeentebriefing";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Puts the gemeente's name in a briefing page's `<title>` ("Briefing Brakelburg |
 * Ondermijningsatlas") and in its h1 ("Gemeentebriefing Brakelburg"), so a browser tab, a
 * bookmark, a printed page's header and a screen reader name the gemeente before any script
 * runs. Idempotent; throws when the page does not carry the title and heading it expects.
 */
export function bakeBriefingName(html: string, naam: string, file: string): string {
  const name = escapeHtml(naam);
  const title = /<title>Gemeentebriefing \| /;
  const heading = /(<h1 id="gemeentebriefing"[^>]*>(?:<a [^>]*>)?)Gemeentebriefing(<\/a>)?<\/h1>/;
  if (html.includes(`<title>Briefing ${name} | `)) return html;
  if (!title.test(html) || !heading.test(html))
    throw new Error(`${file}: verwacht de titel en kop "${BRIEFING_KOP}" van een gemeentebriefing`);
  return (
    html
      // A replacement function: in a replacement string, `$'`, `$&` or `$\`` in a name would copy
      // parts of the page into the title.
      .replace(title, () => `<title>Briefing ${name} | `)
      .replace(
        heading,
        (_m, open: string, close: string | undefined) => `${open}${BRIEFING_KOP} ${name}${close ?? ""}</h1>`
      )
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const {runCommand} = await import("../data-loaders/user-error.ts");
  const {writeErrorMessage} = await import("./output-dir.ts");
  await runCommand(async () => {
    const dist = process.argv[2] ?? process.env.ATLAS_OUTPUT ?? "dist";
    const {getPipelineResult} = await import("../data-loaders/indicators/pipeline.ts");
    const result = await getPipelineResult({gemeentenListPath: null});
    const namen = new Map(result.manifest.gemeenten.map((g) => [g.code, g.naam]));
    // A read-only or full disk gives one Dutch sentence instead of Node's EACCES/ENOSPC.
    const writing = <T>(path: string, f: () => T): T => {
      try {
        return f();
      } catch (e) {
        throw writeErrorMessage(path, e) ?? e;
      }
    };
    const files = htmlFiles(dist);
    for (const file of files) {
      let html = fixPageHtml(readFileSync(file, "utf-8"), file);
      const briefing = /(?:^|\/)gemeente\/(GM\d{4})\.html$/.exec(file);
      if (briefing && namen.has(briefing[1]!)) html = bakeBriefingName(html, namen.get(briefing[1]!)!, file);
      writing(file, () => writeFileSync(file, html));
    }
    console.error(
      `postbuild: ${files.length} pagina's nagelopen in ${dist}/ (lang, viewport, CSP, briefingtitels)`
    );
    // The open data at its stable paths (dist/open-data/cijfers.csv and .json): written by the
    // publish gate into the pipeline's result folder; copied as is, never re-serialised here.
    const openData = join(result.dir, "open-data");
    if (!existsSync(join(openData, "cijfers.csv")))
      throw new Error(`postbuild: de publicatiepoort schreef geen open data in ${openData}`);
    writing(join(dist, "open-data"), () => cpSync(openData, join(dist, "open-data"), {recursive: true}));
    console.error(`postbuild: open data gekopieerd naar ${dist}/open-data/`);
  });
}
