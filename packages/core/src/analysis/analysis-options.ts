import { ParleyError } from '../model/errors.js';
import type { Party } from '../model/party.js';
import { likelyIntended } from '../model/problems.js';
import { compileModel, type CompiledModel, type ConstraintRef } from './compiled-model.js';
import { decompose, type Decomposition } from './decomposition.js';
import type { SearchLimits, StepCounter, StopReason } from './search-budget.js';

/** Options shared by every analysis. */
export interface AnalysisOptions extends SearchLimits {
  /**
   * Analyse only outcomes every party accepts: its red lines kept and its utility at least
   * its reservation value. Default true. With false, the whole outcome space counts (the
   * GENIUS view, where only the reservation value of the disagreement point matters).
   */
  readonly acceptableOnly?: boolean;
  /** Constraints to set aside: "what if this red line (or reservation value) gave way?". */
  readonly relax?: readonly ConstraintRef[];
}

/** What every analysis result says about its own exactness. */
export interface Exactness {
  /** True when the search finished and the result is exact. */
  readonly exact: boolean;
  /** Why the search stopped early, or null when it finished. */
  readonly stoppedBy: StopReason | null;
  /** What the result guarantees, as a sentence. */
  readonly guarantee: string;
  /**
   * The work units the search spent (nodes visited, candidates merged, sub-trees counted):
   * the same for the same input and options on every machine, so a budget can be set from it.
   */
  readonly work: number;
}

/** @internal A compiled, decomposed problem ready to search. */
export interface Prepared {
  readonly model: CompiledModel;
  readonly active: Uint8Array;
  readonly decomposition: Decomposition;
  /** Per party, its reservation value when that constraint is active, else −∞. */
  readonly floor: Float64Array;
}

/** @internal Compiles and decomposes `parties` under `options`. */
export function prepare(parties: readonly Party[], options: AnalysisOptions = {}, order: 'domain' | 'spread' = 'domain'): Prepared {
  return prepareModel(compileModel(parties), options, order);
}

/** @internal Decomposes a compiled model under `options`. */
export function prepareModel(model: CompiledModel, options: AnalysisOptions = {}, order: 'domain' | 'spread' = 'domain'): Prepared {
  const on = activeConstraints(model, options);
  const floor = Float64Array.from(model.parties, (_, p) => (on[model.reservationConstraint[p]!] === 1 ? model.reservationValues[p]! : -Infinity));
  return { model, active: on, decomposition: decompose(model, on, { order }), floor };
}

/** @internal Which constraints hold under `options` (1) and which are set aside (0). */
export function activeConstraints(model: CompiledModel, options: AnalysisOptions): Uint8Array {
  const active = new Uint8Array(model.constraints.length).fill(options.acceptableOnly === false ? 0 : 1);
  for (const ref of options.relax ?? []) active[constraintIndex(model, ref)] = 0;
  return active;
}

/** @internal The index of a constraint; throws a `ParleyError` naming the likely intended one. */
export function constraintIndex(model: CompiledModel, ref: ConstraintRef): number {
  const index = model.constraints.findIndex((constraint) => sameRef(constraint.ref, ref));
  if (index >= 0) return index;
  if (!model.parties.some((party) => party.id === ref.party)) {
    const hint = likelyIntended(ref.party, model.parties.map((party) => party.id));
    throw new ParleyError('UNKNOWN_PARTY', `unknown party "${ref.party}"${hint === undefined ? '' : ` (did you mean "${hint}"?)`}`);
  }
  const names = model.constraints.filter((c) => c.ref.party === ref.party && c.ref.kind === 'red-line').map((c) => (c.ref.kind === 'red-line' ? c.ref.redLine : ''));
  const wanted = ref.kind === 'red-line' ? ref.redLine : '';
  const hint = likelyIntended(wanted, names);
  throw new ParleyError('UNKNOWN_RED_LINE', `party "${ref.party}" has no red line "${wanted}"${hint === undefined ? `; it has ${names.join(', ')}` : ` (did you mean "${hint}"?)`}`);
}

/** Whether two constraint references name the same constraint. */
export function sameRef(a: ConstraintRef, b: ConstraintRef): boolean {
  if (a.party !== b.party || a.kind !== b.kind) return false;
  return a.kind === 'reservation' || (b.kind === 'red-line' && a.redLine === b.redLine);
}

/** @internal The exactness block of a result, from the counter its search spent. */
export function exactness(steps: StepCounter, whenExact: string, whenCut: string): Exactness {
  const { stopped, steps: work } = steps;
  return stopped === null ? { exact: true, stoppedBy: null, guarantee: whenExact, work } : { exact: false, stoppedBy: stopped, guarantee: whenCut, work };
}
