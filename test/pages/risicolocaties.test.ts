import {readFileSync} from "node:fs";
import {beforeAll, describe, expect, it} from "vitest";
import {getPipelineResult, type PipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import type {Bundle, Cell, Table} from "../../src/lib/contracts.ts";
import {
  BT_MATEN,
  VAB_MATEN,
  buitengebiedView,
  buurtKaartView,
  kaartVan,
  locatiesData,
  maatKeuzes,
  terreinenKaartView,
  locatiesDefaults,
  signalenView,
  terreinenView,
  vabView,
  type LocatiesData
} from "../../src/lib/pages/risicolocaties.ts";
import type {RegioInfo} from "../../src/lib/pages/story.ts";
import {vergelijkTellingen} from "../../src/lib/statistiek.ts";
import {geoArea} from "d3-geo";
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

  it("names its cards with the catalogue's titles and units (from the published tables), not page-level labels", () => {
    const s = locatiesDefaults(demo);
    const labels = (v: {kaartjes: {label: string; eenheid: string}[]}) =>
      v.kaartjes.map((k) => `${k.label} [${k.eenheid}]`);
    // Titles as in data-loaders/indicators/catalogue.ts: a percentage gets "(%)", a title that
    // already says "per km²" no unit words; the density tables hold two branches, so the card names
    // the one it shows; the signal tables' categories are named by the section, not the card.
    expect(labels(buitengebiedView(demo, s))).toEqual([
      "Aandeel risicobranches in het buitengebied (%) [procent]",
      "Aandeel risicobranches in de kernen (%) [procent]",
      "Vestigingen per km² buitengebied, risicobranches [per-km2]",
      "Vestigingen per km² kernen, risicobranches [per-km2]"
    ]);
    expect(labels(signalenView(demo, s))).toEqual([
      "Signalen per 1.000 inwoners, buitengebied [per-1000]",
      "Signalen per 1.000 inwoners, kernen [per-1000]",
      "Signalen per km², buitengebied [per-km2]",
      "Signalen per km², kernen [per-km2]"
    ]);
    const vab = vabView(demo, s);
    expect(labels(vab).slice(0, 3)).toEqual([
      "Leegstaande agrarische gebouwen (VAB) [aantal]",
      "Aandeel leegstaande agrarische gebouwen (%) [procent]",
      "Vloeroppervlak leegstaande agrarische gebouwen (m²) [m2]"
    ]);
    expect(vab.kaartjes[3]).toMatchObject({
      label: "Leegstaande agrarische gebouwen, index (eerste jaar = 100)",
      eenheid: "index",
      toelichting: `${demo.jaren[0]} = 100`
    });
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

describe("risicolocaties takes names and units of its measures from the catalogue", () => {
  it("labels the menus with the catalogue's titles and unit words", () => {
    const bt = maatKeuzes(demo, BT_MATEN);
    expect(bt.find((k) => k.value === "bt-risico-aandeel")?.label).toBe(
      "Aandeel risicobranches op bedrijventerreinen (procent)"
    );
    // The unit is not repeated when the title says it already.
    expect(bt.find((k) => k.value === "bt-signalen-per-ha")?.label).toBe(
      "Signalen per hectare bedrijventerrein"
    );
    expect(maatKeuzes(demo, VAB_MATEN).map((k) => k.value)).toEqual(VAB_MATEN.map((m) => m.value));
  });

  it("follows a changed catalogue entry instead of a list of its own", () => {
    const catalogus = {
      schemaVersion: 1,
      // definities.json, the catalogue as the story pages load it.
      onderdelen: {
        definities: {
          schemaVersion: 1,
          soort: "tekst",
          waarde: {
            indicatoren: [
              {id: "panden-leeg-m2", titel: "Lege schuren", definitie: "", eenheid: "m2", richting: ""}
            ]
          }
        }
      }
    } as unknown as Bundle;
    const d = locatiesData(suppressedBundle(), REGIO, catalogus);
    expect(maatKeuzes(d, VAB_MATEN).find((k) => k.value === "panden-leeg-m2")?.label).toBe(
      "Lege schuren (m²)"
    );
    const v = vabView(d, {...locatiesDefaults(d), vab: "panden-leeg-m2"});
    expect(v.eenheid).toBe("m2");
    expect(v.yLabel).toBe("Lege schuren (m²)");
  });
});

describe("the maps of risicolocaties", () => {
  // Three buurten of Aadorp (GM0001) and one of another gemeente; by hand: Noord and Zuid are
  // buitengebied (1), Midden is a core (0); signals per 1.000: Noord 12,5, Zuid suppressed, Midden 3.
  const square = (code: string, naam: string, x: number) => ({
    type: "Feature" as const,
    properties: {code, naam},
    geometry: {
      type: "Polygon" as const,
      coordinates: [
        [
          [x, 52],
          [x + 0.01, 52],
          [x + 0.01, 52.01],
          [x, 52.01],
          [x, 52]
        ]
      ]
    }
  });
  const buurten = {
    type: "FeatureCollection" as const,
    features: [
      square("BU00010001", "Noord", 5),
      square("BU00010002", "Midden", 5.01),
      square("BU00010003", "Zuid", 5.02),
      square("BU00020001", "Elders", 5.03)
    ]
  };
  const buurtCel = (code: string, waarde: number | null, status: Cell["status"] = ""): Cell => ({
    gebiedcode: code,
    gebiedniveau: "buurt",
    bovenliggend: "WK000100",
    branche: null,
    categorie: null,
    jaar: 2024,
    waarde,
    status,
    reden: status === "onderdrukt" ? "onderdrukt: telling < 10" : null
  });
  const bundle = (): Bundle => {
    const b = suppressedBundle();
    b.onderdelen["buitengebied-buurt"] = table(
      "buitengebied-buurt",
      [
        buurtCel("BU00010001", 1),
        buurtCel("BU00010002", 0),
        buurtCel("BU00010003", 1),
        buurtCel("BU00020001", 1)
      ],
      "ja-nee"
    );
    b.onderdelen["signalen-per-1000"] = table(
      "signalen-per-1000",
      [buurtCel("BU00010001", 12.5), buurtCel("BU00010002", 3), buurtCel("BU00010003", null, "onderdrukt")],
      "per-1000"
    );
    b.onderdelen["bt-signalen"] = table("bt-signalen", [
      {...buurtCel("BT-1", 12), gebiedniveau: "regio", bovenliggend: "GM0001"}
    ]);
    return b;
  };

  it("shows the buurten of the chosen gemeente, outlines the buitengebied and tells the counts", () => {
    const d = locatiesData(bundle(), REGIO, EMPTY_CATALOGUS);
    const v = buurtKaartView(d, {...locatiesDefaults(d), gemeente: "GM0001", jaar: "2024"}, buurten);
    expect(v.areas.features.map((f) => f.properties.code)).toEqual([
      "BU00010001",
      "BU00010002",
      "BU00010003"
    ]);
    expect([...v.buitengebied].sort()).toEqual(["BU00010001", "BU00010003"]);
    expect(v.title).toBe(
      "2 buurten van de 3 in Aadorp horen bij het buitengebied; signalen per 1.000 inwoners per buurt, 2024"
    );
    expect(v.zinnen).toEqual([
      "2 buurten van de 3 in Aadorp horen bij het buitengebied, 1 hoort bij de kernen. Alle cijfers op deze pagina gebruiken deze indeling per hele buurt.",
      "Van de 2 buurten in het buitengebied is voor 1 het aantal signalen per 1.000 inwoners in 2024 te tonen; 1 is onderdrukt.",
      "Van de 1 buurt in de kernen is voor 1 het aantal signalen per 1.000 inwoners in 2024 te tonen.",
      "De hoogste gepubliceerde waarde heeft Noord (12,5 per 1.000 inwoners), een buurt in het buitengebied."
    ]);
    expect(v.values.get("BU00010003")?.status).toBe("onderdrukt");
  });

  it("colours the estates of the chosen gemeente by the chosen measure", () => {
    const d = locatiesData(bundle(), REGIO, EMPTY_CATALOGUS);
    const terreinen = {
      type: "FeatureCollection" as const,
      features: [{...square("BT-1", "Terrein Een", 5), properties: {code: "BT-1", naam: "Terrein Een"}}]
    };
    const v = terreinenKaartView(
      d,
      {...locatiesDefaults(d), gemeente: "GM0001", jaar: "2024", bt: "bt-signalen"},
      terreinen
    );
    expect(v.areas.features).toHaveLength(1);
    expect(v.values.get("BT-1")?.waarde).toBe(12);
    expect(v.title).toBe("Alleen Terrein Een heeft een gepubliceerde waarde voor aantal signalen in 2024");
  });
});

describe("the published outlines of the bedrijventerreinen (terreinen/<blok>.json)", () => {
  it("holds every estate of the demo as an area with only code, name and gemeente", () => {
    const fc = kaartVan([read("terreinen/regio.json")], "terreinen");
    expect(fc.features.map((f) => f.properties.code).sort()).toEqual(
      demo.terreinen.map((t) => t.code).sort()
    );
    for (const f of fc.features) {
      expect(Object.keys(f.properties).sort()).toEqual(["bovenliggend", "code", "naam"]);
      expect(f.geometry.type === "Polygon" || f.geometry.type === "MultiPolygon").toBe(true);
      // Not collapsed by simplification: a real area of either winding (1e-12 sr is about 40 m²;
      // the smallest demo estate has about 4 ha).
      const a = geoArea(f as never);
      expect(Math.min(a, 4 * Math.PI - a), f.properties.naam).toBeGreaterThan(1e-12);
    }
  });
});
