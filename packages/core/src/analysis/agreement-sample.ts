import { unsafeUniformBigIntDistribution, unsafeUniformIntDistribution, xoroshiro128plus, type RandomGenerator } from 'pure-rand';
import { ParleyError } from '../model/errors.js';
import type { Outcome } from '../model/outcome.js';
import type { Party } from '../model/party.js';
import { countAgreements, type PairCounting } from './agreement-count.js';
import { type AnalysisOptions, type Exactness, prepare } from './analysis-options.js';
import { applyChoice, decompose, type Decomposition } from './decomposition.js';
import { drawPartner } from './kd-tree.js';
import { deadlineOf, StepCounter } from './search-budget.js';

/** Options of {@link sampleAgreements}. */
export interface SampleOptions extends AnalysisOptions {
  /** How many outcomes to draw (with replacement): a whole number ≥ 0. */
  readonly count: number;
  /** The seed of the draws: same parties, options and seed, same outcomes. A 32-bit integer. */
  readonly seed: number;
}

/** Outcomes drawn uniformly at random from the agreement space. */
export interface AgreementSample extends Exactness {
  /**
   * The outcomes drawn, each independently and uniformly from every agreement (so one may
   * come twice). All `count` of them when `exact`; fewer (perhaps none) when the budget ran
   * out; none when no agreement exists.
   */
  readonly outcomes: readonly Outcome[];
  /** How many agreements there are (a lower bound when the count was cut short): exact up to 2^53 − 1. */
  readonly agreements: number;
  /** The same, exact at any size. */
  readonly exactAgreements: bigint;
}

/**
 * Draws outcomes uniformly at random (with replacement) from the agreement space: every
 * outcome that keeps every red line and gives every party at least its reservation value is
 * equally likely. It draws from the structure that counts the agreements exactly (see
 * {@link agreementSpace}), never by rejection: an issue group's combination on the left half
 * in proportion to the agreements it is part of, then a compatible combination on the right
 * half in proportion to its weight, then one concrete option combination of each group's
 * merged choice, uniformly. Deterministic: the same parties, options and seed give the
 * same outcomes, on every machine.
 *
 * The count and the draws spend one work budget (`budget`, default `DEFAULT_BUDGET`). When
 * the count cannot finish, nothing is drawn (`exact` false, and `agreements` is a lower
 * bound); when the budget runs out while drawing, the outcomes drawn so far are returned.
 * A domain too wide for the count's two halves to fit in memory (60 issues of 10 options)
 * gives no sample either, and says so.
 *
 * @example
 * ```ts
 * const sample = sampleAgreements(scenario.parties, { count: 1000, seed: 42 });
 * if (sample.exact) {
 *   const share = sample.outcomes.filter((o) => choicesOf(scenario.domain, o)['nato.membership'] === 'renounced-by-policy').length / 1000;
 *   console.log(`${(100 * share).toFixed(1)}% of the ${formatCount(sample.exactAgreements)} agreements renounce NATO membership`);
 * }
 * ```
 */
export function sampleAgreements(parties: readonly Party[], options: SampleOptions): AgreementSample {
  const { count, seed } = options;
  if (!Number.isSafeInteger(count) || count < 0) throw new ParleyError('INVALID_SAMPLE', `count must be a whole number ≥ 0 of outcomes to draw; got ${String(count)}`);
  if (!Number.isInteger(seed) || seed < -(2 ** 31) || seed >= 2 ** 32) throw new ParleyError('INVALID_SAMPLE', `seed must be a 32-bit integer; got ${String(seed)}`);
  const prepared = prepare(parties, options);
  const steps = new StepCounter(options, deadlineOf(options));
  const counted = countAgreements(prepared.decomposition, prepared.floor, steps);
  const base = { agreements: counted.count, exactAgreements: counted.exactCount };
  const result = (outcomes: Outcome[], exact: boolean, guarantee: string): AgreementSample => ({
    ...base,
    outcomes,
    exact,
    stoppedBy: steps.stopped,
    guarantee,
    work: steps.steps,
  });
  if (!counted.complete) return result([], false, `none drawn: the count stopped (${steps.stopped}) after ${steps.steps} steps; at least ${counted.exactCount} outcomes are agreements`);
  if (counted.exactCount === 0n) return result([], true, 'exact: no outcome is an agreement, so there is nothing to draw');
  if (counted.counting === null) {
    const why = counted.fellBack === 'budget' ? 'the budget is too small to build the count\'s two halves (pass a larger one)' : 'the domain is too wide for the count\'s two halves to fit in memory';
    return result([], false, `none drawn: ${why}; the ${counted.exactCount} agreements were counted by search, which cannot draw from them`);
  }
  const sampler = new Sampler(counted.counting, decompose(prepared.model, prepared.active, { merge: false }), xoroshiro128plus(seed));
  const outcomes: Outcome[] = [];
  while (outcomes.length < count) {
    const outcome = sampler.draw(steps);
    if (outcome === null) break;
    outcomes.push(outcome);
  }
  if (outcomes.length < count) {
    return result(outcomes, false, `${outcomes.length} of ${count} drawn: the budget for drawing stopped (${steps.stopped}); each one drawn is still uniform over the ${counted.exactCount} agreements`);
  }
  return result(outcomes, true, `exact: ${count} outcomes drawn uniformly (with replacement) from all ${counted.exactCount} agreements`);
}

/** Draws from a finished {@link PairCounting}, one outcome at a time. */
class Sampler {
  readonly #counting: PairCounting;
  readonly #rng: RandomGenerator;
  /** Cumulative outcome weights: the whole prefixes first, then each left vector (weight × partners). */
  readonly #cumulative: Float64Array | bigint[];
  readonly #wholeCount: number;
  /** Per group: the cumulative scaled multiplicities of its choices, to draw one by weight. */
  readonly #choiceWeights: Float64Array[];
  /** Per group and merged choice: the unmerged choices it stands for (`members[g][c]`). */
  readonly #members: Int32Array[][];
  readonly #unmerged: Decomposition;
  readonly #choices: Int32Array;

  constructor(counting: PairCounting, unmerged: Decomposition, rng: RandomGenerator) {
    this.#counting = counting;
    this.#unmerged = unmerged;
    this.#rng = rng;
    const { whole, left, partners, decomposition } = counting;
    this.#wholeCount = whole.outcomes.length;
    const size = whole.outcomes.length + left.tree.size;
    const safe = BigInt(counting.scaledCount) <= BigInt(Number.MAX_SAFE_INTEGER);
    if (safe) {
      const cumulative = new Float64Array(size + 1);
      for (let e = 0; e < whole.outcomes.length; e++) cumulative[e + 1] = cumulative[e]! + Number(whole.outcomes[e]!);
      for (let i = 0; i < left.tree.size; i++) cumulative[this.#wholeCount + i + 1] = cumulative[this.#wholeCount + i]! + left.tree.weights[i]! * partners[i]!;
      this.#cumulative = cumulative;
    } else {
      const cumulative: bigint[] = [0n];
      for (let e = 0; e < whole.outcomes.length; e++) cumulative.push(cumulative[e]! + BigInt(whole.outcomes[e]!));
      for (let i = 0; i < left.tree.size; i++) cumulative.push(cumulative[this.#wholeCount + i]! + BigInt(left.tree.weights[i]!) * BigInt(partners[i]!));
      this.#cumulative = cumulative;
    }
    const { groups, model } = decomposition;
    this.#choiceWeights = groups.map((group, g) => {
      const cumulative = new Float64Array(group.choiceCount + 1);
      for (let c = 0; c < group.choiceCount; c++) cumulative[c + 1] = cumulative[c]! + group.multiplicity[c]! / counting.divisor[g]!;
      return cumulative;
    });
    // The merged choices are keyed by their contribution vectors, as `decompose` merges them.
    const n = model.partyCount;
    this.#members = groups.map((group, g) => {
      const index = new Map<string, number>();
      for (let c = 0; c < group.choiceCount; c++) index.set(Array.prototype.join.call(group.contributions.subarray(c * n, c * n + n), ','), c);
      const lists: number[][] = Array.from({ length: group.choiceCount }, () => []);
      const raw = unmerged.groups[g]!;
      for (let u = 0; u < raw.choiceCount; u++) lists[index.get(Array.prototype.join.call(raw.contributions.subarray(u * n, u * n + n), ','))!]!.push(u);
      return lists.map((list) => Int32Array.from(list));
    });
    this.#choices = new Int32Array(groups.length);
  }

  /** One outcome, or null when `steps` ran out. */
  draw(steps: StepCounter): Outcome | null {
    if (!steps.spend()) return null;
    const { whole, left, right, threshold } = this.#counting;
    const choices = this.#choices;
    const entry = this.#pick(this.#cumulative);
    if (entry < this.#wholeCount) {
      // A whole prefix: its fixed choices, then every other group's choice by weight alone.
      const depth = whole.depth[entry]!;
      this.#decode(left.groups.slice(0, depth), whole.code[entry]!);
      for (const g of left.groups.slice(depth)) choices[g] = this.#byWeight(g);
      for (const g of right.groups) choices[g] = this.#byWeight(g);
    } else {
      const i = entry - this.#wholeCount;
      this.#decode(left.groups, left.tree.codes[i]!);
      const d = left.tree.d;
      const point = left.tree.coords.subarray(i * d, i * d + d);
      const r = this.#uniform(this.#counting.partners[i]!);
      const partner = drawPartner(right.tree, point, threshold, r, steps);
      if (partner < 0) return null;
      this.#decode(right.groups, right.tree.codes[partner]!);
    }
    const outcome = new Uint8Array(this.#unmerged.model.issueCount);
    this.#unmerged.groups.forEach((group, g) => {
      const members = this.#members[g]![choices[g]!]!;
      const member = members.length === 1 ? members[0]! : members[unsafeUniformIntDistribution(0, members.length - 1, this.#rng)]!;
      applyChoice(group, member, outcome);
    });
    return outcome;
  }

  /** Writes the choices of `groups` encoded in `code` (mixed radix, first group most significant). */
  #decode(groups: readonly number[], code: number): void {
    const all = this.#counting.decomposition.groups;
    for (let k = groups.length - 1; k >= 0; k--) {
      const radix = all[groups[k]!]!.choiceCount;
      this.#choices[groups[k]!] = code % radix;
      code = Math.floor(code / radix);
    }
  }

  /** A choice of group g drawn in proportion to its (scaled) multiplicity. */
  #byWeight(g: number): number {
    return this.#pick(this.#choiceWeights[g]!);
  }

  /** A whole number in [0, total), uniformly. */
  #uniform(total: number): number {
    return unsafeUniformIntDistribution(0, total - 1, this.#rng);
  }

  /** The index e with cumulative[e] ≤ r < cumulative[e + 1], for r uniform below the last entry. */
  #pick(cumulative: Float64Array | bigint[]): number {
    const last = cumulative.length - 1;
    let low = 0;
    let high = last - 1;
    if (cumulative instanceof Float64Array) {
      const r = this.#uniform(cumulative[last]!);
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (cumulative[middle]! <= r) low = middle;
        else high = middle - 1;
      }
    } else {
      const r = unsafeUniformBigIntDistribution(0n, cumulative[last]! - 1n, this.#rng);
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (cumulative[middle]! <= r) low = middle;
        else high = middle - 1;
      }
    }
    return low;
  }
}
