import {describe, expect, it} from "vitest";
import {normaliseSbi, sbiAfdeling, sbiSectie, SBI_AFDELINGEN} from "../../data-loaders/sources/sbi.ts";
import {normaliseCategorie, SIGNAAL_CATEGORIEEN} from "../../data-loaders/sources/categories.ts";

describe("normaliseSbi", () => {
  it("strips dots and spaces from codes as exported", () => {
    expect(normaliseSbi("56.10.2")).toBe("56102");
    expect(normaliseSbi(" 96 02 2 ")).toBe("96022");
    expect(normaliseSbi("4511")).toBe("4511");
  });
  it("keeps leading zeros", () => {
    expect(normaliseSbi("01.11")).toBe("0111");
  });
  it("rejects codes whose division does not exist", () => {
    expect(normaliseSbi("0000")).toBeNull();
    expect(normaliseSbi("04")).toBeNull();
    expect(normaliseSbi("34")).toBeNull();
    expect(normaliseSbi("8")).toBeNull();
    expect(normaliseSbi("56x02")).toBeNull();
    expect(normaliseSbi("")).toBeNull();
  });
  it("maps codes to their section and division", () => {
    expect(sbiSectie("56102")).toBe("I");
    expect(sbiSectie("9602")).toBe("S");
    expect(sbiSectie("8810")).toBe("Q");
    expect(sbiSectie("6820")).toBe("L");
    expect(sbiAfdeling("56102")).toBe("56");
  });
  it("lists every 2-digit division of SBI 2008 once", () => {
    expect(SBI_AFDELINGEN.length).toBe(88);
    expect(new Set(SBI_AFDELINGEN).size).toBe(88);
  });
});

describe("normaliseCategorie", () => {
  it("accepts the catalogue's categories case-insensitively", () => {
    expect(normaliseCategorie(" Drugsafval ")).toBe("drugsafval");
    expect(SIGNAAL_CATEGORIEEN).toContain("adreskwaliteit");
  });
  it("returns null for an unknown category", () => {
    expect(normaliseCategorie("vuurwerk")).toBeNull();
  });
});
