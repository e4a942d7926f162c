// @vitest-environment jsdom
/** The snapshot helper itself: a snapshot that is missing or differs fails, so CI cannot pass on a deleted file. */
import {existsSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {assertSnapshot} from "./snapshot.ts";

describe("assertSnapshot", () => {
  it("fails on a missing snapshot and does not write it", () => {
    const el = document.createElement("p");
    el.textContent = "geen snapshot";
    const name = "bestaat-niet-en-mag-niet-ontstaan";
    const previous = process.env.UPDATE_SNAPSHOTS;
    delete process.env.UPDATE_SNAPSHOTS;
    try {
      expect(() => assertSnapshot(name, el)).toThrow(/ontbreekt/);
    } finally {
      if (previous !== undefined) process.env.UPDATE_SNAPSHOTS = previous;
    }
    expect(existsSync(join(import.meta.dirname, "snapshots", `${name}.html`))).toBe(false);
  });
});
