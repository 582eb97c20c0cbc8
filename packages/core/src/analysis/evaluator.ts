import type { Outcome } from '../outcome.js';
import type { Party } from '../party.js';
import { ruleHolds } from '../rule.js';
import { compileModel, type CompiledModel } from './compiled-model.js';

/**
 * Fast evaluation of complete outcomes for a fixed set of parties: utilities by table
 * lookups, red lines by per-issue masks plus the few multi-issue clauses. Gives the same
 * answers as {@link assessOutcome}, without building an explanation.
 */
export interface Evaluator {
  readonly model: CompiledModel;
  /** Writes every party's utility for `outcome` into `into` (allocated when omitted). */
  utilities(outcome: Outcome, into?: Float64Array): Float64Array;
  /** The utility of party `party` (its index) for `outcome`. */
  utility(party: number, outcome: Outcome): number;
  /** Whether `outcome` keeps every red line of party `party`. */
  keepsRedLines(party: number, outcome: Outcome): boolean;
  /** Whether party `party` accepts `outcome`: red lines kept and utility ≥ its reservation value. */
  accepts(party: number, outcome: Outcome): boolean;
  /** Whether every party accepts `outcome`. */
  acceptedByAll(outcome: Outcome): boolean;
}

/**
 * Compiles `parties` into an {@link Evaluator}.
 *
 * @example
 * ```ts
 * const evaluator = compileEvaluator(scenario.parties);
 * const utilities = evaluator.utilities(outcome); // Float64Array, one per party
 * evaluator.acceptedByAll(outcome);
 * ```
 */
export function compileEvaluator(parties: readonly Party[]): Evaluator {
  const model = compileModel(parties);
  const { issueCount, optionOffsets, optionTotal, weightedValues, partyCount } = model;
  // Per party: the masks and residual clauses of its red lines, and its interactions.
  const partyOfConstraint = model.constraints.map((constraint) => parties.findIndex((party) => party.id === constraint.ref.party));
  const masksOf = Array.from({ length: partyCount }, (_, p) => model.masks.filter((mask) => partyOfConstraint[mask.constraint] === p));
  const residualsOf = Array.from({ length: partyCount }, (_, p) => model.residuals.filter((clause) => partyOfConstraint[clause.constraint] === p));
  const interactionsOf = Array.from({ length: partyCount }, (_, p) => model.interactions.filter((term) => term.party === p));

  const utility = (party: number, outcome: Outcome): number => {
    const base = party * optionTotal;
    let sum = 0;
    for (let i = 0; i < issueCount; i++) sum += weightedValues[base + optionOffsets[i]! + outcome[i]!]!;
    const terms = interactionsOf[party]!;
    for (let k = 0; k < terms.length; k++) {
      const term = terms[k]!;
      if (ruleHolds(term.rule, outcome)) sum += term.delta;
    }
    return sum;
  };
  const keepsRedLines = (party: number, outcome: Outcome): boolean => {
    const masks = masksOf[party]!;
    for (let k = 0; k < masks.length; k++) {
      const mask = masks[k]!;
      if (mask.allowed[outcome[mask.issue]!] === 0) return false;
    }
    const clauses = residualsOf[party]!;
    for (let k = 0; k < clauses.length; k++) if (!ruleHolds(clauses[k]!.rule, outcome)) return false;
    return true;
  };
  const accepts = (party: number, outcome: Outcome): boolean =>
    keepsRedLines(party, outcome) && utility(party, outcome) >= model.reservationValues[party]!;
  return {
    model,
    utilities(outcome, into = new Float64Array(partyCount)) {
      for (let p = 0; p < partyCount; p++) into[p] = utility(p, outcome);
      return into;
    },
    utility,
    keepsRedLines,
    accepts,
    acceptedByAll(outcome) {
      for (let p = 0; p < partyCount; p++) if (!accepts(p, outcome)) return false;
      return true;
    },
  };
}
