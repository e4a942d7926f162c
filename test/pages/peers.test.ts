import {describe, expect, it} from "vitest";
import {peerGemeenten} from "../../src/shared/peers.ts";

describe("peerGemeenten", () => {
  const values = new Map<string, Record<string, number | null>>([
    ["GM01", {inwoners: 10_000, bevolkingsdichtheid: 200, gemiddeld_inkomen: 30}],
    ["GM02", {inwoners: 11_000, bevolkingsdichtheid: 210, gemiddeld_inkomen: 31}],
    ["GM03", {inwoners: 200_000, bevolkingsdichtheid: 3000, gemiddeld_inkomen: 28}],
    ["GM04", {inwoners: 190_000, bevolkingsdichtheid: 2800, gemiddeld_inkomen: null}],
    ["GM05", {inwoners: 12_000, bevolkingsdichtheid: null, gemiddeld_inkomen: 33}]
  ]);

  it("finds the most similar gemeenten first", () => {
    const peers = peerGemeenten(values, 2);
    expect(peers.get("GM01")!.map((p) => p.code)).toEqual(["GM02", "GM05"]);
    expect(peers.get("GM03")![0]!.code).toBe("GM04");
  });

  it("never lists a gemeente as its own peer and returns at most the asked number", () => {
    for (const [code, list] of peerGemeenten(values, 5)) {
      expect(list.map((p) => p.code)).not.toContain(code);
      expect(list.length).toBe(4);
    }
  });

  it("uses only the variables both gemeenten have", () => {
    const peers = peerGemeenten(values, 4);
    const d = peers.get("GM05")!.find((p) => p.code === "GM01")!.afstand;
    expect(Number.isFinite(d)).toBe(true);
  });

  it("is deterministic on ties", () => {
    const same = new Map([
      ["B", {inwoners: 5}],
      ["A", {inwoners: 5}],
      ["C", {inwoners: 5}]
    ]);
    expect(
      peerGemeenten(same, 2, [{variabele: "inwoners", titel: "", log: false}])
        .get("C")!
        .map((p) => p.code)
    ).toEqual(["A", "B"]);
  });
});
