import {readFileSync} from "node:fs";
import {beforeAll, describe, expect, it} from "vitest";
import type {FeatureCollection, Geometry} from "geojson";
import {getPipelineResult, type PipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import type {Bundle, Cell} from "../../src/lib/contracts.ts";
import {
  bronjaarZin,
  componentenView,
  gebiedenVan,
  kaartView,
  kernzinnen,
  methodeView,
  nietZeggenZinnen,
  ranglijstView,
  wijkenData,
  wijkenDefaults,
  type GebiedProps,
  type WijkenData
} from "../../src/lib/pages/weerbare-wijken.ts";
import {readPublished} from "../published-file.ts";

let result: PipelineResult;
const read = (name: string): unknown => readPublished(result, name);
let demo: WijkenData;
let buurten: FeatureCollection<Geometry, GebiedProps>;
let wijken: FeatureCollection<Geometry, GebiedProps>;

beforeAll(async () => {
  result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
  buurten = gebiedenVan(read("gebieden-buurt.topojson"));
  wijken = gebiedenVan(read("gebieden-wijk.topojson"));
  demo = wijkenData(
    read("weerbaarheid.json") as Bundle,
    read("regio.json") as Bundle,
    read("definities.json") as Bundle,
    [buurten, wijken]
  );
}, 300_000);

describe("weerbare wijken on the demo region", () => {
  it("defaults to the whole region, buurt level, last year with a published index", () => {
    const s = wijkenDefaults(demo);
    expect(s).toMatchObject({gemeente: demo.info.regio.code, niveau: "buurt"});
    expect(demo.index.where({jaar: Number(s.jaar)}).some((c) => c.waarde !== null)).toBe(true);
  });

  it("maps every buurt of the region with its index cell", () => {
    const k = kaartView(demo, wijkenDefaults(demo), buurten, wijken);
    expect(k.areas.features.length).toBe(buurten.features.length);
    expect(k.values.size).toBeGreaterThan(0);
    expect(k.title).toMatch(/^De kwetsbaarheidsindex per buurt in de regio .*: het hoogst in /);
  });

  it("names the most vulnerable buurten in order of their published index", () => {
    const s = wijkenDefaults(demo);
    const [zin, telling] = kernzinnen(demo, s);
    const top = demo.index
      .where({niveau: "buurt", jaar: Number(s.jaar)})
      .filter((c): c is Cell & {waarde: number} => c.waarde !== null && c.status !== "onderdrukt")
      .sort((a, b) => b.waarde - a.waarde)[0]!;
    expect(zin).toContain(`scoren ${demo.namen.get(top.gebiedcode)} (`);
    const suppressed = demo.index
      .where({niveau: "buurt", jaar: Number(s.jaar)})
      .filter((c) => c.status === "onderdrukt");
    expect(telling).toContain(`voor ${suppressed.length} is de index onderdrukt`);
  });

  it("limits the map, ranking and heat table to the chosen gemeente", () => {
    const g = demo.info.gemeenten[1]!;
    const s = {...wijkenDefaults(demo), gemeente: g.code};
    const k = kaartView(demo, s, buurten, wijken);
    expect(
      k.areas.features.every(
        (f) =>
          demo.wijkGemeente.get(
            buurten.features.find((b) => b.properties.code === f.properties.code)!.properties.bovenliggend!
          ) === g.code
      )
    ).toBe(true);
    expect(ranglijstView(demo, s).items.length).toBeLessThanOrEqual(10);
    const c = componentenView(demo, s);
    expect(c.rows.length).toBe(k.areas.features.length);
    expect(c.columns.map((col) => col.key)).toContain("signalen");
  });

  it("shows signal rates per wijk at wijk level and says the index is per buurt only", () => {
    const k = kaartView(demo, {...wijkenDefaults(demo), niveau: "wijk"}, buurten, wijken);
    expect(k.areas.features.length).toBe(wijken.features.length);
    expect(k.eenheid).toBe("per-1000");
    expect(k.subtitle).toContain("alleen per buurt");
  });

  it("says which year of the kerncijfers each component rests on, and which are missing", () => {
    // The demo has no income and care figures for 2025 (CBS publishes them later): they rest
    // on 2024; low household income gave way to poverty per person from 2024.
    expect(bronjaarZin(demo, 2025)).toBe(
      "Gemiddeld inkomen per inwoner, personen in armoede (%), wmo-cliënten per 1.000 inwoners en jongeren met jeugdzorg (%) rusten op 2024, het laatste jaar met cijfers. Ontbreekt in 2025: huishoudens met een laag inkomen (%) (vervangen door personen in armoede). "
    );
    const c = componentenView(demo, {...wijkenDefaults(demo), jaar: "2025"});
    expect(c.subtitle).toContain(bronjaarZin(demo, 2025));
    expect(bronjaarZin({...demo, componentJaren: []}, 2025)).toBe("");
  });

  it("falls back to the published component year and says so", () => {
    const first = String(demo.jaren[0]);
    const c = componentenView(demo, {...wijkenDefaults(demo), jaar: first});
    if (!demo.z.jaren.includes(Number(first))) {
      expect(c.zJaar).toBe(demo.z.jaren.at(-1));
      expect(c.subtitle).toContain("alleen gepubliceerd voor");
    }
  });

  it("explains the method from the published componenten", () => {
    const m = methodeView(demo);
    expect(m.rijen.length).toBe(demo.componenten.length);
    expect(m.rijen.find((r) => r.naam.startsWith("Gemiddeld inkomen"))?.richting).toBe(
      "lager = kwetsbaarder"
    );
    expect(m.stappen.length).toBeGreaterThan(0);
  });

  it("names years in which no buurt has a published index", () => {
    const leeg = demo.index.jaren.filter((j) => demo.index.where({jaar: j}).every((c) => c.waarde === null));
    const zinnen = nietZeggenZinnen(demo);
    if (leeg.length > 0)
      expect(zinnen.join(" ")).toContain(`In ${leeg.join(leeg.length === 2 ? " en " : ", ")}`);
  });
});

describe("weerbare wijken on a heavily suppressed bundle", () => {
  const cell = (gebiedcode: string, extra: Partial<Cell>): Cell => ({
    gebiedcode,
    gebiedniveau: "buurt",
    bovenliggend: "WK000101",
    branche: null,
    categorie: null,
    jaar: 2024,
    waarde: null,
    status: "onderdrukt",
    reden: "onderdrukt: telling < 10",
    ...extra
  });
  const tabel = (id: string, cellen: Cell[]) => ({
    schemaVersion: 1,
    id,
    titel: id,
    soort: "afgeleid",
    eenheidSoort: null,
    eenheid: "index",
    dimensies: [],
    cellen
  });
  const bundle = {
    schemaVersion: 1,
    onderdelen: {
      kwetsbaarheidsindex: tabel("kwetsbaarheidsindex", [cell("BU00010101", {}), cell("BU00010102", {})]),
      "kwetsbaarheid-structureel": tabel("kwetsbaarheid-structureel", [
        cell("BU00010101", {waarde: 0.8, status: "", reden: null}),
        cell("BU00010102", {waarde: -0.2, status: "", reden: null})
      ])
    }
  } as unknown as Bundle;
  const regio = {
    schemaVersion: 1,
    onderdelen: {
      regio: {
        schemaVersion: 1,
        soort: "tekst",
        waarde: {
          isDemo: true,
          regio: {code: "RG01", naam: "Testregio"},
          gemeenten: [{code: "GM0001", naam: "Aadorp"}],
          jaren: [2024]
        }
      },
      gebieden: {
        schemaVersion: 1,
        soort: "gebiedsnamen",
        waarde: [
          {code: "RG01", naam: "Testregio", niveau: "regio", bovenliggend: null},
          {code: "GM0001", naam: "Aadorp", niveau: "gemeente", bovenliggend: "RG01"},
          {code: "WK000101", naam: "Centrum", niveau: "wijk", bovenliggend: "GM0001"}
        ]
      }
    }
  } as unknown as Bundle;
  const features: FeatureCollection<Geometry, GebiedProps> = {
    type: "FeatureCollection",
    features: ["BU00010101", "BU00010102"].map((code, i) => ({
      type: "Feature",
      properties: {code, naam: i === 0 ? "Oost" : "West", bovenliggend: "WK000101"},
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [i, 0],
            [i + 1, 0],
            [i + 1, 1],
            [i, 1],
            [i, 0]
          ]
        ]
      }
    }))
  };
  const d = () => wijkenData(bundle, regio, {schemaVersion: 1, onderdelen: {}} as Bundle, [features]);

  it("says no buurt can be shown and points to the structural index instead", () => {
    const s = {...wijkenDefaults(d()), gemeente: "GM0001"};
    const zinnen = kernzinnen(d(), s);
    expect(zinnen[0]).toBe(
      "In 2024 is de kwetsbaarheidsindex voor geen enkele buurt in Aadorp te tonen: de signalen waarop de index mede rust, zijn onderdrukt of ontbreken."
    );
    expect(zinnen[1]).toContain("Oost (0,80) en West (−0,20)");
    expect(zinnen[2]).toContain(
      "Van de 2 buurten hebben er 0 in 2024 een gepubliceerde index; voor 2 is de index onderdrukt"
    );
  });

  it("keeps suppressed buurten on the map but out of the ranking", () => {
    const s = {...wijkenDefaults(d()), gemeente: "GM0001"};
    const k = kaartView(d(), s, features, {type: "FeatureCollection", features: []});
    expect(k.areas.features).toHaveLength(2);
    expect([...k.values.values()].every((c) => c.status === "onderdrukt")).toBe(true);
    expect(k.title).toContain("voor geen enkele buurt gepubliceerd");
    const r = ranglijstView(d(), s);
    expect(r.items).toHaveLength(0);
    expect(r.subtitle).toContain("2 buurten met een onderdrukte waarde");
  });

  it("says when no components are published", () => {
    const c = componentenView(d(), wijkenDefaults(d()));
    expect(c.rows).toHaveLength(0);
    expect(c.zin).toContain("geen gestandaardiseerde componenten");
    expect(nietZeggenZinnen(d()).join(" ")).toContain("In 2024 is de index voor geen enkele buurt te tonen");
  });
});
