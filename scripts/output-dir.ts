/**
 * The build writes the site to `dist/`. When that cannot work (a file named `dist`, a read-only
 * disk or folder, no space), Framework stops with an English `ENOTDIR`/`EACCES` and a stack
 * trace; this check runs first (in prebuild) and says it in Dutch, and `writeErrorMessage` turns
 * the same system errors into one Dutch sentence where postbuild writes.
 */
import {existsSync, mkdtempSync, rmSync, statSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {UserFacingError} from "../data-loaders/user-error.ts";

const WHY: Record<string, string> = {
  EACCES: "geen schrijfrechten",
  EPERM: "geen schrijfrechten",
  EROFS: "een alleen-lezen schijf",
  ENOTDIR: "een bestand waar een map hoort",
  EISDIR: "een map waar een bestand hoort",
  ENOSPC: "een volle schijf",
  EDQUOT: "een volle schijf (quotum)",
  ENAMETOOLONG: "een te lange padnaam"
};

/** A Dutch user-facing error for a failed write to `path`, or null for another kind of error. */
export function writeErrorMessage(path: string, e: unknown): UserFacingError | null {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (!code || !(code in WHY)) return null;
  return new UserFacingError(
    `${path}: verwacht een map waarin de site geschreven kan worden, gevonden ${WHY[code]} (${code}). ` +
      "Maak de map schrijfbaar, verwijder wat er in de weg staat of kies een andere plek.",
    "FOUT bij het bouwen"
  );
}

/**
 * Throws a user-facing error when the site cannot be written to `dir`: `dir` is not a folder,
 * or neither it nor (when absent) its parent accepts a new file.
 */
export function assertWritableOutput(dir: string): void {
  const abs = resolve(dir);
  let target = abs;
  if (existsSync(abs)) {
    if (!statSync(abs).isDirectory())
      throw writeErrorMessage(dir, Object.assign(new Error(), {code: "ENOTDIR"}))!;
  } else {
    target = dirname(abs);
  }
  try {
    // A real write, not access(): as root access() says yes on a read-only mount.
    rmSync(mkdtempSync(join(target, ".schrijftest-")), {recursive: true, force: true});
  } catch (e) {
    throw writeErrorMessage(dir, e) ?? e;
  }
}
