/**
 * `npm run weight`: the page-weight report of a built site (default `dist/`; run `npm run build`
 * first): per page the compressed bytes of HTML, JavaScript, CSS and data on first load, and the
 * heaviest page. The same measurement is a budget test in test/browser/weight.test.ts.
 *
 *   npm run weight                         every page of dist/
 *   npm run weight -- --dist dir --pad /   only the given pages (repeat --pad) of another build
 *   npm run weight:national -- --bestaand   the same checks on the national build made before
 *   npm run weight:national                builds the national bench bronmap (`npm run bench`
 *                                          generates it) into .cache/weight/national/ and
 *                                          reports the overview pages, the werkplaats and one
 *                                          briefing; exits non-zero when one is over budget
 *
 * The national build leaves `dist/` as it was: it is built into its own folder
 * (`ATLAS_OUTPUT`, read by observablehq.config.ts and scripts/postbuild.ts).
 */
import {spawnSync} from "node:child_process";
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {join, resolve} from "node:path";
import {parseArgs} from "node:util";
import {GENERATOR_VERSION} from "../data-loaders/demo/version.ts";
import {
  builtPaths,
  isolatedContext,
  launchChromium,
  serveStatic,
  visitPage
} from "../test/browser/harness.ts";
import {dataRequests} from "../test/browser/requests.ts";
import {formatWeightReport, measurePageWeight, PAGE_BUDGET_BYTES} from "../test/browser/weight.ts";

const ROOT = resolve(import.meta.dirname, "..");
const NATIONAL_BRONMAP = join(ROOT, ".cache", "bench", "national");
const NATIONAL_DIST = join(ROOT, ".cache", "weight", "national");

/** The pages `weight:national` reports: every page that is not a briefing, plus one briefing. */
export function nationalPaths(all: readonly string[]): string[] {
  const briefings = all.filter((p) => p.startsWith("/gemeente/"));
  return [...all.filter((p) => !p.startsWith("/gemeente/")), ...briefings.slice(0, 1)];
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): number {
  const r = spawnSync(command, args, {cwd: ROOT, stdio: "inherit", env});
  return r.status ?? 1;
}

const {values} = parseArgs({
  options: {
    dist: {type: "string"},
    pad: {type: "string", multiple: true},
    nationaal: {type: "boolean", default: false},
    // With --nationaal: measure the national build already in .cache/weight/national.
    bestaand: {type: "boolean", default: false}
  }
});

let dist = resolve(values.dist ?? "dist");
let paths: string[] | null = values.pad ?? null;
/** True when the national bench bronmap exists and was made by this version of the generator. */
function nationalBronmapCurrent(): boolean {
  const meta = join(NATIONAL_BRONMAP, "demo.json");
  if (!existsSync(join(NATIONAL_BRONMAP, "vestigingen.csv")) || !existsSync(meta)) return false;
  return (
    (JSON.parse(readFileSync(meta, "utf-8")) as {generatorVersie?: string}).generatorVersie ===
    GENERATOR_VERSION
  );
}

if (values.nationaal && !values.bestaand) {
  if (!nationalBronmapCurrent()) {
    console.error(
      "weight:national: landelijke bronmap genereren (zoals npm run bench; opnieuw na een nieuwe generatorversie)"
    );
    rmSync(NATIONAL_BRONMAP, {recursive: true, force: true});
    if (
      run(
        process.execPath,
        ["--import", "tsx", "scripts/bench.ts", "--child", "generate", NATIONAL_BRONMAP],
        process.env
      ) !== 0
    )
      process.exit(1);
  }
  mkdirSync(NATIONAL_DIST, {recursive: true});
  const t0 = performance.now();
  const status = run("npm", ["run", "build"], {
    ...process.env,
    BRONMAP: NATIONAL_BRONMAP,
    ATLAS_OUTPUT: NATIONAL_DIST
  });
  const seconds = (performance.now() - t0) / 1000;
  console.error(
    `weight:national: landelijke build ${status === 0 ? "klaar" : "mislukt"} in ${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`
  );
  if (status !== 0) process.exit(1);
}
if (values.nationaal) {
  dist = NATIONAL_DIST;
  paths = nationalPaths(builtPaths(dist));
}
if (!existsSync(join(dist, "index.html"))) {
  console.error(`${dist} bevat geen gebouwde site: draai eerst npm run build`);
  process.exit(1);
}

const site = await serveStatic(dist);
const browser = await launchChromium();
let over = 0;
try {
  const weights = [];
  for (const path of paths ?? builtPaths(dist)) {
    const w = await measurePageWeight(browser, site.origin, path);
    if (w.total > PAGE_BUDGET_BYTES) over++;
    weights.push(w);
  }
  console.log(formatWeightReport(weights));
  if (values.nationaal) {
    const briefings = readdirSync(join(dist, "gemeente")).filter((f) => f.endsWith(".html")).length;
    console.log(
      `landelijk: ${briefings} briefings gebouwd; ${over === 0 ? "alle pagina's binnen het budget" : `${over} pagina('s) boven het budget`}`
    );
    // Choosing a gemeente on the national site loads that gemeente's data only.
    const gemeente = (paths ?? []).find((p) => p.startsWith("/gemeente/"))!.slice("/gemeente/".length);
    for (const pagina of ["/weerbare-wijken", "/werkplaats"]) {
      const context = await isolatedContext(browser, site.origin);
      try {
        const requests = dataRequests(context, site.origin);
        const {page} = await visitPage(context, site.origin, `${pagina}?gemeente=${gemeente}`);
        await page.waitForFunction(() => !document.querySelector("[aria-busy=true]"), null, {
          timeout: 120_000
        });
        await page.waitForTimeout(1000);
        const anders = requests.filter(
          (r) => !["regio", "catalogus", "weerbaarheid", `weerbaarheid/${gemeente}`].includes(r)
        );
        const ok = requests.includes(`weerbaarheid/${gemeente}`) && anders.length === 0;
        if (!ok) over++;
        console.log(
          `${pagina}?gemeente=${gemeente}: ${ok ? "alleen de gegevens van die gemeente" : `FOUT: ${anders.join(", ") || "de gemeente zelf ontbreekt"}`} (geladen: ${requests.join(", ")})`
        );
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await site.close();
}
if (values.nationaal && over > 0) process.exit(1);
