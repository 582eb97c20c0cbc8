import { describe, expect, it, vi } from 'vitest';
import { createActor, initialTransition, transition, type AnyStateMachine } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import {
  acceptedBy,
  assessPlan,
  createDomain,
  createParty,
  createPlan,
  createScenario,
  createTalks,
  createTalksMachine,
  everySignatoryAccepted,
  partyMachine,
  planLifecycleMachine,
  runScenario,
  type DomainSpec,
  type PartyMachineEvent,
  type PartySpec,
  type PlanLifecycleEvent,
  type PlanSpec,
  type ResponseBasis,
  type TalksEvent,
  type TalksSetup,
} from '@parley/core';

// The talks' three state machines, used as a library user would: through createActor, the
// pure transition function, and xstate/graph's path generators.

/** Every state a machine declares at its root. */
const statesOf = (machine: AnyStateMachine) => Object.keys(machine.root.states).sort();

/** Sends events to a finished actor; xstate drops them with a console warning, silenced here. */
const sendToFinished = <TEvent>(actor: { send(event: TEvent): void }, events: readonly TEvent[]) => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  try {
    for (const event of events) actor.send(event);
  } finally {
    warn.mockRestore();
  }
};

/** What an actor's snapshot looks like as plain data, to compare before and after an event. */
const observe = (actor: { getSnapshot(): { value: unknown; status: string; context: unknown } }) => {
  const snapshot = actor.getSnapshot();
  return JSON.stringify({ value: snapshot.value, status: snapshot.status, context: snapshot.context });
};

const basis = (overrides: Partial<ResponseBasis> = {}): ResponseBasis => ({
  version: 'v1',
  crossesRedLine: false,
  blocking: [],
  utility: 0.7,
  threshold: 0.5,
  ...overrides,
});

describe('partyMachine', () => {
  const party = () => createActor(partyMachine, { input: { party: 'ukraine' } }).start();

  it('starts engaged with no basis and cannot accept before a text is put to it', () => {
    const actor = party();
    expect(actor.getSnapshot().value).toBe('engaged');
    expect(actor.getSnapshot().context).toEqual({ party: 'ukraine', basis: null, crossings: 0 });
    expect(actor.getSnapshot().can({ type: 'ACCEPT' })).toBe(false);
    actor.send({ type: 'ACCEPT' });
    expect(actor.getSnapshot().value).toBe('engaged');
  });

  it('refuses ACCEPT of a text that crosses one of its red lines: it stays considering', () => {
    const actor = party();
    actor.send({ type: 'PROPOSAL', basis: basis({ version: 'us-28', crossesRedLine: true, utility: 0.9, threshold: 0.1 }) });
    expect(actor.getSnapshot().value).toBe('considering');
    const before = observe(actor);
    expect(actor.getSnapshot().can({ type: 'ACCEPT' })).toBe(false);
    actor.send({ type: 'ACCEPT' });
    expect(actor.getSnapshot().value).toBe('considering');
    expect(observe(actor)).toBe(before);
    // It may still object, or walk out.
    actor.send({ type: 'OBJECT', reason: 'crosses a red line' });
    expect(actor.getSnapshot().value).toBe('objecting');
  });

  it('refuses ACCEPT of a text that leaves open an issue it needs settled', () => {
    const actor = party();
    actor.send({ type: 'PROPOSAL', basis: basis({ blocking: ['territory.donetsk-held'] }) });
    expect(actor.getSnapshot().can({ type: 'ACCEPT' })).toBe(false);
    actor.send({ type: 'ACCEPT' });
    expect(actor.getSnapshot().value).toBe('considering');
  });

  it('accepts a text that keeps its red lines and leaves nothing it needs open', () => {
    const actor = party();
    actor.send({ type: 'PROPOSAL', basis: basis() });
    expect(actor.getSnapshot().can({ type: 'ACCEPT' })).toBe(true);
    actor.send({ type: 'ACCEPT' });
    expect(actor.getSnapshot().value).toBe('accepting');
    expect(actor.getSnapshot().context.basis?.version).toBe('v1');
    // A new text puts it back to considering, with the new basis.
    actor.send({ type: 'PROPOSAL', basis: basis({ version: 'v2', crossesRedLine: true }) });
    expect(actor.getSnapshot().value).toBe('considering');
    expect(actor.getSnapshot().context.basis?.version).toBe('v2');
  });

  it('counts texts in a row that cross its red lines, and starts again at a text that does not', () => {
    const actor = party();
    const crossing = (version: string) => ({ type: 'PROPOSAL' as const, basis: basis({ version, crossesRedLine: true }) });
    actor.send(crossing('v1'));
    actor.send({ type: 'OBJECT', reason: 'no' });
    actor.send(crossing('v2'));
    expect(actor.getSnapshot().context.crossings).toBe(2);
    actor.send({ type: 'OBJECT', reason: 'no' });
    actor.send({ type: 'PROPOSAL', basis: basis({ version: 'v3' }) });
    expect(actor.getSnapshot().context.crossings).toBe(0);
  });

  it('ignores a second PROPOSAL while it is still considering the first', () => {
    const actor = party();
    actor.send({ type: 'PROPOSAL', basis: basis({ version: 'v1' }) });
    actor.send({ type: 'PROPOSAL', basis: basis({ version: 'v2' }) });
    expect(actor.getSnapshot().context.basis?.version).toBe('v1');
  });

  it.each(['engaged', 'considering', 'accepting', 'objecting'] as const)('WALK_OUT from %s is final, and no later event changes anything', (from) => {
    const actor = party();
    const toState: Record<typeof from, PartyMachineEvent[]> = {
      engaged: [],
      considering: [{ type: 'PROPOSAL', basis: basis() }],
      accepting: [{ type: 'PROPOSAL', basis: basis() }, { type: 'ACCEPT' }],
      objecting: [{ type: 'PROPOSAL', basis: basis() }, { type: 'OBJECT', reason: 'no' }],
    };
    for (const event of toState[from]) actor.send(event);
    expect(actor.getSnapshot().value).toBe(from);
    actor.send({ type: 'WALK_OUT', reason: 'enough' });
    expect(actor.getSnapshot().value).toBe('walkedOut');
    expect(actor.getSnapshot().status).toBe('done');
    const after: PartyMachineEvent[] = [{ type: 'PROPOSAL', basis: basis({ version: 'v9' }) }, { type: 'ACCEPT' }, { type: 'OBJECT', reason: 'x' }, { type: 'WALK_OUT', reason: 'again' }];
    // Through the actor…
    const before = observe(actor);
    sendToFinished(actor, after);
    expect(observe(actor)).toBe(before);
    // …and through the pure transition function, which the talks machine uses.
    const done = actor.getSnapshot();
    for (const event of after) {
      expect(done.can(event)).toBe(false);
      const [next] = transition(partyMachine, done, event);
      expect({ value: next.value, status: next.status, context: next.context }).toEqual({ value: 'walkedOut', status: 'done', context: done.context });
    }
  });
});

describe('planLifecycleMachine', () => {
  const plan = (signatories: readonly string[] = ['russia', 'ukraine'], version = 'us-28') =>
    createActor(planLifecycleMachine, { input: { version, signatories } }).start();
  const presented = (signatories?: readonly string[]) => {
    const actor = plan(signatories);
    actor.send({ type: 'CIRCULATE' });
    actor.send({ type: 'PRESENT' });
    expect(actor.getSnapshot().value).toBe('presented');
    return actor;
  };

  it('is signed when every signatory accepted the current version', () => {
    const actor = presented();
    actor.send({ type: 'ACCEPT', party: 'russia', version: 'us-28' });
    expect(actor.getSnapshot().value).toBe('presented');
    actor.send({ type: 'ACCEPT', party: 'ukraine', version: 'us-28' });
    expect(actor.getSnapshot().value).toBe('accepted');
    actor.send({ type: 'SIGN' });
    expect(actor.getSnapshot().value).toBe('signed');
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().context.acceptances).toEqual({ russia: 'us-28', ukraine: 'us-28' });
  });

  it('refuses SIGN while a signatory has not accepted (the documented example)', () => {
    const actor = presented();
    actor.send({ type: 'ACCEPT', party: 'russia', version: 'us-28' });
    expect(actor.getSnapshot().can({ type: 'SIGN' })).toBe(false);
    actor.send({ type: 'SIGN' });
    expect(actor.getSnapshot().value).toBe('presented');
  });

  it('clears every acceptance on AMEND, so an acceptance of an older version never counts', () => {
    const actor = presented();
    actor.send({ type: 'ACCEPT', party: 'russia', version: 'us-28' });
    actor.send({ type: 'AMEND', version: 'us-ukraine-19' });
    expect(actor.getSnapshot().value).toBe('amended');
    expect(actor.getSnapshot().context).toMatchObject({ version: 'us-ukraine-19', versions: ['us-28', 'us-ukraine-19'], acceptances: {} });
    actor.send({ type: 'CIRCULATE' });
    actor.send({ type: 'PRESENT' });
    actor.send({ type: 'ACCEPT', party: 'ukraine', version: 'us-ukraine-19' });
    // Russia's acceptance of us-28 is gone: the plan is not accepted and cannot be signed.
    expect(actor.getSnapshot().value).toBe('presented');
    expect(everySignatoryAccepted(actor.getSnapshot().context)).toBe(false);
    actor.send({ type: 'SIGN' });
    expect(actor.getSnapshot().value).toBe('presented');
    actor.send({ type: 'ACCEPT', party: 'russia', version: 'us-ukraine-19' });
    expect(actor.getSnapshot().value).toBe('accepted');
  });

  it('refuses ACCEPT of a stale version and ACCEPT by a party that is not a signatory', () => {
    const actor = presented();
    actor.send({ type: 'AMEND', version: 'v2' });
    actor.send({ type: 'PRESENT' });
    const before = observe(actor);
    for (const event of [
      { type: 'ACCEPT', party: 'russia', version: 'us-28' },
      { type: 'ACCEPT', party: 'europe', version: 'v2' },
    ] as const) {
      expect(actor.getSnapshot().can(event)).toBe(false);
      actor.send(event);
      expect(observe(actor)).toBe(before);
    }
    actor.send({ type: 'ACCEPT', party: 'russia', version: 'v2' });
    expect(actor.getSnapshot().context.acceptances).toEqual({ russia: 'v2' });
  });

  it('a REJECT drops the party\'s acceptance, and a later ACCEPT of the current version brings the plan back', () => {
    const actor = presented();
    actor.send({ type: 'ACCEPT', party: 'russia', version: 'us-28' });
    actor.send({ type: 'REJECT', party: 'ukraine' });
    expect(actor.getSnapshot().value).toBe('rejected');
    actor.send({ type: 'ACCEPT', party: 'ukraine', version: 'us-28' });
    expect(actor.getSnapshot().value).toBe('accepted');
  });

  it('cannot be accepted with no signatories', () => {
    const actor = presented([]);
    expect(everySignatoryAccepted(actor.getSnapshot().context)).toBe(false);
    actor.send({ type: 'ACCEPT', party: 'russia', version: 'us-28' });
    actor.send({ type: 'SIGN' });
    expect(actor.getSnapshot().value).toBe('presented');
  });

  // Regression test: a signatory whose last word on the current version is REJECT must not
  // count as accepting it, even when it rejects while the plan is already `rejected` by
  // someone else, or a plan could be signed for a party that objects to it. The `rejected`
  // state once had no REJECT transition, so the earlier acceptance stayed and the plan was
  // signed as soon as the other party accepted.
  it('a REJECT in the rejected state withdraws that party\'s earlier acceptance', () => {
    const actor = presented();
    actor.send({ type: 'ACCEPT', party: 'russia', version: 'us-28' });
    actor.send({ type: 'REJECT', party: 'ukraine' });
    actor.send({ type: 'REJECT', party: 'russia' }); // Russia changes its mind
    actor.send({ type: 'ACCEPT', party: 'ukraine', version: 'us-28' });
    actor.send({ type: 'SIGN' });
    expect(actor.getSnapshot().context.acceptances).toEqual({ ukraine: 'us-28' });
    expect(actor.getSnapshot().value).not.toBe('signed');
  });

  it.each([
    ['superseded', [{ type: 'CIRCULATE' }, { type: 'SUPERSEDE' }]],
    [
      'signed',
      [{ type: 'CIRCULATE' }, { type: 'PRESENT' }, { type: 'ACCEPT', party: 'russia', version: 'us-28' }, { type: 'ACCEPT', party: 'ukraine', version: 'us-28' }, { type: 'SIGN' }],
    ],
  ] as const)('%s is final: no later event changes anything', (state, events) => {
    const actor = plan();
    for (const event of events) actor.send(event as PlanLifecycleEvent);
    expect(actor.getSnapshot().value).toBe(state);
    expect(actor.getSnapshot().status).toBe('done');
    const later: PlanLifecycleEvent[] = [
      { type: 'CIRCULATE' },
      { type: 'AMEND', version: 'v9' },
      { type: 'PRESENT' },
      { type: 'ACCEPT', party: 'russia', version: 'us-28' },
      { type: 'REJECT', party: 'ukraine' },
      { type: 'SUPERSEDE' },
      { type: 'SIGN' },
    ];
    const before = observe(actor);
    sendToFinished(actor, later);
    expect(observe(actor)).toBe(before);
    const done = actor.getSnapshot();
    for (const event of later) {
      expect(done.can(event)).toBe(false);
      const [next] = transition(planLifecycleMachine, done, event);
      expect({ value: next.value, context: next.context }).toEqual({ value: state, context: done.context });
    }
  });
});

// A tiny two-party world for the talks machine: issue `a` is where the parties differ (p
// cannot live with `z`, q cannot live with `x`; both like `y` best), issue `b` matters to
// neither. The text `both` settles a = y and b = x, which both accept.
const domainSpec: DomainSpec = {
  issues: [
    { id: 'a', label: 'Issue A', ordered: true, options: [{ id: 'x', label: 'X' }, { id: 'y', label: 'Y' }, { id: 'z', label: 'Z' }] },
    { id: 'b', label: 'Issue B', ordered: false, options: [{ id: 'x', label: 'X' }, { id: 'y', label: 'Y' }] },
  ],
};
const partySpec = (id: string, forbidden: string, values: Record<string, number>): PartySpec => ({
  id,
  name: `Party ${id}`,
  reservationValue: 0.3,
  redLines: [{ id: `no-${forbidden}`, text: `Never a = ${forbidden}.`, sources: ['S1'], rule: { kind: 'forbid', issue: 'a', options: [forbidden] } }],
  preferences: { weights: { a: 3, b: 1 }, values: { a: values, b: { x: 1, y: 1 } } },
});
const planSpec = (id: string, a: string): PlanSpec => ({
  id,
  title: `Text ${id}`,
  date: '2025-11-20',
  author: 'Party p',
  points: [
    { number: 1, summary: `a = ${a}.`, category: 'core', sources: ['S1'], provisions: [{ issue: 'a', option: a }] },
    { number: 2, summary: 'b = x.', category: 'other', sources: ['S1'], provisions: [{ issue: 'b', option: 'x' }] },
  ],
});
const parties = [partySpec('p', 'z', { x: 0.6, y: 1, z: 0 }), partySpec('q', 'x', { x: 0, y: 1, z: 0.6 })];
const texts = { both: planSpec('both', 'y'), crossesP: planSpec('crosses-p', 'z') };
const tinyScenario = createScenario({ id: 'tiny', title: 'Two parties', domain: domainSpec, parties, plans: Object.values(texts) });
const tinySetup: TalksSetup = { protocol: 'mediated-single-text', mediator: 'p', mediatorStrategy: 'amend-most-objected', maxRounds: 4, stallLimit: 1, walkOutAfter: 1 };

describe('the tiny two-party scenario', () => {
  it('has a text both parties accept and a text that crosses p\'s red line', () => {
    const domain = createDomain(domainSpec);
    const [p, q] = parties.map((spec) => createParty(domain, spec));
    const both = createPlan(domain, texts.both);
    expect([assessPlan(p!, both).accepts, assessPlan(q!, both).accepts]).toEqual([true, true]);
    expect(assessPlan(p!, createPlan(domain, texts.crossesP)).violations.map((violation) => violation.redLine)).toEqual(['no-z']);
  });
});

describe('xstate/graph reaches every state of every machine', () => {
  it('partyMachine', () => {
    const events: PartyMachineEvent[] = [
      { type: 'PROPOSAL', basis: basis() },
      { type: 'PROPOSAL', basis: basis({ version: 'v2', crossesRedLine: true }) },
      { type: 'ACCEPT' },
      { type: 'OBJECT', reason: 'no' },
      { type: 'WALK_OUT', reason: 'enough' },
    ];
    const paths = getShortestPaths(partyMachine, {
      input: { party: 'p' },
      events,
      // `crossings` grows with every crossing text; whether it is zero is what matters.
      serializeState: (snapshot) => JSON.stringify([snapshot.value, snapshot.context.basis, snapshot.context.crossings > 0]),
    });
    const reached = new Set(paths.map((path) => String(path.state.value)));
    expect([...reached].sort()).toEqual(statesOf(partyMachine));
    expect(statesOf(partyMachine)).toEqual(['accepting', 'considering', 'engaged', 'objecting', 'walkedOut']);
    // `accepting` is only reached through a text that keeps the red lines.
    for (const path of paths.filter((candidate) => candidate.state.value === 'accepting')) {
      expect(path.state.context.basis?.crossesRedLine).toBe(false);
    }
  });

  it('planLifecycleMachine', () => {
    const accept = (party: string, version: string): PlanLifecycleEvent => ({ type: 'ACCEPT', party, version });
    const events: PlanLifecycleEvent[] = [
      { type: 'CIRCULATE' },
      { type: 'AMEND', version: 'v2' },
      { type: 'PRESENT' },
      accept('a', 'v1'),
      accept('b', 'v1'),
      accept('a', 'v2'),
      accept('b', 'v2'),
      { type: 'REJECT', party: 'a' },
      { type: 'SUPERSEDE' },
      { type: 'SIGN' },
    ];
    const paths = getShortestPaths(planLifecycleMachine, {
      input: { version: 'v1', signatories: ['a', 'b'] },
      events,
      // `versions` grows with every AMEND; the rest of the context is what matters.
      serializeState: (snapshot) => JSON.stringify([snapshot.value, snapshot.context.version, snapshot.context.acceptances]),
    });
    const reached = new Set(paths.map((path) => String(path.state.value)));
    expect([...reached].sort()).toEqual(statesOf(planLifecycleMachine));
    expect(statesOf(planLifecycleMachine)).toHaveLength(8);
    for (const path of paths.filter((candidate) => candidate.state.value === 'signed')) {
      expect(everySignatoryAccepted(path.state.context)).toBe(true);
    }
  });

  it('the talks machine: agreed, broken off, stalled, expired and adjourned are all reachable', () => {
    const date = '2025-11-20';
    const events: TalksEvent[] = [
      { type: 'START', text: texts.both, date },
      { type: 'START', text: texts.crossesP, date },
      { type: 'PRESENT', party: 'p', date },
      { type: 'PRESENT', party: 'q', date },
      { type: 'MEDIATE', date },
      { type: 'DEADLINE', hard: true, summary: 'the deadline passes', date },
      { type: 'END', reason: 'the day ends', date },
    ];
    const machine = createTalksMachine(tinyScenario, tinySetup);
    const paths = getShortestPaths(machine, {
      events,
      serializeState: (snapshot) =>
        JSON.stringify([
          snapshot.value,
          snapshot.context.version,
          snapshot.context.stall,
          acceptedBy(snapshot.context).join(','),
          Object.values(snapshot.context.parties).map((standing) => standing.machine.value),
        ]),
    });
    const shortest = new Map<string, (typeof paths)[number]>();
    for (const path of paths) {
      const value = String(path.state.value);
      if (!shortest.has(value) || shortest.get(value)!.steps.length > path.steps.length) shortest.set(value, path);
    }
    expect([...shortest.keys()].sort()).toEqual(statesOf(machine));
    expect(statesOf(machine)).toEqual(['adjourned', 'agreed', 'brokenOff', 'expired', 'idle', 'inSession', 'stalled']);

    // A path's first step is the machine's own initial event; the rest are ours.
    const eventsTo = (path: (typeof paths)[number]) => path.steps.map((step) => step.event).filter((event) => (event.type as string) !== 'xstate.init');
    const story = (value: string) => eventsTo(shortest.get(value)!).map((event) => event.type);
    const endingOf = (value: string) => shortest.get(value)!.state.context.ending?.status;
    expect(story('agreed')).toEqual(['START', 'PRESENT', 'PRESENT']);
    expect(acceptedBy(shortest.get('agreed')!.state.context)).toEqual(['p', 'q']);
    expect(endingOf('agreed')).toBe('agreed');
    // walkOutAfter: 1 — the first text across p's red line makes p walk out.
    expect(story('brokenOff')).toEqual(['START', 'PRESENT']);
    expect(shortest.get('brokenOff')!.state.context.parties['p']!.machine.value).toBe('walkedOut');
    expect(endingOf('brokenOff')).toBe('broken-off');
    // stallLimit: 1 — the mediator cannot improve a text both already like best.
    expect(story('stalled')).toEqual(['START', 'MEDIATE']);
    expect(shortest.get('stalled')!.state.context.text?.id).toBe('both');
    expect(endingOf('stalled')).toBe('stalled');
    expect(story('expired')).toEqual(['DEADLINE']);
    expect(endingOf('expired')).toBe('expired');
    expect(story('adjourned')).toEqual(['START', 'END']);
    expect(endingOf('adjourned')).toBe('adjourned');

    // Every path replays the same way through the pure transition function.
    for (const path of shortest.values()) {
      let [snapshot] = initialTransition(machine);
      for (const event of eventsTo(path)) [snapshot] = transition(machine, snapshot, event);
      expect(snapshot.value).toEqual(path.state.value);
    }
  });
});

describe('the talks machine, step by step (tiny scenario)', () => {
  const date = '2025-11-20';
  const machine = createTalksMachine(tinyScenario, tinySetup);
  type Snapshot = ReturnType<typeof initialTransition<typeof machine>>[0];
  const run = (events: readonly TalksEvent[], from?: Snapshot): Snapshot => {
    let snapshot = from ?? initialTransition(machine)[0];
    for (const event of events) [snapshot] = transition(machine, snapshot, event);
    return snapshot;
  };
  const present = (party: string): TalksEvent => ({ type: 'PRESENT', party, date });
  const start = (text: PlanSpec): TalksEvent => ({ type: 'START', text, date });
  const plain = (snapshot: Snapshot) => ({ value: snapshot.value, status: snapshot.status, context: snapshot.context });

  it('refuses PRESENT before START, a START with a text outside the domain, and a second START', () => {
    const idle = run([]);
    expect(idle.can(present('p'))).toBe(false);
    expect(plain(run([present('p')]))).toEqual(plain(idle));
    const unknownOption: PlanSpec = { ...texts.both, points: [{ ...texts.both.points[0]!, provisions: [{ issue: 'a', option: 'w' }] }] };
    expect(idle.can(start(unknownOption))).toBe(false);
    const inSession = run([start(texts.both)]);
    expect(inSession.value).toBe('inSession');
    expect(inSession.context.version).toBe('both@0');
    expect(inSession.can(start(texts.crossesP))).toBe(false);
    expect(plain(run([start(texts.crossesP)], inSession))).toEqual(plain(inSession));
  });

  it('agrees, and signs the plan, when every party accepts the same version', () => {
    const agreed = run([start(texts.both), present('p'), present('q')]);
    expect(agreed.value).toBe('agreed');
    expect(agreed.status).toBe('done');
    expect({ phase: agreed.context.phase, version: agreed.context.version, acceptedBy: acceptedBy(agreed.context) }).toEqual({ phase: 'agreed', version: 'both@0', acceptedBy: ['p', 'q'] });
    expect(agreed.context.ending).toEqual({ status: 'agreed', reason: 'every party accepted version both@0; the plan is signed', unresolvedIssues: [] });
  });

  it('records a party\'s objection with the red lines the text crosses', () => {
    const snapshot = run([start(texts.crossesP), present('q')]);
    expect(snapshot.value).toBe('inSession');
    const q = snapshot.context.lastEffect;
    expect(q).toMatchObject({ kind: 'response', response: { party: 'q', decision: 'accepts', redLinesCrossed: [] } });
    // walkOutAfter is 1: the first text across p's red line ends the talks.
    const broken = run([present('p')], snapshot);
    expect(broken.value).toBe('brokenOff');
    expect(broken.context.lastEffect).toMatchObject({ kind: 'response', response: { party: 'p', decision: 'walks out', redLinesCrossed: ['no-z'] } });
    expect(broken.context.ending).toMatchObject({ status: 'broken-off', reason: 'Party p walked out', unresolvedIssues: ['a'] });
  });

  // Regression tests: final states are terminal, for shocks too. Through the pure
  // `transition` function (which the docs recommend for batch runs) a finished snapshot must
  // refuse BATTLEFIELD, NEGOTIATOR_CHANGE and DEADLINE (`can` is false) and keep its state and
  // context. The shocks were once handled at the machine's root, so finished talks took them:
  // a hard DEADLINE moved 'agreed' (plan signed) to 'expired'.
  const shocks: [string, TalksEvent][] = [
    ['a hard DEADLINE', { type: 'DEADLINE', hard: true, summary: 'too late', date: '2025-11-21' }],
    ['a soft DEADLINE', { type: 'DEADLINE', hard: false, summary: 'too late', date: '2025-11-21' }],
    ['BATTLEFIELD', { type: 'BATTLEFIELD', summary: 'a town falls', effects: [{ party: 'p', reservationShift: 0.2 }], date: '2025-11-21' }],
    ['NEGOTIATOR_CHANGE', { type: 'NEGOTIATOR_CHANGE', party: 'q', strategy: 'hardliner', summary: 'a new negotiator', date: '2025-11-21' }],
  ];
  it.each(shocks)('agreed talks refuse %s: the final state and its context stay as they are', (_name, event) => {
    const agreed = run([start(texts.both), present('p'), present('q')]);
    const after = run([event], agreed);
    expect({ can: agreed.can(event), ...plain(after) }).toEqual({ can: false, ...plain(agreed) });
  });

  // The two tests below need a text a shock can make a party refuse: `both` is worth 1 to
  // each party, and a shifted reservation value (and so a threshold) never goes above 1. At
  // this table b = x is worth 0.8 to each, so `both` is worth 0.95.
  const shaded = createTalksMachine(
    createScenario({ id: 'tiny', title: 'Two parties', domain: domainSpec, parties: parties.map((party) => ({ ...party, preferences: { ...party.preferences, values: { ...party.preferences.values, b: { x: 0.8, y: 1 } } } })), plans: Object.values(texts) }),
    tinySetup,
  );
  const runShaded = (events: readonly TalksEvent[], from?: Snapshot): Snapshot => {
    let snapshot = from ?? initialTransition(shaded)[0];
    for (const event of events) [snapshot] = transition(shaded, snapshot, event);
    return snapshot;
  };

  it('the set-up of the withdrawn-acceptance test below: p accepts, q objects, p then objects and q accepts the same version', () => {
    const shift = (party: string, reservationShift: number): TalksEvent => ({ type: 'BATTLEFIELD', summary: `${party} moves`, effects: [{ party, reservationShift }], date });
    const decisions: string[] = [];
    let snapshot = runShaded([start(texts.both)]);
    for (const event of [present('p'), shift('q', 5), present('q'), shift('p', 5), shift('q', -5), present('p'), present('q')]) {
      snapshot = runShaded([event], snapshot);
      if (event.type === 'PRESENT' && snapshot.context.lastEffect?.kind === 'response') decisions.push(`${event.party} ${snapshot.context.lastEffect.response.decision} ${snapshot.context.lastEffect.response.version}`);
    }
    expect(decisions).toEqual(['p accepts both@0', 'q objects both@0', 'p objects both@0', 'q accepts both@0']);
  });

  // Regression test, through the talks: p accepts both@0, q objects (plan `rejected`), then
  // p objects to the same version after a shock raised its threshold, and q accepts. The
  // talks must not end 'agreed' with a party that is not accepting. They once did, with the
  // plan signed while p's machine was 'objecting', because the plan kept p's acceptance.
  it('agreement needs every party to be accepting the agreed version', () => {
    const shift = (party: string, reservationShift: number): TalksEvent => ({ type: 'BATTLEFIELD', summary: `${party} moves`, effects: [{ party, reservationShift }], date });
    const end = runShaded([start(texts.both), present('p'), shift('q', 5), present('q'), shift('p', 5), shift('q', -5), present('p'), present('q')]);
    const notAccepting = Object.entries(end.context.parties).filter(([, standing]) => standing.machine.value !== 'accepting').map(([party]) => party);
    expect({ value: end.value, notAccepting }).not.toEqual({ value: 'agreed', notAccepting: ['p'] });
    if (end.value === 'agreed') expect(notAccepting).toEqual([]);
  });

  const reviseToCrossP = (snapshot: Snapshot): TalksEvent => {
    const patches = [{ op: 'replace', path: ['points', 0, 'provisions', 0, 'option'], value: 'z' }];
    expect(snapshot.context.text?.points[0]?.provisions[0]).toEqual({ issue: 'a', option: 'y' });
    return { type: 'REVISE', revision: { id: 'r1', author: 'Party q', rationale: 'q asks for z', patches }, date };
  };

  it('a revision voids every acceptance and starts a new version', () => {
    const accepted = run([start(texts.both), present('p')]);
    expect(acceptedBy(accepted.context)).toEqual(['p']);
    const revised = run([reviseToCrossP(accepted)], accepted);
    expect(revised.context.version).toBe('both@1');
    expect({ version: revised.context.version, acceptedBy: acceptedBy(revised.context) }).toEqual({ version: 'both@1', acceptedBy: [] });
    expect(revised.context.lastEffect).toMatchObject({ kind: 'revised', from: 'both@0', to: 'both@1', by: 'Party q' });
  });

  // Regression test: after a revision no party may be left 'accepting' a text it has not
  // seen, so that 'accepting' always means accepting the current version. Here p accepted
  // both@0 and the text is revised to a = z, across p's red line. p's machine once stayed
  // 'accepting' (its basis still both@0) until the new text was presented to it.
  it('no party is left accepting a current text that crosses one of its red lines', () => {
    const accepted = run([start(texts.both), present('p')]);
    const revised = run([reviseToCrossP(accepted)], accepted);
    const p = createParty(createDomain(domainSpec), parties[0]!);
    const crosses = assessPlan(p, createPlan(createDomain(domainSpec), revised.context.text!)).violations.length > 0;
    expect(crosses).toBe(true);
    expect(revised.context.parties['p']!.machine.value).not.toBe('accepting');
  });
});

describe('runScenario on the tiny scenario', () => {
  const talks = createTalks(tinyScenario, {
    setup: { ...tinySetup, walkOutAfter: 3 },
    timeline: [
      { date: '2025-11-20', kind: 'plan-presented', plan: 'both', to: ['p'], summary: 'The text is shown to p.', sources: ['S1'] },
      { date: '2025-11-21', kind: 'revision', plan: 'crosses-p', summary: 'The text is rewritten to a = z.', sources: ['S1'] },
    ],
  });

  it('replays the timeline: p accepts both@0, the text is revised to crosses-p@1, and the talks are adjourned', () => {
    const transcript = runScenario(tinyScenario, talks);
    expect(transcript.steps.map((step) => [step.event.type, step.accepted, step.state])).toEqual([
      ['START', true, 'inSession'],
      ['PRESENT', true, 'inSession'],
      ['REVISE', true, 'inSession'],
      ['END', true, 'adjourned'],
    ]);
    expect(transcript.assessments.map((response) => [response.party, response.version, response.decision])).toEqual([['p', 'both@0', 'accepts']]);
    expect(transcript.revisions.map((revision) => [revision.from, revision.to])).toEqual([['both@0', 'crosses-p@1']]);
    expect(transcript.final).toMatchObject({ status: 'adjourned', version: 'crosses-p@1' });
  });

  // Regression test: `final.acceptedBy` lists only the parties accepting the final version,
  // as documented. Here p accepted both@0 and was never shown crosses-p@1, which crosses its
  // red line. The list once named every party whose machine was 'accepting', whatever the
  // version, and `parley run` printed "Accepting the last text (crosses-p@1): Party p."
  it('final.acceptedBy lists only parties that accepted the final version', () => {
    const transcript = runScenario(tinyScenario, talks);
    expect(transcript.final.acceptedBy).toEqual([]);
  });
});
