import type { CompiledParty } from '../model/compiled-party.js';
import type { PartyStrategyName } from '../talks/strategies.js';

/**
 * A party as one run of an exploration has it: the engine's compiled party with this run's
 * numbers (weights, values, reservation value, the red lines it holds), and the strategy its
 * negotiator follows in the talks. Plain data: it crosses to worker threads as is. The
 * exploration's base parties (the scenario as written) have this form too.
 */
export interface RunParty extends CompiledParty {
  readonly strategy: PartyStrategyName;
}
