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
  /** The count as a number: exact up to 2^53 − 1, the nearest double beyond. */
  readonly count: number;
  /** The same count, exact at any size. */
  readonly exactCount: bigint;
  readonly complete: boolean;
}

/**
 * Counts the outcomes that meet every floor, exactly. Whole sub-trees are counted at once
 * when even their worst completion meets every floor, and cut when even their best cannot.
 *
 * The sum is kept in a `number` while it is a safe integer and moved into a `bigint` past
 * that: every leaf adds to it, so the common case (counts below 2^53) must stay plain
 * arithmetic, yet a domain of 10^60 outcomes must be counted without rounding.
 */
export function countWithinFloors(decomposition: Decomposition, floor: Float64Array, steps: StepCounter): CountResult {
  const { groups, model, maxFrom, minFrom } = decomposition;
  const n = model.partyCount;
  if (!decomposition.feasible) return { count: 0, exactCount: 0n, complete: true };
  // How many outcomes groups g, g+1, … make together, as a double (the fast test) and exactly.
  const totalFrom = new Float64Array(groups.length + 1).fill(1);
  const exactTotalFrom: bigint[] = Array.from({ length: groups.length + 1 }, () => 1n);
  for (let g = groups.length - 1; g >= 0; g--) {
    const size = groups[g]!.multiplicity.reduce((sum, m) => sum + m, 0);
    totalFrom[g] = totalFrom[g + 1]! * size;
    exactTotalFrom[g] = exactTotalFrom[g + 1]! * BigInt(size);
  }
  const scratch = Array.from({ length: groups.length + 1 }, () => new Float64Array(n));
  const choicePath = new Int32Array(groups.length);
  const SAFE = Number.MAX_SAFE_INTEGER;
  let small = 0;
  let big = 0n;
  // The weight of the path to group g, exactly: only needed once the double product is past 2^53.
  const exactWeight = (g: number): bigint => {
    let weight = 1n;
    for (let h = 0; h < g; h++) weight *= BigInt(groups[h]!.multiplicity[choicePath[h]!]!);
    return weight;
  };
  // The rare path: a term or a sum past 2^53, summed exactly. A product of whole numbers is
  // exact in a double while the result is at most 2^53 − 1, so the fast path needs no check
  // beyond the size of the term and of the sum.
  const addExactly = (g: number, weight: number, term: number, whole: boolean): void => {
    if (term <= SAFE && weight <= SAFE) {
      big += BigInt(small);
      small = term;
    } else {
      big += whole ? exactWeight(g) * exactTotalFrom[g]! : exactWeight(g);
    }
  };
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
      if (small + weight <= SAFE) small += weight;
      else addExactly(g, weight, weight, false);
      return;
    }
    if (allSurely) {
      const term = weight * totalFrom[g]!;
      if (small + term <= SAFE) small += term;
      else addExactly(g, weight, term, true);
      return;
    }
    const group = groups[g]!;
    const next = scratch[g + 1]!;
    for (let c = 0; c < group.choiceCount && steps.stopped === null; c++) {
      for (let p = 0; p < n; p++) next[p] = u[p]! + group.contributions[c * n + p]!;
      choicePath[g] = c;
      visit(g + 1, weight * group.multiplicity[c]!);
    }
  };
  visit(0, 1);
  const exactCount = big + BigInt(small);
  return { count: Number(exactCount), exactCount, complete: steps.stopped === null };
}

/**
 * Yields every outcome that meets every floor, one at a time, in a fixed order (by group,
 * then by choice). Merged choices are expanded back into each of their combinations only
 * when the decomposition was built without merging; pass such a decomposition.
 *
 * With `steps`, every node visited is spent from it, and the walk ends early once it runs
 * out: the caller tells "no more outcomes" from "stopped" by `steps.stopped`.
 */
export function* outcomesWithinFloors(decomposition: Decomposition, floor: Float64Array, steps?: StepCounter): Generator<Uint8Array> {
  const { groups, model, maxFrom } = decomposition;
  const n = model.partyCount;
  if (!decomposition.feasible) return;
  const scratch = Array.from({ length: groups.length + 1 }, () => new Float64Array(n));
  const outcome = new Uint8Array(model.issueCount);
  function* visit(g: number): Generator<Uint8Array> {
    if (steps !== undefined && !steps.spend()) return;
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
      if (steps !== undefined && steps.stopped !== null) return;
    }
  }
  yield* visit(0);
}
