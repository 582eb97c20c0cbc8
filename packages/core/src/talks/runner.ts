import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';
import { compiledParty } from '../model/party.js';
import type { Scenario } from '../scenario/scenario.js';
import { acceptedBy, initialTalks, reduceTalks, talksOver, talksTable, type TalksStep, type TalksTable } from './mediated-text.js';
import type { PartyStrategyName } from './strategies.js';
import { timelineEvents, timelineScript, type TimelineScript } from './timeline-script.js';
import type { TalksSpec, TimelineEvent } from './timeline.js';
import type { PartyResponse, TalksContext, TalksEffect, TalksEvent, TalksSetup, TalksStatus, TalksWhen } from './talks-types.js';

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

/**
 * One event of a run, whether it was taken, and what it did; when it happened: on its
 * `date` (the timeline's events), or in free round `freeRound` (numbered from 1) after the
 * timeline, which has no date ({@link TalksWhen}).
 */
export type TranscriptStep = TalksWhen & {
  readonly index: number;
  /** The event, with any plan text replaced by its id to keep the transcript readable. */
  readonly event: Readonly<Record<string, unknown>> & { readonly type: string };
  /** False when the event was illegal in the state it arrived in: it then changed nothing. */
  readonly accepted: boolean;
  /** The talks' state after the event. */
  readonly state: string;
  readonly effect: TalksEffect | null;
  /** The timeline entry behind the event, when there is one. */
  readonly timeline?: { readonly kind: string; readonly summary: string; readonly sources: readonly string[]; readonly assumption?: string };
};

/** A party's answer in a transcript: its response, the talks' round (how many times the text had been revised), and its date or free round. */
export type TranscriptAssessment = PartyResponse & { readonly round: number } & TalksWhen;

/** A complete, JSON-serialisable record of a run: same scenario, talks and seed ⇒ the same bytes. */
export interface Transcript {
  readonly scenario: string;
  readonly seed: number;
  readonly setup: TalksSetup;
  readonly steps: readonly TranscriptStep[];
  readonly revisions: readonly Extract<TalksEffect, { kind: 'revised' }>[];
  readonly assessments: readonly TranscriptAssessment[];
  readonly final: {
    readonly status: TalksStatus;
    /** Why, in one sentence: after free rounds it counts them (`… and 6 free rounds`), as they have no date. */
    readonly reason: string;
    /** The date of the last dated event: the timeline's last day when free rounds followed it. */
    readonly date: string | null;
    readonly version: string | null;
    /** The parties accepting the final version when the talks ended. */
    readonly acceptedBy: readonly string[];
    readonly unresolvedIssues: readonly string[];
  };
}

/** Options of {@link playTalks}. */
export interface PlayOptions {
  /** Seeds the order parties are seen in free rounds. */
  readonly seed: number;
  /** Free rounds after the timeline (the mediator revises, then every party sees the text). */
  readonly rounds: number;
  /** Each party's strategy at the start (else the set-up's, else `linear`). */
  readonly strategies?: readonly PartyStrategyName[];
  /** Called after every event, with the timeline entry behind it (none in free rounds, whose events carry `freeRound` instead of a date). */
  readonly onStep?: (event: TalksEvent, step: TalksStep, entry: TimelineEvent | undefined) => void;
  /** Called after each timeline entry and each free round, as `runScenario`'s `onProgress`. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Plays a scenario's talks at a table, on the protocol's reducer: the timeline's events in
 * order, then `rounds` free rounds (the mediator revises, then every party sees the text, in
 * an order drawn from `seed`), then the end. The events of free round k carry `freeRound: k`
 * and no date (the talks keep the timeline's last day as their date), and so does an end
 * after them. Returns the final state. `runScenario` records a transcript from it;
 * explorations play it once per run.
 *
 * @example
 * ```ts
 * const table = talksTable(scenario.domain, scenario.parties.map(compiledParty), talks.setup, { record: false });
 * playTalks(table, timelineScript(scenario, talks), { seed: 1, rounds: 0 }).phase; // 'adjourned'
 * ```
 */
export function playTalks(table: TalksTable, script: TimelineScript, options: PlayOptions): TalksContext {
  const rng = xoroshiro128plus(options.seed);
  let state = initialTalks(table, options.strategies);
  const send = (event: TalksEvent, entry?: TimelineEvent): void => {
    const step = reduceTalks(table, state, event);
    state = step.state;
    options.onStep?.(event, step, entry);
  };
  let lastDate = script.timeline[0]?.date ?? '1970-01-01';
  const total = script.timeline.length + options.rounds;
  let done = 0;
  const progressed = (): void => options.onProgress?.(++done, total);
  for (const entry of script.timeline) {
    lastDate = entry.date;
    for (const event of timelineEvents(script, entry, state.text)) send(event, entry);
    progressed();
  }
  let played = 0;
  while (played < options.rounds && !talksOver(state)) {
    const freeRound = ++played;
    send({ type: 'MEDIATE', freeRound });
    const order = [...table.partyIds];
    for (let i = order.length - 1; i > 0; i--) {
      const j = unsafeUniformIntDistribution(0, i, rng);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const party of order) if (!talksOver(state)) send({ type: 'PRESENT', party, freeRound });
    progressed();
  }
  if (done < total) options.onProgress?.(total, total);
  if (!talksOver(state)) send(played === 0 ? { type: 'END', reason: 'the timeline ended', date: lastDate } : { type: 'END', reason: 'the free rounds ended', freeRound: played });
  return state;
}

/**
 * Replays a scenario's talks deterministically and returns the transcript: every event
 * (taken or refused), every revision with its immer patches, every party's response with
 * its reasons, and how the talks ended. Runs the protocol's pure reducer (the one the talks
 * statechart calls), with no actor, no clock and no unseeded randomness.
 *
 * @example
 * ```ts
 * const transcript = runScenario(scenario, talks, { seed: 7 });
 * transcript.final.status;           // 'adjourned'
 * transcript.final.unresolvedIssues; // ['territory.donetsk-held', 'territory.recognition', …]
 * ```
 */
export function runScenario(scenario: Scenario, talks: TalksSpec, options: RunOptions = {}): Transcript {
  const seed = options.seed ?? 1;
  const table = talksTable(scenario.domain, scenario.parties.map(compiledParty), talks.setup);
  const steps: TranscriptStep[] = [];
  const revisions: Extract<TalksEffect, { kind: 'revised' }>[] = [];
  const assessments: TranscriptAssessment[] = [];
  const state = playTalks(table, timelineScript(scenario, talks), {
    seed,
    rounds: options.continueRounds ?? 0,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    onStep: (event, step, timeline) => {
      const { effect } = step;
      const when = whenOf(event);
      steps.push({
        index: steps.length,
        ...when,
        event: readableEvent(event),
        accepted: step.taken,
        state: stateName(step.state),
        effect,
        ...(timeline === undefined
          ? {}
          : { timeline: { kind: timeline.kind, summary: timeline.summary, sources: timeline.sources, ...(timeline.assumption === undefined ? {} : { assumption: timeline.assumption }) } }),
      });
      if (effect?.kind === 'revised') revisions.push(effect);
      if (effect?.kind === 'response') assessments.push({ ...effect.response, round: step.state.round, ...when });
      if (effect?.kind === 'counter-proposal') for (const response of effect.responses) assessments.push({ ...response, round: step.state.round, ...when });
    },
  });
  const ending = state.ending ?? { status: 'adjourned' as const, reason: 'the talks ended', unresolvedIssues: [] };
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
      date: state.date,
      version: state.version,
      acceptedBy: acceptedBy(state),
      unresolvedIssues: ending.unresolvedIssues,
    },
  };
}

/** The name of the talks statechart's state for the reducer's phase. */
function stateName(state: TalksContext): string {
  return state.phase === 'broken-off' ? 'brokenOff' : state.phase;
}

/** When an event happened, as the transcript writes it: its date, or its free round. */
function whenOf(event: TalksEvent): TalksWhen {
  return event.date === undefined ? { freeRound: event.freeRound } : { date: event.date };
}

function readableEvent(event: TalksEvent): TranscriptStep['event'] {
  if (event.type === 'START') return { type: event.type, text: event.text.id, date: event.date };
  if (event.type === 'COUNTER_PROPOSAL') return { type: event.type, plan: event.plan.id, by: event.by, date: event.date };
  if (event.type === 'REVISE') return { type: event.type, revision: event.revision.id, author: event.revision.author, patches: event.revision.patches.length, date: event.date };
  return { ...event };
}
