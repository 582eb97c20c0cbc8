import { ownValue } from '../model/own-key.js';
import type { DomainSpec, IssueSpec, PartySpec, Rule } from '../model/specs.js';

// Helpers shared by the generators of `@parley/core/testing`. Not exported from the entry:
// they evaluate specs directly (without binding them) so the generators can build values
// that are valid, or agreeable, by construction.

/** An outcome as `{ issueId: optionId }`. */
export type Choices = Readonly<Record<string, string>>;

/** Throws a RangeError naming the constraint when `ok` is false. */
export function check(ok: boolean, what: string, message: string): void {
  if (!ok) throw new RangeError(`${what}: ${message}`);
}

/** Index of an option within an issue (-1 if unknown). */
export function positionOf(issue: IssueSpec, optionId: string | undefined): number {
  return issue.options.findIndex((option) => option.id === optionId);
}

/** Whether `rule` holds for `choices` (a complete outcome over `domain`). */
export function holds(rule: Rule, domain: DomainSpec, choices: Choices): boolean {
  const issueOf = (id: string) => domain.issues.find((issue) => issue.id === id);
  switch (rule.kind) {
    case 'forbid':
      return !rule.options.includes(ownValue(choices, rule.issue) ?? '');
    case 'require':
      return rule.options.includes(ownValue(choices, rule.issue) ?? '');
    case 'atLeast': {
      const issue = issueOf(rule.issue)!;
      return positionOf(issue, ownValue(choices, rule.issue)) >= positionOf(issue, rule.option);
    }
    case 'atMost': {
      const issue = issueOf(rule.issue)!;
      return positionOf(issue, ownValue(choices, rule.issue)) <= positionOf(issue, rule.option);
    }
    case 'if':
      return !holds(rule.when, domain, choices) || holds(rule.then, domain, choices);
    case 'all':
      return rule.rules.every((child) => holds(child, domain, choices));
    case 'any':
      return rule.rules.some((child) => holds(child, domain, choices));
    case 'not':
      return !holds(rule.rule, domain, choices);
  }
}

/** A party's utility for a complete outcome, as the library defines it (weighted mean plus interaction deltas). */
export function utilityAt(party: PartySpec, domain: DomainSpec, choices: Choices): number {
  let total = 0;
  let sum = 0;
  for (const issue of domain.issues) {
    const weight = ownValue(party.preferences.weights, issue.id) ?? 0;
    total += weight;
    sum += weight * (ownValue(ownValue(party.preferences.values, issue.id) ?? {}, ownValue(choices, issue.id) ?? '') ?? 0);
  }
  let utility = total > 0 ? sum / total : 0;
  for (const interaction of party.preferences.interactions ?? []) if (holds(interaction.when, domain, choices)) utility += interaction.delta;
  return utility;
}

/** An upper bound of a party's utility over every outcome: best option per issue plus every positive delta. */
export function utilityBound(party: PartySpec, domain: DomainSpec): number {
  let total = 0;
  let sum = 0;
  for (const issue of domain.issues) {
    const weight = ownValue(party.preferences.weights, issue.id) ?? 0;
    total += weight;
    const table = ownValue(party.preferences.values, issue.id) ?? {};
    sum += weight * Math.max(0, ...issue.options.map((option) => ownValue(table, option.id) ?? 0));
  }
  const bonus = (party.preferences.interactions ?? []).reduce((acc, interaction) => acc + Math.max(0, interaction.delta), 0);
  return (total > 0 ? sum / total : 0) + bonus;
}

/** A number as a short, readable string (at most 6 significant digits). */
export function show(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/** A plain, deep copy of JSON-shaped data (drops non-enumerable bindings such as a party's domain). */
export function plainCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
