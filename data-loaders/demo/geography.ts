/**
 * The geography of the fictitious demo region: seeded Voronoi cells inside a noisy outline
 * become buurten; buurten are grouped into wijken and gemeenten by nearest centre, and wijk and
 * gemeente boundaries are the unions of their cells. Because neighbouring Voronoi cells share
 * their edges exactly, unions are computed by cancelling shared edges: exact, without gaps or
 * overlaps, and linear in the number of edges (fast at national scale).
 */
import {Delaunay} from "d3-delaunay";
import {pointInFlatPolygon} from "../geo/point-in-area.ts";
import {buurtNaam, gemeenteNamen, wijkNaam} from "./names.ts";
import type {Rng} from "./random.ts";

/** A ring as `[x, y]` points in RD New, closed (first point repeated at the end). */
export type Ring = [number, number][];
/** A polygon: outer ring counter-clockwise, then holes clockwise. */
export type PolygonRings = Ring[];

/** Kind of buurt, which drives population, business mix and buitengebied. */
export type BuurtKind = "kern" | "buiten" | "bedrijven";

/** One generated buurt. */
export interface DemoBuurt {
  code: string;
  naam: string;
  kind: BuurtKind;
  gemeente: number;
  wijk: number;
  /** Convex cell in RD New. */
  ring: Ring;
  /** Flat ring for point-in-polygon sampling. */
  flat: Float64Array;
  bbox: [number, number, number, number];
  areaKm2: number;
  site: [number, number];
  /** Postcode digits (4) shared by the buurt's addresses. */
  postcode4: number;
}

/** One generated wijk. */
export interface DemoWijk {
  code: string;
  naam: string;
  gemeente: number;
  buurten: number[];
  polygons: PolygonRings[];
}

/** One generated gemeente. */
export interface DemoGemeente {
  code: string;
  naam: string;
  core: [number, number];
  wijken: number[];
  buurten: number[];
  polygons: PolygonRings[];
}

/** One generated bedrijventerrein. */
export interface DemoBedrijventerrein {
  code: string;
  naam: string;
  gemeente: number;
  buurt: number;
  ring: Ring;
}

/** The whole generated geography. */
export interface DemoGeography {
  gemeenten: DemoGemeente[];
  wijken: DemoWijk[];
  buurten: DemoBuurt[];
  bedrijventerreinen: DemoBedrijventerrein[];
  buitengebied: PolygonRings[];
}

/** Size parameters of a generated region. */
export interface GeographySize {
  gemeenten: number;
  buurten: number;
  /** Average buurten per wijk. */
  buurtenPerWijk: number;
  /** Region extent in RD New: [minX, minY, maxX, maxY]. */
  extent: [number, number, number, number];
  /** First gemeente number of the fictitious code range (`GM9901` -> 9901). */
  firstCode: number;
}

/** Generates the geography. Deterministic for a given `rng` state and size. */
export function generateGeography(rng: Rng, size: GeographySize): DemoGeography {
  const [minX, minY, maxX, maxY] = size.extent;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  // The outline: an ellipse with low-frequency wobble, at 80% of the extent so that padding
  // cells surround it and no kept cell is clipped by the bounding box.
  const rx = ((maxX - minX) / 2) * 0.8;
  const ry = ((maxY - minY) / 2) * 0.8;
  const wobble = [2, 3, 5].map((k) => ({k, a: rng.uniform(0.03, 0.08), phi: rng.uniform(0, 2 * Math.PI)}));
  const inside = (x: number, y: number, shrink = 1): boolean => {
    const dx = (x - cx) / rx;
    const dy = (y - cy) / ry;
    const r = Math.hypot(dx, dy);
    const t = Math.atan2(dy, dx);
    const limit = 1 + wobble.reduce((s, w) => s + w.a * Math.sin(w.k * t + w.phi), 0);
    return r < limit * shrink;
  };
  const sampleInside = (shrink = 1): [number, number] => {
    for (;;) {
      const x = rng.uniform(minX, maxX);
      const y = rng.uniform(minY, maxY);
      if (inside(x, y, shrink)) return [x, y];
    }
  };

  // Gemeente cores, spread out by best-candidate sampling.
  const cores: [number, number][] = [];
  for (let g = 0; g < size.gemeenten; g++) {
    let best: [number, number] = sampleInside(0.85);
    let bestD = -1;
    for (let c = 0; c < 12; c++) {
      const p = sampleInside(0.85);
      const d = Math.min(Infinity, ...cores.map((q) => Math.hypot(p[0] - q[0], p[1] - q[1])));
      if (d > bestD) {
        best = p;
        bestD = d;
      }
    }
    cores.push(best);
  }
  const spacing = Math.sqrt(((maxX - minX) * (maxY - minY) * 0.5) / size.gemeenten);

  // Buurt sites: dense around the cores (small urban buurten), sparse elsewhere (large rural ones).
  const sites: [number, number][] = [];
  const nCore = Math.round(size.buurten * 0.62);
  while (sites.length < nCore) {
    const c = rng.pick(cores);
    const p: [number, number] = [rng.normal(c[0], spacing * 0.13), rng.normal(c[1], spacing * 0.13)];
    if (inside(p[0], p[1])) sites.push(p);
  }
  while (sites.length < size.buurten) sites.push(sampleInside());
  // Padding sites outside the outline bound the border cells; they are not kept.
  const padding: [number, number][] = [];
  const nPad = Math.round(size.buurten * 0.25) + 40;
  while (padding.length < nPad) {
    const x = rng.uniform(minX, maxX);
    const y = rng.uniform(minY, maxY);
    if (!inside(x, y)) padding.push([x, y]);
  }
  const all = [...sites, ...padding];
  const voronoi = Delaunay.from(all).voronoi([minX - 1000, minY - 1000, maxX + 1000, maxY + 1000]);

  // Cells, rounded to centimetres; shared vertices are identical floats, so they round alike.
  const round = (v: number): number => Math.round(v * 100) / 100;
  const cells: Ring[] = sites.map((_, i) => {
    const poly = voronoi.cellPolygon(i) as [number, number][];
    const ring: Ring = [];
    for (const [x, y] of poly) {
      const p: [number, number] = [round(x), round(y)];
      const last = ring[ring.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) ring.push(p);
    }
    if (ring[0][0] !== ring[ring.length - 1][0] || ring[0][1] !== ring[ring.length - 1][1])
      ring.push([...ring[0]]);
    return signedArea(ring) < 0 ? ring.reverse() : ring;
  });

  // Gemeente of each buurt: the nearest core. Codes follow position (north-west first), like CBS
  // codes follow the alphabet: deterministic and easy to find on the map.
  const coreOrder = cores.map((c, i) => ({c, i})).sort((a, b) => b.c[1] - a.c[1] + (a.c[0] - b.c[0]) * 0.3);
  const rank = new Map(coreOrder.map((o, r) => [o.i, r]));
  const nearestCore = (p: [number, number]): number => {
    let best = 0;
    let bestD = Infinity;
    cores.forEach((c, i) => {
      const d = (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    });
    return rank.get(best)!;
  };
  const orderedCores = coreOrder.map((o) => o.c);
  const gemeenteOfSite = sites.map(nearestCore);
  const areas = cells.map((r) => signedArea(r) / 1e6);

  // Buurt kinds: the largest cells (by area, per gemeente) are buitengebied; a few cells near
  // the core host a bedrijventerrein; the rest is kern.
  const kinds: BuurtKind[] = sites.map(() => "kern");
  const namesG = gemeenteNamen(rng, size.gemeenten);
  const gemeenten: DemoGemeente[] = orderedCores.map((core, g) => ({
    code: `GM${size.firstCode + g}`,
    naam: namesG[g],
    core,
    wijken: [],
    buurten: [],
    polygons: []
  }));
  sites.forEach((_, i) => gemeenten[gemeenteOfSite[i]].buurten.push(i));
  const btCells: number[] = [];
  for (const g of gemeenten) {
    const byArea = [...g.buurten].sort((a, b) => areas[b] - areas[a]);
    byArea.slice(0, Math.round(byArea.length * 0.38)).forEach((i) => (kinds[i] = "buiten"));
    const byDist = [...g.buurten]
      .filter((i) => kinds[i] === "kern")
      .sort((a, b) => dist(sites[a], g.core) - dist(sites[b], g.core));
    const nBt = Math.max(1, Math.round(g.buurten.length / 15));
    // Skip the very centre (that is the old town), take cells a little further out.
    for (let k = 0; k < nBt && 3 + k * 3 < byDist.length; k++) {
      const i = byDist[3 + k * 3];
      kinds[i] = "bedrijven";
      btCells.push(i);
    }
  }

  // Wijken: k-means on buurt sites within each gemeente.
  const wijken: DemoWijk[] = [];
  const wijkOfSite = new Int32Array(sites.length);
  for (const [gi, g] of gemeenten.entries()) {
    const k = Math.max(1, Math.min(99, Math.round(g.buurten.length / size.buurtenPerWijk)));
    let centres = rng
      .shuffle(g.buurten)
      .slice(0, k)
      .map((i) => sites[i]);
    let assign = new Int32Array(g.buurten.length);
    for (let iter = 0; iter < 6; iter++) {
      assign = new Int32Array(g.buurten.map((i) => argmin(centres, sites[i])));
      centres = centres.map((c, w) => {
        const members = g.buurten.filter((_, j) => assign[j] === w);
        if (members.length === 0) return c;
        return [mean(members.map((i) => sites[i][0])), mean(members.map((i) => sites[i][1]))] as [
          number,
          number
        ];
      });
    }
    // Order wijken by distance to the core so that wijk 00 is the centre.
    const order = centres.map((c, w) => ({w, d: dist(c, g.core)})).sort((a, b) => a.d - b.d);
    const used = order.filter((o) => assign.some((a) => a === o.w));
    used.forEach((o, n) => {
      const members = g.buurten.filter((_, j) => assign[j] === o.w);
      const code = `WK${String(size.firstCode + gi).slice(0, 4)}${String(n).padStart(2, "0")}`;
      const wijk: DemoWijk = {code, naam: wijkNaam(g.naam, n), gemeente: gi, buurten: members, polygons: []};
      members.forEach((i) => (wijkOfSite[i] = wijken.length));
      g.wijken.push(wijken.length);
      wijken.push(wijk);
    });
  }

  // Buurten in code order: per wijk, centre first.
  const buurten: DemoBuurt[] = [];
  const newIndex = new Int32Array(sites.length);
  for (const [wi, w] of wijken.entries()) {
    const ordered = [...w.buurten].sort(
      (a, b) => dist(sites[a], gemeenten[w.gemeente].core) - dist(sites[b], gemeenten[w.gemeente].core)
    );
    const counters: Record<BuurtKind, number> = {kern: 0, buiten: 0, bedrijven: 0};
    ordered.forEach((i, n) => {
      const ring = cells[i];
      newIndex[i] = buurten.length;
      const kind = kinds[i];
      buurten.push({
        code: `BU${w.code.slice(2)}${String(n).padStart(2, "0")}`,
        naam: buurtNaam(rng, kind, w.naam, counters[kind]++),
        kind,
        gemeente: w.gemeente,
        wijk: wi,
        ring,
        flat: new Float64Array(ring.flat()),
        bbox: bbox(ring),
        areaKm2: areas[i],
        site: sites[i],
        postcode4: 0
      });
    });
    w.buurten = ordered.map((i) => newIndex[i]);
  }
  for (const g of gemeenten) g.buurten = g.wijken.flatMap((w) => wijken[w].buurten);
  // Postcodes: consecutive 4-digit areas per gemeente, from a fictitious-looking range.
  let pc = 1000 + rng.int(0, 400);
  for (const g of gemeenten) {
    for (const b of g.buurten) buurten[b].postcode4 = Math.min(9999, pc++);
    pc += rng.int(3, 20);
  }

  for (const w of wijken) w.polygons = unionCells(w.buurten.map((b) => buurten[b].ring));
  for (const g of gemeenten) g.polygons = unionCells(g.buurten.map((b) => buurten[b].ring));
  const buitengebied = unionCells(buurten.filter((b) => b.kind === "buiten").map((b) => b.ring));

  const bedrijventerreinen: DemoBedrijventerrein[] = btCells
    .map((i) => newIndex[i])
    .sort((a, b) => a - b)
    .map((b, n) => {
      const buurt = buurten[b];
      // The estate is the cell shrunk towards its site: convex, so it stays inside its buurt.
      const [sx, sy] = centroid(buurt.ring);
      const ring = buurt.ring.map(
        ([x, y]) => [round(sx + (x - sx) * 0.7), round(sy + (y - sy) * 0.7)] as [number, number]
      );
      return {
        code: `BT-${String(n + 1).padStart(3, "0")}`,
        naam: buurt.naam,
        gemeente: buurt.gemeente,
        buurt: b,
        ring
      };
    });
  return {gemeenten, wijken, buurten, bedrijventerreinen, buitengebied};
}

/** A uniformly random point inside a buurt (rejection sampling; cells are convex). */
export function randomPointIn(rng: Rng, b: DemoBuurt): [number, number] {
  const [x0, y0, x1, y1] = b.bbox;
  const rings = [b.flat];
  for (let k = 0; k < 1000; k++) {
    const x = rng.uniform(x0, x1);
    const y = rng.uniform(y0, y1);
    if (pointInFlatPolygon(rings, x, y)) return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
  }
  return centroid(b.ring);
}

/**
 * Union of cells that share exact edges: every directed edge whose reverse also occurs is
 * interior and cancels; the remaining edges chain into rings. Outer rings come out
 * counter-clockwise and holes clockwise, because all cells are counter-clockwise.
 */
export function unionCells(cells: Ring[]): PolygonRings[] {
  const key = (p: [number, number]): string => `${p[0]},${p[1]}`;
  const edges = new Map<string, [number, number][]>();
  for (const ring of cells) {
    for (let i = 0; i < ring.length - 1; i++) {
      const a = ring[i];
      const b = ring[i + 1];
      const rev = `${key(b)}>${key(a)}`;
      if (edges.has(rev)) edges.delete(rev);
      else edges.set(`${key(a)}>${key(b)}`, [a, b]);
    }
  }
  const next = new Map<string, [number, number][]>();
  for (const [a, b] of edges.values()) {
    const k = key(a);
    const list = next.get(k);
    if (list) list.push(b);
    else next.set(k, [b]);
  }
  const rings: Ring[] = [];
  for (const [start, list] of next) {
    while (list.length > 0) {
      const ring: Ring = [start.split(",").map(Number) as [number, number]];
      let cur = list.pop()!;
      while (key(cur) !== start) {
        ring.push(cur);
        const outs = next.get(key(cur));
        if (!outs || outs.length === 0) break;
        cur = outs.pop()!;
      }
      ring.push([...ring[0]] as [number, number]);
      if (ring.length >= 4) rings.push(ring);
    }
  }
  const outers = rings.filter((r) => signedArea(r) > 0);
  const holes = rings.filter((r) => signedArea(r) < 0);
  const polys: PolygonRings[] = outers.map((o) => [o]);
  for (const h of holes) {
    const [x, y] = h[0];
    const host =
      polys.find((p) => pointInFlatPolygon([new Float64Array(p[0].flat())], x + 0.001, y + 0.001)) ??
      polys[0];
    host.push(h);
  }
  return polys;
}

/** Signed area (positive = counter-clockwise) of a closed ring, in square units. */
export function signedArea(r: Ring): number {
  let s = 0;
  for (let i = 0; i < r.length - 1; i++) s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
  return s / 2;
}

function centroid(r: Ring): [number, number] {
  let x = 0;
  let y = 0;
  for (let i = 0; i < r.length - 1; i++) {
    x += r[i][0];
    y += r[i][1];
  }
  return [x / (r.length - 1), y / (r.length - 1)];
}

function bbox(r: Ring): [number, number, number, number] {
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (const [x, y] of r) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}

function dist(a: [number, number], b: [number, number]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

function argmin(centres: [number, number][], p: [number, number]): number {
  let best = 0;
  let bestD = Infinity;
  centres.forEach((c, i) => {
    const d = (c[0] - p[0]) ** 2 + (c[1] - p[1]) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

function mean(v: number[]): number {
  return v.reduce((a, b) => a + b, 0) / v.length;
}
