import { createColors } from 'picocolors';

/** Where a command writes, and whether it may use colour. Injected so tests can capture it. */
export interface Output {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Colour functions: real ones on a terminal, identity functions otherwise. */
  readonly colors: ReturnType<typeof createColors>;
}

/**
 * The output of the real process: colour only when stdout is a TTY and `NO_COLOR` is unset
 * (or when `FORCE_COLOR` is set), so piped output is plain text.
 *
 * @example
 * ```ts
 * await runCli(process.argv, processOutput());
 * ```
 */
export function processOutput(): Output {
  const env = process.env;
  const colour = env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0'
    ? true
    : process.stdout.isTTY === true && env['NO_COLOR'] === undefined;
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    colors: createColors(colour),
  };
}
