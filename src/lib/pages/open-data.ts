/**
 * The Open data page: the two open files at their stable paths and their columns, every
 * published table with its metadata (from the disclosure report and the catalogue), a CSV of one
 * table made in the browser from the page bundle that holds it, and the steps by which an
 * outside auditor repeats the audit. Pure functions; the page wires them.
 */
import type {TableCell, TableColumn} from "../chart-frame.js";
import type {Bundle, Cell, Table} from "../contracts.js";
import {isTable, metadataOf} from "../contracts.js";
import {gebiedsnamenDeel, geometrieDeel} from "../../shared/contracts/onderdelen.js";
import {formatAantal, formatProcent} from "../format.js";
import {opsomming, telwoord} from "../narrative.js";
import {
  catalogusTabellen,
  onderdrukkingTotalen,
  THEMAS,
  type CatalogusIndicator,
  type Rapport
} from "./methode.js";

/** The open files, at stable paths next to the page (postbuild copies them there). */
export const OPEN_BESTANDEN: ReadonlyArray<{bestand: string; href: string; formaat: string}> = [
  {
    bestand: "cijfers.csv",
    href: "./open-data/cijfers.csv",
    formaat: "CSV: komma als scheidingsteken, punt als decimaalteken, UTF-8"
  },
  {
    bestand: "cijfers.json",
    href: "./open-data/cijfers.json",
    formaat: "JSON: een lijst van rijen met dezelfde kolommen"
  }
];

/** The columns of the open-data files (`cijfers.csv`, `cijfers.json`), with what they hold. */
export const OPEN_DATA_KOLOMMEN: ReadonlyArray<{kolom: string; betekenis: string}> = [
  {
    kolom: "indicator",
    betekenis: "Id van de tabel (zie Methode), met .<categorie> erachter als de cel een categorie heeft."
  },
  {
    kolom: "branche",
    betekenis:
      "Branchegroep (bijvoorbeeld fastfood; risico = alle risicobranches); <groep>-overig is een restbranche; leeg als de tabel geen branches heeft."
  },
  {
    kolom: "gebiedcode",
    betekenis:
      "CBS-code van het gebied (GM…, WK…, BU…), de regio of een bedrijventerrein; <ouder>-ONBEKEND is een restcel voor wat niet aan een kleiner gebied toe te wijzen is."
  },
  {kolom: "gebiedniveau", betekenis: "regio, gemeente, wijk of buurt."},
  {
    kolom: "bovenliggend",
    betekenis: "Code van het gebied waar dit gebied in ligt; leeg op het hoogste niveau."
  },
  {kolom: "jaar", betekenis: "Peiljaar."},
  {
    kolom: "waarde",
    betekenis:
      "Het gepubliceerde getal, met een punt als decimaalteken; leeg als de cel onderdrukt is of geen gegevens heeft."
  },
  {kolom: "status", betekenis: "Leeg = gepubliceerd; onderdrukt, afgerond of geen-data."},
  {
    kolom: "eenheid",
    betekenis:
      "aantal voor optelbare tellingen; verder per-1000, per-100, procent, index, euro, m2, km2 of per-km2."
  }
];

/** The extra columns of a per-table download, after the columns of the open files. */
export const EXTRA_KOLOMMEN: ReadonlyArray<{kolom: string; betekenis: string}> = [
  {
    kolom: "gebiednaam",
    betekenis:
      "Naam van het gebied, voor wie de tabel in een spreadsheet opent; leeg als de atlas de naam niet kent."
  },
  {
    kolom: "reden",
    betekenis:
      "Waarom een cel leeg is, bijvoorbeeld ‘onderdrukt: telling < 5’; leeg bij een gepubliceerde waarde."
  }
];

/** Dutch words for the area levels of a table. */
const NIVEAUS: Readonly<Record<string, string>> = {
  regio: "regio",
  gemeente: "gemeenten",
  wijk: "wijken",
  buurt: "buurten",
  bedrijventerrein: "bedrijventerreinen"
};

/** The dimensions of a table in words, from its catalogue entry: areas, branches, categories, year. */
export function dimensieTekst(i: CatalogusIndicator | undefined): string {
  if (!i) return "";
  const delen = [`gebied (${i.niveaus.map((n) => NIVEAUS[n] ?? n).join(", ")})`];
  if (i.branches && i.branches.length > 0)
    delen.push(
      i.branches.length === 1 ? `branche (${i.branches[0]})` : `branche (${formatAantal(i.branches.length)})`
    );
  if (i.categorieen && i.categorieen.length > 0)
    delen.push(`categorie (${formatAantal(i.categorieen.length)})`);
  delen.push("jaar");
  return delen.join(" × ");
}

/** One published table with its metadata, for the open-data list. */
export interface OpenTabel {
  id: string;
  titel: string;
  thema: string;
  themaId: string;
  soort: string;
  eenheid: string;
  drempel: string;
  dimensies: string;
  jaren: string;
  definitie: string;
  cellen: number;
  gepubliceerd: number;
  onderdrukt: number;
  geenData: number;
  bestandsnaam: string;
}

/** Every catalogue table of the disclosure report with its catalogue metadata, in report order. */
export function openTabellen(r: Rapport, indicatoren: readonly CatalogusIndicator[]): OpenTabel[] {
  const perId = new Map(indicatoren.map((i) => [i.id, i]));
  return catalogusTabellen(r).map((t) => {
    const i = perId.get(t.id);
    return {
      id: t.id,
      titel: t.titel,
      thema: i ? (THEMAS[i.thema] ?? i.thema) : "Overig",
      themaId: i?.thema ?? "",
      soort: t.soort,
      eenheid: t.eenheid,
      drempel: t.drempel,
      dimensies: dimensieTekst(i),
      jaren: i?.jaren ?? "",
      definitie: i?.definitie ?? "",
      cellen: t.cellen,
      gepubliceerd: t.gepubliceerd,
      onderdrukt: t.onderdruktPrimair + t.onderdruktSecundair + (t.onderdruktAfgeleid ?? 0),
      geenData: t.geenData ?? 0,
      bestandsnaam: `${t.id}.csv`
    };
  });
}

/** The tables grouped by theme, in the catalogue's theme order. */
export function openTabelGroepen(
  tabellen: readonly OpenTabel[]
): Array<{thema: string; tabellen: OpenTabel[]}> {
  const volgorde = [...Object.keys(THEMAS), ...tabellen.map((t) => t.themaId)];
  return [...new Set(volgorde)]
    .map((id) => tabellen.filter((t) => t.themaId === id))
    .filter((g) => g.length > 0)
    .map((g) => ({thema: g[0]!.thema, tabellen: g}));
}

/** What a table holds in one line: id, unit, dimensions, years and threshold. */
export function tabelKenmerken(t: OpenTabel): string {
  return [
    `Indicator ${t.id}`,
    `eenheid ${t.eenheid}`,
    t.dimensies,
    t.jaren ? `jaren: ${t.jaren}` : "",
    `drempel: ${t.drempel || "geen"}`
  ]
    .filter(Boolean)
    .join(" · ");
}

/** The cells of a table in a sentence. */
export function tabelCellenZin(t: OpenTabel): string {
  return `${telwoord(t.cellen, "cel", "cellen")}: ${formatAantal(t.gepubliceerd)} met een waarde, ${formatAantal(t.onderdrukt)} onderdrukt en ${formatAantal(t.geenData)} zonder gegevens.`;
}

/** Sentences on the open files: how many rows, how many of them empty and why. */
export function openDataZinnen(r: Rapport): string[] {
  const t = onderdrukkingTotalen(r);
  const onderdrukt = t.primair + t.secundair + t.afgeleid;
  return [
    `Beide bestanden hebben ${telwoord(t.cellen, "rij", "rijen")}: één per cel van de ${telwoord(t.tabellen, "gepubliceerde tabel", "gepubliceerde tabellen")}. ${telwoord(t.gepubliceerd, "rij", "rijen")} (${formatProcent(t.cellen > 0 ? (t.gepubliceerd / t.cellen) * 100 : 0)}) ${t.gepubliceerd === 1 ? "heeft" : "hebben"} een waarde; ${formatAantal(onderdrukt)} ${onderdrukt === 1 ? "heeft" : "hebben"} de status onderdrukt en ${formatAantal(t.geenData)} de status geen-data.`,
    "Onderdrukte cellen staan er dus ook in, met een lege waarde: zo kan iedereen nagaan dat geen enkele onderdrukte waarde uit de gepubliceerde getallen terug te rekenen is."
  ];
}

/** The page bundles that hold the published tables, in the order to try them. */
export const BUNDELS = [
  "risicobranches.json",
  "risicolocaties.json",
  "weerbaarheid.json",
  "trends.json"
] as const;
export type BundelNaam = (typeof BUNDELS)[number];

/** Where a theme's tables mostly live. */
const THEMA_BUNDEL: Readonly<Record<string, BundelNaam>> = {
  risicobranches: "risicobranches.json",
  risicolocaties: "risicolocaties.json",
  "weerbare-wijken": "weerbaarheid.json",
  trends: "trends.json",
  noemers: "weerbaarheid.json"
};

/** The bundles to search for a table of a theme: the theme's own bundle first, then the others. */
export function bundelVolgorde(thema: string | undefined): BundelNaam[] {
  const eerst = thema ? THEMA_BUNDEL[thema] : undefined;
  return eerst ? [eerst, ...BUNDELS.filter((b) => b !== eerst)] : [...BUNDELS];
}

/** The table `id` of a bundle, or null when the bundle does not hold it. */
export function tabelUitBundel(bundle: Bundle, id: string): Table | null {
  const direct = bundle.onderdelen[id];
  if (isTable(direct) && direct.id === id) return direct;
  for (const part of Object.values(bundle.onderdelen)) if (isTable(part) && part.id === id) return part;
  return null;
}

/**
 * The cells of a table in the order of the open files: by area (the regio, other areas of its
 * level such as bedrijventerreinen, gemeenten, wijken, buurten; each by code), then branch and
 * category in the order they first occur (the regio's cells, first in the page files, list them
 * in the catalogue's order), then year. A page's table is merged from parts per block and year
 * (src/lib/delen.ts); this gives back the order of the whole.
 */
export function inTabelVolgorde(cellen: readonly Cell[]): Cell[] {
  const rang = (c: Cell) =>
    c.gebiedniveau === "regio"
      ? c.bovenliggend === null
        ? 0
        : 1
      : (({gemeente: 2, wijk: 3, buurt: 4} as Record<string, number>)[c.gebiedniveau] ?? 5);
  const eerst = (key: (c: Cell) => string) => {
    const m = new Map<string, number>();
    for (const c of cellen) if (!m.has(key(c))) m.set(key(c), m.size);
    return m;
  };
  const branche = eerst((c) => c.branche ?? "");
  const categorie = eerst((c) => c.categorie ?? "");
  return [...cellen].sort(
    (a, b) =>
      rang(a) - rang(b) ||
      (a.gebiedcode < b.gebiedcode ? -1 : a.gebiedcode > b.gebiedcode ? 1 : 0) ||
      branche.get(a.branche ?? "")! - branche.get(b.branche ?? "")! ||
      categorie.get(a.categorie ?? "")! - categorie.get(b.categorie ?? "")! ||
      a.jaar - b.jaar
  );
}

/**
 * One table as CSV data for `tableToCsv`: the columns of the open files in the same order, with
 * the same values (so its rows equal that table's rows in cijfers.csv), plus the area name and
 * the reason a cell is empty.
 */
export function tabelCsvData(
  table: Table,
  namen: ReadonlyMap<string, string> = new Map()
): {columns: TableColumn[]; rows: TableCell[][]} {
  const columns = [...OPEN_DATA_KOLOMMEN, ...EXTRA_KOLOMMEN].map((k) => ({label: k.kolom}));
  const getal = (v: number | null): TableCell => ({text: v === null ? "" : String(v), value: v});
  const rows = inTabelVolgorde(table.cellen).map((c) => [
    c.categorie ? `${table.id}.${c.categorie}` : table.id,
    c.branche ?? "",
    c.gebiedcode,
    c.gebiedniveau,
    c.bovenliggend ?? "",
    getal(c.jaar),
    getal(c.waarde),
    c.status,
    table.eenheid,
    namen.get(c.gebiedcode) ?? "",
    c.waarde === null ? (c.reden ?? "") : ""
  ]);
  return {columns, rows};
}

/** Code -> name of every area named in the bundles (their `gebiedsnamen` parts). */
export function gebiedsnamen(...bundles: Bundle[]): Map<string, string> {
  const namen = new Map<string, string>();
  for (const bundle of bundles)
    for (const [naam, part] of Object.entries(bundle.onderdelen)) {
      if (isTable(part)) continue;
      if (part.soort === "gebiedsnamen") {
        for (const g of metadataOf(bundle, gebiedsnamenDeel(naam))) namen.set(g.code, g.naam);
      } else if (part.soort === "geometrie") {
        // The wijken and buurten are named in their map (TopoJSON properties code and naam).
        for (const o of Object.values(metadataOf(bundle, geometrieDeel(naam)).objects))
          for (const g of o.geometries)
            if (g.properties.code && g.properties.naam) namen.set(g.properties.code, g.properties.naam);
      }
    }
  return namen;
}

/** The status line after a download. */
export function downloadZin(t: Pick<OpenTabel, "titel" | "bestandsnaam">, rijen: number): string {
  return `${t.bestandsnaam} is gedownload: ‘${t.titel}’, ${telwoord(rijen, "rij", "rijen")}.`;
}

/**
 * How an outside auditor repeats the audit from cijfers.csv (docs/privacy.md, "De audit zelf
 * herhalen"), with this build's branch hierarchies and links between tables counted.
 */
export function auditStappen(r: Rapport): string[] {
  const hierarchieen = catalogusTabellen(r).filter(
    (t) => t.brancheHierarchie && Object.keys(t.brancheHierarchie).length > 0
  );
  const koppelingen = r.aantalKoppelingen ?? r.koppelingen?.length ?? 0;
  const tellingen = catalogusTabellen(r).filter((t) => t.soort === "telling" || t.soort === "omvang");
  return [
    `Lees cijfers.csv en neem per indicator met eenheid aantal (of euro) de rijen; op deze site ${tellingen.length === 1 ? "is dat 1 tabel" : `zijn dat ${formatAantal(tellingen.length)} tabellen`} met tellingen of bedragen.`,
    "Maak een onbekende x ≥ 0 voor elke rij met status onderdrukt; gepubliceerde rijen zijn vaste getallen.",
    "Stel per indicator de optelrelaties op: een rij is de som van alle rijen die haar gebiedcode als bovenliggend hebben, met dezelfde branche en hetzelfde jaar (restcellen -ONBEKEND horen erbij).",
    hierarchieen.length > 0
      ? `Voeg de branchegroepen toe: een groep is de som van haar leden, per gebied en jaar. Het openbaarmakingsrapport noemt ze per tabel (brancheHierarchie; op deze site bij ${opsomming(hierarchieen.map((t) => t.id))}).`
      : "Deze site heeft geen branchegroepen die uit leden optellen.",
    koppelingen > 0
      ? `Voeg de ${telwoord(koppelingen, "koppeling", "koppelingen")} tussen tabellen toe die het rapport noemt (in het bestand met de koppelingen hieronder; bijvoorbeeld voorraad = vorige voorraad + starters − stoppers).`
      : "Deze site heeft geen koppelingen tussen tabellen.",
    "Minimaliseer en maximaliseer elke onbekende met een LP-solver (bijvoorbeeld HiGHS). Elk interval moet ruimte laten (bovengrens groter dan ondergrens): dan is geen enkele onderdrukte cel exact terug te rekenen.",
    r.afronding
      ? "Afgeronde rijen (status afgerond) zijn niet exact: neem ze als waarde − 2 ≤ x ≤ waarde + 2."
      : "Op deze site is niets afgerond, dus elke gepubliceerde waarde is exact."
  ];
}
