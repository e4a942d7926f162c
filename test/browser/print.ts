/**
 * Reading a printed page back as a reader sees it: every piece of text of a PDF (printed by
 * Chromium) with its box, from pdf.js, and the pairs of texts printed over each other.
 */
import {getDocument} from "pdfjs-dist/legacy/build/pdf.mjs";

/** One piece of text on a printed page, in PDF points from the top left. */
export interface PrintedText {
  page: number;
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every text item of a PDF with its box (pdf.js coordinates are from the bottom left). */
export async function printedText(pdf: Uint8Array): Promise<{pages: number; items: PrintedText[]}> {
  const doc = await getDocument({data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false})
    .promise;
  const items: PrintedText[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const [, , , top] = page.view;
    const content = await page.getTextContent();
    for (const item of content.items) {
      if (!("str" in item) || item.str.trim() === "") continue;
      const [a, b, , , e, f] = item.transform as number[];
      const size = Math.hypot(a!, b!);
      items.push({page: p, text: item.str, x: e!, y: top! - f! - size, width: item.width, height: size});
    }
  }
  return {pages: doc.numPages, items};
}

/** Pairs of text items on one page whose boxes overlap by more than a third of the smaller one. */
export function overlaps(items: readonly PrintedText[]): Array<[PrintedText, PrintedText]> {
  const out: Array<[PrintedText, PrintedText]> = [];
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i]!;
      const b = items[j]!;
      if (a.page !== b.page) continue;
      const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (w <= 0 || h <= 0) continue;
      const smaller = Math.min(a.width * a.height, b.width * b.height);
      if (smaller > 0 && (w * h) / smaller > 1 / 3) out.push([a, b]);
    }
  return out;
}

/**
 * The printed lines: items on one page at the same height (within 2 pt) joined left to right,
 * so a word that the PDF splits at a ligature ("Gemeentebrie" + "fi" + "ng") reads whole.
 */
export function printedLines(items: readonly PrintedText[]): Array<{page: number; y: number; text: string}> {
  const sorted = [...items].sort((a, b) => a.page - b.page || a.y - b.y || a.x - b.x);
  const lines: Array<{page: number; y: number; parts: PrintedText[]}> = [];
  for (const t of sorted) {
    const line = lines.find((l) => l.page === t.page && Math.abs(l.y - t.y) <= 2);
    if (line) line.parts.push(t);
    else lines.push({page: t.page, y: t.y, parts: [t]});
  }
  return lines.map((l) => {
    const parts = l.parts.sort((a, b) => a.x - b.x);
    let text = "";
    parts.forEach((p, i) => {
      const prev = parts[i - 1];
      text += prev && p.x - (prev.x + prev.width) > 1 ? ` ${p.text}` : p.text;
    });
    return {page: l.page, y: l.y, text};
  });
}
