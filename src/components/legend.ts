/**
 * A colour legend drawn as plain SVG from a Plot colour scale. Plot's own ramp paints its
 * gradient on a canvas and embeds it as a data: URL image, which needs a canvas (absent in
 * tests) and a looser image policy than our CSP: a gradient of sampled stops does neither.
 */
import type * as Plot from "@observablehq/plot";
import {scaleLinear} from "d3-scale";
import {svgEl} from "../lib/chart-frame.js";
import {TEXT_COLOR, OUTLINE_STROKE} from "../lib/palette.js";

/** Options of {@link colorLegend}. */
export interface ColorLegendOptions {
  /** Unique id base (for the gradient). */
  id: string;
  label: string;
  tickFormat: (value: number) => string;
  width?: number;
}

/**
 * An SVG legend for a continuous (ramp with ticks) or quantile/threshold (swatches with
 * bounds) Plot colour scale. The legend is labelled for screen readers with its title.
 */
export function colorLegend(scale: Plot.Scale, options: ColorLegendOptions): SVGSVGElement {
  const width = options.width ?? 280;
  const marginX = 12;
  const barY = 20;
  const barHeight = 12;
  const svg = svgEl("svg", {
    class: "chart-ramp",
    width,
    height: 52,
    viewBox: `0 0 ${width} 52`,
    role: "img",
    "aria-label": `${options.label}, kleurschaal`
  }) as SVGSVGElement;
  svg.append(svgEl("text", {x: marginX, y: 12, fill: TEXT_COLOR, "font-size": 12, "font-weight": "bold"}));
  svg.lastChild!.textContent = options.label;
  const apply = scale.apply as (value: unknown) => string;
  const inner = width - 2 * marginX;
  const domain = (scale.domain ?? []) as number[];

  if (scale.type === "quantile" || scale.type === "threshold" || scale.type === "quantize") {
    // Discrete classes: one swatch per class, labelled with its lower bound.
    const thresholds = (
      scale.type === "quantile" ? ((scale as {quantiles?: number[]}).quantiles ?? []) : domain
    ) as number[];
    const range = (scale.range ?? []) as string[];
    const n = range.length;
    range.forEach((color, i) => {
      svg.append(
        svgEl("rect", {
          x: marginX + (i * inner) / n,
          y: barY,
          width: inner / n,
          height: barHeight,
          fill: color,
          stroke: OUTLINE_STROKE,
          "stroke-width": 0.5
        })
      );
      if (i > 0 && thresholds[i - 1] !== undefined) {
        const t = svgEl("text", {
          x: marginX + (i * inner) / n,
          y: barY + barHeight + 14,
          fill: TEXT_COLOR,
          "font-size": 12,
          "text-anchor": "middle"
        });
        t.textContent = options.tickFormat(thresholds[i - 1]);
        svg.append(t);
      }
    });
    return svg;
  }

  const [min, max] = [Math.min(...domain), Math.max(...domain)];
  const gradientId = `${options.id}-verloop`;
  const defs = svgEl("defs");
  const gradient = svgEl("linearGradient", {id: gradientId, x1: 0, x2: 1, y1: 0, y2: 0});
  const steps = 16;
  for (let i = 0; i <= steps; i++) {
    const v = min === max ? min : min + ((max - min) * i) / steps;
    gradient.append(svgEl("stop", {offset: `${(100 * i) / steps}%`, "stop-color": apply(v)}));
  }
  defs.append(gradient);
  svg.append(defs);
  svg.append(
    svgEl("rect", {
      x: marginX,
      y: barY,
      width: inner,
      height: barHeight,
      fill: `url(#${gradientId})`,
      stroke: OUTLINE_STROKE,
      "stroke-width": 0.5
    })
  );
  const x = scaleLinear()
    .domain(min === max ? [min - 1, max + 1] : [min, max])
    .range([marginX, marginX + inner]);
  const ticks = min === max ? [min] : x.ticks(4).filter((t) => t >= min && t <= max);
  for (const tick of ticks) {
    svg.append(
      svgEl("line", {x1: x(tick), x2: x(tick), y1: barY, y2: barY + barHeight + 3, stroke: TEXT_COLOR})
    );
    const t = svgEl("text", {
      x: x(tick),
      y: barY + barHeight + 15,
      fill: TEXT_COLOR,
      "font-size": 12,
      "text-anchor": "middle"
    });
    t.textContent = options.tickFormat(tick);
    svg.append(t);
  }
  return svg;
}
