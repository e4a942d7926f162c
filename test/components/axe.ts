/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on a rendered component inside jsdom. Colour
 * contrast cannot be computed without layout, so that rule is left to the browser tests.
 */
import axe from "axe-core";
import {expect} from "vitest";

/** Asserts that axe finds no WCAG 2.1 AA violations in `element` (attached to the document). */
export async function assertAccessible(element: Element): Promise<void> {
  if (!element.isConnected) document.body.append(element);
  const result = await axe.run(element, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    rules: {"color-contrast": {enabled: false}}
  });
  const violations = result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`
  );
  expect(violations).toEqual([]);
}
