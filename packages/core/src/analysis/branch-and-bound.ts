import type { Decomposition } from './decomposition.js';
import { applyChoice } from './decomposition.js';
import { EPSILON } from './pareto-merge.js';
import type { StepCounter } from './search-budget.js';

/**
 * Something to maximise over outcomes: `value` of a complete utility vector, and `bound`,
 * an upper bound on `value` over every completion of a partial vector `u` by groups `from`,
 * from the best each party can still gain. The objective must not decrease when any
 * utility grows (true of welfare, the Nash product and the smallest normalised gain).
 */
export interface Objective {
  value(u: Float64Array): number;
  bound(u: Float64Array, from: number): number;
}

/** A best outcome found by {@link maximize}. */
export interface Optimum {
  readonly utilities: Float64Array;
  readonly outcome: Uint8Array;
  readonly value: number;
}

/** What {@link maximize} found, and whether it is proven best. */
export interface MaximizeResult {
  /** The best outcome found, or null when no outcome meets the floors. */
  readonly best: Optimum | null;
  /** Other outcomes with a different utility vector and the same value (at most `maxTies`). */
  readonly ties: readonly Optimum[];
  /** True when the search finished: `best` is the maximum and `ties` are all found (up to the cap). */
  readonly complete: boolean;
  /** An upper bound on the true maximum (equals `best.value` when complete). */
  readonly upperBound: number;
}

/**
 * Exact maximisation by depth-first branch and bound over issue groups. A branch is cut
 * when it cannot reach some party's floor (reservation value) even with its best remaining
 * choices, or when its bound cannot beat the best value found. Children are tried best
 * bound first, so good outcomes come early and cut the rest.
 */
export function maximize(decomposition: Decomposition, floor: Float64Array, objective: Objective, steps: StepCounter, maxTies = 16): MaximizeResult {
  const { groups, model, maxFrom } = decomposition;
  const n = model.partyCount;
  if (!decomposition.feasible) return { best: null, ties: [], complete: true, upperBound: -Infinity };
  let best: Optimum | null = null;
  const ties: Optimum[] = [];
  let unexploredBound = -Infinity;
  const choicePath = new Int32Array(groups.length);
  const scratch = Array.from({ length: groups.length + 1 }, () => new Float64Array(n));
  const tolerance = (value: number) => EPSILON * Math.max(1, Math.abs(value));

  const outcomeOf = (): Uint8Array => {
    const outcome = new Uint8Array(model.issueCount);
    groups.forEach((group, g) => applyChoice(group, choicePath[g]!, outcome));
    return outcome;
  };

  // Per depth, reusable buffers for the children's bounds and their visiting order: the
  // search visits millions of nodes, and allocating per node would dominate.
  const widest = groups.reduce((most, group) => Math.max(most, group.choiceCount), 0);
  const boundsAt = groups.map(() => new Float64Array(widest));
  const orderAt = groups.map(() => new Int32Array(widest));

  const visit = (g: number): void => {
    const u = scratch[g]!;
    if (g === groups.length) {
      const value = objective.value(u);
      if (best === null || value > best.value + tolerance(best.value)) {
        best = { utilities: u.slice(), outcome: outcomeOf(), value };
        ties.length = 0;
      } else if (Math.abs(value - best.value) <= tolerance(best.value) && ties.length < maxTies && !sameVector(u, best.utilities) && !ties.some((tie) => sameVector(u, tie.utilities))) {
        ties.push({ utilities: u.slice(), outcome: outcomeOf(), value });
      }
      return;
    }
    const group = groups[g]!;
    const next = scratch[g + 1]!;
    const bounds = boundsAt[g]!;
    const order = orderAt[g]!;
    const rest = (g + 1) * n;
    const cutoff = () => {
      if (best === null) return -Infinity;
      const current: Optimum = best;
      return current.value - (ties.length < maxTies ? tolerance(current.value) : -tolerance(current.value));
    };
    let limit = cutoff();
    let count = 0;
    for (let c = 0; c < group.choiceCount; c++) {
      let reachable = true;
      for (let p = 0; p < n; p++) {
        next[p] = u[p]! + group.contributions[c * n + p]!;
        if (next[p]! + maxFrom[rest + p]! < floor[p]! - EPSILON) reachable = false;
      }
      if (!reachable) continue;
      const bound = objective.bound(next, g + 1);
      if (bound < limit) continue;
      bounds[c] = bound;
      order[count++] = c;
    }
    const visiting = order.subarray(0, count);
    visiting.sort((a, b) => bounds[b]! - bounds[a]! || a - b);
    for (let k = 0; k < count; k++) {
      const choice = visiting[k]!;
      const bound = bounds[choice]!;
      limit = cutoff();
      if (bound < limit) break;
      if (!steps.spend()) {
        unexploredBound = Math.max(unexploredBound, bound);
        return;
      }
      for (let p = 0; p < n; p++) next[p] = u[p]! + group.contributions[choice * n + p]!;
      choicePath[g] = choice;
      visit(g + 1);
      if (steps.stopped !== null) {
        for (let j = k + 1; j < count; j++) unexploredBound = Math.max(unexploredBound, bounds[visiting[j]!]!);
        return;
      }
    }
  };
  visit(0);
  const found = best as Optimum | null;
  const complete = steps.stopped === null;
  return {
    best: found,
    ties,
    complete,
    upperBound: complete ? (found?.value ?? -Infinity) : Math.max(found?.value ?? -Infinity, unexploredBound),
  };
}

/** Whether two utility vectors are the same within the tolerance (so a tie is never itself). */
function sameVector(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > EPSILON) return false;
  return true;
}

/** The result of counting: exact when `complete`, otherwise a lower bound. */
export interface CountResult {
  readonly count: number;
  readonly complete: boolean;
}

/**
 * Counts the outcomes that meet every floor, exactly. Whole sub-trees are counted at once
 * when even their worst completion meets every floor, and cut when even their best cannot.
 */
export function countWithinFloors(decomposition: Decomposition, floor: Float64Array, steps: StepCounter): CountResult {
  const { groups, model, maxFrom, minFrom } = decomposition;
  const n = model.partyCount;
  if (!decomposition.feasible) return { count: 0, complete: true };
  const totalFrom = new Float64Array(groups.length + 1).fill(1);
  for (let g = groups.length - 1; g >= 0; g--) {
    totalFrom[g] = totalFrom[g + 1]! * groups[g]!.multiplicity.reduce((sum, m) => sum + m, 0);
  }
  const scratch = Array.from({ length: groups.length + 1 }, () => new Float64Array(n));
  let count = 0;
  const visit = (g: number, weight: number): void => {
    if (!steps.spend()) return;
    const u = scratch[g]!;
    let allSurely = true;
    for (let p = 0; p < n; p++) {
      if (u[p]! + maxFrom[g * n + p]! < floor[p]! - EPSILON) return;
      if (u[p]! + minFrom[g * n + p]! < floor[p]! - EPSILON) allSurely = false;
    }
    if (g === groups.length) {
      for (let p = 0; p < n; p++) if (u[p]! < floor[p]! - EPSILON) return;
      count += weight;
      return;
    }
    if (allSurely) {
      count += weight * totalFrom[g]!;
      return;
    }
    const group = groups[g]!;
    const next = scratch[g + 1]!;
    for (let c = 0; c < group.choiceCount && steps.stopped === null; c++) {
      for (let p = 0; p < n; p++) next[p] = u[p]! + group.contributions[c * n + p]!;
      visit(g + 1, weight * group.multiplicity[c]!);
    }
  };
  visit(0, 1);
  return { count, complete: steps.stopped === null };
}

/**
 * Yields every outcome that meets every floor, one at a time, in a fixed order (by group,
 * then by choice). Merged choices are expanded back into each of their combinations only
 * when the decomposition was built without merging; pass such a decomposition.
 */
export function* outcomesWithinFloors(decomposition: Decomposition, floor: Float64Array): Generator<Uint8Array> {
  const { groups, model, maxFrom } = decomposition;
  const n = model.partyCount;
  if (!decomposition.feasible) return;
  const scratch = Array.from({ length: groups.length + 1 }, () => new Float64Array(n));
  const outcome = new Uint8Array(model.issueCount);
  function* visit(g: number): Generator<Uint8Array> {
    const u = scratch[g]!;
    for (let p = 0; p < n; p++) if (u[p]! + maxFrom[g * n + p]! < floor[p]! - EPSILON) return;
    if (g === groups.length) {
      for (let p = 0; p < n; p++) if (u[p]! < floor[p]! - EPSILON) return;
      yield outcome.slice();
      return;
    }
    const group = groups[g]!;
    const next = scratch[g + 1]!;
    for (let c = 0; c < group.choiceCount; c++) {
      for (let p = 0; p < n; p++) next[p] = u[p]! + group.contributions[c * n + p]!;
      applyChoice(group, c, outcome);
      yield* visit(g + 1);
    }
  }
  yield* visit(0);
}
