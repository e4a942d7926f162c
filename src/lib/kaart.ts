/**
 * The one place a page turns published geometry into map features: a geometry part or file
 * (`{schemaVersion, soort: "geometrie", waarde: Topology}`, src/shared/contracts/gebieden.ts) is
 * checked against its contract, then its first object becomes GeoJSON features whose properties
 * name the area (code, naam, bovenliggend). Browser-safe.
 */
import type {FeatureCollection, Geometry} from "geojson";
import {feature} from "topojson-client";
import type {GeometryCollection, Topology} from "topojson-specification";
import {controleer} from "../shared/contracts/check.js";
import {isTable, metadata, type Bundle} from "../shared/contracts/envelope.js";
import {gelezen} from "./contracts.js";
import {TOPOLOGIE, type GebiedProps} from "../shared/contracts/onderdelen.js";

export type {GebiedProps};

const geometrie = metadata("geometrie", TOPOLOGIE);

/**
 * The areas of a published geometry envelope as GeoJSON features; `bestand` names the file for
 * the message (a `Leesfout`) when it does not satisfy the contract.
 */
export function gebiedenVan(
  envelope: unknown,
  bestand = "de kaart"
): FeatureCollection<Geometry, GebiedProps> {
  const topology = gelezen(() => controleer(geometrie, envelope, bestand)).waarde as unknown as Topology;
  const name = Object.keys(topology.objects)[0];
  if (name === undefined) return {type: "FeatureCollection", features: []};
  return feature(topology, topology.objects[name] as GeometryCollection<GebiedProps>) as FeatureCollection<
    Geometry,
    GebiedProps
  >;
}

/**
 * The wijken or buurten in loaded files, as one feature collection: a block's geometry file
 * (`gebieden/<blok>.json`, parts `wijken` and `buurten`) or a gemeente's part of weerbaarheid
 * (parts `geometrie-wijken` and `geometrie-buurten`). A feature that occurs twice is kept once.
 */
export function geometrieVan(
  bundles: readonly Bundle[],
  niveau: "wijk" | "buurt"
): FeatureCollection<Geometry, GebiedProps> {
  const namen = niveau === "wijk" ? ["wijken", "geometrie-wijken"] : ["buurten", "geometrie-buurten"];
  const seen = new Set<string>();
  const features: FeatureCollection<Geometry, GebiedProps>["features"] = [];
  for (const b of bundles)
    for (const naam of namen) {
      const part = b.onderdelen[naam];
      if (!part || isTable(part)) continue;
      for (const f of gebiedenVan(part).features)
        if (!seen.has(f.properties.code)) {
          seen.add(f.properties.code);
          features.push(f);
        }
    }
  return {type: "FeatureCollection", features};
}
