import { ParleyError } from '../model/errors.js';
import { compileTournament, type CompiledTournament, type TournamentRow } from '../tournament/tournament.js';
import { tournamentOptionsOf, type TournamentConfig } from './load-tournament.js';

// The worker thread of `runTournamentInParallel`: piscina calls the default export once per
// chunk of negotiations. Each worker loads and compiles a tournament once (its offer tables
// and reference points), however many chunks of it it runs. Not part of the public API.

/** @internal One chunk of a tournament: its config and the negotiations `[from, to)`. */
export interface TournamentChunk {
  readonly config: TournamentConfig;
  readonly from: number;
  readonly to: number;
  /** Where to count finished negotiations for the main thread's progress (shared memory). */
  readonly progress?: { readonly counts: Int32Array; readonly slot: number };
}

/** @internal The chunk's rows, or its error as plain data. */
export type TournamentChunkResult =
  | { readonly rows: readonly TournamentRow[] }
  | { readonly error: { readonly name: string; readonly message: string; readonly code: string | null; readonly stack: string | null } };

const compiled = new Map<string, Promise<CompiledTournament>>();

function tournamentOf(config: TournamentConfig): Promise<CompiledTournament> {
  const key = JSON.stringify(config);
  let tournament = compiled.get(key);
  if (tournament === undefined) {
    tournament = tournamentOptionsOf(config).then(compileTournament);
    if (compiled.size >= 2) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, tournament);
  }
  return tournament;
}

/**
 * @internal Runs one chunk of a tournament and returns its rows (or its error as data).
 *
 * @example
 * ```ts
 * await runTournamentChunk({ config, from: 0, to: 100 }); // { rows: [...] }
 * ```
 */
export default async function runTournamentChunk(chunk: TournamentChunk): Promise<TournamentChunkResult> {
  try {
    const tournament = await tournamentOf(chunk.config);
    const { progress } = chunk;
    const onRow = progress === undefined ? undefined : () => void Atomics.add(progress.counts, progress.slot, 1);
    return { rows: tournament.runRange(chunk.from, chunk.to, onRow) };
  } catch (error) {
    if (error instanceof Error) return { error: { name: error.name, message: error.message, code: error instanceof ParleyError ? error.code : null, stack: error.stack ?? null } };
    return { error: { name: 'Error', message: String(error), code: null, stack: null } };
  }
}
