import { meanInterval, welchTest, type MeanInterval } from './statistics.js';
import type { TournamentMeta, TournamentRow } from './tournament.js';

/** How one strategy did over all its negotiations, in every role. */
export interface StrategyScore {
  readonly rank: number;
  readonly name: string;
  /** Its utility per negotiation (discounted when the tournament discounts): mean, sd and 95% t interval. */
  readonly utility: MeanInterval;
  /** Share of its negotiations that ended in agreement. */
  readonly agreementRate: number;
  /** Mean social welfare, Pareto distance and Nash distance of its negotiations (each counted once per role it played). */
  readonly welfare: number;
  readonly paretoDistance: number | null;
  readonly nashDistance: number | null;
  /** Mean opponent-model error (see `TournamentRow.modelError`), null without a model. */
  readonly modelError: number | null;
  /** Mean rounds its negotiations took. */
  readonly rounds: number;
}

/** Welch's t-test between two strategies' utilities. */
export interface PairwiseTest {
  readonly a: string;
  readonly b: string;
  /** Mean utility of `a` minus that of `b`. */
  readonly difference: number;
  readonly t: number;
  readonly df: number;
  /** Two-sided p-value, not corrected for the number of pairs. */
  readonly p: number;
  /** p < 0.05. */
  readonly significant: boolean;
}

/** A tournament's summary: its strategies ranked by mean utility, and every pair tested. */
export interface TournamentSummary {
  readonly test: 'welch-t';
  readonly ranking: readonly StrategyScore[];
  readonly pairwise: readonly PairwiseTest[];
  readonly agreementRate: number;
}

/** A complete tournament: what it was, every negotiation, and the summary. */
export interface TournamentResult {
  readonly meta: TournamentMeta;
  readonly rows: readonly TournamentRow[];
  readonly summary: TournamentSummary;
}

/**
 * Ranks a tournament's strategies by mean utility (higher first; ties by name) with 95%
 * Student-t confidence intervals, and tests every pair with Welch's t-test. Utilities are
 * pooled over every negotiation and role a strategy played. The rows are read in index
 * order, so the same rows give the same summary however they were run.
 *
 * @example
 * ```ts
 * const summary = summarizeTournament(tournament.meta, rows);
 * summary.ranking[0]?.name; // the strategy with the highest mean utility
 * ```
 */
export function summarizeTournament(meta: TournamentMeta, rows: readonly TournamentRow[]): TournamentSummary {
  const ordered = [...rows].sort((a, b) => a.index - b.index);
  const names = meta.strategies.map((s) => s.name);
  const samples = new Map(names.map((name) => [name, { utilities: [] as number[], agreed: 0, welfare: 0, pareto: [] as number[], nash: [] as number[], errors: [] as number[], rounds: 0 }]));
  for (const row of ordered) {
    row.strategies.forEach((name, role) => {
      const sample = samples.get(name)!;
      sample.utilities.push(row.utilities[role]!);
      if (row.agreement) sample.agreed++;
      sample.welfare += row.welfare;
      sample.rounds += row.rounds;
      if (row.paretoDistance !== null) sample.pareto.push(row.paretoDistance);
      if (row.nashDistance !== null) sample.nash.push(row.nashDistance);
      const error = row.modelError[role];
      if (error !== null && error !== undefined) sample.errors.push(error);
    });
  }
  const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length);
  const scores = names.map((name) => {
    const sample = samples.get(name)!;
    const n = sample.utilities.length;
    return {
      name,
      utility: meanInterval(sample.utilities),
      agreementRate: n === 0 ? 0 : sample.agreed / n,
      welfare: n === 0 ? 0 : sample.welfare / n,
      paretoDistance: mean(sample.pareto),
      nashDistance: mean(sample.nash),
      modelError: mean(sample.errors),
      rounds: n === 0 ? 0 : sample.rounds / n,
    };
  });
  scores.sort((a, b) => (b.utility.mean - a.utility.mean) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const ranking = scores.map((score, k) => ({ rank: k + 1, ...score }));
  const pairwise: PairwiseTest[] = [];
  for (let i = 0; i < ranking.length; i++) {
    for (let j = i + 1; j < ranking.length; j++) {
      const a = ranking[i]!;
      const b = ranking[j]!;
      const test = welchTest(samples.get(a.name)!.utilities, samples.get(b.name)!.utilities);
      pairwise.push({ a: a.name, b: b.name, difference: a.utility.mean - b.utility.mean, t: test.t, df: test.df, p: test.p, significant: test.p < 0.05 });
    }
  }
  const agreed = ordered.filter((row) => row.agreement).length;
  return { test: 'welch-t', ranking, pairwise, agreementRate: ordered.length === 0 ? 0 : agreed / ordered.length };
}
