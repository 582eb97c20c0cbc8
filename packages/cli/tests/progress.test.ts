import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runScenario } from '@parley/core';
import { loadScenario, loadTalks } from '@parley/core/node';
import { createColors } from 'picocolors';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { processOutput, runCli, type Output } from '@parley/cli';
import { parley, seeds } from './support/run-parley.js';

/** Runs `parley …args` with an output that records its progress displays instead of drawing them. */
async function withRecordedProgress(args: readonly string[]) {
  const out: string[] = [];
  const displays: { label: string; total: number; updates: [number, string | undefined][]; stops: number }[] = [];
  const output: Output = {
    out: (text) => out.push(text),
    err: (text) => out.push(text),
    colors: createColors(false),
    progress: (label, total) => {
      const display = { label, total, updates: [] as [number, string | undefined][], stops: 0 };
      displays.push(display);
      return { update: (done, detail) => display.updates.push([done, detail]), stop: () => display.stops++ };
    },
  };
  const code = await runCli(['node', 'parley', ...args], output);
  return { code, stdout: out.join('\n'), displays };
}

/** A writable stream that looks like a terminal (or not) and keeps what is written to it. */
function stream(isTTY: boolean) {
  const written: string[] = [];
  const fake = Object.assign(new PassThrough(), { isTTY, columns: 120 });
  fake.on('data', (chunk: Buffer) => written.push(chunk.toString()));
  return { fake, text: () => written.join('') };
}

describe('progress of slow commands', () => {
  it('run --rounds shows the timeline and every round, then stops before printing', async () => {
    const talks = await loadTalks(seeds, await loadScenario(seeds));
    const { code, stdout, displays } = await withRecordedProgress(['run', seeds, '--rounds', '2']);
    expect(code).toBe(0);
    expect(displays).toHaveLength(1);
    const [display] = displays;
    expect(display).toMatchObject({ label: 'Simulating', total: talks.timeline.length + 2, stops: 1 });
    const done = display!.updates.map(([value]) => value);
    expect(done[0]).toBe(0);
    expect(done.at(-1)).toBe(display!.total);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(display!.updates.map(([, detail]) => detail)).toEqual(expect.arrayContaining(['replaying the timeline', 'round 1 of 2', 'round 2 of 2']));
    // The progress changes nothing that is printed.
    expect(stdout).toBe((await parley(['run', seeds, '--rounds', '2'])).stdout);
  });

  it('analyze shows each analysis, then the repairs of each plan, and ends after the last', async () => {
    const { code, displays } = await withRecordedProgress(['analyze', seeds, '--max-size', '1']);
    expect(code).toBe(0);
    expect(displays).toHaveLength(1);
    expect(displays[0]).toMatchObject({ label: 'Analysing', total: 9, stops: 1 });
    // Each step as it starts; a long one also says how much of its work budget it has spent.
    const starts = displays[0]!.updates.filter(([, detail]) => !detail!.includes('% of its work budget'));
    expect(starts).toEqual([
      [0, 'smallest relaxations'],
      [1, 'agreement space'],
      [2, 'Pareto frontier'],
      [3, 'Nash point'],
      [4, 'Kalai–Smorodinsky point'],
      [5, 'max welfare'],
      [6, 'repairs for us-28'],
      [7, 'repairs for us-ukraine-19'],
      [8, 'repairs for e3-counterproposal'],
    ]);
  });

  it('analyze moves within a long search: the share of its work budget spent, in steps of 5 %', async () => {
    // The relaxations of the seeds need about 42 000 work units: with a budget of 20 000 the
    // search runs to its end, and the bar shows it getting there.
    const { code, displays } = await withRecordedProgress(['analyze', seeds, '--budget', '20000']);
    expect(code).toBe(0);
    const during = displays[0]!.updates.filter(([done, detail]) => done === 0 && detail!.startsWith('smallest relaxations · '));
    const percents = during.map(([, detail]) => Number(/· (\d+)% of its work budget$/.exec(detail!)?.[1]));
    expect(percents.length).toBeGreaterThan(3);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.every((percent) => percent % 5 === 0 && percent > 0 && percent <= 100)).toBe(true);
    expect(percents.at(-1)).toBeGreaterThanOrEqual(95);
  });

  it('report shows loading, the replay, the analysis and the drawing', async () => {
    const { code, displays } = await withRecordedProgress(['report', seeds, '--out', join(mkdtempSync(join(tmpdir(), 'parley-progress-')), 'report.html')]);
    expect(code).toBe(0);
    expect(displays).toHaveLength(1);
    expect(displays[0]).toMatchObject({ label: 'Reporting', total: 4, stops: 1 });
    expect(displays[0]!.updates.map(([done, detail]) => `${done} ${detail}`)).toEqual([
      '0 loading the scenario',
      '1 replaying the talks',
      '2 analysing the utility space',
      '3 drawing the charts',
      '4 done',
    ]);
  });

  it.each([
    ['report --json', ['report', seeds, '--json']],
    ['run --rounds 1 --json', ['run', seeds, '--rounds', '1', '--json']],
    ['analyze --json', ['analyze', seeds, '--max-size', '1', '--json']],
    ['run (the timeline only, quick)', ['run', seeds]],
  ])('shows none for %s', async (_name, args) => {
    const { code, displays } = await withRecordedProgress(args);
    expect(code).toBe(0);
    expect(displays).toEqual([]);
  });
});

describe('processOutput', () => {
  it('draws a progress bar on stderr when it is a terminal, and clears it when stopped', () => {
    const stdout = stream(false);
    const stderr = stream(true);
    const progress = processOutput({ stdout: stdout.fake, stderr: stderr.fake, env: {} }).progress!('Simulating', 4);
    progress.update(2, 'round 1 of 2');
    progress.stop();
    progress.stop();
    expect(stderr.text()).toContain('Simulating');
    expect(stderr.text()).toContain('2/4 round 1 of 2');
    expect(stderr.text()).toMatch(/\u001b\[2K[^]*$/); // the line is erased at the end
    expect(stdout.text()).toBe('');
  });

  describe('with the time left', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('estimates it from the speed since the first step, and redraws it every second even when no step ends', () => {
      vi.useFakeTimers();
      const stderr = stream(true);
      const progress = processOutput({ stdout: stream(false).fake, stderr: stderr.fake, env: {} }).progress!('Exploring', 100, { timeLeft: true });
      // Start-up (threads, compiling) takes a while and does not count.
      vi.advanceTimersByTime(5000);
      progress.update(10, 'runs');
      vi.advanceTimersByTime(1000);
      progress.update(20, 'runs');
      // 10 runs a second since the first: 80 runs left.
      expect(stderr.text()).toContain('20/100 runs · 8s left');
      // No step ends for two seconds (a long chunk on a worker thread): the line still moves.
      vi.advanceTimersByTime(2000);
      expect(stderr.text()).toContain('20/100 runs · 24s left');
      progress.stop();
    });

    it('shows none unless asked: steps of different sizes would mislead', () => {
      vi.useFakeTimers();
      const stderr = stream(true);
      const progress = processOutput({ stdout: stream(false).fake, stderr: stderr.fake, env: {} }).progress!('Analysing', 5);
      progress.update(1, 'relaxations');
      vi.advanceTimersByTime(1000);
      progress.update(2, 'repairs');
      progress.stop();
      expect(stderr.text()).toContain('2/5 repairs');
      expect(stderr.text()).not.toContain('left');
    });
  });

  it.each([
    ['stderr is not a terminal', false, {}],
    ['TERM is dumb', true, { TERM: 'dumb' }],
  ])('draws nothing when %s', (_why, isTTY, env) => {
    const stderr = stream(isTTY);
    const progress = processOutput({ stdout: stream(false).fake, stderr: stderr.fake, env }).progress!('Simulating', 4);
    progress.update(2, 'round 1 of 2');
    progress.stop();
    expect(stderr.text()).toBe('');
  });

  it('colours stdout only when it is a terminal and NO_COLOR is unset, or FORCE_COLOR is set', () => {
    const coloured = (isTTY: boolean, env: NodeJS.ProcessEnv) => processOutput({ stdout: stream(isTTY).fake, stderr: stream(false).fake, env }).colors.isColorSupported;
    expect(coloured(true, {})).toBe(true);
    expect(coloured(false, {})).toBe(false);
    expect(coloured(true, { NO_COLOR: '1' })).toBe(false);
    expect(coloured(false, { FORCE_COLOR: '1' })).toBe(true);
  });
});

describe('runScenario onProgress', () => {
  it('counts the timeline entries and the free rounds, ends at the total, and changes nothing in the transcript', async () => {
    const scenario = await loadScenario(seeds);
    const talks = await loadTalks(seeds, scenario);
    const calls: [number, number][] = [];
    const withProgress = runScenario(scenario, talks, { seed: 3, continueRounds: 2, onProgress: (done, total) => calls.push([done, total]) });
    const total = talks.timeline.length + 2;
    expect(calls).toEqual(Array.from({ length: total }, (_, index) => [index + 1, total]));
    expect(JSON.stringify(withProgress)).toBe(JSON.stringify(runScenario(scenario, talks, { seed: 3, continueRounds: 2 })));
  });
});
