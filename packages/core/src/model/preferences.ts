import type { Domain } from './domain.js';
import { ownValue } from './own-key.js';
import type { PathSegment } from './problems.js';
import { ProblemList } from './problems.js';
import { validateRule } from './rule.js';
import type { PreferencesSpec } from './specs.js';

/** Adds the reference and range problems of a preferences spec to `problems`. */
export function validatePreferences(spec: PreferencesSpec, domain: Domain, problems: ProblemList, path: readonly PathSegment[]): void {
  const issueIds = domain.issues.map((issue) => issue.id);
  for (const [issueId, weight] of Object.entries(spec.weights)) {
    if (domain.issueIndex(issueId) < 0) problems.unknown('unknown-issue', [...path, 'weights', issueId], 'issue', issueId, issueIds);
    else if (!Number.isFinite(weight) || weight < 0) problems.add('invalid-weight', [...path, 'weights', issueId], 'a weight must be a finite number ≥ 0');
  }
  // Summed in issue order, exactly as `normalisedWeights` sums them, so that a total that
  // passes here is the total the engine divides by.
  let total = 0;
  for (const issue of domain.issues) {
    const weight = ownValue(spec.weights, issue.id);
    if (weight !== undefined && Number.isFinite(weight) && weight >= 0) total += weight;
  }
  if (total <= 0) problems.add('invalid-weight', [...path, 'weights'], 'at least one issue needs a positive weight');
  else if (!Number.isFinite(total)) {
    // Each weight is finite but their sum is not: every normalised weight would be 0, and so
    // would every utility.
    problems.add('invalid-weight', [...path, 'weights'], `the weights add up to more than ${Number.MAX_VALUE.toPrecision(3)}, the largest number there is, so every utility would be 0; only their ratios matter: divide them all by the same number`);
  }
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
    const table = ownValue(spec.values, issueId) ?? {};
    const missing = domain.issues[issueIndex]!.options.filter((option) => ownValue(table, option.id) === undefined).map((option) => option.id);
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
