import type { StepCounter } from './search-budget.js';
import { SkylineTree } from './skyline-tree.js';
import { chargeVisits, visitLimit, VISITS_PER_UNIT } from './pareto-merge.js';

/** @internal A subset of a frontier's points and how close it keeps to all of them. */
export interface Thinning {
  /** Indexes of the points kept, ascending. */
  readonly kept: readonly number[];
  /** Every point is within this of a kept one, in every coordinate (0 when all are kept). */
  readonly epsilon: number;
}

/**
 * @internal An ε-Pareto subset of an exact frontier: points kept such that every point is
 * within ε of a kept one in every utility (L∞), by a greedy cover. In the points' order,
 * a point is kept unless a point kept before it is within ε of it; the points a kept point
 * covers are then all within ε of it, so the cover holds by construction, and ε reported is
 * the largest distance from a point to the kept point that covered it (at most the ε asked).
 *
 * `epsilon` alone: one cover at that ε. `maxPoints`: the smallest ε (at least `epsilon`, to
 * within 1/32 of itself) whose cover keeps at most `maxPoints` points, by a search between
 * `epsilon` and the distance that one point covers (a secant on log size against log ε). Work: one unit per point
 * per cover, and one per {@link VISITS_PER_UNIT} index nodes visited; if the budget runs out
 * the best cover found so far is returned (for `epsilon` alone: every point, ε 0), and the
 * counter says it stopped.
 */
export function thinFrontier(utilities: readonly (readonly number[])[], n: number, epsilon: number, maxPoints: number, steps: StepCounter): Thinning {
  const size = utilities.length;
  const all: Thinning = { kept: utilities.map((_, i) => i), epsilon: 0 };
  if (size <= 1 || (epsilon === 0 && size <= maxPoints)) return all;
  // The ball |c − x|∞ ≤ ε is the set of c with (c, −c) ≥ (x, −x) − ε: one "at least" query
  // on doubled vectors, which the skyline tree answers.
  const doubled = new Float64Array(size * 2 * n);
  for (let i = 0; i < size; i++) {
    for (let p = 0; p < n; p++) {
      doubled[i * 2 * n + p] = utilities[i]![p]!;
      doubled[i * 2 * n + n + p] = -utilities[i]![p]!;
    }
  }
  const tree = new SkylineTree(doubled, size, 2 * n);
  let spent = 0;
  const cover = (radius: number): Thinning | null => {
    if (!steps.spendBatch(size)) return null;
    tree.reset();
    const kept: number[] = [];
    let reached = 0;
    for (let i = 0; i < size; i++) {
      const j = tree.atLeast(i, radius, visitLimit(steps));
      spent = chargeVisits(steps, tree.visits, spent, j === -2);
      if (spent < 0) return null;
      if (j === -1) {
        tree.activate(i);
        kept.push(i);
        continue;
      }
      for (let p = 0; p < n; p++) reached = Math.max(reached, Math.abs(utilities[j]![p]! - utilities[i]![p]!));
    }
    return { kept, epsilon: reached };
  };
  // At ε 0 every point is its own cover: no pass needed to know that it keeps too many.
  const first = epsilon === 0 ? null : cover(epsilon);
  if (epsilon > 0 && first === null) return all;
  if (first !== null && first.kept.length <= maxPoints) return first;
  // One point covers everything within its farthest distance: the search's safe end.
  let fromFirst = 0;
  for (const u of utilities) for (let p = 0; p < n; p++) fromFirst = Math.max(fromFirst, Math.abs(u[p]! - utilities[0]![p]!));
  let best: Thinning = { kept: [0], epsilon: fromFirst };
  // The bracket: `low` keeps too many points, `high` (its cover `best`) few enough.
  let low = epsilon;
  let lowSize = first?.kept.length ?? size;
  let high = fromFirst;
  let highSize = 1;
  for (let pass = 0; pass < 16 && high - low > high / 32; pass++) {
    // A cover's size falls about as ε^−(parties − 1) on a frontier of parties − 1 dimensions:
    // aim where the line through the bracket's ends (log size against log ε) meets maxPoints,
    // kept inside the middle three quarters of the bracket so that it shrinks every pass.
    const slope = low > 0 ? (Math.log(highSize) - Math.log(lowSize)) / (Math.log(high) - Math.log(low)) : -(n - 1);
    const aim = high * Math.exp((Math.log(maxPoints) - Math.log(highSize)) / slope);
    const margin = (high - low) / 8;
    const radius = Math.min(high - margin, Math.max(low + margin, Number.isFinite(aim) ? aim : (low + high) / 2));
    const attempt = cover(radius);
    if (attempt === null) return best;
    if (attempt.kept.length <= maxPoints) {
      high = radius;
      highSize = attempt.kept.length;
      best = attempt;
    } else {
      low = radius;
      lowSize = attempt.kept.length;
    }
  }
  return best;
}
