import type { Decomposition, IssueGroup } from './decomposition.js';
import { applyChoice } from './decomposition.js';
import type { StepCounter } from './search-budget.js';
import { UTILITY_TOLERANCE } from '../model/tolerance.js';
import { addCounts, multiplyCounts, type ExactCount } from './count.js';
import { SkylineTree } from './skyline-tree.js';

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
 * Index nodes a dominance query may test per work unit: a node or point test is a few
 * nanoseconds, a candidate (made, sorted, placed in the index: one unit) some tens of times
 * more, so a unit stays of the order of a candidate either way.
 */
export const VISITS_PER_UNIT = 16;

/** @internal The most visits a dominance query may make with what is left of the budget. */
export function visitLimit(steps: StepCounter): number {
  return (steps.left + 1) * VISITS_PER_UNIT;
}

/**
 * @internal Charges the index visits made so far (`visits`, of which `charged` units are
 * paid) to the counter; returns the units now paid, or −1 if they do not fit (the counter has
 * stopped). A query that gave up at {@link visitLimit} stops the counter too.
 */
export function chargeVisits(steps: StepCounter, visits: number, charged: number, gaveUp: boolean): number {
  if (gaveUp) {
    steps.spendBatch(steps.left + 1);
    return -1;
  }
  const due = Math.floor(visits / VISITS_PER_UNIT) - charged;
  return steps.spendBatch(due) ? charged + due : -1;
}

/**
 * The exact Pareto frontier over a decomposition, by frontier merging: add one issue group
 * at a time to the frontier of the groups before it, dropping every partial point that is
 * dominated (no completion of it can be on the frontier, since the same completion of its
 * dominator beats it) or that cannot reach a reservation value in `floor` even with the best
 * remaining choices. Identical vectors merge and add their outcome counts.
 *
 * With three or more parties (see {@link skylineOf}) the groups are merged largest first,
 * each without the choices another of its own choices beats, and the dominance filter is a
 * sweep over a k-d tree. Work: one unit per candidate point, plus one per
 * {@link VISITS_PER_UNIT} index nodes the dominance queries visit.
 *
 * Returns `points: null` if the step counter ran out, with how many groups were merged by then.
 */
export function paretoMerge(decomposition: Decomposition, floor: Float64Array, steps: StepCounter): { readonly points: MergedPoint[] | null; readonly merged: number } {
  const { model } = decomposition;
  const n = model.partyCount;
  if (!decomposition.feasible) return { points: [], merged: decomposition.groups.length };
  const plan = n === 2 ? twoPartyPlan(decomposition) : manyPartyPlan(decomposition, steps);
  if (plan === null) return { points: null, merged: 0 };
  const { groups, useful, maxFrom } = plan;
  const stages: Stage[] = [];
  let current: Stage = { u: new Float64Array(n), count: [1], parent: Int32Array.of(-1), choice: Int32Array.of(-1), size: 1 };
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    const choices = useful[g]!;
    const total = current.size * choices.length;
    if (!steps.spendBatch(total)) return { points: null, merged: g };
    const u = new Float64Array(total * n);
    const count: ExactCount[] = [];
    const parent = new Int32Array(total);
    const choice = new Int32Array(total);
    let size = 0;
    const rest = (g + 1) * n;
    // With three or more parties, choice-major: each choice's candidates come in the order of
    // the frontier they extend, which is already the sweep's order, so the sort merges a few
    // sorted runs instead of sorting from scratch. With two, point-major as it always was
    // (which of several tied outcomes represents a point follows this order).
    const [outer, inner] = n === 2 ? [current.size, choices.length] : [choices.length, current.size];
    for (let a = 0; a < outer; a++) {
      for (let b = 0; b < inner; b++) {
        const i = n === 2 ? a : b;
        const c = choices[n === 2 ? b : a]!;
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
    const candidates: Stage = { u, count, parent, choice, size };
    current = n === 2 ? filterNonDominated(candidates) : skylineOf(candidates, n, steps);
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

/** The groups in merge order, the choices of each worth merging, and the best each party can still gain. */
interface MergePlan {
  readonly groups: readonly IssueGroup[];
  readonly useful: readonly Int32Array[];
  /** `maxFrom[g * partyCount + p]`, over `groups` in this order. */
  readonly maxFrom: Float64Array;
}

/** Two parties: the decomposition's order and every choice (the sweep is linear already). */
function twoPartyPlan(decomposition: Decomposition): MergePlan {
  const useful = decomposition.groups.map((group) => Int32Array.from({ length: group.choiceCount }, (_, c) => c));
  return { groups: decomposition.groups, useful, maxFrom: decomposition.maxFrom };
}

/**
 * Three or more parties: each group without the choices another choice of it clearly beats,
 * and the groups with the most choices left first. Merging a frontier with a group makes
 * (frontier size × choices) candidates; large groups first keep the frontier small while
 * they multiply it, and leave the small factors for the last stages, where the frontier is
 * large. Null if the budget ran out.
 */
function manyPartyPlan(decomposition: Decomposition, steps: StepCounter): MergePlan | null {
  const n = decomposition.model.partyCount;
  const useful: Int32Array[] = [];
  for (const group of decomposition.groups) {
    const choices = undominatedChoices(group, n, steps);
    if (choices === null) return null;
    useful.push(choices);
  }
  const order = decomposition.groups.map((_, g) => g).sort((a, b) => useful[b]!.length - useful[a]!.length || a - b);
  const groups = order.map((g) => decomposition.groups[g]!);
  const maxFrom = new Float64Array((groups.length + 1) * n);
  for (let k = groups.length - 1; k >= 0; k--) {
    const { contributions, choiceCount } = groups[k]!;
    for (let p = 0; p < n; p++) {
      let best = -Infinity;
      for (let c = 0; c < choiceCount; c++) best = Math.max(best, contributions[c * n + p]!);
      maxFrom[k * n + p] = maxFrom[(k + 1) * n + p]! + best;
    }
  }
  return { groups, useful: order.map((g) => useful[g]!), maxFrom };
}

/**
 * A clear margin, far above the rounding of utility sums and far below any difference an
 * author's numbers make: a choice is set aside only when another beats it by more than this
 * for some party and gives every other party at least as much, so no two choices whose
 * outcomes may tie within `EPSILON` (whose counts the merge must add) are ever told apart.
 */
const CLEAR_MARGIN = 64 * EPSILON;

/**
 * The choices of a group that no other choice of it clearly beats, in their original order.
 * A beaten choice is never worth merging: every point it would make is dominated by the
 * point the same partial outcome makes with the better choice. Null if the budget ran out.
 */
function undominatedChoices(group: IssueGroup, n: number, steps: StepCounter): Int32Array | null {
  const { choiceCount, contributions } = group;
  if (!steps.spendBatch(choiceCount)) return null;
  const sums = new Float64Array(choiceCount);
  for (let c = 0; c < choiceCount; c++) for (let p = 0; p < n; p++) sums[c] = sums[c]! + contributions[c * n + p]!;
  // Whoever beats a choice has at least its first utility, and more in sum: it comes first.
  const order = Int32Array.from({ length: choiceCount }, (_, c) => c).sort((a, b) => contributions[b * n]! - contributions[a * n]! || sums[b]! - sums[a]! || a - b);
  const tree = new SkylineTree(contributions, choiceCount, n, 1);
  const beaten = new Uint8Array(choiceCount);
  let spent = 0;
  for (const c of order) {
    const j = tree.atLeast(c, 0, visitLimit(steps));
    spent = chargeVisits(steps, tree.visits, spent, j === -2);
    if (spent < 0) return null;
    if (j >= 0) {
      let clearly = false;
      for (let p = 0; p < n; p++) if (contributions[j * n + p]! - contributions[c * n + p]! > CLEAR_MARGIN) clearly = true;
      // Not clearly better (the two nearly equal): c stays, and may yet beat others.
      if (clearly) {
        beaten[c] = 1;
        continue;
      }
    }
    tree.activate(c);
  }
  const out: number[] = [];
  for (let c = 0; c < choiceCount; c++) if (beaten[c] === 0) out.push(c);
  return Int32Array.from(out);
}

/** Two parties: a sweep by the first utility, keeping each point that beats the best second utility so far. */
function filterNonDominated(stage: Stage): Stage {
  const { u, size } = stage;
  const order = Array.from({ length: size }, (_, i) => i);
  // Sorting on the first utility snapped to the tolerance grid keeps nearly equal values
  // together, best second utility first, so the sweep below sees ties side by side.
  const snap = (value: number) => Math.round(value / EPSILON);
  order.sort((a, b) => snap(u[b * 2]!) - snap(u[a * 2]!) || u[b * 2 + 1]! - u[a * 2 + 1]!);
  const kept: number[] = [];
  const keptCount: ExactCount[] = [];
  let bestSecond = -Infinity;
  for (const i of order) {
    const last = kept[kept.length - 1];
    if (last !== undefined && Math.abs(u[i * 2]! - u[last * 2]!) <= EPSILON && Math.abs(u[i * 2 + 1]! - u[last * 2 + 1]!) <= EPSILON) {
      keptCount[kept.length - 1] = addCounts(keptCount[kept.length - 1]!, stage.count[i]!);
    } else if (u[i * 2 + 1]! > bestSecond + EPSILON) {
      kept.push(i);
      keptCount.push(stage.count[i]!);
      bestSecond = u[i * 2 + 1]!;
    }
  }
  return keep(stage, kept, keptCount, 2);
}

/**
 * Three or more parties: the undominated candidates, by a sort-filter-skyline sweep. The
 * candidates are sorted on (first utility, sum, second utility, …), each snapped to the
 * tolerance grid, descending, so that a dominator comes before what it dominates and
 * vectors equal within the tolerance come side by side: a run of them is one point, whose
 * outcome is the run's first and whose count is the run's sum. Each run's first asks a k-d
 * tree of the points kept so far whether one of them is at least it in every utility (less
 * EPSILON): if so, it is dominated (or, within EPSILON everywhere, a tie of that point,
 * which takes its count); if not, it is kept. A query costs about a small power of the
 * points kept, where comparing with each of them made the filter quadratic in the frontier.
 */
function skylineOf(stage: Stage, n: number, steps: StepCounter): Stage {
  const { u, size } = stage;
  const width = n + 1;
  const keys = new Float64Array(size * width);
  for (let i = 0; i < size; i++) {
    let sum = 0;
    for (let p = 0; p < n; p++) sum += u[i * n + p]!;
    keys[i * width] = Math.round(u[i * n]! / EPSILON);
    keys[i * width + 1] = Math.round(sum / EPSILON);
    for (let p = 1; p < n; p++) keys[i * width + 1 + p] = Math.round(u[i * n + p]! / EPSILON);
  }
  // An array, not a typed array: V8 sorts arrays by TimSort, which merges the runs it finds.
  const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => {
    for (let k = 0; k < width; k++) {
      const diff = keys[b * width + k]! - keys[a * width + k]!;
      if (diff !== 0) return diff;
    }
    return a - b;
  });
  // Every point kept is at least the query in the first utility already: split on the others.
  const tree = new SkylineTree(u, size, n, 1);
  const kept: number[] = [];
  const keptCount: ExactCount[] = [];
  const rankOf = new Int32Array(size);
  /** The rank in `kept` of the current run's first candidate, −1 if it was dropped. */
  let runRank = -1;
  let runFirst = -1;
  let spent = 0;
  for (const i of order) {
    if (runFirst >= 0 && sameKey(keys, runFirst, i, width)) {
      // The same snapped key: within EPSILON of the run's first in every utility.
      if (runRank >= 0) keptCount[runRank] = addCounts(keptCount[runRank]!, stage.count[i]!);
      continue;
    }
    runFirst = i;
    const j = tree.atLeast(i, EPSILON, visitLimit(steps));
    spent = chargeVisits(steps, tree.visits, spent, j === -2);
    if (spent < 0) break;
    if (j === -1) {
      runRank = kept.length;
      rankOf[i] = runRank;
      tree.activate(i);
      kept.push(i);
      keptCount.push(stage.count[i]!);
      continue;
    }
    runRank = -1;
    let equal = true;
    for (let p = 0; p < n && equal; p++) if (Math.abs(u[j * n + p]! - u[i * n + p]!) > EPSILON) equal = false;
    if (!equal) continue;
    // A tie the grid split (the two straddle a grid line): it joins the kept point.
    runRank = rankOf[j]!;
    keptCount[runRank] = addCounts(keptCount[runRank]!, stage.count[i]!);
  }
  return keep(stage, kept, keptCount, n);
}

function sameKey(keys: Float64Array, a: number, b: number, width: number): boolean {
  for (let k = 0; k < width; k++) if (keys[a * width + k] !== keys[b * width + k]) return false;
  return true;
}

/** The stage of the candidates `kept`, with their counts. */
function keep(stage: Stage, kept: readonly number[], keptCount: ExactCount[], n: number): Stage {
  const out: Stage = {
    u: new Float64Array(kept.length * n),
    count: keptCount,
    parent: new Int32Array(kept.length),
    choice: new Int32Array(kept.length),
    size: kept.length,
  };
  kept.forEach((i, k) => {
    out.u.set(stage.u.subarray(i * n, i * n + n), k * n);
    out.parent[k] = stage.parent[i]!;
    out.choice[k] = stage.choice[i]!;
  });
  return out;
}
