/**
 * Reading query results column by column (context.ts): `columns` gives the values the library's
 * `getColumns` gives, and `columnsWithNumbers` the same numbers in typed arrays with a NULL flag,
 * also across chunk boundaries (2,048 rows) and the 32-bit words of the NULL mask. The typed arrays
 * are the vectors' own fields: a library version without them must show up here (the reading then
 * still works, but through `getItem`, much slower nationally).
 */
import {DuckDBInstance, type DuckDBConnection, type DuckDBInstance as Instance} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {columns, columnsWithNumbers, vectorArrays} from "../../data-loaders/indicators/context.ts";

let db: Instance;
let c: DuckDBConnection;
// 5,000 rows: three chunks; NULLs at rows 31, 32, 63, 64 (mask word edges) and every seventh row.
const SQL = `SELECT i::INTEGER AS i, (i * 1000000000000)::BIGINT AS big,
    CASE WHEN i IN (31, 32, 63, 64) OR i % 7 = 3 THEN NULL WHEN i = 5 THEN '-0'::DOUBLE ELSE i / 3 END AS d,
    CASE WHEN i % 11 = 0 THEN NULL ELSE (i % 5)::INTEGER END AS n,
    CASE WHEN i % 13 = 0 THEN NULL ELSE 'GM' || (i % 40) END AS s,
    CASE WHEN i % 17 = 0 THEN NULL ELSE i % 2 = 0 END AS b
  FROM range(5000) r(i) ORDER BY i`;

beforeAll(async () => {
  db = await DuckDBInstance.create(":memory:");
  c = await db.connect();
});
afterAll(() => {
  c?.closeSync();
  db?.closeSync();
});

describe("result columns", () => {
  it("columns gives what getColumns gives, value for value (NULLs, -0, BIGINT as bigint)", async () => {
    const expected = (await c.runAndReadAll(SQL)).getColumns();
    const got = await columns(c, SQL, 6);
    expect(got.map((col) => col.length)).toEqual(Array(6).fill(5000));
    for (let k = 0; k < 6; k++)
      for (let r = 0; r < 5000; r++)
        expect(Object.is(got[k][r], expected[k][r]), `kolom ${k} rij ${r}`).toBe(true);
    expect(got[2][31]).toBeNull();
    expect(Object.is(got[2][5], -0)).toBe(true);
  });

  it("columnsWithNumbers gives the numbers in typed arrays, with a flag for NULL", async () => {
    const expected = (await c.runAndReadAll(SQL)).getColumns();
    const {columns: text, numbers} = await columnsWithNumbers(c, SQL, 6, 4);
    expect(numbers).toHaveLength(2);
    for (let k = 0; k < 4; k++)
      for (let r = 0; r < 5000; r++) expect(Object.is(text[k][r], expected[k][r])).toBe(true);
    for (let k = 4; k < 6; k++) expect(text[k]).toBeUndefined();
    const alsGetal = await columnsWithNumbers(c, SQL, 4, 0);
    for (let k = 0; k < 4; k++) {
      const {values, isNull} = alsGetal.numbers[k];
      expect(values).toHaveLength(5000);
      for (let r = 0; r < 5000; r++) {
        const v = expected[k][r];
        expect(isNull[r], `kolom ${k} rij ${r}`).toBe(v === null ? 1 : 0);
        if (v !== null) expect(Object.is(values[r], Number(v)), `kolom ${k} rij ${r}`).toBe(true);
      }
    }
    expect(alsGetal.numbers[2].isNull[32]).toBe(1);
    expect(alsGetal.numbers[2].isNull[33]).toBe(0);
  });

  it("reads INTEGER, BIGINT and DOUBLE vectors from their typed arrays, other types through getItem", async () => {
    const chunk = (await (await c.run(SQL)).fetchAllChunks())[0];
    expect(vectorArrays(chunk.getColumnVector(0))?.items).toBeInstanceOf(Int32Array);
    expect(vectorArrays(chunk.getColumnVector(1))?.items).toBeInstanceOf(BigInt64Array);
    expect(vectorArrays(chunk.getColumnVector(2))?.items).toBeInstanceOf(Float64Array);
    expect(vectorArrays(chunk.getColumnVector(2))?.mask).toBeInstanceOf(Uint32Array);
    expect(vectorArrays(chunk.getColumnVector(0))?.mask).toBeNull();
    expect(vectorArrays(chunk.getColumnVector(4))).toBeNull();
    expect(vectorArrays(chunk.getColumnVector(5))).toBeNull();
  });

  it("an empty result gives empty columns", async () => {
    expect(await columns(c, "SELECT 1 AS a, 'x' AS b WHERE false", 2)).toEqual([[], []]);
    const {columns: text, numbers} = await columnsWithNumbers(
      c,
      "SELECT 'x' AS a, 1.5 AS b WHERE false",
      2,
      1
    );
    expect(text).toEqual([[]]);
    expect(numbers[0].values).toHaveLength(0);
  });
});
