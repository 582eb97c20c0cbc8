import type { StepCounter } from '../analysis/search-budget.js';
import { utilityOf } from '../model/compiled-party.js';
import { findSanction } from './sanction-search.js';
import type { StabilityModel } from './stability-model.js';
import { sanctionVerdict, type PartyVerdict } from './verdict.js';

/**
 * Sequential stability (SEQ): as GMR, but the sanction must be credible: each move in it
 * is a unilateral improvement for the party that makes it.
 *
 * @example
 * ```ts
 * seqStability(model, 0, outcome, new StepCounter()).stable;
 * ```
 */
export function seqStability(model: StabilityModel, p: number, state: Uint8Array, counter: StepCounter, evidenceLimit = 5): PartyVerdict {
  const threshold = utilityOf(model.parties[p]!, state);
  return sanctionVerdict(model, 'seq', p, state, counter, evidenceLimit, (improvement) =>
    findSanction(model, improvement, { focal: p, threshold, improvingOnly: true, noEscape: false }, counter),
  );
}
