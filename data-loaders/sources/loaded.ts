/**
 * The bronmap as the pipeline receives it, after every reader has run. A module of its own
 * because it names what the readers return, while the readers use the small shared types of
 * types.ts: types.ts names no reader, so nothing runs in a circle.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import type {BronJson} from "./bron.ts";
import type {PolitieData} from "./politie.ts";
import type {ReferentieData} from "./referentie.ts";
import type {Risicobranche} from "./risicobranche.ts";
import type {Areas, QualityReport, RecordTable} from "./types.ts";

/**
 * A bronmap, read and validated. Produced by `loadBronmap(dir)` in `data-loaders/sources/bronmap.ts`.
 * The DuckDB connection holds the record tables listed in `tables`, with the columns of the
 * row interfaces above. The caller closes it with `close()`.
 */
export interface LoadedBronmap {
  /** Absolute path of the bronmap folder. */
  dir: string;
  /** True when this is the generated fictitious demo region. */
  isDemo: boolean;
  areas: Areas;
  /** DuckDB connection (`DuckDBConnection` of @duckdb/node-api) holding the record tables. */
  connection: DuckDBConnection;
  /**
   * A further connection to the same database (it sees the record tables, not the temporary
   * tables of `connection`), so that independent queries can run at the same time; the caller
   * closes it before `close()`. Absent: everything runs on `connection`.
   */
  connect?(): Promise<DuckDBConnection>;
  tables: ReadonlySet<RecordTable>;
  /** Registered crime per area from `politie/` (public counts), or null/absent without it. */
  politie?: PolitieData | null;
  /** The national reference from `referentie/` (CBS establishments per gemeente), or null/absent. */
  referentie?: ReferentieData | null;
  /** Provenance of the files `npm run ophalen` wrote (`bron.json`), or null/absent. */
  bron?: BronJson | null;
  quality: QualityReport;
  /**
   * The risk branches in force: the project's default list (data-loaders/sources/risicobranches.json)
   * as the bronmap's `risicobranches.csv` changed it.
   */
  risicobranches: readonly Risicobranche[];
  close(): void;
}
