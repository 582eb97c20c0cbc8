import type { StepCounter } from '../analysis/search-budget.js';
import { utilityOf } from '../model/compiled-party.js';
import { findSanction } from './sanction-search.js';
import type { StabilityModel } from './stability-model.js';
import { sanctionVerdict, type PartyVerdict } from './verdict.js';

/**
 * Symmetric metarationality (SMR): as GMR, and the sanction must also hold when the party
 * answers it: from the sanction's end, no move of its own brings it back above where it
 * started.
 *
 * @example
 * ```ts
 * smrStability(model, 0, outcome, new StepCounter()).stable;
 * ```
 */
export function smrStability(model: StabilityModel, p: number, state: Uint8Array, counter: StepCounter, evidenceLimit = 5): PartyVerdict {
  const threshold = utilityOf(model.parties[p]!, state);
  return sanctionVerdict(model, 'smr', p, state, counter, evidenceLimit, (improvement) =>
    findSanction(model, improvement, { focal: p, threshold, improvingOnly: false, noEscape: true }, counter),
  );
}
