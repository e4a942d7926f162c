import {describe, expect, it} from "vitest";
import {
  isSbiCode,
  normaliseSbi,
  sbiAfdeling,
  sbiSectie,
  sbiTekst,
  sbiTitel,
  SBI_AFDELINGEN,
  SBI_LIJSTEN,
  SBI_SECTIES,
  SBI_STELSELS,
  SBI2025_SECTIES
} from "../../data-loaders/sources/sbi.ts";
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

describe("the SBI code lists", () => {
  it("hold both classifications, each code once, every code under an existing parent", () => {
    for (const s of SBI_STELSELS) {
      const list = SBI_LIJSTEN[s];
      const codes = new Set(list.map((c) => c.code));
      expect(codes.size).toBe(list.length);
      for (const c of list)
        if (c.niveau !== "sectie") expect(codes.has(c.bovenliggend), `${s} ${c.code}`).toBe(true);
    }
    // SBI 2025 has 22 sections (NACE Rev. 2.1 splits J), SBI 2008 has 21.
    expect(SBI_SECTIES.length).toBe(21);
    expect(SBI2025_SECTIES.length).toBe(22);
    expect(SBI_LIJSTEN.sbi2025.length).toBe(1954);
  });
  it("knows a code at its full length only in its own classification", () => {
    expect(isSbiCode("47783", "sbi2008")).toBe(true); // art shops
    expect(isSbiCode("47783", "sbi2025")).toBe(false);
    expect(isSbiCode("49330", "sbi2025")).toBe(true); // taxi in SBI 2025
    expect(isSbiCode("8690", "sbi2008")).toBe(false); // 86.9 has 86.91 and 86.92, no 86.90
    expect(sbiTitel("4932", "sbi2008")).toBe("Vervoer per taxi");
  });
  it("writes codes as people read them", () => {
    expect([sbiTekst("56102"), sbiTekst("4778"), sbiTekst("869"), sbiTekst("55")]).toEqual([
      "56.10.2",
      "47.78",
      "86.9",
      "55"
    ]);
  });
});
