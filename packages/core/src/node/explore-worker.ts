import { deserialize } from 'node:v8';
import { ParleyError } from '../model/errors.js';
import type { ExplorationModel } from '../explore/exploration-model.js';
import { createExplorer, type Explorer } from '../explore/explorer.js';
import type { ExploreTally } from '../explore/tally.js';

// The worker thread of `exploreInParallel` (parallel.ts): piscina calls the default export
// once per chunk of runs. Node-only, and not part of the public API.

/**
 * @internal One chunk of an exploration: the runs `[from, to)` of the compiled model.
 *
 * The model travels once per exploration, not once per chunk: the main thread serialises it
 * (`v8.serialize`) into memory shared with every thread, and a chunk carries that memory
 * (a structured clone of a typed array over a SharedArrayBuffer shares it, copying nothing)
 * and the model's `key`. A thread deserialises the model only for a key it has not compiled
 * yet. Cloning the whole model with every chunk cost about 1 ms on each side per chunk.
 */
export interface ExploreChunk {
  /**
   * Which exploration this is: the model's fingerprint and seed (the fingerprint does not
   * cover the seed; neither covers the number of runs, which a slice of runs does not
   * depend on). A thread keeps the explorers of its last few keys.
   */
  readonly key: string;
  /** The model, `v8.serialize`d, over a SharedArrayBuffer. */
  readonly model: Uint8Array;
  readonly from: number;
  readonly to: number;
  /**
   * Where to count the chunk's finished runs as they finish, when the main thread shows
   * progress: `counts[slot]` of memory shared with it (a structured clone of an Int32Array
   * over a SharedArrayBuffer shares the memory rather than copying it).
   */
  readonly progress?: { readonly counts: Int32Array; readonly slot: number };
}

/**
 * @internal What a worker sends back: the chunk's tally, or the error it threw as plain
 * data (a structured clone of an error keeps neither its class nor its `code`, so the main
 * thread rebuilds a `ParleyError` from this).
 */
export type ExploreChunkResult =
  | { readonly tally: ExploreTally }
  | { readonly error: { readonly name: string; readonly message: string; readonly code: string | null; readonly stack: string | null } };

// Each worker compiles an exploration once, however many chunks of it it runs.
const explorers = new Map<string, Explorer>();
const CACHE_SIZE = 4;

function explorerOf(chunk: ExploreChunk): Explorer {
  let explorer = explorers.get(chunk.key);
  if (explorer === undefined) {
    explorer = createExplorer(deserialize(chunk.model) as ExplorationModel);
    if (explorers.size >= CACHE_SIZE) explorers.delete(explorers.keys().next().value!);
    explorers.set(chunk.key, explorer);
  }
  return explorer;
}

/**
 * @internal Runs one chunk of an exploration and returns its tally (or its error as data).
 *
 * @example
 * ```ts
 * runExploreChunk({ key: `${model.meta.fingerprint}/${model.seed}`, model: sharedModel, from: 0, to: 125 }); // { tally: { runs: 125, … } }
 * ```
 */
export default function runExploreChunk(chunk: ExploreChunk): ExploreChunkResult {
  try {
    const { progress } = chunk;
    const onRun = progress === undefined ? undefined : () => void Atomics.add(progress.counts, progress.slot, 1);
    return { tally: explorerOf(chunk).runRange(chunk.from, chunk.to, onRun) };
  } catch (error) {
    if (error instanceof Error) {
      return {
        error: {
          name: error.name,
          message: error.message,
          code: error instanceof ParleyError ? error.code : null,
          stack: error.stack ?? null,
        },
      };
    }
    return { error: { name: 'Error', message: String(error), code: null, stack: null } };
  }
}
