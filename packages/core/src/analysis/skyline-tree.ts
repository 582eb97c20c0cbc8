/**
 * @internal A balanced k-d tree over a fixed set of utility vectors (the candidates of one
 * frontier-merge stage), in which points become active one at a time, as a skyline sweep
 * keeps them. It answers the sweep's one question: "does an active point dominate this one?"
 *
 * The tree is built once, before the sweep, by median splits on the coordinate that varies
 * most (so it stays balanced whatever order the points are kept in). Each node keeps the
 * largest value per coordinate over its *active* points only (−∞ while it has none), so a
 * query skips every subtree that has no active point or none that reaches the query point
 * in some coordinate. Leaves hold a few points, tested one by one.
 *
 * Work is counted in {@link SkylineTree.visits}: nodes whose box a query tests, leaf points
 * it tests, and nodes an activation updates. They depend on the input alone.
 */
export class SkylineTree {
  readonly dimensions: number;
  /** Boxes and points tested so far (queries and activations): the measure of work. */
  visits = 0;
  readonly #u: Float64Array;
  /** The candidates, reordered so that every node holds a contiguous range `#lo … #hi`. */
  readonly #perm: Int32Array;
  readonly #lo: Int32Array;
  readonly #hi: Int32Array;
  /** `#firstChild[k]`: node k's children are `firstChild` and `firstChild + 1`; −1 for a leaf. */
  readonly #firstChild: Int32Array;
  readonly #parent: Int32Array;
  /** `#high[k * n + p]`: the largest coordinate `p` among node k's active points. */
  readonly #high: Float64Array;
  readonly #leafOf: Int32Array;
  readonly #active: Uint8Array;
  readonly #from: number;
  #stack: Int32Array;

  /**
   * A tree over `u[i * dimensions …]` for `i < size`. `splitFrom` 1 is for a sweep in
   * descending order of coordinate 0, which has settled that coordinate for every active
   * point already: the tree neither splits nor prunes on it (its points are still tested in
   * every coordinate).
   */
  constructor(u: Float64Array, size: number, dimensions: number, splitFrom = 0, bucket = 16) {
    const n = dimensions;
    this.dimensions = n;
    this.#u = u;
    const perm = new Int32Array(size);
    for (let i = 0; i < size; i++) perm[i] = i;
    // A binary tree whose leaves are non-empty has fewer than 2·size nodes.
    const capacity = 2 * size + 1;
    const lo = new Int32Array(capacity);
    const hi = new Int32Array(capacity);
    const firstChild = new Int32Array(capacity).fill(-1);
    const parent = new Int32Array(capacity);
    const leafOf = new Int32Array(size);
    hi[0] = size;
    parent[0] = -1;
    let count = 1;
    for (let k = 0; k < count; k++) {
      const a = lo[k]!;
      const b = hi[k]!;
      if (b - a <= bucket) {
        for (let t = a; t < b; t++) leafOf[perm[t]!] = k;
        continue;
      }
      const mid = split(u, perm, a, b, n, splitFrom);
      if (mid === a || mid === b) {
        // Every sampled value equal: no split helps; a larger leaf it is.
        for (let t = a; t < b; t++) leafOf[perm[t]!] = k;
        continue;
      }
      firstChild[k] = count;
      lo[count] = a;
      hi[count] = mid;
      lo[count + 1] = mid;
      hi[count + 1] = b;
      parent[count] = k;
      parent[count + 1] = k;
      count += 2;
    }
    this.#perm = perm;
    this.#lo = lo;
    this.#hi = hi;
    this.#firstChild = firstChild;
    this.#parent = parent;
    this.#leafOf = leafOf;
    this.#high = new Float64Array(count * n).fill(-Infinity);
    this.#active = new Uint8Array(size);
    this.#from = splitFrom;
    this.#stack = new Int32Array(64);
  }

  /** Makes every point inactive again, for another sweep over the same points. */
  reset(): void {
    this.#high.fill(-Infinity);
    this.#active.fill(0);
  }

  /** Makes point `i` active: later queries see it. */
  activate(i: number): void {
    const n = this.dimensions;
    const u = this.#u;
    const high = this.#high;
    this.#active[i] = 1;
    for (let node = this.#leafOf[i]!; node !== -1; node = this.#parent[node]!) {
      this.visits++;
      let raised = false;
      for (let p = 0; p < n; p++) {
        if (u[i * n + p]! > high[node * n + p]!) {
          high[node * n + p] = u[i * n + p]!;
          raised = true;
        }
      }
      // A box the point does not raise holds for every ancestor too (each contains it).
      if (!raised) break;
    }
  }

  /**
   * Some active point `j` with `u[j][p] − u[i][p] ≥ −tolerance` in every coordinate `p`,
   * or −1 if there is none; −2 if the query gave up after `limit` visits.
   */
  atLeast(i: number, tolerance: number, limit = Infinity): number {
    const n = this.dimensions;
    const u = this.#u;
    const high = this.#high;
    const firstChild = this.#firstChild;
    const perm = this.#perm;
    const active = this.#active;
    const from = this.#from;
    let stack = this.#stack;
    let top = 0;
    stack[top++] = 0;
    let visits = 0;
    let found = -1;
    search: while (top > 0) {
      const node = stack[--top]!;
      if (++visits > limit) {
        found = -2;
        break;
      }
      // The same difference, in the same form, as the test of a single point below, so the
      // box never rules out a point the test would accept (subtraction is monotonic). Only
      // from `#from`: below it the sweep's order has settled the test for every active point
      // already (the points themselves are still tested in full).
      for (let p = from; p < n; p++) if (high[node * n + p]! - u[i * n + p]! < -tolerance) continue search;
      const child = firstChild[node]!;
      if (child === -1) {
        const end = this.#hi[node]!;
        for (let t = this.#lo[node]!; t < end; t++) {
          const j = perm[t]!;
          if (active[j] === 0) continue;
          visits++;
          let holds = true;
          for (let p = 0; p < n && holds; p++) if (u[j * n + p]! - u[i * n + p]! < -tolerance) holds = false;
          if (holds) {
            found = j;
            break search;
          }
        }
        continue;
      }
      if (top + 2 > stack.length) {
        const bigger = new Int32Array(stack.length * 2);
        bigger.set(stack);
        stack = bigger;
        this.#stack = stack;
      }
      // The upper half first (popped first): a dominator is high in every coordinate.
      stack[top++] = child;
      stack[top++] = child + 1;
    }
    this.visits += visits;
    return found;
  }
}

/** How many evenly spaced points of a node choose its split. */
const SAMPLE = 31;
const sample = new Float64Array(SAMPLE);

/**
 * Splits `perm[a … b)` in two on the coordinate (from `from` up) whose values spread widest,
 * at the median of a sample of evenly spaced points: one pass over the points, and halves
 * balanced enough. Returns where the upper half (values at least the pivot) starts.
 */
function split(u: Float64Array, perm: Int32Array, a: number, b: number, n: number, from: number): number {
  const stride = Math.max(1, Math.floor((b - a) / SAMPLE));
  let best = from;
  let widest = -1;
  for (let p = from; p < n; p++) {
    let low = Infinity;
    let high = -Infinity;
    for (let t = a, s = 0; s < SAMPLE && t < b; t += stride, s++) {
      const value = u[perm[t]! * n + p]!;
      if (value < low) low = value;
      if (value > high) high = value;
    }
    if (high - low > widest) {
      widest = high - low;
      best = p;
    }
  }
  let taken = 0;
  for (let t = a; taken < SAMPLE && t < b; t += stride) sample[taken++] = u[perm[t]! * n + best]!;
  const sorted = sample.subarray(0, taken).sort();
  let pivot = sorted[taken >> 1]!;
  // With many values equal to the median, split above them rather than not at all.
  if (pivot === sorted[0]) pivot = sorted.find((value) => value > pivot) ?? pivot;
  let m = a;
  for (let t = a; t < b; t++) {
    const i = perm[t]!;
    if (u[i * n + best]! < pivot) {
      perm[t] = perm[m]!;
      perm[m] = i;
      m++;
    }
  }
  return m;
}
