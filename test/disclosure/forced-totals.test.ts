/**
 * The independent check that a hidden key total was forced (test/disclosure/fuzz,
 * `forcedTotals`), on a table small enough to work out by hand. It shares no code with the gate;
 * the gate only supplies the published tables it checks.
 */
import {describe, expect, it} from "vitest";
import {
  resolveThresholds,
  runGate,
  type CountCell,
  type PublishedTable,
  type TableDeclaration
} from "../../data-loaders/disclosure/gate.ts";
import {forcedTotals} from "./fuzz/independent-audit.ts";

const cell = (gebiedcode: string, value: number): CountCell => ({
  gebiedcode,
  gebiedniveau: gebiedcode === "RG" ? "regio" : "gemeente",
  bovenliggend: gebiedcode === "RG" ? null : "RG",
  jaar: 2024,
  value
});

// Signals (k = 10): regio 100 = GM1 7 + GM2 50 + GM3 43, all key totals. GM1 is below k and the
// other three pin it (100 - 50 - 43 = 7), so one of GM2 and GM3 must go; the gate hides GM3, the
// cheaper (guarantee.test.ts).
const declared: TableDeclaration = {
  id: "signalen",
  title: "signalen",
  unitKind: "signalen",
  measure: "count",
  dimensions: ["gebied", "jaar"],
  keyTotals: {levels: ["regio", "gemeente"]},
  cells: [cell("RG", 100), cell("GM1", 7), cell("GM2", 50), cell("GM3", 43)]
};
const at = (code: string) => ({table: "signalen", gebiedcode: code, branche: null, jaar: 2024});

describe("forcedTotals: was a hidden key total forced?", () => {
  it("shows the gate's hidden total forced: publishing it would give the small gemeente away", async () => {
    const r = await runGate({tables: [declared]});
    const thresholds = resolveThresholds();
    // With GM3 published as well, GM1 = 100 - 50 - 43 = 7 exactly, whatever else is suppressed.
    expect(await forcedTotals({tables: [declared], links: []}, r.tables, thresholds, [at("GM3")])).toEqual([
      {total: "signalen|GM3|||2024", exposes: "signalen|GM1|||2024"}
    ]);
  });

  it("calls a total unforced when another hidden total already protects the small one", async () => {
    // Suppose GM2 were hidden too. Publishing GM2 back (GM3 still hidden): GM1 + GM3 = 50, GM1 in
    // [0, 50]. Publishing GM3 back (GM2 still hidden): GM1 + GM2 = 57, GM1 in [0, 57]. Neither
    // gives GM1 away, so neither hide was forced on its own.
    const r = await runGate({tables: [declared]});
    const published = new Map(r.tables);
    const t = r.tables.get("signalen")!;
    published.set("signalen", {
      ...t,
      cellen: t.cellen.map((c) =>
        c.gebiedcode === "GM2"
          ? {
              ...c,
              waarde: null,
              status: "onderdrukt",
              reden: "onderdrukt: ter bescherming van een andere cel"
            }
          : c
      )
    } as PublishedTable);
    const checks = await forcedTotals({tables: [declared], links: []}, published, resolveThresholds(), [
      at("GM2"),
      at("GM3")
    ]);
    expect(checks).toEqual([
      {total: "signalen|GM2|||2024", exposes: null},
      {total: "signalen|GM3|||2024", exposes: null}
    ]);
  });
});
