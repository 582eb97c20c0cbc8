import fc from 'fast-check';
import { agreementSpace } from '../analysis/agreement-space.js';
import { createScenario } from '../scenario/scenario.js';
import type { DomainSpec, PartySpec } from '../model/specs.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { domainArbitrary, type DomainConstraints } from './domain.js';
import { check, utilityBound } from './internal.js';
import { outcomeArbitrary } from './outcome.js';
import { partyArbitrary, type PartyConstraints } from './party.js';
import { planArbitrary, type PlanConstraints } from './plan.js';
import { ruleArbitrary } from './rule.js';

/** Options of {@link scenarioArbitrary}. */
export interface ScenarioConstraints {
  /** The scenario's id (default `generated`). */
  readonly id?: string;
  /** How the domain is drawn (default: 1–4 issues of 2–4 options). */
  readonly domain?: DomainConstraints;
  /** Fewest parties (default 2, at least 1); they are `p0`, `p1`, …. */
  readonly minParties?: number;
  /** Most parties (default 3). */
  readonly maxParties?: number;
  /** Fewest plans (default 1); they are `plan-0`, `plan-1`, …. */
  readonly minPlans?: number;
  /** Most plans (default 2). */
  readonly maxPlans?: number;
  /** How demanding every party's red lines are (see {@link PartyConstraints.strictness}; default `lenient`). */
  readonly strictness?: PartyConstraints['strictness'];
  /** Range of the reservation values (default `[0, 0.6]`). */
  readonly reservation?: readonly [number, number];
  /** Tie-friendly numbers (see {@link PartyConstraints.valueGrid}). */
  readonly valueGrid?: boolean;
  /** Most red lines per party (default 3). */
  readonly maxRedLines?: number;
  /** How each plan is drawn (its id is always `plan-<k>`). */
  readonly plan?: Omit<PlanConstraints, 'id'>;
  /**
   * Whether an outcome every party accepts must exist (`must-exist`), must not
   * (`must-not-exist`), or either (`any`, the default). Checked with `agreementSpace`.
   */
  readonly agreement?: 'any' | 'must-exist' | 'must-not-exist';
}

/**
 * Whole scenarios: a domain, parties `p0`, `p1`, … and plans `plan-0`, … over it. Every
 * value passes `createScenario`, shrunk values included (validity holds by construction).
 *
 * `agreement` is honoured by construction, with `agreementSpace` as the final filter:
 * for `must-exist` a hidden compromise outcome is drawn first and every party's red lines
 * are built to hold there, with its reservation value at most its utility there; for
 * `must-not-exist` two parties (or one, twice) get red lines R and not-R, or one party a
 * reservation value above the best it can reach (when that is at most 1, the top of the
 * range a reservation value has; red lines otherwise). With `any`, half the scenarios are built
 * around a compromise and half freely.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { agreementSpace, createScenario } from '@parley/core';
 * import { scenarioArbitrary } from '@parley/core/testing';
 *
 * fc.assert(
 *   fc.property(scenarioArbitrary({ agreement: 'must-exist', strictness: 'strict' }), (spec) => !agreementSpace(createScenario(spec).parties).empty),
 *   { numRuns: 20 },
 * );
 * ```
 */
export function scenarioArbitrary(constraints: ScenarioConstraints = {}): fc.Arbitrary<ScenarioSpec> {
  const { id = 'generated', minParties = 2, maxParties = Math.max(3, minParties), minPlans = 1, maxPlans = Math.max(2, minPlans), agreement = 'any' } = constraints;
  check(Number.isInteger(minParties) && minParties >= 1 && maxParties >= minParties, 'scenarioArbitrary', `need 1 ≤ minParties ≤ maxParties (got ${minParties}, ${maxParties})`);
  check(Number.isInteger(minPlans) && minPlans >= 0 && maxPlans >= minPlans, 'scenarioArbitrary', `need 0 ≤ minPlans ≤ maxPlans (got ${minPlans}, ${maxPlans})`);
  const domains = domainArbitrary({ maxIssues: 4, ...constraints.domain });
  const specs = domains.chain((domain) => {
    const plans = fc.integer({ min: minPlans, max: maxPlans }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, k) => planArbitrary(domain, { ...constraints.plan, id: `plan-${k}` }))));
    const partyCount = fc.integer({ min: minParties, max: maxParties });
    const parties: fc.Arbitrary<PartySpec[]> =
      agreement === 'must-exist'
        ? partyCount.chain((count) => agreeingParties(domain, count, constraints))
        : agreement === 'must-not-exist'
          ? partyCount.chain((count) => clashingParties(domain, count, constraints))
          : partyCount.chain((count) => fc.oneof(freeParties(domain, count, constraints), agreeingParties(domain, count, constraints)));
    return fc.record({ parties, plans }).map(({ parties: list, plans: planList }): ScenarioSpec => ({ id, title: `Scenario ${id}`, domain, parties: list, plans: [...planList] }));
  });
  if (agreement === 'any') return specs;
  // A safety net: the construction already guarantees it.
  return specs.filter((spec) => agreementSpace(createScenario(spec).parties).empty === (agreement === 'must-not-exist'));
}

function partyConstraints(constraints: ScenarioConstraints, id: string): PartyConstraints {
  return {
    id,
    ...(constraints.strictness === undefined ? {} : { strictness: constraints.strictness }),
    ...(constraints.reservation === undefined ? {} : { reservation: constraints.reservation }),
    ...(constraints.valueGrid === undefined ? {} : { valueGrid: constraints.valueGrid }),
    ...(constraints.maxRedLines === undefined ? {} : { maxRedLines: constraints.maxRedLines }),
  };
}

function freeParties(domain: DomainSpec, count: number, constraints: ScenarioConstraints): fc.Arbitrary<PartySpec[]> {
  return fc.tuple(...Array.from({ length: count }, (_, k) => partyArbitrary(domain, partyConstraints(constraints, `p${k}`))));
}

/** Parties that all accept a hidden compromise outcome. */
function agreeingParties(domain: DomainSpec, count: number, constraints: ScenarioConstraints): fc.Arbitrary<PartySpec[]> {
  return outcomeArbitrary(domain).chain((compromise) =>
    fc.tuple(...Array.from({ length: count }, (_, k) => partyArbitrary(domain, { ...partyConstraints(constraints, `p${k}`), accepts: compromise }))),
  );
}

/** Parties with a conflict planted among them: red lines R and not-R, or a reservation value out of reach. */
function clashingParties(domain: DomainSpec, count: number, constraints: ScenarioConstraints): fc.Arbitrary<PartySpec[]> {
  return fc
    .record({
      parties: freeParties(domain, count, constraints),
      kind: fc.constantFrom('red-lines' as const, 'reservation' as const),
      rule: ruleArbitrary(domain, { maxDepth: 1 }),
      first: fc.nat({ max: count - 1 }),
      second: fc.nat({ max: count - 1 }),
    })
    .map(({ parties, kind, rule, first, second }) => {
      const list = [...parties];
      const withRedLine = (party: PartySpec, text: string, r: typeof rule): PartySpec => ({
        ...party,
        redLines: [...party.redLines, { id: `r${party.redLines.length}`, text, sources: ['S1'], rule: r }],
      });
      const party = list[first]!;
      const outOfReach = Number((utilityBound(party, domain) + 0.05).toFixed(6));
      // A reservation value is at most 1: a party that can reach 0.95 or more gets the
      // conflict as red lines instead.
      if (kind === 'reservation' && outOfReach <= 1) {
        list[first] = { ...party, reservationValue: outOfReach };
        return list;
      }
      list[first] = withRedLine(list[first]!, 'A line the other side cannot accept.', rule);
      list[second] = withRedLine(list[second]!, 'The opposite line.', { kind: 'not', rule });
      return list;
    });
}
