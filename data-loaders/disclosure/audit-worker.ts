/**
 * Worker thread of the audit: solves a share of the independent components with its own HiGHS
 * instance, so that a national audit uses both cores. It loads HiGHS first and then waits for
 * its jobs (one message), so that its start-up overlaps with their preparation. See `auditModel`
 * in audit.ts.
 */
import {parentPort} from "node:worker_threads";
import {createAuditSolver, loadSolver, solveJob, type AuditJob} from "./audit.ts";

const highs = await loadSolver();
const solver = createAuditSolver(highs);
parentPort?.once("message", ({jobs}: {jobs: AuditJob[]}) => {
  try {
    parentPort?.postMessage(jobs.map((job) => solveJob(highs, solver, job)));
  } finally {
    solver.dispose();
  }
});
