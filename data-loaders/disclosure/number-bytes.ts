/**
 * Numbers as bytes, for the writers after the gate (page files in emit.ts, open data in
 * open-data.ts), which copy millions of cells into a buffer byte by byte.
 */

/** Integers up to this in magnitude are written digit by digit (`String` gives plain digits far beyond it). */
const DIGITS_MAX = 2 ** 31;

/**
 * Writes `String(x)` into `buf` at `o` (for a finite number what `JSON.stringify` writes) and
 * returns the offset after it: an integer below 2^31 in magnitude digit by digit, without making
 * a string (`String(-0)` is "0", as here), any other number through `String`. Nationally two
 * numbers per cell, 7 million cells in the page files and 3 million rows in the open data.
 */
export function writeNumber(buf: Uint8Array, o: number, x: number): number {
  if (Number.isInteger(x) && x > -DIGITS_MAX && x < DIGITS_MAX) {
    let n = x | 0;
    if (n < 0) {
      buf[o++] = 0x2d; // "-"
      n = -n;
    }
    let digits = 1;
    for (let p = 10; p <= n; p *= 10) digits++;
    o += digits;
    for (let at = o - 1; digits > 0; digits--, at--) {
      buf[at] = 0x30 + (n % 10);
      n = (n / 10) | 0;
    }
    return o;
  }
  const s = String(x);
  for (let b = 0; b < s.length; b++) buf[o++] = s.charCodeAt(b);
  return o;
}
