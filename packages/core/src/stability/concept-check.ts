import type { StepCounter } from '../analysis/search-budget.js';
import { gmrStability } from './gmr.js';
import { nashStability } from './nash.js';
import { seqStability } from './seq.js';
import { simStability } from './sim.js';
import { smrStability } from './smr.js';
import type { StabilityModel } from './stability-model.js';
import type { PartyVerdict, StabilityConcept } from './verdict.js';

/** @internal The verdict of one concept for one party at one state. */
export function checkConcept(model: StabilityModel, concept: StabilityConcept, p: number, state: Uint8Array, counter: StepCounter, evidenceLimit: number): PartyVerdict {
  switch (concept) {
    case 'nash':
      return nashStability(model, p, state, counter);
    case 'gmr':
      return gmrStability(model, p, state, counter, evidenceLimit);
    case 'smr':
      return smrStability(model, p, state, counter, evidenceLimit);
    case 'seq':
      return seqStability(model, p, state, counter, evidenceLimit);
    case 'sim':
      return simStability(model, p, state, counter, evidenceLimit);
  }
}
