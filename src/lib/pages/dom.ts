/**
 * Small DOM builders for the text-heavy pages (methode, open data): a paragraph, an accessible
 * table with caption and header cells, and a labelled search field. Browser only.
 */

/**
 * A paragraph with plain text (never HTML, so no published string can inject markup). Takes
 * only the text, so it can be passed to `map` directly: `zinnen.map(alinea)`.
 */
export function alinea(text: string): HTMLParagraphElement {
  const p = document.createElement("p");
  p.textContent = text;
  return p;
}

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
