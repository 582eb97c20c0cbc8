import { fileURLToPath } from 'node:url';
import { fc, test } from '@fast-check/vitest';
import { enablePatches, produceWithPatches } from 'immer';
import { describe, expect, vi } from 'vitest';
import { createActor, initialTransition, transition, type Actor } from 'xstate';
import {
  acceptedBy,
  assessPlan,
  createPlan,
  createScenario,
  createTalksMachine,
  mediatorStrategyNames,
  partyOf,
  partyStrategyNames,
  runScenario,
  type PartySpec,
  type PartyStrategyName,
  type PlanSpec,
  type Scenario,
  type TalksContext,
  type TalksEvent,
  type TalksMachine,
  type TalksSetup,
} from '@parley/core';
import { loadScenario, loadTalks } from '@parley/core/node';
import { malformedPatches, malformedText } from '@parley/core/testing';
import { domainArbitrary, partiesArbitrary, partyArbitrary, planArbitrary } from './support/arbitraries.js';

// Properties of the talks machine, on the bundled Ukraine seeds and on small generated
// scenarios. Failures print fast-check's seed and path; replay one with
// test.prop([...], { seed: <seed>, path: '<path>' }).
//
// The fold sends every event it draws, to finished snapshots too, and after every step
// checks the invariants as they are stated: a signed plan means every party is accepting the
// current version; a party accepting means accepting the current text, which keeps its red
// lines; finished talks refuse every event, shocks included, and stay as they are.

enablePatches();

const seedsDir = fileURLToPath(new URL('../../../seeds/ukraine-2025', import.meta.url));
const ukraine = await loadScenario(seedsDir);
const ukraineTalks = await loadTalks(seedsDir, ukraine);

/** A scenario and the set-up of its talks. */
interface World {
  readonly scenario: Scenario;
  readonly setup: TalksSetup;
  /** The scenario's plans as plain texts, to start the talks with or to counter-propose. */
  readonly texts: readonly PlanSpec[];
}

const worldOf = (scenario: Scenario, setup: TalksSetup): World => ({
  scenario,
  setup,
  texts: scenario.plans.map((plan) => JSON.parse(JSON.stringify(plan)) as PlanSpec),
});
const ukraineWorld = worldOf(ukraine, ukraineTalks.setup);

/**
 * Small scenarios: 2–3 parties p0, p1, … over a generated domain, 1–3 plans, any set-up.
 * Parties come from two generators: the general one (0–3 red lines, any reservation value,
 * so talks mostly fail) and the analysis one (no red line half the time, low reservation
 * values), so that the talks also reach agreement and sign the plan.
 */
const generatedWorld: fc.Arbitrary<World> = domainArbitrary.chain((domain) =>
  fc
    .record({
      parties: fc.integer({ min: 2, max: 3 }).chain((count) =>
        fc.oneof(
          fc.tuple(...Array.from({ length: count }, (_, k) => partyArbitrary(domain, `p${k}`))).map((parties): PartySpec[] => parties),
          partiesArbitrary(domain, count, 'grid').map((parties): PartySpec[] => parties.map((party) => ({ ...party, reservationValue: party.reservationValue / 4 }))),
        ),
      ),
      plans: fc.array(planArbitrary(domain), { minLength: 1, maxLength: 3 }),
      strategies: fc.tuple(...[0, 1, 2].map(() => fc.constantFrom(...partyStrategyNames))),
      mediatorStrategy: fc.constantFrom(...mediatorStrategyNames),
      maxRounds: fc.integer({ min: 1, max: 6 }),
      stallLimit: fc.integer({ min: 1, max: 3 }),
      walkOutAfter: fc.integer({ min: 1, max: 3 }),
    })
    .map(({ parties, plans, strategies, mediatorStrategy, maxRounds, stallLimit, walkOutAfter }) =>
      worldOf(
        createScenario({ id: 'generated', title: 'A generated scenario', domain, parties, plans: plans.map((plan, k) => ({ ...plan, id: `plan-${k}` })) }),
        {
          protocol: 'mediated-single-text',
          mediator: 'p0',
          strategies: Object.fromEntries(parties.map((party, k) => [party.id, strategies[k]!])),
          mediatorStrategy,
          maxRounds,
          stallLimit,
          walkOutAfter,
        },
      ),
    ),
);

// ---------------------------------------------------------------------------------------
// Events, drawn as intents (indices and choices) and made concrete against the world and
// the talks' current text when they are sent.

type Intent =
  | { readonly kind: 'start'; readonly text: number; readonly broken: boolean }
  | { readonly kind: 'present'; readonly party: number }
  | { readonly kind: 'revise'; readonly valid: boolean; readonly pick: number }
  | { readonly kind: 'mediate' }
  | { readonly kind: 'counter'; readonly text: number; readonly by: number; readonly broken: boolean }
  | { readonly kind: 'battlefield'; readonly effects: readonly { readonly party: number; readonly reservationShift: number; readonly leverageShift: number }[] }
  | { readonly kind: 'negotiator'; readonly party: number; readonly strategy: PartyStrategyName }
  | { readonly kind: 'deadline'; readonly hard: boolean }
  | { readonly kind: 'walkout'; readonly party: number }
  | { readonly kind: 'end' };

const pick = fc.nat({ max: 1000 });
const shift = fc.integer({ min: -30, max: 30 }).map((k) => k / 100);
const startIntent = fc.record({ kind: fc.constant('start' as const), text: pick, broken: fc.boolean() });
/**
 * Any event. Events that end the talks are rare, so that runs get far into them; MEDIATE's
 * weight is a parameter because on the Ukraine seeds one costs 0.1–1 s.
 */
const intentArbitrary = (mediateWeight: number): fc.Arbitrary<Intent> =>
  fc.oneof(
    { weight: 2, arbitrary: startIntent },
    { weight: 24, arbitrary: fc.record({ kind: fc.constant('present' as const), party: pick }) },
    { weight: 10, arbitrary: fc.record({ kind: fc.constant('revise' as const), valid: fc.boolean(), pick }) },
    { weight: mediateWeight, arbitrary: fc.constant({ kind: 'mediate' as const }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('counter' as const), text: pick, by: pick, broken: fc.boolean() }) },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('battlefield' as const), effects: fc.array(fc.record({ party: pick, reservationShift: shift, leverageShift: shift }), { minLength: 1, maxLength: 2 }) }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('negotiator' as const), party: pick, strategy: fc.constantFrom(...partyStrategyNames) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('deadline' as const), hard: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('walkout' as const), party: pick }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'end' as const }) },
  );
/** A run: usually START first (a PRESENT before it is refused), then anything, START again included. */
const intentsArbitrary = (maxLength: number, mediateWeight: number) =>
  fc
    .tuple(
      fc.oneof({ weight: 4, arbitrary: startIntent.map((start) => [{ ...start, broken: false }]) }, { weight: 1, arbitrary: fc.constant([]) }),
      fc.array(intentArbitrary(mediateWeight), { maxLength, size: 'max' }),
    )
    .map(([first, rest]) => [...first, ...rest]);

const DATE = '2025-12-01';
/** A party id by index; one index past the parties is a party nobody has heard of. */
const partyAt = (world: World, index: number) => world.scenario.parties[index % (world.scenario.parties.length + 1)]?.id ?? 'nobody';
const known = (world: World, index: number) => world.scenario.parties.some((party) => party.id === partyAt(world, index));


/**
 * An edit of `text` that keeps it a valid text, by `pick`: re-settle an issue everywhere it
 * is settled, drop a point, settle an open issue in a new point, unsettle a provision, take
 * the points of another of the scenario's texts (as the Geneva revision did), or retitle.
 * Returns the new text and its immer patches.
 */
function validRevision(world: World, text: PlanSpec, choice: number): { text: PlanSpec; patches: unknown[] } {
  const issues = world.scenario.domain.issues;
  const settled = [...new Set(text.points.flatMap((point) => point.provisions.map((provision) => provision.issue)))];
  const open = issues.filter((issue) => !settled.includes(issue.id));
  const withProvision = text.points.findIndex((point) => point.provisions.length > 0);
  // `choice` picks the kind of edit; `sub` (independent of it) picks within that kind.
  const sub = Math.floor(choice / 6);
  const [next, patches] = produceWithPatches(text, (draft) => {
    switch (choice % 6) {
      case 0:
        if (settled.length > 0) {
          const issue = issues.find((candidate) => candidate.id === settled[sub % settled.length])!;
          const current = draft.points.flatMap((point) => point.provisions).find((provision) => provision.issue === issue.id)!.option;
          const others = issue.options.filter((option) => option.id !== current);
          const option = others[sub % others.length]!.id;
          for (const point of draft.points) for (const provision of point.provisions) if (provision.issue === issue.id) provision.option = option;
          return;
        }
        break;
      case 1:
        if (draft.points.length > 1) {
          draft.points.splice(sub % draft.points.length, 1);
          return;
        }
        break;
      case 2:
        if (open.length > 0) {
          const issue = open[sub % open.length]!;
          const number = Math.max(...draft.points.map((point) => point.number)) + 1;
          draft.points.push({ number, summary: `Settles ${issue.id}.`, category: 'other', sources: ['S1'], provisions: [{ issue: issue.id, option: issue.options[sub % issue.options.length]!.id }] });
          return;
        }
        break;
      case 3:
        if (withProvision >= 0) {
          draft.points[withProvision]!.provisions.splice(0, 1);
          return;
        }
        break;
      case 4:
        draft.points = structuredClone(world.texts[sub % world.texts.length]!.points) as typeof draft.points;
        return;
    }
    draft.title = `${draft.title} (revised)`;
  });
  return { text: next, patches };
}


/** The concrete event for an intent, and for a valid revision the text it should produce. */
function eventFor(world: World, context: TalksContext, intent: Intent): { event: TalksEvent; expectedText?: PlanSpec } {
  const texts = world.texts;
  switch (intent.kind) {
    case 'start': {
      const text = texts[intent.text % texts.length]!;
      return { event: { type: 'START', text: intent.broken ? malformedText(text) : text, date: DATE } };
    }
    case 'present':
      return { event: { type: 'PRESENT', party: partyAt(world, intent.party), date: DATE } };
    case 'revise': {
      const revision = (patches: readonly unknown[]) => ({ id: `r${intent.pick}`, author: 'Test', rationale: 'a generated revision', patches });
      if (intent.valid && context.text !== null) {
        const { text, patches } = validRevision(world, context.text, intent.pick);
        return { event: { type: 'REVISE', revision: revision(patches), date: DATE }, expectedText: text };
      }
      return { event: { type: 'REVISE', revision: revision(malformedPatches[intent.pick % malformedPatches.length]!), date: DATE } };
    }
    case 'mediate':
      return { event: { type: 'MEDIATE', date: DATE } };
    case 'counter': {
      const text = texts[intent.text % texts.length]!;
      return { event: { type: 'COUNTER_PROPOSAL', plan: intent.broken ? malformedText(text) : text, by: world.scenario.parties[intent.by % world.scenario.parties.length]!.id, date: DATE } };
    }
    case 'battlefield':
      return {
        event: {
          type: 'BATTLEFIELD',
          summary: 'fighting',
          effects: intent.effects.map((effect) => ({ party: partyAt(world, effect.party), reservationShift: effect.reservationShift, leverageShift: effect.leverageShift })),
          date: DATE,
        },
      };
    case 'negotiator':
      return { event: { type: 'NEGOTIATOR_CHANGE', party: partyAt(world, intent.party), strategy: intent.strategy, summary: 'a new negotiator', date: DATE } };
    case 'deadline':
      return { event: { type: 'DEADLINE', hard: intent.hard, summary: 'a deadline', date: DATE } };
    case 'walkout':
      return { event: { type: 'WALK_OUT', party: partyAt(world, intent.party), reason: 'enough', date: DATE } };
    case 'end':
      return { event: { type: 'END', reason: 'the day ends', date: DATE } };
  }
}

// ---------------------------------------------------------------------------------------
// The fold through the pure transition function.

type Snapshot = ReturnType<typeof initialTransition<TalksMachine>>[0];
const plain = (snapshot: Snapshot) => ({ value: snapshot.value, status: snapshot.status, context: snapshot.context });

/** The invariants that hold after every step. */
function checkInvariants(world: World, snapshot: Snapshot): void {
  const { context } = snapshot;
  const partyIds = world.scenario.parties.map((party) => party.id);
  // The context is plain data: it survives JSON unchanged.
  expect(JSON.parse(JSON.stringify(context))).toStrictEqual(context);
  expect(snapshot.status === 'done').toBe(context.ending !== null);
  // The statechart is in the state the reducer's phase names.
  expect(String(snapshot.value)).toBe(context.phase === 'broken-off' ? 'brokenOff' : context.phase);
  if (context.text === null) expect(snapshot.value === 'idle' || snapshot.value === 'expired').toBe(true);
  else expect(context.version?.startsWith(`${context.text.id}@`)).toBe(true);
  // Agreed exactly when every party, in its own standing, accepts the current version.
  const accepting = acceptedBy(context);
  expect(snapshot.value === 'agreed').toBe(accepting.length === partyIds.length);
  if (snapshot.value === 'agreed') {
    for (const party of partyIds) {
      const machine = context.parties[party]!.machine;
      expect({ party, value: machine.value, version: machine.context.basis?.version }).toEqual({ party, value: 'accepting', version: context.version });
    }
  }
  if (snapshot.value === 'agreed') expect(context.ending?.unresolvedIssues).toEqual([]);
  const walkedOut = partyIds.filter((party) => context.parties[party]!.machine.value === 'walkedOut');
  if (walkedOut.length > 0) expect(snapshot.value).toBe('brokenOff');
  // A party accepting is accepting the current version, and the current text, re-assessed
  // here on its own, crosses none of its red lines.
  for (const party of partyIds) {
    const machine = context.parties[party]!.machine;
    if (machine.value !== 'accepting') continue;
    const basis = machine.context.basis!;
    expect(basis.version).toBe(context.version);
    expect(basis.crossesRedLine).toBe(false);
    expect(basis.blocking).toEqual([]);
    expect(context.text).not.toBeNull();
    const assessment = assessPlan(partyOf(world.scenario, party), createPlan(world.scenario.domain, context.text!));
    expect({ party, redLinesCrossed: assessment.violations.map((violation) => violation.redLine) }).toEqual({ party, redLinesCrossed: [] });
  }
}

/** Folds the intents through `transition`, checking every step. */
function fold(world: World, intents: readonly Intent[]): void {
  const machine = createTalksMachine(world.scenario, world.setup);
  let [snapshot] = initialTransition(machine);
  checkInvariants(world, snapshot);
  for (const intent of intents) {
    const previous = snapshot;
    const active = previous.status === 'active';
    const { event, expectedText } = eventFor(world, previous.context, intent);
    const can = previous.can(event);
    [snapshot] = transition(machine, previous, event);
    // Once the talks have ended, every event is refused, shocks included.
    if (!active) expect({ finished: previous.value, refused: event.type, can }).toEqual({ finished: previous.value, refused: event.type, can: false });
    // Refused events change nothing.
    if (!can) expect(plain(snapshot)).toStrictEqual(plain(previous));
    // What each kind of event must do, where that is certain.
    const inSession = previous.value === 'inSession';
    switch (event.type) {
      case 'START':
        expect(can).toBe(previous.value === 'idle' && !(intent.kind === 'start' && intent.broken));
        break;
      case 'PRESENT':
        if (!known(world, intent.kind === 'present' ? intent.party : 0)) expect(can).toBe(false);
        if (can) expect(snapshot.context.lastEffect).toMatchObject({ kind: 'response', response: { party: event.party, version: previous.context.version } });
        break;
      case 'REVISE':
        if (expectedText === undefined) {
          expect(can).toBe(false);
        } else if (inSession) {
          expect(can).toBe(true);
          expect(snapshot.value).toBe('inSession');
          expect(snapshot.context.text).toStrictEqual(expectedText);
          expect(snapshot.context.version).toBe(`${expectedText.id}@${previous.context.round + 1}`);
          expect(acceptedBy(snapshot.context)).toEqual([]);
        }
        break;
      case 'MEDIATE':
        expect(can).toBe(inSession);
        if (can) expect(['revised', 'no-revision']).toContain(snapshot.context.lastEffect?.kind);
        break;
      case 'COUNTER_PROPOSAL':
        expect(can).toBe(inSession && !(intent.kind === 'counter' && intent.broken));
        // A counter-proposal is assessed by everyone but does not replace the text.
        if (can) expect(snapshot.context.text).toBe(previous.context.text);
        break;
      case 'DEADLINE':
        expect(can).toBe(active);
        if (can && event.hard) expect(snapshot.value).toBe('expired');
        break;
      case 'WALK_OUT':
        expect(can).toBe(inSession && known(world, intent.kind === 'walkout' ? intent.party : 0));
        if (can) expect(snapshot.value).toBe('brokenOff');
        break;
      case 'END':
        expect(can).toBe(inSession);
        if (can) expect(snapshot.value).toBe('adjourned');
        break;
      case 'BATTLEFIELD':
        expect(can).toBe(active && event.effects.every((effect) => world.scenario.parties.some((party) => party.id === effect.party)));
        break;
      case 'NEGOTIATOR_CHANGE':
        expect(can).toBe(active && known(world, intent.kind === 'negotiator' ? intent.party : 0));
        if (can) expect(snapshot.context.parties[event.party]!.strategy).toBe(event.strategy);
        break;
    }
    checkInvariants(world, snapshot);
  }
}

describe('the talks machine keeps its invariants after every event (pure transition)', () => {
  // MEDIATE is rare here (it was costly before the one engine); the timeout leaves room for a loaded machine.
  test.prop([intentsArbitrary(30, 1)], { numRuns: 15 })('on the Ukraine seeds', (intents) => fold(ukraineWorld, intents), 30_000);

  test.prop([generatedWorld, intentsArbitrary(30, 8)], { numRuns: 60 })('on small generated scenarios', (world, intents) => fold(world, intents), 30_000);
});

// ---------------------------------------------------------------------------------------
// fc.commands against the actor API.

interface Model {
  started: boolean;
  final: boolean;
}
interface Real {
  readonly world: World;
  readonly actor: Actor<TalksMachine>;
}

/** The talks as plain data, to compare before and after an event. */
const observed = (real: Real) => JSON.stringify({ value: real.actor.getSnapshot().value, context: real.actor.getSnapshot().context });

/** Sends an event; xstate warns when it goes to a finished actor, which is silenced here. */
function send(real: Real, event: TalksEvent): void {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  try {
    real.actor.send(event);
  } finally {
    warn.mockRestore();
  }
}

/**
 * One command per event type. `legal` says, from the model alone, whether the event must be
 * taken; an event that must not be taken must change nothing. `taken` checks what a taken
 * event did and updates the model.
 */
abstract class TalksCommand implements fc.Command<Model, Real> {
  constructor(readonly intent: Intent) {}
  abstract legal(model: Model, real: Real): boolean;
  taken(_model: Model, _real: Real, _event: TalksEvent, _before: TalksContext): void {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    const before = real.actor.getSnapshot();
    const legal = this.legal(model, real);
    const { event, expectedText } = eventFor(real.world, before.context, this.intent);
    // `can` of the actor's snapshot says exactly whether the event is legal; a finished one refuses everything.
    expect(before.can(event)).toBe(legal);
    const json = observed(real);
    send(real, event);
    const after = real.actor.getSnapshot();
    if (!legal) {
      expect(observed(real)).toBe(json);
      return;
    }
    if (expectedText !== undefined) expect(after.context.text).toStrictEqual(expectedText);
    this.taken(model, real, event, before.context);
    model.final = after.status === 'done';
  }
  toString(): string {
    return JSON.stringify(this.intent);
  }
}

const inSession = (model: Model) => model.started && !model.final;

class StartCommand extends TalksCommand {
  legal(model: Model) {
    return !model.started && !model.final && !(this.intent.kind === 'start' && this.intent.broken);
  }
  override taken(model: Model, real: Real) {
    expect(real.actor.getSnapshot().value).toBe('inSession');
    model.started = true;
  }
}
class PresentCommand extends TalksCommand {
  legal(model: Model, real: Real) {
    return inSession(model) && this.intent.kind === 'present' && known(real.world, this.intent.party);
  }
  override taken(_model: Model, real: Real, event: TalksEvent) {
    expect(['inSession', 'agreed', 'brokenOff']).toContain(real.actor.getSnapshot().value);
    expect(real.actor.getSnapshot().context.lastEffect).toMatchObject({ kind: 'response', response: { party: (event as { party: string }).party } });
  }
}
class ReviseCommand extends TalksCommand {
  legal(model: Model) {
    return inSession(model) && this.intent.kind === 'revise' && this.intent.valid;
  }
  override taken(_model: Model, real: Real, _event: TalksEvent, before: TalksContext) {
    expect(real.actor.getSnapshot().value).toBe('inSession');
    expect(real.actor.getSnapshot().context.round).toBe(before.round + 1);
  }
}
class MediateCommand extends TalksCommand {
  legal(model: Model) {
    return inSession(model);
  }
  override taken(_model: Model, real: Real, _event: TalksEvent, before: TalksContext) {
    const { value, context } = real.actor.getSnapshot();
    if (context.lastEffect?.kind === 'revised') {
      expect(value).toBe('inSession');
      expect(context.round).toBe(before.round + 1);
    } else {
      expect(context.lastEffect?.kind).toBe('no-revision');
      expect(context.stall).toBe(before.stall + 1);
      expect(value).toBe(context.stall >= real.world.setup.stallLimit ? 'stalled' : 'inSession');
    }
  }
}
class CounterProposalCommand extends TalksCommand {
  legal(model: Model) {
    return inSession(model) && this.intent.kind === 'counter' && !this.intent.broken;
  }
  override taken(_model: Model, real: Real, event: TalksEvent) {
    const effect = real.actor.getSnapshot().context.lastEffect;
    expect(effect).toMatchObject({ kind: 'counter-proposal', plan: (event as { plan: PlanSpec }).plan.id });
    expect(effect?.kind === 'counter-proposal' && effect.responses.map((response) => response.party)).toEqual(real.world.scenario.parties.map((party) => party.id));
  }
}
class BattlefieldCommand extends TalksCommand {
  legal(model: Model, real: Real) {
    return !model.final && this.intent.kind === 'battlefield' && this.intent.effects.every((effect) => known(real.world, effect.party));
  }
  override taken(_model: Model, real: Real, event: TalksEvent, before: TalksContext) {
    if (event.type !== 'BATTLEFIELD') return;
    const parties = real.actor.getSnapshot().context.parties;
    for (const party of new Set(event.effects.map((effect) => effect.party))) {
      const total = event.effects.filter((effect) => effect.party === party).reduce((sum, effect) => sum + (effect.reservationShift ?? 0), 0);
      expect(parties[party]!.reservationShift).toBeCloseTo(before.parties[party]!.reservationShift + total, 12);
    }
  }
}
class NegotiatorChangeCommand extends TalksCommand {
  legal(model: Model, real: Real) {
    return !model.final && this.intent.kind === 'negotiator' && known(real.world, this.intent.party);
  }
  override taken(_model: Model, real: Real, event: TalksEvent) {
    if (event.type === 'NEGOTIATOR_CHANGE') expect(real.actor.getSnapshot().context.parties[event.party]!.strategy).toBe(event.strategy);
  }
}
class DeadlineCommand extends TalksCommand {
  legal(model: Model) {
    return !model.final;
  }
  override taken(_model: Model, real: Real, event: TalksEvent, before: TalksContext) {
    const { value, context } = real.actor.getSnapshot();
    expect(context.date).toBe(event.type === 'DEADLINE' ? event.date : before.date);
    expect(context.lastEffect).toMatchObject({ kind: 'shock' });
    if (event.type === 'DEADLINE' && event.hard) expect(value).toBe('expired');
    else expect(value).toBe(before.text === null ? 'idle' : 'inSession');
  }
}
class WalkOutCommand extends TalksCommand {
  legal(model: Model, real: Real) {
    return inSession(model) && this.intent.kind === 'walkout' && known(real.world, this.intent.party);
  }
  override taken(_model: Model, real: Real) {
    expect(real.actor.getSnapshot().value).toBe('brokenOff');
  }
}
class EndCommand extends TalksCommand {
  legal(model: Model) {
    return inSession(model);
  }
  override taken(_model: Model, real: Real) {
    expect(real.actor.getSnapshot().value).toBe('adjourned');
    expect(real.actor.getSnapshot().context.ending?.status).toBe('adjourned');
  }
}

const commandFor = (intent: Intent): TalksCommand => {
  switch (intent.kind) {
    case 'start':
      return new StartCommand(intent);
    case 'present':
      return new PresentCommand(intent);
    case 'revise':
      return new ReviseCommand(intent);
    case 'mediate':
      return new MediateCommand(intent);
    case 'counter':
      return new CounterProposalCommand(intent);
    case 'battlefield':
      return new BattlefieldCommand(intent);
    case 'negotiator':
      return new NegotiatorChangeCommand(intent);
    case 'deadline':
      return new DeadlineCommand(intent);
    case 'walkout':
      return new WalkOutCommand(intent);
    case 'end':
      return new EndCommand(intent);
  }
};
/** Commands for every event type; the illegal ones (PRESENT before START, unknown parties, garbage patches, START twice, anything after the end) come up by themselves. */
const commandsArbitrary = (maxCommands: number, mediateWeight: number) =>
  fc.commands([startIntent.map(commandFor), intentArbitrary(mediateWeight).map(commandFor)], { maxCommands, size: 'max' });

function runCommands(world: World, commands: Iterable<fc.Command<Model, Real>>): void {
  fc.modelRun(() => ({ model: { started: false, final: false }, real: { world, actor: createActor(createTalksMachine(world.scenario, world.setup)).start() } }), commands);
}

describe('the talks actor: illegal events change nothing, legal ones do what they say (fc.commands)', () => {
  test.prop([commandsArbitrary(30, 1)], { numRuns: 15 })('on the Ukraine seeds', (commands) => runCommands(ukraineWorld, commands), 30_000);

  test.prop([generatedWorld, commandsArbitrary(30, 8)], { numRuns: 40 })('on small generated scenarios', (world, commands) => runCommands(world, commands), 30_000);
});

// ---------------------------------------------------------------------------------------
// Determinism of the runner.

describe('runScenario is deterministic', () => {
  // A run with free rounds takes a second or two (the mediator searches every re-settlement
  // of the most objected points), so few runs: the other seeds are for the next test run.
  test.prop([fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 3 })], { numRuns: 2 })(
    'the same seed and rounds give byte-identical transcripts, which survive a JSON round trip',
    (seed, continueRounds) => {
      const first = runScenario(ukraine, ukraineTalks, { seed, continueRounds });
      const second = runScenario(ukraine, ukraineTalks, { seed, continueRounds });
      const json = JSON.stringify(first);
      expect(JSON.stringify(second)).toBe(json);
      expect(first.seed).toBe(seed);
      expect(JSON.parse(json)).toStrictEqual(first);
    },
    30_000,
  );
});
