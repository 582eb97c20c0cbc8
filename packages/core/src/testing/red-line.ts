import fc from 'fast-check';
import type { DomainSpec, RedLineSpec } from '../model/specs.js';
import { ruleArbitrary, type RuleConstraints } from './rule.js';

/** Options of {@link redLineArbitrary}: the rule's constraints, and the red line's id. */
export interface RedLineConstraints extends RuleConstraints {
  /** The red line's id (default `r0`). */
  readonly id?: string;
}

/**
 * A red line over `domain`: a rule (as {@link ruleArbitrary} draws it, so `holdsAt` /
 * `failsAt` pin its truth at an outcome) with a sentence and a source key. Every value is a
 * valid red line of a party over `domain`.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { domainArbitrary, redLineArbitrary } from '@parley/core/testing';
 *
 * const lines = domainArbitrary().chain((domain) => redLineArbitrary(domain, { maxDepth: 1 }));
 * fc.sample(lines, 1)[0]?.text; // 'Red line r0.'
 * ```
 */
export function redLineArbitrary(domain: DomainSpec, constraints: RedLineConstraints = {}): fc.Arbitrary<RedLineSpec> {
  const { id = 'r0', ...ruleConstraints } = constraints;
  return ruleArbitrary(domain, ruleConstraints).map((rule) => ({ id, text: `Red line ${id}.`, sources: ['S1'], rule }));
}
