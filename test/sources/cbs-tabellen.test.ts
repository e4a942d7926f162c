/**
 * Provenance of the built-in data: the descriptions of the CBS tables and the list of mergers
 * must still follow from the real public files beside the project (../shared/real-data).
 */
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {describe, expect, it} from "vitest";
import {CBS_TABELLEN} from "../../data-loaders/sources/cbs-tabellen.ts";
import {STANDAARD_HERINDELINGEN} from "../../data-loaders/sources/herindelingen.ts";
import {REAL, recordTables} from "../../scripts/record-cbs-tables.ts";

describe.skipIf(!existsSync(REAL))("built-in CBS data against the real files", () => {
  it("records every table description exactly as the real metadata gives it", async () => {
    expect(await recordTables()).toEqual(CBS_TABELLEN);
  }, 30_000);

  it("lists only mergers whose old codes are in KWB 2020 and whose new codes are among the gemeenten of 2023", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const c = await instance.connect();
    const rows = (
      await c.runAndReadAll(
        `SELECT trim(WijkenEnBuurten), trim(Gemeentenaam_1) FROM '${join(REAL, "kwb2020_84799NED_TypedDataSet_full.statline-bq.parquet")}' WHERE SoortRegio_2 LIKE 'Gemeente%'`
      )
    ).getRows();
    c.closeSync();
    instance.closeSync();
    const in2020 = new Map(rows.map(([code, naam]) => [String(code), String(naam)]));
    const g2023 = JSON.parse(readFileSync(join(REAL, "cbs_gemeente_2023_wgs84.geojson"), "utf8")) as {
      features: Array<{properties: {statcode: string; statnaam: string}}>;
    };
    const in2023 = new Map(g2023.features.map((f) => [f.properties.statcode, f.properties.statnaam]));
    for (const h of STANDAARD_HERINDELINGEN) {
      expect(in2020.get(h.oud), h.oud).toBe(h.oudeNaam);
      expect(in2023.has(h.oud), h.oud).toBe(false);
      expect(in2023.get(h.nieuw), h.nieuw).toBe(h.nieuweNaam);
    }
    // Every gemeente of 2020 that is gone by 2023 is in the list: no series can vanish.
    const weg = [...in2020.keys()].filter((c) => !in2023.has(c)).sort();
    expect([...new Set(STANDAARD_HERINDELINGEN.map((h) => h.oud))].sort()).toEqual(weg);
  });
});
