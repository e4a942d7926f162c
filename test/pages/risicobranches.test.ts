/**
 * The Risicobranches view model on the demo region (every branch and measure), on a bundle whose
 * every cell is suppressed, and on a small hand-made bundle with two gemeenten and heavy
 * suppression: sentences use only published values, say what is suppressed, and never guess.
 */
import {readFileSync} from "node:fs";
import {beforeAll, describe, expect, it} from "vitest";
import {getPipelineResult, type PipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import type {Bundle, Cell, Table} from "../../src/lib/contracts.ts";
import {
  MATEN,
  branchesData,
  branchesDefaults,
  branchesKeuzes,
  lqTellingen,
  maatVan,
  opkomendView,
  overzichtView,
  profielView,
  profielenZin,
  rankingView,
  zorgView
} from "../../src/lib/pages/risicobranches.ts";
import type {RegioInfo} from "../../src/lib/pages/story.ts";
import {locatiequotientInterval} from "../../src/lib/statistiek.ts";
import {readPublished} from "../published-file.ts";
import {titelMetEenheid} from "../../src/lib/texts.ts";

let result: PipelineResult;
const read = (name: string): Bundle => readPublished(result, name) as Bundle;

beforeAll(async () => {
  result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
}, 300_000);

const nl = (n: number, digits: number) =>
  n.toLocaleString("nl-NL", {minimumFractionDigits: digits, maximumFractionDigits: digits});

describe("risicobranches takes names and units of its measures from the catalogue", () => {
  it("labels every measure with the title and unit of its catalogue entry (through its published table)", () => {
    const d = branchesData(read("risicobranches.json"), read("regio.json"));
    const catalogus = (
      read("catalogus.json").onderdelen.catalogus as unknown as {
        waarde: {indicatoren: Array<{id: string; titel: string; eenheid: string}>};
      }
    ).waarde.indicatoren;
    for (const m of MATEN) {
      const entry = catalogus.find((i) => i.id === m.id)!;
      expect(maatVan(d, m.id)).toEqual({
        id: m.id,
        zin: m.zin,
        label: titelMetEenheid(entry.titel, entry.eenheid),
        eenheid: entry.eenheid
      });
    }
    // The catalogue's "Locatiequotiënt" with its unit "index" in words.
    expect(branchesKeuzes(d).maten.find((k) => k.value === "locatiequotient")?.label).toBe(
      "Locatiequotiënt (index)"
    );
  });
});

describe("risicobranches on the demo region", () => {
  it("ranks the gemeenten on every branch and measure, the region as reference", () => {
    const d = branchesData(read("risicobranches.json"), read("regio.json"));
    const keuzes = branchesKeuzes(d);
    expect(keuzes.maten.map((m) => m.value)).toEqual(MATEN.map((m) => m.id));
    expect(keuzes.gemeenten).toHaveLength(d.info.gemeenten.length);
    for (const b of keuzes.branches)
      for (const m of keuzes.maten) {
        const v = rankingView(d, {...branchesDefaults(d), branche: b.value, maat: m.value});
        expect(v.items).toHaveLength(d.info.gemeenten.length);
        const published = v.items.filter((i) => i.cell?.waarde != null);
        if (published.length > 0) {
          const top = published.sort((a, b) => b.cell!.waarde! - a.cell!.waarde!)[0]!;
          expect(v.title).toContain(`het hoogst in ${top.naam}`);
        }
      }
  });

  it("finds the planted over-representation of holiday parks in one gemeente", () => {
    const d = branchesData(read("risicobranches.json"), read("regio.json"));
    const v = overzichtView(d, {...branchesDefaults(d), maat: "locatiequotient"});
    expect(v.zin).toMatch(/vakantieparken en kampeerterreinen \(\d+,\d+; [\d.]+ vestigingen\)/);
    expect(v.rows.length).toBe(d.groepen.length);
    expect(v.columns.at(-1)!.label).toBe("Regio");
  });

  it("names exactly the branches whose LQ is above 1 by more than chance, with at least 10 establishments", () => {
    const d = branchesData(read("risicobranches.json"), read("regio.json"));
    const jaar = d.laatsteJaar;
    const v = overzichtView(d, {...branchesDefaults(d), maat: "locatiequotient", jaar: String(jaar)});
    let genoemd = 0;
    // The part of the sentence about one gemeente: from "<naam>: " to the next gemeente or the end.
    const starts = d.info.gemeenten
      .map((g) => ({g, i: v.zin.indexOf(`${g.naam}: `)}))
      .filter((x) => x.i >= 0)
      .sort((x, y) => x.i - y.i);
    const deel = (naam: string) => {
      const k = starts.findIndex((x) => x.g.naam === naam);
      return k < 0 ? "" : v.zin.slice(starts[k]!.i, starts[k + 1]?.i ?? v.zin.length);
    };
    for (const g of d.info.gemeenten)
      for (const b of d.groepen) {
        const t = lqTellingen(d, g.code, b.id, jaar);
        const noemt = deel(g.naam).includes(`${b.naam.toLowerCase()} (`);
        if (!t) {
          expect(noemt).toBe(false);
          continue;
        }
        const i = locatiequotientInterval(t, {referentieBevatEigen: true})!;
        const verwacht = t.branche >= 10 && i.oordeel === "hoger";
        expect(noemt, `${g.naam} ${b.naam}`).toBe(verwacht);
        if (verwacht) genoemd++;
      }
    // The demo plants clear over-representation (holiday parks in one gemeente); the small-count
    // case is in narrative.test.ts.
    expect(genoemd).toBeGreaterThan(0);
  });

  it("leaves over-representation out when the bronmap has one gemeente (the region is that gemeente)", () => {
    // The demo bundle made into a bronmap of one gemeente: the region's counts are Nesselzijl's.
    const bundle = structuredClone(read("risicobranches.json"));
    const regio = structuredClone(read("regio.json"));
    const info = regio.onderdelen.regio as unknown as {waarde: RegioInfo};
    const een = info.waarde.gemeenten[0]!;
    info.waarde.gemeenten = [een];
    const vest = bundle.onderdelen.vestigingen as Table;
    const eigen = new Map(
      vest.cellen.filter((c) => c.gebiedcode === een.code).map((c) => [`${c.branche}|${c.jaar}`, c])
    );
    for (const c of vest.cellen)
      if (c.gebiedcode === info.waarde.regio.code) {
        const e = eigen.get(`${c.branche}|${c.jaar}`);
        c.waarde = e?.waarde ?? null;
        c.status = e?.status ?? "onderdrukt";
      }
    // And every quotient is 1 by construction.
    for (const c of (bundle.onderdelen.locatiequotient as Table).cellen) if (c.waarde !== null) c.waarde = 1;
    const d = branchesData(bundle, regio);
    const v = overzichtView(d, {...branchesDefaults(d), maat: "locatiequotient"});
    expect(v.zin).toContain("De bronmap bevat één gemeente");
    expect(v.zin).not.toMatch(/Duidelijk sterker/);
    const p = profielView(d, {...branchesDefaults(d), gemeente: een.code});
    expect(p.zinnen[0]).toContain("De bronmap bevat één gemeente");
    expect(p.opvallend).toEqual([]);
  });

  it("counts the suppressed cells of the overview with their reasons", () => {
    const d = branchesData(read("risicobranches.json"), read("regio.json"));
    const v = overzichtView(d, {...branchesDefaults(d), maat: "eenpersoons-aandeel"});
    const cells = v.rows.flatMap((r) => v.columns.map((c) => v.cellAt(r.key, c.key)));
    const suppressed = cells.filter((c) => c.status === "onderdrukt").length;
    expect(suppressed).toBeGreaterThan(0);
    expect(v.zinOnderdrukking).toContain(`${suppressed} cellen van de ${cells.length} zijn onderdrukt`);
  });

  it("tells the rising sectors' growth and where each grew most, from published cells", () => {
    const bundle = read("risicobranches.json");
    const d = branchesData(bundle, read("regio.json"));
    const v = opkomendView(d);
    expect(v.zinnen).toHaveLength(3);
    for (const z of v.zinnen)
      expect(z).toMatch(
        /vestigingen in \d{4} naar .* in \d{4} \([+−].*\)\. Sterkste groei van .* in de vijf jaar tot \d{4}: /
      );
    // The gemeente named for holiday parks has the highest published five-year growth.
    const groei = (bundle.onderdelen["groei-5-jaar"] as Table).cellen.filter(
      (c) =>
        c.gebiedniveau === "gemeente" &&
        c.branche === "vakantieparken" &&
        c.jaar === d.laatsteJaar &&
        c.waarde !== null
    );
    const top = groei.sort((a, b) => b.waarde! - a.waarde!)[0]!;
    const naam = d.info.gemeenten.find((g) => g.code === top.gebiedcode)!.naam;
    expect(v.zinnen[0]).toContain(`: ${naam} (+${nl(top.waarde!, 1)}%`);
    const zorg = zorgView(d, branchesDefaults(d));
    expect(zorg.zinnen[0]).toMatch(
      /In de regio heeft in \d{4} .*% van de zorgaanbieders zelf of via een holding woningen in eigendom \(\d+ zorgaanbieders\)/
    );
    expect(zorg.zinnen[1]).toMatch(
      /^Het aantal zorgaanbieders met woningen in de regio (steeg|daalde|bleef)/
    );
  });

  it("places every branch with both values in the profile and names the over-represented fast growers", () => {
    const d = branchesData(read("risicobranches.json"), read("regio.json"));
    for (const g of d.info.gemeenten) {
      const v = profielView(d, {...branchesDefaults(d), gemeente: g.code});
      expect(v.points).toHaveLength(d.groepen.length);
      for (const id of v.opvallend) {
        const p = v.points.find((x) => x.branche === id)!;
        expect(p.x!.waarde!).toBeGreaterThan(1);
        expect(p.y!.waarde!).toBeGreaterThan(v.referentieGroei);
      }
      expect(v.zinnen[0]).toContain(`In ${g.naam}`);
    }
    // Barneburg's holiday parks are planted over-represented and growing.
    const barneburg = d.info.gemeenten.find((g) => g.naam === "Barneburg");
    if (barneburg)
      expect(profielView(d, {...branchesDefaults(d), gemeente: barneburg.code}).opvallend).toContain(
        "vakantieparken"
      );
    expect(profielenZin(d)).toMatch(/^Van de \d+ branches op de lijst hebben er \d+ een vergunningsplicht/);
  });
});

describe("risicobranches when everything is suppressed", () => {
  it("says a suppressed value is not shown, and never guesses", () => {
    const bundle = structuredClone(read("risicobranches.json"));
    for (const part of Object.values(bundle.onderdelen))
      for (const c of (part as Table).cellen ?? []) {
        c.waarde = null;
        c.status = "onderdrukt";
      }
    const d = branchesData(bundle, read("regio.json"));
    const s = branchesDefaults(d);
    const v = rankingView(d, s);
    expect(v.zinnen).toHaveLength(1);
    expect(v.zinnen[0]).toMatch(/^Voor geen enkele gemeente .* Voor 8 gemeenten is de waarde onderdrukt/);
    expect(v.regio).toBeNull();
    expect(overzichtView(d, s).zin).toContain("voor geen enkele branche en gemeente te zeggen");
    for (const z of opkomendView(d).zinnen) expect(z).toMatch(/te tonen/);
    expect(zorgView(d, s).zinnen[0]).toContain("niet te tonen");
    const p = profielView(d, s);
    expect(p.zinnen).toEqual([
      `Voor ${d.info.gemeenten[0]!.naam} is in ${s.jaar} van geen enkele branche zowel het locatiequotiënt als de groei in vijf jaar te tonen.`
    ]);
    for (const z of [...v.zinnen, ...p.zinnen]) expect(z).not.toMatch(/\d,\d/);
  });
});

// A hand-made region: two gemeenten, two branches, two years, most cells suppressed.
const REGIO: Bundle = {
  schemaVersion: 1,
  onderdelen: {
    regio: {
      schemaVersion: 1,
      soort: "tekst",
      waarde: {
        isDemo: false,
        regio: {code: "RG01", naam: "Proefregio"},
        gemeenten: [
          {code: "GM0001", naam: "Aadorp"},
          {code: "GM0002", naam: "Beekveld"}
        ],
        jaren: [2019, 2024]
      }
    }
  }
};

const cel = (gebiedcode: string, branche: string, jaar: number, waarde: number | null): Cell => ({
  gebiedcode,
  gebiedniveau: gebiedcode.startsWith("RG") ? "regio" : "gemeente",
  bovenliggend: gebiedcode.startsWith("RG") ? null : "RG01",
  branche,
  categorie: null,
  jaar,
  waarde,
  status: waarde === null ? "onderdrukt" : "",
  reden: waarde === null ? "onderdrukt: telling < 5" : null
});

const tabel = (id: string, eenheid: string, cellen: Cell[]): Table => ({
  schemaVersion: 1,
  id,
  titel: id,
  soort: "afgeleid",
  eenheidSoort: null,
  eenheid,
  dimensies: ["gebied", "branche", "jaar"],
  cellen
});

function handmade(): Bundle {
  const branches = {
    schemaVersion: 1 as const,
    soort: "tekst" as const,
    waarde: {
      namen: {fastfood: "Fastfood", zorg: "Zorg en welzijn", risico: "Alle risicobranches"},
      groepen: [
        {
          id: "fastfood",
          naam: "Fastfood",
          sbi: "56.10.2",
          vergunningOfBibob: true,
          kasintensief: true,
          profiel: "",
          bronnen: []
        },
        {
          id: "zorg",
          naam: "Zorg en welzijn",
          sbi: "87, 88.10, 86.9",
          vergunningOfBibob: false,
          kasintensief: false,
          opkomend: true,
          profiel: "",
          bronnen: []
        }
      ]
    }
  };
  return {
    schemaVersion: 1,
    onderdelen: {
      branches,
      vestigingen: tabel("vestigingen", "aantal", [
        // Fastfood in Aadorp: 26 of 200 establishments against 100 of 1,000 in the region, LQ 1,30.
        cel("GM0001", "fastfood", 2024, 26),
        cel("GM0001", "alle", 2024, 200),
        cel("RG01", "fastfood", 2024, 100),
        cel("RG01", "alle", 2024, 1000),
        cel("RG01", "zorg", 2019, 40),
        cel("RG01", "zorg", 2024, null),
        cel("GM0001", "zorg", 2024, null),
        cel("GM0002", "zorg", 2024, 30)
      ]),
      "vestigingen-per-1000": tabel("vestigingen-per-1000", "per-1000", [
        cel("RG01", "fastfood", 2024, 1.2),
        cel("GM0001", "fastfood", 2024, null),
        cel("GM0002", "fastfood", 2024, 1.4),
        cel("RG01", "fastfood", 2019, 1.1),
        cel("GM0001", "fastfood", 2019, null),
        cel("GM0002", "fastfood", 2019, null)
      ]),
      locatiequotient: tabel("locatiequotient", "index", [
        cel("GM0001", "fastfood", 2024, 1.3),
        cel("GM0002", "fastfood", 2024, null),
        cel("GM0001", "zorg", 2024, 0.8),
        cel("GM0002", "zorg", 2024, 1.2)
      ]),
      "groei-5-jaar": tabel("groei-5-jaar", "procent", [
        cel("RG01", "risico", 2024, 10),
        cel("GM0001", "fastfood", 2024, 25),
        cel("GM0002", "fastfood", 2024, null),
        cel("GM0001", "zorg", 2024, null),
        cel("GM0002", "zorg", 2024, null)
      ]),
      "zorg-met-vastgoed-per-100": tabel("zorg-met-vastgoed-per-100", "procent", [
        cel("RG01", "zorg", 2024, null),
        cel("GM0001", "zorg", 2024, null),
        cel("GM0002", "zorg", 2024, 12)
      ])
    }
  };
}

describe("risicobranches on a small, heavily suppressed region", () => {
  const d = () => branchesData(handmade(), REGIO);

  it("ranks only the published gemeente and counts the suppressed one", () => {
    const v = rankingView(d(), {...branchesDefaults(d()), branche: "fastfood"});
    expect(v.zinnen[0]).toBe(
      "Alleen voor Beekveld (1,4) kan het aantal vestigingen per 1.000 inwoners in de branche fastfood worden getoond. Voor 1 gemeente is de waarde onderdrukt omdat de aantallen te klein zijn om te publiceren."
    );
    expect(v.title).toBe(
      "Fastfood: het aantal vestigingen per 1.000 inwoners is het hoogst in Beekveld (2024)"
    );
    const risico = rankingView(d(), branchesDefaults(d()));
    expect(risico.zinnen).toEqual([
      "Voor geen enkele gemeente kan het aantal vestigingen per 1.000 inwoners in alle risicobranches samen worden getoond. Voor 2 gemeenten zijn geen gegevens."
    ]);
    expect(risico.regio).toBeNull();
  });

  it("compares the one published gemeente with the region", () => {
    const v = rankingView(d(), {...branchesDefaults(d()), branche: "fastfood"});
    expect(v.regio).toEqual({waarde: 1.2, label: "Regio"});
    expect(v.zinnen[1]).toBe(
      "Het aantal vestigingen per 1.000 inwoners in Beekveld is 1,4, hoger dan de regio (1,2)."
    );
  });

  it("places only branches with both values in the profile and says how many are missing", () => {
    const aadorp = profielView(d(), {...branchesDefaults(d()), gemeente: "GM0001"});
    expect(aadorp.opvallend).toEqual(["fastfood"]);
    expect(aadorp.zinnen).toEqual([
      "In Aadorp is in 2024 1 branche met minstens 10 vestigingen zowel sterker vertegenwoordigd dan in de regio (locatiequotiënt boven 1) als harder gegroeid dan alle risicobranches in de regio samen (+10,0%): fastfood (locatiequotiënt 1,30 bij 26 vestigingen, groei +25,0%).",
      "1 branche staat niet in de figuur: het locatiequotiënt of de groei is onderdrukt of ontbreekt. Over die branche zegt deze vergelijking niets."
    ]);
    const beekveld = profielView(d(), {...branchesDefaults(d()), gemeente: "GM0002"});
    expect(beekveld.zinnen[0]).toMatch(/^Voor Beekveld is in 2024 van geen enkele branche/);
  });

  it("tells the care growth as not shown when the last year is suppressed, and the one care share", () => {
    const o = opkomendView(d());
    expect(o.zinnen).toEqual([
      "Voor zorg en welzijn is de ontwikkeling sinds 2019 niet te tonen: een van de jaren is onderdrukt of ontbreekt. Voor zorg en welzijn is in geen enkele gemeente de groei in de vijf jaar tot 2024 te tonen. Voor 2 gemeenten is de groei onderdrukt omdat de aantallen te klein zijn."
    ]);
    const z = zorgView(d(), branchesDefaults(d()));
    expect(z.zinnen[0]).toBe(
      "Het aandeel zorgaanbieders met woningen in de regio is voor 2024 niet te tonen."
    );
    expect(z.zinnen.at(-1)).toMatch(/^Alleen voor Beekveld \(12,0%\)/);
    const ov = overzichtView(d(), branchesDefaults(d()));
    expect(ov.zinOnderdrukking).toMatch(
      /^1 cel van de 6 is onderdrukt \(1 cel: de telling is kleiner dan 5\); voor 3 cellen zijn geen gegevens\./
    );
  });
});

describe("risicobranches with no gemeenten in view (a national site before an area is chosen)", () => {
  it("tells the regio's own story and no sentence about gemeenten it cannot show", () => {
    const regio = read("regio.json");
    const info = (regio.onderdelen.regio as {waarde: {gemeenten: unknown[]}}).waarde;
    const d = branchesData(read("risicobranches.json"), regio, {
      ...(info as unknown as RegioInfo),
      gemeenten: []
    });
    const s = branchesDefaults(d);
    expect(rankingView(d, s).items).toEqual([]);
    const opkomend = opkomendView(d);
    expect(opkomend.zinnen.join(" ")).not.toMatch(/gemeente/);
    expect(opkomend.zinnen[0]).toMatch(/^Vakantieparken|^[A-Z]/);
    const zorg = zorgView(d, s);
    expect(zorg.items).toEqual([]);
    // The region's share and the change since the first year, nothing ranked.
    expect(zorg.zinnen.join(" ")).not.toMatch(/gemeente/);
    expect(zorg.zinnen[0]).toMatch(/^In de regio heeft in \d{4} /);
  });
});
