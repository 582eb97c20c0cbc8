import type { Outcome } from '../model/outcome.js';
import type { Party } from '../model/party.js';
import { type AnalysisOptions, type Exactness, exactness, prepare, type Prepared } from './analysis-options.js';
import { maximize, type MaximizeResult, type Objective } from './branch-and-bound.js';
import { StepCounter } from './search-budget.js';
import { UTILITY_TOLERANCE } from '../model/tolerance.js';
import { nashProductBound, ownUtilityBound, smallestGainBound, standardWeights, weightedBounds } from './weighted-bounds.js';

/** A bargaining solution: the outcome chosen, its utilities, and any ties. */
export interface BargainingSolution extends Exactness {
  readonly found: true;
  /** One utility per party, in the order the parties were given. */
  readonly utilities: readonly number[];
  readonly outcome: Outcome;
  /** The value maximised (the Nash product, the smallest normalised gain, or total utility). */
  readonly value: number;
  /** Other outcomes with different utilities and the same value. */
  readonly ties: readonly { readonly utilities: readonly number[]; readonly outcome: Outcome }[];
  /** An upper bound on the best value (equal to `value` when exact). */
  readonly upperBound: number;
}

/**
 * The Nash bargaining point: the outcome that maximises the product of every party's gain
 * over its reservation value (the disagreement point), among outcomes where every gain is
 * positive. Exact, by branch and bound. Returns null when no outcome gives every party more
 * than its reservation value.
 *
 * @example
 * ```ts
 * nashPoint([consumer, distributor])?.utilities; // [0.625, 0.754286] on GENIUS energy
 * ```
 */
export function nashPoint(parties: readonly Party[], options: AnalysisOptions = {}): BargainingResult {
  return nashPointWith(parties, options, new StepCounter(options));
}

/** @internal {@link nashPoint}, spending `steps` (a slice of an enclosing call's budget, or its deadline). */
export function nashPointWith(parties: readonly Party[], options: AnalysisOptions, steps: StepCounter): BargainingResult {
  const prepared = prepare(parties, options, 'spread');
  const d = prepared.model.reservationValues;
  const gainFloor = prepared.floor.map((value, p) => Math.max(value, d[p]!));
  const bounds = weightedBounds(prepared.decomposition, standardWeights(prepared.decomposition, d));
  const objective: Objective = {
    value: (u) => product(u, d),
    bound: (u, from) => nashProductBound(u, from, d, prepared.decomposition, bounds),
  };
  const result = solve(prepared, objective, steps, gainFloor);
  if (result?.found === true && result.value <= 0) return null;
  return result;
}

/**
 * The Kalai–Smorodinsky point: the outcome that maximises the smallest normalised gain
 * `(u_i − d_i) / (ideal_i − d_i)`, where `d_i` is the reservation value and `ideal_i` the
 * best the party can get in the same space; ties are broken towards equal gains, then
 * towards higher total utility. For two parties on the frontier this is the point closest
 * to the line from the disagreement point to the ideal point (GENIUS's definition).
 * Returns null when the space is empty or some party cannot gain.
 *
 * @example
 * ```ts
 * kalaiSmorodinsky([consumer, distributor])?.utilities; // [0.6825, 0.684] on GENIUS energy
 * ```
 */
export function kalaiSmorodinsky(parties: readonly Party[], options: AnalysisOptions = {}): BargainingResult {
  // One step counter for the ideal-point searches and the main search: the budget is the
  // whole analysis's, and a cut-short ideal makes the whole result inexact.
  return kalaiSmorodinskyWith(parties, options, new StepCounter(options));
}

/** @internal {@link kalaiSmorodinsky}, spending `steps`. */
export function kalaiSmorodinskyWith(parties: readonly Party[], options: AnalysisOptions, steps: StepCounter): BargainingResult {
  const prepared = prepare(parties, options, 'spread');
  const d = prepared.model.reservationValues;
  const n = d.length;
  const floorBase = prepared.floor.map((value) => (value === -Infinity ? 0 : value));
  const idealBounds = weightedBounds(prepared.decomposition, standardWeights(prepared.decomposition, floorBase));
  const ideal = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const own: Objective = { value: (u) => u[p]!, bound: (u, from) => ownUtilityBound(p, u, from, prepared.floor, prepared.decomposition, idealBounds) };
    const best = maximize(prepared.decomposition, prepared.floor, own, steps, 0);
    // A cut-short search says nothing about existence: check that before reading `best`.
    if (!best.complete) return cutShort(steps, 1, 'before the ideal point was known, so no Kalai–Smorodinsky point can be named');
    if (best.best === null) return null;
    ideal[p] = best.best.value;
  }
  const span = ideal.map((value, p) => value - d[p]!);
  if (span.some((value) => !(value > 0))) return null;
  const gainBounds = weightedBounds(prepared.decomposition, [Float64Array.from(span, (value) => 1 / value), new Float64Array(n).fill(1)]);
  const objective: Objective = {
    value: (u) => {
      let smallest = Infinity;
      for (let p = 0; p < n; p++) smallest = Math.min(smallest, (u[p]! - d[p]!) / span[p]!);
      return smallest;
    },
    bound: (u, from) => smallestGainBound(u, from, d, span, prepared.decomposition, gainBounds),
  };
  const result = solve(prepared, objective, steps, prepared.floor, 64);
  if (result === null || !result.found) return result;
  // Among outcomes with the same smallest gain, keep the Pareto-optimal ones (a dominated
  // tie's dominator has at least the same smallest gain, so it is a tie too), then prefer
  // the most even, then the most total utility.
  const tied = [{ utilities: result.utilities, outcome: result.outcome }, ...result.ties];
  const dominates = (a: readonly number[], b: readonly number[]) =>
    a.every((value, p) => value >= b[p]! - UTILITY_TOLERANCE) && a.some((value, p) => value > b[p]! + UTILITY_TOLERANCE);
  const candidates = tied.filter((candidate) => !tied.some((other) => dominates(other.utilities, candidate.utilities)));
  const asymmetry = (u: readonly number[]) => {
    let sum = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sum += Math.abs((u[i]! - d[i]!) / span[i]! - (u[j]! - d[j]!) / span[j]!);
    return sum;
  };
  const total = (u: readonly number[]) => u.reduce((sum, value) => sum + value, 0);
  candidates.sort((a, b) => asymmetry(a.utilities) - asymmetry(b.utilities) || total(b.utilities) - total(a.utilities));
  const [chosen, ...others] = candidates;
  return { ...result, utilities: chosen!.utilities, outcome: chosen!.outcome, ties: others };
}

/**
 * The outcome with the greatest total utility (utilitarian welfare). Exact, by branch and
 * bound. Returns null when the space is empty.
 *
 * @example
 * ```ts
 * maxWelfare(scenario.parties, { relax: [{ party: 'russia', kind: 'red-line', redLine: 'withdrawal-from-donetsk' }] });
 * ```
 */
export function maxWelfare(parties: readonly Party[], options: AnalysisOptions = {}): BargainingResult {
  return maxWelfareWith(parties, options, new StepCounter(options));
}

/** @internal {@link maxWelfare}, spending `steps`. */
export function maxWelfareWith(parties: readonly Party[], options: AnalysisOptions, steps: StepCounter): BargainingResult {
  const prepared = prepare(parties, options, 'spread');
  const { groups, model } = prepared.decomposition;
  const n = model.partyCount;
  // A tighter bound than summing each party's own best: the best total each group can add.
  const bestTotalFrom = new Float64Array(groups.length + 1);
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g]!;
    let best = -Infinity;
    for (let c = 0; c < group.choiceCount; c++) {
      let sum = 0;
      for (let p = 0; p < n; p++) sum += group.contributions[c * n + p]!;
      best = Math.max(best, sum);
    }
    bestTotalFrom[g] = bestTotalFrom[g + 1]! + (group.choiceCount > 0 ? best : 0);
  }
  const total = (u: Float64Array) => u.reduce((sum, value) => sum + value, 0);
  return solve(prepared, { value: total, bound: (u, from) => total(u) + bestTotalFrom[from]! }, steps, prepared.floor);
}

/**
 * A search stopped by its budget or signal before it could name any outcome. Not the same
 * as `null`, which means it is proven that no outcome qualifies.
 */
export interface SearchCutShort extends Exactness {
  readonly found: false;
  readonly exact: false;
  /** An upper bound on the best value (Infinity when nothing bounds it yet). */
  readonly upperBound: number;
}

/** What a bargaining-solution search returns: a solution, a search cut short, or null (none exists). */
export type BargainingResult = BargainingSolution | SearchCutShort | null;

function solve(prepared: Prepared, objective: Objective, steps: StepCounter, floor: Float64Array, maxTies = 16): BargainingSolution | SearchCutShort | null {
  const result: MaximizeResult = maximize(prepared.decomposition, floor, objective, steps, maxTies);
  if (result.best === null) return result.complete ? null : cutShort(steps, result.upperBound);
  return {
    found: true,
    utilities: Array.from(result.best.utilities),
    outcome: result.best.outcome,
    value: result.best.value,
    ties: result.ties.map((tie) => ({ utilities: Array.from(tie.utilities), outcome: tie.outcome })),
    upperBound: result.upperBound,
    ...exactness(
      steps,
      'exact: no outcome has a higher value',
      `the best found when the search stopped (${steps.stopped}); no outcome has a value above ${result.upperBound}`,
    ),
  };
}

function cutShort(steps: StepCounter, upperBound: number, what = 'before it found any outcome that qualifies'): SearchCutShort {
  return {
    found: false,
    exact: false,
    stoppedBy: steps.stopped,
    upperBound,
    guarantee: `none: the search stopped (${steps.stopped}) ${what}; raise the budget to know more`,
    work: steps.steps,
  };
}

function product(u: Float64Array, d: Float64Array): number {
  let result = 1;
  for (let p = 0; p < u.length; p++) result *= u[p]! - d[p]!;
  return result;
}
