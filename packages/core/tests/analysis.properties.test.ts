import { fileURLToPath } from 'node:url';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  agreementSpace,
  assessOutcome,
  compileEvaluator,
  createDomain,
  createParty,
  kalaiSmorodinsky,
  maxWelfare,
  meetsThreshold,
  minimalRelaxations,
  nashPoint,
  outcomeFromChoices,
  paretoFrontier,
  type BargainingResult,
  type BargainingSolution,
  type ConstraintInfo,
  type DomainSpec,
  type Outcome,
  type Party,
  type PartySpec,
} from '@parley/core';
import { loadGeniusScenario } from '@parley/core/node';
import { domainArbitrary, partiesArbitrary, type NumberScale, type ReservationPlacement } from './support/arbitraries.js';
import {
  bruteForce,
  constraintOf,
  dominates,
  frontierOf,
  gains,
  optimum,
  outcomeKey,
  outcomesMeeting,
  referenceKalaiSmorodinsky,
  referenceNash,
  referenceWelfare,
  sameVector,
  satisfiable,
  subsetsOfSize,
  tabulate,
  TOLERANCE,
  type BruteCase,
  type ReferenceOptimum,
  type ReferencePoint,
} from './support/brute-force.js';

// Every analysis cross-checked against brute force (tests/support/brute-force.ts) on small
// generated domains (≤ 5 issues × ≤ 4 options, 2–4 parties with red lines and interaction
// terms). Half the cases draw their numbers from a coarse grid, so that different outcomes
// reach exactly the same utilities and ties between outcomes are the rule, not the exception.
//
// Failures print fast-check's seed and path; replay one with
// test.prop([...], { seed: <seed>, path: '<path>' }).

/** A generated case: a domain and the specs of 2–4 parties over it. */
interface Case {
  readonly domain: DomainSpec;
  readonly parties: readonly PartySpec[];
}

/** 2–4 parties over one generated domain; `scale` fixes how their numbers are drawn. */
const caseArbitrary = (scale?: NumberScale, reservations?: ReservationPlacement): fc.Arbitrary<Case> =>
  domainArbitrary.chain((domain) =>
    fc
      .integer({ min: 2, max: 4 })
      .chain((count) => partiesArbitrary(domain, count, scale, reservations))
      .map((parties) => ({ domain, parties })),
  );
const cases = caseArbitrary();

/** Each property runs in well under a second; the limit only guards against a busy machine. */
const PROPERTY_TIMEOUT = 30_000;

/** A domain of issues a, b, c, … each with options x, y, z, … (`sizes[i]` options for issue i). */
function smallDomain(sizes: readonly number[]): DomainSpec {
  return {
    issues: sizes.map((size, i) => ({
      id: 'abcdef'[i]!,
      label: `Issue ${'abcdef'[i]!}`,
      ordered: false,
      options: Array.from({ length: size }, (_, o) => ({ id: 'xyzw'[o]!, label: `Option ${'xyzw'[o]!}` })),
    })),
  };
}

/** A party without red lines: `values[issue][option]` by position, `weights` by issue position. */
function simpleParty(domain: DomainSpec, id: string, reservationValue: number, weights: readonly number[], values: readonly (readonly number[])[]): PartySpec {
  return {
    id,
    name: `Party ${id}`,
    reservationValue,
    redLines: [],
    preferences: {
      weights: Object.fromEntries(domain.issues.map((issue, i) => [issue.id, weights[i]!])),
      values: Object.fromEntries(domain.issues.map((issue, i) => [issue.id, Object.fromEntries(issue.options.map((option, o) => [option.id, values[i]![o]!]))])),
    },
  };
}

/** The index of an engine outcome among the reference's outcomes. */
function indexOf(bf: BruteCase, outcome: Outcome): number {
  const key = outcomeKey(outcome);
  const index = bf.outcomes.findIndex((candidate) => outcomeKey(candidate) === key);
  expect(index, `outcome ${key} is not an outcome of the domain`).toBeGreaterThanOrEqual(0);
  return index;
}

const sortedKeys = (outcomes: Iterable<Outcome>) => [...outcomes].map(outcomeKey).sort();
const describeConstraints = (constraints: readonly ConstraintInfo[]) =>
  constraints.map((c) => (c.ref.kind === 'red-line' ? `${c.ref.party}/${c.ref.redLine}` : `${c.ref.party}/reservation`)).join(' + ');

function expectUtilities(actual: readonly number[] | Float64Array, expected: readonly number[], context: string): void {
  expect(actual.length, context).toBe(expected.length);
  expected.forEach((value, p) => expect(actual[p], `${context}, party ${p}`).toBeCloseTo(value, 9));
}

function expectClose(actual: number, expected: number, tolerance: number, context: string): void {
  expect(Math.abs(actual - expected), `${context}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

/**
 * A bargaining result of a search run with no budget and no signal, narrowed to a solution
 * or null (proven: none qualifies). Such a search always finishes, so `found: false` (cut
 * short before any outcome was found) fails the test, with the guarantee it came with.
 */
function solved(result: BargainingResult, context: string): BargainingSolution | null {
  if (result !== null && !result.found) {
    throw new Error(`${context}: a search with no budget and no signal was cut short (stopped by ${String(result.stoppedBy)}): ${result.guarantee}`);
  }
  return result;
}

describe('compileEvaluator agrees with assessOutcome', () => {
  // 1 to 6 parties: the evaluator sums up to four parties in locals, more through an array.
  const anyCount = domainArbitrary.chain((domain) =>
    fc
      .integer({ min: 1, max: 6 })
      .chain((count) => partiesArbitrary(domain, count))
      .map((parties): Case => ({ domain, parties })),
  );
  test.prop([anyCount], { numRuns: 150 })(
    'on every outcome: each utility, each party\'s red lines and acceptance, and acceptance by all',
    ({ domain, parties }) => {
      const bf = bruteForce(domain, parties);
      const evaluator = compileEvaluator(bf.parties);
      const redLinesOf = parties.map((party) => party.redLines.map((redLine) => constraintOf(bf, { party: party.id, kind: 'red-line', redLine: redLine.id })));
      const into = new Float64Array(bf.parties.length);
      // Every disagreement, collected, so that a failure lists them all at once.
      const disagreements: string[] = [];
      const differ = (what: string, actual: unknown, expected: unknown) => disagreements.push(`${what}: engine ${String(actual)}, reference ${String(expected)}`);
      bf.outcomes.forEach((outcome, o) => {
        const at = `outcome ${outcomeKey(outcome)}`;
        const utilities = evaluator.utilities(outcome);
        // Writing into a given array returns that array, filled alike.
        if (evaluator.utilities(outcome, into) !== into) differ(`${at}: utilities(outcome, into) returns into`, false, true);
        bf.parties.forEach((_, p) => {
          const expected = bf.utilities[o]![p]!;
          for (const [how, actual] of [['utilities()', utilities[p]!], ['utilities(into)', into[p]!], ['utility()', evaluator.utility(p, outcome)]] as const) {
            if (!(Math.abs(actual - expected) < 5e-10)) differ(`${at}, party ${p}, ${how}`, actual, expected);
          }
          // All parties at once and one at a time add the same terms in the same order.
          if (utilities[p] !== evaluator.utility(p, outcome)) differ(`${at}, party ${p}, utilities() to the last bit`, utilities[p], evaluator.utility(p, outcome));
          const keeps = redLinesOf[p]!.every((c) => bf.holds[o]![c]!);
          if (evaluator.keepsRedLines(p, outcome) !== keeps) differ(`${at}, party ${p}, keepsRedLines`, !keeps, keeps);
          if (evaluator.accepts(p, outcome) !== bf.accepts[o]![p]) differ(`${at}, party ${p}, accepts`, !bf.accepts[o]![p], bf.accepts[o]![p]);
          // The reference agrees with itself: assessOutcome accepts exactly when every red line
          // holds (by the independent interpreter) and the utility reaches the reservation
          // value, within the library's tolerance (meetsThreshold: u ≥ r − 1e-9).
          const accepts = keeps && meetsThreshold(expected, bf.reservations[p]!);
          if (bf.accepts[o]![p] !== accepts) differ(`${at}, party ${p}, assessOutcome vs referenceHolds`, bf.accepts[o]![p], accepts);
        });
        const all = bf.accepts[o]!.every(Boolean);
        if (evaluator.acceptedByAll(outcome) !== all) differ(`${at}, acceptedByAll`, !all, all);
      });
      expect(disagreements).toEqual([]);
    },
    PROPERTY_TIMEOUT,
  );
});

describe('agreementSpace is the set of outcomes every party accepts', () => {
  test.prop([cases], { numRuns: 150 })(
    'count, emptiness and iteration match brute force; an empty space comes with genuine, minimal conflicts',
    ({ domain, parties }) => expectAgreementSpace(domain, parties),
    PROPERTY_TIMEOUT,
  );
});

function expectAgreementSpace(domain: DomainSpec, parties: readonly PartySpec[]): void {
  const bf = bruteForce(domain, parties);
  const space = agreementSpace(bf.parties);
  expect(space.exact).toBe(true);
  expect(space.stoppedBy).toBeNull();
  expect(space.outcomes).toBe(bf.outcomes.length);
  expect(space.agreements).toBe(bf.agreements.length);
  expect(space.empty).toBe(bf.agreements.length === 0);
  expect(sortedKeys(space.iterate())).toEqual(sortedKeys(bf.agreements.map((o) => bf.outcomes[o]!)));

  if (!space.empty) {
    expect(space.conflict).toBeNull();
    expect(space.conflicts).toEqual([]);
    return;
  }
  expect(space.conflict).not.toBeNull();
  expect(space.conflicts.length).toBeGreaterThanOrEqual(1);
  expect(space.conflicts.length).toBeLessThanOrEqual(8);
  expect(space.conflicts[0]).toEqual(space.conflict);
  const setAside: number[] = [];
  for (const conflict of space.conflicts) {
    const label = describeConstraints(conflict);
    const indexes = conflict.map((constraint) => constraintOf(bf, constraint));
    expect(new Set(indexes).size, `${label}: no constraint twice`).toBe(indexes.length);
    // Each next conflict is among the constraints left once the first of each earlier one is set aside.
    for (const index of setAside) expect(indexes, `${label} reuses a constraint set aside`).not.toContain(index);
    // (a) A genuine conflict: no outcome meets all of these constraints.
    expect(satisfiable(bf, indexes), `${label} is not a conflict`).toBe(false);
    // (b) Minimal: without any one of them, the rest can hold together.
    for (const dropped of indexes) {
      expect(satisfiable(bf, indexes.filter((index) => index !== dropped)), `${label} is not minimal: it still conflicts without ${bf.constraints[dropped]!.key}`).toBe(true);
    }
    // Every constraint is named with its party's name and a sentence.
    for (const constraint of conflict) {
      expect(constraint.partyName).toBe(`Party ${constraint.ref.party}`);
      if (constraint.ref.kind === 'red-line') {
        const redLine = constraint.ref.redLine;
        expect(constraint.text).toBe(parties.find((party) => party.id === constraint.ref.party)!.redLines.find((line) => line.id === redLine)!.text);
      }
    }
    setAside.push(indexes[0]!);
  }
  // The chain stops only when the constraints left can hold together (or at 8 conflicts).
  if (space.conflicts.length < 8) {
    const left = bf.constraints.map((_, index) => index).filter((index) => !setAside.includes(index));
    expect(satisfiable(bf, left), 'the chain of conflicts stopped while a conflict remained').toBe(true);
  }
}

/** Checks an engine frontier against the reference frontier of `relevant`. */
function expectFrontier(bf: BruteCase, relevant: readonly number[], acceptableOnly: boolean): void {
  const frontier = paretoFrontier(bf.parties, { acceptableOnly });
  const reference = frontierOf(bf, relevant);
  const context = `acceptableOnly: ${acceptableOnly}`;
  expect(frontier.exact, context).toBe(true);
  expect(frontier.stoppedBy, context).toBeNull();
  const inRelevant = new Set(relevant);
  const matched = new Set<ReferencePoint>();
  for (const point of frontier.points) {
    const label = `${context}, point (${point.utilities.join(', ')})`;
    const found = reference.find((candidate) => sameVector(candidate.utilities, point.utilities));
    expect(found, `${label} is not on the brute-force frontier ${JSON.stringify(reference.map((r) => r.utilities))}`).toBeDefined();
    expect(matched.has(found!), `${label} is listed twice`).toBe(false);
    matched.add(found!);
    expect(point.outcomeCount, `${label}: outcomes reaching it`).toBe(found!.outcomes.length);
    const o = indexOf(bf, point.outcome);
    expect(inRelevant.has(o), `${label}: its outcome ${outcomeKey(point.outcome)} is not in the analysed set`).toBe(true);
    expectUtilities(point.utilities, bf.utilities[o]!, `${label}, outcome ${outcomeKey(point.outcome)}`);
  }
  const missing = reference.filter((point) => !matched.has(point)).map((point) => point.utilities);
  expect(missing, `${context}: brute-force frontier vectors the engine did not list`).toEqual([]);
  // Sorted by the first party's utility, descending (then the next party's).
  for (let k = 1; k < frontier.points.length; k++) {
    const [a, b] = [frontier.points[k - 1]!.utilities, frontier.points[k]!.utilities];
    const first = a.findIndex((value, p) => value !== b[p]);
    expect(first, `${context}: points ${k - 1} and ${k} have one vector`).toBeGreaterThanOrEqual(0);
    expect(a[first]!, `${context}: points ${k - 1} and ${k} out of order`).toBeGreaterThan(b[first]!);
  }
}

function expectFrontiers({ domain, parties }: Case): void {
  const bf = bruteForce(domain, parties);
  expectFrontier(bf, bf.agreements, true);
  expectFrontier(bf, bf.outcomes.map((_, o) => o), false);
}

/**
 * The smallest case of the (fixed) frontier bug below: with weights 2:1 and 1:2, outcomes
 * (x, x) and (y, y) are both worth exactly (2/3, 1/3).
 */
const tiedFrontierCase: Case = (() => {
  const domain = smallDomain([2, 2]);
  return {
    domain,
    parties: [
      simpleParty(domain, 'p', 0, [2, 1], [[0.5, 1], [1, 0]]),
      simpleParty(domain, 'q', 0, [1, 2], [[1, 0.5], [0, 0.25]]),
    ],
  };
})();

describe('paretoFrontier is the set of undominated utility vectors', () => {
  test.prop([caseArbitrary('continuous')], { numRuns: 150 })(
    'over the agreements (default) and over every outcome (acceptableOnly: false): vectors, outcome counts and witnesses match brute force',
    expectFrontiers,
    PROPERTY_TIMEOUT,
  );

  // Regression (fixed by comparing utilities within UTILITY_TOLERANCE instead of snapping
  // partial sums to a 1e-10 grid): the snapping errors added up along a path, so one utility
  // reached along two paths landed on two grid points. In `tiedFrontierCase`, q's utility 1/3
  // was reached as snap(1/3) + 0 = 0.3333333333 for (x, x) and as snap(snap(1/6) + 1/6) =
  // 0.3333333334 for (y, y): the engine thought (y, y) dominated (x, x), dropped it, and
  // reported one point with outcomeCount 1 instead of (2/3, 1/3) with outcomeCount 2. On grid
  // numbers that split or dropped ties in about 1 case in 70; the case stays pinned in `examples`.
  test.prop([caseArbitrary('grid')], { numRuns: 150, examples: [[tiedFrontierCase]] })(
    'on grid numbers, where many outcomes tie on one vector, every tie is counted',
    expectFrontiers,
    PROPERTY_TIMEOUT,
  );
});

interface SolutionCheck {
  readonly name: string;
  /** The objective, from a utility vector. */
  readonly objective: (u: readonly number[]) => number;
  /** Whether every gain over the reservation value must be positive (Nash). */
  readonly strict: boolean;
  /** How many ties the engine reports at most. */
  readonly maxTies: number;
  /**
   * How far the objective may stray: the engine takes any value within 1e-9 × max(1, |value|)
   * of the best as a tie (and may report either), and its utilities carry float noise from
   * summing in another order, which the objective sums, multiplies and divides by ideal − r.
   */
  readonly tolerance: number;
}

interface SolutionDemands {
  /** The solution and every tie are Pareto-optimal among the agreements. */
  readonly paretoOptimal: boolean;
  /** The solution and its ties are every optimal frontier vector (up to the cap on ties). */
  readonly completeTies: boolean;
}

/** Checks a bargaining solution (of a search with no budget) against the reference optimum over the agreements. */
function expectSolution(
  bf: BruteCase,
  result: BargainingResult,
  reference: ReferenceOptimum | null,
  check: SolutionCheck,
  demands: SolutionDemands,
): void {
  const { name, objective, strict, maxTies, tolerance } = check;
  const solution = solved(result, name);
  if (reference === null) {
    expect(solution, `${name}: brute force has no candidate`).toBeNull();
    return;
  }
  expect(solution, `${name}: brute force finds ${reference.value}`).not.toBeNull();
  const found = solution!;
  expect(found.exact, name).toBe(true);
  expect(found.stoppedBy, name).toBeNull();
  expectClose(found.value, reference.value, tolerance, `${name}: value`);
  expectClose(found.upperBound, found.value, tolerance, `${name}: upper bound of an exact search`);
  const frontier = frontierOf(bf, bf.agreements);
  const onFrontier = (u: readonly number[]) => frontier.some((point) => sameVector(point.utilities, u));
  const agreements = new Set(bf.agreements);
  const r = bf.reservations;
  const candidates = [{ utilities: found.utilities, outcome: found.outcome }, ...found.ties];
  candidates.forEach(({ utilities, outcome }, k) => {
    const label = `${name}${k === 0 ? '' : ` tie ${k}`} at ${outcomeKey(outcome)} (${utilities.join(', ')})`;
    const o = indexOf(bf, outcome);
    expect(agreements.has(o), `${label} is not an agreement`).toBe(true);
    expectUtilities(utilities, bf.utilities[o]!, label);
    expectClose(objective(bf.utilities[o]!), reference.value, tolerance, `${label}: objective`);
    if (demands.paretoOptimal && !onFrontier(bf.utilities[o]!)) {
      expect.unreachable(`${label} is dominated: not on the frontier ${JSON.stringify(frontier.map((p) => p.utilities))}`);
    }
    bf.utilities[o]!.forEach((u, p) => {
      if (strict) expect(gains(u, r[p]!), `${label}: party ${p} gains nothing (${u} vs ${r[p]!})`).toBe(true);
      else expect(meetsThreshold(u, r[p]!), `${label}: party ${p} below its reservation value (${u} vs ${r[p]!})`).toBe(true);
    });
  });
  // No two candidates share a vector (within the tolerance).
  const distinct: { readonly utilities: readonly number[]; readonly k: number }[] = [];
  candidates.forEach(({ utilities }, k) => {
    const twin = distinct.find((d) => sameVector(d.utilities, utilities));
    if (twin === undefined) distinct.push({ utilities, k });
    else expect.unreachable(`${name}: candidates ${twin.k} and ${k} repeat a vector: (${twin.utilities.join(', ')}) and (${utilities.join(', ')})`);
  });
  if (!demands.completeTies) return;
  const optimal = reference.optimal.filter((point) => onFrontier(point.utilities));
  const label = `${name}: optimal frontier vectors ${JSON.stringify(optimal.map((p) => p.utilities))}, candidates ${JSON.stringify(candidates.map((c) => c.utilities))}`;
  if (found.ties.length < maxTies) {
    for (const point of optimal) expect(distinct.some((c) => sameVector(c.utilities, point.utilities)), label).toBe(true);
    if (demands.paretoOptimal) expect(distinct.length, label).toBe(optimal.length);
  } else {
    expect(optimal.length, label).toBeGreaterThan(maxTies);
  }
}

const nashObjective = (r: readonly number[]) => (u: readonly number[]) => u.reduce((product, value, p) => product * (value - r[p]!), 1);
const welfareObjective = (u: readonly number[]) => u.reduce((sum, value) => sum + value, 0);
const ksObjective = (r: readonly number[], ideal: readonly number[]) => (u: readonly number[]) => Math.min(...u.map((value, p) => (value - r[p]!) / (ideal[p]! - r[p]!)));

const nashCheck = (bf: BruteCase): SolutionCheck => ({ name: 'Nash', objective: nashObjective(bf.reservations), strict: true, maxTies: 16, tolerance: 1e-8 });
const welfareCheck: SolutionCheck = { name: 'welfare', objective: welfareObjective, strict: false, maxTies: 16, tolerance: 2e-9 };
/** Normalised gains divide utility errors by ideal − r, so the tolerance grows with 1 / the smallest span. */
function ksCheck(bf: BruteCase, ideal: readonly number[] | undefined): SolutionCheck {
  const r = bf.reservations;
  const spans = (ideal ?? r.map(() => 1)).map((value, p) => value - r[p]!);
  return { name: 'Kalai–Smorodinsky', objective: ideal === undefined ? () => 0 : ksObjective(r, ideal), strict: false, maxTies: 64, tolerance: 2e-9 / Math.min(1, ...spans) };
}

/** Checks Nash, welfare and KS on a case; `demands` as for {@link expectSolution}. */
function expectSolutions({ domain, parties }: Case, demands: SolutionDemands, which: readonly ('nash' | 'welfare' | 'ks')[]): void {
  const bf = bruteForce(domain, parties);
  if (which.includes('nash')) expectSolution(bf, nashPoint(bf.parties), referenceNash(bf), nashCheck(bf), demands);
  if (which.includes('welfare')) expectSolution(bf, maxWelfare(bf.parties), referenceWelfare(bf), welfareCheck, demands);
  if (which.includes('ks')) {
    const reference = referenceKalaiSmorodinsky(bf);
    expectSolution(bf, kalaiSmorodinsky(bf.parties), reference, ksCheck(bf, reference?.ideal), demands);
  }
}

/** Two parties over two issues of two options each, with reservation values and weights as given. */
function twoByTwo(p: { r: number; weights: readonly number[]; values: readonly (readonly number[])[] }, q: { r: number; weights: readonly number[]; values: readonly (readonly number[])[] }): Case {
  const domain = smallDomain([2, 2]);
  return { domain, parties: [simpleParty(domain, 'p', p.r, p.weights, p.values), simpleParty(domain, 'q', q.r, q.weights, q.values)] };
}

/**
 * One issue, three options worth (0.5, 1), (0.5, 0.75) and (0.75, 0.5) to two parties with
 * reservation values 0: two outcomes tie on the Kalai–Smorodinsky objective, one dominating
 * the other. The KS point is (0.5, 1) (commit a6fbb4c returned (0.5, 0.75)).
 */
const dominatedKsCase: Case = (() => {
  const domain = smallDomain([3]);
  return { domain, parties: [simpleParty(domain, 'p', 0, [1], [[0.5, 0.5, 0.75]]), simpleParty(domain, 'q', 0, [1], [[1, 0.75, 0.5]])] };
})();

/** Nash: (x, x) gives (0.625, 0.5) and (y, y) gives (0.375, 5/6), both with product 0.3125. */
const nashTieCase = twoByTwo({ r: 0, weights: [1, 1], values: [[0.75, 0.25], [0.5, 0.5]] }, { r: 0, weights: [1, 2], values: [[0, 1], [0, 0.75]] });
/** Welfare: (y, x) gives (2/3, 5/12) and (x, y) gives (1/3, 3/4), both totalling 13/12. */
const welfareTieCase = twoByTwo({ r: 0.13, weights: [1, 2], values: [[0.25, 1], [0.5, 0]] }, { r: 0, weights: [1, 2], values: [[0.25, 0.25], [0.5, 1]] });
/**
 * KS: ideal point (5/6, 1/3), reservation values (0.13, 0); (x, x) gives (0.75, 1/6) and
 * (y, y) gives (0.5, 1/6), both with smallest normalised gain 1/2 (q's), and (x, x)
 * dominates (y, y).
 */
const ksTieCase = twoByTwo({ r: 0.13, weights: [1, 2], values: [[0.25, 0.5], [1, 0.5]] }, { r: 0, weights: [2, 1], values: [[0.25, 0], [0, 0.5]] });

/**
 * Two parties, q = 1 − p, weights 1:1: (x, x) gives p (0.1 + 0.8) / 2 = 0.45 and (y, y)
 * gives (0.3 + 0.6) / 2, also 0.45 but 0.44999999999999996 in floating point; q gets 0.55
 * from both. Nash and welfare tie on (0.45, 0.55), (0.55, 0.45) (and welfare on (0.35,
 * 0.65) too, every outcome totalling 1).
 */
const repeatedTieCase = twoByTwo({ r: 0, weights: [1, 1], values: [[0.1, 0.3], [0.8, 0.6]] }, { r: 0, weights: [1, 1], values: [[0.9, 0.7], [0.2, 0.4]] });

/**
 * Three parties, two issues of two options, weights 1:1, reservation values 0: (x, y)
 * gives (0.45, 0.55, 0.55) and (y, x) gives (0.44999999999999996, 0.55, 0.8), the same p0
 * utility up to float noise, so (y, x) dominates (x, y). Ideal (0.7, 0.8, 0.8); both have
 * the smallest normalised gain 0.45 / 0.7 (p0's), the best: the KS point is (y, x).
 */
const ksNoiseTieCase: Case = (() => {
  const domain = smallDomain([2, 2]);
  return {
    domain,
    parties: [
      simpleParty(domain, 'p0', 0, [1, 1], [[0.8, 0.3], [0.6, 0.1]]),
      simpleParty(domain, 'p1', 0, [1, 1], [[0.2, 0.7], [0.4, 0.9]]),
      simpleParty(domain, 'p2', 0, [1, 1], [[0.7, 0.8], [0.8, 0.4]]),
    ],
  };
})();

describe('bargaining solutions are the brute-force optima over the agreements', () => {
  test.prop([cases], { numRuns: 150 })(
    'nashPoint maximises Π(u_i − r_i) over the agreements where every party gains, on the frontier',
    (generated) => expectSolutions(generated, { paretoOptimal: true, completeTies: false }, ['nash']),
    PROPERTY_TIMEOUT,
  );

  test.prop([cases], { numRuns: 150 })(
    'maxWelfare maximises Σ u_i over the agreements, on the frontier',
    (generated) => expectSolutions(generated, { paretoOptimal: true, completeTies: false }, ['welfare']),
    PROPERTY_TIMEOUT,
  );

  test.prop([cases], { numRuns: 150, examples: [[dominatedKsCase]] })(
    'kalaiSmorodinsky maximises min_i (u_i − r_i)/(ideal_i − r_i) over the agreements',
    (generated) => expectSolutions(generated, { paretoOptimal: false, completeTies: false }, ['ks']),
    PROPERTY_TIMEOUT,
  );

  // Regression (fixed by unrounded utilities and ties within 1e-9 × max(1, |value|), where
  // they were within 1e-12 × |value| of values computed from utilities on a 1e-10 grid): the
  // grid noise split genuine ties, or let a dominated outcome win:
  // - `nashTieCase`: (0.625, 0.5) and (0.375, 5/6) both have Nash product 0.3125; the engine
  //   computed 0.375 × 0.8333333333 = 0.3124999999875, and reported no tie.
  // - `welfareTieCase`: (2/3, 5/12) and (1/3, 3/4) both total 13/12; the engine's grid
  //   totals were 1.0833333334 and 1.0833333333, and it reported only (1/3, 3/4), no tie.
  // - `ksTieCase`: (0.75, 1/6) and (0.5, 1/6) tie on the KS objective and the first
  //   dominates; the engine returned (0.5, 1/6) with no tie: a dominated KS point.
  // It failed in about 1 generated case in 300 per solution; the cases stay pinned in `examples`.
  // The cases of the two regression tests below are in `examples` too, so that every run
  // checks them.
  test.prop([cases], { numRuns: 100, examples: [[nashTieCase], [welfareTieCase], [ksTieCase], [repeatedTieCase], [ksNoiseTieCase]] })(
    'the solution and its ties are every optimal frontier vector: no tie is lost to rounding',
    (generated) => expectSolutions(generated, { paretoOptimal: true, completeTies: true }, ['nash', 'welfare', 'ks']),
    PROPERTY_TIMEOUT,
  );

  // Regression: ties compared utility vectors bit for bit, so one vector reached by two
  // outcomes with float noise in the last bits was reported twice: in `repeatedTieCase`,
  // nashPoint (and likewise maxWelfare) returned (0.45, 0.55) with the tie
  // (0.44999999999999996, 0.55), a repeat of the solution itself.
  it('ties never repeat the solution\'s utility vector within the tolerance (repeatedTieCase)', () => {
    expectSolutions(repeatedTieCase, { paretoOptimal: true, completeTies: true }, ['nash', 'welfare']);
  });

  // Regression: kalaiSmorodinsky filtered its tied candidates by dominance bit for bit, so a
  // tie dominated only within the tolerance survived: in `ksNoiseTieCase` it picked (x, y) =
  // (0.45, 0.55, 0.55), dominated by (y, x) = (0.44999999999999996, 0.55, 0.8), the KS point.
  it('kalaiSmorodinsky never picks a point dominated within the tolerance (ksNoiseTieCase)', () => {
    expectSolutions(ksNoiseTieCase, { paretoOptimal: true, completeTies: true }, ['ks']);
  });
});

describe('minimalRelaxations lists every smallest way to open a zone of agreement', () => {
  /** Checks the relaxations of `candidates` (constraint indexes) up to `maxSize`. */
  function expectRelaxations(bf: BruteCase, includeReservations: boolean): void {
    const maxSize = 2;
    const relaxations = minimalRelaxations(bf.parties, { maxSize, includeReservations, limit: 10_000 });
    const context = `includeReservations: ${includeReservations}`;
    if (bf.agreements.length > 0) {
      expect(relaxations, `${context}: nothing to relax when agreements exist`).toEqual([]);
      return;
    }
    const all = bf.constraints.map((_, index) => index);
    const candidates = all.filter((index) => includeReservations || bf.constraints[index]!.ref.kind === 'red-line');
    const opens = (subset: readonly number[]) => satisfiable(bf, all.filter((index) => !subset.includes(index)));
    const returned = relaxations.map((relaxation) => relaxation.relax.map((constraint) => constraintOf(bf, constraint)));
    relaxations.forEach((relaxation, k) => {
      const subset = returned[k]!;
      const label = `${context}: relaxing ${describeConstraints(relaxation.relax)}`;
      expect(subset.length, label).toBeGreaterThanOrEqual(1);
      expect(subset.length, label).toBeLessThanOrEqual(maxSize);
      for (const index of subset) expect(candidates, `${label}: not a candidate`).toContain(index);
      expect(opens(subset), `${label} opens nothing by brute force`).toBe(true);
      for (let size = 1; size < subset.length; size++) {
        for (const smaller of subsetsOfSize(subset, size)) expect(opens(smaller), `${label}: a smaller set already opens`).toBe(false);
      }
      const relaxed = outcomesMeeting(bf, all.filter((index) => !subset.includes(index)));
      const space = agreementSpace(bf.parties, { relax: relaxation.relax.map((constraint) => constraint.ref) });
      expect(space.empty, label).toBe(false);
      expect(relaxation.opens.exact, label).toBe(true);
      expect(relaxation.opens.agreements, label).toBe(space.agreements);
      expect(relaxation.opens.agreements, `${label}: brute-force count`).toBe(relaxed.length);
      // The deal it opens: the Nash point of the relaxed space (no budget: never cut short).
      const r = bf.reservations;
      const nash = optimum(bf, relaxed.filter((o) => bf.utilities[o]!.every((u, p) => gains(u, r[p]!))), nashObjective(r));
      const opened = solved(relaxation.opens.nash, `${label}: Nash point of the opened space`);
      if (nash === null) expect(opened, label).toBeNull();
      else expect(opened?.value, `${label}: Nash value of the opened space`).toBeCloseTo(nash.value, 9);
    });
    // No returned set contains another, and smaller sets come first.
    returned.forEach((a, i) =>
      returned.forEach((b, j) => {
        if (i !== j) expect(a.every((index) => b.includes(index)), `${context}: set ${i} is inside set ${j}`).toBe(false);
      }),
    );
    for (let k = 1; k < returned.length; k++) expect(returned[k]!.length).toBeGreaterThanOrEqual(returned[k - 1]!.length);
    // Complete up to the size limit: every opening set contains a returned one.
    for (let size = 1; size <= maxSize; size++) {
      for (const subset of subsetsOfSize(candidates, size)) {
        if (!opens(subset)) continue;
        const covered = returned.some((set) => set.every((index) => subset.includes(index)));
        expect(covered, `${context}: relaxing ${subset.map((index) => bf.constraints[index]!.key).join(' + ')} opens the space but contains no returned relaxation`).toBe(true);
      }
    }
  }

  test.prop([cases], { numRuns: 100 })('red lines only (the default): sound, minimal and complete up to maxSize 2', ({ domain, parties }) => {
    expectRelaxations(bruteForce(domain, parties), false);
  }, PROPERTY_TIMEOUT);

  test.prop([cases], { numRuns: 60 })('with reservation values as candidates too', ({ domain, parties }) => {
    expectRelaxations(bruteForce(domain, parties), true);
  }, PROPERTY_TIMEOUT);
});

// ---------------------------------------------------------------------------------------
// Exactness: a search cut short says so, and what it still guarantees.

/**
 * A deterministic two-party case with opposed preferences over `issueCount` ordered issues
 * of `optionCount` options: party a prefers high options, party b low ones, with weights
 * 1, 2, 3, 1, 2, 3, … and 3, 2, 1, …, and equal reservation values. No red lines.
 */
function opposedParties(issueCount: number, optionCount: number, reservation = 0.4): Case {
  const domain: DomainSpec = {
    issues: Array.from({ length: issueCount }, (_, i) => ({
      id: `i${i}`,
      label: `Issue ${i}`,
      ordered: true,
      options: Array.from({ length: optionCount }, (_, o) => ({ id: `o${o}`, label: `Option ${o}` })),
    })),
  };
  const up = Array.from({ length: optionCount }, (_, o) => o / (optionCount - 1));
  const down = [...up].reverse();
  return {
    domain,
    parties: [
      simpleParty(domain, 'a', reservation, domain.issues.map((_, i) => 1 + (i % 3)), domain.issues.map(() => up)),
      simpleParty(domain, 'b', reservation, domain.issues.map((_, i) => 3 - (i % 3)), domain.issues.map(() => down)),
    ],
  };
}

/** What a budgeted search returned: the exact solution, a cut-short one, or none. */
type BudgetedOutcome = 'exact' | 'cut with a solution' | 'cut before any' | 'none';

/**
 * Checks a bargaining result found under a budget against the reference optimum, in each
 * of its three forms:
 * - a solution (`found: true`): exact and optimal, or cut short (`exact: false`) with the
 *   best outcome found, which is an agreement, no better than the optimum, under an upper
 *   bound that is at least the optimum;
 * - `found: false`: cut before any outcome was found; it says so, names no outcome, and its
 *   upper bound is still at least the optimum;
 * - null: proven that no outcome qualifies, so brute force has no candidate either.
 */
function expectBudgetedSolution(
  bf: BruteCase,
  result: BargainingResult,
  reference: ReferenceOptimum | null,
  tolerance: number,
  name: string,
): BudgetedOutcome {
  if (result === null) {
    expect(reference, `${name}: null (proven none) where brute force finds ${reference?.value}`).toBeNull();
    return 'none';
  }
  if (reference !== null) expect(result.upperBound, `${name}: upper bound`).toBeGreaterThanOrEqual(reference.value - tolerance);
  if (!result.found) {
    expect(result, name).toMatchObject({ exact: false, stoppedBy: 'budget' });
    expect(result.guarantee, name).toMatch(/^none: the search stopped \(budget\) before /);
    expect(result, `${name}: cut before any outcome, yet names one`).not.toHaveProperty('outcome');
    return 'cut before any';
  }
  expect(reference, `${name}: a solution where brute force has no candidate`).not.toBeNull();
  const o = indexOf(bf, result.outcome);
  expect(bf.agreements, `${name}: not an agreement`).toContain(o);
  expectUtilities(result.utilities, bf.utilities[o]!, name);
  if (result.exact) {
    expect(result.stoppedBy, name).toBeNull();
    expectClose(result.value, reference!.value, tolerance, `${name}: exact value`);
    return 'exact';
  }
  expect(result.stoppedBy, name).toBe('budget');
  expect(result.guarantee, name).toMatch(/^the best found when the search stopped \(budget\)/);
  expect(result.value, `${name}: value found`).toBeLessThanOrEqual(reference!.value + tolerance);
  expect(result.value, `${name}: value found, above its own upper bound`).toBeLessThanOrEqual(result.upperBound);
  return 'cut with a solution';
}

describe('exactness', () => {
  test.prop([cases, fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 200 }))], { numRuns: 100 })(
    'under a step budget every analysis is exact (and then unchanged) or says it was cut, with a guarantee that holds',
    ({ domain, parties }, budget) => {
      const bf = bruteForce(domain, parties);
      const space = agreementSpace(bf.parties, { budget });
      if (space.exact) {
        expect(space.stoppedBy).toBeNull();
        expect(space.agreements).toBe(bf.agreements.length);
      } else {
        expect(space.stoppedBy).toBe('budget');
        expect(space.empty).toBe(false);
        expect(space.conflict).toBeNull();
        expect(space.agreements).toBeLessThanOrEqual(bf.agreements.length);
        expect(space.guarantee).toMatch(/^a lower bound: the search stopped \(budget\) after \d+ steps; at least this many outcomes are agreements$/);
      }
      const frontier = paretoFrontier(bf.parties, { budget });
      if (frontier.exact) expect(frontier).toEqual(paretoFrontier(bf.parties));
      else expect(frontier).toMatchObject({ stoppedBy: 'budget', points: [] });

      expectBudgetedSolution(bf, nashPoint(bf.parties, { budget }), referenceNash(bf), nashCheck(bf).tolerance, 'Nash');
      expectBudgetedSolution(bf, maxWelfare(bf.parties, { budget }), referenceWelfare(bf), welfareCheck.tolerance, 'welfare');
      const ks = referenceKalaiSmorodinsky(bf);
      expectBudgetedSolution(bf, kalaiSmorodinsky(bf.parties, { budget }), ks, ksCheck(bf, ks?.ideal).tolerance, 'Kalai–Smorodinsky');
    },
    PROPERTY_TIMEOUT,
  );

  it('agreementSpace, paretoFrontier, nashPoint and maxWelfare cut by a small budget on a non-trivial case say so', () => {
    const { domain, parties } = opposedParties(6, 4);
    const bf = bruteForce(domain, parties);
    expect(bf.agreements.length).toBeGreaterThan(0);
    expect(bf.agreements.length).toBeLessThan(bf.outcomes.length);

    const space = agreementSpace(bf.parties, { budget: 1 });
    expect(space).toMatchObject({ exact: false, stoppedBy: 'budget', empty: false, conflict: null, conflicts: [] });
    expect(space.guarantee).toMatch(/^a lower bound: the search stopped \(budget\) after 2 steps/);
    expect(space.agreements).toBeLessThan(bf.agreements.length);
    expect(agreementSpace(bf.parties)).toMatchObject({ exact: true, stoppedBy: null, agreements: bf.agreements.length });

    const frontier = paretoFrontier(bf.parties, { budget: 1 });
    expect(frontier).toMatchObject({ exact: false, stoppedBy: 'budget', points: [] });
    expect(frontier.guarantee).toMatch(/^none: the search stopped \(budget\)/);

    // Every budget from 1 to 60 steps: each answer is exact and right, or cut and says so,
    // with or without an outcome found; never null (agreements exist, every party gaining).
    for (const [solve, reference, tolerance] of [
      [nashPoint, referenceNash(bf)!, nashCheck(bf).tolerance],
      [maxWelfare, referenceWelfare(bf)!, welfareCheck.tolerance],
    ] as const) {
      const seen = new Map<BudgetedOutcome, number>();
      for (let budget = 1; budget <= 60; budget++) {
        const outcome = expectBudgetedSolution(bf, solve(bf.parties, { budget }), reference, tolerance, `${solve.name}, budget ${budget}`);
        seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
      }
      expect(seen.get('none'), `${solve.name}: a budget gave null`).toBeUndefined();
      expect(seen.get('cut before any'), `${solve.name}: some budget cuts the search before it finds an outcome`).toBeGreaterThan(0);
      expect(seen.get('cut with a solution'), `${solve.name}: some budget cuts the search after it found an outcome`).toBeGreaterThan(0);
      expect(solved(solve(bf.parties), solve.name)?.value).toBeCloseTo(reference.value, 9);
    }
  });

  // Regression: when the budget ran out before the search reached its first complete
  // outcome, nashPoint and maxWelfare returned null, which means "no outcome qualifies".
  // Here (two parties, 6 issues of 4 options, no red lines, reservation values 0.4) 1 814 of
  // the 4 096 outcomes are agreements, every party gaining in each; a budget of 1 step now
  // gives `found: false`, cut by the budget, with an upper bound that holds.
  it('a search cut before finding any outcome does not claim there is none (nashPoint, maxWelfare)', () => {
    const { domain, parties } = opposedParties(6, 4);
    const bf = bruteForce(domain, parties);
    for (const [solve, reference] of [[nashPoint, referenceNash(bf)], [maxWelfare, referenceWelfare(bf)]] as const) {
      expect(reference, solve.name).not.toBeNull();
      const result = solve(bf.parties, { budget: 1 });
      expect(result, solve.name).toMatchObject({ found: false, exact: false, stoppedBy: 'budget' });
      expect(result!.guarantee, solve.name).toMatch(/^none: the search stopped \(budget\) before it found any outcome that qualifies/);
      expect(result!.upperBound, solve.name).toBeGreaterThanOrEqual(reference!.value - TOLERANCE);
    }
  });

  // Regression: when the budget ran out before an ideal-point search reached its first
  // complete outcome, kalaiSmorodinsky returned null ("no outcome qualifies") although the
  // KS point exists: on the `opposedParties(6, 4)` case above, budgets 1–5 and 11–16 gave null.
  it('a search cut before finding any outcome does not claim there is none (kalaiSmorodinsky)', () => {
    const { domain, parties } = opposedParties(6, 4);
    const bf = bruteForce(domain, parties);
    const reference = referenceKalaiSmorodinsky(bf);
    expect(reference).not.toBeNull();
    const tolerance = ksCheck(bf, reference!.ideal).tolerance;
    const nulls: number[] = [];
    for (let budget = 1; budget <= 60; budget++) {
      if (expectBudgetedSolution(bf, kalaiSmorodinsky(bf.parties, { budget }), reference, tolerance, `KS, budget ${budget}`) === 'none') nulls.push(budget);
    }
    expect(nulls, 'budgets at which kalaiSmorodinsky returned null').toEqual([]);
  });

  it('an aborted signal stops a long search, which says it was aborted', () => {
    const controller = new AbortController();
    controller.abort();
    const signal = controller.signal;
    const started = performance.now();

    // Two parties, 14 issues of 4 options: 268 million outcomes to count.
    const opposed = opposedParties(14, 4, 0.45);
    const domain = createDomain(opposed.domain);
    const two = opposed.parties.map((party) => createParty(domain, party));
    const space = agreementSpace(two, { signal });
    expect(space).toMatchObject({ exact: false, stoppedBy: 'aborted', empty: false, conflict: null });
    expect(space.guarantee).toMatch(/^a lower bound: the search stopped \(aborted\) after \d+ steps/);
    expect(space.agreements).toBeLessThan(domain.outcomeCount);

    // Three parties with scattered values over the same issues: a frontier far too large to merge.
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const three = ['a', 'b', 'c'].map((id) =>
      createParty(domain, simpleParty(opposed.domain, id, 0, opposed.domain.issues.map(() => 1 + Math.floor(random() * 9)), opposed.domain.issues.map(() => [0, 1, 2, 3].map(() => Math.round(random() * 1000) / 1000)))),
    );
    const frontier = paretoFrontier(three, { signal, acceptableOnly: false });
    expect(frontier).toMatchObject({ exact: false, stoppedBy: 'aborted', points: [] });
    expect(frontier.guarantee).toMatch(/^none: the search stopped \(aborted\)/);

    expect(performance.now() - started, 'milliseconds').toBeLessThan(5_000);
  });
});

// ---------------------------------------------------------------------------------------
// A utility exactly at a reservation value.

/**
 * Two cases where the outcome (x, x, x) is worth exactly party p's reservation value; p
 * weighs issues a, b, c equally and every option y is worth 0 to it:
 * - `driftCase`: options x worth 0.25, 0.25, 0.25 and reservation value 0.25. Exact in
 *   floating point (assessOutcome: 0.25), but the engine's old per-group snapping gave
 *   snap(snap(snap(1/12) + 1/12) + 1/12) = 0.2499999999, and it rejected.
 * - `noiseCase`: options x worth 0.25, 1, 0.25 and reservation value 0.5. The plain float sum
 *   is 0.49999999999999994 (mathematically 0.5), which every path used to reject.
 * A second party, indifferent (utility 0, reservation value 0), accepts everything.
 */
function boundaryCase(values: readonly number[], reservationValue: number): Case {
  const domain = smallDomain([2, 2, 2]);
  return {
    domain,
    parties: [
      simpleParty(domain, 'p', reservationValue, [1, 1, 1], values.map((value) => [value, 0])),
      simpleParty(domain, 'q', 0, [1, 0, 0], [[0, 0], [0, 0], [0, 0]]),
    ],
  };
}
const driftCase = boundaryCase([0.25, 0.25, 0.25], 0.25);
const noiseCase = boundaryCase([0.25, 1, 0.25], 0.5);

describe('a utility exactly at the reservation value', () => {
  // Regression (fixed by one acceptance rule everywhere, meetsThreshold: u ≥ r − 1e-9, with
  // no snapping of partial sums). The outcome (x, x, x) is worth exactly the reservation
  // value in both cases, so the party accepts it. In `driftCase` assessOutcome and
  // compileEvaluator accepted, but agreementSpace dropped it (0.2499999999 < 0.25) and
  // reported no agreement, with the reservation value as the conflict; in `noiseCase` every
  // path rejected, assessOutcome because of float noise in its plain sum.
  it('is accepted by assessOutcome, compileEvaluator and agreementSpace alike', () => {
    for (const { domain: spec, parties: specs } of [driftCase, noiseCase]) {
      const domain = createDomain(spec);
      const parties = specs.map((party) => createParty(domain, party));
      const outcome = outcomeFromChoices(domain, { a: 'x', b: 'x', c: 'x' });
      const label = JSON.stringify(specs[0]!.preferences.values);
      expect(assessOutcome(parties[0]!, outcome).accepts, `assessOutcome, ${label}`).toBe(true);
      expect(compileEvaluator(parties).accepts(0, outcome), `compileEvaluator, ${label}`).toBe(true);
      expect(sortedKeys(agreementSpace(parties).iterate()), `agreementSpace, ${label}`).toEqual([outcomeKey(outcome)]);
    }
  });

  // The agreement-space property again, with reservation values on the grid of utilities
  // (0.25, 0.5, 0.75) so that many utilities equal them exactly (`driftCase` and
  // `noiseCase` are pinned in `examples`). It failed in a few percent of cases for the bug
  // above, and then for the brute-force reference itself, which judged reservation values
  // with a strict u ≥ r while the library accepts within the tolerance (conflicts reported
  // as not minimal, or the chain of conflicts as stopped too early).
  test.prop([caseArbitrary('grid', 'on-grid')], { numRuns: 150, examples: [[driftCase], [noiseCase]] })(
    'with reservation values that utilities reach exactly, agreementSpace still matches brute force',
    ({ domain, parties }) => expectAgreementSpace(domain, parties),
    PROPERTY_TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------
// The shared GENIUS benchmark domains: published Nash and Kalai–Smorodinsky points.

const GENIUS = new URL('../../../../shared/genius-domains/', import.meta.url);
const geniusFile = (path: string) => fileURLToPath(new URL(path, GENIUS));
async function geniusParties(dir: string, domain: string, profiles: readonly string[]): Promise<readonly Party[]> {
  const { scenario } = await loadGeniusScenario(geniusFile(`${dir}/${domain}`), profiles.map((profile) => geniusFile(`${dir}/${profile}`)));
  return scenario.parties;
}

function expectPoint(result: BargainingResult, expected: readonly number[]): void {
  const solution = solved(result, `point (${expected.join(', ')})`);
  expect(solution).not.toBeNull();
  expect(solution!.exact).toBe(true);
  expect(solution!.utilities).toHaveLength(expected.length);
  solution!.utilities.forEach((value, p) => expect(value, `party ${p}`).toBeCloseTo(expected[p]!, 6));
}

/** Nash and KS lie on the frontier of the agreements and give every party at least its reservation value. */
function expectOnFrontierAndRational(parties: readonly Party[], results: readonly BargainingResult[]): void {
  const frontier = paretoFrontier(parties);
  expect(frontier.exact).toBe(true);
  const evaluator = compileEvaluator(parties);
  for (const result of results) {
    const solution = solved(result, 'solution');
    expect(solution).not.toBeNull();
    expectUtilities(solution!.utilities, Array.from(evaluator.utilities(solution!.outcome)), 'solution outcome');
    expect(frontier.points.some((point) => sameVector(point.utilities, solution!.utilities)), `(${solution!.utilities.join(', ')}) is not on the frontier`).toBe(true);
    expect(frontier.points.some((point) => dominates(point.utilities, solution!.utilities))).toBe(false);
    parties.forEach((party, p) => expect(meetsThreshold(solution!.utilities[p]!, party.reservationValue), `party ${p}: ${solution!.utilities[p]} vs reservation ${party.reservationValue}`).toBe(true));
    expect(evaluator.acceptedByAll(solution!.outcome)).toBe(true);
  }
}

describe('GENIUS benchmark domains', () => {
  it('energy: 390 625 outcomes, 204 frontier points, Nash (0.625, 0.754286), KS (0.6825, 0.684)', async () => {
    const parties = await geniusParties('energy', 'energy_domain.xml', ['energy_consumer.xml', 'energy_distributor.xml']);
    const space = agreementSpace(parties, { acceptableOnly: false });
    expect(space.outcomes).toBe(390_625);
    expect(space.agreements).toBe(390_625);
    const frontier = paretoFrontier(parties, { acceptableOnly: false });
    expect(frontier.exact).toBe(true);
    expect(frontier.points).toHaveLength(204);
    const nash = nashPoint(parties);
    const ks = kalaiSmorodinsky(parties);
    expectPoint(nash, [0.625, 0.754286]);
    expectPoint(ks, [0.6825, 0.684]);
    expectOnFrontierAndRational(parties, [nash, ks]);
  });

  it('england-zimbabwe: Nash (0.910916, 0.733218), KS (0.822286, 0.78657)', async () => {
    const parties = await geniusParties('england-zimbabwe', 'EnglandZimbabwe_domain.xml', ['England.xml', 'Zimbabwe.xml']);
    const nash = nashPoint(parties);
    const ks = kalaiSmorodinsky(parties);
    expectPoint(nash, [0.910916, 0.733218]);
    expectPoint(ks, [0.822286, 0.78657]);
    expectOnFrontierAndRational(parties, [nash, ks]);
  });

  it('itex-cypress: Nash = KS = (0.721478, 0.670478)', async () => {
    const parties = await geniusParties('itex-cypress', 'ItexvsCypress_domain.xml', ['ItexvsCypress_Itex.xml', 'ItexvsCypress_Cypress.xml']);
    const nash = solved(nashPoint(parties), 'Nash');
    const ks = solved(kalaiSmorodinsky(parties), 'KS');
    expectPoint(nash, [0.721478, 0.670478]);
    expectPoint(ks, [0.721478, 0.670478]);
    expect(nash!.outcome).toEqual(ks!.outcome);
    expectOnFrontierAndRational(parties, [nash, ks]);
  });

  it('the brute-force reference agrees with the engine on a whole GENIUS domain (itex-cypress, 180 outcomes)', async () => {
    const parties = await geniusParties('itex-cypress', 'ItexvsCypress_domain.xml', ['ItexvsCypress_Itex.xml', 'ItexvsCypress_Cypress.xml']);
    const domainSpec: DomainSpec = { issues: parties[0]!.domain.issues };
    const bf = tabulate(domainSpec, parties[0]!.domain, parties, parties);
    expect(bf.outcomes).toHaveLength(180);
    expectFrontier(bf, bf.agreements, true);
    expectFrontier(bf, bf.outcomes.map((_, o) => o), false);
    const demands: SolutionDemands = { paretoOptimal: true, completeTies: true };
    expectSolution(bf, nashPoint(parties), referenceNash(bf), nashCheck(bf), demands);
    expectSolution(bf, maxWelfare(parties), referenceWelfare(bf), welfareCheck, demands);
    const ks = referenceKalaiSmorodinsky(bf);
    expect(ks).not.toBeNull();
    expectSolution(bf, kalaiSmorodinsky(parties), ks, ksCheck(bf, ks!.ideal), demands);
  });
});
