import type { Outcome } from '../model/outcome.js';
import type { Party } from '../model/party.js';
import { forEachCompletion } from '../model/completions.js';
import { ruleHolds, type CompiledRule } from '../model/rule.js';
import { meetsThreshold } from '../model/tolerance.js';
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
 * A rule over a few issues turned into a lookup table over their option combinations:
 * `table[Σ outcome[issues[k]] × strides[k]]`. Evaluating it is one index computation,
 * instead of walking the rule's tree.
 */
interface RuleTable {
  readonly issues: Int32Array;
  readonly strides: Int32Array;
}

function tabulate(rule: CompiledRule, issues: readonly number[], model: CompiledModel): RuleTable & { holds: Uint8Array } {
  const strides = new Int32Array(issues.length);
  let size = 1;
  issues.forEach((issue, k) => {
    strides[k] = size;
    size *= model.optionCounts[issue]!;
  });
  const holds = new Uint8Array(size);
  const scratch = new Int16Array(model.issueCount);
  forEachCompletion(issues, issues.map((issue) => model.optionCounts[issue]!), scratch, (index) => {
    holds[index] = ruleHolds(rule, scratch) ? 1 : 0;
  });
  return { issues: Int32Array.from(issues), strides, holds };
}

function tableIndex(table: RuleTable, outcome: Outcome): number {
  let index = 0;
  for (let k = 0; k < table.issues.length; k++) index += outcome[table.issues[k]!]! * table.strides[k]!;
  return index;
}

/**
 * Compiles `parties` into an {@link Evaluator}. Utilities use the same products and the
 * same order of addition as `assessOutcome`, so the numbers are identical, not just close.
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
  // Option-major copy of the weighted values: one pass over the issues fills every party.
  // Up to four parties, rows are four wide (zeros past the last party), so that the sums run
  // in four locals instead of through the output array (adding 0 changes no sum).
  const stride = partyCount <= 4 ? 4 : partyCount;
  const byOption = new Float64Array(optionTotal * stride);
  for (let p = 0; p < partyCount; p++) {
    for (let k = 0; k < optionTotal; k++) byOption[k * stride + p] = weightedValues[p * optionTotal + k]!;
  }
  const partyOfConstraint = model.constraints.map((constraint) => parties.findIndex((party) => party.id === constraint.ref.party));
  const masksOf = Array.from({ length: partyCount }, (_, p) => model.masks.filter((mask) => partyOfConstraint[mask.constraint] === p));
  const clausesOf = Array.from({ length: partyCount }, (_, p) =>
    model.residuals.filter((clause) => partyOfConstraint[clause.constraint] === p).map((clause) => tabulate(clause.rule, clause.issues, model)),
  );
  const termsOf = Array.from({ length: partyCount }, (_, p) =>
    model.interactions.filter((term) => term.party === p).map((term) => ({ ...tabulate(term.rule, term.issues, model), delta: term.delta })),
  );
  const allTerms = termsOf.flatMap((terms, p) => terms.map((term) => ({ ...term, party: p })));

  const utility = (party: number, outcome: Outcome): number => {
    const base = party * optionTotal;
    let sum = 0;
    for (let i = 0; i < issueCount; i++) sum += weightedValues[base + optionOffsets[i]! + outcome[i]!]!;
    const terms = termsOf[party]!;
    for (let k = 0; k < terms.length; k++) {
      const term = terms[k]!;
      if (term.holds[tableIndex(term, outcome)] === 1) sum += term.delta;
    }
    return sum;
  };
  const keepsRedLines = (party: number, outcome: Outcome): boolean => {
    const masks = masksOf[party]!;
    for (let k = 0; k < masks.length; k++) {
      const mask = masks[k]!;
      if (mask.allowed[outcome[mask.issue]!] === 0) return false;
    }
    const clauses = clausesOf[party]!;
    for (let k = 0; k < clauses.length; k++) {
      const clause = clauses[k]!;
      if (clause.holds[tableIndex(clause, outcome)] === 0) return false;
    }
    return true;
  };
  const accepts = (party: number, outcome: Outcome): boolean =>
    keepsRedLines(party, outcome) && meetsThreshold(utility(party, outcome), model.reservationValues[party]!);
  return {
    model,
    utilities(outcome, into = new Float64Array(partyCount)) {
      if (stride === 4) {
        // Each party's sum in issue order, as `utility` adds it: the same numbers.
        let a = 0;
        let b = 0;
        let c = 0;
        let d = 0;
        for (let i = 0; i < issueCount; i++) {
          const row = (optionOffsets[i]! + outcome[i]!) * 4;
          a += byOption[row]!;
          b += byOption[row + 1]!;
          c += byOption[row + 2]!;
          d += byOption[row + 3]!;
        }
        into[0] = a;
        if (partyCount > 1) into[1] = b;
        if (partyCount > 2) into[2] = c;
        if (partyCount > 3) into[3] = d;
      } else {
        into.fill(0);
        for (let i = 0; i < issueCount; i++) {
          const row = (optionOffsets[i]! + outcome[i]!) * stride;
          for (let p = 0; p < partyCount; p++) into[p] = into[p]! + byOption[row + p]!;
        }
      }
      for (let k = 0; k < allTerms.length; k++) {
        const term = allTerms[k]!;
        if (term.holds[tableIndex(term, outcome)] === 1) into[term.party] = into[term.party]! + term.delta;
      }
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
