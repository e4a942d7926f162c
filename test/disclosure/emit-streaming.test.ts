/**
 * The gate's file writer (`writePublishedFile`, emit.ts) writes large arrays in slices, not as
 * one string: its bytes must still be exactly `JSON.stringify` of the file's envelope. Checked
 * around every boundary of the slicing (arrays below the streaming minimum, exactly one slice,
 * one more, several) and with values JSON.stringify treats specially (null, negative zero,
 * non-ASCII and quotes in a text, undefined inside a metadata list).
 */
import {createHash} from "node:crypto";
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {
  publishBundle,
  publishMetadata,
  runGate,
  tableOf,
  toContract,
  writePublishedFile
} from "../../data-loaders/disclosure/gate.ts";
import type {CountCell, TableDeclaration} from "../../data-loaders/disclosure/gate.ts";
import {alles} from "./helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "emit-streaming-"));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** One gemeente with `n` buurten of 20 each (nothing suppressed: k for vestigingen is 5). */
function table(n: number): TableDeclaration {
  const cells: CountCell[] = [
    {gebiedcode: "GM0001", gebiedniveau: "gemeente", bovenliggend: null, jaar: 2024, value: 20 * n}
  ];
  for (let i = 0; i < n; i++)
    cells.push({
      gebiedcode: `BU0001${String(i).padStart(4, "0")}`,
      gebiedniveau: "buurt",
      bovenliggend: "GM0001",
      jaar: 2024,
      value: 20
    });
  return {
    id: "t",
    title: 'Tabel met "aanhalingstekens" en één ë',
    unitKind: "vestigingen",
    measure: "count",
    dimensions: ["gebied", "jaar"],
    cells
  };
}

describe("writePublishedFile writes in slices and still exactly JSON.stringify", () => {
  for (const n of [0, 254, 255, 1023, 1024, 2047, 2048, 3001]) {
    it(`a table of ${n + 1} cells`, async () => {
      const result = await runGate({tables: [table(n)], options: {workers: false}});
      const lijst = Array.from({length: 700}, (_, i) => (i % 3 === 0 ? null : i % 3 === 1 ? -0 : `ë"${i}`));
      const bundle = publishBundle({t: tableOf(result, "t"), lijst: publishMetadata("tekst", lijst)});
      const path = join(dir, `t${n}.json`);
      const {bytes} = writePublishedFile(bundle, path, {naam: "t.json", contract: alles});
      const written = readFileSync(path, "utf8");
      const cellen = tableOf(result, "t").cellen;
      expect(cellen).toHaveLength(n + 1);
      // The envelope the writer serialises: the bundle's parts as plain JSON, schemaVersion first.
      const expected = JSON.stringify({
        schemaVersion: 1,
        onderdelen: {
          t: {
            schemaVersion: 1,
            id: "t",
            titel: tableOf(result, "t").titel,
            soort: "telling",
            eenheidSoort: "vestigingen",
            eenheid: "aantal",
            dimensies: ["gebied", "jaar"],
            cellen
          },
          lijst: {schemaVersion: 1, soort: "tekst", waarde: lijst}
        }
      });
      expect(written).toBe(expected);
      expect(bytes).toBe(Buffer.byteLength(expected));
    });
  }
});

describe("writePublishedFile: the array pieces across the writer's buffer and between files", () => {
  it("a file larger than the 4 MB buffer, then a small one and the large one again, each exactly its own bytes", async () => {
    // 60,000 buurten of ~110 bytes each: about 7 MB, so the buffer is flushed between array
    // pieces (whose "[" and "]" are changed in the buffer, emit.ts `writeArrayPiece`).
    const groot = await runGate({tables: [table(60_000)], options: {workers: false}});
    const klein = await runGate({tables: [table(2)], options: {workers: false}});
    for (const [naam, result] of [
      ["groot", groot],
      ["klein", klein],
      ["groot-weer", groot]
    ] as const) {
      const path = join(dir, `${naam}.json`);
      const bundle = publishBundle({t: tableOf(result, "t")});
      const {sha256, bytes} = writePublishedFile(bundle, path, {naam: "t.json", contract: alles});
      const written = readFileSync(path);
      expect(written.toString("utf8")).toBe(JSON.stringify(toContract(bundle)));
      expect(bytes).toBe(written.length);
      expect(sha256).toBe(createHash("sha256").update(written).digest("hex"));
    }
    expect(readFileSync(join(dir, "groot.json")).length).toBeGreaterThan(4 << 20);
  });
});
