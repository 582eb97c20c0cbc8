import type { OfferSpace } from './offer-table.js';
import type { OfferStrategy } from './offer-strategy.js';

/**
 * The target utility of a time-dependent strategy (Faratin, Sierra & Jennings 1998, with
 * k = 0): `p(t) = max − (max − min)·t^(1/e)` where `max` is the party's best utility and
 * `min` the larger of its reservation value and its worst offerable utility. It starts at
 * the best outcome (t = 0) and reaches `min` at the deadline (t = 1). e < 1 is Boulware
 * (holds out until late), e = 1 linear, e > 1 conceder (gives way early); e = 0 never
 * concedes (a hard-liner).
 *
 * @example
 * ```ts
 * timeDependentTarget(0.2, 0.5, { best: 1, reservation: 0.4, worst: 0 }); // ≈ 0.981
 * timeDependentTarget(2, 0.5, { best: 1, reservation: 0.4, worst: 0 });   // ≈ 0.576
 * ```
 */
export function timeDependentTarget(e: number, time: number, space: Pick<OfferSpace, 'best' | 'reservation' | 'worst'>): number {
  const max = space.best;
  const min = Math.min(max, Math.max(space.reservation, space.worst));
  const t = Math.min(1, Math.max(0, time));
  if (e <= 0) return max;
  return max - (max - min) * t ** (1 / e);
}

/**
 * The time-dependent family (Faratin et al. 1998), as in GENIUS's TimeDependentAgent: at
 * time t it offers the outcome that concedes most while still giving it its target
 * {@link timeDependentTarget}`(e, t)`, and accepts an offer worth at least that target.
 *
 * @example
 * ```ts
 * const boulware = timeDependent(0.2);
 * const negotiator = boulware(session);
 * negotiator.propose(0, 0); // its best outcome
 * ```
 */
export function timeDependent(e: number): OfferStrategy {
  return ({ space }) => ({
    propose: (_round, time) => space.ranked(space.rankAtLeast(timeDependentTarget(e, time, space))),
    respond: (outcome, _by, _round, time) => space.utility(outcome) >= timeDependentTarget(e, time, space) - 1e-9,
  });
}

/** Boulware: e = 0.2, holds out until near the deadline. */
export const boulware: OfferStrategy = timeDependent(0.2);
/** Linear concession: e = 1. */
export const linear: OfferStrategy = timeDependent(1);
/** Conceder: e = 2, gives way early. */
export const conceder: OfferStrategy = timeDependent(2);
/** Hard-liner: offers its best outcome every time and accepts nothing less (e = 0). */
export const hardliner: OfferStrategy = timeDependent(0);
