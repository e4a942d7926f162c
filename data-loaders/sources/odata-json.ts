/**
 * A fast path for the common kerncijfers JSON file: an OData response
 * `{"odata.metadata": "...", "value": [{...}, {...}, ...]}` whose rows are flat objects with the
 * same keys in the same order, in ASCII: OData v3 (a row per area) and OData v4 observations (a
 * row per area and measure, pivoted by kerncijfers.ts `pivotV4Snel`). It reads the bytes once,
 * checks them as strictly as `JSON.parse` and keeps only where each value starts; the values that
 * are used are made afterwards, as the StatLine CSV path does. No object per row with every
 * column, no string of the whole file.
 *
 * It never reports an error itself: anything outside this shape, and anything that is not valid
 * JSON, gives null, and the caller parses the file with `JSON.parse` as before (with its messages
 * and positions). So the result is either exactly what `JSON.parse` gives for these values, or
 * nothing. Why by hand: `JSON.parse` builds every row (22 values, ~140,000 rows nationally, and
 * 240,000 observations of 6 values) and wants the file as one string; the streaming JSON
 * libraries are slower than `JSON.parse` and also build every value. test/sources/odata-json.test.ts
 * compares it with `JSON.parse` (and `pivotV4`) on random and broken documents.
 */

/** A file read by the fast path. */
export interface SnelleOData {
  /** `odata.metadata ?? @odata.context` of the top object, when a string (else null). */
  context: string | null;
  /** The keys of the rows, in their order (as `Object.keys` of each row gives them). */
  kolommen: string[];
  /** The number of rows of `value`. */
  aantal: number;
  /**
   * The values of columns `namen`, a list per name with a value per row, as `row[naam]` of the
   * rows of `JSON.parse` gives them.
   */
  kolomwaarden(namen: readonly string[]): unknown[][];
  /** The value of row `rij` in column `kolom` (a place in `kolommen`), as `JSON.parse` gives it. */
  waarde(rij: number, kolom: number): unknown;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJ = 0x7b;
const CLOSE_OBJ = 0x7d;
const OPEN_ARR = 0x5b;
const CLOSE_ARR = 0x5d;

/** Thrown inside the scanner for anything outside the fast path; caught in `leesOData`. */
class Anders extends Error {}
const ANDERS = new Anders();

function isWit(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * The rows of `bytes` (ASCII JSON, no BOM), or null when the file is not of the fast shape or not
 * valid JSON. The caller checks ASCII first.
 */
export function leesOData(bytes: Buffer): SnelleOData | null {
  try {
    return lees(bytes);
  } catch (e) {
    if (e instanceof Anders) return null;
    throw e;
  }
}

/** The position after the white space at `i`. */
function wit(b: Uint8Array, i: number): number {
  while (isWit(b[i])) i++;
  return i;
}

/** The end (after the closing quote) of the string starting at `start` (a quote); checks escapes. */
function stringEinde(b: Uint8Array, start: number): number {
  let j = start + 1;
  for (;;) {
    const c = b[j];
    if (c === QUOTE) return j + 1;
    // Control characters are not allowed raw in a JSON string; non-ASCII is not this
    // path's. Past the end, `c` is undefined and fails every test.
    if (!(c >= 0x20 && c <= 0x7f)) throw ANDERS;
    if (c === BACKSLASH) {
      const e = b[j + 1];
      if (e === 0x75) {
        // \uXXXX
        for (let k = 2; k < 6; k++) if (!isHex(b[j + k])) throw ANDERS;
        j += 6;
      } else if (
        e === QUOTE ||
        e === BACKSLASH ||
        e === 0x2f ||
        e === 0x62 ||
        e === 0x66 ||
        e === 0x6e ||
        e === 0x72 ||
        e === 0x74
      )
        j += 2;
      else throw ANDERS;
    } else j++;
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** The end of the number starting at `start`, by the JSON grammar. */
function getalEinde(b: Uint8Array, start: number): number {
  let j = start;
  if (b[j] === 0x2d) j++;
  if (b[j] === 0x30) j++;
  else if (b[j] >= 0x31 && b[j] <= 0x39) {
    j++;
    while (isDigit(b[j])) j++;
  } else throw ANDERS;
  if (b[j] === 0x2e) {
    j++;
    if (!isDigit(b[j])) throw ANDERS;
    while (isDigit(b[j])) j++;
  }
  if (b[j] === 0x65 || b[j] === 0x45) {
    j++;
    if (b[j] === 0x2b || b[j] === 0x2d) j++;
    if (!isDigit(b[j])) throw ANDERS;
    while (isDigit(b[j])) j++;
  }
  return j;
}

function woord(b: Uint8Array, start: number, w: string): number {
  for (let k = 0; k < w.length; k++) if (b[start + k] !== w.charCodeAt(k)) throw ANDERS;
  return start + w.length;
}

/** The end of the primitive value (string, number, true, false, null) at `start`. */
function primitiefEinde(b: Uint8Array, start: number): number {
  const c = b[start];
  if (c === QUOTE) return stringEinde(b, start);
  if (c === 0x6e) return woord(b, start, "null");
  if (c === 0x74) return woord(b, start, "true");
  if (c === 0x66) return woord(b, start, "false");
  return getalEinde(b, start);
}

/** The end of any JSON value at `start` (members of the top object other than `value`). */
function waardeEinde(b: Uint8Array, start: number, diepte: number): number {
  if (diepte > 64) throw ANDERS;
  let i = start;
  const c = b[i];
  if (c === OPEN_OBJ) {
    i = wit(b, i + 1);
    if (b[i] === CLOSE_OBJ) return i + 1;
    for (;;) {
      if (b[i] !== QUOTE) throw ANDERS;
      i = wit(b, stringEinde(b, i));
      if (b[i] !== COLON) throw ANDERS;
      i = wit(b, waardeEinde(b, wit(b, i + 1), diepte + 1));
      if (b[i] === COMMA) i = wit(b, i + 1);
      else if (b[i] === CLOSE_OBJ) return i + 1;
      else throw ANDERS;
    }
  }
  if (c === OPEN_ARR) {
    i = wit(b, i + 1);
    if (b[i] === CLOSE_ARR) return i + 1;
    for (;;) {
      i = wit(b, waardeEinde(b, i, diepte + 1));
      if (b[i] === COMMA) i = wit(b, i + 1);
      else if (b[i] === CLOSE_ARR) return i + 1;
      else throw ANDERS;
    }
  }
  return primitiefEinde(b, i);
}

/** The rows of `value` from `[` at `start`: the keys of the first row, and where every value starts. */
interface Rijen {
  einde: number;
  kolommen: string[];
  aantal: number;
  plekken: Int32Array;
}

function leesRijen(b: Buffer, start: number): Rijen {
  const n = b.length;
  let i = wit(b, start + 1);
  if (b[i] === CLOSE_ARR) return {einde: i + 1, kolommen: [], aantal: 0, plekken: new Int32Array(0)};
  // The first row fixes the keys (each once, in the order of the file).
  if (b[i] !== OPEN_OBJ) throw ANDERS;
  const rijStart = i;
  i = wit(b, i + 1);
  const kolommen: string[] = [];
  const starts: number[] = [];
  const lengtes: number[] = [];
  const eerste: number[] = [];
  if (b[i] !== CLOSE_OBJ) {
    for (;;) {
      if (b[i] !== QUOTE) throw ANDERS;
      const s = i;
      i = stringEinde(b, i);
      const naam = tekst(b, s, i);
      if (!gewoneSleutel(naam) || kolommen.includes(naam)) throw ANDERS;
      kolommen.push(naam);
      starts.push(s);
      lengtes.push(i - s);
      i = wit(b, i);
      if (b[i] !== COLON) throw ANDERS;
      i = wit(b, i + 1);
      eerste.push(i);
      i = wit(b, primitiefEinde(b, i));
      if (b[i] === COMMA) i = wit(b, i + 1);
      else if (b[i] === CLOSE_OBJ) break;
      else throw ANDERS;
    }
  }
  i++;
  const k = kolommen.length;
  // Room for as many rows as the first row's size suggests; grown when needed.
  let plekken = new Int32Array(k === 0 ? 0 : (Math.ceil(n / Math.max(1, i - rijStart)) + 16) * k);
  plekken.set(eerste, 0);
  let aantal = 1;
  const sleutelStart = Int32Array.from(starts);
  const sleutelLengte = Int32Array.from(lengtes);
  for (;;) {
    i = wit(b, i);
    if (b[i] === CLOSE_ARR) return {einde: i + 1, kolommen, aantal, plekken};
    if (b[i] !== COMMA) throw ANDERS;
    i = wit(b, i + 1);
    if (b[i] !== OPEN_OBJ) throw ANDERS;
    i = wit(b, i + 1);
    if (k === 0) {
      if (b[i] !== CLOSE_OBJ) throw ANDERS;
      i++;
      aantal++;
      continue;
    }
    if ((aantal + 1) * k > plekken.length) {
      const groter = new Int32Array(Math.max(plekken.length * 2, (aantal + 1) * k));
      groter.set(plekken);
      plekken = groter;
    }
    const basis = aantal * k;
    for (let kol = 0; ; kol++) {
      // The same key as the first row's at this place, byte for byte (its quotes included).
      const s = sleutelStart[kol];
      const len = sleutelLengte[kol];
      for (let x = 0; x < len; x++) if (b[i + x] !== b[s + x]) throw ANDERS;
      i += len;
      while (isWit(b[i])) i++;
      if (b[i] !== COLON) throw ANDERS;
      i++;
      while (isWit(b[i])) i++;
      plekken[basis + kol] = i;
      const c = b[i];
      if (c === QUOTE) {
        // A string: the common case (no escape, printable ASCII) here, the rest in stringEinde.
        let j = i + 1;
        for (;;) {
          const d = b[j];
          if (d === QUOTE) break;
          if (!(d >= 0x20 && d <= 0x7f) || d === BACKSLASH) {
            j = stringEinde(b, i) - 1;
            break;
          }
          j++;
        }
        i = j + 1;
      } else i = primitiefEinde(b, i);
      while (isWit(b[i])) i++;
      if (kol === k - 1) {
        if (b[i] !== CLOSE_OBJ) throw ANDERS;
        break;
      }
      if (b[i] !== COMMA) throw ANDERS;
      i++;
      while (isWit(b[i])) i++;
    }
    i++;
    aantal++;
  }
}

function lees(b: Buffer): SnelleOData {
  const n = b.length;
  // The top object: its keys (each once), `value` an array of rows.
  const topSleutels = new Set<string>();
  let metadata: unknown = undefined;
  let odata: unknown = undefined;
  let rijen: Rijen | null = null;
  let i = wit(b, 0);
  if (b[i] !== OPEN_OBJ) throw ANDERS;
  i = wit(b, i + 1);
  if (b[i] !== CLOSE_OBJ) {
    for (;;) {
      if (b[i] !== QUOTE) throw ANDERS;
      const s = i;
      i = stringEinde(b, i);
      const naam = tekst(b, s, i);
      if (!gewoneSleutel(naam) || topSleutels.has(naam)) throw ANDERS;
      topSleutels.add(naam);
      i = wit(b, i);
      if (b[i] !== COLON) throw ANDERS;
      i = wit(b, i + 1);
      if (naam === "value") {
        if (b[i] !== OPEN_ARR) throw ANDERS;
        rijen = leesRijen(b, i);
        i = rijen.einde;
      } else {
        const v = i;
        i = waardeEinde(b, i, 0);
        if (naam === "odata.metadata" || naam === "@odata.context") {
          // Only a string or null is followed here; anything else is left to JSON.parse.
          const w = b[v] === QUOTE ? tekst(b, v, i) : b[v] === 0x6e ? null : ANDERS;
          if (naam === "odata.metadata") metadata = w;
          else odata = w;
        }
      }
      i = wit(b, i);
      if (b[i] === COMMA) i = wit(b, i + 1);
      else if (b[i] === CLOSE_OBJ) break;
      else throw ANDERS;
    }
  }
  i = wit(b, i + 1);
  if (i !== n || rijen === null) throw ANDERS;
  const {kolommen, aantal, plekken} = rijen;
  // `odata.metadata ?? @odata.context`, as of the parsed object.
  const ctx = metadata ?? odata;
  if (ctx === ANDERS) throw ANDERS;
  const k = kolommen.length;
  return {
    context: typeof ctx === "string" ? ctx : null,
    kolommen: [...kolommen],
    aantal,
    waarde(rij: number, kol: number): unknown {
      return waardeOp(b, plekken[rij * k + kol]);
    },
    kolomwaarden(namen: readonly string[]): unknown[][] {
      const idx = namen.map((naam) => kolommen.indexOf(naam));
      const uit = namen.map(() => new Array<unknown>(aantal));
      // A name the rows do not have reads as it would on a parsed row (what its prototype holds).
      idx.forEach((kol, g) => {
        if (kol < 0) uit[g].fill(({} as Record<string, unknown>)[namen[g]]);
      });
      // Row by row, so that the bytes of a row are read together.
      for (let r = 0; r < aantal; r++) {
        const basis = r * k;
        for (let g = 0; g < idx.length; g++) {
          const kol = idx[g];
          if (kol >= 0) uit[g][r] = waardeOp(b, plekken[basis + kol]);
        }
      }
      return uit;
    }
  };
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/**
 * Keys whose place in `Object.keys` is their place in the file, and that a plain assignment
 * stores as an own property: not an array index (those come first, in numeric order) and not
 * `__proto__`.
 */
function gewoneSleutel(k: string): boolean {
  return k !== "__proto__" && !/^(0|[1-9]\d*)$/.test(k);
}

/** The string of the JSON string literal from `start` (its quote) to `einde` (after its quote). */
function tekst(b: Buffer, start: number, einde: number): string {
  let escape = false;
  for (let j = start + 1; j < einde - 1; j++)
    if (b[j] === BACKSLASH) {
      escape = true;
      break;
    }
  if (!escape) return latin1(b, start + 1, einde - 1);
  // Rare: the escapes are decoded by JSON.parse itself, on this one literal.
  return JSON.parse(latin1(b, start, einde)) as string;
}

function latin1(b: Buffer, start: number, end: number): string {
  return b.toString("latin1", start, end);
}

/** 10^0 ... 10^22, each exact as a double. */
const MACHTEN = Array.from({length: 23}, (_, e) => 10 ** e);

/** The value at `start` (checked by the scan): a string, number, true, false or null. */
function waardeOp(b: Buffer, start: number): unknown {
  const c = b[start];
  if (c === QUOTE) {
    let j = start + 1;
    let escape = false;
    while (b[j] !== QUOTE) {
      if (b[j] === BACKSLASH) {
        escape = true;
        j += 2;
      } else j++;
    }
    return escape ? (JSON.parse(latin1(b, start, j + 1)) as string) : latin1(b, start + 1, j);
  }
  if (c === 0x6e) return null;
  if (c === 0x74) return true;
  if (c === 0x66) return false;
  // At most 15 digits, without an exponent: the digits as an integer are exact (below 2^53), and
  // so is a power of ten up to 10^22, so one division rounds exactly as the decimal text does
  // (as JSON.parse rounds). Anything else (an exponent, more digits) by Number.
  const negatief = c === 0x2d;
  let j = negatief ? start + 1 : start;
  let x = 0;
  const cijfersStart = j;
  while (isDigit(b[j])) x = x * 10 + (b[j++] - 0x30);
  let cijfers = j - cijfersStart;
  let schaal = 1;
  if (b[j] === 0x2e) {
    j++;
    const breukStart = j;
    while (isDigit(b[j])) x = x * 10 + (b[j++] - 0x30);
    cijfers += j - breukStart;
    schaal = MACHTEN[j - breukStart] ?? 0;
  }
  const d = b[j];
  if (cijfers <= 15 && schaal !== 0 && d !== 0x65 && d !== 0x45) {
    const v = schaal === 1 ? x : x / schaal;
    return negatief ? -v : v;
  }
  while (isDigit(b[j]) || b[j] === 0x2e || b[j] === 0x65 || b[j] === 0x45 || b[j] === 0x2b || b[j] === 0x2d)
    j++;
  return Number(latin1(b, start, j));
}
