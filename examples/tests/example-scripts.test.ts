import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// The example scripts are documentation that runs: each is run as a reader would run it.
const examples = fileURLToPath(new URL('..', import.meta.url));
const run = (script: string) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', '--conditions=source', `src/${script}`], { cwd: examples, env: { ...process.env, NO_COLOR: '1' } });

describe('example scripts', () => {
  it('assess-ukraine-2025 prints every plan × party verdict and Russia\'s mixed verdict on the 19 points', async () => {
    const { stdout } = await run('assess-ukraine-2025.ts');
    expect(stdout.match(/\b(accepts|rejects|undecided)\b +utility/g)).toHaveLength(12);
    expect(stdout).toContain('Some points are acceptable to Russia, some are not.');
  });

  it('replay-ukraine-2025 replays the timeline to no agreement, then tries more rounds', async () => {
    const { stdout } = await run('replay-ukraine-2025.ts');
    expect(stdout).toContain('revised us-28@0 → us-ukraine-19@1');
    expect(stdout).toContain('adjourned: the talks ended on 2025-12-02 without agreement');
    expect(stdout.match(/^seed \d: /gm)).toHaveLength(3);
  }, 60_000);

  it('explore-ukraine-2025 finds the verdicts robust to the bundled uncertainty, and what moves under wider ranges', async () => {
    const { stdout } = await run('explore-ukraine-2025.ts');
    expect(stdout).toContain('Under the bundled explore.yaml (2000 runs, seed 1)');
    expect(stdout).toContain('no assumption, changed alone within its range, flips any verdict');
    expect(stdout).toMatch(/us-28: russia 100\.0% \[99\.\d%–100\.0%\], ukraine 0\.0%/);
    expect(stdout).toMatch(/United States' reservation value: flips \d+\.\d% of runs/);
  }, 120_000);
});
