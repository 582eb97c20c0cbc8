import fc from 'fast-check';
import type { DomainSpec, PlanSpec } from '../model/specs.js';
import { check } from './internal.js';

/** Options of {@link planArbitrary}. */
export interface PlanConstraints {
  /** The plan's id (default `plan`). */
  readonly id?: string;
  /** Fewest points (default 1, at least 1). */
  readonly minPoints?: number;
  /** Most points (default 4). */
  readonly maxPoints?: number;
  /** The chance that the plan settles each issue, 0..1 (default 0.5); the rest stay open. */
  readonly settleRate?: number;
  /** The parties that would sign it (left out by default). */
  readonly signatories?: readonly string[];
}

/**
 * Plans over `domain`: points numbered 1..n, each settled issue settled by exactly one
 * point (so no two points ever conflict), the other issues open. Every value passes
 * `createPlan`. Shrinks toward one point that settles every issue it can.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { createDomain, createPlan, openIssues } from '@parley/core';
 * import { domainArbitrary, planArbitrary } from '@parley/core/testing';
 *
 * const cases = domainArbitrary().chain((domain) => planArbitrary(domain, { settleRate: 1 }).map((plan) => ({ domain, plan })));
 * fc.assert(fc.property(cases, ({ domain, plan }) => openIssues(createPlan(createDomain(domain), plan)).length === 0));
 * ```
 */
export function planArbitrary(domain: DomainSpec, constraints: PlanConstraints = {}): fc.Arbitrary<PlanSpec> {
  const { id = 'plan', minPoints = 1, maxPoints = Math.max(4, minPoints), settleRate = 0.5, signatories } = constraints;
  check(Number.isInteger(minPoints) && minPoints >= 1 && maxPoints >= minPoints, 'planArbitrary', `need 1 ≤ minPoints ≤ maxPoints (got ${minPoints}, ${maxPoints})`);
  check(settleRate >= 0 && settleRate <= 1, 'planArbitrary', `settleRate must lie in [0, 1] (got ${settleRate})`);
  // Each issue rolls 0..999 and is settled when the roll is below settleRate × 1000; rolls
  // shrink toward 0, so shrinking settles issues rather than opening them (when it may).
  const threshold = Math.round(settleRate * 1000);
  return fc
    .record({
      issues: fc.tuple(...domain.issues.map((issue) => fc.record({ roll: fc.integer({ min: 0, max: 999 }), option: fc.integer({ min: 0, max: issue.options.length - 1 }), point: fc.nat() }))),
      pointCount: fc.integer({ min: minPoints, max: maxPoints }),
    })
    .map(({ issues, pointCount }) => ({
      id,
      title: `Plan ${id}`,
      date: '2025-11-20',
      author: 'Mediator',
      ...(signatories === undefined ? {} : { signatories: [...signatories] }),
      points: Array.from({ length: pointCount }, (_, index) => ({
        number: index + 1,
        summary: `Point ${index + 1} of ${id}.`,
        category: 'other',
        sources: ['S1'],
        provisions: domain.issues.flatMap((issue, i) => {
          const drawn = issues[i]!;
          return drawn.roll < threshold && drawn.point % pointCount === index ? [{ issue: issue.id, option: issue.options[drawn.option]!.id }] : [];
        }),
      })),
    }));
}
