import { fileURLToPath } from 'node:url';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  assessPlan,
  basePartiesOf,
  compileTalksProgram,
  createJudge,
  createScenario,
  createTalks,
  createTalksKernel,
  drawRun,
  perturbedPartySpec,
  runScenario,
  simParties,
  simTextOf,
  verdictAt,
  assumptionsOf,
  mediatorStrategyNames,
  partyStrategyNames,
  type PartySpec,
  type Scenario,
  type ScenarioSpec,
  type TalksSpec,
} from '@parley/core';
import { loadScenario, loadTalks } from '@parley/core/node';
import { scenarioArbitrary } from '@parley/core/testing';
import { atThreshold, bestUtility } from '../src/talks/party-variants.js';
import { pointScoresAt } from '../src/explore/judge.js';

// The exploration's batch path must decide exactly what the explained path decides: the
// fast judge what `assessPlan` says at the same threshold, and the talks kernel how
// `runScenario` (the xstate machine) ends the same talks. Failures print fast-check's seed
// and path; replay with test.prop([...], { seed, path }).

const seedsDir = fileURLToPath(new URL('../../../seeds/ukraine-2025', import.meta.url));
const ukraine = await loadScenario(seedsDir);
const ukraineTalks = await loadTalks(seedsDir, ukraine);

const optionCounts = (scenario: Scenario) => scenario.domain.issues.map((issue) => issue.options.length);

/** What the talks machine and the kernel must agree on. */
function endingOfMachine(scenario: Scenario, talks: TalksSpec, seed: number, rounds: number) {
  const transcript = runScenario(scenario, talks, { seed, continueRounds: rounds });
  return { status: transcript.final.status, acceptedBy: [...transcript.final.acceptedBy], revisions: transcript.revisions.length };
}

function endingOfKernel(scenario: Scenario, talks: TalksSpec, seed: number, rounds: number) {
  const base = basePartiesOf(scenario, talks.setup.strategies);
  const kernel = createTalksKernel(scenario.domain, compileTalksProgram(scenario, talks), createJudge(optionCounts(scenario), base));
  const outcome = kernel.simulate(simParties(base, [], null), { seed, rounds });
  return { status: outcome.status, acceptedBy: outcome.acceptedBy.map((index) => scenario.parties[index]!.id), revisions: outcome.revisions };
}

/** A timeline for a generated scenario: the first plan presented, then meetings, revisions and shocks. */
function talksArbitrary(spec: ScenarioSpec): fc.Arbitrary<unknown> {
  const parties = spec.parties.map((party) => party.id);
  const plans = spec.plans.map((plan) => plan.id);
  const date = (day: number) => `2025-12-${String(day).padStart(2, '0')}`;
  const entry = fc.oneof(
    { weight: 5, arbitrary: fc.subarray(parties, { minLength: 1 }).map((with_) => ({ kind: 'meeting', place: 'Geneva', with: with_ })) },
    { weight: 2, arbitrary: fc.constantFrom(...plans).map((plan) => ({ kind: 'revision', plan })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...plans), fc.constantFrom(...parties)).map(([plan, by]) => ({ kind: 'counter-proposal', plan, by })) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...parties), fc.integer({ min: -10, max: 10 }), fc.integer({ min: -5, max: 5 })).map(([party, shift, leverage]) => ({
        kind: 'battlefield',
        effects: [{ party, reservationShift: shift / 100, leverageShift: leverage / 10 }],
      })),
    },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...parties), fc.constantFrom(...partyStrategyNames)).map(([party, strategy]) => ({ kind: 'negotiator-change', party, strategy })) },
    { weight: 1, arbitrary: fc.boolean().map((hard) => ({ kind: 'deadline', hard })) },
  );
  return fc
    .record({
      first: fc.constantFrom(...plans),
      entries: fc.array(fc.tuple(entry, fc.integer({ min: 2, max: 9 })), { maxLength: 8 }),
      strategies: fc.tuple(...parties.map(() => fc.constantFrom(...partyStrategyNames))),
      mediatorStrategy: fc.constantFrom(...mediatorStrategyNames.filter((name) => name !== 'maximize-least-margin')),
      maxRounds: fc.integer({ min: 1, max: 6 }),
      stallLimit: fc.integer({ min: 1, max: 3 }),
      walkOutAfter: fc.integer({ min: 1, max: 4 }),
    })
    .map(({ first, entries, strategies, mediatorStrategy, maxRounds, stallLimit, walkOutAfter }) => ({
      setup: {
        protocol: 'mediated-single-text',
        mediator: parties[0]!,
        mediatorStrategy,
        maxRounds,
        stallLimit,
        walkOutAfter,
        strategies: Object.fromEntries(parties.map((party, index) => [party, strategies[index]!])),
      },
      timeline: [
        { date: date(1), kind: 'plan-presented', plan: first, to: parties, summary: 'The first text.', sources: ['S1'] },
        ...entries.map(([event, day]) => ({ ...event, date: date(day), summary: 'A generated event.', sources: ['S1'] })),
      ],
    }));
}

describe('the fast judge decides as assessPlan does', () => {
  test.prop([scenarioArbitrary({ maxParties: 3, maxPlans: 3, maxRedLines: 3 }), fc.integer({ min: 0, max: 100 })], { numRuns: 150 })(
    'on generated scenarios, at any threshold: stance, utility, red lines crossed, blocking issues and point verdicts',
    (spec, percent) => {
      const scenario = createScenario(spec);
      const base = basePartiesOf(scenario);
      const parties = simParties(base, [], null);
      const judge = createJudge(optionCounts(scenario), base);
      const threshold = percent / 100;
      scenario.parties.forEach((party, p) => {
        expect(judge.best(p, parties[p]!)).toBeCloseTo(bestUtility(party), 9);
        for (const plan of scenario.plans) {
          const text = simTextOf(scenario.domain, plan);
          const view = judge.view(p, parties[p]!, text);
          const verdict = verdictAt(view, threshold);
          const expected = assessPlan(atThreshold(party, threshold), plan);
          expect(verdict.stance).toBe(expected.stance);
          expect(verdict.utility).toBeCloseTo(expected.utility, 9);
          expect(verdict.margin).toBeCloseTo(expected.margin, 9);
          expect(view.violations.map((index) => party.redLines[index]!.id)).toEqual(expected.violations.map((violation) => violation.redLine));
          expect(verdict.blocking.map((issue) => scenario.domain.issues[issue]!.id)).toEqual(expected.openIssues.filter((open) => open.blocking).map((open) => open.issue));
          const scores = pointScoresAt(view, text, threshold);
          expect(scores).toEqual(expected.points.map((point) => (point.verdict === 'crosses-red-line' ? 2 : point.verdict === 'objectionable' ? 1 : 0)));
        }
      });
    },
  );

  test.prop([fc.integer({ min: 0, max: 10_000 })], { numRuns: 25 })('on the Ukraine seeds perturbed by the bundled explore.yaml', async (run) => {
    const base = basePartiesOf(ukraine, ukraineTalks.setup.strategies);
    const assumptions = assumptionsOf(base, { weights: 0.2, values: 0.1, reservation: 0.05, redLines: 0.7 });
    const draw = drawRun(base, assumptions, 11, run);
    const parties = simParties(base, assumptions, draw);
    // The same perturbation written out as party files and loaded the ordinary way.
    const materialised = createScenario({
      id: ukraine.id,
      title: ukraine.title,
      domain: ukraine.domain.toJSON(),
      parties: ukraine.parties.map((party, p) => perturbedPartySpec(ukraine.domain, JSON.parse(JSON.stringify(party)) as PartySpec, base[p]!, assumptions, draw, p)),
      plans: ukraine.plans.map((plan) => JSON.parse(JSON.stringify(plan))),
    });
    const judge = createJudge(optionCounts(ukraine), base);
    materialised.parties.forEach((party, p) => {
      for (const plan of materialised.plans) {
        const verdict = verdictAt(judge.view(p, parties[p]!, simTextOf(ukraine.domain, plan)), party.reservationValue);
        const expected = assessPlan(party, plan);
        expect(verdict.stance).toBe(expected.stance);
        expect(verdict.utility).toBeCloseTo(expected.utility, 9);
      }
    });
  });
});

describe('the talks kernel ends the talks as the xstate machine does', () => {
  test('the Ukraine talks as written, on the timeline alone and with free rounds', () => {
    for (const [seed, rounds] of [
      [1, 0],
      [7, 0],
      [1, 2],
    ] as const) {
      expect(endingOfKernel(ukraine, ukraineTalks, seed, rounds)).toEqual(endingOfMachine(ukraine, ukraineTalks, seed, rounds));
    }
  });

  test.prop([scenarioArbitrary({ maxParties: 3, maxPlans: 3 }).chain((spec) => fc.tuple(fc.constant(spec), talksArbitrary(spec))), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 4 })], {
    numRuns: 120,
  })('on generated scenarios and timelines, with free rounds under every mediator the kernel runs', ([spec, talksSpec], seed, rounds) => {
    const scenario = createScenario(spec);
    const talks = createTalks(scenario, talksSpec);
    expect(endingOfKernel(scenario, talks, seed, rounds)).toEqual(endingOfMachine(scenario, talks, seed, rounds));
  });
});
