/**
 * What the columns of a kerncijfers file mean, and which column holds which canonical variable.
 *
 * The meaning of a key (title and unit) comes, in this order, from:
 * 1. the table's own metadata beside the data (DataProperties or MeasureCodes): the key itself,
 *    or, for a key that is not in it (the metadata of another version of the table: CBS
 *    renumbers keys between versions), the one topic in it with the same key stem;
 * 2. the built-in description of the CBS table (cbs-tabellen.json) the file is recognised as: by
 *    the table id in its OData address or file name, and by its keys (the description that holds
 *    most of them; several versions of one table are told apart that way);
 * 3. the same key stem in the built-in descriptions, when every description that has the stem
 *    agrees on title and unit (reported as assumed).
 * A variable is then the column whose title is one of the variable's titles: used as it is when
 * the unit fits, derived from a count and its denominator when the variable says how, and
 * otherwise reported and left out.
 */
import {CBS_TABELLEN, type CbsTabel, type Metadatabestand} from "./cbs-tabellen.ts";
import {
  VARIABELEN,
  definitie,
  eenheidVanCbs,
  normaliseer,
  type KerncijferVariabele
} from "./kerncijfer-variabelen.ts";
import type {KerncijferKoppeling} from "./types.ts";

/** The meaning of one column. */
export interface Onderwerp {
  /** The CBS key as CBS spells it (a CSV reader may have lower-cased the column name). */
  sleutel: string;
  titel: string | null;
  eenheid: string | null;
  /** Where title and unit come from (Dutch, for the report). */
  herkomst: string;
}

/** The result of recognising a file's columns. */
export interface Herkenning {
  tabel: {id: string; titel: string; versie: string} | null;
  /** How the meaning was found, in one Dutch sentence. */
  beschrijving: string;
  /** Meaning per column (by the column name as read from the file). */
  onderwerpen: Map<string, Onderwerp>;
  waarschuwingen: string[];
}

const MAANDEN = [
  "januari",
  "februari",
  "maart",
  "april",
  "mei",
  "juni",
  "juli",
  "augustus",
  "september",
  "oktober",
  "november",
  "december"
];

/**
 * A version date as month and year (`2021-03-26` -> `maart 2021`): precise enough to tell
 * versions apart, and never an exact date in published text (the exposure scan looks for the
 * exact dates of the bronmap's records).
 */
export function versieTekst(iso: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(iso);
  return m ? `${MAANDEN[Number(m[2]) - 1]} ${m[1]}` : iso;
}

const stam = (key: string) => key.toLowerCase().replace(/_\d+$/, "");

/** A column name spelled as CBS spells its key stem (`gemiddeldinkomenperinwoner_78` -> `GemiddeldInkomenPerInwoner_78`). */
function spelling(cbsKey: string, kolom: string): string {
  return `${cbsKey.replace(/_\d+$/, "")}${/_\d+$/.exec(kolom)?.[0] ?? ""}`;
}

/**
 * Recognises the columns of a file. `vorm` picks the descriptions (v4 measure codes or v3 keys);
 * `tabelId` is the table id from the file's OData address or name, when it has one.
 */
export function herkenOnderwerpen(
  kolommen: readonly string[],
  opties: {metadata?: Metadatabestand | null; tabelId?: string | null; vorm: "odata-v3" | "odata-v4"}
): Herkenning {
  const onderwerpen = new Map<string, Onderwerp>();
  const waarschuwingen: string[] = [];
  const open = () => kolommen.filter((k) => !onderwerpen.has(k));
  let beschrijving = "";
  let tabel: Herkenning["tabel"] = null;

  if (opties.metadata) {
    const md = opties.metadata;
    const byKey = new Map(md.onderwerpen.map((o) => [o.sleutel.toLowerCase(), o]));
    const byStam = new Map<string, typeof md.onderwerpen>();
    for (const o of md.onderwerpen) {
      const s = stam(o.sleutel);
      byStam.set(s, [...(byStam.get(s) ?? []), o]);
    }
    let viaStam = 0;
    for (const k of kolommen) {
      const o = byKey.get(k.toLowerCase());
      if (o) {
        onderwerpen.set(k, {sleutel: o.sleutel, titel: o.titel, eenheid: o.eenheid, herkomst: md.soort});
        continue;
      }
      const same = byStam.get(stam(k)) ?? [];
      if (/_\d+$/.test(k) && same.length === 1) {
        viaStam++;
        onderwerpen.set(k, {
          sleutel: spelling(same[0].sleutel, k),
          titel: same[0].titel,
          eenheid: same[0].eenheid,
          herkomst: `${md.soort}, via ${same[0].sleutel} (zelfde sleutelstam)`
        });
      }
    }
    beschrijving = `${md.soort} van de tabel, naast het bestand`;
    if (viaStam > 0)
      waarschuwingen.push(
        `${viaStam} ${viaStam === 1 ? "sleutel staat" : "sleutels staan"} niet letterlijk in ${md.bestand} (andere versie van de tabel?): herkend aan het onderwerp met dezelfde sleutelstam`
      );
    // Which table the metadata describes: its id from the file, or the built-in description
    // with the same keys.
    const mdKeys = new Set(md.onderwerpen.map((o) => o.sleutel.toLowerCase()));
    const zelfde = CBS_TABELLEN.tabellen
      .filter((t) => !opties.tabelId || t.id === opties.tabelId)
      .map((t) => ({t, n: t.onderwerpen.filter((o) => mdKeys.has(o[0].toLowerCase())).length}))
      .sort((a, b) => b.n - a.n)[0];
    if (zelfde && zelfde.n > 0 && zelfde.n >= 0.9 * mdKeys.size) {
      const gelijk = zelfde.n === mdKeys.size && zelfde.n === zelfde.t.onderwerpen.length;
      tabel = {
        id: zelfde.t.id,
        titel: zelfde.t.titel,
        versie: gelijk ? versieTekst(zelfde.t.versie) : "andere versie"
      };
    } else if (opties.tabelId) {
      const t = CBS_TABELLEN.tabellen.find((x) => x.id === opties.tabelId);
      tabel = {id: opties.tabelId, titel: t?.titel ?? opties.tabelId, versie: "onbekend"};
    }
  }

  // Built-in descriptions: the table (version) holding most of the remaining keys.
  const rest = open();
  if (rest.length > 0) {
    const vorm = opties.vorm === "odata-v4" ? ["odata-v4"] : ["odata-v3", "kaart"];
    let kandidaten = CBS_TABELLEN.tabellen.filter((t) => vorm.includes(t.vorm));
    if (opties.tabelId && kandidaten.some((t) => t.id === opties.tabelId))
      kandidaten = kandidaten.filter((t) => t.id === opties.tabelId);
    const keys = (t: CbsTabel) => new Map(t.onderwerpen.map((o) => [o[0].toLowerCase(), o]));
    const scored = kandidaten
      .map((t) => ({t, keys: keys(t), n: rest.filter((k) => keys(t).has(k.toLowerCase())).length}))
      .filter((s) => s.n > 0);
    const best = Math.max(0, ...scored.map((s) => s.n));
    const besten = scored.filter((s) => s.n === best);
    let conflicten = 0;
    for (const k of rest) {
      const found = besten
        .map((s) => s.keys.get(k.toLowerCase()))
        .filter((o): o is NonNullable<typeof o> => o !== undefined && o[1] !== null);
      const variants = new Set(found.map((o) => JSON.stringify([o[1], o[2]])));
      if (variants.size === 1) {
        const o = found[0];
        const t = besten.find((s) => s.keys.get(k.toLowerCase()) === o)!.t;
        onderwerpen.set(k, {
          sleutel: o[0],
          titel: o[1],
          eenheid: o[2],
          herkomst: `ingebouwde beschrijving ${t.id} (${versieTekst(t.versie)})${o[3] === "afgeleid" ? ", titel en eenheid afgeleid" : ""}`
        });
      } else if (variants.size > 1) conflicten++;
    }
    if (besten.length === 1 && (!tabel || tabel.id === besten[0].t.id)) {
      const t = besten[0].t;
      const all = rest.filter((k) => /_\d+$/.test(k) || besten[0].keys.has(k.toLowerCase())).length;
      tabel ??= {id: t.id, titel: t.titel, versie: versieTekst(t.versie)};
      if (!opties.metadata)
        beschrijving = `ingebouwde beschrijving van ${t.id} (${t.titel}, versie ${versieTekst(t.versie)}): ${best} van ${all} sleutels bekend`;
    } else if (besten.length > 1 && !opties.metadata) {
      beschrijving = `ingebouwde beschrijvingen (${[...new Set(besten.map((s) => s.t.id))].join(", ")}): ${best} sleutels bekend`;
    } else if (besten.length === 0 && opties.tabelId && !tabel) {
      const t = CBS_TABELLEN.tabellen.find((x) => x.id === opties.tabelId);
      tabel = {id: opties.tabelId, titel: t?.titel ?? opties.tabelId, versie: "onbekend"};
      waarschuwingen.push(
        `de sleutels van het bestand staan niet in de ingebouwde beschrijving van ${opties.tabelId}: zet de DataProperties van de tabel naast het bestand`
      );
    }
    if (conflicten > 0)
      waarschuwingen.push(
        `${conflicten} ${conflicten === 1 ? "sleutel betekent" : "sleutels betekenen"} iets anders in de tabellen die bij het bestand passen: niet gebruikt`
      );
  }

  // Last resort: the same key stem in every built-in description that has it.
  const laatste = open().filter((k) => /_\d+$/.test(k));
  if (laatste.length > 0) {
    const perStam = new Map<string, {variants: Set<string>; ids: Set<string>; key: string}>();
    for (const t of CBS_TABELLEN.tabellen) {
      if (t.vorm === "odata-v4") continue;
      for (const o of t.onderwerpen) {
        if (o[1] === null) continue;
        const s = stam(o[0]);
        const e = perStam.get(s) ?? {variants: new Set(), ids: new Set(), key: o[0]};
        e.variants.add(JSON.stringify([o[1], o[2]]));
        e.ids.add(t.id);
        perStam.set(s, e);
      }
    }
    let aangenomen = 0;
    for (const k of laatste) {
      const e = perStam.get(stam(k));
      if (!e || e.variants.size !== 1) continue;
      const [titel, eenheid] = JSON.parse([...e.variants][0]) as [string, string];
      onderwerpen.set(k, {
        sleutel: spelling(e.key, k),
        titel,
        eenheid,
        herkomst: `aangenomen: zelfde sleutelstam in ${[...e.ids].join(", ")}`
      });
      aangenomen++;
    }
    if (aangenomen > 0 && !beschrijving)
      beschrijving = `geen bekende CBS-tabel: titel en eenheid aangenomen van hetzelfde onderwerp (zelfde sleutelstam) in de ingebouwde beschrijvingen`;
  }
  if (!beschrijving) beschrijving = "geen bekende CBS-tabel en geen DataProperties naast het bestand";
  return {tabel, beschrijving, onderwerpen, waarschuwingen};
}

/** How one variable is read: the column, and for a derived one the denominator column. */
export interface Leesregel {
  variabele: KerncijferVariabele;
  kolom: string;
  /** CBS unit of the column (canonical), for validating its values. */
  kolomEenheid: ReturnType<typeof eenheidVanCbs>;
  noemer?: {kolom: string; variabele: KerncijferVariabele; schaal: 100 | 1000};
}

/** Matches the variables to the recognised columns: what to read, and the report per variable. */
export function koppelVariabelen(herkenning: Herkenning): {
  regels: Leesregel[];
  koppelingen: Omit<KerncijferKoppeling, "waarden">[];
} {
  type Kolom = Onderwerp & {kolom: string};
  const byTitel = new Map<string, Kolom[]>();
  for (const [kolom, o] of herkenning.onderwerpen) {
    if (o.titel === null) continue;
    const t = normaliseer(o.titel);
    byTitel.set(t, [...(byTitel.get(t) ?? []), {...o, kolom}]);
  }
  const direct = new Map<KerncijferVariabele, Kolom>();
  const regels: Leesregel[] = [];
  const koppelingen: Omit<KerncijferKoppeling, "waarden">[] = [];
  const kandidaten = (v: KerncijferVariabele) =>
    definitie(v).titels.flatMap((t) => byTitel.get(normaliseer(t)) ?? []);
  // First the variables whose unit fits as published (denominators are among them).
  for (const v of VARIABELEN) {
    const d = definitie(v);
    const hit = kandidaten(v).find((o) => eenheidVanCbs(o.eenheid) === d.eenheid);
    if (hit) direct.set(v, hit);
  }
  for (const v of VARIABELEN) {
    const d = definitie(v);
    const all = kandidaten(v);
    const hit = direct.get(v);
    if (hit) {
      regels.push({variabele: v, kolom: hit.kolom, kolomEenheid: d.eenheid});
      koppelingen.push({
        variabele: v,
        status: "gelezen",
        sleutel: hit.sleutel,
        titel: hit.titel ?? undefined,
        eenheid: hit.eenheid ?? undefined,
        herkomst: hit.herkomst
      });
      continue;
    }
    const telling = all.find((o) => eenheidVanCbs(o.eenheid) === "aantal");
    const noemer = d.afleiding ? direct.get(d.afleiding.noemer as KerncijferVariabele) : undefined;
    if (telling && d.afleiding && noemer) {
      regels.push({
        variabele: v,
        kolom: telling.kolom,
        kolomEenheid: "aantal",
        noemer: {
          kolom: noemer.kolom,
          variabele: d.afleiding.noemer as KerncijferVariabele,
          schaal: d.afleiding.schaal
        }
      });
      koppelingen.push({
        variabele: v,
        status: "omgerekend",
        sleutel: telling.sleutel,
        titel: telling.titel ?? undefined,
        eenheid: telling.eenheid ?? undefined,
        noemer: noemer.sleutel,
        schaal: d.afleiding.schaal,
        herkomst: telling.herkomst
      });
      continue;
    }
    if (all.length > 0) {
      const o = all[0];
      koppelingen.push({
        variabele: v,
        status: "eenheid past niet",
        sleutel: o.sleutel,
        titel: o.titel ?? undefined,
        eenheid: o.eenheid ?? undefined,
        herkomst: o.herkomst
      });
      continue;
    }
    koppelingen.push({variabele: v, status: "niet in deze tabel"});
  }
  return {regels, koppelingen};
}
