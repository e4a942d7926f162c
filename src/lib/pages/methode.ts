/**
 * The Methode en privacy and Open data pages: the indicator definitions from the catalogue, the
 * disclosure report (thresholds, cells published and suppressed per table, the audit) and the
 * data-quality report (rows read, accepted and rejected per file and reason), in sentences and
 * tables computed from the published files, so they are true for any bronmap.
 */
import type {Bundle} from "../contracts.js";
import {metadataOf} from "../contracts.js";
import {formatAantal, formatProcent} from "../format.js";
import {opsomming, telwoord} from "../narrative.js";

/** An indicator as the catalogue publishes it (the fields these pages show). */
export interface CatalogusIndicator {
  id: string;
  titel: string;
  definitie: string;
  formule: {teller: string; noemer?: string; schaal?: string};
  eenheid: string;
  richting: string;
  niveaus: string[];
  jaren: string;
  bronbestanden: string[];
  openbaarheid: string;
  thema: string;
  kanttekeningen: string[];
}

/** One table of the disclosure report. */
export interface RapportTabel {
  id: string;
  titel: string;
  soort: string;
  eenheid: string;
  drempel: string;
  cellen: number;
  gepubliceerd: number;
  onderdruktPrimair: number;
  onderdruktSecundair: number;
  onderdruktAfgeleid?: number;
  afgerond: number;
  geenData?: number;
  audit?: {gecontroleerd: number; geslaagd: boolean; kleinsteBreedte?: number};
}

/** The disclosure report. */
export interface Rapport {
  drempels: Record<string, number>;
  afronding: boolean;
  tabellen: RapportTabel[];
  totaal: {
    cellen: number;
    gepubliceerd: number;
    onderdruktPrimair: number;
    onderdruktSecundair: number;
    afgerond: number;
  };
  audit: {
    geslaagd: boolean;
    gecontroleerd: number;
    componenten?: number;
    lpOplossingen?: number;
    herstelrondes?: number;
    solver?: string;
  };
}

/** The data-quality report. */
export interface Kwaliteit {
  isDemo: boolean;
  jaren: {first: number; last: number} | null;
  bestanden: Array<{
    bestand: string;
    gelezen: number;
    geaccepteerd: number;
    afgewezen: Record<string, number>;
  }>;
}

/** Dutch names of the themes of the catalogue, in reading order. */
export const THEMAS: Readonly<Record<string, string>> = {
  risicobranches: "Risicobranches",
  risicolocaties: "Risicolocaties",
  "weerbare-wijken": "Weerbare wijken",
  trends: "Trends",
  noemers: "Noemers en basiscijfers"
};

export function indicatorenVan(catalogus: Bundle): CatalogusIndicator[] {
  return metadataOf<{indicatoren: CatalogusIndicator[]}>(catalogus, "catalogus").indicatoren;
}

/** The indicators grouped by theme, filtered by a search text (title, id, definition; case-insensitive). */
export function themaGroepen(
  indicatoren: readonly CatalogusIndicator[],
  zoek = ""
): Array<{thema: string; naam: string; indicatoren: CatalogusIndicator[]}> {
  const z = zoek.trim().toLocaleLowerCase("nl");
  const hit = (i: CatalogusIndicator) =>
    z === "" || [i.titel, i.id, i.definitie].some((t) => t.toLocaleLowerCase("nl").includes(z));
  const themas = [...new Set([...Object.keys(THEMAS), ...indicatoren.map((i) => i.thema)])];
  return themas
    .map((thema) => ({
      thema,
      naam: THEMAS[thema] ?? thema,
      indicatoren: indicatoren.filter((i) => i.thema === thema && hit(i))
    }))
    .filter((g) => g.indicatoren.length > 0);
}

/** The formula of an indicator in words. */
export function formuleTekst(i: CatalogusIndicator): string {
  return i.formule.noemer
    ? `${i.formule.teller} gedeeld door ${i.formule.noemer}${i.formule.schaal ? ` ${i.formule.schaal}` : ""}`
    : i.formule.teller;
}

export function rapportVan(openbaarmaking: Bundle): Rapport {
  return metadataOf<Rapport>(openbaarmaking, "rapport");
}

export function kwaliteitVan(openbaarmaking: Bundle): Kwaliteit {
  return metadataOf<Kwaliteit>(openbaarmaking, "kwaliteit");
}

/** The thresholds in a sentence. */
export function drempelZin(r: Rapport): string {
  const d = r.drempels;
  const delen: string[] = [];
  const k = (n: number | undefined, wat: string) =>
    n === undefined ? null : `${wat} minder dan ${formatAantal(n)}`;
  for (const x of [
    k(d.personen, "personen"),
    k(d.huishoudens, "huishoudens"),
    k(d.signalen, "signalen"),
    k(d.vestigingen, "vestigingen"),
    k(d.gebouwen, "gebouwen"),
    k(d.woningen, "woningen")
  ])
    if (x) delen.push(x);
  const p =
    d.pPercent !== undefined
      ? ` Bij bedragen en oppervlaktes geldt de p%-regel (p = ${formatAantal(d.pPercent)}): geen enkele bijdrager mag zijn grootste concurrent tot op ${formatAantal(d.pPercent)}% kunnen schatten, en er moeten minstens ${formatAantal(d.minContributors ?? 3)} bijdragers zijn.`
      : "";
  return `Een telling wordt niet gepubliceerd als ze gaat over ${opsomming(delen)} (een nul mag wel).${p}`;
}

/** Totals of suppression in sentences. */
export function onderdrukkingZinnen(r: Rapport): string[] {
  // The briefing and overview copies repeat catalogue values: count the catalogue tables only.
  const tabellen = catalogusTabellen(r);
  const t = {
    ...r.totaal,
    cellen: tabellen.reduce((s, x) => s + x.cellen, 0),
    gepubliceerd: tabellen.reduce((s, x) => s + x.gepubliceerd, 0)
  };
  const onderdrukt = t.onderdruktPrimair + t.onderdruktSecundair;
  const aandeel = t.cellen > 0 ? (onderdrukt / t.cellen) * 100 : 0;
  const zinnen = [
    `Deze build publiceerde ${telwoord(tabellen.length, "tabel", "tabellen")} met samen ${formatAantal(t.cellen)} cellen; daarvan zijn er ${formatAantal(t.gepubliceerd)} met een waarde gepubliceerd.`,
    onderdrukt === 0
      ? "Geen enkele telling hoefde te worden onderdrukt."
      : `${formatAantal(onderdrukt)} tellingen (${formatProcent(aandeel)} van alle cellen) zijn onderdrukt: ${formatAantal(t.onderdruktPrimair)} omdat ze zelf te klein zijn (primair) en ${formatAantal(t.onderdruktSecundair)} om een andere onderdrukte cel te beschermen (secundair), zodat die niet uit totalen terug te rekenen is.`
  ];
  const meest = [...tabellen]
    .filter((x) => x.cellen > 0)
    .map((x) => ({
      x,
      deel: (x.onderdruktPrimair + x.onderdruktSecundair + (x.onderdruktAfgeleid ?? 0)) / x.cellen
    }))
    .sort((a, b) => b.deel - a.deel || a.x.id.localeCompare(b.x.id))[0];
  if (meest && meest.deel > 0)
    zinnen.push(
      `Het meest onderdrukt is de tabel ‘${meest.x.titel}’: ${formatProcent(meest.deel * 100)} van de cellen. Afgeleide cijfers (per 1.000 inwoners, aandelen, indexen) erven de onderdrukking van de tellingen waarop ze rusten.`
    );
  if (t.afgerond > 0)
    zinnen.push(`${formatAantal(t.afgerond)} tellingen van wijken en buurten zijn afgerond op vijftallen.`);
  return zinnen;
}

/** The audit in a sentence. */
export function auditZin(r: Rapport): string {
  const a = r.audit;
  if (!a.geslaagd)
    return "De controle is niet geslaagd: deze site had niet gebouwd mogen worden. Neem contact op met de beheerder.";
  if (a.gecontroleerd === 0) return "Er waren geen onderdrukte cellen om te controleren.";
  return `Voor elk van de ${formatAantal(a.gecontroleerd)} onderdrukte cellen is met lineaire programmering (met de solver HiGHS) uitgerekend binnen welke grenzen de waarde nog kan liggen, gegeven alle gepubliceerde totalen. Bij geen enkele cel komen die grenzen zo dicht bij elkaar dat de waarde te raden is: de controle is geslaagd.`;
}

/** Rows of the data-quality table and the sentence on rejected rows. */
export function kwaliteitView(q: Kwaliteit) {
  const rijen = q.bestanden.map((b) => ({
    bestand: b.bestand,
    gelezen: b.gelezen,
    geaccepteerd: b.geaccepteerd,
    afgewezen: Object.values(b.afgewezen).reduce((s, n) => s + n, 0),
    redenen: Object.entries(b.afgewezen)
      .sort((a, c) => c[1] - a[1] || a[0].localeCompare(c[0]))
      .map(([reden, n]) => `${reden}: ${formatAantal(n)}`)
      .join("; ")
  }));
  const totaal = rijen.reduce((s, r) => s + r.afgewezen, 0);
  const gelezen = rijen.reduce((s, r) => s + r.gelezen, 0);
  const metAfwijzing = rijen.filter((r) => r.afgewezen > 0);
  const zin =
    totaal === 0
      ? `Alle ${formatAantal(gelezen)} gelezen regels uit ${telwoord(rijen.length, "bestand", "bestanden")} zijn geaccepteerd.`
      : `Van de ${formatAantal(gelezen)} gelezen regels uit ${telwoord(rijen.length, "bestand", "bestanden")} zijn er ${formatAantal(totaal)} afgewezen, in ${opsomming(metAfwijzing.map((r) => r.bestand))}. Afgewezen regels tellen nergens mee; de redenen staan per bestand in de tabel.`;
  const jaren = q.jaren ? `De gegevens lopen van ${q.jaren.first} tot en met ${q.jaren.last}.` : "";
  return {rijen, zin, jaren, totaal};
}

/** The columns of the open-data files (`cijfers.csv`, `cijfers.json`), with what they hold. */
export const OPEN_DATA_KOLOMMEN: ReadonlyArray<{kolom: string; betekenis: string}> = [
  {
    kolom: "indicator",
    betekenis: "Id van de tabel (zie Methode), met `.<categorie>` erachter als de cel een categorie heeft."
  },
  {
    kolom: "branche",
    betekenis:
      "Branchegroep (bijvoorbeeld fastfood, risico = alle risicobranches); leeg als de tabel geen branches heeft."
  },
  {
    kolom: "gebiedcode",
    betekenis: "CBS-code van het gebied (GM…, WK…, BU…), de regio of een bedrijventerrein."
  },
  {kolom: "gebiedniveau", betekenis: "regio, gemeente, wijk of buurt."},
  {kolom: "bovenliggend", betekenis: "Code van het gebied waar dit gebied in ligt; leeg voor de regio."},
  {kolom: "jaar", betekenis: "Peiljaar."},
  {
    kolom: "waarde",
    betekenis: "Het gepubliceerde getal; leeg als de cel onderdrukt is of geen gegevens heeft."
  },
  {kolom: "status", betekenis: "Leeg = gepubliceerd; ‘onderdrukt’, ‘afgerond’ of ‘geen-data’."},
  {kolom: "eenheid", betekenis: "aantal, per-1000, per-100, procent, index, euro, m2, km2 of per-km2."}
];

/** The published tables of the disclosure report, for the open-data list. */
export function tabelRijen(r: Rapport) {
  return catalogusTabellen(r).map((t) => ({
    id: t.id,
    titel: t.titel,
    soort: t.soort,
    eenheid: t.eenheid,
    drempel: t.drempel,
    cellen: t.cellen,
    gepubliceerd: t.gepubliceerd,
    onderdrukt: t.onderdruktPrimair + t.onderdruktSecundair + (t.onderdruktAfgeleid ?? 0)
  }));
}

/** The tables of the catalogue: without the per-page copies (`briefing-…`), which are not in the open data. */
export function catalogusTabellen(r: Rapport): RapportTabel[] {
  return r.tabellen.filter((t) => !t.id.startsWith("briefing-"));
}
