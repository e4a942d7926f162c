/**
 * The Risicobranches story: a branch x gemeente overview on five measures against the region, a
 * ranking and a map for the chosen branch and measure, the rising sectors over the years, care
 * combined with real estate, and the qualitative branch profiles. Pure functions on bundles.
 */
import type {Bundle, Cell} from "../contracts.js";
import {isTable, metadataOf, tableOf} from "../contracts.js";
import {BRANCHES, REGIO, type BrancheGroep} from "../../shared/contracts/onderdelen.js";
import {formatVerandering, formatWaarde} from "../format.js";
import {
  changeSentence,
  comparisonSentence,
  isPublished,
  opsomming,
  locatiequotientOordelen,
  MIN_TELLING_LQ,
  rankingSentence,
  telwoord,
  type LqItem
} from "../narrative.js";
import type {LqTellingen} from "../statistiek.js";
import {indexTable, type TableIndex} from "../query.js";
import type {BranchPoint} from "../../components/branch-profile.js";
import type {RankingItem} from "../../components/ranking-bars.js";
import {redenenZin, telOnderdrukking, type Keuze} from "./common.js";
import {titelMetEenheid} from "../texts.js";
import {geenCel, type RegioInfo} from "./story.js";

/** A measure of the overview: table id, label and unit (the last two from the catalogue). */
export interface Maat {
  id: string;
  label: string;
  /** Lower-case phrase for sentences. */
  zin: string;
  eenheid: string;
}

/**
 * The five measures of a branch, as in product.md, by catalogue id with the phrase the sentences
 * use. Their names and units come from the catalogue through the published tables (each table
 * carries the title and unit of its catalogue entry), so the page loads no extra catalogue.
 */
export const MATEN: ReadonlyArray<{id: string; zin: string}> = [
  {id: "vestigingen-per-1000", zin: "het aantal vestigingen per 1.000 inwoners"},
  {id: "locatiequotient", zin: "het locatiequotiënt"},
  {id: "groei-5-jaar", zin: "de groei in vijf jaar"},
  {id: "verloop", zin: "het verloop"},
  {id: "eenpersoons-aandeel", zin: "het aandeel eenpersoonsvestigingen"}
];

/** A branch group of the catalogue, with its qualitative profile (the contract's `BrancheGroep`). */
export type {BrancheGroep};

/** Everything the page needs, indexed once. */
export interface BranchesData {
  info: RegioInfo;
  namen: Record<string, string>;
  groepen: BrancheGroep[];
  tabellen: Map<string, TableIndex>;
  jaren: number[];
  laatsteJaar: number;
  /** Code of the bronmap's region: the reference of the location quotient, whatever area is shown. */
  regioCode: string;
}

/** The page state (URL parameters). */
export interface BranchesState {
  branche: string;
  maat: string;
  jaar: string;
  /** The gemeente of the branch profile (location quotient against growth). */
  gemeente: string;
}

/**
 * Indexes the bundle (the overview merged with the parts of the area shown, src/lib/delen.ts).
 * `info` replaces the region facts of regio.json, to compare the gemeenten of one area only.
 */
export function branchesData(
  bundle: Bundle,
  regio: Bundle,
  info: RegioInfo = metadataOf(regio, REGIO)
): BranchesData {
  const branches = metadataOf(bundle, BRANCHES);
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
    laatsteJaar: dichtheid?.laatsteJaar ?? jaren.at(-1) ?? new Date().getFullYear(),
    regioCode: regio.onderdelen.regio ? metadataOf(regio, REGIO).regio.code : info.regio.code
  };
}

export function branchesDefaults(d: BranchesData): BranchesState {
  return {
    branche: "risico",
    maat: MATEN[0]!.id,
    jaar: String(d.laatsteJaar),
    gemeente: d.info.gemeenten[0]?.code ?? ""
  };
}

export function branchesKeuzes(d: BranchesData): {
  branches: Keuze[];
  maten: Keuze[];
  jaren: Keuze[];
  gemeenten: Keuze[];
} {
  const ids = ["risico", ...d.groepen.map((g) => g.id)];
  return {
    branches: ids.map((id) => ({value: id, label: d.namen[id] ?? id})),
    maten: MATEN.filter((m) => d.tabellen.has(m.id)).map((m) => ({
      value: m.id,
      label: maatVan(d, m.id).label
    })),
    jaren: [...d.jaren].reverse().map((j) => ({value: String(j), label: String(j)})),
    gemeenten: d.info.gemeenten.map((g) => ({value: g.code, label: g.naam}))
  };
}

function cell(d: BranchesData, tabel: string, gebied: string, branche: string | null, jaar: number): Cell {
  return d.tabellen.get(tabel)?.get({gebied, branche, categorie: null, jaar}) ?? geenCel(gebied, jaar);
}

/** A measure with the title and unit its published table carries from the catalogue. */
export function maatVan(d: BranchesData, id: string): Maat {
  const m = MATEN.find((x) => x.id === id) ?? MATEN[0]!;
  const table = d.tabellen.get(m.id)?.table;
  const eenheid = table?.eenheid ?? "";
  return {id: m.id, zin: m.zin, label: titelMetEenheid(table?.titel || m.id, eenheid), eenheid};
}

/** Ranking of the gemeenten for a branch and measure, with the region as reference. */
export function rankingView(d: BranchesData, s: BranchesState) {
  const jaar = Number(s.jaar);
  const maat = maatVan(d, s.maat);
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
  const maat = maatVan(d, s.maat);
  const rows = d.groepen.map((g) => ({key: g.id, label: g.naam}));
  const columns = [
    ...d.info.gemeenten.map((g) => ({key: g.code, label: g.naam})),
    {key: d.info.regio.code, label: "Regio"}
  ];
  const cellAt = (row: string, column: string) => cell(d, maat.id, column, row, jaar);
  // What stands out: per gemeente the branches clearly over-represented against the region (the
  // LQ's interval from the published counts excludes 1; at least MIN_TELLING_LQ establishments).
  const zin = oververtegenwoordigdZin(d, jaar);
  // Honest about the gaps: how many cells of the table carry no number, and why.
  const o = telOnderdrukking(rows.flatMap((r) => columns.map((c) => cellAt(r.key, c.key))));
  const gaten: string[] = [];
  if (o.onderdrukt > 0)
    gaten.push(
      `${telwoord(o.onderdrukt, "cel", "cellen")} van de ${o.totaal} ${o.onderdrukt === 1 ? "is" : "zijn"} onderdrukt (${redenenZin(o)})`
    );
  if (o.geenGegevens > 0) gaten.push(`voor ${telwoord(o.geenGegevens, "cel", "cellen")} zijn geen gegevens`);
  const zinOnderdrukking =
    gaten.length === 0
      ? `Alle ${o.totaal} cellen van deze tabel zijn gepubliceerd.`
      : `${gaten.join("; ").replace(/^./, (c) => c.toUpperCase())}. Zo'n cel is gearceerd en telt in geen enkele zin op deze pagina mee.`;
  return {rows, columns, cellAt, maat, jaar, zin, zinOnderdrukking, onderdrukking: o};
}

/**
 * The published counts behind the location quotient of a branch in an area: the branch and all
 * establishments there and in the bronmap's region (the reference of the published LQ).
 */
export function lqTellingen(
  d: BranchesData,
  gebied: string,
  branche: string,
  jaar: number
): LqTellingen | null {
  const v = (g: string, b: string) => {
    const c = d.tabellen.get("vestigingen")?.get({gebied: g, branche: b, categorie: null, jaar});
    return isPublished(c) ? c.waarde : null;
  };
  const t = [v(gebied, branche), v(gebied, "alle"), v(d.regioCode, branche), v(d.regioCode, "alle")];
  if (t.some((x) => x === null)) return null;
  return {branche: t[0]!, alle: t[1]!, brancheReferentie: t[2]!, alleReferentie: t[3]!};
}

/**
 * The sentence on over-representation: per gemeente the branches whose location quotient lies
 * above 1 by more than chance for the counts behind it, each with its LQ and count. Without
 * other gemeenten in the bronmap the quotient is 1 by construction and the sentence says so.
 */
function oververtegenwoordigdZin(d: BranchesData, jaar: number): string {
  const per: string[] = [];
  let beoordeeld = 0;
  let tegenZichzelf = false;
  for (const g of d.info.gemeenten) {
    const items: LqItem[] = d.groepen.map((b) => ({
      naam: b.naam,
      lq: cell(d, "locatiequotient", g.code, b.id, jaar),
      tellingen: lqTellingen(d, g.code, b.id, jaar)
    }));
    const o = locatiequotientOordelen(items, {referentieBevatEigen: true});
    if (o.tegenZichzelf) tegenZichzelf = true;
    beoordeeld += o.beoordeeld;
    const noem = o.boven.map(
      (x) =>
        `${x.naam.toLowerCase()} (${formatWaarde(x.lq, "index")}; ${telwoord(x.aantal, "vestiging", "vestigingen")})`
    );
    if (noem.length > 0) per.push(`${g.naam}: ${opsomming(noem)}`);
  }
  if (tegenZichzelf && beoordeeld === 0)
    return "De bronmap bevat één gemeente: de regio is die gemeente zelf, dus elk locatiequotiënt is 1 en zegt niets over over- of ondervertegenwoordiging.";
  if (beoordeeld === 0)
    return `In ${jaar} is voor geen enkele branche en gemeente te zeggen of ze sterker vertegenwoordigd is dan in de regio: de aantallen zijn kleiner dan ${MIN_TELLING_LQ} vestigingen, onderdrukt of er zijn geen gegevens.`;
  const uitleg = `met een locatiequotiënt dat meer dan toeval bij deze aantallen boven 1 ligt; alleen branches met minstens ${MIN_TELLING_LQ} vestigingen in de gemeente`;
  return per.length === 0
    ? `In ${jaar} is in geen enkele gemeente een branche duidelijk sterker vertegenwoordigd dan in de regio (${uitleg}).`
    : `Duidelijk sterker vertegenwoordigd dan in de regio in ${jaar} (${uitleg}): ${per.join("; ")}.`;
}

/** The rising sectors over the years: region counts per sector, and the growth sentence. */
export function opkomendView(d: BranchesData) {
  const vest = d.tabellen.get("vestigingen");
  const jaren = d.jaren;
  const eerste = jaren[0]!;
  const laatste = d.laatsteJaar;
  const r = d.info.regio.code;
  // The rising sectors come from the branch list in force (risicobranches.json or the bronmap's own).
  const sectoren = d.groepen.filter((g) => g.opkomend).map((g) => g.id);
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
  const totaal: string[] = groei.map((g) =>
    g.rel === null
      ? `Voor ${g.naam.toLowerCase()} is de ontwikkeling sinds ${eerste} niet te tonen: een van de jaren is onderdrukt of ontbreekt.`
      : `${g.naam}: van ${formatWaarde(g.a!.waarde, "aantal")} vestigingen in ${eerste} naar ${formatWaarde(g.z!.waarde, "aantal")} in ${laatste} (${g.rel >= 0 ? "+" : "−"}${formatWaarde(Math.abs(g.rel) * 100, "procent")}).`
  );
  // Where each sector grew most: the five-year growth per gemeente in the last year. One
  // paragraph per sector: its regional development, then where it grew most.
  const zinnen: string[] = [];
  const groeiTabel = d.tabellen.get("groei-5-jaar");
  const groeiJaar = groeiTabel?.laatsteJaar ?? laatste;
  for (const [i, g] of groei.entries()) {
    const perGemeente = d.info.gemeenten.map((gm) => ({
      gm,
      c: cell(d, "groei-5-jaar", gm.code, g.branche, groeiJaar)
    }));
    const pub = perGemeente
      .filter((x) => isPublished(x.c))
      .sort((a, b) => b.c.waarde! - a.c.waarde! || a.gm.code.localeCompare(b.gm.code));
    const onderdrukt = perGemeente.filter((x) => x.c.status === "onderdrukt").length;
    const regio = cell(d, "groei-5-jaar", r, g.branche, groeiJaar);
    const regioTekst = isPublished(regio) ? `; in de hele regio ${formatVerandering(regio.waarde)}%` : "";
    const rest =
      onderdrukt > 0
        ? ` Voor ${telwoord(onderdrukt, "gemeente", "gemeenten")} is de groei onderdrukt omdat de aantallen te klein zijn.`
        : "";
    const top = pub[0];
    // Without gemeenten in view (a national site before an area is chosen), only the regio.
    if (d.info.gemeenten.length === 0) {
      zinnen.push(totaal[i]!);
      continue;
    }
    zinnen.push(
      `${totaal[i]} ` +
        (top
          ? `Sterkste groei van ${g.naam.toLowerCase()} in de vijf jaar tot ${groeiJaar}: ${top.gm.naam} (${formatVerandering(top.c.waarde)}%${regioTekst}).${rest}`
          : `Voor ${g.naam.toLowerCase()} is in geen enkele gemeente de groei in de vijf jaar tot ${groeiJaar} te tonen.${rest}`)
    );
  }
  const sterkst = groei.filter((g) => g.rel !== null).sort((a, b) => b.rel! - a.rel!)[0];
  const title = sterkst
    ? `Van de opkomende sectoren groeide ${sterkst.naam.toLowerCase()} het sterkst sinds ${eerste}`
    : `Opkomende sectoren in de regio sinds ${eerste}`;
  return {cells, names, zinnen, title, jaren};
}

/** Care providers (KvK numbers) that hold dwellings, themselves or via a holding, per gemeente, against the region. */
export function zorgView(d: BranchesData, s: BranchesState) {
  const jaar = Number(s.jaar);
  const items: RankingItem[] = d.info.gemeenten.map((g) => ({
    code: g.code,
    naam: g.naam,
    cell: cell(d, "zorg-met-vastgoed-per-100", g.code, "zorg", jaar)
  }));
  const regio = cell(d, "zorg-met-vastgoed-per-100", d.info.regio.code, "zorg", jaar);
  const names = new Map(d.info.gemeenten.map((g) => [g.code, g.naam]));
  const aantal = cell(d, "zorg-met-vastgoed", d.info.regio.code, "zorg", jaar);
  const eerste = d.jaren[0]!;
  const zinnen = [
    isPublished(regio)
      ? `In de regio heeft in ${jaar} ${formatWaarde(regio.waarde, "procent")} van de zorgaanbieders zelf of via een holding woningen in eigendom` +
        (isPublished(aantal) ? ` (${formatWaarde(aantal.waarde, "aantal")} zorgaanbieders).` : ".")
      : `Het aandeel zorgaanbieders met woningen in de regio is voor ${jaar} niet te tonen.`,
    ...(eerste < jaar
      ? [
          changeSentence(cell(d, "zorg-met-vastgoed", d.info.regio.code, "zorg", eerste), aantal, {
            onderwerp: "Het aantal zorgaanbieders met woningen in de regio",
            eenheid: "aantal"
          })
        ]
      : []),
    ...(items.length > 0
      ? [
          rankingSentence(
            items.map((i) => i.cell!),
            {label: "het aandeel zorgaanbieders met woningen", eenheid: "procent", names}
          )
        ]
      : [])
  ];
  return {items, regio: isPublished(regio) ? {waarde: regio.waarde, label: "Regio"} : null, zinnen, jaar};
}

/** Group of a branch in the profile: the rising sectors of the seed text, or the others. */
export function profielGroep(groep: Pick<BrancheGroep, "opkomend">): string {
  return groep.opkomend ? "Opkomende sector" : "Overige risicobranche";
}

/**
 * The branch profile of one gemeente: per branch the location quotient against the five-year
 * growth, with the growth of all risk branches in the region as the reference line, and a
 * sentence naming the branches that are both over-represented and growing faster than that.
 */
export function profielView(d: BranchesData, s: BranchesState) {
  const jaar = Number(s.jaar);
  const gemeente = d.info.gemeenten.find((g) => g.code === s.gemeente) ?? d.info.gemeenten[0];
  const code = gemeente?.code ?? "";
  const naam = gemeente?.naam ?? s.gemeente;
  const points: BranchPoint[] = d.groepen.map((b) => ({
    branche: b.id,
    naam: b.naam,
    x: cell(d, "locatiequotient", code, b.id, jaar),
    y: cell(d, "groei-5-jaar", code, b.id, jaar),
    groep: profielGroep(b)
  }));
  const regioGroei = cell(d, "groei-5-jaar", d.info.regio.code, "risico", jaar);
  const drempel = isPublished(regioGroei) ? regioGroei.waarde : 0;
  const drempelTekst = isPublished(regioGroei)
    ? `harder gegroeid dan alle risicobranches in de regio samen (${formatVerandering(regioGroei.waarde)}%)`
    : "gegroeid";
  const geplaatst = points.filter((p) => isPublished(p.x) && isPublished(p.y));
  // Over-representation is only told with the count behind the quotient, and from MIN_TELLING_LQ
  // establishments on; against a region that is the gemeente itself every quotient is 1.
  const tellingen = new Map(geplaatst.map((p) => [p.branche, lqTellingen(d, code, p.branche, jaar)]));
  const tegenZichzelf = [...tellingen.values()].some((t) => t !== null && t.alle === t.alleReferentie);
  const opvallend = geplaatst
    .filter(
      (p) =>
        p.x!.waarde! > 1 &&
        p.y!.waarde! > drempel &&
        (tellingen.get(p.branche)?.branche ?? 0) >= MIN_TELLING_LQ
    )
    .sort((a, b) => b.x!.waarde! - a.x!.waarde! || a.branche.localeCompare(b.branche));
  const zinnen: string[] = [];
  if (tegenZichzelf) {
    zinnen.push(
      "De bronmap bevat één gemeente: de regio is die gemeente zelf, dus elk locatiequotiënt is 1 en zegt niets over over- of ondervertegenwoordiging."
    );
  } else if (geplaatst.length === 0) {
    zinnen.push(
      `Voor ${naam} is in ${jaar} van geen enkele branche zowel het locatiequotiënt als de groei in vijf jaar te tonen.`
    );
  } else if (opvallend.length === 0) {
    zinnen.push(
      `In ${naam} is in ${jaar} geen branche met minstens ${MIN_TELLING_LQ} vestigingen zowel sterker vertegenwoordigd dan in de regio (locatiequotiënt boven 1) als ${drempelTekst}.`
    );
  } else {
    const namen = opvallend.map(
      (p) =>
        `${p.naam.toLowerCase()} (locatiequotiënt ${formatWaarde(p.x!.waarde, "index")} bij ${telwoord(tellingen.get(p.branche)!.branche, "vestiging", "vestigingen")}, groei ${formatVerandering(p.y!.waarde)}%)`
    );
    zinnen.push(
      `In ${naam} ${opvallend.length === 1 ? "is" : "zijn"} in ${jaar} ${telwoord(opvallend.length, "branche", "branches")} met minstens ${MIN_TELLING_LQ} vestigingen zowel sterker vertegenwoordigd dan in de regio (locatiequotiënt boven 1) als ${drempelTekst}: ${opsomming(namen)}.`
    );
  }
  const niet = points.length - geplaatst.length;
  if (niet > 0 && geplaatst.length > 0)
    zinnen.push(
      `${telwoord(niet, "branche", "branches").replace(/^./, (c) => c.toUpperCase())} ${niet === 1 ? "staat" : "staan"} niet in de figuur: het locatiequotiënt of de groei is onderdrukt of ontbreekt. Over ${niet === 1 ? "die branche" : "die branches"} zegt deze vergelijking niets.`
    );
  const title =
    geplaatst.length === 0
      ? `${naam}: locatiequotiënt en groei per branche (${jaar})`
      : opvallend.length === 0
        ? `${naam}: geen branche is zowel sterker vertegenwoordigd als harder gegroeid dan in de regio (${jaar})`
        : `${naam}: ${telwoord(opvallend.length, "branche", "branches")} sterker vertegenwoordigd én harder gegroeid dan in de regio (${jaar})`;
  return {
    points,
    gemeente: naam,
    jaar,
    title,
    zinnen,
    referentieGroei: drempel,
    opvallend: opvallend.map((p) => p.branche)
  };
}

/** One sentence over the qualitative profiles: how many branches need a licence or are cash-intensive. */
export function profielenZin(d: BranchesData): string {
  const n = d.groepen.length;
  if (n === 0) return "De catalogus bevat geen risicobranches.";
  const vergunning = d.groepen.filter((g) => g.vergunningOfBibob).length;
  const kas = d.groepen.filter((g) => g.kasintensief).length;
  const beide = d.groepen.filter((g) => g.vergunningOfBibob && g.kasintensief).length;
  return `Van de ${telwoord(n, "branche", "branches")} op de lijst ${vergunning === 1 ? "heeft" : "hebben"} er ${vergunning} een vergunningsplicht of Bibob-toets en ${kas === 1 ? "is" : "zijn"} er ${kas} kasintensief; ${beide} ${beide === 1 ? "heeft" : "hebben"} beide.`;
}
