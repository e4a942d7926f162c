/**
 * The maps' topologies computed in a worker thread while the gate runs (compute.ts,
 * `startAreaTopologies`) are the ones `writeOutputs` computes itself (`areaTopologies`), and the
 * shared references of the derived grids (context.ts, `sharedRefs`) are the references `ref` makes.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {createContext, ref, sharedRefs, type PipelineContext} from "../../data-loaders/indicators/context.ts";
import {geometryJob, startAreaTopologies} from "../../data-loaders/indicators/compute.ts";
import {areaTopologies, levelTopology} from "../../data-loaders/indicators/geometry.ts";
import {blokkenVan} from "../../data-loaders/indicators/split.ts";
import {loadBronmap} from "../../data-loaders/sources/bronmap.ts";
import {readIndeling} from "../../data-loaders/sources/indeling.ts";
import type {LoadedBronmap} from "../../data-loaders/sources/loaded.ts";
import {resolveBronmap} from "../../data-loaders/resolve-bronmap.ts";

let bronmap: LoadedBronmap;
let ctx: PipelineContext;
let dir: string;
beforeAll(async () => {
  dir = (await resolveBronmap()).dir;
  bronmap = await loadBronmap(dir, {isDemo: true, log: () => {}});
  ctx = await createContext(bronmap, () => {});
}, 120_000);
afterAll(() => bronmap?.close());

describe("topologies in a worker thread", () => {
  it("gives the same topologies as computing them on this thread, for every level, block, gemeente and estate map", async () => {
    const indeling = readIndeling(dir, ctx.gebieden.gemeente);
    const blokken = blokkenVan(
      ctx.gebieden.gemeente.map((g) => g.code),
      indeling
    );
    const job = geometryJob(ctx, bronmap, blokken);
    const here = areaTopologies(job);
    const started = startAreaTopologies(ctx, bronmap, dir);
    expect(started).toBeDefined();
    const fromWorker = await started!;
    // The same objects, and the same JSON (the bytes the page files get).
    expect(fromWorker).toEqual(here);
    expect(JSON.stringify(fromWorker)).toBe(JSON.stringify(here));
    // Everything the files carry is there: the demo region has gemeenten, blocks and estates.
    expect(Object.keys(fromWorker.gemeenten).sort()).toEqual(ctx.gebieden.gemeente.map((g) => g.code).sort());
    expect(Object.keys(fromWorker.blokken).sort()).toEqual(blokken.map((b) => b.code).sort());
    expect(bronmap.areas.bedrijventerreinen.length).toBeGreaterThan(0);
    for (const b of blokken) expect(fromWorker.blokken[b.code]!.terreinen).toBeDefined();
    // And they are the level topologies of the areas sorted by code.
    expect(JSON.stringify(fromWorker.levels.buurt)).toBe(
      JSON.stringify(levelTopology(job.levels.buurt, "buurt"))
    );
    const codes = job.levels.wijk.map((a) => a.ref.code);
    expect(codes).toEqual([...codes].sort());
  });
});

describe("sharedRefs", () => {
  it("hands out one object per cell, equal to what ref makes, and a fresh one outside the years", () => {
    const r = sharedRefs(ctx.jaren);
    const g = ctx.gebieden.gemeente[0]!;
    const j = ctx.jaren[0]!;
    const a = r("vestigingen", g, "horeca", null, j);
    expect(a).toEqual(ref("vestigingen", g, "horeca", null, j));
    expect(r("vestigingen", g, "horeca", null, j)).toBe(a);
    // Any other table, area, branch, category or year is another cell.
    const others = [
      r("vestigingen-wijk", g, "horeca", null, j),
      r("vestigingen", ctx.gebieden.gemeente[1]!, "horeca", null, j),
      r("vestigingen", g, "alle", null, j),
      r("vestigingen", g, "horeca", "x", j),
      r("vestigingen", g, "horeca", null, j + 1),
      r("vestigingen", g, null, null, j)
    ];
    for (const o of others) expect(o).not.toBe(a);
    expect(new Set(others).size).toBe(others.length);
    expect(others[5]).toEqual(ref("vestigingen", g, null, null, j));
    const before = ctx.jaren[0]! - 1;
    const outside = r("vestigingen", g, "horeca", null, before);
    expect(outside).toEqual(ref("vestigingen", g, "horeca", null, before));
    expect(r("vestigingen", g, "horeca", null, before)).not.toBe(outside);
  });
});
