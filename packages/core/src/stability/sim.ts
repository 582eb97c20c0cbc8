import type { StepCounter } from '../analysis/search-budget.js';
import { utilityOf } from '../model/compiled-party.js';
import { isFeasible, noBetter, type StabilityModel } from './stability-model.js';
import type { PathStep, SanctionResult } from './sanction-search.js';
import { improvementsOf, sanctionVerdict, type PartyVerdict } from './verdict.js';

/**
 * Simultaneous stability (SIM): the party and another party move at the same time from the
 * state, each with a unilateral improvement of its own; the state is SIM stable for the
 * party when each of its improvements can be met by some other party's simultaneous
 * improvement whose joint result (each issue as its mover set it) leaves it no better off.
 * Two moves that set one issue to different options cannot be made together.
 *
 * @example
 * ```ts
 * simStability(model, 0, outcome, new StepCounter()).stable;
 * ```
 */
export function simStability(model: StabilityModel, p: number, state: Uint8Array, counter: StepCounter, evidenceLimit = 5): PartyVerdict {
  const focal = model.parties[p]!;
  const threshold = utilityOf(focal, state);
  let others: { mover: string; moves: Uint8Array[] }[] | undefined;
  return sanctionVerdict(model, 'sim', p, state, counter, evidenceLimit, (improvement): SanctionResult => {
    if (others === undefined) {
      others = [];
      for (let j = 0; j < model.parties.length; j++) {
        if (j === p) continue;
        const moves = improvementsOf(model, j, state, counter);
        if (moves === undefined) return undefined;
        others.push({ mover: model.partyIds[j]!, moves });
      }
    }
    for (const { mover, moves } of others) {
      for (const move of moves) {
        if (!counter.spend()) return undefined;
        const joint = combine(state, improvement, move);
        if (joint === null || !isFeasible(model, joint)) continue;
        if (noBetter(utilityOf(focal, joint), threshold)) {
          const steps: PathStep[] = [{ mover, state: move }, { mover: `${model.partyIds[p]}+${mover}`, state: joint }];
          return steps;
        }
      }
    }
    return null;
  });
}

/** The state both moves from `base` reach together, or null when they set one issue differently. */
function combine(base: Uint8Array, a: Uint8Array, b: Uint8Array): Uint8Array | null {
  const out = base.slice();
  for (let k = 0; k < base.length; k++) {
    const changedA = a[k] !== base[k];
    const changedB = b[k] !== base[k];
    if (changedA && changedB && a[k] !== b[k]) return null;
    out[k] = changedA ? a[k]! : b[k]!;
  }
  return out;
}
