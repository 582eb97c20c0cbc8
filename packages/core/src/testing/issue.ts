import fc from 'fast-check';
import type { IssueSpec } from '../model/specs.js';
import { check } from './internal.js';

/** Options of {@link issueArbitrary}. */
export interface IssueConstraints {
  /** The issue's id (default `i0`); its label is `Issue <id>`. */
  readonly id?: string;
  /** Fewest options (default 2, at least 2). */
  readonly minOptions?: number;
  /** Most options (default 4, at most 255). */
  readonly maxOptions?: number;
  /** Whether the issue is ordered: `true`, `false`, or drawn (`mixed`, the default). */
  readonly ordered?: boolean | 'mixed';
}

/**
 * One issue with options `o0`, `o1`, …. Every value is a valid issue of a domain (pass it
 * in `createDomain({ issues: [issue] })`). Shrinks toward fewer options.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { createDomain } from '@parley/core';
 * import { issueArbitrary } from '@parley/core/testing';
 *
 * fc.assert(fc.property(issueArbitrary({ id: 'army.cap', ordered: true }), (issue) => {
 *   createDomain({ issues: [issue] }); // never throws
 * }));
 * ```
 */
export function issueArbitrary(constraints: IssueConstraints = {}): fc.Arbitrary<IssueSpec> {
  const { id = 'i0', minOptions = 2, maxOptions = Math.max(4, minOptions), ordered = 'mixed' } = constraints;
  check(Number.isInteger(minOptions) && minOptions >= 2 && maxOptions >= minOptions && maxOptions <= 255, 'issueArbitrary', `need 2 ≤ minOptions ≤ maxOptions ≤ 255 (got ${minOptions}, ${maxOptions})`);
  return fc
    .record({ optionCount: fc.integer({ min: minOptions, max: maxOptions }), ordered: ordered === 'mixed' ? fc.boolean() : fc.constant(ordered) })
    .map(({ optionCount, ordered: isOrdered }) => ({
      id,
      label: `Issue ${id}`,
      ordered: isOrdered,
      options: Array.from({ length: optionCount }, (_, option) => ({ id: `o${option}`, label: `Option ${option}` })),
    }));
}
