import { fileURLToPath } from 'node:url';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { initialTransition, transition } from 'xstate';
import {
  acceptedBy,
  assessPlan,
  assumptionsOf,
  bareText,
  basePartiesOf,
  bestUtility,
  compiledParty,
  compileModel,
  createScenario,
  createTalks,
  createTalksMachine,
  drawRun,
  explore,
  initialTalks,
  keepsRedLines,
  mediatorStrategyNames,
  OPEN,
  partyStrategyNames,
  perturbedPartySpec,
  playTalks,
  planTextOf,
  reduceTalks,
  runScenario,
  talksTable,
  talksTakes,
  timelineScript,
  utilityOf,
  verdictAt,
  viewOf,
  type PartySpec,
  type ScenarioSpec,
  type TalksContext,
  type TalksEvent,
} from '@parley/core';
import { loadScenario, loadTalks } from '@parley/core/node';
import { scenarioArbitrary, talksEventArbitrary } from '@parley/core/testing';
import { resettlementScorer, simParties } from '@parley/core/internal';
import { allActive, decompose } from '../src/analysis/decomposition.js';

// The one engine: every path judges through the compiled party's view of a text, and runs
// the talks through one reducer. These properties check the engine against brute force, and
// every path that uses it against the others. Failures print fast-check's seed and path;
// replay with test.prop([...], { seed, path }).

const seedsDir = fileURLToPath(new URL('../../../seeds/ukraine-2025', import.meta.url));
const ukraine = await loadScenario(seedsDir);
const ukraineTalks = await loadTalks(seedsDir, ukraine);

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
      mediatorStrategy: fc.constantFrom(...mediatorStrategyNames),
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

describe('a view is what enumerating every completion says', () => {
  test.prop([scenarioArbitrary({ maxParties: 3, maxPlans: 3, maxRedLines: 3 })], { numRuns: 150 })(
    'on generated scenarios: each red line\'s truth, and the utility range over the completions that keep the red lines',
    (spec) => {
      const scenario = createScenario(spec);
      const sizes = scenario.domain.issues.map((issue) => issue.options.length);
      for (const party of scenario.parties) {
        const compiled = compiledParty(party);
        for (const plan of scenario.plans) {
          const text = planTextOf(scenario.domain, plan);
          const view = viewOf(compiled, text);
          // Brute force: every completion of every open issue.
          const open = sizes.map((_, issue) => issue).filter((issue) => text.settlement[issue] === OPEN);
          const values = Int16Array.from(text.settlement, (option) => (option === OPEN ? 0 : option));
          const total = open.reduce((product, issue) => product * sizes[issue]!, 1);
          let min = Infinity;
          let max = -Infinity;
          let anyMin = Infinity;
          let anyMax = -Infinity;
          const holds = compiled.rules.redLines.map(() => ({ holds: false, fails: false }));
          for (let n = 0; n < total; n++) {
            let rest = n;
            for (const issue of open) {
              values[issue] = rest % sizes[issue]!;
              rest = Math.floor(rest / sizes[issue]!);
            }
            const utility = utilityOf(compiled, values);
            anyMin = Math.min(anyMin, utility);
            anyMax = Math.max(anyMax, utility);
            if (keepsRedLines(compiled, values)) {
              min = Math.min(min, utility);
              max = Math.max(max, utility);
            }
            compiled.rules.redLines.forEach((_, r) => {
              if (keepsRedLines({ ...compiled, held: [r] }, values)) holds[r]!.holds = true;
              else holds[r]!.fails = true;
            });
          }
          expect(view.facts.map((fact) => fact.truth)).toEqual(holds.map(({ holds: h, fails }) => (h && fails ? 'undetermined' : h ? 'holds' : 'violated')));
          const within = min !== Infinity;
          expect(view.range.withinRedLines).toBe(within);
          expect(view.range.exact).toBe(true);
          expect(view.range.min).toBeCloseTo(within ? min : anyMin, 12);
          expect(view.range.max).toBeCloseTo(within ? max : anyMax, 12);
        }
      }
    },
    60_000,
  );

  test.prop([scenarioArbitrary({ maxParties: 3, maxRedLines: 3 })], { numRuns: 100 })('bestUtility is the analysis decomposition\'s best, to the last bit', (spec) => {
    const scenario = createScenario(spec);
    for (const party of scenario.parties) {
      const model = compileModel([party]);
      expect(bestUtility(compiledParty(party))).toBe(decompose(model, allActive(model)).maxFrom[0]);
    }
  }, 60_000);

  test.prop([fc.integer({ min: 0, max: 10_000 })], { numRuns: 25 })('a run\'s parties judge as the same perturbation written as party files does', (run) => {
    const base = basePartiesOf(ukraine, ukraineTalks.setup.strategies);
    const assumptions = assumptionsOf(base, { weights: 0.2, values: 0.1, reservation: 0.05, redLines: 0.7 });
    const draw = drawRun(base, assumptions, 11, run);
    const parties = simParties(base, assumptions, draw);
    const materialised = createScenario({
      id: ukraine.id,
      title: ukraine.title,
      domain: ukraine.domain.toJSON(),
      parties: ukraine.parties.map((party, p) => perturbedPartySpec(ukraine.domain, JSON.parse(JSON.stringify(party)) as PartySpec, base[p]!, assumptions, draw, p)),
      plans: ukraine.plans.map((plan) => JSON.parse(JSON.stringify(plan))),
    });
    materialised.parties.forEach((party, p) => {
      for (const plan of materialised.plans) {
        const verdict = verdictAt(viewOf(parties[p]!, planTextOf(ukraine.domain, plan)), party.reservationValue);
        const expected = assessPlan(party, plan);
        expect({ stance: verdict.stance, utility: verdict.utility }).toEqual({ stance: expected.stance, utility: expected.utility });
      }
    });
  }, 60_000);
});

/** The statechart's state for a reducer phase. */
const stateOf = (context: TalksContext) => (context.phase === 'broken-off' ? 'brokenOff' : context.phase);

describe('a mediator scores a re-settlement as the view of the amended text says', () => {
  // The mediator scores thousands of candidates by what changes from the text on the table;
  // each score must be the one a view of the candidate itself gives, to the last bit, however
  // the scorers of one text are interleaved.
  const change = (issueCount: number) => fc.tuple(fc.uniqueArray(fc.nat({ max: issueCount - 1 }), { minLength: 1, maxLength: 2 }), fc.array(fc.nat({ max: 9 }), { minLength: 2, maxLength: 2 }));
  test.prop(
    [
      scenarioArbitrary({ maxParties: 3, maxPlans: 3, maxRedLines: 3 }).chain((spec) =>
        fc.tuple(fc.constant(spec), fc.nat({ max: spec.plans.length - 1 }), change(spec.domain.issues.length), change(spec.domain.issues.length)),
      ),
    ],
    { numRuns: 200 },
  )('crossed red lines and the least utility, for points and for open issues the mediator settles', ([spec, planIndex, first, second]) => {
    const scenario = createScenario(spec);
    const text = planTextOf(scenario.domain, scenario.plans[planIndex]!);
    const changes = [first, second].map(([issues, picks]) => {
      const candidate = Int16Array.from(text.settlement);
      issues.forEach((issue, k) => (candidate[issue] = picks[k]! % scenario.domain.issues[issue]!.options.length));
      return { issues, candidate };
    });
    for (const party of scenario.parties) {
      const compiled = compiledParty(party);
      const view = viewOf(compiled, text);
      const scored = changes.map(({ issues, candidate }) => ({ scorer: resettlementScorer(compiled, view, text.settlement, issues), candidate, amended: viewOf(compiled, bareText(candidate)) }));
      for (const { scorer, candidate, amended } of [...scored, ...scored.reverse()]) {
        expect(scorer.crossed(candidate)).toBe(amended.violations.length);
        expect(scorer.floor(candidate)).toBe(amended.range.min);
        // The bound the mediator skips a change by holds for every candidate of it.
        const ceiling = scorer.ceiling();
        if (ceiling !== null) expect(amended.range.min).toBeLessThanOrEqual(ceiling);
        if (!scorer.mayUncross) expect(amended.violations.length).toBeGreaterThanOrEqual(view.violations.length);
      }
    }
  }, 60_000);
});

describe('the talks statechart is the reducer', () => {
  test.prop(
    [scenarioArbitrary({ maxParties: 3, maxPlans: 3 }).chain((spec) => fc.tuple(fc.constant(spec), talksArbitrary(spec))), fc.infiniteStream(fc.nat())],
    { numRuns: 60 },
  )('on random event sequences: the same taking, the same context, the state named by the phase', ([spec, talksSpec], picks) => {
    const scenario = createScenario(spec);
    const talks = createTalks(scenario, talksSpec);
    const machine = createTalksMachine(scenario, talks.setup);
    const table = talksTable(scenario.domain, scenario.parties.map(compiledParty), talks.setup);
    const events = fc.sample(talksEventArbitrary(scenario), { numRuns: 25, seed: picks.next().value });
    let [snapshot] = initialTransition(machine);
    let state = initialTalks(table);
    for (const event of events as TalksEvent[]) {
      const can = snapshot.status === 'active' && snapshot.can(event);
      expect(can).toBe(talksTakes(table, state, event));
      if (can) [snapshot] = transition(machine, snapshot, event);
      state = reduceTalks(table, state, event).state;
      expect(snapshot.context).toStrictEqual(state);
      expect(String(snapshot.value)).toBe(stateOf(state));
    }
  }, 60_000);
});

describe('every path ends the talks alike', () => {
  test.prop([scenarioArbitrary({ maxParties: 3, maxPlans: 3 }).chain((spec) => fc.tuple(fc.constant(spec), talksArbitrary(spec))), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 3 })], {
    numRuns: 80,
  })('runScenario (which records a transcript) and an exploration\'s run (which records nothing), under every mediator', ([spec, talksSpec], seed, rounds) => {
    const scenario = createScenario(spec);
    const talks = createTalks(scenario, talksSpec);
    const transcript = runScenario(scenario, talks, { seed, continueRounds: rounds });
    const result = explore(scenario, { runs: 1, seed, talks, rounds, sensitivity: false });
    expect(result.talks?.baseline).toBe(transcript.final.status);
    // The transcript's final acceptances are the parties' own standings.
    for (const party of transcript.final.acceptedBy) {
      const last = [...transcript.assessments].reverse().find((response) => response.party === party && response.version === transcript.final.version);
      expect(last?.decision).toBe('accepts');
    }
  }, 60_000);

  test('the Ukraine talks: runScenario and exploration agree for seeds 1 and 7 with 0, 2 and 12 free rounds', () => {
    for (const seed of [1, 7]) {
      for (const rounds of [0, 2, 12]) {
        const status = runScenario(ukraine, ukraineTalks, { seed, continueRounds: rounds }).final.status;
        expect(explore(ukraine, { runs: 1, seed, talks: ukraineTalks, rounds, sensitivity: false }).talks?.baseline).toBe(status);
      }
    }
  }, 60_000);

  test.prop([scenarioArbitrary({ maxParties: 3, maxPlans: 3 }).chain((spec) => fc.tuple(fc.constant(spec), talksArbitrary(spec))), fc.integer({ min: 1, max: 1000 }), fc.constantFrom(...mediatorStrategyNames)], {
    numRuns: 60,
  })('the batch path revises without immer, to the very texts the recorded path makes with its patches', ([spec, talksSpec], seed, mediatorStrategy) => {
    const scenario = createScenario(spec);
    const talks = createTalks(scenario, talksSpec);
    const setup = { ...talks.setup, mediatorStrategy };
    const script = timelineScript(scenario, { ...talks, setup });
    const play = (record: boolean) => playTalks(talksTable(scenario.domain, scenario.parties.map(compiledParty), setup, { record }), script, { seed, rounds: 4 });
    const [recorded, batch] = [play(true), play(false)];
    // Equal to the key order (JSON), so the texts' fingerprints and every decision agree.
    expect(JSON.stringify(batch.text)).toBe(JSON.stringify(recorded.text));
    expect(batch.seen).toEqual(recorded.seen);
    expect(batch.version).toBe(recorded.version);
  }, 60_000);

  test('acceptedBy reads the parties\' standings', () => {
    const transcript = runScenario(ukraine, ukraineTalks, { seed: 1 });
    const table = talksTable(ukraine.domain, ukraine.parties.map(compiledParty), ukraineTalks.setup);
    expect(acceptedBy(initialTalks(table))).toEqual([]);
    expect(transcript.final.acceptedBy).toEqual(['united-states']);
  });
});
