import { summarizeTournament, type TournamentResult } from './summary.js';
import { compileTournament, type TournamentOptions, type TournamentRow } from './tournament.js';

/**
 * Runs a tournament on the calling thread: every strategy against every other on every
 * domain, in every role (`roles: 'all-permutations'`), `repetitions` times, each negotiation
 * on the alternating-offers reducer with its own seeded random stream; returns every
 * negotiation's row and the summary (strategies ranked by mean utility, with confidence
 * intervals and Welch's t-tests). The same options give the same result, byte for byte;
 * `runTournamentInParallel` (`@parley/core/node`) gives it on worker threads and shards.
 *
 * @example
 * ```ts
 * import { boulware, conceder, runTournament, titForTat } from '@parley/core';
 * const result = runTournament({
 *   strategies: [{ name: 'boulware', strategy: boulware }, { name: 'conceder', strategy: conceder }, { name: 'tit-for-tat', strategy: titForTat }],
 *   domains: [{ id: 'energy', parties: scenario.parties }],
 *   repetitions: 2, roles: 'all-permutations', deadline: 100, protocol: 'alternating-offers', seed: 7,
 * });
 * result.summary.ranking.map((score) => `${score.rank}. ${score.name} ${score.utility.mean.toFixed(3)}`);
 * ```
 */
export function runTournament(options: TournamentOptions & { readonly onProgress?: (done: number, total: number) => void }): TournamentResult {
  const tournament = compileTournament(options);
  const total = tournament.meta.negotiations;
  let done = 0;
  const onRow = options.onProgress === undefined ? undefined : (_row: TournamentRow) => options.onProgress!(++done, total);
  const rows = tournament.runRange(0, total, onRow);
  return { meta: tournament.meta, rows, summary: summarizeTournament(tournament.meta, rows) };
}
