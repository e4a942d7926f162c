/**
 * Worker thread of the audit: solves a share of the independent components with its own HiGHS
 * instance, so that a national audit uses both cores. See `auditModel` in audit.ts.
 */
import {parentPort, workerData} from "node:worker_threads";
import {createAuditSolver, loadSolver, solveJob, type AuditJob} from "./audit.ts";

const highs = await loadSolver();
const solver = createAuditSolver(highs);
try {
  const jobs = (workerData as {jobs: AuditJob[]}).jobs;
  parentPort?.postMessage(jobs.map((job) => solveJob(highs, solver, job)));
} finally {
  solver.dispose();
}
