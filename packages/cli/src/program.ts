import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerAnalyze } from './commands/analyze.js';
import { registerAssess } from './commands/assess.js';
import { registerBacktest } from './commands/backtest.js';
import { registerDiff } from './commands/diff.js';
import { registerExplore } from './commands/explore.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerTournament } from './commands/tournament.js';
import { registerStability } from './commands/stability.js';
import { processOutput, type Output } from './output.js';
import { exitCodes, reportError, usageHint } from './render/problems.js';

/**
 * The version of this package. Read from its package.json, which is one directory above
 * this file both in the sources (src/) and in the build (dist/).
 */
const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

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
    .version(version, '-v, --version', 'print the version of the parley command')
    // A command's options are its own: `parley explore merge a.json --json` gives --json to
    // merge, not to explore (which has a --json of its own).
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => output.out(text.trimEnd()),
      writeErr: (text) => output.err(text.trimEnd()),
      outputError: (text, write) => write(output.colors.red(text.trimEnd())),
    });
  registerAssess(program, output);
  registerAnalyze(program, output);
  registerDiff(program, output);
  registerRun(program, output);
  registerReport(program, output);
  registerExplore(program, output);
  registerTournament(program, output);
  registerStability(program, output);
  registerBacktest(program, output);
  // After a usage error, one line that says where the usage is, not the whole help (which
  // buries the one line that says what is wrong). Set on every command, each naming its own.
  for (const command of allCommands(program)) command.showHelpAfterError(usageHint(`${commandPath(command)} --help`));
  return program;
}

/** `command` and every subcommand under it. */
function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

/** How `command` is called, e.g. `parley explore merge`. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at !== null; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

/**
 * Runs the `parley` command on `argv` (as `process.argv`) and resolves to the exit code:
 * 0 on success (and for `--help` and `--version`), 1 when running the command failed, 2 when
 * an input file (a scenario, say) is invalid, 64 when the command line is wrong (an unknown
 * option, a missing argument, a bad option value).
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv);
 * ```
 */
export async function runCli(argv: readonly string[], output: Output = processOutput()): Promise<number> {
  const program = createProgram(output);
  // The command whose action is running, so that a usage error it throws points to its help.
  let running: Command = program;
  program.hook('preAction', (_program, action) => {
    running = action;
  });
  try {
    await program.parseAsync([...argv]);
    return exitCodes.ok;
  } catch (error) {
    // Commander has printed its message already; it exits 0 for --help and --version and 1
    // for every usage error (and for a bare `parley`, after printing the help).
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    return reportError(error, output, `${commandPath(running)} --help`);
  }
}
