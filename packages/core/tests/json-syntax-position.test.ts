import { describe, expect, it } from 'vitest';
import { loadScenario } from '@parley/core/node';
import { loadProblems, writeScenarioFiles } from './support/two-party-files.js';

// A JSON syntax error names its line and column, as a YAML one does, not an offset
// into the file ("at position 41") that no editor shows.

const writeScenario = (domainJson: string): string => writeScenarioFiles({ 'scenario.json': JSON.stringify({ id: 'mini', title: 'Mini', domain: 'domain.json', parties: [], plans: [] }), 'domain.json': domainJson });

describe('JSON syntax errors give the line and column', () => {
  it('names the line and column of the unexpected character, not its offset', async () => {
    const text = '{\n  "issues": [\n    { "id" "nato" }\n  ]\n}\n';

    const problems = await loadProblems(writeScenario(text));

    expect(problems).toEqual([expect.objectContaining({ code: 'invalid-syntax', file: 'domain.json', path: '' })]);
    expect(problems[0]!.message).toMatch(/^not valid JSON: line 3, column 12: /);
    expect(problems[0]!.message).not.toMatch(/position/);
  });

  it('names the end of the file for a file cut short', async () => {
    const problems = await loadProblems(writeScenario('{\n  "issues": [\n'));

    expect(problems[0]!.message).toMatch(/^not valid JSON: line 3, column 1: Unexpected end of JSON input/);
  });
});
