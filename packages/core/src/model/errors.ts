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
  | 'unsupported'
  /**
   * The input goes past one of Parley's documented limits (a rule nested too deeply, a YAML
   * file with too many aliases or nested too deeply to read): refused rather than let it
   * exhaust the stack or the memory.
   */
  | 'limit-exceeded';

/** Every code a {@link ParleyError} carries: stable across versions, so callers can branch on it. */
export type ParleyErrorCode =
  /** A scenario, party, plan, talks or exploration file is invalid: a {@link ScenarioError} lists the problems. */
  | 'SCENARIO_INVALID'
  /** A party and a plan, or two parties, belong to different domains. */
  | 'DOMAIN_MISMATCH'
  /** Issues linked by interactions or red lines make too many combinations to enumerate. */
  | 'GROUP_TOO_LARGE'
  /** An outcome leaves an issue without an option. */
  | 'INCOMPLETE_OUTCOME'
  /** An outcome has the wrong length or an option index out of range. */
  | 'INVALID_OUTCOME'
  /** A search budget or time limit is not a positive number. */
  | 'INVALID_BUDGET'
  /** An estimate is asked for with counts that cannot make one. */
  | 'INVALID_ESTIMATE'
  /** A sample of agreements is asked for with a count or a seed that is not a whole number in range. */
  | 'INVALID_SAMPLE'
  /** A Pareto frontier's `maxPoints` or `epsilon` is not a valid number. */
  | 'INVALID_FRONTIER_OPTIONS'
  /** An exploration's options are invalid (runs, seed, rounds). */
  | 'INVALID_EXPLORATION'
  /** A tournament's options are invalid (strategies, domains, deadline, repetitions, seed). */
  | 'INVALID_TOURNAMENT'
  /** A domain has too many outcomes to enumerate for alternating-offers strategies. */
  | 'OUTCOME_SPACE_TOO_LARGE'
  /** A shard spec (`k/n`) or a shard's range is invalid. */
  | 'INVALID_SHARD'
  /** A shard file is not a shard file Parley wrote, or was damaged. */
  | 'INVALID_SHARD_FILE'
  /** Shard files that do not belong to one exploration. */
  | 'SHARD_MISMATCH'
  /** Tallies of different explorations were added. */
  | 'TALLY_MISMATCH'
  /** An analysis was asked for with no party. */
  | 'NO_PARTIES'
  /** A revision's patches do not apply to its base. */
  | 'REVISION_DOES_NOT_APPLY'
  /** A revision is applied to, or reverted from, a plan it was not made for. */
  | 'REVISION_MISMATCH'
  /** A plain object was passed where a party made by `createParty` is needed. */
  | 'UNBOUND_PARTY'
  | 'UNKNOWN_ISSUE'
  | 'UNKNOWN_OPTION'
  | 'UNKNOWN_PARTY'
  | 'UNKNOWN_PLAN'
  | 'UNKNOWN_POINT'
  | 'UNKNOWN_RED_LINE'
  /** A forecast's options or a backtest case are invalid (dates, facts, reactions). */
  | 'INVALID_FORECAST'
  /** A command was used wrongly (a missing file, an option out of range). */
  | 'USAGE';

/** Every code, for checks at the boundary (an error rebuilt from a worker thread). */
export const parleyErrorCodes: readonly ParleyErrorCode[] = [
  'SCENARIO_INVALID', 'DOMAIN_MISMATCH', 'GROUP_TOO_LARGE', 'INCOMPLETE_OUTCOME', 'INVALID_OUTCOME', 'INVALID_BUDGET', 'INVALID_ESTIMATE', 'INVALID_FRONTIER_OPTIONS',
  'INVALID_SAMPLE', 'INVALID_EXPLORATION', 'INVALID_TOURNAMENT', 'OUTCOME_SPACE_TOO_LARGE', 'INVALID_SHARD', 'INVALID_SHARD_FILE', 'SHARD_MISMATCH', 'TALLY_MISMATCH', 'NO_PARTIES', 'REVISION_DOES_NOT_APPLY',
  'REVISION_MISMATCH', 'UNBOUND_PARTY', 'UNKNOWN_ISSUE', 'UNKNOWN_OPTION', 'UNKNOWN_PARTY', 'UNKNOWN_PLAN', 'UNKNOWN_POINT', 'UNKNOWN_RED_LINE', 'USAGE', 'INVALID_FORECAST',
];

/**
 * Base class of every error Parley throws on purpose. `code` is stable across versions.
 *
 * @example
 * ```ts
 * try {
 *   partyOf(scenario, 'rusia');
 * } catch (error) {
 *   if (error instanceof ParleyError && error.code === 'UNKNOWN_PARTY') console.error(error.message);
 * }
 * ```
 */
export class ParleyError extends Error {
  readonly code: ParleyErrorCode;
  constructor(code: ParleyErrorCode, message: string) {
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
