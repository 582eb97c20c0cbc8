import { fc } from '@fast-check/vitest';
import { createDomain, createParty, type Party } from '@parley/core';

/** A small two-party (or n-party) linear-additive domain with known weights, as GENIUS domains are: no red lines. */
export interface OfferDomain {
  readonly parties: readonly Party[];
  /** Each party's normalised weights, in issue order. */
  readonly weights: readonly (readonly number[])[];
}

/**
 * Small linear-additive domains: 2–5 issues of 2–6 options, `parties` parties with weights
 * in [0.05, 1] and option values on a 0.05 grid (each issue's best at 1, as GENIUS
 * normalises them), reservation values in [0, 0.4].
 */
export function offerDomainArbitrary(options: { parties?: number; issues?: { min: number; max: number } } = {}): fc.Arbitrary<OfferDomain> {
  const partyCount = options.parties ?? 2;
  const issues = options.issues ?? { min: 2, max: 5 };
  return fc
    .array(fc.integer({ min: 2, max: 6 }), { minLength: issues.min, maxLength: issues.max })
    .chain((optionCounts) =>
      fc.record({
        optionCounts: fc.constant(optionCounts),
        parties: fc.array(
          fc.record({
            weights: fc.tuple(...optionCounts.map(() => fc.integer({ min: 1, max: 20 }))),
            values: fc.tuple(...optionCounts.map((count) => fc.tuple(fc.integer({ min: 0, max: count - 1 }), fc.array(fc.integer({ min: 0, max: 20 }), { minLength: count, maxLength: count })))),
            reservation: fc.integer({ min: 0, max: 8 }),
          }),
          { minLength: partyCount, maxLength: partyCount },
        ),
      }),
    )
    .map(({ optionCounts, parties }) => {
      const domain = createDomain({
        issues: optionCounts.map((count, i) => ({ id: `i${i}`, label: `Issue ${i}`, ordered: false, options: Array.from({ length: count }, (_, o) => ({ id: `o${o}`, label: `Option ${o}` })) })),
      });
      const built = parties.map((spec, p) =>
        createParty(domain, {
          id: `p${p}`,
          name: `Party ${p}`,
          reservationValue: spec.reservation / 20,
          redLines: [],
          preferences: {
            weights: Object.fromEntries(spec.weights.map((w, i) => [`i${i}`, w / 20])),
            values: Object.fromEntries(spec.values.map(([top, grid], i) => [`i${i}`, Object.fromEntries(grid.map((v, o) => [`o${o}`, o === top ? 1 : v / 20]))])),
          },
        }),
      );
      const weights = parties.map((spec) => {
        const total = spec.weights.reduce((a, b) => a + b, 0);
        return spec.weights.map((w) => w / total);
      });
      return { parties: built, weights };
    });
}
