/**
 * The overview page: the region at a glance, each of the three stories with a few key figures
 * and one computed sentence on what stands out, and an entry to every gemeente. Reads only
 * `overzicht.json` (regio and gemeenten, last two years) and `regio.json`.
 */
import type {Bundle, Cell, Table} from "../contracts.js";
import {isTable, tableOf} from "../contracts.js";
import {formatWaarde} from "../format.js";
import {comparisonSentence, isPublished, opsomming, rankingSentence, telwoord} from "../narrative.js";
import {indexTable, type TableIndex} from "../query.js";
import type {KeyFigure} from "../../components/key-figures.js";
import type {RankingItem} from "../../components/ranking-bars.js";
import {figuurLabel, geenCel, type DeelNamen, type RegioInfo} from "./story.js";
import {
  alleenOpenbaar,
  bronnenVan,
  EIGEN_REGISTERS,
  heeft,
  type BronSoort,
  type Bronnen,
  type EigenRegister
} from "./bronnen.js";
import {LQ_HOOG, nederlandZin} from "./publiek.js";

/** One story on the overview. */
export interface OverzichtVerhaal {
  id: "risicobranches" | "risicolocaties" | "weerbare-wijken";
  titel: string;
  pad: string;
  kaartjes: KeyFigure[];
  zinnen: string[];
}

/** The overview's view model. */
export interface OverzichtView {
  regioNaam: string;
  jaar: number;
  /** The region at a glance: inwoners, vestigingen in risicobranches, signalen (counts). */
  oogopslag: KeyFigure[];
  /** The same counts in one sentence; a suppressed count says so. */
  oogopslagZin: string;
  verhalen: OverzichtVerhaal[];
  gemeenten: Array<{code: string; naam: string}>;
  /** Density of risk branches per gemeente, for the entry chart. */
  dichtheid: RankingItem[];
  dichtheidRegio: number | null;
  /** True when the bronmap has the register the density rests on (else the chart is left out). */
  toonDichtheid: boolean;
  /** True when the bronmap holds public data only (no register of its own). */
  alleenOpenbaar: boolean;
}

interface Lookup {
  table(id: string): Table | undefined;
  get(
    id: string,
    gebied: string,
    branche: string | null,
    jaar: number,
    categorie?: string | null
  ): Cell | undefined;
  cells(
    id: string,
    branche: string | null,
    jaar: number,
    codes: readonly string[],
    categorie?: string | null
  ): Cell[];
}

function lookup(bundle: Bundle): Lookup {
  const cache = new Map<string, TableIndex | null>();
  const index = (id: string) => {
    if (!cache.has(id))
      cache.set(id, isTable(bundle.onderdelen[id]) ? indexTable(tableOf(bundle, id)) : null);
    return cache.get(id)!;
  };
  return {
    table: (id) => index(id)?.table,
    get: (id, gebied, branche, jaar, categorie = null) => index(id)?.get({gebied, branche, categorie, jaar}),
    cells: (id, branche, jaar, codes, categorie: string | null = null) =>
      codes.map(
        (code) =>
          index(id)?.get({gebied: code, branche, categorie, jaar}) ?? {
            ...geenCel(code, jaar),
            branche,
            categorie
          }
      )
  };
}

/** The latest year in which the regio has a published density of risk branches (else the last year). */
function laatsteJaar(bundle: Bundle, regioCode: string, info: RegioInfo): number {
  const t = isTable(bundle.onderdelen["vestigingen-per-1000"])
    ? tableOf(bundle, "vestigingen-per-1000")
    : null;
  const jaren = (t?.cellen ?? [])
    .filter((c) => c.gebiedcode === regioCode && c.waarde !== null)
    .map((c) => c.jaar);
  return jaren.length ? Math.max(...jaren) : (info.jaren.at(-1) ?? new Date().getFullYear());
}

/**
 * The own registers each figure and sentence of the overview rests on: with one of them missing
 * from the bronmap, the figure is left out and the story names the file (no card saying "geen
 * gegevens" for a register that is not there).
 */
const NODIG: Readonly<Record<string, readonly EigenRegister[]>> = {
  "vestigingen-per-1000": ["vestigingen"],
  "groei-5-jaar": ["vestigingen"],
  verloop: ["vestigingen"],
  "zorg-met-vastgoed-per-100": ["vestigingen", "eigendommen"],
  "risico-aandeel-buitengebied": ["vestigingen"],
  "risico-aandeel-kern": ["vestigingen"],
  "panden-leeg-aandeel": ["panden"],
  "signalen-per-1000": ["signalen"],
  "signalen-index": ["signalen"]
};

/** Builds the overview from `overzicht.json` and the region facts of `regio.json`. */
export function overzichtView(bundle: Bundle, info: RegioInfo): OverzichtView {
  const r = info.regio.code;
  const jaar = laatsteJaar(bundle, r, info);
  const vorig = jaar - 1;
  const q = lookup(bundle);
  // What each card and sentence needs (NODIG), so a bronmap missing a register drops just those.
  const kaartNodig = new Map<KeyFigure, readonly EigenRegister[]>();
  const zinNodig = new Map<string, readonly EigenRegister[]>();
  const codes = info.gemeenten.map((g) => g.code);
  const names = new Map(info.gemeenten.map((g) => [g.code, g.naam]));
  const figuur = (id: string, branche: string | null, categorie: string | null = null): KeyFigure => {
    const {label, eenheid} = figuurLabel(q.table(id), id, {branche, categorie}, DEEL_NAMEN);
    const nu = q.get(id, r, branche, jaar, categorie);
    const toen = q.get(id, r, branche, vorig, categorie);
    const kaart: KeyFigure = {
      label,
      cell: nu,
      eenheid,
      verandering:
        isPublished(nu) && isPublished(toen) ? Math.round((nu.waarde - toen.waarde) * 100) / 100 : null,
      veranderingLabel: `t.o.v. ${vorig}`,
      // Without last year's value the card would silently show no change: say why.
      toelichting:
        isPublished(nu) && !isPublished(toen)
          ? `Verandering t.o.v. ${vorig} niet te tonen: ${toen?.status === "onderdrukt" ? `het cijfer van ${vorig} is onderdrukt` : `geen cijfer voor ${vorig}`}.`
          : undefined
    };
    kaartNodig.set(kaart, NODIG[id] ?? []);
    return kaart;
  };
  /** A ranking sentence on a figure: `label` is the sentence's phrase, the unit the catalogue's. */
  const ranking = (id: string, branche: string | null, label: string) => {
    const eenheid = q.table(id)?.eenheid ?? "";
    const zin = rankingSentence(q.cells(id, branche, jaar, codes), {label, eenheid, names});
    zinNodig.set(zin, NODIG[id] ?? []);
    return zin;
  };

  const buiten = q.get("risico-aandeel-buitengebied", r, "risico", jaar);
  const kern = q.get("risico-aandeel-kern", r, "risico", jaar);
  const buitenZin = comparisonSentence(buiten, kern, {
    onderwerp: `Het aandeel risicobranches onder de vestigingen in het buitengebied van de regio`,
    eenheid: q.table("risico-aandeel-buitengebied")?.eenheid ?? "",
    referentie: "in de kernen"
  });
  zinNodig.set(buitenZin, NODIG["risico-aandeel-buitengebied"]!);

  const verhalen: OverzichtVerhaal[] = [
    {
      id: "risicobranches",
      titel: "Risicobranches",
      pad: "./risicobranches",
      kaartjes: [
        figuur("vestigingen-per-1000", "risico"),
        figuur("groei-5-jaar", "risico"),
        figuur("verloop", "risico"),
        figuur("zorg-met-vastgoed-per-100", "zorg")
      ],
      zinnen: [
        ranking(
          "vestigingen-per-1000",
          "risico",
          "het aantal vestigingen in risicobranches per 1.000 inwoners"
        ),
        ranking("groei-5-jaar", "risico", "de groei van de risicobranches in vijf jaar")
      ]
    },
    {
      id: "risicolocaties",
      titel: "Risicolocaties",
      pad: "./risicolocaties",
      kaartjes: [
        figuur("risico-aandeel-buitengebied", "risico"),
        figuur("risico-aandeel-kern", "risico"),
        figuur("panden-leeg-aandeel", null)
      ],
      zinnen: [buitenZin, ranking("panden-leeg-aandeel", null, "het aandeel leegstaande agrarische gebouwen")]
    },
    {
      id: "weerbare-wijken",
      titel: "Weerbare wijken",
      pad: "./weerbare-wijken",
      kaartjes: [figuur("signalen-per-1000", null), figuur("signalen-index", null)],
      zinnen: [
        ranking("signalen-per-1000", null, "het aantal signalen per 1.000 inwoners"),
        "Welke buurten kwetsbaar zijn, laat de kwetsbaarheidsindex per buurt zien: sociale, woon- en veiligheidscijfers in één taal."
      ]
    }
  ];

  const b = bronnenVan(info);
  const openbaar = alleenOpenbaar(b);
  if (openbaar) publiekeVerhalen(verhalen, info, q, figuur, jaar, codes, names);
  else zonderOntbrekend(verhalen, b, kaartNodig, zinNodig);

  const oogopslagAlle: Array<{nodig: BronSoort; woord: string; figuur: KeyFigure}> = [
    {nodig: "kerncijfers", woord: "inwoners", figuur: figuur("inwoners", null)},
    {nodig: "vestigingen", woord: "vestigingen in risicobranches", figuur: figuur("vestigingen", "risico")},
    {nodig: "signalen", woord: "signalen", figuur: figuur("signalen", null)}
  ];
  // Only the counts whose source the bronmap has: no card saying "geen gegevens" for a register
  // that is not there.
  const oogopslagDelen = oogopslagAlle.filter((o) => heeft(b, o.nodig));
  const oogopslag = oogopslagDelen.map((o) => o.figuur);

  const dichtheid = info.gemeenten.map((g) => ({
    code: g.code,
    naam: g.naam,
    cell: q.get("vestigingen-per-1000", g.code, "risico", jaar)
  }));
  const regioDichtheid = q.get("vestigingen-per-1000", r, "risico", jaar);
  return {
    regioNaam: info.regio.naam,
    jaar,
    oogopslag,
    oogopslagZin: oogopslagSentence(
      info.regio.naam,
      info.gemeenten.length,
      jaar,
      oogopslag,
      oogopslagDelen.map((o) => o.woord)
    ),
    verhalen,
    gemeenten: [...info.gemeenten].sort((a, b) => a.naam.localeCompare(b.naam, "nl")),
    dichtheid,
    dichtheidRegio: isPublished(regioDichtheid) ? regioDichtheid.waarde : null,
    toonDichtheid: heeft(b, "vestigingen"),
    alleenOpenbaar: openbaar
  };
}

/**
 * A bronmap with some of its own registers (not public data only): each story keeps the cards
 * and sentences whose registers are there, and says in one sentence which file the rest needs.
 */
function zonderOntbrekend(
  verhalen: OverzichtVerhaal[],
  b: Bronnen,
  kaartNodig: ReadonlyMap<KeyFigure, readonly EigenRegister[]>,
  zinNodig: ReadonlyMap<string, readonly EigenRegister[]>
): void {
  const mist = (nodig: readonly EigenRegister[] | undefined) => (nodig ?? []).filter((r) => !heeft(b, r));
  for (const v of verhalen) {
    const weg = new Set<EigenRegister>();
    const houd =
      <T>(nodig: ReadonlyMap<T, readonly EigenRegister[]>) =>
      (x: T) => {
        const m = mist(nodig.get(x));
        for (const r of m) weg.add(r);
        return m.length === 0;
      };
    v.kaartjes = v.kaartjes.filter(houd(kaartNodig));
    v.zinnen = v.zinnen.filter(houd(zinNodig));
    if (weg.size === 0) continue;
    const bestanden = [...weg].map((r) => `${EIGEN_REGISTERS[r].naam} (${EIGEN_REGISTERS[r].bestand})`);
    v.zinnen.push(
      `Een deel van dit verhaal vraagt om ${opsomming(bestanden)}; ${weg.size === 1 ? "dat bestand ontbreekt" : "die bestanden ontbreken"} in deze bronmap, dus die cijfers staan hier niet.`
    );
  }
}

/** What a story of the overview needs the gemeente's own data for, in one sentence. */
const EIGEN_DATA_ZIN: Record<OverzichtVerhaal["id"], string> = {
  risicobranches:
    "Aantallen, dichtheid, groei en verloop van de risicobranches zelf (fastfood, kappers, autohandel, ...) vragen om het vestigingenregister van de gemeente (vestigingen.csv); de openbare CBS-cijfers tellen alleen hele bedrijfstakken per gemeente.",
  risicolocaties:
    "Dit verhaal vraagt om eigen gegevens van de gemeente: het vestigingenregister (vestigingen.csv) voor de risicobranches in het buitengebied en op bedrijventerreinen, en de agrarische gebouwen (panden.csv) voor de leegstand. Openbare cijfers per locatie zijn er niet.",
  "weerbare-wijken":
    "De signalen van ondermijning per buurt vragen om de eigen signalenregistratie van de gemeente (signalen.csv); zonder die signalen toont de atlas de structurele index uit de CBS-kerncijfers en de geregistreerde misdrijven van de politie."
};

/**
 * The stories of a bronmap with public data only: each says what needs the gemeente's own data,
 * and shows what the public figures carry (CBS branches against Nederland, registered crime).
 */
function publiekeVerhalen(
  verhalen: OverzichtVerhaal[],
  info: RegioInfo,
  q: Lookup,
  figuur: (id: string, branche: string | null, categorie?: string | null) => KeyFigure,
  jaar: number,
  codes: readonly string[],
  names: ReadonlyMap<string, string>
): void {
  const b = bronnenVan(info);
  const r = info.regio.code;
  for (const v of verhalen) {
    v.kaartjes = [];
    v.zinnen = [EIGEN_DATA_ZIN[v.id]];
  }
  const [branches, , wijken] = verhalen as [OverzichtVerhaal, OverzichtVerhaal, OverzichtVerhaal];
  if (heeft(b, "referentie")) {
    branches.kaartjes = ["sbi-56", "sbi-S", "sbi-L", "sbi-Q"].map((b) =>
      figuur("locatiequotient-nederland", b)
    );
    const hoog: string[] = [];
    const laag: string[] = [];
    let n = 0;
    for (const id of ["sbi-I", "sbi-55", "sbi-56", "sbi-G", "sbi-H", "sbi-L", "sbi-N", "sbi-Q", "sbi-S"]) {
      const c = q.get("locatiequotient-nederland", r, id, jaar);
      if (!isPublished(c)) continue;
      n++;
      const naam = BRANCHE_LABELS[id]!;
      if (c.waarde >= LQ_HOOG) hoog.push(`${naam} (${formatWaarde(c.waarde, "index")})`);
      else if (c.waarde <= 0.8) laag.push(`${naam} (${formatWaarde(c.waarde, "index")})`);
    }
    branches.zinnen.unshift(nederlandZin(info.regio.naam, {hoog, laag, gepubliceerd: n}, jaar));
  }
  if (heeft(b, "politie")) {
    wijken.kaartjes = [
      figuur("misdrijven-per-1000", null, "totaal"),
      figuur("misdrijven-per-1000", null, "drugshandel")
    ];
    wijken.zinnen.unshift(
      rankingSentence(q.cells("misdrijven-per-1000", null, jaar, codes, "totaal"), {
        label: "het aantal geregistreerde misdrijven per 1.000 inwoners",
        eenheid: q.table("misdrijven-per-1000")?.eenheid ?? "",
        names
      })
    );
  }
}

/**
 * Short names of the branches and offence groups the overview shows, for its sentences and after
 * the catalogue title on a card ("..., eet- en drinkgelegenheden"). The overview reads no
 * catalogue file (overzicht.json and regio.json only, to stay light), so it names the few it
 * shows itself; titles and units come from the catalogue through the published tables.
 */
const BRANCHE_LABELS: Record<string, string> = {
  risico: "alle risicobranches",
  "sbi-I": "horeca",
  "sbi-55": "logiesverstrekking",
  "sbi-56": "eet- en drinkgelegenheden",
  "sbi-G": "handel",
  "sbi-H": "vervoer en opslag",
  "sbi-L": "onroerend goed",
  "sbi-N": "verhuur en zakelijke diensten",
  "sbi-Q": "zorg en welzijn",
  "sbi-S": "overige dienstverlening"
};

const DEEL_NAMEN: DeelNamen = {
  branches: BRANCHE_LABELS,
  categorieen: {totaal: "alle misdrijven", drugshandel: "drugshandel"}
};

/**
 * "In 2025 telde Voorbeeldregio (8 gemeenten) 537.444 inwoners, 5.877 vestigingen in
 * risicobranches en 1.128 signalen." A count that is suppressed or missing is named as such.
 */
function oogopslagSentence(
  regio: string,
  gemeenten: number,
  jaar: number,
  figuren: KeyFigure[],
  woorden: readonly string[]
): string {
  const getoond: string[] = [];
  const niet: string[] = [];
  figuren
    .map((f) => f.cell)
    .forEach((cell, i) => {
      if (isPublished(cell)) getoond.push(`${formatWaarde(cell.waarde, "aantal")} ${woorden[i]}`);
      else
        niet.push(
          `het aantal ${woorden[i]} ${cell?.status === "onderdrukt" ? "is onderdrukt" : "is niet bekend"}`
        );
    });
  const wie = `${regio} (${telwoord(gemeenten, "gemeente", "gemeenten")})`;
  const eerste =
    getoond.length > 0
      ? `In ${jaar} telde ${wie} ${opsomming(getoond)}.`
      : `Voor ${wie} zijn in ${jaar} geen aantallen te tonen.`;
  const tweede = niet.length > 0 && getoond.length > 0 ? ` ${hoofdletter(opsomming(niet))}.` : "";
  return eerste + tweede;
}

function hoofdletter(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The opening sentence of the overview, computed. */
export function openingZin(view: OverzichtView): string {
  if (view.alleenOpenbaar)
    return `Deze atlas is gebouwd uit openbare gegevens alleen (CBS en politie): de cijfers hieronder laten zien wat die over ${view.regioNaam} vertellen, en elk verhaal zegt welke delen de eigen registers van de gemeente nodig hebben.`;
  // The first card of the first story is the density of risk branches whenever the register is there.
  const d = view.toonDichtheid ? view.verhalen[0]!.kaartjes[0] : undefined;
  if (!d)
    return `De bronmap van ${view.regioNaam} heeft geen vestigingenregister: de verhalen hieronder tonen wat de andere bronnen dragen en zeggen wat ontbreekt.`;
  return isPublished(d.cell)
    ? `Per 1.000 inwoners telde ${view.regioNaam} in ${view.jaar} ${formatWaarde(d.cell.waarde, "per-1000")} vestigingen in risicobranches.`
    : `Voor ${view.regioNaam} is het aantal vestigingen in risicobranches per 1.000 inwoners in ${view.jaar} niet te tonen${d.cell?.status === "onderdrukt" ? ": het is onderdrukt" : ""}.`;
}
