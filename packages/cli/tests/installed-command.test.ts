import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { root } from './support/run-parley.js';

// The `parley` command that `pnpm install` links runs the build that `pnpm install` makes
// (the packages' `prepare` scripts): starting it compiles no TypeScript.

const run = promisify(execFile);
const cli = join(root, 'packages/cli');
const manifest = JSON.parse(readFileSync(join(cli, 'package.json'), 'utf8')) as { version: string; bin: { parley: string }; files: string[] };

describe('the installed parley command', () => {
  it('is built by pnpm install, and the build is not kept in git', () => {
    expect(existsSync(join(cli, manifest.bin.parley))).toBe(true);
    expect(existsSync(join(cli, 'dist/bin.js')), 'packages/cli/dist/bin.js is missing: run pnpm install').toBe(true);
    expect(existsSync(join(root, 'packages/core/dist/index.js')), 'packages/core/dist is missing: run pnpm install').toBe(true);
    expect(readFileSync(join(root, '.gitignore'), 'utf8').split('\n')).toContain('dist/');
    // …but it is published with the package.
    expect(manifest.files).toEqual(expect.arrayContaining(['bin', 'dist']));
  });

  it('runs from the build, from the workspace root and from a package that depends on it', async () => {
    for (const where of [root, join(root, 'examples')]) {
      const { stdout } = await run(join(where, 'node_modules/.bin/parley'), ['--version'], { cwd: where });
      expect(stdout.trim()).toBe(manifest.version);
    }
    const { stdout } = await run(process.execPath, [join(cli, manifest.bin.parley), '--help'], { cwd: root });
    expect(stdout).toMatch(/^Usage: parley /);
  }, 30_000);

  it('is what `pnpm parley` runs in the repository, and runs the sources when they are newer than the build', async () => {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.parley).toBe(`node packages/cli/${manifest.bin.parley.replace(/^\.\//, '')}`);
    // A source file edited after the build: the build no longer says what the code does.
    const edited = join(cli, 'src/index.ts');
    const { atime, mtime } = statSync(edited);
    utimesSync(edited, atime, new Date(Date.now() + 60_000));
    try {
      const { stdout, stderr } = await run(process.execPath, [join(cli, manifest.bin.parley), '--version'], { cwd: root });
      expect(stdout.trim()).toBe(manifest.version);
      expect(stderr).toContain('the sources changed since the last build');
    } finally {
      utimesSync(edited, atime, mtime);
    }
  }, 60_000);
});
