import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exitCodes } from '@parley/cli';
import { parley, seeds } from './support/run-parley.js';

// What a script calling `parley` can rely on: 0 when it worked, 64 when the command line is
// wrong, 2 when an input file is invalid, 1 when running the command failed.

const scratch = mkdtempSync(join(tmpdir(), 'parley-exit-codes-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('parley exit codes', () => {
  it('are 0, 1, 2 and 64', () => {
    expect(exitCodes).toEqual({ ok: 0, failure: 1, invalidInput: 2, usage: 64 });
  });

  it.each([
    ['an unknown option', ['explore', seeds, '--frobnicate'], "error: unknown option '--frobnicate'", 'parley explore --help'],
    ['a missing argument', ['diff', seeds, 'us-28'], "error: missing required argument 'planB'", 'parley diff --help'],
    ['a bad option value', ['run', seeds, '--seed', 'abc'], "error: option '--seed <n>' argument 'abc' is invalid. expected a whole number ≥ 0", 'parley run --help'],
    ['an unknown command', ['asses', seeds], "error: unknown command 'asses'", 'parley --help'],
    ['a missing option the command needs', ['report', seeds], 'error: say where to write the report with --out report.html', 'parley report --help'],
    ['an unknown plan id', ['diff', seeds, 'us-28', 'us-19'], 'error: unknown plan "us-19" (did you mean "us-ukraine-19"?)', 'parley diff --help'],
    ['a shard written wrongly', ['explore', seeds, '--shard', 'two', '--out', join(scratch, 'x.json')], 'error: --shard two: write the shard as k/n', 'parley explore --help'],
    ['an option of a subcommand', ['explore', 'merge', '--frobnicate', 'a.json'], "error: unknown option '--frobnicate'", 'parley explore merge --help'],
  ])('exit 64 for %s: one line says what is wrong and where the help is, without the whole help', async (_what, args, reason, help) => {
    const { code, stdout, stderr } = await parley(args);
    expect(code).toBe(64);
    expect(stdout).toBe('');
    const lines = stderr.split('\n');
    expect(lines[0]).toContain(reason);
    expect(lines.at(-1)).toBe(`(Run \`${help}\` for its options and examples.)`);
    // At most a suggestion between the two ("Did you mean assess?").
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(stderr).not.toContain('Usage:');
  });

  it('exit 2 when an input file is invalid: a scenario, a shard file', async () => {
    const dir = join(scratch, 'broken-scenario');
    cpSync(seeds, dir, { recursive: true });
    writeFileSync(join(dir, 'plans/us-28.yaml'), 'id: us-28\ntitle: [unclosed\n');
    expect((await parley(['assess', dir])).code).toBe(2);

    const notAShard = join(scratch, 'not-a-shard.json');
    writeFileSync(notAShard, '{}\n');
    const merged = await parley(['explore', 'merge', notAShard]);
    expect(merged.code).toBe(2);
    expect(merged.stderr).toContain('is not a Parley exploration shard file');
  });

  it('exit 1 when running the command fails: here, a report that cannot be written', async () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'not a directory\n');
    const { code, stdout, stderr } = await parley(['report', seeds, '--out', join(file, 'report.html')]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('is a file, not a directory');
  });

  it('exit 0 for --help and --version', async () => {
    expect((await parley(['--help'])).code).toBe(0);
    expect((await parley(['explore', '--help'])).code).toBe(0);
    expect((await parley(['--version'])).code).toBe(0);
  });
});
