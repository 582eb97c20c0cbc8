import type { Outcome } from '../model/outcome.js';
import type { Party } from '../model/party.js';
import { prepare, prepareModel } from './analysis-options.js';
import { compileModel, type CompiledModel } from './compiled-model.js';
import { maximize } from './branch-and-bound.js';
import { StepCounter, type SearchLimits } from './search-budget.js';
import { smallestGainBound, weightedBounds } from './weighted-bounds.js';

/**
 * The outcome every party accepts (red lines kept) that maximises the smallest margin
 * `u_p − threshold_p`, where the thresholds default to the reservation values. It is the
 * mediator's "maximise the least margin" text: the deal that leaves the worst-off party
 * as far above its threshold as possible. Null when no outcome keeps every red line with
 * every party at or above its threshold. Exact, by branch and bound.
 *
 * @example
 * ```ts
 * const deal = maxLeastMargin(parties, [0.5, 0.4]);
 * deal?.margin; // the smallest margin, ≥ 0
 * ```
 */
export function maxLeastMargin(
  parties: readonly Party[],
  thresholds: readonly number[] = parties.map((party) => party.reservationValue),
  limits: SearchLimits = {},
): { outcome: Outcome; utilities: number[]; margin: number; exact: boolean } | null {
  return maxLeastMarginOf(compileModel(parties), thresholds, limits);
}

/** @internal {@link maxLeastMargin} on a compiled model (the mediator's parties, as the talks hold them). */
export function maxLeastMarginOf(
  model: CompiledModel,
  thresholds: readonly number[],
  limits: SearchLimits = {},
): { outcome: Outcome; utilities: number[]; margin: number; exact: boolean } | null {
  const prepared = prepareModel(model, {}, 'spread');
  const n = model.partyCount;
  const floor = Float64Array.from(thresholds);
  const span = new Float64Array(n).fill(1);
  const bounds = weightedBounds(prepared.decomposition, [new Float64Array(n).fill(1)]);
  const steps = new StepCounter(limits);
  const result = maximize(
    prepared.decomposition,
    floor,
    {
      value: (u) => {
        let least = Infinity;
        for (let p = 0; p < n; p++) least = Math.min(least, u[p]! - floor[p]!);
        return least;
      },
      bound: (u, from) => smallestGainBound(u, from, floor, span, prepared.decomposition, bounds),
    },
    steps,
    0,
  );
  if (result.best === null) return null;
  return { outcome: result.best.outcome, utilities: Array.from(result.best.utilities), margin: result.best.value, exact: result.complete };
}

/**
 * The offer a party would make in alternating offers: among outcomes that keep its own red
 * lines and give it at least `target`, the one that leaves the other parties best placed
 * (the largest smallest margin `u_q − thresholds[q]` among the others). Null when no
 * outcome gives the proposer its target within its red lines. Exact, by branch and bound.
 *
 * @example
 * ```ts
 * const offer = bestOffer(parties, 0, 0.7, [0.5, 0.4]);
 * offer?.utilities[0]; // ≥ 0.7
 * ```
 */
export function bestOffer(
  parties: readonly Party[],
  proposer: number,
  target: number,
  thresholds: readonly number[],
  limits: SearchLimits = {},
): { outcome: Outcome; utilities: number[]; exact: boolean } | null {
  // Only the proposer's own red lines bind its offer; what the others accept is theirs to say.
  const relax = parties.flatMap((party, index) => (index === proposer ? [] : party.redLines.map((line) => ({ party: party.id, kind: 'red-line' as const, redLine: line.id }))));
  const prepared = prepare(parties, { relax }, 'spread');
  const n = parties.length;
  const floor = new Float64Array(n).fill(-Infinity);
  floor[proposer] = target;
  const others = parties.map((_, index) => index).filter((index) => index !== proposer);
  const maxFrom = prepared.decomposition.maxFrom;
  const result = maximize(
    prepared.decomposition,
    floor,
    {
      value: (u) => (others.length === 0 ? u[proposer]! : Math.min(...others.map((q) => u[q]! - thresholds[q]!))),
      bound: (u, from) => (others.length === 0 ? u[proposer]! + maxFrom[from * n + proposer]! : Math.min(...others.map((q) => u[q]! + maxFrom[from * n + q]! - thresholds[q]!))),
    },
    new StepCounter(limits),
    0,
  );
  if (result.best === null) return null;
  return { outcome: result.best.outcome, utilities: Array.from(result.best.utilities), exact: result.complete };
}
