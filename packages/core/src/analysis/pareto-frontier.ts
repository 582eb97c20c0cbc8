import type { Outcome } from '../model/outcome.js';
import type { Party } from '../model/party.js';
import { type AnalysisOptions, type Exactness, exactness, prepare } from './analysis-options.js';
import { paretoMerge } from './pareto-merge.js';
import { deadlineOf, StepCounter } from './search-budget.js';

/** One point of the Pareto frontier. */
export interface FrontierPoint {
  /** One utility per party, in the order the parties were given. */
  readonly utilities: readonly number[];
  /** One outcome that reaches these utilities. */
  readonly outcome: Outcome;
  /**
   * How many outcomes reach exactly these utilities (ties between outcomes are counted, not
   * hidden): exact up to 2^53 − 1, the nearest double beyond.
   */
  readonly outcomeCount: number;
  /** The same, exact at any size. */
  readonly exactOutcomeCount: bigint;
}

/** The Pareto frontier: outcomes no other outcome improves for one party without hurting another. */
export interface ParetoFrontier extends Exactness {
  /** Distinct utility vectors on the frontier, sorted by the first party's utility, descending. */
  readonly points: readonly FrontierPoint[];
}

/**
 * The exact Pareto frontier for any number of parties, by frontier merging over
 * independent issue groups (never by enumerating every outcome). By default only outcomes
 * every party accepts count (`acceptableOnly: true`); then an empty frontier means no
 * agreement exists.
 *
 * Under a work budget (default `DEFAULT_BUDGET`; one unit per candidate point merged) a
 * merge that cannot finish lists no point: a partial merge's points are not yet outcomes, and
 * none of them is known to be on the frontier. `exact: false` and `guarantee` say how far it got.
 *
 * @example
 * ```ts
 * const frontier = paretoFrontier([consumer, distributor], { acceptableOnly: false });
 * frontier.points.length; // 204 for the GENIUS energy domain
 * ```
 */
export function paretoFrontier(parties: readonly Party[], options: AnalysisOptions = {}): ParetoFrontier {
  return paretoFrontierBefore(parties, options, deadlineOf(options));
}

/** @internal {@link paretoFrontier} with the deadline of an enclosing call. */
export function paretoFrontierBefore(parties: readonly Party[], options: AnalysisOptions, deadline: number): ParetoFrontier {
  const { decomposition, floor } = prepare(parties, options);
  const steps = new StepCounter(options, deadline);
  const { points: merged, merged: groupsMerged } = paretoMerge(decomposition, floor, steps);
  const points = (merged ?? [])
    .map((point) => ({ utilities: Array.from(point.utilities), outcome: point.outcome, outcomeCount: Number(point.count), exactOutcomeCount: BigInt(point.count) }))
    .sort((a, b) => compareDescending(a.utilities, b.utilities));
  return {
    points,
    ...exactness(
      steps,
      'exact: every point is Pareto-optimal and every Pareto-optimal utility vector is listed',
      `none: the search stopped (${steps.stopped}) after merging ${groupsMerged} of ${decomposition.groups.length} issue groups, before the frontier was complete, so no point is listed`,
    ),
  };
}

function compareDescending(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
  return 0;
}
