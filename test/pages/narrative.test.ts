import {describe, expect, it} from "vitest";
import type {Cell} from "../../src/lib/contracts.ts";
import {changeSentence, comparisonSentence, opsomming, rankingSentence} from "../../src/lib/narrative.ts";

function cell(gebiedcode: string, jaar: number, waarde: number | null, status: Cell["status"] = ""): Cell {
  return {
    gebiedcode,
    gebiedniveau: "gemeente",
    bovenliggend: "RG99",
    branche: null,
    categorie: null,
    jaar,
    waarde,
    status,
    reden: null
  };
}
const names = {GM9901: "Lindewaarde", GM9902: "Brakelstein", GM9903: "Ouderveen"};
const label = "het aantal vestigingen per 1.000 inwoners";

describe("rankingSentence", () => {
  it("names the highest and lowest published area with nl-NL numbers", () => {
    const s = rankingSentence(
      [cell("GM9901", 2025, 12.34), cell("GM9902", 2025, 1234.5), cell("GM9903", 2025, 7)],
      {
        label,
        eenheid: "per-1000",
        names
      }
    );
    expect(s).toBe(
      "Het aantal vestigingen per 1.000 inwoners is het hoogst in Brakelstein (1.234,5) en het laagst in Ouderveen (7,0)."
    );
  });

  it("says how many areas are suppressed and never ranks them", () => {
    const s = rankingSentence(
      [cell("GM9901", 2025, 3), cell("GM9902", 2025, null, "onderdrukt"), cell("GM9903", 2025, 5)],
      {
        label,
        eenheid: "aantal",
        names
      }
    );
    expect(s).toContain("het hoogst in Ouderveen (5) en het laagst in Lindewaarde (3)");
    expect(s).toContain("Voor 1 gemeente is de waarde onderdrukt");
    expect(s).not.toContain("Brakelstein");
  });

  it("does not invent a ranking when everything is suppressed", () => {
    const s = rankingSentence(
      [cell("GM9901", 2025, null, "onderdrukt"), cell("GM9902", 2025, null, "onderdrukt")],
      {label, eenheid: "aantal", names}
    );
    expect(s).toBe(
      "Voor geen enkele gemeente kan het aantal vestigingen per 1.000 inwoners worden getoond. Voor 2 gemeenten is de waarde onderdrukt omdat de aantallen te klein zijn om te publiceren."
    );
  });

  it("handles a region of one gemeente", () => {
    expect(rankingSentence([cell("GM9901", 2025, 4)], {label, eenheid: "aantal", names})).toBe(
      "Alleen voor Lindewaarde (4) kan het aantal vestigingen per 1.000 inwoners worden getoond."
    );
  });
});

describe("changeSentence", () => {
  const onderwerp = "Het aantal fastfoodzaken in Lindewaarde";
  it("reports a rise with a percentage", () => {
    expect(
      changeSentence(cell("GM9901", 2024, 40), cell("GM9901", 2025, 50), {onderwerp, eenheid: "aantal"})
    ).toBe("Het aantal fastfoodzaken in Lindewaarde steeg van 40 in 2024 naar 50 in 2025 (+25,0%).");
  });
  it("reports a fall with a real minus sign", () => {
    expect(
      changeSentence(cell("GM9901", 2024, 50), cell("GM9901", 2025, 40), {onderwerp, eenheid: "aantal"})
    ).toContain("daalde van 50 in 2024 naar 40 in 2025 (−20,0%)");
  });
  it("calls a tiny change unchanged", () => {
    expect(
      changeSentence(cell("GM9901", 2024, 100), cell("GM9901", 2025, 101), {onderwerp, eenheid: "aantal"})
    ).toContain("bleef vrijwel gelijk");
  });
  it("refuses to compare with a suppressed year", () => {
    const s = changeSentence(cell("GM9901", 2024, null, "onderdrukt"), cell("GM9901", 2025, 12), {
      onderwerp,
      eenheid: "aantal"
    });
    expect(s).toBe(
      "Het aantal fastfoodzaken in Lindewaarde is 12 in 2025; een vergelijking met het jaar ervoor is niet mogelijk (de waarde is onderdrukt omdat de aantallen te klein zijn om te publiceren)."
    );
  });
  it("says the current value is suppressed instead of guessing", () => {
    expect(
      changeSentence(cell("GM9901", 2024, 12), cell("GM9901", 2025, null, "onderdrukt"), {
        onderwerp,
        eenheid: "aantal"
      })
    ).toMatch(/^Het aantal fastfoodzaken in Lindewaarde is voor 2025 niet te tonen: de waarde is onderdrukt/);
  });
});

describe("comparisonSentence", () => {
  const o = {onderwerp: "De dichtheid in Lindewaarde", eenheid: "per-1000", referentie: "de regio"};
  it("says higher or lower than the reference", () => {
    expect(comparisonSentence(cell("GM9901", 2025, 6), cell("RG99", 2025, 4), o)).toBe(
      "De dichtheid in Lindewaarde is 6,0, hoger dan de regio (4,0)."
    );
    expect(comparisonSentence(cell("GM9901", 2025, 2), cell("RG99", 2025, 4), o)).toContain(
      "lager dan de regio"
    );
  });
  it("calls values within 5% about equal", () => {
    expect(comparisonSentence(cell("GM9901", 2025, 4.1), cell("RG99", 2025, 4), o)).toContain(
      "ongeveer gelijk aan de regio"
    );
  });
  it("does not compare with a missing reference", () => {
    expect(comparisonSentence(cell("GM9901", 2025, 4.1), null, o)).toBe(
      "De dichtheid in Lindewaarde is 4,1; een vergelijking met de regio is niet mogelijk."
    );
  });
});

describe("opsomming", () => {
  it("joins names the Dutch way", () => {
    expect(opsomming(["A"])).toBe("A");
    expect(opsomming(["A", "B"])).toBe("A en B");
    expect(opsomming(["A", "B", "C"])).toBe("A, B en C");
  });
});
