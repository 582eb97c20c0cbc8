import { assign, setup } from 'xstate';
import { initialOffers, offersTake, reduceOffers, type AlternatingOffersContext, type AlternatingOffersEvent, type OffersPhase } from './alternating-offers.js';

const eventTypes: readonly AlternatingOffersEvent['type'][] = ['OFFER', 'RESPOND', 'PASS', 'WALK_OUT', 'DEADLINE'];

/**
 * Alternating offers as an xstate statechart, for interactive use, inspection and graph
 * coverage: the protocol's reducer (`reduceOffers`) and nothing else. Every event is guarded
 * by `offersTake` and applied by `reduceOffers` in an action; the statechart moves to the
 * state named by the reducer's phase (`bargaining` → `agreed` | `expired` | `brokenOff`).
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
    takes: ({ context, event }) => offersTake(context, event),
    inPhase: ({ context }, params: { phase: OffersPhase }) => context.phase === params.phase,
  },
  actions: {
    step: assign(({ context, event }) => reduceOffers(context, event)),
  },
}).createMachine({
  id: 'alternatingOffers',
  context: ({ input }) => initialOffers(input.order, input.deadline),
  initial: 'bargaining',
  states: {
    bargaining: {
      always: (['agreed', 'expired', 'brokenOff'] as const).map((phase) => ({ guard: { type: 'inPhase' as const, params: { phase } }, target: phase })),
      on: Object.fromEntries(eventTypes.map((type) => [type, { guard: 'takes' as const, actions: 'step' as const }])),
    },
    agreed: { type: 'final' },
    expired: { type: 'final' },
    brokenOff: { type: 'final' },
  },
});
