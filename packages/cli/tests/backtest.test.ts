import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parley, root } from './support/run-parley.js';

const ukraine = join(root, 'cases/ukraine-2025');
const scratch = mkdtempSync(join(tmpdir(), 'parley-backtest-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('parley backtest', () => {
  it('prints the scores of Parley and the baselines per case and overall', async () => {
    const { code, stdout } = await parley(['backtest', ukraine, '--runs', '20']);
    expect(code).toBe(0);
    for (const method of ['parley', 'chance', 'nothing-changes', 'nash-unrestricted', 'no-firmness']) {
      expect(stdout).toMatch(new RegExp(`Ukraine 2025 \\(design\\) +${method} +\\d+ +[01]\\.\\d{3}`));
      expect(stdout).toMatch(new RegExp(`overall +${method} `));
    }
    expect(stdout).toMatch(/chance +\d+ +0\.500 +0\.250 +0\.693/);
  }, 60_000);

  it('--json gives every call with its sources; --html writes the calibration chart', async () => {
    const html = join(scratch, 'backtest.html');
    const { code, stdout } = await parley(['backtest', ukraine, '--runs', '20', '--json', '--html', html]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { calls: { question: string; sources: string[] }[]; overall: Record<string, { calls: number }> };
    expect(result.calls.find((call) => call.question === 'russia accepts e3-counterproposal')?.sources).toEqual(['S55']);
    expect(result.overall['parley']?.calls).toBe(result.calls.length);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('data-chart="calibration"');
    expect(page).toContain('<svg');
  }, 60_000);

  it('a directory without case.yaml is an error that says what a case needs', async () => {
    const { code, stderr } = await parley(['backtest', scratch]);
    expect(code).not.toBe(0);
    expect(stderr).toContain('a case directory needs a case.yaml');
  }, 60_000);
});
