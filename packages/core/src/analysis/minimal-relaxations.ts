import type { Party } from '../model/party.js';
import { type AnalysisOptions, activeConstraints } from './analysis-options.js';
import { hasAgreement } from './agreement-space.js';
import { countWithinFloors } from './branch-and-bound.js';
import { compileModel, type ConstraintInfo, type ConstraintRef } from './compiled-model.js';
import { decompose } from './decomposition.js';
import { nashPoint, type BargainingResult } from './bargaining-solutions.js';
import { StepCounter } from './search-budget.js';

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
    readonly agreements: number;
    readonly exact: boolean;
    /** The Nash point of the opened space (the deal it makes possible), if any. */
    readonly nash: BargainingResult;
  };
}

/**
 * The smallest sets of constraints whose relaxation makes the agreement space non-empty
 * (minimal correction sets), smallest first: no listed set contains another. Within a
 * size, the ones that open the better deal for the worst-off (a higher Nash product) come
 * first. Checks every combination up to `maxSize` constraints.
 *
 * @example
 * ```ts
 * for (const way of minimalRelaxations(scenario.parties)) {
 *   console.log(way.relax.map((c) => `${c.partyName}: ${c.text}`), way.opens.agreements);
 * }
 * ```
 */
export function minimalRelaxations(parties: readonly Party[], options: RelaxationOptions = {}): Relaxation[] {
  const model = compileModel(parties);
  const base = activeConstraints(model, options);
  const reservations = new Set(model.reservationConstraint);
  const candidates = model.constraints
    .map((_, index) => index)
    .filter((index) => base[index] === 1 && (options.includeReservations === true || !reservations.has(index)));
  const maxSize = Math.min(options.maxSize ?? 3, candidates.length);
  const found: number[][] = [];
  if (hasAgreement(model, base, options)) return [];
  for (let size = 1; size <= maxSize; size++) {
    for (const subset of combinations(candidates, size)) {
      if (found.some((smaller) => smaller.every((index) => subset.includes(index)))) continue;
      const active = Uint8Array.from(base);
      for (const index of subset) active[index] = 0;
      if (hasAgreement(model, active, options)) found.push(subset);
    }
  }
  const relaxations = found.map((subset) => {
    const relax = subset.map((index) => model.constraints[index]!);
    const active = Uint8Array.from(base);
    for (const index of subset) active[index] = 0;
    const floor = Float64Array.from(parties, (_, p) => (active[model.reservationConstraint[p]!] === 1 ? model.reservationValues[p]! : -Infinity));
    const counted = countWithinFloors(decompose(model, active), floor, new StepCounter({ budget: options.budget ?? 2_000_000, ...(options.signal === undefined ? {} : { signal: options.signal }) }));
    const refs: ConstraintRef[] = [...(options.relax ?? []), ...relax.map((constraint) => constraint.ref)];
    const nash = nashPoint(parties, { ...options, relax: refs });
    return { relax, opens: { agreements: counted.count, exact: counted.complete, nash } };
  });
  const nashValue = (relaxation: Relaxation) => (relaxation.opens.nash?.found === true ? relaxation.opens.nash.value : 0);
  relaxations.sort((a, b) => a.relax.length - b.relax.length || nashValue(b) - nashValue(a));
  return relaxations.slice(0, options.limit ?? 20);
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
