import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  agreementSpace,
  assessOutcome,
  compileRevision,
  createDomain,
  createParty,
  createPlan,
  createScenario,
  openIssues,
  outcomeFromChoices,
  type PartySpec,
  type Rule,
  type Scenario,
  type ScenarioSpec,
  type TalksSetup,
} from '@parley/core';
import { loadScenario, loadTalks } from '@parley/core/node';
import {
  domainArbitrary,
  finalStaysFinal,
  issueArbitrary,
  preferencesArbitrary,
  redLineArbitrary,
  foldTalks,
  outcomeArbitrary,
  partyArbitrary,
  perturbedScenarioArbitrary,
  planArbitrary,
  revisionArbitrary,
  ruleArbitrary,
  scenarioArbitrary,
  talksEventArbitrary,
  talksInvariants,
} from '@parley/core/testing';

// The property-testing kit, used as a user would: every generated value is valid, shrunk
// values included; the constraints are honoured; the talks fold finds no violation on the
// Ukraine seeds.

const seedsDir = fileURLToPath(new URL('../../../seeds/ukraine-2025', import.meta.url));
const ukraine = await loadScenario(seedsDir);
const ukraineTalks = await loadTalks(seedsDir, ukraine);

/**
 * Runs a property that always fails, so that fast-check shrinks all the way down, and
 * checks `valid` on the first value and on every shrink candidate it tries. fast-check only
 * shrinks within an arbitrary, so validity has to survive shrinking by construction.
 */
function validWhileShrinking<T>(arbitrary: fc.Arbitrary<T>, valid: (value: T) => void, runs = 5): void {
  for (let seed = 1; seed <= runs; seed++) {
    let tried = 0;
    const failures: string[] = [];
    const details = fc.check(
      fc.property(arbitrary, (value) => {
        tried++;
        try {
          valid(value);
        } catch (error) {
          failures.push(`${(error as Error).message}\n${JSON.stringify(value)}`);
        }
        return false;
      }),
      { seed, numRuns: 1 },
    );
    expect(details.failed).toBe(true);
    expect(failures).toEqual([]);
    expect(tried).toBeGreaterThan(0);
  }
}

const withDomain = <T>(make: (domain: ReturnType<typeof domainArbitrary> extends fc.Arbitrary<infer D> ? D : never) => fc.Arbitrary<T>) =>
  domainArbitrary().chain((domain) => make(domain).map((value) => ({ domain, value })));

const onePartyWith = (rule: Rule, domainSpec: Parameters<typeof createDomain>[0]): PartySpec => ({
  id: 'p',
  name: 'P',
  reservationValue: 0,
  redLines: [{ id: 'r', text: 'A red line.', sources: ['S1'], rule }],
  preferences: { weights: { [domainSpec.issues[0]!.id]: 1 }, values: { [domainSpec.issues[0]!.id]: Object.fromEntries(domainSpec.issues[0]!.options.map((o) => [o.id, 0.5])) } },
});

describe('generated values are valid', () => {
  test.prop([domainArbitrary({ minIssues: 2, maxIssues: 6, minOptions: 3, maxOptions: 5, ordered: 'all' })])('domains, within their constraints', (spec) => {
    const domain = createDomain(spec);
    expect(domain.issues.length).toBeGreaterThanOrEqual(2);
    expect(domain.issues.length).toBeLessThanOrEqual(6);
    for (const issue of domain.issues) {
      expect(issue.ordered).toBe(true);
      expect(issue.options.length).toBeGreaterThanOrEqual(3);
      expect(issue.options.length).toBeLessThanOrEqual(5);
    }
  });

  test.prop([fc.record({ ordered: fc.boolean(), size: fc.integer({ min: 2, max: 6 }) }).chain(({ ordered, size }) => issueArbitrary({ id: 'army.cap', minOptions: size, maxOptions: size, ordered }).map((issue) => ({ issue, ordered, size })))])(
    'issues, within their constraints',
    ({ issue, ordered, size }) => {
      expect(createDomain({ issues: [issue] }).issues[0]).toMatchObject({ id: 'army.cap', ordered });
      expect(issue.options).toHaveLength(size);
    },
  );

  test.prop([withDomain((domain) => redLineArbitrary(domain, { id: 'no-600k', maxDepth: 1 }))])('red lines', ({ domain, value }) => {
    expect(value.id).toBe('no-600k');
    expect(() => createParty(createDomain(domain), { id: 'p', name: 'P', reservationValue: 0, redLines: [value], preferences: { weights: { [domain.issues[0]!.id]: 1 }, values: { [domain.issues[0]!.id]: Object.fromEntries(domain.issues[0]!.options.map((option) => [option.id, 0.5])) } } })).not.toThrow();
  });

  test.prop([withDomain((domain) => preferencesArbitrary(domain, { valueGrid: true, maxInteractions: 3 }))])('preferences', ({ domain, value }) => {
    expect(Object.values(value.weights).some((weight) => weight > 0)).toBe(true);
    expect((value.interactions ?? []).length).toBeLessThanOrEqual(3);
    for (const table of Object.values(value.values)) for (const v of Object.values(table)) expect([0, 0.25, 0.5, 0.75, 1]).toContain(v);
    expect(() => createParty(createDomain(domain), { id: 'p', name: 'P', reservationValue: 0, redLines: [], preferences: value })).not.toThrow();
  });

  test.prop([withDomain(outcomeArbitrary)])('outcomes', ({ domain, value }) => {
    outcomeFromChoices(createDomain(domain), value);
  });

  test.prop([withDomain((domain) => ruleArbitrary(domain, { maxDepth: 2 }))])('rules', ({ domain, value }) => {
    createParty(createDomain(domain), onePartyWith(value, domain));
  });

  test.prop([withDomain((domain) => outcomeArbitrary(domain).chain((at) => fc.tuple(fc.constant(at), ruleArbitrary(domain, { holdsAt: at }), ruleArbitrary(domain, { failsAt: at }))))])(
    'rules built to hold (fail) at an outcome hold (fail) there',
    ({ domain, value: [at, holding, failing] }) => {
      const bound = createDomain(domain);
      const outcome = outcomeFromChoices(bound, at);
      expect(assessOutcome(createParty(bound, onePartyWith(holding, domain)), outcome).violations).toEqual([]);
      expect(assessOutcome(createParty(bound, onePartyWith(failing, domain)), outcome).violations).toHaveLength(1);
    },
  );

  test.prop([withDomain((domain) => fc.constantFrom('none' as const, 'lenient' as const, 'strict' as const).chain((strictness) => partyArbitrary(domain, { id: 'x', strictness, valueGrid: strictness === 'lenient', reservation: [0.1, 0.5] })))])(
    'parties',
    ({ domain, value }) => {
      const party = createParty(createDomain(domain), value);
      expect(party.id).toBe('x');
    },
  );

  test.prop([withDomain((domain) => outcomeArbitrary(domain).chain((accepts) => partyArbitrary(domain, { strictness: 'strict', accepts }).map((party) => ({ accepts, party }))))])(
    'a party built to accept an outcome accepts it',
    ({ domain, value: { accepts, party } }) => {
      const bound = createDomain(domain);
      expect(assessOutcome(createParty(bound, party), outcomeFromChoices(bound, accepts)).stance).toBe('accepts');
    },
  );

  test.prop([withDomain((domain) => fc.constantFrom(0, 0.5, 1).chain((settleRate) => planArbitrary(domain, { id: 'draft', minPoints: 2, maxPoints: 5, settleRate }).map((plan) => ({ plan, settleRate }))))])(
    'plans, settling every issue at rate 1 and none at rate 0',
    ({ domain, value: { plan, settleRate } }) => {
      const bound = createPlan(createDomain(domain), plan);
      expect(bound.points.length).toBeGreaterThanOrEqual(2);
      expect(bound.points.length).toBeLessThanOrEqual(5);
      if (settleRate === 1) expect(openIssues(bound)).toEqual([]);
      if (settleRate === 0) expect(openIssues(bound)).toHaveLength(domain.issues.length);
    },
  );

  test.prop([withDomain((domain) => planArbitrary(domain).chain((plan) => fc.tuple(fc.constant(plan), revisionArbitrary(plan, { domain, maxEdits: 6 }), revisionArbitrary(plan))))])(
    'revisions apply to their plan, with and without the domain',
    ({ domain, value: [plan, withDomainEdits, plainEdits] }) => {
      const bound = createDomain(domain);
      for (const revision of [withDomainEdits, plainEdits]) {
        const { plan: result } = compileRevision(plan, revision, { domain: bound });
        createPlan(bound, result);
      }
    },
  );

  it('revisions of the Ukraine plans apply', () => {
    for (const plan of ukraine.plans) {
      for (const revision of fc.sample(revisionArbitrary(plan, { domain: ukraine.domain.toJSON(), maxEdits: 8 }), { numRuns: 10, seed: 42 })) {
        compileRevision(plan, revision, { domain: ukraine.domain });
      }
    }
  });

  test.prop([scenarioArbitrary({ strictness: 'strict', minParties: 1, maxParties: 4, minPlans: 0, maxPlans: 3, valueGrid: true })], { numRuns: 50 })('scenarios', (spec) => {
    const scenario = createScenario(spec);
    expect(scenario.parties.length).toBeGreaterThanOrEqual(1);
    expect(scenario.parties.length).toBeLessThanOrEqual(4);
    expect(scenario.plans.length).toBeLessThanOrEqual(3);
  });

  it('every value tried while shrinking is valid too', () => {
    validWhileShrinking(withDomain((domain) => ruleArbitrary(domain)), ({ domain, value }) => createParty(createDomain(domain), onePartyWith(value, domain)));
    validWhileShrinking(withDomain((domain) => partyArbitrary(domain, { strictness: 'strict' })), ({ domain, value }) => createParty(createDomain(domain), value));
    validWhileShrinking(withDomain((domain) => planArbitrary(domain)), ({ domain, value }) => createPlan(createDomain(domain), value));
    validWhileShrinking(withDomain((domain) => planArbitrary(domain).chain((plan) => revisionArbitrary(plan, { domain }).map((revision) => ({ plan, revision })))), ({ domain, value }) =>
      compileRevision(value.plan, value.revision, { domain: createDomain(domain) }),
    );
    for (const agreement of ['any', 'must-exist', 'must-not-exist'] as const) {
      validWhileShrinking(scenarioArbitrary({ agreement }), (spec) => createScenario(spec), 3);
    }
    validWhileShrinking(perturbedScenarioArbitrary(ukraine, { redLineHoldProbability: 0.7, pointKeepProbability: 0.6 }), ({ spec }) => createScenario(spec), 2);
  }, 60_000); // every shrink of whole scenarios validated: about 3 s quiet, 8 s on a loaded two-core CI machine
});

describe('scenarios honour the agreement constraint', () => {
  test.prop([scenarioArbitrary({ agreement: 'must-exist', strictness: 'strict', maxParties: 4 })], { numRuns: 40 })('must-exist: the agreement space is not empty', (spec) => {
    expect(agreementSpace(createScenario(spec).parties).empty).toBe(false);
  });

  test.prop([scenarioArbitrary({ agreement: 'must-not-exist', strictness: 'lenient' })], { numRuns: 40 })('must-not-exist: the agreement space is empty', (spec) => {
    expect(agreementSpace(createScenario(spec).parties).empty).toBe(true);
  });
});

/** How far a perturbed spec moved from its scenario, and whether anything did. */
function compare(scenario: Scenario, spec: ScenarioSpec) {
  let changed = false;
  const numbers: { weight: number; value: number; reservation: number } = { weight: 0, value: 0, reservation: 0 };
  spec.parties.forEach((party, p) => {
    const before = scenario.parties[p]!;
    expect(party.id).toBe(before.id);
    for (const [issue, weight] of Object.entries(before.preferences.weights)) {
      const after = party.preferences.weights[issue]!;
      if (weight > 0) {
        expect(after).toBeGreaterThan(0);
        numbers.weight = Math.max(numbers.weight, Math.abs(after / weight - 1));
      } else expect(after).toBe(weight);
      changed ||= after !== weight;
    }
    for (const [issue, table] of Object.entries(before.preferences.values)) {
      for (const [option, value] of Object.entries(table)) {
        const after = party.preferences.values[issue]![option]!;
        expect(after).toBeGreaterThanOrEqual(0);
        expect(after).toBeLessThanOrEqual(1);
        numbers.value = Math.max(numbers.value, Math.abs(after - value));
        changed ||= after !== value;
      }
    }
    numbers.reservation = Math.max(numbers.reservation, Math.abs(party.reservationValue - before.reservationValue));
    changed ||= party.reservationValue !== before.reservationValue;
    // Red lines are only ever dropped, never changed.
    const ids = before.redLines.map((redLine) => redLine.id);
    for (const redLine of party.redLines) expect(redLine).toStrictEqual(JSON.parse(JSON.stringify(before.redLines[ids.indexOf(redLine.id)])));
    changed ||= party.redLines.length !== before.redLines.length;
  });
  spec.plans.forEach((plan, k) => {
    const before = scenario.plans[k]!;
    expect(plan.points.length).toBeGreaterThan(0);
    const numbers = before.points.map((point) => point.number);
    for (const point of plan.points) expect(numbers).toContain(point.number);
    changed ||= plan.points.length !== before.points.length;
  });
  return { changed, numbers };
}

describe('perturbed scenarios', () => {
  const bounds = { weights: 0.2, values: 0.1, reservation: 0.05, redLineHoldProbability: 0.8, pointKeepProbability: 0.8 };
  test.prop([perturbedScenarioArbitrary(ukraine, bounds)], { numRuns: 25 })('of the Ukraine seeds stay valid, within bounds, and say what changed', ({ spec, changes }) => {
    createScenario(spec);
    const { changed, numbers } = compare(ukraine, spec);
    expect(numbers.weight).toBeLessThanOrEqual(bounds.weights + 1e-12);
    expect(numbers.value).toBeLessThanOrEqual(bounds.values + 1e-12);
    expect(numbers.reservation).toBeLessThanOrEqual(bounds.reservation + 1e-12);
    expect(changes.length > 0).toBe(changed);
  });

  const generated = scenarioArbitrary({ minPlans: 1 }).map((spec) => createScenario(spec));
  test.prop([generated.chain((scenario) => perturbedScenarioArbitrary(scenario, { weights: 0.5, values: 0.3, reservation: 0.1, redLineHoldProbability: 0.5, pointKeepProbability: 0.5 }).map((perturbed) => ({ scenario, perturbed })))])(
    'of generated scenarios stay valid, and changes is empty exactly when nothing changed',
    ({ scenario, perturbed: { spec, changes } }) => {
      createScenario(spec);
      expect(changes.length > 0).toBe(compare(scenario, spec).changed);
    },
  );

  it('with nothing allowed to move, nothing changes', () => {
    for (const { spec, changes } of fc.sample(perturbedScenarioArbitrary(ukraine, { weights: 0, values: 0, reservation: 0 }), { numRuns: 5, seed: 1 })) {
      expect(changes).toEqual([]);
      expect(compare(ukraine, spec).changed).toBe(false);
    }
  });

  it('shrinks toward no perturbation', () => {
    const details = fc.check(fc.property(perturbedScenarioArbitrary(ukraine, { redLineHoldProbability: 0.5 }), () => false), { seed: 5, numRuns: 1 });
    expect((details.counterexample?.[0] as { changes: string[] } | undefined)?.changes).toEqual([]);
  });
});

describe('the talks fold', () => {
  // One MEDIATE on the Ukraine seeds costs 0.1–1 s: few runs, rare MEDIATE.
  test.prop([fc.array(talksEventArbitrary(ukraine, { mediateWeight: 1 }), { maxLength: 15 })], { numRuns: 8 })(
    'on the Ukraine seeds reports no violation',
    (events) => {
      const { steps, violations } = foldTalks(ukraine, ukraineTalks.setup, events);
      expect(violations).toEqual([]);
      expect(steps.length).toBeGreaterThanOrEqual(events.length);
    },
    30_000,
  );

  test.prop([fc.array(talksEventArbitrary(ukraine, { includeIllegal: false, mediateWeight: 0 }), { maxLength: 20 })], { numRuns: 8 })(
    'on the Ukraine seeds without malformed events, starting as given',
    (events) => {
      expect(foldTalks(ukraine, ukraineTalks.setup, events, { autoStart: false }).violations).toEqual([]);
    },
    30_000,
  );

  const setup: TalksSetup = { protocol: 'mediated-single-text', mediator: 'p0', mediatorStrategy: 'amend-most-objected', maxRounds: 4, stallLimit: 2, walkOutAfter: 2 };
  const worlds = scenarioArbitrary({ minPlans: 1, agreement: 'must-exist' })
    .map((spec) => createScenario(spec))
    .chain((scenario) => fc.array(talksEventArbitrary(scenario), { maxLength: 20 }).map((events) => ({ scenario, events })));
  test.prop([worlds], { numRuns: 30 })('on generated scenarios reports no violation', ({ scenario, events }) => {
    expect(foldTalks(scenario, setup, events).violations).toEqual([]);
  });

  it('names a broken invariant', () => {
    const { steps } = foldTalks(ukraine, ukraineTalks.setup, [{ type: 'END', reason: 'Adjourned.', date: '2025-11-30' }]);
    const ended = steps.at(-1)!.state;
    const started = steps[0]!.state;
    expect(String(ended.value)).toBe('adjourned');
    expect(finalStaysFinal(ended, { type: 'MEDIATE', date: '2025-12-01' }, ended)).toEqual([]);
    expect(finalStaysFinal(ended, { type: 'MEDIATE', date: '2025-12-01' }, started)[0]).toMatch(/had ended \(adjourned\) but MEDIATE changed them/);
    expect(talksInvariants(ukraine, { ...ended, status: 'active' } as typeof ended)[0]).toMatch(/unfinished but record an ending/);
  });
});

it("@parley/core's main entry does not import fast-check", () => {
  const src = fileURLToPath(new URL('../src', import.meta.url));
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts') && !file.startsWith('testing'));
  expect(files.length).toBeGreaterThan(10);
  for (const file of files) expect({ file, imports: /from 'fast-check'|from "fast-check"/.test(readFileSync(`${src}/${file}`, 'utf8')) }).toEqual({ file, imports: false });
});
