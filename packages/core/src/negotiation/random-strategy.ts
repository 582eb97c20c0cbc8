import type { OfferStrategy } from './offer-strategy.js';

/**
 * The random baseline: each turn it offers an outcome drawn uniformly (from the session's
 * seeded generator) among those worth at least its reservation value, and it accepts an
 * offer worth at least the counter-offer it would make instead (drawn when it answers).
 *
 * @example
 * ```ts
 * const negotiator = randomStrategy(session);
 * session.space.utility(negotiator.propose(0, 0)!) >= session.space.reservation; // true (when any outcome is)
 * ```
 */
export const randomStrategy: OfferStrategy = ({ space, random }) => {
  const count = space.offerable === 0 ? 0 : space.rankAtLeast(space.reservation) + 1;
  const draw = (): number => space.ranked(Math.min(count - 1, Math.floor(random() * count)));
  let planned: number | null = null;
  return {
    propose() {
      if (count === 0) return null;
      const offer = planned ?? draw();
      planned = null;
      return offer;
    },
    respond(outcome) {
      if (count === 0) return false;
      planned = draw();
      return space.utility(outcome) >= space.utility(planned) - 1e-9;
    },
  };
};
