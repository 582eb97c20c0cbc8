import type { Decomposition } from './decomposition.js';
import { applyChoice } from './decomposition.js';
import type { StepCounter } from './search-budget.js';
import { UTILITY_TOLERANCE } from '../model/tolerance.js';
import { addCounts, multiplyCounts, type ExactCount } from './count.js';

/**
 * Utilities within this of each other count as equal (see `UTILITY_TOLERANCE`): the same
 * utility summed in another order must tie, and an outcome worth its reservation value
 * must be accepted here exactly as `assessOutcome` accepts it.
 */
export const EPSILON = UTILITY_TOLERANCE;

/** One point of a frontier: a utility vector, how many outcomes reach it, and one of them. */
export interface MergedPoint {
  readonly utilities: Float64Array;
  /** Exact: past 2^53 a double could not hold the count of outcomes tied on one vector. */
  readonly count: ExactCount;
  readonly outcome: Uint8Array;
}

interface Stage {
  readonly u: Float64Array;
  readonly count: ExactCount[];
  readonly parent: Int32Array;
  readonly choice: Int32Array;
  readonly size: number;
}

/**
 * The exact Pareto frontier over a decomposition, by frontier merging: add one issue group
 * at a time to the frontier of the groups before it, dropping every partial point that is
 * dominated (no completion of it can be on the frontier, since the same completion of its
 * dominator beats it) or that cannot reach a reservation value in `floor` even with the best
 * remaining choices. Identical vectors merge and add their outcome counts.
 *
 * Returns `points: null` if the step counter ran out, with how many groups were merged by then.
 */
export function paretoMerge(decomposition: Decomposition, floor: Float64Array, steps: StepCounter): { readonly points: MergedPoint[] | null; readonly merged: number } {
  const { groups, model, maxFrom } = decomposition;
  const n = model.partyCount;
  if (!decomposition.feasible) return { points: [], merged: groups.length };
  const stages: Stage[] = [];
  let current: Stage = { u: new Float64Array(n), count: [1], parent: Int32Array.of(-1), choice: Int32Array.of(-1), size: 1 };
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    const total = current.size * group.choiceCount;
    if (!steps.spendBatch(total)) return { points: null, merged: g };
    const u = new Float64Array(total * n);
    const count: ExactCount[] = [];
    const parent = new Int32Array(total);
    const choice = new Int32Array(total);
    let size = 0;
    const rest = (g + 1) * n;
    for (let i = 0; i < current.size; i++) {
      for (let c = 0; c < group.choiceCount; c++) {
        let reachable = true;
        for (let p = 0; p < n; p++) {
          const value = current.u[i * n + p]! + group.contributions[c * n + p]!;
          u[size * n + p] = value;
          if (value + maxFrom[rest + p]! < floor[p]! - EPSILON) reachable = false;
        }
        if (!reachable) continue;
        count[size] = multiplyCounts(current.count[i]!, group.multiplicity[c]!);
        parent[size] = i;
        choice[size] = c;
        size++;
      }
    }
    stages.push(current);
    current = filterNonDominated({ u, count, parent, choice, size }, n, steps);
    if (steps.stopped !== null) return { points: null, merged: g };
  }
  stages.push(current);
  const points: MergedPoint[] = [];
  for (let i = 0; i < current.size; i++) {
    const utilities = current.u.slice(i * n, i * n + n);
    if (!utilities.every((value, p) => value >= floor[p]! - EPSILON)) continue;
    const outcome = new Uint8Array(model.issueCount);
    let at = i;
    for (let s = stages.length - 1; s >= 1; s--) {
      const stage = stages[s]!;
      applyChoice(groups[s - 1]!, stage.choice[at]!, outcome);
      at = stage.parent[at]!;
    }
    points.push({ utilities, count: current.count[i]!, outcome });
  }
  return { points, merged: groups.length };
}

function filterNonDominated(stage: Stage, n: number, steps: StepCounter): Stage {
  const { u, size } = stage;
  const order = Array.from({ length: size }, (_, i) => i);
  // Sorting on the first utility snapped to the tolerance grid keeps nearly equal values
  // together, best second utility first, so the sweep below sees ties side by side.
  const snap = (value: number) => Math.round(value / EPSILON);
  if (n === 2) order.sort((a, b) => snap(u[b * 2]!) - snap(u[a * 2]!) || u[b * 2 + 1]! - u[a * 2 + 1]!);
  else {
    const sums = new Float64Array(size);
    for (let i = 0; i < size; i++) for (let p = 0; p < n; p++) sums[i] = sums[i]! + u[i * n + p]!;
    order.sort((a, b) => sums[b]! - sums[a]! || lexicographic(u, a, b, n));
  }
  const kept: number[] = [];
  const keptCount: ExactCount[] = [];
  let bestSecond = -Infinity;
  for (const i of order) {
    if (n === 2) {
      const last = kept[kept.length - 1];
      if (last !== undefined && Math.abs(u[i * 2]! - u[last * 2]!) <= EPSILON && Math.abs(u[i * 2 + 1]! - u[last * 2 + 1]!) <= EPSILON) {
        keptCount[kept.length - 1] = addCounts(keptCount[kept.length - 1]!, stage.count[i]!);
      } else if (u[i * 2 + 1]! > bestSecond + EPSILON) {
        kept.push(i);
        keptCount.push(stage.count[i]!);
        bestSecond = u[i * 2 + 1]!;
      }
      continue;
    }
    // Dominance checks are the expensive part with three or more parties: they count too.
    if (!steps.spendBatch(kept.length)) break;
    let verdict: 'keep' | 'drop' | number = 'keep';
    for (let k = 0; k < kept.length; k++) {
      const j = kept[k]!;
      let equal = true;
      let dominates = true;
      for (let p = 0; p < n; p++) {
        const diff = u[j * n + p]! - u[i * n + p]!;
        if (Math.abs(diff) > EPSILON) equal = false;
        if (diff < -EPSILON) {
          dominates = false;
          break;
        }
      }
      if (equal) {
        verdict = k;
        break;
      }
      if (dominates) {
        verdict = 'drop';
        break;
      }
    }
    if (verdict === 'keep') {
      kept.push(i);
      keptCount.push(stage.count[i]!);
    } else if (typeof verdict === 'number') keptCount[verdict] = addCounts(keptCount[verdict]!, stage.count[i]!);
  }
  const out: Stage = {
    u: new Float64Array(kept.length * n),
    count: keptCount,
    parent: new Int32Array(kept.length),
    choice: new Int32Array(kept.length),
    size: kept.length,
  };
  kept.forEach((i, k) => {
    out.u.set(u.subarray(i * n, i * n + n), k * n);
    out.parent[k] = stage.parent[i]!;
    out.choice[k] = stage.choice[i]!;
  });
  return out;
}

function lexicographic(u: Float64Array, a: number, b: number, n: number): number {
  for (let p = 0; p < n; p++) {
    const diff = u[b * n + p]! - u[a * n + p]!;
    if (diff !== 0) return diff;
  }
  return 0;
}
