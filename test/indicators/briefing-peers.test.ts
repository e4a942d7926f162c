/**
 * Peer gemeenten in the briefing: computed at build time from the public kerncijfers, five per
 * gemeente (never itself), and the briefing file carries the peers' own gemeente cells (through
 * the gate, so with the same suppression as the catalogue tables) and not those of others.
 */
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {getPipelineResult} from "../../data-loaders/indicators/pipeline.ts";
import {readPublished} from "../published-file.ts";

describe("peer gemeenten in the briefing files of the demo region", async () => {
  const result = await getPipelineResult({gemeentenListPath: null, log: () => {}});
  const gemeenten = result.manifest.gemeenten.map((g) => g.code);
  // The catalogue table whole: the overview and its parts per block and year.
  const risicobranches = readPublished(result, "risicobranches.json") as {
    onderdelen: Record<
      string,
      {
        cellen: Array<{
          gebiedcode: string;
          branche: string;
          jaar: number;
          waarde: number | null;
          status: string;
        }>;
      }
    >;
  };
  const catalogueCells = new Map<string, {waarde: number | null; status: string}>(
    risicobranches.onderdelen["vestigingen-per-1000"].cellen.map(
      (c: {gebiedcode: string; branche: string; jaar: number; waarde: number | null; status: string}) => [
        `${c.gebiedcode}|${c.branche}|${c.jaar}`,
        c
      ]
    )
  );

  for (const code of gemeenten) {
    it(`${code}: five peers, not itself, with their gemeente cells equal to the catalogue's`, () => {
      const bundle = JSON.parse(readFileSync(result.file(`gemeente/${code}.json`), "utf-8"));
      const peers = bundle.onderdelen.vergelijkbaar.waarde;
      expect(peers.gemeenten).toHaveLength(Math.min(5, gemeenten.length - 1));
      expect(peers.gemeenten.map((p: {code: string}) => p.code)).not.toContain(code);
      expect(peers.variabelen).not.toContain("mate van stedelijkheid"); // not in the bronmap
      const afstanden = peers.gemeenten.map((p: {afstand: number}) => p.afstand);
      expect([...afstanden].sort((a, b) => a - b)).toEqual(afstanden);
      const cells = bundle.onderdelen["vestigingen-per-1000"].cellen as Array<{
        gebiedcode: string;
        gebiedniveau: string;
        branche: string;
        jaar: number;
        waarde: number | null;
        status: string;
      }>;
      const gemeenteCodes = new Set(
        cells.filter((c) => c.gebiedniveau === "gemeente").map((c) => c.gebiedcode)
      );
      expect([...gemeenteCodes].sort()).toEqual(
        [code, ...peers.gemeenten.map((p: {code: string}) => p.code)].sort()
      );
      for (const c of cells.filter((x) => x.gebiedniveau === "gemeente")) {
        const catalogue = catalogueCells.get(`${c.gebiedcode}|${c.branche}|${c.jaar}`);
        expect({waarde: c.waarde, status: c.status}).toEqual({
          waarde: catalogue?.waarde,
          status: catalogue?.status
        });
      }
    });
  }
});
