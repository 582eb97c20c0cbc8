import { applyPatches, enablePatches, produce, type Draft, type Patch } from 'immer';
import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';
import type { Domain } from '../model/domain.js';
import { bindPlan, validatePlanSpec } from '../model/plan.js';
import { ProblemList } from '../model/problems.js';
import type { Scenario } from '../scenario/scenario.js';
import type { PlanSpec } from '../model/specs.js';
import { applySettlement, bestResettlement, type CandidateScore } from '../talks/mediator.js';
import { eventsFor, inDateOrder } from '../talks/runner.js';
import { partyThreshold, type PartyStrategyName } from '../talks/strategies.js';
import { fingerprint } from '../talks/talks-machine.js';
import type { TalksSetup, TalksStatus } from '../talks/talks-types.js';
import type { TalksSpec } from '../talks/timeline.js';
import { pointScoresAt, verdictAt, type Judge, type SimText, type TextView, type Verdict } from './judge.js';
import type { SimParty } from './sim-party.js';
import { bareText, simTextOf } from './sim-text.js';

/**
 * One step of the talks as the batch path runs it: the timeline's events, resolved once
 * per scenario (plan texts are indexes into {@link TalksProgram.texts}, parties are indexes).
 */
export type TalksOp =
  | { readonly kind: 'start'; readonly text: number }
  | { readonly kind: 'present'; readonly party: number }
  | { readonly kind: 'revise'; readonly text: number }
  | { readonly kind: 'mediate' }
  | { readonly kind: 'battlefield'; readonly effects: readonly { readonly party: number; readonly reservationShift: number; readonly leverageShift: number }[] }
  | { readonly kind: 'negotiator-change'; readonly party: number; readonly strategy: PartyStrategyName }
  | { readonly kind: 'deadline'; readonly hard: boolean }
  | { readonly kind: 'end' };

/**
 * A scenario's talks compiled for the batch path: plain, structured-clonable data. The
 * texts the timeline puts on the table do not depend on any party's numbers (only the
 * mediator's free rounds do), so they are worked out here once.
 */
export interface TalksProgram {
  readonly setup: TalksSetup;
  readonly texts: readonly PlanSpec[];
  /** The timeline's events in replay order. Events that change nothing an ending depends on (a counter-proposal) are left out. */
  readonly ops: readonly TalksOp[];
}

/**
 * Compiles a scenario's talks for {@link createTalksKernel}: the timeline in replay order
 * as ops, with each revision applied to the text it revises (as `runScenario` does).
 *
 * @example
 * ```ts
 * const program = compileTalksProgram(scenario, talks);
 * program.ops.filter((op) => op.kind === 'present').length; // 11
 * ```
 */
export function compileTalksProgram(scenario: Scenario, talks: TalksSpec): TalksProgram {
  enablePatches();
  const partyIndex = new Map(scenario.parties.map((party, index) => [party.id, index]));
  const texts: PlanSpec[] = [];
  const ops: TalksOp[] = [];
  let current: PlanSpec | null = null;
  const valid = (text: unknown): boolean => {
    const problems = new ProblemList();
    return validatePlanSpec(text, scenario.domain, problems, []) && problems.isEmpty;
  };
  const textIndex = (text: PlanSpec): number => texts.push(text) - 1;
  for (const { event } of inDateOrder(talks.timeline)) {
    for (const talksEvent of eventsFor(scenario, event, current)) {
      switch (talksEvent.type) {
        case 'START':
          // Only the first valid START opens the talks; the machine refuses any later one.
          if (current === null && valid(talksEvent.text)) {
            current = talksEvent.text;
            ops.push({ kind: 'start', text: textIndex(current) });
          }
          break;
        case 'PRESENT':
          ops.push({ kind: 'present', party: partyIndex.get(talksEvent.party)! });
          break;
        case 'REVISE': {
          if (current === null) break;
          let revised: PlanSpec | null = null;
          try {
            revised = applyPatches(current, talksEvent.revision.patches as Patch[]);
          } catch {
            revised = null;
          }
          if (revised !== null && valid(revised)) {
            current = revised;
            ops.push({ kind: 'revise', text: textIndex(revised) });
          }
          break;
        }
        case 'BATTLEFIELD':
          ops.push({
            kind: 'battlefield',
            effects: talksEvent.effects.map((effect) => ({ party: partyIndex.get(effect.party)!, reservationShift: effect.reservationShift ?? 0, leverageShift: effect.leverageShift ?? 0 })),
          });
          break;
        case 'NEGOTIATOR_CHANGE':
          ops.push({ kind: 'negotiator-change', party: partyIndex.get(talksEvent.party)!, strategy: talksEvent.strategy });
          break;
        case 'DEADLINE':
          ops.push({ kind: 'deadline', hard: talksEvent.hard });
          break;
        default:
          // COUNTER_PROPOSAL: the parties answer it, but nothing an ending depends on moves.
          break;
      }
    }
  }
  return { setup: talks.setup, texts, ops };
}

/** @internal One simulated run: the parties' numbers, and the views and bests worked out so far. */
export interface KernelRun {
  readonly parties: readonly SimParty[];
  readonly views: Map<string, TextView>[];
  readonly bests: (number | undefined)[];
}

/**
 * Whether a party stands by the version on the table: accepting, and about this version. (The
 * plan's own record of acceptances would say the same: a revision clears both.)
 */
function acceptsCurrent(party: KernelParty, version: number): boolean {
  return party.state === 'accepting' && party.basisVersion === version;
}

type PartyState = 'engaged' | 'considering' | 'accepting' | 'objecting' | 'walkedOut';

/** Where one party stands, as plain data. */
export interface KernelParty {
  readonly state: PartyState;
  /** The version its current answer is about (-1 before any). */
  readonly basisVersion: number;
  readonly basisAllowsAccept: boolean;
  readonly crossings: number;
  readonly strategy: PartyStrategyName;
  readonly reservationShift: number;
  readonly leverage: number;
  readonly threshold: number;
  readonly lastUtility: number | null;
}

interface KernelText {
  readonly spec: PlanSpec;
  readonly sim: SimText;
  /** The fingerprint the talks machine gives this text (it never goes back to a text it has seen). */
  readonly print: string;
}

/** The talks' state on the batch path: plain data, replaced (never changed) by each step. */
export interface KernelState {
  readonly phase: 'idle' | 'inSession' | TalksStatus;
  readonly text: KernelText | null;
  readonly version: number;
  readonly round: number;
  readonly stall: number;
  readonly seen: readonly string[];
  readonly parties: readonly KernelParty[];
}

/** How a simulated run of the talks ended. */
export interface KernelOutcome {
  readonly status: TalksStatus;
  /** Parties (indexes) accepting the final version. */
  readonly acceptedBy: readonly number[];
  /** Revisions adopted (scripted and the mediator's). */
  readonly revisions: number;
}

/**
 * The talks on the batch path: the mediated single negotiating text as pure transition
 * functions over plain state, with the parties' decisions made by the fast {@link Judge}.
 * It follows `createTalksMachine` step for step (guards, party and plan sub-states, the
 * `always` endings, the mediator's strategies, the seeded order of free rounds), and a
 * property test holds the two together on the Ukraine talks and on generated ones. It
 * exists because xstate interprets each event in tens of microseconds: fine for a replay,
 * too slow for a hundred thousand simulated talks.
 *
 * @example
 * ```ts
 * const kernel = createTalksKernel(scenario.domain, program, judge);
 * kernel.simulate(parties, { seed: 1, rounds: 0 }).status; // 'adjourned'
 * ```
 */
export function createTalksKernel(domain: Domain, program: TalksProgram, judge: Judge) {
  const { setup } = program;
  const optionCounts = domain.issues.map((issue) => issue.options.length);
  const texts: KernelText[] = program.texts.map((spec) => ({ spec, sim: simTextOf(domain, spec), print: fingerprint(spec) }));

  const viewOf = (run: KernelRun, party: number, text: SimText): TextView => {
    const cache = run.views[party]!;
    let view = cache.get(text.textKey);
    if (view === undefined) cache.set(text.textKey, (view = judge.view(party, run.parties[party]!, text)));
    return view;
  };
  const bestOf = (run: KernelRun, party: number): number => (run.bests[party] ??= judge.best(party, run.parties[party]!));
  const thresholdOf = (run: KernelRun, state: KernelState, party: number, utility: number): number => {
    const standing = state.parties[party]!;
    return partyThreshold(standing.strategy, {
      time: Math.min(1, state.round / Math.max(1, setup.maxRounds)),
      reservation: run.parties[party]!.reservation + standing.reservationShift,
      best: bestOf(run, party),
      previousThreshold: standing.threshold,
      improvement: standing.lastUtility === null ? 0 : utility - standing.lastUtility,
    });
  };
  const withParty = (state: KernelState, index: number, party: KernelParty): KernelState => ({ ...state, parties: state.parties.map((old, i) => (i === index ? party : old)) });
  const isFinal = (state: KernelState): boolean => state.phase !== 'idle' && state.phase !== 'inSession';

  /** The `always` transitions of the session: walk-out, agreement, stall. */
  const settle = (state: KernelState): KernelState => {
    if (state.phase !== 'inSession') return state;
    if (state.parties.some((party) => party.state === 'walkedOut')) return { ...state, phase: 'broken-off' };
    if (state.parties.length > 0 && state.parties.every((party) => acceptsCurrent(party, state.version))) return { ...state, phase: 'agreed' };
    if (state.stall >= setup.stallLimit) return { ...state, phase: 'stalled' };
    return state;
  };

  /** A new text on the table: a new version, and every answer about the old one void. */
  const adopt = (state: KernelState, text: KernelText): KernelState => ({
    ...state,
    text,
    version: state.version + 1,
    round: state.round + 1,
    stall: 0,
    seen: [...state.seen, text.print],
    parties: state.parties.map((party) =>
      // NEW_TEXT: every answer was about a version that is gone.
      party.state === 'walkedOut' ? party : { ...party, state: 'engaged' },
    ),
  });

  const present = (run: KernelRun, state: KernelState, index: number): KernelState => {
    const standing = state.parties[index]!;
    if (state.phase !== 'inSession' || state.text === null || standing.state === 'walkedOut') return state;
    const view = viewOf(run, index, state.text.sim);
    const threshold = thresholdOf(run, state, index, view.min);
    const verdict = verdictAt(view, threshold);
    let party: KernelParty = standing;
    // PROPOSAL: a party already considering a text ignores another (as its machine does).
    if (party.state !== 'considering') {
      const crosses = verdict.violations > 0;
      party = { ...party, state: 'considering', basisVersion: state.version, basisAllowsAccept: !crosses && verdict.blocking.length === 0, crossings: crosses ? party.crossings + 1 : 0 };
    }
    if (verdict.accepts) {
      if (party.basisAllowsAccept) party = { ...party, state: 'accepting' };
    } else if (party.crossings >= setup.walkOutAfter) {
      party = { ...party, state: 'walkedOut' };
    } else {
      party = { ...party, state: 'objecting' };
    }
    party = { ...party, threshold, lastUtility: verdict.utility };
    return withParty(state, index, party);
  };

  const mediate = (run: KernelRun, state: KernelState): KernelState => {
    if (state.phase !== 'inSession' || state.text === null) return state;
    const text = state.text;
    const views = state.parties.map((_, p) => viewOf(run, p, text.sim));
    const thresholds = views.map((view, p) => thresholdOf(run, state, p, view.min));
    const verdicts = views.map((view, p) => verdictAt(view, thresholds[p]!));
    const recipe = mediatorRecipe(run, state, text, views, thresholds, verdicts);
    if (recipe === null) return { ...state, stall: state.stall + 1 };
    const spec = produce(text.spec, recipe);
    const print = fingerprint(spec);
    if (state.seen.includes(print)) return { ...state, stall: state.stall + 1 };
    return adopt(state, { spec, sim: simTextOf(domain, spec), print });
  };

  /** The mediator's revision of the text, or null: the choices of `mediatorRevision`, on the fast judge. */
  const mediatorRecipe = (
    run: KernelRun,
    state: KernelState,
    text: KernelText,
    views: readonly TextView[],
    thresholds: readonly number[],
    verdicts: readonly Verdict[],
  ): ((draft: Draft<PlanSpec>) => void) | null => {
    const scores = new Map<number, number>();
    views.forEach((view, p) => {
      const weight = Math.max(0, state.parties[p]!.leverage);
      pointScoresAt(view, text.sim, thresholds[p]!).forEach((score, k) => {
        if (score > 0) {
          const number = text.sim.points[k]!.number;
          scores.set(number, (scores.get(number) ?? 0) + score * weight);
        }
      });
    });
    if (setup.mediatorStrategy === 'drop-most-objected') {
      let target: { point: number; score: number } | null = null;
      for (const [point, score] of scores) if (target === null || score > target.score || (score === target.score && point < target.point)) target = { point, score };
      if (target === null || text.spec.points.length <= 1) return null;
      const dropped = target.point;
      return (draft) => {
        draft.points = draft.points.filter((point) => point.number !== dropped);
      };
    }
    if (setup.mediatorStrategy !== 'amend-most-objected') {
      throw new Error(`the batch path does not run the "${setup.mediatorStrategy}" mediator in free rounds`);
    }
    const candidates: number[][] = [...scores.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .map(([number]) => text.sim.points.find((point) => point.number === number)!.issues as number[]);
    const blockCounts = new Map<number, number>();
    for (const verdict of verdicts) for (const issue of verdict.blocking) blockCounts.set(issue, (blockCounts.get(issue) ?? 0) + 1);
    for (const [issue] of [...blockCounts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])) candidates.push([issue]);

    const score = (views: readonly TextView[]): CandidateScore => {
      let crossed = 0;
      let least = Infinity;
      views.forEach((view, p) => {
        crossed += view.violations.length;
        least = Math.min(least, view.min - thresholds[p]!);
      });
      return [-crossed, least];
    };
    const current = text.sim.settlement;
    for (const issues of candidates) {
      if (issues.length === 0) continue;
      const chosen = bestResettlement(optionCounts, current, issues, score(views), (choice) => {
        const settlement = Int16Array.from(current);
        issues.forEach((issue, k) => (settlement[issue] = choice[k]!));
        const candidate = bareText(settlement);
        return score(state.parties.map((_, p) => viewOf(run, p, candidate)));
      });
      if (chosen !== null) {
        const plan = bindPlan(domain, text.spec);
        return (draft) => applySettlement(draft, plan, issues, chosen);
      }
    }
    return null;
  };

  /** One op applied to a state: the next state (the same one when the op is refused). */
  const step = (run: KernelRun, state: KernelState, op: TalksOp): KernelState => {
    if (isFinal(state)) return state;
    switch (op.kind) {
      case 'start': {
        if (state.phase !== 'idle') return state;
        const text = texts[op.text]!;
        return settle({ ...state, phase: 'inSession', text, version: 0, seen: [text.print] });
      }
      case 'present':
        return settle(present(run, state, op.party));
      case 'revise': {
        if (state.phase !== 'inSession' || state.text === null) return state;
        return settle(adopt(state, texts[op.text]!));
      }
      case 'mediate':
        return settle(mediate(run, state));
      case 'battlefield':
        return settle({
          ...state,
          parties: state.parties.map((party, p) =>
            op.effects.reduce((moved, effect) => (effect.party === p ? { ...moved, reservationShift: moved.reservationShift + effect.reservationShift, leverage: moved.leverage + effect.leverageShift } : moved), party),
          ),
        });
      case 'negotiator-change': {
        const party = state.parties[op.party]!;
        if (party.state === 'walkedOut') return state;
        return settle(withParty(state, op.party, { ...party, strategy: op.strategy }));
      }
      case 'deadline':
        return op.hard ? { ...state, phase: 'expired' } : settle(state);
      case 'end':
        return state.phase === 'inSession' ? { ...state, phase: 'adjourned' } : state;
    }
  };

  /**
   * Simulates the whole talks for one run's parties: the timeline, then `rounds` free rounds
   * (the mediator revises, then every party sees the text, in an order drawn from `seed`),
   * then the end, exactly as `runScenario` does. `views` (one map per party, by
   * `SimText.textKey`) lets a caller share the views it already has of these parties.
   */
  const simulate = (parties: readonly SimParty[], options: { readonly seed: number; readonly rounds: number; readonly views?: Map<string, TextView>[] }): KernelOutcome => {
    const run: KernelRun = { parties, views: options.views ?? parties.map(() => new Map()), bests: parties.map(() => undefined) };
    const rng = xoroshiro128plus(options.seed);
    let state: KernelState = {
      phase: 'idle',
      text: null,
      version: -1,
      round: 0,
      stall: 0,
      seen: [],
      parties: parties.map((party) => ({
        state: 'engaged',
        basisVersion: -1,
        basisAllowsAccept: false,
        crossings: 0,
        strategy: party.strategy,
        reservationShift: 0,
        leverage: 1,
        threshold: party.reservation,
        lastUtility: null,
      })),
    };
    let revisions = 0;
    const apply = (op: TalksOp): void => {
      const next = step(run, state, op);
      if (next.version > state.version && state.version >= 0) revisions++;
      state = next;
    };
    for (const op of program.ops) apply(op);
    for (let round = 0; round < options.rounds && !isFinal(state); round++) {
      apply({ kind: 'mediate' });
      const order = parties.map((_, index) => index);
      for (let i = order.length - 1; i > 0; i--) {
        const j = unsafeUniformIntDistribution(0, i, rng);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const party of order) if (!isFinal(state)) apply({ kind: 'present', party });
    }
    if (!isFinal(state)) apply({ kind: 'end' });
    const status: TalksStatus = isFinal(state) ? (state.phase as TalksStatus) : 'adjourned';
    const acceptedBy = state.parties.flatMap((party, index) => (acceptsCurrent(party, state.version) ? [index] : []));
    return { status, acceptedBy, revisions };
  };

  return { simulate };
}

/** The batch-path talks made by {@link createTalksKernel}. */
export type TalksKernel = ReturnType<typeof createTalksKernel>;
