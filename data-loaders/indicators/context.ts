/**
 * What every compute module needs: the loaded bronmap, the years and the area lists with their
 * parents, plus small helpers that turn SQL results into full grids of gate cells. Grids are
 * built in JavaScript from maps of the non-zero SQL rows, so JavaScript objects stay
 * proportional to the published cells, never to the input records.
 */
import {endianness} from "node:os";
import type {DuckDBConnection, DuckDBVector} from "@duckdb/node-api";
import type {
  CellRef,
  CountCell,
  DerivedDeclaration,
  GebiedNiveau,
  Relation,
  TableDeclaration
} from "../disclosure/gate.ts";
import type {Risicobranche} from "../sources/risicobranches.ts";
import type {LoadedBronmap} from "../sources/loaded.ts";
import type {Bedrijventerrein, RecordTable} from "../sources/types.ts";
import {declaratie, EERSTE_JAAR, REGIO_CODE} from "./catalogue.ts";

/** One area as the pipeline publishes it: code, level and parent code (regio for gemeenten). */
export interface GebiedRef {
  code: string;
  niveau: GebiedNiveau;
  bovenliggend: string | null;
  naam: string;
  gemeentecode: string | null;
  km2: number;
}

/**
 * A bedrijventerrein as a published area: level `regio` in the open data (the contract has no
 * level of its own for estates), with its gemeente as parent.
 */
export function terreinRef(t: Bedrijventerrein): GebiedRef {
  return {
    code: t.code,
    niveau: "regio",
    bovenliggend: t.gemeentecode,
    naam: t.naam,
    gemeentecode: t.gemeentecode,
    km2: t.areaKm2
  };
}

/** Inputs of the compute modules. */
export interface PipelineContext {
  connection: DuckDBConnection;
  bronmap: LoadedBronmap;
  /** Published years, ascending, from EERSTE_JAAR (or the first data year) to the last. */
  jaren: number[];
  regio: GebiedRef;
  /** Areas per level; `regio` holds the one regio. */
  gebieden: Record<GebiedNiveau, GebiedRef[]>;
  /** The risk branches in force (the bronmap's, see `LoadedBronmap.risicobranches`). */
  risicobranches: readonly Risicobranche[];
  has(table: RecordTable): boolean;
  log(msg: string): void;
}

/** What a compute module hands to the gate (all modules' parts go through ONE gate run). */
export interface GateParts {
  tables: TableDeclaration[];
  derived: DerivedDeclaration[];
  links: Relation[];
}

/** Empty parts, to push into. */
export function emptyParts(): GateParts {
  return {tables: [], derived: [], links: []};
}

/**
 * Years to publish: from EERSTE_JAAR (or the first year with observations, when later) to the
 * last year with observations. Falls back to the establishment dates when the quality report
 * has no span.
 */
export async function publishedYears(bronmap: LoadedBronmap): Promise<number[]> {
  let span = bronmap.quality.years;
  if (!span && bronmap.tables.has("vestigingen")) {
    const row = (
      await bronmap.connection.runAndReadAll(
        "SELECT min(year(datum_inschrijving)), max(greatest(year(datum_inschrijving), coalesce(year(datum_uitschrijving), 0))) FROM vestigingen"
      )
    ).getRows()[0];
    if (row[0] != null) span = {first: Number(row[0]), last: Number(row[1])};
  }
  if (!span) return [];
  const first = Math.max(EERSTE_JAAR, span.first);
  const out: number[] = [];
  for (let y = first; y <= span.last; y++) out.push(y);
  return out;
}

/** Builds the context: area lists sorted by code (deterministic output) and a `_jaren` table. */
export async function createContext(
  bronmap: LoadedBronmap,
  log: (msg: string) => void
): Promise<PipelineContext> {
  const jaren = await publishedYears(bronmap);
  const regio: GebiedRef = {
    code: REGIO_CODE,
    niveau: "regio",
    bovenliggend: null,
    naam: bronmap.isDemo ? "Voorbeeldregio" : "Regio (hele bronmap)",
    gemeentecode: null,
    km2: bronmap.areas.gemeenten.reduce((s, g) => s + g.areaKm2, 0)
  };
  const byCode = <T extends {code: string}>(list: T[]) =>
    [...list].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const gemeenten = byCode(bronmap.areas.gemeenten).map<GebiedRef>((a) => ({
    code: a.code,
    niveau: "gemeente",
    bovenliggend: REGIO_CODE,
    naam: a.naam,
    gemeentecode: a.code,
    km2: a.areaKm2
  }));
  const wijken = byCode(bronmap.areas.wijken).map<GebiedRef>((a) => ({
    code: a.code,
    niveau: "wijk",
    bovenliggend: a.gemeentecode,
    naam: a.naam,
    gemeentecode: a.gemeentecode,
    km2: a.areaKm2
  }));
  const buurten = byCode(bronmap.areas.buurten).map<GebiedRef>((a) => ({
    code: a.code,
    niveau: "buurt",
    bovenliggend: a.wijkcode,
    naam: a.naam,
    gemeentecode: a.gemeentecode,
    km2: a.areaKm2
  }));
  const connection = bronmap.connection;
  const [y0, y1] = jaren.length ? [jaren[0], jaren[jaren.length - 1] + 1] : [0, 0];
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE _jaren AS SELECT range::INTEGER AS jaar FROM range(${y0}, ${y1})`
  );
  return {
    connection,
    bronmap,
    jaren,
    regio,
    gebieden: {regio: [regio], gemeente: gemeenten, wijk: wijken, buurt: buurten},
    risicobranches: bronmap.risicobranches,
    has: (t) => bronmap.tables.has(t),
    log
  };
}

/** Runs a query and returns its rows as arrays of JS values (BIGINT as number). */
export async function rows(connection: DuckDBConnection, sql: string): Promise<unknown[][]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRows().map((r) => r.map((v) => (typeof v === "bigint" ? Number(v) : v)));
}

/**
 * Runs a query and returns its result column by column (`n` columns; an empty result has none,
 * so every column then reads as empty). Values as DuckDB gives them: BIGINT and HUGEINT as
 * bigint, so callers convert with `Number()`. Reading columns instead of rows (`rows`) builds no
 * array per row, which nationally is millions of small objects for the garbage collector.
 */
export async function columns(connection: DuckDBConnection, sql: string, n: number): Promise<unknown[][]> {
  const out = Array.from({length: n}, (): unknown[] => []);
  const result = await connection.run(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (let i = 0; i < n && i < chunk.columnCount; i++) appendVector(chunk.getColumnVector(i), out[i]);
  }
  return out;
}

/** A numeric result column: its values, 0 where NULL, and a flag per row that is 1 for NULL. */
export interface NumberColumn {
  values: Float64Array;
  isNull: Uint8Array;
}

/**
 * `columns`, but columns `numbersFrom` and after (INTEGER, BIGINT or DOUBLE) come as
 * `NumberColumn`s: typed arrays instead of one JavaScript value per row. A DOUBLE in an ordinary
 * array is a heap object of its own, so a national result of 191,000 rows and 14 numeric columns
 * was 2.7 million objects for the garbage collector. BIGINT values become numbers (`Number()`).
 */
export async function columnsWithNumbers(
  connection: DuckDBConnection,
  sql: string,
  n: number,
  numbersFrom: number
): Promise<{columns: unknown[][]; numbers: NumberColumn[]}> {
  const chunks = await (await connection.run(sql)).fetchAllChunks();
  let rowCount = 0;
  for (const chunk of chunks) rowCount += chunk.rowCount;
  const out = Array.from({length: numbersFrom}, (): unknown[] => []);
  const numbers = Array.from({length: n - numbersFrom}, (): NumberColumn => ({
    values: new Float64Array(rowCount),
    isNull: new Uint8Array(rowCount)
  }));
  let row = 0;
  for (const chunk of chunks) {
    if (chunk.rowCount === 0) continue;
    for (let i = 0; i < n && i < chunk.columnCount; i++) {
      const vector = chunk.getColumnVector(i);
      if (i < numbersFrom) appendVector(vector, out[i]);
      else writeNumbers(vector, numbers[i - numbersFrom], row);
    }
    row += chunk.rowCount;
  }
  return {columns: out, numbers};
}

/** Writes a numeric result vector into `col` from row `at` on (see `appendVector`). */
function writeNumbers(vector: DuckDBVector, col: NumberColumn, at: number): void {
  const fast = vectorArrays(vector);
  const n = vector.itemCount;
  const {values, isNull} = col;
  if (fast) {
    const {items, mask} = fast;
    for (let i = 0; i < n; i++) {
      if (mask !== null && ((mask[i >>> 5] >>> (i & 31)) & 1) === 0) isNull[at + i] = 1;
      else values[at + i] = Number(items[i]);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const v = vector.getItem(i);
    if (v === null) isNull[at + i] = 1;
    else values[at + i] = Number(v);
  }
}

const littleEndian = endianness() === "LE";

/**
 * The typed array of an INTEGER, BIGINT or DOUBLE result vector and its NULL mask as 32-bit
 * words (null: no NULLs), or null for any other vector. These are the vector's own fields, not
 * part of its typed API; when they are not there as expected (another library version), the
 * callers go through `getItem` as before.
 */
export function vectorArrays(
  vector: DuckDBVector
): {items: Int32Array | Float64Array | BigInt64Array; mask: Uint32Array | null} | null {
  const raw = vector as unknown as {items?: unknown; validity?: {data?: unknown; offset?: unknown}};
  const items = raw.items;
  const validity = raw.validity;
  if (
    !littleEndian ||
    !(items instanceof Int32Array || items instanceof Float64Array || items instanceof BigInt64Array) ||
    items.length !== vector.itemCount ||
    validity?.offset !== 0 ||
    !(validity.data === null || validity.data instanceof BigUint64Array)
  )
    return null;
  const data = validity.data;
  return {items, mask: data === null ? null : new Uint32Array(data.buffer, data.byteOffset, data.length * 2)};
}

/**
 * Appends the values of a result vector to `list`, as `getItem` gives them. INTEGER, BIGINT and
 * DOUBLE vectors are read straight from their typed array, with the NULL mask read as 32-bit
 * words: the library's `getItem` tests every value's validity with BigInt arithmetic (several
 * BigInts per value). Any other vector goes through `getItem`.
 */
export function appendVector(vector: DuckDBVector, list: unknown[]): void {
  const fast = vectorArrays(vector);
  const n = vector.itemCount;
  if (fast) {
    const {items, mask} = fast;
    if (mask === null) for (let i = 0; i < n; i++) list.push(items[i]);
    else for (let i = 0; i < n; i++) list.push(((mask[i >>> 5] >>> (i & 31)) & 1) === 0 ? null : items[i]);
    return;
  }
  for (let i = 0; i < n; i++) list.push(vector.getItem(i));
}

/** Key of a value in a count map: area, branch, category, year. */
export function key(code: string, branche: string | null, categorie: string | null, jaar: number): string {
  return `${code}\u0001${branche ?? ""}\u0001${categorie ?? ""}\u0001${jaar}`;
}

/**
 * Reads `SELECT code, branche, categorie, jaar, value FROM (...)` into a map by `key()`.
 * Rows with a NULL value are kept as null (public figures).
 */
export async function valueMap(
  connection: DuckDBConnection,
  sql: string
): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  for (const [code, branche, categorie, jaar, value] of await rows(connection, sql)) {
    out.set(
      key(
        String(code),
        (branche as string | null) ?? null,
        (categorie as string | null) ?? null,
        Number(jaar)
      ),
      value == null ? null : Number(value)
    );
  }
  return out;
}

/** Options of `gridCells`. */
export interface GridSpec {
  areas: GebiedRef[];
  branches?: readonly (string | null)[];
  categorieen?: readonly (string | null)[];
  jaren: readonly number[];
  /** Value for a key absent from the map: 0 for counts (no records), null for public figures. */
  missing: 0 | null;
}

/**
 * A table of public figures (CBS, police: published as they are, no threshold) named by its
 * catalogue id, which gives its title and unit.
 */
export function publiekTable(id: string, cells: CountCell[], dimensions: string[]) {
  return {...declaratie(id), unitKind: "publiek" as const, measure: "count" as const, dimensions, cells};
}

/** The full grid of cells areas x branches x categories x years, values from `values`. */
export function gridCells(values: Map<string, number | null>, spec: GridSpec): CountCell[] {
  const out: CountCell[] = [];
  for (const a of spec.areas) {
    for (const b of spec.branches ?? [null]) {
      for (const c of spec.categorieen ?? [null]) {
        for (const jaar of spec.jaren) {
          const v = values.get(key(a.code, b, c, jaar));
          out.push({
            gebiedcode: a.code,
            gebiedniveau: a.niveau,
            bovenliggend: a.bovenliggend,
            branche: b,
            categorie: c,
            jaar,
            value: v === undefined ? spec.missing : v
          });
        }
      }
    }
  }
  return out;
}

/**
 * The cells areas x years (no branch, no category), in `gridCells` order, with the value of area
 * `a` in year index `y` from `valueOf` (undefined: `missing`). For tables whose values are kept
 * per area in arrays by year, so that no key is built per cell.
 */
export function yearCells(
  areas: readonly GebiedRef[],
  jaren: readonly number[],
  valueOf: (a: GebiedRef, y: number) => number | null | undefined,
  missing: 0 | null
): CountCell[] {
  const out: CountCell[] = [];
  for (const a of areas)
    for (let y = 0; y < jaren.length; y++) {
      const v = valueOf(a, y);
      out.push({
        gebiedcode: a.code,
        gebiedniveau: a.niveau,
        bovenliggend: a.bovenliggend,
        branche: null,
        categorie: null,
        jaar: jaren[y],
        value: v === undefined ? missing : v
      });
    }
  return out;
}

let gridTableCounter = 0;

/**
 * Like `gridCells`, but the join of the grid with the values happens in DuckDB: `valuesSql`
 * yields `(code, branche, categorie, jaar, v)` rows, and only the value column comes back, in
 * grid order. This keeps national grids (millions of cells) free of string keys and maps.
 */
export async function gridCellsSql(
  connection: DuckDBConnection,
  valuesSql: string,
  spec: GridSpec
): Promise<CountCell[]> {
  const t = `_grid${gridTableCounter++}`;
  const esc = (v: string | null) => (v === null ? "NULL" : `'${v.replaceAll("'", "''")}'`);
  const branches = spec.branches ?? [null];
  const cats = spec.categorieen ?? [null];
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${t}_a(i INTEGER, code VARCHAR)`);
  for (let i = 0; i < spec.areas.length; i += 5000) {
    const rowsSql = spec.areas.slice(i, i + 5000).map((a, k) => `(${i + k}, ${esc(a.code)})`);
    await connection.run(`INSERT INTO ${t}_a VALUES ${rowsSql.join(", ")}`);
  }
  const list = (values: readonly (string | number | null)[], type: string) =>
    `SELECT * FROM (VALUES ${values.map((v, i) => `(${i}, ${typeof v === "number" ? v : esc(v)}::${type})`).join(", ")}) t(i, v)`;
  const sql = `SELECT x.v::DOUBLE FROM ${t}_a a
      CROSS JOIN (${list(branches, "VARCHAR")}) b CROSS JOIN (${list(cats, "VARCHAR")}) c CROSS JOIN (${list([...spec.jaren], "INTEGER")}) y
      LEFT JOIN (${valuesSql}) x(code, branche, categorie, jaar, v)
        ON x.code = a.code AND x.branche IS NOT DISTINCT FROM b.v AND x.categorie IS NOT DISTINCT FROM c.v AND x.jaar = y.v
      ORDER BY a.i, b.i, c.i, y.i`;
  const out: CountCell[] = [];
  if (spec.jaren.length === 0 || spec.areas.length === 0) return out;
  const result = await connection.stream(sql);
  let ai = 0;
  let bi = 0;
  let ci = 0;
  let yi = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const values = chunk.getColumnValues(0) as (number | null)[];
    for (const v of values) {
      const a = spec.areas[ai];
      out.push({
        gebiedcode: a.code,
        gebiedniveau: a.niveau,
        bovenliggend: a.bovenliggend,
        branche: branches[bi],
        categorie: cats[ci],
        jaar: spec.jaren[yi],
        value: v === null ? spec.missing : v
      });
      if (++yi === spec.jaren.length) {
        yi = 0;
        if (++ci === cats.length) {
          ci = 0;
          if (++bi === branches.length) {
            bi = 0;
            ai++;
          }
        }
      }
    }
  }
  await connection.run(`DROP TABLE ${t}_a`);
  if (out.length !== spec.areas.length * branches.length * cats.length * spec.jaren.length)
    throw new Error(`Raster ${t}: ${out.length} cellen, waarden niet uniek per sleutel?`);
  return out;
}

/** Reference to a cell of table `table` at area `a`. */
export function ref(
  table: string,
  a: GebiedRef,
  branche: string | null,
  categorie: string | null,
  jaar: number
): CellRef {
  return {
    table,
    gebiedcode: a.code,
    gebiedniveau: a.niveau,
    bovenliggend: a.bovenliggend,
    branche,
    categorie,
    jaar
  };
}

/**
 * `ref` that hands out one shared reference object per cell (keyed on table, area object, branch,
 * category and year): derived cells over a grid name the same base cells many times (nationally
 * about a million references in risicobranches alone, to a fifth as many cells), and every copy
 * would live until the gate is done. The gate only reads references; equal references were
 * equal objects before, so nothing it sees changes. Years outside `jaren` get a fresh object.
 */
export function sharedRefs(jaren: readonly number[]): typeof ref {
  const y0 = jaren[0] ?? 0;
  const ny = jaren.length;
  const byTable = new Map<string, Map<GebiedRef, Map<string | null, Map<string | null, CellRef[]>>>>();
  return (table, a, branche, categorie, jaar) => {
    const y = jaar - y0;
    if (!(y >= 0 && y < ny && Number.isInteger(y))) return ref(table, a, branche, categorie, jaar);
    let perArea = byTable.get(table);
    if (!perArea) byTable.set(table, (perArea = new Map()));
    let perBranche = perArea.get(a);
    if (!perBranche) perArea.set(a, (perBranche = new Map()));
    let perCategorie = perBranche.get(branche);
    if (!perCategorie) perBranche.set(branche, (perCategorie = new Map()));
    let list = perCategorie.get(categorie);
    if (!list) perCategorie.set(categorie, (list = new Array<CellRef>(ny)));
    return (list[y] ??= ref(table, a, branche, categorie, jaar));
  };
}

/** SQL for the area code column of a level over a table with columns g (gemeente), w, b. */
export function levelColumn(niveau: GebiedNiveau): string {
  switch (niveau) {
    case "regio":
      return `'${REGIO_CODE}'`;
    case "gemeente":
      return "g";
    case "wijk":
      return "w";
    case "buurt":
      return "b";
  }
}

/** Milliseconds since `t0`, rounded, for progress lines. */
export function ms(t0: number): number {
  return Math.round(performance.now() - t0);
}
