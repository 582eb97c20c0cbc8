import type { Outcome } from '../model/outcome.js';
import type { Party } from '../model/party.js';
import { type AnalysisOptions, type Exactness, exactness, prepare } from './analysis-options.js';
import { ParleyError } from '../model/errors.js';
import { thinFrontier } from './frontier-thinning.js';
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
  /**
   * Distinct utility vectors on the frontier, sorted by the first party's utility, descending
   * (then the next party's): all of them, or with `maxPoints` / `epsilon` an ε-Pareto subset.
   */
  readonly points: readonly FrontierPoint[];
  /**
   * How many distinct utility vectors the exact frontier has: `points.length` unless the
   * list was thinned; 0 when the merge was cut short and nothing is listed.
   */
  readonly frontierSize: number;
  /**
   * Every vector of the exact frontier is within this of a listed point, in every party's
   * utility (additively): 0 when every vector is listed, the ε reached when the list was
   * thinned; null when the merge was cut short and nothing is listed.
   */
  readonly epsilon: number | null;
}

/** Options of {@link paretoFrontier}: the shared analysis options and how many points to list. */
export interface FrontierOptions extends AnalysisOptions {
  /**
   * List at most this many points (a whole number, at least 1): when the exact frontier has
   * more, an ε-Pareto subset of it, with ε as small as the greedy cover below finds (to
   * within 1/64 of itself). Default: every point.
   */
  readonly maxPoints?: number;
  /**
   * List an ε-Pareto subset for this ε (≥ 0): points of the exact frontier such that every
   * frontier vector is within ε of one listed, in every party's utility. With `maxPoints`
   * too, the ε used is at least this one. Default 0: every point.
   */
  readonly epsilon?: number;
}

/**
 * The exact Pareto frontier for any number of parties, by frontier merging over
 * independent issue groups (never by enumerating every outcome). By default only outcomes
 * every party accepts count (`acceptableOnly: true`); then an empty frontier means no
 * agreement exists.
 *
 * With three or more parties, the merge keeps each stage's frontier by a sort-filter-skyline
 * sweep whose "is it dominated?" question goes to a k-d tree of the points kept so far, so
 * its cost grows with about the frontier size times a small power of it, not its square.
 *
 * `maxPoints` or `epsilon` thin the list to an ε-Pareto set, computed from the exact
 * frontier once it is complete (the merge itself is never approximate): every point listed
 * is on the exact frontier, and every vector of the exact frontier is within `epsilon` (in
 * the result: the ε reached) of a listed point in every party's utility. A listed point's
 * `outcomeCount` counts the outcomes of its own vector only.
 *
 * Under a work budget (default `DEFAULT_BUDGET`; a unit per candidate point merged, and one
 * per 16 nodes its dominance query visits) a merge that cannot finish lists no point: a
 * partial merge's points are not yet outcomes, and none of them is known to be on the
 * frontier. `exact: false` and `guarantee` say how far it got. A thinning the budget cuts
 * short still lists an ε-Pareto set (its ε in `epsilon`), only a coarser one than it could.
 *
 * @example
 * ```ts
 * const frontier = paretoFrontier([consumer, distributor], { acceptableOnly: false });
 * frontier.points.length; // 204 for the GENIUS energy domain
 * const few = paretoFrontier([consumer, distributor], { acceptableOnly: false, maxPoints: 20 });
 * few.points.length <= 20; // true; every one of the 204 is within few.epsilon of one listed
 * ```
 */
export function paretoFrontier(parties: readonly Party[], options: FrontierOptions = {}): ParetoFrontier {
  return paretoFrontierBefore(parties, options, deadlineOf(options));
}

/** @internal {@link paretoFrontier} with the deadline of an enclosing call. */
export function paretoFrontierBefore(parties: readonly Party[], options: FrontierOptions, deadline: number): ParetoFrontier {
  const { maxPoints = Infinity, epsilon = 0 } = options;
  if (!(maxPoints >= 1) || (maxPoints !== Infinity && !Number.isInteger(maxPoints))) {
    throw new ParleyError('INVALID_FRONTIER_OPTIONS', `maxPoints must be a whole number of points, at least 1; got ${maxPoints}`);
  }
  if (!(epsilon >= 0 && epsilon < Infinity)) throw new ParleyError('INVALID_FRONTIER_OPTIONS', `epsilon must be a finite utility difference, at least 0; got ${epsilon}`);
  const { decomposition, floor } = prepare(parties, options);
  const steps = new StepCounter(options, deadline);
  const { points: merged, merged: groupsMerged } = paretoMerge(decomposition, floor, steps);
  if (merged === null) {
    return {
      points: [],
      frontierSize: 0,
      epsilon: null,
      ...exactness(
        steps,
        '',
        `none: the search stopped (${steps.stopped}) after merging ${groupsMerged} of ${decomposition.groups.length} issue groups, before the frontier was complete, so no point is listed`,
      ),
    };
  }
  const all = merged
    .map((point) => ({ utilities: Array.from(point.utilities), outcome: point.outcome, outcomeCount: Number(point.count), exactOutcomeCount: BigInt(point.count) }))
    .sort((a, b) => compareDescending(a.utilities, b.utilities));
  const thinning = thinFrontier(
    all.map((point) => point.utilities),
    decomposition.model.partyCount,
    epsilon,
    maxPoints,
    steps,
  );
  const points = thinning.kept.length === all.length ? all : thinning.kept.map((i) => all[i]!);
  const reached = thinning.epsilon;
  const everyVector = 'every point is Pareto-optimal and every Pareto-optimal utility vector is listed';
  const within = `every point is Pareto-optimal and each of the ${all.length} Pareto-optimal utility vectors is within ${reached} of a listed one in every party's utility (an ε-Pareto set)`;
  const thinned = points.length < all.length;
  const cut = !thinned
    ? `exact frontier, not thinned: ${everyVector}; the thinning stopped (${steps.stopped}) before it finished`
    : `exact frontier, coarser list: ${within}; the search for a smaller ε listing at most ${maxPoints} points stopped (${steps.stopped})`;
  return {
    points,
    frontierSize: all.length,
    epsilon: thinned ? reached : 0,
    ...exactness(steps, `exact: ${thinned ? within : everyVector}`, cut),
  };
}

function compareDescending(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
  return 0;
}
