/**
 * Choropleth map of one indicator for any area level. Values colour the areas on a
 * colour-blind-safe sequential scale; suppressed areas are hatched and missing areas grey,
 * each named in the legend, so neither is ever read as zero.
 */
import type * as PlotTypes from "@observablehq/plot";
import {Plot} from "../lib/plot.js";
import {geoArea, geoMercator, geoPath} from "d3-geo";
import type {Feature, FeatureCollection, Geometry} from "geojson";
import type {Cell} from "../lib/contracts.js";
import {
  chartFigure,
  chartId,
  hatchDefsMark,
  hatchFill,
  legendBlock,
  legendItem,
  svgEl,
  swatchSvg,
  suppressionLegendItems,
  type ChartFigure
} from "../lib/chart-frame.js";
import {formatCel, tickFormatFor} from "../lib/format.js";
import {AREA_STROKE, MISSING_FILL, OUTLINE_STROKE, SEQUENTIAL_SCHEME, TEXT_COLOR} from "../lib/palette.js";
import {TEXTS, eenheidLabel, geenGegevensZin, onderdruktZin} from "../lib/texts.js";
import {colorLegend} from "./legend.js";
import {
  cellKind,
  collator,
  drawableValue,
  extremesSentence,
  sentences,
  tableCell,
  type CellKind
} from "./cells.js";

/** Properties every area feature carries. */
export interface AreaProperties {
  code: string;
  naam: string;
}

/** Input of {@link choropleth}: the areas and their cells by area code. */
export interface ChoroplethData {
  areas: FeatureCollection<Geometry, AreaProperties>;
  values: Map<string, Cell> | Record<string, Cell> | Cell[];
}

/** Options of {@link choropleth}. */
export interface ChoroplethOptions {
  /** Unit of the values (the table's `eenheid`). */
  eenheid: string;
  /** The finding, computed by the page. */
  title: string;
  subtitle?: string;
  source: string;
  /** Plot colour scheme; default cividis (reversed: darker is higher). */
  scheme?: string;
  /** Reverse the scheme; default true, so that higher values are darker. */
  reverse?: boolean;
  /** Colour scale type: "linear" (default, continuous ramp) or "quantile" (5 classes). */
  colorType?: "linear" | "quantile";
  width?: number;
  /** Height; default the map's natural height at this width, at most `maxHeight`. */
  height?: number;
  /** Upper bound of the default height (a tall region would otherwise scroll); default 600. */
  maxHeight?: number;
  /** Legend label; default the unit in words. */
  legendLabel?: string;
  /** Reading direction shown with the legend, e.g. "hoger = meer risico". */
  direction?: string;
  /** Projection; default Mercator fitted to the areas (WGS84). Use "identity" for projected data. */
  projection?: PlotTypes.ProjectionOptions["type"];
  /** Words for the areas in the summary; default "gebied"/"gebieden". */
  enkelvoud?: string;
  meervoud?: string;
  headingLevel?: 0 | 2 | 3 | 4 | 5 | 6;
  /**
   * A set of the areas drawn with a thick dark border (the buitengebied among buurten), named in
   * the legend, the text alternative and a table column, so the set is never told by colour alone.
   */
  outline?: ChoroplethOutline;
  /**
   * Areas drawn behind the coloured ones, without values (the buurten around bedrijventerreinen),
   * for orientation only; they set the map's extent together with the coloured areas.
   */
  context?: FeatureCollection<Geometry, AreaProperties>;
  /**
   * Show the reason of a cell without data (its `reden`, e.g. "minder dan 50 inwoners: te klein
   * voor een index") in the tooltip and the table instead of only "geen gegevens"; with
   * `missingLabel` as the legend entry of such areas. Default off: most reasons are the gate's.
   */
  missingReason?: boolean;
  missingLabel?: string;
}

/** Options of the outlined set of a choropleth (see `ChoroplethOptions.outline`). */
export interface ChoroplethOutline {
  codes: ReadonlySet<string>;
  /** Legend entry, e.g. "Buurt in het buitengebied (dikke rand)". */
  label: string;
  /** Table column header and the words in it for areas in and out of the set. */
  column: string;
  ja: string;
  nee: string;
  /** Summary sentence, e.g. "12 van de 40 buurten horen bij het buitengebied." */
  sentence?: string;
}

/** Stroke of the outlined set: dark and thick, readable over every colour of the scale. */
const OUTLINE_SET_STROKE = "#000000";

/** Fill of context areas: lighter than "geen gegevens" so the two are never confused. */
const CONTEXT_FILL = "#f2f2f2";

/** One area joined with its cell. */
interface Row {
  feature: Feature<Geometry, AreaProperties>;
  code: string;
  naam: string;
  cell: Cell | undefined;
  kind: CellKind;
  value: number | null;
}

/**
 * d3-geo reads polygon rings on the sphere: a ring wound the "wrong" way (counter-clockwise,
 * as RFC 7946 GeoJSON has it) means everything except the area, and fills the whole map. Rings
 * whose polygon covers more than a hemisphere are reversed, so either winding draws correctly.
 */
function rewind<F extends Feature<Geometry, AreaProperties>>(feature: F): F {
  const fix = (polygon: number[][][]) =>
    geoArea({type: "Polygon", coordinates: polygon}) > 2 * Math.PI
      ? polygon.map((ring) => [...ring].reverse())
      : polygon;
  const g = feature.geometry;
  if (g.type === "Polygon") return {...feature, geometry: {...g, coordinates: fix(g.coordinates)}};
  if (g.type === "MultiPolygon") return {...feature, geometry: {...g, coordinates: g.coordinates.map(fix)}};
  return feature;
}

/** The height of a Mercator map fitted to `width`, capped; undefined lets Plot decide (other projections). */
function naturalHeight(
  fc: FeatureCollection,
  width: number,
  projection: unknown,
  max: number
): number | undefined {
  if (projection !== "mercator" || fc.features.length === 0) return undefined;
  const [[, y0], [, y1]] = geoPath(geoMercator().fitWidth(width, fc)).bounds(fc);
  return Number.isFinite(y1 - y0) ? Math.max(120, Math.min(max, Math.ceil(y1 - y0))) : undefined;
}

function lookup(values: ChoroplethData["values"]): (code: string) => Cell | undefined {
  if (values instanceof Map) return (code) => values.get(code);
  if (Array.isArray(values)) {
    const map = new Map(values.map((c) => [c.gebiedcode, c]));
    return (code) => map.get(code);
  }
  return (code) => values[code];
}

/**
 * A choropleth figure of `data.areas` coloured by `data.values` (code → cell). Returns a
 * `<figure data-chart="choropleth">` with legend, text alternative, table toggle and source.
 */
export function choropleth(data: ChoroplethData, options: ChoroplethOptions): ChartFigure {
  const {eenheid} = options;
  const get = lookup(data.values);
  // Projected coordinates (identity, reflect-y) are planar: winding does not matter there.
  const planar = options.projection === "identity" || options.projection === "reflect-y";
  const rows: Row[] = data.areas.features.map((feature) => {
    const cell = get(feature.properties.code);
    return {
      feature: planar ? feature : rewind(feature),
      code: feature.properties.code,
      naam: feature.properties.naam,
      cell,
      kind: cellKind(cell),
      value: drawableValue(cell)
    };
  });
  const published = rows.filter((r) => r.kind === "waarde");
  const suppressed = rows.filter((r) => r.kind === "onderdrukt");
  const missing = rows.filter((r) => r.kind === "geen-data");
  const id = chartId(options.title);
  const patternId = `${id}-arcering`;
  const width = options.width ?? 640;
  const label = options.legendLabel ?? eenheidLabel(eenheid);
  const collection = (subset: Row[]): FeatureCollection => ({
    type: "FeatureCollection",
    features: subset.map((r) => r.feature)
  });
  const outline = options.outline;
  const inSet = (r: Row) => outline !== undefined && outline.codes.has(r.code);
  const reden = (r: Row) =>
    options.missingReason && r.kind === "geen-data" && r.cell?.reden ? r.cell.reden : null;
  const tipText = (r: Row) =>
    `${r.naam}\n${reden(r) ?? formatCel(r.cell, eenheid)}${outline ? `\n${outline.column}: ${inSet(r) ? outline.ja : outline.nee}` : ""}`;
  const fc = collection(rows);
  const context = options.context
    ? planar
      ? options.context
      : {...options.context, features: options.context.features.map(rewind)}
    : null;
  // The extent covers the context too, so an estate map shows the gemeente around the estates.
  const extent: FeatureCollection = context
    ? {type: "FeatureCollection", features: [...context.features, ...fc.features]}
    : fc;

  const plot = Plot.plot({
    width,
    height:
      options.height ??
      naturalHeight(
        extent,
        width,
        planar ? null : (options.projection ?? "mercator"),
        options.maxHeight ?? 600
      ),
    projection: {type: options.projection ?? "mercator", domain: extent},
    color: {
      type: options.colorType ?? "linear",
      ...(options.colorType === "quantile" ? {n: 5} : {}),
      scheme: (options.scheme ?? SEQUENTIAL_SCHEME) as PlotTypes.ColorScheme,
      reverse: options.reverse ?? true,
      label,
      tickFormat: tickFormatFor(eenheid)
    },
    style: {color: TEXT_COLOR, background: "white", fontSize: "12px"},
    ariaLabel: options.title,
    marks: [
      hatchDefsMark(patternId),
      context
        ? Plot.geo(context.features, {
            fill: CONTEXT_FILL,
            stroke: OUTLINE_STROKE,
            strokeWidth: 0.25,
            strokeOpacity: 0.6,
            ariaHidden: "true",
            className: "context"
          })
        : null,
      Plot.geo(
        published.map((r) => r.feature),
        {
          fill: (f: Feature<Geometry, AreaProperties>) => drawableValue(get(f.properties.code)),
          stroke: AREA_STROKE,
          strokeWidth: 0.75,
          className: "waarden",
          ariaLabel: (f: Feature<Geometry, AreaProperties>) =>
            `${f.properties.naam}: ${formatCel(get(f.properties.code), eenheid)}`
        }
      ),
      Plot.geo(collection(suppressed).features, {
        fill: hatchFill(patternId),
        stroke: OUTLINE_STROKE,
        strokeWidth: 0.75,
        ariaLabel: (f: Feature<Geometry, AreaProperties>) => `${f.properties.naam}: ${TEXTS.onderdrukt}`,
        className: "onderdrukt"
      }),
      Plot.geo(missing, {
        geometry: (r: Row) => r.feature.geometry,
        fill: MISSING_FILL,
        stroke: OUTLINE_STROKE,
        strokeWidth: 0.75,
        ariaLabel: (r: Row) => `${r.naam}: ${reden(r) ?? TEXTS.geenGegevens}`,
        className: "geen-gegevens"
      }),
      Plot.geo(fc, {stroke: OUTLINE_STROKE, strokeWidth: 0.5, fill: "none", ariaHidden: "true"}),
      outline
        ? Plot.geo(
            rows.filter(inSet).map((r) => r.feature),
            {
              stroke: OUTLINE_SET_STROKE,
              strokeWidth: 2,
              fill: "none",
              ariaHidden: "true",
              className: "omrand"
            }
          )
        : null,
      Plot.tip(
        rows,
        Plot.pointer(
          Plot.geoCentroid({
            geometry: (r: Row) => r.feature.geometry,
            title: tipText
          })
        )
      )
    ]
  });

  // The colour legend; absent when no area has a value.
  const ramp =
    published.length > 0
      ? colorLegend(plot.scale("color")!, {id: patternId, label, tickFormat: tickFormatFor(eenheid)})
      : null;
  const legend = legendBlock({
    scale: ramp,
    note: options.direction,
    items: [
      ...(outline && rows.some(inSet) ? [outlineLegendItem(outline.label)] : []),
      ...suppressionLegendItems({
        id: patternId,
        suppressed: suppressed.length > 0,
        missing: missing.length > 0,
        missingLabel: options.missingLabel
      })
    ]
  });

  const enkelvoud = options.enkelvoud ?? "gebied";
  const meervoud = options.meervoud ?? "gebieden";
  const summary = sentences(
    published.length === 0
      ? TEXTS.geenWaarden
      : extremesSentence(
          published.map((r) => ({naam: r.naam, waarde: r.value as number})),
          eenheid
        ),
    onderdruktZin(suppressed.length, enkelvoud, meervoud),
    geenGegevensZin(missing.length, enkelvoud, meervoud),
    outline?.sentence ?? ""
  );

  const tableRows = [...rows]
    .sort((a, b) => collator.compare(a.naam, b.naam))
    .map((r) => {
      const tekst = reden(r);
      return [
        r.naam,
        ...(outline ? [inSet(r) ? outline.ja : outline.nee] : []),
        tekst ? {text: tekst, value: null} : tableCell(r.cell, eenheid)
      ];
    });

  return chartFigure({
    kind: "choropleth",
    id,
    title: options.title,
    subtitle: options.subtitle,
    source: options.source,
    chart: plot as SVGSVGElement,
    legend,
    table: {
      columns: [
        {label: TEXTS.gebied},
        ...(outline ? [{label: outline.column}] : []),
        {label: label, numeric: true}
      ],
      rows: tableRows
    },
    summary,
    suppressedNote: published.some((r) => r.cell?.status === "afgerond") ? TEXTS.afgerondNoot : undefined,
    headingLevel: options.headingLevel
  });
}

/** The legend entry of the outlined set: a white square with the thick dark border of the map. */
function outlineLegendItem(label: string): HTMLLIElement {
  const s = swatchSvg();
  s.append(
    svgEl("rect", {
      x: 1.5,
      y: 1.5,
      width: 13,
      height: 13,
      fill: "white",
      stroke: OUTLINE_SET_STROKE,
      "stroke-width": 2
    })
  );
  const item = legendItem(s, label);
  item.dataset.legend = "omrand";
  return item;
}
