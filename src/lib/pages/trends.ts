/**
 * The Trends story: every indicator of trends.json over the years per gemeente (small
 * multiples), and the structural pattern (establishments in risk branches) next to the signal
 * counts for the region. Pure functions on bundles.
 */
import type {Bundle, Cell} from "../contracts.js";
import {isTable, metadataOf, tableOf} from "../contracts.js";
import {formatWaarde} from "../format.js";
import {isPublished, telwoord} from "../narrative.js";
import {indexTable, type TableIndex} from "../query.js";
import type {Keuze} from "./common.js";
import {geenCel, type Catalogus, type RegioInfo} from "./story.js";

/** An indicator of the trends page and which dimension it has besides area and year. */
export interface TrendIndicator {
  id: string;
  label: string;
  eenheid: string;
  dimensie: "branche" | "categorie" | null;
  /** Structural pattern or signal count (the page sets them side by side). */
  soort: "structuur" | "signaal";
}

export const TREND_INDICATOREN: readonly TrendIndicator[] = [
  {
    id: "vestigingen-index",
    label: "Vestigingen, index (eerste jaar = 100)",
    eenheid: "index",
    dimensie: "branche",
    soort: "structuur"
  },
  {
    id: "vestigingen",
    label: "Vestigingen (aantal)",
    eenheid: "aantal",
    dimensie: "branche",
    soort: "structuur"
  },
  {
    id: "panden-leeg",
    label: "Leegstaande agrarische gebouwen (aantal)",
    eenheid: "aantal",
    dimensie: null,
    soort: "structuur"
  },
  {
    id: "panden-leeg-index",
    label: "Leegstaande agrarische gebouwen, index",
    eenheid: "index",
    dimensie: null,
    soort: "structuur"
  },
  {
    id: "signalen-index",
    label: "Signalen, index (eerste jaar = 100)",
    eenheid: "index",
    dimensie: null,
    soort: "signaal"
  },
  {
    id: "signalen-categorie",
    label: "Signalen per categorie (aantal)",
    eenheid: "aantal",
    dimensie: "categorie",
    soort: "signaal"
  },
  {
    id: "signalen-categorie-per-1000",
    label: "Signalen per categorie per 1.000 inwoners",
    eenheid: "per-1000",
    dimensie: "categorie",
    soort: "signaal"
  }
];

export interface TrendsData {
  info: RegioInfo;
  brancheNamen: Record<string, string>;
  categorieen: Array<{id: string; naam: string}>;
  tabellen: Map<string, TableIndex>;
  jaren: number[];
}

export interface TrendsState {
  indicator: string;
  branche: string;
  categorie: string;
}

export function trendsData(bundle: Bundle, regio: Bundle, catalogus: Bundle): TrendsData {
  const info = metadataOf<RegioInfo>(regio, "regio");
  const branches = metadataOf<{namen: Record<string, string>}>(bundle, "branches");
  let categorieen: Array<{id: string; naam: string}> = [];
  try {
    categorieen = metadataOf<Catalogus>(catalogus, "catalogus").signaalcategorieen ?? [];
  } catch {
    categorieen = [];
  }
  const tabellen = new Map<string, TableIndex>();
  for (const [name, part] of Object.entries(bundle.onderdelen))
    if (isTable(part)) tabellen.set(name, indexTable(tableOf(bundle, name)));
  const jaren = [...new Set([...tabellen.values()].flatMap((t) => t.jaren))].sort((a, b) => a - b);
  return {info, brancheNamen: branches.namen, categorieen, tabellen, jaren};
}

export function trendsDefaults(d: TrendsData): TrendsState {
  return {indicator: "vestigingen-index", branche: "risico", categorie: d.categorieen[0]?.id ?? ""};
}

export function trendsKeuzes(d: TrendsData): {indicatoren: Keuze[]; branches: Keuze[]; categorieen: Keuze[]} {
  return {
    indicatoren: TREND_INDICATOREN.filter((i) => d.tabellen.has(i.id)).map((i) => ({
      value: i.id,
      label: i.label
    })),
    branches: Object.entries(d.brancheNamen).map(([value, label]) => ({value, label})),
    categorieen: d.categorieen.map((c) => ({value: c.id, label: c.naam}))
  };
}

const indicatorVan = (id: string) => TREND_INDICATOREN.find((i) => i.id === id) ?? TREND_INDICATOREN[0]!;

function get(
  d: TrendsData,
  id: string,
  gebied: string,
  branche: string | null,
  categorie: string | null,
  jaar: number
): Cell {
  return d.tabellen.get(id)?.get({gebied, branche, categorie, jaar}) ?? geenCel(gebied, jaar);
}

/** The small multiples of the chosen indicator: the regio first, then every gemeente. */
export function trendView(d: TrendsData, s: TrendsState) {
  const ind = indicatorVan(s.indicator);
  const branche = ind.dimensie === "branche" ? s.branche : null;
  const categorie = ind.dimensie === "categorie" ? s.categorie : null;
  const gebieden = [{code: d.info.regio.code, naam: d.info.regio.naam}, ...d.info.gemeenten];
  const cells = gebieden.flatMap((g) => d.jaren.map((j) => get(d, ind.id, g.code, branche, categorie, j)));
  const names = new Map(gebieden.map((g) => [g.code, g.naam]));
  const wat =
    ind.dimensie === "branche"
      ? ` (${(d.brancheNamen[s.branche] ?? s.branche).toLowerCase()})`
      : ind.dimensie === "categorie"
        ? ` (${(d.categorieen.find((c) => c.id === s.categorie)?.naam ?? s.categorie).toLowerCase()})`
        : "";
  // Change from the first to the last published year of each gemeente.
  const veranderingen = d.info.gemeenten
    .map((g) => {
      const pub = d.jaren.map((j) => get(d, ind.id, g.code, branche, categorie, j)).filter(isPublished);
      const a = pub[0];
      const z = pub.at(-1);
      return a && z && a !== z && a.waarde !== 0
        ? {g, a, z, rel: (z.waarde - a.waarde) / Math.abs(a.waarde)}
        : null;
    })
    .filter((x): x is NonNullable<typeof x> => x !== null)
    .sort((x, y) => y.rel - x.rel || x.g.code.localeCompare(y.g.code));
  const zonder = d.info.gemeenten.length - veranderingen.length;
  const zinnen: string[] = [];
  const top = veranderingen[0];
  const bodem = veranderingen.at(-1);
  if (!top) {
    zinnen.push(
      `Voor geen enkele gemeente is een ontwikkeling van ${ind.label.toLowerCase()}${wat} te tonen: te veel jaren zijn onderdrukt of ontbreken.`
    );
  } else {
    const fmt = (c: Cell & {waarde: number}) => `${formatWaarde(c.waarde, ind.eenheid)} in ${c.jaar}`;
    zinnen.push(
      `Het sterkst gestegen${wat}: ${top.g.naam}, van ${fmt(top.a)} naar ${fmt(top.z)}.` +
        (bodem && bodem !== top
          ? ` Het minst gestegen of het sterkst gedaald: ${bodem.g.naam}, van ${fmt(bodem.a)} naar ${fmt(bodem.z)}.`
          : "")
    );
  }
  if (zonder > 0)
    zinnen.push(
      `Voor ${telwoord(zonder, "gemeente", "gemeenten")} is geen ontwikkeling te tonen, omdat te weinig jaren gepubliceerd zijn (kleine aantallen worden onderdrukt).`
    );
  const title = top
    ? `${ind.label}${wat}: het sterkst gestegen in ${top.g.naam}`
    : `${ind.label}${wat} per gemeente`;
  return {cells, names, zinnen, title, indicator: ind, jaren: d.jaren};
}

/** Structural pattern next to signal counts, for the region: two index series in one view. */
export function structuurSignalenView(d: TrendsData) {
  const r = d.info.regio.code;
  const vest = d.jaren.map((j) => ({
    ...get(d, "vestigingen-index", r, "risico", null, j),
    gebiedcode: "structuur"
  }));
  const sig = d.jaren.map((j) => ({...get(d, "signalen-index", r, null, null, j), gebiedcode: "signalen"}));
  const names = new Map([
    ["structuur", "Vestigingen in risicobranches (index)"],
    ["signalen", "Signalen (index)"]
  ]);
  const laatste = (cells: Cell[]) => cells.filter(isPublished).at(-1);
  const v = laatste(vest);
  const s = laatste(sig);
  const eerste = d.jaren[0];
  const deel = (c: (Cell & {waarde: number}) | undefined, wat: string) =>
    c
      ? `${wat} ${c.waarde >= 100 ? "groeide" : "daalde"} sinds ${eerste} met ${formatWaarde(Math.abs(c.waarde - 100), "procent")} (index ${formatWaarde(c.waarde, "index")} in ${c.jaar})`
      : `${wat} is niet te tonen (onderdrukt of geen gegevens)`;
  const zin = `In de regio: ${deel(v, "het aantal vestigingen in risicobranches")}; ${deel(s, "het aantal signalen")}.`;
  const verschil =
    v && s
      ? s.waarde - v.waarde > 10
        ? "De signalen groeiden duidelijk harder dan de branches zelf: dat kan op meer ondermijning wijzen, maar ook op beter melden en registreren."
        : v.waarde - s.waarde > 10
          ? "De branches groeiden duidelijk harder dan de signalen: meer gelegenheid, maar niet meer meldingen."
          : "Branches en signalen ontwikkelden zich ongeveer gelijk op."
      : "";
  return {cells: [...vest, ...sig], names, zinnen: [zin, verschil].filter(Boolean), jaren: d.jaren};
}
