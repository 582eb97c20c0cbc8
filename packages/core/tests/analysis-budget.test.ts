import {
  DEFAULT_BUDGET,
  ParleyError,
  agreementSpace,
  analyzeParties,
  countJson,
  createDomain,
  createParty,
  createScenario,
  findPlanRepairs,
  findRelaxations,
  formatCount,
  nashPoint,
  paretoFrontier,
  type DomainSpec,
} from '@parley/core';
import { describe, expect, it } from 'vitest';
import { wideScenarioSpec } from './support/wide-scenario.js';

/** 10^60: the outcomes of 60 issues of 10 options. */
const TEN_TO_THE_60 = 10n ** 60n;

describe('a scenario of 60 issues × 10 options (issue 12)', () => {
  const scenario = createScenario(wideScenarioSpec());

  it('analyzeParties finishes within its default budget and says it was cut short', () => {
    const report = analyzeParties(scenario.parties);
    expect(report.complete).toBe(false);
    expect(report.exact).toBe(false);
    expect(report.limits).toEqual({ budget: DEFAULT_BUDGET, timeLimitMs: null });
    // Every analysis stayed within its own budget (a search stops on the unit that passes it).
    for (const search of Object.values(report.searches)) if (search !== null) expect(search.work).toBeLessThanOrEqual(DEFAULT_BUDGET + 1);
    // The count is a lower bound, and says so with the number it proves.
    expect(report.searches.agreements).toMatchObject({ exact: false, stoppedBy: 'budget' });
    expect(report.searches.agreements.guarantee).toMatch(/^at least [\d,]+ outcomes are acceptable to every party: the count stopped \(budget\)/);
    expect(report.agreements).toBeGreaterThan(0);
    // The frontier cannot be merged in the budget: no point is listed, and it says how far it got.
    expect(report.pareto).toEqual([]);
    expect(report.searches.pareto.guarantee).toMatch(/^none: the search stopped \(budget\) after merging \d+ of 60 issue groups/);
    // The Nash point is the best found, not proven.
    expect(report.nash).toMatchObject({ found: true, exact: false });
    // The outcome count is exact, as a string of digits (past 2^53, a JSON number would be rounded).
    expect(report.outcomes).toBe(TEN_TO_THE_60.toString());
    expect(formatCount(report.outcomes)).toBe('1.0e60');
  }, 60_000);

  it('a budget of the caller\'s own replaces the default', () => {
    const report = analyzeParties(scenario.parties, { budget: 10_000 });
    expect(report.limits.budget).toBe(10_000);
    for (const search of Object.values(report.searches)) if (search !== null) expect(search.work).toBeLessThanOrEqual(10_001);
  }, 60_000);

  it('is deterministic: the same budget gives the same report', () => {
    const options = { budget: 50_000 };
    expect(JSON.stringify(analyzeParties(scenario.parties, options))).toBe(JSON.stringify(analyzeParties(scenario.parties, options)));
  }, 60_000);

  it('stops at a time limit measured on the clock the caller passes, and says so', () => {
    // A fake clock, 1 ms a reading: the library reads it only every 4096 work units.
    let now = 0;
    const clock = () => now++;
    const report = analyzeParties(scenario.parties, { budget: Infinity, timeLimitMs: 20, clock });
    expect(report.complete).toBe(false);
    expect(report.limits).toEqual({ budget: null, timeLimitMs: 20 });
    expect(report.searches.agreements.stoppedBy).toBe('time');
    expect(report.searches.agreements.guarantee).toMatch(/the count stopped \(time\)/);
    // The deadline is the whole call's: the analyses after it stop at their first check.
    expect(report.searches.nash.stoppedBy).toBe('time');
  }, 60_000);

  it('plan repairs and relaxations have budgets too, and say when they are cut', () => {
    const [plan] = scenario.plans;
    const repairs = findPlanRepairs(scenario.parties, plan!, { budget: 1_000 });
    expect(repairs.work).toBeLessThanOrEqual(1_001);
    if (!repairs.exact) expect(repairs.guarantee).toMatch(/^the repairs found before the search stopped/);
    const relaxations = findRelaxations(scenario.parties, { budget: 1_000 });
    // An agreement exists (the count found some), so nothing needs relaxing.
    expect(relaxations).toMatchObject({ exact: true, relaxations: [] });
  }, 60_000);
});

describe('limits', () => {
  const domain = createDomain({ issues: [{ id: 'a', label: 'A', ordered: false, options: [{ id: 'x', label: 'X' }, { id: 'y', label: 'Y' }] }] });
  const party = createParty(domain, { id: 'p', name: 'P', redLines: [], reservationValue: 0, preferences: { weights: { a: 1 }, values: { a: { x: 1, y: 0 } } } });

  it('refuses a time limit without a clock: the library reads no clock of its own', () => {
    expect(() => agreementSpace([party], { timeLimitMs: 1000 })).toThrow(ParleyError);
    expect(() => agreementSpace([party], { timeLimitMs: 1000 })).toThrow(/timeLimitMs needs a clock/);
  });

  it.each([0, -1, Number.NaN])('refuses a budget or time limit of %s', (value) => {
    expect(() => nashPoint([party], { budget: value })).toThrow(expect.objectContaining({ code: 'INVALID_BUDGET' }));
    expect(() => nashPoint([party], { timeLimitMs: value, clock: () => 0 })).toThrow(expect.objectContaining({ code: 'INVALID_BUDGET' }));
  });

  it('takes Infinity for no limit, and reports the work spent either way', () => {
    const space = agreementSpace([party], { budget: Infinity, timeLimitMs: Infinity });
    expect(space).toMatchObject({ exact: true, stoppedBy: null, agreements: 2 });
    expect(space.work).toBeGreaterThan(0);
  });
});

describe('counts past 2^53 are exact', () => {
  /** `issues` issues of `options` options; one party that values option o0 alone, equally on the first `valued` issues. */
  function oneValuedOption(issues: number, options: number, reservationValue: number, valued = issues) {
    const spec: DomainSpec = {
      issues: Array.from({ length: issues }, (_, i) => ({ id: `i${i}`, label: `I${i}`, ordered: false, options: Array.from({ length: options }, (_, o) => ({ id: `o${o}`, label: `O${o}` })) })),
    };
    const domain = createDomain(spec);
    const party = createParty(domain, {
      id: 'p',
      name: 'P',
      redLines: [],
      reservationValue,
      preferences: {
        weights: Object.fromEntries(spec.issues.map((issue, i) => [issue.id, i < valued ? 1 : 0])),
        values: Object.fromEntries(spec.issues.map((issue) => [issue.id, Object.fromEntries(issue.options.map((option, o) => [option.id, o === 0 ? 1 : 0]))])),
      },
    });
    return { domain, party };
  }

  it('counts all 10^60 outcomes of 60 issues × 10 options, to the last digit', () => {
    const { party } = oneValuedOption(60, 10, 0);
    const space = agreementSpace([party]);
    expect(space.exact).toBe(true);
    expect(space.exactOutcomes).toBe(TEN_TO_THE_60);
    expect(space.exactAgreements).toBe(TEN_TO_THE_60);
    // The double is the nearest one, not the product of 60 doubles (1.0000000000000001e+60).
    expect(space.outcomes).toBe(1e60);
  });

  it('sums sub-tree counts past 2^53 without rounding', () => {
    // Acceptable: at least 10 of the 20 issues at o0; each other issue has 15 ways to miss it.
    const { party } = oneValuedOption(20, 16, 0.5);
    const expected = Array.from({ length: 11 }, (_, k) => k + 10).reduce((sum, atO0) => sum + binomial(20, atO0) * 15n ** BigInt(20 - atO0), 0n);
    expect(expected).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    const space = agreementSpace([party]);
    expect(space.exact).toBe(true);
    expect(space.exactAgreements).toBe(expected);
    expect(countJson(space.exactAgreements)).toBe(expected.toString());
  });

  it('counts the outcomes tied on a frontier point exactly', () => {
    const { party } = oneValuedOption(60, 10, 0);
    const frontier = paretoFrontier([party], { acceptableOnly: false });
    expect(frontier.exact).toBe(true);
    expect(frontier.points).toHaveLength(1);
    // Every issue at o0: one outcome reaches utility 1.
    expect(frontier.points[0]!.exactOutcomeCount).toBe(1n);
    // With one issue valued, every other issue is free: 10^59 outcomes share the best vector.
    const one = oneValuedOption(60, 10, 0, 1).party;
    expect(paretoFrontier([one], { acceptableOnly: false }).points[0]!.exactOutcomeCount).toBe(10n ** 59n);
  });
});

describe('formatCount and countJson', () => {
  it.each([
    [0n, '0'],
    [816_293_376, '816,293,376'],
    [BigInt(Number.MAX_SAFE_INTEGER), '9,007,199,254,740,991'],
    [2n ** 53n, '9.0e15'],
    [10n ** 60n, '1.0e60'],
    [`25${'0'.repeat(59)}`, '2.5e60'],
    [`9${'9'.repeat(60)}`, '1.0e61'],
    [(10n ** 60n).toString(), '1.0e60'],
    [1e60, '1.0e60'],
  ] as const)('formatCount(%s) is %s', (count, text) => {
    expect(formatCount(count)).toBe(text);
  });

  it('writes a count as a JSON number while it is safe, and as its exact digits beyond', () => {
    expect(countJson(816_293_376n)).toBe(816_293_376);
    expect(countJson(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(countJson(2n ** 53n)).toBe('9007199254740992');
    // Either form reads back exactly with BigInt.
    expect(BigInt(JSON.parse(JSON.stringify({ n: countJson(10n ** 60n) })).n)).toBe(10n ** 60n);
  });
});

function binomial(n: number, k: number): bigint {
  let result = 1n;
  for (let i = 0; i < k; i++) result = (result * BigInt(n - i)) / BigInt(i + 1);
  return result;
}
