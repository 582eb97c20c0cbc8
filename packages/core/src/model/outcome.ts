import type { Domain } from './domain.js';
import { ParleyError } from './errors.js';
import { ownValue, setOwnValue } from './own-key.js';

/**
 * A complete outcome: one option index per issue, in the domain's issue order.
 * Compact on purpose: evaluation is array lookups, and millions fit in memory.
 */
export type Outcome = Uint8Array;

/**
 * A partial outcome, as a plan leaves it: one option index per issue, or {@link OPEN}
 * where the plan does not settle the issue.
 */
export type Settlement = Int16Array;

/** Marks an issue that a settlement leaves open. */
export const OPEN = -1;

/**
 * Builds an outcome from `{ issueId: optionId }` choices covering every issue.
 *
 * @example
 * ```ts
 * const outcome = outcomeFromChoices(domain, { 'army.cap': '800k', 'nato.membership': 'open-door' });
 * choicesOf(domain, outcome); // { 'army.cap': '800k', 'nato.membership': 'open-door' }
 * ```
 */
export function outcomeFromChoices(domain: Domain, choices: Readonly<Record<string, string>>): Outcome {
  const outcome = new Uint8Array(domain.issues.length);
  const missing: string[] = [];
  for (const issue of domain.issues) {
    const optionId = ownValue(choices, issue.id);
    if (optionId === undefined) {
      missing.push(issue.id);
      continue;
    }
    const optionIndex = domain.optionIndex(issue.index, optionId);
    if (optionIndex < 0) throw new ParleyError('UNKNOWN_OPTION', `issue "${issue.id}" has no option "${optionId}"`);
    outcome[issue.index] = optionIndex;
  }
  for (const issueId of Object.keys(choices)) {
    if (domain.issueIndex(issueId) < 0) throw new ParleyError('UNKNOWN_ISSUE', `unknown issue "${issueId}"`);
  }
  if (missing.length > 0) throw new ParleyError('INCOMPLETE_OUTCOME', `an outcome needs an option for every issue; missing: ${missing.join(', ')}`);
  return outcome;
}

/**
 * The `{ issueId: optionId }` choices of an outcome or settlement (open issues are left out).
 *
 * @example
 * ```ts
 * choicesOf(domain, plan.settlement); // only the issues the plan settles
 * ```
 */
export function choicesOf(domain: Domain, outcome: Outcome | Settlement): Record<string, string> {
  const choices: Record<string, string> = {};
  for (const issue of domain.issues) {
    const optionIndex = outcome[issue.index];
    if (optionIndex === undefined || optionIndex === OPEN) continue;
    const option = issue.options[optionIndex];
    if (option === undefined) throw new ParleyError('INVALID_OUTCOME', `issue "${issue.id}" has no option at index ${optionIndex}`);
    setOwnValue(choices, issue.id, option.id);
  }
  return choices;
}

/** A settlement with every issue of an outcome settled: outcomes and plans assess alike. */
export function settlementOf(outcome: Outcome): Settlement {
  return Int16Array.from(outcome);
}
