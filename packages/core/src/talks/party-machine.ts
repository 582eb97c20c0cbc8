import { assign, setup } from 'xstate';
import type { SubState } from './talks-types.js';

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

type PartyState = 'engaged' | 'considering' | 'accepting' | 'objecting' | 'walkedOut';

/**
 * A party's protocol as a table: in each state, where each event leads. `ACCEPT` is taken
 * only when the guard allows it ({@link mayAccept}); `PROPOSAL` records the text's basis.
 * The statechart ({@link partyMachine}) and the talks' reducer ({@link stepParty}) are both
 * built from this one table, so they cannot disagree.
 */
const partyTransitions: Readonly<Record<PartyState, Partial<Record<PartyMachineEvent['type'], PartyState>>>> = {
  engaged: { PROPOSAL: 'considering', WALK_OUT: 'walkedOut' },
  considering: { ACCEPT: 'accepting', OBJECT: 'objecting', WALK_OUT: 'walkedOut', NEW_TEXT: 'engaged' },
  accepting: { PROPOSAL: 'considering', WALK_OUT: 'walkedOut', NEW_TEXT: 'engaged' },
  objecting: { PROPOSAL: 'considering', WALK_OUT: 'walkedOut', NEW_TEXT: 'engaged' },
  walkedOut: {},
};

/** Accepting is possible only for a text that keeps every red line and leaves nothing needed open. */
function mayAccept(context: PartyMachineContext): boolean {
  return context.basis !== null && !context.basis.crossesRedLine && context.basis.blocking.length === 0;
}

/** What a proposal does to the party's context: the basis it answers, and the count of texts in a row that crossed its red lines. */
function takeProposal(context: PartyMachineContext, basis: ResponseBasis): PartyMachineContext {
  return { party: context.party, basis, crossings: basis.crossesRedLine ? context.crossings + 1 : 0 };
}

/**
 * One event through a party's protocol, as plain data: the party's next state, or the same
 * object when the event is not taken. The talks' reducer steps parties with it; the
 * {@link partyMachine} statechart is built from the same table.
 *
 * @example
 * ```ts
 * const party = { value: 'engaged', context: { party: 'ukraine', basis: null, crossings: 0 } };
 * stepParty(party, { type: 'ACCEPT' }) === party; // true: nothing to accept yet
 * ```
 */
export function stepParty(state: SubState<PartyMachineContext>, event: PartyMachineEvent): SubState<PartyMachineContext> {
  const target = partyTransitions[state.value as PartyState]?.[event.type];
  if (target === undefined) return state;
  if (event.type === 'ACCEPT' && !mayAccept(state.context)) return state;
  return { value: target, context: event.type === 'PROPOSAL' ? takeProposal(state.context, event.basis) : state.context };
}

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
    mayAccept: ({ context }) => mayAccept(context),
  },
  actions: {
    takeProposal: assign(({ context, event }) => (event.type === 'PROPOSAL' ? takeProposal(context, event.basis) : {})),
  },
}).createMachine({
  id: 'party',
  context: ({ input }) => ({ party: input.party, basis: null, crossings: 0 }),
  initial: 'engaged',
  states: Object.fromEntries(
    Object.entries(partyTransitions).map(([state, on]) => [
      state,
      Object.keys(on).length === 0
        ? { type: 'final' as const }
        : {
            on: Object.fromEntries(
              Object.entries(on).map(([type, target]) => [
                type,
                type === 'ACCEPT' ? { guard: 'mayAccept' as const, target } : type === 'PROPOSAL' ? { target, actions: 'takeProposal' as const } : { target },
              ]),
            ),
          },
    ]),
  ),
});
