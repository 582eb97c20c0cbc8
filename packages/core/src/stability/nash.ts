import type { StepCounter } from '../analysis/search-budget.js';
import type { StabilityModel } from './stability-model.js';
import { improvementsOf, type PartyVerdict } from './verdict.js';

/**
 * Nash stability (R): a state is Nash stable for a party when it has no unilateral
 * improvement: no move of its own, alone, reaches a state it strictly prefers. When it is
 * not, `breakingMove` is its best improvement.
 *
 * @example
 * ```ts
 * const verdict = nashStability(model, 0, outcome, new StepCounter());
 * verdict.stable; // true when party 0 cannot do better alone
 * ```
 */
export function nashStability(model: StabilityModel, p: number, state: Uint8Array, counter: StepCounter): PartyVerdict {
  const party = model.partyIds[p]!;
  const improvements = improvementsOf(model, p, state, counter);
  if (improvements === undefined) return { party, concept: 'nash', stable: null, improvements: 0, sanctioned: [] };
  const best = improvements[0];
  return best === undefined
    ? { party, concept: 'nash', stable: true, improvements: 0, sanctioned: [] }
    : { party, concept: 'nash', stable: false, improvements: improvements.length, breakingMove: best, sanctioned: [] };
}
