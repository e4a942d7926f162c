/**
 * Worker thread of the audit: solves a share of the independent components with its own HiGHS
 * instance, so that a national audit uses both cores. It loads HiGHS first and then solves the
 * jobs it is offered, one message each and in order, so that its start-up overlaps with their
 * preparation. A job whose flag in the shared claims the main thread set first is skipped; the
 * others are claimed here, solved and sent back (`id`, `result`). See `auditJobs` in audit.ts.
 */
import {parentPort} from "node:worker_threads";
import {createAuditSolver, loadSolver, solveJob, type AuditJob} from "./audit.ts";

const highs = await loadSolver();
const solver = createAuditSolver(highs);
// When it is ready, and when it begins each job: for the debug log (wall clock, comparable
// across threads).
parentPort?.postMessage({ready: performance.timeOrigin + performance.now()});
let claims: Int32Array | null = null;
parentPort?.on("message", (m: {claims: SharedArrayBuffer} | {id: number; job: AuditJob}) => {
  if ("claims" in m) {
    claims = new Int32Array(m.claims);
    return;
  }
  if (Atomics.compareExchange(claims!, m.id, 0, 2) !== 0) return;
  const startedAt = performance.timeOrigin + performance.now();
  parentPort?.postMessage({id: m.id, result: solveJob(highs, solver, m.job), startedAt});
});
