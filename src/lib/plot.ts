/**
 * Observable Plot, loaded when a page draws its first chart instead of with the page: a page of
 * text and key figures (the overview above the fold, Methode, Open data) then loads no chart
 * library at all, and a chart page shows its text while Plot arrives. Pages call `laadPlot()`
 * in the cell that draws; the chart components use `Plot`, which forwards to the loaded module
 * (and says so plainly when a page forgot to load it).
 */
import type * as PlotModule from "@observablehq/plot";

let geladen: typeof PlotModule | null = null;

/** Loads Plot once (a dynamic import: Framework does not preload it with the page). */
export async function laadPlot(): Promise<typeof PlotModule> {
  geladen ??= await import("@observablehq/plot");
  return geladen;
}

/** True once Plot is loaded. */
export function plotGeladen(): boolean {
  return geladen !== null;
}

/** The Plot module for the chart components; available after `laadPlot()`. */
export const Plot: typeof PlotModule = new Proxy({} as typeof PlotModule, {
  get(_, key) {
    if (geladen === null) throw new Error("Plot is nog niet geladen: roep eerst laadPlot() aan");
    return (geladen as unknown as Record<string | symbol, unknown>)[key];
  }
});
