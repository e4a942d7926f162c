/**
 * The choice menus of a page: a labelled select that works with Framework's `Generators.input`
 * and with `bindUrlState`, and `keuzeMenus`, which makes a page's menus and binds them to the URL
 * in one call (every story page set them up the same way).
 */
import {bindUrlState, type FlatState} from "../lib/url-state.js";

/** One choice of a select. */
export interface Keuze {
  value: string;
  label: string;
}

/** A labelled `<select>` wrapped in a `<div>` whose `value` is the select's value. */
export type KeuzeMenu = HTMLDivElement & {value: string};

let menuCounter = 0;

/**
 * A labelled select (`<label for>` + `<select>`). The wrapper carries `value` and receives the
 * select's bubbling `input` events, so `view(menu)` and `bindUrlState({x: menu})` both work.
 */
export function keuzeMenu(label: string, keuzes: readonly Keuze[], value: string, doc = document): KeuzeMenu {
  const wrapper = doc.createElement("div") as KeuzeMenu;
  wrapper.className = "keuzemenu";
  const id = `keuze-${++menuCounter}`;
  const labelEl = doc.createElement("label");
  labelEl.htmlFor = id;
  labelEl.textContent = label;
  const select = doc.createElement("select");
  select.id = id;
  for (const k of keuzes) {
    const option = doc.createElement("option");
    option.value = k.value;
    option.textContent = k.label;
    select.append(option);
  }
  select.value = keuzes.some((k) => k.value === value) ? value : (keuzes[0]?.value ?? "");
  Object.defineProperty(wrapper, "value", {
    get: () => select.value,
    set: (v: unknown) => {
      const text = String(v);
      // An unknown value from a hand-edited URL keeps the current choice.
      if (keuzes.some((k) => k.value === text)) select.value = text;
    }
  });
  wrapper.append(labelEl, select);
  return wrapper;
}

/** What a menu offers: its label and its choices. */
export interface MenuSpec {
  label: string;
  keuzes: readonly Keuze[];
}

/**
 * A page's menus, in the order given (their ids follow that order), each starting at its default,
 * bound to the URL: on start a menu takes its value from the URL, a change adds a history entry,
 * and back and forward set the menus again (src/lib/url-state.ts).
 */
export function keuzeMenus<K extends string>(
  specs: Readonly<Record<K, MenuSpec>>,
  defaults: FlatState & Readonly<Record<K, string | number | boolean>>,
  doc: Document = document
): Record<K, KeuzeMenu> {
  const menus = {} as Record<K, KeuzeMenu>;
  for (const key of Object.keys(specs) as K[]) {
    const spec = specs[key];
    menus[key] = keuzeMenu(spec.label, spec.keuzes, defaults[key] as string, doc);
  }
  bindUrlState<FlatState>(menus, defaults, doc.defaultView ?? window);
  return menus;
}
