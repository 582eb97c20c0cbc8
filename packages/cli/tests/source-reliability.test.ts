import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parley, seeds } from './support/run-parley.js';

// `parley assess` says when a verdict rests only on sources marked `reliability: low`
// (docs/scenario-files.md, "Sources"). The rule is the core's (Assessment's
// restsOnLowReliabilitySources and the notes of explain()); the CLI shows its answer.

/** A copy of the bundled seeds with these source keys marked low. */
function seedsWithLow(keys: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-low-'));
  cpSync(seeds, dir, { recursive: true });
  const file = join(dir, 'sources.yaml');
  let text = readFileSync(file, 'utf8');
  for (const key of keys) {
    text = text.replace(new RegExp(`^${key}: (.*)$`, 'm'), (_line, citation: string) => `${key}:\n  citation: ${JSON.stringify(citation)}\n  reliability: low`);
  }
  writeFileSync(file, text);
  return dir;
}

const notes = (stdout: string) => stdout.split('\n').filter((line) => line.includes('Note:')).map((line) => line.trim());

describe('parley assess and low-reliability sources', () => {
  it('adds no note to the bundled seeds: no verdict there rests on low-reliability sources alone', async () => {
    const { code, stdout } = await parley(['assess', seeds]);
    expect(code).toBe(0);
    expect(notes(stdout)).toEqual([]);
  });

  it('says so when every red line a rejection crosses rests on low-reliability sources alone', async () => {
    // The four red lines Ukraine's rejection of us-28 crosses cite S32, S68, S70 and S71; the
    // note also lists S8 and S10, which the seeds mark low and point 21 cites.
    const dir = seedsWithLow(['S32', 'S68', 'S70', 'S71']);
    const { code, stdout } = await parley(['assess', dir, '--plan', 'us-28', '--party', 'ukraine']);
    expect(code).toBe(0);
    expect(notes(stdout)).toEqual([expect.stringMatching(/^Note: this verdict rests only on low-reliability sources: .*\(S8, S10, S32, S68, S70, S71, marked reliability: low/)]);
  });

  it('--json carries the answer as a flag on every assessment', async () => {
    const dir = seedsWithLow(['S32', 'S68', 'S70', 'S71']);
    const { code, stdout } = await parley(['assess', dir, '--plan', 'us-28', '--json']);
    expect(code).toBe(0);
    const { assessments } = JSON.parse(stdout) as { assessments: { party: string; restsOnLowReliabilitySources: boolean }[] };
    expect(assessments.map((assessment) => [assessment.party, assessment.restsOnLowReliabilitySources])).toEqual([
      ['russia', false],
      ['ukraine', true],
      ['united-states', false],
      ['europe', false],
    ]);
    const plain = JSON.parse((await parley(['assess', seeds, '--json'])).stdout) as { assessments: { restsOnLowReliabilitySources: boolean }[] };
    expect(plain.assessments.length).toBeGreaterThan(0);
    expect(plain.assessments.every((assessment) => assessment.restsOnLowReliabilitySources === false)).toBe(true);
  });

  it('names the one crossing that rests on low-reliability sources when the others do not', async () => {
    // Only the red line on defence limits cites S68 alone.
    const dir = seedsWithLow(['S68']);
    const { stdout } = await parley(['assess', dir, '--plan', 'us-28', '--party', 'ukraine']);
    const found = notes(stdout);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^Note: the red line "No limits on Ukraine's defence capabilities\." is crossed on low-reliability sources alone for what Ukraine said \(S68\)/);
    expect(found[0]).not.toContain('this verdict rests only');
  });

  it('flags an acceptance when every point that settles an issue cites only low-reliability sources', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-low-'));
    writeFileSync(join(dir, 'scenario.yaml'), [
      'id: demo',
      'title: Demo',
      'sources:',
      '  S1: { citation: forum.example/thread/1, reliability: low, note: An anonymous post. }',
      '  S2: Reuters, 20 November 2025.',
      'domain:',
      '  issues:',
      '    - { id: nato, label: NATO, ordered: true, options: [ { id: open, label: Open }, { id: ban, label: Ban } ] }',
      'parties:',
      '  - id: russia',
      '    name: Russia',
      '    reservationValue: 0.5',
      '    redLines: [ { id: ban, text: NATO must be banned., sources: [S2], rule: { kind: require, issue: nato, options: [ban] } } ]',
      '    preferences: { weights: { nato: 1 }, values: { nato: { open: 0, ban: 1 } } }',
      'plans:',
      '  - id: draft',
      '    title: Draft',
      '    date: "2025-11-20"',
      '    author: Mediator',
      '    points:',
      '      - { number: 1, summary: NATO banned., category: nato, sources: [S1], provisions: [ { issue: nato, option: ban } ] }',
      '      - { number: 2, summary: Talks go on., category: other, sources: [S2], provisions: [] }',
      '',
    ].join('\n'));
    const { code, stdout } = await parley(['assess', dir]);
    expect(code).toBe(0);
    expect(stdout).toContain('Russia accepts');
    expect(notes(stdout)).toEqual(['Note: this verdict rests only on low-reliability sources: every point that settles an issue cites only S1, marked reliability: low in the scenario\'s sources.']);
  });
});
