/**
 * Point-in-polygon as a DuckDB scalar function (records.ts `registerPointFunction`): called from
 * DuckDB's threads over many data chunks, it gives every point exactly the area, level and
 * bedrijventerrein that `locateBatch` gives on this thread, for RD x/y and for WGS84 lat/lon, and
 * it collects exactly the lines of the points outside every area.
 */
import {DuckDBInstance} from "@duckdb/node-api";
import {describe, expect, it} from "vitest";
import {locateBatch} from "../../data-loaders/geo/locate-points.ts";
import {rdToWgs84} from "../../data-loaders/geo/crs.ts";
import {readAreas} from "../../data-loaders/sources/areas.ts";
import {areaIndexes, registerPointFunction} from "../../data-loaders/sources/records.ts";
import {resolveBronmap} from "../../data-loaders/resolve-bronmap.ts";

describe("point-in-polygon inside DuckDB", () => {
  it("gives each point the areas of locateBatch and collects the points outside", async () => {
    const demo = await resolveBronmap();
    const areaSet = readAreas(demo.dir);
    const indexes = areaIndexes(areaSet);
    // Points around the region's area bounding boxes, beyond their edges too: inside and outside.
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const a of indexes.levels[0].areas)
      for (const ring of a)
        for (const r of ring)
          for (let i = 0; i < r.length; i += 2) {
            x0 = Math.min(x0, r[i]);
            x1 = Math.max(x1, r[i]);
            y0 = Math.min(y0, r[i + 1]);
            y1 = Math.max(y1, r[i + 1]);
          }
    const n = 20_000;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    const lats = new Float64Array(n).fill(NaN);
    const lons = new Float64Array(n).fill(NaN);
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 1.2 - 0.1;
    for (let i = 0; i < n; i++) {
      const x = x0 + rnd() * (x1 - x0);
      const y = y0 + rnd() * (y1 - y0);
      // Every third point as lat/lon only.
      if (i % 3 === 0) {
        [lons[i], lats[i]] = rdToWgs84(x, y);
        xs[i] = NaN;
        ys[i] = NaN;
      } else {
        xs[i] = x;
        ys[i] = y;
      }
    }
    const expected = locateBatch(indexes, {xs, ys, lats, lons});

    const instance = await DuckDBInstance.create(":memory:", {threads: "2"});
    const connection = await instance.connect();
    try {
      await connection.run("CREATE TABLE p(_line INTEGER, x DOUBLE, y DOUBLE, lat DOUBLE, lon DOUBLE)");
      const appender = await connection.createAppender("p");
      for (let i = 0; i < n; i++) {
        appender.appendInteger(i + 1);
        for (const v of [xs[i], ys[i], lats[i], lons[i]]) appender.appendDouble(v);
        appender.endRow();
      }
      appender.closeSync();
      const f = registerPointFunction(connection, indexes);
      const R = f.radix;
      const rows = (
        await connection.runAndReadAll(
          `SELECT _line, (c // ${R * R})::INTEGER - 1, ((c // ${R}) % ${R})::INTEGER - 1, (c % ${R})::INTEGER - 1
           FROM (SELECT _line, ${f.name}(_line, x, y, lat, lon)::BIGINT AS c FROM p) ORDER BY _line`
        )
      ).getRows();
      f.state.indexes = null;
      expect(rows.length).toBe(n);
      const outside = new Set<number>();
      let inBt = 0;
      rows.forEach(([line, lvl, idx, bt], i) => {
        expect([line, lvl, idx, bt]).toEqual([i + 1, expected.lvl[i], expected.idx[i], expected.bt[i]]);
        if (expected.lvl[i] < 0) outside.add(i + 1);
        if (expected.bt[i] >= 0) inBt++;
      });
      // The sample has points inside, outside and on a bedrijventerrein.
      expect(outside.size).toBeGreaterThan(0);
      expect(outside.size).toBeLessThan(n);
      expect(inBt).toBeGreaterThan(0);
      expect(f.state.outside).toEqual(outside);
      expect(f.state.points).toBe(n);
      // After the statement the function refuses to run rather than use released indexes.
      await expect(connection.run(`SELECT ${f.name}(1, 0, 0, 0, 0)`)).rejects.toThrow(/na afloop/);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  }, 120_000);
});
