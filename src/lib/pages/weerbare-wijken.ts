/**
 * The Weerbare wijken page as pure functions: from the published bundles (weerbaarheid.json and its parts,
 * regio.json, catalogus.json and the area geometry) and the chosen view (gemeente, year, level)
 * to map, ranking and heat-table inputs and computed sentences. The index exists per buurt only,
 * for buurten with at least 50 inhabitants (a smaller buurt says so); a suppressed index says so
 * and is never estimated from its parts.
 */
import type {FeatureCollection, Geometry} from "geojson";
import type {Bundle, Cell} from "../contracts.js";
import {isTable, metadataOf, optionalMetadataOf} from "../contracts.js";
import {gebiedenVan, geometrieVan, type GebiedProps} from "../kaart.js";
import {
  COMPONENTEN,
  GEBIEDEN,
  JAREN,
  type Component,
  type JarenPart
} from "../../shared/contracts/onderdelen.js";
import {formatAantal, formatDecimaal, formatJaar, formatWaarde} from "../format.js";
import {areaName, isPublished, opsomming, telwoord} from "../narrative.js";
import {indexTable, type TableIndex} from "../query.js";
import type {Keuze} from "./common.js";
import {telOnderdrukking, type Onderdrukking} from "./common.js";
import {catalogusVan, namenVan, regioInfo, type Catalogus, type RegioInfo} from "./story.js";
import {bronnenVan} from "./bronnen.js";

// The area properties of the published TopoJSON and the index's components: their contracts.
export type {Component, GebiedProps, JarenPart};

/** The view of the page; every field is a URL parameter. */
export interface WijkenState {
  [key: string]: string;
  gemeente: string;
  jaar: string;
  niveau: string;
}

/** The page's data, indexed once. */
export interface WijkenData {
  info: RegioInfo;
  namen: Map<string, string>;
  catalogus: Catalogus;
  index: TableIndex;
  structureel: TableIndex;
  z: TableIndex;
  zSignalen: TableIndex;
  signalenPer1000: TableIndex;
  /** Inhabitants per area (the 50-inhabitant rule) and signals per area (whose rate a buurt takes). */
  inwoners: TableIndex;
  signalen: TableIndex;
  componenten: Component[];
  methode: string[];
  /** Per component and year the kerncijfers year it rests on (null: missing, with the reason). */
  componentJaren: Array<{component: string; jaar: number; bronjaar: number | null; reden: string | null}>;
  /** Wijk code -> gemeente code. */
  wijkGemeente: Map<string, string>;
  jaren: number[];
  laatsteJaar: number;
  /** Name of the area of the whole-area view ("de regio Voorbeeldregio", "Provincie Noorderwaard"). */
  gebiedNaam: string;
  /** The gemeenten of the area shown; null: every gemeente whose cells are in the bundle. */
  alleen: Set<string> | null;
  /** Index cells over all years of the whole region, by status (pipeline summary, `jaren` part). */
  indexTelling: Omit<Onderdrukking, "redenen"> | null;
  /** The pipeline's summary of the region's index and component years (`jaren` part). */
  jarenPart: JarenPart | null;
  /**
   * True when the bronmap has no signals of its own (public data only): the map shows the
   * structural index (kerncijfers alone) per buurt and registered crime per wijk instead.
   */
  zonderSignalen: boolean;
}

/** Options of {@link wijkenData}: the area of the view. */
export interface WijkenGebied {
  /** Name of the area for the whole-area view; default "de regio <naam>". */
  naam?: string;
  /** Only the cells of these gemeenten (and their wijken and buurten) are shown. */
  gemeenten?: readonly string[] | null;
}

/**
 * The published TopoJSON envelope as GeoJSON features, and the wijken or buurten of loaded files
 * (src/lib/kaart.ts, checked against their contract).
 */
export {gebiedenVan, geometrieVan};

const EMPTY_TABLE = {
  schemaVersion: 1 as const,
  id: "",
  titel: "",
  soort: "afgeleid" as const,
  eenheidSoort: null,
  eenheid: "",
  dimensies: [],
  cellen: []
};

/** Indexes the bundles; the features give names of buurten and wijken and the wijk of each gemeente. */
export function wijkenData(
  weerbaarheid: Bundle,
  regio: Bundle,
  catalogus: Bundle,
  gebieden: Array<FeatureCollection<Geometry, GebiedProps>> = [],
  gebied: WijkenGebied = {}
): WijkenData {
  const info = regioInfo(regio);
  const namen = namenVan(regio);
  const wijkGemeente = new Map<string, string>();
  for (const fc of gebieden) {
    for (const f of fc.features) {
      if (!namen.has(f.properties.code)) namen.set(f.properties.code, f.properties.naam);
      if (f.properties.code.startsWith("WK") && f.properties.bovenliggend)
        wijkGemeente.set(f.properties.code, f.properties.bovenliggend);
    }
  }
  // regio.json always has its area list (namenVan above reads it too).
  for (const g of metadataOf(regio, GEBIEDEN)) {
    if (g.niveau === "wijk" && g.bovenliggend) wijkGemeente.set(g.code, g.bovenliggend);
  }
  const t = (name: string) => {
    const part = weerbaarheid.onderdelen[name];
    return indexTable(isTable(part) ? part : {...EMPTY_TABLE, id: name});
  };
  // Without the part there is nothing to explain: the section says so.
  const meta = optionalMetadataOf(weerbaarheid, COMPONENTEN);
  const componenten: Component[] = meta?.componenten ?? [];
  const methode: string[] = meta?.methode ?? [];
  const componentJaren: WijkenData["componentJaren"] = meta?.jaren ?? [];
  const zonderSignalen = !bronnenVan(info).eigen.signalen;
  const index = zonderSignalen ? t("kwetsbaarheid-structureel") : t("kwetsbaarheidsindex");
  const jaren = [...info.jaren].sort((a, b) => a - b);
  const jarenPart: JarenPart | null = optionalMetadataOf(weerbaarheid, JAREN) ?? null;
  // Without buurt cells loaded (only the overview), the last year comes from the summary.
  const laatsteGepubliceerd = jarenPart?.index.length ? Math.max(...jarenPart.index) : NaN;
  return {
    info,
    namen,
    catalogus: catalogusVan(catalogus),
    index,
    structureel: t("kwetsbaarheid-structureel"),
    z: t("kwetsbaarheid-z"),
    zSignalen: t("kwetsbaarheid-z-signalen"),
    signalenPer1000: zonderSignalen ? t("misdrijven-per-1000") : t("signalen-per-1000"),
    inwoners: t("inwoners"),
    signalen: t("signalen"),
    componenten,
    methode,
    componentJaren,
    wijkGemeente,
    jaren,
    laatsteJaar: Number.isFinite(index.laatsteJaar)
      ? index.laatsteJaar
      : Number.isFinite(laatsteGepubliceerd)
        ? laatsteGepubliceerd
        : (jaren.at(-1) ?? NaN),
    gebiedNaam: gebied.naam ?? `de regio ${info.regio.naam}`,
    alleen: gebied.gemeenten ? new Set(gebied.gemeenten) : null,
    indexTelling: jarenPart?.telling ?? null,
    jarenPart,
    zonderSignalen
  };
}

/** The default view: the whole region, the last year with a published index, buurt level. */
export function wijkenDefaults(d: WijkenData): WijkenState {
  return {gemeente: d.info.regio.code, jaar: String(d.laatsteJaar), niveau: "buurt"};
}

/** The choices of the inputs. */
export function wijkenKeuzes(d: WijkenData): {gemeenten: Keuze[]; jaren: Keuze[]; niveaus: Keuze[]} {
  return {
    gemeenten: [
      {value: d.info.regio.code, label: `${d.info.regio.naam} (hele regio)`},
      ...d.info.gemeenten.map((g) => ({value: g.code, label: g.naam}))
    ],
    jaren: [...d.jaren].reverse().map((j) => ({value: String(j), label: formatJaar(j)})),
    niveaus: [
      {value: "buurt", label: "Buurten"},
      {value: "wijk", label: "Wijken"}
    ]
  };
}

const naam = (d: WijkenData, code: string) => areaName(code, d.namen);
const isRegio = (d: WijkenData, code: string) => code === d.info.regio.code;
function waar(d: WijkenData, code: string): string {
  return isRegio(d, code) ? d.gebiedNaam : naam(d, code);
}

/** The gemeente of a wijk or buurt cell (via its wijk); null when unknown. */
function gemeenteVan(d: WijkenData, cell: Pick<Cell, "gebiedniveau" | "bovenliggend">): string | null {
  if (cell.gebiedniveau === "wijk") return cell.bovenliggend;
  if (cell.gebiedniveau === "buurt" && cell.bovenliggend)
    return d.wijkGemeente.get(cell.bovenliggend) ?? null;
  return null;
}

/** True when an area (feature or cell) lies in the chosen gemeente (or the region is chosen). */
function inKeuze(d: WijkenData, gemeente: string, niveau: string, bovenliggend: string | null | undefined) {
  if (isRegio(d, gemeente) && d.alleen === null) return true;
  if (!bovenliggend) return false;
  const van = niveau === "wijk" ? bovenliggend : d.wijkGemeente.get(bovenliggend);
  return isRegio(d, gemeente) ? d.alleen!.has(van ?? "") : van === gemeente;
}

/** True when a cell of a wijk or buurt lies in the chosen gemeente or in the area of the view. */
function inGekozen(
  d: WijkenData,
  gemeente: string,
  cell: Pick<Cell, "gebiedniveau" | "bovenliggend">
): boolean {
  const van = gemeenteVan(d, cell);
  if (!isRegio(d, gemeente)) return van === gemeente;
  return d.alleen === null || d.alleen.has(van ?? "");
}

/** The index cells (buurt) or signal-rate cells (wijk) of the chosen gemeente and year. */
function kaartCellen(d: WijkenData, state: WijkenState): Cell[] {
  const jaar = Number(state.jaar);
  const table = state.niveau === "wijk" ? d.signalenPer1000 : d.index;
  const wijk = state.niveau === "wijk";
  const cellen = table
    .where({
      niveau: wijk ? "wijk" : "buurt",
      jaar,
      ...(wijk && d.zonderSignalen ? {categorie: "totaal"} : {})
    })
    .filter((c) => inGekozen(d, state.gemeente, c));
  // A buurt too small for an index says so, instead of the generic "no data".
  return wijk ? cellen : cellen.map((c) => (teKlein(d, c) ? {...c, reden: TE_KLEIN} : c));
}

/** Buurten with fewer inhabitants get no index (the pipeline's MIN_INWONERS_INDEX). */
export const MIN_INWONERS = 50;

const TE_KLEIN = `minder dan ${MIN_INWONERS} inwoners: te klein voor een index`;

/** True when a buurt's index cell has no value because the buurt has fewer than 50 inhabitants. */
function teKlein(d: WijkenData, c: Cell): boolean {
  if (c.waarde !== null) return false;
  const inw = d.inwoners.get({gebied: c.gebiedcode, jaar: c.jaar})?.waarde;
  return inw !== null && inw !== undefined && inw < MIN_INWONERS;
}

const sorteerHoog = (a: Cell, b: Cell) =>
  (b.waarde as number) - (a.waarde as number) || a.gebiedcode.localeCompare(b.gebiedcode);

/** The map: areas of the chosen gemeente at the chosen level, with their cells. */
export interface KaartView {
  areas: FeatureCollection<Geometry, {code: string; naam: string}>;
  values: Map<string, Cell>;
  eenheid: string;
  title: string;
  subtitle: string;
  legendLabel: string;
  enkelvoud: string;
  meervoud: string;
  /** True when at least one area has a published value. */
  heeftWaarden: boolean;
}

/** The choropleth of the index per buurt, or of signals per 1.000 inhabitants per wijk. */
export function kaartView(
  d: WijkenData,
  state: WijkenState,
  buurten: FeatureCollection<Geometry, GebiedProps>,
  wijken: FeatureCollection<Geometry, GebiedProps>
): KaartView {
  const wijk = state.niveau === "wijk";
  const jaar = Number(state.jaar);
  const fc = wijk ? wijken : buurten;
  const features = fc.features.filter((f) =>
    inKeuze(d, state.gemeente, state.niveau, f.properties.bovenliggend)
  );
  const cellen = kaartCellen(d, state);
  const values = new Map(cellen.map((c) => [c.gebiedcode, c]));
  const published = cellen.filter(isPublished).sort(sorteerHoog);
  const [enkelvoud, meervoud] = wijk ? ["wijk", "wijken"] : ["buurt", "buurten"];
  const top = published[0];
  const w = woorden(d);
  const title = wijk
    ? top
      ? `${w.wijkMaat} per wijk in ${waar(d, state.gemeente)}, ${jaar}: het hoogst in ${naam(d, top.gebiedcode)} (${formatWaarde(top.waarde, "per-1000")})`
      : `${w.wijkMaat} per wijk in ${waar(d, state.gemeente)}, ${jaar}: geen wijk met een gepubliceerde waarde`
    : top
      ? `${w.Index} per buurt in ${waar(d, state.gemeente)}, ${jaar}: het hoogst in ${naam(d, top.gebiedcode)} (${formatWaarde(top.waarde, "index")})`
      : `${w.Index} per buurt in ${waar(d, state.gemeente)}, ${jaar}: voor geen enkele buurt gepubliceerd`;
  return {
    areas: {
      type: "FeatureCollection",
      features: features.map((f) => ({...f, properties: {code: f.properties.code, naam: f.properties.naam}}))
    },
    values,
    eenheid: wijk ? "per-1000" : "index",
    title,
    subtitle: wijk
      ? d.zonderSignalen
        ? "De index wordt alleen per buurt berekend. Per wijk tonen we de door de politie geregistreerde misdrijven per 1.000 inwoners (openbare cijfers); signalen vragen om de eigen registratie van de gemeente."
        : "De kwetsbaarheidsindex wordt alleen per buurt berekend. Per wijk tonen we het signalencomponent: signalen per 1.000 inwoners."
      : `0 is de middelste buurt van de regio; hoger is kwetsbaarder.${d.zonderSignalen ? " Alleen CBS-kerncijfers: zonder de eigen signalen van de gemeente is dit de structurele index." : ""} Gearceerde buurten hebben geen index: onderdrukt, te weinig kerncijfers, of minder dan ${MIN_INWONERS} inwoners (de tabel zegt welke).`,
    legendLabel: wijk ? w.wijkMaat.toLowerCase() : w.index.replace(/^de /, ""),
    enkelvoud,
    meervoud,
    heeftWaarden: published.length > 0
  };
}

/** The ranking: the most and least vulnerable areas of the chosen gemeente. */
export interface RanglijstView {
  items: Array<{code: string; naam: string; cell: Cell}>;
  title: string;
  subtitle: string;
  eenheid: string;
  xLabel: string;
}

/** The top and bottom `n` areas with a published value (all of them when there are few). */
export function ranglijstView(d: WijkenData, state: WijkenState, n = 5): RanglijstView {
  const wijk = state.niveau === "wijk";
  const jaar = Number(state.jaar);
  const cellen = kaartCellen(d, state);
  const published = cellen.filter(isPublished).sort(sorteerHoog);
  const gekozen = published.length <= 2 * n ? published : [...published.slice(0, n), ...published.slice(-n)];
  const soort = wijk ? "wijken" : "buurten";
  const title =
    published.length === 0
      ? `Geen ${soort} met een gepubliceerde waarde in ${waar(d, state.gemeente)}, ${jaar}`
      : published.length <= 2 * n
        ? `Alle ${published.length} ${soort} met een gepubliceerde waarde in ${waar(d, state.gemeente)}, ${jaar}`
        : `De ${n} hoogst en ${n} laagst scorende ${soort} in ${waar(d, state.gemeente)}, ${jaar}`;
  const onderdrukt = cellen.filter((c) => c.status === "onderdrukt").length;
  return {
    items: gekozen.map((c) => ({code: c.gebiedcode, naam: naam(d, c.gebiedcode), cell: c})),
    title,
    subtitle: `${wijk ? woorden(d).wijkMaat : woorden(d).Index.replace(/^De s/, "S").replace(/^De k/, "K")}; ${telwoord(onderdrukt, wijk ? "wijk" : "buurt", soort)} met een onderdrukte waarde ${onderdrukt === 1 ? "staat" : "staan"} niet in deze ranglijst, wel op de kaart (gearceerd).`,
    eenheid: wijk ? "per-1000" : "index",
    xLabel: wijk
      ? woorden(d).wijkMaat.toLowerCase()
      : `${woorden(d).index.replace(/^de /, "")} (0 = middelste buurt van de regio)`
  };
}

/** The computed sentences above the map. */
export function kernzinnen(d: WijkenData, state: WijkenState): string[] {
  const jaar = Number(state.jaar);
  const buurtState = {...state, niveau: "buurt"};
  const cellen = kaartCellen(d, buurtState);
  const telling = telOnderdrukking(cellen);
  const published = cellen.filter(isPublished).sort(sorteerHoog);
  const plaats = waar(d, state.gemeente);
  const zinnen: string[] = [];
  if (published.length === 0 && d.zonderSignalen) {
    zinnen.push(
      `In ${jaar} is de structurele index voor geen enkele buurt in ${plaats} te tonen: de kerncijfers van de buurten ontbreken of het CBS houdt ze geheim.`
    );
  } else if (published.length === 0) {
    zinnen.push(
      `In ${jaar} is de kwetsbaarheidsindex voor geen enkele buurt in ${plaats} te tonen: de signalen waarop de index mede rust, zijn onderdrukt of ontbreken.`
    );
    const structureel = d.structureel
      .where({niveau: "buurt", jaar})
      .filter((c) => inGekozen(d, state.gemeente, c))
      .filter(isPublished)
      .sort(sorteerHoog);
    if (structureel.length > 0) {
      const top = structureel.slice(0, 3);
      zinnen.push(
        `De structurele index (alleen kerncijfers, zonder signalen) is wel bekend: het hoogst in ${opsomming(top.map((c) => `${naam(d, c.gebiedcode)} (${formatWaarde(c.waarde, "index")})`))}.`
      );
    }
  } else {
    const top = published.slice(0, Math.min(3, published.length));
    zinnen.push(
      `In ${plaats} ${top.length === 1 ? "scoort" : "scoren"} ${opsomming(top.map((c) => `${naam(d, c.gebiedcode)} (${formatWaarde(c.waarde, "index")})`))} in ${jaar} het kwetsbaarst op ${d.zonderSignalen ? "de structurele index (alleen CBS-kerncijfers; de signalen van de gemeente ontbreken in deze bronmap)" : "de index"}.`
    );
  }
  const klein = cellen.filter((c) => teKlein(d, c)).length;
  zinnen.push(onderdruktZin({...telling, geenGegevens: telling.geenGegevens - klein}, jaar, klein));
  // Buurten with an index whose own signal count is not published take their wijk's rate.
  if (!d.zonderSignalen) {
    const vanWijk = published.filter(
      (c) => d.signalen.get({gebied: c.gebiedcode, jaar})?.waarde == null
    ).length;
    if (vanWijk > 0)
      zinnen.push(
        `Bij ${telwoord(vanWijk, "buurt", "buurten")} met een index is het eigen aantal signalen te klein om te publiceren; hun signalencomponent rust op het signalentempo van hun wijk (of gemeente).`
      );
  }
  return zinnen;
}

/** Words of the map and ranking: the full index, or the structural one without own signals. */
function woorden(d: WijkenData): {index: string; Index: string; wijkMaat: string} {
  return d.zonderSignalen
    ? {
        index: "de structurele index",
        Index: "De structurele index",
        wijkMaat: "Geregistreerde misdrijven per 1.000 inwoners"
      }
    : {
        index: "de kwetsbaarheidsindex",
        Index: "De kwetsbaarheidsindex",
        wijkMaat: "Signalen per 1.000 inwoners"
      };
}

/** "Van de 300 buurten hebben er 276 een gepubliceerde index; 24 hebben minder dan 50 inwoners ...". */
function onderdruktZin(t: Onderdrukking, jaar: number, klein = 0): string {
  const delen = [
    `Van de ${telwoord(t.totaal, "buurt", "buurten")} ${t.gepubliceerd === 1 ? "heeft" : "hebben"} er ${t.gepubliceerd} in ${jaar} een gepubliceerde index`
  ];
  if (klein > 0)
    delen.push(
      `${klein} ${klein === 1 ? "heeft" : "hebben"} minder dan ${MIN_INWONERS} inwoners: te klein voor een index`
    );
  if (t.onderdrukt > 0)
    delen.push(
      `voor ${t.onderdrukt} is de index onderdrukt, omdat de signalen waarop hij rust niet te publiceren zijn; hun structurele index blijft zichtbaar in de componententabel`
    );
  if (t.geenGegevens > 0) delen.push(`voor ${t.geenGegevens} zijn geen gegevens`);
  return `${delen.join("; ")}.`;
}

/** The heat table of components by buurt. */
export interface ComponentenView {
  zJaar: number | null;
  rows: Array<{key: string; label: string}>;
  columns: Array<{key: string; label: string}>;
  cell(row: string, column: string): Cell | undefined;
  title: string;
  subtitle: string;
  zin: string;
}

const SIGNALEN = "signalen";
const STRUCTUREEL = "_structureel";

/**
 * The standardised components side by side for the buurten of the chosen gemeente (for the whole
 * region: the `maxRows` buurten with the highest index), in the year the components exist.
 */
export function componentenView(d: WijkenData, state: WijkenState, maxRows?: number): ComponentenView {
  const jaar = Number(state.jaar);
  const zJaren = d.z.jaren.length > 0 ? d.z.jaren : (d.jarenPart?.componenten ?? []);
  const zJaar = zJaren.includes(jaar) ? jaar : (zJaren.at(-1) ?? null);
  const columns = [
    // Without own signals the signal component has no values: no empty column.
    ...d.componenten
      .filter((c) => !(d.zonderSignalen && c.bron === SIGNALEN))
      .map((c) => ({key: c.id, label: c.naam})),
    {key: STRUCTUREEL, label: "Structurele index"}
  ];
  const empty: ComponentenView = {
    zJaar,
    rows: [],
    columns,
    cell: () => undefined,
    title: "Geen gestandaardiseerde componenten gepubliceerd",
    subtitle: "",
    zin: "Voor deze bronmap zijn geen gestandaardiseerde componenten per buurt gepubliceerd."
  };
  if (zJaar === null) return empty;
  const indexCellen = kaartCellen(d, {...state, niveau: "buurt", jaar: String(zJaar)});
  const structureel = new Map(
    d.structureel.where({niveau: "buurt", jaar: zJaar}).map((c) => [c.gebiedcode, c.waarde ?? -Infinity])
  );
  // Published index first (highest first), then the rest by their structural index.
  const ordered = [...indexCellen].sort((a, b) => {
    const pa = isPublished(a) ? 1 : 0;
    const pb = isPublished(b) ? 1 : 0;
    if (pa !== pb) return pb - pa;
    if (pa === 1) return sorteerHoog(a, b);
    return (
      (structureel.get(b.gebiedcode) ?? -Infinity) - (structureel.get(a.gebiedcode) ?? -Infinity) ||
      a.gebiedcode.localeCompare(b.gebiedcode)
    );
  });
  const shown = ordered.slice(0, maxRows ?? (isRegio(d, state.gemeente) ? 20 : 60));
  const rows = shown.map((c) => ({key: c.gebiedcode, label: naam(d, c.gebiedcode)}));
  const cell = (row: string, column: string) =>
    column === SIGNALEN
      ? d.zSignalen.get({gebied: row, jaar: zJaar})
      : column === STRUCTUREEL
        ? d.structureel.get({gebied: row, jaar: zJaar})
        : d.z.get({gebied: row, categorie: column, jaar: zJaar});
  // Which components weigh most in the first buurt shown.
  let zin = "";
  const eerste = rows[0];
  if (eerste) {
    const hoog = columns
      .filter((col) => col.key !== STRUCTUREEL)
      .map((col) => ({col, c: cell(eerste.key, col.key)}))
      .filter((x): x is {col: (typeof columns)[number]; c: Cell & {waarde: number}} => isPublished(x.c))
      .sort((a, b) => b.c.waarde - a.c.waarde)
      .slice(0, 2)
      .filter((x) => x.c.waarde > 0);
    zin =
      hoog.length > 0
        ? `In ${eerste.label}, bovenaan in de tabel, liggen ${opsomming(hoog.map((x) => `${x.col.label} (z = ${formatDecimaal(x.c.waarde, 2)})`))} het verst boven de middelste buurt van de regio.`
        : `In ${eerste.label}, bovenaan in de tabel, ligt geen enkel gepubliceerd component boven de middelste buurt van de regio.`;
  }
  const ontbreekt = cellenTelling(d, zJaar);
  return {
    zJaar,
    rows,
    columns,
    cell,
    title: `Componenten per buurt in ${waar(d, state.gemeente)}, ${zJaar}${rows.length < ordered.length ? ` (${rows.length} van ${ordered.length} buurten)` : ""}`,
    subtitle: `Robuuste z-scores (0 = de middelste buurt van de regio; hoger = kwetsbaarder, ook voor inkomen en WOZ-waarde). ${zJaar !== jaar ? `De componenten zijn alleen gepubliceerd voor ${opsomming(zJaren.map(String))}; daarom staat hier ${zJaar}. ` : ""}${bronjaarZin(d, zJaar)}${ontbreekt}`,
    zin
  };
}

/**
 * Which year of the kerncijfers the components of a year rest on, in words: the components that
 * use an earlier year (CBS publishes income and care later) and the ones that are missing.
 */
export function bronjaarZin(d: WijkenData, jaar: number): string {
  const ditJaar = d.componentJaren.filter((c) => c.jaar === jaar);
  const naamVan = (id: string) =>
    (d.componenten.find((c) => c.id === id)?.naam ?? id).toLocaleLowerCase("nl");
  const eerder = new Map<number, string[]>();
  for (const c of ditJaar)
    if (c.bronjaar !== null && c.bronjaar !== jaar)
      eerder.set(c.bronjaar, [...(eerder.get(c.bronjaar) ?? []), naamVan(c.component)]);
  const delen = [...eerder]
    .sort((a, b) => b[0] - a[0])
    .map(
      ([bron, namen]) =>
        `${opsomming(namen)} ${namen.length === 1 ? "rust" : "rusten"} op ${bron}, het laatste jaar met cijfers`
    );
  const weg = ditJaar.filter((c) => c.bronjaar === null).map((c) => `${naamVan(c.component)} (${c.reden})`);
  const zinnen: string[] = [];
  if (delen.length) zinnen.push(`${delen.join("; ")}.`.replace(/^./, (x) => x.toLocaleUpperCase("nl")));
  if (weg.length) zinnen.push(`Ontbreekt in ${jaar}: ${opsomming(weg)}.`);
  return zinnen.length ? `${zinnen.join(" ")} ` : "";
}

/** How many component values are missing or suppressed in a year, in words. */
function cellenTelling(d: WijkenData, zJaar: number): string {
  const t = telOnderdrukking(d.z.where({jaar: zJaar}));
  if (t.totaal === 0) return "";
  return `Van de ${telwoord(t.totaal, "kerncijferwaarde", "kerncijferwaarden")} ontbreken er ${t.geenGegevens + t.onderdrukt}: het CBS houdt kerncijfers van kleine buurten geheim, en die blijven hier leeg.`;
}

/** One row of the method table. */
export interface MethodeRij {
  naam: string;
  richting: string;
  gewicht: string;
  waarom: string;
}

/** The components as rows of the method table, plus the method steps in words. */
export function methodeView(d: WijkenData): {rijen: MethodeRij[]; stappen: string[]; totaalGewicht: number} {
  return {
    rijen: d.componenten.map((c) => ({
      naam: c.naam,
      richting: c.teken >= 0 ? "hoger = kwetsbaarder" : "lager = kwetsbaarder",
      gewicht: formatDecimaal(c.gewicht, Number.isInteger(c.gewicht) ? 0 : 1),
      waarom: c.waarom
    })),
    stappen: d.methode,
    totaalGewicht: d.componenten.reduce((s, c) => s + c.gewicht, 0)
  };
}

/** Computed sentences of "Wat de index niet zegt": suppression over the years. */
export function nietZeggenZinnen(d: WijkenData): string[] {
  const zinnen: string[] = [];
  // The whole region over all years: the pipeline's summary when the page has loaded one area and year.
  const t = d.indexTelling ?? telOnderdrukking(d.index.table.cellen);
  if (t.totaal > 0) {
    zinnen.push(
      `Over alle jaren samen is de index voor ${formatAantal(t.onderdrukt)} van de ${formatAantal(t.totaal)} buurtjaren onderdrukt en voor ${formatAantal(t.geenGegevens)} niet te berekenen (te weinig kerncijfers bekend, of minder dan ${MIN_INWONERS} inwoners).`
    );
  }
  const leeg = d.jarenPart
    ? d.jarenPart.indexAlle.filter((j) => !d.jarenPart!.index.includes(j))
    : d.index.jaren.filter((j) => d.index.where({jaar: j}).every((c) => !isPublished(c)));
  if (leeg.length > 0) {
    zinnen.push(
      `In ${opsomming(leeg.map(String))} is de index voor geen enkele buurt te tonen, omdat de signalen waarop hij mede rust onderdrukt zijn; kies een ander jaar, of kijk naar de structurele index in de componententabel.`
    );
  }
  return zinnen;
}
