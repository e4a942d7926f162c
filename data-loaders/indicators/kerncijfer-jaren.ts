/**
 * On which year of the kerncijfers each component of the resilience index rests, per published
 * year: the latest year with values, at most KERNCIJFERS_MAX_JAREN_TERUG years back (CBS publishes
 * income, benefits and care per buurt a year or two after the population), or none, with the
 * reason. A component that replaces another (`vervangt`) pushes it out in the years it has values.
 * Pure: used by the computation (compute-weerbaarheid.ts), the published metadata and check-data.
 */
import type {KerncijferOverzicht} from "../sources/types.ts";
import {KERNCIJFERS_MAX_JAREN_TERUG, type KwetsbaarheidComponent} from "./catalogue.ts";

/** One component in one published year. */
export interface ComponentJaar {
  component: string;
  jaar: number;
  /** The kerncijfers year it rests on, or null when it has none. */
  bronjaar: number | null;
  /** Why it has no year (Dutch), or null. */
  reden: string | null;
}

/** The source year (or the reason there is none) of every public component in every year. */
export function componentJaren(
  componenten: readonly KwetsbaarheidComponent[],
  overzicht: KerncijferOverzicht | undefined,
  jaren: readonly number[]
): ComponentJaar[] {
  const publiek = componenten.filter((c) => c.bron !== "signalen");
  const b = overzicht?.beschikbaar ?? {};
  const heeft = (v: string, soort: "inTabel" | "metWaarden" | "andereEenheid", s: number) =>
    (b[v as keyof typeof b]?.[soort] ?? []).includes(s);
  const kwbJaren = new Set(overzicht?.jaren ?? []);
  const out = new Map<string, ComponentJaar>();
  for (const c of publiek) {
    for (const jaar of jaren) {
      const venster: number[] = [];
      for (let s = jaar; s >= jaar - KERNCIJFERS_MAX_JAREN_TERUG; s--) venster.push(s);
      const bruikbaar = (s: number) =>
        heeft(c.bron, "metWaarden", s) &&
        (c.vorm !== "per-1000-inwoners" || heeft("inwoners", "metWaarden", s));
      const bronjaar = venster.find(bruikbaar) ?? null;
      let reden: string | null = null;
      if (bronjaar === null) {
        // Reasons without years, so that years with the same reason read as one run.
        if (!venster.some((s) => kwbJaren.has(s)))
          reden = `geen kerncijfers van dat jaar of de ${KERNCIJFERS_MAX_JAREN_TERUG} jaren ervoor`;
        else if (venster.some((s) => heeft(c.bron, "inTabel", s)))
          reden = "wel in de tabel, maar zonder waarden";
        else if (venster.some((s) => heeft(c.bron, "andereEenheid", s)))
          reden = "in de tabel in een eenheid die niet om te rekenen is";
        else reden = "niet in de tabel";
      }
      out.set(`${c.id}|${jaar}`, {component: c.id, jaar, bronjaar, reden});
    }
  }
  for (const c of publiek) {
    if (!c.vervangt) continue;
    const naam = c.naam.replace(/ \(.*\)$/, "").toLocaleLowerCase("nl");
    for (const jaar of jaren) {
      const nieuw = out.get(`${c.id}|${jaar}`);
      const oud = out.get(`${c.vervangt}|${jaar}`);
      if (nieuw?.bronjaar != null && oud?.bronjaar != null)
        out.set(`${c.vervangt}|${jaar}`, {
          ...oud,
          bronjaar: null,
          reden: `vervangen door ${naam}`
        });
    }
  }
  return [...out.values()];
}
