/**
 * The branded types that only the gate can create. A loader cannot construct them: the brand
 * key is a module-private unique symbol (so an object literal cannot type-check), and every
 * object the gate creates is registered in a WeakSet that the emit functions check at runtime
 * (so a cast `as PublishedTable` still fails when the loader runs).
 */
import type {CellStatus, DisclosureReport, Eenheid, PublishedCell, UnitKind} from "./types.ts";

declare const publishedBrand: unique symbol;

/** A table that passed the gate: suppressed, audited, optionally rounded. Only the gate creates it. */
export interface PublishedTable {
  readonly [publishedBrand]: "PublishedTable";
  readonly schemaVersion: 1;
  readonly id: string;
  readonly titel: string;
  /** `telling`, `omvang` (magnitude), `publiek` (CBS figures as published) or `afgeleid` (rate, share, ...). */
  readonly soort: "telling" | "omvang" | "publiek" | "afgeleid";
  readonly eenheidSoort: UnitKind | null;
  readonly eenheid: Eenheid;
  readonly dimensies: readonly string[];
  readonly cellen: readonly PublishedCell[];
}

/** Non-numeric metadata that passed the gate's narrow checks (`publishMetadata`). */
export interface PublishedMetadata {
  readonly [publishedBrand]: "PublishedMetadata";
  readonly schemaVersion: 1;
  readonly soort: MetadataKind;
  readonly waarde: unknown;
}

/** Several published parts emitted as one file (e.g. a page's tables plus area names). */
export interface PublishedBundle {
  readonly [publishedBrand]: "PublishedBundle";
  readonly schemaVersion: 1;
  readonly onderdelen: Readonly<Record<string, PublishedTable | PublishedMetadata>>;
}

/** Kinds of metadata a loader may publish, each with its own check. */
export type MetadataKind =
  /** Catalogue or explanatory text written by us (never from input files). */
  | "tekst"
  /** Area names and hierarchy: `{code, naam, niveau?, bovenliggend?}[]` with CBS-style codes. */
  | "gebiedsnamen"
  /** TopoJSON or GeoJSON of areas (gemeenten, wijken, buurten, bedrijventerreinen, grid). */
  | "geometrie"
  /** The disclosure report of a gate run. */
  | "openbaarmakingsrapport"
  /** The data-quality report aggregate (counts and reasons per file). */
  | "kwaliteitsrapport";

/** Anything the emit functions accept. */
export type Publishable = PublishedTable | PublishedMetadata | PublishedBundle;

const registry = new WeakSet<object>();

/** Internal: register an object as created by the gate. Not re-exported by gate.ts. */
export function brand<T extends Publishable>(
  value: Omit<T, typeof publishedBrand>,
  kind: T[typeof publishedBrand]
): T {
  const branded = Object.freeze({...value, __gate: kind}) as unknown as T;
  registry.add(branded);
  return branded;
}

/** True when `value` was created by the gate in this process (not a look-alike or a cast). */
export function isPublishable(value: unknown): value is Publishable {
  return typeof value === "object" && value !== null && registry.has(value);
}

/** Internal helper type for reports carried inside metadata. */
export type ReportPayload = DisclosureReport;

/** Internal: status values allowed in published cells (the contract's list). */
export {CELL_STATUSES} from "../../src/shared/contracts/envelope.ts";
