/**
 * Every table the compute modules declare to the gate (counts and derived values) takes its title
 * and unit from its catalogue entry, so that the catalogue is the one place where an indicator is
 * named (issue 15): the pages, the open data and the Methode page then say the same.
 */
import {beforeAll, describe, expect, it} from "vitest";
import {indicator} from "../../data-loaders/indicators/catalogue.ts";
import type {GateParts} from "../../data-loaders/indicators/context.ts";
import {MINI, partsOf} from "./helpers.ts";

let parts: GateParts;

beforeAll(async () => {
  ({parts} = await partsOf(MINI));
}, 60_000);

describe("declarations take title and unit from the catalogue", () => {
  it("gives every declared table the title of its catalogue entry", () => {
    const declared = [...parts.tables, ...parts.derived];
    expect(declared.length).toBeGreaterThan(20);
    const wrong = declared
      .filter((t) => t.title !== indicator(t.id).titel)
      .map((t) => `${t.id}: "${t.title}" tegen "${indicator(t.id).titel}"`);
    expect(wrong).toEqual([]);
  });

  it("gives every derived value the unit of its catalogue entry", () => {
    const wrong = parts.derived
      .filter((t) => t.eenheid !== indicator(t.id).eenheid)
      .map((t) => `${t.id}: ${t.eenheid} tegen ${indicator(t.id).eenheid}`);
    expect(wrong).toEqual([]);
  });
});
