import fc from 'fast-check';
import type { DomainSpec } from '../model/specs.js';
import { check } from './internal.js';

/** Options of {@link domainArbitrary}. */
export interface DomainConstraints {
  /** Fewest issues (default 1, at least 1). */
  readonly minIssues?: number;
  /** Most issues (default 5). */
  readonly maxIssues?: number;
  /** Fewest options per issue (default 2, at least 2). */
  readonly minOptions?: number;
  /** Most options per issue (default 4, at most 255). */
  readonly maxOptions?: number;
  /**
   * Which issues are ordered (accept `atLeast` / `atMost` rules): `all`, `none`, or
   * `mixed` (each issue drawn, the default).
   */
  readonly ordered?: 'all' | 'none' | 'mixed';
}

/**
 * Small domains: issues `i0`, `i1`, … with options `o0`, `o1`, … (labels `Issue 0`,
 * `Option 0`, …). Every value passes `createDomain`. Shrinks toward fewer issues with fewer
 * options.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { createDomain } from '@parley/core';
 * import { domainArbitrary } from '@parley/core/testing';
 *
 * fc.assert(fc.property(domainArbitrary({ maxIssues: 3, ordered: 'all' }), (spec) => {
 *   createDomain(spec); // never throws
 * }));
 * ```
 */
export function domainArbitrary(constraints: DomainConstraints = {}): fc.Arbitrary<DomainSpec> {
  const { minIssues = 1, maxIssues = Math.max(5, minIssues), minOptions = 2, maxOptions = Math.max(4, minOptions), ordered = 'mixed' } = constraints;
  check(Number.isInteger(minIssues) && minIssues >= 1 && maxIssues >= minIssues, 'domainArbitrary', `need 1 ≤ minIssues ≤ maxIssues (got ${minIssues}, ${maxIssues})`);
  check(Number.isInteger(minOptions) && minOptions >= 2 && maxOptions >= minOptions && maxOptions <= 255, 'domainArbitrary', `need 2 ≤ minOptions ≤ maxOptions ≤ 255 (got ${minOptions}, ${maxOptions})`);
  const orderedArbitrary = ordered === 'mixed' ? fc.boolean() : fc.constant(ordered === 'all');
  return fc
    .array(fc.record({ optionCount: fc.integer({ min: minOptions, max: maxOptions }), ordered: orderedArbitrary }), { minLength: minIssues, maxLength: maxIssues })
    .map((issues) => ({
      issues: issues.map(({ optionCount, ordered: isOrdered }, index) => ({
        id: `i${index}`,
        label: `Issue ${index}`,
        ordered: isOrdered,
        options: Array.from({ length: optionCount }, (_, option) => ({ id: `o${option}`, label: `Option ${option}` })),
      })),
    }));
}
