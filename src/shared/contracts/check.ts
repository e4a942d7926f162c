/**
 * Small runtime checks that also declare their TypeScript type: `Infer<typeof check>` is the
 * type the check guarantees, so a contract is written once and both the type and the check come
 * from it. A check returns the value it was given (no copy) or throws `Afwijking` with the path
 * of the first thing that is off; `controleer` turns that into one Dutch message naming the file.
 *
 * Hand-written rather than a schema library (zod, valibot): the checks run in every page, which
 * has a weight budget of 250 kB and whose libraries are bundled offline by
 * scripts/browser-libraries.ts; these ~100 lines cover what the contracts need (objects, lists,
 * records, literals, null) and add nothing to that machinery. Imports nothing.
 */

/** A check: returns `value` typed as T, or throws `Afwijking`. */
export type Check<T> = ((value: unknown, pad: string) => T) & {readonly optioneel?: boolean};

/** A check whose key may be absent in an object (`optioneel(...)`). */
export type Optioneel<T> = ((value: unknown, pad: string) => T | undefined) & {readonly optioneel: true};

/** The type a check guarantees. */
export type Infer<C> = C extends (value: unknown, pad: string) => infer T ? T : never;

/** Where a value is off, and what was expected there (Dutch). */
export class Afwijking extends Error {
  constructor(
    readonly pad: string,
    readonly verwacht: string
  ) {
    super(`${pad || "het bestand"}: verwacht ${verwacht}`);
  }
}

/**
 * A published file that does not satisfy its contract: one Dutch message with the file, the place
 * in it and what was expected. `userFacing`: the build's commands print it as one paragraph.
 */
export class ContractFout extends Error {
  readonly userFacing = true;
  constructor(
    readonly bestand: string,
    readonly pad: string,
    readonly verwacht: string
  ) {
    super(`${bestand} voldoet niet aan zijn contract: ${pad ? `bij ${pad} ` : ""}verwacht ${verwacht}`);
    this.name = "ContractFout";
  }
}

/** Runs `check` on the contents of `bestand`; a deviation becomes a `ContractFout`. */
export function controleer<T>(check: Check<T>, value: unknown, bestand: string, pad = ""): T {
  try {
    return check(value, pad);
  } catch (e) {
    if (e instanceof Afwijking) throw new ContractFout(bestand, e.pad, e.verwacht);
    throw e;
  }
}

function fout(pad: string, verwacht: string): never {
  throw new Afwijking(pad, verwacht);
}

const sub = (pad: string, key: string | number) =>
  typeof key === "number" ? `${pad}[${key}]` : pad ? `${pad}.${key}` : key;

export const tekst: Check<string> = (v, pad) => (typeof v === "string" ? v : fout(pad, "tekst"));

export const getal: Check<number> = (v, pad) =>
  typeof v === "number" && Number.isFinite(v) ? v : fout(pad, "een getal");

export const geheelGetal: Check<number> = (v, pad) =>
  Number.isInteger(v) ? (v as number) : fout(pad, "een geheel getal");

export const waarOfOnwaar: Check<boolean> = (v, pad) =>
  typeof v === "boolean" ? v : fout(pad, "waar of onwaar");

/** Anything (a field the contract carries but no page reads). */
export const onbepaald: Check<unknown> = (v) => v;

/** One of the given values. */
export function een<const T extends readonly (string | number | boolean | null)[]>(
  ...waarden: T
): Check<T[number]> {
  return (v, pad) =>
    waarden.includes(v as T[number])
      ? (v as T[number])
      : fout(pad, `een van ${waarden.map((w) => JSON.stringify(w)).join(", ")}`);
}

/** The value or null. */
export function ofNull<T>(check: Check<T>): Check<T | null> {
  return (v, pad) => (v === null ? null : check(v, pad));
}

/** A key that may be absent (or undefined) in an object. */
export function optioneel<T>(check: Check<T>): Optioneel<T> {
  const c = ((v: unknown, pad: string) => (v === undefined ? undefined : check(v, pad))) as Optioneel<T>;
  return Object.assign(c, {optioneel: true as const});
}

/** A list whose every element passes `check`. */
export function lijst<T>(check: Check<T>): Check<T[]> {
  return (v, pad) => {
    if (!Array.isArray(v)) fout(pad, "een lijst");
    for (let i = 0; i < v.length; i++) check(v[i], sub(pad, i));
    return v as T[];
  };
}

/** An object with string keys whose every value passes `check`. */
export function woordenboek<T>(check: Check<T>): Check<Record<string, T>> {
  return (v, pad) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) fout(pad, "een object");
    for (const [k, x] of Object.entries(v)) check(x, sub(pad, k));
    return v as Record<string, T>;
  };
}

type Vorm = Record<string, Check<unknown>>;
type Verplicht<V extends Vorm> = {[K in keyof V as V[K] extends {optioneel: true} ? never : K]: Infer<V[K]>};
type Vrij<V extends Vorm> = {
  [K in keyof V as V[K] extends {optioneel: true} ? K : never]?: Exclude<Infer<V[K]>, undefined>;
};
type Plat<T> = {[K in keyof T]: T[K]} & {};

/** The object type of a shape of checks (optional keys are those made with `optioneel`). */
export type ObjectVan<V extends Vorm> = Plat<Verplicht<V> & Vrij<V>>;

/**
 * An object with at least the keys of `vorm`, each passing its check (keys made with `optioneel`
 * may be absent). Other keys are allowed: a contract checks what pages read.
 */
export function object<V extends Vorm>(vorm: V): Check<ObjectVan<V>> {
  const keys = Object.keys(vorm);
  return (v, pad) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) fout(pad, "een object");
    const o = v as Record<string, unknown>;
    for (const k of keys) {
      const check = vorm[k]!;
      if (!(k in o) && !check.optioneel) fout(sub(pad, k), "een waarde (ontbreekt)");
      check(o[k], sub(pad, k));
    }
    return v as ObjectVan<V>;
  };
}
