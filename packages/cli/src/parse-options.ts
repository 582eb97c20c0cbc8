import { InvalidArgumentError } from 'commander';

/**
 * Parses a command-line number that must be a whole number of at least `least`, with a
 * message that says what was expected.
 *
 * @example
 * ```ts
 * program.option('--seed <n>', 'the seed', wholeNumberOption(0), 1);
 * ```
 */
export function wholeNumberOption(least: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed) || parsed < least) {
      throw new InvalidArgumentError(least === 1 ? 'expected a positive whole number' : `expected a whole number ≥ ${least}`);
    }
    return parsed;
  };
}
