/**
 * The latest available year per component: CBS publishes income, benefits and care per buurt a
 * year or two after the population, so a component rests on its latest year with values (at
 * most two back), and says so; a component without one in that window is missing with a reason.
 */
import {copyFileSync, mkdirSync, mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {loadBronmap} from "../../data-loaders/sources/bronmap.ts";
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

describe("the issue's reproduction: the CBS 2015 boundaries of Leudal and Nederweert with the real KWB 2020 rows", () => {
  // test/fixtures/cbs (provenance in its README), saved as the issue describes:
  // kerncijfers/kwb-2020.json and the 2015 boundaries as gebieden/*.geojson.
  const dir = mkdtempSync(join(tmpdir(), "reproductie-"));
  mkdirSync(join(dir, "gebieden"));
  mkdirSync(join(dir, "kerncijfers"));
  for (const [lvl, out] of [
    ["gemeente", "gemeenten"],
    ["wijk", "wijken"],
    ["buurt", "buurten"]
  ])
    copyFileSync(
      join("test/fixtures/cbs", `cbs_wbk2015_${lvl}_Leudal_Nederweert.geojson`),
      join(dir, "gebieden", `${out}.geojson`)
    );
  copyFileSync(
    "test/fixtures/cbs/kwb2020_84799NED_Leudal_Nederweert.json",
    join(dir, "kerncijfers/kwb-2020.json")
  );
  let parts: GateParts;
  beforeAll(async () => {
    ({parts} = await partsOf(dir));
  }, 60_000);

  it("publishes a percentage where the catalogue says percentage, and bijstand per 1,000 inhabitants", () => {
    // 4,848 one-person households of 15,765 = 30.75 % -> 30.8 (never the count 4,848).
    expect(
      trueValue(parts, "kerncijfers", {gebied: "GM1640", categorie: "eenpersoonshuishoudens", jaar: 2020})
    ).toBe(30.8);
    // 370 people on bijstand of 35,879 inhabitants = 10.31 per 1,000.
    expect(trueValue(parts, "kerncijfers", {gebied: "GM1640", categorie: "bijstand", jaar: 2020})).toBe(
      10.31
    );
    // AO: 1,490 of 35,879 = 41.53 per 1,000.
    expect(trueValue(parts, "kerncijfers", {gebied: "GM1640", categorie: "ao-uitkering", jaar: 2020})).toBe(
      41.53
    );
    // The regio: Leudal 35,879 + Nederweert 17,019 = 52,898.
    expect(trueValue(parts, "inwoners", {gebied: "RG-BRONMAP", jaar: 2020})).toBe(52898);
  });

  it("fills every component from a real topic or reports it missing with its reason", async () => {
    const b = await loadBronmap(dir, {log: () => {}});
    try {
      const rows = componentJaren(KWETSBAARHEID_COMPONENTEN, b.quality.kerncijfers, [2020]);
      expect(rows.filter((r) => r.bronjaar === 2020).map((r) => r.component)).toEqual([
        "eenpersoonshuishoudens",
        "bijstand",
        "ao-uitkering",
        "bevolkingsdichtheid"
      ]);
      const reden = Object.fromEntries(
        rows.filter((r) => r.bronjaar === null).map((r) => [r.component, r.reden])
      );
      // The first release of KWB 2020 has these topics without values yet (CBS fills them later).
      for (const c of [
        "gemiddeld-inkomen",
        "laag-inkomen",
        "wmo",
        "jeugdzorg",
        "onbewoond",
        "corporatiebezit",
        "woz"
      ])
        expect(reden[c], c).toBe("wel in de tabel, maar zonder waarden");
      expect(reden.armoede).toBe("niet in de tabel");
    } finally {
      b.close();
    }
  });
});
