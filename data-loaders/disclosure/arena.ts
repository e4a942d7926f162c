/**
 * One memory arena per large gate run, for its big typed arrays (the model's columns and
 * relations, the key index, the suppression and audit state, the published columns).
 *
 * Why: V8 counts every ArrayBuffer as external memory, and each time that grows by 64 MB beyond
 * its level at the last full collection it starts a full mark of the whole JS heap ("external
 * memory pressure"). Nationally that heap is ~1 GB of input cells the caller holds, and the gate
 * allocates ~400 MB of typed arrays in many steps: five to seven full marks per gate, each about
 * a second of CPU on V8's helper threads, competing with the gate for the machine's two cores
 * (`--trace-incremental-marking`, round 9 in docs/performance.md). From an arena, external
 * memory grows in one or two large steps instead, so one or two full marks are started.
 *
 * The arena hands out views on a few large ArrayBuffers by bumping an offset; nothing is given
 * back before the whole arena is unreachable (a view keeps its chunk alive). Fresh ArrayBuffer
 * memory is zero, and no byte is handed out twice, so every array starts zeroed like a new one.
 * Pages of a chunk that are never written are not resident, so an unused tail costs no memory.
 *
 * Arrays that leave the thread must not come from here: structured cloning of a view copies its
 * whole chunk (`isArenaView` guards the audit worker's jobs).
 */

/** Arrays below this size are allocated as usual: they add little external memory. */
const MIN_BYTES = 1 << 18;
/** Smallest and largest chunk allocated at once. */
const MIN_CHUNK = 1 << 20;
const MAX_CHUNK = 512 << 20;

class Arena {
  private chunk: ArrayBuffer | null = null;
  private offset = 0;
  constructor(readonly chunkBytes: number) {}
  /** `bytes` bytes at an offset aligned to 8, from the current chunk or a new one. */
  take(bytes: number): [ArrayBuffer, number] {
    let at = (this.offset + 7) & ~7;
    if (!this.chunk || at + bytes > this.chunk.byteLength) {
      this.chunk = new ArrayBuffer(Math.max(this.chunkBytes, bytes));
      chunks.add(this.chunk);
      at = 0;
    }
    this.offset = at + bytes;
    return [this.chunk, at];
  }
}

/** Every chunk handed out (weakly: a chunk goes when its last view goes). */
const chunks = new WeakSet<ArrayBuffer>();
let active: Arena | null = null;
let users = 0;
let minBytes = MIN_BYTES;

/**
 * Opens the arena for a run that expects to allocate about `estimateBytes` in large typed arrays
 * (the chunk size, 1-512 MB); runs that overlap in one thread share it. Arrays of at least
 * `smallest` bytes come from it (tests pass 0 to take every array from it). Close it with
 * `closeArena` when the run ends; later allocations are ordinary again.
 */
export function openArena(estimateBytes: number, smallest = MIN_BYTES): void {
  if (users++ > 0) return;
  active = new Arena(Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Math.ceil(estimateBytes))));
  minBytes = smallest;
}

export function closeArena(): void {
  if (users > 0 && --users === 0) active = null;
}

/** True when `a` is a view on an arena chunk (it must not be posted to another thread). */
export function isArenaView(a: ArrayBufferView): boolean {
  return chunks.has(a.buffer as ArrayBuffer);
}

export function float64(n: number): Float64Array {
  if (!active || n * 8 < minBytes) return new Float64Array(n);
  const [buffer, at] = active.take(n * 8);
  return new Float64Array(buffer, at, n);
}

export function int32(n: number): Int32Array {
  if (!active || n * 4 < minBytes) return new Int32Array(n);
  const [buffer, at] = active.take(n * 4);
  return new Int32Array(buffer, at, n);
}

export function uint8(n: number): Uint8Array {
  if (!active || n < minBytes) return new Uint8Array(n);
  const [buffer, at] = active.take(n);
  return new Uint8Array(buffer, at, n);
}
