import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createColors } from 'picocolors';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type Output } from '@parley/cli';
import { parley, seeds } from './support/run-parley.js';

// `--out FILE` that cannot be written: one clear error that names the file, says what is in
// the way and what to do, before any work is done; never the file system's errno text.

const scratch = mkdtempSync(join(tmpdir(), 'parley-out-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
/** A plain file, where a directory would have to be. */
const aFile = join(scratch, 'notes.txt');
writeFileSync(aFile, 'a file, not a directory\n');

/** Runs `parley …args` and counts the progress displays it starts: none means it failed before the work. */
async function parleyCountingWork(args: readonly string[]) {
  const err: string[] = [];
  let displays = 0;
  const output: Output = {
    out: () => {},
    err: (text) => err.push(text),
    colors: createColors(false),
    progress: () => {
      displays += 1;
      return { update: () => {}, stop: () => {} };
    },
  };
  const code = await runCli(['node', 'parley', ...args], output);
  return { code, stderr: err.join('\n'), displays };
}

describe('parley report --out to a path that cannot be written', () => {
  it('under a file: names the file and what is in the way, exits 1, before the report is made', async () => {
    const out = join(aFile, 'report.html');
    const { code, stderr, displays } = await parleyCountingWork(['report', seeds, '--out', out]);
    expect(code).toBe(1);
    expect(displays).toBe(0);
    expect(stderr).toBe(`Error: cannot write --out ${out}: ${aFile} is a file, not a directory; give --out a path inside a directory (missing directories are created)`);
    expect(stderr).not.toMatch(/E[A-Z]{4,}|mkdir|errno/);
  });

  it('deeper under a file, the same', async () => {
    const out = join(aFile, 'reports', '2025', 'report.html');
    const { code, stderr } = await parley(['report', seeds, '--out', out]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${aFile} is a file, not a directory`);
  });

  it('a directory: says to name a file inside it', async () => {
    const { code, stderr } = await parley(['report', seeds, '--out', scratch]);
    expect(code).toBe(1);
    expect(stderr).toBe(`Error: cannot write --out ${scratch}: it is a directory; give --out the name of a file to write inside it, not the directory itself`);
  });

  it('in directories that do not exist yet: creates them and writes the report', async () => {
    const out = join(scratch, 'new', 'reports', 'report.html');
    const { code, stdout } = await parley(['report', seeds, '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Wrote ${out}`);
    expect(existsSync(out)).toBe(true);
  }, 60_000);
});

describe('parley explore --out to a path that cannot be written', () => {
  it.each([
    ['the result', ['--out', join(aFile, 'exploration.json')]],
    ['a shard', ['--shard', '1/2', '--out', join(aFile, 'shard-1.json')]],
  ])('%s: the same error, before any run', async (_what, extra) => {
    const { code, stderr, displays } = await parleyCountingWork(['explore', seeds, '--runs', '4', '--workers', '1', ...extra]);
    expect(code).toBe(1);
    expect(displays).toBe(0);
    expect(stderr).toContain(`${aFile} is a file, not a directory`);
  });
});
