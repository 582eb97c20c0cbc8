import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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
});
