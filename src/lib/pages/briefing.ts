/**
 * The gemeente briefing: the few figures a bestuurder needs before a meeting, each against the
 * region, against last year and against the five most similar gemeenten, with sentences
 * computed from the published briefing file (`gemeente/<code>.json`). Pure functions on
 * bundles, so the same view model is tested on the demo region and on hand-made bundles.
 */
import type {Bundle, Cell} from "../contracts.js";
import {isTable, metadataOf, tableOf} from "../contracts.js";
import {GEMEENTE, VERGELIJKBAAR, type Vergelijkbaar} from "../../shared/contracts/onderdelen.js";
import {formatWaarde} from "../format.js";
import {
  changeSentence,
  comparisonSentence,
  isPublished,
  locatiequotientOordelen,
  locatiequotientSentence,
  opsomming,
  telwoord,
  vergelijking,
  type LqItem,
  type TellingenVergelijking
} from "../narrative.js";
import type {SoortTelling, Telling, Vergelijking} from "../statistiek.js";
import {indexTable, valueOf, type Gebied, type TableIndex} from "../query.js";
import type {KeyFigure} from "../../components/key-figures.js";
import type {RankingItem} from "../../components/ranking-bars.js";
import {alleenOpenbaar, heeft, type Bronnen, type BronSoort} from "./bronnen.js";
import {LQ_HOOG, LQ_LAAG, nederlandZin} from "./publiek.js";
import {figuurLabel} from "./story.js";

/**
 * One headline figure of the briefing: the catalogue id of its part and the branch or category
 * it shows. Its label and unit come from the catalogue, through the published table that carries
 * them (`figuurLabel`); the sentence phrases are the briefing's own wording.
 */
export interface BriefingMaat {
  id: string;
  /** Part (indicator) in the briefing file: a catalogue id. */
  onderdeel: string;
  branche: string | null;
  categorie?: string | null;
  /** Subject for sentences, e.g. "Het aantal vestigingen in risicobranches per 1.000 inwoners". */
  onderwerp: string;
  /** Short noun phrase for the summary, e.g. "het aantal vestigingen in risicobranches per inwoner". */
  kort: string;
  /**
   * The figure's own short name on its card and heading, only where the catalogue title with its
   * branch makes the card and the heading a line taller and the briefing no longer prints on two
   * A4 pages (measured: the wijk chart moved to a third sheet); the unit stays the catalogue's.
   */
  kortNaam?: string;
  /** Sources the figure rests on: a figure whose source the bronmap lacks is left out. */
  nodig?: readonly BronSoort[];
}

/** The figures of the briefing, in reading order (names and units: the catalogue's). */
export const BRIEFING_MATEN: readonly BriefingMaat[] = [
  {
    id: "dichtheid",
    onderdeel: "vestigingen-per-1000",
    branche: "risico",
    onderwerp: "Het aantal vestigingen in risicobranches per 1.000 inwoners",
    kort: "het aantal vestigingen in risicobranches per 1.000 inwoners",
    nodig: ["vestigingen"]
  },
  {
    id: "lq",
    onderdeel: "locatiequotient",
    branche: "risico",
    onderwerp: "Het locatiequotiënt van de risicobranches",
    kort: "het locatiequotiënt van de risicobranches",
    nodig: ["vestigingen"]
  },
  {
    id: "groei",
    onderdeel: "groei-5-jaar",
    branche: "risico",
    kortNaam: "Groei risicobranches in vijf jaar",
    onderwerp: "De groei van de risicobranches in vijf jaar",
    kort: "de groei van de risicobranches in vijf jaar",
    nodig: ["vestigingen"]
  },
  {
    id: "verloop",
    onderdeel: "verloop",
    branche: "risico",
    kortNaam: "Verloop risicobranches",
    onderwerp: "Het verloop in de risicobranches",
    kort: "het verloop (starts en stops) in de risicobranches",
    nodig: ["vestigingen"]
  },
  {
    id: "zorg",
    onderdeel: "zorg-met-vastgoed-per-100",
    branche: "zorg",
    onderwerp: "Het aandeel zorgaanbieders met woningen",
    kort: "het aandeel zorgaanbieders met woningen",
    nodig: ["vestigingen", "eigendommen"]
  },
  {
    id: "buitengebied",
    onderdeel: "risico-aandeel-buitengebied",
    branche: "risico",
    onderwerp: "Het aandeel risicobranches onder de vestigingen in het buitengebied",
    kort: "het aandeel risicobranches in het buitengebied",
    nodig: ["vestigingen"]
  },
  {
    id: "leegstand",
    onderdeel: "panden-leeg-aandeel",
    branche: null,
    onderwerp: "Het aandeel leegstaande agrarische gebouwen",
    kort: "het aandeel leegstaande agrarische gebouwen",
    nodig: ["panden"]
  },
  {
    id: "signalen",
    onderdeel: "signalen-per-1000",
    branche: null,
    onderwerp: "Het aantal signalen per 1.000 inwoners",
    kort: "het aantal signalen per 1.000 inwoners",
    nodig: ["signalen"]
  },
  // Public figures (issue 16): what a bronmap without own registers still tells.
  {
    id: "misdrijven",
    onderdeel: "misdrijven-per-1000",
    branche: null,
    categorie: "totaal",
    onderwerp: "Het aantal geregistreerde misdrijven per 1.000 inwoners",
    kort: "het aantal geregistreerde misdrijven per 1.000 inwoners",
    nodig: ["politie", "kerncijfers"]
  },
  {
    id: "drugshandel",
    onderdeel: "misdrijven-per-1000",
    branche: null,
    categorie: "drugshandel",
    onderwerp: "Het aantal geregistreerde misdrijven van drugshandel per 1.000 inwoners",
    kort: "de geregistreerde drugshandel per 1.000 inwoners",
    nodig: ["politie", "kerncijfers"]
  },
  {
    id: "lq-nl-horeca",
    onderdeel: "locatiequotient-nederland",
    branche: "sbi-56",
    onderwerp: "Het locatiequotiënt van de eet- en drinkgelegenheden tegenover Nederland",
    kort: "het aandeel eet- en drinkgelegenheden (tegenover Nederland)",
    nodig: ["referentie"]
  },
  {
    id: "lq-nl-dienstverlening",
    onderdeel: "locatiequotient-nederland",
    branche: "sbi-S",
    onderwerp: "Het locatiequotiënt van de overige dienstverlening tegenover Nederland",
    kort: "het aandeel overige dienstverlening (tegenover Nederland)",
    nodig: ["referentie"]
  }
];

/**
 * The published counts behind a briefing figure, by part (indicator): which base counts of the
 * briefing file (parts `<indicator>/<basis>`, data-loaders/indicators/briefing.ts
 * BRIEFING_TELLINGEN) make its numerator (summed) and its denominator, and whether it is a rate
 * (a count per exposure) or a share (part of a whole). Five-year growth is read as a rate of the
 * stock now per stock five years before, and the location quotient of all risk branches as their
 * share of all establishments (LQ > 1 exactly when that share exceeds the region's).
 */
export const BRIEFING_TELLINGEN: Readonly<
  Record<string, {soort: SoortTelling; teller: readonly string[]; noemer: string}>
> = {
  "vestigingen-per-1000": {soort: "tempo", teller: ["teller"], noemer: "noemer"},
  locatiequotient: {soort: "aandeel", teller: ["branche"], noemer: "alle"},
  "groei-5-jaar": {soort: "tempo", teller: ["nu"], noemer: "eerder"},
  verloop: {soort: "tempo", teller: ["starts", "stops"], noemer: "vestigingen"},
  "zorg-met-vastgoed-per-100": {soort: "aandeel", teller: ["teller"], noemer: "noemer"},
  "risico-aandeel-buitengebied": {soort: "aandeel", teller: ["teller"], noemer: "noemer"},
  "panden-leeg-aandeel": {soort: "aandeel", teller: ["teller"], noemer: "noemer"},
  "signalen-per-1000": {soort: "tempo", teller: ["teller"], noemer: "noemer"}
};

/** One published base count of a briefing figure, or null when suppressed or absent. */
function basisTelling(
  bundle: Bundle,
  onderdeel: string,
  basis: string,
  key: {gebied: string; branche: string | null; categorie: string | null; jaar: number}
): number | null {
  return valueOf(part(bundle, `${onderdeel}/${basis}`)?.get(key));
}

/** The published counts behind a briefing figure of one area, or null when one is not published. */
function tellingVan(
  bundle: Bundle,
  onderdeel: string,
  key: {gebied: string; branche: string | null; categorie: string | null; jaar: number}
): Telling | null {
  const spec = BRIEFING_TELLINGEN[onderdeel];
  if (!spec) return null;
  const tellers = spec.teller.map((b) => basisTelling(bundle, onderdeel, b, key));
  const noemer = basisTelling(bundle, onderdeel, spec.noemer, key);
  if (noemer === null || tellers.some((t) => t === null)) return null;
  return {teller: tellers.reduce<number>((a, b) => a + b!, 0), noemer};
}

/** What the parts of the briefing need the gemeente's own data for (public-only bronmap). */
export const BRIEFING_EIGEN_DATA =
  "Deze briefing rust op openbare gegevens alleen (CBS en politie). De risicobranches zelf (aantallen, groei, verloop, locatiequotiënt tegenover de regio) vragen om het vestigingenregister van de gemeente (vestigingen.csv), de leegstand van agrarische gebouwen om panden.csv, zorg met vastgoed om eigendommen.csv en de signalen van ondermijning om signalen.csv.";

/** The five most similar gemeenten, as published in the briefing file. */
export type {Vergelijkbaar};

/** One figure of the briefing, computed. */
export interface BriefingFiguur {
  maat: BriefingMaat;
  /** Catalogue title (with the branch or category shown) and unit, from the published table. */
  label: string;
  /** The same without the unit: the heading of the figure's sentences. */
  titel: string;
  eenheid: string;
  jaar: number;
  eigen: Cell | undefined;
  vorig: Cell | undefined;
  regio: Cell | undefined;
  /**
   * Against the region from the published counts behind both values (95% interval,
   * statistiek.ts), or null when a count is suppressed or the region is the gemeente itself.
   */
  vergelijking: Vergelijking | null;
  /** Sentences: against the region, against last year, against the peers. */
  zinnen: string[];
  kaart: KeyFigure;
  /** Rank among the gemeente and its peers with a published value (1 = highest), or null. */
  rang: {rang: number; van: number} | null;
}

/** The whole briefing. */
export interface BriefingView {
  code: string;
  naam: string;
  regioCode: string;
  regioNaam: string;
  jaar: number;
  figuren: BriefingFiguur[];
  /** The opening: what stands out, computed. */
  samenvatting: string[];
  vergelijkbaar: Vergelijkbaar;
  peerItems: RankingItem[];
  peerRegio: number | null;
  peerZin: string;
  wijkItems: RankingItem[];
  wijkZin: string;
  /** Branches over- or under-represented against the region (location quotient). */
  branches: {
    boven: Array<{branche: string; lq: number; aantal: number}>;
    onder: Array<{branche: string; lq: number; aantal: number}>;
  };
  brancheZin: string;
  onderdrukt: number;
  /** The measure of the peer and wijk charts (density of risk branches, or registered crime). */
  vergelijkMaat: {id: string; label: string; eenheid: string} | null;
  /** The opening line under the title: the year and what the briefing compares with. */
  kop: string;
}

/** Region facts the briefing uses besides its own file (regio.json). */
export interface BriefingContext {
  bronnen?: Bronnen;
  /** The published years of the bronmap: the briefing's year never lies beyond them. */
  jaren?: readonly number[];
  /** Names of the categories (the police's offence groups, catalogue `componenten` part). */
  categorieNamen?: Readonly<Record<string, string>>;
}

const GEEN: Vergelijkbaar = {jaar: null, variabelen: [], gemeenten: []};

/** Indexes per loaded bundle, so each part is indexed once however often it is looked up. */
const indexes = new WeakMap<Bundle, Map<string, TableIndex | null>>();

function part(bundle: Bundle, name: string): TableIndex | null {
  let perBundle = indexes.get(bundle);
  if (!perBundle) indexes.set(bundle, (perBundle = new Map()));
  if (!perBundle.has(name))
    perBundle.set(name, isTable(bundle.onderdelen[name]) ? indexTable(tableOf(bundle, name)) : null);
  return perBundle.get(name)!;
}

/**
 * The last year in which the gemeente has any published value of the briefing figures; without
 * any, the last year of the bronmap (never the calendar year: a bronmap of 2020 is not about now).
 */
function laatsteJaar(
  bundle: Bundle,
  code: string,
  maten: readonly BriefingMaat[],
  jarenBronmap: readonly number[]
): number {
  let jaar = -Infinity;
  for (const m of maten) {
    const t = part(bundle, m.onderdeel);
    if (!t) continue;
    for (const c of t.table.cellen)
      if (c.gebiedcode === code && c.waarde !== null && c.jaar > jaar) jaar = c.jaar;
  }
  if (Number.isFinite(jaar)) return jaar;
  const jaren = maten.flatMap((m) => part(bundle, m.onderdeel)?.jaren ?? []);
  if (jaren.length) return Math.max(...jaren);
  return jarenBronmap.length ? Math.max(...jarenBronmap) : new Date().getFullYear();
}

/**
 * Builds the briefing of gemeente `code` from its briefing file, the region facts (`regio`
 * part of regio.json: region code and name) and the branch names (catalogue `branches` part).
 */
export function briefingView(
  bundle: Bundle,
  regio: {code: string; naam: string},
  brancheNamen: Readonly<Record<string, string>> = {},
  context: BriefingContext = {}
): BriefingView {
  const bronnen = context.bronnen;
  const namen = {branches: brancheNamen, categorieen: context.categorieNamen};
  const maten = BRIEFING_MATEN.filter((m) => !bronnen || (m.nodig ?? []).every((n) => heeft(bronnen, n)));
  const gebieden = metadataOf(bundle, GEMEENTE);
  const gemeente = gebieden.find((g) => g.niveau === "gemeente");
  if (!gemeente) throw new Error("briefing: het onderdeel gemeente noemt geen gemeente");
  const code = gemeente.code;
  const naam = gemeente.naam;
  const vergelijkbaar = bundle.onderdelen.vergelijkbaar ? metadataOf(bundle, VERGELIJKBAAR) : GEEN;
  const peerCodes = vergelijkbaar.gemeenten.map((g) => g.code);
  const jaar = laatsteJaar(bundle, code, maten, context.jaren ?? []);
  let onderdrukt = 0;

  const figuren: BriefingFiguur[] = [];
  for (const maat of maten) {
    const t = part(bundle, maat.onderdeel);
    if (!t) continue;
    const key = (gebied: string, j: number) => ({
      gebied,
      branche: maat.branche,
      categorie: maat.categorie ?? null,
      jaar: j
    });
    const eigen = t.get(key(code, jaar));
    const vorig = t.get(key(code, jaar - 1));
    const regioCel = t.get(key(regio.code, jaar));
    if (eigen?.status === "onderdrukt") onderdrukt++;
    const naamBron = maat.kortNaam ? {...t.table, titel: maat.kortNaam, cellen: []} : t.table;
    const {label, titel, eenheid} = figuurLabel(naamBron, maat.onderdeel, maat, namen);
    const onderwerp = `${maat.onderwerp} in ${naam}`;
    const spec = BRIEFING_TELLINGEN[maat.onderdeel];
    const tellingen: TellingenVergelijking | undefined = spec && {
      eigen: tellingVan(bundle, maat.onderdeel, key(code, jaar)),
      referentie: tellingVan(bundle, maat.onderdeel, key(regio.code, jaar)),
      soort: spec.soort,
      referentieBevatEigen: true
    };
    const zinnen = [
      comparisonSentence(eigen, regioCel, {
        onderwerp,
        eenheid,
        referentie: `de regio`,
        tellingen,
        // The opening says once what "duidelijk" means; the figures keep their sentences short.
        kort: true,
        // A location quotient is shown with the count it rests on.
        toelichting:
          maat.onderdeel === "locatiequotient" && tellingen?.eigen && isPublished(eigen)
            ? telwoord(
                tellingen.eigen.teller,
                "vestiging in een risicobranche",
                "vestigingen in risicobranches"
              )
            : undefined
      }),
      changeSentence(vorig, eigen, {
        onderwerp: "Dit cijfer",
        eenheid
      })
    ];
    // Rank among the gemeente and its peers (only published values take part).
    const groep = [code, ...peerCodes]
      .map((g) => ({g, v: valueOf(t.get(key(g, jaar)))}))
      .filter((x): x is {g: string; v: number} => x.v !== null)
      .sort((a, b) => b.v - a.v || a.g.localeCompare(b.g));
    const positie = groep.findIndex((x) => x.g === code);
    const rang = positie >= 0 && groep.length > 1 ? {rang: positie + 1, van: groep.length} : null;
    const verandering =
      isPublished(eigen) && isPublished(vorig) ? Math.round((eigen.waarde - vorig.waarde) * 100) / 100 : null;
    figuren.push({
      maat,
      label,
      titel,
      eenheid,
      jaar,
      eigen,
      vorig,
      regio: regioCel,
      vergelijking: isPublished(eigen) && isPublished(regioCel) ? vergelijking(tellingen) : null,
      zinnen,
      rang,
      kaart: {
        label,
        cell: eigen,
        eenheid,
        verandering,
        // A change of a percentage is in percentage points, never a relative change.
        veranderingLabel: `${eenheid === "procent" ? "procentpunt " : ""}t.o.v. ${jaar - 1}`,
        rang,
        toelichting: isPublished(regioCel) ? `Regio: ${formatWaarde(regioCel.waarde, eenheid)}` : undefined
      }
    });
  }

  // Peers and wijken on the density of risk branches; without a register of establishments on
  // registered crime (public police figures), when the bronmap has them.
  const openbaar = bronnen !== undefined && !heeft(bronnen, "vestigingen");
  const vergelijkId = openbaar ? (bronnen && heeft(bronnen, "politie") ? "misdrijven" : null) : "dichtheid";
  const vergelijk = BRIEFING_MATEN.find((m) => m.id === vergelijkId) ?? null;
  const dichtheid = vergelijk ? part(bundle, vergelijk.onderdeel) : null;
  const vergelijkLabel = vergelijk && figuurLabel(dichtheid?.table, vergelijk.onderdeel, vergelijk, namen);
  const vergelijkMaat = vergelijk &&
    vergelijkLabel && {id: vergelijk.id, label: vergelijkLabel.label, eenheid: vergelijkLabel.eenheid};
  const sleutel = (gebied: string) => ({
    gebied,
    branche: vergelijk?.branche ?? null,
    categorie: vergelijk?.categorie ?? null,
    jaar
  });
  const peerItems: RankingItem[] = [{code, naam}, ...vergelijkbaar.gemeenten].map((g) => ({
    code: g.code,
    naam: g.naam,
    cell: dichtheid?.get(sleutel(g.code))
  }));
  const peerRegio = valueOf(dichtheid?.get(sleutel(regio.code)));
  const peerZin =
    vergelijkbaar.gemeenten.length === 0
      ? `Voor ${naam} zijn geen vergelijkbare gemeenten bepaald: de bronmap bevat te weinig gemeenten of geen kerncijfers.`
      : `De vijf gemeenten die het meest op ${naam} lijken (op ${opsomming(vergelijkbaar.variabelen)}${vergelijkbaar.jaar ? `, ${vergelijkbaar.jaar}` : ""}) zijn ${opsomming(vergelijkbaar.gemeenten.map((g) => g.naam))}.`;

  const wijkTabel = openbaar ? dichtheid : part(bundle, "vestigingen-wijk-per-1000");
  const wijken = gebieden.filter((g) => g.niveau === "wijk");
  const wijkItems: RankingItem[] = wijken.map((w) => ({
    code: w.code,
    naam: w.naam,
    cell: wijkTabel?.get(sleutel(w.code))
  }));
  const wijkZin = wijkSentence(
    wijkItems,
    naam,
    vergelijk?.kort ?? "het aantal vestigingen in risicobranches per 1.000 inwoners"
  );

  // Branches by location quotient: only those that differ from the region by more than chance,
  // with at least MIN_TELLING_LQ establishments, named with their count. In a bronmap of one
  // gemeente the region is the gemeente and every quotient is 1: no sentence then.
  const lq = part(bundle, "locatiequotient");
  const lqCellen = (lq?.table.cellen ?? []).filter(
    (c) =>
      c.gebiedcode === code && c.jaar === jaar && c.branche && c.branche !== "risico" && c.branche !== "alle"
  );
  const lqItems: LqItem[] = lqCellen.map((c) => {
    const k = {gebied: code, branche: c.branche, categorie: null, jaar};
    const t = ["branche", "alle", "branche-regio", "alle-regio"].map((b) =>
      basisTelling(bundle, "locatiequotient", b, k)
    );
    return {
      naam: brancheNamen[c.branche!] ?? c.branche!,
      lq: c,
      tellingen: t.every((x) => x !== null)
        ? {branche: t[0]!, alle: t[1]!, brancheReferentie: t[2]!, alleReferentie: t[3]!}
        : null
    };
  });
  const lqZin = locatiequotientSentence(lqItems, {
    gebied: naam,
    referentie: "de regio",
    jaar,
    referentieBevatEigen: true
  });
  const lqs = lqItems.filter((i) => isPublished(i.lq));
  const brancheZin =
    lqs.length === 0
      ? `Voor ${naam} is in ${jaar} geen locatiequotiënt per branche te tonen: de aantallen zijn te klein of er zijn geen gegevens.`
      : (lqZin ?? "");
  const oordelen =
    lqZin === null ? {boven: [], onder: []} : locatiequotientOordelen(lqItems, {referentieBevatEigen: true});
  const boven = oordelen.boven.map((o) => ({branche: o.naam, lq: o.lq, aantal: o.aantal}));
  const onder = oordelen.onder.map((o) => ({branche: o.naam, lq: o.lq, aantal: o.aantal}));

  // Against Nederland (CBS branches, national reference), when the bronmap has it.
  const lqNl = part(bundle, "locatiequotient-nederland");
  const nlCellen = (lqNl?.table.cellen ?? []).filter(
    (c) => c.gebiedcode === code && c.jaar === jaar && c.branche
  );
  const nlNaam = (b: string) => (brancheNamen[b] ?? b).replace(/^./, (c) => c.toLowerCase());
  const nl = {
    hoog: nlCellen
      .filter(isPublished)
      .filter((c) => c.waarde >= LQ_HOOG)
      .sort((a, b) => b.waarde - a.waarde)
      .map((c) => `${nlNaam(c.branche!)} (${formatWaarde(c.waarde, "index")})`),
    laag: nlCellen
      .filter(isPublished)
      .filter((c) => c.waarde <= LQ_LAAG)
      .sort((a, b) => a.waarde - b.waarde)
      .map((c) => `${nlNaam(c.branche!)} (${formatWaarde(c.waarde, "index")})`),
    gepubliceerd: nlCellen.filter(isPublished).length
  };
  const nederland = lqNl && nlCellen.length ? nederlandZin(naam, nl, jaar) : null;

  const samenvatting = summary(figuren, naam, jaar, onderdrukt);
  if (bronnen && alleenOpenbaar(bronnen))
    samenvatting.splice(samenvatting.length - 1, 0, BRIEFING_EIGEN_DATA);
  const heeftVorig = (context.jaren ?? [jaar - 1]).includes(jaar - 1);
  const metPeers = vergelijkbaar.gemeenten.length > 0;
  const kop = `${naam}, ${jaar}: de cijfers die ertoe doen, tegen de regio ${regio.naam}${heeftVorig ? `, tegen ${jaar - 1}` : ""}${nederland ? ", tegen Nederland" : ""}${metPeers ? " en tegen vergelijkbare gemeenten" : ""}.`;
  return {
    code,
    naam,
    regioCode: regio.code,
    regioNaam: regio.naam,
    jaar,
    figuren,
    samenvatting,
    vergelijkbaar,
    peerItems,
    peerRegio,
    peerZin,
    wijkItems,
    wijkZin,
    branches: {boven, onder},
    brancheZin: openbaar
      ? (nederland ??
        `Voor ${naam} zijn geen cijfers per bedrijfstak te tonen: de bronmap bevat geen vestigingenregister en geen landelijke referentie.`)
      : nederland
        ? `${brancheZin} ${nederland}`
        : brancheZin,
    onderdrukt,
    vergelijkMaat,
    kop
  };
}

/** `maat`: the phrase of the measure with its article ("het aantal vestigingen ..."). */
function wijkSentence(items: RankingItem[], naam: string, maat: string): string {
  const published = items
    .filter((i) => isPublished(i.cell))
    .sort((a, b) => (b.cell!.waarde as number) - (a.cell!.waarde as number) || a.code.localeCompare(b.code));
  const suppressed = items.filter((i) => i.cell?.status === "onderdrukt").length;
  const tail =
    suppressed > 0 ? ` Voor ${telwoord(suppressed, "wijk", "wijken")} is het cijfer onderdrukt.` : "";
  if (items.length === 0) return `Voor ${naam} zijn geen wijken bekend.`;
  if (published.length === 0) return `Voor geen enkele wijk van ${naam} is ${maat} te tonen.${tail}`;
  const top = published[0]!;
  return `Het hoogste ${maat.replace(/^het /, "")} heeft ${top.naam} (${formatWaarde(top.cell!.waarde, "per-1000")}).${tail}`;
}

function hoofdletter(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The opening sentences: which figures are clearly above or below the region (by more than chance
 * for the published counts behind them), which could not be judged, what is hidden.
 */
function summary(figuren: BriefingFiguur[], naam: string, jaar: number, onderdrukt: number): string[] {
  const hoger: string[] = [];
  const lager: string[] = [];
  let beoordeeld = 0;
  for (const f of figuren) {
    if (f.maat.id === "lq") continue; // the quotient is itself a comparison with the region
    if (!f.vergelijking) continue;
    beoordeeld++;
    if (f.vergelijking.oordeel === "hoger" && f.eigen!.waarde! > f.regio!.waarde!) hoger.push(f.maat.kort);
    else if (f.vergelijking.oordeel === "lager" && f.eigen!.waarde! < f.regio!.waarde!)
      lager.push(f.maat.kort);
  }
  const zinnen: string[] = [];
  if (beoordeeld === 0)
    zinnen.push(
      `Of ${naam} in ${jaar} duidelijk van de regio verschilt, is niet te zeggen: de aantallen achter de cijfers zijn onderdrukt, ontbreken of de regio bestaat alleen uit ${naam}.`
    );
  else
    zinnen.push(
      hoger.length > 0
        ? `In ${jaar} ligt ${naam} duidelijk boven de regio bij ${opsomming(hoger)}: daar is het verschil groter dan toeval bij deze aantallen.`
        : `In ${jaar} ligt ${naam} op geen van de gepubliceerde cijfers duidelijk boven de regio, dat wil zeggen met een verschil dat groter is dan toeval bij deze aantallen.`
    );
  if (lager.length > 0)
    zinnen.push(`Duidelijk onder de regio ${lager.length === 1 ? "ligt" : "liggen"} ${opsomming(lager)}.`);
  const verborgen = figuren.filter((f) => f.eigen?.status === "onderdrukt").map((f) => f.maat.kort);
  if (onderdrukt > 0)
    zinnen.push(
      hoofdletter(
        `${telwoord(onderdrukt, "cijfer is", "cijfers zijn")} voor ${naam} onderdrukt om kleine aantallen te beschermen (${opsomming(verborgen)}); daarover zegt deze briefing niets.`
      )
    );
  zinnen.push(
    "Deze cijfers zijn signalen voor het gesprek, geen bewijs: een hoog cijfer zegt niets over één bedrijf of persoon."
  );
  return zinnen;
}
