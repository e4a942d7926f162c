/**
 * Quality checks run on a page already opened by the harness: the axe-core WCAG 2.0/2.1 A+AA
 * audit, keyboard reachability with a visible focus, and reflow at narrow widths.
 */
import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import type {Page} from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf-8");

/** One axe violation, flattened to what a developer needs to fix it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core with the WCAG 2.0 and 2.1 A and AA rule sets. The script is evaluated through
 * the DevTools protocol, which the page's Content-Security-Policy does not govern, so the audit
 * runs on the page exactly as readers get it.
 */
export async function auditAccessibility(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown
          ) => Promise<{
            violations: Array<{
              id: string;
              impact: string | null;
              help: string;
              nodes: Array<{target: string[]}>;
            }>;
          }>;
        };
      }
    ).axe;
    const {violations} = await axe.run(document, {
      runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
    });
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" "))
    }));
  });
  return result;
}

/** Result of tabbing through a page. */
export interface KeyboardReport {
  /** Visible, enabled focusable elements on the page. */
  focusable: number;
  /** Distinct elements that received focus by pressing Tab. */
  reached: number;
  /** Elements that had focus but showed no visible focus indicator. */
  invisibleFocus: string[];
  /** Focusable elements never reached by Tab. */
  unreached: string[];
}

/**
 * Presses Tab until focus cycles back (or a bound is hit) and records which elements got focus,
 * and whether each showed a visible indicator (an outline or box-shadow that differs from its
 * unfocused style).
 */
export async function tabThrough(page: Page, maxSteps = 400): Promise<KeyboardReport> {
  await page.evaluate(() => {
    const w = window as unknown as {__focusLog: Array<{key: string; visible: boolean}>};
    w.__focusLog = [];
    let n = 0;
    const keyOf = (el: Element): string => {
      if (!(el as HTMLElement).dataset.focusKey) (el as HTMLElement).dataset.focusKey = `f${n++}`;
      return (el as HTMLElement).dataset.focusKey!;
    };
    document.addEventListener(
      "focusin",
      (event) => {
        const el = event.target as HTMLElement;
        const style = getComputedStyle(el);
        const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
        const shadow = style.boxShadow !== "none";
        w.__focusLog.push({key: keyOf(el), visible: outline || shadow});
      },
      true
    );
  });
  // Charts below the fold are drawn when they scroll into view (src/lib/plot.ts): let them
  // draw first, as they do when Tab moves the focus down to them.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(600);
  await page.waitForFunction(() => !document.querySelector("[aria-busy=true]"));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator("body").focus();
  const seen = new Set<string>();
  let previous = "";
  for (let i = 0; i < maxSteps; i++) {
    await page.keyboard.press("Tab");
    const key = await page.evaluate(
      () => (document.activeElement as HTMLElement | null)?.dataset.focusKey ?? ""
    );
    if (key && seen.has(key) && key !== previous) break;
    if (key) seen.add(key);
    previous = key;
  }
  return page.evaluate(
    (reachedKeys) => {
      const w = window as unknown as {__focusLog: Array<{key: string; visible: boolean}>};
      const describe = (el: Element) =>
        `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.getAttribute("aria-label") ? `[${el.getAttribute("aria-label")}]` : ""}${el.textContent ? ` "${el.textContent.trim().slice(0, 30)}"` : ""}`;
      const focusable = [
        ...document.querySelectorAll<HTMLElement>(
          'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])'
        )
      ].filter((el) => {
        const rect = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return (
          rect.width > 0 &&
          rect.height > 0 &&
          style.visibility !== "hidden" &&
          !el.closest("[hidden], [inert]")
        );
      });
      const reached = new Set(reachedKeys);
      const invisible = new Set(w.__focusLog.filter((f) => !f.visible).map((f) => f.key));
      return {
        focusable: focusable.length,
        reached: reached.size,
        invisibleFocus: [...document.querySelectorAll<HTMLElement>("[data-focus-key]")]
          .filter((el) => invisible.has(el.dataset.focusKey!))
          .map(describe),
        unreached: focusable
          .filter((el) => !el.dataset.focusKey || !reached.has(el.dataset.focusKey))
          .map(describe)
      };
    },
    [...seen]
  );
}

/** Width in CSS pixels by which the page overflows the viewport horizontally (0 = reflows). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)
  );
}
