import fc from 'fast-check';
import type { Scenario } from '../scenario/scenario.js';
import type { PlanSpec } from '../model/specs.js';
import { partyStrategyNames } from '../talks/strategies.js';
import type { TalksEvent } from '../talks/talks-types.js';
import { check, plainCopy } from './internal.js';

/** Options of {@link talksEventArbitrary}. */
export interface TalksEventConstraints {
  /**
   * Also draw malformed events (default true): unknown parties, texts the domain rejects,
   * patches that do not apply or break the text. Well-formed events can still be refused
   * in the wrong state (a PRESENT before START, a second START).
   */
  readonly includeIllegal?: boolean;
  /**
   * Relative weight of MEDIATE among the events, a whole number (default 2, against 24 for
   * PRESENT; 0 leaves MEDIATE out). On large scenarios one MEDIATE can take a second.
   */
  readonly mediateWeight?: number;
  /** The date every event carries (default `2025-12-01`). */
  readonly date?: string;
}

/**
 * Patches that do not apply, or that make a text invalid: a talks machine must refuse a
 * REVISE carrying any of them, and change nothing.
 */
export const malformedPatches: readonly (readonly unknown[])[] = [
  [{ op: 'replace', path: ['points', 9999, 'summary'], value: 'nowhere' }],
  [{ op: 'frobnicate', path: ['title'], value: 'x' }],
  [{ op: 'replace', path: ['id'], value: 42 }],
  [{ op: 'replace', path: ['points'], value: [] }],
  [{ op: 'add', path: ['points', 0, 'provisions', 0], value: { issue: 'no.such-issue', option: 'none' } }],
  [{ op: 'add', path: ['__proto__', 'polluted'], value: true }],
  [{ op: 'replace', path: ['points', 0, 'number'], value: -1 }],
  ['not a patch'],
];

/**
 * `text` with a provision no domain knows: never a valid text, so a START or
 * COUNTER_PROPOSAL carrying it must be refused.
 *
 * @example
 * ```ts
 * const event = { type: 'START', text: malformedText(text), date: '2025-11-20' }; // refused
 * ```
 */
export function malformedText(text: PlanSpec): PlanSpec {
  const [first, ...rest] = text.points;
  if (first === undefined) return { ...text, points: [] };
  return { ...text, points: [{ ...first, provisions: [...first.provisions, { issue: 'no.such-issue', option: 'none' }] }, ...rest] };
}

/**
 * Events for the talks machine of `scenario` (`createTalksMachine`): START with one of its
 * plans, PRESENT to a party, REVISE with patches, MEDIATE, COUNTER_PROPOSAL of a plan,
 * the shocks (BATTLEFIELD, NEGOTIATOR_CHANGE, DEADLINE), WALK_OUT and END. Events that end
 * the talks are rare, so that runs get far. Valid REVISE patches apply to any valid text
 * (retitle, set the summary, replace the points by those of one of the scenario's plans),
 * so they do not depend on the state they arrive in. Use with `fc.array` and
 * {@link foldTalks}.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { createScenario } from '@parley/core';
 * import { foldTalks, scenarioArbitrary, talksEventArbitrary } from '@parley/core/testing';
 *
 * const [spec] = fc.sample(scenarioArbitrary({ agreement: 'must-exist' }), { numRuns: 1, seed: 3 });
 * const scenario = createScenario(spec!);
 * const setup = { protocol: 'mediated-single-text', mediator: 'p0', mediatorStrategy: 'amend-most-objected', maxRounds: 4, stallLimit: 2, walkOutAfter: 2 } as const;
 * fc.assert(fc.property(fc.array(talksEventArbitrary(scenario), { maxLength: 15 }), (events) => foldTalks(scenario, setup, events).violations.length === 0), { numRuns: 20 });
 * ```
 */
export function talksEventArbitrary(scenario: Scenario, constraints: TalksEventConstraints = {}): fc.Arbitrary<TalksEvent> {
  const { includeIllegal = true, mediateWeight = 2, date = '2025-12-01' } = constraints;
  check(Number.isInteger(mediateWeight) && mediateWeight >= 0, 'talksEventArbitrary', `mediateWeight must be a whole number ≥ 0 (got ${mediateWeight})`);
  const texts: PlanSpec[] = scenario.plans.map((plan) => plainCopy(plan) as PlanSpec);
  const partyIds = scenario.parties.map((party) => party.id);
  const party = includeIllegal ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...partyIds) }, { weight: 1, arbitrary: fc.constant('nobody') }) : fc.constantFrom(...partyIds);
  const text = (legalOnly: boolean): fc.Arbitrary<PlanSpec> =>
    texts.length === 0
      ? fc.constant(malformedText({ id: 'none', title: 'None', date, author: 'Nobody', points: [] }))
      : includeIllegal && !legalOnly
        ? fc.tuple(fc.constantFrom(...texts), fc.integer({ min: 0, max: 4 })).map(([t, roll]) => (roll === 4 ? malformedText(t) : t))
        : fc.constantFrom(...texts);
  const validPatches: fc.Arbitrary<unknown[]> = fc.oneof(
    fc.nat({ max: 99 }).map((k) => [{ op: 'replace', path: ['title'], value: `Revised text ${k}` }]),
    fc.nat({ max: 99 }).map((k) => [{ op: 'add', path: ['summary'], value: `Summary ${k}.` }]),
    ...(texts.length === 0 ? [] : [fc.constantFrom(...texts).map((t) => [{ op: 'replace', path: ['points'], value: structuredClone(t.points) }])]),
  );
  const patches = includeIllegal ? fc.oneof({ weight: 2, arbitrary: validPatches }, { weight: 1, arbitrary: fc.constantFrom(...malformedPatches).map((list) => [...list]) }) : validPatches;
  const shift = fc.integer({ min: -30, max: 30 }).map((k) => k / 100);
  const events: { weight: number; arbitrary: fc.Arbitrary<TalksEvent> }[] = [
    { weight: 24, arbitrary: party.map((p): TalksEvent => ({ type: 'PRESENT', party: p, date })) },
    {
      weight: 8,
      arbitrary: fc.tuple(fc.nat({ max: 999 }), patches).map(([k, list]): TalksEvent => ({ type: 'REVISE', revision: { id: `r${k}`, author: 'Test', rationale: 'A generated revision.', patches: list }, date })),
    },
    { weight: mediateWeight, arbitrary: fc.constant<TalksEvent>({ type: 'MEDIATE', date }) },
    { weight: 4, arbitrary: fc.tuple(text(false), fc.constantFrom(...partyIds)).map(([plan, by]): TalksEvent => ({ type: 'COUNTER_PROPOSAL', plan, by, date })) },
    {
      weight: 5,
      arbitrary: fc
        .array(fc.record({ party, reservationShift: shift, leverageShift: shift }), { minLength: 1, maxLength: 2 })
        .map((effects): TalksEvent => ({ type: 'BATTLEFIELD', summary: 'Fighting moves the line.', effects, date })),
    },
    { weight: 3, arbitrary: fc.tuple(party, fc.constantFrom(...partyStrategyNames)).map(([p, strategy]): TalksEvent => ({ type: 'NEGOTIATOR_CHANGE', party: p, strategy, summary: 'A new negotiator.', date })) },
    { weight: 2, arbitrary: fc.boolean().map((hard): TalksEvent => ({ type: 'DEADLINE', hard, summary: 'A deadline passes.', date })) },
    { weight: 1, arbitrary: party.map((p): TalksEvent => ({ type: 'WALK_OUT', party: p, reason: 'Enough.', date })) },
    { weight: 1, arbitrary: fc.constant<TalksEvent>({ type: 'END', reason: 'The day ends.', date }) },
  ];
  if (texts.length > 0) events.push({ weight: 2, arbitrary: text(false).map((t): TalksEvent => ({ type: 'START', text: t, date })) });
  return fc.oneof(...events.filter((event) => event.weight > 0));
}
