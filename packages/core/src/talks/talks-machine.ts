import { applyPatches, enablePatches, produceWithPatches, type Patch } from 'immer';
import { assign, initialTransition, setup, transition, type AnyStateMachine } from 'xstate';
import type { Assessment } from '../model/assessment.js';
import { assessPlan } from '../model/assess.js';
import { bindPlan, validatePlanSpec, type Plan } from '../model/plan.js';
import { ProblemList } from '../model/problems.js';
import type { Scenario } from '../scenario/scenario.js';
import type { PlanSpec } from '../model/specs.js';
import { mediatorRevision } from './mediator.js';
import { partyMachine, type PartyMachineContext, type ResponseBasis } from './party-machine.js';
import { planLifecycleMachine, type PlanLifecycleContext } from './plan-lifecycle-machine.js';
import { atThreshold, bestUtility } from './party-variants.js';
import { partyThreshold } from './strategies.js';
import type { PartyResponse, PartyStanding, SubState, TalksContext, TalksEvent, TalksSetup, TalksStatus } from './talks-types.js';

/** @internal A short, deterministic fingerprint of a text (FNV-1a over its JSON). */
export function fingerprint(text: PlanSpec): string {
  const json = JSON.stringify(text);
  let hash = 0x811c9dc5;
  for (let i = 0; i < json.length; i++) {
    hash ^= json.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${hash.toString(16)}:${json.length}`;
}

/** Runs one event through a sub-machine kept as plain data, and returns its new plain state. */
function stepSub<TContext>(machine: AnyStateMachine, state: SubState<TContext>, event: { readonly type: string } & Record<string, unknown>): SubState<TContext> {
  const snapshot = machine.resolveState({ value: state.value, context: state.context });
  const [next] = transition(machine, snapshot, event);
  return { value: String(next.value), context: next.context as TContext };
}

function initialSub<TContext>(machine: AnyStateMachine, input: unknown): SubState<TContext> {
  const [snapshot] = initialTransition(machine, input);
  return { value: String(snapshot.value), context: snapshot.context as TContext };
}

const TERMINAL_PARTY = 'walkedOut';

/**
 * The talks as a state machine, for one scenario: a mediated single negotiating text (the
 * shuttle diplomacy the US ran between Geneva, Florida and Moscow). The mediator presents
 * its text to each party in turn (`PRESENT`); each party's machine considers it and
 * accepts or objects, never across its own red lines; the text is revised, by a scripted
 * revision (`REVISE`) or by the mediator's strategy (`MEDIATE`); shocks arrive as events in
 * any state (`BATTLEFIELD`, `NEGOTIATOR_CHANGE`, `DEADLINE`). The talks end `agreed` when
 * every party accepts the same version (the plan is then signed), `broken-off` when a party
 * walks out, `stalled` when the mediator runs out of changes, `expired` at a hard deadline,
 * or `adjourned` when they are ended without agreement.
 *
 * Decisions live in pure functions (assessment, strategies, the mediator); the machine
 * keeps the protocol legal. Its context is plain data, so snapshots serialise, and the
 * pure `transition` function runs it in batch without an actor.
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
export function createTalksMachine(scenario: Scenario, talks: TalksSetup) {
  enablePatches();
  const domain = scenario.domain;
  const partyIds = scenario.parties.map((party) => party.id);
  const partyById = new Map(scenario.parties.map((party) => [party.id, party]));
  const bestOf = new Map(scenario.parties.map((party) => [party.id, bestUtility(party)] as const));
  const planOfText = (text: PlanSpec): Plan => bindPlan(domain, text);
  const validText = (text: unknown): text is PlanSpec => {
    const problems = new ProblemList();
    return validatePlanSpec(text, domain, problems, []) && problems.isEmpty;
  };
  const reservationOf = (context: TalksContext, party: string) => partyById.get(party)!.reservationValue + context.parties[party]!.reservationShift;
  const thresholdOf = (context: TalksContext, party: string, utility: number): number => {
    const standing = context.parties[party]!;
    return partyThreshold(standing.strategy, {
      time: Math.min(1, context.round / Math.max(1, talks.maxRounds)),
      reservation: reservationOf(context, party),
      best: bestOf.get(party)!,
      previousThreshold: standing.threshold,
      improvement: standing.lastUtility === null ? 0 : utility - standing.lastUtility,
    });
  };
  const assessAt = (context: TalksContext, party: string, plan: Plan): { assessment: Assessment; threshold: number } => {
    const base = partyById.get(party)!;
    const utility = assessPlan(base, plan).utility;
    const threshold = thresholdOf(context, party, utility);
    return { assessment: assessPlan(atThreshold(base, threshold), plan), threshold };
  };
  const responseOf = (party: string, version: string, assessment: Assessment, threshold: number, decision: PartyResponse['decision']): PartyResponse => ({
    party,
    version,
    decision,
    stance: assessment.stance,
    utility: assessment.utility,
    threshold,
    margin: assessment.margin,
    redLinesCrossed: assessment.violations.map((violation) => violation.redLine),
    pointsObjected: assessment.points.filter((point) => point.verdict !== 'acceptable').map((point) => point.point),
    blockingIssues: assessment.openIssues.filter((open) => open.blocking).map((open) => open.issue),
    reason: assessment.reasons.join('; '),
  });
  const unresolvedIssues = (context: TalksContext): string[] => {
    if (context.text === null) return [];
    const plan = planOfText(context.text);
    const issues = new Set<string>();
    for (const party of partyIds) {
      const { assessment } = assessAt(context, party, plan);
      for (const violation of assessment.violations) violation.issues.forEach((issue) => issues.add(issue));
      for (const open of assessment.openIssues) if (open.blocking) issues.add(open.issue);
    }
    return domain.issues.map((issue) => issue.id).filter((issue) => issues.has(issue));
  };
  /** A new text version: the plan machine amends, circulates and presents it. */
  const adoptText = (context: TalksContext, text: PlanSpec): Partial<TalksContext> => {
    const version = `${text.id}@${context.round + 1}`;
    let plan = context.plan!;
    for (const event of [{ type: 'AMEND', version }, { type: 'CIRCULATE' }, { type: 'PRESENT' }]) plan = stepSub(planLifecycleMachine, plan, event);
    // Every answer was about the old text: the parties are back to `engaged` until they see the new one.
    const parties = Object.fromEntries(
      Object.entries(context.parties).map(([id, standing]) => [id, standing.machine.value === TERMINAL_PARTY ? standing : { ...standing, machine: stepSub(partyMachine, standing.machine, { type: 'NEW_TEXT' }) }]),
    );
    return { text, version, plan, parties, round: context.round + 1, seen: [...context.seen, fingerprint(text)] };
  };
  const reasonFor: Record<TalksStatus, (context: TalksContext) => string> = {
    agreed: (context) => `every party accepted version ${context.version}; the plan is signed`,
    'broken-off': (context) =>
      `${Object.entries(context.parties).filter(([, standing]) => standing.machine.value === TERMINAL_PARTY).map(([party]) => partyById.get(party)!.name).join(', ')} walked out`,
    stalled: () => `the mediator found nothing to change ${talks.stallLimit} times in a row`,
    expired: (context) => `a hard deadline passed on ${context.date}`,
    adjourned: (context) => `the talks ended on ${context.date} without agreement`,
  };
  const endingOf = (status: TalksStatus, context: TalksContext): Pick<TalksContext, 'ending'> => ({
    ending: { status, reason: reasonFor[status](context), unresolvedIssues: status === 'agreed' ? [] : unresolvedIssues(context) },
  });

  // Shocks arrive in every state that is not final (and in no final one: ended talks stay
  // ended); illegal events are simply not taken.
  const shocks = {
    BATTLEFIELD: { guard: 'knownParties', actions: 'battlefield' },
    NEGOTIATOR_CHANGE: { guard: 'knownParty', actions: 'negotiatorChange' },
    DEADLINE: [{ guard: 'hardDeadline', actions: 'deadline', target: '#talks.expired' }, { actions: 'deadline' }],
  } as const;

  return setup({
    types: {} as { context: TalksContext; events: TalksEvent },
    guards: {
      validStart: ({ event }) => event.type === 'START' && validText(event.text),
      canPresent: ({ context, event }) =>
        event.type === 'PRESENT' && context.text !== null && context.parties[event.party] !== undefined && context.parties[event.party]!.machine.value !== TERMINAL_PARTY,
      revisionApplies: ({ context, event }) => {
        if (event.type !== 'REVISE' || context.text === null) return false;
        try {
          return validText(applyPatches(context.text, event.revision.patches as Patch[]));
        } catch {
          return false;
        }
      },
      hasText: ({ context }) => context.text !== null,
      validCounterProposal: ({ context, event }) => event.type === 'COUNTER_PROPOSAL' && context.text !== null && context.parties[event.by] !== undefined && validText(event.plan),
      knownParties: ({ context, event }) => event.type === 'BATTLEFIELD' && event.effects.every((effect) => context.parties[effect.party] !== undefined),
      knownParty: ({ context, event }) =>
        (event.type === 'NEGOTIATOR_CHANGE' || event.type === 'WALK_OUT') && context.parties[event.party] !== undefined && context.parties[event.party]!.machine.value !== TERMINAL_PARTY,
      hardDeadline: ({ event }) => event.type === 'DEADLINE' && event.hard,
      someoneWalkedOut: ({ context }) => Object.values(context.parties).some((standing) => standing.machine.value === TERMINAL_PARTY),
      everyoneAccepted: ({ context }) => context.plan?.value === 'accepted',
      stalledOut: ({ context }) => context.stall >= talks.stallLimit,
    },
    actions: {
      start: assign(({ context, event }) => {
        if (event.type !== 'START') return {};
        const version = `${event.text.id}@0`;
        let plan = initialSub<PlanLifecycleContext>(planLifecycleMachine, { version, signatories: partyIds });
        plan = stepSub(planLifecycleMachine, plan, { type: 'CIRCULATE' });
        plan = stepSub(planLifecycleMachine, plan, { type: 'PRESENT' });
        return { text: event.text, version, plan, date: event.date, round: context.round, seen: [fingerprint(event.text)], lastEffect: { kind: 'opened', version } };
      }),
      present: assign(({ context, event }) => {
        if (event.type !== 'PRESENT') return {};
        const plan = planOfText(context.text!);
        const { assessment, threshold } = assessAt(context, event.party, plan);
        const standing = context.parties[event.party]!;
        const basis: ResponseBasis = {
          version: context.version!,
          crossesRedLine: assessment.violations.length > 0,
          blocking: assessment.openIssues.filter((open) => open.blocking).map((open) => open.issue),
          utility: assessment.utility,
          threshold,
        };
        let machine = stepSub<PartyMachineContext>(partyMachine, standing.machine, { type: 'PROPOSAL', basis });
        let decision: PartyResponse['decision'];
        if (assessment.accepts) {
          machine = stepSub(partyMachine, machine, { type: 'ACCEPT' });
          decision = 'accepts';
        } else if (machine.context.crossings >= talks.walkOutAfter) {
          machine = stepSub(partyMachine, machine, { type: 'WALK_OUT', reason: 'too many texts in a row crossed its red lines' });
          decision = 'walks out';
        } else {
          machine = stepSub(partyMachine, machine, { type: 'OBJECT', reason: assessment.reasons.join('; ') });
          decision = 'objects';
        }
        const planEvent = machine.value === 'accepting' ? { type: 'ACCEPT', party: event.party, version: context.version! } : { type: 'REJECT', party: event.party };
        return {
          date: event.date,
          plan: stepSub(planLifecycleMachine, context.plan!, planEvent),
          parties: { ...context.parties, [event.party]: { ...standing, machine, threshold, lastUtility: assessment.utility } },
          lastEffect: { kind: 'response', response: responseOf(event.party, context.version!, assessment, threshold, decision) },
        };
      }),
      revise: assign(({ context, event }) => {
        if (event.type !== 'REVISE') return {};
        const text = applyPatches(context.text!, event.revision.patches as Patch[]);
        const from = context.version!;
        const adopted = adoptText(context, text);
        return {
          ...adopted,
          date: event.date,
          stall: 0,
          lastEffect: { kind: 'revised', from, to: adopted.version!, by: event.revision.author, rationale: event.revision.rationale, patches: event.revision.patches, inversePatches: event.revision.inversePatches ?? [] },
        };
      }),
      mediate: assign(({ context, event }) => {
        if (event.type !== 'MEDIATE') return {};
        const plan = planOfText(context.text!);
        const assessed = partyIds.map((party) => assessAt(context, party, plan));
        const parties = partyIds.map((party, index) => atThreshold(partyById.get(party)!, assessed[index]!.threshold));
        const revision = mediatorRevision(talks.mediatorStrategy, {
          plan,
          assessments: assessed.map((entry) => entry.assessment),
          parties,
          assess: (text) => parties.map((party) => assessPlan(party, planOfText(text))),
          leverage: partyIds.map((party) => context.parties[party]!.leverage),
        });
        if (revision === null) {
          return { date: event.date, stall: context.stall + 1, lastEffect: { kind: 'no-revision', reason: 'the mediator found nothing to change that would reduce the objections' } };
        }
        const [text, patches, inversePatches] = produceWithPatches(context.text!, revision.recipe);
        if (context.seen.includes(fingerprint(text))) {
          return { date: event.date, stall: context.stall + 1, lastEffect: { kind: 'no-revision', reason: `the best change (${revision.rationale}) would bring back an earlier text` } };
        }
        const from = context.version!;
        const adopted = adoptText(context, text);
        return {
          ...adopted,
          date: event.date,
          stall: 0,
          lastEffect: { kind: 'revised', from, to: adopted.version!, by: talks.mediator, rationale: revision.rationale, patches, inversePatches },
        };
      }),
      counterProposal: assign(({ context, event }) => {
        if (event.type !== 'COUNTER_PROPOSAL') return {};
        const plan = planOfText(event.plan);
        const responses = partyIds.map((party) => {
          const { assessment, threshold } = assessAt(context, party, plan);
          return responseOf(party, event.plan.id, assessment, threshold, assessment.accepts ? 'accepts' : 'objects');
        });
        return { date: event.date, lastEffect: { kind: 'counter-proposal', plan: event.plan.id, by: event.by, responses } };
      }),
      battlefield: assign(({ context, event }) => {
        if (event.type !== 'BATTLEFIELD') return {};
        const parties: Record<string, PartyStanding> = { ...context.parties };
        for (const effect of event.effects) {
          const standing = parties[effect.party]!;
          parties[effect.party] = { ...standing, reservationShift: standing.reservationShift + (effect.reservationShift ?? 0), leverage: standing.leverage + (effect.leverageShift ?? 0) };
        }
        return { date: event.date, parties, lastEffect: { kind: 'shock', summary: event.summary } };
      }),
      negotiatorChange: assign(({ context, event }) => {
        if (event.type !== 'NEGOTIATOR_CHANGE') return {};
        const standing = context.parties[event.party]!;
        return { date: event.date, parties: { ...context.parties, [event.party]: { ...standing, strategy: event.strategy } }, lastEffect: { kind: 'shock', summary: event.summary } };
      }),
      deadline: assign(({ event }) => (event.type === 'DEADLINE' ? { date: event.date, deadlinePassed: true, lastEffect: { kind: 'shock', summary: event.summary } } : {})),
      walkOut: assign(({ context, event }) => {
        if (event.type !== 'WALK_OUT') return {};
        const standing = context.parties[event.party]!;
        return { date: event.date, parties: { ...context.parties, [event.party]: { ...standing, machine: stepSub(partyMachine, standing.machine, { type: 'WALK_OUT', reason: event.reason }) } } };
      }),
      signPlan: assign(({ context }) => ({ plan: stepSub(planLifecycleMachine, context.plan!, { type: 'SIGN' }) })),
      endAgreed: assign(({ context }) => endingOf('agreed', context)),
      endBrokenOff: assign(({ context }) => endingOf('broken-off', context)),
      endStalled: assign(({ context }) => endingOf('stalled', context)),
      endExpired: assign(({ context }) => endingOf('expired', context)),
      endAdjourned: assign(({ context }) => endingOf('adjourned', context)),
      endDate: assign(({ event }) => ('date' in event ? { date: event.date } : {})),
    },
  }).createMachine({
    id: 'talks',
    context: {
      date: null,
      round: 0,
      text: null,
      version: null,
      plan: null,
      parties: Object.fromEntries(
        scenario.parties.map((party) => [
          party.id,
          {
            machine: initialSub<PartyMachineContext>(partyMachine, { party: party.id }),
            strategy: talks.strategies?.[party.id] ?? 'linear',
            reservationShift: 0,
            leverage: 1,
            threshold: party.reservationValue,
            lastUtility: null,
          } satisfies PartyStanding,
        ]),
      ),
      stall: 0,
      seen: [],
      deadlinePassed: false,
      lastEffect: null,
      ending: null,
    },
    initial: 'idle',
    states: {
      idle: {
        on: { START: { guard: 'validStart', target: 'inSession', actions: 'start' }, ...shocks },
      },
      inSession: {
        always: [
          { guard: 'someoneWalkedOut', target: 'brokenOff' },
          { guard: 'everyoneAccepted', target: 'agreed' },
          { guard: 'stalledOut', target: 'stalled' },
        ],
        on: {
          PRESENT: { guard: 'canPresent', actions: 'present' },
          REVISE: { guard: 'revisionApplies', actions: 'revise' },
          MEDIATE: { guard: 'hasText', actions: 'mediate' },
          COUNTER_PROPOSAL: { guard: 'validCounterProposal', actions: 'counterProposal' },
          WALK_OUT: { guard: 'knownParty', actions: 'walkOut' },
          END: { target: 'adjourned', actions: 'endDate' },
          ...shocks,
        },
      },
      agreed: { type: 'final', entry: ['signPlan', 'endAgreed'] },
      brokenOff: { type: 'final', entry: 'endBrokenOff' },
      stalled: { type: 'final', entry: 'endStalled' },
      expired: { type: 'final', entry: 'endExpired' },
      adjourned: { type: 'final', entry: 'endAdjourned' },
    },
  });
}

/** The machine type for one scenario's talks. */
export type TalksMachine = ReturnType<typeof createTalksMachine>;
