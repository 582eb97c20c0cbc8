import { applyPatches, enablePatches, produce, produceWithPatches, type Patch } from 'immer';
import { ownValue } from '../model/own-key.js';
import { bestUtility } from '../model/best-utility.js';
import type { CompiledParty } from '../model/compiled-party.js';
import type { Domain } from '../model/domain.js';
import { stanceReason } from '../model/explanation.js';
import { planTextOf, type PlanText } from '../model/plan-text.js';
import { validatePlanSpec } from '../model/plan.js';
import { ProblemList } from '../model/problems.js';
import type { PlanSpec } from '../model/specs.js';
import { pointScoresAt, verdictAt, viewOf, type TextView, type Verdict } from '../model/text-view.js';
import { mediatorStrategies, type MediatorRevision, type MediatorStrategy } from './mediator.js';
import { mediatorAuthor } from './mediator-name.js';
import { stepParty } from './party-machine.js';
import { partyThreshold, type PartyStrategyName } from './strategies.js';
import type { IncomingRevision, PartyResponse, PartyStanding, TalksContext, TalksEffect, TalksEvent, TalksSetup, TalksStatus } from './talks-types.js';

/**
 * Everything the mediated single-text protocol decides with, fixed for one run of the talks:
 * the domain, the set-up, the parties in the engine's form (who judges), and the mediator's
 * strategy. The reducer ({@link reduceTalks}) takes it with every event.
 */
export interface TalksTable {
  readonly domain: Domain;
  readonly setup: TalksSetup;
  readonly partyIds: readonly string[];
  readonly partyIndex: ReadonlyMap<string, number>;
  readonly parties: readonly CompiledParty[];
  /** How the mediator revises the text (by default the set-up's `mediatorStrategy`). */
  readonly mediator: MediatorStrategy;
  /**
   * Whether to write what a transcript shows: each response with its reason, each revision's
   * rationale and patches, how the talks ended and what was left unresolved. The batch path
   * (explorations) turns it off; every decision is the same either way.
   */
  readonly record: boolean;
}

/** Options of {@link talksTable}. */
export interface TalksTableOptions {
  /** A mediator strategy of your own, instead of the set-up's named one. */
  readonly mediator?: MediatorStrategy;
  /** See {@link TalksTable.record}. Default true. */
  readonly record?: boolean;
}

/**
 * The table the talks are run at: parties (in the engine's form, as `compiledParty` gives
 * them or an exploration draws them), the set-up and the mediator.
 *
 * @example
 * ```ts
 * const table = talksTable(scenario.domain, scenario.parties.map(compiledParty), talks.setup);
 * let state = initialTalks(table);
 * state = reduceTalks(table, state, { type: 'START', text, date: '2025-11-20' }).state;
 * ```
 */
export function talksTable(domain: Domain, parties: readonly CompiledParty[], setup: TalksSetup, options: TalksTableOptions = {}): TalksTable {
  enablePatches();
  const partyIds = parties.map((party) => party.id);
  return {
    domain,
    setup,
    partyIds,
    partyIndex: new Map(partyIds.map((id, index) => [id, index])),
    parties,
    mediator: options.mediator ?? mediatorStrategies[setup.mediatorStrategy],
    record: options.record ?? true,
  };
}

/**
 * The same table with other parties in the same seats (the same ids, in the same order): a
 * run of an exploration, whose parties have drawn numbers. Cheaper than a new table, which
 * also works out the seating.
 *
 * @example
 * ```ts
 * const run = reseated(table, simulatedParties);
 * ```
 */
export function reseated(table: TalksTable, parties: readonly CompiledParty[]): TalksTable {
  if (parties.length !== table.partyIds.length || parties.some((party, p) => party.id !== table.partyIds[p])) {
    throw new RangeError(`reseated: the parties must be ${table.partyIds.join(', ')}, in that order (got ${parties.map((party) => party.id).join(', ')})`);
  }
  return { ...table, parties };
}

/**
 * The talks before anything happened: no text, every party engaged, each with its strategy
 * (`strategies[p]`, else the set-up's, else `linear`) and its reservation value as threshold.
 *
 * @example
 * ```ts
 * initialTalks(table).phase; // 'idle'
 * ```
 */
export function initialTalks(table: TalksTable, strategies?: readonly PartyStrategyName[]): TalksContext {
  return {
    phase: 'idle',
    date: null,
    round: 0,
    text: null,
    version: null,
    parties: Object.fromEntries(
      table.parties.map((party, p) => [
        party.id,
        {
          machine: { value: 'engaged', context: { party: party.id, basis: null, crossings: 0 } },
          strategy: strategies?.[p] ?? (table.setup.strategies === undefined ? undefined : ownValue(table.setup.strategies, party.id)) ?? 'linear',
          reservationShift: 0,
          leverage: 1,
          threshold: party.reservation,
          lastUtility: null,
        } satisfies PartyStanding,
      ]),
    ),
    stall: 0,
    seen: [],
    lastEffect: null,
    ending: null,
  };
}

/** What one event did: the next state, whether the event was taken, and what it did for the transcript. */
export interface TalksStep {
  readonly state: TalksContext;
  /** False when the event is illegal in the state it arrived in: the state is then unchanged. */
  readonly taken: boolean;
  /** What the event did (a response, a revision, a shock…), or the ending it brought about; null when nothing to record. */
  readonly effect: TalksEffect | null;
}

/** Whether the talks have ended. */
export function talksOver(state: TalksContext): boolean {
  return state.phase !== 'idle' && state.phase !== 'inSession';
}

/**
 * The parties that accept the version on the table: those whose last answer, about this
 * very version, was to accept. This is the one record of acceptance; the talks are agreed
 * when it holds every party.
 *
 * @example
 * ```ts
 * acceptedBy(state); // ['russia']
 * ```
 */
export function acceptedBy(state: TalksContext): string[] {
  return Object.entries(state.parties)
    .filter(([, standing]) => standing.machine.value === 'accepting' && standing.machine.context.basis?.version === state.version)
    .map(([party]) => party);
}

/**
 * Whether the protocol takes `event` in `state`: the guards of the talks. A text must be
 * valid against the domain, a revision must apply to the text on the table, a party must be
 * known and still at the table; nothing is taken once the talks have ended.
 *
 * @example
 * ```ts
 * talksTakes(table, initialTalks(table), { type: 'PRESENT', party: 'russia', date: '2025-11-20' }); // false: no text yet
 * ```
 */
export function talksTakes(table: TalksTable, state: TalksContext, event: TalksEvent): boolean {
  if (talksOver(state)) return false;
  const inSession = state.phase === 'inSession';
  switch (event.type) {
    case 'START':
      return state.phase === 'idle' && validText(table.domain, event.text);
    case 'PRESENT':
      return inSession && state.text !== null && atTable(state, event.party);
    case 'REVISE':
      return inSession && state.text !== null && revisedText(table.domain, state.text, event.revision) !== null;
    case 'MEDIATE':
      return inSession && state.text !== null;
    case 'COUNTER_PROPOSAL':
      return inSession && state.text !== null && Object.hasOwn(state.parties, event.by) && validText(table.domain, event.plan);
    case 'BATTLEFIELD':
      return event.effects.every((effect) => Object.hasOwn(state.parties, effect.party));
    case 'NEGOTIATOR_CHANGE':
      return atTable(state, event.party);
    case 'DEADLINE':
      return true;
    case 'WALK_OUT':
      return inSession && atTable(state, event.party);
    case 'END':
      return inSession;
    default:
      return false;
  }
}

/** Whether a party is known and still at the table. */
function atTable(state: TalksContext, party: string): boolean {
  const standing = Object.hasOwn(state.parties, party) ? state.parties[party] : undefined;
  return standing !== undefined && standing.machine.value !== 'walkedOut';
}

/**
 * The mediated single negotiating text (the shuttle diplomacy the US ran between Geneva,
 * Florida and Moscow) as one pure reducer: state and event in, the next state and what the
 * event did out. The mediator presents its text to each party in turn (`PRESENT`); the party
 * judges it at its current threshold and accepts, objects or, after too many texts in a row
 * that cross its red lines, walks out; the text is revised by a scripted revision (`REVISE`)
 * or by the mediator (`MEDIATE`); shocks arrive in any state (`BATTLEFIELD`,
 * `NEGOTIATOR_CHANGE`, `DEADLINE`). The talks end `agreed` when every party accepts the same
 * version, `broken-off` when a party walks out, `stalled` when the mediator has found
 * nothing to change `stallLimit` times in a row, `expired` at a hard deadline, `adjourned`
 * at `END`. An event the protocol does not take ({@link talksTakes}) changes nothing.
 *
 * `runScenario` and the explorations call it directly; the xstate statechart
 * (`createTalksMachine`) calls it in its actions.
 *
 * @example
 * ```ts
 * const table = talksTable(scenario.domain, scenario.parties.map(compiledParty), talks.setup);
 * let state = initialTalks(table);
 * for (const event of events) state = reduceTalks(table, state, event).state;
 * state.phase; // 'adjourned'
 * ```
 */
export function reduceTalks(table: TalksTable, state: TalksContext, event: TalksEvent): TalksStep {
  if (!talksTakes(table, state, event)) return { state, taken: false, effect: null };
  const acted = act(table, state, event);
  const next = settle(table, acted);
  const effect = next.lastEffect !== state.lastEffect ? next.lastEffect : next.ending !== null && state.ending === null && table.record ? ({ kind: 'ended', status: next.ending.status, reason: next.ending.reason } as const) : null;
  return { state: next, taken: true, effect };
}

function act(table: TalksTable, state: TalksContext, event: TalksEvent): TalksContext {
  switch (event.type) {
    case 'START': {
      const version = `${event.text.id}@0`;
      return updated(state, { phase: 'inSession', text: event.text, version, date: event.date, seen: [fingerprint(event.text)], ...recorded(table, { kind: 'opened', version }) });
    }
    case 'PRESENT':
      return present(table, state, event.party, event.date ?? state.date!);
    case 'REVISE': {
      const text = revisedText(table.domain, state.text!, event.revision)!;
      const adopted = adopt(state, text);
      return updated(adopted, {
        date: event.date,
        stall: 0,
        ...recorded(table, () => ({ kind: 'revised', from: state.version!, to: adopted.version!, by: event.revision.author, rationale: event.revision.rationale, patches: event.revision.patches, inversePatches: event.revision.inversePatches ?? [] })),
      });
    }
    case 'MEDIATE':
      return mediate(table, state, event.date ?? state.date!);
    case 'COUNTER_PROPOSAL':
      return updated(state, {
        date: event.date,
        ...recorded(table, () => ({
          kind: 'counter-proposal',
          plan: event.plan.id,
          by: event.by,
          responses: table.parties.map((_, p) => {
            const { view, text } = judge(table, p, event.plan);
            const threshold = thresholdOf(table, state, p, view.range.min);
            const verdict = verdictAt(view, threshold);
            return responseOf(table, state, p, event.plan.id, view, text, verdict, threshold, verdict.accepts ? 'accepts' : 'objects');
          }),
        })),
      });
    case 'BATTLEFIELD': {
      const parties = { ...state.parties };
      for (const effect of event.effects) {
        const standing = parties[effect.party]!;
        parties[effect.party] = { ...standing, reservationShift: standing.reservationShift + (effect.reservationShift ?? 0), leverage: standing.leverage + (effect.leverageShift ?? 0) };
      }
      return updated(state, {
        date: event.date,
        parties,
        ...recorded(table, () => ({
          kind: 'shock',
          summary: event.summary,
          moved: event.effects.map(({ party }) => ({ party, reservationValue: reservationOf(table.parties[table.partyIndex.get(party)!]!, parties[party]!), leverage: leverageOf(parties[party]!) })),
        })),
      });
    }
    case 'NEGOTIATOR_CHANGE': {
      const standing = state.parties[event.party]!;
      return updated(state, { date: event.date, parties: { ...state.parties, [event.party]: { ...standing, strategy: event.strategy } }, ...recorded(table, { kind: 'shock', summary: event.summary }) });
    }
    case 'DEADLINE':
      return updated(state, { ...(event.hard ? { phase: 'expired' as const } : {}), date: event.date, ...recorded(table, { kind: 'shock', summary: event.summary }) });
    case 'WALK_OUT': {
      const standing = state.parties[event.party]!;
      return updated(state, { date: event.date, parties: { ...state.parties, [event.party]: { ...standing, machine: stepParty(standing.machine, { type: 'WALK_OUT', reason: event.reason }) } } });
    }
    case 'END': {
      const adjourned = updated(state, { phase: 'adjourned', date: event.date ?? state.date });
      // After free rounds, which have no date, the ending counts them instead of naming a
      // day: it is written here, and settle keeps an ending already written.
      return event.freeRound === undefined ? adjourned : updated(adjourned, { ending: endingOf(table, adjourned, 'adjourned', event.freeRound) });
    }
  }
}

/**
 * `state` with `changes`: a copy written out field by field (one object shape, which V8
 * builds fast), then the changed fields set. The reducer makes a new state for every event.
 */
function updated(state: TalksContext, changes: Partial<TalksContext>): TalksContext {
  const next: { -readonly [K in keyof TalksContext]: TalksContext[K] } = {
    phase: state.phase,
    date: state.date,
    round: state.round,
    text: state.text,
    version: state.version,
    parties: state.parties,
    stall: state.stall,
    seen: state.seen,
    lastEffect: state.lastEffect,
    ending: state.ending,
  };
  return Object.assign(next, changes);
}

/** The new `lastEffect` when the table records, else nothing (the batch path reads no effects). */
function recorded(table: TalksTable, effect: TalksEffect | (() => TalksEffect)): Pick<TalksContext, 'lastEffect'> | Record<string, never> {
  if (!table.record) return {};
  return { lastEffect: typeof effect === 'function' ? effect() : effect };
}

/** The endings that follow from the state itself (walk-out, agreement, stall), and the ending's record. */
function settle(table: TalksTable, state: TalksContext): TalksContext {
  let phase = state.phase;
  if (phase === 'inSession') {
    let walkedOut = false;
    let accepting = 0;
    for (const id of table.partyIds) {
      const { machine } = state.parties[id]!;
      if (machine.value === 'walkedOut') walkedOut = true;
      else if (machine.value === 'accepting' && machine.context.basis?.version === state.version) accepting++;
    }
    if (walkedOut) phase = 'broken-off';
    else if (table.partyIds.length > 0 && accepting === table.partyIds.length) phase = 'agreed';
    else if (state.stall >= table.setup.stallLimit) phase = 'stalled';
  }
  if (phase === 'idle' || phase === 'inSession') return state;
  if (state.ending !== null) return state;
  return updated(state, { phase, ending: endingOf(table, updated(state, { phase }), phase) });
}

/** How the talks ended, and why; `freeRounds`: how many free rounds (undated) came after the last dated event. */
function endingOf(table: TalksTable, state: TalksContext, status: TalksStatus, freeRounds?: number): NonNullable<TalksContext['ending']> {
  if (!table.record) return { status, reason: '', unresolvedIssues: [] };
  const reasons: Record<TalksStatus, () => string> = {
    agreed: () => `every party accepted version ${state.version}; the plan is signed`,
    'broken-off': () =>
      `${Object.entries(state.parties)
        .filter(([, standing]) => standing.machine.value === 'walkedOut')
        .map(([party]) => table.parties[table.partyIndex.get(party)!]!.name)
        .join(', ')} walked out`,
    stalled: () => `the mediator found nothing to change ${table.setup.stallLimit} times in a row`,
    expired: () => `a hard deadline passed on ${state.date}`,
    adjourned: () =>
      freeRounds === undefined
        ? `the talks ended on ${state.date} without agreement`
        : `the talks ended without agreement after the timeline's last day (${state.date}) and ${freeRounds} free round${freeRounds === 1 ? '' : 's'}`,
  };
  return { status, reason: reasons[status](), unresolvedIssues: status === 'agreed' ? [] : unresolvedIssues(table, state) };
}

/** The issues that stand in the way: every issue behind a red line crossed, and every open issue that blocks a party. */
function unresolvedIssues(table: TalksTable, state: TalksContext): string[] {
  if (state.text === null) return [];
  const issues = new Set<number>();
  table.parties.forEach((_, p) => {
    const { view } = judge(table, p, state.text!);
    const verdict = verdictAt(view, thresholdOf(table, state, p, view.range.min));
    for (const redLine of view.violations) for (const issue of view.facts[redLine]!.issues) issues.add(issue);
    for (const issue of verdict.blocking) issues.add(issue);
  });
  return table.domain.issues.filter((issue) => issues.has(issue.index)).map((issue) => issue.id);
}

function judge(table: TalksTable, party: number, spec: PlanSpec): { view: TextView; text: PlanText } {
  const text = planTextOf(table.domain, spec);
  return { view: viewOf(table.parties[party]!, text), text };
}

/**
 * The party's reservation value now: its own plus the shifts of the shocks so far, clamped to
 * the utility scale [0, 1]. Each shock's shift is bounded, but a timeline's shifts add up and
 * could take it off the scale (and the threshold drawn from it with it).
 */
function reservationOf(compiled: CompiledParty, standing: PartyStanding): number {
  return Math.min(1, Math.max(0, compiled.reservation + standing.reservationShift));
}

/**
 * The party's leverage as the mediator weighs it and the transcript records it: the sum of
 * its shifts from 1, never below 0 (a party with no weight at the table, not a negative one;
 * the sum itself is kept, so a shock back up starts from it, as with the reservation value).
 */
function leverageOf(standing: PartyStanding): number {
  return Math.max(0, standing.leverage);
}

/** The least the party will settle for now: its strategy's threshold, given the round, its shifted reservation value, its best and what the text is worth to it. */
function thresholdOf(table: TalksTable, state: TalksContext, party: number, utility: number): number {
  const compiled = table.parties[party]!;
  const standing = state.parties[compiled.id]!;
  return partyThreshold(standing.strategy, {
    time: Math.min(1, state.round / Math.max(1, table.setup.maxRounds)),
    reservation: reservationOf(compiled, standing),
    best: bestUtility(compiled),
    previousThreshold: standing.threshold,
    improvement: standing.lastUtility === null ? 0 : utility - standing.lastUtility,
  });
}

function responseOf(table: TalksTable, state: TalksContext, party: number, version: string, view: TextView, text: PlanText, verdict: Verdict, threshold: number, decision: PartyResponse['decision']): PartyResponse {
  const compiled = table.parties[party]!;
  const scores = pointScoresAt(view, text, threshold);
  return {
    party: compiled.id,
    version,
    decision,
    stance: verdict.stance,
    utility: verdict.utility,
    threshold,
    reservationValue: reservationOf(compiled, state.parties[compiled.id]!),
    margin: verdict.margin,
    redLinesCrossed: view.violations.map((redLine) => compiled.rules.redLines[redLine]!.id),
    pointsObjected: text.points.filter((_, k) => scores[k]! > 0).map((point) => point.number),
    blockingIssues: verdict.blocking.map((issue) => table.domain.issues[issue]!.id),
    reason: stanceReason(view, verdict, threshold, table.domain),
  };
}

function present(table: TalksTable, state: TalksContext, partyId: string, date: string): TalksContext {
  const p = table.partyIndex.get(partyId)!;
  const standing = state.parties[partyId]!;
  const { view, text } = judge(table, p, state.text!);
  const threshold = thresholdOf(table, state, p, view.range.min);
  const verdict = verdictAt(view, threshold);
  const basis = {
    version: state.version!,
    crossesRedLine: verdict.violations > 0,
    blocking: verdict.blocking.map((issue) => table.domain.issues[issue]!.id),
    utility: verdict.utility,
    threshold,
  };
  let machine = stepParty(standing.machine, { type: 'PROPOSAL', basis });
  let decision: PartyResponse['decision'];
  if (verdict.accepts) {
    machine = stepParty(machine, { type: 'ACCEPT' });
    decision = 'accepts';
  } else if (machine.context.crossings >= table.setup.walkOutAfter) {
    machine = stepParty(machine, { type: 'WALK_OUT', reason: 'too many texts in a row crossed its red lines' });
    decision = 'walks out';
  } else {
    machine = stepParty(machine, { type: 'OBJECT', reason: '' });
    decision = 'objects';
  }
  // Every talk step makes a new state: written out field by field (one object shape), not
  // spread and overridden, which V8 builds far more slowly, and this runs for every answer.
  const parties = { ...state.parties };
  parties[partyId] = { machine, strategy: standing.strategy, reservationShift: standing.reservationShift, leverage: standing.leverage, threshold, lastUtility: verdict.utility };
  return {
    phase: state.phase,
    date,
    round: state.round,
    text: state.text,
    version: state.version,
    parties,
    stall: state.stall,
    seen: state.seen,
    lastEffect: table.record ? { kind: 'response', response: responseOf(table, state, p, state.version!, view, text, verdict, threshold, decision) } : state.lastEffect,
    ending: state.ending,
  };
}

/** A new text on the table: a new version, and every answer about the old one void. */
function adopt(state: TalksContext, text: PlanSpec): TalksContext {
  const parties: Record<string, PartyStanding> = {};
  for (const [id, standing] of Object.entries(state.parties)) {
    parties[id] = standing.machine.value === 'walkedOut' ? standing : { machine: stepParty(standing.machine, { type: 'NEW_TEXT' }), strategy: standing.strategy, reservationShift: standing.reservationShift, leverage: standing.leverage, threshold: standing.threshold, lastUtility: standing.lastUtility };
  }
  return updated(state, { text, version: `${text.id}@${state.round + 1}`, parties, round: state.round + 1, seen: [...state.seen, fingerprint(text)] });
}

function mediate(table: TalksTable, state: TalksContext, date: string): TalksContext {
  const text = state.text!;
  const planText = planTextOf(table.domain, text);
  const views = table.parties.map((party) => viewOf(party, planText));
  const thresholds = views.map((view, p) => thresholdOf(table, state, p, view.range.min));
  const revision = table.mediator({
    domain: table.domain,
    text,
    planText,
    parties: table.parties,
    thresholds,
    views,
    verdicts: views.map((view, p) => verdictAt(view, thresholds[p]!)),
    leverage: table.parties.map((party) => leverageOf(state.parties[party.id]!)),
  });
  if (revision === null) {
    return updated(state, { date, stall: state.stall + 1, ...recorded(table, { kind: 'no-revision', reason: 'the mediator found nothing to change that would reduce the objections' }) });
  }
  const [revised, patches, inversePatches] = table.record ? produceWithPatches(text, revision.recipe) : [revisedByMediator(text, revision), [], []];
  if (state.seen.includes(fingerprint(revised))) {
    return updated(state, { date, stall: state.stall + 1, ...recorded(table, () => ({ kind: 'no-revision', reason: `the best change (${revision.rationale}) would bring back an earlier text` })) });
  }
  const adopted = adopt(state, revised);
  return updated(adopted, {
    date,
    stall: 0,
    ...recorded(table, () => ({ kind: 'revised', from: state.version!, to: adopted.version!, by: mediatorAuthor(table.setup), rationale: revision.rationale, patches, inversePatches })),
  });
}

// The texts the mediator made, by the text revised and the revision's key: the runs of an
// exploration start from the same texts and often revise them alike. Bounded: the texts a
// long exploration makes are many.
let mediated = new WeakMap<PlanSpec, Map<string, PlanSpec>>();
let mediatedCount = 0;
const MEDIATED_LIMIT = 20_000;

function revisedByMediator(text: PlanSpec, revision: MediatorRevision): PlanSpec {
  if (revision.key === undefined) return revise(text, revision);
  let byKey = mediated.get(text);
  const found = byKey?.get(revision.key);
  if (found !== undefined) return found;
  if (mediatedCount >= MEDIATED_LIMIT) (mediated = new WeakMap()), (mediatedCount = 0), (byKey = undefined);
  if (byKey === undefined) mediated.set(text, (byKey = new Map()));
  const revised = revise(text, revision);
  byKey.set(revision.key, revised);
  mediatedCount++;
  return revised;
}

/** The text revised without patches: by the revision's plain apply when it has one, else by its recipe. */
function revise(text: PlanSpec, revision: MediatorRevision): PlanSpec {
  return revision.apply === undefined ? produce(text, revision.recipe) : revision.apply(text);
}

// Texts, revisions and their checks, remembered per object: the talks meet the same texts
// again and again (every run of an exploration replays the same timeline).
const validity = new WeakMap<Domain, WeakMap<object, boolean>>();
const revisions = new WeakMap<Domain, WeakMap<object, WeakMap<IncomingRevision, PlanSpec | null>>>();
const fingerprints = new WeakMap<object, string>();

function validText(domain: Domain, text: unknown): text is PlanSpec {
  if (typeof text !== 'object' || text === null) return false;
  let byText = validity.get(domain);
  if (byText === undefined) validity.set(domain, (byText = new WeakMap()));
  let valid = byText.get(text);
  if (valid === undefined) {
    const problems = new ProblemList();
    byText.set(text, (valid = validatePlanSpec(text, domain, problems, []) && problems.isEmpty));
  }
  return valid;
}

/** `current` revised by `revision`, or null when the patches do not apply or the result is not a valid text. */
function revisedText(domain: Domain, current: PlanSpec, revision: IncomingRevision): PlanSpec | null {
  if (typeof revision !== 'object' || revision === null) return null;
  let byText = revisions.get(domain);
  if (byText === undefined) revisions.set(domain, (byText = new WeakMap()));
  let byRevision = byText.get(current);
  if (byRevision === undefined) byText.set(current, (byRevision = new WeakMap()));
  let revised = byRevision.get(revision);
  if (revised === undefined) {
    try {
      const result = applyPatches(current, revision.patches as Patch[]);
      revised = validText(domain, result) ? result : null;
    } catch {
      revised = null;
    }
    byRevision.set(revision, revised);
  }
  return revised;
}

/**
 * @internal A short, deterministic fingerprint of a text: FNV-1a over the hashes of its
 * header's fields and of each point's JSON, so that equal texts get equal fingerprints (the
 * talks never go back to a text they have seen). Each part's hash is remembered per object
 * (per string for the header's strings): a revision made with immer shares the points it
 * leaves alone, so fingerprinting it costs only what changed.
 */
export function fingerprint(text: PlanSpec): string {
  let found = fingerprints.get(text);
  if (found === undefined) {
    let hash = FNV_OFFSET;
    let length = 0;
    for (const key of Object.keys(text)) {
      if (key === 'points') continue;
      const value = (text as unknown as Record<string, unknown>)[key];
      const part = typeof value === 'object' && value !== null ? objectPrint(value) : stringPrint(typeof value === 'string' ? value : JSON.stringify(value));
      hash = mix(mix(mix(hash, stringPrint(key).hash), part.hash), part.length);
      length += part.length;
    }
    for (const point of text.points) {
      const part = objectPrint(point);
      hash = mix(mix(hash, part.hash), part.length);
      length += part.length;
    }
    fingerprints.set(text, (found = `${hash.toString(16)}:${text.points.length}:${length}`));
  }
  return found;
}

/** A part of a text, as the fingerprint reads it: the FNV-1a hash of its JSON (or of the string itself) and its length. */
interface Print {
  readonly hash: number;
  readonly length: number;
}

const FNV_OFFSET = 0x811c9dc5;
const objectPrints = new WeakMap<object, Print>();
const stringPrints = new Map<string, Print>();

function mix(hash: number, value: number): number {
  return Math.imul(hash ^ value, 0x01000193) >>> 0;
}

function objectPrint(value: object): Print {
  let found = objectPrints.get(value);
  if (found === undefined) {
    const json = JSON.stringify(value);
    objectPrints.set(value, (found = { hash: fnv1a(json), length: json.length }));
  }
  return found;
}

function stringPrint(text: string): Print {
  let found = stringPrints.get(text);
  if (found === undefined) {
    if (stringPrints.size >= 10_000) stringPrints.clear();
    stringPrints.set(text, (found = { hash: fnv1a(text), length: text.length }));
  }
  return found;
}

function fnv1a(text: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) hash = mix(hash, text.charCodeAt(i));
  return hash;
}
