// definities.json is the catalogue as the story pages load it (page weight, issue 16/17): the
// same title, definition, unit and direction for every indicator as catalogus.json, nothing more.
import {beforeAll, describe, expect, it} from "vitest";
import {getPipelineResult, type PipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import type {Bundle} from "../../src/lib/contracts.ts";
import {catalogusVan, definitie} from "../../src/lib/pages/story.ts";
import {readPublished} from "../published-file.ts";

let result: PipelineResult;
const read = (name: string): Bundle => readPublished(result, name) as Bundle;

beforeAll(async () => {
  result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
}, 300_000);

describe("definities.json", () => {
  it("holds every indicator of the catalogue with its title, definition, unit and direction", () => {
    const kort = catalogusVan(read("definities.json"));
    const vol = catalogusVan(read("catalogus.json"));
    expect(kort.indicatoren.map((i) => i.id)).toEqual(vol.indicatoren.map((i) => i.id));
    for (const i of vol.indicatoren) {
      expect(kort.indicatoren.find((k) => k.id === i.id)).toEqual({
        id: i.id,
        titel: i.titel,
        definitie: i.definitie,
        eenheid: i.eenheid,
        richting: i.richting
      });
    }
    expect(kort.signaalcategorieen).toEqual(vol.signaalcategorieen);
    expect(definitie(kort, "signalen-per-1000")).toBe(definitie(vol, "signalen-per-1000"));
    expect(definitie(kort, "signalen-per-1000")).not.toBe("");
  });

  it("is much smaller than the full catalogue, which the story pages therefore do not load", () => {
    const kort = JSON.stringify(read("definities.json")).length;
    const vol = JSON.stringify(read("catalogus.json")).length;
    expect(kort).toBeLessThan(vol / 3);
  });
});
