import {describe, expect, it} from "vitest";
import {bronVermelding, MAX_BRON_NAAM} from "../../src/lib/site.ts";

describe("bronVermelding (the source in every page's footer)", () => {
  it("never shows the bronmap's folder: only the name BRONMAP_NAAM sets, or 'eigen bronmap'", () => {
    expect(bronVermelding(false, undefined)).toBe("eigen bronmap");
    expect(bronVermelding(false, "   ")).toBe("eigen bronmap");
    expect(bronVermelding(false, "Gemeente Coëvorden, registers 2024")).toBe(
      "Gemeente Coëvorden, registers 2024"
    );
  });

  it("names the demo region as fictitious whatever BRONMAP_NAAM says", () => {
    expect(bronVermelding(true, "iets")).toBe("fictieve voorbeeldregio, door dit project gegenereerd");
  });

  it("removes control characters and cuts a long name", () => {
    expect(bronVermelding(false, "Regio\nNoord\u0000")).toBe("Regio Noord");
    const long = bronVermelding(false, "x".repeat(500));
    expect(long).toHaveLength(MAX_BRON_NAAM);
    expect(long.endsWith("…")).toBe(true);
  });
});
