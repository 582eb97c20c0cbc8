/**
 * How a party moves its demands over time. A strategy is a plain function: given where the
 * talks are, it returns the least utility the party will accept now (its threshold). Red
 * lines never move: a strategy only moves the threshold between the party's best and its
 * reservation value.
 */
export type PartyStrategyName = 'boulware' | 'linear' | 'conceder' | 'hardliner' | 'tit-for-tat';

/** Everything a party strategy may look at. */
export interface StrategyInput {
  /** Progress of the talks in [0, 1]: 0 at the start, 1 at the deadline or the last round. */
  readonly time: number;
  /** The party's reservation value now (after any shocks). */
  readonly reservation: number;
  /** The best utility the party could get. */
  readonly best: number;
  /** The threshold the party used last time (its reservation at the start). */
  readonly previousThreshold: number;
  /** How much the text presented now improved on the last one, for this party (0 if it did not). */
  readonly improvement: number;
}

/** How much of the distance from reservation to best a party starts out asking for. */
export const OPENING_AMBITION = 0.2;

const concessionExponent: Record<'boulware' | 'linear' | 'conceder', number> = { boulware: 0.2, linear: 1, conceder: 3 };

/**
 * The threshold of a party under a strategy:
 * - time-dependent concession (Faratin et al.): `r + (b − r)·a·(1 − t^(1/e))` with e = 0.2
 *   (Boulware: holds out until late), 1 (linear) or 3 (conceder: gives way early), where `a`
 *   is the opening ambition;
 * - hard-liner: never concedes from its opening demand;
 * - tit-for-tat: concedes as much as the text last moved towards it, never below `r`.
 *
 * @example
 * ```ts
 * partyThreshold('boulware', { time: 0.5, reservation: 0.4, best: 0.9, previousThreshold: 0.5, improvement: 0 }); // ≈ 0.497
 * partyThreshold('conceder', { time: 0.5, reservation: 0.4, best: 0.9, previousThreshold: 0.5, improvement: 0 }); // ≈ 0.421
 * ```
 */
export function partyThreshold(strategy: PartyStrategyName, input: StrategyInput): number {
  const { time, reservation, best } = input;
  const opening = reservation + Math.max(0, best - reservation) * OPENING_AMBITION;
  switch (strategy) {
    case 'hardliner':
      return opening;
    case 'tit-for-tat':
      return Math.max(reservation, Math.min(opening, input.previousThreshold - Math.max(0, input.improvement)));
    default: {
      const t = Math.min(1, Math.max(0, time));
      return reservation + (opening - reservation) * (1 - t ** (1 / concessionExponent[strategy]));
    }
  }
}

/** How a mediator revises the single negotiating text after a round of objections. */
export type MediatorStrategyName = 'drop-most-objected' | 'amend-most-objected' | 'maximize-least-margin';

/** Every party strategy name, for validation and generators. */
export const partyStrategyNames: readonly PartyStrategyName[] = ['boulware', 'linear', 'conceder', 'hardliner', 'tit-for-tat'];

/** Every mediator strategy name, for validation and generators. */
export const mediatorStrategyNames: readonly MediatorStrategyName[] = ['drop-most-objected', 'amend-most-objected', 'maximize-least-margin'];
