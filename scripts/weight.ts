/**
 * `npm run weight`: the page-weight report of the built site in dist/ (run `npm run build`
 * first): per page the compressed bytes of HTML, JavaScript, CSS and data on first load, and the
 * heaviest page. The same measurement is a budget test in test/browser/weight.test.ts.
 */
import {builtPaths, launchChromium, serveStatic} from "../test/browser/harness.ts";
import {formatWeightReport, measurePageWeight} from "../test/browser/weight.ts";

const site = await serveStatic("dist");
const browser = await launchChromium();
try {
  const weights = [];
  for (const path of builtPaths()) weights.push(await measurePageWeight(browser, site.origin, path));
  console.log(formatWeightReport(weights));
} finally {
  await browser.close();
  await site.close();
}
