import { compileEvaluator } from '../analysis/evaluator.js';
import { ParleyError } from '../model/errors.js';
import type { Party } from '../model/party.js';
import { UTILITY_TOLERANCE } from '../model/tolerance.js';

/**
 * The most outcomes an {@link OfferTable} enumerates: each party keeps its utility of every
 * outcome and its ranking (about 16 bytes an outcome), so 2²² outcomes take about 64 MiB a
 * party. Larger domains are refused with a clear error rather than exhausting memory.
 */
export const MAX_TABLE_OUTCOMES = 2 ** 22;

/**
 * One party's view of the outcome space at an alternating-offers table: its utility of
 * every outcome and every outcome it may offer (those that keep its own red lines), ranked
 * best first. Outcomes are numbered (see {@link OfferTable.decode}), so a strategy works on
 * numbers and array lookups, not on objects. Built once per domain and party and shared by
 * every negotiation on it.
 */
export interface OfferSpace {
  /** How many outcomes the domain has. */
  readonly size: number;
  /** The party's best utility (over the outcomes it may offer). */
  readonly best: number;
  /** The party's worst utility over the outcomes it may offer. */
  readonly worst: number;
  /** What walking away is worth to it (no agreement). */
  readonly reservation: number;
  /** Its utility for outcome `outcome` (undiscounted). */
  utility(outcome: number): number;
  /** Whether `outcome` keeps the party's red lines (always true on GENIUS domains). */
  keeps(outcome: number): boolean;
  /** How many outcomes it may offer: ranks run from 0 (its best) to `offerable − 1` (its worst). */
  readonly offerable: number;
  /** The outcome it may offer with rank `rank` (0 = best; ties in outcome order). */
  ranked(rank: number): number;
  /** Its utility for the outcome with rank `rank`. */
  rankedUtility(rank: number): number;
  /**
   * The rank of the least good outcome still worth at least `target` to the party (within
   * `UTILITY_TOLERANCE`): the offer that concedes most without going below `target`. 0
   * (its best) when nothing reaches `target`.
   */
  rankAtLeast(target: number): number;
}

/** Every party's {@link OfferSpace} over one domain, and how outcome numbers map to options. */
export interface OfferTable {
  /** The parties' ids, in the order given (the order they take turns in). */
  readonly ids: readonly string[];
  readonly spaces: readonly OfferSpace[];
  /** Options per issue, in the domain's issue order. */
  readonly optionCounts: readonly number[];
  /** The options of outcome number `outcome`, one index per issue (mixed radix, the last issue fastest). */
  decode(outcome: number, into?: number[]): number[];
  /** The number of the outcome with these options. */
  encode(options: ArrayLike<number>): number;
}

/**
 * Builds the {@link OfferTable} of `parties` (all on one domain): every outcome's utility
 * for every party and each party's ranking of the outcomes it may offer, with the same
 * utilities `assessOutcome` gives.
 *
 * @throws ParleyError `OUTCOME_SPACE_TOO_LARGE` when the domain has more than
 *   {@link MAX_TABLE_OUTCOMES} outcomes.
 *
 * @example
 * ```ts
 * const table = offerTable(scenario.parties);
 * const consumer = table.spaces[0]!;
 * consumer.utility(consumer.ranked(0)) === consumer.best; // true
 * ```
 */
export function offerTable(parties: readonly Party[]): OfferTable {
  const evaluator = compileEvaluator(parties);
  const { optionCounts, issueCount } = evaluator.model;
  const counts = Array.from(optionCounts);
  const size = counts.reduce((product, count) => product * count, 1);
  if (size > MAX_TABLE_OUTCOMES) {
    throw new ParleyError(
      'OUTCOME_SPACE_TOO_LARGE',
      `the domain has ${size} outcomes; alternating-offers strategies and tournaments enumerate them and take at most ${MAX_TABLE_OUTCOMES}: use a smaller domain, or runAlternatingOffers, which searches instead`,
    );
  }
  const strides = new Array<number>(issueCount);
  for (let i = issueCount - 1, stride = 1; i >= 0; stride *= counts[i]!, i--) strides[i] = stride;
  const n = parties.length;
  const utilities = Array.from({ length: n }, () => new Float64Array(size));
  const keeps = Array.from({ length: n }, () => new Uint8Array(size));
  const outcome = new Uint8Array(issueCount);
  const into = new Float64Array(n);
  for (let index = 0; index < size; index++) {
    evaluator.utilities(outcome, into);
    for (let p = 0; p < n; p++) {
      utilities[p]![index] = into[p]!;
      keeps[p]![index] = evaluator.keepsRedLines(p, outcome) ? 1 : 0;
    }
    // Next outcome in mixed radix, the last issue fastest.
    for (let i = issueCount - 1; i >= 0; i--) {
      if (++outcome[i]! < counts[i]!) break;
      outcome[i] = 0;
    }
  }
  const spaces = parties.map((party, p) => offerSpace(utilities[p]!, keeps[p]!, party.reservationValue));
  return {
    ids: parties.map((party) => party.id),
    spaces,
    optionCounts: counts,
    decode(index, into = new Array<number>(issueCount)) {
      let rest = index;
      for (let i = issueCount - 1; i >= 0; i--) {
        const count = counts[i]!;
        into[i] = rest % count;
        rest = (rest - into[i]!) / count;
      }
      return into;
    },
    encode(options) {
      let index = 0;
      for (let i = 0; i < issueCount; i++) index += options[i]! * strides[i]!;
      return index;
    },
  };
}

function offerSpace(utilities: Float64Array, keeps: Uint8Array, reservation: number): OfferSpace {
  const size = utilities.length;
  let offerable = 0;
  for (let k = 0; k < size; k++) offerable += keeps[k]!;
  const order = new Uint32Array(offerable);
  for (let k = 0, j = 0; k < size; k++) if (keeps[k] === 1) order[j++] = k;
  // Best first; equal utilities in outcome order, so the ranking is the same everywhere.
  rankDescending(order, utilities);
  const sorted = Float64Array.from(order, (k) => utilities[k]!);
  const last = offerable - 1;
  return {
    size,
    best: offerable > 0 ? sorted[0]! : 0,
    worst: offerable > 0 ? sorted[last]! : 0,
    reservation,
    offerable,
    utility: (outcome) => utilities[outcome]!,
    keeps: (outcome) => keeps[outcome] === 1,
    ranked: (rank) => order[rank]!,
    rankedUtility: (rank) => sorted[rank]!,
    rankAtLeast(target) {
      // The last rank whose utility is ≥ target (sorted descending): binary search.
      const bar = target - UTILITY_TOLERANCE;
      if (offerable === 0 || sorted[0]! < bar) return 0;
      let low = 0;
      let high = last;
      while (low < high) {
        const mid = (low + high + 1) >>> 1;
        if (sorted[mid]! >= bar) low = mid;
        else high = mid - 1;
      }
      return low;
    },
  };
}

/**
 * Sorts outcome numbers by utility, highest first, equal utilities in the order given
 * (ascending outcome numbers): a stable LSD radix sort on the bits of −u, four passes of 16
 * bits — the same order as a comparison sort, in linear time (a comparison sort of 390 625
 * outcomes with a callback takes about a second).
 */
function rankDescending(order: Uint32Array, utilities: Float64Array): void {
  const n = order.length;
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  // keys[2k] = high word, keys[2k + 1] = low word of the order-preserving transform of −u.
  const keys = new Uint32Array(2 * n);
  for (let k = 0; k < n; k++) {
    bits[0] = -utilities[order[k]!]! + 0; // + 0 turns −0 into +0
    let hi = words[little ? 1 : 0]!;
    let lo = words[little ? 0 : 1]!;
    if (hi >>> 31 === 1) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else hi = (hi | 0x80000000) >>> 0;
    keys[2 * k] = hi;
    keys[2 * k + 1] = lo;
  }
  let from: Uint32Array = order;
  let fromKeys: Uint32Array = keys;
  let to: Uint32Array = new Uint32Array(n);
  let toKeys: Uint32Array = new Uint32Array(2 * n);
  const counts = new Uint32Array(65537);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? 1 : 0;
    const shift = pass % 2 === 0 ? 0 : 16;
    counts.fill(0);
    for (let k = 0; k < n; k++) counts[((fromKeys[2 * k + word]! >>> shift) & 0xffff) + 1]!++;
    for (let b = 1; b <= 65536; b++) counts[b]! += counts[b - 1]!;
    for (let k = 0; k < n; k++) {
      const digit = (fromKeys[2 * k + word]! >>> shift) & 0xffff;
      const at = counts[digit]!++;
      to[at] = from[k]!;
      toKeys[2 * at] = fromKeys[2 * k]!;
      toKeys[2 * at + 1] = fromKeys[2 * k + 1]!;
    }
    [from, to] = [to, from];
    [fromKeys, toKeys] = [toKeys, fromKeys];
  }
  // Four passes: the sorted result is back in the array we started from.
  if (from !== order) order.set(from);
}
