import fc from 'fast-check';
import { ownValue } from '../model/own-key.js';
import type { DomainSpec, IssueSpec, Rule } from '../model/specs.js';
import { check, positionOf, type Choices } from './internal.js';

/** Options of {@link ruleArbitrary}. */
export interface RuleConstraints {
  /** How deep `if` / `all` / `any` / `not` may nest (default 3; 0 gives single conditions only). */
  readonly maxDepth?: number;
  /** When given, every generated rule holds for this complete outcome (`{ issueId: optionId }`). */
  readonly holdsAt?: Readonly<Record<string, string>>;
  /** When given, every generated rule fails for this complete outcome. */
  readonly failsAt?: Readonly<Record<string, string>>;
}

type Truth = 'holds' | 'fails' | 'any';

/**
 * Rules over `domain`: `forbid` and `require` of some options, `atLeast` / `atMost` on
 * ordered issues, nested in `if`, `all`, `any` and `not` up to `maxDepth`. Every value
 * passes the library's rule validation. With `holdsAt` (or `failsAt`) the rule is built to
 * hold (or fail) at that outcome, whatever its shape: this is how the scenario generator
 * makes red lines that leave a chosen compromise open. Shrinks toward a single condition.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { createDomain, createParty } from '@parley/core';
 * import { domainArbitrary, ruleArbitrary } from '@parley/core/testing';
 *
 * const cases = domainArbitrary().chain((domain) => ruleArbitrary(domain, { maxDepth: 2 }).map((rule) => ({ domain, rule })));
 * fc.assert(fc.property(cases, ({ domain, rule }) => {
 *   createParty(createDomain(domain), {
 *     id: 'p', name: 'P', reservationValue: 0, preferences: { weights: { i0: 1 }, values: { i0: Object.fromEntries(domain.issues[0]!.options.map((o) => [o.id, 0.5])) } },
 *     redLines: [{ id: 'r', text: 'A red line.', sources: ['S1'], rule }],
 *   });
 * }));
 * ```
 */
export function ruleArbitrary(domain: DomainSpec, constraints: RuleConstraints = {}): fc.Arbitrary<Rule> {
  const { maxDepth = 3, holdsAt, failsAt } = constraints;
  check(Number.isInteger(maxDepth) && maxDepth >= 0, 'ruleArbitrary', `maxDepth must be a whole number ≥ 0 (got ${maxDepth})`);
  check(!(holdsAt !== undefined && failsAt !== undefined), 'ruleArbitrary', 'give holdsAt or failsAt, not both');
  check(domain.issues.length > 0, 'ruleArbitrary', 'the domain has no issue');
  const outcome = holdsAt ?? failsAt;
  if (outcome !== undefined) {
    for (const issue of domain.issues) check(positionOf(issue, ownValue(outcome, issue.id)) >= 0, 'ruleArbitrary', `the outcome gives issue "${issue.id}" no option of the domain`);
  }
  const truth: Truth = holdsAt !== undefined ? 'holds' : failsAt !== undefined ? 'fails' : 'any';
  return new RuleFactory(domain, outcome ?? {}).rule(truth, maxDepth);
}

/** Builds rules of a given truth at one outcome, memoised by (truth, depth) so that the arbitraries stay few. */
class RuleFactory {
  readonly #memo = new Map<string, fc.Arbitrary<Rule>>();
  constructor(
    readonly domain: DomainSpec,
    readonly outcome: Choices,
  ) {}

  rule(truth: Truth, depth: number): fc.Arbitrary<Rule> {
    const key = `${truth}/${depth}`;
    const found = this.#memo.get(key);
    if (found !== undefined) return found;
    const built = depth === 0 ? this.leaf(truth) : this.compound(truth, depth);
    this.#memo.set(key, built);
    return built;
  }

  /** Single conditions of the wanted truth; leaves first, so shrinking ends on one. */
  leaf(truth: Truth): fc.Arbitrary<Rule> {
    const candidates = this.domain.issues.flatMap((issue) => this.leavesOf(issue, truth));
    return fc.oneof(...candidates);
  }

  leavesOf(issue: IssueSpec, truth: Truth): fc.Arbitrary<Rule>[] {
    const ids = issue.options.map((option) => option.id);
    const at = positionOf(issue, ownValue(this.outcome, issue.id));
    const current = ids[at];
    const others = ids.filter((id) => id !== current);
    const subsetOf = (list: readonly string[]) => fc.subarray([...list], { minLength: 1 });
    const withCurrent = fc.subarray(others).map((rest) => [current!, ...rest]);
    const leaves: fc.Arbitrary<Rule>[] = [];
    const forbid = (options: fc.Arbitrary<string[]>) => options.map((list): Rule => ({ kind: 'forbid', issue: issue.id, options: list }));
    const require = (options: fc.Arbitrary<string[]>) => options.map((list): Rule => ({ kind: 'require', issue: issue.id, options: list }));
    const bound = (kind: 'atLeast' | 'atMost', from: number, to: number) =>
      from <= to ? [fc.integer({ min: from, max: to }).map((index): Rule => ({ kind, issue: issue.id, option: ids[index]! }))] : [];
    if (truth === 'any') {
      leaves.push(forbid(subsetOf(ids)), require(subsetOf(ids)));
      if (issue.ordered) leaves.push(...bound('atLeast', 0, ids.length - 1), ...bound('atMost', 0, ids.length - 1));
    } else if (truth === 'holds') {
      leaves.push(forbid(subsetOf(others)), require(withCurrent));
      if (issue.ordered) leaves.push(...bound('atLeast', 0, at), ...bound('atMost', at, ids.length - 1));
    } else {
      leaves.push(forbid(withCurrent), require(subsetOf(others)));
      if (issue.ordered) leaves.push(...bound('atLeast', at + 1, ids.length - 1), ...bound('atMost', 0, at - 1));
    }
    return leaves;
  }

  compound(truth: Truth, depth: number): fc.Arbitrary<Rule> {
    const sub = (t: Truth) => this.rule(t, depth - 1);
    const list = (t: Truth) => fc.array(sub(t), { minLength: 1, maxLength: 3 });
    /** Children of any truth with one child of truth `t` placed among them. */
    const oneOf = (t: Truth) =>
      fc.tuple(sub(t), fc.array(sub('any'), { maxLength: 2 }), fc.nat()).map(([chosen, rest, at]) => {
        const children = [...rest];
        children.splice(at % (rest.length + 1), 0, chosen);
        return children;
      });
    const all = (children: fc.Arbitrary<Rule[]>) => children.map((rules): Rule => ({ kind: 'all', rules }));
    const any = (children: fc.Arbitrary<Rule[]>) => children.map((rules): Rule => ({ kind: 'any', rules }));
    const not = (t: Truth) => sub(t).map((rule): Rule => ({ kind: 'not', rule }));
    const ifThen = (when: Truth, then: Truth) => fc.tuple(sub(when), sub(then)).map(([w, t]): Rule => ({ kind: 'if', when: w, then: t }));
    const options: fc.Arbitrary<Rule>[] =
      truth === 'any'
        ? [ifThen('any', 'any'), all(list('any')), any(list('any')), not('any')]
        : truth === 'holds'
          ? [fc.oneof(ifThen('fails', 'any'), ifThen('any', 'holds')), all(list('holds')), any(oneOf('holds')), not('fails')]
          : [ifThen('holds', 'fails'), all(oneOf('fails')), any(list('fails')), not('holds')];
    return fc.oneof({ weight: 4, arbitrary: this.leaf(truth) }, ...options.map((arbitrary) => ({ weight: 1, arbitrary })));
  }
}
