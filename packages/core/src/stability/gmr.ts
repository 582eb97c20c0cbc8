import type { StepCounter } from '../analysis/search-budget.js';
import { utilityOf } from '../model/compiled-party.js';
import { findSanction } from './sanction-search.js';
import type { StabilityModel } from './stability-model.js';
import { sanctionVerdict, type PartyVerdict } from './verdict.js';

/**
 * General metarationality (GMR): a state is GMR stable for a party when every unilateral
 * improvement it has can be answered by the others — some legal sequence of their moves (no
 * party twice in a row, improving for them or not) ends in a state the party likes no better
 * than where it started. The evidence is each improvement with a shortest such sanction.
 *
 * @example
 * ```ts
 * gmrStability(model, 0, outcome, new StepCounter(), 5).stable;
 * ```
 */
export function gmrStability(model: StabilityModel, p: number, state: Uint8Array, counter: StepCounter, evidenceLimit = 5): PartyVerdict {
  const threshold = utilityOf(model.parties[p]!, state);
  return sanctionVerdict(model, 'gmr', p, state, counter, evidenceLimit, (improvement) =>
    findSanction(model, improvement, { focal: p, threshold, improvingOnly: false, noEscape: false }, counter),
  );
}
