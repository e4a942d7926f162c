/**
 * Worker thread of `startAreaTopologies` (compute.ts): computes every topology of the output files
 * (`areaTopologies` in geometry.ts) from the job it is given, while the main thread runs the gate.
 */
import {parentPort, workerData} from "node:worker_threads";
import {areaTopologies, type GeometryJob} from "./geometry.ts";

// A failure is thrown: the main thread sees it as the worker's error.
parentPort?.postMessage(areaTopologies(workerData as GeometryJob));
