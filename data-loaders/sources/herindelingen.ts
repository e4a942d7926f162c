/**
 * Municipal mergers (gemeentelijke herindelingen), so that kerncijfers series neither vanish nor
 * double count when the area files are of a later year than a kerncijfers table. The list is the
 * project's default (`herindelingen.json`, with its source) extended by the bronmap's own
 * `gebieden/herindelingen.csv`, in the form CBS publishes its overview of changes: per old
 * gemeente the code it went into and the date,
 *
 * ```
 * oude_code;nieuwe_code;datum
 * GM0003;GM1979;2021-01-01
 * ```
 *
 * A gemeente that went wholly into one other gemeente (a merger or an absorption) is added up
 * into it; a gemeente divided over several (a split, listed once per successor) cannot be
 * attributed, so its successors get a marked break in their series instead.
 */
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {dsvFormat} from "d3-dsv";
import {present} from "./areas.ts";
import {detectDelimiter, fileSizeOrThrow} from "./csv.ts";
import {decodeText} from "./geojson.ts";
import {BronmapError, type FileQuality} from "./types.ts";

/** One change: gemeente `oud` went (wholly or partly) into `nieuw` on `datum` (ISO). */
export interface Herindeling {
  oud: string;
  oudeNaam?: string;
  nieuw: string;
  nieuweNaam?: string;
  datum: string;
}

/** Where an old gemeente code ended up. */
export type Bestemming =
  | {soort: "samengevoegd"; doel: string; datum: string}
  | {soort: "gesplitst"; opvolgers: string[]; datum: string};

const DEFAULT = JSON.parse(readFileSync(new URL("./herindelingen.json", import.meta.url), "utf8")) as {
  herindelingen: Herindeling[];
};

/** The default list of the project. */
export const STANDAARD_HERINDELINGEN: readonly Herindeling[] = DEFAULT.herindelingen;

/** A CBS gemeente code as `GM` + 4 digits (`GM0003`, `0003` and `3` are the same gemeente). */
export function gemeentecode(v: string): string | null {
  const s = v.trim().toUpperCase();
  const m = /^(?:GM)?(\d{1,4})$/.exec(s);
  return m ? `GM${m[1].padStart(4, "0")}` : null;
}

function isoDatum(v: string): string | null {
  const s = v.trim();
  let y: number, m: number, d: number;
  let mm: RegExpExecArray | null;
  if ((mm = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) [y, m, d] = [+mm[1], +mm[2], +mm[3]];
  else if ((mm = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(s))) [y, m, d] = [+mm[3], +mm[2], +mm[1]];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The largest `herindelingen.csv` read (it is parsed whole, in memory). */
const MAX_BYTES = 16 * 2 ** 20;

/**
 * Reads `gebieden/herindelingen.csv` when the bronmap has one. Rows with an invalid code or date
 * are rejected and counted; a file without the three columns is a fatal error.
 */
export function readHerindelingen(dir: string): {lijst: Herindeling[]; quality: FileQuality | null} {
  const label = "gebieden/herindelingen.csv";
  const path = join(dir, label);
  // Absent is no list; a folder, a broken link, a file without read rights, one too large or in
  // no known encoding is named (also `Herindelingen.CSV`, through `present`).
  if (!present(path, label)) return {lijst: [], quality: null};
  const expected = "een CSV-bestand met herindelingen";
  const size = fileSizeOrThrow(path, label, expected);
  if (size > MAX_BYTES)
    throw new BronmapError(label, {
      expected: `${expected} van hoogstens ${MAX_BYTES / 2 ** 20} MB (de lijst van alle herindelingen sinds 1900 is kleiner dan 100 kB)`,
      found: `een bestand van ${Math.round(size / 2 ** 20)} MB`
    });
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BronmapError(label, {
      expected,
      found:
        code === "EACCES" || code === "EPERM" ? "een bestand zonder leesrechten" : `een leesfout (${code})`
    });
  }
  const {text, encoding} = decodeText(bytes, label);
  const lines = text.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n");
  const delimiter = detectDelimiter(lines.split("\n")[0] ?? "");
  const parsed = dsvFormat(delimiter).parseRows(lines);
  const names = (parsed[0] ?? []).map((n) => n.trim().toLowerCase());
  const col = (alts: string[]) => names.findIndex((n) => alts.includes(n));
  const iOud = col(["oude_code", "oudecode", "code_oud", "oud"]);
  const iNieuw = col(["nieuwe_code", "nieuwecode", "code_nieuw", "nieuw"]);
  const iDatum = col(["datum", "ingangsdatum", "datum_ingang"]);
  const missing = [
    iOud < 0 ? "oude_code" : null,
    iNieuw < 0 ? "nieuwe_code" : null,
    iDatum < 0 ? "datum" : null
  ].filter(Boolean);
  if (missing.length > 0)
    throw new BronmapError(label, {
      line: 1,
      column: missing[0]!,
      expected: "de kolommen oude_code, nieuwe_code en datum",
      found: names.length ? `de kolommen ${names.map((n) => `"${n}"`).join(", ")}` : "een leeg bestand"
    });
  const iOudeNaam = col(["oude_naam", "oudenaam"]);
  const iNieuweNaam = col(["nieuwe_naam", "nieuwenaam"]);
  const q: FileQuality = {
    file: label,
    rowsRead: 0,
    rowsAccepted: 0,
    rejected: {},
    warnings: [],
    detected: {encoding, scheidingsteken: delimiter === "\t" ? "tab" : delimiter}
  };
  const lijst: Herindeling[] = [];
  for (const r of parsed.slice(1)) {
    if (r.every((c) => c.trim() === "")) continue;
    q.rowsRead++;
    const oud = gemeentecode(r[iOud] ?? "");
    const nieuw = gemeentecode(r[iNieuw] ?? "");
    const datum = isoDatum(r[iDatum] ?? "");
    const reason =
      !oud || !nieuw
        ? "ongeldige gemeentecode"
        : !datum
          ? "ongeldige datum"
          : oud === nieuw
            ? "oude en nieuwe code gelijk"
            : null;
    if (reason) {
      q.rejected[reason] = (q.rejected[reason] ?? 0) + 1;
      continue;
    }
    q.rowsAccepted++;
    lijst.push({
      oud: oud!,
      nieuw: nieuw!,
      datum: datum!,
      ...(iOudeNaam >= 0 && r[iOudeNaam]?.trim() ? {oudeNaam: r[iOudeNaam].trim()} : {}),
      ...(iNieuweNaam >= 0 && r[iNieuweNaam]?.trim() ? {nieuweNaam: r[iNieuweNaam].trim()} : {})
    });
  }
  return {lijst, quality: q};
}

/** The changes of a bronmap: the project's list plus the bronmap's own (which wins on conflict). */
export class Herindelingen {
  private readonly van = new Map<string, Herindeling[]>();
  private readonly naar = new Map<string, Herindeling[]>();

  /** The project's list, with the bronmap's own rows replacing every default row of the same old code. */
  constructor(standaard: readonly Herindeling[], eigen: readonly Herindeling[] = []) {
    const eigenOud = new Set(eigen.map((h) => h.oud));
    const perOud = new Map<string, Herindeling[]>();
    for (const h of [...standaard.filter((x) => !eigenOud.has(x.oud)), ...eigen])
      perOud.set(h.oud, [...(perOud.get(h.oud) ?? []).filter((x) => x.nieuw !== h.nieuw), h]);
    for (const [oud, hs] of perOud) {
      this.van.set(oud, hs);
      for (const h of hs) this.naar.set(h.nieuw, [...(this.naar.get(h.nieuw) ?? []), h]);
    }
  }

  /** True when the list knows nothing. */
  get leeg(): boolean {
    return this.van.size === 0;
  }

  /** The name of a code as the list gives it (old or new), if any. */
  naam(code: string): string | undefined {
    return this.van.get(code)?.[0]?.oudeNaam ?? this.naar.get(code)?.[0]?.nieuweNaam;
  }

  /**
   * Where old code `code` ended up among the `known` gemeenten: followed through successive
   * mergers (A -> B -> C) until a known code. Null when the list does not lead to a known code
   * (or loops).
   */
  bestemming(code: string, known: ReadonlySet<string>): Bestemming | null {
    const seen = new Set<string>();
    let current = code;
    let datum = "";
    while (!known.has(current)) {
      if (seen.has(current)) return null;
      seen.add(current);
      const hs = this.van.get(current);
      if (!hs || hs.length === 0) return null;
      datum ||= hs[0].datum;
      const targets = [...new Set(hs.map((h) => h.nieuw))];
      if (targets.length > 1) {
        const opvolgers = targets.map((t) => this.bestemming(t, known));
        if (opvolgers.some((o) => o === null || o.soort !== "samengevoegd")) return null;
        return {
          soort: "gesplitst",
          opvolgers: [...new Set(opvolgers.map((o) => (o as {doel: string}).doel))].sort(),
          datum
        };
      }
      current = targets[0];
    }
    return {soort: "samengevoegd", doel: current, datum};
  }

  /**
   * The old gemeenten that a kerncijfers table of `jaar` (indeling of 1 January) must hold to
   * give `doel` on its later boundaries: every code that went wholly into `doel` after 1 January
   * of `jaar`, except codes that themselves only arose after that date. `doel`'s own row is
   * added when present (an absorption) and is not required (a new gemeente has none).
   */
  leden(doel: string, jaar: number, known: ReadonlySet<string>): string[] {
    const peildatum = `${jaar}-01-01`;
    const out: string[] = [];
    const visit = (code: string) => {
      for (const h of this.naar.get(code) ?? []) {
        if (out.includes(h.oud)) continue;
        const b = this.bestemming(h.oud, known);
        if (!b || b.soort !== "samengevoegd" || b.doel !== doel) continue;
        if (h.datum > peildatum) {
          const ontstaanNa = (this.naar.get(h.oud) ?? []).some((x) => x.datum > peildatum);
          if (!ontstaanNa) out.push(h.oud);
        }
        visit(h.oud);
      }
    };
    visit(doel);
    return out.sort();
  }

  /** Every split: old code, successors and date. */
  splitsingen(): Array<{oud: string; opvolgers: string[]; datum: string}> {
    return [...this.van]
      .filter(([, hs]) => new Set(hs.map((h) => h.nieuw)).size > 1)
      .map(([oud, hs]) => ({
        oud,
        opvolgers: [...new Set(hs.map((h) => h.nieuw))].sort(),
        datum: hs[0].datum
      }));
  }

  /** The changes that created or enlarged `code`, by date. */
  naarCode(code: string): Herindeling[] {
    return [...(this.naar.get(code) ?? [])].sort((a, b) => (a.datum < b.datum ? -1 : 1));
  }
}

/** The first kerncijfers year on the new boundaries for a change on `datum`: 1 January counts in that year. */
export function eersteJaarNa(datum: string): number {
  const jaar = Number(datum.slice(0, 4));
  return datum.slice(5) === "01-01" ? jaar : jaar + 1;
}
