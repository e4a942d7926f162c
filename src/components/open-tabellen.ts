/**
 * The published tables of Open data, grouped by theme: per table a section with its title, its
 * paragraphs (metadata, cell counts, definition) and the page's download button. `(data,
 * options)`: the page gives the groups and says per table which texts and which button it shows.
 */

/** One table as this list needs it: an id (`data-tabel`) and a title. */
export interface OpenTabelKop {
  id: string;
  titel: string;
}

export function openTabelLijst<T extends OpenTabelKop>(
  groepen: ReadonlyArray<{thema: string; tabellen: readonly T[]}>,
  options: {alineas: (tabel: T) => readonly string[]; knop: (tabel: T) => Node; id?: string},
  doc: Document = document
): HTMLDivElement {
  const lijst = doc.createElement("div");
  if (options.id) lijst.id = options.id;
  for (const g of groepen) {
    const h3 = doc.createElement("h3");
    h3.textContent = g.thema;
    lijst.append(h3);
    for (const t of g.tabellen) {
      const kaart = doc.createElement("section");
      kaart.className = "open-tabel";
      kaart.dataset.tabel = t.id;
      const h4 = doc.createElement("h4");
      h4.textContent = t.titel;
      h4.id = `open-tabel-${t.id}`;
      kaart.setAttribute("aria-labelledby", h4.id);
      kaart.append(h4);
      for (const tekst of options.alineas(t)) {
        const p = doc.createElement("p");
        p.textContent = tekst;
        kaart.append(p);
      }
      kaart.append(options.knop(t));
      lijst.append(kaart);
    }
  }
  return lijst;
}
