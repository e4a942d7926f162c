/**
 * One definition of the buitengebied for numerator and denominator (issue 15): a record lies in
 * the buitengebied when its buurt does, and a buurt does when most of it lies in the bronmap's
 * buitengebied polygon (or, without that file, when its stedelijkheid is 5). The record's own
 * point is never compared with the polygon, so the inhabitants and km² of the buitengebied
 * (summed over its buurten) cover exactly the records counted in it. The fixture and its answers
 * worked by hand: test/fixtures/indicators/buitengebied-bronmap.ts.
 */
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadBronmap} from "../../data-loaders/sources/bronmap.ts";
import type {LoadedBronmap} from "../../data-loaders/sources/loaded.ts";
import {writeBuitengebiedBronmap} from "../fixtures/indicators/buitengebied-bronmap.ts";

let dir: string;
let b: LoadedBronmap;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "buitengebied-"));
  writeBuitengebiedBronmap(dir);
  b = await loadBronmap(dir, {log: () => {}});
});

afterAll(() => {
  b?.close();
  if (dir) rmSync(dir, {recursive: true, force: true});
});

describe("one buitengebied for records and denominators", () => {
  it("assigns whole buurten by the majority of their area in the polygon (60 % yes, 40 % no)", () => {
    expect(b.areas.buitengebiedBuurten).toEqual(["BU00010001"]);
  });

  it("places a record by its buurt, not by its point: outside the polygon in a buitengebied buurt counts as buitengebied", async () => {
    const r = (
      await b.connection.runAndReadAll(
        "SELECT signaal_id, buurtcode, buitengebied FROM signalen WHERE signaal_id IN ('S01', 'S02', 'S03') ORDER BY 1"
      )
    ).getRowObjectsJS();
    expect(r).toEqual([
      {signaal_id: "S01", buurtcode: "BU00010001", buitengebied: true},
      {signaal_id: "S02", buurtcode: "BU00010002", buitengebied: false},
      {signaal_id: "S03", buurtcode: "BU00010001", buitengebied: true}
    ]);
  });
});
