import fc from 'fast-check';
import type { DomainSpec, PartySpec, RedLineSpec } from '../model/specs.js';
import { check, holds, utilityAt } from './internal.js';
import { onGrid, preferencesArbitrary } from './preferences.js';
import { redLineArbitrary } from './red-line.js';

/** Options of {@link partyArbitrary}. */
export interface PartyConstraints {
  /** The party's id (default `p`); its name is `Party <id>`. */
  readonly id?: string;
  /** Most red lines (default 3). */
  readonly maxRedLines?: number;
  /**
   * How demanding the red lines are: `none` (no red line), `lenient` (0 to `maxRedLines`
   * single conditions, the default) or `strict` (1 to `maxRedLines` red lines, nested rules,
   * and a reservation value from the upper half of `reservation`).
   */
  readonly strictness?: 'none' | 'lenient' | 'strict';
  /** Most interaction terms (default 2). */
  readonly maxInteractions?: number;
  /** The range of the reservation value, `[min, max]` within [0, 1] (default `[0, 0.6]`). */
  readonly reservation?: readonly [number, number];
  /**
   * Tie-friendly numbers: weights 0–3, option values from {0, 0.25, 0.5, 0.75, 1},
   * interaction deltas ±0.25 and reservation values on a 0.05 grid, so that different
   * outcomes often reach exactly the same utility. Otherwise weights are 0–10 and values
   * and deltas lie on a 0.001 grid (the default).
   */
  readonly valueGrid?: boolean;
  /**
   * An outcome (`{ issueId: optionId }`) the party must accept: every red line holds there,
   * and the reservation value is at most the party's utility there (lowered below
   * `reservation[0]` if need be, but never below 0: interaction penalties that would take
   * that utility below 0 are left out).
   */
  readonly accepts?: Readonly<Record<string, string>>;
}

/**
 * Parties over `domain`: red lines as strict as asked, weights with at least one positive
 * (by construction, so shrinking keeps it), a value for every option, a few interaction
 * terms and a reservation value in range. Every value passes `createParty`. Shrinks toward
 * fewer red lines and interactions and smaller numbers.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { assessOutcome, createDomain, createParty, outcomeFromChoices } from '@parley/core';
 * import { domainArbitrary, outcomeArbitrary, partyArbitrary } from '@parley/core/testing';
 *
 * // A party built to accept an outcome accepts it.
 * const cases = domainArbitrary().chain((domain) =>
 *   outcomeArbitrary(domain).chain((choices) => partyArbitrary(domain, { strictness: 'strict', accepts: choices }).map((party) => ({ domain, choices, party }))),
 * );
 * fc.assert(fc.property(cases, ({ domain, choices, party }) => {
 *   const bound = createDomain(domain);
 *   return assessOutcome(createParty(bound, party), outcomeFromChoices(bound, choices)).stance === 'accepts';
 * }));
 * ```
 */
export function partyArbitrary(domain: DomainSpec, constraints: PartyConstraints = {}): fc.Arbitrary<PartySpec> {
  const { id = 'p', maxRedLines = 3, strictness = 'lenient', maxInteractions = 2, reservation = [0, 0.6] as const, valueGrid = false, accepts } = constraints;
  check(Number.isInteger(maxRedLines) && maxRedLines >= 0, 'partyArbitrary', `maxRedLines must be a whole number ≥ 0 (got ${maxRedLines})`);
  check(Number.isInteger(maxInteractions) && maxInteractions >= 0, 'partyArbitrary', `maxInteractions must be a whole number ≥ 0 (got ${maxInteractions})`);
  const [low, high] = reservation;
  check(low >= 0 && high <= 1 && low <= high, 'partyArbitrary', `reservation must be a range [min, max] within [0, 1] (got [${low}, ${high}])`);

  const truth = accepts === undefined ? {} : { holdsAt: accepts };
  const depth = strictness === 'strict' ? 2 : 0;
  const redLines: fc.Arbitrary<RedLineSpec[]> =
    strictness === 'none' || maxRedLines === 0
      ? fc.constant([])
      : fc
          .array(redLineArbitrary(domain, { maxDepth: depth, ...truth }), { minLength: strictness === 'strict' ? 1 : 0, maxLength: maxRedLines })
          .map((lines) => lines.map((line, index) => ({ ...line, id: `r${index}`, text: `Red line ${index} of ${id}.` })));
  // Strict parties ask for more: their reservation value comes from the upper half of the range.
  const from = strictness === 'strict' ? (low + high) / 2 : low;
  const reservationValue = valueGrid ? onGrid(0.05, from, high) : onGrid(0.001, from, high);

  return fc
    .record({ redLines, preferences: preferencesArbitrary(domain, { maxInteractions, valueGrid, owner: id }), reservationValue })
    .map(({ redLines: lines, preferences, reservationValue: drawn }): PartySpec => {
      const spec: PartySpec = { id, name: `Party ${id}`, reservationValue: drawn, redLines: lines, preferences };
      if (accepts === undefined) return spec;
      // A reservation value is at least 0, so the outcome must be worth at least 0: penalties
      // that hold there and would take its utility below 0 are left out.
      const worthIt = utilityAt(spec, domain, accepts) >= 0 ? spec : withoutPenaltiesAt(spec, domain, accepts);
      return { ...worthIt, reservationValue: Math.min(drawn, utilityAt(worthIt, domain, accepts)) };
    });
}

/** The party without the interaction terms of negative delta that hold at `choices`. */
function withoutPenaltiesAt(spec: PartySpec, domain: DomainSpec, choices: Readonly<Record<string, string>>): PartySpec {
  const interactions = (spec.preferences.interactions ?? []).filter((interaction) => !(interaction.delta < 0 && holds(interaction.when, domain, choices)));
  return { ...spec, preferences: { ...spec.preferences, interactions } };
}
