import { assign, setup } from 'xstate';

/** The context of a plan's lifecycle machine: plain data, JSON-serialisable. */
export interface PlanLifecycleContext {
  /** The id of the current version of the text. */
  readonly version: string;
  /** Every version the text has had, oldest first. */
  readonly versions: readonly string[];
  /** The parties that must sign. */
  readonly signatories: readonly string[];
  /** Which version each party has accepted (absent: none, or not the current one). */
  readonly acceptances: Readonly<Record<string, string>>;
}

/** The events a plan's lifecycle machine understands. */
export type PlanLifecycleEvent =
  | { readonly type: 'CIRCULATE' }
  | { readonly type: 'AMEND'; readonly version: string }
  | { readonly type: 'PRESENT' }
  | { readonly type: 'ACCEPT'; readonly party: string; readonly version: string }
  | { readonly type: 'REJECT'; readonly party: string }
  | { readonly type: 'SUPERSEDE' }
  | { readonly type: 'SIGN' };

/** Whether every signatory has accepted the current version. */
export function everySignatoryAccepted(context: PlanLifecycleContext): boolean {
  return context.signatories.length > 0 && context.signatories.every((party) => context.acceptances[party] === context.version);
}

/**
 * One plan's life: `draft` → `circulated` → (`amended` → `circulated` …) → `presented` →
 * `accepted` | `rejected` | `superseded`, and `signed` only when every signatory has accepted
 * the same, current version (a guard: acceptances of older versions do not count, and an
 * amendment clears them).
 *
 * @example
 * ```ts
 * import { createActor } from 'xstate';
 * const actor = createActor(planLifecycleMachine, { input: { version: 'us-28', signatories: ['russia', 'ukraine'] } }).start();
 * actor.send({ type: 'CIRCULATE' });
 * actor.send({ type: 'PRESENT' });
 * actor.send({ type: 'ACCEPT', party: 'russia', version: 'us-28' });
 * actor.send({ type: 'SIGN' });
 * actor.getSnapshot().value; // 'presented': Ukraine has not accepted, so SIGN is refused
 * ```
 */
export const planLifecycleMachine = setup({
  types: {} as { context: PlanLifecycleContext; events: PlanLifecycleEvent; input: { version: string; signatories: readonly string[] } },
  guards: {
    isCurrentSignatory: ({ context, event }) => event.type === 'ACCEPT' && context.signatories.includes(event.party) && event.version === context.version,
    everyoneAccepted: ({ context }) => everySignatoryAccepted(context),
  },
  actions: {
    recordAcceptance: assign(({ context, event }) => (event.type === 'ACCEPT' ? { acceptances: { ...context.acceptances, [event.party]: event.version } } : {})),
    dropAcceptance: assign(({ context, event }) => {
      if (event.type !== 'REJECT') return {};
      const { [event.party]: _dropped, ...rest } = context.acceptances;
      return { acceptances: rest };
    }),
    newVersion: assign(({ context, event }) => (event.type === 'AMEND' ? { version: event.version, versions: [...context.versions, event.version], acceptances: {} } : {})),
  },
}).createMachine({
  id: 'planLifecycle',
  context: ({ input }) => ({ version: input.version, versions: [input.version], signatories: input.signatories, acceptances: {} }),
  initial: 'draft',
  states: {
    draft: { on: { CIRCULATE: 'circulated', AMEND: { target: 'amended', actions: 'newVersion' } } },
    circulated: { on: { PRESENT: 'presented', AMEND: { target: 'amended', actions: 'newVersion' }, SUPERSEDE: 'superseded' } },
    amended: { on: { CIRCULATE: 'circulated', PRESENT: 'presented', AMEND: { target: 'amended', actions: 'newVersion' }, SUPERSEDE: 'superseded' } },
    presented: {
      always: { guard: 'everyoneAccepted', target: 'accepted' },
      on: {
        ACCEPT: { guard: 'isCurrentSignatory', actions: 'recordAcceptance', target: 'presented', reenter: true },
        REJECT: { target: 'rejected', actions: 'dropAcceptance' },
        AMEND: { target: 'amended', actions: 'newVersion' },
        SUPERSEDE: 'superseded',
      },
    },
    accepted: {
      on: {
        SIGN: { guard: 'everyoneAccepted', target: 'signed' },
        AMEND: { target: 'amended', actions: 'newVersion' },
        SUPERSEDE: 'superseded',
      },
    },
    rejected: {
      on: {
        // Another party may withdraw its acceptance too: it must stop counting.
        REJECT: { actions: 'dropAcceptance' },
        AMEND: { target: 'amended', actions: 'newVersion' },
        ACCEPT: { guard: 'isCurrentSignatory', actions: 'recordAcceptance', target: 'presented' },
        SUPERSEDE: 'superseded',
      },
    },
    superseded: { type: 'final' },
    signed: { type: 'final' },
  },
});
