import type { OpponentEstimate } from './offer-strategy.js';

/** An opponent model learnt from the offers a party sees: see {@link frequencyModel}. */
export interface FrequencyModel {
  /** Learns from one offer of the opponent (its options, one index per issue). */
  observe(options: ArrayLike<number>): void;
  /** How many offers it has seen. */
  readonly offers: number;
  /** The estimated utility of an outcome (its options) for the opponent, in [0, 1]. */
  utility(options: ArrayLike<number>): number;
  /** The current estimate: normalised weights and option values. */
  estimate(): OpponentEstimate;
}

/**
 * The frequency opponent model of HardHeaded (van Krimpen, Looije & Hajizadeh, ANAC 2011;
 * analysed as the "frequency model" by Baarslag et al., "Predicting the performance of
 * opponent models in automated negotiation", 2013): an opponent changes the issues it cares
 * about least, and offers its favourite options most. Issue weights start equal; each time an
 * issue keeps its option from one offer to the next its weight grows by `learningRate / n`
 * (n issues), then the weights are normalised. Each offered option's count grows by 1; an
 * option's estimated value is its count over the largest count.
 *
 * @example
 * ```ts
 * const model = frequencyModel([3, 3]);
 * model.observe([0, 2]);
 * model.observe([1, 2]); // issue 1 kept its option: it seems to matter more
 * model.estimate().weights; // [≈ 0.45, ≈ 0.55]
 * ```
 */
export function frequencyModel(optionCounts: readonly number[], learningRate = 0.2): FrequencyModel {
  const n = optionCounts.length;
  const weights = new Float64Array(n).fill(1 / n);
  const counts = optionCounts.map((count) => new Float64Array(count));
  const most = new Float64Array(n);
  const last = new Int32Array(n).fill(-1);
  const step = learningRate / n;
  let offers = 0;
  return {
    get offers() {
      return offers;
    },
    observe(options) {
      if (offers > 0) {
        let total = 0;
        for (let i = 0; i < n; i++) {
          if (options[i] === last[i]) weights[i]! += step;
          total += weights[i]!;
        }
        for (let i = 0; i < n; i++) weights[i]! /= total;
      }
      for (let i = 0; i < n; i++) {
        const option = options[i]!;
        const count = ++counts[i]![option]!;
        if (count > most[i]!) most[i] = count;
        last[i] = option;
      }
      offers++;
    },
    utility(options) {
      if (offers === 0) return 0;
      let sum = 0;
      for (let i = 0; i < n; i++) sum += (weights[i]! * counts[i]![options[i]!]!) / most[i]!;
      return sum;
    },
    estimate() {
      return {
        weights: Float64Array.from(weights),
        values: counts.map((row, i) => Float64Array.from(row, (count) => (most[i]! > 0 ? count / most[i]! : 0))),
      };
    },
  };
}
