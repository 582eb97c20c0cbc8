import fc from 'fast-check';
import type { DomainSpec, PartySpec, PlanSpec, Rule } from '@parley/core';
import { domainArbitrary as kitDomainArbitrary, outcomeArbitrary, ruleArbitrary as kitRuleArbitrary } from '@parley/core/testing';

// Small generated domains, parties, plans and outcomes for the property tests. Kept small
// on purpose: the properties are about logic, and small cases shrink to readable ones.
// Domains, rules and outcomes come from the public kit (@parley/core/testing); the
// generators below are tuned for particular test files (analysis ties, talks).

/** A domain of 1–5 issues with 2–4 options each; ids are i0, i1, … and o0, o1, … (the kit's defaults). */
export const domainArbitrary: fc.Arbitrary<DomainSpec> = kitDomainArbitrary();

/** A rule over `domain`, nested at most a few levels (the kit's generator). */
export function ruleArbitrary(domain: DomainSpec): fc.Arbitrary<Rule> {
  return kitRuleArbitrary(domain);
}

/** A party over `domain`: 0–3 red lines, weights with at least one positive, 0–2 interactions. */
export function partyArbitrary(domain: DomainSpec, id = 'p'): fc.Arbitrary<PartySpec> {
  const value = fc.double({ min: 0, max: 1, noNaN: true });
  return fc
    .record({
      redLines: fc.array(ruleArbitrary(domain), { maxLength: 3 }),
      weights: fc.tuple(...domain.issues.map(() => fc.integer({ min: 0, max: 10 }))).filter((weights) => weights.some((w) => w > 0)),
      values: fc.tuple(...domain.issues.map((issue) => fc.tuple(...issue.options.map(() => value)))),
      interactions: fc.array(fc.record({ when: ruleArbitrary(domain), delta: fc.double({ min: -0.3, max: 0.3, noNaN: true }) }), { maxLength: 2 }),
      reservationValue: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ redLines, weights, values, interactions, reservationValue }) => ({
      id,
      name: `Party ${id}`,
      reservationValue,
      redLines: redLines.map((rule, index) => ({ id: `r${index}`, text: `Red line ${index}.`, sources: ['S1'], rule })),
      preferences: {
        weights: Object.fromEntries(domain.issues.map((issue, index) => [issue.id, weights[index]!])),
        values: Object.fromEntries(
          domain.issues.map((issue, index) => [issue.id, Object.fromEntries(issue.options.map((option, o) => [option.id, values[index]![o]!]))]),
        ),
        interactions: interactions.map(({ when, delta }, index) => ({ id: `x${index}`, text: `Interaction ${index}.`, sources: ['S1'], when, delta })),
      },
    }));
}

/** A plan over `domain` that settles a random subset of its issues across 1–4 points. */
export function planArbitrary(domain: DomainSpec): fc.Arbitrary<PlanSpec> {
  return fc
    .record({
      choices: fc.tuple(...domain.issues.map((issue) => fc.option(fc.integer({ min: 0, max: issue.options.length - 1 }), { nil: undefined }))),
      pointOf: fc.tuple(...domain.issues.map(() => fc.integer({ min: 1, max: 4 }))),
      pointCount: fc.integer({ min: 1, max: 4 }),
    })
    .map(({ choices, pointOf, pointCount }) => ({
      id: 'plan',
      title: 'A plan',
      date: '2025-11-20',
      author: 'Mediator',
      points: Array.from({ length: pointCount }, (_, index) => ({
        number: index + 1,
        summary: `Point ${index + 1}.`,
        category: 'other',
        sources: ['S1'],
        provisions: domain.issues.flatMap((issue, i) => {
          const option = choices[i];
          return option !== undefined && Math.min(pointOf[i]!, pointCount) === index + 1 ? [{ issue: issue.id, option: issue.options[option]!.id }] : [];
        }),
      })),
    }));
}

/** An outcome over `domain` as `{ issueId: optionId }` choices (the kit's `outcomeArbitrary`). */
export const choicesArbitrary = outcomeArbitrary;

/**
 * A reference interpreter of rules over `{ issueId: optionId }` choices, written
 * independently of the library's compiled evaluator so the properties can check one
 * against the other.
 */
export function referenceHolds(rule: Rule, domain: DomainSpec, choices: Readonly<Record<string, string>>): boolean {
  const position = (issueId: string, optionId: string) =>
    domain.issues.find((issue) => issue.id === issueId)!.options.findIndex((option) => option.id === optionId);
  switch (rule.kind) {
    case 'forbid':
      return !rule.options.includes(choices[rule.issue]!);
    case 'require':
      return rule.options.includes(choices[rule.issue]!);
    case 'atLeast':
      return position(rule.issue, choices[rule.issue]!) >= position(rule.issue, rule.option);
    case 'atMost':
      return position(rule.issue, choices[rule.issue]!) <= position(rule.issue, rule.option);
    case 'if':
      return !referenceHolds(rule.when, domain, choices) || referenceHolds(rule.then, domain, choices);
    case 'all':
      return rule.rules.every((child) => referenceHolds(child, domain, choices));
    case 'any':
      return rule.rules.some((child) => referenceHolds(child, domain, choices));
    case 'not':
      return !referenceHolds(rule.rule, domain, choices);
  }
}

/** Every completion of `settled` choices over the issues it leaves open. */
export function completions(domain: DomainSpec, settled: Readonly<Record<string, string>>): Record<string, string>[] {
  let partial: Record<string, string>[] = [{ ...settled }];
  for (const issue of domain.issues) {
    if (settled[issue.id] !== undefined) continue;
    partial = partial.flatMap((choices) => issue.options.map((option) => ({ ...choices, [issue.id]: option.id })));
  }
  return partial;
}

/** Rebuilds `value` with every object's keys in a shuffled order given by `seed`. */
export function shuffleKeys<T>(value: T, seed: number): T {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const entries = Object.entries(node);
    for (let i = entries.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [entries[i], entries[j]] = [entries[j]!, entries[i]!];
    }
    return Object.fromEntries(entries.map(([key, child]) => [key, visit(child)]));
  };
  return visit(value) as T;
}

/** How a generated party's numbers are drawn: on a coarse grid (so ties occur) or from continuous ranges. */
export type NumberScale = 'grid' | 'continuous';

/**
 * Where reservation values sit on the `grid` scale: `off-grid` (0.13, 0.38, 0.62, which no
 * utility can equal) or `on-grid` (0.25, 0.5, 0.75, which many utilities equal exactly).
 */
export type ReservationPlacement = 'off-grid' | 'on-grid';

/** The grid option values are drawn from on the `grid` scale. */
export const VALUE_GRID = [0, 0.25, 0.5, 0.75, 1] as const;

/**
 * A party over `domain` for the analysis properties: no red line half the time, else 1–2;
 * 0–2 interaction terms. On the `grid` scale: small integer weights, option values from
 * {0, 0.25, 0.5, 0.75, 1} and deltas of ±0.25, so that different outcomes often reach
 * exactly the same utilities (ties), and reservation values placed as `reservations` says.
 * On the `continuous` scale every number is drawn from a range, on a 1e-6 grid.
 */
export function analysisPartyArbitrary(domain: DomainSpec, id: string, scale: NumberScale, reservations: ReservationPlacement = 'off-grid'): fc.Arbitrary<PartySpec> {
  const grid = scale === 'grid';
  // Continuous numbers are drawn on a 1e-6 grid: fc.double's favourite extremes (5e-324,
  // 0.9999999999999982) differ from 0 and 1 by far less than the library's utility
  // tolerance (UTILITY_TOLERANCE, 1e-9), and would only test that tolerance, not the analyses.
  const fine = (min: number, max: number) => fc.integer({ min: Math.round(min * 1e6), max: Math.round(max * 1e6) }).map((k) => k / 1e6);
  const value = grid ? fc.constantFrom(...VALUE_GRID) : fine(0, 1);
  const weight = grid ? fc.integer({ min: 0, max: 3 }) : fc.integer({ min: 0, max: 10 });
  const delta = grid ? fc.constantFrom(-0.25, 0.25) : fine(-0.3, 0.3);
  // Unless asked for `on-grid`, no utility can equal a reservation value exactly (that case
  // has a test of its own). Grid utilities are multiples of 1/(4 × total weight ≤ 15), plus
  // ±0.25s: none comes within 1e-4 of 0.13, 0.38 or 0.62. Continuous utilities are multiples
  // of 1e-6 / (total weight ≤ 50): none comes within 3.7e-9 of a reservation value nudged
  // off the 1e-6 grid by 3.7e-9, well outside the 1e-9 tolerance of acceptance.
  const reservation = !grid
    ? fine(0, 0.6).map((r) => r + 3.7e-9)
    : reservations === 'on-grid'
      ? fc.constantFrom(0.25, 0.5, 0.75)
      : fc.oneof({ weight: 2, arbitrary: fc.constant(0.13) }, { weight: 2, arbitrary: fc.constant(0.38) }, { weight: 1, arbitrary: fc.constant(0.62) });
  return fc
    .record({
      // Half the parties have no red line, so that agreements exist often enough.
      redLines: fc.oneof(fc.constant<Rule[]>([]), fc.array(ruleArbitrary(domain), { minLength: 1, maxLength: 2 })),
      weights: fc.tuple(...domain.issues.map(() => weight)).filter((weights) => weights.some((w) => w > 0)),
      values: fc.tuple(...domain.issues.map((issue) => fc.tuple(...issue.options.map(() => value)))),
      interactions: fc.array(fc.record({ when: ruleArbitrary(domain), delta }), { maxLength: 2 }),
      reservationValue: reservation,
    })
    .map(({ redLines, weights, values, interactions, reservationValue }) => ({
      id,
      name: `Party ${id}`,
      reservationValue,
      redLines: redLines.map((rule, index) => ({ id: `r${index}`, text: `Red line ${index} of ${id}.`, sources: ['S1'], rule })),
      preferences: {
        weights: Object.fromEntries(domain.issues.map((issue, index) => [issue.id, weights[index]!])),
        values: Object.fromEntries(
          domain.issues.map((issue, index) => [issue.id, Object.fromEntries(issue.options.map((option, o) => [option.id, values[index]![o]!]))]),
        ),
        interactions: interactions.map(({ when, delta: d }, index) => ({ id: `x${index}`, text: `Interaction ${index}.`, sources: ['S1'], when, delta: d })),
      },
    }));
}

/**
 * `count` parties p0, p1, … over `domain`, all on one number scale (drawn once for the
 * whole set unless given: ties need every party's numbers on the grid).
 */
export function partiesArbitrary(domain: DomainSpec, count: number, scale?: NumberScale, reservations: ReservationPlacement = 'off-grid'): fc.Arbitrary<PartySpec[]> {
  const scales = scale === undefined ? fc.constantFrom<NumberScale>('grid', 'continuous') : fc.constant(scale);
  return scales.chain((s) => fc.tuple(...Array.from({ length: count }, (_, k) => analysisPartyArbitrary(domain, `p${k}`, s, reservations))));
}
