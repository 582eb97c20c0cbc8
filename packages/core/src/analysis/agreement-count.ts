import { countWithinFloors, type CountResult } from './branch-and-bound.js';
import { addCounts, multiplyCounts, type ExactCount } from './count.js';
import type { Decomposition, IssueGroup } from './decomposition.js';
import { buildKdTree, countPairs, type KdTree } from './kd-tree.js';
import { EPSILON } from './pareto-merge.js';
import type { StepCounter } from './search-budget.js';

// Counting the agreements by meeting in the middle. Across issue groups every utility is a
// plain sum, so the groups are split into two halves of about equal size: every combination
// of the left half's choices is a partial utility vector a, every combination of the right
// half's a vector b, and the outcome made of both is an agreement exactly when
// a_p + b_p ≥ floor_p − EPSILON for every party p. Counting those pairs is a dominance count,
// done by a dual traversal of two k-d trees (kd-tree.ts): pairs of boxes are counted whole
// when the sum of their minima meets every floor and dropped when the sum of their maxima
// misses one. The cost grows with the square root of the number of outcomes, not with the
// number of agreements: a 10^12 domain with 10^11 agreements has halves of ~10^5 vectors.
//
// Float subtlety: a pair is accepted when the double a_p + b_p meets the threshold, and the
// depth-first count (and `assessOutcome`) sum the same utility in another order, which can
// differ in the last bit (~1e-16). So only an outcome whose utility lies within ~1e-16 of
// floor − EPSILON (itself 1e-9 below the reservation value) can be classed differently; an
// outcome exactly at its reservation value is accepted either way.

/** The most vectors one half may hold (two halves of 2^21 vectors of 4 parties: ~200 MB at most). */
export const HALF_CAPACITY = 1 << 21;

/**
 * Past this many combinations (before pruning) a half is not even tried: pruning seldom
 * removes more than all but a 64th, and trying would spend the budget on a count that must
 * fall back anyway.
 */
const HOPELESS_FACTOR = 64;

/**
 * Left-half prefixes counted whole: every completion of the prefix (by the rest of the left
 * half) with every right-half vector meets every floor.
 */
export interface WholePrefixes {
  /** How many groups of the left half each prefix fixes. */
  readonly depth: number[];
  /** The prefix's choices, in mixed radix over the left half's groups (first group most significant). */
  readonly code: number[];
  /** The outcomes each prefix stands for (its completions by both halves, in scaled multiplicities). */
  readonly outcomes: ExactCount[];
}

/** One half of the groups, enumerated: the partial vectors that can still reach every floor. */
export interface Half {
  /** The decomposition's indices of the half's groups, in enumeration order. */
  readonly groups: readonly number[];
  /** Its vectors as a k-d tree, each with a weight (its scaled multiplicity) and its choice code. */
  readonly tree: KdTree;
  /** The combinations of the whole half, in scaled multiplicities (pruned or not). */
  readonly total: number;
}

/** @internal The counting structure of {@link countAgreements}, which the sampler draws from. */
export interface PairCounting {
  readonly decomposition: Decomposition;
  readonly left: Half;
  readonly right: Half;
  /** The parties whose floor is finite: the dimensions of the halves' vectors. */
  readonly parties: Int32Array;
  /** Per dimension: floor − EPSILON. */
  readonly threshold: Float64Array;
  /**
   * Per group, the greatest common divisor of its choices' multiplicities: weights are kept
   * divided by it (so that they stay small), and the count is multiplied back by `scale`.
   */
  readonly divisor: Float64Array;
  readonly scale: bigint;
  readonly whole: WholePrefixes;
  /** Per left vector (in tree order): the weight of the right vectors it makes agreements with. */
  readonly partners: Float64Array;
  /** The count in scaled multiplicities (divide by nothing: multiply by `scale` for outcomes). */
  readonly scaledCount: ExactCount;
}

/** Why the count fell back to the depth-first search: halves too large, or a budget too small to build them. */
export type FallBack = 'too wide' | 'budget';

/** A count, and the structure it was counted on when the meet-in-the-middle count ran. */
export interface AgreementCount extends CountResult {
  /** Null when the count fell back to the depth-first search (see `fellBack`), or had nothing to count. */
  readonly counting: PairCounting | null;
  readonly fellBack: FallBack | null;
}

/**
 * Counts the outcomes that meet every floor, exactly, by meeting in the middle (see above);
 * when the halves would not fit in memory (60 issues of 10 options), by the depth-first count
 * of `countWithinFloors` under what is left of the budget. Every vector enumerated, box of a
 * k-d tree built and pair of boxes compared is spent from `steps`; a count cut short is a
 * lower bound (the pairs counted so far).
 */
export function countAgreements(decomposition: Decomposition, floor: Float64Array, steps: StepCounter): AgreementCount {
  if (!decomposition.feasible) return { count: 0, exactCount: 0n, complete: true, counting: null, fellBack: null };
  const counting = countByHalves(decomposition, floor, steps);
  if (typeof counting === 'string') return { ...countWithinFloors(decomposition, floor, steps), counting: null, fellBack: counting };
  const exactCount = BigInt(counting.scaledCount) * counting.scale;
  return { count: Number(exactCount), exactCount, complete: steps.stopped === null, counting, fellBack: null };
}

function countByHalves(decomposition: Decomposition, floor: Float64Array, steps: StepCounter): PairCounting | FallBack {
  const { groups, model } = decomposition;
  const n = model.partyCount;
  const parties = Int32Array.from(Array.from({ length: n }, (_, p) => p).filter((p) => floor[p]! > -Infinity));
  const threshold = Float64Array.from(parties, (p) => floor[p]! - EPSILON);
  const divisor = Float64Array.from(groups, (group) => group.multiplicity.reduce((g, m) => gcd(g, m), 0) || 1);
  const scale = divisor.reduce((product, g) => product * BigInt(g), 1n);
  const totals = groups.map((group, g) => group.multiplicity.reduce((sum, m) => sum + m / divisor[g]!, 0));
  const [leftGroups, rightGroups] = balancedSplit(groups.map((group) => group.choiceCount));
  const product = (list: readonly number[], of: (g: number) => number) => list.reduce((p, g) => p * of(g), 1);
  for (const list of [leftGroups, rightGroups]) {
    // Weights must stay exact in a double, and a half must have a chance to fit in memory.
    if (product(list, (g) => totals[g]!) > Number.MAX_SAFE_INTEGER) return 'too wide';
    if (product(list, (g) => groups[g]!.choiceCount) > HALF_CAPACITY * HOPELESS_FACTOR) return 'too wide';
  }
  // A budget that cannot even enumerate the halves would end with a lower bound of about
  // nothing; the depth-first search finds agreements from its first steps (a lower bound that
  // grows with the budget), so it does better there.
  const enumeration = product(leftGroups, (g) => groups[g]!.choiceCount) + product(rightGroups, (g) => groups[g]!.choiceCount);
  if (enumeration > steps.left) return 'budget';
  const d = parties.length;
  // The k-d trees keep the dimensions still open as a bit mask.
  if (d > 30) return 'too wide';
  // The most and least each half can add, per dimension: what pruning a vector of the other half needs.
  const extreme = (list: readonly number[], pick: (a: number, b: number) => number) =>
    Float64Array.from(parties, (p) => list.reduce((sum, g) => sum + extremeOf(groups[g]!, n, p, pick), 0));
  const rightMax = extreme(rightGroups, Math.max);
  const rightMin = extreme(rightGroups, Math.min);
  const leftTotal = product(leftGroups, (g) => totals[g]!);
  const rightTotal = product(rightGroups, (g) => totals[g]!);

  const whole: WholePrefixes = { depth: [], code: [], outcomes: [] };
  const leftVectors = enumerateHalf(decomposition, leftGroups, parties, threshold, rightMax, rightMin, divisor, totals, steps, { whole, otherTotal: rightTotal });
  if (leftVectors === 'too large') return 'too wide';
  let wholeCount: ExactCount = 0;
  for (const outcomes of whole.outcomes) wholeCount = addCounts(wholeCount, outcomes);
  // The right half only meets the left vectors not already counted whole: prune it against those.
  const leftMax = new Float64Array(d).fill(-Infinity);
  const leftMin = new Float64Array(d).fill(Infinity);
  for (let i = 0; i < leftVectors.size; i++) {
    for (let j = 0; j < d; j++) {
      const value = leftVectors.coords[i * d + j]!;
      if (value > leftMax[j]!) leftMax[j] = value;
      if (value < leftMin[j]!) leftMin[j] = value;
    }
  }
  const noVectors: Vectors = { size: 0, coords: new Float64Array(0), weights: new Float64Array(0), codes: new Float64Array(0) };
  const rightVectors = leftVectors.size === 0 || steps.stopped !== null ? noVectors : enumerateHalf(decomposition, rightGroups, parties, threshold, leftMax, leftMin, divisor, totals, steps, null);
  if (rightVectors === 'too large') return 'too wide';
  // Trees the budget could not pay for hold nothing: the count is then the whole prefixes' alone, a lower bound.
  const leftTree = (steps.stopped === null ? buildKdTree(leftVectors, d, steps) : null) ?? buildKdTree(noVectors, d, steps)!;
  const rightTree = (steps.stopped === null ? buildKdTree(rightVectors, d, steps) : null) ?? buildKdTree(noVectors, d, steps)!;
  const partners = new Float64Array(leftTree.size);
  if (steps.stopped === null && leftTree.size > 0 && rightTree.size > 0) countPairs(leftTree, rightTree, threshold, partners, steps);
  let scaledCount: ExactCount = wholeCount;
  let small = 0;
  for (let i = 0; i < leftTree.size; i++) {
    const term = leftTree.weights[i]! * partners[i]!;
    if (term <= Number.MAX_SAFE_INTEGER && small + term <= Number.MAX_SAFE_INTEGER) small += term;
    else {
      scaledCount = addCounts(scaledCount, small);
      small = 0;
      scaledCount = addCounts(scaledCount, multiplyCounts(leftTree.weights[i]!, partners[i]!));
    }
  }
  scaledCount = addCounts(scaledCount, small);
  return {
    decomposition,
    left: { groups: leftGroups, tree: leftTree, total: leftTotal },
    right: { groups: rightGroups, tree: rightTree, total: rightTotal },
    parties,
    threshold,
    divisor,
    scale,
    whole,
    partners,
    scaledCount,
  };
}

/** Vectors of one half before they become a tree: `coords[i * d + j]`, a weight and a choice code each. */
export interface Vectors {
  readonly size: number;
  readonly coords: Float64Array;
  readonly weights: Float64Array;
  readonly codes: Float64Array;
}

interface WholeSink {
  readonly whole: WholePrefixes;
  /** The other half's combinations, in scaled multiplicities. */
  readonly otherTotal: number;
}

/**
 * Every combination of the half's choices that can still meet every floor with the best of
 * the other half (`otherMax`), by a depth-first walk that cuts a prefix as soon as it cannot.
 * With `sink`, a prefix whose every completion meets every floor even with the worst of the
 * other half (`otherMin`) is counted whole there instead of being expanded.
 */
function enumerateHalf(
  decomposition: Decomposition,
  list: readonly number[],
  parties: Int32Array,
  threshold: Float64Array,
  otherMax: Float64Array,
  otherMin: Float64Array,
  divisor: Float64Array,
  totals: readonly number[],
  steps: StepCounter,
  sink: WholeSink | null,
): Vectors | 'too large' {
  const { groups, model } = decomposition;
  const n = model.partyCount;
  const d = parties.length;
  const depth = list.length;
  // maxRest[k * d + j]: the most dimension j can still gain from the half's groups k, k+1, …, plus the other half's most.
  const maxRest = new Float64Array((depth + 1) * d);
  const minRest = new Float64Array((depth + 1) * d);
  const restTotal = new Float64Array(depth + 1).fill(1);
  maxRest.set(otherMax, depth * d);
  minRest.set(otherMin, depth * d);
  for (let k = depth - 1; k >= 0; k--) {
    const group = groups[list[k]!]!;
    restTotal[k] = restTotal[k + 1]! * totals[list[k]!]!;
    for (let j = 0; j < d; j++) {
      maxRest[k * d + j] = maxRest[(k + 1) * d + j]! + extremeOf(group, n, parties[j]!, Math.max);
      minRest[k * d + j] = minRest[(k + 1) * d + j]! + extremeOf(group, n, parties[j]!, Math.min);
    }
  }
  let capacity = 1024;
  let coords = new Float64Array(capacity * d);
  let weights = new Float64Array(capacity);
  let codes = new Float64Array(capacity);
  let size = 0;
  let tooLarge = false;
  const scratch = Array.from({ length: depth + 1 }, () => new Float64Array(d));
  const contributions = list.map((g) => {
    const group = groups[g]!;
    return Float64Array.from({ length: group.choiceCount * d }, (_, i) => group.contributions[Math.floor(i / d) * n + parties[i % d]!]!);
  });
  const multiplicities = list.map((g) => groups[g]!.multiplicity.map((m) => m / divisor[g]!));
  const visit = (k: number, weight: number, code: number): void => {
    if (!steps.spend()) return;
    const u = scratch[k]!;
    let surely = sink !== null;
    for (let j = 0; j < d; j++) {
      if (u[j]! + maxRest[k * d + j]! < threshold[j]!) return;
      if (u[j]! + minRest[k * d + j]! < threshold[j]!) surely = false;
    }
    if (surely) {
      sink!.whole.depth.push(k);
      sink!.whole.code.push(code);
      sink!.whole.outcomes.push(multiplyCounts(multiplyCounts(weight, restTotal[k]!), sink!.otherTotal));
      return;
    }
    if (k === depth) {
      if (size === capacity) {
        if (capacity >= HALF_CAPACITY) {
          tooLarge = true;
          return;
        }
        capacity *= 2;
        coords = grown(coords, capacity * d);
        weights = grown(weights, capacity);
        codes = grown(codes, capacity);
      }
      coords.set(u, size * d);
      weights[size] = weight;
      codes[size] = code;
      size++;
      return;
    }
    const next = scratch[k + 1]!;
    const contribution = contributions[k]!;
    const multiplicity = multiplicities[k]!;
    const count = multiplicity.length;
    for (let c = 0; c < count && !tooLarge && steps.stopped === null; c++) {
      for (let j = 0; j < d; j++) next[j] = u[j]! + contribution[c * d + j]!;
      visit(k + 1, weight * multiplicity[c]!, code * count + c);
    }
  };
  visit(0, 1, 0);
  if (tooLarge) return 'too large';
  return { size, coords: coords.subarray(0, size * d), weights: weights.subarray(0, size), codes: codes.subarray(0, size) };
}

function grown(array: Float64Array, length: number): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(length);
  bigger.set(array);
  return bigger;
}

/** The best (`Math.max`) or worst (`Math.min`) a group's choices add to party `p`. */
function extremeOf(group: IssueGroup, n: number, p: number, pick: (a: number, b: number) => number): number {
  let extreme = group.contributions[p]!;
  for (let c = 1; c < group.choiceCount; c++) extreme = pick(extreme, group.contributions[c * n + p]!);
  return extreme;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * Splits the groups into two halves whose numbers of combinations are as close as possible
 * (exactly for up to 16 groups, greedily beyond), each half keeping the groups' order. The
 * left half, whose prefixes may be counted whole, is the one no larger than the other.
 */
export function balancedSplit(choiceCounts: readonly number[]): [number[], number[]] {
  const logs = choiceCounts.map((count) => Math.log(Math.max(1, count)));
  const total = logs.reduce((sum, value) => sum + value, 0);
  const G = logs.length;
  const inLeft = new Uint8Array(G);
  if (G <= 16) {
    let best = 0;
    let bestGap = Infinity;
    for (let mask = 0; mask < 1 << G; mask++) {
      let sum = 0;
      for (let g = 0; g < G; g++) if ((mask >> g) & 1) sum += logs[g]!;
      if (2 * sum > total + 1e-9) continue;
      const gap = total - 2 * sum;
      if (gap < bestGap - 1e-12) [bestGap, best] = [gap, mask];
    }
    for (let g = 0; g < G; g++) inLeft[g] = (best >> g) & 1;
  } else {
    const order = logs.map((_, g) => g).sort((a, b) => logs[b]! - logs[a]! || a - b);
    let left = 0;
    let right = 0;
    for (const g of order) {
      if (right <= left) right += logs[g]!;
      else {
        left += logs[g]!;
        inLeft[g] = 1;
      }
    }
  }
  const all = choiceCounts.map((_, g) => g);
  return [all.filter((g) => inLeft[g] === 1), all.filter((g) => inLeft[g] === 0)];
}
