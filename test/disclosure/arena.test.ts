/**
 * The gate's arena (arena.ts): large runs take their big typed arrays from it so that V8 starts
 * fewer full marks of the heap. It must not change a single published figure: every array it
 * hands out is zeroed and no two overlap, and a gate run with every array from the arena gives
 * what a run without it gives.
 */
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {
  closeArena,
  float64,
  int32,
  isArenaView,
  openArena,
  uint8
} from "../../data-loaders/disclosure/arena.ts";
import {openDataRows, runGate} from "../../data-loaders/disclosure/gate.ts";
import {partsOf} from "./fuzz/fuzz-seed.ts";
import {writeRandomBronmap} from "./fuzz/random-bronmap.ts";

describe("arena", () => {
  afterEach(() => closeArena());

  it("hands out zeroed, disjoint views while open, and ordinary arrays otherwise", () => {
    expect(isArenaView(float64(1 << 16))).toBe(false);
    openArena(1 << 20, 0);
    const a = float64(1000);
    const b = int32(3);
    const c = uint8(5);
    const d = float64(200_000); // larger than the chunk: a chunk of its own
    for (const x of [a, b, c, d]) {
      expect(isArenaView(x)).toBe(true);
      expect(Array.from(x).every((v) => v === 0)).toBe(true);
    }
    a.fill(1);
    b.fill(-1);
    c.fill(255);
    d.fill(2);
    expect(Array.from(a).every((v) => v === 1)).toBe(true);
    expect(Array.from(b)).toEqual([-1, -1, -1]);
    expect(Array.from(c)).toEqual([255, 255, 255, 255, 255]);
    expect(d[0] + d[199_999]).toBe(4);
    // Every view starts on an 8-byte boundary of its chunk.
    for (const x of [a, b, c, d]) expect(x.byteOffset % 8).toBe(0);
    closeArena();
    expect(isArenaView(float64(1000))).toBe(false);
  });

  it("is shared by overlapping runs and closes with the last", () => {
    openArena(1 << 20, 0);
    openArena(1 << 20, 0);
    closeArena();
    expect(isArenaView(int32(10))).toBe(true);
    closeArena();
    expect(isArenaView(int32(10))).toBe(false);
  });

  it("leaves small arrays ordinary at the default threshold", () => {
    openArena(1 << 20);
    expect(isArenaView(int32(1000))).toBe(false);
    expect(isArenaView(int32(1 << 16))).toBe(true);
  });
});

describe("the gate with its arrays from the arena", () => {
  it("publishes exactly what it publishes without (random bronmap, seed 4)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "arena-gate-"));
    try {
      writeRandomBronmap(dir, 4, {small: true});
      const parts = await partsOf(dir);
      const input = () => ({tables: parts.tables, derived: parts.derived, links: parts.links});
      const plain = await runGate(input());
      openArena(1 << 20, 0);
      let fromArena;
      try {
        fromArena = await runGate(input());
      } finally {
        closeArena();
      }
      const rows = openDataRows(plain);
      expect(rows.length).toBeGreaterThan(1000);
      expect(rows.some((r) => r.status === "onderdrukt")).toBe(true);
      expect(openDataRows(fromArena)).toEqual(rows);
      expect(fromArena.report.totaal).toEqual(plain.report.totaal);
      expect(fromArena.report.achtergehouden).toEqual(plain.report.achtergehouden);
      expect(fromArena.report.audit.herstelrondes).toBe(plain.report.audit.herstelrondes);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  }, 300_000);
});
