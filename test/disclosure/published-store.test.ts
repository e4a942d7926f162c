/**
 * The gate keeps published cells in columns (`PublishedCellStore`, published.ts) and makes them
 * objects only when a table's `cellen` is read (issue 12, memory). These tests pin what that must
 * not change: a table serialises to exactly the bytes a table with plain cell objects gave, reads
 * of `cellen` give the same array, and a derived cell shared by a copy of a table is one object.
 */
import {describe, expect, it} from "vitest";
import {isPublishable} from "../../data-loaders/disclosure/published.ts";
import {brandStoredTable, PublishedCellStore} from "../../data-loaders/disclosure/published.ts";
import {runGate, tableOf} from "../../data-loaders/disclosure/gate.ts";
import type {CountCell, TableDeclaration} from "../../data-loaders/disclosure/types.ts";

describe("published cells in columns", () => {
  it("serialises as the plain objects did, with null for missing keys and values", () => {
    const store = new PublishedCellStore();
    const a = store.add(
      {gebiedcode: "BU00010001", gebiedniveau: "buurt", bovenliggend: "WK000100", jaar: 2024},
      12,
      "",
      null
    );
    const b = store.add(
      {gebiedcode: "WK000100", gebiedniveau: "wijk", bovenliggend: "GM0001", branche: "horeca", jaar: 2023},
      null,
      "onderdrukt",
      "onderdrukt: telling < 10"
    );
    const c = store.add(
      {gebiedcode: "GM0001", gebiedniveau: "gemeente", bovenliggend: null, jaar: 2024},
      2.5,
      "",
      null
    );
    const head = {
      schemaVersion: 1 as const,
      id: "t",
      titel: "T",
      soort: "telling" as const,
      eenheidSoort: "vestigingen" as const,
      eenheid: "aantal" as const,
      dimensies: ["gebied", "jaar"]
    };
    const table = brandStoredTable(head, store, Int32Array.from([a, b, c]));
    expect(isPublishable(table)).toBe(true);
    expect(Object.isFrozen(table)).toBe(true);
    // Written out by hand: the key order of the head, `cellen` in its place, then the brand field.
    expect(JSON.stringify(table)).toBe(
      '{"schemaVersion":1,"id":"t","titel":"T","soort":"telling","eenheidSoort":"vestigingen","eenheid":"aantal","dimensies":["gebied","jaar"],"cellen":[' +
        '{"gebiedcode":"BU00010001","gebiedniveau":"buurt","bovenliggend":"WK000100","branche":null,"categorie":null,"jaar":2024,"waarde":12,"status":"","reden":null},' +
        '{"gebiedcode":"WK000100","gebiedniveau":"wijk","bovenliggend":"GM0001","branche":"horeca","categorie":null,"jaar":2023,"waarde":null,"status":"onderdrukt","reden":"onderdrukt: telling < 10"},' +
        '{"gebiedcode":"GM0001","gebiedniveau":"gemeente","bovenliggend":null,"branche":null,"categorie":null,"jaar":2024,"waarde":2.5,"status":"","reden":null}' +
        '],"__gate":"PublishedTable"}'
    );
    expect(table.cellen).toBe(table.cellen);
    // Another table on the same ids (a copy) gets the same objects.
    const copy = brandStoredTable({...head, id: "kopie"}, store, Int32Array.from([c, a]));
    expect(copy.cellen[0]).toBe(table.cellen[2]);
    expect(copy.cellen[1]).toBe(table.cellen[0]);
    expect(store.statusOf(b)).toBe("onderdrukt");
  });

  it("shares a derived cell between a table and its copy, as one object", async () => {
    const cells: CountCell[] = [
      {gebiedcode: "BU00010001", gebiedniveau: "buurt", bovenliggend: "WK000100", jaar: 2024, value: 20},
      {gebiedcode: "BU00010002", gebiedniveau: "buurt", bovenliggend: "WK000100", jaar: 2024, value: 30},
      {gebiedcode: "WK000100", gebiedniveau: "wijk", bovenliggend: null, jaar: 2024, value: 50}
    ];
    const counts: TableDeclaration = {
      id: "signalen",
      title: "Signalen",
      unitKind: "signalen",
      measure: "count",
      dimensions: ["gebied", "jaar"],
      cells
    };
    const derivedCells = cells.map((c) => ({
      ...c,
      bases: [{table: "signalen", ...c, branche: null, categorie: null}]
    }));
    const double = (b: readonly number[]) => 2 * b[0]!;
    const r = await runGate({
      tables: [counts],
      derived: [
        {
          id: "dubbel",
          title: "Dubbel",
          eenheid: "aantal",
          kind: "custom",
          decimals: 0,
          compute: double,
          cells: derivedCells
        },
        // A copy of the wijk only, on the same cell object and function (as the briefing copies).
        {
          id: "dubbel-wijk",
          title: "Dubbel (wijk)",
          eenheid: "aantal",
          kind: "custom",
          decimals: 0,
          compute: double,
          cells: [derivedCells[2]!]
        }
      ]
    });
    const whole = tableOf(r, "dubbel").cellen;
    const copy = tableOf(r, "dubbel-wijk").cellen;
    // 20, 30 and 50 are all at or above k = 10 and nothing is suppressed: twice each.
    expect(whole.map((c) => c.waarde)).toEqual([40, 60, 100]);
    expect(copy[0]).toBe(whole[2]);
  });
});
