import {existsSync, mkdirSync, copyFileSync, mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {readAreas} from "../../data-loaders/sources/areas.ts";

// The real CBS files live outside the repository (../shared); the test is skipped without them.
const REAL = "/work/shared/real-data";
const buurtFile = join(REAL, "cbs_wbk2015_limburg-noord_buurt.geojson");

describe.skipIf(!existsSync(buurtFile))("real CBS wijk- en buurtkaart 2015 (Limburg-Noord)", () => {
  it("reads the buurten, reports the non-polygon features, and gives parents consistent with the CBS code structure", () => {
    const dir = mkdtempSync(join(tmpdir(), "real-"));
    mkdirSync(join(dir, "gebieden"));
    copyFileSync(
      join(REAL, "cbs_wbk2015_limburg-noord_gemeente.geojson"),
      join(dir, "gebieden", "gemeenten.geojson")
    );
    copyFileSync(
      join(REAL, "cbs_wbk2015_limburg-noord_wijk.geojson"),
      join(dir, "gebieden", "wijken.geojson")
    );
    copyFileSync(buurtFile, join(dir, "gebieden", "buurten.geojson"));
    const set = readAreas(dir);
    const q = set.quality.find((f) => f.file === "gebieden/buurten.geojson")!;
    expect(q.rowsRead).toBe(499);
    expect(q.detected?.crs).toBe("WGS84 (uit crs-lid)");
    expect(q.rejected["geen polygoon"]).toBe(6);
    expect(q.warnings[0]).toMatch(/^6 features zonder polygoon overgeslagen \(/);
    const leudal = set.areas.buurten.filter((b) => b.code.startsWith("BU1640"));
    expect(leudal.length).toBeGreaterThan(0);
    for (const b of leudal) {
      expect(b.gemeentecode).toBe("GM1640");
      expect(b.wijkcode).toBe(`WK${b.code.slice(2, 8)}`);
    }
    expect(set.areas.gemeenten.find((g) => g.code === "GM1640")?.naam).toBe("Leudal");
  });
});

const gemeenten2023 = join(REAL, "cbs_gemeente_2023_wgs84.geojson");
const kwb2024 = join(REAL, "cbs85984NED_2024_gemeenten_wijken_stripped.json");

describe.skipIf(!existsSync(gemeenten2023) || !existsSync(kwb2024))(
  "real CBS gemeenten 2023 and kerncijfers 2024",
  () => {
    it("reads 342 gemeenten without crs member and the 2024 kerncijfers keyed by region code", async () => {
      const {loadBronmap} = await import("../../data-loaders/sources/bronmap.ts");
      const dir = mkdtempSync(join(tmpdir(), "real-kwb-"));
      mkdirSync(join(dir, "gebieden"));
      mkdirSync(join(dir, "kerncijfers"));
      copyFileSync(gemeenten2023, join(dir, "gebieden", "gemeenten.geojson"));
      copyFileSync(kwb2024, join(dir, "kerncijfers", "cbs85984NED_2024_gemeenten_wijken_stripped.json"));
      const b = await loadBronmap(dir, {log: () => {}});
      try {
        expect(b.areas.gemeenten.length).toBe(342);
        expect(b.quality.files[0].detected?.crs).toBe("WGS84 (uit coördinaatbereik)");
        const rows = (
          await b.connection.runAndReadAll(
            "SELECT jaar, variabele, waarde FROM kerncijfers WHERE gebiedcode = 'GM1680' ORDER BY variabele"
          )
        ).getRowObjectsJS();
        expect(rows).toContainEqual({jaar: 2024, variabele: "inwoners", waarde: 25845});
        expect(rows).toContainEqual({jaar: 2024, variabele: "woningvoorraad", waarde: 11500});
        // Wijken are not in the area files of this bronmap: counted, not silently dropped.
        const q = b.quality.files.find((f) => f.file.startsWith("kerncijfers/"))!;
        expect(q.rejected["gebied niet in de gebiedsbestanden"]).toBeGreaterThan(1000);
      } finally {
        b.close();
      }
    });
  }
);
