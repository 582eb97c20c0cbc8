import { join } from 'node:path';
import { assessPlan, partyOf, planOf } from '@parley/core';
import { loadScenario } from '@parley/core/node';
import { describe, expect, it } from 'vitest';
import { parley, root, seeds } from './support/run-parley.js';

// `parley run` as an analyst reads it: one name for each number, the points judged as
// `parley assess` judges them, point numbers with their short titles, the version notation
// explained, free rounds by round, and what an assumed shock changed.

const sarema = join(root, 'seeds/sarema-basin');

/** The block of lines the story prints for one answer: its headline and the lines under it. */
function answer(stdout: string, headline: string): string {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.includes(headline));
  expect(start, `no answer "${headline}" in the story`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, index) => index > start && !/^ {6}/.test(line));
  return lines.slice(start, end).join('\n');
}

/** The point numbers of the story's line that starts with `label`, in an answer's block. */
function pointsOn(block: string, label: string): number[] {
  const text = block.replace(/\n {8}/g, ' ');
  const line = text.split('\n').find((candidate) => candidate.trim().startsWith(label));
  if (line === undefined) return [];
  return [...line.slice(line.indexOf(': point') + 1).matchAll(/(?:points?|,) (\d+) \(/g)].map((match) => Number(match[1]));
}

describe('parley run: one meaning for each number', () => {
  it('shows every answer\'s threshold and reservation value, each under its own name', async () => {
    const { stdout } = await parley(['run', seeds]);
    expect(stdout).toContain('Ukraine objects to us-28@0: utility 0.28, threshold 0.52 (reservation value 0.40)');
    expect(stdout).toContain('Russia accepts us-28@0: utility 0.80, threshold 0.64 (reservation value 0.55)');
    // The Pokrovsk claim raised Russia's reservation value by 0.03 before Moscow.
    expect(stdout).toContain('Russia objects to us-ukraine-19@1: utility 0.59, threshold 0.66 (reservation value 0.58)');
    expect(stdout).not.toContain('reservation value (threshold)');
  });

  it('judges the points of a plan version against the reservation value, as assess does, and lists apart those short only of the threshold', async () => {
    const scenario = await loadScenario(seeds);
    const { stdout } = await parley(['run', seeds]);
    expect(stdout).not.toContain('cannot live with');
    for (const [party, headline] of [['russia', 'Russia accepts us-28@0'], ['ukraine', 'Ukraine objects to us-28@0'], ['europe', 'Europe (E3/EU) objects to us-28@0'], ['united-states', 'United States accepts us-28@0']] as const) {
      const assessed = assessPlan(partyOf(scenario, party), planOf(scenario, 'us-28'));
      const objectionable = assessed.points.filter((point) => point.verdict === 'objectionable').map((point) => point.point);
      expect(pointsOn(answer(stdout, headline), 'objectionable on their own'), headline).toEqual(objectionable);
    }
    // Russia accepts the 28 points as a whole; points 10 and 11 alone are worth less than 0.55
    // to it (assess says so too), and 14, 16 and 19 only less than its threshold 0.64.
    const russia = answer(stdout, 'Russia accepts us-28@0');
    expect(russia).toContain('objectionable on their own, worth less than its reservation value 0.55 (as in assess)');
    expect(pointsOn(russia, 'short only of its threshold 0.64')).toEqual([14, 16, 19]);
  });

  it('says which open issues block at the threshold, and never calls the threshold a reservation value in the transcript', async () => {
    const { stdout } = await parley(['run', seeds]);
    expect(answer(stdout, 'Russia objects to us-ukraine-19@1: utility 0.59, threshold 0.64')).toMatch(/still open, and to be settled before it can accept at its threshold 0\.64: Ukrainian-held\s+Donetsk/);
    const transcript = JSON.parse((await parley(['run', seeds, '--json'])).stdout);
    const russia = transcript.assessments.find((response: { party: string; version: string }) => response.party === 'russia' && response.version === 'us-28@0');
    expect(russia.reason).toBe('it crosses no red line and is worth 0.80, at or above the threshold 0.64');
  });
});

describe('parley run: readable for an analyst', () => {
  it('explains the version notation once, in the header', async () => {
    const { stdout } = await parley(['run', seeds]);
    const header = stdout.split('\n\n')[0]!;
    expect(header).toContain('Versions are written plan@n');
    expect(header.replace(/\n\s*/g, ' ')).toContain('us-28@0 is "US 28-point peace plan (leaked draft)" as first tabled');
    expect(stdout.match(/Versions are written plan@n/g)).toHaveLength(1);
    expect(stdout).toContain('The mediator tables us-28@0, "US 28-point peace plan (leaked draft)" (28 points).');
  });

  it('names the points behind each red line with their short titles', async () => {
    const { stdout } = await parley(['run', seeds]);
    const ukraine = answer(stdout, 'Ukraine objects to us-28@0').replace(/\n\s+/g, ' ');
    expect(ukraine).toContain('✘ crosses "No limits on Ukraine\'s defence capabilities." through point 6 (Ukraine\'s armed forces are limited to…)');
    expect(ukraine).toContain('through point 21 (Crimea, Luhansk and Donetsk are treated as…)');
    expect(ukraine).toContain('8 (NATO undertakes not to base any of its…)');
  });

  it('says what an assumed shock changed', async () => {
    const { stdout } = await parley(['run', seeds]);
    const story = stdout.replace(/\n\s+/g, ' ');
    expect(story).toContain('Gerasimov reports the capture of Pokrovsk and Vovchansk; Ukraine\'s General Staff denies it. [S89, S90] (effect assumed)');
    expect(story).toContain("Assumed effect: Russia's reservation value +0.03 (0.55 → 0.58), leverage +0.1 (1 → 1.1); Ukraine's reservation value −0.02 (0.40 → 0.38), leverage −0.1 (1 → 0.9).");
    expect(story).toContain("Assumed effect: Ukraine's strategy hardliner → linear (its red lines do not change).");
    expect(story).toContain('Assumption: What was shown in Abu Dhabi is not reported');
    const drought = (await parley(['run', sarema])).stdout.replace(/\n\s+/g, ' ');
    expect(drought).toContain("Assumed effect: Deltania's reservation value −0.05 (0.53 → 0.48); Midland's reservation value −0.03 (0.40 → 0.37).");
    expect(drought).toContain('Deltania accepts commission-text@1: utility 0.61, threshold 0.58 (reservation value 0.48)');
  });

  it('prints free rounds under round headings, not under the last day of the timeline', async () => {
    const { stdout } = await parley(['run', seeds, '--rounds', '2']);
    expect(stdout).toContain('After the timeline: free rounds (amend-most-objected), simulated and undated');
    expect(stdout).toContain('  Free round 1 of 2\n    Revised us-ukraine-19@1 → us-ukraine-19@2 by United States');
    expect(stdout).toContain('  Free round 2 of 2\n');
    // The last day of the timeline is a heading once, before the free rounds.
    expect(stdout.match(/^2025-12-02$/gm)).toHaveLength(1);
    expect(stdout.indexOf('2025-12-02\n')).toBeLessThan(stdout.indexOf('Free round 1 of 2'));
    expect(stdout).toContain("No agreement (adjourned): the talks ended without agreement after the timeline's last day (2025-12-02) and 2 free rounds.");
    expect(stdout).toMatch(/\(3 patches\)/);
  });

  it('shows what each alternating offer offered, by issue and option label', async () => {
    const { code, stdout } = await parley(['run', seeds, '--protocol', 'alternating-offers', '--rounds', '20']);
    expect(code).toBe(0);
    expect(stdout).toContain('What was offered');
    const first = stdout.slice(stdout.indexOf('Round 0, Russia offers:'), stdout.indexOf('Round 1, '));
    expect(first).toContain('Ukrainian-held Donetsk: ');
    expect(first).toContain("Cap on Ukraine's armed forces: ");
    expect(first.trim().split('\n').length).toBeGreaterThan(20);
    // Russia (a hard-liner in the set-up) opens at its best and holds it; later rounds concede.
    expect(stdout).toContain('Round 4, Russia offers the same as in round 0.');
    expect(stdout).toMatch(/Round 8, Russia changes its round-4 offer on \d+ issues?:\n {4}\S/);
    expect(stdout).toContain('Reservation values: Russia 0.55, Ukraine 0.40, United States 0.50, Europe (E3/EU) 0.45.');
    // A rejection says whether the offer fell short of the party's threshold or crossed a red line.
    expect(stdout).toMatch(/│ 1 +│ Ukraine +│ 0\.05 rejects \(< 0\.98\) +│ 0\.99 \(offers\) +│/);
    expect(stdout).toMatch(/│ 14 +│ United States +│.*│ 0\.66 rejects \(red line\) +│/);
    // Labels people read, not the ids of the domain file.
    expect(stdout).not.toMatch(/territory\.donetsk-held|military\.army-cap|ukrainian-control/);
  }, 30_000);
});
