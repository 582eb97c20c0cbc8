import { createColors } from 'picocolors';
import { describe, expect, it } from 'vitest';
import { createProgram } from '@parley/cli';
import { parley } from './support/run-parley.js';

/** Every subcommand the program registers, so a new command is checked without editing this file. */
const commands = createProgram({ out: () => {}, err: () => {}, colors: createColors(false) }).commands.map((command) => command.name());

describe('parley <command> --help', () => {
  it('registers the commands', () => {
    expect(commands).toEqual(expect.arrayContaining(['assess', 'analyze', 'diff', 'run', 'explore']));
  });

  it.each(commands)('%s --help prints a usage line and at least one example, and exits 0', async (name) => {
    const { code, stdout } = await parley([name, '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: parley ${name} `, 'm'));
    const examples = stdout.slice(stdout.indexOf('\nExamples:\n'));
    expect(stdout, `${name} --help has no "Examples:" section`).toContain('\nExamples:\n');
    expect(examples, `${name} --help has no example of calling it`).toMatch(new RegExp(`^ {2}pnpm parley ${name} \\S`, 'm'));
  });
});
