/**
 * Per-gemeente briefing tables. The gate publishes whole tables and has no way to publish a
 * subset of a table's cells, so a briefing that should carry only its own gemeente (plus the
 * regio as reference) gets its own derived tables: copies of the catalogue's derived
 * declarations restricted to that gemeente's cells. They are computed by the gate from the same
 * bases, so they inherit exactly the same suppression, and they stay out of the open data
 * (the catalogue tables already hold every one of these values).
 */
import type {DerivedDeclaration} from "../disclosure/gate.ts";
import {REGIO_CODE} from "./catalogue.ts";
import type {PipelineContext} from "./context.ts";

/** Derived indicators in every gemeente briefing (part names in `gemeente/<code>.json`). */
export const BRIEFING_INDICATOREN: readonly string[] = [
  "vestigingen-per-1000",
  "locatiequotient",
  "verloop",
  "groei-5-jaar",
  "vestigingen-index",
  "zorg-met-vastgoed-per-100",
  "vestigingen-wijk-per-1000",
  "risico-aandeel-buitengebied",
  "risico-aandeel-kern",
  "panden-leeg-aandeel",
  "signalen-per-1000",
  "signalen-categorie-per-1000",
  "signalen-index"
];

/** Prefix of the briefing tables' ids (kept out of the open data). */
export const BRIEFING_PREFIX = "briefing-";

/** Id of the briefing copy of `indicatorId` for gemeente `code`. */
export function briefingTableId(code: string, indicatorId: string): string {
  return `${BRIEFING_PREFIX}${code.toLowerCase()}-${indicatorId}`;
}

/**
 * Briefing copies of the derived declarations: per gemeente, the cells of the gemeente itself,
 * its wijken and the regio (no buurten: the briefing is a one-page summary).
 */
export function briefingDerived(
  ctx: PipelineContext,
  derived: readonly DerivedDeclaration[]
): DerivedDeclaration[] {
  const wijkGemeente = new Map(ctx.gebieden.wijk.map((w) => [w.code, w.bovenliggend as string]));
  const out: DerivedDeclaration[] = [];
  const sources = derived.filter((d) => BRIEFING_INDICATOREN.includes(d.id));
  // Group each source's cells by gemeente once, instead of filtering per gemeente.
  for (const d of sources) {
    const perGemeente = new Map<string, typeof d.cells>();
    const regioCells: typeof d.cells = [];
    for (const cell of d.cells) {
      if (cell.gebiedcode === REGIO_CODE) {
        regioCells.push(cell);
        continue;
      }
      const g =
        cell.gebiedniveau === "gemeente"
          ? cell.gebiedcode
          : cell.gebiedniveau === "wijk"
            ? wijkGemeente.get(cell.gebiedcode)
            : undefined;
      if (!g) continue;
      let list = perGemeente.get(g);
      if (!list) perGemeente.set(g, (list = []));
      list.push(cell);
    }
    for (const g of ctx.gebieden.gemeente) {
      out.push({
        ...d,
        id: briefingTableId(g.code, d.id),
        cells: [...regioCells, ...(perGemeente.get(g.code) ?? [])]
      });
    }
  }
  return out;
}
