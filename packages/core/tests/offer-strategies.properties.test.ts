import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  boulware,
  conceder,
  frequencyModel,
  frequencyPareto,
  hardliner,
  linear,
  negotiate,
  offerTable,
  randomStrategy,
  seededUniform,
  timeDependent,
  timeDependentTarget,
  titForTat,
  titForTatTarget,
  type OfferSession,
  type OfferStrategy,
  type OfferTable,
} from '@parley/core';
import { offerDomainArbitrary } from './support/offer-domains.js';

// The defining property of each alternating-offers strategy, on small generated
// linear-additive domains (GENIUS-like: no red lines). Failures print fast-check's seed.

const sessionOf = (table: OfferTable, party: number, deadline = 20, seed = 1): OfferSession => ({
  party,
  parties: table.ids.length,
  space: table.spaces[party]!,
  deadline,
  discount: 1,
  random: seededUniform(seed),
  decode: table.decode,
  optionCounts: table.optionCounts,
});

const exponent = fc.double({ min: 0.05, max: 5, noNaN: true });

describe('time-dependent strategies (Faratin et al. 1998)', () => {
  test.prop([exponent, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })])(
    'the target starts at the best utility, never rises, and reaches the reservation value (or the worst utility) at the deadline',
    (e, a, b, c) => {
      const [worst, reservation, best] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
      const space = { best, reservation, worst };
      expect(timeDependentTarget(e, 0, space)).toBe(best);
      expect(timeDependentTarget(e, 1, space)).toBeCloseTo(reservation, 12);
      let previous = Infinity;
      for (let k = 0; k <= 50; k++) {
        const target = timeDependentTarget(e, k / 50, space);
        expect(target).toBeLessThanOrEqual(previous + 1e-15);
        previous = target;
      }
    },
  );

  it('is Boulware below e = 1 and conceder above it: at half time the Boulware party still asks more than the linear one, which asks more than the conceder', () => {
    const space = { best: 1, reservation: 0.2, worst: 0 };
    const at = (e: number) => timeDependentTarget(e, 0.5, space);
    expect(at(0.2)).toBeGreaterThan(at(1));
    expect(at(1)).toBeCloseTo(0.6, 12);
    expect(at(1)).toBeGreaterThan(at(2));
  });

  test.prop([offerDomainArbitrary(), exponent])('opens with its best outcome, concedes monotonically, and at the deadline offers the least outcome still worth its reservation value', ({ parties }, e) => {
    const table = offerTable(parties);
    const space = table.spaces[0]!;
    const negotiator = timeDependent(e)(sessionOf(table, 0));
    const utilities = Array.from({ length: 21 }, (_, round) => space.utility(negotiator.propose(round, round / 20)!));
    expect(utilities[0]).toBe(space.best);
    for (let k = 1; k < utilities.length; k++) expect(utilities[k]).toBeLessThanOrEqual(utilities[k - 1]!);
    const floor = Math.max(space.reservation, space.worst);
    const last = utilities[20]!;
    expect(last).toBeGreaterThanOrEqual(floor - 1e-9);
    // Nothing the party may offer lies between its floor and its last offer: it conceded all the way.
    for (let rank = 0; rank < space.offerable; rank++) {
      const u = space.rankedUtility(rank);
      expect(u < floor - 1e-9 || u >= last - 1e-12).toBe(true);
    }
  }, 20_000);

  test.prop([offerDomainArbitrary()])('the hard-liner always offers its best and accepts only that much', ({ parties }) => {
    const table = offerTable(parties);
    const space = table.spaces[0]!;
    const negotiator = hardliner(sessionOf(table, 0));
    for (let round = 0; round <= 20; round++) expect(space.utility(negotiator.propose(round, round / 20)!)).toBe(space.best);
    const worse = space.ranked(space.offerable - 1);
    expect(negotiator.respond(worse, 1, 20, 1)).toBe(space.utility(worse) >= space.best - 1e-9);
  });
});

describe('relative tit-for-tat', () => {
  const gapState = fc
    .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
    .map((xs) => xs.sort((a, b) => a - b))
    .filter(([min, , best]) => best - min > 1e-3)
    .map(([min, target, best]) => ({ min: min!, target: target!, best: best! }));

  test.prop([gapState, fc.double({ min: 0, max: 0.99, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })])(
    'mirrors the opponent: when its offers close a fraction φ of the gap to the party\'s best, the party moves the same fraction φ of the way to its floor',
    (state, from, fraction) => {
      const previous = from * state.best;
      const last = previous + fraction * (state.best - previous);
      const next = titForTatTarget(state, previous, last);
      expect(next).toBeCloseTo(state.target - fraction * (state.target - state.min), 9);
      expect(next).toBeGreaterThanOrEqual(state.min);
    },
  );

  test.prop([gapState, fc.double({ min: 0, max: 0.99, noNaN: true })])('does not concede to an opponent who does not concede, and hardens when it retracts', (state, from) => {
    const previous = from * state.best;
    expect(titForTatTarget(state, previous, previous)).toBe(state.target);
    expect(titForTatTarget(state, previous, previous / 2)).toBeGreaterThanOrEqual(state.target);
    expect(titForTatTarget(state, previous, previous / 2)).toBeLessThanOrEqual(state.best);
  });

  test.prop([offerDomainArbitrary()])('against a hard-liner it never moves from its best outcome; two tit-for-tat parties never agree unless their bests coincide', ({ parties }) => {
    const table = offerTable(parties);
    const result = negotiate(table, [titForTat, hardliner], { deadline: 20, random: seededUniform(1), trace: true });
    for (const offer of result.offers!) if (offer.by === 0) expect(table.spaces[0]!.utility(offer.outcome)).toBe(table.spaces[0]!.best);
    const both = negotiate(table, [titForTat, titForTat], { deadline: 20, random: seededUniform(1) });
    if (both.status === 'agreed') expect(table.spaces.every((space) => space.utility(both.agreement!) >= space.best - 1e-9)).toBe(true);
  });
});

describe('the frequency opponent model', () => {
  // Generated opponents with known weights and values, behaving as the frequency model
  // assumes. Weights: from one offer to the next the opponent keeps issue i's option with
  // probability wᵢ/w_max (its most important issue never changes) and otherwise moves to
  // another option; the model's fixed point is then exactly the true weights (keep rates
  // normalised). Values: each offer draws every issue's option in proportion to its value.
  const keepingOffers = (optionCounts: readonly number[], weights: readonly number[], count: number, seed: number): number[][] => {
    const random = seededUniform(seed);
    const top = Math.max(...weights);
    let current = optionCounts.map(() => 0);
    const offers = [current];
    for (let k = 1; k < count; k++) {
      current = current.map((option, i) => (random() < weights[i]! / top ? option : (option + 1 + Math.floor(random() * (optionCounts[i]! - 1))) % optionCounts[i]!));
      offers.push(current);
    }
    return offers;
  };
  const drawnOffers = (values: readonly (readonly number[])[], count: number, seed: number): number[][] => {
    const random = seededUniform(seed);
    const draw = (row: readonly number[]): number => {
      let x = random() * row.reduce((a, b) => a + b + 0.01, 0);
      for (let o = 0; o < row.length; o++) if ((x -= row[o]! + 0.01) < 0) return o;
      return row.length - 1;
    };
    return Array.from({ length: count }, () => values.map(draw));
  };
  const opponent = fc
    .array(fc.integer({ min: 2, max: 6 }), { minLength: 2, maxLength: 6 })
    .chain((optionCounts) =>
      fc.record({
        optionCounts: fc.constant(optionCounts),
        raw: fc.tuple(...optionCounts.map(() => fc.integer({ min: 1, max: 20 }))),
        values: fc.tuple(...optionCounts.map((count) => fc.array(fc.integer({ min: 0, max: 10 }), { minLength: count, maxLength: count }).map((row) => row.map((v) => v / 10)))),
        seed: fc.integer(),
      }),
    )
    .map(({ optionCounts, raw, values, seed }) => ({ optionCounts, weights: raw.map((w) => w / raw.reduce((a, b) => a + b, 0)), values, seed }));

  test.prop([opponent], { numRuns: 60 })('converges on the opponent\'s weights: within 0.1 (total variation) after 3 000 offers, with a learning rate of 0.01', ({ optionCounts, weights, seed }) => {
    const model = frequencyModel(optionCounts, 0.01);
    for (const offer of keepingOffers(optionCounts, weights, 3000, seed)) model.observe(offer);
    const estimate = model.estimate();
    expect(Array.from(estimate.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const distance = weights.reduce((sum, w, i) => sum + Math.abs(estimate.weights[i]! - w), 0) / 2;
    expect(distance).toBeLessThan(0.1);
  }, 20_000);

  test.prop([opponent], { numRuns: 60 })('and on its option values: after 20 000 offers, the option it rates best on each issue is worth, to the opponent, within 0.2 of its best', ({ optionCounts, values, seed }) => {
    const model = frequencyModel(optionCounts);
    for (const offer of drawnOffers(values, 20_000, seed)) model.observe(offer);
    model.estimate().values.forEach((row, i) => {
      const rated = Array.from(row).indexOf(1);
      expect(Math.max(...values[i]!) - values[i]![rated]!).toBeLessThanOrEqual(0.2 + 1e-9);
    });
  }, 20_000);

  it('learns as HardHeaded does: an issue that keeps its option gains weight, offered options gain value', () => {
    const model = frequencyModel([3, 3]);
    model.observe([0, 2]);
    model.observe([1, 2]);
    const { weights, values } = model.estimate();
    expect(weights[1]).toBeGreaterThan(weights[0]!);
    expect(Array.from(values[1]!)).toEqual([0, 0, 1]);
    expect(model.utility([1, 2])).toBeCloseTo(weights[0]! * 1 + weights[1]! * 1, 12);
  });
});

describe('the Pareto-seeking strategy and the random baseline', () => {
  test.prop([offerDomainArbitrary()])('the frequency-Pareto strategy never offers below its own time-dependent target', ({ parties }) => {
    const table = offerTable(parties);
    const result = negotiate(table, [frequencyPareto({ e: 0.5 }), conceder], { deadline: 20, random: seededUniform(3), trace: true });
    for (const offer of result.offers!) {
      if (offer.by !== 0) continue;
      expect(table.spaces[0]!.utility(offer.outcome)).toBeGreaterThanOrEqual(timeDependentTarget(0.5, offer.round / 20, table.spaces[0]!) - 1e-9);
    }
    expect(result.negotiators[0]!.estimate?.(1)).not.toBeNull();
  });

  test.prop([offerDomainArbitrary(), fc.integer()])('the random baseline offers only outcomes worth its reservation value, and the same seed gives the same negotiation', ({ parties }, seed) => {
    const table = offerTable(parties);
    const run = () => {
      const { negotiators: _, ...rest } = negotiate(table, [randomStrategy, linear], { deadline: 20, random: seededUniform(seed), trace: true });
      return rest;
    };
    const result = run();
    const space = table.spaces[0]!;
    const reachable = space.rankedUtility(0) >= space.reservation - 1e-9;
    for (const offer of result.offers!) if (offer.by === 0 && reachable) expect(space.utility(offer.outcome)).toBeGreaterThanOrEqual(space.reservation - 1e-9);
    expect(run()).toEqual(result);
  });
});

describe('negotiate', () => {
  test.prop([offerDomainArbitrary(), fc.constantFrom<OfferStrategy>(boulware, linear, conceder), fc.constantFrom<OfferStrategy>(boulware, linear, conceder)])(
    'two time-dependent parties end by the deadline, agreed or expired, and an agreement is worth at least both reservation values',
    ({ parties }, a, b) => {
      // Agreement is not guaranteed even when an outcome suits both: among outcomes it rates
      // alike, a time-dependent party may offer one the other rejects, up to the last round
      // (CI found such a case: seed -940995425). So the property is what does hold.
      const table = offerTable(parties);
      const result = negotiate(table, [a, b], { deadline: 30, random: seededUniform(1) });
      expect(['agreed', 'expired']).toContain(result.status);
      expect(result.round).toBeLessThanOrEqual(30);
      if (result.agreement !== null) table.spaces.forEach((space, p) => expect(result.utilities[p]).toBeGreaterThanOrEqual(space.reservation - 1e-9));
    },
  );

  it('discounts as GENIUS does when asked: u·δ^t for an agreement at time t', () => {
    const { parties } = fc.sample(offerDomainArbitrary(), { numRuns: 1, seed: 42 })[0]!;
    const table = offerTable(parties);
    const plain = negotiate(table, [boulware, boulware], { deadline: 20, random: seededUniform(1) });
    const discounted = negotiate(table, [boulware, boulware], { deadline: 20, random: seededUniform(1), discountFactors: [0.5, 0.9] });
    expect(discounted.undiscounted).toEqual(plain.utilities);
    expect(discounted.utilities[0]).toBeCloseTo(plain.utilities[0]! * 0.5 ** plain.time, 12);
    expect(discounted.utilities[1]).toBeCloseTo(plain.utilities[1]! * 0.9 ** plain.time, 12);
  });
});
