/**
 * The latest available year per component: CBS publishes income, benefits and care per buurt a
 * year or two after the population, so a component rests on its latest year with values (at
 * most two back), and says so; a component without one in that window is missing with a reason.
 */
import {beforeAll, describe, expect, it} from "vitest";
import {
  KWETSBAARHEID_COMPONENTEN,
  type KwetsbaarheidComponent
} from "../../data-loaders/indicators/catalogue.ts";
import type {GateParts} from "../../data-loaders/indicators/context.ts";
import {componentJaren} from "../../data-loaders/indicators/kerncijfer-jaren.ts";
import type {KerncijferOverzicht} from "../../data-loaders/sources/types.ts";
import {MINI, partsOf, trueValue} from "./helpers.ts";

const comp = (
  id: string,
  bron: string,
  extra: Partial<KwetsbaarheidComponent> = {}
): KwetsbaarheidComponent => ({
  id,
  naam: id,
  bron,
  vorm: "waarde",
  eenheid: "procent",
  teken: 1,
  gewicht: 1,
  waarom: "",
  ...extra
});

const overzicht: KerncijferOverzicht = {
  jaren: [2021, 2022, 2023, 2024],
  indelingswijzigingen: [],
  beschikbaar: {
    inwoners: {inTabel: [2021, 2022, 2023, 2024], metWaarden: [2021, 2022, 2023, 2024], andereEenheid: []},
    gemiddeld_inkomen: {inTabel: [2021, 2022, 2023, 2024], metWaarden: [2021, 2022], andereEenheid: []},
    laag_inkomen_pct: {inTabel: [2021, 2022, 2023], metWaarden: [2021, 2022, 2023], andereEenheid: []},
    armoede_pct: {inTabel: [2024], metWaarden: [2024], andereEenheid: []},
    bijstand: {inTabel: [2021, 2022, 2023, 2024], metWaarden: [2021, 2022, 2023, 2024], andereEenheid: []},
    jeugdzorg_pct: {inTabel: [], metWaarden: [], andereEenheid: [2023, 2024]}
  }
};

describe("componentJaren", () => {
  const rows = componentJaren(
    [
      comp("inkomen", "gemiddeld_inkomen"),
      comp("laag", "laag_inkomen_pct"),
      comp("armoede", "armoede_pct", {naam: "Personen in armoede (%)", vervangt: "laag"}),
      comp("bijstand", "bijstand", {vorm: "per-1000-inwoners"}),
      comp("jeugd", "jeugdzorg_pct"),
      comp("wmo", "wmo_per_1000")
    ],
    overzicht,
    [2021, 2022, 2023, 2024, 2025, 2026, 2027]
  );
  const at = (c: string, j: number) => rows.find((r) => r.component === c && r.jaar === j)!;

  it("takes the latest year with values, at most two years back", () => {
    expect(at("inkomen", 2022).bronjaar).toBe(2022);
    expect(at("inkomen", 2023).bronjaar).toBe(2022);
    expect(at("inkomen", 2024).bronjaar).toBe(2022);
    expect(at("inkomen", 2025)).toMatchObject({
      bronjaar: null,
      reden: "wel in de tabel, maar zonder waarden"
    });
    expect(at("bijstand", 2026).bronjaar).toBe(2024);
    expect(at("bijstand", 2027)).toMatchObject({
      bronjaar: null,
      reden: "geen kerncijfers van dat jaar of de 2 jaren ervoor"
    });
  });

  it("lets the person-based poverty take the place of low household income in the years it has values", () => {
    expect(at("laag", 2023).bronjaar).toBe(2023);
    expect(at("laag", 2024)).toMatchObject({
      bronjaar: null,
      reden: "vervangen door personen in armoede"
    });
    expect(at("armoede", 2024).bronjaar).toBe(2024);
    expect(at("armoede", 2023)).toMatchObject({
      bronjaar: null,
      reden: "niet in de tabel"
    });
  });

  it("says when a topic is there in a unit that cannot be converted, and when no table has it", () => {
    expect(at("jeugd", 2024).reden).toBe("in de tabel in een eenheid die niet om te rekenen is");
    expect(at("wmo", 2021).reden).toBe("niet in de tabel");
  });

  it("covers every public component of the catalogue and leaves the signals out", () => {
    const all = componentJaren(KWETSBAARHEID_COMPONENTEN, overzicht, [2024]);
    expect(all.map((r) => r.component)).toEqual(
      KWETSBAARHEID_COMPONENTEN.filter((c) => c.bron !== "signalen").map((c) => c.id)
    );
  });
});

describe("on the mini bronmap (kerncijfers of 2015 and 2021 only)", () => {
  let parts: GateParts;
  beforeAll(async () => {
    ({parts} = await partsOf(MINI));
  }, 60_000);

  it("gives 2016 and 2017 the components of 2015, and 2018-2020 none", () => {
    // Bijstand GM0001 2015: 40 of 2,000 inhabitants = 20 per 1,000 (make-mini.ts).
    for (const jaar of [2015, 2016, 2017])
      expect(trueValue(parts, "kerncijfers", {gebied: "GM0001", categorie: "bijstand", jaar})).toBe(20);
    for (const jaar of [2018, 2019, 2020])
      expect(trueValue(parts, "kerncijfers", {gebied: "GM0001", categorie: "bijstand", jaar})).toBeNull();
    // Inhabitants (the denominator of every rate) are never carried over to another year.
    expect(trueValue(parts, "inwoners", {gebied: "GM0001", jaar: 2016})).toBeNull();
  });
});
