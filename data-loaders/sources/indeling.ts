/**
 * Which province and which RIEC region each gemeente belongs to, so a site of many gemeenten can
 * be read per province or RIEC region. The mapping is data with a source: the bronmap's own
 * `gebieden/indeling.csv` when present (the demo generator writes one for its fictitious
 * gemeenten), otherwise the project's reference table of the 342 gemeenten of 2023
 * (`gebiedsindeling/gemeenten-2023.csv`, provenance in `gebiedsindeling/README.md`).
 */
import {existsSync, readFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {dsvFormat} from "d3-dsv";
import {detectDelimiter} from "./csv.ts";
import {decodeText} from "./geojson.ts";
import {BronmapError} from "./types.ts";

/** The project's reference table (CBS gemeenten 2023). */
export const REFERENTIE_INDELING = join(
  dirname(fileURLToPath(import.meta.url)),
  "gebiedsindeling",
  "gemeenten-2023.csv"
);

/** Path of the optional indeling inside a bronmap. */
export const BRONMAP_INDELING = join("gebieden", "indeling.csv");

/** One province or RIEC region with the gemeenten of the bronmap in it. */
export interface Deelgebied {
  code: string;
  naam: string;
  gemeenten: string[];
}

/** The indeling of the bronmap's gemeenten. */
export interface Indeling {
  provincies: Deelgebied[];
  riecs: Deelgebied[];
  /** Where the indeling comes from, in words (shown on the Methode page). */
  bron: string;
  /** Gemeenten of the bronmap without a province or RIEC region. */
  zonderIndeling: string[];
}

/** One row: a gemeente's province and RIEC region (either may be missing). */
interface Rij {
  provincie: {code: string; naam: string} | null;
  riec: {code: string; naam: string} | null;
}

const KOLOMMEN = {
  gemeente: ["gemeentecode", "gm_code", "statcode"],
  provinciecode: ["provinciecode", "pv_code"],
  provincienaam: ["provincienaam", "pv_naam"],
  riecCode: ["riec_code", "politie_eenheid", "re_code"],
  riecNaam: ["riec_naam", "riecnaam"]
} as const;

/** Codes of a province or RIEC region as published (CBS style, or our own for fictitious areas). */
const DEEL_CODE = /^[A-Z]{2,4}\d{1,4}$/;
const GEMEENTE_CODE = /^GM\d{4}$/;

/** Reads an indeling CSV into rows by gemeente code; throws a BronmapError naming line and column. */
export function parseIndeling(text: string, label: string): Map<string, Rij> {
  const header = text.split(/\r?\n/, 1)[0] ?? "";
  const rows = dsvFormat(detectDelimiter(header)).parseRows(text.replace(/^\uFEFF/, ""));
  const names = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const col = (aliases: readonly string[]) => names.findIndex((n) => aliases.includes(n));
  const c = {
    gemeente: col(KOLOMMEN.gemeente),
    provinciecode: col(KOLOMMEN.provinciecode),
    provincienaam: col(KOLOMMEN.provincienaam),
    riecCode: col(KOLOMMEN.riecCode),
    riecNaam: col(KOLOMMEN.riecNaam)
  };
  if (c.gemeente < 0)
    throw new BronmapError(label, {
      line: 1,
      expected: "een kolom gemeentecode",
      found: names.join(", ") || "(leeg)"
    });
  if (c.provinciecode < 0 && c.riecCode < 0)
    throw new BronmapError(label, {
      line: 1,
      expected: "een kolom provinciecode of riec_code",
      found: names.join(", ")
    });
  const out = new Map<string, Rij>();
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.every((v) => v.trim() === "")) continue;
    const line = i + 1;
    const get = (k: number) => (k >= 0 ? (row[k] ?? "").trim() : "");
    const gemeente = get(c.gemeente).toUpperCase();
    if (!GEMEENTE_CODE.test(gemeente))
      throw new BronmapError(label, {
        line,
        column: names[c.gemeente],
        expected: "een gemeentecode (GM0000)",
        found: gemeente || "(leeg)"
      });
    const deel = (codeCol: number, naamCol: number, wat: string) => {
      const code = get(codeCol).toUpperCase();
      if (code === "") return null;
      if (!DEEL_CODE.test(code))
        throw new BronmapError(label, {
          line,
          column: names[codeCol],
          expected: `een ${wat}code (zoals PV30 of RE09)`,
          found: code
        });
      return {code, naam: get(naamCol) || code};
    };
    if (out.has(gemeente))
      throw new BronmapError(label, {
        line,
        column: names[c.gemeente],
        expected: "elke gemeente één keer",
        found: `${gemeente} opnieuw`
      });
    out.set(gemeente, {
      provincie: deel(c.provinciecode, c.provincienaam, "provincie"),
      riec: deel(c.riecCode, c.riecNaam, "RIEC-")
    });
  }
  return out;
}

function readCsvText(path: string): string {
  return decodeText(readFileSync(path)).text;
}

/**
 * The indeling of `gemeenten`: the bronmap's `gebieden/indeling.csv` first, then the reference
 * table. Provinces and RIEC regions are listed by code, each with its gemeenten in the order given.
 */
export function readIndeling(
  bronmapDir: string,
  gemeenten: ReadonlyArray<{code: string}>,
  referentie: string = REFERENTIE_INDELING
): Indeling {
  const eigenPad = join(bronmapDir, BRONMAP_INDELING);
  const eigen = existsSync(eigenPad)
    ? parseIndeling(readCsvText(eigenPad), BRONMAP_INDELING)
    : new Map<string, Rij>();
  const ref = parseIndeling(readCsvText(referentie), "gebiedsindeling/gemeenten-2023.csv");
  const provincies = new Map<string, Deelgebied>();
  const riecs = new Map<string, Deelgebied>();
  const zonder: string[] = [];
  let uitEigen = 0;
  let uitReferentie = 0;
  for (const g of gemeenten) {
    const rij = eigen.get(g.code) ?? ref.get(g.code);
    if (eigen.has(g.code)) uitEigen++;
    else if (rij) uitReferentie++;
    const add = (map: Map<string, Deelgebied>, d: {code: string; naam: string} | null | undefined) => {
      if (!d) return false;
      let entry = map.get(d.code);
      if (!entry) map.set(d.code, (entry = {code: d.code, naam: d.naam, gemeenten: []}));
      entry.gemeenten.push(g.code);
      return true;
    };
    const p = add(provincies, rij?.provincie);
    const r = add(riecs, rij?.riec);
    if (!p || !r) zonder.push(g.code);
  }
  const bronnen: string[] = [];
  if (uitEigen > 0)
    bronnen.push(
      `de indeling in de bronmap (${BRONMAP_INDELING}) voor ${uitEigen} gemeente${uitEigen === 1 ? "" : "n"}`
    );
  if (uitReferentie > 0)
    bronnen.push(
      `de CBS-indeling van 2023 (provincies; RIEC-regio's volgens de regionale eenheden van de politie) voor ${uitReferentie} gemeente${uitReferentie === 1 ? "" : "n"}`
    );
  const sorted = (m: Map<string, Deelgebied>) => [...m.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
  return {
    provincies: sorted(provincies),
    riecs: sorted(riecs),
    bron:
      bronnen.length > 0
        ? `Provincie en RIEC-regio per gemeente uit ${bronnen.join(" en ")}.`
        : "Geen indeling in provincies en RIEC-regio's bekend.",
    zonderIndeling: zonder
  };
}
