/**
 * The number grammar of the record readers (docs/eigen-data.md, "Getallen"): what is read, as
 * what, and what is refused, evaluated by DuckDB exactly as the readers run it.
 */
import {DuckDBInstance} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {sqlAmbiguous, sqlNumber, type NumberConvention} from "../../data-loaders/sources/records.ts";
import {sqlString} from "../../data-loaders/sources/csv.ts";

let instance: DuckDBInstance;
let connection: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:");
  connection = await instance.connect();
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

async function read(value: string, conv: NumberConvention = null): Promise<number | null> {
  const v = sqlString(value);
  const r = (await connection.runAndReadAll(`SELECT ${sqlNumber(v, conv)}`)).getRows()[0][0];
  return r == null ? null : Number(r);
}

describe("sqlNumber", () => {
  it("reads the forms people write, with a decimal comma or point", async () => {
    expect(await read("1234")).toBe(1234);
    expect(await read("-12")).toBe(-12);
    expect(await read("201000,5")).toBe(201000.5);
    expect(await read("52.499219")).toBe(52.499219);
    expect(await read("1.234,5")).toBe(1234.5);
    expect(await read("1.234.567")).toBe(1234567);
    expect(await read("1,234.5")).toBe(1234.5);
    expect(await read("1e+05")).toBe(100000);
    expect(await read("1,5E+3")).toBe(1500);
  });

  it("refuses what only a programming language reads: hexadecimal, underscores, NaN, infinity", async () => {
    for (const v of ["0x1F4", "1_000", "NaN", "nan", "inf", "-Infinity", "12abc", "1.2.3,4,5", " ", "1e309"])
      expect(await read(v), v).toBeNull();
  });

  it("reads 1.500 and 1,500 only by the column's convention, and marks them ambiguous otherwise", async () => {
    expect(await read("1.500")).toBeNull();
    expect(await read("1,500")).toBeNull();
    expect(await read("1.500", "komma")).toBe(1500);
    expect(await read("1.500", "punt")).toBe(1.5);
    expect(await read("1,500", "komma")).toBe(1.5);
    expect(await read("1,500", "punt")).toBe(1500);
    const amb = async (v: string) =>
      (await connection.runAndReadAll(`SELECT ${sqlAmbiguous(sqlString(v))}`)).getRows()[0][0];
    expect(await amb("1.500")).toBe(true);
    expect(await amb("12,345")).toBe(true);
    expect(await amb("1.5")).toBe(false);
    expect(await amb("1234,500")).toBe(false);
  });
});
