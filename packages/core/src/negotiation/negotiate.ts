import { xoroshiro128plus } from 'pure-rand';
import { ParleyError } from '../model/errors.js';
import { initialOffers, reduceOffers, type AlternatingOffersContext } from '../talks/alternating-offers.js';
import type { Negotiator, OfferSession, OfferStrategy } from './offer-strategy.js';
import type { OfferTable } from './offer-table.js';

/** Options of {@link negotiate}. */
export interface NegotiateOptions {
  /** The last round in which an offer may be made (time runs `round / deadline`). */
  readonly deadline: number;
  /**
   * Each party's discount factor δ (GENIUS's `discount_factor`), in turn order. When given,
   * an agreement at time t is worth `u·δ^t` and no agreement `r·δ^t` at the time the talks
   * ended (t = 1 when they expired), as GENIUS scores discounted domains. Default: none.
   */
  readonly discountFactors?: readonly number[];
  /** Uniform numbers in [0, 1) for the strategies (a seeded generator): see `seededUniform`. */
  readonly random: () => number;
  /** Keep every offer (round, proposer, outcome number) in the result. Default false. */
  readonly trace?: boolean;
}

/** How one negotiation ended. */
export interface NegotiationResult {
  readonly status: 'agreed' | 'expired' | 'broken-off';
  /** The outcome number agreed on, or null. */
  readonly agreement: number | null;
  /** The round the talks ended in (the agreement's round when agreed). */
  readonly round: number;
  /** Normalised time the talks ended at, in [0, 1]. */
  readonly time: number;
  /** Each party's utility (its reservation value without agreement), discounted when asked for. */
  readonly utilities: readonly number[];
  /** The same, undiscounted: where the talks landed in utility space. */
  readonly undiscounted: readonly number[];
  /** The negotiators, for their opponent estimates. */
  readonly negotiators: readonly Negotiator[];
  /** Every offer, when `trace` was asked for. */
  readonly offers?: readonly { readonly round: number; readonly by: number; readonly outcome: number }[];
}

/**
 * Runs one alternating-offers negotiation between strategies on an {@link OfferTable}, on
 * the protocol's reducer (`reduceOffers`, the one the statechart calls): in turn, each party
 * proposes; every other party answers; all accept ⇒ agreed; the talks expire after the
 * deadline round. An offer or acceptance that crosses the party's own red lines is not taken
 * by the protocol: the offer then counts as a pass and the acceptance as a rejection.
 *
 * @throws ParleyError `INVALID_TOURNAMENT` when the strategies are not one per party or the deadline is not a whole number ≥ 0.
 *
 * @example
 * ```ts
 * const table = offerTable([consumer, distributor]);
 * const result = negotiate(table, [boulware, conceder], { deadline: 100, random: seededUniform(1) });
 * result.status; // 'agreed'
 * ```
 */
export function negotiate(table: OfferTable, strategies: readonly OfferStrategy[], options: NegotiateOptions): NegotiationResult {
  const { ids, spaces } = table;
  const n = ids.length;
  const deadline = options.deadline;
  if (strategies.length !== n) throw new ParleyError('INVALID_TOURNAMENT', `${n} parties sit at the table (${ids.join(', ')}) but ${strategies.length} strategies were given: give one per party, in turn order`);
  if (!(Number.isSafeInteger(deadline) && deadline >= 0)) throw new ParleyError('INVALID_TOURNAMENT', `the deadline must be a whole number of rounds ≥ 0, not ${deadline}`);
  const negotiators = strategies.map((strategy, party) => {
    const session: OfferSession = {
      party,
      parties: n,
      space: spaces[party]!,
      deadline,
      discount: options.discountFactors?.[party] ?? 1,
      random: options.random,
      decode: table.decode,
      optionCounts: table.optionCounts,
    };
    return strategy(session);
  });
  const offers: { round: number; by: number; outcome: number }[] | undefined = options.trace === true ? [] : undefined;
  const timeOf = (round: number): number => (deadline <= 0 ? 1 : Math.min(1, round / deadline));
  let state: AlternatingOffersContext = initialOffers(ids, deadline);
  let agreement: number | null = null;
  while (state.phase === 'bargaining') {
    const round = state.round;
    const time = timeOf(round);
    const proposer = round % n;
    const offer = negotiators[proposer]!.propose(round, time);
    if (offer !== null) state = reduceOffers(state, { type: 'OFFER', party: ids[proposer]!, outcome: table.decode(offer), keepsRedLines: spaces[proposer]!.keeps(offer) });
    if (offer === null || state.offer === null) {
      state = reduceOffers(state, { type: 'PASS', party: ids[proposer]! });
      continue;
    }
    offers?.push({ round, by: proposer, outcome: offer });
    for (let q = 0; q < n && state.phase === 'bargaining' && state.round === round; q++) {
      if (q === proposer) continue;
      const keeps = spaces[q]!.keeps(offer);
      const accept = negotiators[q]!.respond(offer, proposer, round, time) && keeps;
      state = reduceOffers(state, { type: 'RESPOND', party: ids[q]!, accept, keepsRedLines: keeps });
    }
    if (state.phase === 'agreed') agreement = offer;
  }
  const endRound = state.round;
  const time = state.phase === 'expired' ? 1 : timeOf(endRound);
  const undiscounted = spaces.map((space) => (agreement === null ? space.reservation : space.utility(agreement)));
  const utilities = undiscounted.map((utility, p) => {
    const delta = options.discountFactors?.[p] ?? 1;
    return delta === 1 ? utility : utility * delta ** time;
  });
  return {
    status: state.phase === 'agreed' ? 'agreed' : state.phase === 'brokenOff' ? 'broken-off' : 'expired',
    agreement,
    round: Math.min(endRound, deadline),
    time,
    utilities,
    undiscounted,
    negotiators,
    ...(offers === undefined ? {} : { offers }),
  };
}

/**
 * Uniform numbers in [0, 1) from a pure-rand xoroshiro128+ generator seeded with `seed`:
 * the randomness {@link negotiate} hands to strategies.
 *
 * @example
 * ```ts
 * const random = seededUniform(7);
 * random(); // the same number for seed 7, every time
 * ```
 */
export function seededUniform(seed: number): () => number {
  const generator = xoroshiro128plus(seed | 0);
  return () => (generator.unsafeNext() >>> 0) / 4294967296;
}
