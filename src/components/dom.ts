/**
 * Small DOM builders for the text of every page: a paragraph, a link, lists of text and of links,
 * and a table of text with header cells. Each takes its data first and its options second, and
 * sets text only as text (never HTML, so no published string can inject markup). The builders
 * only Methode and Open data use are in naslag.ts (kept out of the chart pages' first load).
 * Browser only.
 */

/**
 * A paragraph with plain text (never HTML, so no published string can inject markup), or around
 * one element (a link). Takes only that, so it can be passed to `map` directly:
 * `zinnen.map(alinea)`.
 */
export function alinea(inhoud: string | Node): HTMLParagraphElement {
  const p = document.createElement("p");
  if (typeof inhoud === "string") p.textContent = inhoud;
  else p.append(inhoud);
  return p;
}

/** A link: where it goes and its text. */
export interface Link {
  href: string;
  tekst: string;
}

/** A link with plain text; `download` makes it a download under that file name. */
export function link(
  data: Link,
  options: {className?: string; download?: string} = {},
  doc: Document = document
): HTMLAnchorElement {
  const a = doc.createElement("a");
  a.href = data.href;
  if (options.download !== undefined) a.download = options.download;
  a.textContent = data.tekst;
  if (options.className) a.className = options.className;
  return a;
}

/** A list of plain-text items: `<ol>` when the order matters (steps), `<ul>` otherwise. */
export function tekstLijst(
  items: readonly string[],
  options: {geordend?: boolean; id?: string} = {},
  doc: Document = document
): HTMLOListElement | HTMLUListElement {
  const lijst = doc.createElement(options.geordend ? "ol" : "ul");
  if (options.id) lijst.id = options.id;
  for (const tekst of items) {
    const li = doc.createElement("li");
    li.textContent = tekst;
    lijst.append(li);
  }
  return lijst;
}

/** A list of links (`<ul>` of `<li><a>`), such as the briefings of the gemeenten. */
export function linkLijst(
  links: readonly Link[],
  options: {id?: string; className?: string} = {},
  doc: Document = document
): HTMLUListElement {
  const lijst = doc.createElement("ul");
  if (options.className) lijst.className = options.className;
  if (options.id) lijst.id = options.id;
  for (const l of links) {
    const li = doc.createElement("li");
    li.append(link(l, {}, doc));
    lijst.append(li);
  }
  return lijst;
}

/**
 * A table of text with column headers and the first column as row headers, in a focusable
 * scroll region named `label`; the classes of table and region are the page's (its own style).
 */
export function tekstTabel(
  rijen: ReadonlyArray<readonly string[]>,
  options: {
    caption: string;
    kolommen: readonly string[];
    label: string;
    id?: string;
    className?: string;
    regioClassName?: string;
  },
  doc: Document = document
): HTMLDivElement {
  const table = doc.createElement("table");
  if (options.className) table.className = options.className;
  if (options.id) table.id = options.id;
  const caption = doc.createElement("caption");
  caption.textContent = options.caption;
  table.append(caption);
  const head = table.createTHead().insertRow();
  for (const k of options.kolommen) {
    const th = doc.createElement("th");
    th.scope = "col";
    th.textContent = k;
    head.append(th);
  }
  const body = table.createTBody();
  for (const [kop, ...rest] of rijen) {
    const tr = body.insertRow();
    const th = doc.createElement("th");
    th.scope = "row";
    th.textContent = kop ?? "";
    tr.append(th);
    for (const t of rest) tr.insertCell().textContent = t;
  }
  const wrap = doc.createElement("div");
  if (options.regioClassName) wrap.className = options.regioClassName;
  wrap.tabIndex = 0;
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", options.label);
  wrap.append(table);
  return wrap;
}
