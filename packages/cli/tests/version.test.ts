import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parley } from './support/run-parley.js';

/** The version the CLI package declares. */
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

describe('parley --version', () => {
  it.each(['--version', '-v'])('%s prints the version of the parley command and exits 0', async (flag) => {
    const { code, stdout, stderr } = await parley([flag]);
    expect(code).toBe(0);
    expect(stdout).toBe(version);
    expect(stderr).toBe('');
  });

  it('is listed in the help', async () => {
    expect((await parley(['--help'])).stdout).toMatch(/-v, --version +print the version of the parley command/);
  });
});
