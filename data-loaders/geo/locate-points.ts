/**
 * Locating record points in the areas of a bronmap: the finest area level first, coarser levels
 * as fallback (slivers between buurten) and the bedrijventerrein. (Whether a record lies in the
 * buitengebied follows from its buurt, not from its point: sources/records.ts.) A national
 * bronmap has about 3.5 million points; `PointLocator` splits the work between this thread and
 * one worker thread that builds the same indexes from the same polygons, so every point gets the
 * same answer whichever thread locates it.
 */
import type {Worker} from "node:worker_threads";
import {startTsWorker} from "../worker-thread.ts";
import {AreaIndex, type FlatPolygon} from "./point-in-area.ts";
import {wgs84ToRd} from "./crs.ts";

/** The polygons behind the indexes (structured-cloneable, to build the indexes in a worker). */
export interface LocatorPolygons {
  levels: FlatPolygon[][][];
  bedrijventerreinen: FlatPolygon[][];
}

export interface LocatorIndexes {
  levels: AreaIndex[];
  bedrijventerreinen: AreaIndex;
}

/** Points of one batch: RD x/y, or NaN there and WGS84 lat/lon instead. */
export interface PointBatch {
  xs: Float64Array;
  ys: Float64Array;
  lats: Float64Array;
  lons: Float64Array;
}

/** Where the points of a batch lie: level (-1 outside every area), index in that level, bedrijventerrein (-1 none). */
export interface Located {
  lvl: Int32Array;
  idx: Int32Array;
  bt: Int32Array;
}

export function buildIndexes(p: LocatorPolygons): LocatorIndexes {
  return {
    levels: p.levels.map((l) => new AreaIndex(l)),
    bedrijventerreinen: new AreaIndex(p.bedrijventerreinen)
  };
}

/** Locates a batch of points on this thread. */
export function locateBatch(ix: LocatorIndexes, b: PointBatch): Located {
  const n = b.xs.length;
  const out: Located = {
    lvl: new Int32Array(n),
    idx: new Int32Array(n),
    bt: new Int32Array(n)
  };
  for (let i = 0; i < n; i++) {
    let x = b.xs[i];
    let y = b.ys[i];
    if (Number.isNaN(x) || Number.isNaN(y)) [x, y] = wgs84ToRd(b.lons[i], b.lats[i]);
    let lvl = -1;
    let idx = -1;
    for (let l = 0; l < ix.levels.length && idx < 0; l++) {
      idx = ix.levels[l].locate(x, y);
      if (idx >= 0) lvl = l;
    }
    out.lvl[i] = lvl;
    out.idx[i] = idx;
    out.bt[i] = lvl >= 0 ? ix.bedrijventerreinen.locate(x, y) : -1;
  }
  return out;
}

/**
 * Locates batches on this thread and, when started with `useWorker`, hands a batch to one
 * worker thread whenever it has fewer than two waiting. `locate` returns a promise per batch; results come back in any order but belong
 * to their own batch. Where no worker can start (a runtime without the TypeScript loader), every
 * batch is located here.
 */
export class PointLocator {
  private worker: Worker | null = null;
  private next = 0;
  private pending = new Map<
    number,
    {batch: PointBatch; resolve: (r: Located) => void; reject: (e: unknown) => void}
  >();
  /** Batches located by the worker (for tests and the log). */
  workerBatches = 0;

  constructor(
    private readonly indexes: LocatorIndexes,
    polygons: LocatorPolygons,
    useWorker: boolean
  ) {
    if (!useWorker || process.env.PIP_WORKERS === "0") return;
    try {
      this.worker = startTsWorker(new URL("./locate-worker.ts", import.meta.url), {workerData: polygons});
      this.worker.on("message", (m: {id: number; located: Located}) => {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        this.workerBatches++;
        p?.resolve(m.located);
      });
      const fail = (e: unknown) => {
        // Everything the worker still had is located here instead.
        this.worker = null;
        for (const [id, p] of this.pending) {
          this.pending.delete(id);
          try {
            p.resolve(locateBatch(this.indexes, p.batch));
          } catch (err) {
            p.reject(err);
          }
        }
        if (process.env.PIP_DEBUG) process.stderr.write(`locate-worker: ${String(e)}\n`);
      };
      this.worker.on("error", fail);
      // After `close` or a failure `this.worker` is null: only an unexpected exit counts.
      this.worker.on("exit", (code) => {
        if (code !== 0 && this.worker !== null) fail(new Error(`locate-worker stopte met code ${code}`));
      });
    } catch {
      this.worker = null;
    }
  }

  locate(batch: PointBatch): Promise<Located> {
    // The worker stays referenced (a pending batch must keep the process alive); `close` ends it.
    // A batch goes to the worker only while it has less than two waiting, so neither thread
    // idles: this thread also fetches the points from DuckDB, which the worker cannot.
    if (this.worker && this.pending.size < 2) {
      const id = this.next++;
      return new Promise((resolve, reject) => {
        this.pending.set(id, {batch, resolve, reject});
        // Copies, not transfers: the batch must stay usable here if the worker fails.
        this.worker!.postMessage({id, batch});
      });
    }
    return Promise.resolve(locateBatch(this.indexes, batch));
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
