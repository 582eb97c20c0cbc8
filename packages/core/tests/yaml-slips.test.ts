import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, ScenarioError, type Problem } from '@parley/core';
import { loadScenario } from '@parley/core/node';

// Two common slips in unquoted YAML text (issue 12): a comma or a colon in a label written
// inside { }. Each is reported at its file, line and column, with the fix: quote the label.

/** The problems of loading a one-issue scenario whose domain.yaml has `options` as given. */
async function problemsOfOptions(options: string): Promise<readonly Problem[]> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-yaml-slip-'));
  await mkdir(join(dir, 'parties'));
  await writeFile(join(dir, 'scenario.yaml'), 'id: slip\ntitle: A slip\ndomain: domain.yaml\nparties: [parties/a.yaml]\nplans: []\n');
  await writeFile(join(dir, 'domain.yaml'), `issues:\n  - id: recognition\n    label: Recognition\n    ordered: false\n    options: ${options}\n`);
  await writeFile(join(dir, 'parties/a.yaml'), 'id: a\nname: A\nredLines: []\nreservationValue: 0.5\npreferences:\n  weights: { recognition: 1 }\n  values: { recognition: { a: 1, b: 0 } }\n');
  try {
    await loadScenario(dir);
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  return [];
}

describe('YAML slips get a hint to quote the label', () => {
  it('an unquoted comma in a { } label: YAML reads the rest as a key, and the problem says to quote the label', async () => {
    const problems = await problemsOfOptions('[{ id: a, label: Yes, with conditions }, { id: b, label: No }]');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'invalid-syntax', file: 'domain.yaml', path: 'issues[0].options[0].label' });
    expect(formatProblem(problems[0]!)).toBe(
      'domain.yaml: issues[0].options[0].label: line 5, column 36: "with conditions" is read as a key of its own, with no value, because an unquoted comma ends a value inside { }; if the comma belongs to label, quote the label: label: "Yes, with conditions"',
    );
  });

  it('an unquoted colon in a { } label: the syntax error says to quote the value', async () => {
    const problems = await problemsOfOptions('[{ id: a, label: Yes: with conditions }, { id: b, label: No }]');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'invalid-syntax', file: 'domain.yaml', path: '' });
    expect(problems[0]!.message).toMatch(/^not valid YAML: line 5, column 31: /);
    expect(problems[0]!.message).toContain('quote the value: label: "Yes: with conditions"');
  });

  it('quoted, both load', async () => {
    expect(await problemsOfOptions('[{ id: a, label: "Yes, with conditions" }, { id: b, label: "No: never" }]')).toEqual([]);
  });
});
