/**
 * The Trends story: every indicator of trends.json over the years per gemeente (small
 * multiples), and the structural pattern (establishments in risk branches) next to the signal
 * counts for the region. Pure functions on bundles.
 */
import type {Bundle, Cell} from "../contracts.js";
import {isTable, metadataOf, tableOf} from "../contracts.js";
import {BRANCHES, REGIO} from "../../shared/contracts/onderdelen.js";
import {formatWaarde} from "../format.js";
import {isPublished, telwoord} from "../narrative.js";
import {indexTable, type TableIndex} from "../query.js";
import type {Keuze} from "./common.js";
import {titelMetEenheid} from "../texts.js";
import {catalogusVan, geenCel, type Catalogus, type RegioInfo} from "./story.js";

/** An indicator of the trends page and which dimension it has besides area and year. */
export interface TrendIndicator {
  id: string;
  /** Catalogue title with its unit in words (through the published table). */
  label: string;
  eenheid: string;
  dimensie: "branche" | "categorie" | null;
  /** Structural pattern, signal count (the page sets them side by side) or registered crime (public). */
  soort: "structuur" | "signaal" | "misdrijf";
  /** A fixed category of the table (the police's offence group), when there is no choice of it. */
  categorie?: string;
}

/**
 * The indicators of the page, by catalogue id; their names and units come from the catalogue
 * through the published tables (each carries its catalogue title and unit), not from this list.
 */
export const TREND_INDICATOREN: ReadonlyArray<Omit<TrendIndicator, "label" | "eenheid">> = [
  {id: "vestigingen-index", dimensie: "branche", soort: "structuur"},
  {id: "vestigingen", dimensie: "branche", soort: "structuur"},
  {id: "panden-leeg", dimensie: null, soort: "structuur"},
  {id: "panden-leeg-index", dimensie: null, soort: "structuur"},
  {id: "signalen-index", dimensie: null, soort: "signaal"},
  {id: "signalen-categorie", dimensie: "categorie", soort: "signaal"},
  {id: "signalen-categorie-per-1000", dimensie: "categorie", soort: "signaal"},
  // Public: the police's registered crime (47018NED, issue 16), all offence groups together.
  {id: "misdrijven-per-1000", dimensie: null, soort: "misdrijf", categorie: "totaal"}
];

/** The id of the trend of registered crime (the public story of the page). */
export const MISDRIJVEN_TREND = "misdrijven-per-1000";

/** An indicator of the page with the title and unit its published table carries. */
export function trendIndicator(d: TrendsData, id: string): TrendIndicator {
  const ind = TREND_INDICATOREN.find((i) => i.id === id) ?? TREND_INDICATOREN[0]!;
  const table = d.tabellen.get(ind.id)?.table;
  const eenheid = table?.eenheid ?? "";
  return {...ind, label: titelMetEenheid(table?.titel || ind.id, eenheid), eenheid};
}

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
  /**
   * "alle": one panel per area (regio and every gemeente) for the chosen branch or category;
   * an area code: one panel per branch or category of that area.
   */
  gebied: string;
}

/** The value of the `gebied` choice that shows one panel per area. */
export const ALLE_GEBIEDEN = "alle";

/** Indexes the bundle; `info` replaces regio.json's facts to show the gemeenten of one area only. */
export function trendsData(
  bundle: Bundle,
  regio: Bundle,
  catalogus: Bundle,
  info: RegioInfo = metadataOf(regio, REGIO)
): TrendsData {
  const branches = metadataOf(bundle, BRANCHES);
  const categorieen = catalogusVan(catalogus).signaalcategorieen ?? [];
  const tabellen = new Map<string, TableIndex>();
  for (const [name, part] of Object.entries(bundle.onderdelen))
    if (isTable(part)) tabellen.set(name, indexTable(tableOf(bundle, name)));
  const jaren = [...new Set([...tabellen.values()].flatMap((t) => t.jaren))].sort((a, b) => a - b);
  return {info, brancheNamen: branches.namen, categorieen, tabellen, jaren};
}

export function trendsDefaults(d: TrendsData): TrendsState {
  return {
    indicator: "vestigingen-index",
    branche: "risico",
    categorie: d.categorieen[0]?.id ?? "",
    gebied: ALLE_GEBIEDEN
  };
}

export function trendsKeuzes(d: TrendsData): {
  indicatoren: Keuze[];
  branches: Keuze[];
  categorieen: Keuze[];
  gebieden: Keuze[];
} {
  return {
    gebieden: [
      {value: ALLE_GEBIEDEN, label: "Alle gemeenten naast elkaar"},
      {value: d.info.regio.code, label: `${d.info.regio.naam}: per branche of soort`},
      ...d.info.gemeenten.map((g) => ({value: g.code, label: `${g.naam}: per branche of soort`}))
    ],
    indicatoren: TREND_INDICATOREN.filter((i) => d.tabellen.has(i.id)).map((i) => ({
      value: i.id,
      label: trendIndicator(d, i.id).label
    })),
    branches: Object.entries(d.brancheNamen).map(([value, label]) => ({value, label})),
    categorieen: d.categorieen.map((c) => ({value: c.id, label: c.naam}))
  };
}

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

/** Branch keys that are totals rather than branches: shown as panels, never ranked as "a branch". */
const TOTALEN = new Set(["risico", "alle", "alle-overig"]);

/** One panel of the small multiples: what it shows and its cells (their `gebiedcode` is the panel key). */
interface Paneel {
  key: string;
  naam: string;
  /** Taken into the sentences on the strongest rise (areas: gemeenten only; branches: no totals). */
  vergelijk: boolean;
  cells: Cell[];
}

const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * The small multiples of the chosen indicator: with `gebied` "alle" the regio and every gemeente
 * for the chosen branch or category; with an area code one panel per branch or category of that
 * area (an indicator without either shows that area next to the regio). Sentences name the
 * strongest and weakest first-to-last change and how many panels had too few published years.
 */
export function trendView(d: TrendsData, s: TrendsState) {
  const ind = trendIndicator(d, s.indicator);
  const regio = {code: d.info.regio.code, naam: d.info.regio.naam};
  const gebieden = [regio, ...d.info.gemeenten];
  const gekozen = gebieden.find((g) => g.code === s.gebied);
  const perDimensie = gekozen !== undefined && ind.dimensie !== null;
  const reeks = (gebied: string, branche: string | null, categorie: string | null, key: string) =>
    d.jaren.map((j) => ({...get(d, ind.id, gebied, branche, categorie, j), gebiedcode: key}));
  const brancheNaam = (b: string) => d.brancheNamen[b] ?? b;
  const categorieNaam = (c: string) => d.categorieen.find((x) => x.id === c)?.naam ?? c;
  let panelen: Paneel[];
  let wat: string;
  let enkelvoud: string;
  let meervoud: string;
  if (perDimensie && ind.dimensie === "branche") {
    panelen = Object.keys(d.brancheNamen).map((b) => ({
      key: b,
      naam: brancheNaam(b),
      vergelijk: !TOTALEN.has(b),
      cells: reeks(gekozen.code, b, null, b)
    }));
    wat = ` per branche in ${gekozen.naam}`;
    [enkelvoud, meervoud] = ["branche", "branches"];
  } else if (perDimensie && ind.dimensie === "categorie") {
    panelen = d.categorieen.map((c) => ({
      key: c.id,
      naam: c.naam,
      vergelijk: true,
      cells: reeks(gekozen.code, null, c.id, c.id)
    }));
    wat = ` per soort signaal in ${gekozen.naam}`;
    [enkelvoud, meervoud] = ["soort signaal", "soorten signalen"];
  } else {
    const branche = ind.dimensie === "branche" ? s.branche : null;
    const categorie = ind.categorie ?? (ind.dimensie === "categorie" ? s.categorie : null);
    const getoond = gekozen === undefined ? gebieden : gekozen === regio ? [regio] : [regio, gekozen];
    panelen = getoond.map((g) => ({
      key: g.code,
      naam: g.naam,
      vergelijk: g.code !== regio.code || gekozen !== undefined,
      cells: reeks(g.code, branche, categorie, g.code)
    }));
    wat =
      ind.dimensie === "branche"
        ? ` (${lower(brancheNaam(s.branche))})`
        : ind.dimensie === "categorie"
          ? ` (${lower(categorieNaam(s.categorie))})`
          : "";
    [enkelvoud, meervoud] = ["gebied", "gebieden"];
    if (getoond.length > 1 && gekozen === undefined) [enkelvoud, meervoud] = ["gemeente", "gemeenten"];
  }
  // Change from the first to the last published year of each compared panel.
  const vergeleken = panelen.filter((p) => p.vergelijk);
  const veranderingen = vergeleken
    .map((p) => {
      const pub = p.cells.filter(isPublished);
      const a = pub[0];
      const z = pub.at(-1);
      return a && z && a !== z && a.waarde !== 0
        ? {p, a, z, rel: (z.waarde - a.waarde) / Math.abs(a.waarde)}
        : null;
    })
    .filter((x): x is NonNullable<typeof x> => x !== null)
    .sort((x, y) => y.rel - x.rel || x.p.key.localeCompare(y.p.key));
  const zonder = vergeleken.length - veranderingen.length;
  const zinnen: string[] = [];
  const top = veranderingen[0];
  const bodem = veranderingen.at(-1);
  const fmt = (c: Cell & {waarde: number}) => `${formatWaarde(c.waarde, ind.eenheid)} in ${c.jaar}`;
  const naamVan = (p: Paneel) => (perDimensie ? lower(p.naam) : p.naam);
  const pct = (rel: number) =>
    `${rel > 0 ? "+" : rel < 0 ? "−" : ""}${formatWaarde(Math.abs(rel) * 100, "procent")}`;
  const wording = (rel: number, hoogste: boolean) =>
    hoogste
      ? rel > 0
        ? "Het sterkst gestegen"
        : rel === 0
          ? "Nergens gestegen; gelijk gebleven"
          : "Nergens gestegen; het minst gedaald"
      : rel < 0
        ? "Het sterkst gedaald"
        : "Het minst gestegen";
  if (!top && d.jaren.length === 1) {
    zinnen.push(
      `Een ontwikkeling vraagt om ten minste twee jaren; deze bronmap heeft alleen ${d.jaren[0]}. De figuur toont de cijfers van dat jaar.`
    );
  } else if (!top) {
    zinnen.push(
      `Voor geen enkele ${enkelvoud} is een ontwikkeling van ${lower(ind.label)}${wat} te tonen: te veel jaren zijn onderdrukt of ontbreken.`
    );
  } else if (!perDimensie && gekozen !== undefined) {
    // One area (and the regio): tell each series, no ranking.
    for (const v of veranderingen.sort(
      (x, y) => (x.p.key === regio.code ? 1 : 0) - (y.p.key === regio.code ? 1 : 0)
    ))
      zinnen.push(`${v.p.naam}${wat}: van ${fmt(v.a)} naar ${fmt(v.z)} (${pct(v.rel)}).`);
  } else {
    zinnen.push(
      `${wording(top.rel, true)}${wat}: ${naamVan(top.p)}, van ${fmt(top.a)} naar ${fmt(top.z)} (${pct(top.rel)}).` +
        (bodem && bodem !== top
          ? ` ${wording(bodem.rel, false)}: ${naamVan(bodem.p)}, van ${fmt(bodem.a)} naar ${fmt(bodem.z)} (${pct(bodem.rel)}).`
          : "")
    );
  }
  if (zonder > 0 && d.jaren.length > 1)
    zinnen.push(
      `Voor ${telwoord(zonder, enkelvoud, meervoud)} is geen ontwikkeling te tonen, omdat te weinig jaren gepubliceerd zijn (kleine aantallen worden onderdrukt).`
    );
  const title =
    top && (perDimensie || gekozen === undefined) && top.rel > 0
      ? `${ind.label}${wat}: het sterkst gestegen ${perDimensie ? `is ${lower(top.p.naam)}` : `in ${top.p.naam}`}`
      : gekozen !== undefined && !perDimensie
        ? `${ind.label}${wat} in ${gekozen.naam}${gekozen === regio ? "" : ` en ${regio.naam}`}`
        : `${ind.label}${wat}`;
  return {
    cells: panelen.flatMap((p) => p.cells),
    names: new Map(panelen.map((p) => [p.key, p.naam])),
    zinnen,
    title,
    indicator: ind,
    jaren: d.jaren,
    enkelvoud,
    meervoud,
    /** Panels per row on a wide screen: long panel names (branches, categories) need wider panels. */
    kolommen: Math.max(...panelen.map((p) => p.naam.length)) > 26 ? 2 : 3,
    /** Whether the branch and category choices matter for this view. */
    gebruiktBranche: !perDimensie && ind.dimensie === "branche",
    gebruiktCategorie: !perDimensie && ind.dimensie === "categorie"
  };
}

/** How an index moved since its base year, in words: "groeide met 117,0%", "daalde met 3,0%". */
function indexBeweging(waarde: number): string {
  if (waarde === 100) return "bleef gelijk";
  return `${waarde > 100 ? "groeide" : "daalde"} met ${formatWaarde(Math.abs(waarde - 100), "procent")}`;
}

/**
 * Structural patterns next to signal counts, for the region: the index of establishments in risk
 * branches, of vacant farm buildings and of signals (first year = 100), with sentences comparing
 * the last published value of each. A series whose values are all suppressed is said to be so.
 */
export function structuurSignalenView(d: TrendsData) {
  const r = d.info.regio.code;
  const reeksen = [
    {
      key: "structuur",
      tabel: "vestigingen-index",
      branche: "risico",
      naam: "Vestigingen risicobranches"
    },
    {key: "vab", tabel: "panden-leeg-index", branche: null, naam: "Leegstaande agr. gebouwen"},
    {key: "signalen", tabel: "signalen-index", branche: null, naam: "Signalen"}
  ].filter((x) => d.tabellen.has(x.tabel) || x.key !== "vab");
  const cellsVan = (x: (typeof reeksen)[number]) =>
    d.jaren.map((j) => ({...get(d, x.tabel, r, x.branche, null, j), gebiedcode: x.key}));
  const perReeks = new Map(reeksen.map((x) => [x.key, cellsVan(x)]));
  const names = new Map(reeksen.map((x) => [x.key, x.naam]));
  const laatste = (key: string) => (perReeks.get(key) ?? []).filter(isPublished).at(-1);
  const v = laatste("structuur");
  const s = laatste("signalen");
  const vab = laatste("vab");
  const eerste = d.jaren[0];
  const deel = (c: (Cell & {waarde: number}) | undefined, wat: string) =>
    c
      ? `${wat} ${indexBeweging(c.waarde)} (index ${formatWaarde(c.waarde, "index")} in ${c.jaar})`
      : `${wat} is niet te tonen (onderdrukt of geen gegevens)`;
  const zinnen = [
    `Sinds ${eerste}, in ${d.info.regio.naam}: ${deel(v, "het aantal vestigingen in risicobranches")}; ${deel(s, "het aantal signalen")}.`
  ];
  if (perReeks.has("vab"))
    zinnen.push(
      vab
        ? `In dezelfde periode ${indexBeweging(vab.waarde).replace(/^(\S+)/, "$1 het aantal leegstaande agrarische gebouwen")} (index ${formatWaarde(vab.waarde, "index")} in ${vab.jaar}).`
        : `${deel(vab, "Het aantal leegstaande agrarische gebouwen")}.`
    );
  // Compare only within one year: the last year in which both indexes are published.
  const gedeeld = (perReeks.get("structuur") ?? [])
    .filter(isPublished)
    .map((a) => ({a, b: (perReeks.get("signalen") ?? []).find((c) => c.jaar === a.jaar)}))
    .filter((x): x is {a: Cell & {waarde: number}; b: Cell & {waarde: number}} => isPublished(x.b))
    // The first year is 100 for both by definition: it compares nothing.
    .filter((x) => x.a.jaar !== eerste)
    .at(-1);
  if (!gedeeld && v && s)
    zinnen.push(
      "Een vergelijking tussen branches en signalen is niet mogelijk: er is na het eerste jaar geen jaar waarin beide cijfers gepubliceerd zijn."
    );
  if (gedeeld) {
    // Without the signal counts in this bundle there is no interval for the difference, so the
    // sentence states the two indexes and never calls the difference "duidelijk" (narrative.ts).
    const verschil = gedeeld.b.waarde - gedeeld.a.waarde;
    const rose = gedeeld.a.waarde > 100 || gedeeld.b.waarde > 100;
    zinnen.push(
      (verschil > 10 && gedeeld.b.waarde > 100
        ? `De signalen groeiden harder dan de branches zelf (index ${formatWaarde(gedeeld.b.waarde, "index")} tegen ${formatWaarde(gedeeld.a.waarde, "index")}). Dat kan op meer ondermijning wijzen, maar ook op beter melden en registreren: een signaal is geen bewijs.`
        : verschil < -10 && rose
          ? `De branches groeiden harder dan de signalen (index ${formatWaarde(gedeeld.a.waarde, "index")} tegen ${formatWaarde(gedeeld.b.waarde, "index")}): de gelegenheid nam sneller toe dan het aantal meldingen. Minder signalen per vestiging betekent niet dat er minder gebeurt; signalen hangen ook af van hoe goed er wordt gekeken en gemeld.`
          : Math.abs(verschil) <= 10
            ? "Branches en signalen ontwikkelden zich ongeveer gelijk op (minder dan tien indexpunten verschil). Ook dan geldt: een signaal is geen bewijs."
            : `Branches en signalen ontwikkelden zich verschillend (index ${formatWaarde(gedeeld.a.waarde, "index")} tegen ${formatWaarde(gedeeld.b.waarde, "index")}). Een signaal is geen bewijs.`) +
        (v && s && (v.jaar !== gedeeld.a.jaar || s.jaar !== gedeeld.a.jaar)
          ? ` Vergeleken in ${gedeeld.a.jaar}, het laatste jaar waarin beide cijfers gepubliceerd zijn.`
          : "")
    );
  }
  return {cells: [...perReeks.values()].flat(), names, zinnen, jaren: d.jaren};
}
