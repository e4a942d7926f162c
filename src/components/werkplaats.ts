/**
 * The werkplaats in the browser: the controls (gemeente, comparison with peers, a weight per
 * component, "Standaardweging"), bound to the URL, and the charts that follow them at once
 * (ranking, map, contributions, peers). Every redraw is timed; the time is kept on the results
 * element (`data-render-ms`) so the browser test can report it.
 *
 * `werkplaats(basis, options)` returns the element. The arithmetic and the sentences are the
 * Werkplaats view model's (src/lib/pages/werkplaats.ts): the page passes that module as
 * `options.model`, so this component (a lower layer) never imports it; this module declares the
 * data it draws (`WerkplaatsData`, `Score`) and the functions it calls (`WerkplaatsModel`).
 */
import type {FeatureCollection, Geometry} from "geojson";
import {choropleth, type AreaProperties} from "./choropleth.js";
import {rankingBars} from "./ranking-bars.js";
import {contributionBars} from "./contribution-bars.js";
import {chartWidth} from "../lib/chart-frame.js";
import {Leesfout, type Cell, type CellStatus} from "../lib/contracts.js";
import {bindUrlState, copyLinkButton, type FlatState, type ValueControl} from "../lib/url-state.js";
import {formatDecimaal, formatIndex, formatJaar} from "../lib/format.js";
import {opsomming} from "../lib/narrative.js";
import type {Peer} from "../shared/peers.js";
import type {Component} from "../shared/contracts/onderdelen.js";

/**
 * Whose signal rate a buurt's signal component rests on: its own (drawn towards its wijk's),
 * or that of its wijk, gemeente or the regio when its own count is suppressed.
 */
export type SignaalBron = "buurt" | "wijk" | "gemeente" | "regio" | null;

/** Weights by component id. */
export type Weights = Record<string, number>;

/** One buurt with its published component values (null = not known, with the cell's status). */
export interface BuurtInput {
  code: string;
  naam: string;
  gemeente: string;
  /** z-score per structural component id; absent or null when unknown. */
  z: Record<string, number | null>;
  /** The signal component, null when suppressed or missing. */
  zSignalen: number | null;
  /** Status of the signal component cell ("onderdrukt", "geen-data" or ""). */
  signalenStatus: CellStatus;
  /** Inhabitants in the year, null when unknown. */
  inwoners?: number | null;
  /** Whose signal rate the component rests on (null: no component). */
  signalenBron?: SignaalBron;
}

/** Everything the werkplaats needs, read once from the published bundles (`readWerkplaatsData`). */
export interface WerkplaatsData {
  jaar: number;
  componenten: Component[];
  buurten: BuurtInput[];
  gemeenten: Array<{code: string; naam: string}>;
  regioNaam: string;
  /** Published index per buurt code for the year (for the check against the recomputation). */
  gepubliceerd: Map<string, Cell>;
  /** Five peers per gemeente. */
  peers: Map<string, Peer[]>;
}

/** The recomputed score of one buurt. */
export interface Score {
  code: string;
  naam: string;
  gemeente: string;
  /** The index, or null when it cannot be given (see `status`). */
  waarde: number | null;
  status: CellStatus;
  reden: string | null;
  /** Contribution of each chosen component to the index (they add up to `waarde`). */
  bijdragen: Record<string, number>;
}

/**
 * The functions of the Werkplaats view model the component calls (src/lib/pages/werkplaats.ts
 * has them all under these names: the page passes the module itself; a unit test holds the
 * module to this interface).
 */
export interface WerkplaatsModel {
  /** The id of the signal component. */
  SIGNALEN: string;
  computeScores(buurten: readonly BuurtInput[], componenten: readonly Component[], weights: Weights): Score[];
  defaultWeights(componenten: readonly Component[]): Weights;
  gemeenteMedians(
    scores: readonly Score[],
    codes: readonly string[]
  ): Map<string, {mediaan: number | null; n: number; totaal: number}>;
  mapTitle(
    scores: readonly Score[],
    gebiedNaam: string,
    unitOf: (s: Score) => string,
    unitNaam: (unit: string) => string,
    soort: {enkelvoud: string; meervoud: string}
  ): string;
  rankingTitle(scores: readonly Score[], gebiedNaam: string): string;
  ranked(scores: readonly Score[]): Score[];
  scoreCell(score: Score, jaar: number): Cell;
  scoresSentence(
    scores: readonly Score[],
    gebiedNaam: string,
    buurten?: readonly BuurtInput[],
    metSignalen?: boolean
  ): string;
  weightParam(id: string): string;
  wegingZin(weights: Weights, componenten: readonly Component[]): string;
}

/** The largest weight a component can get in the werkplaats. */
export const MAX_GEWICHT = 5;

/** What the werkplaats shows for one choice of area: its buurten with their components, and their map. */
export interface WerkplaatsScope {
  data: WerkplaatsData;
  buurten: FeatureCollection<Geometry, AreaProperties & {bovenliggend?: string | null}>;
  /** Names of wijken and gemeenten by code (to tell equal buurt names apart). */
  namen: Map<string, string>;
  /** Instead of the charts, when the area cannot be shown (a national region as a whole). */
  melding?: string;
}

/** The choice the werkplaats loads data for. */
export interface WerkplaatsKeuze {
  /** A province or RIEC code, or "" for the whole region. */
  gebied: string;
  /** A gemeente code, or "" for the whole area. */
  gemeente: string;
  vergelijk: boolean;
}

/** Options of {@link werkplaats}. */
export interface WerkplaatsOptions {
  /** The Werkplaats view model (src/lib/pages/werkplaats.ts). */
  model: WerkplaatsModel;
  /** Choices of the area menu after "Hele regio" (provinces and RIEC regions); none: no menu. */
  gebieden: ReadonlyArray<{value: string; label: string}>;
  /** Loads the buurten of a choice (only that choice's files: src/lib/delen.ts). */
  laad(keuze: WerkplaatsKeuze): Promise<WerkplaatsScope>;
  /** The visible loading state (src/lib/delen.ts), shown under the controls. */
  status?: HTMLElement;
  source: string;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A native control with a numeric value, as bindUrlState wants it. */
function numericControl(input: HTMLInputElement): ValueControl {
  return {
    get value() {
      return Number(input.value);
    },
    set value(v: unknown) {
      input.value = String(v);
    },
    addEventListener: (type, listener) => input.addEventListener(type, listener),
    dispatchEvent: (event) => input.dispatchEvent(event)
  };
}

function checkboxControl(input: HTMLInputElement): ValueControl {
  return {
    get value() {
      return input.checked;
    },
    set value(v: unknown) {
      input.checked = v === true;
    },
    addEventListener: (type, listener) => input.addEventListener(type, listener),
    dispatchEvent: (event) => input.dispatchEvent(event)
  };
}

/** Labels for buurten that are unique in a view: "naam", "naam (gemeente)", then the wijk. */
export function uniqueLabels(
  scores: readonly Score[],
  namen: Map<string, string>,
  wijkOf: Map<string, string>,
  multiGemeente: boolean
): Map<string, string> {
  const labels = new Map(
    scores.map((s) => [s.code, multiGemeente ? `${s.naam} (${namen.get(s.gemeente) ?? s.gemeente})` : s.naam])
  );
  const count = new Map<string, number>();
  for (const l of labels.values()) count.set(l, (count.get(l) ?? 0) + 1);
  for (const [code, l] of labels) {
    if ((count.get(l) ?? 0) > 1) {
      const wijk = namen.get(wijkOf.get(code) ?? "");
      labels.set(code, `${l} · ${wijk ?? code}`);
    }
  }
  // Still equal (same name in the same wijk): the code tells them apart.
  const again = new Map<string, number>();
  for (const l of labels.values()) again.set(l, (again.get(l) ?? 0) + 1);
  for (const [code, l] of labels) if ((again.get(l) ?? 0) > 1) labels.set(code, `${l} · ${code}`);
  return labels;
}

/**
 * The werkplaats, kept in step with the URL. `basis` (read from the overview file) gives the
 * components, the year, the gemeenten and their peers; the buurten of the chosen area are loaded
 * with `options.laad` when the area changes, and redrawn at once when only the weights change.
 * A loaded file that breaks its contract shows its message in place of the charts.
 */
export function werkplaats(basis: WerkplaatsData, options: WerkplaatsOptions): HTMLElement {
  const {
    SIGNALEN,
    computeScores,
    defaultWeights,
    gemeenteMedians,
    mapTitle,
    rankingTitle,
    ranked,
    scoreCell,
    scoresSentence,
    weightParam,
    wegingZin
  } = options.model;
  const root = el("div", "werkplaats");
  const {componenten, jaar} = basis;
  const gemeenteNaam = new Map(basis.gemeenten.map((g) => [g.code, g.naam]));

  // Controls.
  const form = el("form", "werkplaats-controls");
  form.addEventListener("submit", (e) => e.preventDefault());
  const gebiedField = el("div", "werkplaats-field");
  const gebiedLabel = el("label", undefined, "Gebied");
  gebiedLabel.htmlFor = "werkplaats-gebied";
  const gebiedSelect = el("select");
  gebiedSelect.id = "werkplaats-gebied";
  gebiedSelect.append(new Option(`Hele regio (${basis.regioNaam})`, ""));
  for (const g of options.gebieden) gebiedSelect.append(new Option(g.label, g.value));
  gebiedField.append(gebiedLabel, gebiedSelect);
  gebiedField.hidden = options.gebieden.length === 0;

  const gemeenteField = el("div", "werkplaats-field");
  const gemeenteLabel = el("label", undefined, "Gemeente");
  gemeenteLabel.htmlFor = "werkplaats-gemeente";
  const gemeenteSelect = el("select");
  gemeenteSelect.id = "werkplaats-gemeente";
  gemeenteSelect.append(new Option("Alle gemeenten van het gebied", ""));
  for (const g of basis.gemeenten) gemeenteSelect.append(new Option(g.naam, g.code));
  gemeenteField.append(gemeenteLabel, gemeenteSelect);

  const vergelijkField = el("div", "werkplaats-field werkplaats-check");
  const vergelijk = el("input");
  vergelijk.type = "checkbox";
  vergelijk.id = "werkplaats-vergelijk";
  const vergelijkLabel = el("label", undefined, "Vergelijk met de vijf vergelijkbare gemeenten");
  vergelijkLabel.htmlFor = vergelijk.id;
  vergelijkField.append(vergelijk, vergelijkLabel);

  const weightsSet = el("fieldset", "werkplaats-weights");
  weightsSet.append(
    el("legend", undefined, `Gewichten van de componenten (0 = niet meewegen, tot ${MAX_GEWICHT})`)
  );
  const weightInputs = new Map<string, HTMLInputElement>();
  const notes = new Map<string, HTMLElement>();
  for (const c of componenten) {
    const row = el("div", "werkplaats-weight");
    const id = `werkplaats-${weightParam(c.id)}`;
    const label = el("label", undefined, c.naam);
    label.htmlFor = id;
    const input = el("input");
    input.type = "range";
    input.id = id;
    input.min = "0";
    input.max = String(MAX_GEWICHT);
    input.step = "0.5";
    input.value = String(c.gewicht);
    input.dataset.component = c.id;
    const output = el("output", "werkplaats-weight-value");
    output.htmlFor.add(id);
    const sync = () => (output.textContent = formatDecimaal(Number(input.value), 1));
    input.addEventListener("input", sync);
    sync();
    const note = el("span", "werkplaats-weight-note", `standaard ${formatDecimaal(c.gewicht, 0)}`);
    row.append(label, input, output, note);
    weightsSet.append(row);
    weightInputs.set(c.id, input);
    notes.set(c.id, note);
  }
  // Whether a component has values depends on the buurten shown: updated with every load.
  const updateNotes = (data: WerkplaatsData) => {
    for (const c of componenten) {
      const n =
        c.id === SIGNALEN
          ? data.buurten.filter((b) => b.zSignalen !== null).length
          : data.buurten.filter((b) => b.z[c.id] !== null && b.z[c.id] !== undefined).length;
      notes.get(c.id)!.textContent =
        n === 0 && data.buurten.length > 0
          ? `geen buurtcijfers in ${formatJaar(jaar)}: telt nergens mee`
          : `standaard ${formatDecimaal(c.gewicht, 0)}`;
    }
  };
  const reset = el("button", "werkplaats-reset", "Standaardweging");
  reset.type = "button";
  const buttons = el("div", "werkplaats-buttons");
  buttons.append(reset, copyLinkButton());
  form.append(gebiedField, gemeenteField, vergelijkField, weightsSet, buttons);

  // Announces the result of every change to screen readers; the same sentence is on screen.
  const status = el("p", "werkplaats-status visually-hidden");
  status.setAttribute("aria-live", "polite");
  const results = el("div", "werkplaats-results");
  root.replaceChildren(...[form, options.status, status, results].filter((x): x is HTMLElement => !!x));

  // URL state: area, gemeente, comparison and every weight as flat parameters, only non-defaults.
  const defaults: FlatState = {
    gebied: "",
    gemeente: "",
    vergelijk: false,
    ...Object.fromEntries(Object.entries(defaultWeights(componenten)).map(([id, w]) => [weightParam(id), w]))
  };
  const controls: Record<string, ValueControl> = {
    gebied: gebiedSelect as unknown as ValueControl,
    gemeente: gemeenteSelect as unknown as ValueControl,
    vergelijk: checkboxControl(vergelijk)
  };
  for (const [id, input] of weightInputs) controls[weightParam(id)] = numericControl(input);

  // The width the werkplaats gets (640 px before it is on the page): a chart drawn wider and
  // scaled down to a phone's screen would shrink its labels below 12 px.
  const breedte = () => chartWidth(Math.floor(results.clientWidth || root.clientWidth) || 640);
  // The loaded scope; a new choice of area loads its files, a new weight only redraws.
  let scope: WerkplaatsScope | null = null;
  let scopeKey = "";
  let laadt = 0;
  const render = async () => {
    const keuze: WerkplaatsKeuze = {
      gebied: gebiedSelect.value,
      gemeente: gemeenteSelect.value,
      vergelijk: vergelijk.checked && gemeenteSelect.value !== ""
    };
    const key = JSON.stringify(keuze);
    if (key !== scopeKey || scope === null) {
      const mijn = ++laadt;
      let geladen: WerkplaatsScope;
      try {
        geladen = await options.laad(keuze);
      } catch (e) {
        // A file that breaks its contract: its message in place of the charts, as on every page
        // (and for screen readers). Otherwise (the network) the page's loading state says the
        // files could not be loaded, and the last view stays.
        if (e instanceof Leesfout && mijn === laadt) {
          scope = null;
          scopeKey = "";
          results.replaceChildren(el("div", "observablehq--error", e.message));
          status.textContent = e.message;
        }
        return;
      }
      // A later choice was made while this one loaded: that one draws.
      if (mijn !== laadt) return;
      scope = geladen;
      scopeKey = key;
      updateNotes(scope.data);
    }
    draw(scope);
  };
  const draw = (current: WerkplaatsScope) => {
    const t0 = performance.now();
    const {data, buurten} = current;
    const wijkOf = new Map(buurten.features.map((f) => [f.properties.code, f.properties.bovenliggend ?? ""]));
    if (current.melding) {
      vergelijk.disabled = gemeenteSelect.value === "";
      results.replaceChildren(el("p", "werkplaats-sentence", current.melding));
      status.textContent = current.melding;
      results.dataset.renderMs = (performance.now() - t0).toFixed(1);
      return;
    }
    const weights: Weights = Object.fromEntries(
      [...weightInputs].map(([id, input]) => [id, Number(input.value)])
    );
    const gemeente = gemeenteSelect.value;
    const peers = gemeente ? (basis.peers.get(gemeente) ?? []).map((p) => p.code) : [];
    const scope = gemeente ? (vergelijk.checked ? [gemeente, ...peers] : [gemeente]) : null;
    vergelijk.disabled = gemeente === "";
    const all = computeScores(data.buurten, componenten, weights);
    const scores = scope ? all.filter((s) => scope.includes(s.gemeente)) : all;
    const gebiedNaam = gemeente
      ? vergelijk.checked
        ? `${gemeenteNaam.get(gemeente)} en vergelijkbare gemeenten`
        : (gemeenteNaam.get(gemeente) ?? gemeente)
      : data.regioNaam;
    const labels = uniqueLabels(scores, current.namen, wijkOf, scope === null || scope.length > 1);
    const weging = wegingZin(weights, componenten);
    const subtitle = `Kwetsbaarheidsindex ${formatJaar(jaar)} met ${weging}; hoger = kwetsbaarder, 0 = gemiddelde buurt van de regio.`;
    const source = options.source;

    const ranking = rankingBars(
      scores.map((s) => ({code: s.code, naam: labels.get(s.code)!, cell: scoreCell(s, jaar)})),
      {
        eenheid: "index",
        title: rankingTitle(
          scores.map((s) => ({...s, naam: labels.get(s.code)!})),
          gebiedNaam
        ),
        subtitle,
        source,
        maxRows: 15,
        xLabel: "kwetsbaarheidsindex",
        highlight:
          vergelijk.checked && gemeente
            ? scores.filter((s) => s.gemeente === gemeente).map((s) => s.code)
            : [],
        highlightLabel: `Buurt in ${gemeenteNaam.get(gemeente) ?? ""}`,
        enkelvoud: "buurt",
        meervoud: "buurten",
        width: breedte(),
        headingLevel: 3
      }
    );
    const inScope = new Set(scores.map((s) => s.code));
    const areas = {
      type: "FeatureCollection" as const,
      features: buurten.features
        .filter((f) => inScope.has(f.properties.code))
        .map((f) => ({...f, properties: {code: f.properties.code, naam: labels.get(f.properties.code)!}}))
    };
    const map = choropleth(
      {areas, values: scores.map((s) => scoreCell(s, jaar))},
      {
        eenheid: "index",
        title: mapTitle(
          scores,
          gebiedNaam,
          (s) => (scope !== null && scope.length === 1 ? (wijkOf.get(s.code) ?? "") : s.gemeente),
          (unit) => current.namen.get(unit) ?? gemeenteNaam.get(unit) ?? unit,
          scope !== null && scope.length === 1
            ? {enkelvoud: "wijk", meervoud: "wijken"}
            : {enkelvoud: "gemeente", meervoud: "gemeenten"}
        ),
        subtitle,
        source,
        legendLabel: "kwetsbaarheidsindex",
        direction: "Donkerder = kwetsbaarder.",
        enkelvoud: "buurt",
        meervoud: "buurten",
        // Say why a buurt has no score (fewer than 50 inhabitants, too few kerncijfers).
        missingReason: true,
        missingLabel: "Geen score (te weinig gegevens of minder dan 50 inwoners)",
        maxHeight: 520,
        width: breedte(),
        headingLevel: 3
      }
    );
    const top = ranked(scores).slice(0, 10);
    const opbouw = contributionBars(
      top.map((s) => ({label: labels.get(s.code)!, score: s.waarde as number, bijdragen: s.bijdragen})),
      {
        componenten,
        title: top[0]
          ? `Zo is de score van de ${top.length === 1 ? "hoogste buurt" : `${top.length} hoogste buurten`} in ${gebiedNaam} opgebouwd`
          : `Geen buurt in ${gebiedNaam} heeft met deze weging een score`,
        subtitle: "Bijdrage van elke component aan de index: gewicht × z-score / totaal gewicht.",
        source,
        width: breedte(),
        headingLevel: 3
      }
    );

    const rankingSection = section("Ranglijst en kaart", [
      el(
        "p",
        "werkplaats-sentence",
        scoresSentence(scores, gebiedNaam, data.buurten, (weights[SIGNALEN] ?? 0) > 0)
      ),
      ranking,
      map
    ]);
    const opbouwSection = section("Opbouw van de score", [opbouw]);
    const parts = [rankingSection, opbouwSection];

    if (gemeente) {
      const codes = [gemeente, ...peers];
      const medians = gemeenteMedians(all, codes);
      const peerFigure = rankingBars(
        codes.map((code) => {
          const m = medians.get(code)!;
          return {
            code,
            naam: gemeenteNaam.get(code) ?? code,
            cell: {
              ...scoreCell(
                {
                  code,
                  naam: "",
                  gemeente: "",
                  waarde: m.mediaan,
                  status: m.mediaan === null ? "geen-data" : "",
                  reden: null,
                  bijdragen: {}
                },
                jaar
              ),
              gebiedniveau: "gemeente" as const
            }
          };
        }),
        {
          eenheid: "index",
          title: peerTitle(gemeente, codes, medians, gemeenteNaam),
          subtitle: `Mediaan van de buurtscores per gemeente, over de buurten met een score; ${weging}.`,
          source,
          highlight: [gemeente],
          highlightLabel: gemeenteNaam.get(gemeente) ?? gemeente,
          xLabel: "mediane kwetsbaarheidsindex",
          enkelvoud: "gemeente",
          meervoud: "gemeenten",
          width: breedte(),
          headingLevel: 3
        }
      );
      const counts = codes.map((code) => {
        const m = medians.get(code)!;
        return `${gemeenteNaam.get(code)} ${m.n} van ${m.totaal}`;
      });
      parts.push(
        section("Vergelijkbare gemeenten", [
          el(
            "p",
            "werkplaats-sentence",
            peers.length === 0
              ? "Er zijn geen andere gemeenten in de bronmap om mee te vergelijken."
              : `De vergelijkbare gemeenten van ${gemeenteNaam.get(gemeente)} (op inwoners, dichtheid, inkomen, WOZ-waarde en eenpersoonshuishoudens) zijn ${opsomming(peers.map((p) => gemeenteNaam.get(p) ?? p))}. Buurten met een score: ${counts.join("; ")}.`
          ),
          peerFigure
        ])
      );
    }
    results.replaceChildren(...parts);
    const ms = performance.now() - t0;
    results.dataset.renderMs = ms.toFixed(1);
    status.textContent = `${scoresSentence(scores, gebiedNaam).split(".")[0]}.`;
  };

  bindUrlState(controls, defaults);
  reset.addEventListener("click", () => {
    for (const c of componenten) weightInputs.get(c.id)!.value = String(c.gewicht);
    // One input event: bindUrlState reads every control, so this is one history entry.
    const first = weightInputs.values().next().value as HTMLInputElement | undefined;
    first?.dispatchEvent(new Event("input", {bubbles: true}));
  });
  form.addEventListener("input", () => void render());
  // The back button sets the controls and fires input on them (bindUrlState): render follows.
  void render();
  // A new width (a phone turned, a window resized) redraws at that width.
  let getekend = breedte();
  if (typeof ResizeObserver !== "undefined")
    new ResizeObserver(() => {
      if (scope !== null && breedte() !== getekend) {
        getekend = breedte();
        draw(scope);
      }
    }).observe(root);
  return root;
}

function section(title: string, children: Node[]): HTMLElement {
  const s = el("section", "werkplaats-section");
  s.append(el("h2", undefined, title), ...children);
  return s;
}

function peerTitle(
  gemeente: string,
  codes: readonly string[],
  medians: Map<string, {mediaan: number | null}>,
  namen: Map<string, string>
): string {
  const naam = namen.get(gemeente) ?? gemeente;
  const eigen = medians.get(gemeente)?.mediaan ?? null;
  const others = codes
    .slice(1)
    .map((c) => medians.get(c)?.mediaan ?? null)
    .filter((v): v is number => v !== null);
  if (eigen === null) return `${naam} heeft geen buurten met een score om te vergelijken`;
  if (others.length === 0) return `${naam}: mediane buurtscore ${formatIndex(eigen)}`;
  const hoger = others.filter((v) => v > eigen).length;
  return hoger === 0
    ? `${naam} heeft de hoogste mediane buurtscore van de vergelijkbare gemeenten (${formatIndex(eigen)})`
    : `${hoger} van de ${others.length} vergelijkbare gemeenten ${hoger === 1 ? "heeft" : "hebben"} een hogere mediane buurtscore dan ${naam} (${formatIndex(eigen)})`;
}
