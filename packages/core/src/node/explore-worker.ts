import { ParleyError } from '../model/errors.js';
import type { ExplorationModel } from '../explore/exploration-model.js';
import { createExplorer, type Explorer } from '../explore/explorer.js';
import type { ExploreTally } from '../explore/tally.js';

// The worker thread of `exploreInParallel` (parallel.ts): piscina calls the default export
// once per chunk of runs. Node-only, and not part of the public API.

/** @internal One chunk of an exploration: the compiled model and the runs `[from, to)`. */
export interface ExploreChunk {
  readonly model: ExplorationModel;
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

// Each worker compiles an exploration once, however many chunks of it it runs. The
// fingerprint does not cover the seed (shards of one exploration share it, explorations
// with other seeds do not), so both make the key.
const explorers = new Map<string, Explorer>();
const CACHE_SIZE = 4;

function explorerOf(model: ExplorationModel): Explorer {
  const key = `${model.meta.fingerprint}/${model.seed}`;
  let explorer = explorers.get(key);
  if (explorer === undefined) {
    explorer = createExplorer(model);
    if (explorers.size >= CACHE_SIZE) explorers.delete(explorers.keys().next().value!);
    explorers.set(key, explorer);
  }
  return explorer;
}

/**
 * @internal Runs one chunk of an exploration and returns its tally (or its error as data).
 *
 * @example
 * ```ts
 * runExploreChunk({ model, from: 0, to: 125 }); // { tally: { runs: 125, … } }
 * ```
 */
export default function runExploreChunk(chunk: ExploreChunk): ExploreChunkResult {
  try {
    const { progress } = chunk;
    const onRun = progress === undefined ? undefined : () => void Atomics.add(progress.counts, progress.slot, 1);
    return { tally: explorerOf(chunk.model).runRange(chunk.from, chunk.to, onRun) };
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
