/**
 * The branded types that only the gate can create. A loader cannot construct them: the brand
 * key is a module-private unique symbol (so an object literal cannot type-check), and every
 * object the gate creates is registered in a WeakSet that the emit functions check at runtime
 * (so a cast `as PublishedTable` still fails when the loader runs).
 */
import type {CellStatus, DisclosureReport, Eenheid, PublishedCell, UnitKind} from "./types.ts";
import {float64, int32} from "./arena.ts";

declare const publishedBrand: unique symbol;

/** A table that passed the gate: suppressed, audited, optionally rounded. Only the gate creates it. */
export interface PublishedTable {
  readonly [publishedBrand]: "PublishedTable";
  readonly schemaVersion: 1;
  readonly id: string;
  readonly titel: string;
  /** `telling`, `omvang` (magnitude), `publiek` (CBS figures as published) or `afgeleid` (rate, share, ...). */
  readonly soort: "telling" | "omvang" | "publiek" | "afgeleid";
  readonly eenheidSoort: UnitKind | null;
  readonly eenheid: Eenheid;
  readonly dimensies: readonly string[];
  readonly cellen: readonly PublishedCell[];
}

/** Non-numeric metadata that passed the gate's narrow checks (`publishMetadata`). */
export interface PublishedMetadata {
  readonly [publishedBrand]: "PublishedMetadata";
  readonly schemaVersion: 1;
  readonly soort: MetadataKind;
  readonly waarde: unknown;
}

/** Several published parts emitted as one file (e.g. a page's tables plus area names). */
export interface PublishedBundle {
  readonly [publishedBrand]: "PublishedBundle";
  readonly schemaVersion: 1;
  readonly onderdelen: Readonly<Record<string, PublishedTable | PublishedMetadata>>;
}

/** Kinds of metadata a loader may publish, each with its own check. */
export type MetadataKind =
  /** Catalogue or explanatory text written by us (never from input files). */
  | "tekst"
  /** Area names and hierarchy: `{code, naam, niveau?, bovenliggend?}[]` with CBS-style codes. */
  | "gebiedsnamen"
  /** TopoJSON or GeoJSON of areas (gemeenten, wijken, buurten, bedrijventerreinen, grid). */
  | "geometrie"
  /** The disclosure report of a gate run. */
  | "openbaarmakingsrapport"
  /** The data-quality report aggregate (counts and reasons per file). */
  | "kwaliteitsrapport";

/** Anything the emit functions accept. */
export type Publishable = PublishedTable | PublishedMetadata | PublishedBundle;

const registry = new WeakSet<object>();

/** Internal: register an object as created by the gate. Not re-exported by gate.ts. */
export function brand<T extends Publishable>(
  value: Omit<T, typeof publishedBrand>,
  kind: T[typeof publishedBrand]
): T {
  const branded = Object.freeze({...value, __gate: kind}) as unknown as T;
  registry.add(branded);
  return branded;
}

/** The fields of a published table besides its cells. */
export type PublishedTableHead = Omit<PublishedTable, typeof publishedBrand | "cellen">;

/**
 * Internal: a published table whose cells are kept as ids into a `PublishedCellStore` and are
 * made into objects on first read of `cellen` (then kept, so `cellen` is the same array on every
 * read). The table serialises exactly as one made by `brand` with the same cells: `cellen` is an
 * enumerable own property in the same place. Not re-exported by gate.ts.
 */
export function brandStoredTable(
  head: PublishedTableHead,
  store: PublishedCellStore,
  ids: Int32Array
): PublishedTable {
  let cells: readonly PublishedCell[] | null = null;
  const table = {...head};
  const stored = {store, ids};
  Object.defineProperty(table, "cellen", {
    enumerable: true,
    get: () => (cells ??= store.objects(ids))
  });
  const branded = Object.freeze(
    Object.assign(table, {__gate: "PublishedTable"})
  ) as unknown as PublishedTable;
  registry.add(branded);
  storedTables.set(branded, stored);
  return branded;
}

/** The cells of the tables made by `brandStoredTable`, by table. */
const storedTables = new WeakMap<object, {readonly store: PublishedCellStore; readonly ids: Int32Array}>();

/**
 * The store and ids behind a table made by `brandStoredTable` (undefined for any other table):
 * for the writers after the gate (page files, open data), which read the cells from the columns
 * instead of making an object per cell (nationally 4.6 million). Read only; the ids are the
 * table's own array, not a copy.
 */
export function storedCellsOf(
  table: PublishedTable
): {readonly store: PublishedCellStore; readonly ids: Int32Array} | undefined {
  return storedTables.get(table);
}

/** The columns of a `PublishedCellStore` (`PublishedCellStore.columns`), for reading only. */
export interface PublishedCellColumns {
  /** Number of cells (the arrays may be longer). */
  readonly size: number;
  /** The interned values: the string columns hold indexes into this list (null for a missing value). */
  readonly values: readonly unknown[];
  readonly gebiedcode: Int32Array;
  readonly gebiedniveau: Int32Array;
  readonly bovenliggend: Int32Array;
  readonly branche: Int32Array;
  readonly categorie: Int32Array;
  readonly jaar: Float64Array;
  /** NaN for null. */
  readonly waarde: Float64Array;
  readonly status: Int32Array;
  readonly reden: Int32Array;
}

/**
 * Calls `visit` for each cell of `table` in order, with one reused object for a table made by
 * `brandStoredTable` (no object per cell is made or kept: `visit` must not keep the cell), the
 * cell objects themselves for any other table.
 */
export function forEachCell(table: PublishedTable, visit: (cell: PublishedCell, k: number) => void): void {
  const stored = storedTables.get(table);
  if (!stored) {
    const cells = table.cellen;
    for (let k = 0; k < cells.length; k++) visit(cells[k]!, k);
    return;
  }
  const c = stored.store.columns();
  const v = c.values;
  const ids = stored.ids;
  const cell = {
    gebiedcode: "",
    gebiedniveau: "regio",
    bovenliggend: null,
    branche: null,
    categorie: null,
    jaar: 0,
    waarde: null,
    status: "",
    reden: null
  } as {-readonly [K in keyof PublishedCell]: PublishedCell[K]};
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    const w = c.waarde[id]!;
    cell.gebiedcode = v[c.gebiedcode[id]!] as string;
    cell.gebiedniveau = v[c.gebiedniveau[id]!] as PublishedCell["gebiedniveau"];
    cell.bovenliggend = v[c.bovenliggend[id]!] as string | null;
    cell.branche = v[c.branche[id]!] as string | null;
    cell.categorie = v[c.categorie[id]!] as string | null;
    cell.jaar = c.jaar[id]!;
    cell.waarde = Number.isNaN(w) ? null : w;
    cell.status = v[c.status[id]!] as PublishedCell["status"];
    cell.reden = v[c.reden[id]!] as string | null;
    visit(cell, k);
  }
}

/**
 * Published cells in columns (issue 12, memory): a national gate run publishes 5.6 million cells,
 * which as objects (nine fields each) were the peak of the pipeline's memory, next to the gate's
 * input. Here every cell is a row of typed arrays, its strings interned (a value that is not a
 * string, e.g. a missing field, is kept as it is); the objects are made only when a table's
 * `cellen` is read, after the gate, when its input and model are gone. Ids are stable: a cell
 * shared by several tables (copies of a derived table) is one object, as before.
 */
export class PublishedCellStore {
  private readonly values: unknown[] = [];
  private readonly valueIds = new Map<unknown, number>();
  // The columns, all of length `capacity`; cells 0..count-1 are filled. One capacity check per
  // cell instead of one per column (5.6 million cells nationally).
  private count = 0;
  private capacity: number;
  private code: Int32Array;
  private level: Int32Array;
  private parent: Int32Array;
  private branche: Int32Array;
  private categorie: Int32Array;
  private jaar: Float64Array;
  private waarde: Float64Array;
  private status: Int32Array;
  private reden: Int32Array;
  private cache: Array<PublishedCell | undefined> = [];

  /** `capacity`: the expected number of cells (the columns grow beyond it when needed). */
  constructor(capacity = 1024) {
    const n = Math.max(16, capacity);
    this.capacity = n;
    this.code = int32(n);
    this.level = int32(n);
    this.parent = int32(n);
    this.branche = int32(n);
    this.categorie = int32(n);
    this.jaar = float64(n);
    this.waarde = float64(n);
    this.status = int32(n);
    this.reden = int32(n);
  }

  /** Number of cells. */
  get size(): number {
    return this.count;
  }

  private grow(): void {
    const n = this.capacity * 2;
    const ints = (a: Int32Array) => {
      const b = int32(n);
      b.set(a);
      return b;
    };
    const floats = (a: Float64Array) => {
      const b = float64(n);
      b.set(a);
      return b;
    };
    this.code = ints(this.code);
    this.level = ints(this.level);
    this.parent = ints(this.parent);
    this.branche = ints(this.branche);
    this.categorie = ints(this.categorie);
    this.jaar = floats(this.jaar);
    this.waarde = floats(this.waarde);
    this.status = ints(this.status);
    this.reden = ints(this.reden);
    this.capacity = n;
  }

  private id(value: unknown): number {
    let id = this.valueIds.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.valueIds.set(value, id);
    }
    return id;
  }

  /**
   * Adds a cell (the key of `key`, missing `bovenliggend`, `branche` and `categorie` as null)
   * and returns its id. `waarde` null is kept as NaN: a published value is never NaN.
   */
  add(
    key: {
      gebiedcode: string;
      gebiedniveau: string;
      bovenliggend?: string | null;
      branche?: string | null;
      categorie?: string | null;
      jaar: number;
    },
    waarde: number | null,
    status: PublishedCell["status"],
    reden: string | null
  ): number {
    if (this.count === this.capacity) this.grow();
    const n = this.count++;
    // Consecutive cells mostly share level, parent, branch, category, status and reason: the
    // previous cell's value and id per column first (the same id the dictionary would give).
    const last = this.last;
    const parent = key.bovenliggend ?? null;
    const branche = key.branche ?? null;
    const categorie = key.categorie ?? null;
    this.code[n] = this.id(key.gebiedcode);
    this.level[n] = key.gebiedniveau === last[0] ? this.lastId[0] : this.remember(0, key.gebiedniveau);
    this.parent[n] = parent === last[1] ? this.lastId[1] : this.remember(1, parent);
    this.branche[n] = branche === last[2] ? this.lastId[2] : this.remember(2, branche);
    this.categorie[n] = categorie === last[3] ? this.lastId[3] : this.remember(3, categorie);
    this.jaar[n] = key.jaar;
    this.waarde[n] = waarde === null ? NaN : waarde;
    this.status[n] = status === last[4] ? this.lastId[4] : this.remember(4, status);
    this.reden[n] = reden === last[5] ? this.lastId[5] : this.remember(5, reden);
    return n;
  }

  /** The previous value per column (level, parent, branch, category, status, reason) and its id. */
  private readonly last: unknown[] = [{}, {}, {}, {}, {}, {}];
  private readonly lastId = new Int32Array(6);

  private remember(column: number, value: unknown): number {
    const id = this.id(value);
    this.last[column] = value;
    this.lastId[column] = id;
    return id;
  }

  /** The columns, for reading (the writers after the gate); the arrays are the store's own. */
  columns(): PublishedCellColumns {
    return {
      size: this.size,
      values: this.values,
      gebiedcode: this.code,
      gebiedniveau: this.level,
      bovenliggend: this.parent,
      branche: this.branche,
      categorie: this.categorie,
      jaar: this.jaar,
      waarde: this.waarde,
      status: this.status,
      reden: this.reden
    };
  }

  /** Status of cell `id`. */
  statusOf(id: number): PublishedCell["status"] {
    return this.values[this.status[id]] as PublishedCell["status"];
  }

  /** The cell as an object: one literal shape, made once per id. */
  object(id: number): PublishedCell {
    if (this.cache.length < this.size) {
      // Sized once (the reads come after the gate has added every cell), so it stays a dense array.
      const grown = new Array<PublishedCell | undefined>(this.size);
      for (let k = 0; k < this.cache.length; k++) grown[k] = this.cache[k];
      this.cache = grown;
    }
    let cell = this.cache[id];
    if (cell === undefined) {
      const v = this.values;
      const w = this.waarde[id];
      cell = {
        gebiedcode: v[this.code[id]] as string,
        gebiedniveau: v[this.level[id]] as PublishedCell["gebiedniveau"],
        bovenliggend: v[this.parent[id]] as string | null,
        branche: v[this.branche[id]] as string | null,
        categorie: v[this.categorie[id]] as string | null,
        jaar: this.jaar[id],
        waarde: Number.isNaN(w) ? null : w,
        status: v[this.status[id]] as PublishedCell["status"],
        reden: v[this.reden[id]] as string | null
      };
      this.cache[id] = cell;
    }
    return cell;
  }

  /** The cells of `ids` as objects, in order. */
  objects(ids: Int32Array): PublishedCell[] {
    const out = new Array<PublishedCell>(ids.length);
    for (let n = 0; n < ids.length; n++) out[n] = this.object(ids[n]);
    return out;
  }
}

/** True when `value` was created by the gate in this process (not a look-alike or a cast). */
export function isPublishable(value: unknown): value is Publishable {
  return typeof value === "object" && value !== null && registry.has(value);
}

/** Internal helper type for reports carried inside metadata. */
export type ReportPayload = DisclosureReport;

/** Internal: status values allowed in published cells (the contract's list). */
export {CELL_STATUSES} from "../../src/shared/contracts/envelope.ts";
