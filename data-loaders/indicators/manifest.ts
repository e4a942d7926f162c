/**
 * The manifest of a cached pipeline result, shared by the cache around the pipeline
 * (pipeline.ts) and the computing half that writes it (compute.ts), so neither imports the other.
 */

/** Manifest of a cached result: what was written, with hashes the loaders verify. */
export interface PipelineManifest {
  schemaVersion: 1;
  key: string;
  isDemo: boolean;
  /** Gemeente codes and names (for dynamicPaths and the briefing pages). */
  gemeenten: {code: string; naam: string}[];
  jaren: number[];
  /** Output file name (as the loader is named, e.g. `risicobranches.json`) -> sha256 and bytes. */
  files: Record<string, {sha256: string; bytes: number}>;
  /**
   * The parts of every split bundle (data-loaders/indicators/split.ts), by bundle name without
   * `.json`: part keys such as `risicobranches/regio-2025` (the file is the key + `.json`).
   */
  delen: Record<string, string[]>;
  /**
   * Timings of the run (ms; keys ending in `CpuMs`: CPU time of the step, all threads of the
   * process; keys ending in `RssMb`: resident memory in MB after the step).
   */
  timings: Record<string, number>;
  cells: {total: number; published: number; suppressedPrimary: number; suppressedSecondary: number};
}
