/**
 * Metadata parts a page may go without (the area list, the components' years, the peers, the
 * bedrijventerreinen, the catalogue, the links between tables): without the part the view model
 * draws what it can, but a part that is there and breaks its contract must not be taken for an
 * absent one. It throws the `Leesfout`, which the page shows in place of the charts. Each case
 * runs on the demo's published bundles three ways: as published, with the part off (its value
 * replaced by a number), and with the part left out.
 */
import {beforeAll, describe, expect, it} from "vitest";
import {getPipelineResult, type PipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import {Leesfout, type Bundle} from "../../src/lib/contracts.ts";
import {
  BEDRIJVENTERREINEN,
  CATALOGUS,
  COMPONENTEN,
  DEFINITIES,
  JAREN,
  KOPPELINGEN,
  VERGELIJKBAAR_REGIO
} from "../../src/shared/contracts/onderdelen.ts";
import type {MetadataDeel} from "../../src/shared/contracts/envelope.ts";
import {wijkenData} from "../../src/lib/pages/weerbare-wijken.ts";
import {readWerkplaatsData} from "../../src/lib/pages/werkplaats.ts";
import {locatiesData} from "../../src/lib/pages/risicolocaties.ts";
import {catalogusVan} from "../../src/lib/pages/story.ts";
import {rapportVan} from "../../src/lib/pages/methode.ts";
import {readPublished} from "../published-file.ts";

let result: PipelineResult;
const read = (name: string) => readPublished(result, name) as Bundle;

beforeAll(async () => {
  result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
}, 300_000);

/** A copy of `bundle` whose part `naam` is `part` (or left out when `part` is undefined). */
function metDeel(bundle: Bundle, naam: string, part: unknown): Bundle {
  const onderdelen = {...bundle.onderdelen};
  if (part === undefined) delete onderdelen[naam];
  else onderdelen[naam] = part as Bundle["onderdelen"][string];
  return {...bundle, onderdelen};
}

/** Each case: the file, its optional part, and the view model reading it from that file. */
const cases: Array<{
  file: string;
  deel: MetadataDeel<unknown>;
  door: string;
  lees: (b: Bundle) => unknown;
}> = [
  {
    file: "weerbaarheid.json",
    deel: COMPONENTEN,
    door: "wijkenData",
    lees: (b) => wijkenData(b, read("regio.json"), read("definities.json"))
  },
  {
    file: "weerbaarheid.json",
    deel: JAREN,
    door: "wijkenData",
    lees: (b) => wijkenData(b, read("regio.json"), read("definities.json"))
  },
  {
    file: "weerbaarheid.json",
    deel: JAREN,
    door: "readWerkplaatsData",
    lees: (b) => readWerkplaatsData(b, read("regio.json"), b, [])
  },
  {
    file: "weerbaarheid.json",
    deel: VERGELIJKBAAR_REGIO,
    door: "readWerkplaatsData",
    lees: (b) => readWerkplaatsData(b, read("regio.json"), b, [])
  },
  {
    file: "risicolocaties.json",
    deel: BEDRIJVENTERREINEN,
    door: "locatiesData",
    lees: (b) => locatiesData(b, read("regio.json"), read("definities.json"))
  },
  {file: "definities.json", deel: DEFINITIES, door: "catalogusVan", lees: catalogusVan},
  {file: "catalogus.json", deel: CATALOGUS, door: "catalogusVan", lees: catalogusVan},
  {file: "openbaarmaking.json", deel: KOPPELINGEN, door: "rapportVan", lees: rapportVan}
];

describe("an optional metadata part that breaks its contract", () => {
  for (const {file, deel, door, lees} of cases) {
    it(`${file}, part ${deel.naam}, in ${door}: read as published, shown as a breach when off, left out when absent`, () => {
      const bundle = read(file);
      // The demo publishes the part, so the breach below is a breach of a part that is there.
      expect(bundle.onderdelen[deel.naam], deel.naam).toBeDefined();
      expect(() => lees(bundle)).not.toThrow();

      const kapot = {...(bundle.onderdelen[deel.naam] as object), waarde: 42};
      let fout: unknown;
      try {
        lees(metDeel(bundle, deel.naam, kapot));
      } catch (e) {
        fout = e;
      }
      expect(fout, `a broken ${deel.naam} was swallowed`).toBeInstanceOf(Leesfout);
      expect(String(fout)).toMatch(
        new RegExp(
          `^Deze gegevens kunnen niet worden getoond: onderdeel ${deel.naam} voldoet niet aan zijn contract`
        )
      );

      expect(() => lees(metDeel(bundle, deel.naam, undefined))).not.toThrow();
    });
  }

  // The area list of regio.json is not optional (every page names its areas from it): absent, or off.
  it("regio.json, part gebieden: required, a breach shown as one", () => {
    const regio = read("regio.json");
    const lees = (b: Bundle) => wijkenData(read("weerbaarheid.json"), b, read("definities.json"));
    const kapot = {...(regio.onderdelen.gebieden as object), waarde: 42};
    expect(() => lees(metDeel(regio, "gebieden", kapot))).toThrow(Leesfout);
    expect(() => lees(metDeel(regio, "gebieden", undefined))).toThrow(/metadata gebieden ontbreekt/);
  });
});
