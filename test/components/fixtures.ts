/**
 * Fixed, fictitious test data for the chart components: areas as simple squares near
 * 5.5°E 52°N and cells in the published contract shape.
 */
import type {FeatureCollection, Polygon} from "geojson";
import type {Cell, CellStatus} from "../../src/lib/contracts.ts";
import type {AreaProperties} from "../../src/components/choropleth.ts";
import {laadPlot} from "../../src/lib/plot.ts";

// The chart components draw with the Plot module that a page loads first (src/lib/plot.ts).
await laadPlot();

/** A square area of 0.1 degree at column `i`, row `j`. */
function square(code: string, naam: string, i: number, j: number) {
  const x = 5 + i * 0.1;
  const y = 52 + j * 0.1;
  const ring = [
    [x, y],
    [x + 0.1, y],
    [x + 0.1, y + 0.1],
    [x, y + 0.1],
    [x, y]
  ];
  return {
    type: "Feature" as const,
    properties: {code, naam},
    geometry: {type: "Polygon" as const, coordinates: [ring]} as Polygon
  };
}

/** Four fictitious gemeenten in a 2×2 grid. */
export const AREAS: FeatureCollection<Polygon, AreaProperties> = {
  type: "FeatureCollection",
  features: [
    square("GM9001", "Aadorp", 0, 0),
    square("GM9002", "Beekveld", 1, 0),
    square("GM9003", "Culemhoven", 0, 1),
    square("GM9004", "Dijkerwaard", 1, 1)
  ]
};

/** A cell in the contract shape. */
export function cell(
  gebiedcode: string,
  waarde: number | null,
  status: CellStatus = "",
  jaar = 2024,
  reden: string | null = null
): Cell {
  return {
    gebiedcode,
    gebiedniveau: "gemeente",
    bovenliggend: "RG90",
    branche: null,
    categorie: null,
    jaar,
    waarde,
    status,
    reden: reden ?? (status === "onderdrukt" ? "minder dan 10 waarnemingen" : null)
  };
}
