import { enablePatches, produceWithPatches, type Patch } from 'immer';
import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';
import { initialTransition, transition } from 'xstate';
import type { Scenario } from '../scenario/scenario.js';
import type { PlanSpec } from '../model/specs.js';
import { createTalksMachine } from './talks-machine.js';
import type { TalksSpec, TimelineEvent } from './timeline.js';
import type { PartyResponse, TalksContext, TalksEffect, TalksEvent, TalksSetup, TalksStatus } from './talks-types.js';

/** Options of {@link runScenario}. */
export interface RunOptions {
  /** Seeds the one random generator (the order parties are seen in free rounds). Default 1. */
  readonly seed?: number;
  /**
   * Rounds to simulate after the timeline ends, with the mediator revising by its strategy
   * and every party seen in a seeded random order. Default 0: the talks end with the timeline.
   */
  readonly continueRounds?: number;
  /**
   * Called as the run advances, for a progress display: after each timeline entry and each
   * free round, with how many of the `total` (timeline entries + `continueRounds`) are done.
   * When the talks end before the free rounds are used up, it is called once more with
   * `done === total`. It only observes: the transcript is the same with or without it.
   *
   * @example
   * ```ts
   * runScenario(scenario, talks, { continueRounds: 6, onProgress: (done, total) => bar.update(done, { total }) });
   * ```
   */
  readonly onProgress?: (done: number, total: number) => void;
}

/** One event of a run, whether it was taken, and what it did. */
export interface TranscriptStep {
  readonly index: number;
  readonly date: string;
  /** The event, with any plan text replaced by its id to keep the transcript readable. */
  readonly event: Readonly<Record<string, unknown>> & { readonly type: string };
  /** False when the event was illegal in the state it arrived in: it then changed nothing. */
  readonly accepted: boolean;
  /** The talks' state after the event. */
  readonly state: string;
  readonly effect: TalksEffect | null;
  /** The timeline entry behind the event, when there is one. */
  readonly timeline?: { readonly kind: string; readonly summary: string; readonly sources: readonly string[]; readonly assumption?: string };
}

/** A complete, JSON-serialisable record of a run: same scenario, talks and seed ⇒ the same bytes. */
export interface Transcript {
  readonly scenario: string;
  readonly seed: number;
  readonly setup: TalksSetup;
  readonly steps: readonly TranscriptStep[];
  readonly revisions: readonly Extract<TalksEffect, { kind: 'revised' }>[];
  readonly assessments: readonly (PartyResponse & { readonly round: number; readonly date: string })[];
  readonly final: {
    readonly status: TalksStatus;
    readonly reason: string;
    readonly date: string | null;
    readonly version: string | null;
    /** The parties accepting the final version when the talks ended. */
    readonly acceptedBy: readonly string[];
    readonly unresolvedIssues: readonly string[];
  };
}

/**
 * Replays a scenario's talks deterministically and returns the transcript: every event
 * (taken or refused), every revision with its immer patches, every party's response with
 * its reasons, and how the talks ended. Runs on xstate's pure `transition` function, with
 * no actor, no clock and no unseeded randomness.
 *
 * @example
 * ```ts
 * const transcript = runScenario(scenario, talks, { seed: 7 });
 * transcript.final.status;           // 'adjourned'
 * transcript.final.unresolvedIssues; // ['territory.donetsk-held', 'territory.recognition', …]
 * ```
 */
export function runScenario(scenario: Scenario, talks: TalksSpec, options: RunOptions = {}): Transcript {
  enablePatches();
  const seed = options.seed ?? 1;
  const rng = xoroshiro128plus(seed);
  const machine = createTalksMachine(scenario, talks.setup);
  let [snapshot] = initialTransition(machine);
  const steps: TranscriptStep[] = [];
  const revisions: Extract<TalksEffect, { kind: 'revised' }>[] = [];
  const assessments: (PartyResponse & { round: number; date: string })[] = [];

  const send = (event: TalksEvent, timeline?: TimelineEvent): void => {
    const accepted = snapshot.status === 'active' && snapshot.can(event);
    const before = snapshot.context;
    if (accepted) [snapshot] = transition(machine, snapshot, event);
    // The effect of this event: a new `lastEffect`, or the ending the event brought about.
    let effect: TalksEffect | null = accepted && snapshot.context.lastEffect !== before.lastEffect ? snapshot.context.lastEffect : null;
    if (accepted && before.ending === null && snapshot.context.ending !== null && effect === null) {
      effect = { kind: 'ended', status: snapshot.context.ending.status, reason: snapshot.context.ending.reason };
    }
    const context: TalksContext = snapshot.context;
    steps.push({
      index: steps.length,
      date: event.date,
      event: readableEvent(event),
      accepted,
      state: String(snapshot.value),
      effect,
      ...(timeline === undefined
        ? {}
        : { timeline: { kind: timeline.kind, summary: timeline.summary, sources: timeline.sources, ...(timeline.assumption === undefined ? {} : { assumption: timeline.assumption }) } }),
    });
    if (effect?.kind === 'revised') revisions.push(effect);
    if (effect?.kind === 'response') assessments.push({ ...effect.response, round: context.round, date: event.date });
    if (effect?.kind === 'counter-proposal') for (const response of effect.responses) assessments.push({ ...response, round: context.round, date: event.date });
  };

  const ordered = inDateOrder(talks.timeline);
  let lastDate = ordered[0]?.event.date ?? '1970-01-01';
  const continueRounds = options.continueRounds ?? 0;
  const total = ordered.length + continueRounds;
  let done = 0;
  const progressed = (): void => options.onProgress?.(++done, total);
  for (const { event } of ordered) {
    lastDate = event.date;
    for (const talksEvent of eventsFor(scenario, event, snapshot.context.text)) send(talksEvent, event);
    progressed();
  }
  for (let round = 0; round < continueRounds && snapshot.status === 'active'; round++) {
    send({ type: 'MEDIATE', date: lastDate });
    const order = scenario.parties.map((party) => party.id);
    for (let i = order.length - 1; i > 0; i--) {
      const j = unsafeUniformIntDistribution(0, i, rng);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const party of order) if (snapshot.status === 'active') send({ type: 'PRESENT', party, date: lastDate });
    progressed();
  }
  if (done < total) options.onProgress?.(total, total);
  if (snapshot.status === 'active') send({ type: 'END', reason: 'the timeline ended', date: lastDate });

  const context = snapshot.context;
  const ending = context.ending ?? { status: 'adjourned' as const, reason: 'the talks ended', unresolvedIssues: [] };
  return {
    scenario: scenario.id,
    seed,
    setup: talks.setup,
    steps,
    revisions,
    assessments,
    final: {
      status: ending.status,
      reason: ending.reason,
      date: context.date,
      version: context.version,
      acceptedBy: Object.entries(context.parties)
        .filter(([, standing]) => standing.machine.value === 'accepting' && standing.machine.context.basis?.version === context.version)
        .map(([party]) => party),
      unresolvedIssues: ending.unresolvedIssues,
    },
  };
}

/** @internal The timeline in the order it is replayed: by date, then file order within a date. */
export function inDateOrder(timeline: readonly TimelineEvent[]): { event: TimelineEvent; index: number }[] {
  return [...timeline].map((event, index) => ({ event, index })).sort((a, b) => a.event.date.localeCompare(b.event.date) || a.index - b.index);
}

/**
 * @internal The talks events a timeline entry stands for, given the text on the table
 * (a revision is written as patches to it).
 */
export function eventsFor(scenario: Scenario, event: TimelineEvent, current: PlanSpec | null): TalksEvent[] {
  const date = event.date;
  const planSpec = (id: string): PlanSpec => JSON.parse(JSON.stringify(scenario.plans.find((plan) => plan.id === id)!)) as PlanSpec;
  switch (event.kind) {
    case 'plan-presented':
      return [{ type: 'START', text: planSpec(event.plan), date }, ...event.to.map((party): TalksEvent => ({ type: 'PRESENT', party, date }))];
    case 'meeting':
      return event.with.map((party): TalksEvent => ({ type: 'PRESENT', party, date }));
    case 'revision': {
      const target = planSpec(event.plan);
      const { patches, inversePatches } = current === null ? { patches: [], inversePatches: [] } : revisionPatches(scenario, current, target);
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
function revisionPatches(scenario: Scenario, current: PlanSpec, target: PlanSpec): { patches: readonly Patch[]; inversePatches: readonly Patch[] } {
  const recorded = scenario.revisions.find((revision) => revision.base === current.id && revision.result === target.id);
  if (recorded !== undefined) return { patches: recorded.patches as readonly Patch[], inversePatches: recorded.inversePatches as readonly Patch[] };
  const [, patches, inversePatches] = produceWithPatches(current, (draft) => {
    const writable = draft as Record<string, unknown>;
    for (const key of Object.keys(writable)) if (!(key in target)) delete writable[key];
    Object.assign(writable, structuredClone(target));
  });
  return { patches, inversePatches };
}

function readableEvent(event: TalksEvent): TranscriptStep['event'] {
  if (event.type === 'START') return { type: event.type, text: event.text.id, date: event.date };
  if (event.type === 'COUNTER_PROPOSAL') return { type: event.type, plan: event.plan.id, by: event.by, date: event.date };
  if (event.type === 'REVISE') return { type: event.type, revision: event.revision.id, author: event.revision.author, patches: event.revision.patches.length, date: event.date };
  return { ...event };
}
