/**
 * One thing wrong with an input: where it is, what is wrong, and how to fix it.
 *
 * `path` uses JavaScript property syntax relative to the input that was validated
 * (`parties[1].redLines[0].rule.issue`); `file` names the file it came from when the
 * input was read from disk.
 */
export interface Problem {
  /** Stable machine-readable code, e.g. `unknown-issue` or `duplicate-id`. */
  readonly code: ProblemCode;
  /** Where the problem is, e.g. `parties[1].redLines[0].rule.issue`. */
  readonly path: string;
  /** What is wrong, as a sentence. */
  readonly message: string;
  /** The likely intended name, when a misspelling is the probable cause. */
  readonly suggestion?: string;
  /** The file the problem is in, relative to the scenario directory. */
  readonly file?: string;
}

/** Every kind of problem the validators report. */
export type ProblemCode =
  | 'invalid-syntax'
  | 'invalid-shape'
  | 'missing-file'
  | 'duplicate-id'
  | 'unknown-issue'
  | 'unknown-option'
  | 'unknown-party'
  | 'unknown-plan'
  | 'unknown-point'
  | 'unknown-source'
  | 'unknown-red-line'
  | 'unknown-strategy'
  | 'unordered-issue'
  | 'invalid-weight'
  | 'invalid-value'
  | 'missing-value'
  | 'conflicting-provisions'
  | 'domain-mismatch'
  /** The input uses a feature Parley does not import (e.g. a non-discrete GENIUS issue). */
  | 'unsupported';

/** Base class of every error Parley throws on purpose. `code` is stable across versions. */
export class ParleyError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ParleyError';
    this.code = code;
  }
}

/**
 * Thrown when a domain, party, plan or scenario is invalid. Lists every problem found,
 * not just the first, so that one run of the loader shows everything to fix.
 *
 * @example
 * ```ts
 * try {
 *   createScenario(spec);
 * } catch (error) {
 *   if (error instanceof ScenarioError) {
 *     for (const problem of error.problems) console.error(formatProblem(problem));
 *   }
 * }
 * ```
 */
export class ScenarioError extends ParleyError {
  readonly problems: readonly Problem[];
  constructor(subject: string, problems: readonly Problem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super('SCENARIO_INVALID', `${subject} is invalid (${count}):\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
    this.name = 'ScenarioError';
    this.problems = problems;
  }
}

/**
 * Renders a problem as one line: `file: path: message (did you mean "x"?)`.
 *
 * @example
 * ```ts
 * formatProblem({ code: 'unknown-issue', path: 'redLines[0].rule.issue', message: 'unknown issue "natoo"', suggestion: 'nato.membership' });
 * // 'redLines[0].rule.issue: unknown issue "natoo" (did you mean "nato.membership"?)'
 * ```
 */
export function formatProblem(problem: Problem): string {
  const where = [problem.file, problem.path].filter((part) => part !== undefined && part !== '').join(': ');
  const hint = problem.suggestion === undefined ? '' : ` (did you mean "${problem.suggestion}"?)`;
  return `${where === '' ? '' : `${where}: `}${problem.message}${hint}`;
}
