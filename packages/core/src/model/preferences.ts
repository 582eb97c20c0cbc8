import type { Domain } from './domain.js';
import { OPEN, type Settlement } from './outcome.js';
import type { PathSegment } from './problems.js';
import { ProblemList } from './problems.js';
import { compileRule, evaluateRule, ruleHolds, ruleIssues, validateRule, type CompiledRule, type Truth } from './rule.js';
import type { InteractionSpec, PreferencesSpec } from './specs.js';

/** Preferences compiled against a domain: normalised weights and value tables as arrays. */
export interface CompiledPreferences {
  /** Weight of each issue, normalised to sum to 1. */
  readonly weights: Float64Array;
  /** `values[issue][option]` in [0, 1]; 0 for issues the party does not weigh. */
  readonly values: readonly Float64Array[];
  readonly interactions: readonly { readonly spec: InteractionSpec; readonly rule: CompiledRule }[];
}

/** Adds the reference and range problems of a preferences spec to `problems`. */
export function validatePreferences(spec: PreferencesSpec, domain: Domain, problems: ProblemList, path: readonly PathSegment[]): void {
  const issueIds = domain.issues.map((issue) => issue.id);
  let total = 0;
  for (const [issueId, weight] of Object.entries(spec.weights)) {
    if (domain.issueIndex(issueId) < 0) problems.unknown('unknown-issue', [...path, 'weights', issueId], 'issue', issueId, issueIds);
    else if (!Number.isFinite(weight) || weight < 0) problems.add('invalid-weight', [...path, 'weights', issueId], 'a weight must be a finite number ≥ 0');
    else total += weight;
  }
  if (total <= 0) problems.add('invalid-weight', [...path, 'weights'], 'at least one issue needs a positive weight');
  for (const [issueId, table] of Object.entries(spec.values)) {
    const issueIndex = domain.issueIndex(issueId);
    if (issueIndex < 0) {
      problems.unknown('unknown-issue', [...path, 'values', issueId], 'issue', issueId, issueIds);
      continue;
    }
    const issue = domain.issues[issueIndex]!;
    for (const [optionId, value] of Object.entries(table)) {
      if (domain.optionIndex(issueIndex, optionId) < 0) {
        problems.unknown('unknown-option', [...path, 'values', issueId, optionId], `option of "${issueId}"`, optionId, issue.options.map((o) => o.id));
      } else if (!Number.isFinite(value) || value < 0 || value > 1) {
        problems.add('invalid-value', [...path, 'values', issueId, optionId], 'an option value must be a finite number in [0, 1]');
      }
    }
  }
  for (const [issueId, weight] of Object.entries(spec.weights)) {
    const issueIndex = domain.issueIndex(issueId);
    if (issueIndex < 0 || !(weight > 0)) continue;
    const table = spec.values[issueId] ?? {};
    const missing = domain.issues[issueIndex]!.options.filter((option) => table[option.id] === undefined).map((option) => option.id);
    if (missing.length > 0) {
      problems.add('missing-value', [...path, 'values', issueId], `issue "${issueId}" has weight ${weight} but no value for ${missing.map((m) => `"${m}"`).join(', ')}; give every option a value in [0, 1]`);
    }
  }
  (spec.interactions ?? []).forEach((interaction, index) => {
    validateRule(interaction.when, domain, problems, [...path, 'interactions', index, 'when']);
    if (!Number.isFinite(interaction.delta)) problems.add('invalid-value', [...path, 'interactions', index, 'delta'], 'delta must be a finite number');
  });
  problems.duplicates([...path, 'interactions'], 'interaction id', (spec.interactions ?? []).map((interaction) => interaction.id));
}

/** Compiles validated preferences against `domain`. */
export function compilePreferences(spec: PreferencesSpec, domain: Domain): CompiledPreferences {
  const weights = new Float64Array(domain.issues.length);
  const values = domain.issues.map((issue) => new Float64Array(issue.options.length));
  let total = 0;
  for (const issue of domain.issues) {
    const weight = spec.weights[issue.id] ?? 0;
    weights[issue.index] = weight;
    total += weight;
    const table = spec.values[issue.id] ?? {};
    issue.options.forEach((option, index) => {
      values[issue.index]![index] = table[option.id] ?? 0;
    });
  }
  for (let i = 0; i < weights.length; i++) weights[i] = weights[i]! / total;
  const interactions = (spec.interactions ?? []).map((interaction) => ({ spec: interaction, rule: compileRule(interaction.when, domain) }));
  return { weights, values, interactions };
}

/** Utility of a complete assignment of options (one per issue). */
export function utilityOf(preferences: CompiledPreferences, values: ArrayLike<number>): number {
  let utility = 0;
  for (let issue = 0; issue < preferences.weights.length; issue++) {
    utility += preferences.weights[issue]! * preferences.values[issue]![values[issue]!]!;
  }
  for (const interaction of preferences.interactions) {
    if (ruleHolds(interaction.rule, values)) utility += interaction.spec.delta;
  }
  return utility;
}

/** The lowest and highest utility a settlement can still lead to, and whether they are exact. */
export interface UtilityRange {
  readonly min: number;
  readonly max: number;
  /** False when there were too many completions to enumerate and the range is a bound. */
  readonly exact: boolean;
  /**
   * True when the range covers only completions that keep the given red lines; false when
   * no completion keeps them all, and the range covers every completion instead.
   */
  readonly withinRedLines: boolean;
}

const MAX_COMPLETIONS = 1 << 16;

/**
 * The range of utility over the completions of a settlement's open issues, restricted to
 * completions where `admissible` holds (the party's own red lines: the party would never
 * agree to settle an open issue across them). When no completion is admissible, all count.
 * Exact by enumeration up to 65 536 completions of the issues that matter; beyond that a
 * bound from each issue's worst and best option, reported with `exact: false`.
 */
export function utilityRange(
  preferences: CompiledPreferences,
  settlement: Settlement,
  domain: Domain,
  admissible: readonly CompiledRule[] = [],
): UtilityRange {
  const relevant = new Set<number>();
  preferences.weights.forEach((weight, issue) => weight > 0 && relevant.add(issue));
  for (const { rule } of preferences.interactions) ruleIssues(rule).forEach((issue) => relevant.add(issue));
  for (const rule of admissible) ruleIssues(rule).forEach((issue) => relevant.add(issue));
  const open = [...relevant].filter((issue) => settlement[issue] === OPEN).sort((a, b) => a - b);
  const sizes = open.map((issue) => domain.issues[issue]!.options.length);
  const completions = sizes.reduce((product, size) => product * size, 1);
  // Issues that matter to nobody here are fixed at option 0 while enumerating: they
  // change neither the utility nor the admissibility.
  const values = Int16Array.from(settlement, (option) => (option === OPEN ? 0 : option));
  if (completions > MAX_COMPLETIONS) return boundRange(preferences, settlement, domain);
  let min = Infinity;
  let max = -Infinity;
  let anyMin = Infinity;
  let anyMax = -Infinity;
  for (let n = 0; n < completions; n++) {
    let rest = n;
    open.forEach((issue, k) => {
      values[issue] = rest % sizes[k]!;
      rest = Math.floor(rest / sizes[k]!);
    });
    const utility = utilityOf(preferences, values);
    anyMin = Math.min(anyMin, utility);
    anyMax = Math.max(anyMax, utility);
    if (admissible.every((rule) => ruleHolds(rule, values))) {
      min = Math.min(min, utility);
      max = Math.max(max, utility);
    }
  }
  return min === Infinity ? { min: anyMin, max: anyMax, exact: true, withinRedLines: false } : { min, max, exact: true, withinRedLines: true };
}

function boundRange(preferences: CompiledPreferences, settlement: Settlement, domain: Domain): UtilityRange {
  const terms = preferences.interactions.map((interaction) => ({ truth: evaluateRule(interaction.rule, settlement, domain), delta: interaction.spec.delta }));
  // Not enumerated: whether some completion keeps every red line is not known, and a
  // bound over all completions is reported.
  return { ...utilityBounds(preferences.weights, preferences.values, settlement, terms), exact: false, withinRedLines: true };
}

/**
 * @internal A bound on the utility of a settlement's completions without enumerating them:
 * each open issue's worst and best option, and each interaction term counted when it holds
 * (its sign's extreme when undetermined). Shared with the exploration's judge.
 */
export function utilityBounds(
  weights: ArrayLike<number>,
  values: readonly ArrayLike<number>[],
  settlement: Settlement,
  terms: readonly { readonly truth: Truth; readonly delta: number }[],
): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (let issue = 0; issue < weights.length; issue++) {
    const weight = weights[issue]!;
    const table = Array.from(values[issue]!);
    const option = settlement[issue]!;
    if (option === OPEN) {
      min += weight * Math.min(...table);
      max += weight * Math.max(...table);
    } else {
      min += weight * table[option]!;
      max += weight * table[option]!;
    }
  }
  for (const { truth, delta } of terms) {
    if (truth === 'holds') {
      min += delta;
      max += delta;
    } else if (truth === 'undetermined') {
      min += Math.min(0, delta);
      max += Math.max(0, delta);
    }
  }
  return { min, max };
}
