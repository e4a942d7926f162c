/**
 * Worker thread of the audit: solves a share of the independent components with its own HiGHS
 * instance, so that a national audit uses both cores. It loads HiGHS first and then waits for a
 * MessagePort, over which it gets one job per message and sends each result back (`id`, `result`),
 * so that its start-up overlaps with the preparation of the jobs and the main thread can hand it
 * jobs as it needs them. See `auditJobs` in audit.ts.
 */
import {parentPort, type MessagePort} from "node:worker_threads";
import {createAuditSolver, loadSolver, solveJob, type AuditJob} from "./audit.ts";

const highs = await loadSolver();
const solver = createAuditSolver(highs);
parentPort?.once("message", ({port}: {port: MessagePort}) => {
  port.on("message", ({id, job}: {id: number; job: AuditJob}) => {
    port.postMessage({id, result: solveJob(highs, solver, job)});
  });
});
