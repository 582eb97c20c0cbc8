import { initialTransition, transition } from 'xstate';
import type { Scenario } from '../scenario/scenario.js';
import type { PlanSpec } from '../model/specs.js';
import { createTalksMachine } from '../talks/talks-machine.js';
import type { TalksEvent, TalksSetup } from '../talks/talks-types.js';
import { plainCopy } from './internal.js';
import { finalStaysFinal, talksInvariants, type TalksSnapshot } from './invariants.js';

/** One step of a {@link foldTalks} run. */
export interface TalksStep {
  readonly event: TalksEvent;
  /** Whether the machine took the event (`snapshot.can(event)` before it). */
  readonly accepted: boolean;
  /** The snapshot after the event. */
  readonly state: TalksSnapshot;
}

/** The result of {@link foldTalks}. */
export interface TalksFold {
  readonly steps: TalksStep[];
  /** Every invariant broken along the way, as sentences naming the step (empty when all held). */
  readonly violations: string[];
}

/** Options of {@link foldTalks}. */
export interface FoldTalksOptions {
  /**
   * Start the talks with the scenario's first plan when `events` does not begin with a
   * START (default true). Set false to send the events exactly as given.
   */
  readonly autoStart?: boolean;
  /** The date of the automatic START (default `2025-12-01`). */
  readonly date?: string;
}

/**
 * Runs `events` through the talks machine of `scenario` with xstate's pure `transition`
 * (no actor, no timers), starting the talks first with the scenario's first plan unless the
 * first event is a START. After every step it checks {@link talksInvariants}, that finished
 * talks stay finished ({@link finalStaysFinal}) and that a refused event changes nothing.
 * The violations are sentences naming the step and the event.
 *
 * @example
 * ```ts
 * import { loadScenario, loadTalks } from '@parley/core/node';
 * import { foldTalks } from '@parley/core/testing';
 *
 * const scenario = await loadScenario('seeds/ukraine-2025');
 * const { setup } = await loadTalks('seeds/ukraine-2025', scenario);
 * const { steps, violations } = foldTalks(scenario, setup, [
 *   { type: 'PRESENT', party: 'ukraine', date: '2025-11-21' },
 *   { type: 'END', reason: 'Adjourned.', date: '2025-11-22' },
 * ]);
 * steps.map((step) => String(step.state.value)); // ['inSession', 'inSession', 'adjourned']
 * violations; // []
 * ```
 */
export function foldTalks(scenario: Scenario, setup: TalksSetup, events: readonly TalksEvent[], options: FoldTalksOptions = {}): TalksFold {
  const { autoStart = true, date = '2025-12-01' } = options;
  const machine = createTalksMachine(scenario, setup);
  let [snapshot] = initialTransition(machine);
  const first = scenario.plans[0];
  const all: TalksEvent[] =
    autoStart && events[0]?.type !== 'START' && first !== undefined ? [{ type: 'START', text: plainCopy(first) as PlanSpec, date }, ...events] : [...events];
  const steps: TalksStep[] = [];
  const violations: string[] = talksInvariants(scenario, snapshot).map((violation) => `Initially: ${violation}`);
  all.forEach((event, index) => {
    const previous = snapshot;
    const accepted = previous.can(event);
    [snapshot] = transition(machine, previous, event);
    steps.push({ event, accepted, state: snapshot });
    const where = `After step ${index + 1} (${describeEvent(event)}): `;
    const found = [...finalStaysFinal(previous, event, snapshot), ...talksInvariants(scenario, snapshot)];
    if (!accepted && (String(snapshot.value) !== String(previous.value) || JSON.stringify(snapshot.context) !== JSON.stringify(previous.context))) {
      found.push(`the machine refused ${event.type} but its state changed.`);
    }
    violations.push(...found.map((violation) => where + violation));
  });
  return { steps, violations };
}

function describeEvent(event: TalksEvent): string {
  switch (event.type) {
    case 'PRESENT':
    case 'WALK_OUT':
    case 'NEGOTIATOR_CHANGE':
      return `${event.type} ${event.party}`;
    case 'START':
    case 'COUNTER_PROPOSAL':
      return `${event.type} ${event.type === 'START' ? event.text.id : event.plan.id}`;
    case 'REVISE':
      return `REVISE ${event.revision.id}`;
    default:
      return event.type;
  }
}
