/**
 * The exposure scan must see leaks: a small fake built site is clean, and planting a KvK number,
 * a business name, a postcode, coordinates or an e-mail address anywhere makes it fail. It must
 * also stay quiet on what a real build contains: hashed file names, colours, minified library
 * code, quantised TopoJSON and published aggregates.
 */
import {cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {describe, expect, it} from "vitest";
import {
  collectFileNeedles,
  collectNeedles,
  describeFindings,
  scanDirectory,
  type ExposureNeedles
} from "../../data-loaders/disclosure/exposure-scan.ts";
import {tableFromArrays, tableToIPC} from "apache-arrow";
import {arrowBytes} from "../../data-loaders/disclosure/emit.ts";
import {runGate, tableOf, writeOpenData} from "../../data-loaders/disclosure/gate.ts";
import {gridTable} from "./helpers.ts";

/** A tiny bronmap folder with the raw columns a reader uses for location. */
function fakeBronmap(): string {
  const dir = mkdtempSync(join(tmpdir(), "bronmap-"));
  writeFileSync(
    join(dir, "vestigingen.csv"),
    "vestigingsnummer;kvk_nummer;naam;sbi;postcode;huisnummer;x;y\n" +
      "000016430034;12505602;Atelier Vera Smits;9001;1522LJ;226;196276.6;416510.2\n" +
      "000016430053;12505608;Meijer Autobedrijf;4511;1629 BE;181;178960.6;415463.3\n"
  );
  writeFileSync(
    join(dir, "signalen.csv"),
    "signaal_id,datum,categorie,lat,lon\nSIG-2015-0000001,2015-12-02,overlast,51.809225,5.963086\n"
  );
  return dir;
}

const NEEDLES: ExposureNeedles = (() => {
  const files = collectFileNeedles(fakeBronmap());
  return {
    strings: [
      ...files.strings,
      {value: "Atelier Vera Smits", kind: "naam"},
      {value: "Meijer Autobedrijf", kind: "naam"},
      {value: "12505602", kind: "kvk-nummer"},
      {value: "000016430034", kind: "vestigingsnummer"},
      {value: "SIG-2015-0000001", kind: "signaal-id"},
      {value: "2015-12-02", kind: "datum"},
      {value: "02-12-2015", kind: "datum"},
      // Too short to search: would match ordinary words.
      {value: "Bol", kind: "naam"},
      // An area name that is also a business name is allowed.
      {value: "Binnenstad", kind: "naam"}
    ],
    points: files.points,
    allow: ["Binnenstad"]
  };
})();

/** A small built site that looks like Framework's output and contains nothing identifying. */
async function cleanDist(): Promise<string> {
  const dist = mkdtempSync(join(tmpdir(), "dist-"));
  const put = (rel: string, content: string | Uint8Array) => {
    mkdirSync(dirname(join(dist, rel)), {recursive: true});
    writeFileSync(join(dist, rel), content);
  };
  put(
    "index.html",
    `<!doctype html><html><head><link rel="stylesheet" href="./_observablehq/theme-air.3a4b5c6d.css"><style>.x{color:#3366CC}</style></head><body><h1>Ondermijning in Binnenstad</h1><p>In 2024 telden we 1234 vestigingen; 5,3 per 1000 inwoners.</p></body></html>`
  );
  // Minified library code: long numbers, hex constants and versions that look like identifiers.
  put(
    "_npm/d3@7.9.0/dist/d3.min.js",
    `var a=12345678,b=987654321012,c=0x1F2E3D4C,d=[51.5,5.1],e="1234AB";function f(t){return t*4294967296}`
  );
  put("_observablehq/client.1a2b3c4d.js", `const build="2026-11-28";const n=60000000;`);
  put("_import/components/kaart.5e6f7a8b.js", `export function kaart(d){return d.map(x=>x.waarde)}`);
  put(
    "_file/data/gebieden-buurt.9c8d7e6f.topojson",
    JSON.stringify({
      type: "Topology",
      transform: {scale: [0.0001, 0.0001], translate: [5.9, 51.7]},
      arcs: [
        [
          [1020, 3301],
          [12, -5],
          [3, 7]
        ]
      ],
      objects: {}
    })
  );
  put(
    "_observablehq/minisearch.json",
    JSON.stringify({index: {terms: ["ondermijning", "binnenstad", "vestigingen"]}})
  );
  // Published aggregates (a large magnitude that happens to have 9 digits) through the gate.
  const result = await runGate({
    tables: [
      gridTable("omzet-groot", [
        [123456789, 234567890],
        [345678901, 456789012]
      ])
    ]
  });
  writeOpenData(result, dist);
  put("_file/data/vestigingen.arrow", arrowBytes(tableOf(result, "omzet-groot")));
  put(
    "_file/data/risicobranches.4d3c2b1a.json",
    JSON.stringify({schemaVersion: 1, cellen: [{gebiedcode: "BU07720101", waarde: 12, status: ""}]})
  );
  return dist;
}

/** A copy of a clean dist with one file changed or added. */
function plant(dist: string, rel: string, content: string | Uint8Array, append = true): string {
  const copy = mkdtempSync(join(tmpdir(), "dist-leak-"));
  cpSync(dist, copy, {recursive: true});
  const path = join(copy, rel);
  mkdirSync(dirname(path), {recursive: true});
  let old: Uint8Array | string = "";
  try {
    old = readFileSync(path);
  } catch {
    // new file
  }
  writeFileSync(path, append ? Buffer.concat([Buffer.from(old), Buffer.from(content)]) : content);
  return copy;
}

describe("exposure scan", async () => {
  const dist = await cleanDist();

  it("passes a clean built site", () => {
    const findings = scanDirectory(dist, NEEDLES);
    expect(findings, describeFindings(findings)).toEqual([]);
  });

  it("fails on a KvK number from the bronmap in a data file", () => {
    const leak = plant(dist, "_file/data/risicobranches.4d3c2b1a.json", `{"kvk":"12505602"}`, false);
    const findings = scanDirectory(leak, NEEDLES);
    expect(findings.some((f) => f.kind === "kvk-nummer" && f.source === "bron")).toBe(true);
    // The message does not repeat the leaked value.
    expect(describeFindings(findings)).not.toContain("12505602");
  });

  it("fails on a business name even inside minified library code", () => {
    const leak = plant(dist, "_npm/d3@7.9.0/dist/d3.min.js", `;var z="Atelier Vera Smits";`);
    expect(scanDirectory(leak, NEEDLES).some((f) => f.kind === "naam" && f.file.includes("_npm"))).toBe(true);
  });

  it("fails on a business name in HTML, also when HTML-escaped", () => {
    const leak = plant(dist, "risicolocaties.html", `<p>Meijer Autobedrijf</p>`);
    expect(scanDirectory(leak, NEEDLES).some((f) => f.kind === "naam")).toBe(true);
    const escaped = plant(
      dist,
      "x.html",
      `<p>${"O'Brien & Zn".replace("&", "&amp;").replace("'", "&#39;")}</p>`
    );
    expect(
      scanDirectory(escaped, {
        ...NEEDLES,
        strings: [...NEEDLES.strings, {value: "O'Brien & Zn", kind: "naam"}]
      }).some((f) => f.kind === "naam")
    ).toBe(true);
  });

  it("fails on a postcode, from the bronmap and as a pattern", () => {
    const leak = plant(dist, "index.html", `<p>1629 BE</p><p>9999 ZZ</p>`);
    const findings = scanDirectory(leak, NEEDLES);
    expect(findings.some((f) => f.kind === "postcode" && f.source === "bron")).toBe(true);
    expect(findings.filter((f) => f.kind === "postcode" && f.source === "patroon").length).toBe(2);
  });

  it("fails on coordinates of a record, also rounded to fewer decimals", () => {
    expect(
      scanDirectory(
        plant(dist, "_file/data/punten.json", `[{"x":196276.6,"y":416510.2}]`, false),
        NEEDLES
      ).some((f) => f.kind === "coördinaat")
    ).toBe(true);
    expect(
      scanDirectory(plant(dist, "_file/data/punten.json", `[[5.9631,51.8092]]`, false), NEEDLES).some(
        (f) => f.kind === "coördinaat"
      )
    ).toBe(true);
  });

  it("fails on exact signal dates and signal ids", () => {
    const findings = scanDirectory(
      plant(dist, "trends.html", `<p>Op 02-12-2015 (SIG-2015-0000001)</p>`),
      NEEDLES
    );
    expect(
      findings
        .filter((f) => f.source === "bron")
        .map((f) => f.kind)
        .sort()
    ).toEqual(["datum", "signaal-id"]);
  });

  it("fails on a name inside an Arrow file", async () => {
    const leak = plant(dist, "_file/data/lek.arrow", Buffer.from("ARROW1\0\0Atelier Vera Smits\0"), false);
    expect(scanDirectory(leak, NEEDLES).some((f) => f.kind === "naam" && f.file.endsWith(".arrow"))).toBe(
      true
    );
  });

  it("decodes Arrow files, so identifier patterns in their columns or metadata are found too", () => {
    const table = tableFromArrays({
      gebiedcode: ["BU07720101", "BU07720102"],
      toelichting: ["", "mail info@bakkerij.nl"]
    });
    const leak = plant(dist, "_file/data/kolommen.arrow", tableToIPC(table, "file"), false);
    const found = scanDirectory(leak, NEEDLES).filter((f) =>
      f.file.startsWith(join("_file", "data", "kolommen.arrow"))
    );
    expect(found.map((f) => f.kind)).toContain("e-mailadres");
    expect(found.every((f) => f.file.endsWith("(gedecodeerd)"))).toBe(true);
    // A file that claims to be Arrow but cannot be read is reported, not skipped.
    const kapot = plant(dist, "_file/data/kapot.arrow", Buffer.from("ARROW1 niets"), false);
    expect(scanDirectory(kapot, NEEDLES).some((f) => f.kind === "onleesbaar")).toBe(true);
  });

  it("fails on generic identifiers in our own data: e-mail, BSN, IBAN, phone, 12-digit numbers", () => {
    const leak = plant(
      dist,
      "_file/data/extra.json",
      JSON.stringify({
        a: "info@bakkerij.nl",
        b: "111222333",
        c: "NL91 ABNA 0417 1643 00",
        d: "06-12345678",
        e: "000099998888"
      }),
      false
    );
    const kinds = new Set(scanDirectory(leak, NEEDLES).map((f) => f.kind));
    for (const k of [
      "e-mailadres",
      "BSN (elfproef)",
      "IBAN",
      "telefoonnummer",
      "vestigingsnummer (12 cijfers)"
    ])
      expect(kinds).toContain(k);
  });

  it("does not flag short needles, allowed area names, or library numbers", () => {
    const quiet = plant(dist, "index.html", `<p>Bol.com en Binnenstad</p>`);
    expect(scanDirectory(quiet, NEEDLES)).toEqual([]);
  });

  it("does not take Framework's cell ids for KvK numbers, but still flags such a number in text", () => {
    const page = `<script type="module">define({id: "86922343", inputs: [], body: () => 1});</script>
<div class="observablehq observablehq--block"><!--:86922343:--></div>`;
    expect(scanDirectory(plant(dist, "risicolocaties.html", page, false), NEEDLES)).toEqual([]);
    const leak = plant(dist, "risicolocaties.html", `${page}<p>KvK 86922343</p>`, false);
    expect(scanDirectory(leak, NEEDLES).map((f) => f.kind)).toEqual(["KvK-nummer (8 cijfers)"]);
  });

  it("ignores a date constant in library code, but not a date in our own files or a name there", () => {
    const lib = 'const rr=new Date("2015-12-02T00:00").getHours();';
    const inLibrary = plant(dist, "_node/d3-dsv@3.0.2/index.js", lib, false);
    expect(scanDirectory(inLibrary, NEEDLES)).toEqual([]);
    const inPage = plant(dist, "_import/lib/pages/x.js", lib, false);
    expect(scanDirectory(inPage, NEEDLES).map((f) => f.kind)).toEqual(["datum"]);
    const nameInLibrary = plant(dist, "_node/d3-dsv@3.0.2/index.js", `${lib}"Atelier Vera Smits"`, false);
    expect(scanDirectory(nameInLibrary, NEEDLES).map((f) => f.kind)).toEqual(["naam"]);
  });

  it("collects needles from a bronmap's record tables and raw files", async () => {
    const dir = fakeBronmap();
    const rows: Record<string, unknown[][]> = {
      naam: [["Atelier Vera Smits"]],
      kvk_nummer: [["12505602"]],
      vestigingsnummer: [["000016430034"]],
      signaal_id: [["SIG-2015-0000001"]],
      datum: [["2015-12-02"]]
    };
    const connection = {
      runAndReadAll: async (sql: string) => ({getRows: () => rows[/CAST\("(\w+)"/.exec(sql)![1]] ?? []})
    };
    const needles = await collectNeedles({
      dir,
      connection,
      tables: new Set(["vestigingen", "signalen"]),
      areas: {
        gemeenten: [{naam: "Voorbeeld"}],
        wijken: [],
        buurten: [{naam: "Binnenstad"}],
        bedrijventerreinen: []
      }
    });
    const values = needles.strings.map((s) => s.value);
    for (const v of [
      "Atelier Vera Smits",
      "12505602",
      "000016430034",
      "SIG-2015-0000001",
      "2015-12-02",
      "02-12-2015",
      "1522LJ",
      "1522 LJ",
      "1629 BE 181"
    ]) {
      expect(values).toContain(v);
    }
    expect(needles.points).toContainEqual({a: 51.809225, b: 5.963086, crs: "wgs84"});
    expect(needles.allow).toContain("Binnenstad");
  });
});
