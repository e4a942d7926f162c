/**
 * What the bronmap holds (the `bronnen` part of regio.json), for pages that know what they lack:
 * a bronmap of public data only (fetched with `npm run ophalen`) has no register of
 * establishments, buildings or signals of its own. Sections that need such a register are marked
 * in the page (`<section data-nodig="vestigingen">`); `eigenDataMelding` hides them when the
 * register is absent and says in one note which parts need the gemeente's own data. Source lines
 * name only sources that are there, with the provenance of fetched files (bron.json).
 */
import type {RegioInfo} from "./story.js";
import type {Bronnen, Herkomst} from "../../shared/contracts/onderdelen.js";

/** The gemeente's own registers (files in the bronmap). */
export type EigenRegister = "vestigingen" | "eigendommen" | "panden" | "signalen";

/** Public sources a bronmap may hold. */
export type OpenbareBron = "kerncijfers" | "politie" | "referentie" | "bedrijventerreinen";

export type BronSoort = EigenRegister | OpenbareBron;

// One file fetched by `npm run ophalen` as published, and the `bronnen` part of the region
// facts: their contracts.
export type {Bronnen, Herkomst};

/** The own registers: file name and what it is, for the notes. */
export const EIGEN_REGISTERS: Readonly<Record<EigenRegister, {bestand: string; naam: string}>> = {
  vestigingen: {bestand: "vestigingen.csv", naam: "het vestigingenregister (KvK-uittreksel)"},
  eigendommen: {bestand: "eigendommen.csv", naam: "het vastgoed van bedrijven (Kadaster)"},
  panden: {bestand: "panden.csv", naam: "de agrarische gebouwen met hun leegstand"},
  signalen: {bestand: "signalen.csv", naam: "de eigen signalenregistratie"}
};

/** Source names for source lines. */
const LABELS: Readonly<Record<BronSoort, string>> = {
  vestigingen: "vestigingenregister (KvK)",
  eigendommen: "Kadaster (vastgoed van bedrijven)",
  panden: "bestand agrarische gebouwen",
  signalen: "signalenregistratie",
  kerncijfers: "CBS Kerncijfers wijken en buurten",
  politie: "Politie, geregistreerde misdrijven",
  referentie: "CBS, vestigingen per bedrijfstak en gemeente",
  bedrijventerreinen: "IBIS Bedrijventerreinen"
};

/** The `soort` of bron.json for a public source. */
const HERKOMST_SOORT: Readonly<Record<OpenbareBron, string>> = {
  kerncijfers: "kerncijfers",
  politie: "politie",
  referentie: "referentie",
  bedrijventerreinen: "bedrijventerreinen"
};

/**
 * The sources of a build. A regio.json without the part (made before it existed) is read as the
 * layout the pages were written for: every register present, kerncijfers, no other public source.
 */
export function bronnenVan(info: RegioInfo): Bronnen {
  const b = info.bronnen;
  if (b) return b;
  return {
    eigen: {vestigingen: true, eigendommen: true, panden: true, signalen: true},
    openbaar: {kerncijfers: true, politie: false, referentie: false, bedrijventerreinen: true},
    herkomst: []
  };
}

/** True when the bronmap holds the source. */
export function heeft(b: Bronnen, soort: BronSoort): boolean {
  return soort in b.eigen ? b.eigen[soort as EigenRegister] : b.openbaar[soort as OpenbareBron];
}

/** True when the bronmap has none of the own registers (public data only). */
export function alleenOpenbaar(b: Bronnen): boolean {
  return !Object.values(b.eigen).some(Boolean);
}

/** `2026-12-05` as `5 december 2026`. */
function datum(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString("nl-NL", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC"
  });
}

/** Provenance of a fetched public source: `CBS, tabel 84799NED, CC BY 4.0, opgehaald 5 december 2026`. */
export function herkomstVan(b: Bronnen, soort: OpenbareBron): string | null {
  const files = b.herkomst.filter((h) => h.soort === HERKOMST_SOORT[soort]);
  if (files.length === 0) return null;
  const tabellen = [...new Set(files.map((f) => f.tabel).filter((t): t is string => t !== null))].sort();
  // The chart adds "Bron:" itself: "Bron: CBS" becomes "CBS" here.
  const bronvermeldingen = [...new Set(files.map((f) => f.bronvermelding.replace(/^Bron:\s*/i, "")))];
  const licenties = [...new Set(files.map((f) => f.licentie))];
  const laatst = files
    .map((f) => f.opgehaald)
    .sort()
    .at(-1)!;
  return [
    bronvermeldingen.join("; "),
    tabellen.length ? `${tabellen.length === 1 ? "tabel" : "tabellen"} ${tabellen.join(", ")}` : null,
    licenties.join(", "),
    `opgehaald ${datum(laatst)}`
  ]
    .filter(Boolean)
    .join(", ");
}

/**
 * A chart's source line naming only the sources present (without the "Bron:" prefix the chart
 * adds): own registers and public files from the bronmap, public files fetched by `ophalen` with
 * their provenance. Null when none of the sources is there (then there is no chart to source).
 */
export function bronregelVan(
  info: RegioInfo,
  soorten: readonly BronSoort[],
  jaar?: number | string
): string | null {
  const b = bronnenVan(info);
  const aanwezig = soorten.filter((s) => heeft(b, s));
  if (aanwezig.length === 0) return null;
  const eigen: string[] = [];
  const opgehaald: string[] = [];
  for (const s of aanwezig) {
    const h = s in b.openbaar ? herkomstVan(b, s as OpenbareBron) : null;
    if (h) opgehaald.push(`${LABELS[s]} (${h})`);
    else eigen.push(LABELS[s]);
  }
  const delen = [
    ...(eigen.length
      ? [`${opsomming(eigen)} (${info.isDemo ? "fictieve voorbeeldregio" : "eigen bronmap"})`]
      : []),
    ...opgehaald
  ];
  const tekst = delen.join("; ");
  return `${tekst.charAt(0).toUpperCase()}${tekst.slice(1)}${jaar !== undefined && jaar !== "" ? `, ${jaar}` : ""}; bewerking Ondermijningsatlas.`;
}

function opsomming(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} en ${items.at(-1)}`;
}

/** A part of a page that needs registers the bronmap lacks. */
export interface OntbrekendDeel {
  titel: string;
  registers: EigenRegister[];
}

/**
 * The note of a page with missing registers: which parts need which of the gemeente's own files.
 * Null when nothing is missing.
 */
export function eigenDataZinnen(
  delen: readonly OntbrekendDeel[],
  /** Whether the bronmap has no register of its own at all (else: some registers are missing). */
  alleenOpenbareGegevens = true
): string[] | null {
  if (delen.length === 0) return null;
  const registers = [...new Set(delen.flatMap((d) => d.registers))];
  const opening = alleenOpenbareGegevens
    ? "Deze bronmap bevat alleen openbare gegevens."
    : `Deze bronmap mist ${registers.length === 1 ? "een eigen register" : "eigen registers"} van de gemeente.`;
  return [
    `${opening} ${delen.length === 1 ? "Eén onderdeel" : `${delen.length} onderdelen`} van deze pagina ${delen.length === 1 ? "vraagt" : "vragen"} om eigen gegevens van de gemeente en ${delen.length === 1 ? "staat" : "staan"} daarom niet op de pagina:`,
    ...delen.map(
      (d) =>
        `${d.titel}: ${opsomming(d.registers.map((r) => `${EIGEN_REGISTERS[r].naam} (${EIGEN_REGISTERS[r].bestand})`))}.`
    ),
    `Zet ${registers.length === 1 ? "dat bestand" : "die bestanden"} in de bronmap en bouw opnieuw; docs/eigen-data.md beschrijft de kolommen.`
  ];
}

/**
 * Hides the entries of Framework's table of contents ("Op deze pagina", built at build time from
 * the page's headings) that point into a hidden section, and the whole list when none is left,
 * so the contents do not promise a part the page does not show.
 */
function verbergInInhoud(section: HTMLElement, root: ParentNode): void {
  const toc = root.querySelector<HTMLElement>("#observablehq-toc");
  if (!toc) return;
  for (const kop of section.querySelectorAll<HTMLElement>("h2[id], h3[id]")) {
    for (const a of toc.querySelectorAll<HTMLAnchorElement>("a[href]")) {
      if (a.getAttribute("href") === `#${encodeURI(kop.id)}` || a.getAttribute("href") === `#${kop.id}`)
        (a.closest("li") ?? a).hidden = true;
    }
  }
  const items = [...toc.querySelectorAll<HTMLElement>("li")];
  if (items.length > 0 && items.every((li) => li.hidden)) toc.hidden = true;
}

/**
 * Hides the sections of the page whose registers (`data-nodig`, space-separated) or public
 * sources (`data-openbaar`) the bronmap lacks, and returns the note about the own data they
 * need (null when none is missing). A section of a missing public source is hidden silently:
 * it adds to a page, no story depends on it.
 */
export function eigenDataMelding(
  info: RegioInfo,
  root: ParentNode = document,
  extra: readonly OntbrekendDeel[] = []
): HTMLElement | null {
  const b = bronnenVan(info);
  // Parts that are not a section of their own (a component of a chart), named by the page.
  const ontbrekend: OntbrekendDeel[] = extra
    .map((d) => ({...d, registers: d.registers.filter((r) => !heeft(b, r))}))
    .filter((d) => d.registers.length > 0);
  const lijst = (v: string | undefined) => (v ?? "").split(/\s+/).filter(Boolean);
  for (const section of root.querySelectorAll<HTMLElement>(
    "section[data-nodig], section[data-nodig-een], section[data-openbaar]"
  )) {
    // data-nodig: every register listed; data-nodig-een: at least one of them.
    const nodig = lijst(section.dataset.nodig) as EigenRegister[];
    const een = lijst(section.dataset.nodigEen) as EigenRegister[];
    const openbaar = lijst(section.dataset.openbaar) as OpenbareBron[];
    const mist = [
      ...nodig.filter((r) => !heeft(b, r)),
      ...(een.length && !een.some((r) => heeft(b, r)) ? een : [])
    ];
    if (mist.length === 0 && openbaar.every((s) => heeft(b, s))) continue;
    section.hidden = true;
    verbergInInhoud(section, root);
    if (mist.length) {
      const kop = section.querySelector("h2, h3");
      ontbrekend.push({titel: kop?.textContent?.trim() || "Een onderdeel", registers: mist});
    }
  }
  const zinnen = eigenDataZinnen(ontbrekend, alleenOpenbaar(b));
  if (!zinnen) return null;
  const note = document.createElement("div");
  note.className = "eigen-data-nodig";
  note.setAttribute("role", "note");
  note.id = "eigen-data-nodig";
  const [eerste, ...rest] = zinnen;
  const p = document.createElement("p");
  p.textContent = eerste!;
  const ul = document.createElement("ul");
  for (const z of rest.slice(0, -1)) {
    const li = document.createElement("li");
    li.textContent = z;
    ul.append(li);
  }
  const slot = document.createElement("p");
  slot.textContent = rest.at(-1)!;
  note.append(p, ul, slot);
  return note;
}

/**
 * The files `npm run ophalen` fetched, for the transparency page: one row per address (the years
 * of a map service together), with its table, retrieval date, licence and source line.
 */
export function herkomstRijen(info: RegioInfo): {zin: string | null; rijen: string[][]} {
  const b = bronnenVan(info);
  const groepen = new Map<string, Herkomst[]>();
  for (const h of b.herkomst) {
    // One row per resource: the data of a table and its metadata (DataProperties, code lists)
    // have addresses of their own, and a table of another year has another id.
    const k = h.adres;
    groepen.set(k, [...(groepen.get(k) ?? []), h]);
  }
  const rijen = [...groepen.values()].map((hs) => {
    const h = hs[0]!;
    const jaren = [...new Set(hs.map((x) => x.jaar).filter((j): j is number => j !== null))].sort(
      (x, y) => x - y
    );
    return [
      h.titel.replace(/,?\s+\d{4}$/, ""),
      h.uitgever,
      h.tabel ?? "-",
      jaren.length ? jaren.join(", ") : "-",
      h.adres,
      datum(
        hs
          .map((x) => x.opgehaald)
          .sort()
          .at(-1)!
      ),
      h.licentie,
      h.bronvermelding
    ];
  });
  if (rijen.length === 0) return {zin: null, rijen};
  return {
    zin: `${rijen.length === 1 ? "Eén openbare bron is" : `${rijen.length} openbare bronnen zijn`} opgehaald met npm run ophalen (bron.json in de bronmap). Per bron het adres, de tabel, wanneer het bestand is opgehaald, de licentie en de bronvermelding die onder elke grafiek staat.`,
    rijen
  };
}
