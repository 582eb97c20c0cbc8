import type { Domain } from './domain.js';
import { OPEN, type Settlement } from './outcome.js';
import type { PathSegment } from './problems.js';
import { ProblemList } from './problems.js';
import { COMPLETION_LIMIT, completionCount, forEachCompletion } from './completions.js';
import type { Rule } from './specs.js';

/**
 * A rule compiled against a domain: every leaf (`forbid`, `require`, `atLeast`, `atMost`)
 * becomes the set of options it allows on one issue, so evaluating it is one lookup.
 * `if (a) then (b)` compiles to `any(not a, b)`.
 */
export type CompiledRule =
  | { readonly kind: 'leaf'; readonly issue: number; readonly allowed: readonly boolean[] }
  | { readonly kind: 'not'; readonly rule: CompiledRule }
  | { readonly kind: 'all'; readonly rules: readonly CompiledRule[] }
  | { readonly kind: 'any'; readonly rules: readonly CompiledRule[] };

/** Three-valued truth of a rule on a settlement that may leave issues open. */
export type Truth = 'holds' | 'violated' | 'undetermined';

/** Adds every reference problem of `rule` (unknown issue or option, bounds on unordered issues). */
export function validateRule(rule: Rule, domain: Domain, problems: ProblemList, path: readonly PathSegment[]): void {
  switch (rule.kind) {
    case 'forbid':
    case 'require':
    case 'atLeast':
    case 'atMost': {
      const issueIndex = domain.issueIndex(rule.issue);
      if (issueIndex < 0) {
        problems.unknown('unknown-issue', [...path, 'issue'], 'issue', rule.issue, domain.issues.map((issue) => issue.id));
        return;
      }
      const issue = domain.issues[issueIndex]!;
      const optionIds = issue.options.map((option) => option.id);
      const checkOption = (optionId: string, optionPath: readonly PathSegment[]) => {
        if (domain.optionIndex(issueIndex, optionId) < 0) {
          problems.unknown('unknown-option', optionPath, `option of "${issue.id}"`, optionId, optionIds);
        }
      };
      if (rule.kind === 'forbid' || rule.kind === 'require') {
        rule.options.forEach((optionId, index) => checkOption(optionId, [...path, 'options', index]));
      } else {
        checkOption(rule.option, [...path, 'option']);
        if (!issue.ordered) {
          problems.add('unordered-issue', [...path, 'kind'], `"${rule.kind}" needs an ordered issue, but "${issue.id}" is not ordered; use forbid or require, or mark the issue ordered`);
        }
      }
      return;
    }
    case 'if':
      validateRule(rule.when, domain, problems, [...path, 'when']);
      validateRule(rule.then, domain, problems, [...path, 'then']);
      return;
    case 'all':
    case 'any':
      rule.rules.forEach((child, index) => validateRule(child, domain, problems, [...path, 'rules', index]));
      return;
    case 'not':
      validateRule(rule.rule, domain, problems, [...path, 'rule']);
      return;
  }
}

/** Compiles a (validated) rule against `domain`. */
export function compileRule(rule: Rule, domain: Domain): CompiledRule {
  switch (rule.kind) {
    case 'forbid':
    case 'require':
    case 'atLeast':
    case 'atMost': {
      const issue = domain.issue(rule.issue);
      const allowed = issue.options.map((option, index) => {
        switch (rule.kind) {
          case 'forbid':
            return !rule.options.includes(option.id);
          case 'require':
            return rule.options.includes(option.id);
          case 'atLeast':
            return index >= domain.optionIndex(issue.index, rule.option);
          case 'atMost':
            return index <= domain.optionIndex(issue.index, rule.option);
        }
      });
      return { kind: 'leaf', issue: issue.index, allowed };
    }
    case 'if':
      return { kind: 'any', rules: [{ kind: 'not', rule: compileRule(rule.when, domain) }, compileRule(rule.then, domain)] };
    case 'all':
    case 'any':
      return { kind: rule.kind, rules: rule.rules.map((child) => compileRule(child, domain)) };
    case 'not':
      return { kind: 'not', rule: compileRule(rule.rule, domain) };
  }
}

/** Whether a compiled rule holds on a complete assignment (no open issues consulted). */
export function ruleHolds(rule: CompiledRule, values: ArrayLike<number>): boolean {
  switch (rule.kind) {
    case 'leaf':
      return rule.allowed[values[rule.issue]!] === true;
    case 'not':
      return !ruleHolds(rule.rule, values);
    // Loops, not every/some: this runs for every candidate a search or a mediator scores,
    // and a callback per call is an allocation per call.
    case 'all':
      for (const child of rule.rules) if (!ruleHolds(child, values)) return false;
      return true;
    case 'any':
      for (const child of rule.rules) if (ruleHolds(child, values)) return true;
      return false;
  }
}

/** The indexes of the issues a rule mentions, in ascending order. */
export function ruleIssues(rule: CompiledRule): number[] {
  const issues = new Set<number>();
  const visit = (node: CompiledRule): void => {
    if (node.kind === 'leaf') issues.add(node.issue);
    else if (node.kind === 'not') visit(node.rule);
    else node.rules.forEach(visit);
  };
  visit(rule);
  return [...issues].sort((a, b) => a - b);
}

/**
 * The truth of `rule` on a settlement: `holds` (whatever the open issues become),
 * `violated` (whatever they become), or `undetermined` (it depends on an open issue).
 * Exact by enumerating the options of the open issues the rule mentions, up to the
 * {@link COMPLETION_LIMIT}; past it, Kleene's three-valued logic, which is sound (a definite
 * answer is right) but may say "undetermined" where enumeration would decide.
 */
export function ruleTruth(rule: CompiledRule, settlement: Settlement, optionCounts: readonly number[]): Truth {
  const open = ruleIssues(rule).filter((issue) => settlement[issue] === OPEN);
  if (open.length === 0) return ruleHolds(rule, settlement) ? 'holds' : 'violated';
  const sizes = open.map((issue) => optionCounts[issue]!);
  if (completionCount(open, (issue) => optionCounts[issue]!) > COMPLETION_LIMIT) return kleene(rule, settlement);
  const values = settlement.slice();
  let sawHolds = false;
  let sawViolated = false;
  forEachCompletion(open, sizes, values, () => {
    if (ruleHolds(rule, values)) sawHolds = true;
    else sawViolated = true;
    return !(sawHolds && sawViolated);
  });
  if (sawHolds && sawViolated) return 'undetermined';
  return sawHolds ? 'holds' : 'violated';
}

function kleene(rule: CompiledRule, settlement: Settlement): Truth {
  switch (rule.kind) {
    case 'leaf': {
      const option = settlement[rule.issue]!;
      if (option !== OPEN) return rule.allowed[option] === true ? 'holds' : 'violated';
      if (rule.allowed.every(Boolean)) return 'holds';
      return rule.allowed.some(Boolean) ? 'undetermined' : 'violated';
    }
    case 'not': {
      const inner = kleene(rule.rule, settlement);
      return inner === 'holds' ? 'violated' : inner === 'violated' ? 'holds' : 'undetermined';
    }
    case 'all': {
      const truths = rule.rules.map((child) => kleene(child, settlement));
      if (truths.includes('violated')) return 'violated';
      return truths.every((truth) => truth === 'holds') ? 'holds' : 'undetermined';
    }
    case 'any': {
      const truths = rule.rules.map((child) => kleene(child, settlement));
      if (truths.includes('holds')) return 'holds';
      return truths.every((truth) => truth === 'violated') ? 'violated' : 'undetermined';
    }
  }
}

/**
 * The settled issues that make a rule violated on a settlement: for `all`, the issues of
 * the parts that fail; for `any`, the issues of every part (all of them fail); for `not`,
 * the issues that make the inner rule hold. Issues the settlement leaves open are never
 * blamed.
 */
export function violationCauses(rule: CompiledRule, settlement: Settlement): number[] {
  const causes = new Set<number>();
  const blame = (node: CompiledRule, wanted: boolean): void => {
    // `wanted`: the truth value we are explaining for `node` (false = why it fails).
    switch (node.kind) {
      case 'leaf':
        if (settlement[node.issue] !== OPEN) causes.add(node.issue);
        return;
      case 'not':
        blame(node.rule, !wanted);
        return;
      case 'all':
      case 'any': {
        const decisive = node.rules.filter((child) => settledTruth(child, settlement) === wanted);
        // all-fails and any-holds are explained by their decisive parts; all-holds and
        // any-fails need every part.
        const explainByDecisive = (node.kind === 'all') !== wanted;
        for (const child of explainByDecisive && decisive.length > 0 ? decisive : node.rules) blame(child, wanted);
        return;
      }
    }
  };
  blame(rule, false);
  return [...causes].sort((a, b) => a - b);
}

function settledTruth(rule: CompiledRule, settlement: Settlement): boolean | undefined {
  const truth = kleene(rule, settlement);
  return truth === 'undetermined' ? undefined : truth === 'holds';
}

/**
 * Renders a rule as a short phrase using the domain's labels, e.g.
 * `Army size cap is at most "800,000"`.
 *
 * @example
 * ```ts
 * describeRule({ kind: 'forbid', issue: 'army.cap', options: ['600k'] }, domain);
 * // 'Army size cap is not "600,000"'
 * ```
 */
export function describeRule(rule: Rule, domain: Domain): string {
  const label = (issueId: string) => domain.issues[domain.issueIndex(issueId)]?.label ?? issueId;
  const option = (issueId: string, optionId: string) => {
    const issueIndex = domain.issueIndex(issueId);
    const found = domain.issues[issueIndex]?.options[domain.optionIndex(issueIndex, optionId)];
    return `"${found?.label ?? optionId}"`;
  };
  const options = (issueId: string, optionIds: readonly string[]) => optionIds.map((id) => option(issueId, id)).join(' or ');
  switch (rule.kind) {
    case 'forbid':
      return `${label(rule.issue)} is not ${options(rule.issue, rule.options)}`;
    case 'require':
      return `${label(rule.issue)} is ${options(rule.issue, rule.options)}`;
    case 'atLeast':
      return `${label(rule.issue)} is at least ${option(rule.issue, rule.option)}`;
    case 'atMost':
      return `${label(rule.issue)} is at most ${option(rule.issue, rule.option)}`;
    case 'if':
      return `if ${describeRule(rule.when, domain)}, then ${describeRule(rule.then, domain)}`;
    case 'all':
      return rule.rules.map((child) => describeRule(child, domain)).join(' and ');
    case 'any':
      return `either ${rule.rules.map((child) => describeRule(child, domain)).join(', or ')}`;
    case 'not':
      return `not (${describeRule(rule.rule, domain)})`;
  }
}
