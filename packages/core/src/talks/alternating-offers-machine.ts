import { assign, setup } from 'xstate';

/** What each party said to the offer on the table. */
export type OfferResponses = Readonly<Record<string, 'accept' | 'reject'>>;

/** The context of an alternating-offers negotiation: plain data, JSON-serialisable. */
export interface AlternatingOffersContext {
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

const proposerOf = (context: AlternatingOffersContext) => context.order[context.round % context.order.length]!;
const everyoneElseAccepted = (context: AlternatingOffersContext) =>
  context.offer !== null && context.order.every((party) => party === context.offer!.by || context.responses[party] === 'accept');
const everyoneAnswered = (context: AlternatingOffersContext) =>
  context.offer !== null && context.order.every((party) => party === context.offer!.by || context.responses[party] !== undefined);

/**
 * Alternating offers among two or more parties with a deadline (the stacked alternating
 * offers protocol): the parties take turns to put an outcome on the table; every other party
 * accepts or rejects it; the talks end `agreed` when all accept, `expired` after the deadline
 * round, or `brokenOff` when a party walks out. Guards keep it honest: only the party whose
 * turn it is may offer, nobody offers or accepts an outcome across its own red lines, and each
 * party answers an offer once.
 *
 * @example
 * ```ts
 * import { createActor } from 'xstate';
 * const actor = createActor(alternatingOffersMachine, { input: { order: ['a', 'b'], deadline: 10 } }).start();
 * actor.send({ type: 'OFFER', party: 'a', outcome: [0, 2], keepsRedLines: true });
 * actor.send({ type: 'RESPOND', party: 'b', accept: true, keepsRedLines: true });
 * actor.getSnapshot().value; // 'agreed'
 * ```
 */
export const alternatingOffersMachine = setup({
  types: {} as { context: AlternatingOffersContext; events: AlternatingOffersEvent; input: { order: readonly string[]; deadline: number } },
  guards: {
    isProposersTurn: ({ context, event }) => event.type === 'OFFER' && context.offer === null && proposerOf(context) === event.party && event.keepsRedLines,
    mayPass: ({ context, event }) => event.type === 'PASS' && context.offer === null && proposerOf(context) === event.party,
    mayRespond: ({ context, event }) =>
      event.type === 'RESPOND' &&
      context.offer !== null &&
      event.party !== context.offer.by &&
      context.order.includes(event.party) &&
      context.responses[event.party] === undefined &&
      (!event.accept || event.keepsRedLines),
    allAccepted: ({ context }) => everyoneElseAccepted(context),
    allAnswered: ({ context }) => everyoneAnswered(context),
    pastDeadline: ({ context }) => context.round > context.deadline,
    knownParty: ({ context, event }) => event.type === 'WALK_OUT' && context.order.includes(event.party),
  },
  actions: {
    putOffer: assign(({ event }) => (event.type === 'OFFER' ? { offer: { by: event.party, outcome: [...event.outcome] }, responses: {} } : {})),
    recordResponse: assign(({ context, event }) => (event.type === 'RESPOND' ? { responses: { ...context.responses, [event.party]: event.accept ? 'accept' : 'reject' } } : {})),
    nextRound: assign(({ context }) => ({ round: context.round + 1, offer: null, responses: {} })),
    recordWalkOut: assign(({ context, event }) => (event.type === 'WALK_OUT' ? { walkedOut: [...context.walkedOut, event.party] } : {})),
  },
}).createMachine({
  id: 'alternatingOffers',
  context: ({ input }) => ({ order: input.order, round: 0, deadline: input.deadline, offer: null, responses: {}, walkedOut: [] }),
  initial: 'bargaining',
  on: {
    WALK_OUT: { guard: 'knownParty', actions: 'recordWalkOut', target: '.brokenOff' },
    DEADLINE: '.expired',
  },
  states: {
    bargaining: {
      always: [
        { guard: 'allAccepted', target: 'agreed' },
        { guard: 'allAnswered', actions: 'nextRound' },
        { guard: 'pastDeadline', target: 'expired' },
      ],
      on: {
        OFFER: { guard: 'isProposersTurn', actions: 'putOffer' },
        RESPOND: { guard: 'mayRespond', actions: 'recordResponse' },
        PASS: { guard: 'mayPass', actions: 'nextRound' },
      },
    },
    agreed: { type: 'final' },
    expired: { type: 'final' },
    brokenOff: { type: 'final' },
  },
});
