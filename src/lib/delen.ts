/**
 * Loading the parts of a split bundle (data-loaders/indicators/split.ts): a page first loads the
 * overview file (the regio and its metadata), then only the parts its view shows (a block of
 * gemeenten in one year, one gemeente), and merges them into one bundle with the same shape as
 * the unsplit file, so the page logic (`src/lib/pages/`) reads it as before. While parts load, a
 * visible status line says so and the page's main region is `aria-busy`; the URL state is not
 * touched. Browser-safe.
 */
import type {BestandContract, Bundle, Metadata, Table} from "./contracts.js";
import {assertBundle, isTable} from "./contracts.js";

/** A part's loader, as in the generated file maps (`src/lib/generated/<naam>.js`). */
export type DeelLader = () => {json(): Promise<unknown>};

/** The file map of one split bundle: part name (`regio-2025`, `GM0772`) -> loader. */
export type Delen = Readonly<Record<string, DeelLader>>;

/**
 * Merges bundles into one: a table that occurs in several gets all their cells (in the order of
 * the bundles), the first occurrence of a metadata part wins. The inputs are not changed.
 */
export function mergeBundles(bundles: readonly Bundle[]): Bundle {
  const onderdelen: Record<string, Table | Metadata> = {};
  for (const b of bundles) {
    for (const [name, part] of Object.entries(b.onderdelen)) {
      const have = onderdelen[name];
      if (have === undefined) onderdelen[name] = isTable(part) ? {...part, cellen: [...part.cellen]} : part;
      else if (isTable(have) && isTable(part)) have.cellen.push(...part.cellen);
    }
  }
  return {schemaVersion: 1, onderdelen};
}

/** Part names of `naam` for blocks and years: `regio-2025`; without years: `regio`. */
export function blokDelen(blokken: readonly string[], jaren: readonly number[] | null): string[] {
  return jaren === null ? [...blokken] : blokken.flatMap((b) => jaren.map((j) => `${b}-${j}`));
}

/** The visible loading state of a page: a status line and `aria-busy` on the main region. */
export interface Laadstatus {
  /** The status line (`role="status"`), to be placed near the page's choices. */
  element: HTMLElement;
  /** Marks the start of a load of `wat` ("de buurten van Nesselzijl"); call the result when done. */
  start(wat: string): (fout?: unknown) => void;
}

/** A status line for loading parts. `main` gets `aria-busy` while something loads. */
export function laadstatus(doc: Document = document): Laadstatus {
  const element = doc.createElement("p");
  element.className = "laadstatus";
  element.setAttribute("role", "status");
  element.setAttribute("aria-live", "polite");
  let bezig = 0;
  return {
    element,
    start(wat) {
      bezig++;
      const main = doc.querySelector("main") ?? doc.body;
      main.setAttribute("aria-busy", "true");
      element.dataset.status = "laden";
      element.textContent = `Gegevens laden: ${wat} …`;
      let gedaan = false;
      return (fout?: unknown) => {
        if (gedaan) return;
        gedaan = true;
        bezig--;
        if (bezig === 0) main.removeAttribute("aria-busy");
        if (fout !== undefined) {
          element.dataset.status = "fout";
          element.textContent = `Gegevens van ${wat} konden niet worden geladen. Laad de pagina opnieuw.`;
        } else if (bezig === 0) {
          element.dataset.status = "klaar";
          element.textContent = `Gegevens van ${wat} geladen.`;
        }
      };
    }
  };
}

/**
 * Loads parts of a split bundle `naam` (each once per page: a part loaded before is reused),
 * checks each against `contract` (the contract of the parts, such as `TRENDS_DEEL`), and reports
 * the load on `status`. Parts absent from the map are skipped (a block without cells in a year
 * has no file).
 */
export function deelLader(naam: string, delen: Delen, contract: BestandContract, status?: Laadstatus) {
  const cache = new Map<string, Promise<Bundle>>();
  const een = (deel: string): Promise<Bundle> | null => {
    const lader = delen[deel];
    if (!lader) return null;
    if (!cache.has(deel))
      cache.set(
        deel,
        lader()
          .json()
          .then((b) => assertBundle(b, contract, `${naam}/${deel}.json`))
      );
    return cache.get(deel)!;
  };
  return {
    /** True when the part exists. */
    heeft: (deel: string) => deel in delen,
    /** Every part name. */
    alle: () => Object.keys(delen),
    /** Loads `deelnamen` (those that exist) and returns them in order; `wat` is for the status line. */
    async laad(deelnamen: readonly string[], wat: string): Promise<Bundle[]> {
      const nieuw = deelnamen.some((d) => d in delen && !cache.has(d));
      // The loading state first: the page is busy from the first request on.
      const klaar = status && nieuw ? status.start(wat) : null;
      const promises = deelnamen.map(een).filter((p): p is Promise<Bundle> => p !== null);
      try {
        const out = await Promise.all(promises);
        klaar?.();
        return out;
      } catch (e) {
        klaar?.(e);
        throw e;
      }
    }
  };
}
