/**
 * Page files split by what a view shows (data-loaders/indicators/split.ts): the overview holds the
 * regio, the parts hold the gemeenten per block and year or per gemeente, every cell of a table
 * lands in exactly the files it belongs to, unchanged, and the parts are made by the gate.
 */
import {readFileSync} from "node:fs";
import {beforeAll, describe, expect, it} from "vitest";
import {
  publishTableParts,
  type PublishedCell,
  type PublishedTable
} from "../../data-loaders/disclosure/gate.ts";
import {BUNDLES} from "../../data-loaders/indicators/bundles.ts";
import {getPipelineResult, type PipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import {
  BLOK_MAX,
  OVERIG_BLOK,
  REGIO_BLOK,
  blokkenVan,
  splitTables
} from "../../data-loaders/indicators/split.ts";
import type {Indeling} from "../../data-loaders/sources/indeling.ts";
import type {Bundle, Cell} from "../../src/lib/contracts.ts";
import {gateOf, MINI} from "./helpers.ts";

const cell = (
  gebiedcode: string,
  gebiedniveau: PublishedCell["gebiedniveau"],
  bovenliggend: string | null,
  jaar: number
): PublishedCell => ({
  gebiedcode,
  gebiedniveau,
  bovenliggend,
  branche: null,
  categorie: null,
  jaar,
  waarde: 1,
  status: "",
  reden: null
});

const indeling = (provincies: Array<[string, string[]]>): Indeling => ({
  provincies: provincies.map(([code, gemeenten]) => ({code, naam: code, gemeenten})),
  riecs: [],
  bron: "",
  zonderIndeling: []
});

describe("blocks of a region", () => {
  it("keep a region of at most BLOK_MAX gemeenten together", () => {
    const codes = Array.from({length: BLOK_MAX}, (_, i) => `GM${String(i + 1).padStart(4, "0")}`);
    expect(blokkenVan(codes, indeling([["PV20", codes.slice(0, 10)]]))).toEqual([
      {code: REGIO_BLOK, gemeenten: codes}
    ]);
  });

  it("cut a larger region by province, with the gemeenten of no province together", () => {
    const codes = Array.from({length: BLOK_MAX + 2}, (_, i) => `GM${String(i + 1).padStart(4, "0")}`);
    const blokken = blokkenVan(
      codes,
      indeling([
        ["PV20", codes.slice(0, 30)],
        ["PV21", codes.slice(30, 50)]
      ])
    );
    expect(blokken.map((b) => [b.code, b.gemeenten.length])).toEqual([
      ["PV20", 30],
      ["PV21", 20],
      [OVERIG_BLOK, 2]
    ]);
  });
});

describe("splitting published tables", () => {
  let table: PublishedTable;
  beforeAll(async () => {
    const {gate} = await gateOf(MINI);
    table = [...gate.tables.values()].find((t) => t.cellen.some((c) => c.gebiedniveau === "buurt"))!;
  }, 300_000);

  it("refuses a table that did not come from the gate", () => {
    const forged = {...table, cellen: [cell("GM0001", "gemeente", "RG", 2020)]} as PublishedTable;
    expect(() => publishTableParts(forged, () => "x")).toThrow(/publicatiepoort/);
  });

  it("puts every cell, unchanged (the same object), into the parts its keys name", () => {
    const parts = publishTableParts(table, (c) => (c.gebiedniveau === "buurt" ? ["buurt", "alle"] : "alle"), [
      "leeg"
    ]);
    expect(parts.get("alle")!.cellen).toEqual([...table.cellen]);
    expect(parts.get("alle")!.cellen.every((c, i) => c === table.cellen[i])).toBe(true);
    expect(parts.get("buurt")!.cellen).toEqual(table.cellen.filter((c) => c.gebiedniveau === "buurt"));
    expect(parts.get("leeg")!.cellen).toEqual([]);
    expect(parts.get("alle")!.id).toBe(table.id);
    // A part is a gate object: the emit functions accept it (a look-alike is refused above).
    expect(() => publishTableParts(parts.get("buurt")!, () => "x")).not.toThrow();
  });

  it("sends regio cells to the overview, the others to their block and year, and per gemeente on request", () => {
    const gemeenteVan = (c: PublishedCell) => (c.gebiedniveau === "regio" ? undefined : "GM0001");
    const routed = splitTables(
      "x",
      new Map([[table.id, table]]),
      {gemeenten: "per-jaar", perGemeente: true},
      {regioCode: "RG", gemeenteVan, blokVan: () => "PV20"}
    );
    const cellsOf = (key: string) => routed.get(key)?.get(table.id)?.cellen ?? [];
    expect(cellsOf("x")).toEqual(table.cellen.filter((c) => c.gebiedniveau === "regio"));
    expect(cellsOf("x/GM0001")).toEqual(table.cellen.filter((c) => c.gebiedniveau !== "regio"));
    const jaren = [...new Set(table.cellen.map((c) => c.jaar))];
    for (const jaar of jaren)
      expect(cellsOf(`x/PV20-${jaar}`)).toEqual(
        table.cellen.filter((c) => c.gebiedniveau !== "regio" && c.jaar === jaar)
      );
    // All years together when the spec says so; the overview also takes what `hoofd` asks for.
    const samen = splitTables(
      "x",
      new Map([[table.id, table]]),
      {gemeenten: "alle-jaren", hoofd: (_, c) => c.jaar === jaren[0]},
      {regioCode: "RG", gemeenteVan, blokVan: () => "PV20"}
    );
    expect(samen.get("x/PV20")!.get(table.id)!.cellen.length).toBe(
      table.cellen.filter((c) => c.gebiedniveau !== "regio").length
    );
    expect(samen.get("x")!.get(table.id)!.cellen).toEqual(
      table.cellen.filter((c) => c.gebiedniveau === "regio" || c.jaar === jaren[0])
    );
  });
});

describe("the demo region's page files", () => {
  let result: PipelineResult;
  const read = (name: string) => JSON.parse(readFileSync(result.file(name), "utf-8")) as Bundle;
  beforeAll(async () => {
    result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
  }, 300_000);

  it("split every bundle with parts into an overview and parts the manifest lists", () => {
    for (const [name, spec] of Object.entries(BUNDLES)) {
      if (!spec.delen) continue;
      const base = name.replace(/\.json$/, "");
      expect(result.manifest.delen[base]!.length, base).toBeGreaterThan(0);
      for (const key of result.manifest.delen[base]!)
        expect(result.manifest.files[`${key}.json`], key).toBeDefined();
    }
  });

  it("keep the regio in the overview and give each cell of a gemeente's area to its block and year once", () => {
    const regio = read("regio.json");
    const blokken = (
      regio.onderdelen.indeling as {waarde: {blokken: Array<{code: string; gemeenten: string[]}>}}
    ).waarde.blokken;
    expect(blokken.map((b) => b.code)).toEqual([REGIO_BLOK]);
    const overzicht = read("risicobranches.json");
    for (const part of Object.values(overzicht.onderdelen))
      if ("cellen" in part) for (const c of part.cellen as Cell[]) expect(c.gebiedniveau).toBe("regio");
    const seen = new Map<string, number>();
    for (const key of result.manifest.delen.risicobranches!) {
      const jaar = Number(key.slice(-4));
      for (const [id, part] of Object.entries(read(`${key}.json`).onderdelen)) {
        for (const c of (part as {cellen: Cell[]}).cellen) {
          expect(c.jaar).toBe(jaar);
          expect(c.gebiedniveau).not.toBe("regio");
          const k = `${id}|${c.gebiedcode}|${c.branche}|${c.categorie}|${c.jaar}`;
          seen.set(k, (seen.get(k) ?? 0) + 1);
        }
      }
    }
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(seen.size).toBeGreaterThan(1000);
  });

  it("give each gemeente of weerbaarheid a file with only its own cells and its own map", () => {
    const gemeenten = result.manifest.gemeenten.map((g) => g.code);
    for (const code of gemeenten) {
      const b = read(`weerbaarheid/${code}.json`);
      const wijken = new Set(
        (
          b.onderdelen["geometrie-wijken"] as {
            waarde: {
              objects: Record<
                string,
                {geometries: Array<{properties: {code: string; bovenliggend: string}}>}
              >;
            };
          }
        ).waarde.objects.gebieden!.geometries.map((g) => {
          expect(g.properties.bovenliggend).toBe(code);
          return g.properties.code;
        })
      );
      for (const part of Object.values(b.onderdelen)) {
        if (!("cellen" in part)) continue;
        for (const c of part.cellen as Cell[]) {
          const gemeente =
            c.gebiedniveau === "gemeente"
              ? c.gebiedcode
              : c.gebiedniveau === "wijk"
                ? c.bovenliggend
                : wijken.has(c.bovenliggend ?? "")
                  ? code
                  : "?";
          expect(gemeente, `${c.gebiedcode} in weerbaarheid/${code}.json`).toBe(code);
        }
      }
    }
  });
});
