/**
 * The Risicobranches story: a branch x gemeente overview on five measures against the region, a
 * ranking and a map for the chosen branch and measure, the rising sectors over the years, care
 * combined with real estate, and the qualitative branch profiles. Pure functions on bundles.
 */
import type {Bundle, Cell} from "../contracts.js";
import {isTable, metadataOf, tableOf} from "../contracts.js";
import {formatWaarde} from "../format.js";
import {comparisonSentence, isPublished, opsomming, rankingSentence} from "../narrative.js";
import {indexTable, type TableIndex} from "../query.js";
import type {RankingItem} from "../../components/ranking-bars.js";
import type {Keuze} from "./common.js";
import {geenCel, type RegioInfo} from "./story.js";

/** A measure of the overview: table id, label and unit. */
export interface Maat {
  id: string;
  label: string;
  /** Lower-case phrase for sentences. */
  zin: string;
  eenheid: string;
}

/** The five measures of a branch, as in product.md. */
export const MATEN: readonly Maat[] = [
  {
    id: "vestigingen-per-1000",
    label: "Vestigingen per 1.000 inwoners",
    zin: "het aantal vestigingen per 1.000 inwoners",
    eenheid: "per-1000"
  },
  {id: "locatiequotient", label: "Locatiequotiënt (regio = 1)", zin: "het locatiequotiënt", eenheid: "index"},
  {id: "groei-5-jaar", label: "Groei in vijf jaar (%)", zin: "de groei in vijf jaar", eenheid: "procent"},
  {id: "verloop", label: "Verloop (starts en stops per 100)", zin: "het verloop", eenheid: "per-100"},
  {
    id: "eenpersoons-aandeel",
    label: "Aandeel eenpersoonsvestigingen (%)",
    zin: "het aandeel eenpersoonsvestigingen",
    eenheid: "procent"
  }
];

/** The sectors the seed text calls rising. */
export const OPKOMEND: readonly string[] = ["vakantieparken", "kunsthandel", "zorg"];

/** A branch group of the catalogue, with its qualitative profile. */
export interface Branchegroep {
  id: string;
  naam: string;
  sbi: string;
  vergunningOfBibob: boolean;
  kasintensief: boolean;
  profiel: string;
  bronnen: string[];
}

/** Everything the page needs, indexed once. */
export interface BranchesData {
  info: RegioInfo;
  namen: Record<string, string>;
  groepen: Branchegroep[];
  tabellen: Map<string, TableIndex>;
  jaren: number[];
  laatsteJaar: number;
}

/** The page state (URL parameters). */
export interface BranchesState {
  branche: string;
  maat: string;
  jaar: string;
}

export function branchesData(bundle: Bundle, regio: Bundle): BranchesData {
  const info = metadataOf<RegioInfo>(regio, "regio");
  const branches = metadataOf<{namen: Record<string, string>; groepen: Branchegroep[]}>(bundle, "branches");
  const tabellen = new Map<string, TableIndex>();
  for (const [name, part] of Object.entries(bundle.onderdelen))
    if (isTable(part)) tabellen.set(name, indexTable(tableOf(bundle, name)));
  const dichtheid = tabellen.get("vestigingen-per-1000");
  const jaren = dichtheid?.jaren ?? info.jaren;
  return {
    info,
    namen: branches.namen,
    groepen: branches.groepen,
    tabellen,
    jaren,
    laatsteJaar: dichtheid?.laatsteJaar ?? jaren.at(-1) ?? new Date().getFullYear()
  };
}

export function branchesDefaults(d: BranchesData): BranchesState {
  return {branche: "risico", maat: MATEN[0]!.id, jaar: String(d.laatsteJaar)};
}

export function branchesKeuzes(d: BranchesData): {branches: Keuze[]; maten: Keuze[]; jaren: Keuze[]} {
  const ids = ["risico", ...d.groepen.map((g) => g.id)];
  return {
    branches: ids.map((id) => ({value: id, label: d.namen[id] ?? id})),
    maten: MATEN.filter((m) => d.tabellen.has(m.id)).map((m) => ({value: m.id, label: m.label})),
    jaren: [...d.jaren].reverse().map((j) => ({value: String(j), label: String(j)}))
  };
}

function cell(d: BranchesData, tabel: string, gebied: string, branche: string | null, jaar: number): Cell {
  return d.tabellen.get(tabel)?.get({gebied, branche, categorie: null, jaar}) ?? geenCel(gebied, jaar);
}

const maatVan = (id: string): Maat => MATEN.find((m) => m.id === id) ?? MATEN[0]!;

/** Ranking of the gemeenten for a branch and measure, with the region as reference. */
export function rankingView(d: BranchesData, s: BranchesState) {
  const jaar = Number(s.jaar);
  const maat = maatVan(s.maat);
  const branche = d.namen[s.branche] ?? s.branche;
  const items: RankingItem[] = d.info.gemeenten.map((g) => ({
    code: g.code,
    naam: g.naam,
    cell: cell(d, maat.id, g.code, s.branche, jaar)
  }));
  const regio = cell(d, maat.id, d.info.regio.code, s.branche, jaar);
  const names = new Map(d.info.gemeenten.map((g) => [g.code, g.naam]));
  const published = items
    .filter((i) => isPublished(i.cell))
    .sort((a, b) => b.cell!.waarde! - a.cell!.waarde! || a.code.localeCompare(b.code));
  const top = published[0];
  const zinnen = [
    rankingSentence(
      items.map((i) => i.cell!),
      {
        label: `${maat.zin} ${s.branche === "risico" ? "in alle risicobranches samen" : `in de branche ${branche.toLowerCase()}`}`,
        eenheid: maat.eenheid,
        names
      }
    )
  ];
  if (top)
    zinnen.push(
      comparisonSentence(top.cell, regio, {
        onderwerp: `${maat.zin.charAt(0).toUpperCase()}${maat.zin.slice(1)} in ${top.naam}`,
        eenheid: maat.eenheid,
        referentie: "de regio"
      })
    );
  const title = top
    ? `${branche}: ${maat.zin} is het hoogst in ${top.naam} (${jaar})`
    : `${branche}: ${maat.zin} per gemeente (${jaar})`;
  return {
    items,
    regio: isPublished(regio) ? {waarde: regio.waarde, label: "Regio"} : null,
    title,
    maat,
    zinnen,
    values: new Map(items.map((i) => [i.code, i.cell!]))
  };
}

/** The branch x gemeente overview of one measure (rows: branches; columns: gemeenten + regio). */
export function overzichtView(d: BranchesData, s: BranchesState) {
  const jaar = Number(s.jaar);
  const maat = maatVan(s.maat);
  const rows = d.groepen.map((g) => ({key: g.id, label: g.naam}));
  const columns = [
    ...d.info.gemeenten.map((g) => ({key: g.code, label: g.naam})),
    {key: d.info.regio.code, label: "Regio"}
  ];
  const cellAt = (row: string, column: string) => cell(d, maat.id, column, row, jaar);
  // What stands out: per gemeente the branches with a location quotient of 1,5 or more.
  const hoog: string[] = [];
  for (const g of d.info.gemeenten) {
    const boven = d.groepen
      .map((b) => ({b, c: cell(d, "locatiequotient", g.code, b.id, jaar)}))
      .filter((x) => isPublished(x.c) && x.c.waarde >= 1.5)
      .map((x) => `${x.b.naam.toLowerCase()} (${formatWaarde(x.c.waarde, "index")})`);
    if (boven.length > 0) hoog.push(`${g.naam}: ${opsomming(boven)}`);
  }
  const zin =
    hoog.length === 0
      ? `In ${jaar} is in geen enkele gemeente een branche anderhalf keer zo sterk vertegenwoordigd als in de regio (locatiequotiënt 1,5 of meer).`
      : `Anderhalf keer of meer zo sterk vertegenwoordigd als in de regio in ${jaar} (locatiequotiënt 1,5 of meer): ${hoog.join("; ")}.`;
  return {rows, columns, cellAt, maat, jaar, zin};
}

/** The rising sectors over the years: region counts per sector, and the growth sentence. */
export function opkomendView(d: BranchesData) {
  const vest = d.tabellen.get("vestigingen");
  const jaren = d.jaren;
  const eerste = jaren[0]!;
  const laatste = d.laatsteJaar;
  const r = d.info.regio.code;
  const sectoren = OPKOMEND.filter((b) => d.namen[b]);
  // One panel per sector: the cells get the sector as their panel code.
  const cells: Cell[] = sectoren.flatMap((b) =>
    jaren.map((j) => ({
      ...(vest?.get({gebied: r, branche: b, categorie: null, jaar: j}) ?? geenCel(r, j)),
      gebiedcode: b
    }))
  );
  const names = new Map(sectoren.map((b) => [b, d.namen[b]!]));
  const groei = sectoren.map((b) => {
    const a = vest?.get({gebied: r, branche: b, categorie: null, jaar: eerste});
    const z = vest?.get({gebied: r, branche: b, categorie: null, jaar: laatste});
    const rel = isPublished(a) && isPublished(z) && a.waarde > 0 ? (z.waarde - a.waarde) / a.waarde : null;
    return {branche: b, naam: d.namen[b]!, rel, a, z};
  });
  const zinnen = groei.map((g) =>
    g.rel === null
      ? `Voor ${g.naam.toLowerCase()} is de ontwikkeling sinds ${eerste} niet te tonen: een van de jaren is onderdrukt of ontbreekt.`
      : `${g.naam}: van ${formatWaarde(g.a!.waarde, "aantal")} vestigingen in ${eerste} naar ${formatWaarde(g.z!.waarde, "aantal")} in ${laatste} (${g.rel >= 0 ? "+" : "−"}${formatWaarde(Math.abs(g.rel) * 100, "procent")}).`
  );
  const sterkst = groei.filter((g) => g.rel !== null).sort((a, b) => b.rel! - a.rel!)[0];
  const title = sterkst
    ? `Van de opkomende sectoren groeide ${sterkst.naam.toLowerCase()} het sterkst sinds ${eerste}`
    : `Opkomende sectoren in de regio sinds ${eerste}`;
  return {cells, names, zinnen, title, jaren};
}

/** Care providers that own real estate, per gemeente, against the region. */
export function zorgView(d: BranchesData, s: BranchesState) {
  const jaar = Number(s.jaar);
  const items: RankingItem[] = d.info.gemeenten.map((g) => ({
    code: g.code,
    naam: g.naam,
    cell: cell(d, "zorg-met-vastgoed-per-100", g.code, "zorg", jaar)
  }));
  const regio = cell(d, "zorg-met-vastgoed-per-100", d.info.regio.code, "zorg", jaar);
  const names = new Map(d.info.gemeenten.map((g) => [g.code, g.naam]));
  const zinnen = [
    isPublished(regio)
      ? `In de regio bezit in ${jaar} ${formatWaarde(regio.waarde, "procent")} van de zorgaanbieders ook vastgoed.`
      : `Het aandeel zorgaanbieders met vastgoed in de regio is voor ${jaar} niet te tonen.`,
    rankingSentence(
      items.map((i) => i.cell!),
      {label: "het aandeel zorgaanbieders met vastgoed", eenheid: "procent", names}
    )
  ];
  return {items, regio: isPublished(regio) ? {waarde: regio.waarde, label: "Regio"} : null, zinnen, jaar};
}
