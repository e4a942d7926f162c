/**
 * The view's state in the URL: flat query parameters (`?gemeente=GM9901&jaar=2024`) that hold
 * only what differs from the page's defaults, so a link is short and a default view has a clean
 * URL. Every change pushes a history entry, so the back button steps through the views; a
 * shared link opens exactly the same view.
 */

/** A flat state: every value a string, number or boolean. */
export type FlatState = Record<string, string | number | boolean>;

/** Parses a parameter value to the type of its default; an unparseable value keeps the default. */
function parseAs(raw: string, fallback: string | number | boolean): string | number | boolean {
  if (typeof fallback === "number") {
    const n = Number(raw.replace(",", "."));
    return Number.isFinite(n) ? n : fallback;
  }
  if (typeof fallback === "boolean") return raw === "1" || raw === "true" || raw === "ja";
  return raw;
}

/** Reads the state from a query string; unknown parameters are ignored, missing ones take their default. */
export function readState<T extends FlatState>(defaults: T, search: string): T {
  const params = new URLSearchParams(search);
  const state = {...defaults};
  for (const key of Object.keys(defaults) as Array<keyof T & string>) {
    const raw = params.get(key);
    if (raw !== null) (state as FlatState)[key] = parseAs(raw, defaults[key]);
  }
  return state;
}

function serialise(value: string | number | boolean): string {
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "number") return String(Math.round(value * 1000) / 1000);
  return value;
}

/**
 * The query string for a state: only keys whose value differs from the default, in the order of
 * the defaults (stable links), plus any parameters of `keep` not managed here. Empty = "".
 */
export function stateToSearch<T extends FlatState>(state: T, defaults: T, keep = ""): string {
  const params = new URLSearchParams(keep);
  for (const key of Object.keys(defaults)) params.delete(key);
  for (const key of Object.keys(defaults)) {
    const value = state[key];
    if (value === undefined || serialise(value) === serialise(defaults[key]!)) continue;
    params.set(key, serialise(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** A form control whose value can be read and set (Inputs and native inputs alike). */
export interface ValueControl {
  value: unknown;
  addEventListener(type: "input", listener: () => void): void;
  dispatchEvent(event: Event): boolean;
}

/**
 * Binds controls to the URL: on start each control takes its value from the URL (or keeps its
 * default), every change pushes a history entry with the changed parameters, and the back and
 * forward buttons set the controls again (firing `input`, so the page's charts follow).
 * Returns a function that reads the current state.
 */
export function bindUrlState<T extends FlatState>(
  controls: {[K in keyof T]?: ValueControl},
  defaults: T,
  win: Window = window
): () => T {
  const keys = Object.keys(controls) as Array<keyof T & string>;
  let applying = false;
  const apply = (state: T) => {
    applying = true;
    try {
      for (const key of keys) {
        const control = controls[key]!;
        if (serialise(control.value as string) !== serialise(state[key])) {
          control.value = state[key];
          control.dispatchEvent(new Event("input", {bubbles: true}));
        }
      }
    } finally {
      applying = false;
    }
  };
  const current = (): T => {
    const state = {...defaults};
    for (const key of keys) {
      const value = controls[key]!.value;
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        (state as FlatState)[key] = value;
      }
    }
    return state;
  };
  apply(readState(defaults, win.location.search));
  for (const key of keys) {
    controls[key]!.addEventListener("input", () => {
      if (applying) return;
      const search = stateToSearch(current(), defaults, win.location.search);
      if (search !== win.location.search) {
        win.history.pushState(null, "", `${win.location.pathname}${search}${win.location.hash}`);
      }
    });
  }
  win.addEventListener("popstate", () => apply(readState(defaults, win.location.search)));
  return current;
}

/**
 * A "kopieer link" button: copies the current URL (the whole view) to the clipboard and says so
 * in a live region, for screen readers too. Falls back to selecting the URL in a text field when
 * the clipboard is not available (e.g. an http page on a presentation laptop).
 */
export function copyLinkButton(doc: Document = document): HTMLElement {
  const wrapper = doc.createElement("div");
  wrapper.className = "copy-link no-print";
  const button = doc.createElement("button");
  button.type = "button";
  button.textContent = "Kopieer link naar deze weergave";
  const status = doc.createElement("span");
  status.setAttribute("role", "status");
  status.className = "copy-link-status";
  button.addEventListener("click", async () => {
    const url = doc.defaultView?.location.href ?? "";
    try {
      await doc.defaultView?.navigator.clipboard.writeText(url);
      status.textContent = "Link gekopieerd.";
    } catch {
      const field = doc.createElement("input");
      field.value = url;
      field.setAttribute("aria-label", "Link naar deze weergave");
      field.readOnly = true;
      status.replaceChildren("Kopieer deze link: ", field);
      field.select();
    }
  });
  wrapper.append(button, status);
  return wrapper;
}
