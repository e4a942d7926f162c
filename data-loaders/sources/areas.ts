/**
 * The areas of a bronmap: gemeenten, wijken and buurten from the CBS wijk- en buurtkaart,
 * bedrijventerreinen (IBIS) and the buitengebied, read into the typed `Areas` of the contract
 * plus planar RD New indexes for point-in-polygon assignment of records.
 */
import {existsSync, lstatSync, readdirSync, statSync} from "node:fs";
import {basename, dirname, join} from "node:path";
import type {MultiPolygon, Polygon} from "geojson";
import {findGenericPatterns} from "../patterns.ts";
import {AreaIndex, pointInFlatPolygon, type FlatPolygon} from "../geo/point-in-area.ts";
import {readPolygonGeoJson, type PolygonFeature} from "./geojson.ts";
import {
  BronmapError,
  type Area,
  type AreaLevel,
  type Areas,
  type Bedrijventerrein,
  type FileQuality
} from "./types.ts";

/** CBS code patterns per level: `GM` + 4 digits, `WK` + 6, `BU` + 8. */
export const CODE_PATTERN: Record<AreaLevel, RegExp> = {
  gemeente: /^GM\d{4}$/,
  wijk: /^WK\d{6}$/,
  buurt: /^BU\d{8}$/
};

/** Derives the gemeente code from a wijk or buurt code (`BU16400801` -> `GM1640`). */
export function gemeenteOf(code: string): string {
  return `GM${code.slice(2, 6)}`;
}

/** Derives the wijk code from a buurt code (`BU16400801` -> `WK164008`). */
export function wijkOf(buurtcode: string): string {
  return `WK${buurtcode.slice(2, 8)}`;
}

/** Property names (lower case) holding an area's own code and name, per level, in order of preference. */
const CODE_KEYS: Record<AreaLevel, string[]> = {
  gemeente: ["gemeentecode", "gm_code", "statcode", "code"],
  wijk: ["wijkcode", "wk_code", "statcode", "code"],
  buurt: ["buurtcode", "bu_code", "statcode", "code"]
};
const NAME_KEYS: Record<AreaLevel, string[]> = {
  gemeente: ["gemeentenaam", "gm_naam", "statnaam", "naam"],
  wijk: ["wijknaam", "wk_naam", "statnaam", "naam"],
  buurt: ["buurtnaam", "bu_naam", "statnaam", "naam"]
};

/** The first of `keys` with a text or number value (an object or list is no code or name). */
function prop(props: Record<string, unknown>, keys: string[]): string | null {
  for (const k of keys) {
    const v = props[k];
    if ((typeof v === "string" || (typeof v === "number" && Number.isFinite(v))) && String(v).trim() !== "")
      return String(v).trim();
  }
  return null;
}

/**
 * True when anything is at `path`, also a broken symbolic link (the reader then names it).
 * A file that differs only in upper and lower case (`Vestigingen.CSV`) would otherwise be
 * ignored without a word: that is an error naming both names.
 */
export function present(path: string, label = basename(path)): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    let entries: string[] = [];
    try {
      entries = readdirSync(dirname(path));
    } catch {
      return false;
    }
    const want = basename(path);
    const other = entries.find((e) => e !== want && e.toLowerCase() === want.toLowerCase());
    if (other) {
      throw new BronmapError(label, {
        expected: `het bestand "${want}" (in kleine letters, zoals in docs/eigen-data.md)`,
        found: `"${other}"; geef het de naam "${want}"`
      });
    }
    return false;
  }
}

/** Area names longer than this are cut (they are published in titles and tables). */
export const MAX_NAME_LENGTH = 100;

/**
 * An area name as it may be published: control characters, line breaks and bidirectional
 * controls (which can make a name read otherwise than it is) become spaces, runs
 * of spaces one space, and at most `MAX_NAME_LENGTH` characters. A name that looks like an
 * identifier the gate refuses (postcode, phone number, e-mail, KvK number, ...) is replaced by
 * the code. `note` collects what was changed, for the file's warnings.
 */
export function publishableName(
  name: string | null,
  code: string,
  note: {cleaned: number; cut: number; replaced: number}
): string {
  if (name == null) return code;
  // eslint-disable-next-line no-control-regex
  let n = name
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (n !== name.trim()) note.cleaned++;
  if (n.length > MAX_NAME_LENGTH) {
    n = n.slice(0, MAX_NAME_LENGTH - 1).trimEnd() + "…";
    note.cut++;
  }
  if (n === "") return code;
  if (findGenericPatterns(n).length > 0) {
    note.replaced++;
    return code;
  }
  return n;
}

function nameWarnings(note: {cleaned: number; cut: number; replaced: number}, q: FileQuality): void {
  if (note.replaced > 0)
    q.warnings.push(
      `${note.replaced} namen lijken een identificatie te bevatten (postcode, telefoonnummer, e-mailadres, KvK-nummer, ...) en zijn vervangen door de code`
    );
  if (note.cut > 0) q.warnings.push(`${note.cut} namen langer dan ${MAX_NAME_LENGTH} tekens ingekort`);
  if (note.cleaned > 0) q.warnings.push(`${note.cleaned} namen met regeleinden of stuurtekens opgeschoond`);
}

/** Areas plus what the record readers need for point-in-polygon in RD New. */
export interface AreaSet {
  areas: Areas;
  /** Finest level present, indexed for point-in-polygon; `list[i]` is the area of index hit i. */
  levels: {level: AreaLevel; list: Area[]; index: AreaIndex}[];
  bedrijventerreinIndex: AreaIndex;
  buitengebiedIndex: AreaIndex | null;
  /** All areas by code. */
  byCode: Map<string, Area>;
  quality: FileQuality[];
}

/**
 * Reads `gebieden/{gemeenten,wijken,buurten}.geojson`, `bedrijventerreinen.geojson` and
 * `buitengebied.geojson` from a bronmap. Only the gemeenten file is required.
 */
export function readAreas(dir: string, log: (msg: string) => void = () => {}): AreaSet {
  const quality: FileQuality[] = [];
  const rdOf = new Map<string, FlatPolygon[]>();
  const bboxOf = new Map<string, [number, number, number, number]>();
  const gebieden = join(dir, "gebieden");
  if (present(gebieden) && !(existsSync(gebieden) && statSync(gebieden).isDirectory())) {
    throw new BronmapError("gebieden", {
      expected: "een map met de gebiedsbestanden (gemeenten.geojson, wijken.geojson, buurten.geojson)",
      found: existsSync(gebieden) ? "een bestand" : "een snelkoppeling naar iets dat niet bestaat"
    });
  }
  const read = (level: AreaLevel, file: string, parents: Parents): Area[] => {
    const label = `gebieden/${file}`;
    const path = join(dir, "gebieden", file);
    if (!present(path, label)) {
      if (level === "gemeente") {
        throw new BronmapError(label, {
          expected: "de gemeentegrenzen (verplicht bestand)",
          found: "geen bestand"
        });
      }
      return [];
    }
    const t0 = performance.now();
    const {features, quality: q} = readPolygonGeoJson(path, label);
    const list = toAreas(level, features, q, rdOf, bboxOf, parents);
    if (level === "gemeente" && list.length === 0) {
      throw new BronmapError(label, {
        expected: "minstens één gemeente met een geldige code (GM + 4 cijfers) en een vlak",
        found:
          q.rowsRead === 0
            ? "een lege FeatureCollection"
            : `${q.rowsRead} features, geen enkele bruikbaar (${Object.entries(q.rejected)
                .map(([r, n]) => `${n}x ${r}`)
                .join(", ")})`
      });
    }
    quality.push(q);
    log(
      `${label}: ${list.length} ${level === "gemeente" ? "gemeenten" : level === "wijk" ? "wijken" : "buurten"} (${q.detected?.crs}), ${Math.round(performance.now() - t0)} ms`
    );
    return list;
  };
  const gemeenten = read("gemeente", "gemeenten.geojson", {gemeenten: null, wijken: null});
  const gemeenteCodes = new Set(gemeenten.map((g) => g.code));
  const wijken = read("wijk", "wijken.geojson", {gemeenten: gemeenteCodes, wijken: null});
  const wijkCodes = wijken.length > 0 ? new Set(wijken.map((w) => w.code)) : null;
  const buurten = read("buurt", "buurten.geojson", {gemeenten: gemeenteCodes, wijken: wijkCodes});

  const byCode = new Map<string, Area>();
  for (const a of [...gemeenten, ...wijken, ...buurten]) byCode.set(a.code, a);
  const levels = (
    [
      ["buurt", buurten],
      ["wijk", wijken],
      ["gemeente", gemeenten]
    ] as const
  )
    .filter(([, list]) => list.length > 0)
    .map(([level, list]) => ({level, list, index: new AreaIndex(list.map((a) => rdOf.get(a.code)!))}));
  const gemeenteIndex = levels[levels.length - 1];
  const byGemeente = new Set(gemeenten.map((g) => g.code));

  // Bedrijventerreinen: RIN_NUMMER and PLAN_NAAM as IBIS publishes them; the gemeente comes from
  // the file when present, else from where the estate lies.
  const bedrijventerreinen: Bedrijventerrein[] = [];
  const btRd: FlatPolygon[][] = [];
  const btPath = join(dir, "bedrijventerreinen.geojson");
  if (present(btPath)) {
    const {features, quality: q} = readPolygonGeoJson(btPath, "bedrijventerreinen.geojson");
    const note = {cleaned: 0, cut: 0, replaced: 0};
    const seen = new Set<string>();
    const reject = (reason: string): void => {
      q.rejected[reason] = (q.rejected[reason] ?? 0) + 1;
      q.rowsAccepted--;
    };
    for (const f of features) {
      const given = prop(f.props, ["rin_nummer", "code", "id"]);
      if (!given) {
        reject("geen RIN_NUMMER");
        continue;
      }
      const code = rinCode(given);
      if (!code) {
        reject("ongeldig RIN_NUMMER");
        continue;
      }
      if (seen.has(code)) {
        reject("dubbel RIN_NUMMER");
        continue;
      }
      let gm = prop(f.props, ["gemeentecode", "gm_code"])?.toUpperCase() ?? null;
      if (!gm || !byGemeente.has(gm)) {
        const [x, y] = firstVertex(f.rd);
        const hit = gemeenteIndex.index.locate(x, y);
        gm = hit >= 0 ? gemeenteIndex.list[hit].gemeentecode : null;
      }
      if (!gm) {
        reject("buiten de regio");
        continue;
      }
      seen.add(code);
      bedrijventerreinen.push({
        code,
        naam: publishableName(prop(f.props, ["plan_naam", "naam"]), code, note),
        gemeentecode: gm,
        geometry: f.geometry,
        areaKm2: f.areaKm2
      });
      btRd.push(f.rd);
    }
    nameWarnings(note, q);
    quality.push(q);
    log(`bedrijventerreinen.geojson: ${bedrijventerreinen.length} terreinen`);
  }

  let buitengebied: Polygon | MultiPolygon | null = null;
  let buitengebiedIndex: AreaIndex | null = null;
  let buitengebiedBuurten: string[] = [];
  const bgPath = join(dir, "buitengebied.geojson");
  const bg = present(bgPath) ? readPolygonGeoJson(bgPath, "buitengebied.geojson") : null;
  if (bg && bg.features.length === 0) {
    bg.quality.warnings.push("geen enkel vlak: het buitengebied wordt afgeleid uit de stedelijkheid");
    quality.push(bg.quality);
  } else if (bg) {
    const {features, quality: q} = bg;
    const polys = features.flatMap((f) =>
      f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates
    );
    buitengebied =
      polys.length === 1
        ? {type: "Polygon", coordinates: polys[0]}
        : {type: "MultiPolygon", coordinates: polys};
    buitengebiedIndex = new AreaIndex([features.flatMap((f) => f.rd)]);
    // A buurt counts as buitengebied when most of a grid of sample points inside it lies in the
    // buitengebied polygon: cheap, and robust against boundaries that differ by a few metres.
    const finest = levels[0];
    if (finest.level === "buurt") {
      buitengebiedBuurten = finest.list
        .filter((b) => shareInside(rdOf.get(b.code)!, buitengebiedIndex!) > 0.5)
        .map((b) => b.code);
    } else {
      // Counts and denominators share one definition (whole buurten), so without buurten there
      // is no buitengebied to count in: say so instead of silently counting everything as kern.
      q.warnings.push(
        "geen buurten in de gebiedsbestanden: het buitengebied wordt per hele buurt bepaald, dus alle vestigingen, signalen en inwoners tellen als kern"
      );
    }
    quality.push(q);
    log(
      `buitengebied.geojson: ${features.length} vlakken, ${buitengebiedBuurten.length} buurten in het buitengebied`
    );
  }

  return {
    areas: {gemeenten, wijken, buurten, bedrijventerreinen, buitengebied, buitengebiedBuurten},
    levels,
    bedrijventerreinIndex: new AreaIndex(btRd),
    buitengebiedIndex,
    byCode,
    quality
  };
}

function firstVertex(rd: FlatPolygon[]): [number, number] {
  // The centre of the outer ring's bounding box lies inside for the compact shapes of estates;
  // fall back to a vertex when it does not.
  const r = rd[0][0];
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (let i = 0; i < r.length; i += 2) {
    minX = Math.min(minX, r[i]);
    maxX = Math.max(maxX, r[i]);
    minY = Math.min(minY, r[i + 1]);
    maxY = Math.max(maxY, r[i + 1]);
  }
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  return pointInFlatPolygon(rd[0], cx, cy) ? [cx, cy] : [r[0], r[1]];
}

function shareInside(rd: FlatPolygon[], index: AreaIndex): number {
  let inArea = 0;
  let inBg = 0;
  for (const part of rd) {
    const r = part[0];
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    for (let i = 0; i < r.length; i += 2) {
      minX = Math.min(minX, r[i]);
      maxX = Math.max(maxX, r[i]);
      minY = Math.min(minY, r[i + 1]);
      maxY = Math.max(maxY, r[i + 1]);
    }
    for (let gx = 0.05; gx < 1; gx += 0.1) {
      for (let gy = 0.05; gy < 1; gy += 0.1) {
        const x = minX + gx * (maxX - minX);
        const y = minY + gy * (maxY - minY);
        if (!pointInFlatPolygon(part, x, y)) continue;
        inArea++;
        if (index.locate(x, y) >= 0) inBg++;
      }
    }
  }
  return inArea === 0 ? 0 : inBg / inArea;
}

/** The codes an area's parents must be among (null: that level is not checked). */
interface Parents {
  gemeenten: ReadonlySet<string> | null;
  wijken: ReadonlySet<string> | null;
}

/**
 * The code a bedrijventerrein is published under. IBIS delivers `RIN_NUMMER` as a number
 * (`1234`), which becomes `BT-1234`: a code the publish gate accepts as an area code, and no
 * 8-digit number that looks like a KvK number. A code in letters and digits (`RIN-0001`,
 * `bt-01`) is kept in capitals (dots become dashes), with `BT-` in front when it does not start
 * with two or three letters. Null for a value that is no code at all (spaces, markup, ...).
 */
export function rinCode(given: string): string | null {
  const t = given.trim();
  if (/^\d{1,20}$/.test(t)) return `BT-${t}`;
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/.test(t)) return null;
  const code = t.toUpperCase().replace(/\./g, "-");
  return /^(BT-?[A-Z0-9]|[A-Z]{2,3}[A-Z0-9_-]{0,20}$)/.test(code) ? code : `BT-${code}`;
}

/**
 * Whether a child's bounding box lies within its parent's, with a margin for boundaries that
 * CBS generalised separately per level (1 km plus 5% of the parent's larger side).
 */
function within(child: [number, number, number, number], parent: [number, number, number, number]): boolean {
  const m = 1000 + 0.05 * Math.max(parent[2] - parent[0], parent[3] - parent[1]);
  return (
    child[0] >= parent[0] - m &&
    child[1] >= parent[1] - m &&
    child[2] <= parent[2] + m &&
    child[3] <= parent[3] + m
  );
}

function toAreas(
  level: AreaLevel,
  features: PolygonFeature[],
  q: FileQuality,
  rdOf: Map<string, FlatPolygon[]>,
  bboxOf: Map<string, [number, number, number, number]>,
  parents: Parents
): Area[] {
  const byCode = new Map<string, Area>();
  let derived = 0;
  let merged = 0;
  const note = {cleaned: 0, cut: 0, replaced: 0};
  const reject = (reason: string): void => {
    q.rejected[reason] = (q.rejected[reason] ?? 0) + 1;
    q.rowsAccepted--;
  };
  for (const f of features) {
    const code = prop(f.props, CODE_KEYS[level])?.toUpperCase() ?? null;
    if (!code || !CODE_PATTERN[level].test(code)) {
      reject("ongeldige gebiedscode");
      continue;
    }
    const givenGm =
      level === "gemeente" ? code : (prop(f.props, ["gemeentecode", "gm_code"])?.toUpperCase() ?? null);
    const givenWk =
      level === "gemeente"
        ? null
        : level === "wijk"
          ? code
          : (prop(f.props, ["wijkcode", "wk_code"])?.toUpperCase() ?? null);
    // The CBS code holds its parents (BU16400801 lies in WK164008 in GM1640); a file that says
    // otherwise contradicts itself, and either answer could put the area in the wrong totals.
    const gemeentecode = level === "gemeente" ? code : gemeenteOf(code);
    const wijkcode = level === "gemeente" ? null : level === "wijk" ? code : wijkOf(code);
    if (level !== "gemeente" && givenGm && CODE_PATTERN.gemeente.test(givenGm) && givenGm !== gemeentecode) {
      reject("gemeentecode in strijd met de gebiedscode");
      continue;
    }
    if (level === "buurt" && givenWk && CODE_PATTERN.wijk.test(givenWk) && givenWk !== wijkcode) {
      reject("wijkcode in strijd met de gebiedscode");
      continue;
    }
    if (parents.gemeenten && !parents.gemeenten.has(gemeentecode)) {
      reject("gemeente niet in gemeenten.geojson");
      continue;
    }
    if (level === "buurt" && parents.wijken && !parents.wijken.has(wijkcode!)) {
      reject("wijk niet in wijken.geojson");
      continue;
    }
    const parentBox =
      level === "gemeente"
        ? null
        : bboxOf.get(level === "buurt" && parents.wijken ? wijkcode! : gemeentecode);
    if (parentBox && !within(f.bboxRd, parentBox)) {
      reject(
        level === "buurt" && parents.wijken ? "ligt buiten de eigen wijk" : "ligt buiten de eigen gemeente"
      );
      continue;
    }
    // Files with only statcode/statnaam lack the parents: the CBS code structure gives them.
    if (
      level !== "gemeente" &&
      (!givenGm ||
        !CODE_PATTERN.gemeente.test(givenGm) ||
        (level === "buurt" && (!givenWk || !CODE_PATTERN.wijk.test(givenWk))))
    )
      derived++;
    const naam = publishableName(prop(f.props, NAME_KEYS[level]), code, note);
    const existing = byCode.get(code);
    if (existing) {
      // CBS files occasionally split one area over several features: merge rather than drop.
      const parts = (g: Polygon | MultiPolygon) => (g.type === "Polygon" ? [g.coordinates] : g.coordinates);
      existing.geometry = {
        type: "MultiPolygon",
        coordinates: [...parts(existing.geometry), ...parts(f.geometry)]
      };
      existing.areaKm2 += f.areaKm2;
      rdOf.get(code)!.push(...f.rd);
      const b = bboxOf.get(code)!;
      bboxOf.set(code, [
        Math.min(b[0], f.bboxRd[0]),
        Math.min(b[1], f.bboxRd[1]),
        Math.max(b[2], f.bboxRd[2]),
        Math.max(b[3], f.bboxRd[3])
      ]);
      merged++;
      q.rowsAccepted--;
      continue;
    }
    const area: Area = {code, naam, level, gemeentecode, wijkcode, geometry: f.geometry, areaKm2: f.areaKm2};
    byCode.set(code, area);
    rdOf.set(code, [...f.rd]);
    bboxOf.set(code, f.bboxRd);
  }
  if (derived > 0)
    q.warnings.push(`bovenliggende codes van ${derived} gebieden afgeleid uit de CBS-codestructuur`);
  if (merged > 0)
    q.warnings.push(`${merged} features met een code die al voorkwam samengevoegd tot één gebied`);
  nameWarnings(note, q);
  return [...byCode.values()];
}
