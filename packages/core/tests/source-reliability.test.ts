import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError, createScenario, scenarioSchema, type ScenarioSpec } from '@parley/core';
import { loadScenario } from '@parley/core/node';

// A source may be written as its citation or as { citation, reliability?: low, note? }
// (docs/scenario-files.md, "Sources"). These tests pin how such entries are validated and kept.

function spec(sources: Record<string, unknown>): ScenarioSpec {
  return {
    id: 'demo',
    title: 'Demo',
    sources: sources as NonNullable<ScenarioSpec['sources']>,
    domain: { issues: [{ id: 'nato', label: 'NATO', ordered: true, sources: ['forum'], options: [{ id: 'open', label: 'Open' }, { id: 'ban', label: 'Ban' }] }] },
    parties: [{
      id: 'ukraine',
      name: 'Ukraine',
      reservationValue: 0.4,
      redLines: [{ id: 'no-ban', text: 'No NATO ban.', sources: ['agency'], rule: { kind: 'forbid', issue: 'nato', options: ['ban'] } }],
      preferences: { weights: { nato: 1 }, values: { nato: { open: 1, ban: 0 } } },
    }],
    plans: [{
      id: 'draft',
      title: 'Draft',
      date: '2025-11-20',
      author: 'Mediator',
      points: [{ number: 1, summary: 'NATO banned.', category: 'nato', sources: ['forum'], provisions: [{ issue: 'nato', option: 'ban' }] }],
    }],
  };
}

const problemsOf = (input: ScenarioSpec) => {
  try {
    createScenario(input);
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems.map((problem) => ({ code: problem.code, path: problem.path, message: problem.message }));
    throw error;
  }
  return [];
};

describe('sources with a reliability mark', () => {
  it('accepts a citation string and an entry side by side, and keeps both as written (frozen)', () => {
    const scenario = createScenario(spec({
      agency: 'Reuters, 21 November 2025.',
      forum: { citation: 'forum.example/thread/520', reliability: 'low', note: 'An anonymous forum post.' },
    }));
    expect(scenario.sources).toEqual({
      agency: 'Reuters, 21 November 2025.',
      forum: { citation: 'forum.example/thread/520', reliability: 'low', note: 'An anonymous forum post.' },
    });
    expect(Object.isFrozen(scenario.sources['forum'])).toBe(true);
  });

  it('accepts an entry without a mark (a citation with a note)', () => {
    expect(problemsOf(spec({ agency: { citation: 'Reuters.', note: 'Replaces a mirror.' }, forum: 'forum.example' }))).toEqual([]);
  });

  it('still checks that every cited key is listed, whatever form the entries take', () => {
    const problems = problemsOf(spec({ agency: { citation: 'Reuters.' } }));
    expect(problems).toEqual([expect.objectContaining({ code: 'unknown-source', message: expect.stringContaining('"forum"') }), expect.objectContaining({ code: 'unknown-source' })]);
  });

  it('rejects a reliability other than low, naming the field', () => {
    const problems = problemsOf(spec({ agency: 'Reuters.', forum: { citation: 'forum.example', reliability: 'high' } }));
    expect(problems).toEqual([{ code: 'invalid-shape', path: 'sources.forum.reliability', message: expect.stringContaining('reliability must be "low"') }]);
  });

  it('rejects an entry without a citation or with an unknown field, and a value of the wrong type', () => {
    const problems = problemsOf(spec({ agency: 3, forum: { cite: 'forum.example', reliability: 'low' } }));
    expect(problems).toEqual(expect.arrayContaining([
      { code: 'invalid-shape', path: 'sources.agency', message: expect.stringContaining('a source must be its citation (text) or an object') },
      { code: 'invalid-shape', path: 'sources.forum.citation', message: expect.stringContaining('is missing') },
      { code: 'invalid-shape', path: 'sources.forum', message: expect.stringContaining('unexpected key "cite"') },
    ]));
  });

  it('rejects an empty citation in either form', () => {
    const problems = problemsOf(spec({ agency: '', forum: { citation: '' } }));
    expect(problems.map((problem) => problem.path)).toEqual(['sources.agency', 'sources.forum.citation']);
  });

  it('is part of the exported scenario schema', () => {
    const sources = scenarioSchema.shape.sources;
    expect(sources.safeParse({ S1: { citation: 'x', reliability: 'low' } }).success).toBe(true);
    expect(sources.safeParse({ S1: { citation: 'x', reliability: 'medium' } }).success).toBe(false);
  });

  it('loads entries from a sources.yaml', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'parley-sources-'));
    const { sources, ...rest } = spec({});
    void sources;
    writeFileSync(join(directory, 'scenario.json'), JSON.stringify({ ...rest, sources: 'sources.yaml' }));
    writeFileSync(join(directory, 'sources.yaml'), [
      'agency: Reuters, 21 November 2025.',
      'forum:',
      '  citation: forum.example/thread/520',
      '  reliability: low',
      '  note: An anonymous forum post.',
      '',
    ].join('\n'));
    const scenario = await loadScenario(directory);
    expect(scenario.sources['forum']).toEqual({ citation: 'forum.example/thread/520', reliability: 'low', note: 'An anonymous forum post.' });
  });
});
