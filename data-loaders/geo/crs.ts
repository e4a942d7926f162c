/**
 * Coordinate reference systems of Dutch open data: RD New (EPSG:28992, metres) and WGS84
 * (lon/lat). Conversion goes through proj4 with the official RD New definition including the
 * datum shift to WGS84, which is accurate to about a metre: good enough for assigning points to
 * buurten, and far better than the generalised CBS boundaries.
 */
import proj4 from "proj4";

/** The proj4 definition of RD New (Amersfoort / RD New, EPSG:28992). */
export const RD_NEW =
  "+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 " +
  "+ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs";

/** The CRSs the readers understand. */
export type Crs = "EPSG:28992" | "WGS84";

const converter = proj4(RD_NEW, "WGS84");

/** Converts an RD New point to WGS84 `[lon, lat]`. */
export function rdToWgs84(x: number, y: number): [number, number] {
  return converter.forward([x, y]) as [number, number];
}

/** Converts a WGS84 point to RD New `[x, y]`. */
export function wgs84ToRd(lon: number, lat: number): [number, number] {
  return converter.inverse([lon, lat]) as [number, number];
}

/**
 * Interprets the name in a GeoJSON `crs` member (`EPSG:28992`, `urn:ogc:def:crs:EPSG::28992`,
 * `urn:ogc:def:crs:OGC:1.3:CRS84`, `EPSG:4326`). Returns null for a CRS we cannot convert.
 */
export function crsFromName(name: string): Crs | null {
  const n = name.toUpperCase();
  if (/(^|[^0-9])28992$/.test(n)) return "EPSG:28992";
  if (n.endsWith("CRS84") || /(^|[^0-9])4326$/.test(n)) return "WGS84";
  return null;
}

/**
 * Guesses the CRS from coordinate ranges, for files without a `crs` member: RD New covers the
 * Netherlands with x in about -7,000..300,000 and y in 289,000..629,000 metres; WGS84 stays within
 * +-180/+-90. Returns null when the coordinates fit neither.
 */
export function crsFromRange(minX: number, minY: number, maxX: number, maxY: number): Crs | null {
  if (minX >= -180 && maxX <= 180 && minY >= -90 && maxY <= 90) return "WGS84";
  if (minX >= -7000 && maxX <= 300000 && minY >= 289000 && maxY <= 629000) return "EPSG:28992";
  return null;
}
