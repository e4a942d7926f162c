import {describe, expect, it} from "vitest";
import type {Cell} from "../../src/lib/contracts.ts";
import {
  changeSentence,
  comparisonSentence,
  locatiequotientSentence,
  opsomming,
  rankingSentence,
  type LqItem
} from "../../src/lib/narrative.ts";

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
  it("reports a change of a percentage in procentpunt, never relatively", () => {
    // 9,1% to 12,3% is 3,2 percentage points (a relative +35,2% would read as a much larger change).
    const s = changeSentence(cell("GM9901", 2024, 9.1), cell("GM9901", 2025, 12.3), {
      onderwerp: "Het aandeel leegstaande gebouwen",
      eenheid: "procent"
    });
    expect(s).toBe(
      "Het aandeel leegstaande gebouwen steeg van 9,1% in 2024 naar 12,3% in 2025 (+3,2 procentpunt)."
    );
    expect(s).not.toContain("35");
    expect(
      changeSentence(cell("GM9901", 2024, 1.0), cell("GM9901", 2025, 1.1), {
        onderwerp: "De groei",
        eenheid: "procent"
      })
    ).toContain("(+0,1 procentpunt)");
    expect(
      changeSentence(cell("GM9901", 2024, 20.04), cell("GM9901", 2025, 19.96), {
        onderwerp: "Het aandeel",
        eenheid: "procent"
      })
    ).toBe("Het aandeel bleef gelijk: 20,0% in 2025, net als in 2024.");
  });
  it("reports a change of a quotient in its own points", () => {
    expect(
      changeSentence(cell("GM9901", 2024, 1.2), cell("GM9901", 2025, 1.32), {
        onderwerp: "Het locatiequotiënt",
        eenheid: "index"
      })
    ).toBe("Het locatiequotiënt steeg van 1,20 in 2024 naar 1,32 in 2025 (+0,12).");
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
  it("calls values that show the same equal, and no others", () => {
    expect(comparisonSentence(cell("GM9901", 2025, 4.02), cell("RG99", 2025, 4), o)).toBe(
      "De dichtheid in Lindewaarde is 4,0, even hoog als de regio."
    );
    expect(comparisonSentence(cell("GM9901", 2025, 4.1), cell("RG99", 2025, 4), o)).toBe(
      "De dichtheid in Lindewaarde is 4,1, hoger dan de regio (4,0)."
    );
  });
  it("gives the difference of percentages in procentpunt", () => {
    expect(
      comparisonSentence(cell("GM9901", 2025, 12.3), cell("RG99", 2025, 9.1), {...o, eenheid: "procent"})
    ).toBe("De dichtheid in Lindewaarde is 12,3%, 3,2 procentpunt hoger dan de regio (9,1%).");
  });
  it("never says clearly without the counts behind both values", () => {
    // Growth 1,1% against 1,0%: a fixed 10% relative rule called this clearly above.
    const groei = {onderwerp: "De groei in Lindewaarde", eenheid: "procent", referentie: "de regio"};
    const s = comparisonSentence(cell("GM9901", 2025, 1.1), cell("RG99", 2025, 1.0), groei);
    expect(s).toBe("De groei in Lindewaarde is 1,1%, 0,1 procentpunt hoger dan de regio (1,0%).");
    // With counts: 1,011 now per 1,000 before against 10,100 per 10,000 in the region.
    const metTellingen = comparisonSentence(cell("GM9901", 2025, 1.1), cell("RG99", 2025, 1.0), {
      ...groei,
      tellingen: {
        eigen: {teller: 1011, noemer: 1000},
        referentie: {teller: 10100, noemer: 10000},
        soort: "tempo",
        referentieBevatEigen: true
      }
    });
    expect(metTellingen).toBe(
      "De groei in Lindewaarde is 1,1%, 0,1 procentpunt hoger dan de regio (1,0%), maar bij deze aantallen kan dat verschil toeval zijn."
    );
    // A suppressed count (null) gives no judgement either way.
    expect(
      comparisonSentence(cell("GM9901", 2025, 1.1), cell("RG99", 2025, 1.0), {
        ...groei,
        tellingen: {
          eigen: null,
          referentie: {teller: 10100, noemer: 10000},
          soort: "tempo",
          referentieBevatEigen: true
        }
      })
    ).toBe(s);
  });
  it("says clearly higher when the interval on the counts excludes no difference", () => {
    // 300 signals per 10,000 inhabitants (30 per 1.000) against a region of 500 per 30,000
    // (16,7): the rest has 200 per 20,000, rate ratio 3 with an interval well above 1.
    const s = comparisonSentence(cell("GM9901", 2025, 30), cell("RG99", 2025, 16.67), {
      ...o,
      tellingen: {
        eigen: {teller: 300, noemer: 10000},
        referentie: {teller: 500, noemer: 30000},
        soort: "tempo",
        referentieBevatEigen: true
      }
    });
    expect(s).toBe(
      "De dichtheid in Lindewaarde is 30,0, duidelijk hoger dan de regio (16,7): een verschil dat groter is dan toeval bij deze aantallen."
    );
  });
  it("makes no judgement against a region that is the area itself", () => {
    const s = comparisonSentence(cell("GM9901", 2025, 5), cell("RG99", 2025, 5), {
      ...o,
      tellingen: {
        eigen: {teller: 50, noemer: 10000},
        referentie: {teller: 50, noemer: 10000},
        soort: "tempo",
        referentieBevatEigen: true
      }
    });
    expect(s).toBe("De dichtheid in Lindewaarde is 5,0, even hoog als de regio.");
  });
  it("does not compare with a missing reference", () => {
    expect(comparisonSentence(cell("GM9901", 2025, 4.1), null, o)).toBe(
      "De dichtheid in Lindewaarde is 4,1; een vergelijking met de regio is niet mogelijk."
    );
  });
});

describe("locatiequotientSentence", () => {
  const lq = (waarde: number) => cell("GM9901", 2025, waarde);
  const opties = {gebied: "Lindewaarde", referentie: "de regio", jaar: 2025, referentieBevatEigen: true};
  // Region: 1,000 establishments. Kappers 30 of Lindewaarde's 200 against 100 in the region: LQ
  // 1,50 and clearly above (see statistiek.test.ts). Nagelstudio's 2 of 200 against 5: LQ 2,00 on
  // two establishments, below the minimum of 10. Fastfood 12 of 200 against 60: LQ 1,00.
  const items: LqItem[] = [
    {
      naam: "Kappers",
      lq: lq(1.5),
      tellingen: {branche: 30, alle: 200, brancheReferentie: 100, alleReferentie: 1000}
    },
    {
      naam: "Nagelstudio's",
      lq: lq(2),
      tellingen: {branche: 2, alle: 200, brancheReferentie: 5, alleReferentie: 1000}
    },
    {
      naam: "Fastfood",
      lq: lq(1),
      tellingen: {branche: 12, alle: 200, brancheReferentie: 60, alleReferentie: 1000}
    }
  ];
  it("names only branches clearly over-represented, with their LQ and count, above a minimum count", () => {
    expect(locatiequotientSentence(items, opties)).toBe(
      "Duidelijk sterker vertegenwoordigd dan in de regio in 2025, met een verschil groter dan toeval bij deze aantallen: kappers (locatiequotiënt 1,50; 30 vestigingen). 1 branche telt minder dan 10 vestigingen en blijft buiten deze vergelijking."
    );
  });
  it("leaves a branch out whose counts are suppressed", () => {
    const s = locatiequotientSentence([{...items[0]!, tellingen: null}, items[2]!], opties)!;
    expect(s).not.toContain("kappers");
    expect(s).toMatch(/^Geen enkele branche is in Lindewaarde in 2025 duidelijk sterker vertegenwoordigd/);
  });
  it("says nothing in a bronmap of one gemeente, where every LQ is 1,00", () => {
    const zelf: LqItem[] = [
      {
        naam: "Kappers",
        lq: lq(1),
        tellingen: {branche: 30, alle: 200, brancheReferentie: 30, alleReferentie: 200}
      }
    ];
    expect(locatiequotientSentence(zelf, opties)).toBeNull();
  });
  it("compares with a national reference with its own counts", () => {
    // Nederland: 100,000 of 1,000,000 establishments are kappers (10%); Lindewaarde 30 of 200.
    const landelijk: LqItem[] = [
      {
        naam: "Kappers",
        lq: lq(1.5),
        tellingen: {branche: 30, alle: 200, brancheReferentie: 100000, alleReferentie: 1000000}
      }
    ];
    expect(
      locatiequotientSentence(landelijk, {...opties, referentie: "Nederland", referentieBevatEigen: false})
    ).toContain("Duidelijk sterker vertegenwoordigd dan in Nederland in 2025");
  });
});

describe("opsomming", () => {
  it("joins names the Dutch way", () => {
    expect(opsomming(["A"])).toBe("A");
    expect(opsomming(["A", "B"])).toBe("A en B");
    expect(opsomming(["A", "B", "C"])).toBe("A, B en C");
  });
});

describe("comparisonSentence, short form", () => {
  it("ends after the reference when the page explains 'duidelijk' once", async () => {
    const {comparisonSentence} = await import("../../src/lib/narrative.ts");
    const cel = (waarde: number) => ({gebiedcode: "X", jaar: 2025, waarde, status: "gepubliceerd"}) as never;
    // 30 of 100 against 10 of 100: Newcombe's interval for 0.20 lies well above 0, so "duidelijk".
    const duidelijk = comparisonSentence(cel(30), cel(10), {
      onderwerp: "Het aandeel",
      eenheid: "procent",
      referentie: "de regio",
      tellingen: {
        eigen: {teller: 30, noemer: 100},
        referentie: {teller: 10, noemer: 100},
        soort: "aandeel"
      } as never,
      kort: true
    });
    expect(duidelijk).toBe(
      "Het aandeel is 30,0%, duidelijk hoger dan de regio (10,0%; 20,0 procentpunt verschil)."
    );
    // 11 of 100 against 10 of 100: the interval holds 0, so within the margin of chance.
    const toeval = comparisonSentence(cel(11), cel(10), {
      onderwerp: "Het aandeel",
      eenheid: "procent",
      referentie: "de regio",
      tellingen: {
        eigen: {teller: 11, noemer: 100},
        referentie: {teller: 10, noemer: 100},
        soort: "aandeel"
      } as never,
      kort: true
    });
    expect(toeval).toBe(
      "Het aandeel is 11,0%, 1,0 procentpunt hoger dan de regio (10,0%), binnen de toevalsmarge."
    );
  });
});
