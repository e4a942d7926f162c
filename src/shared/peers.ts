/**
 * Peer gemeenten: for each gemeente the five most similar gemeenten on public kerncijfers, the
 * default comparison in the briefing and the werkplaats. Similarity is the Euclidean distance
 * between standardised kerncijfers (z-scores across all gemeenten of the bronmap), with size and
 * density on a log scale so that a city of 200,000 is not simply "far" from everything. Missing
 * variables are left out of a pair's distance (averaged over the variables both have).
 *
 * `src/shared/` holds the code that the build (data-loaders, in Node) and the pages (in the
 * browser) both run, so that neither side reaches into the other's folders; it imports nothing.
 */

/** The kerncijfers peers are matched on, with how each is transformed before standardising. */
export const PEER_VARIABLES: ReadonlyArray<{variabele: string; titel: string; log: boolean}> = [
  {variabele: "inwoners", titel: "aantal inwoners (log)", log: true},
  {variabele: "bevolkingsdichtheid", titel: "bevolkingsdichtheid (log)", log: true},
  {variabele: "stedelijkheid", titel: "mate van stedelijkheid", log: false},
  {variabele: "gemiddeld_inkomen", titel: "gemiddeld inkomen per inwoner", log: false},
  {variabele: "woz", titel: "gemiddelde WOZ-waarde", log: false},
  {variabele: "eenpersoonshuishoudens_pct", titel: "aandeel eenpersoonshuishoudens", log: false}
];

/** One peer and its distance (smaller = more similar). */
export interface Peer {
  code: string;
  afstand: number;
}

/**
 * The `count` most similar gemeenten of every gemeente. `values` holds per gemeente code the
 * kerncijfers by variable name (null = missing). Ties are broken by code, so the result is
 * deterministic.
 */
export function peerGemeenten(
  values: ReadonlyMap<string, Readonly<Record<string, number | null | undefined>>>,
  count = 5,
  variables = PEER_VARIABLES
): Map<string, Peer[]> {
  const codes = [...values.keys()].sort();
  // Standardise each variable across gemeenten.
  const z = new Map<string, Array<number | null>>(codes.map((c) => [c, []]));
  for (const {variabele, log} of variables) {
    const raw = codes.map((c) => {
      const v = values.get(c)?.[variabele];
      if (v == null || !Number.isFinite(v) || (log && v <= 0)) return null;
      return log ? Math.log(v) : v;
    });
    const present = raw.filter((v): v is number => v !== null);
    const mean = present.reduce((s, v) => s + v, 0) / (present.length || 1);
    const sd = Math.sqrt(present.reduce((s, v) => s + (v - mean) ** 2, 0) / (present.length || 1));
    // A variable on which all gemeenten are equal says nothing about similarity: z = 0 for all.
    raw.forEach((v, i) => z.get(codes[i]!)!.push(v === null ? null : sd === 0 ? 0 : (v - mean) / sd));
  }
  const result = new Map<string, Peer[]>();
  for (const a of codes) {
    const za = z.get(a)!;
    const peers: Peer[] = [];
    for (const b of codes) {
      if (a === b) continue;
      const zb = z.get(b)!;
      let sum = 0;
      let n = 0;
      za.forEach((v, i) => {
        const w = zb[i];
        if (v !== null && w !== null && w !== undefined) {
          sum += (v - w) ** 2;
          n += 1;
        }
      });
      if (n > 0) peers.push({code: b, afstand: Math.sqrt(sum / n)});
    }
    peers.sort((p, q) => p.afstand - q.afstand || p.code.localeCompare(q.code));
    result.set(a, peers.slice(0, count));
  }
  return result;
}
