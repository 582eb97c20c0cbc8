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

/**
 * Parses a command-line number that must be positive and finite, fractions allowed (a time
 * in seconds, say), with a message that says what was expected.
 *
 * @example
 * ```ts
 * program.option('--time-limit <seconds>', 'stop after this long', positiveNumberOption, 60);
 * ```
 */
export function positiveNumberOption(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a positive number');
  return parsed;
}
