/**
 * The table model: all cells of all declared tables in flat typed arrays, and every additive
 * relation between them (area hierarchy, branch hierarchy, declared cross-table links) as one
 * sparse system `sum(coef * cell) = 0` (or `>= 0`). Suppression and audit work on this system
 * only, so they see all tables, levels and years together (privacy.md rule 6).
 *
 * Design choice for areas whose children do not add up (records without a buurt): the gate adds
 * an explicit remainder cell `<parent>-ONBEKEND` on the child level, so every relation stays an
 * exact equality and the remainder is protected like any other cell. A parent smaller than the
 * sum of its children is an error in the input. Cells that are not declared count as known zeros.
 */
import type {
  CellKey,
  CellRef,
  CountCell,
  GebiedNiveau,
  Relation,
  TableDeclaration,
  UnitKind
} from "./types.ts";
import {float64, int32, uint8} from "./arena.ts";

/** Levels in hierarchy order; the index is stored per cell. */
export const LEVELS: readonly GebiedNiveau[] = ["regio", "gemeente", "wijk", "buurt"];

/** Suffix of the remainder cell the gate adds when children do not add up to their parent. */
export const REMAINDER_AREA_SUFFIX = "-ONBEKEND";
/** Suffix of the remainder branch the gate adds when members do not add up to their group. */
export const REMAINDER_BRANCH_SUFFIX = "-overig";

/** Flat, indexed form of all declared tables and their relations. */
export interface TableModel {
  tables: TableDeclaration[];
  /** Number of cells (declared plus remainders). */
  n: number;
  /** Key and true value of every cell (remainder cells are synthetic CountCells). */
  cells: CountCell[];
  tableOf: Int32Array;
  value: Float64Array;
  level: Uint8Array;
  /** 1 when the cell is the total (left side) of a derived hierarchy relation: suppressed last. */
  isTotal: Uint8Array;
  /** 1 for public figures: constants, never suppressed. */
  fixed: Uint8Array;
  /** 1 for cells the gate added as remainders. */
  remainder: Uint8Array;
  /** 1 for key totals (`TableDeclaration.keyTotals`): published whenever at or above k. */
  key: Uint8Array;
  /** 1 for cells of hidden tables (`TableDeclaration.hidden`): never published. */
  hidden: Uint8Array;
  /** Relations in CSR form: terms of relation r are relStart[r]..relStart[r+1]. */
  relCount: number;
  relStart: Int32Array;
  relCell: Int32Array;
  relCoef: Float64Array;
  /** 0 for `=`, 1 for `>=`. */
  relSense: Uint8Array;
  /** Relations each cell takes part in (CSR). */
  cellRelStart: Int32Array;
  cellRel: Int32Array;
  /** Finds the index of a cell by reference, or -1. */
  find(ref: CellRef): number;
}

/**
 * Open-addressing hash map from non-negative integer keys (< 2^53) to cell indices, in typed
 * arrays: a national build has millions of cells, and a JS Map of that size costs seconds of GC.
 * At most three quarters full (1.5 slots per expected key): every typed array the gate allocates
 * next to its ~1 GB heap counts towards V8's external memory, and each ~64 MB of it triggers a
 * full mark of that heap, so the tables are kept as small as linear probing allows. A slot holds
 * key + 1 (exact below 2^53), so that an empty slot is 0 and a new table needs no fill.
 */
export class NumberMap {
  private keys: Float64Array;
  private vals: Int32Array;
  private cap: number;
  size = 0;
  constructor(capacity = 1024) {
    this.cap = Math.max(64, Math.ceil(capacity * 1.5));
    this.keys = float64(this.cap);
    this.vals = int32(this.cap);
  }
  private slot(key: number): number {
    const lo = key >>> 0;
    const hi = Math.floor(key / 4294967296) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    // The hash scaled to [0, cap) (any capacity, no power of two needed).
    let i = Math.floor(((h >>> 0) * this.cap) / 4294967296);
    const cap = this.cap;
    const stored = key + 1;
    while (this.keys[i] !== 0 && this.keys[i] !== stored) if (++i === cap) i = 0;
    return i;
  }
  /** Value for key, or -1. */
  get(key: number): number {
    const i = this.slot(key);
    return this.keys[i] !== 0 ? this.vals[i] : -1;
  }
  /** Sets key to value unless key is present; returns the value it already had, or -1 (one probe). */
  setIfAbsent(key: number, value: number): number {
    if ((this.size + 1) * 4 > this.cap * 3) this.grow();
    const i = this.slot(key);
    if (this.keys[i] !== 0) return this.vals[i];
    this.keys[i] = key + 1;
    this.vals[i] = value;
    this.size++;
    return -1;
  }
  set(key: number, value: number): void {
    if ((this.size + 1) * 4 > this.cap * 3) this.grow();
    const i = this.slot(key);
    if (this.keys[i] === 0) {
      this.keys[i] = key + 1;
      this.size++;
    }
    this.vals[i] = value;
  }
  private grow(): void {
    const {keys, vals} = this;
    this.cap = keys.length * 2;
    this.keys = float64(this.cap);
    this.vals = int32(this.cap);
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.set(keys[i] - 1, vals[i]);
  }
}

/**
 * Table-local numeric keys so that a national build needs no millions of string keys. A key is
 * (area, branch-and-category pair, year) in 20 + 25 + 8 bits (below 2^53): the pair gets a dense
 * id of its own, so a table may have any number of branches or categories (the hidden parts once
 * put thousands of values in `categorie`, where a fixed 8 bits stopped the national build) as
 * long as it has fewer than 2^25 distinct pairs, 2^20 areas and 256 years.
 */
export class KeyIndex {
  private areas = new Map<string, number>();
  private branches = new Map<string, number>();
  private categories = new Map<string, number>();
  private years = new Map<number, number>();
  // Id of a whole year 0..4095 by the year itself (+1; 0 = not seen): the year changes at almost
  // every cell (cells run through the years innermost), and an array read is cheaper than a Map.
  private yearIds = new Int32Array(4096);
  private pairs = new NumberMap(64);
  // The last pair looked up: consecutive cells mostly share branch and category.
  private lastB = -1;
  private lastC = -1;
  private lastPair = -1;
  private lastCode: string | undefined;
  private lastA = -1;
  private lastBr: string | undefined;
  private lastBranche = -1;
  private lastCa: string | undefined;
  private lastCategorie = -1;
  private lastJaar = NaN;
  private lastY = -1;
  readonly cellOf: NumberMap;
  constructor(capacity: number) {
    this.cellOf = new NumberMap(capacity);
  }

  private static id<K>(map: Map<K, number>, key: K, create: boolean): number {
    let id = map.get(key);
    if (id === undefined) {
      if (!create) return -1;
      id = map.size;
      map.set(key, id);
    }
    return id;
  }

  /** Numeric key of a cell; -1 when one of its parts was never seen and `create` is false. */
  key(
    code: string,
    branche: string | null | undefined,
    categorie: string | null | undefined,
    jaar: number,
    create: boolean
  ): number {
    // The previous cell's parts first: neighbouring cells mostly share area, branch and year,
    // and comparing with the previous value is cheaper than a Map lookup.
    let a = this.lastA;
    if (code !== this.lastCode) {
      a = KeyIndex.id(this.areas, code, create);
      if (a >= 0) ((this.lastCode = code), (this.lastA = a));
    }
    const br = branche ?? "";
    let b = this.lastBranche;
    if (br !== this.lastBr) {
      b = KeyIndex.id(this.branches, br, create);
      if (b >= 0) ((this.lastBr = br), (this.lastBranche = b));
    }
    const ca = categorie ?? "";
    let c = this.lastCategorie;
    if (ca !== this.lastCa) {
      c = KeyIndex.id(this.categories, ca, create);
      if (c >= 0) ((this.lastCa = ca), (this.lastCategorie = c));
    }
    let y = this.lastY;
    if (jaar !== this.lastJaar) {
      const small = (jaar & 4095) === jaar;
      y = small ? this.yearIds[jaar] - 1 : -1;
      if (y < 0) {
        y = KeyIndex.id(this.years, jaar, create);
        if (small && y >= 0) this.yearIds[jaar] = y + 1;
      }
      if (y >= 0) ((this.lastJaar = jaar), (this.lastY = y));
    }
    if (a < 0 || b < 0 || c < 0 || y < 0) return -1;
    let pair: number;
    if (b === this.lastB && c === this.lastC) pair = this.lastPair;
    else {
      // b and c are below the number of cells, so b * 2^26 + c stays exact.
      const pk = b * 67108864 + c;
      pair = this.pairs.get(pk);
      if (pair < 0) {
        if (!create) return -1;
        pair = this.pairs.size;
        this.pairs.set(pk, pair);
      }
      this.lastB = b;
      this.lastC = c;
      this.lastPair = pair;
    }
    if (a >= 1 << 20 || pair >= 1 << 25 || y >= 1 << 8 || b >= 1 << 26 || c >= 1 << 26)
      throw new Error(
        "Tabel te groot voor de sleutelindex (meer dan 2^20 gebieden, 2^25 combinaties van branche en categorie of 256 jaren)"
      );
    return (a * 33554432 + pair) * 256 + y;
  }
}

/** A growable Int32Array (a national model has millions of entries: no JS arrays of numbers). */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = int32(Math.max(16, capacity));
  }
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = int32(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
  /** Makes room for `count` more entries (the caller writes them into `data`); returns where they start. */
  extend(count: number): number {
    while (this.length + count > this.data.length) {
      const next = int32(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    const at = this.length;
    this.length += count;
    return at;
  }
  /** The filled part (a view on the list's buffer, not a copy). */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/** A growable Float64Array. */
class FloatList {
  data: Float64Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = float64(Math.max(16, capacity));
  }
  /** Makes room for `count` more entries (the caller writes them into `data`); returns where they start. */
  extend(count: number): number {
    while (this.length + count > this.data.length) {
      const next = float64(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    const at = this.length;
    this.length += count;
    return at;
  }
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = float64(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
  /** The filled part (a view on the list's buffer, not a copy). */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** A growable Uint8Array. */
class ByteList {
  data: Uint8Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = uint8(Math.max(16, capacity));
  }
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = uint8(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
  /** Makes room for `count` more entries (the caller writes them into `data`); returns where they start. */
  extend(count: number): number {
    while (this.length + count > this.data.length) {
      const next = uint8(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    const at = this.length;
    this.length += count;
    return at;
  }
  /** The filled part (a view on the list's buffer, not a copy). */
  view(): Uint8Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Growable arrays for building the relation system. A relation's terms are first staged
 * (`term`), then committed (`commit`): without an object per term, since a national model has
 * hundreds of thousands of relations and a million terms.
 */
class RelationBuilder {
  starts: IntList;
  cells: IntList;
  coefs: FloatList;
  senses: number[] = [];
  private termCell = new IntList(64);
  private termCoef = new FloatList(64);
  /** Sized for the expected number of relations and terms, so the lists need not grow by doubling. */
  constructor(relations = 1024, terms = 1024) {
    this.starts = new IntList(relations + 1);
    this.cells = new IntList(terms);
    this.coefs = new FloatList(terms);
    this.starts.push(0);
  }
  /** Stages one term of the next relation. */
  term(cell: number, coef: number): void {
    this.termCell.push(cell);
    this.termCoef.push(coef);
  }
  /** Commits the staged terms as one relation. */
  commit(sense: 0 | 1): void {
    const k = this.termCell.length;
    const tc = this.termCell.data;
    const tv = this.termCoef.data;
    if (k < 64 && !this.stagedHasDuplicates()) {
      const at = this.cells.extend(k);
      this.coefs.extend(k);
      const cd = this.cells.data;
      const vd = this.coefs.data;
      for (let a = 0; a < k; a++) {
        cd[at + a] = tc[a];
        vd[at + a] = tv[a];
      }
    } else {
      // Merge duplicate cells (a link may name a cell twice) so the LP matrix has no duplicates.
      const merged = new Map<number, number>();
      for (let a = 0; a < k; a++) merged.set(tc[a], (merged.get(tc[a]) ?? 0) + tv[a]);
      for (const [cell, coef] of merged) {
        if (coef === 0) continue;
        this.cells.push(cell);
        this.coefs.push(coef);
      }
    }
    this.starts.push(this.cells.length);
    this.senses.push(sense);
    this.termCell.length = 0;
    this.termCoef.length = 0;
  }
  private stagedHasDuplicates(): boolean {
    const k = this.termCell.length;
    const tc = this.termCell.data;
    const tv = this.termCoef.data;
    for (let a = 0; a < k; a++) {
      if (tv[a] === 0) return true;
      for (let b = a + 1; b < k; b++) if (tc[a] === tc[b]) return true;
    }
    return false;
  }
}

function cellLabel(table: string, cell: CellKey): string {
  return [table, cell.gebiedcode, cell.branche, cell.categorie, cell.jaar]
    .filter((x) => x != null && x !== "")
    .join(" / ");
}

/** Human-readable name of a cell for error messages: table / area / branch / category / year. */
export function describeCell(model: TableModel, i: number): string {
  return cellLabel(model.tables[model.tableOf[i]].id, model.cells[i]);
}

const ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * Builds the table model: indexes cells, adds remainder cells, derives area and branch
 * relations, and resolves declared links. Throws on inconsistent input with a Dutch message
 * naming table and cell.
 */
export function buildTableModel(tables: TableDeclaration[], links: Relation[] = []): TableModel {
  // All declared cells in one array in declaration order, copied at once (pushing 2.2 million
  // cells one by one nationally grew the array by copying it again and again, ~0.3 s); the
  // remainder cells are pushed after them.
  const cells: CountCell[] = ([] as CountCell[]).concat(...tables.map((table) => table.cells));
  // Sized for the declared cells and a few remainders. Every typed array here counts towards V8's
  // external memory next to the ~1 GB heap of the gate's input, and each ~64 MB of it triggers a
  // full mark of that heap: so no list grows by doubling where its size can be known.
  let declared = 0;
  // Expected relations and their terms: a relation per parent cell (at most one per cell of a
  // counted table) with its parent and children (at most two terms per cell), plus the links.
  let counted = 0;
  for (const table of tables) {
    declared += table.cells.length;
    if (table.unitKind !== "publiek") counted += table.cells.length;
  }
  let linkTerms = 0;
  for (const link of links) linkTerms += link.terms.length;
  // Table, true value and level of every cell, filled while the cells are checked (one pass over
  // the cell objects instead of two), the remainders pushed as they are added.
  const capacity = declared + (declared >> 5) + 1024;
  const tableOf = new IntList(capacity);
  const valueOf = new FloatList(capacity);
  const levelOf = new ByteList(capacity);
  const indexes: KeyIndex[] = [];
  const tableIds = new Map<string, number>();
  const relations = new RelationBuilder(links.length + (counted >> 2), linkTerms + 2 * counted);
  const totals: number[] = [];
  const tableStart: number[] = [];

  tables.forEach((table, t) => {
    if (!ID_PATTERN.test(table.id))
      throw new Error(`Tabel-id "${table.id}" mag alleen kleine letters, cijfers, - en _ bevatten`);
    if (tableIds.has(table.id)) throw new Error(`Tabel ${table.id} is twee keer gedeclareerd`);
    if (table.hidden && (table.unitKind === "publiek" || table.measure !== "count" || table.keyTotals))
      throw new Error(`Verborgen tabel ${table.id}: alleen tellingen zonder kerntotalen`);
    tableIds.set(table.id, t);
    const tableCells = table.cells;
    const start = tableOf.extend(tableCells.length);
    tableOf.data.fill(t, start, start + tableCells.length);
    valueOf.extend(tableCells.length);
    levelOf.extend(tableCells.length);
    const values = valueOf.data;
    const levels = levelOf.data;
    tableStart.push(start);
    const index = new KeyIndex(tableCells.length + 16);
    indexes.push(index);
    const publiek = table.unitKind === "publiek";
    for (let j = 0; j < tableCells.length; j++) {
      const cell = tableCells[j];
      const lv = LEVELS.indexOf(cell.gebiedniveau);
      if (lv < 0) throw new Error(`${cellLabel(table.id, cell)}: onbekend gebiedniveau ${cell.gebiedniveau}`);
      levels[start + j] = lv;
      const v = cell.value;
      values[start + j] = v ?? NaN;
      if (v === null) {
        if (!publiek)
          throw new Error(
            `${cellLabel(table.id, cell)}: waarde ontbreekt (alleen publieke cijfers mogen leeg zijn)`
          );
      } else if (!Number.isFinite(v) || (!publiek && v < 0)) {
        throw new Error(`${cellLabel(table.id, cell)}: ongeldige waarde ${v}`);
      } else if (!publiek && table.measure === "count" && !Number.isInteger(v)) {
        throw new Error(
          `${cellLabel(table.id, cell)}: een telling moet een geheel getal zijn, gevonden ${v}`
        );
      }
      const key = index.key(cell.gebiedcode, cell.branche, cell.categorie, cell.jaar, true);
      if (index.cellOf.setIfAbsent(key, start + j) >= 0)
        throw new Error(`${cellLabel(table.id, cell)}: cel komt twee keer voor`);
    }
  });

  const addCell = (t: number, cell: CountCell): number => {
    const key = indexes[t].key(cell.gebiedcode, cell.branche, cell.categorie, cell.jaar, true);
    indexes[t].cellOf.set(key, cells.length);
    cells.push(cell);
    tableOf.push(t);
    valueOf.push(cell.value ?? NaN);
    levelOf.push(LEVELS.indexOf(cell.gebiedniveau));
    return cells.length - 1;
  };

  // Area hierarchy: parent = sum of children with the same branch, category and year. The work
  // arrays are sized once for the largest counted table and reused by every table.
  let largest = 0;
  for (const table of tables)
    if (table.unitKind !== "publiek") largest = Math.max(largest, table.cells.length);
  const parentScratch = new Int32Array(largest);
  const countScratch = new Int32Array(largest + 1);
  const childScratch = new Int32Array(largest);
  tables.forEach((table, t) => {
    if (table.unitKind === "publiek") return; // CBS figures are constants; relations among constants add nothing.
    const index = indexes[t];
    // The declared cells of a table are contiguous, from where its declaration started.
    const start = table.cells.length > 0 ? tableStart[t] : -1;
    if (start < 0) return;
    const end = start + table.cells.length;
    // Parent of every cell, then children grouped per parent by a counting sort (no per-parent
    // arrays): the children of p end up in childList[childCount[p]..childCount[p + 1]), in order.
    const len = end - start;
    const parentOf = parentScratch.fill(-1, 0, len);
    const childCount = countScratch.fill(0, 0, len + 1);
    for (let i = start; i < end; i++) {
      const cell = cells[i];
      if (cell.bovenliggend == null) continue;
      const parentKey = index.key(cell.bovenliggend, cell.branche, cell.categorie, cell.jaar, false);
      const parent = parentKey < 0 ? -1 : index.cellOf.get(parentKey);
      if (parent < 0) continue;
      parentOf[i - start] = parent - start;
      childCount[parent - start]++;
    }
    // Counts to ends (childCount[p] = end of p's children), then filled backwards: each
    // decrement leaves childCount[p] at the start of p's children, and they stay in cell order.
    for (let p = 1; p < len; p++) childCount[p] += childCount[p - 1];
    childCount[len] = len > 0 ? childCount[len - 1] : 0;
    const childList = childScratch;
    for (let i = len - 1; i >= 0; i--) if (parentOf[i] >= 0) childList[--childCount[parentOf[i]]] = i + start;
    for (let p = 0; p < len; p++) {
      if (childCount[p] === childCount[p + 1]) continue;
      const parent = p + start;
      const kids = childList.subarray(childCount[p], childCount[p + 1]);
      let sum = 0;
      for (const k of kids) sum += cells[k].value as number;
      const pv = cells[parent].value as number;
      relations.term(parent, 1);
      for (const k of kids) relations.term(k, -1);
      if (Math.abs(pv - sum) > 1e-9 * Math.max(1, pv)) {
        if (pv < sum) {
          throw new Error(
            `${cellLabel(table.id, cells[parent])}: totaal ${pv} is kleiner dan de som ${sum} van de onderliggende gebieden`
          );
        }
        if (table.measure === "magnitude") {
          throw new Error(
            `${cellLabel(table.id, cells[parent])}: onderliggende gebieden tellen niet op tot het totaal; declareer een restcel`
          );
        }
        const p = cells[parent];
        const rest = addCell(t, {
          gebiedcode: p.gebiedcode + REMAINDER_AREA_SUFFIX,
          gebiedniveau: cells[kids[0]].gebiedniveau,
          bovenliggend: p.gebiedcode,
          branche: p.branche ?? null,
          categorie: p.categorie ?? null,
          jaar: p.jaar,
          value: pv - sum
        });
        relations.term(rest, -1);
      }
      totals.push(parent);
      relations.commit(0);
    }
  });

  // Branch hierarchy: group = sum of members, per area, category and year.
  tables.forEach((table, t) => {
    if (!table.brancheHierarchy || table.unitKind === "publiek") return;
    const index = indexes[t];
    const count = cells.length;
    const owner = tableOf.data;
    // The table's cells: its declared range, then its area remainders among those added after
    // all declared cells (in index order, as one pass over all cells would meet them).
    const end = tableStart[t] + table.cells.length;
    for (let i = tableStart[t]; i < count; i++) {
      if (i === end && i < declared) i = declared;
      if (i >= count) break;
      if (owner[i] !== t) continue;
      const cell = cells[i];
      const members = cell.branche != null ? table.brancheHierarchy[cell.branche] : undefined;
      if (!members) continue;
      relations.term(i, 1);
      let sum = 0;
      for (const m of members) {
        const key = index.key(cell.gebiedcode, m, cell.categorie, cell.jaar, false);
        const j = key < 0 ? -1 : index.cellOf.get(key);
        if (j < 0) continue;
        relations.term(j, -1);
        sum += cells[j].value as number;
      }
      const gv = cell.value as number;
      if (gv < sum - 1e-9)
        throw new Error(
          `${cellLabel(table.id, cell)}: groepstotaal ${gv} is kleiner dan de som ${sum} van de branches`
        );
      if (gv - sum > 1e-9 * Math.max(1, gv)) {
        if (table.measure === "magnitude")
          throw new Error(`${cellLabel(table.id, cell)}: branches tellen niet op tot het groepstotaal`);
        const rest = addCell(t, {
          ...cell,
          branche: cell.branche + REMAINDER_BRANCH_SUFFIX,
          value: gv - sum,
          contributions: undefined
        });
        relations.term(rest, -1);
      }
      totals.push(i);
      relations.commit(0);
    }
  });

  // The previous reference's table first (derived cells look up millions of bases).
  let lastTable: string | undefined;
  let lastT = -1;
  const find = (ref: CellRef): number => {
    let t = lastT;
    if (ref.table !== lastTable) {
      const id = tableIds.get(ref.table);
      if (id === undefined) return -1;
      lastTable = ref.table;
      t = lastT = id;
    }
    const key = indexes[t].key(ref.gebiedcode, ref.branche, ref.categorie, ref.jaar, false);
    return key < 0 ? -1 : indexes[t].cellOf.get(key);
  };

  // Declared links between tables (and stock-flow relations): must hold for the true values.
  for (const link of links) {
    let lhs = 0;
    for (const term of link.terms) {
      const i = find(term.cell);
      if (i < 0)
        throw new Error(
          `Relatie ${link.label ?? ""}: cel ${cellLabel(term.cell.table, term.cell)} is niet gedeclareerd`
        );
      if (cells[i].value === null)
        throw new Error(
          `Relatie ${link.label ?? ""}: cel ${cellLabel(term.cell.table, term.cell)} heeft geen waarde`
        );
      lhs += term.coef * (cells[i].value as number);
      relations.term(i, term.coef);
    }
    const ok = link.sense === "=" ? Math.abs(lhs) < 1e-6 : lhs > -1e-6;
    if (!ok)
      throw new Error(
        `Relatie ${link.label ?? "(zonder naam)"} klopt niet voor de ware waarden (verschil ${lhs})`
      );
    relations.commit(link.sense === "=" ? 0 : 1);
  }

  const n = cells.length;
  const value = valueOf.view();
  const level = levelOf.view();
  const fixed = uint8(n);
  const isTotal = uint8(n);
  const key = uint8(n);
  const hidden = uint8(n);
  const tableOfCell = tableOf.view();
  // The declared cells come first; every cell after them is a remainder the gate added.
  const remainderOf = uint8(n).fill(1, declared);
  const flag = (t: number, from: number, to: number) => {
    const table = tables[t];
    if (table.unitKind === "publiek") fixed.fill(1, from, to);
    if (table.hidden) hidden.fill(1, from, to);
  };
  // Declared cells per table (the table's flags for its whole range; only a table with key
  // totals reads its cells again), then the remainders.
  tables.forEach((table, t) => {
    const from = tableStart[t];
    const to = from + table.cells.length;
    flag(t, from, to);
    const kt = table.keyTotals;
    if (!kt) return;
    const keyLevel = LEVELS.map((l) => kt.levels.includes(l));
    for (let i = from; i < to; i++)
      if (keyLevel[level[i]])
        key[i] = kt.branche === undefined || kt.branche === (cells[i].branche ?? null) ? 1 : 0;
  });
  for (let i = declared; i < n; i++) flag(tableOfCell[i], i, i + 1);
  for (const i of totals) isTotal[i] = 1;
  const relCount = relations.senses.length;
  // Views of the filled part, not copies: the lists were sized for the expected number of terms
  // (nationally 2.37 of 2.95 million slots used), and a copy would be ~30 MB more external memory.
  const relStart = relations.starts.view();
  const relCell = relations.cells.view();
  // Cell -> relations, by counting sort: counts to ends, then filled backwards (relations in
  // ascending order per cell), which needs no copy of the starts to fill from.
  const cellRelStart = int32(n + 1);
  for (let k = 0; k < relCell.length; k++) cellRelStart[relCell[k]]++;
  for (let i = 1; i < n; i++) cellRelStart[i] += cellRelStart[i - 1];
  cellRelStart[n] = relCell.length;
  const cellRel = int32(relCell.length);
  for (let r = relCount - 1; r >= 0; r--) {
    for (let k = relStart[r + 1] - 1; k >= relStart[r]; k--) cellRel[--cellRelStart[relCell[k]]] = r;
  }
  return {
    tables,
    n,
    cells,
    tableOf: tableOfCell,
    value,
    level,
    isTotal,
    fixed,
    remainder: remainderOf,
    key,
    hidden,
    relCount,
    relStart,
    relCell,
    relCoef: relations.coefs.view(),
    relSense: Uint8Array.from(relations.senses),
    cellRelStart,
    cellRel,
    find
  };
}

/** The reference to cell `c` of table `table` (missing branch and category as null). */
export function cellRef(table: string, c: CellKey): CellRef {
  return {
    table,
    gebiedcode: c.gebiedcode,
    gebiedniveau: c.gebiedniveau,
    bovenliggend: c.bovenliggend,
    branche: c.branche ?? null,
    categorie: c.categorie ?? null,
    jaar: c.jaar
  };
}

/** A relation `total = sum(parts)` between declared cells (e.g. across two tables). */
export function sumRelation(total: CellRef, parts: CellRef[], label?: string): Relation {
  return {label, sense: "=", terms: [{cell: total, coef: 1}, ...parts.map((cell) => ({cell, coef: -1}))]};
}

/**
 * Stock-flow relations `stock[t] = stock[t-1] + starts[t] - stops[t]`, one for every cell of
 * `stock` for which all four cells are declared (an outsider can only combine published tables).
 */
export function stockFlowRelations(
  stock: TableDeclaration,
  starts: TableDeclaration,
  stops: TableDeclaration
): Relation[] {
  // Numeric keys from one key index over the three tables (a string key per cell and look-up
  // cost ~0.3 s nationally): a cell is in a table when its key is in that table's set.
  const index = new KeyIndex(16);
  const keys = (t: TableDeclaration) => {
    const set = new NumberMap(t.cells.length + 16);
    for (const c of t.cells) set.set(index.key(c.gebiedcode, c.branche, c.categorie, c.jaar, true), 1);
    return set;
  };
  const stockKeys = keys(stock);
  const startKeys = keys(starts);
  const stopKeys = keys(stops);
  const has = (set: NumberMap, c: CellKey, jaar: number) => {
    const k = index.key(c.gebiedcode, c.branche, c.categorie, jaar, false);
    return k >= 0 && set.get(k) >= 0;
  };
  const out: Relation[] = [];
  for (const cell of stock.cells) {
    if (
      !has(stockKeys, cell, cell.jaar - 1) ||
      !has(startKeys, cell, cell.jaar) ||
      !has(stopKeys, cell, cell.jaar)
    )
      continue;
    const prev = {...cell, jaar: cell.jaar - 1};
    out.push({
      label: `voorraad ${stock.id} ${cell.gebiedcode} ${cell.jaar}`,
      group: `${stock.id}[jaar] = ${stock.id}[jaar - 1] + ${starts.id}[jaar] - ${stops.id}[jaar]`,
      sense: "=",
      terms: [
        {cell: cellRef(stock.id, cell), coef: 1},
        {cell: cellRef(stock.id, prev), coef: -1},
        {cell: cellRef(starts.id, cell), coef: -1},
        {cell: cellRef(stops.id, cell), coef: 1}
      ]
    });
  }
  return out;
}

/**
 * Ancestor of a CBS area code at a coarser level, from the code itself:
 * `BU07720101` -> wijk `WK077201`, gemeente `GM0772`. Returns null for other codes.
 */
export function cbsAncestor(code: string, level: GebiedNiveau): string | null {
  const m = /^(GM|WK|BU)(\d{4})(\d{2})?(\d{2})?$/.exec(code);
  if (!m) return null;
  if (level === "gemeente") return `GM${m[2]}`;
  if (level === "wijk" && m[3] !== undefined) return `WK${m[2]}${m[3]}`;
  return null;
}

/**
 * Links between two tables of the same measure on different area levels: every cell of
 * `coarse` equals the sum of the cells of `fine` whose ancestor at the coarse cell's level is that
 * cell's area, with the same branch, category and year. E.g. gemeente totals in one table and
 * buurt counts in another.
 */
export function levelLinkRelations(
  coarse: TableDeclaration,
  fine: TableDeclaration,
  ancestorOf: (code: string, level: GebiedNiveau) => string | null = cbsAncestor
): Relation[] {
  // The groups by a numeric key (area, branch, category, year) from one key index, not a string
  // per cell: group g's parts are lists[g].
  const index = new KeyIndex(16);
  const groupOf = new NumberMap(fine.cells.length + 16);
  const lists: CellRef[][] = [];
  const levelsWanted = new Set(coarse.cells.map((c) => c.gebiedniveau));
  for (const c of fine.cells) {
    for (const lvl of levelsWanted) {
      const anc = ancestorOf(c.gebiedcode, lvl);
      if (anc === null) continue;
      const key = index.key(anc, c.branche, c.categorie, c.jaar, true);
      let g = groupOf.get(key);
      if (g < 0) groupOf.set(key, (g = lists.push([]) - 1));
      lists[g].push({...c, table: fine.id, branche: c.branche ?? null, categorie: c.categorie ?? null});
    }
  }
  const out: Relation[] = [];
  for (const c of coarse.cells) {
    const key = index.key(c.gebiedcode, c.branche, c.categorie, c.jaar, false);
    const g = key < 0 ? -1 : groupOf.get(key);
    if (g < 0) continue;
    const parts = lists[g];
    out.push({
      group: `${coarse.id} = som van ${fine.id} (per gebied, branche, categorie en jaar)`,
      ...sumRelation(
        {...c, table: coarse.id, branche: c.branche ?? null, categorie: c.categorie ?? null},
        parts,
        `${coarse.id} ${c.gebiedcode} = som ${fine.id}`
      )
    });
  }
  return out;
}

/** The area relations the gate derives for one table (for auditors and tests): parent = sum(children). */
export function areaRelationsOf(table: TableDeclaration): Relation[] {
  const model = buildTableModel([table]);
  const out: Relation[] = [];
  for (let r = 0; r < model.relCount; r++) {
    const terms = [];
    for (let k = model.relStart[r]; k < model.relStart[r + 1]; k++) {
      const c = model.cells[model.relCell[k]];
      terms.push({
        cell: {...c, table: table.id, branche: c.branche ?? null, categorie: c.categorie ?? null},
        coef: model.relCoef[k]
      });
    }
    out.push({sense: "=", terms});
  }
  return out;
}

/** Unit kind of the table a cell belongs to. */
export function unitKindOf(model: TableModel, i: number): UnitKind {
  return model.tables[model.tableOf[i]].unitKind;
}
