/**
 * The branded types that only the gate can create. A loader cannot construct them: the brand
 * key is a module-private unique symbol (so an object literal cannot type-check), and every
 * object the gate creates is registered in a WeakSet that the emit functions check at runtime
 * (so a cast `as PublishedTable` still fails when the loader runs).
 */
import type {CellStatus, DisclosureReport, Eenheid, PublishedCell, UnitKind} from "./types.ts";

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
  Object.defineProperty(table, "cellen", {
    enumerable: true,
    get: () => (cells ??= store.objects(ids))
  });
  const branded = Object.freeze(
    Object.assign(table, {__gate: "PublishedTable"})
  ) as unknown as PublishedTable;
  registry.add(branded);
  return branded;
}

/** A growable typed array of one of two kinds. */
class Column<A extends Int32Array | Float64Array> {
  length = 0;
  constructor(
    public data: A,
    private readonly make: (n: number) => A
  ) {}
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
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
  private readonly code: Column<Int32Array>;
  private readonly level: Column<Int32Array>;
  private readonly parent: Column<Int32Array>;
  private readonly branche: Column<Int32Array>;
  private readonly categorie: Column<Int32Array>;
  private readonly jaar: Column<Float64Array>;
  private readonly waarde: Column<Float64Array>;
  private readonly status: Column<Int32Array>;
  private readonly reden: Column<Int32Array>;
  private cache: Array<PublishedCell | undefined> = [];

  /** `capacity`: the expected number of cells (the columns grow beyond it when needed). */
  constructor(capacity = 1024) {
    const n = Math.max(16, capacity);
    const ints = (m: number) => new Int32Array(m);
    const floats = (m: number) => new Float64Array(m);
    this.code = new Column(ints(n), ints);
    this.level = new Column(ints(n), ints);
    this.parent = new Column(ints(n), ints);
    this.branche = new Column(ints(n), ints);
    this.categorie = new Column(ints(n), ints);
    this.jaar = new Column(floats(n), floats);
    this.waarde = new Column(floats(n), floats);
    this.status = new Column(ints(n), ints);
    this.reden = new Column(ints(n), ints);
  }

  /** Number of cells. */
  get size(): number {
    return this.code.length;
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
    // Consecutive cells mostly share level, parent, branch, category, status and reason: the
    // previous cell's value and id per column first (the same id the dictionary would give).
    const last = this.last;
    const parent = key.bovenliggend ?? null;
    const branche = key.branche ?? null;
    const categorie = key.categorie ?? null;
    this.code.push(this.id(key.gebiedcode));
    this.level.push(key.gebiedniveau === last[0] ? this.lastId[0] : this.remember(0, key.gebiedniveau));
    this.parent.push(parent === last[1] ? this.lastId[1] : this.remember(1, parent));
    this.branche.push(branche === last[2] ? this.lastId[2] : this.remember(2, branche));
    this.categorie.push(categorie === last[3] ? this.lastId[3] : this.remember(3, categorie));
    this.jaar.push(key.jaar);
    this.waarde.push(waarde === null ? NaN : waarde);
    this.status.push(status === last[4] ? this.lastId[4] : this.remember(4, status));
    this.reden.push(reden === last[5] ? this.lastId[5] : this.remember(5, reden));
    return this.code.length - 1;
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

  /** Status of cell `id`. */
  statusOf(id: number): PublishedCell["status"] {
    return this.values[this.status.data[id]] as PublishedCell["status"];
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
      const w = this.waarde.data[id];
      cell = {
        gebiedcode: v[this.code.data[id]] as string,
        gebiedniveau: v[this.level.data[id]] as PublishedCell["gebiedniveau"],
        bovenliggend: v[this.parent.data[id]] as string | null,
        branche: v[this.branche.data[id]] as string | null,
        categorie: v[this.categorie.data[id]] as string | null,
        jaar: this.jaar.data[id],
        waarde: Number.isNaN(w) ? null : w,
        status: v[this.status.data[id]] as PublishedCell["status"],
        reden: v[this.reden.data[id]] as string | null
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
