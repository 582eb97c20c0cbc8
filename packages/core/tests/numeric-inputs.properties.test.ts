import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  ScenarioError,
  UTILITY_TOLERANCE,
  assessOutcome,
  assessPlan,
  bestUtility,
  compileEvaluator,
  compiledParty,
  createDomain,
  createParty,
  createPlan,
  outcomeFromChoices,
  type DomainSpec,
  type Party,
  type PartySpec,
  type PlanSpec,
} from '@parley/core';
import { domainArbitrary, outcomeArbitrary, partyArbitrary, planArbitrary } from '@parley/core/testing';

// Numbers of any magnitude in a party spec must either be refused at validation with a
// problem at their path, or give finite utilities on every path: in [0, 1] (and the weighted
// mean they are meant to be) without interaction terms, and within [0, 1] widened by the
// deltas with them. Two weights of 1e308 used to overflow (every utility became 0), two
// deltas of 1e308 made a utility of Infinity, and any reservation value was accepted.
// Failures print fast-check's seed and path; replay with test.prop([...], { seed, path }).

/** Any finite double, spread over every magnitude. */
const anyFinite = fc.double({ noNaN: true, noDefaultInfinity: true });
/** Weights of every magnitude: 0, small integers, and doubles from the smallest to the largest. */
const anyWeight = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 10 }),
  fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }),
  fc.constantFrom(Number.MIN_VALUE, 1e-300, 1e300, 1e308, Number.MAX_VALUE),
);
const anyValue = fc.oneof(fc.constantFrom(0, 1, Number.MIN_VALUE, 1 - Number.EPSILON / 2), fc.double({ min: 0, max: 1, noNaN: true }));
/** Mostly within the range, sometimes anything finite. */
const anyDelta = fc.oneof({ weight: 3, arbitrary: fc.oneof(fc.constantFrom(-1, 1, 0), fc.double({ min: -1, max: 1, noNaN: true })) }, { weight: 1, arbitrary: anyFinite });
const anyReservation = fc.oneof({ weight: 3, arbitrary: fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })) }, { weight: 1, arbitrary: anyFinite });

/** A generated party with its numbers replaced by numbers of any magnitude within their ranges. */
function extremeParty(domain: DomainSpec, maxInteractions: number): fc.Arbitrary<PartySpec> {
  return fc
    .record({
      party: partyArbitrary(domain, { maxInteractions }),
      weights: fc.tuple(...domain.issues.map(() => anyWeight)),
      values: fc.tuple(...domain.issues.map((issue) => fc.tuple(...issue.options.map(() => anyValue)))),
      deltas: fc.array(anyDelta, { minLength: maxInteractions, maxLength: maxInteractions }),
      reservationValue: anyReservation,
    })
    .map(({ party, weights, values, deltas, reservationValue }) => ({
      ...party,
      reservationValue,
      preferences: {
        weights: Object.fromEntries(domain.issues.map((issue, i) => [issue.id, weights[i]!])),
        values: Object.fromEntries(domain.issues.map((issue, i) => [issue.id, Object.fromEntries(issue.options.map((option, o) => [option.id, values[i]![o]!]))])),
        interactions: (party.preferences.interactions ?? []).map((interaction, k) => ({ ...interaction, delta: deltas[k]! })),
      },
    }));
}

interface Case {
  readonly domain: DomainSpec;
  readonly spec: PartySpec;
  readonly outcomes: readonly Readonly<Record<string, string>>[];
  readonly plan: PlanSpec;
}

const cases = (maxInteractions: number): fc.Arbitrary<Case> =>
  domainArbitrary({ maxIssues: 5 }).chain((domain) =>
    fc.record({
      domain: fc.constant(domain),
      spec: extremeParty(domain, maxInteractions),
      outcomes: fc.array(outcomeArbitrary(domain), { minLength: 1, maxLength: 4 }),
      plan: planArbitrary(domain),
    }),
  );

/** The sum of the weights as the engine takes it: in issue order. */
function weightTotal(domain: DomainSpec, spec: PartySpec): number {
  let total = 0;
  for (const issue of domain.issues) total += spec.preferences.weights[issue.id] ?? 0;
  return total;
}

/**
 * The party, or undefined when validation refuses it, which it must do exactly when a
 * number is out of its range, and with a problem at that number's path. Any other error
 * fails the property.
 */
function partyOrRefusal(domain: DomainSpec, spec: PartySpec): Party | undefined {
  const expected: string[] = [];
  const total = weightTotal(domain, spec);
  if (!(total > 0 && Number.isFinite(total))) expected.push('invalid-weight preferences.weights');
  (spec.preferences.interactions ?? []).forEach((interaction, k) => {
    if (!(interaction.delta >= -1 && interaction.delta <= 1)) expected.push(`invalid-value preferences.interactions[${k}].delta`);
  });
  if (!(spec.reservationValue >= 0 && spec.reservationValue <= 1)) expected.push('invalid-value reservationValue');
  try {
    const party = createParty(createDomain(domain), spec);
    expect(expected).toEqual([]);
    return party;
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).problems.map((problem) => `${problem.code} ${problem.path}`).sort()).toEqual(expected.sort());
    return undefined;
  }
}

/** The weighted mean of the values an outcome picks, computed with the weights scaled to at most 1 first, so that it cannot overflow. */
function weightedMean(domain: DomainSpec, spec: PartySpec, choices: Readonly<Record<string, string>>): number {
  const largest = Math.max(...domain.issues.map((issue) => spec.preferences.weights[issue.id] ?? 0));
  let total = 0;
  let sum = 0;
  for (const issue of domain.issues) {
    const weight = (spec.preferences.weights[issue.id] ?? 0) / largest;
    total += weight;
    sum += weight * (spec.preferences.values[issue.id]?.[choices[issue.id]!] ?? 0);
  }
  return sum / total;
}

/**
 * Every utility Parley reports for the case — of outcomes (explained and compiled), of the
 * best outcome, of a plan and its range — and the plan's margin over the reservation value.
 */
function judge(domain: ReturnType<typeof createDomain>, party: Party, { outcomes, plan }: Case): { utilities: number[]; margin: number } {
  const evaluator = compileEvaluator([party]);
  const utilities: number[] = [];
  for (const choices of outcomes) {
    const outcome = outcomeFromChoices(domain, choices);
    utilities.push(assessOutcome(party, outcome).utility, evaluator.utility(0, outcome));
  }
  const assessment = assessPlan(party, createPlan(domain, plan));
  utilities.push(assessment.utility, assessment.utilityRange.min, assessment.utilityRange.max, bestUtility(compiledParty(party)));
  return { utilities, margin: assessment.margin };
}

describe('numbers of any magnitude: refused at their path, or judged with finite utilities', () => {
  test.prop([cases(0)], { numRuns: 300 })(
    'without interaction terms: every utility is finite, in [0, 1] and the weighted mean of the values',
    (testCase) => {
      const party = partyOrRefusal(testCase.domain, testCase.spec);
      if (party === undefined) return;
      const domain = party.domain;
      const { utilities, margin } = judge(domain, party, testCase);
      for (const utility of utilities) {
        expect(Number.isFinite(utility)).toBe(true);
        expect(utility).toBeGreaterThanOrEqual(-UTILITY_TOLERANCE);
        expect(utility).toBeLessThanOrEqual(1 + UTILITY_TOLERANCE);
      }
      expect(Number.isFinite(margin)).toBe(true);
      for (const choices of testCase.outcomes) {
        expect(assessOutcome(party, outcomeFromChoices(domain, choices)).utility).toBeCloseTo(weightedMean(testCase.domain, testCase.spec, choices), 9);
      }
    },
    60_000,
  );

  test.prop([cases(3)], { numRuns: 300 })(
    'with interaction terms: every utility is finite and within [0, 1] widened by the deltas',
    (testCase) => {
      const party = partyOrRefusal(testCase.domain, testCase.spec);
      if (party === undefined) return;
      const deltas = (testCase.spec.preferences.interactions ?? []).map((interaction) => interaction.delta);
      const low = deltas.reduce((sum, delta) => sum + Math.min(0, delta), 0);
      const high = 1 + deltas.reduce((sum, delta) => sum + Math.max(0, delta), 0);
      const { utilities, margin } = judge(party.domain, party, testCase);
      expect(Number.isFinite(margin)).toBe(true);
      for (const utility of utilities) {
        expect(Number.isFinite(utility)).toBe(true);
        expect(utility).toBeGreaterThanOrEqual(low - UTILITY_TOLERANCE);
        expect(utility).toBeLessThanOrEqual(high + UTILITY_TOLERANCE);
      }
    },
    60_000,
  );
});
