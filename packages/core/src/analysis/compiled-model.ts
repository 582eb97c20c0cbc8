import type { Domain } from '../model/domain.js';
import { ParleyError } from '../model/errors.js';
import type { CompiledParty } from '../model/compiled-party.js';
import { compiledParty, type Party } from '../model/party.js';
import type { CompiledRule } from '../model/rule.js';

/**
 * A constraint the analysis can hold or relax: one red line of one party, or one party's
 * reservation value ("accepts only what beats walking away").
 */
export type ConstraintRef =
  | { readonly party: string; readonly kind: 'red-line'; readonly redLine: string }
  | { readonly party: string; readonly kind: 'reservation' };

/** A constraint with the words that state it, for proofs and relaxations people can read. */
export interface ConstraintInfo {
  readonly ref: ConstraintRef;
  readonly partyName: string;
  /** The red line's sentence, or "<party> accepts only outcomes worth at least <r>". */
  readonly text: string;
  readonly sources: readonly string[];
}

/** A red line's part that mentions one issue: the options it allows there. */
export interface IssueMask {
  readonly constraint: number;
  readonly issue: number;
  readonly allowed: Uint8Array;
}

/** A red line's part that links several issues, checked on combinations of their options. */
export interface ResidualClause {
  readonly constraint: number;
  readonly rule: CompiledRule;
  readonly issues: readonly number[];
}

/** An interaction term of one party, compiled. */
export interface CompiledInteraction {
  readonly party: number;
  readonly rule: CompiledRule;
  readonly issues: readonly number[];
  readonly delta: number;
}

/**
 * Parties compiled once into flat typed arrays over a shared domain, so that evaluating an
 * outcome is array lookups: `weightedValues[party * optionTotal + optionOffset[issue] + option]`
 * is the weight × value that option contributes to the party's utility. Red lines become
 * per-issue allowed masks plus the residual multi-issue clauses; reservation values become
 * constraints of their own, so proofs and relaxations can name them.
 */
export interface CompiledModel {
  readonly domain: Domain;
  /** The parties in the engine's form, in the order given. */
  readonly parties: readonly CompiledParty[];
  readonly partyCount: number;
  readonly issueCount: number;
  readonly optionCounts: Uint16Array;
  readonly optionOffsets: Int32Array;
  readonly optionTotal: number;
  readonly weightedValues: Float64Array;
  readonly masks: readonly IssueMask[];
  readonly residuals: readonly ResidualClause[];
  readonly interactions: readonly CompiledInteraction[];
  readonly reservationValues: Float64Array;
  /** Every constraint: each party's red lines in order, then each party's reservation. */
  readonly constraints: readonly ConstraintInfo[];
  /** `reservationConstraint[party]`: the index in `constraints` of that party's reservation. */
  readonly reservationConstraint: Int32Array;
}

const cache = new WeakMap<readonly object[], CompiledModel>();

/**
 * Compiles parties (all over one domain) for analysis. The result is cached per array.
 *
 * @example
 * ```ts
 * const model = compileModel(scenario.parties);
 * model.constraints.length; // every red line plus one reservation per party
 * ```
 */
export function compileModel(parties: readonly Party[]): CompiledModel {
  const cached = cache.get(parties);
  if (cached !== undefined) return cached;
  const first = parties[0];
  if (first === undefined) throw new ParleyError('NO_PARTIES', 'an analysis needs at least one party');
  const domain = first.domain;
  for (const party of parties) {
    if (party.domain !== domain && JSON.stringify(party.domain) !== JSON.stringify(domain)) {
      throw new ParleyError('DOMAIN_MISMATCH', `party "${party.id}" belongs to another domain than party "${first.id}"`);
    }
  }
  const model = compileEngineModel(domain, parties.map(compiledParty));
  cache.set(parties, model);
  return model;
}

/**
 * @internal The analysis model of parties in the engine's form (as the talks and the
 * explorations hold them, numbers moved and some red lines perhaps dropped): only the red
 * lines each party holds become constraints. Cached per array.
 */
export function compileEngineModel(domain: Domain, parties: readonly CompiledParty[]): CompiledModel {
  const cached = cache.get(parties);
  if (cached !== undefined) return cached;
  if (parties.length === 0) throw new ParleyError('NO_PARTIES', 'an analysis needs at least one party');
  const issueCount = domain.issues.length;
  const optionCounts = Uint16Array.from(domain.issues, (issue) => issue.options.length);
  const optionOffsets = new Int32Array(issueCount + 1);
  for (let i = 0; i < issueCount; i++) optionOffsets[i + 1] = optionOffsets[i]! + optionCounts[i]!;
  const optionTotal = optionOffsets[issueCount]!;
  const weightedValues = new Float64Array(parties.length * optionTotal);
  const constraints: ConstraintInfo[] = [];
  const masks: IssueMask[] = [];
  const residuals: ResidualClause[] = [];
  const interactions: CompiledInteraction[] = [];
  parties.forEach((party, p) => {
    for (let i = 0; i < issueCount; i++) {
      for (let o = 0; o < optionCounts[i]!; o++) {
        weightedValues[p * optionTotal + optionOffsets[i]! + o] = party.weights[i]! * party.values[i]![o]!;
      }
    }
    for (const term of party.rules.interactions) interactions.push({ party: p, rule: term.rule, issues: term.issues, delta: term.delta });
    for (const index of party.held) {
      const redLine = party.rules.redLines[index]!;
      const constraint = constraints.length;
      constraints.push({ ref: { party: party.id, kind: 'red-line', redLine: redLine.id }, partyName: party.name, text: redLine.text, sources: redLine.sources });
      for (const clause of redLine.clauses) {
        if (clause.kind === 'mask') masks.push({ constraint, issue: clause.issue, allowed: clause.allowed });
        else residuals.push({ constraint, rule: clause.rule, issues: clause.issues });
      }
    }
  });
  const reservationConstraint = new Int32Array(parties.length);
  parties.forEach((party, p) => {
    reservationConstraint[p] = constraints.length;
    constraints.push({
      ref: { party: party.id, kind: 'reservation' },
      partyName: party.name,
      text: `${party.name} accepts only outcomes worth at least its reservation value ${party.reservation}`,
      sources: [],
    });
  });
  const model: CompiledModel = {
    domain,
    parties,
    partyCount: parties.length,
    issueCount,
    optionCounts,
    optionOffsets,
    optionTotal,
    weightedValues,
    masks,
    residuals,
    interactions,
    reservationValues: Float64Array.from(parties, (party) => party.reservation),
    constraints,
    reservationConstraint,
  };
  cache.set(parties, model);
  return model;
}
