import {readFileSync} from "node:fs";
import {beforeAll, describe, expect, it} from "vitest";
import {getPipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import {KWETSBAARHEID_MIN_AANDEEL, MIN_INWONERS_INDEX} from "../../data-loaders/indicators/catalogue.ts";
import {assertBundle, tableOf, type Bundle} from "../../src/lib/contracts.ts";
import {contractVoor} from "../../src/shared/contracts/index.ts";
import {readState, stateToSearch} from "../../src/lib/url-state.ts";
import {
  MIN_AANDEEL,
  MIN_INWONERS,
  SIGNALEN,
  buurtNamenOf,
  computeScores,
  defaultWeights,
  gemeenteMedians,
  isDefault,
  median,
  mapTitle,
  type Score,
  rankingTitle,
  ranked,
  readWerkplaatsData,
  scoresSentence,
  weightParam,
  wegingZin,
  type BuurtInput,
  type Component,
  type WerkplaatsData
} from "../../src/lib/pages/werkplaats.ts";
import * as werkplaatsModel from "../../src/lib/pages/werkplaats.ts";
import type {WerkplaatsModel} from "../../src/components/werkplaats.ts";
import {readPublished} from "../published-file.ts";

let data: WerkplaatsData;
let noemers: Bundle;

beforeAll(async () => {
  const result = await getPipelineResult({log: () => {}});
  const read = (name: string) => assertBundle(readPublished(result, name), contractVoor(name), name);
  noemers = read("weerbaarheid.json");
  const topo = JSON.parse(readFileSync(result.file("gebieden-buurt.topojson"), "utf8"));
  data = readWerkplaatsData(read("weerbaarheid.json"), read("regio.json"), noemers, buurtNamenOf(topo));
}, 120_000);

describe("werkplaats on the demo pipeline output", () => {
  it("uses the pipeline's 40% rule and minimum of 50 inhabitants", () => {
    expect(MIN_AANDEEL).toBe(KWETSBAARHEID_MIN_AANDEEL);
    expect(MIN_INWONERS).toBe(MIN_INWONERS_INDEX);
  });

  it("gives at least 90% of the buurten with 50 or more inhabitants a score, and says why the others have none", () => {
    const scores = computeScores(data.buurten, data.componenten, defaultWeights(data.componenten));
    const groot = data.buurten.filter((b) => (b.inwoners ?? 0) >= MIN_INWONERS).map((b) => b.code);
    const met = new Set(scores.filter((s) => s.waarde !== null).map((s) => s.code));
    expect(groot.filter((c) => met.has(c)).length / groot.length).toBeGreaterThanOrEqual(0.9);
    for (const s of scores.filter((x) => x.waarde === null)) expect(s.reden, s.code).toBeTruthy();
    const klein = data.buurten.filter((b) => b.inwoners !== null && (b.inwoners ?? 0) < MIN_INWONERS);
    // The demo plants tiny buurten (data-loaders/demo/society.ts), so the rule is exercised.
    expect(klein.length).toBeGreaterThan(0);
    for (const b of klein)
      expect(scores.find((s) => s.code === b.code)!.reden).toBe("minder dan 50 inwoners");
    expect(scoresSentence(scores, "de regio", data.buurten, true)).toContain(
      `${klein.length} buurten hebben minder dan 50 inwoners: te klein voor een index.`
    );
  });

  it("recomputes the published kwetsbaarheidsindex exactly with the default weights, for every buurt", () => {
    const scores = computeScores(data.buurten, data.componenten, defaultWeights(data.componenten));
    expect(data.gepubliceerd.size).toBe(data.buurten.length);
    let published = 0;
    for (const s of scores) {
      const cell = data.gepubliceerd.get(s.code)!;
      // Same status: suppressed where the pipeline suppressed, never a guessed value.
      expect(s.status, s.code).toBe(cell.status);
      if (cell.waarde !== null) {
        published += 1;
        expect(s.waarde, s.code).toBe(cell.waarde);
      } else expect(s.waarde, s.code).toBeNull();
    }
    expect(published).toBeGreaterThan(0.9 * data.buurten.filter((b) => (b.inwoners ?? 0) >= 50).length);
  });

  it("finds the published available structural weight per buurt (noemers kwetsbaarheid-gewicht)", () => {
    const gewicht = tableOf(noemers, "kwetsbaarheid-gewicht").cellen.filter((c) => c.jaar === data.jaar);
    const byCode = new Map(data.buurten.map((b) => [b.code, b]));
    for (const c of gewicht) {
      const b = byCode.get(c.gebiedcode)!;
      const known = data.componenten
        .filter((k) => k.id !== SIGNALEN && b.z[k.id] !== null)
        .reduce((s, k) => s + k.gewicht, 0);
      if (c.waarde !== null) expect(known).toBe(c.waarde);
    }
  });

  it("lets contributions add up to the score", () => {
    const scores = computeScores(data.buurten, data.componenten, defaultWeights(data.componenten));
    for (const s of scores.filter((x) => x.waarde !== null)) {
      const sum = Object.values(s.bijdragen).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - (s.waarde as number))).toBeLessThan(0.001);
    }
  });

  it("changes the ranking when a weight changes", () => {
    const base = defaultWeights(data.componenten);
    const before = ranked(computeScores(data.buurten, data.componenten, base)).map((s) => s.code);
    const onlyVacancy = Object.fromEntries(data.componenten.map((c) => [c.id, 0]));
    onlyVacancy["onbewoond"] = 1;
    const after = ranked(computeScores(data.buurten, data.componenten, onlyVacancy)).map((s) => s.code);
    expect(after).not.toEqual(before);
    // With the wijk's rate standing in for suppressed buurt counts, leaving signals out costs
    // no buurt its score (and adds none: the same buurten have kerncijfers).
    expect(after.length).toBe(before.length);
  });

  it("gives each gemeente five peers, never itself", () => {
    for (const g of data.gemeenten) {
      const peers = data.peers.get(g.code)!;
      expect(peers).toHaveLength(Math.min(5, data.gemeenten.length - 1));
      expect(peers.map((p) => p.code)).not.toContain(g.code);
    }
  });
});

describe("werkplaats rules on hand-made buurten", () => {
  const componenten: Component[] = [
    {id: "a", naam: "A", bron: "a", teken: 1, gewicht: 1, waarom: ""},
    {id: "b", naam: "B", bron: "b", teken: 1, gewicht: 1, waarom: ""},
    {id: "c", naam: "C", bron: "c", teken: -1, gewicht: 1, waarom: ""},
    {id: SIGNALEN, naam: "Signalen", bron: "signalen", teken: 1, gewicht: 2, waarom: ""}
  ];
  const buurt = (
    code: string,
    z: Record<string, number | null>,
    sig: number | null,
    status = ""
  ): BuurtInput => ({
    code,
    naam: code,
    gemeente: "GM01",
    z,
    zSignalen: sig,
    signalenStatus: (sig === null ? status || "onderdrukt" : "") as BuurtInput["signalenStatus"]
  });
  const weights = defaultWeights(componenten);

  it("gives a buurt with fewer than 50 inhabitants no score, whatever its components", () => {
    const klein = {...buurt("K", {a: 1, b: 1, c: 1}, 1), inwoners: 49};
    const groot = {...buurt("G", {a: 1, b: 1, c: 1}, 1), inwoners: 50};
    const [k, g] = computeScores([klein, groot], componenten, weights);
    expect(k!.waarde).toBeNull();
    expect(k!.reden).toBe("minder dan 50 inwoners");
    // (3 × 1 + 2 × 1) / 5 = 1.
    expect(g!.waarde).toBe(1);
    expect(scoresSentence([k!, g!], "Testdorp")).toBe(
      "Van de 2 buurten in Testdorp heeft er 1 een score. 1 buurt heeft minder dan 50 inwoners: te klein voor een index."
    );
  });

  it("says how many scored buurten take the signal rate of their wijk", () => {
    const eigen = {...buurt("E", {a: 1, b: 1, c: 1}, 1), signalenBron: "buurt" as const};
    const wijk = {...buurt("W", {a: 1, b: 1, c: 1}, 1), signalenBron: "wijk" as const};
    const scores = computeScores([eigen, wijk], componenten, weights);
    expect(scoresSentence(scores, "Testdorp", [eigen, wijk], true)).toContain(
      "Bij 1 buurt met een score is het eigen aantal signalen te klein om te publiceren; daar telt het signalentempo van de wijk (of gemeente) mee."
    );
    // Not when signals weigh 0.
    expect(scoresSentence(scores, "Testdorp", [eigen, wijk], false)).not.toContain("signalentempo");
  });

  it("suppresses the index when the signal component is suppressed, and never guesses it", () => {
    const [s] = computeScores([buurt("X", {a: 1, b: 1, c: 1}, null)], componenten, weights);
    expect(s!.waarde).toBeNull();
    expect(s!.status).toBe("onderdrukt");
  });

  it("weighs only the kerncijfers when signals get weight 0, so the suppressed buurt gets a score", () => {
    const [s] = computeScores([buurt("X", {a: 1, b: 2, c: 3}, null)], componenten, {
      ...weights,
      [SIGNALEN]: 0
    });
    expect(s!.waarde).toBe(2);
  });

  it("needs 40% of the chosen structural weight to be known", () => {
    const scores = computeScores(
      [buurt("een", {a: 1, b: null, c: null}, 0.5), buurt("twee", {a: 1, b: 1, c: null}, 0.5)],
      componenten,
      weights
    );
    expect(scores[0]!.waarde).toBeNull();
    expect(scores[0]!.status).toBe("geen-data");
    expect(scores[1]!.waarde).toBe(Math.round(((2 * 1 + 2 * 0.5) / 4) * 1000) / 1000);
  });

  it("has no score when every weight is 0", () => {
    const zero = Object.fromEntries(componenten.map((c) => [c.id, 0]));
    const [s] = computeScores([buurt("X", {a: 1, b: 1, c: 1}, 1)], componenten, zero);
    expect(s!.waarde).toBeNull();
    expect(wegingZin(zero, componenten)).toBe("geen enkele component");
  });

  it("states the finding and the suppression in words", () => {
    const scores = computeScores(
      [buurt("Noord", {a: 2, b: 2, c: 2}, 1), buurt("Zuid", {a: 0, b: 0, c: 0}, null)],
      componenten,
      weights
    );
    expect(rankingTitle(scores, "Testdorp")).toBe("Noord scoort het hoogst in Testdorp (1,60)");
    expect(scoresSentence(scores, "Testdorp")).toContain(
      "Van de 2 buurten in Testdorp heeft er 1 een score."
    );
    expect(scoresSentence(scores, "Testdorp")).toContain("1 buurt is onderdrukt");
    expect(rankingTitle([scores[1]!], "Testdorp")).toBe(
      "Geen buurt in Testdorp heeft met deze weging een score"
    );
    expect(isDefault(weights, componenten)).toBe(true);
    expect(wegingZin({...weights, a: 2}, componenten)).toContain("eigen weging");
  });

  it("titles the map with where the most vulnerable buurten lie", () => {
    const score = (code: string, gemeente: string, waarde: number | null): Score => ({
      code,
      naam: code,
      gemeente,
      waarde,
      status: waarde === null ? "onderdrukt" : "",
      reden: null,
      bijdragen: {}
    });
    const naam = (u: string) => ({GM1: "Aadorp", GM2: "Beekdal", GM3: "Cranendonk"})[u] ?? u;
    const gemeente = (s: Score) => s.gemeente;
    const soort = {enkelvoud: "gemeente", meervoud: "gemeenten"};
    // 40 buurten: the top 4 are three in GM2 and one in GM1.
    const veel = Array.from({length: 40}, (_, i) => score(`B${i}`, i % 2 ? "GM1" : "GM3", i / 100));
    const scores = [
      ...veel,
      score("T1", "GM2", 5),
      score("T2", "GM2", 4),
      score("T3", "GM1", 3),
      score("T4", "GM2", 2)
    ];
    expect(mapTitle(scores, "de regio", gemeente, naam, soort)).toBe(
      "Kaart: 3 van de 4 kwetsbaarste buurten van de regio liggen in gemeente Beekdal"
    );
    const verspreid = [score("A", "GM1", 3), score("B", "GM2", 2), score("C", "GM3", 1)];
    expect(mapTitle(verspreid, "de regio", gemeente, naam, soort)).toBe(
      "Kaart: de 3 kwetsbaarste buurten van de regio liggen verspreid over 3 gemeenten"
    );
    const samen = [score("A", "GM1", 3), score("B", "GM1", 2), score("C", "GM1", 1), score("D", "GM2", null)];
    expect(mapTitle(samen, "de regio", gemeente, naam, soort)).toBe(
      "Kaart: de 3 kwetsbaarste buurten van de regio liggen allemaal in gemeente Aadorp"
    );
    expect(mapTitle([score("D", "GM2", null)], "Aadorp", gemeente, naam, soort)).toBe(
      "Kaart: geen buurt in Aadorp heeft met deze weging een score"
    );
  });

  it("takes medians per gemeente over buurten with a score only", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNull();
    const scores = computeScores(
      [buurt("P", {a: 1, b: 1, c: 1}, 1), buurt("Q", {a: 1, b: 1, c: 1}, null)],
      componenten,
      weights
    );
    expect(gemeenteMedians(scores, ["GM01"]).get("GM01")).toEqual({mediaan: 1, n: 1, totaal: 2});
  });
});

describe("werkplaats state in the URL", () => {
  const componenten: Component[] = [
    {id: "gemiddeld-inkomen", naam: "Inkomen", bron: "x", teken: -1, gewicht: 1, waarom: ""},
    {id: SIGNALEN, naam: "Signalen", bron: "s", teken: 1, gewicht: 2, waarom: ""}
  ];
  const defaults = {
    gemeente: "",
    vergelijk: false,
    ...Object.fromEntries(componenten.map((c) => [weightParam(c.id), c.gewicht]))
  };

  it("writes only non-default weights as flat parameters and reads them back", () => {
    const state = {...defaults, gemeente: "GM9902", [weightParam("gemiddeld-inkomen")]: 2};
    const search = stateToSearch(state, defaults);
    expect(search).toBe("?gemeente=GM9902&w-gemiddeld-inkomen=2");
    expect(readState(defaults, search)).toEqual(state);
    expect(stateToSearch({...defaults}, defaults)).toBe("");
  });
});

// The page passes the view model module to the werkplaats component as its model: the module
// must have every function the component calls, under those names (the type says which; the
// assignment fails the typecheck when one is renamed, the loop fails the test when one is gone).
describe("the view model as the werkplaats component's model", () => {
  it("has every function and constant the component calls", () => {
    const model: WerkplaatsModel = werkplaatsModel;
    const namen: Array<keyof WerkplaatsModel> = [
      "computeScores",
      "defaultWeights",
      "gemeenteMedians",
      "mapTitle",
      "rankingTitle",
      "ranked",
      "scoreCell",
      "scoresSentence",
      "weightParam",
      "wegingZin"
    ];
    for (const naam of namen) expect(typeof model[naam], naam).toBe("function");
    expect(model.SIGNALEN).toBe("signalen");
  });
});
