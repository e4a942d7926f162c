/**
 * The Methode en privacy page: the indicator definitions, branch definitions and resilience
 * components from the catalogue, the disclosure report (thresholds, cells published and
 * suppressed per table, the audit) and the data-quality report (rows read, accepted and rejected
 * per file and reason), in sentences and tables computed from the published files, so they are
 * true for any bronmap.
 */
import type {Bundle} from "../contracts.js";
import {metadataOf, optionalMetadataOf} from "../contracts.js";
import {
  BRANCHES,
  CATALOGUS,
  COMPONENTEN,
  KOPPELINGEN,
  KWALITEIT,
  RAPPORT,
  type BrancheGroep,
  type CatalogusIndicator,
  type Component,
  type ComponentJaar,
  type KerncijferVariabele,
  type Kwaliteit,
  type OverwogenBranche,
  type Rapport,
  type RapportTabel
} from "../../shared/contracts/onderdelen.js";
import {formatAantal, formatProcent} from "../format.js";
import {opsomming, telwoord} from "../narrative.js";

// What these pages read of catalogus.json and openbaarmaking.json: the contracts' types.
export type {
  BrancheGroep,
  CatalogusIndicator,
  Component,
  ComponentJaar,
  KerncijferVariabele,
  Kwaliteit,
  OverwogenBranche,
  Rapport,
  RapportTabel
};

/** The branches considered for the default list (empty when the part has none). */
export function overwogenVan(catalogus: Bundle): OverwogenBranche[] {
  if (!catalogus.onderdelen.branches) return [];
  return metadataOf(catalogus, BRANCHES).overwogen ?? [];
}

/** Whether the bronmap's risicobranches.csv changed the default list. */
export function brancheHerkomst(catalogus: Bundle): "standaard" | "bronmap" {
  if (!catalogus.onderdelen.branches) return "standaard";
  return metadataOf(catalogus, BRANCHES).herkomst ?? "standaard";
}

/** Rows of the table of considered branches: name, SBI 2008, SBI 2025, decision, why. */
export function overwogenRijen(lijst: readonly OverwogenBranche[]): string[][] {
  return lijst.map((o) => [o.naam, o.sbi2008 || "-", o.sbi2025 || "-", o.besluit, o.waarom]);
}

/** Dutch names of the themes of the catalogue, in reading order. */
export const THEMAS: Readonly<Record<string, string>> = {
  risicobranches: "Risicobranches",
  risicolocaties: "Risicolocaties",
  "weerbare-wijken": "Weerbare wijken",
  trends: "Trends",
  noemers: "Noemers en basiscijfers"
};

/** The indicators of the catalogue. */
export function indicatorenVan(catalogus: Bundle): CatalogusIndicator[] {
  return metadataOf(catalogus, CATALOGUS).indicatoren;
}

/** The signal categories of the catalogue (empty when it has none). */
export function signaalcategorieenVan(catalogus: Bundle): Array<{id: string; naam: string}> {
  return metadataOf(catalogus, CATALOGUS).signaalcategorieen ?? [];
}

/** The risk branch groups of the catalogue (empty when the part is absent). */
export function branchesVan(catalogus: Bundle): BrancheGroep[] {
  if (!catalogus.onderdelen.branches) return [];
  return metadataOf(catalogus, BRANCHES).groepen ?? [];
}

/** The resilience components and the method in sentences (empty when the part is absent). */
export function componentenVan(catalogus: Bundle): {
  componenten: Component[];
  methode: string[];
  jaren: ComponentJaar[];
} {
  if (!catalogus.onderdelen.componenten) return {componenten: [], methode: [], jaren: []};
  const w = metadataOf(catalogus, COMPONENTEN);
  return {componenten: w.componenten ?? [], methode: w.methode ?? [], jaren: w.jaren ?? []};
}

/** Years as runs: [2015, 2016, 2017, 2020] -> "2015-2017 en 2020". */
export function jaarReeksen(jaren: readonly number[]): string {
  const s = [...new Set(jaren)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < s.length;) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    runs.push(j === i ? String(s[i]) : `${s[i]}-${s[j]}`);
    i = j + 1;
  }
  return opsomming(runs);
}

/** Header of the table of what each kerncijfers file gave. */
export const KERNCIJFER_KOLOMMEN = [
  "Variabele",
  "CBS-sleutel",
  "Titel bij het CBS",
  "Eenheid",
  "Gelezen"
] as const;

/**
 * What each kerncijfers file gave, one table per file: per variable the CBS key, title and unit
 * it came from (and how a count became a share), or "niet in deze tabel".
 */
export function kerncijferTabellen(q: Kwaliteit): Array<{caption: string; zin: string; rijen: string[][]}> {
  return (q.kerncijfers ?? []).map((k) => {
    const jaren = k.jaren.length ? opsomming(k.jaren.map(String)) : "geen jaar";
    const tabel = k.tabel ? `${k.tabel.titel} (${k.tabel.id})` : "een onbekende CBS-tabel";
    return {
      caption: `Kerncijfers ${jaren}: ${tabel}`,
      zin: `Betekenis van de kolommen: ${k.beschrijving}.`,
      rijen: k.variabelen.map((v) => {
        if (v.status === "niet in deze tabel") return [v.naam, "-", "niet in deze tabel", "-", "-"];
        const gelezen =
          v.status === "eenheid past niet"
            ? "niet gebruikt: eenheid past niet"
            : v.waarden === 0
              ? "geen waarden"
              : `${formatAantal(v.waarden)} waarden${v.status === "omgerekend" ? `, omgerekend: × ${formatAantal(v.schaal ?? 1)} / ${v.noemer}` : ""}`;
        return [v.naam, v.sleutel ?? "-", v.titel ?? "-", v.eenheid ?? "-", gelezen];
      })
    };
  });
}

/**
 * On which kerncijfers year each component rests, per published year: one row per component
 * with the source year per year ("2024", or "-" when missing), and the reasons in sentences.
 */
export function componentJarenView(
  componenten: readonly Component[],
  jaren: readonly ComponentJaar[]
): {kolommen: string[]; rijen: string[][]; zinnen: string[]} {
  const alle = [...new Set(jaren.map((j) => j.jaar))].sort((a, b) => a - b);
  const naam = new Map(componenten.map((c) => [c.id, c.naam]));
  const ids = [...new Set(jaren.map((j) => j.component))];
  const at = (c: string, j: number) => jaren.find((x) => x.component === c && x.jaar === j);
  const rijen = ids.map((c) => [
    naam.get(c) ?? c,
    ...alle.map((j) => {
      const x = at(c, j);
      return x?.bronjaar != null ? String(x.bronjaar) : "-";
    })
  ]);
  const zinnen: string[] = [];
  for (const c of ids) {
    const ontbreekt = alle.map((j) => at(c, j)).filter((x): x is ComponentJaar => !!x && x.bronjaar === null);
    if (ontbreekt.length === 0) continue;
    // Years with the same reason together.
    const perReden = new Map<string, number[]>();
    for (const x of ontbreekt) perReden.set(x.reden ?? "", [...(perReden.get(x.reden ?? "") ?? []), x.jaar]);
    zinnen.push(
      `${naam.get(c) ?? c} ontbreekt in ${opsomming([...perReden].map(([reden, js]) => `${jaarReeksen(js)} (${reden})`))}.`
    );
  }
  return {kolommen: ["Component", ...alle.map(String)], rijen, zinnen};
}

/** Rows of the branch table: name, SBI 2008 codes, SBI 2025 codes, licence/Bibob, cash-intensive. */
export function brancheRijen(groepen: readonly BrancheGroep[]): string[][] {
  return groepen.map((g) => [
    g.naam,
    g.sbi2008 || "-",
    g.sbi2025 || "-",
    g.vergunningOfBibob ? "ja" : "nee",
    g.kasintensief ? "ja" : "nee"
  ]);
}

/** The qualitative profile of each branch with its sources from the literature (only branches that have one). */
export function brancheProfielen(groepen: readonly BrancheGroep[]): Array<{naam: string; tekst: string}> {
  return groepen
    .filter((g) => g.profiel)
    .map((g) => ({
      naam: g.naam,
      tekst: `${g.profiel}${g.kanttekening ? ` ${g.kanttekening}` : ""}${g.bronnen && g.bronnen.length > 0 ? ` Bronnen: ${g.bronnen.join("; ")}.` : ""}`
    }));
}

/** A sentence on the branch list: how many groups, how many need a licence, how many are cash-intensive. */
export function brancheZin(
  groepen: readonly BrancheGroep[],
  herkomst: "standaard" | "bronmap" = "standaard"
): string {
  if (groepen.length === 0) return "Deze bronmap definieert geen risicobranches.";
  const vergunning = groepen.filter((g) => g.vergunningOfBibob).length;
  const kas = groepen.filter((g) => g.kasintensief).length;
  const lijst =
    herkomst === "bronmap"
      ? "Deze lijst is de standaardlijst zoals het bestand risicobranches.csv van de bronmap haar veranderde."
      : "Dit is de standaardlijst van de atlas; een bronmap kan haar met een bestand risicobranches.csv vervangen of aanvullen.";
  return `De atlas volgt ${telwoord(groepen.length, "risicobranche", "risicobranches")}, elk gedefinieerd door codes in SBI 2008 en in SBI 2025 (de bedrijfsindeling van het CBS die ook het Handelsregister gebruikt; de KvK zette de meeste vestigingen in 2025 om naar SBI 2025). Een vestiging hoort bij de branche met de langste passende code, dus een specifieke branche gaat voor een algemene. ${lijst} Voor ${formatAantal(vergunning)} daarvan is een vergunning nodig of wordt Bibob toegepast; ${formatAantal(kas)} ${kas === 1 ? "is" : "zijn"} kasintensief. Die kenmerken komen uit de literatuur, niet uit de gegevens.`;
}

/** Rows of the component table: name, direction, weight, why. */
export function componentRijen(componenten: readonly Component[]): string[][] {
  return componenten.map((c) => [
    c.naam,
    c.teken < 0 ? "lager = kwetsbaarder" : "hoger = kwetsbaarder",
    c.gewicht.toLocaleString("nl-NL"),
    c.waarom
  ]);
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

/** The sentence above the indicator list: all, some or none found for the search text. */
export function zoekZin(totaal: number, gevonden: number, zoek: string): string {
  const z = zoek.trim();
  if (z === "") return `Alle ${telwoord(totaal, "indicator", "indicatoren")}.`;
  if (gevonden === 0) return `Geen indicator gevonden voor ‘${z}’.`;
  return `${formatAantal(gevonden)} van de ${telwoord(totaal, "indicator", "indicatoren")} gevonden voor ‘${z}’.`;
}

/** The formula of an indicator in words. */
export function formuleTekst(i: CatalogusIndicator): string {
  return i.formule.noemer
    ? `${i.formule.teller} gedeeld door ${i.formule.noemer}${i.formule.schaal ? ` ${i.formule.schaal}` : ""}`
    : i.formule.teller;
}

/**
 * The line under an indicator's definition: formula (left out when it only repeats the
 * definition), unit, direction, levels and years, each ending in exactly one full stop.
 */
export function kenmerkenRegel(i: CatalogusIndicator): string {
  const zin = (s: string) => s.trim().replace(/[.\s]+$/, "") + ".";
  const formule = formuleTekst(i);
  const delen = [
    ...(i.formule.noemer || zin(formule) !== zin(i.definitie) ? [`Formule: ${zin(formule)}`] : []),
    `Eenheid: ${zin(i.eenheid)}`,
    `Richting: ${zin(i.richting)}`,
    `Niveaus: ${zin(i.niveaus.join(", "))}`,
    `Jaren: ${zin(String(i.jaren))}`
  ];
  return delen.join(" ");
}

/** Dutch words for the disclosure class of an indicator. */
const OPENBAARHEID: Readonly<Record<string, string>> = {
  publiek: "openbare CBS-cijfers, gepubliceerd zoals het CBS ze publiceert",
  afgeleid: "afgeleid cijfer: erft de onderdrukking van de tellingen waarop het rust",
  omvang: "omvang: p%-regel en minstens drie bijdragers",
  vestigingen: "telling van vestigingen",
  gebouwen: "telling van gebouwen",
  woningen: "telling van woningen",
  signalen: "telling van signalen",
  personen: "telling van personen",
  huishoudens: "telling van huishoudens",
  adressen: "telling van adressen"
};

/** The disclosure class of an indicator in words, with its threshold where it is a count. */
export function openbaarheidTekst(i: CatalogusIndicator, r?: Rapport): string {
  const woorden = OPENBAARHEID[i.openbaarheid] ?? i.openbaarheid;
  const k = r?.drempels[i.openbaarheid];
  return k !== undefined && !["pPercent", "minContributors"].includes(i.openbaarheid)
    ? `${woorden} (gepubliceerd vanaf ${formatAantal(k)}, of nul)`
    : woorden;
}

/** The disclosure report of an `openbaarmaking.json` bundle. */
export function rapportVan(openbaarmaking: Bundle): Rapport {
  const rapport = metadataOf(openbaarmaking, RAPPORT);
  const koppelingen = optionalMetadataOf(openbaarmaking, KOPPELINGEN);
  return koppelingen ? {...rapport, aantalKoppelingen: koppelingen.aantal} : rapport;
}

/** The data-quality report of an `openbaarmaking.json` bundle. */
export function kwaliteitVan(openbaarmaking: Bundle): Kwaliteit {
  return metadataOf(openbaarmaking, KWALITEIT);
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
    k(d.woningen, "woningen"),
    k(d.adressen, "adressen")
  ])
    if (x) delen.push(x);
  const p =
    d.pPercent !== undefined
      ? ` Bij bedragen en oppervlaktes geldt de p%-regel (p = ${formatAantal(d.pPercent)}): geen enkele bijdrager mag de grootste tot op ${formatAantal(d.pPercent)}% kunnen schatten, en er moeten minstens ${formatAantal(d.minContributors ?? 3)} bijdragers zijn.`
      : "";
  const afronding = r.afronding
    ? " Na de controle zijn tellingen van wijken en buurten afgerond op vijftallen; van geen enkele cel staat ook een onafgeronde versie op de site."
    : " De tellingen zijn niet afgerond.";
  return `Een telling wordt niet gepubliceerd als ze gaat over ${opsomming(delen)} (een nul mag wel).${p}${afronding}`;
}

/** The tables of the catalogue: without the per-page copies (`briefing-…`), which are not in the open data. */
export function catalogusTabellen(r: Rapport): RapportTabel[] {
  return r.tabellen.filter((t) => !t.id.startsWith("briefing-"));
}

/** Cells of the catalogue tables by what happened to them; the four kinds add up to `cellen`. */
export interface OnderdrukkingTotalen {
  tabellen: number;
  cellen: number;
  gepubliceerd: number;
  primair: number;
  secundair: number;
  afgeleid: number;
  geenData: number;
  afgerond: number;
}

/** Totals over the catalogue tables, summed from the tables themselves. */
export function onderdrukkingTotalen(r: Rapport): OnderdrukkingTotalen {
  const tabellen = catalogusTabellen(r);
  const som = (f: (t: RapportTabel) => number | undefined) => tabellen.reduce((s, t) => s + (f(t) ?? 0), 0);
  return {
    tabellen: tabellen.length,
    cellen: som((t) => t.cellen),
    gepubliceerd: som((t) => t.gepubliceerd),
    primair: som((t) => t.onderdruktPrimair),
    secundair: som((t) => t.onderdruktSecundair),
    afgeleid: som((t) => t.onderdruktAfgeleid),
    geenData: som((t) => t.geenData),
    afgerond: som((t) => t.afgerond)
  };
}

function aandeel(n: number, van: number): string {
  return formatProcent(van > 0 ? (n / van) * 100 : 0);
}

/** Totals of suppression in sentences: how many cells, how many suppressed and why. */
export function onderdrukkingZinnen(r: Rapport): string[] {
  const t = onderdrukkingTotalen(r);
  const leeg = t.cellen - t.gepubliceerd;
  const zinnen = [
    `Deze site publiceert ${telwoord(t.tabellen, "tabel", "tabellen")} met samen ${formatAantal(t.cellen)} cellen. Daarvan hebben er ${formatAantal(t.gepubliceerd)} (${aandeel(t.gepubliceerd, t.cellen)}) een waarde en ${leeg === 0 ? "is er geen enkele leeg" : `${leeg === 1 ? "is er" : "zijn er"} ${formatAantal(leeg)} leeg`}.`
  ];
  const onderdrukt = t.primair + t.secundair;
  zinnen.push(
    onderdrukt === 0
      ? "Geen enkele telling hoefde te worden onderdrukt."
      : `${formatAantal(onderdrukt)} ${onderdrukt === 1 ? "telling is" : "tellingen zijn"} onderdrukt (${aandeel(onderdrukt, t.cellen)} van alle cellen): ${formatAantal(t.primair)} omdat ze zelf onder de drempel liggen (primair) en ${formatAantal(t.secundair)} om een andere onderdrukte cel te beschermen (secundair), zodat die niet uit totalen terug te rekenen is.`
  );
  if (t.afgeleid > 0)
    zinnen.push(
      `${formatAantal(t.afgeleid)} ${t.afgeleid === 1 ? "afgeleid cijfer is" : "afgeleide cijfers (per 1.000 inwoners, aandelen, indexen) zijn"} leeg omdat ${t.afgeleid === 1 ? "het rust" : "ze rusten"} op een onderdrukte telling: afgeleide cijfers erven de onderdrukking.`
    );
  if (t.geenData > 0)
    zinnen.push(
      `${formatAantal(t.geenData)} ${t.geenData === 1 ? "cel is" : "cellen zijn"} leeg omdat de bron voor dat gebied of jaar geen gegevens heeft; dat is geen geheimhouding.`
    );
  const meest = catalogusTabellen(r)
    .filter((x) => x.cellen > 0)
    .map((x) => ({x, deel: (x.onderdruktPrimair + x.onderdruktSecundair) / x.cellen}))
    .sort((a, b) => b.deel - a.deel || a.x.id.localeCompare(b.x.id))[0];
  if (meest && meest.deel > 0)
    zinnen.push(
      `Het meest onderdrukt is de tabel ‘${meest.x.titel}’ (${meest.x.drempel}): ${formatProcent(meest.deel * 100)} van de cellen.`
    );
  if (t.afgerond > 0)
    zinnen.push(
      `${formatAantal(t.afgerond)} ${t.afgerond === 1 ? "telling" : "tellingen"} van wijken en buurten ${t.afgerond === 1 ? "is" : "zijn"} afgerond op vijftallen.`
    );
  return zinnen;
}

/** The information loss of this build in one or two sentences (empty for an older report). */
export function verliesZinnen(r: Rapport): string[] {
  const v = r.informatieverlies;
  if (!v) return [];
  const zinnen = [
    v.extraOnderdrukt === 0
      ? "Geen enkele cel hoefde extra te worden onderdrukt om de kleine tellingen te beschermen."
      : `Het informatieverlies van deze bouw: ${formatAantal(v.extraOnderdrukt)} ${v.extraOnderdrukt === 1 ? "cel is" : "cellen zijn"} extra onderdrukt om kleine tellingen te beschermen, ${aandeel(v.extraOnderdrukt, v.publiceerbaar)} van de ${formatAantal(v.publiceerbaar)} tellingen die op zichzelf gepubliceerd hadden kunnen worden.`
  ];
  if (v.kerntotalen > 0)
    zinnen.push(
      v.kerntotalenVerborgen === 0
        ? `De totalen van de regio en van elke gemeente (alle vestigingen, alle signalen) staan er steeds in als ze de drempel halen: ${formatAantal(v.kerntotalen)} totalen.`
        : `Van de ${formatAantal(v.kerntotalen)} totalen van de regio en de gemeenten die de drempel halen, ${v.kerntotalenVerborgen === 1 ? "moest er één" : `moesten er ${formatAantal(v.kerntotalenVerborgen)}`} toch worden onderdrukt, omdat een kleiner totaal er anders exact uit terug te rekenen was.`
    );
  const a = r.achtergehouden ?? [];
  if (a.length > 0) {
    const cellen = a.reduce((s, x) => s + x.cellen, 0);
    zinnen.push(
      cellen === 1
        ? "Eén cel is alleen één niveau grover gepubliceerd (in het totaal erboven), omdat die op geen andere manier te beschermen was; het openbaarmakingsrapport noemt haar."
        : `${formatAantal(cellen)} cellen zijn alleen één niveau grover gepubliceerd (in het totaal erboven), omdat ze op geen andere manier te beschermen waren; het openbaarmakingsrapport noemt ze.`
    );
  }
  return zinnen;
}

/** Header of the per-table suppression table. */
export const ONDERDRUKKING_KOLOMMEN = [
  "Tabel",
  "Cellen",
  "Met waarde",
  "Primair",
  "Secundair",
  "Afgeleid",
  "Geen gegevens"
] as const;

/** Rows of the per-table suppression table (catalogue tables), and the totals row. */
export function onderdrukkingTabel(r: Rapport): {
  rijen: Array<[string, number, number, number, number, number, number]>;
  totaal: [string, number, number, number, number, number, number];
} {
  const t = onderdrukkingTotalen(r);
  return {
    rijen: catalogusTabellen(r).map((x) => [
      x.titel,
      x.cellen,
      x.gepubliceerd,
      x.onderdruktPrimair,
      x.onderdruktSecundair,
      x.onderdruktAfgeleid ?? 0,
      x.geenData ?? 0
    ]),
    totaal: ["Totaal", t.cellen, t.gepubliceerd, t.primair, t.secundair, t.afgeleid, t.geenData]
  };
}

/** The audit in sentences. */
export function auditZinnen(r: Rapport): string[] {
  const a = r.audit;
  const mislukt = catalogusTabellen(r).filter((t) => t.audit && !t.audit.geslaagd);
  if (!a.geslaagd || mislukt.length > 0)
    return [
      `De controle is niet geslaagd${mislukt.length > 0 ? ` voor ${opsomming(mislukt.map((t) => `‘${t.titel}’`))}` : ""}: deze site had niet gebouwd mogen worden. Neem contact op met de beheerder.`
    ];
  if (a.gecontroleerd === 0) return ["Er waren geen onderdrukte cellen om te controleren."];
  const zinnen = [
    `Voor elk van de ${formatAantal(a.gecontroleerd)} onderdrukte cellen is met lineaire programmering${a.solver?.includes("HiGHS") ? " (solver HiGHS)" : ""} uitgerekend binnen welke grenzen de waarde nog kan liggen, gegeven alle gepubliceerde totalen. Bij geen enkele cel komen die grenzen zo dicht bij elkaar dat de waarde te raden is: de controle is geslaagd.`
  ];
  if (a.componenten !== undefined && a.lpOplossingen !== undefined)
    zinnen.push(
      `De onderdrukte cellen vallen uiteen in ${telwoord(a.componenten, "groep", "groepen")} die via totalen met elkaar samenhangen; daarvoor waren ${formatAantal(a.lpOplossingen)} berekeningen nodig.${
        a.herstelrondes
          ? ` ${a.herstelrondes === 1 ? "Eén keer" : `${formatAantal(a.herstelrondes)} keer`} vond de controle een te smalle ruimte, en onderdrukte de poort daarom extra cellen voordat alles slaagde.`
          : " De eerste onderdrukking was meteen veilig."
      }`
    );
  return zinnen;
}

/** Rows of the data-quality table and the sentences on rejected rows. */
export function kwaliteitView(q: Kwaliteit) {
  const rijen = q.bestanden.map((b) => ({
    bestand: b.bestand,
    gelezen: b.gelezen,
    geaccepteerd: b.geaccepteerd,
    afgewezen: Object.values(b.afgewezen).reduce((s, n) => s + n, 0),
    redenen: Object.entries(b.afgewezen)
      .filter(([, n]) => n > 0)
      .sort((a, c) => c[1] - a[1] || a[0].localeCompare(c[0]))
      .map(([reden, n]) => `${reden}: ${formatAantal(n)}`)
      .join("; ")
  }));
  // Rejections per reason over all files, most frequent first.
  const perReden = new Map<string, number>();
  for (const b of q.bestanden)
    for (const [reden, n] of Object.entries(b.afgewezen)) perReden.set(reden, (perReden.get(reden) ?? 0) + n);
  const redenen = [...perReden]
    .filter(([, n]) => n > 0)
    .sort((a, c) => c[1] - a[1] || a[0].localeCompare(c[0]))
    .map(([reden, aantal]) => ({reden, aantal}));
  const totaal = rijen.reduce((s, r) => s + r.afgewezen, 0);
  const gelezen = rijen.reduce((s, r) => s + r.gelezen, 0);
  const metAfwijzing = rijen.filter((r) => r.afgewezen > 0);
  const zinnen =
    totaal === 0
      ? [
          `Alle ${formatAantal(gelezen)} gelezen regels uit ${telwoord(rijen.length, "bestand", "bestanden")} zijn geaccepteerd.`
        ]
      : [
          `Van de ${formatAantal(gelezen)} gelezen regels uit ${telwoord(rijen.length, "bestand", "bestanden")} ${totaal === 1 ? "is er 1" : `zijn er ${formatAantal(totaal)}`} afgewezen (${aandeel(totaal, gelezen)}), in ${opsomming(metAfwijzing.map((r) => r.bestand))}. Afgewezen regels tellen nergens mee.`,
          `Per reden: ${opsomming(redenen.map((x) => `${x.reden} ${formatAantal(x.aantal)}`))}.`
        ];
  const jaren = q.jaren ? `De gegevens lopen van ${q.jaren.first} tot en met ${q.jaren.last}.` : "";
  return {rijen, redenen, zinnen, zin: zinnen[0]!, jaren, totaal};
}

/** What each file of the bronmap layout holds (docs/eigen-data: the layout is fixed). */
const BRON_OMSCHRIJVING: ReadonlyArray<[RegExp, string]> = [
  [/^gebieden\/gemeenten\./, "Gemeentegrenzen (CBS/PDOK wijk- en buurtkaart)"],
  [/^gebieden\/wijken\./, "Wijkgrenzen (CBS/PDOK wijk- en buurtkaart)"],
  [/^gebieden\/buurten\./, "Buurtgrenzen (CBS/PDOK wijk- en buurtkaart)"],
  [/^kerncijfers\//, "CBS Kerncijfers wijken en buurten"],
  [/^vestigingen\./, "Vestigingen uit het Handelsregister (KvK)"],
  [/^eigendommen\./, "Vastgoed in eigendom van ingeschreven bedrijven (Kadaster)"],
  [/^panden\./, "Agrarische gebouwen in het buitengebied"],
  [/^signalen\./, "Signalen en meldingen van de gemeente en partners"],
  [/^bedrijventerreinen\./, "Bedrijventerreinen (IBIS)"],
  [/^buitengebied\./, "Begrenzing van het buitengebied"],
  [/^politie\/soort-misdrijf\./, "Soorten misdrijf (politie, codelijst)"],
  [/^politie\/wijken-en-buurten\./, "Gebieden van de politiecijfers (codelijst)"],
  [/^politie\//, "Geregistreerde misdrijven per wijk en buurt (Politie, via CBS)"],
  [/^referentie\/bedrijfstakken\./, "Bedrijfstakken (CBS, codelijst)"],
  [/^referentie\//, "Vestigingen per gemeente en bedrijfstak, heel Nederland (CBS)"]
];

/** What a source file holds, from its path in the bronmap layout ("" when unknown). */
export function bronOmschrijving(bestand: string): string {
  return BRON_OMSCHRIJVING.find(([re]) => re.test(bestand))?.[1] ?? "";
}

/** True when a catalogue source pattern (`kerncijfers/*`, `vestigingen.csv`) names this file. */
export function bronPast(patroon: string, bestand: string): boolean {
  return patroon.endsWith("/*") ? bestand.startsWith(patroon.slice(0, -1)) : patroon === bestand;
}

/**
 * The sources of this build: every file read (what it is, its year when the file name has one,
 * rows accepted, the indicators that use it), and the catalogue's sources that this bronmap lacks.
 */
export function bronnenView(q: Kwaliteit, indicatoren: readonly CatalogusIndicator[]) {
  const rijen = q.bestanden.map((b) => {
    const jaar = /(?:^|\D)((?:19|20)\d\d)(?:\D|$)/.exec(b.bestand.split("/").pop() ?? "")?.[1] ?? "";
    const gebruik = indicatoren.filter((i) => i.bronbestanden.some((p) => bronPast(p, b.bestand)));
    return {
      bestand: b.bestand,
      omschrijving: bronOmschrijving(b.bestand),
      jaar,
      geaccepteerd: b.geaccepteerd,
      indicatoren: gebruik.length
    };
  });
  const ontbrekend = [
    ...new Set(
      indicatoren
        .flatMap((i) => i.bronbestanden)
        .filter((p) => !q.bestanden.some((b) => bronPast(p, b.bestand)))
    )
  ].sort();
  const zinnen = [
    `Voor deze site zijn ${telwoord(rijen.length, "bestand", "bestanden")} uit de bronmap gelezen${q.jaren ? `, met gegevens van ${q.jaren.first} tot en met ${q.jaren.last}` : ""}.${q.isDemo ? " Het zijn fictieve bestanden van de voorbeeldregio, in dezelfde indeling als echte bronnen." : ""}`
  ];
  if (ontbrekend.length > 0)
    zinnen.push(
      `${ontbrekend.length === 1 ? "Eén bron uit de catalogus ontbreekt" : `${formatAantal(ontbrekend.length)} bronnen uit de catalogus ontbreken`} in deze bronmap (${opsomming(ontbrekend)}); indicatoren die alleen daarop rusten, blijven leeg.`
    );
  return {rijen, ontbrekend, zinnen};
}
