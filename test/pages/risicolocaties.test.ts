import {readFileSync} from "node:fs";
import {beforeAll, describe, expect, it} from "vitest";
import {getPipelineResult, type PipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import type {Bundle, Cell, Table} from "../../src/lib/contracts.ts";
import {
  buitengebiedView,
  locatiesData,
  locatiesDefaults,
  signalenView,
  terreinenView,
  vabView,
  type LocatiesData
} from "../../src/lib/pages/risicolocaties.ts";
import type {RegioInfo} from "../../src/lib/pages/story.ts";
import {vergelijkTellingen} from "../../src/lib/statistiek.ts";
import {readPublished} from "../published-file.ts";

let result: PipelineResult;
const read = (name: string): Bundle => readPublished(result, name) as Bundle;
let demo: LocatiesData;

beforeAll(async () => {
  result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
  demo = locatiesData(read("risicolocaties.json"), read("regio.json"), read("definities.json"));
}, 300_000);

const REGIO = {
  schemaVersion: 1,
  onderdelen: {
    regio: {
      schemaVersion: 1,
      soort: "tekst",
      waarde: {
        isDemo: true,
        regio: {code: "RG01", naam: "Testregio"},
        gemeenten: [{code: "GM0001", naam: "Aadorp"}],
        jaren: [2023, 2024]
      }
    },
    gebieden: {
      schemaVersion: 1,
      soort: "gebiedsnamen",
      waarde: [
        {code: "RG01", naam: "Testregio", niveau: "regio", bovenliggend: null},
        {code: "GM0001", naam: "Aadorp", niveau: "gemeente", bovenliggend: "RG01"}
      ]
    }
  }
} as unknown as Bundle;

const onderdrukt = (gebiedcode: string, jaar: number, extra: Partial<Cell> = {}): Cell => ({
  gebiedcode,
  gebiedniveau: gebiedcode.startsWith("RG") ? "regio" : "gemeente",
  bovenliggend: null,
  branche: null,
  categorie: null,
  jaar,
  waarde: null,
  status: "onderdrukt",
  reden: "onderdrukt: telling < 10",
  ...extra
});
const table = (id: string, cellen: Cell[], eenheid = "aantal"): Table => ({
  schemaVersion: 1,
  id,
  titel: id,
  soort: "telling",
  eenheidSoort: null,
  eenheid,
  dimensies: [],
  cellen
});

/** One gemeente, two years, every cell suppressed. */
function suppressedBundle(): Bundle {
  const all = (id: string, extra: Partial<Cell> = {}) =>
    table(
      id,
      ["RG01", "GM0001"].flatMap((g) => [2023, 2024].map((j) => onderdrukt(g, j, extra)))
    );
  return {
    schemaVersion: 1,
    onderdelen: {
      "risico-aandeel-buitengebied": all("risico-aandeel-buitengebied", {branche: "risico"}),
      "risico-aandeel-kern": all("risico-aandeel-kern", {branche: "risico"}),
      "vestigingen-per-km2-buitengebied": all("vestigingen-per-km2-buitengebied", {branche: "risico"}),
      "vestigingen-per-km2-kern": all("vestigingen-per-km2-kern", {branche: "risico"}),
      "panden-leeg": all("panden-leeg"),
      "panden-leeg-aandeel": all("panden-leeg-aandeel"),
      "signalen-buitengebied": all("signalen-buitengebied", {categorie: "drugsafval"}),
      "signalen-kern": all("signalen-kern", {
        categorie: "drugsafval",
        reden: "onderdrukt: ter bescherming van een andere cel"
      }),
      "signalen-per-1000-buitengebied": all("signalen-per-1000-buitengebied", {categorie: "drugsafval"}),
      "bt-risico-aandeel": table("bt-risico-aandeel", [
        {...onderdrukt("BT-1", 2024, {branche: "risico"}), gebiedniveau: "regio", bovenliggend: "GM0001"}
      ]),
      bedrijventerreinen: {
        schemaVersion: 1,
        soort: "gebiedsnamen",
        waarde: [{code: "BT-1", naam: "Terrein Een", niveau: "bedrijventerrein", bovenliggend: "GM0001"}]
      }
    }
  } as unknown as Bundle;
}
const EMPTY_CATALOGUS = {schemaVersion: 1, onderdelen: {}} as Bundle;

describe("risicolocaties on the demo region", () => {
  it("defaults to the region and the last year with a published share", () => {
    const s = locatiesDefaults(demo);
    expect(s.gemeente).toBe(demo.info.regio.code);
    expect(Number(s.jaar)).toBe(Math.max(...demo.jaren));
    expect(demo.categorieen.length).toBeGreaterThan(0);
  });

  it("compares the buitengebied with the cores in a sentence built from the published shares", () => {
    const s = locatiesDefaults(demo);
    const v = buitengebiedView(demo, s);
    expect(v.zinnen[0]).toMatch(
      /van de vestigingen in het buitengebied een vestiging in een risicobranche, tegen .*% in de kernen/
    );
    expect(v.ranglijst.items).toHaveLength(demo.info.gemeenten.length);
    expect(v.ranglijst.reference?.label).toBe("Regio");
  });

  it("compares a gemeente with the region", () => {
    const g = demo.info.gemeenten[0]!;
    const v = buitengebiedView(demo, {...locatiesDefaults(demo), gemeente: g.code});
    expect(v.zinnen.some((z) => z.includes(`buitengebied van ${g.naam}`) && z.includes("de regio"))).toBe(
      true
    );
    expect(v.ranglijst.highlight).toEqual([g.code]);
  });

  it("calls a share clearly different from the region only when the published counts say so", () => {
    // The judgement is recomputed here from the count cells of the bundle (risk-branch and all
    // establishments in the buitengebied; vacant and all agrarian buildings), gemeente against
    // the rest of the region, with Newcombe's interval (statistiek.ts, tested on published examples).
    const bundle = read("risicolocaties.json");
    const waarde = (id: string, gebied: string, jaar: number, branche: string | null) => {
      const c = (bundle.onderdelen[id] as Table).cellen.find(
        (x) => x.gebiedcode === gebied && x.jaar === jaar && (x.branche ?? null) === branche
      );
      return c?.waarde ?? null;
    };
    let oordelen = 0;
    for (const g of demo.info.gemeenten) {
      const s = {...locatiesDefaults(demo), gemeente: g.code};
      const jaar = Number(s.jaar);
      const checks = [
        {
          zin: buitengebiedView(demo, s).zinnen.find((z) =>
            z.startsWith(`Het aandeel risicobranches in het buitengebied van ${g.naam}`)
          ),
          tel: (gebied: string) => [
            waarde("vestigingen-buitengebied", gebied, jaar, "risico"),
            waarde("vestigingen-buitengebied", gebied, jaar, "alle")
          ]
        },
        {
          zin: vabView(demo, s).zinnen.find((z) =>
            z.startsWith(`Het aandeel leegstaande agrarische gebouwen in ${g.naam}`)
          ),
          tel: (gebied: string) => [
            waarde("panden-leeg", gebied, jaar, null),
            waarde("panden-agrarisch", gebied, jaar, null)
          ]
        }
      ];
      for (const {zin, tel} of checks) {
        if (!zin || zin.includes("niet te tonen") || zin.includes("niet mogelijk")) continue;
        const [a, b] = tel(g.code);
        const [ra, rb] = tel(demo.info.regio.code);
        if (a === null || b === null || ra === null || rb === null) {
          expect(zin).not.toMatch(/duidelijk|toeval/);
          continue;
        }
        const v = vergelijkTellingen({teller: a, noemer: b}, {teller: ra, noemer: rb}, "aandeel", {
          referentieBevatEigen: true
        });
        if (v === null || zin.includes("even hoog")) continue;
        oordelen++;
        if (v.oordeel === "niet-te-onderscheiden") expect(zin).toContain("kan dat verschil toeval zijn");
        else expect(zin).toContain(`duidelijk ${v.oordeel}`);
        expect(zin).toMatch(/procentpunt/);
      }
    }
    expect(oordelen).toBeGreaterThan(0);
  });

  it("tells the VAB trend from the first published year", () => {
    const v = vabView(demo, locatiesDefaults(demo));
    expect(v.zinnen[0]).toMatch(
      /^Het aantal leegstaande agrarische gebouwen \(VAB\) in de regio .* (steeg|daalde|bleef)/
    );
    expect(v.title).toMatch(
      /^In \d+ van \d+ gemeenten staan eind \d{4} meer agrarische gebouwen leeg dan in \d{4}$/
    );
    expect(v.cellen.length).toBeGreaterThan(0);
  });

  it("counts the suppressed signal cells and names the reasons instead of guessing", () => {
    const v = signalenView(demo, locatiesDefaults(demo));
    const cells = [
      ...demo.tabellen.get("signalen-buitengebied")!.table.cellen,
      ...demo.tabellen.get("signalen-kern")!.table.cellen
    ];
    const suppressed = cells.filter((c) => c.status === "onderdrukt").length;
    expect(suppressed).toBeGreaterThan(0);
    expect(v.telling.onderdrukt).toBe(suppressed);
    expect(v.onderdrukking[0]).toContain(`${suppressed.toLocaleString("nl-NL")} onderdrukt`);
    expect(v.onderdrukking[1]).toContain("de telling is kleiner dan");
    expect(v.heat.rows.length).toBe(demo.info.gemeenten.length + 1);
  });

  it("ranks the bedrijventerreinen with the region's risk share as reference", () => {
    const v = terreinenView(demo, locatiesDefaults(demo));
    expect(v.ranglijst.items.length).toBe(demo.terreinen.length);
    expect(v.ranglijst.reference?.waarde).toBeGreaterThan(0);
    const verloop = terreinenView(demo, {...locatiesDefaults(demo), bt: "bt-verloop"});
    expect(verloop.ranglijst.reference).toBeNull();
  });
});

describe("risicolocaties on a heavily suppressed bundle", () => {
  const d = () => locatiesData(suppressedBundle(), REGIO, EMPTY_CATALOGUS);

  it("says a suppressed share cannot be shown and draws no reference", () => {
    const v = buitengebiedView(d(), {...locatiesDefaults(d()), gemeente: "GM0001"});
    expect(v.zinnen[0]).toContain("niet te tonen");
    expect(v.zinnen[0]).toContain("onderdrukt");
    expect(v.zinnen.join(" ")).not.toMatch(/\d+,\d%/);
    expect(v.ranglijst.reference).toBeNull();
    expect(v.ranglijst.title).toContain("geen gepubliceerde waarden");
  });

  it("does not tell a VAB trend from suppressed counts", () => {
    const v = vabView(d(), {...locatiesDefaults(d()), gemeente: "GM0001"});
    expect(v.zinnen[0]).toContain("niet te tonen");
    expect(v.title).toContain("geen reeks");
  });

  it("counts every signal cell as suppressed, with both reasons", () => {
    const v = signalenView(d(), {...locatiesDefaults(d()), gemeente: "GM0001"});
    expect(v.telling).toMatchObject({totaal: 8, onderdrukt: 8, gepubliceerd: 0});
    expect(v.onderdrukking[0]).toContain("zijn er 8 onderdrukt (100%)");
    expect(v.onderdrukking[1]).toContain("ter bescherming van een andere onderdrukte cel");
    expect(v.zinnen.every((z) => z.includes("niet te tonen"))).toBe(true);
  });

  it("says no estate can be shown when all are suppressed", () => {
    const v = terreinenView(d(), {...locatiesDefaults(d()), gemeente: "GM0001", jaar: "2024"});
    expect(v.zinnen[0]).toBe(
      "Voor geen enkel bedrijventerrein in Aadorp is het aandeel risicobranches in 2024 te tonen."
    );
    expect(v.zinnen[1]).toContain("Voor 1 terrein is de waarde onderdrukt");
  });
});

describe("risicolocaties with no gemeenten in view (a national site before an area is chosen)", () => {
  it("lists no bedrijventerrein and asks for an area instead of saying there are none", () => {
    const regio = read("regio.json");
    const info = (regio.onderdelen.regio as {waarde: {gemeenten: unknown[]}}).waarde;
    const d = locatiesData(read("risicolocaties.json"), regio, read("definities.json"), {
      ...(info as unknown as RegioInfo),
      gemeenten: []
    });
    expect(d.terreinen).toEqual([]);
    const v = terreinenView(d, locatiesDefaults(d));
    expect(v.zinnen).toEqual(["Kies een gebied om de bedrijventerreinen van zijn gemeenten te vergelijken."]);
    // With the region's gemeenten the estates are back, each in one of them.
    expect(demo.terreinen.length).toBeGreaterThan(0);
  });
});
