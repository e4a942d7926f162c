/**
 * The contracts of the published files (src/shared/contracts/): the gate's writer refuses a file
 * that breaks its contract (and writes nothing), a page refuses a file of another shape or
 * schemaVersion with one Dutch message naming the file and the place, and every file of the demo
 * build has exactly one contract and satisfies it.
 */
import {existsSync, mkdtempSync, readFileSync, readdirSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative} from "node:path";
import {describe, expect, it} from "vitest";
import {
  publishBundle,
  publishMetadata,
  runGate,
  tableOf,
  writePublishedFile
} from "../../data-loaders/disclosure/gate.ts";
import {getPipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import {assertBundle, Leesfout, metadataOf} from "../../src/lib/contracts.ts";
import {gebiedenVan} from "../../src/lib/kaart.ts";
import {
  ContractFout,
  controleer,
  lijst,
  object,
  ofNull,
  optioneel,
  tekst
} from "../../src/shared/contracts/check.ts";
import type {BestandContract} from "../../src/shared/contracts/envelope.ts";
import {contractVoor, CONTRACTEN} from "../../src/shared/contracts/index.ts";
import {REGIO} from "../../src/shared/contracts/onderdelen.ts";
import {REGIO_BESTAND} from "../../src/shared/contracts/regio.ts";
import {TRENDS} from "../../src/shared/contracts/trends.ts";

const regioWaarde = () => ({
  isDemo: true,
  regio: {code: "RG01", naam: "Proefregio"},
  gemeenten: [{code: "GM9001", naam: "Aadorp"}],
  jaren: [2023, 2024] as unknown[]
});
const gebieden = () =>
  publishMetadata("gebiedsnamen", [
    {code: "RG01", naam: "Proefregio", niveau: "regio", bovenliggend: null},
    {code: "GM9001", naam: "Aadorp", niveau: "gemeente", bovenliggend: "RG01"}
  ]);

function schrijf(naam: string, value: Parameters<typeof writePublishedFile>[0]) {
  const path = join(mkdtempSync(join(tmpdir(), "contract-")), "bestand.json");
  const write = () => writePublishedFile(value, path, {naam, contract: contractVoor(naam)});
  return {path, write};
}

describe("the gate's writer checks the file's contract before writing", () => {
  it("writes a file that satisfies its contract, which a page then reads", () => {
    const {path, write} = schrijf(
      "regio.json",
      publishBundle({regio: publishMetadata("tekst", regioWaarde()), gebieden: gebieden()})
    );
    write();
    const gelezen = assertBundle(JSON.parse(readFileSync(path, "utf8")), REGIO_BESTAND);
    expect(gelezen.schemaVersion).toBe(1);
    expect(metadataOf(gelezen, REGIO).gemeenten).toEqual([{code: "GM9001", naam: "Aadorp"}]);
  });

  it("refuses a metadata part of the wrong shape, names file and place, and writes nothing", () => {
    const waarde = {...regioWaarde(), jaren: [2023, "2024"]};
    const {path, write} = schrijf(
      "regio.json",
      publishBundle({regio: publishMetadata("tekst", waarde), gebieden: gebieden()})
    );
    expect(write).toThrow(ContractFout);
    expect(write).toThrow(
      "regio.json voldoet niet aan zijn contract: bij onderdelen.regio.waarde.jaren[1] verwacht een geheel getal"
    );
    expect(existsSync(path)).toBe(false);
  });

  it("refuses a file without a part its pages need", () => {
    const {write} = schrijf("regio.json", publishBundle({regio: publishMetadata("tekst", regioWaarde())}));
    expect(write).toThrow("bij onderdelen.gebieden verwacht dit onderdeel (ontbreekt)");
  });

  it("refuses a table in a file whose contract has only metadata, and a part it does not know", async () => {
    const gate = await runGate({
      tables: [
        {
          id: "vestigingen",
          title: "Vestigingen",
          unitKind: "vestigingen",
          measure: "count",
          dimensions: ["gebied", "jaar"],
          cells: [{gebiedcode: "GM9001", gebiedniveau: "gemeente", bovenliggend: null, jaar: 2024, value: 40}]
        }
      ]
    });
    const tabel = tableOf(gate, "vestigingen");
    const catalogus = {catalogus: publishMetadata("tekst", {indicatoren: []})};
    expect(schrijf("catalogus.json", publishBundle({...catalogus, vestigingen: tabel})).write).toThrow(
      "catalogus.json voldoet niet aan zijn contract: bij onderdelen.vestigingen verwacht geen onderdeel met deze naam in catalogus.json"
    );
    // The same table is what a part of trends.json is made of.
    expect(() => schrijf("trends/regio.json", publishBundle({vestigingen: tabel})).write()).not.toThrow();
  });

  it("has a contract for every file name the pipeline writes, and only one", () => {
    for (const naam of [
      "regio.json",
      "risicobranches/regio-2024.json",
      "weerbaarheid/GM9001.json",
      "gemeente/GM9001.json",
      "gebieden/PV20.json",
      "gebieden-buurt.topojson",
      "openbaarmaking-koppelingen.json"
    ])
      expect(CONTRACTEN.filter((c) => c.bestanden.test(naam))).toHaveLength(1);
    expect(() => contractVoor("geheim.json")).toThrow(
      "geheim.json: geen contract voor dit gepubliceerde bestand"
    );
  });
});

describe("every page", () => {
  const paginas = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? paginas(p) : n.endsWith(".md") ? [p] : [];
    });

  it("checks each file it reads against that file's own contract", async () => {
    // Every contract module's exports by name, as a page imports them.
    const exports: Record<string, unknown> = Object.assign(
      {},
      ...(await Promise.all(
        readdirSync("src/shared/contracts").map((n) => import(`../../src/shared/contracts/${n}`))
      ))
    );
    let gezien = 0;
    for (const pagina of paginas("src")) {
      const tekst = readFileSync(pagina, "utf8");
      // assertBundle(await FileAttachment("./data/regio.json").json(), REGIO_BESTAND ...
      for (const m of tekst.matchAll(
        /assertBundle\(\s*await FileAttachment\([`"](?:\.\.?\/)+data\/([^`"]+)[`"]\)\.json\(\),\s*([A-Z_]+)/g
      )) {
        const bestand = m[1]!.replace(/\$\{[^}]+\}/, "GM9901");
        const contract = exports[m[2]!] as BestandContract | undefined;
        expect(contract, `${pagina}: ${m[2]}`).toBeDefined();
        expect(contract!.bestanden.test(bestand), `${pagina}: ${bestand} met ${m[2]}`).toBe(true);
        gezien++;
      }
      // deelLader("trends", trendsDelen, TRENDS_DEEL ...: the parts trends/<deel>.json
      for (const m of tekst.matchAll(/deelLader\(\s*"([a-z]+)",\s*[^,]+,\s*([A-Z_]+)/g)) {
        const contract = exports[m[2]!] as BestandContract | undefined;
        expect(contract, `${pagina}: ${m[2]}`).toBeDefined();
        expect(contract!.bestanden.test(`${m[1]}/regio-2025.json`), `${pagina}: ${m[1]} met ${m[2]}`).toBe(
          true
        );
        gezien++;
      }
    }
    // Every page reads regio.json or the catalogue at least; a pattern that matched nothing would pass.
    expect(gezien).toBeGreaterThan(25);
  });
});

describe("a page checks what it reads", () => {
  const bundel = () => ({
    schemaVersion: 1,
    onderdelen: {
      branches: {
        schemaVersion: 1,
        soort: "tekst",
        waarde: {namen: {risico: "Alle risicobranches"}, groepen: []}
      },
      vestigingen: {
        schemaVersion: 1,
        id: "vestigingen",
        titel: "Vestigingen",
        soort: "telling",
        eenheidSoort: "vestigingen",
        eenheid: "aantal",
        dimensies: ["gebied", "jaar"],
        cellen: [
          {
            gebiedcode: "RG01",
            gebiedniveau: "regio",
            bovenliggend: null,
            branche: "risico",
            categorie: null,
            jaar: 2024,
            waarde: 12,
            status: "",
            reden: null
          }
        ]
      }
    }
  });

  it("accepts the file of its version", () => {
    expect(assertBundle(bundel(), TRENDS).onderdelen.vestigingen).toBeDefined();
  });

  it("refuses a file of another schemaVersion, with a message a reader can act on", () => {
    const fout = (() => {
      try {
        assertBundle({...bundel(), schemaVersion: 2}, TRENDS);
      } catch (e) {
        return e;
      }
    })();
    expect(fout).toBeInstanceOf(Leesfout);
    expect((fout as Leesfout).fout).toBeInstanceOf(ContractFout);
    // What Framework shows in place of every chart that depends on the file.
    expect(String(fout)).toBe(
      "Deze gegevens kunnen niet worden getoond: trends.json voldoet niet aan zijn contract: bij schemaVersion verwacht een van 1. De gepubliceerde bestanden horen bij een andere versie van de atlas; bouw de site opnieuw."
    );
  });

  it("names the cell that is off", () => {
    const b = bundel();
    (b.onderdelen.vestigingen.cellen[0] as Record<string, unknown>).waarde = "12";
    expect(() => assertBundle(b, TRENDS)).toThrow(
      "bij onderdelen.vestigingen.cellen[0].waarde verwacht een getal of null"
    );
    const c = bundel();
    c.onderdelen.vestigingen.cellen[0]!.waarde = null as unknown as number;
    expect(() => assertBundle(c, TRENDS)).toThrow("cellen[0].status verwacht een status bij een lege waarde");
  });

  it("checks a metadata part against its contract when read, not through a cast", () => {
    const regio = {
      schemaVersion: 1,
      onderdelen: {regio: {schemaVersion: 1, soort: "tekst", waarde: {isDemo: true}}}
    };
    expect(() => metadataOf(regio as never, REGIO)).toThrow(
      "onderdeel regio voldoet niet aan zijn contract: bij .waarde.regio verwacht een waarde (ontbreekt)"
    );
  });

  it("unwraps a map only when it is published geometry", () => {
    expect(() =>
      gebiedenVan({schemaVersion: 1, soort: "tekst", waarde: {}}, "gebieden-gemeente.topojson")
    ).toThrow(
      'gebieden-gemeente.topojson voldoet niet aan zijn contract: bij soort verwacht een van "geometrie"'
    );
  });
});

describe("the checks", () => {
  const c = object({naam: tekst, code: ofNull(tekst), wijken: optioneel(lijst(tekst))});
  it("allow an absent optional key and null where declared, and nothing else", () => {
    expect(controleer(c, {naam: "a", code: null}, "x")).toEqual({naam: "a", code: null});
    expect(() => controleer(c, {naam: "a"}, "x")).toThrow(
      "x voldoet niet aan zijn contract: bij code verwacht een waarde (ontbreekt)"
    );
    expect(() => controleer(c, {naam: "a", code: null, wijken: ["w", 3]}, "x")).toThrow(
      "bij wijken[1] verwacht tekst"
    );
  });
});

describe("the demo build", () => {
  it("writes only files that have one contract and satisfy it", async () => {
    const result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
    const dir = result.file("regio.json").replace(/regio\.json$/, "");
    const files: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(relative(dir, p));
      }
    };
    walk(dir);
    const paginabestanden = Object.keys(result.manifest.files);
    expect(paginabestanden.length).toBeGreaterThan(20);
    for (const naam of paginabestanden) {
      expect(files).toContain(naam);
      const value = JSON.parse(readFileSync(result.file(naam), "utf8"));
      expect(() => contractVoor(naam).check(value, naam), naam).not.toThrow();
    }
  }, 300_000);
});
