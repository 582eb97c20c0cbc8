import { ScenarioError, formatProblem } from '@parley/core';
import type { Output } from '../output.js';

/**
 * Prints an error for people: a scenario's problems one per line with file, path and
 * the likely intended name; any other error as its message. Returns the exit code.
 */
export function reportError(error: unknown, output: Output): number {
  const { colors } = output;
  if (error instanceof ScenarioError) {
    const count = error.problems.length === 1 ? '1 problem' : `${error.problems.length} problems`;
    output.err(colors.red(colors.bold(`${error.message.split(' is invalid')[0]} cannot be loaded: ${count}.`)));
    for (const problem of error.problems) output.err(`  ${colors.red('✘')} ${formatProblem(problem)}`);
    output.err('Nothing was loaded. Fix the problems above and run the command again.');
    return 2;
  }
  output.err(colors.red(`Error: ${error instanceof Error ? error.message : String(error)}`));
  return 1;
}
