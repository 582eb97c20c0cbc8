import fc from 'fast-check';
import type { DomainSpec } from '../model/specs.js';

/**
 * Complete outcomes over `domain`, as `{ issueId: optionId }` choices (what
 * `outcomeFromChoices` takes). Shrinks toward each issue's first option.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { createDomain, outcomeFromChoices } from '@parley/core';
 * import { domainArbitrary, outcomeArbitrary } from '@parley/core/testing';
 *
 * const pairs = domainArbitrary().chain((spec) => outcomeArbitrary(spec).map((choices) => ({ spec, choices })));
 * fc.assert(fc.property(pairs, ({ spec, choices }) => {
 *   outcomeFromChoices(createDomain(spec), choices); // never throws
 * }));
 * ```
 */
export function outcomeArbitrary(domain: DomainSpec): fc.Arbitrary<Record<string, string>> {
  return fc
    .tuple(...domain.issues.map((issue) => fc.constantFrom(...issue.options.map((option) => option.id))))
    .map((options) => Object.fromEntries(domain.issues.map((issue, index) => [issue.id, options[index]!])));
}
