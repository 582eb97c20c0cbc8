import fc from 'fast-check';
import type { DomainSpec, PreferencesSpec } from '../model/specs.js';
import { check } from './internal.js';
import { ruleArbitrary } from './rule.js';

/** Options of {@link preferencesArbitrary}. */
export interface PreferencesConstraints {
  /** Most interaction terms (default 2). */
  readonly maxInteractions?: number;
  /**
   * Tie-friendly numbers: weights 0–3, option values from {0, 0.25, 0.5, 0.75, 1} and
   * interaction deltas ±0.25, so that different outcomes often reach exactly the same
   * utility. Otherwise weights are 0–10 and values and deltas lie on a 0.001 grid.
   */
  readonly valueGrid?: boolean;
  /** The prefix of interaction ids and texts (default `p`). */
  readonly owner?: string;
}

/** The option values drawn on the tie-friendly grid. */
export const VALUE_GRID = [0, 0.25, 0.5, 0.75, 1] as const;

/** Numbers on a grid of `step` within [min, max]: values shrink toward `min`. */
export function onGrid(step: number, min: number, max: number): fc.Arbitrary<number> {
  const from = Math.ceil(min / step - 1e-9);
  const to = Math.floor(max / step + 1e-9);
  return from <= to ? fc.integer({ min: from, max: to }).map((k) => Number((k * step).toFixed(10))) : fc.constant(min);
}

/**
 * Additive preferences over `domain`: weights with at least one positive (by construction,
 * so shrinking keeps it), a value in [0, 1] for every option, and a few interaction terms.
 * Every value is valid preferences for a party over `domain`. Shrinks toward fewer
 * interactions and smaller numbers.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { domainArbitrary, preferencesArbitrary } from '@parley/core/testing';
 *
 * const preferences = domainArbitrary().chain((domain) => preferencesArbitrary(domain, { valueGrid: true }));
 * fc.sample(preferences, 1)[0]?.weights;
 * ```
 */
export function preferencesArbitrary(domain: DomainSpec, constraints: PreferencesConstraints = {}): fc.Arbitrary<PreferencesSpec> {
  const { maxInteractions = 2, valueGrid = false, owner = 'p' } = constraints;
  check(Number.isInteger(maxInteractions) && maxInteractions >= 0, 'preferencesArbitrary', `maxInteractions must be a whole number ≥ 0 (got ${maxInteractions})`);
  const value = valueGrid ? fc.constantFrom(...VALUE_GRID) : onGrid(0.001, 0, 1);
  const weight = fc.integer({ min: 0, max: valueGrid ? 3 : 10 });
  const delta = valueGrid ? fc.constantFrom(-0.25, 0.25) : onGrid(0.001, -0.3, 0.3);
  return fc
    .record({
      weights: fc.tuple(...domain.issues.map(() => weight)),
      values: fc.tuple(...domain.issues.map((issue) => fc.tuple(...issue.options.map(() => value)))),
      interactions: fc.array(fc.record({ when: ruleArbitrary(domain, { maxDepth: 1 }), delta }), { maxLength: maxInteractions }),
    })
    .map(({ weights, values, interactions }) => {
      // At least one positive weight, by construction rather than by filtering.
      const positive = weights.some((w) => w > 0) ? weights : weights.map((w, index) => (index === 0 ? 1 : w));
      return {
        weights: Object.fromEntries(domain.issues.map((issue, index) => [issue.id, positive[index]!])),
        values: Object.fromEntries(
          domain.issues.map((issue, index) => [issue.id, Object.fromEntries(issue.options.map((option, o) => [option.id, values[index]![o]!]))]),
        ),
        interactions: interactions.map(({ when, delta: d }, index) => ({ id: `x${index}`, text: `Interaction ${index} of ${owner}.`, sources: ['S1'], when, delta: d })),
      };
    });
}
