import type { OfferSpace } from './offer-table.js';

/**
 * What a party's strategy knows when a negotiation starts: its own preferences over the
 * outcome space (never the other parties'), the table, and a seeded source of randomness.
 */
export interface OfferSession {
  /** The party's place in the turn order (0 opens). */
  readonly party: number;
  /** How many parties are at the table. */
  readonly parties: number;
  /** The party's own view of the outcomes: utilities, ranking, reservation value. */
  readonly space: OfferSpace;
  /** The last round in which an offer may be made; time is `round / deadline`. */
  readonly deadline: number;
  /** The party's discount factor δ in (0, 1] (1: none): an agreement at time t is worth u·δ^t to it. */
  readonly discount: number;
  /** Uniform numbers in [0, 1), drawn from the negotiation's seeded generator: the only randomness a strategy may use. */
  readonly random: () => number;
  /** The options of an outcome number (one index per issue), for strategies that look at issues. */
  readonly decode: (outcome: number, into?: number[]) => number[];
  /** Options per issue. */
  readonly optionCounts: readonly number[];
}

/**
 * What a strategy estimates of another party's preferences, for the tournament's model
 * error (see `frequencyModel`): normalised issue weights and option values in [0, 1].
 */
export interface OpponentEstimate {
  /** Estimated issue weights, summing to 1. */
  readonly weights: ArrayLike<number>;
  /** `values[issue][option]`: estimated option values in [0, 1], the best option of each issue at 1. */
  readonly values: readonly ArrayLike<number>[];
}

/**
 * One party's negotiator for one negotiation: what the protocol asks of it. Every call
 * gives the round and the time `round / deadline` in [0, 1].
 */
export interface Negotiator {
  /** Its offer when it is its turn: an outcome number (`space.ranked(rank)`), or null to pass. */
  propose(round: number, time: number): number | null;
  /** Whether it accepts `outcome`, just offered by party `by`; it sees every offer of the others here. */
  respond(outcome: number, by: number, round: number, time: number): boolean;
  /** Its estimate of party `party`'s preferences, when it models its opponents. */
  estimate?(party: number): OpponentEstimate | null;
}

/**
 * A strategy for alternating offers: a plain function that, given the party's
 * {@link OfferSession}, returns its {@link Negotiator} for one negotiation (keeping whatever
 * state it needs in the closure). Write your own the same way; it must be deterministic
 * given the session (randomness only from `session.random`).
 *
 * @example
 * ```ts
 * // Offers its best outcome until half time, then accepts anything above its reservation value.
 * const patient: OfferStrategy = ({ space }) => ({
 *   propose: () => space.ranked(0),
 *   respond: (outcome, _by, _round, time) => space.utility(outcome) >= (time < 0.5 ? space.best : space.reservation),
 * });
 * ```
 */
export type OfferStrategy = (session: OfferSession) => Negotiator;
