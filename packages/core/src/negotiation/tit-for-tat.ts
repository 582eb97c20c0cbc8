import type { OfferStrategy } from './offer-strategy.js';

/**
 * Where a relative tit-for-tat party sets its target after seeing the opponent's offers move
 * from `previous` to `last` (both the party's own utilities of those offers): the opponent
 * closed a fraction φ = (last − previous) / (best − previous) of the gap between its previous
 * offer and the party's best, and the party mirrors it, moving the same fraction φ of the way
 * from its target to its floor `min` (the larger of its reservation value and worst utility).
 * When the opponent retracts (φ < 0) the party hardens by the same fraction towards its best.
 * A relative (proportional) imitative tactic after Faratin, Sierra & Jennings (1998), in
 * utility space rather than per issue.
 *
 * @example
 * ```ts
 * // The opponent closed half the gap (0.4 → 0.7 of a best of 1): the party concedes half way to its floor.
 * titForTatTarget({ target: 0.9, best: 1, min: 0.3 }, 0.4, 0.7); // 0.6
 * ```
 */
export function titForTatTarget(state: { readonly target: number; readonly best: number; readonly min: number }, previous: number, last: number): number {
  const gap = state.best - previous;
  if (!(gap > 1e-12)) return state.target;
  const fraction = Math.max(-1, Math.min(1, (last - previous) / gap));
  const moved = fraction >= 0 ? state.target - fraction * (state.target - state.min) : state.target + -fraction * (state.best - state.target);
  return Math.min(state.best, Math.max(state.min, moved));
}

/**
 * Relative tit-for-tat: opens at its best outcome and concedes only as the opponent does,
 * in proportion ({@link titForTatTarget}); it offers the outcome that concedes most while
 * keeping its target and accepts offers worth at least its target. With several opponents
 * it mirrors each offer as it comes. Two tit-for-tat parties never move: nobody concedes first.
 *
 * @example
 * ```ts
 * const negotiator = titForTat(session);
 * negotiator.propose(0, 0); // its best outcome
 * ```
 */
export const titForTat: OfferStrategy = ({ space }) => {
  const min = Math.min(space.best, Math.max(space.reservation, space.worst));
  const state = { target: space.best, best: space.best, min };
  let previous: number | null = null;
  return {
    propose: () => space.ranked(space.rankAtLeast(state.target)),
    respond(outcome) {
      const utility = space.utility(outcome);
      if (previous !== null) state.target = titForTatTarget(state, previous, utility);
      previous = utility;
      return utility >= state.target - 1e-9;
    },
  };
};
