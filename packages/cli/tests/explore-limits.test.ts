import { availableParallelism } from 'node:os';
import { createColors } from 'picocolors';
import { describe, expect, it } from 'vitest';
import { MAX_RUNS_UNASKED, runCli, workerThreads, type Output } from '@parley/cli';
import { parley, seeds } from './support/run-parley.js';

// `parley explore` with numbers that would make it slow: more worker threads than it can use,
// and more runs than anyone waits for.

/** Runs `parley …args`, recording every progress update with when it came. */
async function parleyWithProgress(args: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const updates: { at: number; done: number }[] = [];
  const displays: { label: string; total: number; timeLeft: boolean }[] = [];
  const output: Output = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    colors: createColors(false),
    progress: (label, total, options) => {
      displays.push({ label, total, timeLeft: options?.timeLeft === true });
      return { update: (done) => updates.push({ at: performance.now(), done }), stop: () => {} };
    },
  };
  const code = await runCli(['node', 'parley', ...args], output);
  return { code, stdout: out.join('\n'), stderr: err.join('\n'), updates, displays };
}

describe('parley explore --workers', () => {
  it('uses no more threads than the machine has cores, and says so in one line', async () => {
    const cores = availableParallelism();
    const threads = Math.min(cores, 50);
    const { code, stdout, stderr } = await parley(['explore', seeds, '--workers', '1000', '--runs', '50']);
    expect(code).toBe(0);
    const lines = stderr.split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Note: using ${threads === 1 ? 'the main thread' : `${threads} worker threads`}, not --workers 1000: `));
    expect(stdout).toContain(`on ${threads === 1 ? 'the main thread' : `${threads} worker threads`}.`);
  }, 60_000);

  it('caps at the cores and at the runs, and notes it only when fewer threads than asked are used', () => {
    expect(workerThreads(50, 1000, 8)).toEqual({
      threads: 8,
      note: 'Note: using 8 worker threads, not --workers 1000: this machine has 8 CPU cores available, and threads beyond them only add start-up time and memory.',
    });
    expect(workerThreads(3, 6, 16)).toEqual({
      threads: 3,
      note: 'Note: using 3 worker threads, not --workers 6: there are 3 runs to make, and a thread with no run only costs its start-up.',
    });
    expect(workerThreads(1, 4, 8).threads).toBe(1);
    expect(workerThreads(1, 4, 8).note).toMatch(/^Note: using the main thread, not --workers 4: there is 1 run/);
    // Not asked for: one per core, at most one per run, without a note.
    expect(workerThreads(100, undefined, 8)).toEqual({ threads: 8 });
    expect(workerThreads(5, undefined, 8)).toEqual({ threads: 5 });
    expect(workerThreads(100, 4, 8)).toEqual({ threads: 4 });
  });
});

describe('parley explore with very many runs', () => {
  it(`refuses more than ${MAX_RUNS_UNASKED.toLocaleString('en-US')} runs without --yes, at once, saying how to go ahead (exit 64)`, async () => {
    const { code, stdout, stderr, displays } = await parleyWithProgress(['explore', seeds, '--runs', '1e9']);
    expect(code).toBe(64);
    expect(stdout).toBe('');
    expect(displays).toEqual([]);
    const [reason, help] = stderr.split('\n');
    expect(reason).toContain('error: --runs 1000000000 makes 1,000,000,000 runs, more than the 10,000,000 explored without asking');
    expect(reason).toContain('add --yes to run it anyway');
    expect(reason).toContain('--shard k/n');
    expect(help).toBe('(Run `parley explore --help` for its options and examples.)');
  });

  it('counts the runs of the shard it makes', async () => {
    const { code, stderr } = await parley(['explore', seeds, '--runs', '100000000', '--shard', '1/2', '--out', 'never-written.json']);
    expect(code).toBe(64);
    expect(stderr).toContain('makes 50,000,000 runs in shard 1/2');
    // A shard of a tenth of the limit is not refused: here it goes on to fail on its --out.
    const small = await parley(['explore', seeds, '--runs', '100000000', '--shard', '1/100', '--out', '/dev/null/shard.json']);
    expect(small.code).toBe(1);
  });

  it('goes ahead with --yes (here as far as the --out that cannot be written, before any run)', async () => {
    const { code, stderr } = await parley(['explore', seeds, '--runs', '1e9', '--yes', '--out', '/dev/null/exploration.json']);
    expect(code).toBe(1);
    expect(stderr).toContain('cannot write --out /dev/null/exploration.json: /dev/null is a file, not a directory');
  });

  it('shows progress at least every second, with the time left, and stops an exploration that would take more than 10 minutes (exit 64)', async () => {
    // At most two threads, each a few thousand runs a second at best: hours for ten million runs.
    const started = performance.now();
    const { code, stdout, stderr, updates, displays } = await parleyWithProgress(['explore', seeds, '--runs', '9999999', '--rounds', '2', '--workers', '2']);
    expect(code).toBe(64);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error: stopped: at [\d,]+ runs a second, --runs 9999999 would take about (\d+h \d\dm|\d+d \d+h), more than the 10 minutes explored without asking; add --yes to run it anyway/);
    // It says so within seconds, not after the hours.
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(displays).toEqual([{ label: 'Exploring', total: 9_999_999, timeLeft: true }]);
    // Once the threads are up, the count moves at least every second, chunks of runs
    // unfinished or not.
    const moving = updates.filter((update) => update.done > 0);
    expect(moving.length).toBeGreaterThan(3);
    for (let index = 1; index < moving.length; index++) {
      expect(moving[index]!.at - moving[index - 1]!.at).toBeLessThan(1000);
      expect(moving[index]!.done).toBeGreaterThan(moving[index - 1]!.done);
    }
  }, 60_000);
});
