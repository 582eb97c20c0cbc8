import type { Outcome } from '../model/outcome.js';
import type { Party } from '../model/party.js';
import { type AnalysisOptions, type Exactness, exactness, prepare } from './analysis-options.js';
import { countWithinFloors, outcomesWithinFloors } from './branch-and-bound.js';
import type { CompiledModel, ConstraintInfo } from './compiled-model.js';
import { decompose, masksLeaveOptions } from './decomposition.js';
import { StepCounter } from './search-budget.js';

/** The outcomes every party accepts. */
export interface AgreementSpace extends Exactness {
  /** How many outcomes the domain has in all. */
  readonly outcomes: number;
  /** How many every party accepts (a lower bound when not exact). */
  readonly agreements: number;
  readonly empty: boolean;
  /**
   * When empty: a minimal set of constraints (red lines, and reservation values where they
   * matter) that cannot hold together. Dropping any one of them lets the rest hold.
   */
  readonly conflict: readonly ConstraintInfo[] | null;
  /**
   * When empty: a chain of minimal conflicts, the first being `conflict`. Each next one is
   * what still conflicts once the first constraint of the one before is set aside, so
   * together they show every separate reason no agreement exists (at most 8).
   */
  readonly conflicts: readonly (readonly ConstraintInfo[])[];
  /** Every agreement, one at a time (lazily, in a fixed order). */
  iterate(): Generator<Outcome>;
}

/**
 * The agreement space: the outcomes every party accepts, counted exactly by a search in
 * which red lines cut whole sub-trees and reservation values cut branches that cannot reach
 * them (and count whole sub-trees that cannot miss them). When it is empty, a minimal
 * conflicting set of red lines is the proof.
 *
 * @example
 * ```ts
 * const space = agreementSpace(scenario.parties);
 * if (space.empty) for (const line of space.conflict ?? []) console.log(`${line.partyName}: ${line.text}`);
 * ```
 */
export function agreementSpace(parties: readonly Party[], options: AnalysisOptions = {}): AgreementSpace {
  const prepared = prepare(parties, options);
  const steps = new StepCounter(options);
  const counted = countWithinFloors(prepared.decomposition, prepared.floor, steps);
  const conflicts = counted.complete && counted.count === 0 ? conflictChain(prepared.model, prepared.active, options) : [];
  return {
    outcomes: prepared.model.domain.outcomeCount,
    agreements: counted.count,
    empty: counted.complete && counted.count === 0,
    conflict: conflicts[0] ?? null,
    conflicts,
    ...exactness(
      steps.stopped,
      'exact: every outcome was accounted for',
      `a lower bound: the search stopped (${steps.stopped}) after ${steps.steps} steps; at least this many outcomes are agreements`,
    ),
    *iterate() {
      yield* outcomesWithinFloors(decompose(prepared.model, prepared.active, { merge: false }), prepared.floor);
    },
  };
}

/** Whether some outcome meets every active constraint. */
export function hasAgreement(model: CompiledModel, active: Uint8Array, options: AnalysisOptions = {}): boolean {
  if (!masksLeaveOptions(model, active)) return false;
  const decomposition = decompose(model, active);
  if (!decomposition.feasible) return false;
  const floor = Float64Array.from(model.parties, (_, p) => (active[model.reservationConstraint[p]!] === 1 ? model.reservationValues[p]! : -Infinity));
  return !outcomesWithinFloors(decomposition, floor).next().done;
}

function conflictChain(model: CompiledModel, active: Uint8Array, options: AnalysisOptions): ConstraintInfo[][] {
  const chain: ConstraintInfo[][] = [];
  const remaining = Uint8Array.from(active);
  while (chain.length < 8 && !hasAgreement(model, remaining, options)) {
    const conflict = minimalConflict(model, remaining, options);
    chain.push(conflict);
    const first = conflict[0];
    if (first === undefined) break;
    remaining[model.constraints.indexOf(first)] = 0;
  }
  return chain;
}

/**
 * A minimal unsatisfiable subset of the active constraints, by deletion: try dropping each
 * constraint; keep it dropped if the rest still cannot hold. Reservation values are tried
 * first, so that the proof names red lines wherever red lines alone conflict.
 */
export function minimalConflict(model: CompiledModel, active: Uint8Array, options: AnalysisOptions = {}): ConstraintInfo[] {
  const kept = Uint8Array.from(active);
  const order = model.constraints.map((_, index) => index).filter((index) => kept[index] === 1);
  const reservations = new Set(model.reservationConstraint);
  // Later constraints are tried first, so the proof keeps the earliest-listed parties'
  // red lines where several conflicts exist (scenario order is the author's emphasis).
  order.sort((a, b) => Number(reservations.has(b)) - Number(reservations.has(a)) || b - a);
  for (const index of order) {
    kept[index] = 0;
    if (hasAgreement(model, kept, options)) kept[index] = 1;
  }
  return model.constraints.filter((_, index) => kept[index] === 1);
}
