import { fileURLToPath } from 'node:url';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  addTallies,
  assessPlan,
  compileExploration,
  createExplorer,
  createScenario,
  createTalks,
  explore,
  partyOf,
  planOf,
  runScenario,
  type PartyStrategyName,
  type PerturbationSpec,
  type ScenarioSpec,
  type TalksStatus,
  basePartiesOf,
} from '@parley/core';
import { loadPerturbation, loadScenario, loadTalks } from '@parley/core/node';
import { scenarioArbitrary } from '@parley/core/testing';

// Exploration as a user runs it: Monte Carlo over uncertain assumptions, checked against
// exact enumeration where the space of assumptions is small, split any way, and asked for
// the smallest change that flips a verdict. Failures print fast-check's seed and path.

const seedsDir = fileURLToPath(new URL('../../../seeds/ukraine-2025', import.meta.url));
const ukraine = await loadScenario(seedsDir);
const talks = await loadTalks(seedsDir, ukraine);
const bundled = await loadPerturbation(seedsDir, basePartiesOf(ukraine, talks.setup.strategies));

describe('explore', () => {
  test('on the Ukraine seeds, the bundled uncertainty leaves the verdicts as they are', () => {
    const result = explore(ukraine, { runs: 200, seed: 3, talks, perturb: bundled!.perturb, sensitivity: false });
    const us28 = result.plans.find((plan) => plan.plan === 'us-28')!;
    expect(us28.baseline.acceptedBy).toEqual(['russia', 'united-states']);
    expect(us28.acceptedBy['ukraine']!.count).toBe(0);
    expect(us28.acceptedByAll.probability).toBe(0);
    // Zero in 200 runs is not "impossible": the interval says how likely it could still be.
    expect(us28.acceptedByAll.high).toBeGreaterThan(0.01);
    expect(result.talks!.baseline).toBe('adjourned');
    expect(result.talks!.endings.adjourned.count + result.talks!.endings['broken-off'].count).toBe(200);
    expect(result.sensitivity).toEqual([]);
  });

  test("the smallest change of Russia's reservation value that flips its yes to the 28 points is its margin", () => {
    const margin = assessPlan(partyOf(ukraine, 'russia'), planOf(ukraine, 'us-28')).margin;
    const result = explore(ukraine, { runs: 400, seed: 5, perturb: { reservation: { russia: 0.5 } } });
    const russia = result.sensitivity.find((entry) => entry.assumption === 'russia.reservation')!;
    expect(russia.flips.count).toBeGreaterThan(0);
    // Bisection along each flipping draw narrows the change to within 0.5 / 2⁶ of the edge.
    expect(russia.smallestChange!).toBeGreaterThanOrEqual(margin);
    expect(russia.smallestChange!).toBeLessThan(margin + 0.5 / 2 ** 6 + 1e-9);
    // Russia accepts exactly when its reservation value stays at or below its utility.
    const share = result.plans.find((plan) => plan.plan === 'us-28')!.acceptedBy['russia']!;
    const exact = (0.5 + margin) / (2 * 0.5);
    expect(Math.abs(share.probability - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / 400));
  });

  test('the same seed gives the same result, and any split of the runs tallies the same', () => {
    const options = { runs: 60, seed: 9, talks, perturb: bundled!.perturb } as const;
    expect(JSON.stringify(explore(ukraine, options))).toBe(JSON.stringify(explore(ukraine, options)));
    const explorer = createExplorer(compileExploration(ukraine, options));
    const whole = explorer.runRange(0, 60);
    for (const cut of [1, 17, 59]) expect(addTallies(explorer.runRange(0, cut), explorer.runRange(cut, 60))).toEqual(whole);
  });

  test('every mediator runs in explorations, maximize-least-margin too, ending the talks as runScenario does', () => {
    const margin = { ...talks, setup: { ...talks.setup, mediatorStrategy: 'maximize-least-margin' as const } };
    const result = explore(ukraine, { runs: 20, seed: 3, rounds: 2, talks: margin, perturb: { reservation: 0.1 }, sensitivity: false });
    expect(result.talks?.baseline).toBe(runScenario(ukraine, margin, { seed: 3, continueRounds: 2 }).final.status);
    expect(Object.values(result.talks!.endings).reduce((sum, ending) => sum + ending.count, 0)).toBe(20);
  }, 60_000);

  test('bad options are refused with what to do instead', () => {
    expect(() => explore(ukraine, { runs: 0 })).toThrow(/runs must be a whole number ≥ 1/);
    expect(() => explore(ukraine, { runs: 10, rounds: 2 })).toThrow(/rounds needs talks/);
    expect(() => explore(ukraine, { runs: 10, perturb: { reservation: { rusia: 0.1 } } as PerturbationSpec })).toThrow(/russia/);
  });
});

/**
 * The exact probabilities of a discrete perturbation (each red line held with a probability,
 * each party's strategy drawn from a set), by enumerating every combination and judging it
 * on the explained path: `createScenario`, `assessPlan` and the xstate talks.
 */
function exactProbabilities(spec: ScenarioSpec, holds: readonly number[][], strategies: readonly PartyStrategyName[][], talksSpec: unknown) {
  const redLines = spec.parties.flatMap((party, p) => party.redLines.map((_, r) => ({ p, r, hold: holds[p]![r]! })));
  const accepted = spec.plans.map(() => spec.parties.map(() => 0));
  const byAll = spec.plans.map(() => 0);
  const endings: Partial<Record<TalksStatus, number>> = {};
  const strategyCombos = strategies.reduce<PartyStrategyName[][]>((combos, options) => combos.flatMap((combo) => options.map((option) => [...combo, option])), [[]]);
  for (let mask = 0; mask < 1 << redLines.length; mask++) {
    let weight = 1;
    redLines.forEach((line, k) => (weight *= mask & (1 << k) ? line.hold : 1 - line.hold));
    if (weight === 0) continue;
    const scenario = createScenario({
      ...spec,
      parties: spec.parties.map((party, p) => ({ ...party, redLines: party.redLines.filter((_, r) => (mask & (1 << redLines.findIndex((line) => line.p === p && line.r === r))) !== 0) })),
    });
    scenario.plans.forEach((plan, k) => {
      const verdicts = scenario.parties.map((party) => assessPlan(party, plan).accepts);
      verdicts.forEach((accepts, p) => (accepted[k]![p]! += accepts ? weight : 0));
      if (verdicts.every(Boolean)) byAll[k]! += weight;
    });
    for (const combo of strategyCombos) {
      const base = talksSpec as { setup: { strategies: Record<string, string> } };
      const withStrategies = { ...base, setup: { ...base.setup, strategies: Object.fromEntries(spec.parties.map((party, p) => [party.id, combo[p]!])) } };
      const status = runScenario(scenario, createTalks(scenario, withStrategies)).final.status;
      endings[status] = (endings[status] ?? 0) + weight / strategyCombos.length;
    }
  }
  return { accepted, byAll, endings };
}

describe('explore agrees with exact enumeration where the perturbation space is small', () => {
  const holdsArbitrary = (spec: ScenarioSpec) => fc.tuple(...spec.parties.map((party) => fc.tuple(...party.redLines.map(() => fc.constantFrom(0.25, 0.5, 0.9)))));
  const strategiesArbitrary = (spec: ScenarioSpec) =>
    fc.tuple(...spec.parties.map(() => fc.constantFrom<PartyStrategyName[]>(['linear'], ['boulware', 'conceder'], ['hardliner', 'linear', 'tit-for-tat'])));

  test.prop(
    [
      scenarioArbitrary({ maxParties: 3, maxPlans: 2, maxRedLines: 2, strictness: 'strict' }).chain((spec) =>
        fc.tuple(fc.constant(spec), holdsArbitrary(spec), strategiesArbitrary(spec)),
      ),
    ],
    { numRuns: 12 },
  )('acceptance of every plan by every party and by all, and how the talks end', ([spec, holds, strategies]) => {
    const parties = spec.parties.map((party) => party.id);
    const talksSpec = {
      setup: { protocol: 'mediated-single-text', mediator: parties[0]!, mediatorStrategy: 'amend-most-objected', maxRounds: 3, stallLimit: 2, walkOutAfter: 2 },
      timeline: [
        { date: '2025-12-01', kind: 'plan-presented', plan: spec.plans[0]!.id, to: parties, summary: 'The first text.', sources: ['S1'] },
        { date: '2025-12-02', kind: 'meeting', place: 'Geneva', with: parties, summary: 'Again.', sources: ['S1'] },
      ],
    };
    const scenario = createScenario(spec);
    const perturb: PerturbationSpec = {
      redLines: Object.fromEntries(spec.parties.flatMap((party, p) => party.redLines.map((line, r) => [`${party.id}/${line.id}`, holds[p]![r]!]))),
      strategies: Object.fromEntries(spec.parties.map((party, p) => [party.id, strategies[p]!])),
    };
    const runs = 1500;
    const result = explore(scenario, { runs, seed: 4, perturb, talks: createTalks(scenario, talksSpec), sensitivity: false });
    const exact = exactProbabilities(spec, holds, strategies, talksSpec);
    // Four standard errors: with a fixed seed this either always passes or always fails.
    const close = (estimate: number, p: number) => expect(Math.abs(estimate - p)).toBeLessThanOrEqual(4 * Math.sqrt(Math.max(0, p * (1 - p)) / runs) + 1e-9);
    result.plans.forEach((plan, k) => {
      parties.forEach((party, p) => close(plan.acceptedBy[party]!.probability, exact.accepted[k]![p]!));
      close(plan.acceptedByAll.probability, exact.byAll[k]!);
    });
    for (const [status, estimate] of Object.entries(result.talks!.endings)) close(estimate.probability, exact.endings[status as TalksStatus] ?? 0);
  }, 60_000); // enumeration of every combination: room for a loaded two-core machine
});
