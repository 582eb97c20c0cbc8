import type { TalksStatus } from '../talks/talks-types.js';

/**
 * The counts of some runs of an exploration: everything needed to summarise them, and
 * nothing that depends on the order runs were made in, so tallies of disjoint ranges of
 * runs (from workers or shards) add up to the tally of the whole.
 */
export interface ExploreTally {
  /** How many runs were counted. */
  readonly runs: number;
  /** How many complete talks simulations were made (one per run, plus the sensitivity runs). */
  readonly simulations: number;
  /** `accepted[plan][party]`: runs in which the party accepts that plan version at its reservation value. */
  readonly accepted: readonly (readonly number[])[];
  /** `acceptedByAll[plan]`: runs in which every party accepts that plan version. */
  readonly acceptedByAll: readonly number[];
  /** How the talks ended, in how many runs (all zero when no talks were simulated). */
  readonly endings: Readonly<Record<TalksStatus, number>>;
  /** `flips[assumption]`: runs in which this assumption's draw alone changed the verdict. */
  readonly flips: readonly number[];
  /** `smallestFlip[assumption]`: the smallest change of it alone that changed the verdict, or null. */
  readonly smallestFlip: readonly (number | null)[];
}
