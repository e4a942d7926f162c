/** Version and default seed of the demo generator (a module of their own: resolving the demo
 * bronmap must not load the generator when the cached region exists). */

/** Bump when the generator's output changes, so cached demo bronmappen are regenerated. */
export const GENERATOR_VERSION = "3";
/** The default seed of the demo region. */
export const DEFAULT_SEED = 20240917;
