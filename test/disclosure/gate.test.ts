/**
 * The publish gate as a loader uses it: thresholds and their floor, the p%-rule, derived values,
 * group disclosure, remainders, rounding, the branded output, metadata checks, report and open data.
 */
import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {
  OPEN_DATA_COLUMNS,
  emitJson,
  publishBundle,
  publishMetadata,
  runGate,
  tableOf,
  writeOpenData,
  writeOpenDataInWorker,
  encodeOpenData,
  type CountCell,
  type PublishedTable,
  type TableDeclaration
} from "../../data-loaders/disclosure/gate.ts";
import {assertBundle} from "../../src/lib/contracts.ts";
import {TRENDS_DEEL} from "../../src/shared/contracts/trends.ts";
import {bundleFromArrow} from "../../src/lib/bundle-arrow.ts";
import {arrowBytes, bundleArrowBytes} from "../../data-loaders/disclosure/emit.ts";
import {tableFromIPC} from "apache-arrow";

const buurt = (code: string, value: number, extra: Partial<CountCell> = {}): CountCell => ({
  gebiedcode: code,
  gebiedniveau: "buurt",
  bovenliggend: code.replace(/^BU(\d{6})\d{2}$/, "WK$1"),
  jaar: 2024,
  value,
  ...extra
});

/** One wijk with buurten, plus the wijk and gemeente totals. */
function wijkTable(
  id: string,
  unitKind: TableDeclaration["unitKind"],
  values: number[],
  wijkExtra = 0
): TableDeclaration {
  const cells = values.map((v, i) => buurt(`BU00010${i}0${i}`.slice(0, 8) + String(i).padStart(2, "0"), v));
  for (const c of cells) c.bovenliggend = "WK000100";
  const total = values.reduce((s, v) => s + v, 0) + wijkExtra;
  cells.push({
    gebiedcode: "WK000100",
    gebiedniveau: "wijk",
    bovenliggend: "GM0001",
    jaar: 2024,
    value: total
  });
  cells.push({gebiedcode: "GM0001", gebiedniveau: "gemeente", bovenliggend: null, jaar: 2024, value: total});
  return {id, title: id, unitKind, measure: "count", dimensions: ["gebied", "jaar"], cells};
}

const sink = () => {
  const chunks: (string | Uint8Array)[] = [];
  return {write: (c: string | Uint8Array) => chunks.push(c), text: () => chunks.map(String).join("")};
};

describe("thresholds", () => {
  it("suppresses counts below k per unit kind and publishes zeros and counts >= k", async () => {
    const r = await runGate({tables: [wijkTable("personen", "personen", [3, 0, 10, 25, 40])]});
    const cells = tableOf(r, "personen").cellen;
    const bu = cells.filter((c) => c.gebiedniveau === "buurt");
    expect(bu[0]).toMatchObject({waarde: null, status: "onderdrukt", reden: "onderdrukt: telling < 10"});
    expect(bu[1].waarde).toBe(0);
    for (const c of cells) if (c.waarde !== null) expect(c.waarde === 0 || c.waarde >= 10).toBe(true);
  });

  it("uses k = 5 for establishments", async () => {
    const r = await runGate({tables: [wijkTable("vestigingen", "vestigingen", [5, 6, 30])]});
    expect(tableOf(r, "vestigingen").cellen.every((c) => c.status === "")).toBe(true);
  });

  it("refuses to lower a threshold below the floor and applies a raised one", async () => {
    await expect(runGate({tables: [], options: {thresholds: {personen: 5}}})).rejects.toThrow(/ondergrens/);
    const r = await runGate({
      tables: [wijkTable("personen", "personen", [12, 30, 40])],
      options: {thresholds: {personen: 15}}
    });
    expect(tableOf(r, "personen").cellen[0].reden).toBe("onderdrukt: telling < 15");
    expect(r.report.drempels.personen).toBe(15);
  });
});

describe("magnitudes", () => {
  const magnitude = (contributions: {houder: string; value: number}[][]): TableDeclaration => {
    const cells: CountCell[] = contributions.map((cs, i) => ({
      ...buurt(
        `BU000100${i}`,
        cs.reduce((s, c) => s + c.value, 0)
      ),
      bovenliggend: "WK000100",
      contributions: cs
    }));
    const total = cells.reduce((s, c) => s + (c.value as number), 0);
    cells.push({
      gebiedcode: "WK000100",
      gebiedniveau: "wijk",
      bovenliggend: null,
      jaar: 2024,
      value: total,
      contributions: contributions.flat()
    });
    return {
      id: "omzet",
      title: "Omzet",
      unitKind: "vestigingen",
      measure: "magnitude",
      dimensions: ["gebied", "jaar"],
      cells
    };
  };

  it("suppresses a cell dominated by one holding (p%-rule) and keeps a diverse one", async () => {
    const r = await runGate({
      tables: [
        magnitude([
          [
            {houder: "a", value: 1000},
            {houder: "b", value: 50},
            {houder: "c", value: 20}
          ],
          // Holdings are summed first: a's two establishments make 100, and the rest hides > 10%.
          [
            {houder: "a", value: 50},
            {houder: "a", value: 50},
            {houder: "b", value: 60},
            {houder: "c", value: 60},
            {houder: "d", value: 60}
          ],
          [
            {houder: "e", value: 300},
            {houder: "f", value: 280},
            {houder: "g", value: 260},
            {houder: "h", value: 240}
          ]
        ])
      ]
    });
    const cells = tableOf(r, "omzet").cellen;
    expect(cells[0]).toMatchObject({waarde: null, status: "onderdrukt"});
    expect(cells[0].reden).toMatch(/p%-regel/);
    expect(r.report.tabellen[0].onderdruktPrimair).toBe(1);
    expect(r.report.audit.geslaagd).toBe(true);
  });
});

describe("derived values inherit suppression", () => {
  const counts = wijkTable("signalen", "signalen", [4, 20, 30]);
  const inwoners: TableDeclaration = {
    id: "inwoners",
    title: "Inwoners",
    unitKind: "publiek",
    measure: "count",
    dimensions: ["gebied", "jaar"],
    cells: counts.cells.map((c) => ({...c, value: c.gebiedniveau === "buurt" ? 1000 : 3000}))
  };
  const rate = {
    id: "signalen-per-1000",
    title: "Signalen per 1000 inwoners",
    eenheid: "per-1000",
    kind: "ratio" as const,
    scale: 1000,
    cells: counts.cells.map((c) => ({
      ...c,
      bases: [
        {table: "signalen", ...c},
        {table: "inwoners", ...c}
      ]
    }))
  };

  it("publishes a rate as null with the reason when its count is suppressed", async () => {
    const r = await runGate({tables: [counts, inwoners], derived: [rate]});
    const cells = tableOf(r, "signalen-per-1000").cellen;
    expect(cells[0]).toMatchObject({waarde: null, status: "onderdrukt", reden: "onderdrukt: telling < 10"});
    const secondary = tableOf(r, "signalen").cellen.findIndex((c) => c.reden?.includes("andere cel"));
    expect(cells[secondary]).toMatchObject({waarde: null, reden: "onderdrukt: afgeleid van onderdrukte cel"});
    expect(cells.find((c) => c.gebiedniveau === "wijk")!.waarde).toBe(18);
  });

  it("never hands a suppressed value to a custom compute function", async () => {
    const seen: number[][] = [];
    const custom = {
      ...rate,
      id: "eigen",
      kind: "custom" as const,
      compute: (b: readonly number[]) => (seen.push([...b]), b[0])
    };
    await runGate({tables: [counts, inwoners], derived: [custom]});
    expect(seen.flat()).not.toContain(4);
  });

  // The wijk's rate stands in for a buurt whose count is suppressed (the kwetsbaarheidsindex).
  const metWijk = (extra: object) => ({
    id: "met-wijk",
    title: "Signalen per 1000, anders van de wijk",
    eenheid: "per-1000",
    kind: "custom" as const,
    decimals: 2,
    cells: counts.cells
      .filter((c) => c.gebiedniveau === "buurt")
      .map((c) => {
        const wijk = counts.cells.find((w) => w.gebiedcode === c.bovenliggend)!;
        return {
          ...c,
          bases: [
            {table: "signalen", ...c},
            {table: "inwoners", ...c}
          ],
          alternatives: [
            [
              {table: "signalen", ...wijk},
              {table: "inwoners", ...wijk}
            ]
          ]
        };
      }),
    ...extra
  });

  it("rests a cell on its first alternative base set when a base is suppressed", async () => {
    const r = await runGate({
      tables: [counts, inwoners],
      derived: [metWijk({compute: (b: readonly number[]) => (1000 * b[0]!) / b[1]!})]
    });
    const status = tableOf(r, "signalen").cellen.map((c) => c.status);
    const cells = tableOf(r, "met-wijk").cellen;
    // Buurt 0 has 4 signals (< 10): it takes the wijk's 54 per 3,000 = 18 per 1,000.
    expect(status[0]).toBe("onderdrukt");
    expect(cells[0]).toMatchObject({waarde: 18, status: ""});
    // The buurt with 30 signals over 1,000 inhabitants keeps its own 30, unless it is the
    // secondary suppression (then 18 too).
    expect(cells[2]!.waarde).toBe(status[2] === "" ? 30 : 18);
    expect(cells.every((c) => c.waarde !== null)).toBe(true);
  });

  it("hands a table step only published values, and which base set each cell rests on", async () => {
    const seen: Array<{values: number[]; alternative: number} | null> = [];
    const r = await runGate({
      tables: [counts, inwoners],
      derived: [
        metWijk({
          computeTable: (rows: ReadonlyArray<{values: readonly number[]; alternative: number} | null>) => {
            seen.push(...rows.map((x) => (x ? {values: [...x.values], alternative: x.alternative} : null)));
            // A statistic over the table: each value minus the smallest.
            const min = Math.min(...rows.map((x) => (x ? x.values[0]! : Infinity)));
            return rows.map((x) => (x ? x.values[0]! - min : "geen"));
          }
        })
      ]
    });
    const status = tableOf(r, "signalen").cellen.map((c) => c.status);
    const suppressed = counts.cells.filter((_, i) => status[i] !== "").map((c) => c.value);
    // The suppressed buurt counts (4 and its secondary partner) never reach the step.
    for (const v of suppressed) expect(seen.flatMap((x) => x!.values)).not.toContain(v);
    expect(seen.map((x) => x!.alternative)).toEqual(status.slice(0, 3).map((st) => (st === "" ? 0 : 1)));
    // Published buurt 30 (if published) minus the smallest published base value.
    const cells = tableOf(r, "met-wijk").cellen;
    expect(cells[0]!.waarde).toBe(seen[0]!.values[0]! - Math.min(...seen.map((x) => x!.values[0]!)));
  });

  it("gives two table steps over the same cell list the same cells as over copies of it", async () => {
    // The gate does the base pass of a table step once per cell list (derived.ts): two steps
    // over one list (as the signal z-scores and the index) must still each get their own values.
    type Row = {values: readonly number[]; alternative: number} | null;
    const shared = metWijk({}).cells;
    const stepped = (id: string, cells: typeof shared, f: (x: number) => number, seen: Row[][]) =>
      metWijk({
        id,
        cells,
        computeTable: (rows: readonly Row[]) => {
          seen.push([...rows]);
          return rows.map((x) => (x ? f(x.values[0]!) : "geen"));
        }
      });
    const gate = async (cells: (n: number) => typeof shared) => {
      const seen: Row[][] = [];
      const r = await runGate({
        tables: [counts, inwoners],
        derived: [
          stepped("plus", cells(0), (x) => x + 1, seen),
          stepped("maal", cells(1), (x) => 2 * x, seen)
        ]
      });
      return {r, seen};
    };
    const one = await gate(() => shared);
    const two = await gate(() => [...shared]);
    for (const id of ["plus", "maal"]) expect(tableOf(one.r, id).cellen).toEqual(tableOf(two.r, id).cellen);
    expect(one.seen).toEqual(two.seen);
    expect(one.seen[0]).toEqual(one.seen[1]);
    const plus = tableOf(one.r, "plus").cellen;
    const maal = tableOf(one.r, "maal").cellen;
    // Each step's own value on the cells with a row; the same "geen" and suppressed cells on both.
    one.seen[0]!.forEach((row, n) => {
      if (row) {
        expect(plus[n]!.waarde).toBe(row.values[0]! + 1);
        expect(maal[n]!.waarde).toBe(2 * row.values[0]!);
      } else expect(maal[n]).toEqual(plus[n]);
    });
    expect(one.r.report.tabellen.find((t) => t.id === "maal")).toEqual(
      two.r.report.tabellen.find((t) => t.id === "maal")
    );
  });

  it("applies group disclosure to shares: a >= k and N - a >= k", async () => {
    const part = wijkTable("deel", "personen", [12, 40]);
    const whole = wijkTable("geheel", "personen", [15, 80]);
    const share = {
      id: "aandeel",
      title: "Aandeel",
      eenheid: "procent",
      kind: "share" as const,
      scale: 100,
      cells: part.cells.map((c) => ({
        ...c,
        bases: [
          {table: "deel", ...c},
          {table: "geheel", ...c}
        ]
      }))
    };
    const r = await runGate({tables: [part, whole], derived: [share]});
    const cells = tableOf(r, "aandeel").cellen;
    expect(cells[0]).toMatchObject({waarde: null, status: "onderdrukt"});
    expect(cells[0].reden).toMatch(/groepsonthulling/);
    expect(cells[1].waarde).toBe(50);
  });
});

describe("remainders and rounding", () => {
  it("adds a remainder cell when buurten do not add up to their wijk", async () => {
    const r = await runGate({tables: [wijkTable("vestigingen", "vestigingen", [20, 30], 7)]});
    const rest = tableOf(r, "vestigingen").cellen.find((c) => c.gebiedcode === "WK000100-ONBEKEND");
    expect(rest).toMatchObject({gebiedniveau: "buurt", bovenliggend: "WK000100", waarde: 7});
  });

  it("rejects a parent smaller than the sum of its children", async () => {
    const t = wijkTable("vestigingen", "vestigingen", [20, 30]);
    t.cells.find((c) => c.gebiedniveau === "wijk")!.value = 10;
    await expect(runGate({tables: [t]})).rejects.toThrow(/kleiner dan de som/);
  });

  it("rounds published wijk and buurt counts to 5 after the audit, not gemeente counts", async () => {
    const r = await runGate({
      tables: [wijkTable("vestigingen", "vestigingen", [23, 31, 12])],
      options: {rounding: true}
    });
    const cells = tableOf(r, "vestigingen").cellen;
    expect(cells.filter((c) => c.gebiedniveau === "buurt").map((c) => c.waarde)).toEqual([25, 30, 10]);
    expect(cells.find((c) => c.gebiedniveau === "buurt")!.status).toBe("afgerond");
    expect(cells.find((c) => c.gebiedniveau === "gemeente")).toMatchObject({waarde: 66, status: ""});
    expect(r.report.totaal.afgerond).toBe(4);
  });
});

describe("only the gate produces output", () => {
  it("emits a published bundle in the browser contract shape", async () => {
    const r = await runGate({tables: [wijkTable("vestigingen", "vestigingen", [2, 30, 40])]});
    const out = sink();
    emitJson(publishBundle({vestigingen: tableOf(r, "vestigingen")}), out);
    // The contract of a file of tables only (a part of trends.json).
    const bundle = assertBundle(JSON.parse(out.text()), TRENDS_DEEL, "trends/regio.json");
    expect(Object.keys(bundle.onderdelen)).toEqual(["vestigingen"]);
    expect(out.text()).not.toContain("__gate");
  });

  it("refuses a look-alike table that did not pass the gate", () => {
    const fake = {
      schemaVersion: 1,
      id: "x",
      titel: "x",
      soort: "telling",
      eenheid: "aantal",
      dimensies: [],
      cellen: [{waarde: 3}]
    };
    expect(() => emitJson(fake as unknown as PublishedTable, sink())).toThrow(/publicatiepoort/);
    expect(() => publishBundle({x: fake as unknown as PublishedTable})).toThrow(/publicatiepoort/);
  });

  it("lets area names and geometry through, but not addresses, points or identifiers", () => {
    expect(() => publishMetadata("gebiedsnamen", [{code: "BU07720101", naam: "Binnenstad"}])).not.toThrow();
    expect(() =>
      publishMetadata("gebiedsnamen", [{code: "BU07720101", naam: "Kerkstraat 1, 5611 AB"}])
    ).toThrow(/postcode/);
    expect(() => publishMetadata("gebiedsnamen", [{code: "Bakkerij de Vries", naam: "x"}])).toThrow(
      /gebiedscode/
    );
    const point = {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: {code: "BU07720101"},
          geometry: {type: "Point", coordinates: [5.1, 52.1]}
        }
      ]
    };
    expect(() => publishMetadata("geometrie", point)).toThrow(/vlakken/);
    const polygon = {
      type: "Feature",
      properties: {code: "BU07720101", naam: "Binnenstad", eigenaar: "x"},
      geometry: {type: "Polygon", coordinates: []}
    };
    expect(() => publishMetadata("geometrie", polygon)).toThrow(/eigenaar/);
    expect(() => publishMetadata("tekst", {uitleg: "Bel 06-12345678 voor vragen"})).toThrow(/telefoon/);
    expect(() => publishMetadata("tekst", {uitleg: "KvK 12345678"})).toThrow(/KvK/);
  });
});

describe("bundles as Arrow IPC", () => {
  it("decode to exactly the object the JSON form parses to: nulls, decimals, categories, metadata", async () => {
    const r = await runGate({
      tables: [
        wijkTable("vestigingen", "vestigingen", [2, 30, 40]),
        wijkTable("signalen", "vestigingen", [0, 11, 9])
      ],
      derived: [
        {
          id: "aandeel",
          title: "aandeel",
          eenheid: "procent",
          kind: "ratio",
          scale: 100,
          decimals: 2,
          cells: ["BU00010101", "BU00010202", "WK000100"].map((code) => {
            const key = {
              gebiedcode: code,
              gebiedniveau: code.startsWith("BU") ? ("buurt" as const) : ("wijk" as const),
              bovenliggend: code.startsWith("BU") ? "WK000100" : "GM0001",
              jaar: 2024
            };
            return {
              ...key,
              categorie: "hennep",
              bases: [
                {...key, table: "signalen"},
                {...key, table: "vestigingen"}
              ]
            };
          })
        }
      ]
    });
    const bundle = publishBundle({
      vestigingen: tableOf(r, "vestigingen"),
      aandeel: tableOf(r, "aandeel"),
      namen: publishMetadata("gebiedsnamen", [{code: "BU07720101", naam: "Binnenstad"}]),
      signalen: tableOf(r, "signalen")
    });
    const out = sink();
    emitJson(bundle, out);
    const expected = JSON.parse(out.text());
    const bytes = bundleArrowBytes(bundle);
    expect(Buffer.from(bytes.subarray(0, 6)).toString("latin1")).toBe("ARROW1");
    const decoded = bundleFromArrow(bytes);
    expect(decoded).toEqual(expected);
    // Same text as well: key order of parts and cells, null versus absent.
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(expected));
    expect(JSON.stringify(decoded)).toContain('"reden":null');
    expect(
      (expected.onderdelen.aandeel.cellen as {waarde: number | null}[]).some(
        (c) => c.waarde !== null && !Number.isInteger(c.waarde)
      )
    ).toBe(true);
    // Deterministic bytes for the same bundle.
    expect(Buffer.from(bundleArrowBytes(bundle)).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe("a table as Arrow IPC", () => {
  it("gives the same bytes every time and decodes to the table's cells", async () => {
    const r = await runGate({tables: [wijkTable("vestigingen", "vestigingen", [2, 30, 40])]});
    const t = tableOf(r, "vestigingen");
    const bytes = arrowBytes(t);
    expect(Buffer.from(arrowBytes(t)).equals(Buffer.from(bytes))).toBe(true);
    const decoded = tableFromIPC(bytes);
    expect(decoded.numRows).toBe(t.cellen.length);
    expect([...decoded.getChild("gebiedcode")!.toArray()]).toEqual(t.cellen.map((c) => c.gebiedcode));
    const waarde = [...decoded.getChild("waarde")!.toArray()] as number[];
    expect(waarde.map((v) => (Number.isNaN(v) ? null : v))).toEqual(t.cellen.map((c) => c.waarde));
  });
});

describe("report and open data", () => {
  it("reports per table and writes cijfers.csv and cijfers.json with suppressed cells empty", async () => {
    const r = await runGate({tables: [wijkTable("vestigingen", "vestigingen", [2, 30, 40])]});
    const t = r.report.tabellen[0];
    expect(t.cellen).toBe(t.gepubliceerd + t.onderdruktPrimair + t.onderdruktSecundair + t.geenData);
    expect(t.onderdruktPrimair).toBe(1);
    expect(t.onderdruktSecundair).toBeGreaterThan(0);
    expect(r.report.audit.geslaagd).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "open-data-"));
    writeOpenData(r, dir);
    const csv = readFileSync(join(dir, "open-data/cijfers.csv"), "utf8").split("\r\n");
    expect(csv[0]).toBe(OPEN_DATA_COLUMNS.join(","));
    expect(csv[0]).toBe("indicator,branche,gebiedcode,gebiedniveau,bovenliggend,jaar,waarde,status,eenheid");
    expect(csv).toContain("vestigingen,,BU00010000,buurt,WK000100,2024,,onderdrukt,aantal");
    const json = JSON.parse(readFileSync(join(dir, "open-data/cijfers.json"), "utf8"));
    expect(json).toEqual(r.openData);
    expect(Object.keys(json[0])).toEqual([...OPEN_DATA_COLUMNS]);
  });

  it("writes the same bytes from columns, and from columns in a worker thread", async () => {
    const r = await runGate({
      tables: [
        wijkTable("vestigingen", "vestigingen", [2, 30, 40]),
        wijkTable("panden", "vestigingen", [7, 1, 12])
      ]
    });
    const files = (dir: string) =>
      ["cijfers.csv", "cijfers.json"].map((f) => readFileSync(join(dir, "open-data", f), "utf8"));
    const fromTables = mkdtempSync(join(tmpdir(), "open-data-t-"));
    writeOpenData(r, fromTables);
    const fromColumns = mkdtempSync(join(tmpdir(), "open-data-c-"));
    const columns = encodeOpenData(r.tables.values());
    expect(columns.n).toBe(r.openData.length);
    expect(Number.isNaN(columns.waarde[r.openData.findIndex((row) => row.waarde === null)])).toBe(true);
    writeOpenData(columns, fromColumns);
    expect(files(fromColumns)).toEqual(files(fromTables));
    const inWorker = mkdtempSync(join(tmpdir(), "open-data-w-"));
    const written = await writeOpenDataInWorker(encodeOpenData(r.tables.values()), inWorker);
    expect(written.rows).toBe(r.openData.length);
    expect(files(inWorker)).toEqual(files(fromTables));
  });
});
