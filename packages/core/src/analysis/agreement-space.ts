import type { Outcome } from '../model/outcome.js';
import type { Party } from '../model/party.js';
import { type AnalysisOptions, type Exactness, exactness, prepare } from './analysis-options.js';
import { countAgreements } from './agreement-count.js';
import { outcomesWithinFloors } from './branch-and-bound.js';
import type { CompiledModel, ConstraintInfo } from './compiled-model.js';
import { exactProduct } from './count.js';
import { decompose, masksLeaveOptions } from './decomposition.js';
import { deadlineOf, StepCounter } from './search-budget.js';

/** The outcomes every party accepts. */
export interface AgreementSpace extends Exactness {
  /** How many outcomes the domain has in all: exact up to 2^53 − 1, the nearest double beyond. */
  readonly outcomes: number;
  /** The same, exact at any size (10^60 for 60 issues of 10 options). */
  readonly exactOutcomes: bigint;
  /** How many every party accepts (a lower bound when not exact): exact up to 2^53 − 1, the nearest double beyond. */
  readonly agreements: number;
  /** The same, exact at any size (still a lower bound when not exact). */
  readonly exactAgreements: bigint;
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
 * Under a work budget (default `DEFAULT_BUDGET`) the count may be cut short: then
 * `exact` is false and `agreements` is what was counted so far, a lower bound.
 *
 * @example
 * ```ts
 * const space = agreementSpace(scenario.parties);
 * if (space.empty) for (const line of space.conflict ?? []) console.log(`${line.partyName}: ${line.text}`);
 * if (!space.exact) console.log(`at least ${formatCount(space.exactAgreements)} agreements (${space.guarantee})`);
 * ```
 */
export function agreementSpace(parties: readonly Party[], options: AnalysisOptions = {}): AgreementSpace {
  return agreementSpaceBefore(parties, options, deadlineOf(options));
}

/** @internal {@link agreementSpace} with the deadline of an enclosing call. */
export function agreementSpaceBefore(parties: readonly Party[], options: AnalysisOptions, deadline: number): AgreementSpace {
  const prepared = prepare(parties, options);
  const steps = new StepCounter(options, deadline);
  const counted = countAgreements(prepared.decomposition, prepared.floor, steps);
  const empty = counted.complete && counted.count === 0;
  // The proof of an empty space has a budget of its own: the count is exact either way, and a
  // proof cut short still names constraints that cannot hold together, only perhaps not a minimal set.
  const proof = new StepCounter(options, deadline);
  const conflicts = empty ? conflictChain(prepared.model, prepared.active, proof) : [];
  const proofNote = proof.stopped === null ? '' : `; the search for the conflicting red lines stopped (${proof.stopped}), so the sets listed cannot hold together but may not be minimal`;
  const block = exactness(
    steps,
    `exact: every outcome was accounted for${proofNote}`,
    `a lower bound: the search stopped (${steps.stopped}) after ${steps.steps} steps; at least this many outcomes are agreements`,
  );
  return {
    outcomes: Number(exactOutcomesOf(prepared.model)),
    exactOutcomes: exactOutcomesOf(prepared.model),
    agreements: counted.count,
    exactAgreements: counted.exactCount,
    empty,
    conflict: conflicts[0] ?? null,
    conflicts,
    ...block,
    work: steps.steps + proof.steps,
    *iterate() {
      yield* outcomesWithinFloors(decompose(prepared.model, prepared.active, { merge: false }), prepared.floor);
    },
  };
}

/** @internal The number of outcomes of the model's domain, exactly (a double's product of 60 tens is off by 10^44). */
export function exactOutcomesOf(model: CompiledModel): bigint {
  return exactProduct(model.optionCounts);
}

/**
 * Whether some outcome meets every active constraint: true or false when the search could
 * tell, null when `steps` ran out first.
 */
export function hasAgreement(model: CompiledModel, active: Uint8Array, steps: StepCounter): boolean | null {
  if (!masksLeaveOptions(model, active)) return false;
  const decomposition = decompose(model, active);
  if (!decomposition.feasible) return false;
  const floor = Float64Array.from(model.parties, (_, p) => (active[model.reservationConstraint[p]!] === 1 ? model.reservationValues[p]! : -Infinity));
  if (!outcomesWithinFloors(decomposition, floor, steps).next().done) return true;
  return steps.stopped === null ? false : null;
}

function conflictChain(model: CompiledModel, active: Uint8Array, steps: StepCounter): ConstraintInfo[][] {
  const chain: ConstraintInfo[][] = [];
  const remaining = Uint8Array.from(active);
  // Only a set proven to leave no agreement joins the chain; "unknown" (budget spent) ends it.
  while (chain.length < 8 && hasAgreement(model, remaining, steps) === false) {
    const conflict = minimalConflict(model, remaining, steps);
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
 * first, so that the proof names red lines wherever red lines alone conflict. When `steps`
 * runs out, every constraint not yet proven unnecessary is kept: the set still cannot hold
 * together, but it may not be minimal.
 */
export function minimalConflict(model: CompiledModel, active: Uint8Array, steps: StepCounter): ConstraintInfo[] {
  const kept = Uint8Array.from(active);
  const order = model.constraints.map((_, index) => index).filter((index) => kept[index] === 1);
  const reservations = new Set(model.reservationConstraint);
  // Later constraints are tried first, so the proof keeps the earliest-listed parties'
  // red lines where several conflicts exist (scenario order is the author's emphasis).
  order.sort((a, b) => Number(reservations.has(b)) - Number(reservations.has(a)) || b - a);
  for (const index of order) {
    kept[index] = 0;
    if (hasAgreement(model, kept, steps) !== false) kept[index] = 1;
  }
  return model.constraints.filter((_, index) => kept[index] === 1);
}
