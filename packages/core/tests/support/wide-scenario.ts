import type { ScenarioSpec } from '@parley/core';
import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';

/** The shape of a {@link wideScenarioSpec}. */
export interface WideScenarioConstraints {
  /** Issues in the domain. Default 60. */
  readonly issues?: number;
  /** Options of every issue. Default 10. */
  readonly options?: number;
  /** Parties. Default 3. */
  readonly parties?: number;
  /** Seed of every draw: same seed, same scenario. Default 1. */
  readonly seed?: number;
}

/**
 * A scenario too wide to analyse exactly, as in issue 12: by default 60 ordered issues of 10
 * options (10^60 outcomes) and 3 parties in two opposed blocs (even-numbered parties prefer
 * high options, odd-numbered low ones, with noise), each with two single-issue red lines, a
 * reservation value low enough that agreements abound, and one plan that settles a few issues.
 * Deterministic: every draw comes from one seeded `pure-rand` generator.
 *
 * @example
 * ```ts
 * const scenario = createScenario(wideScenarioSpec());
 * scenario.domain.issues.length; // 60
 * ```
 */
export function wideScenarioSpec({ issues = 60, options = 10, parties = 3, seed = 1 }: WideScenarioConstraints = {}): ScenarioSpec {
  const rng = xoroshiro128plus(seed);
  const int = (min: number, max: number) => unsafeUniformIntDistribution(min, max, rng);
  const issueIds = Array.from({ length: issues }, (_, i) => `issue-${String(i + 1).padStart(2, '0')}`);
  const optionIds = Array.from({ length: options }, (_, o) => `o${o}`);
  const partySpecs = Array.from({ length: parties }, (_, p) => {
    const prefersHigh = p % 2 === 0;
    // Values rounded to two decimals, as an author would write them.
    const value = (o: number) => {
      const x = o / (options - 1);
      const noise = (int(0, 30) - 15) / 100;
      return Math.round(Math.min(1, Math.max(0, (prefersHigh ? x : 1 - x) + noise)) * 100) / 100;
    };
    const worst = prefersHigh ? 'o0' : `o${options - 1}`;
    return {
      id: `party-${p + 1}`,
      name: `Party ${p + 1}`,
      reservationValue: 0.3,
      redLines: [p, p + parties].map((i) => ({
        id: `not-${worst}-on-${issueIds[i % issues]!}`,
        text: `Party ${p + 1} will not accept ${worst} on ${issueIds[i % issues]!}.`,
        sources: ['G1'],
        rule: { kind: 'forbid' as const, issue: issueIds[i % issues]!, options: [worst] },
      })),
      preferences: {
        weights: Object.fromEntries(issueIds.map((id) => [id, int(1, 10)])),
        values: Object.fromEntries(issueIds.map((id) => [id, Object.fromEntries(optionIds.map((option, o) => [option, value(o)]))])),
      },
    };
  });
  const middle = `o${Math.floor(options / 2)}`;
  return {
    id: `wide-${issues}x${options}`,
    title: `A wide domain: ${issues} issues × ${options} options`,
    sources: { G1: 'generated for the tests of issue 12' },
    domain: {
      issues: issueIds.map((id, i) => ({ id, label: `Issue ${i + 1}`, ordered: true, options: optionIds.map((option, o) => ({ id: option, label: `Option ${o}` })) })),
    },
    parties: partySpecs,
    plans: [
      {
        id: 'draft',
        title: 'A draft that settles three issues',
        date: '2025-01-01',
        author: 'A mediator',
        signatories: partySpecs.map((party) => party.id),
        points: issueIds.slice(0, 3).map((issue, index) => ({
          number: index + 1,
          summary: `${issue} is settled at ${middle}.`,
          category: 'generated',
          sources: ['G1'],
          provisions: [{ issue, option: middle }],
        })),
      },
    ],
  };
}
