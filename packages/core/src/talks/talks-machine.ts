import { assign, setup } from 'xstate';
import { compiledParty } from '../model/party.js';
import type { Scenario } from '../scenario/scenario.js';
import { initialTalks, reduceTalks, talksTable, talksTakes, type TalksTableOptions } from './mediated-text.js';
import type { TalksContext, TalksEvent, TalksPhase, TalksSetup } from './talks-types.js';

const eventTypes: readonly TalksEvent['type'][] = ['START', 'PRESENT', 'REVISE', 'MEDIATE', 'COUNTER_PROPOSAL', 'BATTLEFIELD', 'NEGOTIATOR_CHANGE', 'DEADLINE', 'WALK_OUT', 'END'];

/** The statechart's state for each phase of the reducer. */
const stateOfPhase: Readonly<Record<TalksPhase, string>> = {
  idle: 'idle',
  inSession: 'inSession',
  agreed: 'agreed',
  'broken-off': 'brokenOff',
  stalled: 'stalled',
  expired: 'expired',
  adjourned: 'adjourned',
};

/**
 * The talks as an xstate statechart, for one scenario: the mediated single negotiating text
 * (the shuttle diplomacy the US ran between Geneva, Florida and Moscow), for interactive use
 * (`createActor`), inspection and graph coverage. It is the protocol's reducer
 * (`reduceTalks`) and nothing else: every event is guarded by `talksTakes` and applied by
 * `reduceTalks` in an action, and the statechart moves to the state named by the reducer's
 * phase (`idle` → `inSession` → `agreed` | `brokenOff` | `stalled` | `expired` |
 * `adjourned`). Its context is the reducer's plain, JSON-serialisable state, so snapshots
 * serialise; `runScenario` runs the same reducer without an actor.
 *
 * @example
 * ```ts
 * const machine = createTalksMachine(scenario, setup);
 * let [snapshot] = initialTransition(machine);
 * [snapshot] = transition(machine, snapshot, { type: 'START', text: us28Spec, date: '2025-11-20' });
 * [snapshot] = transition(machine, snapshot, { type: 'PRESENT', party: 'ukraine', date: '2025-11-20' });
 * snapshot.context.lastEffect; // { kind: 'response', response: { decision: 'objects', … } }
 * ```
 */
export function createTalksMachine(scenario: Scenario, talks: TalksSetup, options: TalksTableOptions = {}) {
  const table = talksTable(scenario.domain, scenario.parties.map(compiledParty), talks, options);
  const on = Object.fromEntries(eventTypes.map((type) => [type, { guard: 'takes' as const, actions: 'step' as const }]));
  const endings = (['broken-off', 'agreed', 'stalled', 'expired', 'adjourned'] as const).map((phase) => ({ guard: { type: 'inPhase' as const, params: { phase } }, target: stateOfPhase[phase] }));
  return setup({
    types: {} as { context: TalksContext; events: TalksEvent },
    guards: {
      takes: ({ context, event }) => talksTakes(table, context, event),
      inPhase: ({ context }, params: { phase: TalksPhase }) => context.phase === params.phase,
    },
    actions: {
      step: assign(({ context, event }) => reduceTalks(table, context, event).state),
    },
  }).createMachine({
    id: 'talks',
    context: initialTalks(table),
    initial: 'idle',
    states: {
      idle: { always: [{ guard: { type: 'inPhase', params: { phase: 'inSession' } }, target: 'inSession' }, ...endings], on },
      inSession: { always: endings, on },
      agreed: { type: 'final' },
      brokenOff: { type: 'final' },
      stalled: { type: 'final' },
      expired: { type: 'final' },
      adjourned: { type: 'final' },
    },
  });
}

/** The machine type for one scenario's talks. */
export type TalksMachine = ReturnType<typeof createTalksMachine>;
