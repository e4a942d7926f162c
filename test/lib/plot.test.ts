import {describe, expect, it} from "vitest";
import {laadPlot, Plot, plotGeladen} from "../../src/lib/plot.ts";

describe("Plot, loaded when a page first draws", () => {
  it("says plainly that a page forgot to load Plot, and forwards to it once loaded", async () => {
    expect(plotGeladen()).toBe(false);
    expect(() => Plot.barX).toThrow(/laadPlot/);
    const module = await laadPlot();
    expect(plotGeladen()).toBe(true);
    expect(Plot.barX).toBe(module.barX);
    // A second call loads nothing new.
    expect(await laadPlot()).toBe(module);
  });
});
