import type { Decomposition } from './decomposition.js';

/**
 * Tighter bounds for the searches, from weighted sums of utilities. For a weight vector
 * w ≥ 0, no completion can add more to Σ w_p·u_p than the best weighted choice of each
 * remaining group, summed (`bestFrom[g]`). Unlike the per-party best (which assumes every
 * party gets its favourite option at once), this couples the parties: with opposed
 * preferences it is far smaller, and it is what lets branch and bound cut deep.
 */
export interface WeightedBound {
  readonly weights: Float64Array;
  /** `bestFrom[g]`: the most groups g, g+1, … can add to Σ w_p·u_p. */
  readonly bestFrom: Float64Array;
}

/** Precomputes {@link WeightedBound}s for each of `weightVectors` over a decomposition. */
export function weightedBounds(decomposition: Decomposition, weightVectors: readonly Float64Array[]): WeightedBound[] {
  const { groups, model } = decomposition;
  const n = model.partyCount;
  return weightVectors.map((weights) => {
    const bestFrom = new Float64Array(groups.length + 1);
    for (let g = groups.length - 1; g >= 0; g--) {
      const group = groups[g]!;
      let best = -Infinity;
      for (let c = 0; c < group.choiceCount; c++) {
        let sum = 0;
        for (let p = 0; p < n; p++) sum += weights[p]! * group.contributions[c * n + p]!;
        if (sum > best) best = sum;
      }
      bestFrom[g] = bestFrom[g + 1]! + (group.choiceCount > 0 ? best : 0);
    }
    return { weights, bestFrom };
  });
}

/**
 * The weight vectors the bounds use: equal weights, and weights that put every party's
 * possible gain (from `base`) on one scale. Parties with no room to gain get weight 0.
 */
export function standardWeights(decomposition: Decomposition, base: Float64Array): Float64Array[] {
  const n = decomposition.model.partyCount;
  const scaled = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const room = decomposition.maxFrom[p]! - base[p]!;
    scaled[p] = room > 0 ? 1 / room : 0;
  }
  return [new Float64Array(n).fill(1), scaled];
}

/**
 * An upper bound on Π (u_p + x_p − d_p) over completions, where x_p is what the remaining
 * groups add: the smaller of the per-party bound and, for each weight vector, the AM–GM
 * bound Π (T / (n·w_p)) with T the most Σ w_p (u_p + x_p − d_p) can reach.
 */
export function nashProductBound(u: Float64Array, from: number, d: Float64Array, decomposition: Decomposition, bounds: readonly WeightedBound[]): number {
  const n = d.length;
  let product = 1;
  for (let p = 0; p < n; p++) product *= Math.max(0, u[p]! + decomposition.maxFrom[from * n + p]! - d[p]!);
  for (const { weights, bestFrom } of bounds) {
    let total = bestFrom[from]!;
    let usable = true;
    for (let p = 0; p < n; p++) {
      if (!(weights[p]! > 0)) usable = false;
      total += weights[p]! * (u[p]! - d[p]!);
    }
    if (!usable) continue;
    if (total <= 0) return 0;
    let amgm = 1;
    for (let p = 0; p < n; p++) amgm *= total / (n * weights[p]!);
    if (amgm < product) product = amgm;
  }
  return product;
}

/**
 * An upper bound on min_p (u_p + x_p − d_p) / span_p over completions: the smaller of the
 * per-party bound and, for each weight vector, (most Σ w_p (u_p + x_p − d_p)) / Σ w_p·span_p,
 * since every gain is at least the minimum times its span.
 */
export function smallestGainBound(u: Float64Array, from: number, d: Float64Array, span: Float64Array, decomposition: Decomposition, bounds: readonly WeightedBound[]): number {
  const n = d.length;
  let smallest = Infinity;
  for (let p = 0; p < n; p++) smallest = Math.min(smallest, (u[p]! + decomposition.maxFrom[from * n + p]! - d[p]!) / span[p]!);
  for (const { weights, bestFrom } of bounds) {
    let total = bestFrom[from]!;
    let scale = 0;
    for (let p = 0; p < n; p++) {
      total += weights[p]! * (u[p]! - d[p]!);
      scale += weights[p]! * span[p]!;
    }
    if (scale > 0) smallest = Math.min(smallest, total / scale);
  }
  return smallest;
}

/**
 * An upper bound on party `party`'s utility over completions that keep every other party
 * at or above its floor: what the weighted total leaves for it once the others are at
 * their floors (for each weight vector with w_party > 0), and its own best.
 */
export function ownUtilityBound(party: number, u: Float64Array, from: number, floor: Float64Array, decomposition: Decomposition, bounds: readonly WeightedBound[]): number {
  const n = floor.length;
  let best = u[party]! + decomposition.maxFrom[from * n + party]!;
  for (const { weights, bestFrom } of bounds) {
    const own = weights[party]!;
    if (!(own > 0)) continue;
    let rest = bestFrom[from]!;
    let finite = true;
    for (let p = 0; p < n; p++) {
      rest += weights[p]! * u[p]!;
      if (p !== party && weights[p]! > 0) {
        if (floor[p] === -Infinity) finite = false;
        rest -= weights[p]! * floor[p]!;
      }
    }
    if (finite) best = Math.min(best, rest / own);
  }
  return best;
}
