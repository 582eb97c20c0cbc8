import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Transcript } from '@parley/core';
import { describe, expect, it } from 'vitest';
import { parley, seeds } from './support/run-parley.js';

// What `parley run` and `parley run --json` say about each answer's two numbers and about
// the free rounds, read from the transcript the engine writes.

describe('parley run --json: both numbers of every answer', () => {
  it('records the threshold and the reservation value of that moment', async () => {
    const transcript: Transcript = JSON.parse((await parley(['run', seeds, '--json'])).stdout);
    const russia = transcript.assessments.filter((response) => response.party === 'russia');
    expect(russia[0]).toMatchObject({ version: 'us-28@0', reservationValue: 0.55 });
    // After the Pokrovsk claim (+0.03), at Moscow.
    expect(russia.at(-1)).toMatchObject({ version: 'us-ukraine-19@1', date: '2025-12-02' });
    expect(russia.at(-1)!.reservationValue).toBeCloseTo(0.58, 10);
    expect(russia.at(-1)!.threshold).toBeCloseTo(0.66, 2);
  });
});

describe('parley run --rounds: free rounds numbered by the transcript', () => {
  it('writes a free round\'s number on its steps instead of a date', async () => {
    const transcript: Transcript = JSON.parse((await parley(['run', seeds, '--json', '--rounds', '2'])).stdout);
    const after = transcript.steps.filter((step) => step.timeline === undefined && step.event.type !== 'START');
    expect(after.length).toBeGreaterThan(0);
    for (const step of after) {
      expect(step.freeRound === 1 || step.freeRound === 2, JSON.stringify(step.event)).toBe(true);
      expect(step.date).toBeUndefined();
    }
    expect(transcript.final.reason).toBe("the talks ended without agreement after the timeline's last day (2025-12-02) and 2 free rounds");
  });

  it('tells the free rounds under their numbers and ends with the transcript\'s own reason', async () => {
    const { stdout } = await parley(['run', seeds, '--rounds', '2']);
    expect(stdout).toContain('  Free round 1 of 2\n    Revised us-ukraine-19@1 → us-ukraine-19@2 by United States');
    expect(stdout).toContain("No agreement (adjourned): the talks ended without agreement after the timeline's last day (2025-12-02) and 2 free rounds.");
  });
});

describe('parley run: shocks that add up past the utility scale', () => {
  it('shows the reservation value clamped to [0, 1], in the shock and in the answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-shocks-'));
    cpSync(seeds, dir, { recursive: true });
    const shock = (date: string) => [
      `  - date: "${date}"`,
      '    kind: battlefield',
      '    effects:',
      '      - { party: russia, reservationShift: 0.6 }',
      `    summary: A collapse of the front is reported (${date}).`,
      '    sources: [S89]',
      '    assumption: Invented, to take the reservation value off the scale.',
    ].join('\n');
    appendFileSync(join(dir, 'talks.yaml'), [
      shock('2025-12-03'),
      shock('2025-12-04'),
      '  - date: "2025-12-05"',
      '    kind: meeting',
      '    place: Moscow',
      '    with: [russia]',
      '    summary: The text is shown again.',
      '    sources: [S36]',
      '',
    ].join('\n'));
    const { code, stdout } = await parley(['run', dir]);
    expect(code).toBe(0);
    const story = stdout.replace(/\n\s+/g, ' ');
    // 0.58 + 0.6 = 1.18 and then 1.78: each shows as 1.00.
    expect(story).toContain("Assumed effect: Russia's reservation value +0.6 (0.58 → 1.00).");
    expect(story).toContain("Assumed effect: Russia's reservation value +0.6 (1.00 → 1.00).");
    expect(story).toMatch(/Russia objects to us-ukraine-19@1: utility 0\.59, threshold 1\.00 \(reservation value 1\.00\)/);
    expect(story).not.toMatch(/1\.(18|78)/);
  });
});
