/**
 * Hidden parts (`TableDeclaration.hidden`): a cross classification the published tables only
 * show summed. The worked case is the one of docs/privacy.md: a bedrijventerrein lying in one
 * buurt. Signals per buurt and per terrein are both published; the buurt's signals are those on
 * the terrein plus those outside it, so buurt minus terrein gives the signals outside the
 * terrein, a count the gate never published.
 *
 * By hand (k = 10 for signals): buurt B1 has 15 signals, 12 of them on terrein T, so 3 outside;
 * buurt B2 has 20, none on a terrein; their wijk has 35. Every published count is at or above
 * 10, so without the hidden parts nothing is suppressed and 15 - 12 = 3 is exact. With them the
 * part "B1 outside T" (3) is primary: it needs an interval of width 10 with 3 strictly inside.
 * Suppressing T alone gives B1 = 15 = T + rest with T in [0, 15], so rest in [0, 15]: width 15,
 * 3 inside, enough; suppressing B1 instead would need B2 as well (the wijk is published), so T
 * (one cell, 12) is the cheapest pattern.
 */
import {describe, expect, it} from "vitest";
import {
  auditSuppressionPattern,
  runGate,
  tableOf,
  type CountCell,
  type Relation,
  type TableDeclaration
} from "../../data-loaders/disclosure/gate.ts";

const cell = (
  code: string,
  niveau: CountCell["gebiedniveau"],
  parent: string | null,
  value: number,
  categorie?: string
): CountCell => ({
  gebiedcode: code,
  gebiedniveau: niveau,
  bovenliggend: parent,
  ...(categorie !== undefined ? {categorie} : {}),
  jaar: 2024,
  value
});

function input(outside: number, withParts: boolean): {tables: TableDeclaration[]; links: Relation[]} {
  const onT = 12;
  const b1 = onT + outside;
  const signalen: TableDeclaration = {
    id: "signalen",
    title: "Signalen",
    unitKind: "signalen",
    measure: "count",
    dimensions: ["gebied", "jaar"],
    cells: [
      cell("WK000100", "wijk", null, b1 + 20),
      cell("BU00010001", "buurt", "WK000100", b1),
      cell("BU00010002", "buurt", "WK000100", 20)
    ]
  };
  const terrein: TableDeclaration = {
    id: "bt-signalen",
    title: "Signalen op bedrijventerreinen",
    unitKind: "signalen",
    measure: "count",
    dimensions: ["bedrijventerrein", "jaar"],
    cells: [cell("BT01", "regio", "GM0001", onT)]
  };
  if (!withParts) return {tables: [signalen, terrein], links: []};
  const parts: TableDeclaration = {
    id: "bt-signalen-delen",
    title: "Signalen per buurt op en buiten terreinen",
    unitKind: "signalen",
    measure: "count",
    dimensions: ["gebied", "terrein", "jaar"],
    hidden: true,
    cells: [
      cell("BU00010001", "buurt", null, onT, "BT01"),
      cell("BU00010001", "buurt", null, outside, "-"),
      cell("BU00010002", "buurt", null, 20, "-")
    ]
  };
  const ref = (table: string, c: CountCell) => ({...c, table});
  const [, b1Cell, b2Cell] = signalen.cells;
  const [onCell, outCell, b2Part] = parts.cells;
  const links: Relation[] = [
    {
      sense: "=",
      terms: [
        {cell: ref("signalen", b1Cell), coef: 1},
        {cell: ref(parts.id, onCell), coef: -1},
        {cell: ref(parts.id, outCell), coef: -1}
      ]
    },
    {
      sense: "=",
      terms: [
        {cell: ref("signalen", b2Cell), coef: 1},
        {cell: ref(parts.id, b2Part), coef: -1}
      ]
    },
    {
      sense: "=",
      terms: [
        {cell: ref("bt-signalen", terrein.cells[0]), coef: 1},
        {cell: ref(parts.id, onCell), coef: -1}
      ]
    }
  ];
  return {tables: [signalen, terrein, parts], links};
}

const statuses = (r: Awaited<ReturnType<typeof runGate>>) =>
  [...tableOf(r, "signalen").cellen, ...tableOf(r, "bt-signalen").cellen].map(
    (c) => `${c.gebiedcode}:${c.status || c.waarde}`
  );

describe("hidden parts", () => {
  it("without them the gate publishes everything, and buurt minus terrein gives the 3 outside", async () => {
    const r = await runGate(input(3, false));
    expect(statuses(r)).toEqual(["WK000100:35", "BU00010001:15", "BU00010002:20", "BT01:12"]);
  });

  it("with them the gate suppresses the terrein (the cheapest pattern) and the part is protected", async () => {
    const decl = input(3, true);
    const r = await runGate(decl);
    expect(statuses(r)).toEqual(["WK000100:35", "BU00010001:15", "BU00010002:20", "BT01:onderdrukt"]);
    // The gate's own pattern audit on that pattern: the hidden part 3 lies in [0, 15].
    const audit = await auditSuppressionPattern(
      decl,
      (table, c) => table === "bt-signalen" && c.gebiedcode === "BT01"
    );
    const part = audit.cells.find(
      (c) => c.table === "bt-signalen-delen" && c.cell.categorie === "-" && c.cell.gebiedcode === "BU00010001"
    )!;
    expect([part.lo, part.hi, part.safe]).toEqual([0, 15, true]);
    // ...and publishing everything would leave it exact.
    const open = await auditSuppressionPattern(decl, () => false);
    expect(
      open.failures.map((c) => `${c.table}:${c.cell.gebiedcode}:${c.cell.categorie}:${c.lo}-${c.hi}`)
    ).toEqual(["bt-signalen-delen:BU00010001:-:3-3"]);
  });

  it("never publishes a hidden table, nor counts it in the report or the open data", async () => {
    const r = await runGate(input(3, true));
    expect([...r.tables.keys()]).toEqual(["signalen", "bt-signalen"]);
    expect(r.report.tabellen.map((t) => t.id)).toEqual(["signalen", "bt-signalen"]);
    expect(r.openData.some((row) => row.indicator === "bt-signalen-delen")).toBe(false);
    expect(r.report.informatieverlies.publiceerbaar).toBe(4);
  });

  it("a part at or above k may be exact: 13 outside the terrein suppresses nothing", async () => {
    const r = await runGate(input(13, true));
    expect(statuses(r)).toEqual(["WK000100:45", "BU00010001:25", "BU00010002:20", "BT01:12"]);
  });

  it("refuses a hidden table with key totals", async () => {
    const decl = input(3, true);
    decl.tables[2].keyTotals = {levels: ["buurt"]};
    await expect(runGate(decl)).rejects.toThrow(/Verborgen tabel/);
  });
});
