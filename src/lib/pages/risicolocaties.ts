/**
 * The Risicolocaties page as pure functions: from the published bundles (risicolocaties.json,
 * regio.json, catalogus.json) and the chosen view (gemeente, year, signal category, measures)
 * to chart inputs and computed sentences. Every sentence rests on published cells only; a
 * suppressed value says so and is never estimated.
 */
import type {Feature, FeatureCollection, Geometry} from "geojson";
import {feature} from "topojson-client";
import type {GeometryCollection, Topology} from "topojson-specification";
import type {Bundle, Cell, Table} from "../contracts.js";
import {isTable, optionalMetadataOf} from "../contracts.js";
import {BEDRIJVENTERREINEN} from "../../shared/contracts/onderdelen.js";
import {titelMetEenheid} from "../texts.js";
import {formatAantal, formatDecimaal, formatJaar, formatWaarde} from "../format.js";
import {
  areaName,
  changeSentence,
  comparisonSentence,
  isPublished,
  redenWoorden,
  telwoord,
  type TellingenVergelijking
} from "../narrative.js";
import {indexTable, type Gebied, type TableIndex} from "../query.js";
import type {Telling} from "../statistiek.js";
import type {Keuze} from "./common.js";
import {deelProcent, redenenZin, telOnderdrukking, type Onderdrukking} from "./common.js";
import {
  catalogusVan,
  definitie,
  figuurLabel,
  geenCel,
  namenVan,
  regioInfo,
  type Catalogus,
  type RegioInfo
} from "./story.js";

/**
 * Densities per km² in sentences are small numbers (0,66 establishments per km² buitengebied),
 * formatted with two decimals below 10 and one above (the cards take the catalogue's "per-km2",
 * which formats the same below 100).
 */
export const DICHTHEID = "index";

/**
 * The measures of the vacant agrarian buildings (VAB) chart, by catalogue id: their names and
 * units come from the catalogue (`maatKeuzes`, `maatVan`), not from this list.
 */
export const VAB_MATEN = [
  {value: "panden-leeg"},
  {value: "panden-leeg-aandeel"},
  {value: "panden-leeg-m2"},
  {value: "panden-leeg-index"}
] as const;

/**
 * The measures of the bedrijventerreinen ranking and map, by catalogue id, with the branch of
 * the table and the phrase the sentences use ("het aandeel risicobranches is het hoogst op ...").
 */
export const BT_MATEN = [
  {value: "bt-risico-aandeel", zin: "het aandeel risicobranches", branche: "risico"},
  {value: "bt-vestigingen", zin: "het aantal vestigingen", branche: "alle"},
  {value: "bt-verloop", zin: "het verloop (starts en stops per 100 vestigingen)", branche: "alle"},
  {value: "bt-signalen", zin: "het aantal signalen", branche: null},
  {value: "bt-signalen-per-ha", zin: "het aantal signalen per hectare", branche: null}
] as const;

/** A measure as the page shows it: name and unit from the catalogue, the table's own as fallback. */
export interface Maat {
  id: string;
  titel: string;
  eenheid: string;
  /** "Aandeel risicobranches op bedrijventerreinen (procent)": for menus and axes. */
  label: string;
}

/** Name and unit of a table id from the catalogue (or from the published table when absent). */
export function maatVan(d: Pick<LocatiesData, "catalogus" | "tabellen">, id: string): Maat {
  const ind = d.catalogus.indicatoren.find((i) => i.id === id);
  const table = d.tabellen.get(id)?.table;
  const titel = ind?.titel ?? table?.titel ?? id;
  const eenheid = ind?.eenheid ?? table?.eenheid ?? "";
  return {id, titel, eenheid, label: titelMetEenheid(titel, eenheid)};
}

/** Menu choices of a list of measures, named from the catalogue. */
export function maatKeuzes(
  d: Pick<LocatiesData, "catalogus" | "tabellen">,
  maten: ReadonlyArray<{value: string}>
): Keuze[] {
  return maten.map((m) => ({value: m.value, label: maatVan(d, m.value).label}));
}

/** The view of the page; every field is a URL parameter. */
export interface LocatiesState {
  [key: string]: string;
  gemeente: string;
  jaar: string;
  categorie: string;
  vab: string;
  bt: string;
}

/** The page's data, indexed once. */
export interface LocatiesData {
  info: RegioInfo;
  namen: Map<string, string>;
  catalogus: Catalogus;
  tabellen: Map<string, TableIndex>;
  terreinen: Gebied[];
  categorieen: Keuze[];
  jaren: number[];
  laatsteJaar: number;
}

/** Indexes the bundles of the page. */
export function locatiesData(
  locaties: Bundle,
  regio: Bundle,
  catalogus: Bundle,
  info: RegioInfo = regioInfo(regio)
): LocatiesData {
  const namen = namenVan(regio);
  const cat = catalogusVan(catalogus);
  const tabellen = new Map<string, TableIndex>();
  for (const [name, part] of Object.entries(locaties.onderdelen)) {
    if (isTable(part)) tabellen.set(name, indexTable(part));
  }
  let terreinen: Gebied[] = optionalMetadataOf(locaties, BEDRIJVENTERREINEN) ?? [];
  // Only the bedrijventerreinen of the gemeenten shown (their names come with their block's part).
  const gemeenteCodes = new Set(info.gemeenten.map((g) => g.code));
  terreinen = terreinen.filter((t) => gemeenteCodes.has(t.bovenliggend ?? ""));
  for (const t of terreinen) namen.set(t.code, t.naam);
  const catNamen = new Map((cat.signaalcategorieen ?? []).map((c) => [c.id, c.naam]));
  const inTabel = new Set(
    (tabellen.get("signalen-buitengebied")?.table.cellen ?? [])
      .map((c) => c.categorie)
      .filter((c): c is string => c !== null)
  );
  const categorieen: Keuze[] = [
    ...[...catNamen.keys()].filter((id) => inTabel.has(id)),
    ...[...inTabel].filter((id) => !catNamen.has(id))
  ].map((id) => ({value: id, label: catNamen.get(id) ?? id}));
  const jaren = [...info.jaren].sort((a, b) => a - b);
  const laatsteJaar = tabellen.get("risico-aandeel-buitengebied")?.laatsteJaar ?? jaren.at(-1) ?? NaN;
  return {info, namen, catalogus: cat, tabellen, terreinen, categorieen, jaren, laatsteJaar};
}

/** The default view: the region, the last year with values, the first category. */
export function locatiesDefaults(d: LocatiesData): LocatiesState {
  return {
    gemeente: d.info.regio.code,
    jaar: String(d.laatsteJaar),
    categorie: d.categorieen[0]?.value ?? "",
    vab: VAB_MATEN[0].value,
    bt: BT_MATEN[0].value
  };
}

/** The choices of the inputs. */
export function locatiesKeuzes(d: LocatiesData): {gemeenten: Keuze[]; jaren: Keuze[]; categorieen: Keuze[]} {
  return {
    gemeenten: [
      {value: d.info.regio.code, label: `${d.info.regio.naam} (hele regio)`},
      ...d.info.gemeenten.map((g) => ({value: g.code, label: g.naam}))
    ],
    jaren: [...d.jaren].reverse().map((j) => ({value: String(j), label: formatJaar(j)})),
    categorieen: d.categorieen
  };
}

const EMPTY: Table = {
  schemaVersion: 1,
  id: "",
  titel: "",
  soort: "afgeleid",
  eenheidSoort: null,
  eenheid: "",
  dimensies: [],
  cellen: []
};

function tabel(d: LocatiesData, name: string): TableIndex {
  return d.tabellen.get(name) ?? indexTable({...EMPTY, id: name});
}

/**
 * A key-figure card: its name and unit come from the catalogue through the published table
 * (`figuurLabel`); the branch is named only where the table holds more than one. Categories are
 * not named: the signals section names the chosen one above its cards.
 */
function kaartje(d: LocatiesData, id: string, cell: Cell, branche: string | null = null): Kaartje {
  const {label, eenheid} = figuurLabel(
    tabel(d, id).table,
    id,
    {branche},
    {branches: {risico: "risicobranches"}}
  );
  return {label, cell, eenheid};
}

/** The cell of a table for an area, branch/category and year; a "geen-data" cell when absent. */
/**
 * The published counts behind a share of a gemeente and of the region, for judging whether their
 * difference is larger than chance (narrative.ts): risk-branch establishments of all
 * establishments in the buitengebied, or vacant of all agrarian buildings. A suppressed count
 * gives null, and so no judgement.
 */
function aandeelTellingen(
  d: LocatiesData,
  soort: "vestigingen-buitengebied" | "panden",
  g: string,
  jaar: number
): TellingenVergelijking {
  const telling = (gebied: string): Telling | null => {
    const [teller, noemer] =
      soort === "panden"
        ? [cel(d, "panden-leeg", gebied, jaar), cel(d, "panden-agrarisch", gebied, jaar)]
        : [
            cel(d, "vestigingen-buitengebied", gebied, jaar, {branche: "risico"}),
            cel(d, "vestigingen-buitengebied", gebied, jaar, {branche: "alle"})
          ];
    return isPublished(teller) && isPublished(noemer) ? {teller: teller.waarde, noemer: noemer.waarde} : null;
  };
  return {
    eigen: telling(g),
    referentie: telling(d.info.regio.code),
    soort: "aandeel",
    referentieBevatEigen: true
  };
}

function cel(
  d: LocatiesData,
  name: string,
  gebied: string,
  jaar: number,
  extra: {branche?: string | null; categorie?: string | null} = {}
): Cell {
  return tabel(d, name).get({gebied, jaar, ...extra}) ?? geenCel(gebied, jaar);
}

const naam = (d: LocatiesData, code: string) => areaName(code, d.namen);
const isRegio = (d: LocatiesData, code: string) => code === d.info.regio.code;
const gemeenteCodes = (d: LocatiesData) => d.info.gemeenten.map((g) => g.code);

/** "in de regio Voorbeeldregio" or "in Nesselzijl". */
function inGebied(d: LocatiesData, code: string): string {
  return isRegio(d, code) ? `in de regio ${d.info.regio.naam}` : `in ${naam(d, code)}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A key figure: label, cell and unit (for the keyFigures component). */
export interface Kaartje {
  label: string;
  cell: Cell;
  eenheid: string;
  toelichting?: string;
}

/** Items and options of a ranking chart. */
export interface Ranglijst {
  items: Array<{code: string; naam: string; cell: Cell}>;
  reference: {waarde: number; label: string} | null;
  highlight: string[];
  title: string;
  subtitle: string;
  eenheid: string;
  xLabel: string;
}

/**
 * The ranking of the gemeenten on table `id` (cells chosen by `extra`) in `jaar`: the regio as the
 * reference line when published, gemeente `g` highlighted (none when `g` is the regio), the
 * finding as title and the catalogue's definition as subtitle. `wat` names the measure in the title.
 */
function gemeenteRanglijst(
  d: LocatiesData,
  g: string,
  jaar: number,
  id: string,
  extra: {branche?: string | null; categorie?: string | null},
  tekst: {wat: string; eenheid: string; xLabel: string}
): Ranglijst {
  const items = gemeenteCodes(d).map((code) => ({
    code,
    naam: naam(d, code),
    cell: cel(d, id, code, jaar, extra)
  }));
  const regio = cel(d, id, d.info.regio.code, jaar, extra);
  return {
    items,
    reference: isPublished(regio) ? {waarde: regio.waarde, label: "Regio"} : null,
    highlight: isRegio(d, g) ? [] : [g],
    title: hoogsteTitel(items, tekst.wat, tekst.eenheid, jaar),
    subtitle: definitie(d.catalogus, id),
    eenheid: tekst.eenheid,
    xLabel: tekst.xLabel
  };
}

/** Title of a ranking: which area is highest, or that nothing can be ranked. */
function hoogsteTitel(
  cells: Array<{naam: string; cell: Cell}>,
  wat: string,
  eenheid: string,
  jaar: number
): string {
  const published = cells
    .filter((c) => isPublished(c.cell))
    .sort((a, b) => (b.cell.waarde as number) - (a.cell.waarde as number) || a.naam.localeCompare(b.naam));
  if (published.length === 0) return `${capitalize(wat)} in ${jaar}: geen gepubliceerde waarden`;
  const top = published[0]!;
  if (published.length > 1 && top.cell.waarde === published.at(-1)!.cell.waarde)
    return `${capitalize(wat)} is in ${jaar} overal gelijk (${formatWaarde(top.cell.waarde, eenheid)}) waar het gepubliceerd is`;
  if (published.length === 1)
    return `Alleen ${top.naam} heeft een gepubliceerde waarde voor ${wat} in ${jaar}`;
  return `${top.naam} heeft in ${jaar} het hoogste ${wat} (${formatWaarde(top.cell.waarde, eenheid)})`;
}

/** "buitengebied 18,9% tegen kernen 24,7%" relation in words, or why there is none. */
function buitenTegenKern(
  buiten: Cell,
  kern: Cell,
  eenheid: string,
  verschilEenheid: "procentpunt" | "keer"
): string {
  if (!isPublished(buiten) || !isPublished(kern)) return "";
  if (verschilEenheid === "procentpunt") {
    const verschil = buiten.waarde - kern.waarde;
    if (Math.abs(verschil) < 0.5) return "ongeveer even hoog";
    return `${formatDecimaal(Math.abs(verschil), 1)} procentpunt ${verschil > 0 ? "hoger" : "lager"} dan in de kernen`;
  }
  if (buiten.waarde === 0 || kern.waarde === 0) return "";
  const factor = kern.waarde / buiten.waarde;
  return factor >= 1
    ? `in de kernen ${formatDecimaal(factor, 1)} keer zo hoog als in het buitengebied`
    : `in het buitengebied ${formatDecimaal(1 / factor, 1)} keer zo hoog als in de kernen`;
}

/** Section 1: risk branches in the buitengebied against the cores. */
export interface BuitengebiedView {
  kaartjes: Kaartje[];
  zinnen: string[];
  ranglijst: Ranglijst;
}

/** Risk-branch share and density in the buitengebied against the cores, for an area and year. */
export function buitengebiedView(d: LocatiesData, state: LocatiesState): BuitengebiedView {
  const jaar = Number(state.jaar);
  const g = state.gemeente;
  const aandeelBuiten = cel(d, "risico-aandeel-buitengebied", g, jaar, {branche: "risico"});
  const aandeelKern = cel(d, "risico-aandeel-kern", g, jaar, {branche: "risico"});
  const km2Buiten = cel(d, "vestigingen-per-km2-buitengebied", g, jaar, {branche: "risico"});
  const km2Kern = cel(d, "vestigingen-per-km2-kern", g, jaar, {branche: "risico"});
  const zinnen: string[] = [];
  const waar = inGebied(d, g);
  if (isPublished(aandeelBuiten) && isPublished(aandeelKern)) {
    zinnen.push(
      `${capitalize(waar)} is in ${jaar} ${formatWaarde(aandeelBuiten.waarde, "procent")} van de vestigingen in het buitengebied een vestiging in een risicobranche, tegen ${formatWaarde(aandeelKern.waarde, "procent")} in de kernen: ${buitenTegenKern(aandeelBuiten, aandeelKern, "procent", "procentpunt")}.`
    );
  } else {
    const ontbreekt = !isPublished(aandeelBuiten) ? aandeelBuiten : aandeelKern;
    zinnen.push(
      `Het aandeel risicobranches ${!isPublished(aandeelBuiten) ? "in het buitengebied" : "in de kernen"} ${waar} is voor ${jaar} niet te tonen: ${redenWoorden(ontbreekt)}.`
    );
  }
  if (isPublished(km2Buiten) && isPublished(km2Kern)) {
    const relatie = buitenTegenKern(km2Buiten, km2Kern, DICHTHEID, "keer");
    zinnen.push(
      `Per km² staan er ${waar} ${formatWaarde(km2Buiten.waarde, DICHTHEID)} vestigingen in risicobranches in het buitengebied en ${formatWaarde(km2Kern.waarde, DICHTHEID)} in de kernen${relatie ? `: de dichtheid is ${relatie}` : ""}.`
    );
  } else {
    zinnen.push(
      `De dichtheid van risicobranches per km² ${waar} is voor ${jaar} niet volledig te tonen: ${redenWoorden(!isPublished(km2Buiten) ? km2Buiten : km2Kern)}.`
    );
  }
  const regioBuiten = cel(d, "risico-aandeel-buitengebied", d.info.regio.code, jaar, {branche: "risico"});
  if (!isRegio(d, g)) {
    zinnen.push(
      comparisonSentence(aandeelBuiten, regioBuiten, {
        onderwerp: `Het aandeel risicobranches in het buitengebied van ${naam(d, g)}`,
        eenheid: "procent",
        referentie: "de regio",
        tellingen: aandeelTellingen(d, "vestigingen-buitengebied", g, jaar)
      })
    );
  }
  return {
    kaartjes: [
      kaartje(d, "risico-aandeel-buitengebied", aandeelBuiten),
      kaartje(d, "risico-aandeel-kern", aandeelKern),
      kaartje(d, "vestigingen-per-km2-buitengebied", km2Buiten, "risico"),
      kaartje(d, "vestigingen-per-km2-kern", km2Kern, "risico")
    ],
    zinnen,
    ranglijst: gemeenteRanglijst(
      d,
      g,
      jaar,
      "risico-aandeel-buitengebied",
      {branche: "risico"},
      {
        wat: "aandeel risicobranches in het buitengebied",
        eenheid: "procent",
        xLabel: "% van de vestigingen in het buitengebied"
      }
    )
  };
}

/** Section 2: vacant agrarian buildings over time. */
export interface VabView {
  kaartjes: Kaartje[];
  zinnen: string[];
  /** Cells for small multiples (one panel per area). */
  cellen: Cell[];
  panelen: Map<string, string>;
  eenheid: string;
  title: string;
  subtitle: string;
  yLabel: string;
}

/** Vacant agrarian buildings: key figures of an area and year, trend sentence, small multiples. */
export function vabView(d: LocatiesData, state: LocatiesState): VabView {
  const jaar = Number(state.jaar);
  const g = state.gemeente;
  const maat = maatVan(d, (VAB_MATEN.find((m) => m.value === state.vab) ?? VAB_MATEN[0]).value);
  const leeg = tabel(d, "panden-leeg");
  const waar = inGebied(d, g);
  const eigen = leeg.where({gebied: g}).filter((c) => c.jaar <= jaar);
  const eerste = eigen.filter(isPublished).sort((a, b) => a.jaar - b.jaar)[0];
  const nu = cel(d, "panden-leeg", g, jaar);
  const zinnen: string[] = [];
  if (eerste && eerste.jaar < jaar) {
    zinnen.push(
      changeSentence(eerste, nu, {
        onderwerp: `Het aantal leegstaande agrarische gebouwen (VAB) ${waar}`,
        eenheid: "aantal"
      })
    );
  } else {
    zinnen.push(
      isPublished(nu)
        ? `${capitalize(waar)} stonden eind ${jaar} ${telwoord(nu.waarde, "agrarisch gebouw", "agrarische gebouwen")} leeg; een eerder jaar om mee te vergelijken is er niet.`
        : `Het aantal leegstaande agrarische gebouwen ${waar} is voor ${jaar} niet te tonen: ${redenWoorden(nu)}.`
    );
  }
  const aandeel = cel(d, "panden-leeg-aandeel", g, jaar);
  if (!isRegio(d, g)) {
    zinnen.push(
      comparisonSentence(aandeel, cel(d, "panden-leeg-aandeel", d.info.regio.code, jaar), {
        onderwerp: `Het aandeel leegstaande agrarische gebouwen in ${naam(d, g)}`,
        eenheid: "procent",
        referentie: "de regio",
        tellingen: aandeelTellingen(d, "panden", g, jaar)
      })
    );
  } else if (isPublished(aandeel)) {
    zinnen.push(
      `Van alle agrarische gebouwen in de regio stond eind ${jaar} ${formatWaarde(aandeel.waarde, "procent")} leeg.`
    );
  }
  // Rising or falling per gemeente, from the first published year to the chosen year.
  const codes = gemeenteCodes(d);
  let stijgend = 0;
  let vergeleken = 0;
  for (const code of codes) {
    const reeks = leeg.where({gebied: code}).filter((c) => c.jaar <= jaar && isPublished(c));
    reeks.sort((a, b) => a.jaar - b.jaar);
    if (reeks.length < 2) continue;
    vergeleken++;
    if ((reeks.at(-1)!.waarde as number) > (reeks[0]!.waarde as number)) stijgend++;
  }
  const eersteJaar = d.jaren[0];
  const title =
    vergeleken === 0
      ? `Leegstaande agrarische gebouwen per gemeente: geen reeks om te vergelijken`
      : `In ${stijgend} van ${vergeleken} gemeenten staan eind ${jaar} meer agrarische gebouwen leeg dan in ${eersteJaar}`;
  const metRegio = maat.id === "panden-leeg-aandeel" || maat.id === "panden-leeg-index";
  const panelen = new Map<string, string>();
  if (metRegio) panelen.set(d.info.regio.code, d.info.regio.naam);
  for (const code of codes) panelen.set(code, naam(d, code));
  const cellen = tabel(d, maat.id).where({gebied: [...panelen.keys()]});
  return {
    kaartjes: [
      kaartje(d, "panden-leeg", nu),
      kaartje(d, "panden-leeg-aandeel", aandeel),
      kaartje(d, "panden-leeg-m2", cel(d, "panden-leeg-m2", g, jaar)),
      // The catalogue says "eerste jaar = 100"; the card names that year.
      {
        ...kaartje(d, "panden-leeg-index", cel(d, "panden-leeg-index", g, jaar)),
        toelichting: `${eersteJaar} = 100`
      }
    ],
    zinnen,
    cellen,
    panelen,
    eenheid: maat.eenheid,
    title,
    subtitle: `${maat.titel}. ${definitie(d.catalogus, maat.id)}`,
    yLabel: maat.label
  };
}

/** Section 3: signals by category, buitengebied against the cores. */
export interface SignalenView {
  categorieNaam: string;
  kaartjes: Kaartje[];
  zinnen: string[];
  /** Sentences on suppression: the whole signal tables and the current choice. */
  onderdrukking: string[];
  telling: Onderdrukking;
  ranglijst: Ranglijst;
  heat: {
    rows: Array<{key: string; label: string}>;
    columns: Array<{key: string; label: string}>;
    cell(row: string, column: string): Cell | undefined;
    title: string;
  };
}

/** Signals of a category per 1.000 inhabitants and per km², with honest suppression counts. */
export function signalenView(d: LocatiesData, state: LocatiesState): SignalenView {
  const jaar = Number(state.jaar);
  const g = state.gemeente;
  const categorie = state.categorie;
  const categorieNaam = d.categorieen.find((c) => c.value === categorie)?.label ?? categorie;
  const wat = categorieNaam.toLowerCase();
  const c = (name: string, gebied = g) => cel(d, name, gebied, jaar, {categorie});
  const per1000Buiten = c("signalen-per-1000-buitengebied");
  const per1000Kern = c("signalen-per-1000-kern");
  const km2Buiten = c("signalen-per-km2-buitengebied");
  const km2Kern = c("signalen-per-km2-kern");
  const waar = inGebied(d, g);
  const zinnen: string[] = [];
  if (isPublished(per1000Buiten) && isPublished(per1000Kern)) {
    zinnen.push(
      `${capitalize(waar)} waren er in ${jaar} ${formatWaarde(per1000Buiten.waarde, "per-1000")} signalen van ${wat} per 1.000 inwoners van het buitengebied, tegen ${formatWaarde(per1000Kern.waarde, "per-1000")} per 1.000 inwoners van de kernen.`
    );
  } else {
    const delen = [
      ["het buitengebied", per1000Buiten],
      ["de kernen", per1000Kern]
    ] as const;
    for (const [deel, cell] of delen) {
      zinnen.push(
        isPublished(cell)
          ? `Signalen van ${wat} per 1.000 inwoners in ${deel} ${waar.replace(/^in /, "van ")}: ${formatWaarde(cell.waarde, "per-1000")} in ${jaar}.`
          : `Signalen van ${wat} per 1.000 inwoners in ${deel} ${waar.replace(/^in /, "van ")} zijn voor ${jaar} niet te tonen: ${redenWoorden(cell)}.`
      );
    }
  }
  if (isPublished(km2Buiten) && isPublished(km2Kern)) {
    zinnen.push(
      `Per km² zijn dat ${formatWaarde(km2Buiten.waarde, DICHTHEID)} signalen in het buitengebied en ${formatWaarde(km2Kern.waarde, DICHTHEID)} in de kernen.`
    );
  }

  // Suppression, honestly counted: over every signal count of the page, and for this choice.
  const tellingen = [
    ...tabel(d, "signalen-buitengebied").table.cellen,
    ...tabel(d, "signalen-kern").table.cellen
  ];
  const telling = telOnderdrukking(tellingen);
  const keuzeCellen = tellingen.filter((x) => x.categorie === categorie && x.jaar === jaar);
  const keuze = telOnderdrukking(keuzeCellen);
  const onderdrukking: string[] = [];
  if (telling.totaal === 0) {
    onderdrukking.push("Deze bronmap bevat geen signalen; er is niets te tonen.");
  } else {
    onderdrukking.push(
      `Van de ${telwoord(telling.totaal, "telling", "tellingen")} van signalen op deze pagina (per gebied, categorie en jaar, buitengebied en kernen apart) ${telling.onderdrukt === 1 ? "is" : "zijn"} er ${formatAantal(telling.onderdrukt)} onderdrukt (${deelProcent(telling.onderdrukt, telling.totaal)}).`
    );
    if (telling.onderdrukt > 0) {
      onderdrukking.push(
        `De redenen: ${redenenZin(telling)}. Cijfers die van een onderdrukte telling zijn afgeleid (per 1.000 inwoners, per km²) zijn ook onderdrukt.`
      );
    }
    onderdrukking.push(
      `Voor ${wat} in ${jaar} ${keuze.onderdrukt === 1 ? "is" : "zijn"} ${formatAantal(keuze.onderdrukt)} van de ${telwoord(keuze.totaal, "telling", "tellingen")} onderdrukt.`
    );
  }

  const per1000 = tabel(d, "signalen-per-1000-buitengebied");
  const rows = [d.info.regio.code, ...gemeenteCodes(d)].map((code) => ({key: code, label: naam(d, code)}));
  const columns = d.categorieen.map((k) => ({key: k.value, label: k.label}));
  const heatCells = rows.flatMap((r) =>
    columns.map((col) => per1000.get({gebied: r.key, categorie: col.key, jaar}))
  );
  const heatTelling = telOnderdrukking(heatCells.filter((x): x is Cell => x !== undefined));
  return {
    categorieNaam,
    kaartjes: [
      kaartje(d, "signalen-per-1000-buitengebied", per1000Buiten),
      kaartje(d, "signalen-per-1000-kern", per1000Kern),
      kaartje(d, "signalen-per-km2-buitengebied", km2Buiten),
      kaartje(d, "signalen-per-km2-kern", km2Kern)
    ],
    zinnen,
    onderdrukking,
    telling,
    ranglijst: gemeenteRanglijst(
      d,
      g,
      jaar,
      "signalen-per-1000-buitengebied",
      {categorie},
      {
        wat: `aantal signalen van ${wat} per 1.000 inwoners in het buitengebied`,
        eenheid: "per-1000",
        xLabel: "signalen per 1.000 inwoners (buitengebied)"
      }
    ),
    heat: {
      rows,
      columns,
      cell: (row, column) => per1000.get({gebied: row, categorie: column, jaar}),
      title: `Signalen per 1.000 inwoners in het buitengebied, ${jaar}: ${heatTelling.onderdrukt} van de ${heatTelling.totaal} cellen zijn onderdrukt`
    }
  };
}

/** Section 4: bedrijventerreinen compared. */
export interface TerreinenView {
  ranglijst: Ranglijst;
  zinnen: string[];
}

/** Ranking of the estates (of the chosen gemeente, or all) on the chosen measure, with a region reference where one exists. */
export function terreinenView(d: LocatiesData, state: LocatiesState): TerreinenView {
  const jaar = Number(state.jaar);
  const g = state.gemeente;
  const keuze = BT_MATEN.find((m) => m.value === state.bt) ?? BT_MATEN[0];
  const maat = {...maatVan(d, keuze.value), zin: keuze.zin, branche: keuze.branche};
  const terreinen = d.terreinen.filter((t) => isRegio(d, g) || t.bovenliggend === g);
  const items = terreinen.map((t) => ({
    code: t.code,
    naam: t.naam,
    cell: cel(d, maat.id, t.code, jaar, {branche: maat.branche})
  }));
  // The region's own share of risk branches (all establishments, buitengebied plus kernen), from
  // four published counts; without all four there is no reference rather than an estimate.
  let reference: Ranglijst["reference"] = null;
  if (maat.id === "bt-risico-aandeel") {
    const r = d.info.regio.code;
    const parts = [
      cel(d, "vestigingen-buitengebied", r, jaar, {branche: "risico"}),
      cel(d, "vestigingen-kern", r, jaar, {branche: "risico"}),
      cel(d, "vestigingen-buitengebied", r, jaar, {branche: "alle"}),
      cel(d, "vestigingen-kern", r, jaar, {branche: "alle"})
    ];
    if (parts.every(isPublished)) {
      const [rb, rk, ab, ak] = parts.map((p) => p.waarde as number);
      if (ab! + ak! > 0)
        reference = {waarde: (100 * (rb! + rk!)) / (ab! + ak!), label: "Regio, alle vestigingen"};
    }
  }
  const telling = telOnderdrukking(items.map((i) => i.cell));
  const zinnen: string[] = [];
  const waar = isRegio(d, g) ? "in de regio" : `in ${naam(d, g)}`;
  if (items.length === 0) {
    zinnen.push(
      d.info.gemeenten.length === 0
        ? "Kies een gebied om de bedrijventerreinen van zijn gemeenten te vergelijken."
        : `Er zijn geen bedrijventerreinen ${waar} in de gegevens.`
    );
  } else {
    const published = items
      .filter((i) => isPublished(i.cell))
      .sort((a, b) => (b.cell.waarde as number) - (a.cell.waarde as number));
    const label = maat.zin;
    if (published.length >= 2) {
      zinnen.push(
        `Van de ${telwoord(items.length, "bedrijventerrein", "bedrijventerreinen")} ${waar} is ${label} in ${jaar} het hoogst op ${published[0]!.naam} (${formatWaarde(published[0]!.cell.waarde, maat.eenheid)}) en het laagst op ${published.at(-1)!.naam} (${formatWaarde(published.at(-1)!.cell.waarde, maat.eenheid)}).`
      );
    } else if (published.length === 1) {
      zinnen.push(
        `Alleen voor ${published[0]!.naam} is ${label} in ${jaar} te tonen: ${formatWaarde(published[0]!.cell.waarde, maat.eenheid)}.`
      );
    } else {
      zinnen.push(`Voor geen enkel bedrijventerrein ${waar} is ${label} in ${jaar} te tonen.`);
    }
    if (telling.onderdrukt > 0) {
      zinnen.push(
        `Voor ${telwoord(telling.onderdrukt, "terrein", "terreinen")} is de waarde onderdrukt (${redenenZin(telling)}): op een bedrijventerrein zijn de aantallen vaak te klein om veilig te publiceren.`
      );
    }
    if (reference && published.length > 0) {
      const boven = published.filter((i) => (i.cell.waarde as number) > reference!.waarde).length;
      zinnen.push(
        `${boven} van de ${published.length} terreinen met een gepubliceerde waarde ${boven === 1 ? "ligt" : "liggen"} boven het aandeel risicobranches in de hele regio (${formatWaarde(reference.waarde, "procent")}).`
      );
    }
  }
  return {
    zinnen,
    ranglijst: {
      items,
      reference,
      highlight: [],
      title: hoogsteTitel(items, maat.zin.replace(/^het /, ""), maat.eenheid, jaar),
      subtitle: definitie(d.catalogus, maat.id),
      eenheid: maat.eenheid,
      xLabel: maat.label
    }
  };
}

/** Properties of the map features (published TopoJSON: code, naam, bovenliggend). */
export interface KaartProps {
  code: string;
  naam: string;
  bovenliggend?: string | null;
}

/**
 * The features of one geometry part of loaded files (`buurten` of `gebieden/<blok>.json`,
 * `terreinen` of `terreinen/<blok>.json`), as one collection; a feature in two files is kept once.
 */
export function kaartVan(bundles: readonly Bundle[], part: string): FeatureCollection<Geometry, KaartProps> {
  const seen = new Set<string>();
  const features: Feature<Geometry, KaartProps>[] = [];
  for (const b of bundles) {
    const envelope = b.onderdelen[part];
    if (!envelope || isTable(envelope)) continue;
    const topology = ((envelope as {waarde?: unknown}).waarde ?? envelope) as Topology;
    const name = Object.keys(topology.objects ?? {})[0];
    if (name === undefined) continue;
    const fc = feature(
      topology,
      topology.objects[name] as GeometryCollection<KaartProps>
    ) as FeatureCollection<Geometry, KaartProps>;
    for (const f of fc.features)
      if (!seen.has(f.properties.code)) {
        seen.add(f.properties.code);
        features.push(f);
      }
  }
  return {type: "FeatureCollection", features};
}

/** The gemeente of a buurt code (CBS: `BU` + the four digits of the gemeente + wijk + buurt). */
export function gemeenteVanBuurt(code: string): string {
  return `GM${code.slice(2, 6)}`;
}

/**
 * The areas of a map that are shown, and the cell of each (an area without a cell is drawn as
 * having no data): what the buurt map and the map of the bedrijventerreinen share.
 */
function kaartWaarden(
  alle: FeatureCollection<Geometry, KaartProps>,
  getoond: (code: string) => boolean,
  cell: (code: string) => Cell | undefined
): {features: Feature<Geometry, KaartProps>[]; values: Map<string, Cell>} {
  const features = alle.features.filter((f) => getoond(f.properties.code));
  const values = new Map<string, Cell>();
  for (const f of features) {
    const c = cell(f.properties.code);
    if (c) values.set(f.properties.code, c);
  }
  return {features, values};
}

/** The buurt map of the buitengebied against the cores (section 1). */
export interface BuurtKaartView {
  areas: FeatureCollection<Geometry, KaartProps>;
  values: Map<string, Cell>;
  /** The buurten of the buitengebied (drawn with a thick border). */
  buitengebied: Set<string>;
  title: string;
  subtitle: string;
  eenheid: string;
  legendLabel: string;
  /** Text alternative of the outlined set, for the map's summary. */
  outlineZin: string;
  zinnen: string[];
}

/**
 * The buurten of the chosen gemeente (or of every gemeente shown), which of them form the
 * buitengebied (the published `buitengebied-buurt`, the same definition as every figure of the
 * page) and their signals per 1.000 inhabitants in the chosen year.
 */
export function buurtKaartView(
  d: LocatiesData,
  state: LocatiesState,
  buurten: FeatureCollection<Geometry, KaartProps>
): BuurtKaartView {
  const jaar = Number(state.jaar);
  const g = state.gemeente;
  const gemeenten = new Set(isRegio(d, g) ? gemeenteCodes(d) : [g]);
  const maat = maatVan(d, "signalen-per-1000");
  const ligging = tabel(d, "buitengebied-buurt");
  const per1000 = tabel(d, maat.id);
  const {features, values} = kaartWaarden(
    buurten,
    (code) => gemeenten.has(gemeenteVanBuurt(code)),
    (code) => per1000.get({gebied: code, jaar})
  );
  const buitengebied = new Set(
    features.map((f) => f.properties.code).filter((code) => ligging.get({gebied: code, jaar})?.waarde === 1)
  );
  const waar = isRegio(d, g) ? "in de regio" : `in ${naam(d, g)}`;
  const buurtNaam = new Map(features.map((f) => [f.properties.code, f.properties.naam]));
  const n = features.length;
  const nb = buitengebied.size;
  const zinnen: string[] = [];
  const deel = (inBg: boolean) => {
    const cells = features
      .filter((f) => buitengebied.has(f.properties.code) === inBg)
      .map((f) => values.get(f.properties.code));
    const gepubliceerd = cells.filter((c): c is Cell => c !== undefined && isPublished(c));
    const onderdrukt = cells.filter((c) => c?.status === "onderdrukt").length;
    return {totaal: cells.length, gepubliceerd, onderdrukt};
  };
  const bg = deel(true);
  const kern = deel(false);
  if (n === 0) {
    zinnen.push(`Er is geen kaart van de buurten ${waar}.`);
  } else {
    zinnen.push(
      `${capitalize(telwoord(nb, "buurt", "buurten"))} van de ${formatAantal(n)} ${waar} ${nb === 1 ? "hoort" : "horen"} bij het buitengebied, ${n - nb === 1 ? "1 hoort bij de kernen" : `${formatAantal(n - nb)} horen bij de kernen`}. Alle cijfers op deze pagina gebruiken deze indeling per hele buurt.`
    );
    for (const [wat, x] of [
      ["het buitengebied", bg],
      ["de kernen", kern]
    ] as const) {
      if (x.totaal === 0) continue;
      zinnen.push(
        `Van de ${telwoord(x.totaal, "buurt", "buurten")} in ${wat} ${x.gepubliceerd.length === 1 ? "is" : "zijn"} voor ${formatAantal(x.gepubliceerd.length)} het aantal signalen per 1.000 inwoners in ${jaar} te tonen${x.onderdrukt > 0 ? `; ${formatAantal(x.onderdrukt)} ${x.onderdrukt === 1 ? "is" : "zijn"} onderdrukt` : ""}.`
      );
    }
    const hoogste = [...bg.gepubliceerd, ...kern.gepubliceerd].sort(
      (a, b) => (b.waarde as number) - (a.waarde as number) || a.gebiedcode.localeCompare(b.gebiedcode)
    )[0];
    if (hoogste) {
      zinnen.push(
        `De hoogste gepubliceerde waarde heeft ${buurtNaam.get(hoogste.gebiedcode) ?? hoogste.gebiedcode} (${formatWaarde(hoogste.waarde, maat.eenheid)} per 1.000 inwoners), een buurt ${buitengebied.has(hoogste.gebiedcode) ? "in het buitengebied" : "in een kern"}.`
      );
    }
  }
  return {
    areas: {type: "FeatureCollection", features},
    values,
    buitengebied,
    title:
      n === 0
        ? `Buitengebied en kernen ${waar}: geen kaart`
        : `${capitalize(telwoord(nb, "buurt", "buurten"))} van de ${formatAantal(n)} ${waar} ${nb === 1 ? "hoort" : "horen"} bij het buitengebied; signalen per 1.000 inwoners per buurt, ${jaar}`,
    subtitle:
      "Dik omrand: de buurten van het buitengebied (hele buurten; de definitie en haar bron staan op de pagina Methode, bij 'Buurt in het buitengebied').",
    eenheid: maat.eenheid,
    legendLabel: `signalen per 1.000 inwoners`,
    outlineZin: `${capitalize(telwoord(nb, "buurt", "buurten"))} van de ${formatAantal(n)} ${nb === 1 ? "hoort" : "horen"} bij het buitengebied (dik omrand).`,
    zinnen
  };
}

/** The map of the bedrijventerreinen (section 4). */
export interface TerreinenKaartView {
  areas: FeatureCollection<Geometry, KaartProps>;
  values: Map<string, Cell>;
  title: string;
  subtitle: string;
  eenheid: string;
  legendLabel: string;
}

/** The outlines of the shown bedrijventerreinen coloured by the chosen measure (the ranking's). */
export function terreinenKaartView(
  d: LocatiesData,
  state: LocatiesState,
  terreinen: FeatureCollection<Geometry, KaartProps>
): TerreinenKaartView {
  const jaar = Number(state.jaar);
  const g = state.gemeente;
  const keuze = BT_MATEN.find((m) => m.value === state.bt) ?? BT_MATEN[0];
  const maat = maatVan(d, keuze.value);
  const getoond = new Set(
    d.terreinen.filter((t) => isRegio(d, g) || t.bovenliggend === g).map((t) => t.code)
  );
  const {features, values} = kaartWaarden(
    terreinen,
    (code) => getoond.has(code),
    (code) => cel(d, maat.id, code, jaar, {branche: keuze.branche})
  );
  const items = features.map((f) => ({naam: f.properties.naam, cell: values.get(f.properties.code)!}));
  return {
    areas: {type: "FeatureCollection", features},
    values,
    title: hoogsteTitel(items, keuze.zin.replace(/^het /, ""), maat.eenheid, jaar),
    subtitle: `${maat.titel} per bedrijventerrein; de grijze vlakken eromheen zijn de buurten. ${definitie(d.catalogus, maat.id)}`,
    eenheid: maat.eenheid,
    legendLabel: maat.label
  };
}
