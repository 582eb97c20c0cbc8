import { changeMagnitude, drawRun, movedParty, simParties } from './perturbation.js';
import type { ExplorationModel } from './exploration-model.js';
import { createRunVerdict, sameVerdict, talksSeedOf } from './run-verdict.js';
import type { ExploreTally } from './tally.js';
import { TallyBuilder, type RunOutcome } from './tally-ops.js';

// Bisection steps that narrow down the smallest flipping change along one draw: 2⁻⁶ of
// the draw's size is finer than the bounds anyone writes assumptions with.
const BISECTION_STEPS = 6;

/**
 * Runs slices of an exploration: each run draws the uncertain assumptions (from the seed and
 * the run's number alone), judges every plan version and simulates the talks with them, and,
 * for the sensitivity ranking, does the same with each assumption's draw alone. Runs are
 * independent, so any split of `[0, runs)` into slices tallies to the same whole.
 *
 * @example
 * ```ts
 * const explorer = createExplorer(compileExploration(scenario, { runs: 1000, perturb, talks }));
 * const first = explorer.runRange(0, 500);
 * const second = explorer.runRange(500, 1000);
 * addTallies(first, second); // the tally of runRange(0, 1000)
 * ```
 */
export function createExplorer(model: ExplorationModel) {
  const verdictOf = createRunVerdict(model);
  const { parties, assumptions, seed } = model;
  const nominal = simParties(parties, assumptions, null);
  // An assumption moves one party: the others are the very `nominal` objects in every run,
  // so the engine's views of them are remembered across runs.
  const shape = { plans: model.plans.length, parties: parties.length, assumptions: assumptions.length };
  const fixedBaseline: RunOutcome | null = model.rounds === 0 ? model.meta.baseline : null;

  /** Runs `[from, to)`; `onRun` is called after each, for progress. */
  const runRange = (from: number, to: number, onRun?: () => void): ExploreTally => {
    const tally = new TallyBuilder(shape);
    for (let run = from; run < to; run++) {
      const draw = drawRun(parties, assumptions, seed, run);
      const talksSeed = talksSeedOf(seed, run);
      tally.countRun(verdictOf(simParties(parties, assumptions, draw), talksSeed));
      let simulations = 1;
      if (model.sensitivity && assumptions.length > 0) {
        // Free rounds see the parties in a seeded order: compare with the scenario as written
        // under the same order, so that only the assumption differs.
        const baseline = fixedBaseline ?? ((simulations += 1), verdictOf(nominal, talksSeed));
        assumptions.forEach((assumption, index) => {
          const flipsAt = (scale: number): boolean => {
            simulations += 1;
            const moved = movedParty(parties, assumptions, draw, { assumption: index, scale });
            const alone = nominal.map((party, p) => (p === assumption.party ? moved : party));
            return !sameVerdict(verdictOf(alone, talksSeed), baseline);
          };
          const size = changeMagnitude(assumption, draw[index]!, 1);
          // A draw that changes nothing cannot flip the verdict: no need to simulate it.
          if (size === 0 || !flipsAt(1)) {
            tally.countSensitivity(index, false, null);
            return;
          }
          let scale = 1;
          if (assumption.kind !== 'red-line' && assumption.kind !== 'strategy') {
            let low = 0;
            for (let step = 0; step < BISECTION_STEPS; step++) {
              const middle = (low + scale) / 2;
              if (flipsAt(middle)) scale = middle;
              else low = middle;
            }
          }
          tally.countSensitivity(index, true, changeMagnitude(assumption, draw[index]!, scale));
        });
      }
      tally.countSimulations(simulations);
      onRun?.();
    }
    return tally.toTally();
  };

  return { runRange };
}

/** The explorer made by {@link createExplorer}. */
export type Explorer = ReturnType<typeof createExplorer>;
