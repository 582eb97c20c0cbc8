import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { serialize } from 'node:v8';
import { Piscina } from 'piscina';
import { ParleyError, parleyErrorCodes } from '../model/errors.js';
import type { Scenario } from '../scenario/scenario.js';
import { compileExploration, type ExplorationModel, type ExploreOptions } from '../explore/exploration-model.js';
import type { ExploreChunk, ExploreChunkResult } from './explore-worker.js';
import { createExplorer } from '../explore/explorer.js';
import { mergeShards, parseShard, serializeShard, shardRange, type RunRange, type ShardFile, type ShardSpec } from '../explore/shard-file.js';
import { summarizeExploration, type ExploreResult } from '../explore/summary.js';
import type { ExploreTally } from '../explore/tally.js';
import { addTallies, emptyTally } from '../explore/tally-ops.js';
import { workerStart } from './source-worker.js';

// Explorations spread over worker threads (piscina), and shard files read from disk.
// Node-only: exported from `@parley/core/node`.

/**
 * The smallest chunk is this fraction of one thread's share of the runs: the last chunks,
 * which decide how evenly the threads finish, are that small (see {@link chunksOf}).
 */
const SMALLEST_CHUNK_OF_SHARE = 1 / 32;

/**
 * The most runs in one chunk: each chunk counts its finished runs in an Int32 slot of
 * shared memory (see {@link tallyOnPool}), so no chunk may reach 2³¹ runs.
 */
const MAX_CHUNK_RUNS = 2 ** 30;

/**
 * How often, in milliseconds, the runs finished inside the chunks are counted for `onProgress`
 * while the threads work: a chunk of a large exploration can take minutes, so progress
 * counted only as chunks end would stand still that long.
 */
const PROGRESS_INTERVAL_MS = 250;

/** Options of {@link exploreInParallel}: {@link ExploreOptions}, how many threads, and a progress callback. */
export interface ParallelExploreOptions extends ExploreOptions {
  /**
   * How many worker threads to run on. Default: `os.availableParallelism()`. Never more than
   * there are runs. With 1 the runs are made on the calling thread, with no thread start-up.
   * More threads than cores are started if asked for, but only add start-up time and memory
   * (each compiles the exploration and has its own heap); `parley explore` caps them.
   */
  readonly workers?: number;
  /**
   * Called as runs finish with how many of `total` are done: after every run on one thread;
   * on several, about four times a second while runs finish (counted inside the chunks the
   * threads are running) and after every finished chunk. It only observes.
   */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Stops the exploration when aborted: it then rejects with the signal's reason, and its
   * threads are stopped. On one thread the runs block the event loop, so only code that runs
   * between them — `onProgress` — can abort it there.
   */
  readonly signal?: AbortSignal;
}

/** Options of {@link exploreShard}: those of {@link exploreInParallel}, and which shard to make. */
export interface ExploreShardOptions extends ParallelExploreOptions {
  /** Shard `index` of `count` (from 1): the runs {@link shardRange} gives it. */
  readonly shard: ShardSpec;
}

/**
 * `explore` (from `@parley/core`), spread over worker threads: the runs are cut into chunks, the threads
 * run them (each compiles the exploration once) and the chunks' tallies are added up. The
 * result is identical — every count, every interval, the same JSON — whatever the number
 * of threads, and identical to `explore`'s.
 *
 * Runs TypeScript sources too: under a `source` export condition (vitest, `tsx`), the
 * worker's `.ts` file is bundled once into plain JavaScript for the threads (see `workerStart`).
 *
 * @throws ParleyError `INVALID_EXPLORATION` for bad options (as `explore`, and `workers`
 *   not a whole number ≥ 1); an error thrown in a worker thread is rethrown with its
 *   message (and its code, for a `ParleyError`).
 *
 * @example
 * ```ts
 * import { exploreInParallel, loadPerturbation, loadScenario, loadTalks } from '@parley/core/node';
 * import { basePartiesOf } from '@parley/core';
 * const scenario = await loadScenario('seeds/ukraine-2025');
 * const talks = await loadTalks('seeds/ukraine-2025', scenario);
 * const file = await loadPerturbation('seeds/ukraine-2025', basePartiesOf(scenario, talks.setup.strategies));
 * const result = await exploreInParallel(scenario, {
 *   runs: 10_000, seed: 7, talks, perturb: file?.perturb ?? {}, workers: 4,
 *   onProgress: (done, total) => console.log(`${done}/${total}`),
 * });
 * result.plans[0]?.acceptedByAll; // { probability: …, low: …, high: …, count: …, runs: 10000 }
 * ```
 */
export async function exploreInParallel(scenario: Scenario, options: ParallelExploreOptions): Promise<ExploreResult> {
  const workers = workersOf(options);
  const model = compileExploration(scenario, options);
  const tally = await tallyRuns(model, { from: 0, to: model.runs }, workers, options.onProgress, options.signal);
  return summarizeExploration(model.meta, tally);
}

/**
 * Makes one shard of an exploration — the runs {@link shardRange} gives shard `k` of `n` —
 * on worker threads as {@link exploreInParallel} does, and returns its shard file's text
 * (see `serializeShard`) to be written to disk. Shards can be made on different machines;
 * {@link mergeShardFiles} adds them up to the result of the whole exploration, identical
 * to the result of making all the runs in one go.
 *
 * `onProgress` counts the shard's own runs.
 *
 * @throws ParleyError `INVALID_SHARD` for a shard out of range; as {@link exploreInParallel}.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * for (const index of [1, 2, 3, 4]) {
 *   const text = await exploreShard(scenario, { runs: 10_000, seed: 7, talks, perturb, shard: { index, count: 4 } });
 *   await writeFile(`shard-${index}-of-4.json`, text);
 * }
 * ```
 */
export async function exploreShard(scenario: Scenario, options: ExploreShardOptions): Promise<string> {
  const workers = workersOf(options);
  const { index, count } = options.shard;
  const model = compileExploration(scenario, options);
  const range = shardRange(model.runs, index, count);
  const tally = await tallyRuns(model, range, workers, options.onProgress, options.signal);
  return serializeShard(model.meta, { index, count }, tally);
}

/**
 * Reads the shard files of one exploration (written by {@link exploreShard} or
 * `parley explore --shard k/n`), checks them and merges them into the exploration's result.
 * Every file is read and checked before anything is merged, and nothing is returned unless
 * all of them are intact and together make the whole exploration: the same exploration
 * (scenario, talks, perturbation, seed, runs), every shard exactly once.
 *
 * @throws ParleyError `INVALID_SHARD_FILE` naming every file that cannot be read or is not
 *   an intact shard file (one per line); `SHARD_MISMATCH` naming the files that do not
 *   belong together, the shards missing or given twice.
 *
 * @example
 * ```ts
 * const result = await mergeShardFiles(['shard-1-of-4.json', 'shard-2-of-4.json', 'shard-3-of-4.json', 'shard-4-of-4.json']);
 * result.runs; // 10000
 * ```
 */
export async function mergeShardFiles(paths: readonly string[]): Promise<ExploreResult> {
  if (paths.length === 0) {
    throw new ParleyError('SHARD_MISMATCH', 'there are no shard files to merge; give the file of every shard');
  }
  const texts = await Promise.all(
    paths.map(async (path) => {
      try {
        return { path, text: await readFile(path, 'utf8') };
      } catch (error) {
        return { path, problem: `${path}: ${unreadable(error)}` };
      }
    }),
  );
  const problems: string[] = [];
  const shards: { name: string; file: ShardFile }[] = [];
  for (const entry of texts) {
    if (entry.problem !== undefined) {
      problems.push(entry.problem);
      continue;
    }
    try {
      shards.push({ name: entry.path, file: parseShard(entry.text, entry.path) });
    } catch (error) {
      if (!(error instanceof ParleyError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) {
    throw new ParleyError('INVALID_SHARD_FILE', problems.length === 1 ? problems[0]! : `${problems.length} shard files cannot be merged:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
  const { meta, tally } = mergeShards(shards);
  return summarizeExploration(meta, tally);
}

function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file; give the path of a shard file that `parley explore --shard k/n --out FILE` wrote';
  if (code === 'EISDIR') return 'is a directory, not a shard file';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  return `cannot be read (${error instanceof Error ? error.message : String(error)})`;
}

function workersOf(options: ParallelExploreOptions): number {
  const workers = options.workers ?? availableParallelism();
  if (!Number.isSafeInteger(workers) || workers < 1) {
    throw new ParleyError('INVALID_EXPLORATION', `workers must be a whole number ≥ 1 (got ${String(workers)})`);
  }
  return workers;
}

/**
 * @internal The tally of runs `[from, to)` of a compiled exploration: on the calling thread
 * with one worker, else on a pool of `workers` threads (never more than there are runs),
 * destroyed before this settles. `signal` stops it (see {@link ParallelExploreOptions.signal}).
 *
 * @example
 * ```ts
 * const tally = await tallyRuns(compileExploration(scenario, options), { from: 0, to: 1000 }, 4, undefined);
 * ```
 */
export async function tallyRuns(
  model: ExplorationModel,
  range: RunRange,
  workers: number,
  onProgress: ((done: number, total: number) => void) | undefined,
  signal?: AbortSignal,
): Promise<ExploreTally> {
  signal?.throwIfAborted();
  const total = range.to - range.from;
  const threads = Math.min(workers, total);
  if (threads <= 1) {
    if (total === 0) return emptyTally({ plans: model.plans.length, parties: model.parties.length, assumptions: model.assumptions.length });
    let done = 0;
    const onRun = onProgress === undefined && signal === undefined
      ? undefined
      : () => {
        onProgress?.(++done, total);
        // After the callback, which is the only code that can abort between two runs here.
        signal?.throwIfAborted();
      };
    return createExplorer(model).runRange(range.from, range.to, onRun);
  }

  const pool = startPool(threads);
  try {
    return await tallyOnPool(pool, model, range, onProgress, signal);
  } finally {
    await pool.destroy();
  }
}

type ChunkPool = Piscina<ExploreChunk, ExploreChunkResult> & { readonly crashed: Promise<never> };

function startPool(threads: number): ChunkPool {
  const pool = new Piscina<ExploreChunk, ExploreChunkResult>({ ...workerStart(import.meta.url, 'explore-worker', 'INVALID_EXPLORATION'), minThreads: threads, maxThreads: threads });
  // A worker that dies outside a task (it cannot load its file, say) is reported as the
  // pool's 'error' event, which must fail the exploration rather than the process.
  const crashed = new Promise<never>((_, reject) => pool.on('error', reject));
  crashed.catch(() => {});
  return Object.assign(pool, { crashed });
}

/**
 * The runs `range` of `model`, cut into chunks and run on `pool`'s threads, tallied. With
 * `onProgress`, every chunk counts its finished runs in its own slot of shared memory, read
 * every {@link PROGRESS_INTERVAL_MS} and whenever a chunk ends.
 */
async function tallyOnPool(
  pool: ChunkPool,
  model: ExplorationModel,
  range: RunRange,
  onProgress: ((done: number, total: number) => void) | undefined,
  signal?: AbortSignal,
): Promise<ExploreTally> {
  signal?.throwIfAborted();
  const total = range.to - range.from;
  const shape = { plans: model.plans.length, parties: model.parties.length, assumptions: model.assumptions.length };
  if (total === 0) return emptyTally(shape);
  const chunks = chunksOf(range, pool.options.maxThreads);
  const key = `${model.meta.fingerprint}/${model.seed}`;
  const shared = sharedModel(model);
  const counts = onProgress === undefined ? undefined : new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * chunks.length));
  let reported = 0;
  const report = (): void => {
    if (counts === undefined) return;
    let done = 0;
    for (let slot = 0; slot < counts.length; slot++) done += Atomics.load(counts, slot);
    // Only forward: a count read while a chunk ends is never larger than the chunk's runs.
    if (done > reported) {
      reported = done;
      onProgress?.(done, total);
    }
  };
  const ticker = counts === undefined ? undefined : setInterval(report, PROGRESS_INTERVAL_MS);
  // One lane per thread, each handing its thread the next chunk in order as it finishes
  // one: the large chunks go first and the small ones last, as chunksOf means them to
  // (piscina's own queue does not keep the order), and a failed or aborted exploration
  // hands out nothing more.
  const threads = pool.options.maxThreads;
  const tallies: ExploreTally[] = new Array<ExploreTally>(chunks.length);
  let next = 0;
  let stopped = false;
  const lane = async (): Promise<void> => {
    while (!stopped && next < chunks.length) {
      const slot = next++;
      const chunk: ExploreChunk = { key, model: shared, from: chunks[slot]!.from, to: chunks[slot]!.to };
      const result = await pool.run(counts === undefined ? chunk : { ...chunk, progress: { counts, slot } });
      if ('error' in result) throw rebuildError(result.error);
      tallies[slot] = result.tally;
      report();
    }
  };
  try {
    const all = Promise.all(Array.from({ length: Math.min(threads, chunks.length) }, lane));
    await Promise.race([all, pool.crashed, ...(signal === undefined ? [] : [abortion(signal)])]);
    // Added in the chunks' order; the counts are whole numbers and the smallest flips are
    // minima, so any order would give the same tally.
    return tallies.reduce(addTallies, emptyTally(shape));
  } finally {
    stopped = true;
    clearInterval(ticker);
  }
}

/** Rejects with `signal`'s reason once it is aborted (the caller then stops the threads). */
function abortion(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** Worker threads kept between explorations: see {@link createExplorationPool}. */
export interface ExplorationPool {
  /** How many worker threads it runs on. */
  readonly workers: number;
  /** {@link exploreInParallel} on this pool's threads: the same result, without starting threads. */
  explore(scenario: Scenario, options: ExploreOptions & Pick<ParallelExploreOptions, 'onProgress' | 'signal'>): Promise<ExploreResult>;
  /** Stops the threads. The pool cannot be used afterwards. */
  close(): Promise<void>;
}

/**
 * Worker threads for many explorations in a row (a sweep over perturbation settings, say):
 * the threads start once (about a second each from TypeScript sources, much less built),
 * and every exploration on the pool gives the result `explore` gives. Close it when done.
 *
 * @example
 * ```ts
 * const pool = createExplorationPool(2);
 * try {
 *   for (const reservation of [0.05, 0.1, 0.2]) {
 *     const result = await pool.explore(scenario, { runs: 5000, talks, perturb: { reservation } });
 *     console.log(reservation, result.plans[0]?.acceptedByAll.probability);
 *   }
 * } finally {
 *   await pool.close();
 * }
 * ```
 */
export function createExplorationPool(workers: number = availableParallelism()): ExplorationPool {
  const threads = workersOf({ runs: 1, workers });
  const pool = startPool(threads);
  return {
    workers: threads,
    explore: async (scenario, options) => {
      const model = compileExploration(scenario, options);
      return summarizeExploration(model.meta, await tallyOnPool(pool, model, { from: 0, to: model.runs }, options.onProgress, options.signal));
    },
    close: () => pool.destroy(),
  };
}

/**
 * `[from, to)` cut into consecutive chunks for `threads` threads that each take the next
 * chunk as they finish one (guided self-scheduling): each chunk is a half of one thread's
 * share of the runs not yet given out, but never smaller than {@link SMALLEST_CHUNK_OF_SHARE}
 * of one thread's share of all the runs (nor than one run), nor larger than
 * {@link MAX_CHUNK_RUNS}. Large chunks first keep the messages few (each costs a round trip
 * through the main thread, which on a machine with as many cores as threads has no core of
 * its own); small chunks last let the threads finish together.
 */
function chunksOf({ from, to }: RunRange, threads: number): RunRange[] {
  const smallest = Math.max(1, Math.ceil(((to - from) / threads) * SMALLEST_CHUNK_OF_SHARE));
  const chunks: RunRange[] = [];
  for (let start = from; start < to; ) {
    const left = to - start;
    const size = Math.min(left, MAX_CHUNK_RUNS, Math.max(smallest, Math.ceil(left / (2 * threads))));
    chunks.push({ from: start, to: start + size });
    start += size;
  }
  return chunks;
}

/**
 * The model `v8.serialize`d into a SharedArrayBuffer, which every chunk of it carries to the
 * threads without copying (see {@link ExploreChunk}).
 */
function sharedModel(model: ExplorationModel): Uint8Array {
  const bytes = serialize(model);
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
  shared.set(bytes);
  return shared;
}

/** A worker's error as the main thread throws it: a `ParleyError` with its code when it was one. */
function rebuildError(error: Extract<ExploreChunkResult, { error: unknown }>['error']): Error {
  const code = parleyErrorCodes.find((known) => known === error.code);
  const rebuilt = code === undefined ? new Error(error.message) : new ParleyError(code, error.message);
  rebuilt.name = error.name;
  if (error.stack !== null) rebuilt.stack = `${error.stack}\n    (in an exploration worker thread)`;
  return rebuilt;
}
