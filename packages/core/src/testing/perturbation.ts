import fc from 'fast-check';
import type { Scenario } from '../scenario/scenario.js';
import { ownValue, setOwnValue } from '../model/own-key.js';
import type { PartySpec, PlanSpec } from '../model/specs.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { check, plainCopy, show } from './internal.js';

/** Options of {@link perturbedScenarioArbitrary}: how far each kind of number may move, and what may be dropped. */
export interface PerturbationConstraints {
  /** Largest relative change of each positive weight, e.g. 0.2 for ±20% (default 0.2). A weight never drops to 0 or below. */
  readonly weights?: number;
  /** Largest absolute change of each option value, e.g. 0.1 (default 0.1); results are clamped to [0, 1]. */
  readonly values?: number;
  /** Largest absolute change of each reservation value (default 0.05); results are clamped to [0, 1]. */
  readonly reservation?: number;
  /** The chance that each red line is kept, 0..1 (default 1: every red line is kept). */
  readonly redLineHoldProbability?: number;
  /** The chance that each point of each plan is kept, 0..1 (default 1); a plan always keeps at least one point. */
  readonly pointKeepProbability?: number;
}

/** A perturbed scenario and what was changed, one sentence per change. */
export interface PerturbedScenario {
  readonly spec: ScenarioSpec;
  /** What was perturbed, in words (`p1: weight of i0 3 → 3.42`); empty exactly when nothing changed. */
  readonly changes: string[];
}

const STEPS = 1000;

/**
 * Scenarios near `scenario`: its parties' weights, option values and reservation values
 * moved within the given bounds, some red lines dropped, some plan points dropped. The
 * result is a spec (revisions written out as plans) that passes `createScenario`, also when
 * shrinking, which heads toward "no perturbation". Use it to ask how robust a conclusion
 * is: does the agreement space stay empty when every number moves a little?
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { createScenario } from '@parley/core';
 * import { perturbedScenarioArbitrary, scenarioArbitrary } from '@parley/core/testing';
 *
 * const [spec] = fc.sample(scenarioArbitrary(), { numRuns: 1, seed: 7 });
 * const scenario = createScenario(spec!);
 * fc.assert(fc.property(perturbedScenarioArbitrary(scenario, { weights: 0.2, values: 0.1 }), ({ spec: perturbed, changes }) => {
 *   createScenario(perturbed); // never throws
 *   return changes.every((change) => typeof change === 'string');
 * }), { numRuns: 20 });
 * ```
 */
export function perturbedScenarioArbitrary(scenario: Scenario, constraints: PerturbationConstraints = {}): fc.Arbitrary<PerturbedScenario> {
  const { weights = 0.2, values = 0.1, reservation = 0.05, redLineHoldProbability = 1, pointKeepProbability = 1 } = constraints;
  for (const [name, bound] of Object.entries({ weights, values, reservation })) check(Number.isFinite(bound) && bound >= 0, 'perturbedScenarioArbitrary', `${name} must be a finite number ≥ 0 (got ${bound})`);
  for (const [name, p] of Object.entries({ redLineHoldProbability, pointKeepProbability })) check(p >= 0 && p <= 1, 'perturbedScenarioArbitrary', `${name} must lie in [0, 1] (got ${p})`);
  const base = specOf(scenario);
  // Every change is drawn as an integer that shrinks toward 0, and 0 means "unchanged":
  // a step in -STEPS..STEPS scales the bound, and a roll below the drop threshold drops.
  // A bound of 0 (or a probability of 1) draws nothing, and each draw shrinks to 0 in one
  // step (fc.option with 0 as its nil) before trying smaller moves.
  const step = (bound: number) => (bound === 0 ? fc.constant(0) : fc.option(fc.integer({ min: -STEPS, max: STEPS }), { nil: 0 }));
  const roll = (threshold: number) => (threshold === 0 ? fc.constant(0) : fc.option(fc.integer({ min: 0, max: STEPS - 1 }), { nil: 0 }));
  const redLineDrop = STEPS - Math.round(redLineHoldProbability * STEPS);
  const pointDrop = STEPS - Math.round(pointKeepProbability * STEPS);
  const partyDraws = fc.tuple(
    ...base.parties.map((party) =>
      fc.record({
        weights: fc.tuple(...base.domain.issues.map(() => step(weights))),
        values: fc.tuple(...base.domain.issues.map((issue) => fc.tuple(...issue.options.map(() => step(values))))),
        reservation: step(reservation),
        redLines: fc.tuple(...party.redLines.map(() => roll(redLineDrop))),
      }),
    ),
  );
  const planDraws = fc.tuple(...base.plans.map((plan) => fc.tuple(...plan.points.map(() => roll(pointDrop)))));
  // Rolls shrink toward 0; dropping happens at the top of the range so that 0 keeps.
  const dropped = (r: number, threshold: number) => r >= STEPS - threshold;
  return fc.tuple(partyDraws, planDraws).map(([parties, plans]) => {
    const changes: string[] = [];
    const newParties = base.parties.map((party, p) => perturbParty(base, party, parties[p]!, { weights, values, reservation }, (r) => dropped(r, redLineDrop), changes));
    const newPlans = base.plans.map((plan, k) => {
      const rolls = plans[k]!;
      let kept = plan.points.filter((_, index) => !dropped(rolls[index]!, pointDrop));
      if (kept.length === 0) kept = [plan.points[0]!];
      for (const point of plan.points) if (!kept.includes(point)) changes.push(`${plan.id}: point ${point.number} dropped ("${point.summary}")`);
      return kept.length === plan.points.length ? plan : { ...plan, points: kept };
    });
    return { spec: { ...base, parties: newParties, plans: fixBasedOn(newPlans) }, changes };
  });
}

interface PartyDraw {
  readonly weights: readonly number[];
  readonly values: readonly (readonly number[])[];
  readonly reservation: number;
  readonly redLines: readonly number[];
}

function perturbParty(
  base: ScenarioSpec,
  party: PartySpec,
  draw: PartyDraw,
  bounds: { weights: number; values: number; reservation: number },
  drop: (roll: number) => boolean,
  changes: string[],
): PartySpec {
  const who = party.id;
  const weights: Record<string, number> = { ...party.preferences.weights };
  const values: Record<string, Record<string, number>> = Object.fromEntries(Object.entries(party.preferences.values).map(([issue, table]) => [issue, { ...table }]));
  base.domain.issues.forEach((issue, i) => {
    const weight = ownValue(weights, issue.id);
    if (weight !== undefined && weight > 0) {
      // Relative change, never down to 0: the party keeps weighing what it weighed.
      const factor = Math.max(1 + (draw.weights[i]! / STEPS) * bounds.weights, 0.01);
      const next = weight * factor;
      if (next !== weight) {
        setOwnValue(weights, issue.id, next);
        changes.push(`${who}: weight of ${issue.id} ${show(weight)} → ${show(next)}`);
      }
    }
    const table = ownValue(values, issue.id);
    if (table === undefined) return;
    issue.options.forEach((option, o) => {
      const value = ownValue(table, option.id);
      if (value === undefined) return;
      const next = Math.min(1, Math.max(0, value + (draw.values[i]![o]! / STEPS) * bounds.values));
      if (next !== value) {
        setOwnValue(table, option.id, next);
        changes.push(`${who}: value of ${issue.id} = ${option.id} ${show(value)} → ${show(next)}`);
      }
    });
  });
  // Clamped, as option values are: a reservation value outside [0, 1] would not pass createScenario.
  const reservationValue = Math.min(1, Math.max(0, party.reservationValue + (draw.reservation / STEPS) * bounds.reservation));
  if (reservationValue !== party.reservationValue) changes.push(`${who}: reservation value ${show(party.reservationValue)} → ${show(reservationValue)}`);
  const redLines = party.redLines.filter((redLine, index) => {
    const gone = drop(draw.redLines[index]!);
    if (gone) changes.push(`${who}: red line ${redLine.id} dropped ("${redLine.text}")`);
    return !gone;
  });
  return { ...party, reservationValue, redLines, preferences: { ...party.preferences, weights, values } };
}

/** The scenario as a spec: revisions written out as plans, so that points can be dropped from any of them. */
function specOf(scenario: Scenario): ScenarioSpec {
  const sources = Object.keys(scenario.sources).length > 0 ? { sources: plainCopy(scenario.sources) } : {};
  return {
    id: scenario.id,
    title: scenario.title,
    ...(scenario.description === undefined ? {} : { description: scenario.description }),
    ...(scenario.asOf === undefined ? {} : { asOf: scenario.asOf }),
    ...sources,
    domain: scenario.domain.toJSON(),
    parties: plainCopy<readonly PartySpec[]>(scenario.parties),
    plans: plainCopy<readonly PlanSpec[]>(scenario.plans),
  };
}

/** Drops `basedOn` from points whose base point was dropped, so that the plans stay valid. */
function fixBasedOn(plans: readonly PlanSpec[]): PlanSpec[] {
  const numbers = new Map(plans.map((plan) => [plan.id, new Set(plan.points.map((point) => point.number))]));
  return plans.map((plan) => {
    if (plan.basedOn === undefined) return plan;
    const base = numbers.get(plan.basedOn);
    if (plan.points.every((point) => point.basedOn === undefined || base?.has(point.basedOn))) return plan;
    return {
      ...plan,
      points: plan.points.map((point) => {
        if (point.basedOn === undefined || base?.has(point.basedOn)) return point;
        const { basedOn: _dropped, ...rest } = point;
        return rest;
      }),
    };
  });
}
