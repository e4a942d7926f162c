/**
 * The public stories (issue 16): what a bronmap of public data carries without the gemeente's
 * own registers. Establishments per CBS branch compared with Nederland (location quotient against
 * the national reference, CBS 81575NED) and registered crime per area (Politie via CBS,
 * 47018NED). Pure functions on bundles; sentences computed from the published cells.
 */
import type {Bundle, Cell} from "../contracts.js";
import {isTable, metadataOf, tableOf} from "../contracts.js";
import {
  BRANCHES,
  COMPONENTEN,
  type MisdrijfGroep,
  type ReferentieBranche
} from "../../shared/contracts/onderdelen.js";
import {formatWaarde} from "../format.js";
import {isPublished, opsomming, rankingSentence, telwoord} from "../narrative.js";
import {indexTable, type TableIndex} from "../query.js";
import type {RankingItem} from "../../components/ranking-bars.js";
import {geenCel, type RegioInfo} from "./story.js";

/** A CBS branch of the national reference, as the `branches` part lists it. */
export type {ReferentieBranche};

/** An offence group, as the `componenten` part lists it. */
export type {MisdrijfGroep};

/** Location quotient from which a branch counts as clearly over- or under-represented. */
export const LQ_HOOG = 1.25;
export const LQ_LAAG = 0.8;

function index(bundle: Bundle, id: string): TableIndex | null {
  return isTable(bundle.onderdelen[id]) ? indexTable(tableOf(bundle, id)) : null;
}

/** The CBS branches of the `branches` part (empty for bundles made before they existed). */
export function referentieBranches(bundle: Bundle): ReferentieBranche[] {
  if (bundle.onderdelen.branches === undefined) return [];
  const part = metadataOf(bundle, BRANCHES);
  return (part.referentie ?? []).filter((b) => b.sbi !== "A-U");
}

/** The offence groups of the `componenten` part (empty when absent). */
export function misdrijfGroepen(bundle: Bundle): MisdrijfGroep[] {
  if (bundle.onderdelen.componenten === undefined) return [];
  return metadataOf(bundle, COMPONENTEN).misdrijfgroepen ?? [];
}

/** The comparison with Nederland of one area's CBS branches in one year. */
export interface NederlandView {
  jaar: number;
  rows: Array<{key: string; label: string}>;
  columns: Array<{key: string; label: string}>;
  cellAt(row: string, column: string): Cell | undefined;
  /** Sentences: per gemeente (and the regio) what stands out against Nederland. */
  zinnen: string[];
  /** True when at least one quotient is published. */
  heeftWaarden: boolean;
}

/** Per area: the branches at least LQ_HOOG and at most LQ_LAAG against Nederland. */
function afwijkingen(
  lq: TableIndex | null,
  code: string,
  branches: readonly ReferentieBranche[],
  jaar: number
): {hoog: string[]; laag: string[]; gepubliceerd: number} {
  const cells = branches.map((b) => ({b, c: lq?.get({gebied: code, branche: b.id, categorie: null, jaar})}));
  const fmt = (x: {b: ReferentieBranche; c: Cell & {waarde: number}}) =>
    `${x.b.naam.charAt(0).toLowerCase()}${x.b.naam.slice(1)} (${formatWaarde(x.c.waarde, "index")})`;
  const pub = cells.filter((x): x is {b: ReferentieBranche; c: Cell & {waarde: number}} => isPublished(x.c));
  return {
    hoog: pub
      .filter((x) => x.c.waarde >= LQ_HOOG)
      .sort((a, b) => b.c.waarde - a.c.waarde)
      .map(fmt),
    laag: pub
      .filter((x) => x.c.waarde <= LQ_LAAG)
      .sort((a, b) => a.c.waarde - b.c.waarde)
      .map(fmt),
    gepubliceerd: pub.length
  };
}

/** One sentence on an area against Nederland. */
export function nederlandZin(
  naam: string,
  a: {hoog: string[]; laag: string[]; gepubliceerd: number},
  jaar: number
): string {
  if (a.gepubliceerd === 0)
    return `Voor ${naam} is in ${jaar} geen vergelijking met Nederland te maken: er zijn geen CBS-aantallen per bedrijfstak.`;
  const delen: string[] = [];
  if (a.hoog.length)
    delen.push(
      `sterker vertegenwoordigd dan in Nederland (locatiequotiënt ${formatWaarde(LQ_HOOG, "index")} of meer): ${opsomming(a.hoog)}`
    );
  if (a.laag.length)
    delen.push(`zwakker (${formatWaarde(LQ_LAAG, "index")} of minder): ${opsomming(a.laag)}`);
  if (delen.length === 0)
    return `In ${naam} wijkt in ${jaar} geen van de ${a.gepubliceerd} bedrijfstakken duidelijk af van Nederland (alle locatiequotiënten tussen ${formatWaarde(LQ_LAAG, "index")} en ${formatWaarde(LQ_HOOG, "index")}).`;
  return `In ${naam} in ${jaar}: ${delen.join("; ")}.`;
}

/**
 * The CBS branches of the gemeenten of an area and of the regio against Nederland, in the latest
 * year with a quotient (or `jaar` when given).
 */
export function nederlandView(bundle: Bundle, info: RegioInfo, jaar?: number): NederlandView {
  const lq = index(bundle, "locatiequotient-nederland");
  const branches = referentieBranches(bundle);
  const j = jaar ?? lq?.laatsteJaar ?? info.jaren.at(-1) ?? NaN;
  const rows = branches.map((b) => ({key: b.id, label: b.naam}));
  const columns = [
    ...info.gemeenten.map((g) => ({key: g.code, label: g.naam})),
    ...(info.gemeenten.length !== 1 ? [{key: info.regio.code, label: "Regio"}] : [])
  ];
  const cellAt = (row: string, column: string) =>
    lq?.get({gebied: column, branche: row, categorie: null, jaar: j}) ?? {
      ...geenCel(column, j),
      branche: row
    };
  const gebieden =
    info.gemeenten.length !== 1
      ? [...info.gemeenten, {code: info.regio.code, naam: info.regio.naam}]
      : info.gemeenten;
  const zinnen = gebieden.map((g) => nederlandZin(g.naam, afwijkingen(lq, g.code, branches, j), j));
  const heeftWaarden = rows.some((r) => columns.some((c) => isPublished(cellAt(r.key, c.key))));
  return {jaar: j, rows, columns, cellAt, zinnen, heeftWaarden};
}

/** Registered crime of an area in one year: buurten ranked, and sentences. */
export interface MisdrijvenView {
  jaar: number;
  groep: MisdrijfGroep | null;
  /** Buurten of the area with their rate of the chosen group. */
  buurten: RankingItem[];
  /** The regio's rate (reference line), null when not published. */
  regio: number | null;
  zinnen: string[];
  heeftWaarden: boolean;
}

/**
 * Registered crimes per 1,000 inhabitants of group `groepId` in the buurten of `gemeenten`
 * (codes), with the area's gemeenten compared in a sentence.
 */
export function misdrijvenView(
  bundle: Bundle,
  info: RegioInfo,
  buurtNamen: ReadonlyMap<string, string>,
  options: {jaar?: number; groep?: string} = {}
): MisdrijvenView {
  const rate = index(bundle, "misdrijven-per-1000");
  const groepen = misdrijfGroepen(bundle);
  const groep = groepen.find((g) => g.id === (options.groep ?? "totaal")) ?? groepen[0] ?? null;
  const jaar = options.jaar ?? rate?.laatsteJaar ?? info.jaren.at(-1) ?? NaN;
  const cat = groep?.id ?? "totaal";
  const inGebied = new Set(info.gemeenten.map((g) => g.code));
  const buurtCells = (rate?.where({niveau: "buurt", categorie: cat, jaar}) ?? []).filter((c) =>
    inGebied.has(`GM${c.gebiedcode.slice(2, 6)}`)
  );
  const buurten = buurtCells.map((c) => ({
    code: c.gebiedcode,
    naam: buurtNamen.get(c.gebiedcode) ?? c.gebiedcode,
    cell: c
  }));
  const regioCel = rate?.get({gebied: info.regio.code, categorie: cat, jaar});
  const names = new Map(info.gemeenten.map((g) => [g.code, g.naam]));
  const label = `het aantal geregistreerde misdrijven${groep && groep.id !== "totaal" ? ` (${groep.naam.toLowerCase()})` : ""} per 1.000 inwoners`;
  const zinnen: string[] = [];
  if (isPublished(regioCel))
    zinnen.push(
      `In ${jaar} registreerde de politie in ${info.regio.naam} ${formatWaarde(regioCel.waarde, "per-1000")} misdrijven${groep && groep.id !== "totaal" ? ` van de groep ${groep.naam.toLowerCase()}` : ""} per 1.000 inwoners.`
    );
  if (info.gemeenten.length > 1)
    zinnen.push(
      rankingSentence(
        info.gemeenten.map((g) => rate?.get({gebied: g.code, categorie: cat, jaar}) ?? geenCel(g.code, jaar)),
        {label, eenheid: "per-1000", names}
      )
    );
  if (buurten.length > 1)
    zinnen.push(
      rankingSentence(buurtCells, {
        label,
        eenheid: "per-1000",
        names: buurtNamen,
        soort: ["buurt", "buurten"]
      }) +
        " Een buurt met weinig inwoners (een bedrijventerrein, een buitengebied) kan een hoog cijfer per inwoner hebben bij weinig misdrijven."
    );
  const gepubliceerd = buurtCells.filter(isPublished).length;
  if (buurtCells.length > 0 && gepubliceerd < buurtCells.length)
    zinnen.push(
      `Voor ${telwoord(buurtCells.length - gepubliceerd, "buurt", "buurten")} is geen cijfer te tonen (geen politiecijfer of geen inwonertal).`
    );
  return {
    jaar,
    groep,
    buurten,
    regio: isPublished(regioCel) ? regioCel.waarde : null,
    zinnen,
    heeftWaarden: gepubliceerd > 0 || isPublished(regioCel)
  };
}
