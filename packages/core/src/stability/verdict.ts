import type { StepCounter } from '../analysis/search-budget.js';
import { utilityOf } from '../model/compiled-party.js';
import { forEachMove, partyMover } from './moves.js';
import type { PathStep, SanctionResult } from './sanction-search.js';
import { better, type StabilityModel } from './stability-model.js';

/** The stability concepts of the graph model: Nash (R), GMR, SMR, SEQ and SIM. */
export type StabilityConcept = 'nash' | 'gmr' | 'smr' | 'seq' | 'sim';

/** Every concept, in the order the literature lists them. */
export const STABILITY_CONCEPTS: readonly StabilityConcept[] = ['nash', 'gmr', 'smr', 'seq', 'sim'];

/** One improvement of the focal party and the sanction that deters it (the others' moves after it). */
export interface Sanctioned {
  readonly improvement: Uint8Array;
  /** The sanction: the others' moves from the improvement (for SIM: the simultaneous move, then the joint result). */
  readonly sanction: readonly PathStep[];
}

/**
 * Whether a state is stable for one party under one concept, with the evidence: when
 * unstable, the improvement nobody deters (`breakingMove`); when stable, each improvement
 * with its sanction (the first `evidenceLimit` of them). `stable` is null when the work
 * budget ran out before the answer was known.
 */
export interface PartyVerdict {
  readonly party: string;
  readonly concept: StabilityConcept;
  readonly stable: boolean | null;
  /** How many unilateral improvements the party has from the state. */
  readonly improvements: number;
  readonly breakingMove?: Uint8Array;
  readonly sanctioned: readonly Sanctioned[];
}

/** @internal The focal party's unilateral improvements from `state`, best first (ties in move order). */
export function improvementsOf(model: StabilityModel, p: number, state: Uint8Array, counter: StepCounter): Uint8Array[] | undefined {
  const party = model.parties[p]!;
  const here = utilityOf(party, state);
  const found: { state: Uint8Array; utility: number }[] = [];
  let outOfBudget = false;
  forEachMove(model, partyMover(model, p), state, (target) => {
    if (!counter.spend()) {
      outOfBudget = true;
      return false;
    }
    const utility = utilityOf(party, target);
    if (better(utility, here)) found.push({ state: target.slice(), utility });
    return true;
  });
  if (outOfBudget) return undefined;
  // A stable sort: equal utilities keep the deterministic move order.
  return found.sort((a, b) => b.utility - a.utility).map((entry) => entry.state);
}

/**
 * @internal The verdict of a sanction-based concept: every improvement needs a sanction; the
 * first one without a sanction breaks the state.
 */
export function sanctionVerdict(
  model: StabilityModel,
  concept: StabilityConcept,
  p: number,
  state: Uint8Array,
  counter: StepCounter,
  evidenceLimit: number,
  sanctionOf: (improvement: Uint8Array) => SanctionResult,
): PartyVerdict {
  const party = model.partyIds[p]!;
  const improvements = improvementsOf(model, p, state, counter);
  if (improvements === undefined) return { party, concept, stable: null, improvements: 0, sanctioned: [] };
  const sanctioned: Sanctioned[] = [];
  for (const improvement of improvements) {
    const sanction = sanctionOf(improvement);
    if (sanction === undefined) return { party, concept, stable: null, improvements: improvements.length, sanctioned };
    if (sanction === null) return { party, concept, stable: false, improvements: improvements.length, breakingMove: improvement, sanctioned };
    if (sanctioned.length < evidenceLimit) sanctioned.push({ improvement, sanction });
  }
  return { party, concept, stable: true, improvements: improvements.length, sanctioned };
}
