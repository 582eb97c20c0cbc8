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
  return settleOffers({ phase: 'bargaining', order, round: 0, deadline, offer: null, responses: NO_RESPONSES, walkedOut: [] });
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
      return settleOffers(withState(state, state.phase, state.round, { by: event.party, outcome: [...event.outcome] }, NO_RESPONSES, state.walkedOut));
    case 'RESPOND':
      return settleOffers(withState(state, state.phase, state.round, state.offer, { ...state.responses, [event.party]: event.accept ? 'accept' : 'reject' }, state.walkedOut));
    case 'PASS':
      return settleOffers(nextRound(state));
    case 'WALK_OUT':
      return withState(state, 'brokenOff', state.round, state.offer, state.responses, [...state.walkedOut, event.party]);
    case 'DEADLINE':
      return withState(state, 'expired', state.round, state.offer, state.responses, state.walkedOut);
  }
}

const NO_RESPONSES: OfferResponses = Object.freeze({});

/**
 * A state with every field written in one order, so that every state the reducer makes has
 * the same shape (the batch path makes millions; spreads of varying shapes are much slower).
 */
function withState(
  state: AlternatingOffersContext,
  phase: OffersPhase,
  round: number,
  offer: AlternatingOffersContext['offer'],
  responses: OfferResponses,
  walkedOut: readonly string[],
): AlternatingOffersContext {
  return { phase, order: state.order, round, deadline: state.deadline, offer, responses, walkedOut };
}

function nextRound(state: AlternatingOffersContext): AlternatingOffersContext {
  return withState(state, state.phase, state.round + 1, null, NO_RESPONSES, state.walkedOut);
}

/** Whether every party but the proposer `by` has answered (with `acceptedOnly`: and accepted). */
function answered(state: AlternatingOffersContext, by: string, acceptedOnly: boolean): boolean {
  const { order, responses } = state;
  for (let k = 0; k < order.length; k++) {
    const party = order[k]!;
    if (party === by) continue;
    if (acceptedOnly ? responses[party] !== 'accept' : !Object.hasOwn(responses, party)) return false;
  }
  return true;
}

/** What follows from the state itself: agreement once all others accepted, the next round once all answered, expiry past the deadline. */
function settleOffers(state: AlternatingOffersContext): AlternatingOffersContext {
  let current = state;
  for (;;) {
    if (current.phase !== 'bargaining') return current;
    const { offer } = current;
    if (offer !== null && answered(current, offer.by, true)) return withState(current, 'agreed', current.round, offer, current.responses, current.walkedOut);
    if (offer !== null && answered(current, offer.by, false)) {
      current = nextRound(current);
      continue;
    }
    if (current.round > current.deadline) return withState(current, 'expired', current.round, offer, current.responses, current.walkedOut);
    return current;
  }
}
