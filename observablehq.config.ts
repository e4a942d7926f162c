import {existsSync} from "node:fs";
import {DEMO_NOTICE, NAVIGATION, bronVermelding} from "./src/lib/site.ts";

// Framework reads this file once per build. The bronmap in use is decided by BRONMAP, exactly as
// the data loaders decide it (data-loaders/resolve-bronmap.ts), so the notice and the loaders agree.
// The footer never shows the bronmap's folder name (it may say more than its owner wants to
// publish); BRONMAP_NAAM sets a name for it (docs/eigen-data.md).
const bronmap = process.env.BRONMAP;
const isDemo = !bronmap || bronmap.trim() === "";
const bron = bronVermelding(isDemo, process.env.BRONMAP_NAAM);
const buildDate = new Intl.DateTimeFormat("nl-NL", {dateStyle: "long", timeZone: "Europe/Amsterdam"}).format(
  process.env.SOURCE_DATE_EPOCH ? new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000) : new Date()
);

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Gemeente codes for the briefing pages, written by the pipeline before the build (scripts/prebuild.ts). */
async function* gemeentePaths(): AsyncGenerator<string> {
  const list = "src/.observablehq/gemeenten.json";
  if (!existsSync(list)) return;
  const {readFile} = await import("node:fs/promises");
  const codes = JSON.parse(await readFile(list, "utf-8")) as string[];
  for (const code of codes) yield `/gemeente/${code}`;
}

/** Search entries for the briefings (names written by the pipeline next to gemeenten.json). */
async function* briefingSearchEntries(): AsyncGenerator<{
  path: string;
  title: string;
  text: string;
  keywords: string;
}> {
  const list = "src/.observablehq/gemeenten-namen.json";
  if (!existsSync(list)) return;
  const {readFile} = await import("node:fs/promises");
  const gemeenten = JSON.parse(await readFile(list, "utf-8")) as {code: string; naam: string}[];
  for (const g of gemeenten) {
    yield {
      path: `/gemeente/${g.code}`,
      title: `Briefing ${g.naam}`,
      text: `Gemeentebriefing ${g.naam}: kerncijfers van de gemeente tegenover de regio, het jaar ervoor en vergelijkbare gemeenten.`,
      keywords: `${g.naam} ${g.code} gemeente briefing`
    };
  }
}

export default {
  title: "Ondermijningsatlas",
  root: "src",
  // `npm run weight:national` builds into a folder of its own, leaving dist/ as it was.
  output: process.env.ATLAS_OUTPUT || "dist",
  pages: NAVIGATION.filter((p) => p.path !== "/").map((p) => ({name: p.name, path: p.path})),
  dynamicPaths: gemeentePaths,
  // The default stylesheets link Google Fonts; the site must request nothing from other hosts.
  globalStylesheets: [],
  style: "style.css",
  theme: ["air", "near-midnight"],
  toc: {label: "Op deze pagina"},
  // The pager says "Previous page"/"Next page" in English and overflows a 320 px screen; the sidebar navigates.
  pager: false,
  // Briefings are dynamic pages, which Framework does not index: each is added under its
  // gemeente's name, so searching "Brakelburg" finds the briefing.
  search: {index: briefingSearchEntries},
  preserveExtension: false,
  preserveIndex: false,
  head: `<link rel="icon" href="data:,">`,
  header: isDemo
    ? `<p class="demo-notice" role="note"><strong>Fictieve voorbeelddata.</strong> ${escapeHtml(DEMO_NOTICE)}</p>`
    : "",
  footer: `<p>Ondermijningsatlas · gebouwd op ${escapeHtml(buildDate)} · bron: ${escapeHtml(bron)} · een radar, geen sonar: een hoge score is een signaal voor gesprek, geen bewijs. <a href="/methode">Methode en privacy</a> · <a href="/open-data">Open data</a></p>`
};
