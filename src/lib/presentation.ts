/**
 * Presentation mode: one chart per screen, in large type, for a projector or a webinar screen
 * share. Arrow keys, Page Up/Down, Space and Home/End move between the charts of the page;
 * Escape (or the close button) leaves and returns to the same place on the page, with focus on
 * the button that started it. The charts are copies of the page's figures, so the page itself is
 * untouched while presenting.
 */

/** Options of `presentationButton`. */
export interface PresentationOptions {
  /** Which figures to show; default every chart figure on the page. */
  selector?: string;
  doc?: Document;
}

/** Renames every id inside the SVGs of `root` with a suffix, and the `url(#id)`/`href` references to them. */
export function renameSvgIds(root: Element, suffix: string): void {
  const ids = new Set<string>();
  for (const el of root.querySelectorAll("svg [id]")) {
    ids.add(el.id);
    el.id = `${el.id}${suffix}`;
  }
  if (ids.size === 0) return;
  for (const el of root.querySelectorAll("svg *")) {
    for (const attr of [...el.attributes]) {
      const value = attr.value;
      const replaced = value.replace(/url\(#([^)]+)\)/g, (all, id: string) =>
        ids.has(id) ? `url(#${id}${suffix})` : all
      );
      const href =
        (attr.name === "href" || attr.name === "xlink:href") &&
        value.startsWith("#") &&
        ids.has(value.slice(1))
          ? `${value}${suffix}`
          : replaced;
      if (href !== value) el.setAttribute(attr.name, href);
    }
  }
}

/** Starts presenting the figures matching `selector`; returns a function that stops. */
export function startPresentation(opener: HTMLElement | null, options: PresentationOptions = {}): () => void {
  const doc = options.doc ?? document;
  const figures = [...doc.querySelectorAll<HTMLElement>(options.selector ?? "figure[data-chart]")].filter(
    (f) => !f.closest(".presentation")
  );
  const scrollY = doc.defaultView?.scrollY ?? 0;
  const overlay = doc.createElement("div");
  overlay.className = "presentation";
  overlay.setAttribute("role", "dialog");
  overlay.setAttribute("aria-modal", "true");
  overlay.setAttribute("aria-label", "Presentatie");
  overlay.tabIndex = -1;
  const stage = doc.createElement("div");
  stage.className = "presentation-stage";
  const bar = doc.createElement("div");
  bar.className = "presentation-bar";
  const counter = doc.createElement("p");
  counter.className = "presentation-counter";
  counter.setAttribute("aria-live", "polite");
  const button = (label: string, onClick: () => void) => {
    const b = doc.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  };
  let index = 0;
  const show = (i: number) => {
    if (figures.length === 0) {
      stage.replaceChildren(
        Object.assign(doc.createElement("p"), {textContent: "Deze pagina heeft geen grafieken om te tonen."})
      );
      counter.textContent = "";
      return;
    }
    index = Math.max(0, Math.min(figures.length - 1, i));
    const copy = figures[index]!.cloneNode(true) as HTMLElement;
    // Ids must stay unique on the page, and the copy needs no export or table buttons. Ids
    // inside SVGs (hatch patterns, gradients, clip paths) are renamed rather than removed, so
    // suppressed areas stay hatched in the copy.
    renameSvgIds(copy, "-presentatie");
    for (const el of [copy, ...copy.querySelectorAll<HTMLElement>("[id]")]) {
      if (!el.closest("svg")) el.removeAttribute("id");
    }
    for (const el of copy.querySelectorAll(
      "button, .export-buttons, table, [aria-describedby], [aria-controls]"
    )) {
      if (el.matches("button, .export-buttons, table")) el.remove();
      else {
        el.removeAttribute("aria-describedby");
        el.removeAttribute("aria-controls");
      }
    }
    stage.replaceChildren(copy);
    counter.textContent = `Grafiek ${index + 1} van ${figures.length}`;
  };
  const stop = () => {
    doc.removeEventListener("keydown", onKey, true);
    overlay.remove();
    doc.documentElement.classList.remove("presenting");
    // Focus first without scrolling, then restore the scroll position: back to the same place.
    opener?.focus({preventScroll: true});
    doc.defaultView?.scrollTo(0, scrollY);
  };
  const onKey = (event: KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowRight: () => show(index + 1),
      ArrowDown: () => show(index + 1),
      PageDown: () => show(index + 1),
      " ": () => show(index + 1),
      ArrowLeft: () => show(index - 1),
      ArrowUp: () => show(index - 1),
      PageUp: () => show(index - 1),
      Home: () => show(0),
      End: () => show(figures.length - 1),
      Escape: stop
    };
    const action = keys[event.key];
    // Space and Enter on a focused button keep their own meaning.
    if (!action || (event.key === " " && (event.target as Element)?.tagName === "BUTTON")) return;
    event.preventDefault();
    action();
  };
  bar.append(
    button("Vorige", () => show(index - 1)),
    counter,
    button("Volgende", () => show(index + 1)),
    button("Sluiten (Esc)", stop)
  );
  overlay.append(stage, bar);
  doc.body.append(overlay);
  doc.documentElement.classList.add("presenting");
  doc.addEventListener("keydown", onKey, true);
  show(0);
  overlay.focus();
  return stop;
}

/** The "Presenteer" button that starts presentation mode for the charts of the page. */
export function presentationButton(options: PresentationOptions = {}): HTMLButtonElement {
  const doc = options.doc ?? document;
  const button = doc.createElement("button");
  button.type = "button";
  button.className = "presentation-start no-print";
  button.textContent = "Presenteer de grafieken";
  button.addEventListener("click", () => startPresentation(button, options));
  return button;
}

/**
 * Puts one "Presenteer" button on a site page that has charts, right after its h1 (or at the
 * top of the main column). Called by every chart figure, so every page with charts gets it
 * without wiring of its own; does nothing outside a Framework page (e.g. in unit tests) or when
 * the button is already there.
 */
export function ensurePresentationButton(doc: Document = document): void {
  if (typeof doc === "undefined" || doc === null) return;
  const main = doc.getElementById("observablehq-main");
  if (!main || doc.querySelector(".presentation-start")) return;
  const button = presentationButton({doc});
  const wrap = doc.createElement("div");
  wrap.className = "presentation-start-wrap no-print";
  wrap.append(button);
  const h1 = main.querySelector("h1");
  if (h1) h1.after(wrap);
  else main.prepend(wrap);
}
