/**
 * Per-gemeente briefing tables. The gate publishes whole tables and has no way to publish a
 * subset of a table's cells, so a briefing that should carry only its own gemeente (plus the
 * regio as reference) gets its own derived tables: copies of the catalogue's derived
 * declarations restricted to that gemeente's cells. They are computed by the gate from the same
 * bases, so they inherit exactly the same suppression, and they stay out of the open data
 * (the catalogue tables already hold every one of these values).
 */
import type {DerivedDeclaration} from "../disclosure/gate.ts";
import type {TableDeclaration} from "../disclosure/gate.ts";
import {PEER_VARIABLES, peerGemeenten, type Peer} from "../../src/shared/peers.ts";
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
  "signalen-index",
  // Public figures (politie/, referentie/): what a bronmap without own registers still shows.
  "misdrijven-per-1000",
  "locatiequotient-nederland",
  "locatiequotient-cbs"
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
  derived: readonly DerivedDeclaration[],
  peers: ReadonlyMap<string, readonly Peer[]> = new Map()
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
      // The gemeente itself (with its wijken), then its peers at gemeente level only.
      const peerCells = (peers.get(g.code) ?? []).flatMap((p) =>
        (perGemeente.get(p.code) ?? []).filter((c) => c.gebiedniveau === "gemeente")
      );
      out.push({
        ...d,
        id: briefingTableId(g.code, d.id),
        cells: [...regioCells, ...(perGemeente.get(g.code) ?? []), ...peerCells]
      });
    }
  }
  return out;
}

/**
 * The counts behind the briefing figures that the briefing compares with the region, by
 * indicator: the names of its bases in the order of its derived declaration. The briefing page
 * computes from them whether a difference with the region is larger than chance
 * (src/lib/statistiek.ts); it has no other way to know the counts behind a rate.
 */
export const BRIEFING_TELLINGEN: Readonly<Record<string, readonly string[]>> = {
  "vestigingen-per-1000": ["teller", "noemer"],
  locatiequotient: ["branche", "alle", "branche-regio", "alle-regio"],
  "groei-5-jaar": ["nu", "eerder"],
  verloop: ["starts", "stops", "vestigingen"],
  "zorg-met-vastgoed-per-100": ["teller", "noemer"],
  "risico-aandeel-buitengebied": ["teller", "noemer"],
  "panden-leeg-aandeel": ["teller", "noemer"],
  "signalen-per-1000": ["teller", "noemer"]
};

/** Part name in `gemeente/<code>.json` of one base count of a briefing indicator. */
export function briefingTellingDeel(indicatorId: string, basis: string): string {
  return `${indicatorId}/${basis}`;
}

/** Table id of the briefing count copy (no slash: table ids name files elsewhere). */
export function briefingTellingTabel(code: string, indicatorId: string, basis: string): string {
  return briefingTableId(code, `${indicatorId}--${basis}`);
}

/**
 * Count copies for the briefings: for every gemeente, indicator of BRIEFING_TELLINGEN and base,
 * a derived cell per cell of the gemeente itself and of the regio in the latest year whose value
 * is that base count. The gate computes it from the published base, so it shows exactly what the
 * count table publishes and is suppressed exactly when that count is (as overzichtAantallen).
 * Peers and wijken get none: the briefing compares only the gemeente with the region.
 */
export function briefingTellingen(
  ctx: PipelineContext,
  copies: readonly DerivedDeclaration[]
): DerivedDeclaration[] {
  const jaar = ctx.jaren[ctx.jaren.length - 1];
  const byId = new Map(copies.map((d) => [d.id, d]));
  const out: DerivedDeclaration[] = [];
  for (const g of ctx.gebieden.gemeente) {
    for (const [id, bases] of Object.entries(BRIEFING_TELLINGEN)) {
      const bron = byId.get(briefingTableId(g.code, id));
      if (!bron) continue;
      const cells = bron.cells.filter(
        (c) => c.jaar === jaar && (c.gebiedcode === g.code || c.gebiedcode === REGIO_CODE)
      );
      bases.forEach((basis, i) =>
        out.push({
          id: briefingTellingTabel(g.code, id, basis),
          title: `${bron.title}: ${basis}`,
          eenheid: "aantal",
          kind: "custom",
          decimals: 0,
          compute: ([n]) => n!,
          cells: cells
            .filter((c) => c.bases[i])
            .map((c) => ({
              gebiedcode: c.gebiedcode,
              gebiedniveau: c.gebiedniveau,
              bovenliggend: c.bovenliggend,
              branche: c.branche,
              categorie: c.categorie,
              jaar: c.jaar,
              bases: [c.bases[i]!]
            }))
        })
      );
    }
  }
  return out;
}

/** Kerncijfers (categorie in the `kerncijfers` table) that peers are matched on, by peers.ts name. */
const PEER_KERNCIJFERS: Record<string, string> = {
  bevolkingsdichtheid: "bevolkingsdichtheid",
  gemiddeld_inkomen: "gemiddeld-inkomen",
  woz: "woz",
  eenpersoonshuishoudens_pct: "eenpersoonshuishoudens"
};

/** The five most similar gemeenten of every gemeente and the year of the kerncijfers used. */
export interface BriefingPeers {
  jaar: number | null;
  /** Titles (peers.ts) of the variables that had values and so entered the distance. */
  variabelen: string[];
  peers: Map<string, Peer[]>;
}

/**
 * Peer gemeenten from the public kerncijfers (CBS; `inwoners` and `kerncijfers` tables), for the
 * latest year in which any gemeente has them. Variables the bronmap lacks (urbanity is not in
 * it) are left out of the distance (src/shared/peers.ts). No kerncijfers: no peers.
 */
export function briefingPeers(ctx: PipelineContext, tables: readonly TableDeclaration[]): BriefingPeers {
  const kwb = tables.find((t) => t.id === "kerncijfers");
  const inw = tables.find((t) => t.id === "inwoners");
  const gemeenten = new Set(ctx.gebieden.gemeente.map((g) => g.code));
  const gemeenteCells = [...(kwb?.cells ?? []), ...(inw?.cells ?? [])].filter(
    (c) => gemeenten.has(c.gebiedcode) && c.gebiedniveau === "gemeente" && c.value !== null
  );
  if (gemeenteCells.length === 0 || gemeenten.size < 2) return {jaar: null, variabelen: [], peers: new Map()};
  const jaar = Math.max(...gemeenteCells.map((c) => c.jaar));
  const values = new Map<string, Record<string, number | null>>(
    [...gemeenten].map((code) => [
      code,
      {inwoners: null, ...Object.fromEntries(Object.keys(PEER_KERNCIJFERS).map((k) => [k, null]))}
    ])
  );
  const byCategorie = new Map(Object.entries(PEER_KERNCIJFERS).map(([k, v]) => [v, k]));
  for (const c of inw?.cells ?? [])
    if (c.jaar === jaar && values.has(c.gebiedcode)) values.get(c.gebiedcode)!.inwoners = c.value;
  for (const c of kwb?.cells ?? []) {
    const variabele = byCategorie.get(c.categorie ?? "");
    if (variabele && c.jaar === jaar && values.has(c.gebiedcode))
      values.get(c.gebiedcode)![variabele] = c.value;
  }
  const variabelen = PEER_VARIABLES.filter((v) =>
    [...values.values()].some((row) => row[v.variabele] !== null && row[v.variabele] !== undefined)
  ).map((v) => v.titel);
  return {jaar, variabelen, peers: peerGemeenten(values, 5)};
}

/** Id prefix-free name of the overview copies (`briefing-regio-<indicator>`; out of the open data). */
export const OVERZICHT_CODE = "regio";

/**
 * Copies for the overview page (`overzicht.json`): the regio and every gemeente, for the
 * all-risk-branch totals, care and the branch-free indicators, in the last two years only (the
 * overview shows the latest year and the change against the year before). Computed by the gate
 * from the same bases, so with the same suppression as the catalogue tables.
 */
export function overzichtDerived(
  ctx: PipelineContext,
  derived: readonly DerivedDeclaration[]
): DerivedDeclaration[] {
  const jaren = new Set(ctx.jaren.slice(-2));
  return derived
    .filter((d) => BRIEFING_INDICATOREN.includes(d.id) && d.id !== "vestigingen-wijk-per-1000")
    .map((d) => ({
      ...d,
      id: briefingTableId(OVERZICHT_CODE, d.id),
      cells: d.cells.filter(
        (c) =>
          (c.gebiedniveau === "regio" || c.gebiedniveau === "gemeente") &&
          jaren.has(c.jaar) &&
          (c.branche == null ||
            c.branche === "risico" ||
            c.branche === "zorg" ||
            c.branche.startsWith("sbi-"))
      )
    }));
}

/**
 * Counts on the overview ("de regio in één oogopslag"), by part name in `overzicht.json`: which
 * overview ratio they are read from, which of its two bases (0 = numerator, 1 = denominator), and
 * the branch they keep. The regio and gemeente counts are in the open data already; the copies
 * only spare the overview the large bundles (noemers.json alone is over a megabyte).
 */
export const OVERZICHT_AANTALLEN: ReadonlyArray<{
  id: string;
  title: string;
  bron: string;
  branche: string | null;
  /** Category of the source ratio's cells to read (one per area and year). */
  categorie?: string;
  basis: 0 | 1;
}> = [
  // Inhabitants rest on the kerncijfers alone: read from the first ratio that has them as
  // denominator (misdrijven when the bronmap has no register of establishments).
  {id: "inwoners", title: "Inwoners", bron: "vestigingen-per-1000", branche: "risico", basis: 1},
  {
    id: "inwoners",
    title: "Inwoners",
    bron: "misdrijven-per-1000",
    branche: null,
    categorie: "totaal",
    basis: 1
  },
  {
    id: "vestigingen",
    title: "Vestigingen in risicobranches",
    bron: "vestigingen-per-1000",
    branche: "risico",
    basis: 0
  },
  {id: "signalen", title: "Signalen", bron: "signalen-per-1000", branche: null, basis: 0}
];

/**
 * Count copies for the overview: for the regio and every gemeente in the last two years, a
 * derived cell whose value is one base count of an overview ratio. The gate computes it from the
 * published (possibly rounded) base, so it shows exactly what the count table publishes and is
 * suppressed exactly when that count is.
 */
export function overzichtAantallen(overzicht: readonly DerivedDeclaration[]): DerivedDeclaration[] {
  const out: DerivedDeclaration[] = [];
  for (const a of OVERZICHT_AANTALLEN) {
    const bron = overzicht.find((d) => d.id === briefingTableId(OVERZICHT_CODE, a.bron));
    if (!bron || out.some((d) => d.id === briefingTableId(OVERZICHT_CODE, a.id))) continue;
    out.push({
      id: briefingTableId(OVERZICHT_CODE, a.id),
      title: a.title,
      eenheid: "aantal",
      kind: "custom",
      decimals: 0,
      compute: ([n]) => n!,
      cells: bron.cells
        .filter(
          (c) =>
            (c.branche ?? null) === a.branche &&
            (c.categorie ?? null) === (a.categorie ?? null) &&
            c.bases[a.basis]
        )
        .map((c) => ({
          gebiedcode: c.gebiedcode,
          gebiedniveau: c.gebiedniveau,
          bovenliggend: c.bovenliggend,
          branche: a.id === "vestigingen" ? c.branche : null,
          categorie: null,
          jaar: c.jaar,
          bases: [c.bases[a.basis]!]
        }))
    });
  }
  return out;
}
