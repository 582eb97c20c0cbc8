import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { shardRange, type ShardSpec } from '../explore/shard-file.js';
import { ParleyError, parleyErrorCodes } from '../model/errors.js';
import { summarizeTournament, type TournamentResult } from '../tournament/summary.js';
import { compileTournament, type TournamentMeta, type TournamentRow } from '../tournament/tournament.js';
import { mergeTournamentShards, parseTournamentShard, serializeTournamentShard } from '../tournament/tournament-shard.js';
import { tournamentOptionsOf, type TournamentConfig } from './load-tournament.js';
import type { TournamentChunk, TournamentChunkResult } from './tournament-worker.js';
import { workerStart } from './source-worker.js';

/** Options of {@link runTournamentInParallel}. */
export interface ParallelTournamentOptions {
  /** Worker threads (default: one per core; 1 runs on the calling thread). */
  readonly workers?: number;
  /** Make only shard `index` of `count` and return its shard file's text instead. */
  readonly shard?: ShardSpec;
  /** Called as negotiations finish, with how many of `total` are done. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * A tournament file's tournament ({@link TournamentConfig}, from `loadTournamentConfig`) on
 * worker threads: the negotiations are cut into chunks, each thread loads and compiles the
 * tournament once and runs its chunks. Every negotiation depends only on its index and the
 * seed, so the result is identical for any number of threads, and to `runTournament`'s.
 * With `shard`, only that shard's negotiations are run and its shard file's text returned
 * (merge them with {@link mergeTournamentShardFiles}).
 *
 * @example
 * ```ts
 * import { loadTournamentConfig, runTournamentInParallel } from '@parley/core/node';
 * const config = await loadTournamentConfig('examples/tournament/tournament.yaml');
 * const result = await runTournamentInParallel(config, { workers: 2 });
 * ```
 */
export async function runTournamentInParallel(config: TournamentConfig, options: ParallelTournamentOptions & { readonly shard: ShardSpec }): Promise<string>;
export async function runTournamentInParallel(config: TournamentConfig, options?: ParallelTournamentOptions & { readonly shard?: undefined }): Promise<TournamentResult>;
export async function runTournamentInParallel(config: TournamentConfig, options: ParallelTournamentOptions = {}): Promise<TournamentResult | string> {
  const workers = options.workers ?? availableParallelism();
  if (!(Number.isSafeInteger(workers) && workers >= 1)) throw new ParleyError('INVALID_TOURNAMENT', `workers must be a whole number ≥ 1, not ${workers}`);
  // The main thread compiles it too: for the meta (and its reference points), and to check it before any thread starts.
  const tournament = compileTournament(await tournamentOptionsOf(config));
  const { meta } = tournament;
  const range = options.shard === undefined ? { from: 0, to: meta.negotiations } : shardRange(meta.negotiations, options.shard.index, options.shard.count);
  const total = range.to - range.from;
  let rows: TournamentRow[];
  const threads = Math.min(workers, total);
  if (threads <= 1) {
    let done = 0;
    rows = tournament.runRange(range.from, range.to, options.onProgress === undefined ? undefined : () => options.onProgress!(++done, total));
  } else {
    rows = await runOnThreads(config, range, threads, options.onProgress);
  }
  if (options.shard !== undefined) return serializeTournamentShard(meta, options.shard, rows);
  return resultOf(meta, rows);
}

/**
 * Reads the shard files of one tournament, checks them (intact, same tournament, every shard
 * once) and merges them into its result, identical to running it in one go.
 *
 * @throws ParleyError `INVALID_SHARD_FILE` naming every unreadable or damaged file; `SHARD_MISMATCH`.
 *
 * @example
 * ```ts
 * const result = await mergeTournamentShardFiles(['t-1-of-2.json', 't-2-of-2.json']);
 * ```
 */
export async function mergeTournamentShardFiles(paths: readonly string[]): Promise<TournamentResult> {
  const problems: string[] = [];
  const files = [];
  for (const path of paths) {
    try {
      files.push({ name: path, file: parseTournamentShard(await readFile(path, 'utf8'), path) });
    } catch (error) {
      problems.push(error instanceof ParleyError ? error.message : `${path}: cannot read it; check the file name`);
    }
  }
  if (problems.length > 0) throw new ParleyError('INVALID_SHARD_FILE', problems.join('\n'));
  return mergeTournamentShards(files);
}

function resultOf(meta: TournamentMeta, rows: readonly TournamentRow[]): TournamentResult {
  return { meta, rows, summary: summarizeTournament(meta, rows) };
}

async function runOnThreads(config: TournamentConfig, range: { from: number; to: number }, threads: number, onProgress: ((done: number, total: number) => void) | undefined): Promise<TournamentRow[]> {
  const pool = new Piscina<TournamentChunk, TournamentChunkResult>({ ...workerStart(import.meta.url, 'tournament-worker', 'INVALID_TOURNAMENT'), minThreads: threads, maxThreads: threads });
  const crashed = new Promise<never>((_, reject) => pool.on('error', reject));
  crashed.catch(() => {});
  const total = range.to - range.from;
  const parts = Math.min(total, threads * 16);
  const chunks = Array.from({ length: parts }, (_, i) => ({ from: range.from + Math.floor((i * total) / parts), to: range.from + Math.floor(((i + 1) * total) / parts) }));
  const counts = onProgress === undefined ? undefined : new Int32Array(new SharedArrayBuffer(4 * parts));
  let reported = 0;
  const report = (): void => {
    if (counts === undefined) return;
    let done = 0;
    for (let slot = 0; slot < counts.length; slot++) done += Atomics.load(counts, slot);
    if (done > reported) onProgress?.((reported = done), total);
  };
  const ticker = counts === undefined ? undefined : setInterval(report, 250);
  try {
    const all = Promise.all(
      chunks.map(async ({ from, to }, slot) => {
        const result = await pool.run(counts === undefined ? { config, from, to } : { config, from, to, progress: { counts, slot } });
        if ('error' in result) throw rebuildError(result.error);
        report();
        return result.rows;
      }),
    );
    return (await Promise.race([all, crashed])).flat();
  } finally {
    clearInterval(ticker);
    await pool.destroy();
  }
}

function rebuildError(error: Extract<TournamentChunkResult, { error: unknown }>['error']): Error {
  const code = parleyErrorCodes.find((known) => known === error.code);
  const rebuilt = code === undefined ? new Error(error.message) : new ParleyError(code, error.message);
  rebuilt.name = error.name;
  if (error.stack !== null) rebuilt.stack = `${error.stack}\n    (in a tournament worker thread)`;
  return rebuilt;
}
