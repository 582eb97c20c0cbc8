import type { SnapshotFrom } from 'xstate';
import { assessPlan } from '../model/assess.js';
import { createPlan } from '../model/plan.js';
import type { Scenario } from '../scenario/scenario.js';
import { acceptedBy } from '../talks/mediated-text.js';
import type { TalksMachine } from '../talks/talks-machine.js';
import type { TalksEvent } from '../talks/talks-types.js';

/** A snapshot of the talks machine (`createTalksMachine`). */
export type TalksSnapshot = SnapshotFrom<TalksMachine>;

/**
 * The standard invariants of the talks, checked on one snapshot of the talks machine of
 * `scenario`. Returns one sentence per violation (empty when all hold):
 * - the context is plain data (it survives a JSON round trip);
 * - the talks are finished exactly when they have an ending;
 * - the statechart's state is the reducer's phase; a text is on the table once the talks
 *   have opened, at a version of that text;
 * - the talks are `agreed` exactly when every party accepts the current version;
 * - agreed talks leave no issue unresolved; a party that walked out broke the talks off;
 * - a party accepting accepts the current version, and the current text, re-assessed from
 *   scratch, crosses none of its red lines.
 *
 * @example
 * ```ts
 * import { createTalksMachine } from '@parley/core';
 * import { loadScenario, loadTalks } from '@parley/core/node';
 * import { talksInvariants } from '@parley/core/testing';
 * import { initialTransition, transition } from 'xstate';
 *
 * const scenario = await loadScenario('seeds/ukraine-2025');
 * const { setup } = await loadTalks('seeds/ukraine-2025', scenario);
 * const machine = createTalksMachine(scenario, setup);
 * let [snapshot] = initialTransition(machine);
 * [snapshot] = transition(machine, snapshot, { type: 'START', text: scenario.plans[0]!, date: '2025-11-20' });
 * talksInvariants(scenario, snapshot); // []
 * ```
 */
export function talksInvariants(scenario: Scenario, snapshot: TalksSnapshot): string[] {
  const violations: string[] = [];
  const { context } = snapshot;
  const value = String(snapshot.value);
  const partyIds = scenario.parties.map((party) => party.id);
  if (JSON.stringify(JSON.parse(JSON.stringify(context))) !== JSON.stringify(context)) violations.push('The talks context is not plain JSON data.');
  if ((snapshot.status === 'done') !== (context.ending !== null)) {
    violations.push(`The talks are ${snapshot.status === 'done' ? 'finished without an ending' : 'unfinished but record an ending'} (state ${value}).`);
  }
  const expectedState = context.phase === 'broken-off' ? 'brokenOff' : context.phase;
  if (value !== expectedState) violations.push(`The statechart is in ${value} but the talks' phase is ${context.phase}.`);
  if (context.text === null) {
    if (value !== 'idle' && value !== 'expired') violations.push(`The talks are ${value} without a text.`);
  } else if (context.version === null || !context.version.startsWith(`${context.text.id}@`)) {
    violations.push(`The text on the table is ${context.text.id} but the talks are at version ${context.version ?? 'none'}.`);
  }
  const accepting = acceptedBy(context);
  if ((value === 'agreed') !== (accepting.length === partyIds.length && partyIds.length > 0 && context.text !== null)) {
    violations.push(`The talks are ${value} while ${accepting.length} of ${partyIds.length} parties accept the current version: talks agree exactly when every party does.`);
  }
  if (value === 'agreed' && (context.ending?.unresolvedIssues.length ?? 0) > 0) {
    violations.push(`The talks agreed with unresolved issues: ${context.ending!.unresolvedIssues.join(', ')}.`);
  }
  for (const party of partyIds) {
    const machine = context.parties[party]?.machine;
    if (machine === undefined) {
      violations.push(`The talks have no standing for party ${party}.`);
      continue;
    }
    if (machine.value === 'walkedOut' && value !== 'brokenOff') violations.push(`${party} walked out but the talks are ${value}, not broken off.`);
    if (machine.value !== 'accepting') continue;
    const basis = machine.context.basis;
    if (basis === null || basis.version !== context.version) {
      violations.push(`${party} is accepting version ${basis?.version ?? 'none'}, not the current version ${context.version}.`);
      continue;
    }
    if (basis.crossesRedLine || basis.blocking.length > 0) violations.push(`${party} is accepting a text it found to cross a red line or leave a blocking issue open.`);
    if (context.text === null) {
      violations.push(`${party} is accepting but there is no text.`);
      continue;
    }
    const crossed = assessPlan(scenario.parties.find((candidate) => candidate.id === party)!, createPlan(scenario.domain, context.text)).violations.map((violation) => violation.redLine);
    if (crossed.length > 0) violations.push(`${party} is accepting version ${context.version}, whose text crosses its red lines ${crossed.join(', ')}.`);
  }
  return violations;
}

/**
 * Finished talks stay finished: after an event sent to a finished snapshot, the machine
 * refuses it (`can` is false) and the snapshot is unchanged. Returns the violations as
 * sentences (empty when `previous` is not finished or nothing moved).
 *
 * @example
 * ```ts
 * import { finalStaysFinal } from '@parley/core/testing';
 * // inside a fold: const [next] = transition(machine, previous, event);
 * // violations.push(...finalStaysFinal(previous, event, next));
 * ```
 */
export function finalStaysFinal(previous: TalksSnapshot, event: TalksEvent, next: TalksSnapshot): string[] {
  if (previous.status !== 'done') return [];
  const violations: string[] = [];
  if (previous.can(event)) violations.push(`The talks had ended (${String(previous.value)}) but still accept ${event.type}.`);
  if (String(next.value) !== String(previous.value) || JSON.stringify(next.context) !== JSON.stringify(previous.context)) {
    violations.push(`The talks had ended (${String(previous.value)}) but ${event.type} changed them (now ${String(next.value)}).`);
  }
  return violations;
}
