/**
 * Worker thread of the audit: solves a share of the independent components with its own HiGHS
 * instance, so that a national audit uses both cores. It loads HiGHS first and then takes jobs
 * from the front of the shared queue of `auditJobs` (audit.ts), where the largest open jobs are:
 * one at a time, through the queue's ends in shared memory (`takeFront`). The job's data comes in a
 * message of its own (`id`, `job`), sent ahead by the main thread; the result goes back (`id`,
 * `result`). `total` says how many jobs there are; a number taken at or beyond it is no job.
 */
import {parentPort} from "node:worker_threads";
import {createAuditSolver, loadSolver, solveJob, takeFront, type AuditJob} from "./audit.ts";

const highs = await loadSolver();
const solver = createAuditSolver(highs);
// When it is ready, for the debug log (wall clock, comparable across threads).
parentPort?.postMessage({ready: performance.timeOrigin + performance.now()});
let queue: BigInt64Array | null = null;
const jobs = new Map<number, AuditJob>();
let total = Infinity;
/** The job number this thread has taken and not solved yet (-1: none). */
let mine = -1;

/** Takes and solves jobs until the queue is empty or the data of the taken job has not come yet. */
function pump(): void {
  if (!queue) return;
  for (;;) {
    if (mine < 0) mine = takeFront(queue);
    if (mine < 0 || mine >= total) return;
    const job = jobs.get(mine);
    if (!job) return; // its message comes later: `pump` runs again when it does
    jobs.delete(mine);
    const id = mine;
    mine = -1;
    const startedAt = performance.timeOrigin + performance.now();
    parentPort?.postMessage({id, result: solveJob(highs, solver, job), startedAt});
  }
}

parentPort?.on("message", (m: {queue: SharedArrayBuffer} | {id: number; job: AuditJob} | {total: number}) => {
  if ("queue" in m) queue = new BigInt64Array(m.queue);
  else if ("total" in m) total = m.total;
  else jobs.set(m.id, m.job);
  pump();
});
