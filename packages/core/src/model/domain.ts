import { ParleyError, ScenarioError } from './errors.js';
import type { PathSegment } from './problems.js';
import { ProblemList } from './problems.js';
import { checkShape, domainSchema } from './schema.js';
import type { DomainSpec, IssueOptionSpec, IssueSpec } from './specs.js';
import { deepFreeze } from './freeze.js';

/** A validated issue: its spec plus its position in the domain. */
export interface Issue extends IssueSpec {
  /** Position of the issue in the domain (and in every outcome array). */
  readonly index: number;
  readonly options: readonly IssueOptionSpec[];
}

/**
 * A validated, immutable set of issues. Outcomes over a domain are arrays of option
 * indexes in the order of `issues`.
 */
export class Domain {
  readonly issues: readonly Issue[];
  readonly #issueIndex: ReadonlyMap<string, number>;
  readonly #optionIndex: readonly ReadonlyMap<string, number>[];

  /** @internal Use {@link createDomain}, which validates. */
  constructor(spec: DomainSpec) {
    this.issues = deepFreeze(spec.issues.map((issue, index) => ({ ...structuredClone(issue), index })));
    this.#issueIndex = new Map(this.issues.map((issue) => [issue.id, issue.index]));
    this.#optionIndex = this.issues.map((issue) => new Map(issue.options.map((option, index) => [option.id, index])));
    Object.freeze(this);
  }

  /**
   * Index of the issue with this id, or -1.
   *
   * @example
   * ```ts
   * domain.issueIndex('army.cap'); // 0
   * ```
   */
  issueIndex(issueId: string): number {
    return this.#issueIndex.get(issueId) ?? -1;
  }

  /**
   * Index of `optionId` within the issue at `issueIndex`, or -1.
   *
   * @example
   * ```ts
   * domain.optionIndex(domain.issueIndex('army.cap'), '800k'); // 1
   * ```
   */
  optionIndex(issueIndex: number, optionId: string): number {
    return this.#optionIndex[issueIndex]?.get(optionId) ?? -1;
  }

  /**
   * The issue with this id; throws a `ParleyError` (`UNKNOWN_ISSUE`) if there is none.
   *
   * @example
   * ```ts
   * domain.issue('army.cap').label; // 'Army size cap'
   * ```
   */
  issue(issueId: string): Issue {
    const issue = this.issues[this.issueIndex(issueId)];
    if (issue === undefined) throw new ParleyError('UNKNOWN_ISSUE', `unknown issue "${issueId}"`);
    return issue;
  }

  /**
   * The number of distinct complete outcomes (product of the option counts).
   *
   * @example
   * ```ts
   * createDomain({ issues: [twoOptions, threeOptions] }).outcomeCount; // 6
   * ```
   */
  get outcomeCount(): number {
    return this.issues.reduce((count, issue) => count * issue.options.length, 1);
  }

  /** The domain as the plain spec it was created from. */
  toJSON(): DomainSpec {
    return { issues: this.issues.map(({ index: _index, ...issue }) => issue) };
  }
}

/**
 * Validates a domain spec and returns an immutable {@link Domain}.
 * Throws a {@link ScenarioError} listing every problem (duplicate ids, bad shapes).
 *
 * @example
 * ```ts
 * const domain = createDomain({
 *   issues: [
 *     { id: 'army.cap', label: 'Army size cap', ordered: true,
 *       options: [{ id: 'none', label: 'No cap' }, { id: '800k', label: '800,000' }, { id: '600k', label: '600,000' }] },
 *   ],
 * });
 * domain.issue('army.cap').options.length; // 3
 * ```
 */
export function createDomain(spec: DomainSpec): Domain {
  const problems = new ProblemList();
  validateDomainSpec(spec, problems, []);
  if (!problems.isEmpty) throw new ScenarioError('The domain', problems.items);
  return new Domain(spec);
}

/** Adds the problems of a domain spec to `problems`; returns whether its shape was valid. */
export function validateDomainSpec(spec: unknown, problems: ProblemList, path: readonly PathSegment[]): spec is DomainSpec {
  const domain = checkShape<DomainSpec>(domainSchema, spec, problems, path);
  if (domain === undefined) return false;
  problems.duplicates([...path, 'issues'], 'issue id', domain.issues.map((issue) => issue.id));
  domain.issues.forEach((issue, index) => {
    problems.duplicates([...path, 'issues', index, 'options'], 'option id', issue.options.map((option) => option.id));
  });
  return true;
}
