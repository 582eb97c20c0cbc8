import { ParleyError, ScenarioError, formatProblem, type ParleyErrorCode } from '@parley/core';
import type { Output } from '../output.js';

/**
 * The exit codes of `parley` (documented in the README, "Exit codes"), so that scripts can
 * tell a fault of theirs from a fault of the data and from a failure of the run.
 */
export const exitCodes = {
  ok: 0,
  /** The command was right and its input valid, but running it failed (a file that cannot be written, a worker thread that crashed). */
  failure: 1,
  /** An input file is invalid: a scenario, an exploration file, a GENIUS file, a shard file. */
  invalidInput: 2,
  /** The command line is wrong: an unknown command or option, a missing argument, a bad option value. BSD's EX_USAGE. */
  usage: 64,
} as const;

/**
 * Errors of the library that, coming out of a command, mean its command line was wrong: the
 * values they complain about (a `--shard`, a plan or party id, a missing `--out`) were typed
 * on it, and the fix is to type something else.
 */
const usageCodes: ReadonlySet<ParleyErrorCode> = new Set(['USAGE', 'INVALID_SHARD', 'UNKNOWN_PLAN', 'UNKNOWN_PARTY']);

/** Errors of the library that mean an input file is invalid (the fix is in the file, not the command line). */
const inputCodes: ReadonlySet<ParleyErrorCode> = new Set(['SCENARIO_INVALID', 'INVALID_SHARD_FILE', 'SHARD_MISMATCH', 'DOMAIN_MISMATCH', 'INVALID_TOURNAMENT', 'OUTCOME_SPACE_TOO_LARGE']);

/**
 * The exit code for an error thrown while running a command: {@link exitCodes}.
 *
 * @example
 * ```ts
 * exitCodeOf(new ParleyError('USAGE', 'say where to write the report')); // 64
 * ```
 */
export function exitCodeOf(error: unknown): number {
  if (error instanceof ScenarioError) return exitCodes.invalidInput;
  if (error instanceof ParleyError) {
    if (usageCodes.has(error.code)) return exitCodes.usage;
    if (inputCodes.has(error.code)) return exitCodes.invalidInput;
  }
  return exitCodes.failure;
}

/**
 * Prints an error for people and returns the exit code ({@link exitCodeOf}): a scenario's
 * problems one per line with file, path and the likely intended name; a usage error as one
 * line and where to read the usage (`help`, e.g. `parley explore --help`); any other error
 * as its message.
 */
export function reportError(error: unknown, output: Output, help = 'parley --help'): number {
  const { colors } = output;
  const code = exitCodeOf(error);
  if (error instanceof ScenarioError) {
    const count = error.problems.length === 1 ? '1 problem' : `${error.problems.length} problems`;
    output.err(colors.red(colors.bold(`${error.message.split(' is invalid')[0]} cannot be loaded: ${count}.`)));
    for (const problem of error.problems) output.err(`  ${colors.red('✘')} ${formatProblem(problem)}`);
    output.err('Nothing was loaded. Fix the problems above and run the command again.');
    return code;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (code === exitCodes.usage) {
    // As commander prints its own usage errors, so that every usage error reads alike.
    output.err(colors.red(`error: ${message}`));
    output.err(usageHint(help));
    return code;
  }
  output.err(colors.red(`Error: ${message}`));
  return code;
}

/** The line after a usage error: where to read how the command is used. */
export function usageHint(help: string): string {
  return `(Run \`${help}\` for its options and examples.)`;
}
