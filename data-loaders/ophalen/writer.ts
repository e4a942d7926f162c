/**
 * Writing into a bronmap without ever touching the gemeente's own files. A file may be written
 * when it is absent, or when `bron.json` says `ophalen` wrote it and its content still has the
 * hash recorded there. Anything else (a file the gemeente put there, or one of ours that was
 * edited since) is skipped and reported. Every file is written to a temporary name in its folder
 * and renamed, so an interrupted run never leaves half a file; `bron.json` is written the same way.
 */
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync} from "node:fs";
import {dirname, join} from "node:path";
import {BRON_JSON_VERSION, checkBronJson, type BronBestand, type BronJson} from "../sources/bron.ts";
import {BronmapError} from "../sources/types.ts";
import {writeFileAtomic} from "./http.ts";

/** What happened to one file. */
export type WriteOutcome = "nieuw" | "bijgewerkt" | "ongewijzigd" | "overgeslagen";

/** A file that was not written, and why (Dutch). */
export interface Skipped {
  bestand: string;
  reden: string;
}

const sha256 = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

/** Reads the bronmap's `bron.json` (or none), refusing a damaged one rather than replacing it. */
function loadExisting(dir: string): BronJson | null {
  const path = join(dir, "bron.json");
  if (!existsSync(path)) return null;
  try {
    return checkBronJson(JSON.parse(readFileSync(path, "utf-8")));
  } catch (e) {
    const detail = e instanceof BronmapError ? e.message : "geen geldige JSON";
    throw new BronmapError("bron.json", {
      expected: "het bron.json dat ophalen schreef (hernoem of verwijder het bestand om opnieuw te beginnen)",
      found: detail.replace(/^bron\.json[:,]\s*/, "")
    });
  }
}

/** Writes files into a bronmap and keeps its `bron.json`. */
export class BronmapWriter {
  readonly skipped: Skipped[] = [];
  readonly outcomes: {bestand: string; outcome: WriteOutcome}[] = [];
  private readonly entries = new Map<string, BronBestand>();
  private changed = false;

  constructor(readonly dir: string) {
    mkdirSync(dir, {recursive: true});
    const existing = loadExisting(dir);
    for (const e of existing?.bestanden ?? []) this.entries.set(e.bestand, e);
    removeStaleParts(dir);
  }

  /** The recorded entry of a file, if `ophalen` wrote it. */
  entry(bestand: string): BronBestand | undefined {
    return this.entries.get(bestand);
  }

  /**
   * Whether `bestand` may be (re)written: absent, or ours and unchanged since. Records the skip
   * (once) when not.
   */
  mayWrite(bestand: string): boolean {
    const path = join(this.dir, bestand);
    if (!existsSync(path)) return true;
    const recorded = this.entries.get(bestand);
    const reason = !recorded
      ? "bestond al en is niet door ophalen geschreven"
      : sha256(readFileSync(path)) !== recorded.sha256
        ? "is gewijzigd nadat ophalen het schreef"
        : null;
    if (reason === null) return true;
    if (!this.skipped.some((s) => s.bestand === bestand)) this.skipped.push({bestand, reden: reason});
    return false;
  }

  /**
   * Writes `content` to `bestand` with its `bron.json` entry (hash, size and file name are filled
   * in here). Returns what happened; never replaces a file that `mayWrite` refuses.
   */
  write(
    bestand: string,
    content: string | Buffer,
    entry: Omit<BronBestand, "bestand" | "sha256" | "bytes">
  ): WriteOutcome {
    let outcome: WriteOutcome;
    if (!this.mayWrite(bestand)) outcome = "overgeslagen";
    else {
      const path = join(this.dir, bestand);
      const hash = sha256(content);
      const bytes = Buffer.byteLength(content);
      const full: BronBestand = {bestand, ...entry, bytes, sha256: hash};
      const existed = existsSync(path);
      if (existed && this.entries.get(bestand)?.sha256 === hash) {
        outcome = "ongewijzigd";
      } else {
        mkdirSync(dirname(path), {recursive: true});
        writeFileAtomic(path, content);
        outcome = existed ? "bijgewerkt" : "nieuw";
      }
      const before = JSON.stringify(this.entries.get(bestand) ?? null);
      this.entries.set(bestand, full);
      // Recorded at once, not at the end: a run that is killed after this file keeps it as its own,
      // so the next run may replace it instead of mistaking it for the gemeente's file.
      if (before !== JSON.stringify(full)) {
        this.changed = true;
        this.flush();
      }
    }
    this.outcomes.push({bestand, outcome});
    return outcome;
  }

  /** Writes `bron.json` when an entry changed since it was read (it already is after each file); returns the path. */
  finish(): string {
    const path = join(this.dir, "bron.json");
    if (!this.changed && (existsSync(path) || this.entries.size === 0)) return path;
    return this.flush();
  }

  private flush(now = new Date()): string {
    const path = join(this.dir, "bron.json");
    const bron: BronJson = {
      schemaVersion: BRON_JSON_VERSION,
      programma: "npm run ophalen",
      bijgewerkt: now.toISOString(),
      bestanden: [...this.entries.values()].sort((a, b) => (a.bestand < b.bestand ? -1 : 1))
    };
    checkBronJson(bron);
    writeFileAtomic(path, JSON.stringify(bron, null, 2) + "\n");
    return path;
  }
}

/** Removes temporary files (`*.ophalen-<pid>.part`) that an interrupted run left behind. */
function removeStaleParts(dir: string): void {
  const walk = (d: string, depth: number): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (/\.ophalen-\d+\.part$/.test(name)) rmSync(p, {force: true});
      else if (depth < 3 && statSync(p).isDirectory()) walk(p, depth + 1);
    }
  };
  walk(dir, 0);
}
