/**
 * The table model's key index (table-model.ts, `KeyIndex`): every cell gets a numeric key from
 * its area, branch, category and year, in a fixed number of bits. Issue 12's national bench
 * stopped with "Tabel te groot voor de sleutelindex" when the hidden parts put thousands of values
 * in `categorie` (which then had 8 bits, 256 values per table). These tests build tables with far
 * more categories, branches and branch-category combinations than one field's old width, and
 * check that every cell is found and every area relation is derived.
 *
 * Worked by hand: each (branch, category) pair has a gemeente GM0001 with two wijken of value 10
 * and 10 + (the pair's number mod 7), and the gemeente is their sum, so its area relation is
 * gemeente = wijk 1 + wijk 2: one relation per pair, with three terms, and no remainder cells.
 */
import {describe, expect, it} from "vitest";
import {runGate, tableOf, type CountCell, type TableDeclaration} from "../../data-loaders/disclosure/gate.ts";
import {buildTableModel} from "../../data-loaders/disclosure/table-model.ts";

function table(id: string, branches: number, categories: number): TableDeclaration {
  const cells: CountCell[] = [];
  let n = 0;
  for (let b = 0; b < branches; b++)
    for (let c = 0; c < categories; c++, n++) {
      const extra = 10 + (n % 7);
      const branche = branches > 1 ? `b${b}` : undefined;
      const categorie = categories > 1 ? `deel-${c}` : undefined;
      const at = (
        gebiedcode: string,
        niveau: CountCell["gebiedniveau"],
        parent: string | null,
        value: number
      ) =>
        cells.push({
          gebiedcode,
          gebiedniveau: niveau,
          bovenliggend: parent,
          ...(branche ? {branche} : {}),
          ...(categorie ? {categorie} : {}),
          jaar: 2024,
          value
        });
      at("GM0001", "gemeente", null, 10 + extra);
      at("WK000101", "wijk", "GM0001", 10);
      at("WK000102", "wijk", "GM0001", extra);
    }
  return {id, title: id, unitKind: "vestigingen", measure: "count", dimensions: ["gebied", "jaar"], cells};
}

/** Checks that every declared cell is found at its own index and that each pair has its relation. */
function expectComplete(t: TableDeclaration, pairs: number): void {
  const model = buildTableModel([t]);
  expect(model.n).toBe(t.cells.length); // no remainders: the wijken add up
  expect(model.relCount).toBe(pairs);
  // Mismatches collected and compared once: tens of thousands of expects are slow.
  const notFound = t.cells.filter(
    (c, i) =>
      model.find({table: t.id, ...c, branche: c.branche ?? null, categorie: c.categorie ?? null}) !== i
  );
  expect(notFound).toEqual([]);
  const wrong: string[] = [];
  for (let r = 0; r < model.relCount; r++) {
    const terms = [...model.relCell.subarray(model.relStart[r], model.relStart[r + 1])];
    // The gemeente first (coefficient 1), then its two wijken of the same branch and category.
    const [g, w1, w2] = terms.map((i) => t.cells[i]);
    const ok =
      terms.length === 3 &&
      g.gebiedcode === "GM0001" &&
      [w1.gebiedcode, w2.gebiedcode].sort().join() === "WK000101,WK000102" &&
      [w1, w2].every((w) => w.branche === g.branche && w.categorie === g.categorie) &&
      g.value === (w1.value as number) + (w2.value as number);
    if (!ok) wrong.push(`relatie ${r}`);
  }
  expect(wrong).toEqual([]);
  // A cell that was never declared is not found.
  expect(
    model.find({
      table: t.id,
      gebiedcode: "GM0001",
      gebiedniveau: "gemeente",
      bovenliggend: null,
      branche: "b-onbekend",
      categorie: null,
      jaar: 2024
    })
  ).toBe(-1);
}

describe("sleutelindex van het tabelmodel", () => {
  it("bouwt een tabel met 1.000 categorieën (meer dan de 256 die eens de grens waren)", () => {
    expectComplete(table("veel-categorieen", 1, 1000), 1000);
  });

  it("bouwt een tabel met 1.500 branches (meer dan 2^10)", () => {
    expectComplete(table("veel-branches", 1500, 1), 1500);
  });

  it("bouwt een tabel met 60 branches x 300 categorieën (18.000 combinaties)", () => {
    expectComplete(table("veel-combinaties", 60, 300), 18000);
  });

  it("de poort publiceert een tabel met 600 categorieën cel voor cel", async () => {
    const t = table("delen", 1, 600);
    const result = await runGate({tables: [t], options: {workers: false}});
    const published = tableOf(result, "delen").cellen;
    expect(published).toHaveLength(t.cells.length);
    // Every count is at least 10 (k for vestigingen is 5), so nothing is suppressed.
    published.forEach((c, i) => {
      expect(c.status).toBe("");
      expect([c.gebiedcode, c.categorie, c.waarde]).toEqual([
        t.cells[i].gebiedcode,
        t.cells[i].categorie,
        t.cells[i].value
      ]);
    });
  });
});
