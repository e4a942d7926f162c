/**
 * One mechanism for errors that a user can act on: a bronmap reader that stops on a file, the
 * publish gate that cannot publish, a `dist/` that cannot be written. Such an error carries one
 * Dutch paragraph (file, line and column where known, what was expected, what was found) and is
 * printed exactly so, without a stack trace, by every command (`check-data`, the build's
 * prebuild and postbuild, `npm run pipeline`). Anything else is a bug in the atlas, not in the
 * data: it is printed with its stack trace and a Dutch sentence that says so.
 */

/**
 * An error whose message is written for the user. `heading` starts the printed line
 * (`FOUT in de bronmap`, `FOUT bij publiceren`, ...). Other modules may throw their own class
 * instead, as long as it sets `userFacing = true` (see `isUserFacing`).
 */
export class UserFacingError extends Error {
  readonly userFacing = true as const;
  constructor(
    message: string,
    readonly heading = "FOUT"
  ) {
    super(message);
    this.name = "UserFacingError";
  }
}

/** True for an error meant for the user: a `UserFacingError` or any error marked `userFacing`. */
export function isUserFacing(e: unknown): e is Error & {userFacing: true; heading?: string} {
  return e instanceof Error && (e as {userFacing?: unknown}).userFacing === true;
}

/** The one printed paragraph of a user-facing error: `<heading>: <message>`, on one line. */
export function formatUserError(e: Error & {heading?: string}): string {
  const heading = typeof e.heading === "string" && e.heading ? e.heading : "FOUT";
  return `${heading}: ${e.message.replace(/\s*\n\s*/g, " ")}`;
}

/** The text for an unexpected error: a Dutch statement that this is a bug, then the stack trace. */
export function formatInternalError(e: unknown): string {
  const detail = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
  return (
    "INTERNE FOUT in de Ondermijningsatlas: dit is een fout in de software van de atlas, niet in uw " +
    "data. Meld het met de tekst hieronder (die bevat geen gegevens uit de bronmap behalve mogelijk " +
    `een bestandsnaam).\n${detail}`
  );
}

/** Exit code of a user-facing error (bad input, no space, ...). */
export const EXIT_USER_ERROR = 1;
/** Exit code of a bug in the atlas. */
export const EXIT_INTERNAL_ERROR = 2;

/**
 * Runs a command's body and turns every error into the one printed form: a user-facing error as
 * its paragraph on stderr with exit code 1, anything else as an internal error with exit code 2.
 * Also catches errors thrown later from stray promises, so no Node stack trace escapes.
 */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  const fail = (e: unknown): never => {
    if (isUserFacing(e)) {
      process.stderr.write(`${formatUserError(e)}\n`);
      process.exit(EXIT_USER_ERROR);
    }
    process.stderr.write(`${formatInternalError(e)}\n`);
    process.exit(EXIT_INTERNAL_ERROR);
  };
  process.on("uncaughtException", fail);
  process.on("unhandledRejection", fail);
  try {
    await body();
  } catch (e) {
    fail(e);
  }
}
