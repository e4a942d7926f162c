/**
 * A published bundle as Arrow IPC (file format), for the large page files: every cell of every
 * table of the bundle is one row (`tabel`, the cell's area, branch, category and year, `waarde`,
 * `status`, `reden`); the strings are dictionary-encoded, so a code that recurs for every branch
 * and year is stored once. The bundle's envelope (table headers without their cells, and the
 * metadata parts) is JSON in the schema metadata under `bundel`.
 *
 * `bundleFromArrow` gives back exactly the object the JSON form of the same bundle parses to, so
 * pages pass it to `assertBundle` as before. Used in the browser and in Node.
 */
import {tableFromIPC} from "apache-arrow";

/** Schema-metadata key of the bundle envelope. */
export const BUNDEL_METADATA_KEY = "bundel";

/** The string columns of a cell row, in the order of a cell's keys. */
export const ARROW_STRING_COLUMNS = [
  "gebiedcode",
  "gebiedniveau",
  "bovenliggend",
  "branche",
  "categorie"
] as const;

interface Envelope {
  schemaVersion: number;
  /** Table parts without `cellen` (they come from the rows), metadata parts whole. */
  onderdelen: Record<string, Record<string, unknown>>;
  /** Ids of the parts that are tables, in the order of their rows. */
  tabellen: string[];
}

/** Decodes Arrow IPC bytes written by the pipeline into the bundle object (see module doc). */
export function bundleFromArrow(bytes: ArrayBuffer | Uint8Array): unknown {
  const table = tableFromIPC(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  const json = table.schema.metadata.get(BUNDEL_METADATA_KEY);
  if (!json) throw new Error("Arrow-bestand zonder bundel-envelop");
  const envelope = JSON.parse(json) as Envelope;
  const col = (name: string) => {
    const v = table.getChild(name);
    if (!v) throw new Error(`Arrow-bestand zonder kolom ${name}`);
    return v.toArray() as ArrayLike<unknown>;
  };
  // Dictionary columns: `toArray` gives the decoded values (null where null).
  const tabel = col("tabel") as ArrayLike<string>;
  const strings = ARROW_STRING_COLUMNS.map((c) => col(c) as ArrayLike<string | null>);
  const jaar = col("jaar") as ArrayLike<number>;
  const waardeVector = table.getChild("waarde")!;
  const status = col("status") as ArrayLike<string>;
  const reden = col("reden") as ArrayLike<string | null>;
  const cellen = new Map<string, Record<string, unknown>[]>(envelope.tabellen.map((id) => [id, []]));
  const [gebiedcode, gebiedniveau, bovenliggend, branche, categorie] = strings;
  for (let i = 0; i < table.numRows; i++) {
    const list = cellen.get(tabel[i]);
    if (!list) throw new Error(`Arrow-bestand: rij ${i} hoort bij onbekende tabel ${tabel[i]}`);
    list.push({
      gebiedcode: gebiedcode[i],
      gebiedniveau: gebiedniveau[i],
      bovenliggend: bovenliggend[i] ?? null,
      branche: branche[i] ?? null,
      categorie: categorie[i] ?? null,
      jaar: Number(jaar[i]),
      waarde: waardeVector.get(i) ?? null,
      status: status[i],
      reden: reden[i] ?? null
    });
  }
  const onderdelen: Record<string, unknown> = {};
  for (const [id, part] of Object.entries(envelope.onderdelen)) {
    onderdelen[id] = cellen.has(id) ? {...part, cellen: cellen.get(id)} : part;
  }
  return {schemaVersion: envelope.schemaVersion, onderdelen};
}
