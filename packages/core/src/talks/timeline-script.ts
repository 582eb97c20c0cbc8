import { produceWithPatches, type Patch } from 'immer';
import type { PlanSpec } from '../model/specs.js';
import type { Scenario } from '../scenario/scenario.js';
import type { TalksEvent, TalksSetup } from './talks-types.js';
import type { TalksSpec, TimelineEvent } from './timeline.js';

/**
 * A scenario's talks as plain data, everything the timeline's events are made from: the
 * set-up, the timeline in replay order, the plan texts it names and the recorded revisions
 * between them. Structured-clonable (explorations send it to worker threads); treat it as
 * read-only.
 */
export interface TimelineScript {
  readonly scenario: string;
  readonly setup: TalksSetup;
  /** The timeline in the order it is replayed: by date, then file order within a date. */
  readonly timeline: readonly TimelineEvent[];
  readonly plans: Readonly<Record<string, PlanSpec>>;
  readonly revisions: readonly { readonly base: string; readonly result: string; readonly patches: readonly unknown[]; readonly inversePatches: readonly unknown[] }[];
}

const scripts = new WeakMap<TalksSpec, WeakMap<Scenario, TimelineScript>>();

/**
 * The {@link TimelineScript} of a scenario's talks (remembered per pair).
 *
 * @example
 * ```ts
 * const script = timelineScript(scenario, talks);
 * script.timeline[0]?.kind; // 'plan-presented'
 * ```
 */
export function timelineScript(scenario: Scenario, talks: TalksSpec): TimelineScript {
  let byScenario = scripts.get(talks);
  if (byScenario === undefined) scripts.set(talks, (byScenario = new WeakMap()));
  let script = byScenario.get(scenario);
  if (script === undefined) {
    script = {
      scenario: scenario.id,
      setup: talks.setup,
      timeline: inDateOrder(talks.timeline),
      plans: Object.fromEntries(scenario.plans.map((plan) => [plan.id, JSON.parse(JSON.stringify(plan)) as PlanSpec])),
      revisions: scenario.revisions.map((revision) => ({ base: revision.base, result: revision.result, patches: revision.patches, inversePatches: revision.inversePatches })),
    };
    byScenario.set(scenario, script);
  }
  return script;
}

/** The timeline in the order it is replayed: by date, then file order within a date. */
function inDateOrder(timeline: readonly TimelineEvent[]): TimelineEvent[] {
  return [...timeline].map((event, index) => ({ event, index })).sort((a, b) => a.event.date.localeCompare(b.event.date) || a.index - b.index).map(({ event }) => event);
}

// The events of an entry depend on the text on the table (a revision is written as patches
// to it): remembered per entry and text, so that replaying the same talks again — thousands
// of times in an exploration — makes the very same event and text objects, and everything
// judged of those texts is found again.
const NO_TEXT = {};
const events = new WeakMap<TimelineEvent, WeakMap<object, readonly TalksEvent[]>>();

/**
 * The talks events a timeline entry stands for, given the text on the table.
 *
 * @example
 * ```ts
 * timelineEvents(script, script.timeline[0]!, null).map((event) => event.type); // ['START', 'PRESENT', 'PRESENT']
 * ```
 */
export function timelineEvents(script: TimelineScript, entry: TimelineEvent, current: PlanSpec | null): readonly TalksEvent[] {
  let byText = events.get(entry);
  if (byText === undefined) events.set(entry, (byText = new WeakMap()));
  const key = current ?? NO_TEXT;
  let found = byText.get(key);
  if (found === undefined) byText.set(key, (found = eventsFor(script, entry, current)));
  return found;
}

function eventsFor(script: TimelineScript, event: TimelineEvent, current: PlanSpec | null): TalksEvent[] {
  const date = event.date;
  const planSpec = (id: string): PlanSpec => JSON.parse(JSON.stringify(script.plans[id]!)) as PlanSpec;
  switch (event.kind) {
    case 'plan-presented':
      return [{ type: 'START', text: planSpec(event.plan), date }, ...event.to.map((party): TalksEvent => ({ type: 'PRESENT', party, date }))];
    case 'meeting':
      return event.with.map((party): TalksEvent => ({ type: 'PRESENT', party, date }));
    case 'revision': {
      const target = planSpec(event.plan);
      const { patches, inversePatches } = current === null ? { patches: [], inversePatches: [] } : revisionPatches(script, current, target);
      return [{ type: 'REVISE', revision: { id: event.plan, author: target.author, rationale: event.summary, patches, inversePatches }, date }];
    }
    case 'counter-proposal':
      return [{ type: 'COUNTER_PROPOSAL', plan: planSpec(event.plan), by: event.by, date }];
    case 'battlefield':
      return [{ type: 'BATTLEFIELD', summary: event.summary, effects: event.effects, date }];
    case 'negotiator-change':
      return [{ type: 'NEGOTIATOR_CHANGE', party: event.party, strategy: event.strategy, summary: event.summary, date }];
    case 'deadline':
      return [{ type: 'DEADLINE', hard: event.hard, summary: event.summary, date }];
  }
}

/**
 * The patches that turn the current text into `target`: the scenario's recorded revision
 * when one leads from the current text's plan to it, otherwise patches computed by
 * rewriting the text field by field.
 */
function revisionPatches(script: TimelineScript, current: PlanSpec, target: PlanSpec): { patches: readonly Patch[]; inversePatches: readonly Patch[] } {
  const recorded = script.revisions.find((revision) => revision.base === current.id && revision.result === target.id);
  if (recorded !== undefined) return { patches: recorded.patches as readonly Patch[], inversePatches: recorded.inversePatches as readonly Patch[] };
  const [, patches, inversePatches] = produceWithPatches(current, (draft) => {
    const writable = draft as Record<string, unknown>;
    for (const key of Object.keys(writable)) if (!(key in target)) delete writable[key];
    Object.assign(writable, structuredClone(target));
  });
  return { patches, inversePatches };
}
