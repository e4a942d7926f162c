/**
 * Worker thread of `PointLocator` (locate-points.ts): builds the area indexes from the polygons
 * it is given and locates the batches it is sent.
 */
import {parentPort, workerData} from "node:worker_threads";
import {buildIndexes, locateBatch, type LocatorPolygons, type PointBatch} from "./locate-points.ts";

const indexes = buildIndexes(workerData as LocatorPolygons);
parentPort?.on("message", (m: {id: number; batch: PointBatch}) => {
  const located = locateBatch(indexes, m.batch);
  const buffers = [located.lvl.buffer, located.idx.buffer, located.bt.buffer];
  parentPort!.postMessage({id: m.id, located}, buffers as ArrayBuffer[]);
});
