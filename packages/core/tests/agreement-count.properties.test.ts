import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  agreementSpace,
  assessOutcome,
  compileEvaluator,
  createDomain,
  createParty,
  createScenario,
  ParleyError,
  sampleAgreements,
  type DomainSpec,
  type Outcome,
  type Party,
  type PartySpec,
} from '@parley/core';
import { domainArbitrary } from '@parley/core/testing';
import { partiesArbitrary, type ReservationPlacement } from './support/arbitraries.js';
import { wideScenarioSpec } from './support/wide-scenario.js';

// The agreement count (meeting in the middle over the issue groups, issue 13) and the uniform
// sample drawn from it, checked against plain enumeration: every outcome of a small domain
// judged by `assessOutcome`, one party at a time. Domains go up to 8 issues of 3 options, so
// that the two halves hold enough vectors for their k-d trees to have inner boxes and for the
// one- and two-dimensional sweeps to run; numbers are drawn on a coarse grid half the time (ties
// everywhere), with reservation values that utilities reach exactly in some cases.

const PROPERTY_TIMEOUT = 60_000;

interface Case {
  readonly domain: DomainSpec;
  readonly parties: readonly PartySpec[];
}

const caseArbitrary = (reservations: ReservationPlacement): fc.Arbitrary<Case> =>
  fc
    .oneof(domainArbitrary(), domainArbitrary({ minIssues: 4, maxIssues: 8, maxOptions: 3 }))
    .chain((domain) =>
      fc
        .integer({ min: 2, max: 5 })
        .chain((count) => partiesArbitrary(domain, count, undefined, reservations))
        .map((parties) => ({ domain, parties })),
    );

function build({ domain, parties }: Case): Party[] {
  const made = createDomain(domain);
  return parties.map((spec) => createParty(made, spec));
}

/** Every outcome of the parties' domain, in odometer order. */
function* allOutcomes(parties: readonly Party[]): Generator<Outcome> {
  const counts = parties[0]!.domain.issues.map((issue) => issue.options.length);
  const outcome = new Uint8Array(counts.length);
  for (;;) {
    yield outcome.slice();
    let i = 0;
    while (i < counts.length && ++outcome[i]! === counts[i]!) outcome[i++] = 0;
    if (i === counts.length) return;
  }
}

const key = (outcome: Outcome) => outcome.join(',');
const acceptedByEveryone = (parties: readonly Party[], outcome: Outcome) => parties.every((party) => assessOutcome(party, outcome).accepts);

/** The agreements by enumeration, judged by `assessOutcome`. */
function agreementsByEnumeration(parties: readonly Party[]): Set<string> {
  const found = new Set<string>();
  for (const outcome of allOutcomes(parties)) if (acceptedByEveryone(parties, outcome)) found.add(key(outcome));
  return found;
}

describe('the agreement count matches enumeration', () => {
  test.prop([fc.constantFrom<ReservationPlacement>('off-grid', 'on-grid').chain(caseArbitrary)], { numRuns: 120 })(
    'for 2–5 parties with red lines, interaction terms and ties',
    (generated) => {
      const parties = build(generated);
      const expected = agreementsByEnumeration(parties);
      const space = agreementSpace(parties, { budget: Infinity });
      expect(space.exact).toBe(true);
      expect(space.exactAgreements).toBe(BigInt(expected.size));
      expect(space.agreements).toBe(expected.size);
      expect(space.empty).toBe(expected.size === 0);
      // The lazy enumeration lists the same outcomes.
      expect(new Set([...space.iterate()].map(key))).toEqual(expected);
    },
    PROPERTY_TIMEOUT,
  );

  it('on wider domains, against the compiled evaluator (10 issues × 4 options, 3 parties; 11 × 3, 4 parties)', () => {
    for (const shape of [{ issues: 10, options: 4, parties: 3, seed: 3 }, { issues: 11, options: 3, parties: 4, seed: 5 }]) {
      // Reservation values high enough that the count must work at the boundary.
      const spec = wideScenarioSpec(shape);
      const scenario = createScenario({ ...spec, parties: spec.parties.map((party) => ({ ...party, reservationValue: 0.4 })) });
      const evaluator = compileEvaluator(scenario.parties);
      let expected = 0;
      for (const outcome of allOutcomes(scenario.parties)) if (evaluator.acceptedByAll(outcome)) expected++;
      const space = agreementSpace(scenario.parties, { budget: Infinity });
      expect(expected).toBeGreaterThan(0);
      expect(space).toMatchObject({ exact: true, agreements: expected });
    }
  }, 120_000);

  it('a count cut short by its budget is a lower bound and says so', () => {
    const spec = wideScenarioSpec({ issues: 10, options: 4, parties: 3, seed: 3 });
    const scenario = createScenario({ ...spec, parties: spec.parties.map((party) => ({ ...party, reservationValue: 0.4 })) });
    const full = agreementSpace(scenario.parties, { budget: Infinity });
    expect(full.work).toBeGreaterThan(1_000);
    // Too small a budget to build the halves (the depth-first search counts instead), and one
    // that runs out while the pairs are being counted.
    for (const budget of [1, 10, 100, 1_000, 2_000, 2_500, 3_000, 3_300, full.work - 50, full.work - 1]) {
      const cut = agreementSpace(scenario.parties, { budget });
      expect(cut).toMatchObject({ exact: false, stoppedBy: 'budget' });
      expect(cut.work).toBeLessThanOrEqual(budget + 1);
      expect(cut.exactAgreements).toBeLessThanOrEqual(full.exactAgreements);
      expect(cut.guarantee).toMatch(/^a lower bound/);
    }
  }, 60_000);
});

describe('sampleAgreements', () => {
  test.prop([fc.constantFrom<ReservationPlacement>('off-grid', 'on-grid').chain(caseArbitrary), fc.integer()], { numRuns: 80 })(
    'draws only agreements, as many as asked, the same ones for the same seed',
    (generated, seed) => {
      const parties = build(generated);
      const sample = sampleAgreements(parties, { count: 25, seed, budget: Infinity });
      const expected = agreementsByEnumeration(parties);
      expect(sample.exactAgreements).toBe(BigInt(expected.size));
      expect(sample.exact).toBe(true);
      expect(sample.outcomes).toHaveLength(expected.size === 0 ? 0 : 25);
      for (const outcome of sample.outcomes) expect(expected.has(key(outcome)), key(outcome)).toBe(true);
      expect(sampleAgreements(parties, { count: 25, seed, budget: Infinity }).outcomes.map(key)).toEqual(sample.outcomes.map(key));
    },
    PROPERTY_TIMEOUT,
  );

  it('is uniform: a chi-square test at a fixed seed', () => {
    // Three parties over 5 issues (3 × 3 × 2 × 3 × 2 = 108 outcomes): a red line linking two
    // issues, an interaction term, values on a grid (ties), a reservation value met exactly.
    const domain = createDomain({
      issues: ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({
        id,
        label: id,
        ordered: true,
        options: Array.from({ length: i === 2 || i === 4 ? 2 : 3 }, (_, o) => ({ id: `o${o}`, label: `o${o}` })),
      })),
    });
    const values = (list: readonly (readonly number[])[]) => Object.fromEntries(list.map((row, i) => ['abcde'[i]!, Object.fromEntries(row.map((v, o) => [`o${o}`, v]))]));
    const weights = (list: readonly number[]) => Object.fromEntries(list.map((w, i) => ['abcde'[i]!, w]));
    const parties = [
      createParty(domain, {
        id: 'p0',
        name: 'P0',
        reservationValue: 0.5,
        redLines: [{ id: 'link', text: 'If a is o0, b must be o2.', sources: ['S'], rule: { kind: 'if', when: { kind: 'require', issue: 'a', options: ['o0'] }, then: { kind: 'require', issue: 'b', options: ['o2'] } } }],
        preferences: { weights: weights([1, 1, 1, 1, 0]), values: values([[0, 0.5, 1], [1, 0.5, 0], [0, 1], [0.5, 0.5, 1], [0, 0]]) },
      }),
      createParty(domain, {
        id: 'p1',
        name: 'P1',
        reservationValue: 0.25,
        redLines: [],
        preferences: {
          weights: weights([1, 1, 0, 1, 1]),
          values: values([[1, 0.5, 0], [0, 0.5, 1], [0, 0], [1, 0, 0.5], [0, 1]]),
          interactions: [{ id: 'x', text: 'a and e together.', sources: ['S'], when: { kind: 'all', rules: [{ kind: 'require', issue: 'a', options: ['o2'] }, { kind: 'require', issue: 'e', options: ['o1'] }] }, delta: 0.25 }],
        },
      }),
      createParty(domain, {
        id: 'p2',
        name: 'P2',
        reservationValue: 0.25,
        redLines: [{ id: 'no-d0', text: 'Never d = o0.', sources: ['S'], rule: { kind: 'forbid', issue: 'd', options: ['o0'] } }],
        preferences: { weights: weights([0, 1, 1, 1, 1]), values: values([[0, 0, 0], [0.5, 0.5, 0.5], [1, 0], [0, 0.5, 1], [0.5, 0.5]]) },
      }),
    ];
    const agreements = [...agreementsByEnumeration(parties)];
    // The domain is fixed, so is the number of cells: the critical value is a constant.
    expect(agreements).toHaveLength(DEGREES_OF_FREEDOM + 1);
    const perCell = 200;
    const sample = sampleAgreements(parties, { count: perCell * agreements.length, seed: 20_251_113, budget: Infinity });
    expect(sample.exact).toBe(true);
    const tally = new Map(agreements.map((outcome) => [outcome, 0]));
    for (const outcome of sample.outcomes) tally.set(key(outcome), tally.get(key(outcome))! + 1);
    expect(tally.size).toBe(agreements.length);
    const chiSquare = [...tally.values()].reduce((sum, observed) => sum + (observed - perCell) ** 2 / perCell, 0);
    expect(chiSquare).toBeLessThan(CRITICAL_AT_0_001);
  }, 60_000);

  it('says when it cannot draw: the count cut short, or a domain too wide for the halves', () => {
    const wide = createScenario(wideScenarioSpec());
    const sample = sampleAgreements(wide.parties, { count: 10, seed: 1, budget: 50_000 });
    expect(sample).toMatchObject({ exact: false, outcomes: [] });
    expect(sample.guarantee).toMatch(/^none drawn/);
  }, 60_000);

  it('rejects a count or a seed that cannot make a sample', () => {
    const parties = createScenario(wideScenarioSpec({ issues: 4, options: 3 })).parties;
    for (const options of [{ count: -1, seed: 1 }, { count: 1.5, seed: 1 }, { count: 3, seed: 0.5 }, { count: 3, seed: 2 ** 40 }]) {
      expect(() => sampleAgreements(parties, options)).toThrow(ParleyError);
      expect(() => sampleAgreements(parties, options)).toThrow(/count|seed/);
    }
  });
});

/** Agreements of the chi-square domain, less one. */
const DEGREES_OF_FREEDOM = 33;
/** The chi-square critical value for DEGREES_OF_FREEDOM at p = 0.001 (from the table). */
const CRITICAL_AT_0_001 = 63.87;
