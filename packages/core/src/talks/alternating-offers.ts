/** What each party said to the offer on the table. */
export type OfferResponses = Readonly<Record<string, 'accept' | 'reject'>>;

/** Where an alternating-offers negotiation is. */
export type OffersPhase = 'bargaining' | 'agreed' | 'expired' | 'brokenOff';

/** The state of an alternating-offers negotiation (the reducer's state and the machine's context): plain data, JSON-serialisable. */
export interface AlternatingOffersContext {
  readonly phase: OffersPhase;
  /** The parties, in the order they take turns to propose. */
  readonly order: readonly string[];
  /** The round: it grows by one each time an offer is answered without agreement. */
  readonly round: number;
  /** The last round in which an offer may be made. */
  readonly deadline: number;
  /** The offer on the table: who made it and the outcome (one option index per issue). */
  readonly offer: { readonly by: string; readonly outcome: readonly number[] } | null;
  readonly responses: OfferResponses;
  /** Parties that walked out. */
  readonly walkedOut: readonly string[];
}

/** The events of alternating offers. `keepsRedLines` is what the party's own red lines say of the outcome. */
export type AlternatingOffersEvent =
  | { readonly type: 'OFFER'; readonly party: string; readonly outcome: readonly number[]; readonly keepsRedLines: boolean }
  | { readonly type: 'RESPOND'; readonly party: string; readonly accept: boolean; readonly keepsRedLines: boolean }
  /** The proposer has no offer within its red lines that meets its own demand: the turn moves on. */
  | { readonly type: 'PASS'; readonly party: string }
  | { readonly type: 'WALK_OUT'; readonly party: string }
  | { readonly type: 'DEADLINE' };

/** The party whose turn it is to propose. */
export function proposerOf(state: AlternatingOffersContext): string {
  return state.order[state.round % state.order.length]!;
}

/**
 * The negotiation before the first offer (already expired when the deadline is below 0).
 *
 * @example
 * ```ts
 * initialOffers(['a', 'b'], 10).phase; // 'bargaining'
 * ```
 */
export function initialOffers(order: readonly string[], deadline: number): AlternatingOffersContext {
  return settleOffers({ phase: 'bargaining', order, round: 0, deadline, offer: null, responses: {}, walkedOut: [] });
}

/**
 * Whether the protocol takes `event` now: only the party whose turn it is may offer or
 * pass, nobody offers or accepts an outcome across its own red lines, each party answers an
 * offer once, and nothing is taken once the negotiation has ended.
 *
 * @example
 * ```ts
 * offersTake(initialOffers(['a', 'b'], 10), { type: 'OFFER', party: 'b', outcome: [0], keepsRedLines: true }); // false: a's turn
 * ```
 */
export function offersTake(state: AlternatingOffersContext, event: AlternatingOffersEvent): boolean {
  if (state.phase !== 'bargaining') return false;
  switch (event.type) {
    case 'OFFER':
      return state.offer === null && proposerOf(state) === event.party && event.keepsRedLines;
    case 'PASS':
      return state.offer === null && proposerOf(state) === event.party;
    case 'RESPOND':
      return state.offer !== null && event.party !== state.offer.by && state.order.includes(event.party) && !Object.hasOwn(state.responses, event.party) && (!event.accept || event.keepsRedLines);
    case 'WALK_OUT':
      return state.order.includes(event.party);
    case 'DEADLINE':
      return true;
    default:
      return false;
  }
}

/**
 * Alternating offers among two or more parties with a deadline (the stacked alternating
 * offers protocol) as one pure reducer: the parties take turns to put an outcome on the
 * table; every other party accepts or rejects it; the negotiation ends `agreed` when all
 * accept, `expired` after the deadline round, or `brokenOff` when a party walks out. An
 * event the protocol does not take ({@link offersTake}) changes nothing. The decisions — what
 * to offer, whether to accept — are the caller's (`runAlternatingOffers` makes them with the
 * parties' strategies); the statechart `alternatingOffersMachine` calls this reducer.
 *
 * @example
 * ```ts
 * let state = initialOffers(['a', 'b'], 10);
 * state = reduceOffers(state, { type: 'OFFER', party: 'a', outcome: [0, 2], keepsRedLines: true });
 * state = reduceOffers(state, { type: 'RESPOND', party: 'b', accept: true, keepsRedLines: true });
 * state.phase; // 'agreed'
 * ```
 */
export function reduceOffers(state: AlternatingOffersContext, event: AlternatingOffersEvent): AlternatingOffersContext {
  if (!offersTake(state, event)) return state;
  switch (event.type) {
    case 'OFFER':
      return settleOffers({ ...state, offer: { by: event.party, outcome: [...event.outcome] }, responses: {} });
    case 'RESPOND':
      return settleOffers({ ...state, responses: { ...state.responses, [event.party]: event.accept ? 'accept' : 'reject' } });
    case 'PASS':
      return settleOffers(nextRound(state));
    case 'WALK_OUT':
      return { ...state, phase: 'brokenOff', walkedOut: [...state.walkedOut, event.party] };
    case 'DEADLINE':
      return { ...state, phase: 'expired' };
  }
}

function nextRound(state: AlternatingOffersContext): AlternatingOffersContext {
  return { ...state, round: state.round + 1, offer: null, responses: {} };
}

/** What follows from the state itself: agreement once all others accepted, the next round once all answered, expiry past the deadline. */
function settleOffers(state: AlternatingOffersContext): AlternatingOffersContext {
  let current = state;
  for (;;) {
    if (current.phase !== 'bargaining') return current;
    const { offer } = current;
    if (offer !== null && current.order.every((party) => party === offer.by || current.responses[party] === 'accept')) return { ...current, phase: 'agreed' };
    if (offer !== null && current.order.every((party) => party === offer.by || Object.hasOwn(current.responses, party))) {
      current = nextRound(current);
      continue;
    }
    if (current.round > current.deadline) return { ...current, phase: 'expired' };
    return current;
  }
}
