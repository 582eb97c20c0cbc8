import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { domainArbitrary as kitDomainArbitrary } from '@parley/core/testing';
import { paretoFrontier, ParleyError, type DomainSpec, type FrontierOptions, type ParetoFrontier, type PartySpec } from '@parley/core';
import { SkylineTree } from '@parley/core/internal';
import { domainArbitrary, partiesArbitrary, type NumberScale } from './support/arbitraries.js';
import { bruteForce, frontierOf, outcomeKey, sameVector, TOLERANCE, type BruteCase, type ReferencePoint } from './support/brute-force.js';

// The frontier with three to five parties, where the merge filters each stage by a sweep
// over a k-d tree, checked against brute force (every outcome enumerated and assessed through
// the public API), and the ε-Pareto option (`maxPoints`, `epsilon`) checked against its
// guarantee. Grid numbers make ties the rule; domains of six issues make frontiers of
// hundreds of points, enough for the tree to have inner nodes to prune.

interface Case {
  readonly domain: DomainSpec;
  readonly parties: readonly PartySpec[];
}

const manyParties = (domains: fc.Arbitrary<DomainSpec>, scale?: NumberScale): fc.Arbitrary<Case> =>
  domains.chain((domain) =>
    fc
      .integer({ min: 3, max: 5 })
      .chain((count) => partiesArbitrary(domain, count, scale))
      .map((parties) => ({ domain, parties })),
  );

/**
 * The case with a twin of its first issue: the same options, and for every party the same
 * weight and values. Swapping the two issues' options then changes no one's utility, so
 * outcomes from different partial merges tie exactly on one vector (with three or more
 * parties, ties across groups are rare otherwise).
 */
function withTwin({ domain, parties }: Case): Case {
  const first = domain.issues[0]!;
  const twin = { ...first, id: 'twin', label: 'Twin' };
  return {
    domain: { ...domain, issues: [...domain.issues, twin] },
    parties: parties.map((party) => ({
      ...party,
      preferences: {
        ...party.preferences,
        weights: { ...party.preferences.weights, twin: party.preferences.weights[first.id]! },
        values: { ...party.preferences.values, twin: party.preferences.values[first.id]! },
      },
    })),
  };
}

/** Six issues of three or four options: up to 4096 outcomes, brute force still quick. */
const largerDomains = kitDomainArbitrary({ minIssues: 6, maxIssues: 6, minOptions: 3, maxOptions: 4 });

/** Heavy properties (brute force over thousands of outcomes); the limit leaves room for a busy CI machine. */
const TIMEOUT = 120_000;

/** The analysed outcomes: the agreements, or every outcome. */
function relevant(bf: BruteCase, acceptableOnly: boolean): readonly number[] {
  return acceptableOnly ? bf.agreements : bf.outcomes.map((_, o) => o);
}

/** The reference point a listed vector is, or a failed expectation. */
function referenceFor(reference: readonly ReferencePoint[], utilities: readonly number[], label: string): ReferencePoint {
  const found = reference.find((candidate) => sameVector(candidate.utilities, utilities));
  expect(found, `${label}: (${utilities.join(', ')}) is not on the brute-force frontier`).toBeDefined();
  return found!;
}

function expectExactFrontier(bf: BruteCase, frontier: ParetoFrontier, acceptableOnly: boolean): void {
  const label = `${bf.parties.length} parties, acceptableOnly: ${acceptableOnly}`;
  const reference = frontierOf(bf, relevant(bf, acceptableOnly));
  expect(frontier.exact, label).toBe(true);
  expect(frontier.epsilon, label).toBe(0);
  expect(frontier.frontierSize, label).toBe(reference.length);
  expect(frontier.points.length, label).toBe(reference.length);
  const matched = new Set<ReferencePoint>();
  for (const point of frontier.points) {
    const found = referenceFor(reference, point.utilities, label);
    expect(matched.has(found), `${label}: (${point.utilities.join(', ')}) is listed twice`).toBe(false);
    matched.add(found);
    expect(point.exactOutcomeCount, `${label}: outcomes reaching (${point.utilities.join(', ')})`).toBe(BigInt(found.outcomes.length));
    expect(found.outcomes.map((o) => outcomeKey(bf.outcomes[o]!)), `${label}: its outcome reaches it`).toContain(outcomeKey(point.outcome));
  }
}

/** Every listed point is on the exact frontier; every exact frontier vector is within `epsilon` of a listed one. */
function expectEpsilonPareto(bf: BruteCase, frontier: ParetoFrontier, options: FrontierOptions, acceptableOnly: boolean): void {
  const label = `${JSON.stringify(options)}, acceptableOnly: ${acceptableOnly}`;
  const reference = frontierOf(bf, relevant(bf, acceptableOnly));
  expect(frontier.exact, label).toBe(true);
  expect(frontier.frontierSize, label).toBe(reference.length);
  const epsilon = frontier.epsilon!;
  expect(epsilon, label).toBeGreaterThanOrEqual(0);
  if (options.maxPoints !== undefined) expect(frontier.points.length, label).toBeLessThanOrEqual(options.maxPoints);
  // With epsilon alone the cover keeps to it; with maxPoints it may need more.
  if (options.maxPoints === undefined) expect(epsilon, label).toBeLessThanOrEqual(options.epsilon!);
  if (frontier.points.length === reference.length) expect(epsilon, label).toBe(0);
  for (const point of frontier.points) {
    const found = referenceFor(reference, point.utilities, label);
    expect(point.exactOutcomeCount, label).toBe(BigInt(found.outcomes.length));
  }
  for (const vector of reference) {
    const nearest = Math.min(...frontier.points.map((point) => Math.max(...point.utilities.map((value, p) => Math.abs(value - vector.utilities[p]!)))));
    expect(nearest, `${label}: (${vector.utilities.join(', ')}) is ${nearest} from every listed point, ε = ${epsilon}`).toBeLessThanOrEqual(epsilon + TOLERANCE);
  }
  expect(frontier.guarantee, label).toMatch(frontier.points.length < reference.length ? /ε-Pareto set/ : /every Pareto-optimal utility vector is listed/);
}

function expectFrontiers({ domain, parties }: Case): void {
  const bf = bruteForce(domain, parties);
  for (const acceptableOnly of [true, false]) expectExactFrontier(bf, paretoFrontier(bf.parties, { acceptableOnly }), acceptableOnly);
}

describe('paretoFrontier with three to five parties matches brute force', () => {
  test.prop([manyParties(domainArbitrary, 'continuous')], { numRuns: 100 })('small domains, continuous numbers: vectors, exact counts and witnesses', expectFrontiers, TIMEOUT);
  test.prop([manyParties(domainArbitrary, 'grid')], { numRuns: 100 })('small domains, grid numbers (ties everywhere): every tie counted once', expectFrontiers, TIMEOUT);
  test.prop([manyParties(domainArbitrary).map(withTwin)], { numRuns: 60 })('with a twin issue, whose swaps tie across merge stages: every tie counted once', expectFrontiers, TIMEOUT);
  test.prop([manyParties(largerDomains)], { numRuns: 12 })('six-issue domains, frontiers of hundreds of points', expectFrontiers, TIMEOUT);
});

/** A thinning request: at most a few points, an ε on a coarse grid, or both. */
const thinning: fc.Arbitrary<FrontierOptions> = fc.oneof(
  fc.integer({ min: 1, max: 8 }).map((maxPoints) => ({ maxPoints })),
  fc.constantFrom(0, 0.05, 0.1, 0.25).map((epsilon) => ({ epsilon })),
  fc.record({ maxPoints: fc.integer({ min: 1, max: 8 }), epsilon: fc.constantFrom(0.05, 0.1) }),
);

describe('paretoFrontier with maxPoints or epsilon lists an ε-Pareto subset of the exact frontier', () => {
  test.prop([manyParties(fc.oneof(domainArbitrary, largerDomains)), thinning], { numRuns: 40 })(
    'each listed point is on the brute-force frontier, and every frontier vector is within the ε stated of one listed',
    ({ domain, parties }, options) => {
      const bf = bruteForce(domain, parties);
      for (const acceptableOnly of [true, false]) expectEpsilonPareto(bf, paretoFrontier(bf.parties, { ...options, acceptableOnly }), options, acceptableOnly);
    },
    TIMEOUT,
  );

  test.prop([manyParties(domainArbitrary), thinning, fc.integer({ min: 1, max: 400 })], { numRuns: 60 })(
    'under a small budget it is exact, or says it was cut and still keeps what it claims',
    ({ domain, parties }, options, budget) => {
      const bf = bruteForce(domain, parties);
      const frontier = paretoFrontier(bf.parties, { ...options, acceptableOnly: false, budget });
      expect(frontier.work).toBeLessThanOrEqual(budget + 1);
      if (frontier.epsilon === null) {
        // The merge was cut: nothing listed, nothing claimed.
        expect(frontier.exact).toBe(false);
        expect(frontier.points).toEqual([]);
        return;
      }
      const reference = frontierOf(bf, relevant(bf, false));
      for (const point of frontier.points) referenceFor(reference, point.utilities, `budget ${budget}`);
      for (const vector of reference) {
        const nearest = Math.min(...frontier.points.map((point) => Math.max(...point.utilities.map((value, p) => Math.abs(value - vector.utilities[p]!)))));
        expect(nearest).toBeLessThanOrEqual(frontier.epsilon + TOLERANCE);
      }
    },
    TIMEOUT,
  );

  it('rejects a maxPoints that is not a whole number of at least 1, and an epsilon that is negative or not finite', () => {
    const domain: DomainSpec = { issues: [{ id: 'a', label: 'A', ordered: false, options: [{ id: 'x', label: 'X' }, { id: 'y', label: 'Y' }] }] };
    const parties = bruteForce(domain, [
      { id: 'p', name: 'P', reservationValue: 0, redLines: [], preferences: { weights: { a: 1 }, values: { a: { x: 1, y: 0 } } } },
    ]).parties;
    for (const options of [{ maxPoints: 0 }, { maxPoints: 2.5 }, { maxPoints: Number.NaN }, { epsilon: -0.1 }, { epsilon: Infinity }, { epsilon: Number.NaN }]) {
      expect(() => paretoFrontier(parties, options), JSON.stringify(options)).toThrow(ParleyError);
      expect(() => paretoFrontier(parties, options), JSON.stringify(options)).toThrow(expect.objectContaining({ code: 'INVALID_FRONTIER_OPTIONS' }));
    }
  });
});

describe('SkylineTree answers "is some active point at least this one, less the tolerance, everywhere?"', () => {
  // Points on a coarse grid (ties and equal coordinates everywhere) or spread; a random half active.
  const points = fc.integer({ min: 2, max: 5 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      coarse: fc.boolean(),
      values: fc.array(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: n, maxLength: n }), { minLength: 1, maxLength: 300 }),
      activeEvery: fc.integer({ min: 1, max: 4 }),
      splitFrom: fc.constantFrom(0, 1),
    }),
  );
  test.prop([points], { numRuns: 200 })('the same answer as testing every active point', ({ n, coarse, values, activeEvery, splitFrom }) => {
    const vectors = values.map((row) => row.map((v) => (coarse ? Math.round(v / 250) / 4 : v / 1000)));
    // A sweep with splitFrom 1 activates points in descending order of coordinate 0 only.
    const order = vectors.map((_, i) => i).sort((a, b) => (splitFrom === 1 ? vectors[b]![0]! - vectors[a]![0]! : 0) || a - b);
    const u = Float64Array.from(vectors.flat());
    const tree = new SkylineTree(u, vectors.length, n, splitFrom, 4);
    const active: number[] = [];
    for (const [step, i] of order.entries()) {
      const found = tree.atLeast(i, TOLERANCE);
      const expected = active.some((j) => vectors[j]!.every((value, p) => value - vectors[i]![p]! >= -TOLERANCE));
      expect(found >= 0, `point ${i} (${vectors[i]!.join(', ')})`).toBe(expected);
      if (found >= 0) {
        expect(active).toContain(found);
        expect(vectors[found]!.every((value, p) => value - vectors[i]![p]! >= -TOLERANCE)).toBe(true);
      }
      if (step % activeEvery === 0) {
        tree.activate(i);
        active.push(i);
      }
    }
  });
});
