import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BUDGET } from '@parley/core';
import { beforeAll, describe, expect, it } from 'vitest';
// The generator of the core tests: the same 60 × 10 scenario, written out as a scenario file.
import { wideScenarioSpec } from '../../core/tests/support/wide-scenario.js';
import { parley } from './support/run-parley.js';

/** Writes the 60 issues × 10 options scenario of issue 12 into a fresh directory. */
function writeWideScenario(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-wide-'));
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify(wideScenarioSpec(), null, 2));
  return dir;
}

describe('parley analyze on 60 issues × 10 options (issue 12: nothing hangs without saying so)', () => {
  let dir: string;
  beforeAll(() => {
    dir = writeWideScenario();
  });

  it('finishes within its default budget and says plainly that it was cut short', async () => {
    const started = performance.now();
    const { code, stdout } = await parley(['analyze', dir]);
    const seconds = (performance.now() - started) / 1000;
    expect(code).toBe(0);
    // The budget stops it, not the 60 s time limit.
    expect(seconds).toBeLessThan(30);
    expect(stdout).toContain('3 parties, 60 issues, 1.0e60 outcomes');
    expect(stdout).toContain('(cut short: see below)');
    expect(stdout).toMatch(/^Cut short: not every analysis finished within its limits \(2,000,000 work units per analysis, 60 s in all\)\.$/m);
    expect(stdout).toMatch(/^At least [\d,]+ outcomes are acceptable to every party \(the count was cut short/m);
    // Never the plain claim of a finished count.
    expect(stdout).not.toMatch(/^[\d,.e]+ outcomes are acceptable to every party\.$/m);
    expect(stdout).toContain('(best found; not proven)');
  }, 60_000);

  it('--json says complete: false, what each search guarantees, and carries 10^60 exactly', async () => {
    const { code, stdout } = await parley(['analyze', dir, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ complete: false, exact: false, limits: { budget: DEFAULT_BUDGET, timeLimitMs: 60_000 } });
    // Past 2^53 a count is its exact digits as a string; BigInt reads either form.
    expect(report.outcomes).toBe(`1${'0'.repeat(60)}`);
    expect(BigInt(report.agreements)).toBeGreaterThan(0n);
    expect(report.searches.agreements).toMatchObject({ exact: false, stoppedBy: 'budget' });
    expect(report.searches.agreements.guarantee).toMatch(/^at least [\d,]+ outcomes are acceptable to every party/);
    expect(report.searches.pareto).toMatchObject({ exact: false, stoppedBy: 'budget' });
    expect(report.pareto).toEqual([]);
    for (const search of Object.values(report.searches) as ({ work: number } | null)[]) if (search !== null) expect(search.work).toBeLessThanOrEqual(DEFAULT_BUDGET + 1);
    expect(report.planRepairs).toHaveLength(1);
    expect(report.planRepairs[0]).toHaveProperty('exact');
    expect(report.planRepairs[0]).toHaveProperty('guarantee');
  }, 60_000);

  it('takes a smaller --budget, and is the same on every run (the budget is counted, not timed)', async () => {
    const first = JSON.parse((await parley(['analyze', dir, '--budget', '20000', '--json'])).stdout);
    const second = JSON.parse((await parley(['analyze', dir, '--budget', '20000', '--json'])).stdout);
    expect(first.limits.budget).toBe(20_000);
    expect(first.searches.nash.work).toBeLessThanOrEqual(20_001);
    const { timing: _first, ...rest } = first;
    const { timing: _second, ...again } = second;
    expect(JSON.stringify(again)).toBe(JSON.stringify(rest));
  }, 60_000);

  it('stops at --time-limit when that comes first, and says so', async () => {
    const { code, stdout } = await parley(['analyze', dir, '--budget', '1000000000', '--time-limit', '0.5', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.complete).toBe(false);
    expect(report.limits.timeLimitMs).toBe(500);
    expect(report.searches.agreements.stoppedBy).toBe('time');
    expect(report.timing.analysisMs).toBeLessThan(10_000);
  }, 60_000);
});

describe('parley analyze --budget and --time-limit', () => {
  it.each([
    ['--budget', '0', 'expected a positive whole number'],
    ['--time-limit', '0', 'expected a positive number'],
    ['--time-limit', 'soon', 'expected a positive number'],
  ])('rejects %s %s', async (option, value, message) => {
    const { code, stderr } = await parley(['analyze', 'nowhere', option, value]);
    expect(code).toBe(64);
    expect(stderr).toContain(message);
  });

  it('documents both, with the default budget, in --help', async () => {
    const { stdout } = await parley(['analyze', '--help']);
    expect(stdout).toContain('--budget <n>');
    expect(stdout).toContain(`(default: ${DEFAULT_BUDGET})`);
    expect(stdout).toContain('--time-limit <seconds>');
    expect(stdout).toContain('(default: 60)');
    expect(stdout).toContain('pnpm parley analyze seeds/ukraine-2025 --budget 20000000 --time-limit 600');
  });
});
