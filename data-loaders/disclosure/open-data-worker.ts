/**
 * Worker thread of `writeOpenDataInWorker` (open-data.ts): writes `open-data/cijfers.csv` and
 * `cijfers.json` from the columns it is given, with the same writer as the main thread.
 */
import {parentPort, workerData} from "node:worker_threads";
import {writeOpenData, type OpenDataColumns} from "./open-data.ts";

const {columns, distDir} = workerData as {columns: OpenDataColumns; distDir: string};
// A failure is thrown: the main thread sees it as the worker's error.
parentPort?.postMessage(writeOpenData(columns, distDir));
