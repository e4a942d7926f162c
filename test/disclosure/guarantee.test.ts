/**
 * The gate's guarantee on small tables worked out by hand: key totals stay published (inner
 * cells protect the small ones), a small key total pinned only by other key totals costs the
 * cheapest other total (and the report says so), a cell that only its sub-table's withholding
 * can protect is withheld (and the report says so), and every protected cell passes the exact
 * audit of the published pattern.
 */
import {describe, expect, it} from "vitest";
import {
  auditSuppressionPattern,
  runGate,
  stockFlowRelations,
  type CountCell,
  type GateResult,
  type TableDeclaration
} from "../../data-loaders/disclosure/gate.ts";

const cell = (gebiedcode: string, bovenliggend: string | null, jaar: number, value: number): CountCell => ({
  gebiedcode,
  gebiedniveau: bovenliggend === null ? "regio" : gebiedcode.startsWith("GM") ? "gemeente" : "wijk",
  bovenliggend,
  jaar,
  value
});

const table = (
  id: string,
  unitKind: TableDeclaration["unitKind"],
  cells: CountCell[],
  keyTotals?: TableDeclaration["keyTotals"]
): TableDeclaration => ({
  id,
  title: id,
  unitKind,
  measure: "count",
  dimensions: ["gebied", "jaar"],
  ...(keyTotals ? {keyTotals} : {}),
  cells
});

const valueOf = (r: GateResult, id: string, code: string, jaar = 2024) =>
  r.tables.get(id)!.cellen.find((c) => c.gebiedcode === code && c.jaar === jaar)!;

/** Exact audit of the pattern the gate published: every suppressed cell, both LPs. */
async function exactAudit(
  tables: TableDeclaration[],
  r: GateResult,
  links = [] as Parameters<typeof runGate>[0]["links"]
) {
  const hidden = new Set<string>();
  for (const [id, t] of r.tables)
    for (const c of t.cellen) if (c.status === "onderdrukt") hidden.add(`${id}|${c.gebiedcode}|${c.jaar}`);
  return auditSuppressionPattern({tables, links}, (id, c) => hidden.has(`${id}|${c.gebiedcode}|${c.jaar}`));
}

describe("key totals stay published", () => {
  it("protects a small wijk with another wijk, not with the gemeente total", async () => {
    // GM0001 = 50 = WK01 3 + WK02 20 + WK03 27 (establishments, k = 5). WK01 is primary; the
    // gemeente total is a key total, so the complement is a wijk: the cheapest that covers the
    // deficit k - 3 = 2 is WK02 (20). Then WK01 + WK02 = 23: WK01 in [0, 23], width 23 >= 5.
    const t = table(
      "vestigingen",
      "vestigingen",
      [
        cell("GM0001", null, 2024, 50),
        cell("WK01", "GM0001", 2024, 3),
        cell("WK02", "GM0001", 2024, 20),
        cell("WK03", "GM0001", 2024, 27)
      ].map((c) => (c.gebiedcode === "GM0001" ? {...c, gebiedniveau: "gemeente" as const} : c)),
      {levels: ["gemeente"]}
    );
    const r = await runGate({tables: [t]});
    expect(valueOf(r, "vestigingen", "GM0001").waarde).toBe(50);
    expect(valueOf(r, "vestigingen", "WK01").waarde).toBeNull();
    expect(valueOf(r, "vestigingen", "WK02").waarde).toBeNull();
    expect(valueOf(r, "vestigingen", "WK03").waarde).toBe(27);
    expect(r.report.informatieverlies).toEqual({
      extraOnderdrukt: 1,
      publiceerbaar: 3,
      aandeel: 0.3333,
      kerntotalen: 1,
      kerntotalenVerborgen: 0
    });
    const {failures} = await exactAudit([t], r);
    expect(failures).toEqual([]);
  });

  it("hides the cheapest other key total only when key totals alone pin a small one, and says so", async () => {
    // Signals (k = 10): regio 100 = GM1 7 + GM2 50 + GM3 43, all key totals. GM1 = 100 - 50 - 43
    // whatever else is suppressed, so one more total must go: the cheapest is GM3 (43 < 50).
    // Then GM1 + GM3 = 50: GM1 in [0, 50].
    const cells = [
      cell("RG", null, 2024, 100),
      cell("GM1", "RG", 2024, 7),
      cell("GM2", "RG", 2024, 50),
      cell("GM3", "RG", 2024, 43)
    ];
    const t = table("signalen", "signalen", cells, {levels: ["regio", "gemeente"]});
    const r = await runGate({tables: [t]});
    expect(valueOf(r, "signalen", "RG").waarde).toBe(100);
    expect(valueOf(r, "signalen", "GM1").waarde).toBeNull();
    expect(valueOf(r, "signalen", "GM2").waarde).toBe(50);
    expect(valueOf(r, "signalen", "GM3").waarde).toBeNull();
    expect(r.report.kerntotalenOnderdrukt).toEqual([
      {
        tabel: "signalen",
        gebiedcode: "GM3",
        jaar: 2024,
        reden:
          "nodig om signalen / GM1 / 2024 te beschermen: die is anders exact te herleiden uit de andere totalen"
      }
    ]);
    expect(r.report.informatieverlies.kerntotalenVerborgen).toBe(1);
    const {cells: audited, failures} = await exactAudit([t], r);
    expect(failures).toEqual([]);
    const gm1 = audited.find((c) => c.cell.gebiedcode === "GM1")!;
    expect([gm1.lo, gm1.hi]).toEqual([0, 50]);
  });
});

describe("the last resort: a cell published only one level coarser", () => {
  it("withholds new establishments that the stock totals bound from below, and reports them", async () => {
    // Stock (key totals) 2020 -> 2021: GM1 100 -> 103, GM2 200 -> 190, regio 300 -> 293.
    // Starts 2021: GM1 3, GM2 5, regio 8; stops 2021: GM1 0, GM2 15, regio 15.
    // Everyone knows starts - stops = 3 for GM1 and stops >= 0, so starts(GM1) >= 3 = its true
    // value: no suppression pattern gives it a value below 3 while the stock stays published.
    // The gate withholds GM1's starts instead (left to the regio's total, one level coarser),
    // and a witness shows they are not exact: starts and stops of GM1 one up, of GM2 one down.
    // (Whether the regio's own flows stay published is up to the secondary heuristic.)
    const years = (code: string, parent: string | null, a: number, b: number) => [
      cell(code, parent, 2020, a),
      cell(code, parent, 2021, b)
    ];
    const stock = table(
      "voorraad",
      "vestigingen",
      [...years("RG", null, 300, 293), ...years("GM1", "RG", 100, 103), ...years("GM2", "RG", 200, 190)].map(
        (c) => (c.gebiedcode.startsWith("GM") ? {...c, gebiedniveau: "gemeente" as const} : c)
      ),
      {levels: ["regio", "gemeente"]}
    );
    const flow = (id: string, r: number, g1: number, g2: number) =>
      table(id, "vestigingen", [
        cell("RG", null, 2021, r),
        {...cell("GM1", "RG", 2021, g1), gebiedniveau: "gemeente"},
        {...cell("GM2", "RG", 2021, g2), gebiedniveau: "gemeente"}
      ]);
    const starts = flow("starters", 8, 3, 5);
    const stops = flow("stoppers", 15, 0, 15);
    const links = stockFlowRelations(stock, starts, stops);
    expect(links).toHaveLength(3);
    const r = await runGate({tables: [stock, starts, stops], links});
    for (const [code, jaar, v] of [
      ["RG", 2021, 293],
      ["GM1", 2021, 103],
      ["GM2", 2020, 200]
    ] as const)
      expect(valueOf(r, "voorraad", code, jaar).waarde).toBe(v);
    const g1 = valueOf(r, "starters", "GM1", 2021);
    expect(g1.waarde).toBeNull();
    expect(g1.reden).toMatch(/^niet gepubliceerd: alleen één niveau grover/);
    expect(valueOf(r, "starters", "GM2", 2021).reden).toBe("onderdrukt: ter bescherming van een andere cel");
    expect(r.report.achtergehouden).toEqual([
      {
        tabel: "starters",
        bovenliggend: "RG",
        branche: null,
        categorie: null,
        jaar: 2021,
        cellen: 1,
        reden: "starters / GM1 / 2021 was op geen andere manier te beschermen"
      }
    ]);
    expect(r.report.tabellen.find((t) => t.id === "starters")!.achtergehouden).toBe(1);
    // Not exact: the exact audit of the published pattern gives GM1's starts a range above 3.
    const {cells} = await exactAudit([stock, starts, stops], r, links);
    const audited = cells.find((c) => c.table === "starters" && c.cell.gebiedcode === "GM1")!;
    expect(audited.lo).toBe(3);
    expect(audited.hi).toBeGreaterThan(3);
  });
});
