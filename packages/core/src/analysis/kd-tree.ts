import type { Vectors } from './agreement-count.js';
import type { StepCounter } from './search-budget.js';

// A k-d tree of weighted partial utility vectors, and the dual traversal that counts pairs
// (a from one tree, b from the other) with a_j + b_j ≥ threshold_j in every dimension j.
// Each box keeps the least and the most of each dimension over its vectors and their total
// weight, so a pair of boxes is counted whole when the sum of their least values meets every
// threshold and dropped when the sum of their most misses one; only pairs of boxes that
// straddle the boundary are split.
//
// Splitting alone is not enough in four dimensions: on the benchmark's 4-party domains a
// quarter of all pairs of vectors ended in pairs of leaves still straddling (3·10^9 vector
// comparisons), because a box of 16 vectors in 4 dimensions is wide. But most straddling pairs
// straddle one threshold only (83% of them), and nearly all the rest two: a pair of boxes whose
// sums are settled in all but one dimension is a one-dimensional count, done by merging the
// two boxes' vectors sorted by that dimension (linear); with two dimensions left, a sweep on
// one and a Fenwick tree over the other's ranks (n log n). So the traversal splits only pairs
// with three or more dimensions open, which are rare (the corners of the acceptable region).
// Each box keeps its vectors sorted by every dimension (on every `stride`-th level of the
// tree; a box between them filters its ancestor's lists), which the two counts walk.

/** Vectors per leaf box. Measured: 8 to 32 are within a few percent of each other; 16 is the middle. */
const LEAF_SIZE = 16;

/** One work unit stands for 2^UNIT_SHIFT elementary steps of the counts (see countPairs). */
const UNIT_SHIFT = 4;

/** A k-d tree of weighted vectors in `d` dimensions, its vectors in tree order. */
export interface KdTree {
  readonly size: number;
  readonly d: number;
  /** `coords[i * d + j]`: dimension j of vector i (in tree order). */
  readonly coords: Float64Array;
  readonly weights: Float64Array;
  /** Each vector's choice code in its half (see `agreement-count.ts`). */
  readonly codes: Float64Array;
  /** `prefix[i]`: the total weight of vectors 0 … i − 1, for drawing one in proportion to its weight. */
  readonly prefix: Float64Array;
  readonly nodeCount: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** The second child of a node (the first is the node after it), or −1 for a leaf. */
  readonly second: Int32Array;
  /** `lo[node * d + j]` / `hi[node * d + j]`: the box of the node's vectors. */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly weight: Float64Array;
  /** The depth of each node (the root is 0). */
  readonly depth: Int32Array;
  /** Sorted lists are kept on the levels that are multiples of `stride`. */
  readonly stride: number;
  /** `sorted[j][(level / stride) * size + i]` for i in a node's range: its vectors sorted by dimension j (ascending). */
  readonly sorted: readonly Int32Array[];
  /** The same lists' values of dimension j, side by side: the counts read them in order, not by random access. */
  readonly sortedKeys: readonly Float64Array[];
  /** For each node, its nearest ancestor (or itself) on a level with sorted lists. */
  readonly anchor: Int32Array;
}

/** The most entries of sorted lists one tree keeps (12 bytes each: 100 MB): past it, fewer levels keep them. */
const SORTED_ENTRIES = 1 << 23;

/**
 * Builds a k-d tree over `vectors`: each box is cut at the median of its widest dimension.
 * Spends its work up front, as one batch (a unit per 32 vectors per level, and per 8 vectors
 * per dimension for the sorted lists); returns null, having built nothing, when it does not fit.
 */
export function buildKdTree(vectors: Vectors, d: number, steps: StepCounter): KdTree | null {
  const { size } = vectors;
  const depth = Math.max(1, Math.ceil(Math.log2(Math.max(1, size / LEAF_SIZE))) + 1);
  if (size > 0 && !steps.spendBatch(1 + ((size * depth) >> 5) + d * (size >> 3))) return null;
  const perm = Int32Array.from({ length: size }, (_, i) => i);
  const capacity = Math.max(1, 2 * Math.ceil(size / (LEAF_SIZE / 2)) + 1);
  const start = new Int32Array(capacity);
  const end = new Int32Array(capacity);
  const second = new Int32Array(capacity);
  const lo = new Float64Array(capacity * d);
  const hi = new Float64Array(capacity * d);
  const weight = new Float64Array(capacity);
  const depthOf = new Int32Array(capacity);
  let levels = 1;
  const source = vectors.coords;
  let nodeCount = 0;
  const build = (from: number, to: number, level: number): number => {
    const node = nodeCount++;
    depthOf[node] = level;
    if (level + 1 > levels) levels = level + 1;
    start[node] = from;
    end[node] = to;
    let total = 0;
    for (let j = 0; j < d; j++) {
      lo[node * d + j] = Infinity;
      hi[node * d + j] = -Infinity;
    }
    for (let i = from; i < to; i++) {
      const at = perm[i]! * d;
      total += vectors.weights[perm[i]!]!;
      for (let j = 0; j < d; j++) {
        const value = source[at + j]!;
        if (value < lo[node * d + j]!) lo[node * d + j] = value;
        if (value > hi[node * d + j]!) hi[node * d + j] = value;
      }
    }
    weight[node] = total;
    let widest = -1;
    let extent = 0;
    for (let j = 0; j < d; j++) {
      const span = hi[node * d + j]! - lo[node * d + j]!;
      if (span > extent) [widest, extent] = [j, span];
    }
    // A leaf when small, or when every vector is the same point (nothing to cut).
    if (to - from <= LEAF_SIZE || widest < 0) {
      second[node] = -1;
      return node;
    }
    const middle = (from + to) >> 1;
    select(perm, source, d, widest, from, to - 1, middle);
    build(from, middle, level + 1);
    second[node] = build(middle, to, level + 1);
    return node;
  };
  if (size > 0) build(0, size, 0);
  const coords = new Float64Array(size * d);
  const weights = new Float64Array(size);
  const codes = new Float64Array(size);
  const prefix = new Float64Array(size + 1);
  for (let i = 0; i < size; i++) {
    const from = perm[i]!;
    for (let j = 0; j < d; j++) coords[i * d + j] = source[from * d + j]!;
    weights[i] = vectors.weights[from]!;
    codes[i] = vectors.codes[from]!;
    prefix[i + 1] = prefix[i]! + weights[i]!;
  }
  const stride = Math.max(1, Math.ceil((size * d * levels) / SORTED_ENTRIES));
  const kept = Math.ceil(levels / stride);
  const anchor = new Int32Array(nodeCount);
  const fillAnchors = (node: number, from: number): void => {
    const own = depthOf[node]! % stride === 0 ? node : from;
    anchor[node] = own;
    if (second[node]! >= 0) {
      fillAnchors(node + 1, own);
      fillAnchors(second[node]!, own);
    }
  };
  if (nodeCount > 0) fillAnchors(0, 0);
  // Merge sort up the tree, one dimension at a time: each node's list is the merge of its children's.
  const sorted: Int32Array[] = [];
  const sortedKeys: Float64Array[] = [];
  const work = Array.from({ length: levels }, () => new Int32Array(size));
  const workKeys = Array.from({ length: levels }, () => new Float64Array(size));
  for (let j = 0; j < d; j++) {
    const list = new Int32Array(kept * size);
    const keys = new Float64Array(kept * size);
    const fill = (node: number): void => {
      const from = start[node]!;
      const to = end[node]!;
      const level = depthOf[node]!;
      const out = work[level]!;
      const outKeys = workKeys[level]!;
      if (second[node]! < 0) {
        for (let i = from; i < to; i++) {
          // Insertion sort: a leaf holds at most LEAF_SIZE vectors (or copies of one point).
          const key = coords[i * d + j]!;
          let k = i;
          while (k > from && outKeys[k - 1]! > key) {
            out[k] = out[k - 1]!;
            outKeys[k] = outKeys[k - 1]!;
            k--;
          }
          out[k] = i;
          outKeys[k] = key;
        }
      } else {
        fill(node + 1);
        fill(second[node]!);
        const child = work[level + 1]!;
        const childKeys = workKeys[level + 1]!;
        const middle = start[second[node]!]!;
        let x = from;
        let y = middle;
        for (let k = from; k < to; k++) {
          if (y >= to || (x < middle && childKeys[x]! <= childKeys[y]!)) {
            out[k] = child[x]!;
            outKeys[k] = childKeys[x++]!;
          } else {
            out[k] = child[y]!;
            outKeys[k] = childKeys[y++]!;
          }
        }
      }
      if (level % stride === 0) {
        list.set(out.subarray(from, to), (level / stride) * size + from);
        keys.set(outKeys.subarray(from, to), (level / stride) * size + from);
      }
    };
    if (nodeCount > 0) fill(0);
    sorted.push(list);
    sortedKeys.push(keys);
  }
  return { size, d, coords, weights, codes, prefix, nodeCount, start, end, second, lo, hi, weight, depth: depthOf, stride, sorted, sortedKeys, anchor };
}

/** Where a node's vectors sorted by one dimension are: `list[from + q]`, `keys[from + q]` for q < `count`. */
interface SortedView {
  list: Int32Array;
  keys: Float64Array;
  from: number;
  count: number;
}

/**
 * Points `view` at the vectors of `node` sorted by dimension `j`, and their values of it: its
 * own list in place (no copy), or its anchor's list filtered into `scratch` / `scratchKeys`.
 */
function sortedView(t: KdTree, node: number, j: number, scratch: Int32Array, scratchKeys: Float64Array, view: SortedView): void {
  const anchorNode = t.anchor[node]!;
  const list = t.sorted[j]!;
  const keys = t.sortedKeys[j]!;
  const base = (t.depth[anchorNode]! / t.stride) * t.size;
  const from = t.start[node]!;
  const to = t.end[node]!;
  if (anchorNode === node) {
    view.list = list;
    view.keys = keys;
    view.from = base + from;
    view.count = to - from;
    return;
  }
  let count = 0;
  for (let i = t.start[anchorNode]!; i < t.end[anchorNode]!; i++) {
    const v = list[base + i]!;
    if (v >= from && v < to) {
      scratchKeys[count] = keys[base + i]!;
      scratch[count++] = v;
    }
  }
  view.list = scratch;
  view.keys = scratchKeys;
  view.from = 0;
  view.count = count;
}

/**
 * Reorders `perm[from..to]` so that `perm[k]` holds the vector of rank k by dimension `j`,
 * those before it no greater and those after no smaller (Hoare's selection, middle pivot:
 * deterministic, and the vectors come in no adversarial order).
 */
function select(perm: Int32Array, coords: Float64Array, d: number, j: number, from: number, to: number, k: number): void {
  let left = from;
  let right = to;
  while (left < right) {
    const pivot = coords[perm[(left + right) >> 1]! * d + j]!;
    let i = left;
    let r = right;
    while (i <= r) {
      while (coords[perm[i]! * d + j]! < pivot) i++;
      while (coords[perm[r]! * d + j]! > pivot) r--;
      if (i <= r) {
        const swap = perm[i]!;
        perm[i] = perm[r]!;
        perm[r] = swap;
        i++;
        r--;
      }
    }
    if (k <= r) right = r;
    else if (k >= i) left = i;
    else return;
  }
}

/**
 * Adds to `partners[i]`, for each vector i of tree `a`, the total weight of the vectors b of
 * tree `b` with a_j + b_j ≥ threshold_j in every dimension: one work unit per pair of boxes
 * compared, and one per 16 pairs of vectors compared in pairs of leaves.
 */
export function countPairs(a: KdTree, b: KdTree, threshold: Float64Array, partners: Float64Array, steps: StepCounter): void {
  const d = a.d;
  // Weight of b's boxes counted whole against a's box, pushed down to a's vectors at the end.
  const pending = new Float64Array(a.nodeCount);
  const aLo = a.lo;
  const aHi = a.hi;
  const bLo = b.lo;
  const bHi = b.hi;
  const undecidedDims = new Int32Array(d);
  // Scratch for the one- and two-dimensional counts: sorted vectors of each box and their
  // values, ranks, a Fenwick tree.
  const aList = new Int32Array(a.size);
  const aKeys = new Float64Array(a.size);
  const bList = new Int32Array(b.size);
  const bKeys = new Float64Array(b.size);
  const bByOther = new Int32Array(b.size);
  const bOtherKeys = new Float64Array(b.size);
  const rank = new Int32Array(b.size);
  const fenwick = new Float64Array(b.size + 1);
  const ac = a.coords;
  const bc = b.coords;
  const bw = b.weights;
  const aView: SortedView = { list: aList, keys: aKeys, from: 0, count: 0 };
  const bView: SortedView = { list: bList, keys: bKeys, from: 0, count: 0 };
  const bOtherView: SortedView = { list: bByOther, keys: bOtherKeys, from: 0, count: 0 };
  /** Only dimension j open: for each a (by a_j ascending), the b's meeting it are a growing suffix by b_j. */
  const oneDimension = (na: number, nb: number, j: number): void => {
    sortedView(a, na, j, aList, aKeys, aView);
    sortedView(b, nb, j, bList, bKeys, bView);
    const { list: al, keys: ak, from: af, count: nA } = aView;
    const { list: bl, keys: bk, from: bf, count: nB } = bView;
    if (!steps.spendBatch(1 + ((nA + nB) >> UNIT_SHIFT))) return;
    const t = threshold[j]!;
    let sum = 0;
    let p = nB;
    for (let q = 0; q < nA; q++) {
      const x = ak[af + q]!;
      while (p > 0 && x + bk[bf + p - 1]! >= t) sum += bw[bl[bf + --p]!]!;
      const i = al[af + q]!;
      partners[i] = partners[i]! + sum;
    }
  };
  /**
   * Dimensions j and k open: a sweep on j (as in one dimension) inserting each b into a
   * Fenwick tree at its rank by k, and for each a a sum over the suffix of ranks that meet k.
   */
  const twoDimensions = (na: number, nb: number, j: number, k: number): void => {
    sortedView(a, na, j, aList, aKeys, aView);
    sortedView(b, nb, j, bList, bKeys, bView);
    sortedView(b, nb, k, bByOther, bOtherKeys, bOtherView);
    const { list: al, keys: ak, from: af, count: nA } = aView;
    const { list: bl, keys: bk, from: bf, count: nB } = bView;
    const { list: ol, keys: ok, from: of } = bOtherView;
    if (!steps.spendBatch(1 + (((nA + nB) * (33 - Math.clz32(nB))) >> UNIT_SHIFT))) return;
    const offset = b.start[nb]!;
    for (let r = 0; r < nB; r++) rank[ol[of + r]! - offset] = r;
    fenwick.fill(0, 0, nB + 1);
    const tj = threshold[j]!;
    const tk = threshold[k]!;
    let p = nB;
    for (let q = 0; q < nA; q++) {
      const xj = ak[af + q]!;
      while (p > 0 && xj + bk[bf + p - 1]! >= tj) {
        const v = bl[bf + --p]!;
        // Fenwick over ranks counted from the top, so a suffix of ranks is a prefix here.
        const weight = bw[v]!;
        for (let r = nB - rank[v - offset]!; r <= nB; r += r & -r) fenwick[r] = fenwick[r]! + weight;
      }
      if (p === nB) continue;
      // The first rank by k whose b meets a in dimension k (the test is monotone in b_k).
      const i = al[af + q]!;
      const xk = ac[i * d + k]!;
      let low = 0;
      let high = nB;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (xk + ok[of + middle]! >= tk) high = middle;
        else low = middle + 1;
      }
      let sum = 0;
      for (let r = nB - low; r > 0; r -= r & -r) sum += fenwick[r]!;
      partners[i] = partners[i]! + sum;
    }
  };
  const visit = (na: number, nb: number, mask: number): void => {
    if (!steps.spend()) return;
    let open = 0;
    for (let j = 0; j < d; j++) {
      if (((mask >> j) & 1) === 0) continue;
      const t = threshold[j]!;
      if (aHi[na * d + j]! + bHi[nb * d + j]! < t) return;
      if (aLo[na * d + j]! + bLo[nb * d + j]! < t) open |= 1 << j;
    }
    if (open === 0) {
      pending[na] = pending[na]! + b.weight[nb]!;
      return;
    }
    const aLeaf = a.second[na]! < 0;
    const bLeaf = b.second[nb]! < 0;
    const sizes = (a.end[na]! - a.start[na]!) * (b.end[nb]! - b.start[nb]!);
    if (sizes > 64 && (open & (open - 1)) === 0) {
      oneDimension(na, nb, 31 - Math.clz32(open));
      return;
    }
    const rest = open & (open - 1);
    if (sizes > 64 && (rest & (rest - 1)) === 0) {
      const high = 31 - Math.clz32(open);
      twoDimensions(na, nb, high, 31 - Math.clz32(open & ~(1 << high)));
      return;
    }
    if (aLeaf && bLeaf) {
      leaves(na, nb, open);
      return;
    }
    // Split the box with more vectors: the pairs left to settle shrink fastest that way.
    if (bLeaf || (!aLeaf && a.end[na]! - a.start[na]! >= b.end[nb]! - b.start[nb]!)) {
      visit(na + 1, nb, open);
      if (steps.stopped === null) visit(a.second[na]!, nb, open);
    } else {
      visit(na, nb + 1, open);
      if (steps.stopped === null) visit(na, b.second[nb]!, open);
    }
  };
  const leaves = (na: number, nb: number, open: number): void => {
    let count = 0;
    for (let j = 0; j < d; j++) if ((open >> j) & 1) undecidedDims[count++] = j;
    const aFrom = a.start[na]!;
    const aTo = a.end[na]!;
    const bFrom = b.start[nb]!;
    const bTo = b.end[nb]!;
    if (!steps.spendBatch(1 + (((aTo - aFrom) * (bTo - bFrom)) >> UNIT_SHIFT))) return;
    for (let i = aFrom; i < aTo; i++) {
      let sum = 0;
      for (let k = bFrom; k < bTo; k++) {
        let ok = true;
        for (let q = 0; q < count; q++) {
          const j = undecidedDims[q]!;
          if (ac[i * d + j]! + bc[k * d + j]! < threshold[j]!) {
            ok = false;
            break;
          }
        }
        if (ok) sum += bw[k]!;
      }
      partners[i] = partners[i]! + sum;
    }
  };
  visit(0, 0, (1 << d) - 1);
  // Push each box's whole counts down to its vectors (children come after their parent).
  for (let node = 0; node < a.nodeCount; node++) {
    const amount = pending[node]!;
    if (amount === 0) continue;
    const next = a.second[node]!;
    if (next < 0) {
      for (let i = a.start[node]!; i < a.end[node]!; i++) partners[i] = partners[i]! + amount;
    } else {
      pending[node + 1] = pending[node + 1]! + amount;
      pending[next] = pending[next]! + amount;
    }
  }
}

/**
 * The vector of tree `t` that a weighted draw `r` (0 ≤ r < the total weight of the vectors b
 * with point_j + b_j ≥ threshold_j) lands on, walking the boxes in tree order: each box wholly
 * compatible is skipped whole or entered by its prefix sums. One work unit per box visited.
 * Returns −1 when `r` is past the total, or when `steps` ran out.
 */
export function drawPartner(t: KdTree, point: Float64Array, threshold: Float64Array, r: number, steps: StepCounter): number {
  const d = t.d;
  let rest = r;
  const walk = (node: number, mask: number): number => {
    if (!steps.spend()) return -1;
    let open = 0;
    for (let j = 0; j < d; j++) {
      if (((mask >> j) & 1) === 0) continue;
      if (point[j]! + t.hi[node * d + j]! < threshold[j]!) return -1;
      if (point[j]! + t.lo[node * d + j]! < threshold[j]!) open |= 1 << j;
    }
    if (open === 0) {
      if (rest >= t.weight[node]!) {
        rest -= t.weight[node]!;
        return -1;
      }
      // The vector i with prefix[i] ≤ prefix[start] + rest < prefix[i + 1].
      const target = t.prefix[t.start[node]!]! + rest;
      let low = t.start[node]!;
      let high = t.end[node]! - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (t.prefix[middle]! <= target) low = middle;
        else high = middle - 1;
      }
      return low;
    }
    if (t.second[node]! < 0) {
      for (let i = t.start[node]!; i < t.end[node]!; i++) {
        let ok = true;
        for (let j = 0; j < d && ok; j++) if (point[j]! + t.coords[i * d + j]! < threshold[j]!) ok = false;
        if (!ok) continue;
        if (rest < t.weights[i]!) return i;
        rest -= t.weights[i]!;
      }
      return -1;
    }
    const first = walk(node + 1, open);
    return first >= 0 || steps.stopped !== null ? first : walk(t.second[node]!, open);
  };
  return t.size === 0 ? -1 : walk(0, (1 << d) - 1);
}

