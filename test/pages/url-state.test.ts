import {describe, expect, it} from "vitest";
import {readState, stateToSearch} from "../../src/lib/url-state.ts";

const defaults = {gemeente: "GM9901", jaar: 2025, niveau: "buurt", w_inkomen: 1, tabel: false};

describe("URL state", () => {
  it("gives a clean URL for the default view", () => {
    expect(stateToSearch({...defaults}, defaults)).toBe("");
  });

  it("holds only what differs from the defaults, in a stable order", () => {
    expect(stateToSearch({...defaults, w_inkomen: 2.5, jaar: 2019}, defaults)).toBe(
      "?jaar=2019&w_inkomen=2.5"
    );
  });

  it("reads back exactly the state it wrote, with the types of the defaults", () => {
    const state = {...defaults, gemeente: "GM9903", jaar: 2018, tabel: true, w_inkomen: 0};
    expect(readState(defaults, stateToSearch(state, defaults))).toEqual(state);
  });

  it("ignores unknown parameters and keeps defaults for unparseable numbers", () => {
    expect(readState(defaults, "?jaar=abc&onbekend=1&gemeente=GM9902")).toEqual({
      ...defaults,
      gemeente: "GM9902"
    });
  });

  it("keeps parameters it does not manage", () => {
    expect(stateToSearch({...defaults, jaar: 2020}, defaults, "?presentatie=1&jaar=2025")).toBe(
      "?presentatie=1&jaar=2020"
    );
  });
});
