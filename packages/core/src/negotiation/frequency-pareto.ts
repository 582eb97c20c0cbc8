import { frequencyModel, type FrequencyModel } from './frequency-model.js';
import type { OfferStrategy } from './offer-strategy.js';
import { timeDependentTarget } from './time-dependent.js';

/** Options of {@link frequencyPareto}. */
export interface FrequencyParetoOptions {
  /** The concession exponent of its own target ({@link timeDependentTarget}); default 0.5, Boulware-like. */
  readonly e?: number;
  /** How many offers just above its target it chooses among; default 64. */
  readonly window?: number;
  /** The frequency model's learning rate; default 0.2. */
  readonly learningRate?: number;
}

/**
 * Offers near the estimated Pareto frontier, as HardHeaded does: its own target follows the
 * time-dependent curve ({@link timeDependentTarget}); among the `window` offers that concede
 * most while keeping that target, it offers the one its {@link frequencyModel}s of the other
 * parties rate best for them (summed over the others; ties to the better one for itself). It
 * accepts offers worth at least its target. Before it has seen an offer it opens at its best.
 *
 * @example
 * ```ts
 * const strategy = frequencyPareto({ e: 0.3 });
 * const negotiator = strategy(session);
 * negotiator.estimate?.(1)?.weights; // its estimate of party 1's issue weights
 * ```
 */
export function frequencyPareto(options: FrequencyParetoOptions = {}): OfferStrategy {
  const e = options.e ?? 0.5;
  const window = Math.max(1, Math.floor(options.window ?? 64));
  return (session) => {
    const { space, parties, party } = session;
    const models: (FrequencyModel | null)[] = Array.from({ length: parties }, (_, q) => (q === party ? null : frequencyModel(session.optionCounts, options.learningRate)));
    const scratch: number[] = [];
    let seen = 0;
    return {
      propose(_round, time) {
        const last = space.rankAtLeast(timeDependentTarget(e, time, space));
        if (seen === 0) return space.ranked(last);
        let bestRank = last;
        let bestScore = -Infinity;
        for (let rank = Math.max(0, last - window + 1); rank <= last; rank++) {
          const options = session.decode(space.ranked(rank), scratch);
          let score = 0;
          for (const model of models) if (model !== null) score += model.utility(options);
          if (score > bestScore) {
            bestScore = score;
            bestRank = rank;
          }
        }
        return space.ranked(bestRank);
      },
      respond(outcome, by, _round, time) {
        models[by]?.observe(session.decode(outcome, scratch));
        seen++;
        return space.utility(outcome) >= timeDependentTarget(e, time, space) - 1e-9;
      },
      estimate: (q) => models[q]?.estimate() ?? null,
    };
  };
}
