/**
 * Worker thread of `writeOpenDataInWorker` (open-data.ts): writes `open-data/cijfers.csv` and
 * `cijfers.json` from the columns it is given, with the same writer as the main thread.
 */
import {parentPort, workerData} from "node:worker_threads";
import {writeOpenData, type OpenDataColumns} from "./open-data.ts";

const {columns, distDir} = workerData as {columns: OpenDataColumns; distDir: string};
try {
  parentPort?.postMessage({ok: true, result: writeOpenData(columns, distDir)});
} catch (e) {
  parentPort?.postMessage({ok: false, error: String((e as Error)?.message ?? e)});
}
