import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ansi, parley, root, seeds } from './support/run-parley.js';

describe('parley run', () => {
  it('tells the replay as a story, day by day, and ends with "No agreement"', async () => {
    const { code, stdout, stderr } = await parley(['run', seeds]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('the talks, replayed (seed 1)');
    for (const day of ['2025-11-20', '2025-11-23', '2025-11-24', '2025-11-27', '2025-11-28', '2025-11-30', '2025-12-02']) expect(stdout).toContain(day);
    expect(stdout).toContain('28-point draft');
    expect(stdout).toContain('The mediator tables us-28@0, "US 28-point peace plan (leaked draft)" (28 points).');
    expect(stdout).toMatch(/Revised us-28@0 → us-ukraine-19@1 by .+\(\d+ patches\)/);
    expect(stdout).toContain('E3 counter-proposal');
    expect(stdout).toMatch(/Russia objects to e3-counterproposal/);
    expect(stdout).toContain('Yermak resigns');
    expect(stdout).toContain('Pokrovsk');
    expect(stdout).toContain('meet Putin');
    expect(stdout).toMatch(/Russia objects to us-ukraine-19@1: utility [\d.]+, threshold [\d.]+ \(reservation value [\d.]+\)\n.*still open, .*: Ukrainian-held\s+Donetsk/);
    expect(stdout).toContain('No agreement (adjourned): the talks ended on 2025-12-02 without agreement.');
    expect(stdout).toMatch(/Unresolved: .*Ukrainian-held Donetsk.*Ukraine's NATO membership/);
    // Every timeline event was legal when it came.
    expect(stdout).not.toContain('refused');
    expect(stdout).not.toMatch(ansi);
  });

  it('prints the full transcript as JSON with --json', async () => {
    const { code, stdout } = await parley(['run', seeds, '--json']);
    expect(code).toBe(0);
    const transcript = JSON.parse(stdout);
    expect(Object.keys(transcript)).toEqual(['scenario', 'seed', 'setup', 'steps', 'revisions', 'assessments', 'final']);
    expect(transcript).toMatchObject({ scenario: 'ukraine-2025', seed: 1, setup: { protocol: 'mediated-single-text', mediator: 'united-states' } });
    expect(transcript.steps.length).toBeGreaterThan(10);
    expect(transcript.steps[0]).toMatchObject({ index: 0, date: '2025-11-20', event: { type: 'START', text: 'us-28' }, accepted: true, state: 'inSession' });
    expect(transcript.revisions).toHaveLength(1);
    expect(transcript.revisions[0]).toMatchObject({ from: 'us-28@0', to: 'us-ukraine-19@1', patches: expect.any(Array) });
    expect(transcript.assessments.length).toBeGreaterThan(0);
    expect(transcript.assessments[0]).toMatchObject({ party: 'ukraine', version: 'us-28@0', decision: 'objects', round: 0, date: '2025-11-20' });
    expect(transcript.final).toMatchObject({ status: 'adjourned', version: 'us-ukraine-19@1' });
    expect(transcript.final.unresolvedIssues).toEqual(expect.arrayContaining(['territory.donetsk-held', 'nato.membership']));
  });

  it('gives the same JSON for the same seed, and records the seed', async () => {
    const first = await parley(['run', seeds, '--json', '--seed', '7']);
    const second = await parley(['run', seeds, '--json', '--seed', '7']);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(JSON.parse(first.stdout).seed).toBe(7);
  });

  it('simulates free rounds after the timeline with --rounds', async () => {
    const { code, stdout } = await parley(['run', seeds, '--json', '--rounds', '1']);
    expect(code).toBe(0);
    const transcript = JSON.parse(stdout);
    expect(transcript.revisions).toHaveLength(2);
    expect(transcript.revisions[1]).toMatchObject({ from: 'us-ukraine-19@1', to: 'us-ukraine-19@2', by: 'united-states' });
    expect(transcript.steps.filter((step: { event: { type: string } }) => step.event.type === 'MEDIATE')).toHaveLength(1);
  });

  it.each([
    ['--seed', 'abc'],
    ['--seed', '-1'],
    ['--seed', '1.5'],
    ['--rounds', 'many'],
    ['--rounds', '-3'],
    ['--rounds', '2.5'],
  ])('rejects %s %s: a whole number ≥ 0 is expected, nothing is printed on stdout, and it exits 64 (usage)', async (option, value) => {
    const { code, stdout, stderr } = await parley(['run', seeds, option, value]);
    expect(code).toBe(64);
    expect(stdout).toBe('');
    expect(stderr).toContain(`option '${option} <n>' argument '${value}' is invalid. expected a whole number ≥ 0`);
  });

  it('needs a scenario directory with talks', async () => {
    const missing = await parley(['run', join(root, 'no-such-dir')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no scenario.yaml');
    const noArgument = await parley(['run']);
    expect(noArgument.code).toBe(64);
    expect(noArgument.stderr).toContain("missing required argument 'scenario-dir'");
  });
});

describe('parley run --protocol alternating-offers', () => {
  it('trades offers round by round and ends without agreement for the Ukraine seeds', async () => {
    const { code, stdout } = await parley(['run', seeds, '--protocol', 'alternating-offers', '--rounds', '3']);
    expect(code).toBe(0);
    expect(stdout).toContain('alternating offers to round');
    expect(stdout).toMatch(/No agreement \(expired\) by round 4\./);
  });

  it('rejects an unknown protocol', async () => {
    const { code, stderr } = await parley(['run', seeds, '--protocol', 'auction']);
    expect(code).not.toBe(0);
    expect(stderr).toContain("argument 'auction' is invalid. Allowed choices are mediated-single-text, alternating-offers");
  });
});
