/**
 * A saved gate run for `scripts/bench-publish.ts` (issue 12): the gate's input, the suppression
 * pattern after the protection phase, and the values the derived tables' functions returned, so
 * the model, the primary and secondary phases, the publishing phase and the open-data writer can
 * be profiled on the national input without the two minutes of reading and indicators and the
 * audit each time. Written only when `GateOptions.publishDump` is set (the pipeline sets it from
 * `ATLAS_PUBLICEREN_DUMP=<file>`: a bench run, never a
 * build: the file holds the true counts). Not re-exported by gate.ts.
 *
 * Derived declarations hold functions, which `v8.serialize` cannot store: each `compute` and
 * `computeTable` is wrapped to record what it returned (per base values, and per table), and the
 * replay returns exactly that. The file is a sequence of length-prefixed `v8.serialize` records
 * (one per table), since the whole input serialised at once exceeds a Buffer's limit nationally.
 */
import {closeSync, openSync, readSync, writeSync} from "node:fs";
import {deserialize, serialize} from "node:v8";
import type {PrimaryResult} from "./primary.ts";
import type {DerivedDeclaration, GateInput} from "./types.ts";

/** What the replay needs of the protection phase (the shape of `Protection` in engine.ts). */
export type SavedProtection = Record<string, unknown>;

interface Recorded {
  /** Index of the recorded `compute` (shared by the declarations that share the function). */
  compute?: number;
  table?: Array<number | string>;
}

const recordings = new WeakMap<DerivedDeclaration, Recorded>();
/** Recorded outputs per `compute` function, in order of first use; one wrapper per function. */
const computes = new Map<
  NonNullable<DerivedDeclaration["compute"]>,
  {wrapper: DerivedDeclaration["compute"]; id: number}
>();
let computeValues: Array<Map<string, number>> = [];

/**
 * Wraps the functions of derived declarations so that what they return is recorded. A function
 * shared by several declarations gets one wrapper, so that the gate's memo (keyed by the
 * function) still shares their cells.
 */
export function recordDerived(derived: readonly DerivedDeclaration[]): DerivedDeclaration[] {
  computes.clear();
  computeValues = [];
  return derived.map((d) => {
    const rec: Recorded = {};
    const copy: DerivedDeclaration = {...d};
    const compute = d.compute;
    if (compute) {
      let entry = computes.get(compute);
      if (!entry) {
        const values = new Map<string, number>();
        const id = computeValues.push(values) - 1;
        entry = {
          id,
          wrapper: (bases) => {
            const v = compute(bases);
            values.set(bases.join(","), v);
            return v;
          }
        };
        computes.set(compute, entry);
      }
      rec.compute = entry.id;
      copy.compute = entry.wrapper;
    }
    const computeTable = d.computeTable;
    if (computeTable) {
      copy.computeTable = (rows, cells) => {
        const out = computeTable(rows, cells);
        rec.table = [...out];
        return out;
      };
    }
    recordings.set(copy, rec);
    return copy;
  });
}

function writeRecord(fd: number, value: unknown): void {
  const body = serialize(value);
  const head = Buffer.alloc(4);
  head.writeUInt32LE(body.length);
  writeSync(fd, head);
  writeSync(fd, body);
}

/** Saves a gate run (after it published, so the derived functions have been recorded). */
export function saveGateRun(
  path: string,
  input: GateInput,
  derived: readonly DerivedDeclaration[],
  primary: PrimaryResult,
  protection: SavedProtection
): void {
  const fd = openSync(path, "w");
  try {
    writeRecord(fd, {
      tables: input.tables.length,
      derived: derived.length,
      links: input.links ?? [],
      computeValues,
      options: {...input.options, debug: undefined, memory: undefined, publishDump: undefined},
      primary,
      protection
    });
    for (const t of input.tables) writeRecord(fd, t);
    for (const d of derived) {
      const rec = recordings.get(d) ?? {};
      writeRecord(fd, {...d, compute: undefined, computeTable: undefined, recorded: rec});
    }
  } finally {
    closeSync(fd);
  }
}

/** A saved gate run with replaying derived functions. */
export interface LoadedGateRun {
  input: GateInput;
  primary: PrimaryResult;
  protection: SavedProtection;
}

/** Loads a file of `saveGateRun`. */
export function loadGateRun(path: string): LoadedGateRun {
  // Record by record: the national file is larger than one Buffer may be.
  const fd = openSync(path, "r");
  let at = 0;
  const read = (len: number): Buffer => {
    const b = Buffer.allocUnsafe(len);
    let got = 0;
    while (got < len) {
      const r = readSync(fd, b, got, len - got, at + got);
      if (r === 0) throw new Error(`${path}: het bestand houdt te vroeg op`);
      got += r;
    }
    at += len;
    return b;
  };
  const next = (): unknown => deserialize(read(read(4).readUInt32LE(0)));
  const head = next() as {
    tables: number;
    derived: number;
    links: GateInput["links"];
    computeValues: Array<Map<string, number>>;
    options: GateInput["options"];
    primary: PrimaryResult;
    protection: SavedProtection;
  };
  const tables: GateInput["tables"] = [];
  for (let i = 0; i < head.tables; i++) tables.push(next() as GateInput["tables"][number]);
  // One replaying function per recorded function, shared as the originals were.
  const replays = head.computeValues.map((values, id) => (bases: readonly number[]) => {
    const v = values.get(bases.join(","));
    if (v === undefined) throw new Error(`compute ${id}: geen opgenomen waarde voor ${bases.join(",")}`);
    return v;
  });
  const derived: DerivedDeclaration[] = [];
  for (let i = 0; i < head.derived; i++) {
    const {recorded, ...d} = next() as DerivedDeclaration & {recorded: Recorded};
    const decl: DerivedDeclaration = {...d};
    delete decl.compute;
    delete decl.computeTable;
    if (recorded.compute !== undefined) decl.compute = replays[recorded.compute];
    if (recorded.table) {
      const table = recorded.table;
      decl.computeTable = () => [...table];
    }
    derived.push(decl);
  }
  closeSync(fd);
  return {
    input: {tables, derived, links: head.links, options: head.options},
    primary: head.primary,
    protection: head.protection
  };
}
