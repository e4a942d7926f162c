/**
 * Snapshot helper for chart components: serialises an element to normalised HTML and compares
 * it with `test/components/snapshots/<name>.html`. A missing snapshot fails (a deleted file must not
 * pass in CI); `UPDATE_SNAPSHOTS=1` writes new or changed snapshots, to be checked and committed.
 */
import {existsSync, mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {expect} from "vitest";

const SNAPSHOTS = join(dirname(fileURLToPath(import.meta.url)), "snapshots");

/** Normalises unstable details: numbers to 2 decimals, Plot's generated class and clip ids. */
export function normalise(html: string): string {
  return (
    html
      .replace(/plot-[0-9a-f]{6}\b/g, "plot")
      .replace(/plot-clip-\d+/g, "plot-clip")
      .replace(/plot-pattern-\d+/g, "plot-pattern")
      // Only geometry in attributes is rounded; text and labels (such as "1.000") stay as they are.
      .replace(/(\s[\w:-]+)="([^"]*)"/g, (all: string, name: string, value: string) =>
        /^\s(aria-|id$|class$|title$)/.test(name)
          ? all
          : `${name}="${value.replace(/(\d+\.\d{2})\d+/g, "$1")}"`
      )
      .replace(/>\s*</g, ">\n<")
      .trim() + "\n"
  );
}

/** Compares `element`'s normalised outer HTML with the named snapshot. */
export function assertSnapshot(name: string, element: Element): void {
  const actual = normalise(element.outerHTML);
  const file = join(SNAPSHOTS, `${name}.html`);
  if (process.env.UPDATE_SNAPSHOTS === "1") {
    mkdirSync(SNAPSHOTS, {recursive: true});
    writeFileSync(file, actual);
    return;
  }
  expect(
    existsSync(file),
    `snapshot ${name} ontbreekt; maak hem met UPDATE_SNAPSHOTS=1 en controleer hem`
  ).toBe(true);
  expect(actual, `snapshot ${name} differs; rerun with UPDATE_SNAPSHOTS=1 after checking`).toBe(
    readFileSync(file, "utf8")
  );
}
