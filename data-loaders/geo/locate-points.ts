/**
 * Locating record points in the areas of a bronmap: the finest area level first, coarser levels
 * as fallback (slivers between buurten) and the bedrijventerrein. (Whether a record lies in the
 * buitengebied follows from its buurt, not from its point: sources/records.ts.) A national
 * bronmap has about 3.5 million points; sources/records.ts calls `locateBatch` per DuckDB data
 * chunk from a scalar function inside the statement that makes each record table.
 */
import type {AreaIndex} from "./point-in-area.ts";
import {wgs84ToRd} from "./crs.ts";

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
