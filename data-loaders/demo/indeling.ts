/**
 * The fictitious region's own indeling in provinces and RIEC regions (`gebieden/indeling.csv`),
 * so the demo and the national bench can be read per province and per RIEC region the way real
 * data is (data-loaders/sources/indeling.ts). Assigned from the gemeenten's positions: provinces
 * in bands west-east within north-south rows, RIEC regions in a different grid, so that, as in
 * the real country, a RIEC region can cross a provincial border. Codes and names are invented
 * (PV9x, RE9x; no real province or RIEC has them).
 */
import type {DemoGemeente} from "./geography.ts";

const PROVINCIES = [
  "Noorderwaard",
  "Oosterkamp",
  "Westerduin",
  "Middelmark",
  "Zuiderbeek",
  "Heuvelland",
  "Veenkoloniën",
  "Polderland",
  "Rivierenhoek",
  "Kustmark",
  "Heidegouw",
  "Dalmark"
];
const RIECS = [
  "Noordkust",
  "Oostgrens",
  "Midden",
  "Westkust",
  "Hoofdstad",
  "Residentie",
  "Havenstad",
  "Delta",
  "Kempen",
  "Zuidgrens"
];

/** Splits items into `rows` x `cols` groups of near-equal size: rows by y (north first), then x. */
function grid<T>(items: readonly T[], pos: (t: T) => [number, number], rows: number, cols: number): T[][] {
  const byY = [...items].sort((a, b) => pos(b)[1] - pos(a)[1] || pos(a)[0] - pos(b)[0]);
  const groups: T[][] = [];
  for (let r = 0; r < rows; r++) {
    const row = byY
      .slice(Math.round((r * byY.length) / rows), Math.round(((r + 1) * byY.length) / rows))
      .sort((a, b) => pos(a)[0] - pos(b)[0] || pos(b)[1] - pos(a)[1]);
    for (let c = 0; c < cols; c++)
      groups.push(row.slice(Math.round((c * row.length) / cols), Math.round(((c + 1) * row.length) / cols)));
  }
  return groups.filter((g) => g.length > 0);
}

/** The CSV text of the indeling (`;`-separated, like the reference table). */
export function demoIndelingCsv(gemeenten: readonly DemoGemeente[]): string {
  const pos = (g: DemoGemeente) => g.core;
  // Demo scale (8 gemeenten): two provinces side by side, two RIEC regions one above the other.
  const small = gemeenten.length <= 12;
  const provincies = small ? grid(gemeenten, pos, 1, 2) : grid(gemeenten, pos, 4, 3);
  const riecs = small ? grid(gemeenten, pos, 2, 1) : grid(gemeenten, pos, 5, 2);
  const provincieVan = new Map<string, number>();
  provincies.forEach((g, i) => g.forEach((x) => provincieVan.set(x.code, i)));
  const riecVan = new Map<string, number>();
  riecs.forEach((g, i) => g.forEach((x) => riecVan.set(x.code, i)));
  const lines = ["gemeentecode;gemeentenaam;provinciecode;provincienaam;riec_code;riec_naam"];
  for (const g of [...gemeenten].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    const p = provincieVan.get(g.code)!;
    const r = riecVan.get(g.code)!;
    lines.push(
      `${g.code};${g.naam};PV${91 + p};Provincie ${PROVINCIES[p]} (fictief);RE${91 + r};RIEC ${RIECS[r]} (fictief)`
    );
  }
  return lines.join("\n") + "\n";
}
