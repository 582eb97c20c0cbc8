import type { Domain } from './domain.js';
import { ownValue } from './own-key.js';
import { compileRule, ruleHolds, ruleIssues, type CompiledRule } from './rule.js';
import type { PartySpec, Rule } from './specs.js';

/**
 * A red line compiled against a domain. Besides the whole rule (for judging plans), it is
 * split into clauses: a red line `all(a, b, …)` holds exactly when each part holds, and a
 * part that mentions one issue becomes a mask of the options it allows there, which prunes
 * searches far better than a rule does.
 */
export interface CompiledRedLine {
  readonly id: string;
  /** The red line's sentence. */
  readonly text: string;
  readonly sources: readonly string[];
  readonly assumption?: string;
  readonly rule: CompiledRule;
  /** The issues the rule mentions, ascending. */
  readonly issues: readonly number[];
  readonly clauses: readonly RedLineClause[];
}

/** One clause of a red line: a mask over one issue's options, or a rule linking several issues. */
export type RedLineClause =
  | { readonly kind: 'mask'; readonly issue: number; readonly allowed: Uint8Array }
  | { readonly kind: 'residual'; readonly rule: CompiledRule; readonly issues: readonly number[] };

/** An interaction term compiled: `delta` is added to the utility of every outcome where `rule` holds. */
export interface CompiledInteraction {
  readonly id: string;
  readonly rule: CompiledRule;
  readonly issues: readonly number[];
  readonly delta: number;
}

/**
 * What a party's judgement is built from that stays fixed when its numbers move: its red
 * lines and interaction terms, compiled, and which issues it weighs at all. Every copy of a
 * party with other numbers (an exploration's draws, a talks threshold) shares this object,
 * and so shares everything Parley has worked out from it (which red lines a settlement
 * crosses, how the open issues of a plan are linked).
 */
export interface PartyRules {
  /** Each issue's number of options. */
  readonly optionCounts: readonly number[];
  readonly redLines: readonly CompiledRedLine[];
  readonly interactions: readonly CompiledInteraction[];
  /** `weighed[issue]` is 1 when the party gives the issue a positive weight. */
  readonly weighed: Uint8Array;
}

/**
 * A party as the engine judges it: plain numbers over the domain's issue and option indexes
 * and its shared {@link PartyRules}. Every path — `assessPlan`, the analyses, the talks, the
 * explorations — evaluates this one form. It is plain data (structured-clonable: it crosses
 * to worker threads as is); treat it as read-only.
 */
export interface CompiledParty {
  readonly id: string;
  readonly name: string;
  /** What walking away is worth: the party accepts only what is worth at least this. */
  readonly reservation: number;
  /** Each issue's weight as written (0 when absent), in issue order. */
  readonly rawWeights: ArrayLike<number>;
  /** Each issue's weight normalised: divided by the sum of the raw weights, summed in issue order. */
  readonly weights: ArrayLike<number>;
  /** `values[issue][option]` in [0, 1] (0 for an issue the party does not value). */
  readonly values: readonly ArrayLike<number>[];
  readonly rules: PartyRules;
  /** The red lines the party holds (indexes into `rules.redLines`, ascending): all of them, unless an exploration drops some. */
  readonly held: readonly number[];
}

/**
 * Compiles a validated party spec against `domain` into the engine's {@link CompiledParty}.
 *
 * @example
 * ```ts
 * const russia = compilePartySpec(spec, scenario.domain);
 * russia.weights; // normalised, in issue order
 * ```
 */
export function compilePartySpec(spec: PartySpec, domain: Domain): CompiledParty {
  // Own properties only: an issue or option id such as `constructor` must not find Object.prototype's.
  const rawWeights = domain.issues.map((issue) => ownValue(spec.preferences.weights, issue.id) ?? 0);
  const values = domain.issues.map((issue) => {
    const table = ownValue(spec.preferences.values, issue.id) ?? {};
    return Float64Array.from(issue.options, (option) => ownValue(table, option.id) ?? 0);
  });
  const rules = internedRules(spec, domain, rawWeights);
  return {
    id: spec.id,
    name: spec.name,
    reservation: spec.reservationValue,
    rawWeights: Float64Array.from(rawWeights),
    weights: Float64Array.from(normalisedWeights(rawWeights)),
    values,
    rules,
    held: rules.redLines.map((_, index) => index),
  };
}

// Parties with the same red lines, interactions and weighed issues over the same issues
// share one rules object, and so everything worked out from it: the perturbed copies of a
// scenario that a property test builds one after another are judged warm. Bounded.
const rulesByKey = new Map<string, PartyRules>();
const domainKeys = new WeakMap<Domain, string>();

function internedRules(spec: PartySpec, domain: Domain, rawWeights: readonly number[]): PartyRules {
  let domainKey = domainKeys.get(domain);
  if (domainKey === undefined) domainKeys.set(domain, (domainKey = JSON.stringify(domain.issues.map((issue) => [issue.id, issue.options.map((option) => option.id)]))));
  const key = `${domainKey}|${JSON.stringify([spec.redLines, spec.preferences.interactions ?? [], rawWeights.map((weight) => (weight > 0 ? 1 : 0))])}`;
  let rules = rulesByKey.get(key);
  if (rules === undefined) {
    if (rulesByKey.size >= 1000) rulesByKey.clear();
    rulesByKey.set(key, (rules = compileRules(spec, domain, rawWeights)));
  }
  return rules;
}

function compileRules(spec: PartySpec, domain: Domain, rawWeights: readonly number[]): PartyRules {
  const optionCounts = domain.issues.map((issue) => issue.options.length);
  const redLines = spec.redLines.map((redLine): CompiledRedLine => {
    const rule = compileRule(redLine.rule, domain);
    return {
      id: redLine.id,
      text: redLine.text,
      sources: Object.freeze([...redLine.sources]),
      ...(redLine.assumption === undefined ? {} : { assumption: redLine.assumption }),
      rule,
      issues: ruleIssues(rule),
      clauses: splitConjunction(redLine.rule).map((clause) => compileClause(clause, domain, optionCounts)),
    };
  });
  const interactions = (spec.preferences.interactions ?? []).map((interaction): CompiledInteraction => {
    const rule = compileRule(interaction.when, domain);
    return { id: interaction.id, rule, issues: ruleIssues(rule), delta: interaction.delta };
  });
  return { optionCounts, redLines, interactions, weighed: Uint8Array.from(rawWeights, (weight) => (weight > 0 ? 1 : 0)) };
}

/**
 * Raw weights divided by their sum, the sum taken in issue order: the one normalisation, so
 * that a party compiled from a spec and the same party rebuilt from perturbed numbers have
 * bit-identical weights.
 *
 * @example
 * ```ts
 * normalisedWeights([2, 0, 6]); // [0.25, 0, 0.75]
 * ```
 */
export function normalisedWeights(rawWeights: ArrayLike<number>): number[] {
  let total = 0;
  for (let issue = 0; issue < rawWeights.length; issue++) total += rawWeights[issue]!;
  // Pushed, not preallocated: a packed array of doubles reads faster than a holey one.
  const weights: number[] = [];
  for (let issue = 0; issue < rawWeights.length; issue++) weights.push(rawWeights[issue]! / total);
  return weights;
}

/**
 * The party's utility for a complete assignment (one option per issue): each issue's weight
 * × value, summed in issue order, then each interaction term that holds, in order. Every
 * utility Parley reports for a complete outcome is this sum, so equal outcomes get equal
 * numbers on every path.
 *
 * @example
 * ```ts
 * utilityOf(russia, outcome); // e.g. 0.8
 * ```
 */
export function utilityOf(party: CompiledParty, values: ArrayLike<number>): number {
  let utility = 0;
  const { weights } = party;
  for (let issue = 0; issue < weights.length; issue++) utility += weights[issue]! * party.values[issue]![values[issue]!]!;
  const { interactions } = party.rules;
  for (let t = 0; t < interactions.length; t++) if (ruleHolds(interactions[t]!.rule, values)) utility += interactions[t]!.delta;
  return utility;
}

/**
 * Whether a complete assignment keeps every red line the party holds.
 *
 * @example
 * ```ts
 * keepsRedLines(ukraine, outcome); // false when the outcome recognises annexation
 * ```
 */
export function keepsRedLines(party: CompiledParty, values: ArrayLike<number>): boolean {
  for (const index of party.held) if (!ruleHolds(party.rules.redLines[index]!.rule, values)) return false;
  return true;
}

function splitConjunction(rule: Rule): Rule[] {
  return rule.kind === 'all' ? rule.rules.flatMap(splitConjunction) : [rule];
}

function compileClause(clause: Rule, domain: Domain, optionCounts: readonly number[]): RedLineClause {
  const rule = compileRule(clause, domain);
  const issues = ruleIssues(rule);
  if (issues.length !== 1) return { kind: 'residual', rule, issues };
  const issue = issues[0]!;
  const values = new Int16Array(optionCounts.length);
  const allowed = new Uint8Array(optionCounts[issue]!);
  for (let option = 0; option < allowed.length; option++) {
    values[issue] = option;
    allowed[option] = ruleHolds(rule, values) ? 1 : 0;
  }
  return { kind: 'mask', issue, allowed };
}
