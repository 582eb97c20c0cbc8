import type { Party } from '../model/party.js';
import { type AnalysisOptions, type Exactness, activeConstraints, exactness } from './analysis-options.js';
import { hasAgreement } from './agreement-space.js';
import { countAgreements } from './agreement-count.js';
import { compileModel, type ConstraintInfo, type ConstraintRef } from './compiled-model.js';
import { decompose } from './decomposition.js';
import { nashPointWith, type BargainingResult } from './bargaining-solutions.js';
import { deadlineOf, StepCounter } from './search-budget.js';

/** Options of {@link minimalRelaxations}. */
export interface RelaxationOptions extends AnalysisOptions {
  /** The largest number of constraints to relax together. Default 3. */
  readonly maxSize?: number;
  /** Whether reservation values may be relaxed too, not only red lines. Default false. */
  readonly includeReservations?: boolean;
  /** The most relaxations to return. Default 20. */
  readonly limit?: number;
}

/** One way to open a zone of agreement, and what it opens. */
export interface Relaxation {
  /** The constraints to set aside (their party and sentence included). */
  readonly relax: readonly ConstraintInfo[];
  /** What it opens: how many outcomes every party would then accept, and whether the count is exact. */
  readonly opens: {
    /** Exact up to 2^53 − 1, the nearest double beyond; a lower bound when not `exact`. */
    readonly agreements: number;
    /** The same, exact at any size. */
    readonly exactAgreements: bigint;
    readonly exact: boolean;
    /** The Nash point of the opened space (the deal it makes possible), if any. */
    readonly nash: BargainingResult;
  };
}

/**
 * What {@link findRelaxations} found, and whether the search for them finished. When it did
 * not (`exact: false`), every set listed is still a minimal relaxation (sizes are checked
 * smallest first), but others, of the size it was checking or larger, may be missing.
 */
export interface RelaxationSearch extends Exactness {
  readonly relaxations: readonly Relaxation[];
}

/**
 * The smallest sets of constraints whose relaxation makes the agreement space non-empty
 * (minimal correction sets), smallest first: no listed set contains another. Within a
 * size, the ones that open the better deal for the worst-off (a higher Nash product) come
 * first. Checks every combination up to `maxSize` constraints.
 *
 * The list alone: when a work budget may cut the search short, {@link findRelaxations} says
 * whether it is complete.
 *
 * @example
 * ```ts
 * for (const way of minimalRelaxations(scenario.parties)) {
 *   console.log(way.relax.map((c) => `${c.partyName}: ${c.text}`), way.opens.agreements);
 * }
 * ```
 */
export function minimalRelaxations(parties: readonly Party[], options: RelaxationOptions = {}): Relaxation[] {
  return [...findRelaxations(parties, options).relaxations];
}

/**
 * {@link minimalRelaxations} with what the search guarantees. One work budget (default
 * `DEFAULT_BUDGET`) covers the whole call: first the checks of the combinations, smallest
 * first; then, with what they left, the Nash point of each relaxation found and the count of
 * what it opens, each given an equal share of what is still left (so that every relaxation
 * found gets an answer, however large the first one's space). A count or Nash point cut short
 * says so in `opens`; it does not make the list less complete.
 *
 * @example
 * ```ts
 * const search = findRelaxations(parties, { maxSize: 2, budget: 500_000 });
 * if (!search.exact) console.log(search.guarantee); // the sets listed are minimal; others may be missing
 * search.relaxations.length;
 * ```
 */
export function findRelaxations(parties: readonly Party[], options: RelaxationOptions = {}): RelaxationSearch {
  return findRelaxationsBefore(parties, options, deadlineOf(options));
}

/** @internal {@link findRelaxations} with the deadline of an enclosing call. */
export function findRelaxationsBefore(parties: readonly Party[], options: RelaxationOptions, deadline: number): RelaxationSearch {
  const model = compileModel(parties);
  const base = activeConstraints(model, options);
  const reservations = new Set(model.reservationConstraint);
  const candidates = model.constraints
    .map((_, index) => index)
    .filter((index) => base[index] === 1 && (options.includeReservations === true || !reservations.has(index)));
  const maxSize = Math.min(options.maxSize ?? 3, candidates.length);
  const steps = new StepCounter(options, deadline);
  const found: number[][] = [];
  const already = hasAgreement(model, base, steps);
  if (already === true) return { relaxations: [], exact: true, stoppedBy: null, guarantee: 'exact: an agreement exists, so nothing needs relaxing', work: steps.steps };
  if (already === null) {
    const guarantee = `none: the search stopped (${steps.stopped}) before it could tell whether any agreement exists without relaxing anything`;
    return { relaxations: [], exact: false, stoppedBy: steps.stopped, guarantee, work: steps.steps };
  }
  // The size being checked when the budget ran out: every smaller size was checked in full.
  let cutAt: number | null = null;
  search: for (let size = 1; size <= maxSize; size++) {
    for (const subset of combinations(candidates, size)) {
      if (found.some((smaller) => smaller.every((index) => subset.includes(index)))) continue;
      const active = Uint8Array.from(base);
      for (const index of subset) active[index] = 0;
      const opens = hasAgreement(model, active, steps);
      if (opens === null) {
        cutAt = size;
        break search;
      }
      if (opens) found.push(subset);
    }
  }
  const checks = exactness(
    steps,
    `exact: every combination of up to ${maxSize} constraints was checked`,
    `the relaxations found before the search stopped (${steps.stopped}) while checking sets of ${cutAt ?? 1}: each set listed is a minimal relaxation, but sets of ${cutAt ?? 1} or more constraints were not all checked`,
  );
  // What the checks left is shared: first by the Nash points (the deal each relaxation opens,
  // and their ranking), each allowed half an equal share, then by the counts, each an equal
  // share of what remains. Unused shares pass on to the next, so a quick one costs nothing.
  const share = (parts: number) => steps.slice(Math.max(1, Math.floor(steps.left / Math.max(1, parts))));
  const actives = found.map((subset) => {
    const active = Uint8Array.from(base);
    for (const index of subset) active[index] = 0;
    return active;
  });
  const nashes = found.map((subset, k) => {
    const refs: ConstraintRef[] = [...(options.relax ?? []), ...subset.map((index) => model.constraints[index]!.ref)];
    const nashSteps = share(2 * (found.length - k));
    const nash = nashPointWith(parties, { ...options, relax: refs }, nashSteps);
    steps.absorb(nashSteps);
    return nash;
  });
  const relaxations = found.map((subset, k): Relaxation => {
    const active = actives[k]!;
    const floor = Float64Array.from(parties, (_, p) => (active[model.reservationConstraint[p]!] === 1 ? model.reservationValues[p]! : -Infinity));
    const countSteps = share(found.length - k);
    const counted = countAgreements(decompose(model, active), floor, countSteps);
    steps.absorb(countSteps);
    const relax = subset.map((index) => model.constraints[index]!);
    return { relax, opens: { agreements: counted.count, exactAgreements: counted.exactCount, exact: counted.complete, nash: nashes[k]! } };
  });
  const nashValue = (relaxation: Relaxation) => (relaxation.opens.nash?.found === true ? relaxation.opens.nash.value : 0);
  relaxations.sort((a, b) => a.relax.length - b.relax.length || nashValue(b) - nashValue(a));
  return { relaxations: relaxations.slice(0, options.limit ?? 20), ...checks, work: steps.steps };
}

function* combinations(items: readonly number[], size: number, start = 0, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === size) {
    yield [...prefix];
    return;
  }
  for (let i = start; i <= items.length - (size - prefix.length); i++) {
    prefix.push(items[i]!);
    yield* combinations(items, size, i + 1, prefix);
    prefix.pop();
  }
}
