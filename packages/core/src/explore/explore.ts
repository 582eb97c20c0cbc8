import type { Scenario } from '../scenario/scenario.js';
import { compileExploration, type ExploreOptions } from './exploration-model.js';
import { createExplorer } from './explorer.js';
import { summarizeExploration, type ExploreResult } from './summary.js';

/** Options of {@link explore}: {@link ExploreOptions} and a progress callback. */
export interface ExploreRunOptions extends ExploreOptions {
  /** Called after each run with how many of `runs` are done. It only observes. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Monte Carlo over the assumptions of a scenario: in each of `runs` runs, the uncertain
 * assumptions (`perturb`: weights, option values, reservation values, which red lines hold,
 * each negotiator's strategy) are drawn, every plan version is judged by every party and the
 * talks are simulated. Returns, each with a 95 % interval: the probability that each party,
 * and every party, accepts each plan version; the probability of an agreement and how the
 * talks end; and the assumptions ranked by how often each alone flips the verdict, with the
 * smallest change of it that did. The same seed gives the same result.
 *
 * Runs here, on one thread; `exploreInParallel` (`@parley/core/node`) spreads them over
 * worker threads with the same result.
 *
 * @example
 * ```ts
 * const scenario = await loadScenario('seeds/ukraine-2025');
 * const talks = await loadTalks('seeds/ukraine-2025', scenario);
 * const result = explore(scenario, { runs: 500, seed: 7, talks, perturb: { reservation: 0.05, weights: 0.2 } });
 * result.plans.find((plan) => plan.plan === 'us-ukraine-19')?.acceptedBy.russia.probability;
 * result.talks?.endings.adjourned; // { probability: 1, low: 0.992…, high: 1, count: 500, runs: 500 }
 * result.sensitivity[0]?.label;     // the assumption the verdict hangs on most
 * ```
 */
export function explore(scenario: Scenario, options: ExploreRunOptions): ExploreResult {
  const model = compileExploration(scenario, options);
  const explorer = createExplorer(model);
  let done = 0;
  const tally = explorer.runRange(0, model.runs, options.onProgress === undefined ? undefined : () => options.onProgress!(++done, model.runs));
  return summarizeExploration(model.meta, tally);
}
