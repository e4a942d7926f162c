/**
 * Point location split over two threads: a bronmap read with the worker gives exactly the same
 * tables as one read on a single thread, and the worker really located part of the points.
 */
import {describe, expect, it} from "vitest";
import {loadBronmap} from "../../data-loaders/sources/bronmap.ts";
import {resolveBronmap} from "../../data-loaders/resolve-bronmap.ts";

const LOCATED = {
  vestigingen: "vestigingsnummer",
  signalen: "signaal_id",
  eigendommen: "concat_ws('-', kvk_nummer, object_id)",
  panden: "pand_id"
} as const;

async function located(pointWorker: boolean) {
  const demo = await resolveBronmap();
  const logs: string[] = [];
  const b = await loadBronmap(demo.dir, {log: (m) => logs.push(m), pointWorker});
  try {
    const out: Record<string, string> = {};
    for (const [table, id] of Object.entries(LOCATED)) {
      if (!b.tables.has(table as keyof typeof LOCATED)) continue;
      const rows = (
        await b.connection.runAndReadAll(
          `SELECT string_agg(concat_ws('|', ${id}, gemeentecode, wijkcode, buurtcode, bedrijventerrein, buitengebied), ';' ORDER BY ${id}) FROM ${table}`
        )
      ).getRows();
      out[table] = String(rows[0][0]);
    }
    return {out, logs};
  } finally {
    b.close();
  }
}

describe("point location in a worker thread", () => {
  it("assigns every record the same areas as on one thread", async () => {
    const one = await located(false);
    const two = await located(true);
    expect(Object.keys(two.out).length).toBeGreaterThanOrEqual(2);
    for (const table of Object.keys(one.out)) expect(two.out[table], table).toBe(one.out[table]);
    expect(one.logs.some((l) => l.includes("tweede thread"))).toBe(false);
    const split = /\((\d+) van (\d+) partijen in een tweede thread\)/.exec(
      two.logs.find((l) => l.startsWith("vestigingen.csv")) ?? ""
    );
    expect(split).not.toBeNull();
    expect(Number(split![1])).toBeGreaterThan(0);
  }, 60_000);
});
