import { Command, CommanderError } from 'commander';
import { registerAnalyze } from './commands/analyze.js';
import { registerAssess } from './commands/assess.js';
import { registerDiff } from './commands/diff.js';
import { registerExplore } from './commands/explore.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { processOutput, type Output } from './output.js';
import { reportError } from './render/problems.js';

/**
 * Builds the `parley` command with its subcommands, writing to `output`.
 *
 * @example
 * ```ts
 * const program = createProgram(processOutput());
 * await program.parseAsync(['node', 'parley', 'assess', 'seeds/ukraine-2025']);
 * ```
 */
export function createProgram(output: Output): Command {
  const program = new Command('parley')
    .description('Model, assess and simulate multi-party peace negotiations.')
    .showHelpAfterError()
    // A command's options are its own: `parley explore merge a.json --json` gives --json to
    // merge, not to explore (which has a --json of its own).
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: (text) => output.out(text.trimEnd()), writeErr: (text) => output.err(text.trimEnd()) });
  registerAssess(program, output);
  registerAnalyze(program, output);
  registerDiff(program, output);
  registerRun(program, output);
  registerReport(program, output);
  registerExplore(program, output);
  return program;
}

/**
 * Runs the `parley` command on `argv` (as `process.argv`) and resolves to the exit code:
 * 0 on success, 1 on a usage or runtime error, 2 when a scenario is invalid.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv);
 * ```
 */
export async function runCli(argv: readonly string[], output: Output = processOutput()): Promise<number> {
  try {
    await createProgram(output).parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    return reportError(error, output);
  }
}
