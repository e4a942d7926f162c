/**
 * Generic patterns of identifying values (privacy.md rule 10 and "Proof in every build"),
 * shared by the metadata check of the gate and the exposure scan of the built site.
 */

/** One generic pattern with an optional extra test on the matched text. */
export interface GenericPattern {
  id: string;
  /** Dutch description for findings. */
  label: string;
  regex: RegExp;
  /** Extra validation of a match (e.g. the BSN eleven-test); true = a real finding. */
  validate?: (match: string) => boolean;
  /** Only meaningful in data and page text, not in minified library code. */
  dataOnly?: boolean;
}

/** BSN eleven-test: 9 digits, sum of d_i * (9..2) minus the last digit divisible by 11. */
export function passesElevenTest(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^(\d)\1{8}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0 && sum !== 0;
}

/** IBAN mod-97 check. */
export function passesIbanCheck(iban: string): boolean {
  const s = iban.replace(/\s+/g, "").toUpperCase();
  const moved = s.slice(4) + s.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const v = ch >= "A" && ch <= "Z" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

/**
 * The generic patterns. Digit patterns use look-arounds so that they only match numbers that
 * are not part of a longer digit run, letters or decimals (hashes, timestamps, coordinates in
 * minified code). Coordinates: a WGS84 pair inside the Netherlands with at least 4 decimals
 * each, or an RD New pair (x 7..300 km, y 289..629 km) with decimals; integer RD pairs are not
 * flagged because quantised TopoJSON consists of exactly such integers.
 */
export const GENERIC_PATTERNS: readonly GenericPattern[] = [
  {
    id: "postcode",
    label: "postcode",
    regex: /(?<![\w#-])[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?![\w-])/g,
    dataOnly: true
  },
  {id: "kvk", label: "KvK-nummer (8 cijfers)", regex: /(?<![\w.\-/#])\d{8}(?![\w.])/g, dataOnly: true},
  {
    id: "vestigingsnummer",
    label: "vestigingsnummer (12 cijfers)",
    regex: /(?<![\w.\-/#])\d{12}(?![\w.])/g,
    dataOnly: true
  },
  {
    id: "bsn",
    label: "BSN (elfproef)",
    regex: /(?<![\w.\-/#])\d{9}(?![\w.])/g,
    validate: passesElevenTest,
    dataOnly: true
  },
  {
    id: "iban",
    label: "IBAN",
    regex: /\bNL\d{2} ?[A-Z]{4} ?\d{4} ?\d{4} ?\d{2}\b/g,
    validate: passesIbanCheck
  },
  {
    id: "email",
    label: "e-mailadres",
    regex: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.(?:nl|com|org|net|eu|be|de|info|biz)\b/g
  },
  {
    id: "telefoon",
    label: "telefoonnummer",
    regex: /(?<![\w.])(?:\+31[ -]?(?:\(0\))?|0031[ -]?|0)(?:[1-9]\d{1,2}[ -]?\d{6,7}|6[ -]?\d{8})(?![\w.])/g,
    validate: (m) => m.replace(/\D/g, "").replace(/^0031|^31/, "0").length === 10,
    dataOnly: true
  },
  {
    id: "wgs84",
    label: "coördinaat (WGS84)",
    regex:
      /(?<![\d.])(?:5[0-3]\.\d{4,}\s*[,; ]\s*[3-7]\.\d{4,}|[3-7]\.\d{4,}\s*[,; ]\s*5[0-3]\.\d{4,})(?![\d.])/g,
    dataOnly: true
  },
  {
    id: "rd",
    label: "coördinaat (RD New)",
    regex: /(?<![\d.])(?:[1-2]\d{5}|[7-9]\d{4})\.\d+\s*[,; ]\s*(?:[3-6]\d{5}|29\d{4})\.\d+(?![\d.])/g,
    dataOnly: true
  }
];

/** Finds generic-pattern matches in a text; returns pattern id and matched text. */
export function findGenericPatterns(
  text: string,
  opts: {dataOnly?: boolean; skip?: ReadonlySet<string>} = {}
): {id: string; label: string; match: string; index: number}[] {
  const out: {id: string; label: string; match: string; index: number}[] = [];
  for (const p of GENERIC_PATTERNS) {
    if (opts.skip?.has(p.id)) continue;
    if (p.dataOnly && opts.dataOnly === false) continue;
    for (const m of text.matchAll(p.regex)) {
      if (p.validate && !p.validate(m[0])) continue;
      out.push({id: p.id, label: p.label, match: m[0], index: m.index ?? 0});
    }
  }
  return out;
}
