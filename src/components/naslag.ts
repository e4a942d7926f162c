/**
 * DOM builders of the reference pages (Methode en privacy, Open data): a table with optional
 * numeric columns and totals row, definition lists (alone or under headings), a live status
 * line, a button that runs an action, and a labelled search field. Data first, options second;
 * text is set as text. Apart from dom.ts so the chart pages do not load them. Browser only.
 */
import {alinea} from "./dom.js";

/**
 * A table with a caption, column headers and the first column as row headers, wrapped in a
 * focusable scroll region so it never forces the page to scroll sideways at 320 px. A cell may be
 * an element (a button); `voet` is an optional totals row.
 */
export function eenvoudigeTabel(
  caption: string,
  kolommen: readonly string[],
  rijen: ReadonlyArray<ReadonlyArray<string | number | Node>>,
  options: {id?: string; numeriek?: readonly number[]; voet?: ReadonlyArray<string | number>} = {},
  doc: Document = document
): HTMLDivElement {
  const table = doc.createElement("table");
  if (options.id) table.id = options.id;
  table.className = "eenvoudige-tabel";
  const cap = doc.createElement("caption");
  cap.textContent = caption;
  table.append(cap);
  const head = table.createTHead().insertRow();
  for (const k of kolommen) {
    const th = doc.createElement("th");
    th.scope = "col";
    th.textContent = k;
    head.append(th);
  }
  const vul = (tr: HTMLTableRowElement, rij: ReadonlyArray<string | number | Node>) =>
    rij.forEach((waarde, i) => {
      const cell = i === 0 ? doc.createElement("th") : doc.createElement("td");
      if (i === 0) (cell as HTMLTableCellElement).scope = "row";
      if (typeof waarde === "object") cell.append(waarde);
      else cell.textContent = typeof waarde === "number" ? waarde.toLocaleString("nl-NL") : waarde;
      if (options.numeriek?.includes(i)) cell.className = "getal";
      tr.append(cell);
    });
  const body = table.createTBody();
  for (const rij of rijen) vul(body.insertRow(), rij);
  // A totals row goes in the table foot, so screen readers announce it apart from the rows.
  if (options.voet) vul(table.createTFoot().insertRow(), options.voet);
  const wrap = doc.createElement("div");
  wrap.className = "tabel-scroll";
  wrap.tabIndex = 0;
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", caption);
  wrap.append(table);
  return wrap;
}

/** A labelled search field; the wrapper carries `value` and the input's bubbling events. */
export function zoekVeld(
  label: string,
  value: string,
  doc: Document = document
): HTMLDivElement & {value: string} {
  const wrapper = doc.createElement("div") as HTMLDivElement & {value: string};
  wrapper.className = "keuzemenu";
  const input = doc.createElement("input");
  input.type = "search";
  input.id = `zoek-${Math.random().toString(36).slice(2, 8)}`;
  input.value = value;
  const l = doc.createElement("label");
  l.htmlFor = input.id;
  l.textContent = label;
  Object.defineProperty(wrapper, "value", {
    get: () => input.value,
    set: (v: unknown) => {
      input.value = String(v);
    }
  });
  wrapper.append(l, input);
  return wrapper;
}

/** One term of a definition list: its text as one text (`tekst`) or as paragraphs (`alineas`). */
export interface Definitie {
  term: string;
  tekst?: string;
  alineas?: readonly string[];
  /** `data-*` attributes of the term (`{indicator: "id"}` gives `data-indicator`). */
  data?: Readonly<Record<string, string>>;
}

/** A definition list (`<dl>` of `<dt>` and `<dd>`). */
export function definitieLijst(
  items: readonly Definitie[],
  options: {id?: string; className?: string} = {},
  doc: Document = document
): HTMLDListElement {
  const dl = doc.createElement("dl");
  if (options.className) dl.className = options.className;
  if (options.id) dl.id = options.id;
  for (const item of items) {
    const dt = doc.createElement("dt");
    dt.textContent = item.term;
    for (const [k, v] of Object.entries(item.data ?? {})) dt.dataset[k] = v;
    const dd = doc.createElement("dd");
    if (item.tekst !== undefined) dd.textContent = item.tekst;
    for (const a of item.alineas ?? []) dd.append(alinea(a));
    dl.append(dt, dd);
  }
  return dl;
}

/** Definition lists under headings (`<h3>` per group) in one block. */
export function gegroepeerdeDefinities(
  groepen: ReadonlyArray<{kop: string; items: readonly Definitie[]}>,
  options: {id?: string; className?: string} = {},
  doc: Document = document
): HTMLDivElement {
  const blok = doc.createElement("div");
  if (options.id) blok.id = options.id;
  for (const g of groepen) {
    const h = doc.createElement("h3");
    h.textContent = g.kop;
    blok.append(h, definitieLijst(g.items, {className: options.className}, doc));
  }
  return blok;
}

/** A live status line (`role="status"`): one for the whole visit, so each change is announced. */
export function statusRegel(options: {id: string}, doc: Document = document): HTMLParagraphElement {
  const p = doc.createElement("p");
  p.id = options.id;
  p.setAttribute("role", "status");
  return p;
}

/**
 * A button that runs `actie` when clicked, disabled while it runs (so a second click does not
 * start it twice). `data` sets `data-*` attributes.
 */
export function actieKnop(
  tekst: string,
  options: {actie: () => Promise<void> | void; data?: Readonly<Record<string, string>>},
  doc: Document = document
): HTMLButtonElement {
  const b = doc.createElement("button");
  b.type = "button";
  b.textContent = tekst;
  for (const [k, v] of Object.entries(options.data ?? {})) b.dataset[k] = v;
  b.addEventListener("click", async () => {
    b.disabled = true;
    try {
      await options.actie();
    } finally {
      b.disabled = false;
    }
  });
  return b;
}
