/**
 * Private temporary folders for register data that has to touch the disk during a build: a
 * transcoded copy of a Windows-1252 CSV that DuckDB cannot read as it is, and DuckDB's own spill
 * files. Such a folder is readable by its owner only (0700), and removed when the work is done,
 * when it fails, and when the process is interrupted (SIGINT, SIGTERM, SIGHUP) or exits. A
 * process killed outright (SIGKILL, power loss) cannot clean up: the next run removes folders
 * whose process no longer exists (each folder records its process id).
 */
import {chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";

/** Name prefix of the folders (in the system's temporary folder). */
export const PRIVATE_TEMP_PREFIX = "bronmap-prive-";

const live = new Set<string>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
let installed = false;

function removeAll(): void {
  for (const dir of live) rmSync(dir, {recursive: true, force: true});
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removeAll();
  uninstall();
  // Die of the same signal, as the process would have without this handler (exit code 128+n).
  process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on("exit", removeAll);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  for (const s of SIGNALS) process.off(s, onSignal);
  process.off("exit", removeAll);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes folders left by processes that were killed before they could clean up. */
function removeStale(root: string): void {
  let entries: string[];
  try {
    entries = readdirSync(root).filter((e) => e.startsWith(PRIVATE_TEMP_PREFIX));
  } catch {
    return;
  }
  for (const e of entries) {
    const dir = join(root, e);
    try {
      const pid = Number(readFileSync(join(dir, ".pid"), "utf8"));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !pidAlive(pid))
        rmSync(dir, {recursive: true, force: true});
    } catch {
      /* not ours, or another user's: leave it */
    }
  }
}

/** Creates a private (0700) temporary folder that is removed on exit and interruption. */
export function createPrivateTempDir(root = tmpdir()): string {
  removeStale(root);
  const dir = mkdtempSync(join(root, PRIVATE_TEMP_PREFIX));
  chmodSync(dir, 0o700);
  writeFileSync(join(dir, ".pid"), String(process.pid), {mode: 0o600});
  live.add(dir);
  install();
  return dir;
}

/** Removes a folder made by `createPrivateTempDir` (idempotent). */
export function removePrivateTempDir(dir: string): void {
  rmSync(dir, {recursive: true, force: true});
  live.delete(dir);
  if (live.size === 0) uninstall();
}

/** Runs `work` with a private temporary folder that is removed afterwards, also on failure. */
export async function withPrivateTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = createPrivateTempDir();
  try {
    return await work(dir);
  } finally {
    removePrivateTempDir(dir);
  }
}

/** The private folders this process holds now (for tests). */
export function livePrivateTempDirs(): string[] {
  return [...live];
}
