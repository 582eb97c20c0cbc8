import { assign, setup } from 'xstate';

/** What a party's machine needs to know about the text in front of it. */
export interface ResponseBasis {
  /** The version of the text assessed. */
  readonly version: string;
  /** Whether the text crosses one of the party's red lines. */
  readonly crossesRedLine: boolean;
  /** Open issues the party needs settled before it can accept. */
  readonly blocking: readonly string[];
  readonly utility: number;
  /** The party's threshold at this moment (its reservation value as its strategy has moved it). */
  readonly threshold: number;
}

/** The context of a party's machine: plain data, JSON-serialisable. */
export interface PartyMachineContext {
  readonly party: string;
  /** The last text presented, as the party assessed it. */
  readonly basis: ResponseBasis | null;
  /** How many texts in a row crossed one of its red lines. */
  readonly crossings: number;
}

/** The events a party's machine understands. */
export type PartyMachineEvent =
  | { readonly type: 'PROPOSAL'; readonly basis: ResponseBasis }
  | { readonly type: 'ACCEPT' }
  | { readonly type: 'OBJECT'; readonly reason: string }
  | { readonly type: 'WALK_OUT'; readonly reason: string }
  /** The text was revised: any acceptance or objection was about a version that is gone. */
  | { readonly type: 'NEW_TEXT' };

/**
 * A party at the table: `engaged` until a text is put to it, then `considering` it, then
 * `accepting` or `objecting`, until the next text is put to it or the text is revised
 * (`NEW_TEXT`: back to `engaged`, since its answer was about a version that is gone); or
 * `walkedOut`, for good.
 *
 * Its one hard rule is a guard: a party cannot accept a text that crosses one of its own red
 * lines, or that leaves open an issue it needs settled. An `ACCEPT` then is simply not taken.
 *
 * @example
 * ```ts
 * import { createActor } from 'xstate';
 * const actor = createActor(partyMachine, { input: { party: 'ukraine' } }).start();
 * actor.send({ type: 'PROPOSAL', basis: { version: 'us-28', crossesRedLine: true, blocking: [], utility: 0.28, threshold: 0.4 } });
 * actor.send({ type: 'ACCEPT' });
 * actor.getSnapshot().value; // 'considering': the ACCEPT was refused by the guard
 * ```
 */
export const partyMachine = setup({
  types: {} as { context: PartyMachineContext; events: PartyMachineEvent; input: { party: string } },
  guards: {
    /** Accepting is possible only for a text that keeps every red line and leaves nothing needed open. */
    mayAccept: ({ context }) => context.basis !== null && !context.basis.crossesRedLine && context.basis.blocking.length === 0,
  },
  actions: {
    takeProposal: assign(({ context, event }) => {
      if (event.type !== 'PROPOSAL') return {};
      return { basis: event.basis, crossings: event.basis.crossesRedLine ? context.crossings + 1 : 0 };
    }),
  },
}).createMachine({
  id: 'party',
  context: ({ input }) => ({ party: input.party, basis: null, crossings: 0 }),
  initial: 'engaged',
  states: {
    engaged: {
      on: { PROPOSAL: { target: 'considering', actions: 'takeProposal' }, WALK_OUT: 'walkedOut' },
    },
    considering: {
      on: {
        ACCEPT: { guard: 'mayAccept', target: 'accepting' },
        OBJECT: 'objecting',
        WALK_OUT: 'walkedOut',
        NEW_TEXT: 'engaged',
      },
    },
    accepting: {
      on: { PROPOSAL: { target: 'considering', actions: 'takeProposal' }, WALK_OUT: 'walkedOut', NEW_TEXT: 'engaged' },
    },
    objecting: {
      on: { PROPOSAL: { target: 'considering', actions: 'takeProposal' }, WALK_OUT: 'walkedOut', NEW_TEXT: 'engaged' },
    },
    walkedOut: { type: 'final' },
  },
});
