/**
 * Which catalogue indicators the known-answer tests really look up. `trueValue` and
 * `published` (helpers.ts) record every table id they are asked for, so coverage is counted
 * from what the tests read, not from text in the file (a comment or a string in an unrelated
 * place used to count). Each test file has its own module instance, so the ids a file other
 * than known-answers.test.ts covers are declared here as data and that file checks, after its
 * tests, that it looked each of them up.
 */
import {expect} from "vitest";

/** Table ids looked up by the helpers in this test file's run. */
export const lookedUp = new Set<string>();

/** Indicators whose known answers live in another file than known-answers.test.ts. */
export const COVERED_ELSEWHERE: Record<string, readonly string[]> = {
  "bedrijventerreinen.test.ts": [
    "bt-vestigingen",
    "bt-starts",
    "bt-stops",
    "bt-risico-aandeel",
    "bt-verloop"
  ],
  // The maps of Risicolocaties, on the tiny bronmap of fixtures/indicators/buitengebied-bronmap.ts.
  "risicolocaties-kaart.test.ts": [
    "buitengebied-buurt",
    "bt-signalen",
    "bt-oppervlakte",
    "bt-signalen-per-ha"
  ],
  // The public sources (politie/, referentie/), on bronmappen written by ophalen.
  "publiek.test.ts": [
    "misdrijven",
    "misdrijven-per-1000",
    "vestigingen-cbs",
    "locatiequotient-nederland",
    "locatiequotient-cbs"
  ]
};

/** Fails unless this file's tests looked up every id it declares in COVERED_ELSEWHERE. */
export function expectCovered(file: string): void {
  const declared = COVERED_ELSEWHERE[file] ?? [];
  expect(
    declared.filter((id) => !lookedUp.has(id)),
    `${file} noemt deze indicatoren in COVERED_ELSEWHERE maar zoekt ze niet op`
  ).toEqual([]);
}
