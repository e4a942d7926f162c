/**
 * Risk branches as data. The project's default list is `risicobranches.json` (every branch with
 * its SBI codes in both classifications, why it is on the list and its sources); a bronmap may
 * carry `risicobranches.csv` that replaces, adds or removes branches (format in
 * docs/eigen-data.md#risicobranches). The result, the list in force, decides for every
 * establishment which branch it belongs to and is published on the methodology page.
 *
 * Assignment is by the longest matching code: a branch lists SBI codes (a code covers all codes
 * below it) and exclusions (`-68.20.1`); an establishment's code belongs to the branch whose listed
 * code is the longest prefix of it, and to no branch when that longest prefix is an exclusion. So
 * fastfood (56.10.2) goes before horeca (56) whatever the order of the list, and two branches can
 * never both claim an establishment.
 */
import {readFileSync} from "node:fs";
import {join} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {dropCsvRaw, loadCsvRaw, sqlString} from "./csv.ts";
import {isSbiCode, sbiTekst, SBI_STELSEL_NAMEN, SBI_STELSELS, type SbiStelsel} from "./sbi.ts";
import {BronmapError} from "./types.ts";
import type {BrancheBron, BrancheCodes, Risicobranche} from "./risicobranche.ts";

export type {BrancheBron, BrancheCodes, Risicobranche} from "./risicobranche.ts";

/** Ids a branch may not have: the totals of the branch tables. */
const RESERVED = new Set(["risico", "alle"]);
const ID = /^[a-z][a-z0-9-]{1,30}$/;

/** Where the position of a problem in a definition is reported (file, line, column). */
interface Plek {
  file: string;
  line?: number;
}

function fail(plek: Plek, column: string, expected: string, found: string): never {
  throw new BronmapError(plek.file, {line: plek.line, column, expected, found});
}

/**
 * Parses a list of SBI codes as written (`55, 56, -55.40` or an array of such strings) in one
 * classification: digits only, split into codes and exclusions. Every code must exist in the
 * classification, and an exclusion must lie under a code of the same list.
 */
export function parseCodeList(
  items: readonly string[],
  stelsel: SbiStelsel,
  plek: Plek,
  column: string
): BrancheCodes {
  const codes: string[] = [];
  const uitgezonderd: string[] = [];
  for (const raw of items) {
    const item = raw.trim();
    if (item === "") continue;
    const minus = item.startsWith("-");
    const digits = (minus ? item.slice(1) : item).trim().replace(/[.\s]/g, "");
    if (!/^\d{2,5}$/.test(digits) || !isSbiCode(digits, stelsel))
      fail(plek, column, `een code uit ${SBI_STELSEL_NAMEN[stelsel]}`, `"${item}"`);
    const list = minus ? uitgezonderd : codes;
    if (list.includes(digits) || (minus ? codes : uitgezonderd).includes(digits))
      fail(plek, column, "elke code één keer", `"${item}" twee keer`);
    list.push(digits);
  }
  for (const u of uitgezonderd)
    if (!codes.some((c) => u.startsWith(c) && u !== c))
      fail(plek, column, "een uitzondering die onder een code van de branche valt", `"-${sbiTekst(u)}"`);
  return {codes, uitgezonderd};
}

/** Splits a text list of codes (`55, 56; -55.40` or `55 56`) into items. */
export function splitCodes(text: string | null | undefined): string[] {
  return (text ?? "").split(/[,;|\s]+/).filter((s) => s !== "");
}

/**
 * Checks a whole list: unique ids, no code listed by two branches (an exclusion in one branch of a
 * code that another branch lists is fine: the code belongs to the branch that lists it), and at
 * least one code in some classification.
 */
export function checkBranches(list: readonly Risicobranche[], plek: (b: Risicobranche) => Plek): void {
  const ids = new Set<string>();
  for (const b of list) {
    if (ids.has(b.id)) fail(plek(b), "id", "een id die één keer voorkomt", `"${b.id}" twee keer`);
    ids.add(b.id);
    if (SBI_STELSELS.every((s) => b.sbi[s].codes.length === 0))
      fail(plek(b), "sbi2008", "minstens één SBI-code (in sbi2008 of sbi2025)", "geen codes");
  }
  for (const s of SBI_STELSELS) {
    const owner = new Map<string, Risicobranche>();
    for (const b of list)
      for (const code of b.sbi[s].codes) {
        const other = owner.get(code);
        if (other && other !== b)
          fail(
            plek(b),
            s,
            `een code die geen andere branche ook noemt`,
            `${sbiTekst(code)}, die ook bij "${other.id}" staat`
          );
        owner.set(code, b);
      }
  }
}

interface JsonBranche {
  id: string;
  naam: string;
  sbi2008: string[];
  sbi2025: string[];
  vergunningOfBibob: boolean;
  kasintensief: boolean;
  opkomend: boolean;
  profiel: string;
  bronnen: string[];
  kanttekening?: string;
}

/** A branch that was considered for the default list: the decision and why, with sources. */
export interface OverwogenBranche {
  naam: string;
  sbi: Readonly<Record<SbiStelsel, BrancheCodes>>;
  besluit: "opgenomen" | "niet opgenomen";
  waarom: string;
  bronnen: readonly BrancheBron[];
}

interface JsonOverwogen {
  naam: string;
  sbi2008: string[];
  sbi2025: string[];
  besluit: "opgenomen" | "niet opgenomen";
  waarom: string;
  bronnen: string[];
}

const DEFAULT_FILE = "data-loaders/sources/risicobranches.json";

/** Reads and checks the project's default list (a problem here is a bug: it throws at import). */
function readDefault(): {
  branches: Risicobranche[];
  bronnen: Record<string, BrancheBron>;
  overwogen: OverwogenBranche[];
} {
  const json = JSON.parse(readFileSync(join(import.meta.dirname, "risicobranches.json"), "utf-8")) as {
    branches: JsonBranche[];
    bronnen: Record<string, BrancheBron>;
    overwogen: JsonOverwogen[];
  };
  const bronnen = json.bronnen;
  for (const [id, b] of Object.entries(bronnen))
    if (!b.titel || !b.uitgever || !b.adres || (b.jaar != null && !Number.isInteger(b.jaar)))
      throw new Error(`${DEFAULT_FILE}: bron ${id} mist titel, uitgever of adres`);
  const branches = json.branches.map((b) => {
    const plek = {file: `${DEFAULT_FILE} (${b.id})`};
    if (!ID.test(b.id) || RESERVED.has(b.id))
      fail(plek, "id", "een id van kleine letters, cijfers en -", b.id);
    if (!b.naam || !b.profiel || b.bronnen.length === 0)
      fail(plek, "naam", "naam, profiel en bronnen", "leeg");
    return {
      id: b.id,
      naam: b.naam,
      sbi: {
        sbi2008: parseCodeList(b.sbi2008, "sbi2008", plek, "sbi2008"),
        sbi2025: parseCodeList(b.sbi2025, "sbi2025", plek, "sbi2025")
      },
      vergunningOfBibob: b.vergunningOfBibob,
      kasintensief: b.kasintensief,
      opkomend: b.opkomend,
      profiel: b.profiel,
      bronnen: b.bronnen.map((id) => {
        const bron = bronnen[id];
        if (!bron) fail(plek, "bronnen", "een bron uit de lijst 'bronnen'", `"${id}"`);
        return {...bron};
      }),
      kanttekening: b.kanttekening ?? null,
      herkomst: "standaard" as const
    };
  });
  checkBranches(branches, (b) => ({file: `${DEFAULT_FILE} (${b.id})`}));
  const overwogen = json.overwogen.map((o): OverwogenBranche => {
    const plek = {file: `${DEFAULT_FILE} (overwogen: ${o.naam})`};
    if (o.besluit !== "opgenomen" && o.besluit !== "niet opgenomen")
      fail(plek, "besluit", "opgenomen of niet opgenomen", o.besluit);
    if (!o.waarom || o.bronnen.length === 0) fail(plek, "waarom", "een reden en een bron", "leeg");
    return {
      naam: o.naam,
      sbi: {
        sbi2008: parseCodeList(o.sbi2008, "sbi2008", plek, "sbi2008"),
        sbi2025: parseCodeList(o.sbi2025, "sbi2025", plek, "sbi2025")
      },
      besluit: o.besluit,
      waarom: o.waarom,
      bronnen: o.bronnen.map((id) => {
        const bron = bronnen[id];
        if (!bron) fail(plek, "bronnen", "een bron uit de lijst 'bronnen'", `"${id}"`);
        return {...bron};
      })
    };
  });
  return {branches, bronnen, overwogen};
}

const DEFAULT = readDefault();

/** The project's default risk branches (data-loaders/sources/risicobranches.json). */
export const STANDAARD_RISICOBRANCHES: readonly Risicobranche[] = DEFAULT.branches;

/** Branches considered for the default list (the issue's candidates), each with the decision. */
export const OVERWOGEN_BRANCHES: readonly OverwogenBranche[] = DEFAULT.overwogen;

/** A source as a citation: title, publisher, year ("z.j." when none) and address. */
export function bronTekst(b: BrancheBron): string {
  const wie = [b.uitgever, b.jaar == null ? "z.j." : String(b.jaar)]
    .filter((x) => x != null && x !== "")
    .join(", ");
  return [b.titel, wie, b.adres].filter((x) => x != null && x !== "").join(". ");
}

/** The sources the default list cites, by id (a bronmap file may cite them by id too). */
export const BRANCHE_BRONNEN: Readonly<Record<string, BrancheBron>> = DEFAULT.bronnen;

/** Name of the optional bronmap file. */
export const RISICOBRANCHES_BESTAND = "risicobranches.csv";

/** Columns of the bronmap file (lower case); `id` and `actie` decide what a row does. */
export const RISICOBRANCHES_KOLOMMEN = [
  "id",
  "actie",
  "naam",
  "sbi2008",
  "sbi2025",
  "vergunning_of_bibob",
  "kasintensief",
  "opkomend",
  "profiel",
  "bronnen",
  "kanttekening"
] as const;

const JA_NEE: Record<string, boolean> = {ja: true, nee: false, j: true, n: false, true: true, false: false};

/**
 * Reads the bronmap's `risicobranches.csv` with the project's CSV reader and merges it with the
 * default list. A row with `actie` empty or `gebruik` defines a branch: it replaces the default
 * branch with the same id, or adds one. `actie` `verwijder` removes a default branch by id; id `*`
 * with `verwijder` removes all default branches, so that the file replaces the whole list. Every
 * problem is fatal and named by file, line and column: a branch list that is half read would
 * silently change what every page counts.
 */
export async function readRisicobranches(
  connection: DuckDBConnection,
  path: string
): Promise<{branches: Risicobranche[]; gelezen: number}> {
  const file = RISICOBRANCHES_BESTAND;
  const raw = await loadCsvRaw(connection, path, "raw_risicobranches", file);
  try {
    if (raw.unreadable > 0)
      throw new BronmapError(file, {
        expected: "alleen leesbare regels",
        found: `${raw.unreadable} onleesbare regel(s): ${Object.keys(raw.rejected).join(", ")}`
      });
    for (const c of ["id", "actie"] as const)
      if (c === "id" && !raw.columns.includes(c))
        throw new BronmapError(file, {
          line: raw.headerLine,
          column: c,
          expected: `een kolom "${c}"`,
          found: `de kolommen ${raw.columns.map((n) => `"${n}"`).join(", ")}`
        });
    const unknown = raw.columns.find((c) => !(RISICOBRANCHES_KOLOMMEN as readonly string[]).includes(c));
    if (unknown)
      throw new BronmapError(file, {
        line: raw.headerLine,
        column: unknown,
        expected: `alleen de kolommen ${RISICOBRANCHES_KOLOMMEN.join(", ")}`,
        found: `"${unknown}"`
      });
    const cols = RISICOBRANCHES_KOLOMMEN.filter((c) => raw.columns.includes(c));
    const rows = (
      await connection.runAndReadAll(
        `SELECT _line, ${cols.map((c) => `"${c}"`).join(", ")} FROM ${raw.table} ORDER BY _line`
      )
    ).getRowObjectsJS() as Record<string, string | number | null>[];
    let list: Risicobranche[] = [...STANDAARD_RISICOBRANCHES];
    const placed = new Map<string, number>();
    for (const r of rows) {
      const line = Number(r._line);
      const plek = {file, line};
      const text = (c: string) => (r[c] == null ? "" : String(r[c]).trim());
      const id = text("id");
      const actie = text("actie").toLowerCase() || "gebruik";
      if (actie !== "gebruik" && actie !== "verwijder")
        fail(plek, "actie", "gebruik of verwijder", `"${text("actie")}"`);
      if (actie === "verwijder") {
        if (id === "*") list = list.filter((b) => b.herkomst !== "standaard");
        else if (!STANDAARD_RISICOBRANCHES.some((b) => b.id === id))
          fail(plek, "id", "de id van een standaardbranche (of *) om te verwijderen", `"${id}"`);
        else list = list.filter((b) => b.id !== id);
        continue;
      }
      if (!ID.test(id) || RESERVED.has(id))
        fail(plek, "id", "een id van 2 tot 31 kleine letters, cijfers en -, niet risico of alle", `"${id}"`);
      if (placed.has(id))
        fail(plek, "id", "elke branche op één regel", `"${id}" ook op regel ${placed.get(id)}`);
      placed.set(id, line);
      const flag = (c: string, dflt: boolean): boolean => {
        const v = text(c).toLowerCase();
        if (v === "") return dflt;
        if (!(v in JA_NEE)) fail(plek, c, "ja of nee", `"${text(c)}"`);
        return JA_NEE[v];
      };
      const naam = text("naam");
      const profiel = text("profiel");
      if (naam === "" || naam.length > 80) fail(plek, "naam", "een naam van 1 tot 80 tekens", `"${naam}"`);
      if (profiel === "") fail(plek, "profiel", "waarom de branche op de lijst staat", "een leeg veld");
      const bronnen = text("bronnen")
        .split("|")
        .map((s) => s.trim())
        .filter((s) => s !== "")
        .map<BrancheBron>((s) => {
          if (/\s/.test(s)) return {titel: s, uitgever: null, jaar: null, adres: null};
          const bron = BRANCHE_BRONNEN[s];
          if (!bron)
            fail(
              plek,
              "bronnen",
              "een bron-id uit de standaardlijst of een bronvermelding met spaties",
              `"${s}"`
            );
          return {...bron};
        });
      if (bronnen.length === 0) fail(plek, "bronnen", "minstens één bron", "een leeg veld");
      const branche: Risicobranche = {
        id,
        naam,
        sbi: {
          sbi2008: parseCodeList(splitCodes(text("sbi2008")), "sbi2008", plek, "sbi2008"),
          sbi2025: parseCodeList(splitCodes(text("sbi2025")), "sbi2025", plek, "sbi2025")
        },
        vergunningOfBibob: flag("vergunning_of_bibob", false),
        kasintensief: flag("kasintensief", false),
        opkomend: flag("opkomend", false),
        profiel,
        bronnen,
        kanttekening: text("kanttekening") || null,
        herkomst: "bronmap"
      };
      const at = list.findIndex((b) => b.id === id);
      if (at >= 0) list[at] = branche;
      else list.push(branche);
    }
    const lineOf = new Map([...placed].map(([id, l]) => [id, l]));
    checkBranches(list, (b) => ({
      file: b.herkomst === "bronmap" ? file : `${DEFAULT_FILE} (${b.id})`,
      line: lineOf.get(b.id)
    }));
    if (list.length === 0)
      throw new BronmapError(file, {
        expected: "minstens één risicobranche",
        found: "een lijst zonder branches"
      });
    return {branches: list, gelezen: rows.length};
  } finally {
    await dropCsvRaw(connection, raw);
  }
}

/**
 * SQL expression that maps a column of digit-only codes of one classification to a branch id,
 * NULL for codes of no branch: the longest listed code that is a prefix of the value decides, and
 * an exclusion decides for "no branch".
 */
export function brancheCaseSql(
  branches: readonly Risicobranche[],
  stelsel: SbiStelsel,
  column: string
): string {
  const entries: [string, string | null][] = [];
  for (const b of branches) {
    for (const c of b.sbi[stelsel].codes) entries.push([c, b.id]);
    for (const c of b.sbi[stelsel].uitgezonderd) entries.push([c, null]);
  }
  // Longest first; at equal length a branch's own code goes before another branch's exclusion of
  // it (a "woningcorporaties" branch may claim 68.20.1 that vastgoed excludes).
  entries.sort(
    (a, b) =>
      b[0].length - a[0].length ||
      (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : (a[1] == null ? 1 : 0) - (b[1] == null ? 1 : 0))
  );
  if (entries.length === 0) return "NULL::VARCHAR";
  const whens = entries.map(
    ([code, id]) =>
      `WHEN starts_with(${column}, ${sqlString(code)}) THEN ${id == null ? "NULL" : sqlString(id)}`
  );
  return `CASE ${whens.join(" ")} ELSE NULL END`;
}

/**
 * The branch of an establishment: by its SBI 2008 code when it has one (the history of the
 * register and of the branch definitions is in SBI 2008), otherwise by its SBI 2025 code.
 */
export function vestigingBrancheSql(
  branches: readonly Risicobranche[],
  sbi2008 = "sbi",
  sbi2025 = "sbi2025"
): string {
  return `CASE WHEN ${sbi2008} IS NOT NULL THEN ${brancheCaseSql(branches, "sbi2008", sbi2008)} ELSE ${brancheCaseSql(branches, "sbi2025", sbi2025)} END`;
}

/** The codes of a branch as people read them: `55, 56; niet 55.40, 56.40`. */
export function codesTekst(c: BrancheCodes): string {
  if (c.codes.length === 0) return "";
  const main = c.codes.map(sbiTekst).join(", ");
  return c.uitgezonderd.length ? `${main}; niet ${c.uitgezonderd.map(sbiTekst).join(", ")}` : main;
}

/**
 * Codes of other branches that lie under one of this branch's codes (they belong to the more
 * specific branch), e.g. 56.10.2 (fastfood) under horeca's 56.
 */
export function eigenBrancheCodes(
  b: Risicobranche,
  branches: readonly Risicobranche[],
  stelsel: SbiStelsel
): {code: string; branche: string}[] {
  const out: {code: string; branche: string}[] = [];
  for (const other of branches) {
    if (other === b) continue;
    for (const c of other.sbi[stelsel].codes)
      if (b.sbi[stelsel].codes.some((mine) => c.startsWith(mine) && c !== mine))
        out.push({code: c, branche: other.id});
  }
  return out.sort((x, y) => (x.code < y.code ? -1 : 1));
}

const nl = new Intl.NumberFormat("nl-NL");

/**
 * What the establishments' SBI codes and the branch list in force have to say to each other, for
 * the data-quality report: how many establishments carry which classification; per branch that
 * has no codes in a classification, how many establishments can therefore not fall in it; and
 * (only for the local report, never published: counts per branch could reveal a suppressed cell)
 * establishments whose two codes point to different branches.
 */
export async function sbiDekking(
  connection: DuckDBConnection,
  branches: readonly Risicobranche[]
): Promise<{overzicht: import("./types.ts").SbiOverzicht; waarschuwingen: string[]}> {
  const row = (
    await connection.runAndReadAll(
      `SELECT count(*) FILTER (WHERE sbi IS NOT NULL), count(*) FILTER (WHERE sbi IS NULL AND sbi2025 IS NOT NULL),
              count(*) FILTER (WHERE sbi IS NOT NULL AND sbi2025 IS NOT NULL) FROM vestigingen`
    )
  ).getRows()[0];
  const [met2008, alleen2025, beide] = row.map(Number);
  const meldingen: string[] = [];
  const gebruikt: Record<SbiStelsel, number> = {sbi2008: met2008, sbi2025: alleen2025};
  for (const s of SBI_STELSELS) {
    if (gebruikt[s] === 0) continue;
    const zonder = branches.filter((b) => b.sbi[s].codes.length === 0);
    if (zonder.length === 0) continue;
    const wie = s === "sbi2008" ? "een SBI 2008-code" : "alleen een SBI 2025-code";
    meldingen.push(
      zonder.length === branches.length
        ? `Geen enkele risicobranche heeft ${SBI_STELSEL_NAMEN[s]}-codes: de ${nl.format(gebruikt[s])} vestigingen met ${wie} vallen daardoor in geen risicobranche.`
        : `${zonder.length === 1 ? "De risicobranche" : "De risicobranches"} ${zonder.map((b) => `"${b.naam}"`).join(", ")} ${zonder.length === 1 ? "heeft" : "hebben"} geen ${SBI_STELSEL_NAMEN[s]}-codes: de ${nl.format(gebruikt[s])} vestigingen met ${wie} kunnen daar niet in vallen.`
    );
  }
  const waarschuwingen = [...meldingen];
  if (beide > 0) {
    const naam = (id: unknown) =>
      id == null ? "geen risicobranche" : `"${branches.find((b) => b.id === id)?.naam}"`;
    const pairs = (
      await connection.runAndReadAll(
        `SELECT b08, b25, sum(n) FROM (
           SELECT ${brancheCaseSql(branches, "sbi2008", "sbi")} AS b08, ${brancheCaseSql(branches, "sbi2025", "sbi2025")} AS b25, n
           FROM (SELECT sbi, sbi2025, count(*) AS n FROM vestigingen WHERE sbi IS NOT NULL AND sbi2025 IS NOT NULL GROUP BY ALL)
         ) WHERE b08 IS DISTINCT FROM b25 GROUP BY ALL ORDER BY 3 DESC, 1, 2`
      )
    ).getRows();
    for (const [b08, b25, n] of pairs)
      waarschuwingen.push(
        `${nl.format(Number(n))} vestiging(en) met beide codes: volgens SBI 2008 ${naam(b08)}, volgens SBI 2025 ${naam(b25)}; de indeling volgt SBI 2008`
      );
  }
  return {overzicht: {metSbi2008: met2008, alleenSbi2025: alleen2025, beide, meldingen}, waarschuwingen};
}
