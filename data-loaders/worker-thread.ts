/**
 * Worker threads for the TypeScript modules of the pipeline. A worker does not inherit the
 * TypeScript loader of the main thread (tsx registers it in-process), so a small bootstrap
 * registers tsx in the worker and then imports the module. Where that cannot work (a runtime
 * without tsx), the constructor throws or the worker fails, and callers do the work themselves.
 */
import {Worker, type WorkerOptions} from "node:worker_threads";

/** Starts `module` (a .ts file URL) in a worker thread with the given options. */
export function startTsWorker(module: URL, options: WorkerOptions = {}): Worker {
  const bootstrap = `import("tsx/esm/api").then((api) => { api.register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(bootstrap, {...options, eval: true});
}

/**
 * Runs a one-shot worker: resolves with its first message and ends it; rejects when it fails or
 * exits first. Throws (synchronously) when the worker cannot be started at all.
 */
export function runTsWorker<T>(module: URL, options: WorkerOptions = {}): Promise<T> {
  const worker = startTsWorker(module, options);
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void) => {
      if (!settled) f();
      settled = true;
    };
    worker.once("message", (m: T) => {
      settle(() => resolve(m));
      void worker.terminate();
    });
    worker.once("error", (e) => settle(() => reject(e)));
    worker.once("exit", (code) =>
      settle(() => reject(new Error(`worker ${module.pathname.split("/").pop()} stopte met code ${code}`)))
    );
  });
}
