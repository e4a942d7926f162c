import {describe, expect, it} from "vitest";
import {crsFromName, crsFromRange, rdToWgs84, wgs84ToRd} from "../../data-loaders/geo/crs.ts";
import {AreaIndex, pointInFlatPolygon, type FlatPolygon} from "../../data-loaders/geo/point-in-area.ts";
import {Rng} from "../../data-loaders/demo/random.ts";

function square(x0: number, y0: number, x1: number, y1: number): FlatPolygon {
  return [new Float64Array([x0, y0, x1, y0, x1, y1, x0, y1, x0, y0])];
}

/** A star-shaped polygon with many vertices, to exercise the edge index. */
function star(rng: Rng, n: number, cx: number, cy: number): FlatPolygon {
  const ring: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const r = 1000 * (0.5 + rng.random());
    ring.push(cx + r * Math.cos(t), cy + r * Math.sin(t));
  }
  ring.push(ring[0], ring[1]);
  return [new Float64Array(ring)];
}

describe("crs", () => {
  it("round-trips RD New and WGS84 to within a millimetre", () => {
    const [lon, lat] = rdToWgs84(155000, 463000);
    expect(lon).toBeCloseTo(5.3872, 3);
    expect(lat).toBeCloseTo(52.1552, 3);
    const [x, y] = wgs84ToRd(lon, lat);
    expect(x).toBeCloseTo(155000, 3);
    expect(y).toBeCloseTo(463000, 3);
  });
  it("recognises CRS names as CBS and PDOK write them", () => {
    expect(crsFromName("urn:ogc:def:crs:EPSG::28992")).toBe("EPSG:28992");
    expect(crsFromName("EPSG:28992")).toBe("EPSG:28992");
    expect(crsFromName("urn:ogc:def:crs:OGC:1.3:CRS84")).toBe("WGS84");
    expect(crsFromName("EPSG:3857")).toBeNull();
  });
  it("guesses the CRS from coordinate ranges", () => {
    expect(crsFromRange(5.1, 51.2, 6.3, 52.9)).toBe("WGS84");
    expect(crsFromRange(120000, 400000, 200000, 500000)).toBe("EPSG:28992");
    expect(crsFromRange(600000, 6000000, 700000, 6900000)).toBeNull();
  });
});

describe("AreaIndex", () => {
  it("finds the area containing a point, and -1 outside", () => {
    const idx = new AreaIndex([[square(0, 0, 10, 10)], [square(10, 0, 20, 10)]]);
    expect(idx.locate(5, 5)).toBe(0);
    expect(idx.locate(15, 5)).toBe(1);
    expect(idx.locate(25, 5)).toBe(-1);
  });
  it("puts a point on a shared edge in exactly one area", () => {
    const idx = new AreaIndex([[square(0, 0, 10, 10)], [square(10, 0, 20, 10)]]);
    expect([0, 1]).toContain(idx.locate(10, 5));
  });
  it("respects holes", () => {
    const withHole: FlatPolygon = [...square(0, 0, 10, 10), new Float64Array([4, 4, 4, 6, 6, 6, 6, 4, 4, 4])];
    const idx = new AreaIndex([[withHole]]);
    expect(idx.locate(5, 5)).toBe(-1);
    expect(idx.locate(2, 2)).toBe(0);
  });
  it("gives the same answer with the edge index as a plain ray cast on large polygons", () => {
    const rng = new Rng(7);
    const poly = star(rng, 2000, 0, 0);
    const idx = new AreaIndex([[poly]]);
    for (let i = 0; i < 20000; i++) {
      const x = rng.uniform(-1600, 1600);
      const y = rng.uniform(-1600, 1600);
      expect(idx.locate(x, y) === 0).toBe(pointInFlatPolygon(poly, x, y));
    }
  });
  // Its speed is measured by `npm run bench` (the point-in-polygon step), not by a timed test.
  it("locates a million points on a 100 x 100 grid, each in the square that holds it", () => {
    const areas: FlatPolygon[][] = [];
    for (let i = 0; i < 100; i++)
      for (let j = 0; j < 100; j++) areas.push([square(i * 100, j * 100, i * 100 + 100, j * 100 + 100)]);
    const idx = new AreaIndex(areas);
    const rng = new Rng(1);
    const n = 1_000_000;
    const xs = new Float64Array(n).map(() => rng.uniform(0, 10000));
    const ys = new Float64Array(n).map(() => rng.uniform(0, 10000));
    const out = idx.locateAll(xs, ys);
    // Square (i, j) is area i * 100 + j; a point on a shared edge may fall in either neighbour.
    let wrong = 0;
    for (let k = 0; k < n; k++) {
      const i = Math.floor(xs[k]! / 100);
      const j = Math.floor(ys[k]! / 100);
      const a = out[k]!;
      const ai = Math.floor(a / 100);
      const aj = a % 100;
      if (a < 0 || Math.abs(ai - i) > 1 || Math.abs(aj - j) > 1) wrong++;
      else if ((ai !== i || aj !== j) && xs[k]! % 100 !== 0 && ys[k]! % 100 !== 0) wrong++;
    }
    expect(wrong).toBe(0);
  });
});
