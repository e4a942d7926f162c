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
import {metadata} from "../shared/contracts/envelope.js";
import {TOPOLOGIE, type GebiedProps} from "../shared/contracts/onderdelen.js";

export type {GebiedProps};

const geometrie = metadata("geometrie", TOPOLOGIE);

/**
 * The areas of a published geometry envelope as GeoJSON features; `bestand` names the file for
 * the message when it does not satisfy the contract.
 */
export function gebiedenVan(
  envelope: unknown,
  bestand = "de kaart"
): FeatureCollection<Geometry, GebiedProps> {
  const topology = controleer(geometrie, envelope, bestand).waarde as unknown as Topology;
  const name = Object.keys(topology.objects)[0];
  if (name === undefined) return {type: "FeatureCollection", features: []};
  return feature(topology, topology.objects[name] as GeometryCollection<GebiedProps>) as FeatureCollection<
    Geometry,
    GebiedProps
  >;
}
