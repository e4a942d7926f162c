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
