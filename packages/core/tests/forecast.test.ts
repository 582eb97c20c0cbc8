import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { backtest, createScenario, forecast, ParleyError, ScenarioError, scoreCalls, type Forecast, type ScenarioSpec, type TalksSpec } from '@parley/core';
import { loadCase, loadScenarioWithOverrides } from '@parley/core/node';

// Forecasts as an analyst makes them: from a dated case, using only what was public by the
// snapshot's date, scored against what happened next. Failures print fast-check's seed.

const caseDir = fileURLToPath(new URL('../../../cases/ukraine-2025', import.meta.url));
const seedsDir = fileURLToPath(new URL('../../../seeds/ukraine-2025', import.meta.url));
const ukraine = await loadCase(caseDir);
const RUNS = 24;

/** The forecast's data without what says how much was left out (that differs by construction). */
function comparable(f: Forecast): unknown {
  const { explain: _explain, known, ...rest } = f;
  return { ...rest, plans: known.plans, events: known.events };
}

function ukraineForecast(asOf: string, overrides: { talks?: TalksSpec; known?: typeof ukraine.known; scenario?: typeof ukraine.scenario; seed?: number } = {}): Forecast {
  return forecast(overrides.scenario ?? ukraine.scenario, {
    asOf,
    horizon: '2025-12-02',
    runs: RUNS,
    seed: overrides.seed ?? 3,
    talks: overrides.talks ?? ukraine.talks!,
    perturb: ukraine.perturb!,
    known: overrides.known ?? ukraine.known,
    prices: ukraine.prices,
  });
}

const asOfs = ['2025-11-20', '2025-11-23', '2025-11-24', '2025-11-26', '2025-11-28', '2025-11-30'];

describe('a forecast uses only what was known at asOf', () => {
  test.prop([fc.constantFrom(...asOfs), fc.integer(), fc.boolean()], { numRuns: 6 })(
    'shuffling the later timeline events and the known facts, or removing the later ones, leaves it unchanged',
    async (asOf, shuffleSeed, remove) => {
      const talks = ukraine.talks!;
      const early = talks.timeline.filter((event) => event.date <= asOf);
      const late = talks.timeline.filter((event) => event.date > asOf);
      const shuffled = shuffle(late, shuffleSeed);
      const laterFacts = ukraine.known.filter((fact) => fact.date > asOf);
      // Removing a later red line altogether (from the party file, by an override) must give
      // the same forecast as dating it after asOf.
      const scenario = remove
        ? (await loadScenarioWithOverrides(seedsDir, laterFacts.filter((fact) => !fact.fact.startsWith('plan:')).map((fact) => {
          const [party, redLine] = fact.fact.split('/') as [string, string];
          return { kind: 'dropRedLine' as const, party, redLine };
        }))).scenario
        : ukraine.scenario;
      const known = remove ? ukraine.known.filter((fact) => fact.date <= asOf) : shuffle(ukraine.known, shuffleSeed + 1);
      const base = ukraineForecast(asOf);
      const changed = ukraineForecast(asOf, { talks: { setup: talks.setup, timeline: remove ? early : [...early, ...shuffled] }, known, scenario });
      expect(comparable(changed)).toEqual(comparable(base));
    },
    60_000,
  );

  test('a red line stated later is not in the forecast; the texts not yet tabled are not judged', () => {
    const early = ukraineForecast('2025-11-20');
    expect(early.known.plans).toEqual(['us-28']);
    expect(early.known.hiddenRedLines).toContain('ukraine/no-recognition');
    expect(early.redLines.map((line) => line.redLine)).not.toContain('ukraine/no-recognition');
    expect(new Set(early.acceptance.map((row) => row.plan))).toEqual(new Set(['us-28']));
    const late = ukraineForecast('2025-11-30');
    expect(late.redLines.map((line) => line.redLine)).toContain('ukraine/no-recognition');
    expect(late.known.plans).toEqual(['us-28', 'us-ukraine-19', 'e3-counterproposal']);
  }, 60_000);
});

describe('the same seed gives the same forecast', () => {
  test.prop([fc.integer({ min: 0, max: 1_000_000 })], { numRuns: 3 })('twice from one seed: equal, explanation included', (seed) => {
    const a = ukraineForecast('2025-11-24', { seed });
    const b = ukraineForecast('2025-11-24', { seed });
    expect(comparable(a)).toEqual(comparable(b));
    expect(a.explain()).toEqual(b.explain());
  }, 60_000);
});

describe('probabilities are calibrated where the true firmness is known', () => {
  // One party whose only objection to the text is one red line, held with probability f:
  // it accepts exactly when the line gives way, so the truth is 1 − f.
  function oneLine(firmness: number): { scenario: ReturnType<typeof createScenario>; firmness: number } {
    const spec: ScenarioSpec = {
      id: 'one-line',
      title: 'One red line',
      domain: { issues: [{ id: 'x', label: 'X', ordered: false, options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] }] },
      parties: [
        { id: 'p', name: 'P', reservationValue: 0, redLines: [{ id: 'no-b', text: 'Never B.', sources: ['S1'], rule: { kind: 'forbid', issue: 'x', options: ['b'] } }], preferences: { weights: { x: 1 }, values: { x: { a: 1, b: 0.5 } } } },
        { id: 'q', name: 'Q', reservationValue: 0, redLines: [], preferences: { weights: { x: 1 }, values: { x: { a: 0.5, b: 1 } } } },
      ],
      plans: [{ id: 't', title: 'T', date: '2025-01-01', author: 'Q', points: [{ number: 1, summary: 'B.', category: 'x', sources: ['S1'], provisions: [{ issue: 'x', option: 'b' }] }] }],
    } as ScenarioSpec;
    return { scenario: createScenario(spec), firmness };
  }

  test.prop([fc.integer({ min: 5, max: 95 }), fc.integer()], { numRuns: 12 })(
    'P(accept) is within four standard errors of 1 − firmness, and its interval is honest',
    (percent, seed) => {
      const { scenario } = oneLine(percent / 100);
      const runs = 400;
      const f = forecast(scenario, { asOf: '2025-01-01', horizon: '2025-01-10', runs, seed, perturb: { redLines: { 'p/no-b': percent / 100 } } });
      const p = f.acceptance.find((row) => row.party === 'p' && row.plan === 't')!.estimate;
      const truth = 1 - percent / 100;
      expect(Math.abs(p.probability - truth)).toBeLessThanOrEqual(4 * Math.sqrt((truth * (1 - truth)) / runs));
      expect(p.low).toBeLessThanOrEqual(p.probability);
      expect(p.high).toBeGreaterThanOrEqual(p.probability);
    },
    120_000,
  );
});

describe('a red line with a price', () => {
  // Sarema-like: "no minimum flow unless they buy our power at market price", written as the
  // red line's price in the party file.
  function priced(withPrice: boolean): ReturnType<typeof createScenario> {
    return createScenario({
      id: 'priced',
      title: 'A priced red line',
      sources: { S1: 'a statement' },
      domain: { issues: [
        { id: 'flow', label: 'Flow', ordered: false, options: [{ id: 'none', label: 'None' }, { id: 'minimum', label: 'Minimum' }] },
        { id: 'power', label: 'Power', ordered: false, options: [{ id: 'discount', label: 'Discount' }, { id: 'market', label: 'Market price' }] },
      ] },
      parties: [
        { id: 'upstream', name: 'Upstream', reservationValue: 0, preferences: { weights: { flow: 1, power: 1 }, values: { flow: { none: 1, minimum: 0.4 }, power: { discount: 0.2, market: 1 } } },
          redLines: [{ id: 'no-minimum-flow', text: 'No minimum flow.', sources: ['S1'], rule: { kind: 'forbid', issue: 'flow', options: ['minimum'] },
            ...(withPrice ? { price: { party: 'downstream', rule: { kind: 'require', issue: 'power', options: ['market'] }, text: 'Downstream buys our power at market price.', sources: ['S1'] } } : {}) }] },
        { id: 'downstream', name: 'Downstream', reservationValue: 0, redLines: [{ id: 'minimum-flow', text: 'A minimum flow.', sources: ['S1'], rule: { kind: 'require', issue: 'flow', options: ['minimum'] } }],
          preferences: { weights: { flow: 1, power: 1 }, values: { flow: { none: 0, minimum: 1 }, power: { discount: 1, market: 0.5 } } } },
      ],
      plans: [{ id: 'deal', title: 'Flow for power', date: '2025-01-01', author: 'Mediator', points: [
        { number: 1, summary: 'A minimum flow.', category: 'flow', sources: ['S1'], provisions: [{ issue: 'flow', option: 'minimum' }] },
        { number: 2, summary: 'Power at market price.', category: 'power', sources: ['S1'], provisions: [{ issue: 'power', option: 'market' }] },
      ] }],
    });
  }

  test('a text that pays the price makes the line likelier to yield, and the concession names the price', () => {
    const options = { asOf: '2025-02-01', horizon: '2025-02-10', runs: 40, seed: 1, perturb: { redLines: { 'upstream/no-minimum-flow': 0.9 } } };
    const paid = forecast(priced(true), options);
    const unpaid = forecast(priced(false), options);
    const line = (f: Forecast) => f.redLines.find((candidate) => candidate.redLine === 'upstream/no-minimum-flow')!;
    expect(line(paid).pricePaid).toBe(true);
    expect(line(paid).yields).toBeGreaterThan(line(unpaid).yields);
    const concession = paid.concessions.find((way) => way.relax.some((relaxed) => relaxed.redLine === 'upstream/no-minimum-flow'))!;
    expect(concession.prices.map((price) => price.text)).toEqual(['Downstream buys our power at market price.']);
    expect(paid.explain().join('\n')).toContain('in exchange: downstream accepts "Downstream buys our power at market price." [S1]');
  });

  test('a price naming no party of the scenario is refused with the path', () => {
    const spec = JSON.parse(JSON.stringify({ ...priced(true), domain: priced(true).domain.toJSON() })) as ScenarioSpec;
    (spec.parties[0]!.redLines[0] as { price: { party: string } }).price.party = 'downstrem';
    expect(() => createScenario(spec)).toThrow(/parties\[0\]\.redLines\[0\]\.price\.party/);
  });
});

describe('the harness scores known answers', () => {
  test('accuracy, Brier score and log loss of hand-computed calls', () => {
    const scores = scoreCalls([{ p: 0.8, y: true }, { p: 0.4, y: true }, { p: 0.5, y: false }, { p: 0, y: true }]);
    expect(scores.calls).toBe(4);
    // Right, wrong, half (a call of ½), wrong.
    expect(scores.accuracy).toBeCloseTo(1.5 / 4, 12);
    // (0.04 + 0.36 + 0.25 + 1) / 4
    expect(scores.brier).toBeCloseTo(1.65 / 4, 12);
    // −(ln 0.8 + ln 0.4 + ln 0.5 + ln 0.01) / 4: a certain miss is clipped to 0.01.
    expect(scores.logLoss).toBeCloseTo(-(Math.log(0.8) + Math.log(0.4) + Math.log(0.5) + Math.log(0.01)) / 4, 12);
    expect(() => scoreCalls([{ p: 1.2, y: true }])).toThrow(ParleyError);
  });

  test('chance scores ½ on every call; the Ukraine case scores every method on the same calls', () => {
    const result = backtest([ukraine], { runs: RUNS, seed: 1 });
    expect(result.calls.length).toBeGreaterThan(10);
    expect(result.overall.chance).toEqual({ calls: result.calls.length, accuracy: 0.5, brier: 0.25, logLoss: Math.log(2) });
    for (const method of ['parley', 'nothing-changes', 'nash-unrestricted', 'no-firmness'] as const) expect(result.overall[method].calls).toBe(result.calls.length);
    const recomputed = scoreCalls(result.calls.map((call) => ({ p: call.predicted.parley, y: call.happened })));
    expect(result.overall.parley).toEqual(recomputed);
    expect(result.calibration.reduce((n, bin) => n + bin.calls, 0)).toBe(result.calls.length);
  }, 60_000);
});

describe('the case loader', () => {
  test('a wrong case names the file, the path and the fix', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-case-'));
    await mkdir(join(dir, 'c'));
    await writeFile(join(dir, 'c', 'case.yaml'), [
      'name: Bad', 'use: design', `scenario: ${JSON.stringify(seedsDir)}`,
      'known: [{ fact: ukraine/no-recogniton, date: "2025-11-24", sources: [S68] }]',
      'snapshots:', '  - asOf: "2025-11-20"', '    horizon: "2025-11-29"', '    reactions:',
      '      - { kind: accepts, party: rusia, plan: us-28, date: "2025-11-21", sources: [S54] }',
      '      - { kind: agreement, happened: false, date: "2025-12-05", sources: [S62] }',
    ].join('\n'));
    const error = await loadCase(join(dir, 'c')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScenarioError);
    const problems = (error as ScenarioError).problems;
    expect(problems.every((problem) => problem.file === 'case.yaml')).toBe(true);
    expect(problems.find((problem) => problem.path === 'known[0].fact')?.suggestion).toBe('ukraine/no-recognition');
    expect(problems.find((problem) => problem.path === 'snapshots[0].reactions[0].party')?.suggestion).toBe('russia');
    expect(problems.find((problem) => problem.path === 'snapshots[0].reactions[1].date')?.message).toMatch(/by the horizon/);
  });

  test('a horizon before asOf is refused', () => {
    expect(() => forecast(ukraine.scenario, { asOf: '2025-11-30', horizon: '2025-11-20', runs: 1 })).toThrow(/before asOf/);
  });
});

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed >>> 0 || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
