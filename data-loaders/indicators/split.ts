/**
 * How a page bundle is split over files, so that a page loads only what its view shows (docs:
 * docs/architecture.md, "Bestanden per weergave"):
 *
 * - `<naam>.json`, the overview: the metadata parts and every cell of the regio itself (plus the
 *   few gemeente cells a bundle's first view needs, `hoofd`);
 * - `<naam>/<blok>-<jaar>.json`: the cells of the gemeenten of one block in one year (their
 *   gemeente, wijk and buurt cells, and those of the bedrijventerreinen in them);
 * - `<naam>/<blok>.json`: the same over all years, for the tables a view shows over the years;
 * - `<naam>/<gemeente>.json`: all cells of one gemeente (its wijken and buurten), for bundles
 *   whose page shows one gemeente's wijken and buurten.
 *
 * A block is the whole region when it has at most BLOK_MAX gemeenten, otherwise a province (or
 * `overig` for gemeenten without one): what a reader of a national site compares at once. Each
 * cell goes to exactly one file of each kind it belongs to; the parts are made by the gate
 * (`publishTableParts`), with the cells unchanged.
 */
import {publishTableParts, type PublishedCell, type PublishedTable} from "../disclosure/gate.ts";
import type {Indeling} from "../sources/indeling.ts";

/**
 * A region with at most this many gemeenten is one block; above it, every province is one. The
 * same number as `MAX_GEMEENTEN_IN_BEELD` in src/lib/pages/gebied.ts: a region a page shows whole is
 * one block, so its first view loads one file per year (a test holds the two together).
 */
export const BLOK_MAX = 50;

/** The single block of a small region. */
export const REGIO_BLOK = "regio";

/** The block of gemeenten without a province. */
export const OVERIG_BLOK = "overig";

/** One block: its id and its gemeenten. */
export interface Blok {
  code: string;
  gemeenten: string[];
}

/** The blocks of a region (see the module comment). */
export function blokkenVan(gemeenten: readonly string[], indeling: Indeling): Blok[] {
  if (gemeenten.length <= BLOK_MAX) return [{code: REGIO_BLOK, gemeenten: [...gemeenten]}];
  const blokken: Blok[] = indeling.provincies.map((p) => ({code: p.code, gemeenten: [...p.gemeenten]}));
  const inProvincie = new Set(blokken.flatMap((b) => b.gemeenten));
  const overig = gemeenten.filter((g) => !inProvincie.has(g));
  if (overig.length > 0) blokken.push({code: OVERIG_BLOK, gemeenten: overig});
  return blokken;
}

/** How one bundle is split. */
export interface DeelSpec {
  /** `per-jaar`: files per block and year; `alle-jaren`: one file per block. */
  gemeenten: "per-jaar" | "alle-jaren";
  /** Tables whose cells go into the block's all-years file even when the rest is per year. */
  alleJaren?: readonly string[];
  /** Also write one file per gemeente with all its cells (all years) of the tables split per year. */
  perGemeente?: boolean;
  /** Cells of other areas that go into the overview file as well (what the first view needs). */
  hoofd?: (tableId: string, cell: PublishedCell) => boolean;
}

/** Where the cells of one area belong. */
export interface Gebiedsindeling {
  regioCode: string;
  /** The gemeente of an area code (gemeente, wijk, buurt, bedrijventerrein); undefined: none. */
  gemeenteVan(cell: PublishedCell): string | undefined;
  /** The block of a gemeente. */
  blokVan(gemeente: string): string;
}

/** Builds the lookup of `Gebiedsindeling` from area lists. */
export function gebiedsindeling(
  regioCode: string,
  gemeenteVanGebied: ReadonlyMap<string, string>,
  blokken: readonly Blok[]
): Gebiedsindeling {
  const blok = new Map<string, string>();
  for (const b of blokken) for (const g of b.gemeenten) blok.set(g, b.code);
  return {
    regioCode,
    gemeenteVan(cell) {
      if (cell.gebiedcode === regioCode) return undefined;
      const direct = gemeenteVanGebied.get(cell.gebiedcode);
      if (direct) return direct;
      // A bedrijventerrein (or another area of the regio level) names its gemeente as parent.
      return cell.bovenliggend && gemeenteVanGebied.get(cell.bovenliggend) === cell.bovenliggend
        ? cell.bovenliggend
        : undefined;
    },
    blokVan: (g) => blok.get(g) ?? OVERIG_BLOK
  };
}

/** The key of a part: `<naam>/<blok>-<jaar>`, `<naam>/<blok>` or `<naam>/<gemeente>`. */
export function deelNaam(naam: string, eenheid: string, jaar?: number): string {
  return jaar === undefined ? `${naam}/${eenheid}` : `${naam}/${eenheid}-${jaar}`;
}

/**
 * Splits the tables of one bundle: returns, per part key (see `deelNaam`; the overview has key
 * `naam`), the table parts in it. Tables keep their ids. The overview declares every table (with
 * its regio cells, possibly none), so a page that has loaded only the overview finds every
 * table; the other parts exist only where they have cells.
 */
export function splitTables(
  naam: string,
  tables: ReadonlyMap<string, PublishedTable>,
  spec: DeelSpec,
  indeling: Gebiedsindeling
): Map<string, Map<string, PublishedTable>> {
  const out = new Map<string, Map<string, PublishedTable>>([[naam, new Map()]]);
  // The part keys of a gemeente in a year (-1: all years), made once: a national bundle has
  // millions of cells and a few thousand distinct keys, and the same key string each time also
  // spares the part map hashing a fresh string per cell.
  const keyCache = new Map<string, Map<number, readonly string[]>>();
  const keysVan = (gemeente: string, jaar: number): readonly string[] => {
    let perJaar = keyCache.get(gemeente);
    if (!perJaar) keyCache.set(gemeente, (perJaar = new Map()));
    let keys = perJaar.get(jaar);
    if (!keys) {
      const alleJaren = jaar === -1;
      const k = [deelNaam(naam, indeling.blokVan(gemeente), alleJaren ? undefined : jaar)];
      // A gemeente's own file holds what the page shows per year (the tables kept over all
      // years per block, raw kerncijfers for instance, are not shown per gemeente).
      if (spec.perGemeente && !alleJaren) k.push(deelNaam(naam, gemeente));
      perJaar.set(jaar, (keys = k));
    }
    return keys;
  };
  for (const [id, table] of tables) {
    const alleJaren = spec.gemeenten === "alle-jaren" || (spec.alleJaren ?? []).includes(id);
    const parts = publishTableParts(
      table,
      (cell) => {
        const gemeente = indeling.gemeenteVan(cell);
        if (gemeente === undefined) return naam;
        const keys = keysVan(gemeente, alleJaren ? -1 : cell.jaar);
        return spec.hoofd?.(id, cell) ? [...keys, naam] : keys;
      },
      [naam]
    );
    for (const [key, part] of parts) {
      let m = out.get(key);
      if (!m) out.set(key, (m = new Map()));
      m.set(id, part);
    }
  }
  return out;
}
