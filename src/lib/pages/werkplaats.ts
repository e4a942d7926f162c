/**
 * The werkplaats (workshop view): the kwetsbaarheidsindex recomputed in the browser with the
 * weights the room chooses, from the published standardised components. With the documented
 * default weights it gives exactly the published index (a unit test holds it to that), because
 * it follows the pipeline's rules (docs/indicators.md, "Kwetsbaarheidsindex"):
 * - the structural part is the weighted mean of the kerncijfer components known for the buurt,
 *   and exists only when at least 40% of the chosen structural weight is known;
 * - the index = (Σ w·z over known structural components + w_signalen · z_signalen) /
 *   (known structural weight + w_signalen), with the published (4-decimal) signal component;
 * - a buurt with fewer than 50 inhabitants gets no score, and says so;
 * - the signal component of a buurt whose own count is suppressed is its wijk's (or gemeente's)
 *   rate, as published; a component that is itself suppressed makes the index suppressed: it
 *   is never guessed or left out silently.
 * Pure functions from published bundles to view models and sentences; no DOM.
 */
import type {Bundle, Cell} from "../contracts.js";
import {isTable, metadataOf, optionalMetadataOf, tableOf, type Table} from "../contracts.js";
import {areasOf, indexTable, valueOf} from "../query.js";
import {formatIndex} from "../format.js";
import {peerGemeenten, type Peer} from "../../shared/peers.js";
import {
  COMPONENTEN,
  JAREN,
  REGIO,
  VERGELIJKBAAR_REGIO,
  type Component
} from "../../shared/contracts/onderdelen.js";
import type {BuurtInput, Score, SignaalBron, WerkplaatsData, Weights} from "../../components/werkplaats.js";

/** One component of the index as published in `weerbaarheid.json` part `componenten` (its contract). */
export type {Component};

/** The id of the signal component (its z-scores are in `kwetsbaarheid-z-signalen`). */
export const SIGNALEN = "signalen";

/**
 * Share of the chosen structural weight that must be known for a buurt to have a structural
 * index (docs/indicators.md; the pipeline's KWETSBAARHEID_MIN_AANDEEL, checked by a test).
 */
export const MIN_AANDEEL = 0.4;

/** Buurten with fewer inhabitants get no index (docs/indicators.md; the pipeline's MIN_INWONERS_INDEX). */
export const MIN_INWONERS = 50;

/**
 * The data the werkplaats draws and its scores: declared by the component that draws them
 * (src/components/werkplaats.ts), which receives this module as its model.
 */
export type {BuurtInput, Score, SignaalBron, WerkplaatsData, Weights};

/** Default weights of the components, as documented. */
export function defaultWeights(componenten: readonly Component[]): Weights {
  return Object.fromEntries(componenten.map((c) => [c.id, c.gewicht]));
}

/** The URL parameter of a component's weight: `w-<id>`. */
export function weightParam(id: string): string {
  return `w-${id}`;
}

/** A buurt as named in the buurt TopoJSON (`gebieden-buurt.topojson`): its wijk is `bovenliggend`. */
export interface BuurtNaam {
  code: string;
  naam: string;
  bovenliggend: string | null;
  /** The buurt's gemeente, when the caller knows it (from the wijk features); else via regio.json. */
  gemeente?: string;
}

/** The buurten named in a published TopoJSON envelope `{soort: "geometrie", waarde: Topology}`. */
export function buurtNamenOf(envelope: {
  waarde: {objects: Record<string, {geometries: Array<{properties?: Partial<BuurtNaam>}>}>};
}): BuurtNaam[] {
  return Object.values(envelope.waarde.objects).flatMap((o) =>
    o.geometries
      .filter((g) => typeof g.properties?.code === "string")
      .map((g) => ({
        code: g.properties!.code!,
        naam: g.properties!.naam ?? g.properties!.code!,
        bovenliggend: g.properties!.bovenliggend ?? null
      }))
  );
}

/**
 * Reads the werkplaats data from `weerbaarheid.json` (merged with the parts of the area shown), `regio.json` and the
 * buurt names of the buurt map (regio.json names areas down to wijken only).
 */
export function readWerkplaatsData(
  weerbaarheid: Bundle,
  regio: Bundle,
  noemers: Bundle,
  buurtNamen: readonly BuurtNaam[]
): WerkplaatsData {
  // A bronmap without signals of its own (public data only) publishes no signal tables: the
  // signal component is then left out, and the index is the structural one (kerncijfers only).
  const heeftSignalen = isTable(weerbaarheid.onderdelen["kwetsbaarheid-z-signalen"]);
  const leeg = (id: string): Table => ({
    schemaVersion: 1,
    id,
    titel: "",
    soort: "afgeleid",
    eenheidSoort: null,
    eenheid: "",
    dimensies: [],
    cellen: []
  });
  const tabel = (id: string): Table =>
    isTable(weerbaarheid.onderdelen[id]) ? tableOf(weerbaarheid, id) : leeg(id);
  const componenten = metadataOf(weerbaarheid, COMPONENTEN).componenten.filter(
    (c) => heeftSignalen || c.id !== SIGNALEN
  );
  const zTable = indexTable(tableOf(weerbaarheid, "kwetsbaarheid-z"));
  // The components' year: from the cells, or (only the overview loaded) from the pipeline's summary.
  const componentJaren: number[] = optionalMetadataOf(weerbaarheid, JAREN)?.componenten ?? [];
  const jaar = zTable.jaren.at(-1) ?? componentJaren.at(-1) ?? NaN;
  const sigTable = indexTable(tabel("kwetsbaarheid-z-signalen"));
  const indexCells = tabel(heeftSignalen ? "kwetsbaarheidsindex" : "kwetsbaarheid-structureel").cellen.filter(
    (c) => c.jaar === jaar
  );
  const regioInfo = metadataOf(regio, REGIO);
  const gebieden = areasOf(regio);
  const wijkGemeente = new Map(
    gebieden.filter((g) => g.niveau === "wijk").map((g) => [g.code, g.bovenliggend ?? ""])
  );
  const structureel = componenten.filter((c) => c.id !== SIGNALEN);
  // Counts behind the signal component: only cells published as is (status "") count.
  const asIs = (cell: Cell | undefined) => (cell && cell.status === "" ? cell.waarde : null);
  const signalen = indexTable(tabel("signalen"));
  const inwoners = indexTable(tableOf(noemers, "inwoners"));
  // The level whose published count the component rests on: the first with a published count.
  const bronVan = (b: BuurtNaam, gemeente: string): SignaalBron => {
    const heeft = (code: string | null | undefined) =>
      code ? valueOf(signalen.get({gebied: code, jaar})) !== null : false;
    if (heeft(b.code)) return "buurt";
    if (heeft(b.bovenliggend)) return "wijk";
    if (heeft(gemeente)) return "gemeente";
    return "regio";
  };
  const buurten: BuurtInput[] = [...buurtNamen]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((g) => {
      const sig = sigTable.get({gebied: g.code, jaar});
      const gemeente = g.gemeente ?? wijkGemeente.get(g.bovenliggend ?? "") ?? g.bovenliggend ?? "";
      const zSignalen = valueOf(sig);
      return {
        code: g.code,
        naam: g.naam,
        gemeente,
        z: Object.fromEntries(
          structureel.map((c) => [c.id, valueOf(zTable.get({gebied: g.code, categorie: c.id, jaar}))])
        ),
        zSignalen,
        signalenStatus:
          sig === undefined ? "geen-data" : sig.waarde === null ? sig.status || "geen-data" : "",
        inwoners: asIs(inwoners.get({gebied: g.code, jaar})),
        signalenBron: zSignalen === null ? null : bronVan(g, gemeente)
      };
    });
  return {
    jaar,
    componenten,
    buurten,
    gemeenten: regioInfo.gemeenten,
    regioNaam: regioInfo.regio.naam,
    gepubliceerd: new Map(indexCells.map((c) => [c.gebiedcode, c])),
    peers: peersVan(
      weerbaarheid,
      noemers,
      regioInfo.gemeenten.map((g) => g.code)
    )
  };
}

/**
 * The five peers of every gemeente: the pipeline's (the `vergelijkbaar` part of
 * weerbaarheid.json, the same as in the briefings), or computed from the published kerncijfers
 * of every gemeente when the bundle has no such part.
 */
function peersVan(weerbaarheid: Bundle, noemers: Bundle, codes: readonly string[]): Map<string, Peer[]> {
  const v = optionalMetadataOf(weerbaarheid, VERGELIJKBAAR_REGIO);
  if (!v) return peersOf(weerbaarheid, noemers, codes);
  return new Map(
    codes.map((code) => [code, (v.gemeenten[code] ?? []).map((p) => ({code: p, afstand: NaN}))])
  );
}

/**
 * Peer gemeenten on the published kerncijfers of the latest year that has them: inhabitants
 * (inwoners), density, income, WOZ value and one-person households (kerncijfers), from weerbaarheid.json.
 * Variables the bronmap does not publish (such as urbanity) are left out of the distance.
 */
export function peersOf(
  weerbaarheid: Bundle,
  noemers: Bundle,
  codes: readonly string[]
): Map<string, Peer[]> {
  const kwb = indexTable(tableOf(weerbaarheid, "kerncijfers"));
  const inw = indexTable(tableOf(noemers, "inwoners"));
  const jaar = kwb.laatsteJaar;
  const variabelen: Record<string, string> = {
    bevolkingsdichtheid: "bevolkingsdichtheid",
    gemiddeld_inkomen: "gemiddeld-inkomen",
    woz: "woz",
    eenpersoonshuishoudens_pct: "eenpersoonshuishoudens"
  };
  const values = new Map<string, Record<string, number | null>>();
  for (const code of codes) {
    const row: Record<string, number | null> = {inwoners: valueOf(inw.get({gebied: code, jaar}))};
    for (const [variabele, categorie] of Object.entries(variabelen))
      row[variabele] = valueOf(kwb.get({gebied: code, categorie, jaar}));
    values.set(code, row);
  }
  return peerGemeenten(values, 5);
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * The index of every buurt with the given weights (missing weights count as 0). Components
 * with weight 0 are not chosen. Rounded to three decimals, as published.
 */
export function computeScores(
  buurten: readonly BuurtInput[],
  componenten: readonly Component[],
  weights: Weights
): Score[] {
  const structureel = componenten
    .filter((c) => c.id !== SIGNALEN)
    .map((c) => ({id: c.id, w: Math.max(0, weights[c.id] ?? 0)}))
    .filter((c) => c.w > 0);
  const totaal = structureel.reduce((s, c) => s + c.w, 0);
  const wSig = Math.max(0, weights[SIGNALEN] ?? 0);
  return buurten.map((b) => {
    const base = {code: b.code, naam: b.naam, gemeente: b.gemeente};
    if (totaal === 0 && wSig === 0) {
      return {...base, waarde: null, status: "geen-data", reden: "geen component gekozen", bijdragen: {}};
    }
    if (b.inwoners != null && b.inwoners < MIN_INWONERS) {
      return {
        ...base,
        waarde: null,
        status: "geen-data",
        reden: `minder dan ${MIN_INWONERS} inwoners`,
        bijdragen: {}
      };
    }
    let bekend = 0;
    let som = 0;
    const termen: Record<string, number> = {};
    for (const c of structureel) {
      const z = b.z[c.id];
      if (z === null || z === undefined) continue;
      bekend += c.w;
      som += c.w * z;
      termen[c.id] = c.w * z;
    }
    // Suppressed signals come first, as in the pipeline: the published index inherits the
    // suppression of its signal counts even when too few kerncijfers are known as well.
    if (wSig > 0 && b.zSignalen === null && b.signalenStatus === "onderdrukt") {
      return {...base, waarde: null, status: "onderdrukt", reden: "signalen onderdrukt", bijdragen: {}};
    }
    if (totaal > 0 && bekend < MIN_AANDEEL * totaal) {
      return {
        ...base,
        waarde: null,
        status: "geen-data",
        reden: "te weinig kerncijfers bekend",
        bijdragen: {}
      };
    }
    if (wSig > 0) {
      if (b.zSignalen === null) {
        return {
          ...base,
          waarde: null,
          status: "geen-data",
          reden: "signalen niet te berekenen",
          bijdragen: {}
        };
      }
      termen[SIGNALEN] = wSig * b.zSignalen;
    }
    // The structural mean is rounded to 4 decimals first, as the pipeline publishes it.
    const st = bekend > 0 ? round(som / bekend, 4) : 0;
    const noemer = bekend + wSig;
    const waarde = round((bekend * st + (wSig > 0 ? wSig * (b.zSignalen as number) : 0)) / noemer, 3);
    const bijdragen = Object.fromEntries(Object.entries(termen).map(([id, t]) => [id, t / noemer]));
    return {...base, waarde: waarde === 0 ? 0 : waarde, status: "", reden: null, bijdragen};
  });
}

/** A score as a published-style cell, for the chart components. */
export function scoreCell(score: Score, jaar: number): Cell {
  return {
    gebiedcode: score.code,
    gebiedniveau: "buurt",
    bovenliggend: score.gemeente,
    branche: null,
    categorie: null,
    jaar,
    waarde: score.waarde,
    status: score.status,
    reden: score.reden
  };
}

/** Scores with a value, highest first (ties by name). */
export function ranked(scores: readonly Score[]): Score[] {
  return scores
    .filter((s) => s.waarde !== null)
    .sort((a, b) => (b.waarde as number) - (a.waarde as number) || a.naam.localeCompare(b.naam, "nl"));
}

/** True when the weights equal the defaults. */
export function isDefault(weights: Weights, componenten: readonly Component[]): boolean {
  return componenten.every((c) => (weights[c.id] ?? 0) === c.gewicht);
}

/** The chosen components in words: "standaardweging" or the non-default weights. */
export function wegingZin(weights: Weights, componenten: readonly Component[]): string {
  if (isDefault(weights, componenten)) return "de standaardweging";
  const gekozen = componenten.filter((c) => (weights[c.id] ?? 0) > 0);
  if (gekozen.length === 0) return "geen enkele component";
  return `een eigen weging (${gekozen.length} van ${componenten.length} componenten gekozen)`;
}

/**
 * The finding of the ranking, for its title: which buurt scores highest in the chosen area.
 * Says so plainly when no buurt has a score.
 */
export function rankingTitle(scores: readonly Score[], gebiedNaam: string): string {
  const top = ranked(scores)[0];
  if (!top) return `Geen buurt in ${gebiedNaam} heeft met deze weging een score`;
  return `${top.naam} scoort het hoogst in ${gebiedNaam} (${formatIndex(top.waarde)})`;
}

/**
 * The map's title as a finding: where the most vulnerable buurten lie. The top tenth of the
 * buurten with a score (at least three, at most ten) is counted per unit (`unitOf`: the gemeente
 * when several gemeenten are shown, else the wijk); a unit with at least half of them is named,
 * otherwise the spread is. `unitNaam` gives a unit's name.
 */
export function mapTitle(
  scores: readonly Score[],
  gebiedNaam: string,
  unitOf: (s: Score) => string,
  unitNaam: (unit: string) => string,
  soort: {enkelvoud: string; meervoud: string}
): string {
  const met = ranked(scores);
  if (met.length === 0) return `Kaart: geen buurt in ${gebiedNaam} heeft met deze weging een score`;
  const n = Math.min(10, Math.max(3, Math.round(met.length / 10)), met.length);
  const top = met.slice(0, n);
  const perUnit = new Map<string, number>();
  for (const s of top) perUnit.set(unitOf(s), (perUnit.get(unitOf(s)) ?? 0) + 1);
  const [unit, count] = [...perUnit].sort(
    (a, b) => b[1] - a[1] || unitNaam(a[0]).localeCompare(unitNaam(b[0]), "nl")
  )[0];
  if (count * 2 >= n && perUnit.size > 1)
    return `Kaart: ${count} van de ${n} kwetsbaarste buurten van ${gebiedNaam} liggen in ${soort.enkelvoud} ${unitNaam(unit)}`;
  if (perUnit.size === 1)
    return `Kaart: de ${n} kwetsbaarste buurten van ${gebiedNaam} liggen allemaal in ${soort.enkelvoud} ${unitNaam(unit)}`;
  return `Kaart: de ${n} kwetsbaarste buurten van ${gebiedNaam} liggen verspreid over ${perUnit.size} ${soort.meervoud}`;
}

/**
 * The key sentence under the controls: how many buurten have a score and what happened to the
 * rest; with `buurten`, also how many take their wijk's (or a larger area's) signal rate.
 */
export function scoresSentence(
  scores: readonly Score[],
  gebiedNaam: string,
  buurten?: readonly BuurtInput[],
  metSignalen = false
): string {
  const met = scores.filter((s) => s.waarde !== null).length;
  const onderdrukt = scores.filter((s) => s.status === "onderdrukt").length;
  const klein = scores.filter(
    (s) => s.waarde === null && s.reden === `minder dan ${MIN_INWONERS} inwoners`
  ).length;
  const zonder = scores.length - met - onderdrukt - klein;
  const parts = [
    `Van de ${scores.length} buurten in ${gebiedNaam} ${met === 1 ? "heeft" : "hebben"} er ${met} een score.`
  ];
  if (klein > 0)
    parts.push(
      `${klein} ${klein === 1 ? "buurt heeft" : "buurten hebben"} minder dan ${MIN_INWONERS} inwoners: te klein voor een index.`
    );
  if (onderdrukt > 0)
    parts.push(
      `${onderdrukt} ${onderdrukt === 1 ? "buurt is" : "buurten zijn"} onderdrukt, omdat van buurt, wijk en gemeente geen aantal signalen te publiceren is; zet het gewicht van signalen op 0 om alleen de kerncijfers te wegen.`
    );
  if (zonder > 0)
    parts.push(`Voor ${zonder} ${zonder === 1 ? "buurt" : "buurten"} zijn te weinig gegevens bekend.`);
  if (buurten && metSignalen) {
    const scored = new Set(scores.filter((s) => s.waarde !== null).map((s) => s.code));
    const overgenomen = buurten.filter(
      (b) => scored.has(b.code) && b.signalenBron != null && b.signalenBron !== "buurt"
    ).length;
    if (overgenomen > 0)
      parts.push(
        `Bij ${overgenomen} ${overgenomen === 1 ? "buurt" : "buurten"} met een score is het eigen aantal signalen te klein om te publiceren; daar telt het signalentempo van de wijk (of gemeente) mee.`
      );
  }
  return parts.join(" ");
}

/** The median of numbers, or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Median score per gemeente over its buurten that have a score, with the count behind it. */
export function gemeenteMedians(
  scores: readonly Score[],
  codes: readonly string[]
): Map<string, {mediaan: number | null; n: number; totaal: number}> {
  return new Map(
    codes.map((code) => {
      const eigen = scores.filter((s) => s.gemeente === code);
      const waarden = eigen.filter((s) => s.waarde !== null).map((s) => s.waarde as number);
      return [code, {mediaan: median(waarden), n: waarden.length, totaal: eigen.length}];
    })
  );
}
