import { bestUtility } from '../model/best-utility.js';
import { ownValue } from '../model/own-key.js';
import { compiledParty } from '../model/party.js';
import { bareText } from '../model/plan-text.js';
import { verdictAt, viewOf } from '../model/text-view.js';
import { bestOffer } from '../analysis/least-margin.js';
import { choicesOf } from '../model/outcome.js';
import type { Scenario } from '../scenario/scenario.js';
import { initialOffers, reduceOffers, type AlternatingOffersEvent } from './alternating-offers.js';
import type { PartyStrategyName, StrategyInput } from './strategies.js';
import { timeDependentTarget } from '../negotiation/time-dependent.js';

const exponents = { boulware: 0.2, linear: 1, conceder: 2 } as const;

/**
 * A party's threshold in alternating offers, in the standard form (see
 * `timeDependentTarget`): the time-dependent ones open at the party's best and reach its
 * reservation value at the deadline; the hard-liner stays at its best; tit-for-tat starts at
 * its best and concedes as much as the last offer moved towards it, never below its
 * reservation value. (The mediated talks keep `partyThreshold`, whose opening ambition suits
 * a text the mediator revises.)
 */
function offerThreshold(strategy: PartyStrategyName, input: StrategyInput): number {
  const { reservation, best } = input;
  const top = Math.max(best, reservation);
  switch (strategy) {
    case 'hardliner':
      return top;
    case 'tit-for-tat':
      return Math.max(reservation, Math.min(top, input.previousThreshold - Math.max(0, input.improvement)));
    default:
      return timeDependentTarget(exponents[strategy], input.time, { best: top, reservation, worst: reservation });
  }
}

/** Options of {@link runAlternatingOffers}. */
export interface AlternatingOffersOptions {
  /** The parties at the table, in turn order (default: every party of the scenario). */
  readonly parties?: readonly string[];
  /** Each party's strategy (default `linear`). */
  readonly strategies?: Readonly<Record<string, PartyStrategyName>>;
  /** The last round in which an offer may be made. */
  readonly deadline: number;
}

/** One round: who offered what, what it is worth to each party, and the answers. */
export interface OfferRound {
  readonly round: number;
  readonly proposer: string;
  /** The offer as `{ issue: option }`, or null when the proposer could find none within its red lines. */
  readonly offer: Readonly<Record<string, string>> | null;
  readonly utilities: Readonly<Record<string, number>>;
  readonly thresholds: Readonly<Record<string, number>>;
  readonly responses: Readonly<Record<string, 'accept' | 'reject'>>;
}

/** The record of an alternating-offers run. */
export interface AlternatingOffersTranscript {
  readonly scenario: string;
  readonly protocol: 'alternating-offers';
  readonly rounds: readonly OfferRound[];
  readonly final: { readonly status: 'agreed' | 'expired' | 'broken-off'; readonly round: number; readonly agreement: Readonly<Record<string, string>> | null };
}

/**
 * Runs alternating offers to the deadline, deterministically: in turn, each party offers
 * the outcome that leaves the others best placed among those that keep its own red lines
 * and give it at least its current threshold (its strategy moves the threshold from its
 * opening demand towards its reservation value); every other party accepts when the offer
 * keeps its red lines and meets its own threshold.
 *
 * @example
 * ```ts
 * const run = runAlternatingOffers(scenario, { deadline: 20, strategies: { russia: 'boulware' } });
 * run.final.status; // 'expired' for the Ukraine 2025 seeds: no outcome keeps every red line
 * ```
 */
export function runAlternatingOffers(scenario: Scenario, options: AlternatingOffersOptions): AlternatingOffersTranscript {
  const order = options.parties ?? scenario.parties.map((party) => party.id);
  const parties = order.map((id) => scenario.parties.find((party) => party.id === id)!);
  const compiled = parties.map(compiledParty);
  const best = compiled.map(bestUtility);
  const strategyOf = (p: number): PartyStrategyName => (options.strategies === undefined ? undefined : ownValue(options.strategies, parties[p]!.id)) ?? 'linear';
  const thresholds = parties.map((_, p) => Math.max(best[p]!, parties[p]!.reservationValue));
  const lastOfferUtility: (number | null)[] = parties.map(() => null);
  const rounds: OfferRound[] = [];
  let state = initialOffers(order, options.deadline);
  const send = (event: AlternatingOffersEvent) => {
    state = reduceOffers(state, event);
  };

  while (state.phase === 'bargaining') {
    const round = state.round;
    const time = Math.min(1, round / Math.max(1, options.deadline));
    const proposer = round % parties.length;
    const offerUtility = (p: number, utility: number) => {
      const improvement = lastOfferUtility[p] === null ? 0 : utility - lastOfferUtility[p]!;
      lastOfferUtility[p] = utility;
      return improvement;
    };
    thresholds[proposer] = offerThreshold(strategyOf(proposer), { time, reservation: parties[proposer]!.reservationValue, best: best[proposer]!, previousThreshold: thresholds[proposer]!, improvement: 0 });
    const offer = bestOffer(parties, proposer, thresholds[proposer]!, thresholds, { budget: 2_000_000 });
    if (offer === null) {
      rounds.push({ round, proposer: parties[proposer]!.id, offer: null, utilities: {}, thresholds: Object.fromEntries(parties.map((party, p) => [party.id, thresholds[p]!])), responses: {} });
      send({ type: 'PASS', party: parties[proposer]!.id });
      continue;
    }
    send({ type: 'OFFER', party: parties[proposer]!.id, outcome: Array.from(offer.outcome), keepsRedLines: true });
    const responses: Record<string, 'accept' | 'reject'> = {};
    const utilities: Record<string, number> = { [parties[proposer]!.id]: offer.utilities[proposer]! };
    const text = bareText(offer.outcome);
    parties.forEach((party, q) => {
      if (q === proposer) return;
      const utility = offer.utilities[q]!;
      thresholds[q] = offerThreshold(strategyOf(q), { time, reservation: party.reservationValue, best: best[q]!, previousThreshold: thresholds[q]!, improvement: offerUtility(q, utility) });
      const view = viewOf(compiled[q]!, text);
      const accept = verdictAt(view, thresholds[q]!).accepts;
      responses[party.id] = accept ? 'accept' : 'reject';
      utilities[party.id] = utility;
      send({ type: 'RESPOND', party: party.id, accept, keepsRedLines: view.violations.length === 0 });
    });
    rounds.push({ round, proposer: parties[proposer]!.id, offer: choicesOf(scenario.domain, offer.outcome), utilities, thresholds: Object.fromEntries(parties.map((party, p) => [party.id, thresholds[p]!])), responses });
  }
  const agreed = state.phase === 'agreed';
  return {
    scenario: scenario.id,
    protocol: 'alternating-offers',
    rounds,
    final: {
      status: agreed ? 'agreed' : state.phase === 'brokenOff' ? 'broken-off' : 'expired',
      round: state.round,
      agreement: agreed && state.offer !== null ? choicesOf(scenario.domain, Uint8Array.from(state.offer.outcome)) : null,
    },
  };
}
