/**
 * Seeds of the random bronmap that once made the gate (or the pipeline in front of it) fail,
 * kept as regression fixtures. The generator is deterministic, so a seed is its bronmap; the
 * SHA-256 of the generated files pins that: when the generator changes, the test that checks
 * these hashes fails, and the old bronmap must be kept as files before the seed may go.
 * `npm run fuzz:gate` runs these first; `npm test` runs the ones marked `inTest`.
 */
import {createHash} from "node:crypto";
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";

export interface RegressionSeed {
  seed: number;
  /** SHA-256 over the generated files (path and content, sorted by path). */
  sha256: string;
  /** What failed, and what fixed it. */
  what: string;
  inTest: boolean;
}

export const REGRESSION_SEEDS: readonly RegressionSeed[] = [
  {
    seed: 12,
    sha256: "e50f3388b4c58fce47b0c3fa65e66aa082f75a3c53399d98522b1fdde77cb3e9",
    what: "Een samengevoegde gemeente waarvan de wijken nog de codes van de oude gemeenten dragen: de koppeling vestigingen-wijk -> gemeente volgde de code en klopte niet ('Relatie ... klopt niet voor de ware waarden'). Nu volgt ze de gebiedsbestanden.",
    inTest: true
  },
  {
    seed: 10,
    sha256: "3632a914eb74131125df6eec73c5d8c9e7f9a0c826dfc1446f5e47d0a828a33a",
    what: "Een restbranche (alle-overig) die alleen met een witness-LP over de hele buurt van de cel te beschermen is: de snelle zoektocht gaf op en de poort stopte. Nu zoekt ze uitputtend voordat ze een laatste redmiddel kiest.",
    inTest: false
  },
  {
    seed: 7,
    sha256: "c5a910e96c353885e0ccafeda454accaafa3789dd33d5e0dd32113940130d3f1",
    what: "De poort verborg twee kerntotalen (vestigingen van GM0168 en GM0198 in 2018) om één kleine gemeente (GM0167) te beschermen, terwijl de onafhankelijke controle geen van beide afzonderlijk nodig vond: in de laatste stap vroeg ze van de kerntotalen het volle interval van breedte k. Nu wordt de kleine cel achtergehouden en gaan alleen de totalen weg die haar losmaken (één; 5 december 2026).",
    inTest: false
  },
  {
    seed: 16,
    sha256: "a21b3d48bfba309e312a5f6d9cd3b62ca316f9c23304a83844a5a9be811b4c0b",
    what: "Drie verborgen signalentotalen (GM0120 in 2020 en 2023, GM0133 in 2018) die de smalle controle niet als gedwongen kon aantonen. Sinds de laatste stap alleen totalen neemt die de cel losmaken, en met de bredere tweede zoektocht: 3 verborgen, alle 3 gedwongen (5 december 2026).",
    inTest: false
  },
  {
    seed: 22,
    sha256: "3fdc5c2db784dffba0bf5a4e03e6989a69162497b16fa880c0961503165abb7f",
    what: "Vijf verborgen signalentotalen die de smalle controle niet als gedwongen kon aantonen, zoals seed 16. Nu: 4 verborgen, alle 4 gedwongen (5 december 2026).",
    inTest: false
  }
];

/** SHA-256 over every file under `dir` (relative path and bytes, sorted by path). */
export function bronmapHash(dir: string): string {
  const h = createHash("sha256");
  const files = (readdirSync(dir, {recursive: true}) as string[]).sort();
  for (const f of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dir, f));
    } catch {
      continue; // a directory
    }
    h.update(f).update("\u0000").update(bytes).update("\u0000");
  }
  return h.digest("hex");
}
