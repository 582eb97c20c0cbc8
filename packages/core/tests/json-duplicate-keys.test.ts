import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PartySpec } from '@parley/core';
import { loadScenario } from '@parley/core/node';
import { loadProblems, partySpec, writeTwoPartyScenario } from './support/two-party-files.js';

// JSON scenario files refuse a repeated key as YAML files do (JSON.parse alone keeps the
// last of the two without a word), and ordinary JSON loads exactly as JSON.parse reads it.

/** Party b, with a red line (its rule must come back from JSON as written). */
const partyB = (): PartySpec =>
  partySpec('b', { redLines: [{ id: 'no-600k', text: 'No cap of 600k.', sources: ['S1'], rule: { kind: 'forbid', issue: 'army.cap', options: ['600k'] } }] });

/** Writes the scenario with party b as `parties/b.json` holding `text` (the rest in YAML). */
const writeScenario = (text: string, files: Record<string, string> = {}): string => writeTwoPartyScenario({ 'parties/b.json': text, ...files }, 'parties/b.json');

describe('a key repeated in a JSON file is an error, as in YAML', () => {
  it('names the file, the path of the repeated key, both positions and the fix', async () => {
    const text = JSON.stringify(partyB(), null, 2).replace('"weights": {\n', '"weights": {\n      "sanctions": 3,\n');
    expect(text).toContain('"sanctions": 3');

    const problems = await loadProblems(writeScenario(text));

    expect(problems).toEqual([expect.objectContaining({ code: 'invalid-syntax', file: 'parties/b.json', path: 'preferences.weights.sanctions' })]);
    const lines = text.split('\n');
    const first = lines.findIndex((line) => line.includes('"sanctions": 3'));
    const second = lines.findIndex((line, index) => index > first && line.includes('"sanctions": 1'));
    expect(problems[0]!.message).toBe(
      `not valid JSON: line ${second + 1}, column 7: duplicate key "sanctions" (first at line ${first + 1}, column 7); a key may appear once in a map: remove one, or merge the two`,
    );
  });

  it('gives the same problem a YAML file gives, but for the syntax it names', async () => {
    // The same text (JSON is YAML 1.2) in sources.yaml, read as YAML, and in sources.json, read as JSON.
    const text = '{"S1": "A citation.",\n "S2": "Another.",\n "S1": "The same key again."}';
    const asJson = stringify({ id: 'mini', title: 'Mini', sources: 'sources.json', domain: 'domain.yaml', parties: ['parties/a.yaml', 'parties/b.json'], plans: [] });
    const [readAsYaml] = await loadProblems(writeScenario(JSON.stringify(partyB()), { 'sources.yaml': text }));
    const [readAsJson] = await loadProblems(writeScenario(JSON.stringify(partyB()), { 'scenario.yaml': asJson, 'sources.json': text }));

    expect(readAsYaml).toMatchObject({ code: 'invalid-syntax', file: 'sources.yaml', path: 'S1' });
    expect(readAsJson).toMatchObject({ code: 'invalid-syntax', file: 'sources.json', path: 'S1' });
    expect(readAsJson!.message).toBe(readAsYaml!.message.replace('not valid YAML', 'not valid JSON'));
    expect(readAsJson!.message).toContain('line 3, column 2: duplicate key "S1" (first at line 1, column 2)');
  });

  it('compares keys as the strings they decode to, and reports a key inside a list at its index', async () => {
    const spec = partyB();
    const text = JSON.stringify(spec).replace('"id":"no-600k"', '"id":"no-600k","t\\u0065xt":"Written twice."');

    const problems = await loadProblems(writeScenario(text));

    expect(problems).toEqual([expect.objectContaining({ code: 'invalid-syntax', file: 'parties/b.json', path: 'redLines[0].text' })]);
    expect(problems[0]!.message).toContain('duplicate key "text"');
  });

  it('reports every repeated key, in a scenario.json too', async () => {
    const dir = writeScenario(JSON.stringify(partyB()), {
      'scenario.json': '{"id": "mini", "id": "again", "title": "Mini", "sources": {"S1": "x", "S1": "y"}, "domain": "domain.yaml", "parties": ["parties/a.yaml"], "plans": []}',
    });

    const problems = await loadProblems(join(dir, 'scenario.json'));

    expect(problems.map((problem) => [problem.file, problem.path])).toEqual([
      ['scenario.json', 'id'],
      ['scenario.json', 'sources.S1'],
    ]);
  });

  it('still reads a key that only looks repeated: in another object, or inside a string', async () => {
    const spec = { ...partyB(), name: 'Party b, "weights": {"sanctions": 3}' };

    const scenario = await loadScenario(writeScenario(JSON.stringify(spec)));

    expect(scenario.parties[1]!.name).toBe('Party b, "weights": {"sanctions": 3}');
  });
});

describe('ordinary JSON loads exactly as JSON.parse reads it', () => {
  it('keeps numbers, strings with escapes and nested lists', async () => {
    const spec: PartySpec = {
      ...partyB(),
      name: 'Quote " backslash \\ slash / tab \t newline \n é 😀 \u2028 end',
      reservationValue: 0.30000000000000004,
      redLines: [
        {
          id: 'both',
          text: 'Neither 600k nor lifted sanctions, unless both.',
          sources: ['S1'],
          rule: { kind: 'any', rules: [{ kind: 'all', rules: [{ kind: 'forbid', issue: 'army.cap', options: ['600k'] }, { kind: 'forbid', issue: 'sanctions', options: ['lifted'] }] }] },
        },
      ],
      preferences: { weights: { 'army.cap': 1e-3, sanctions: 12.5 }, values: { 'army.cap': { none: 1, '800k': 0.6, '600k': 0 }, sanctions: { kept: 2e-1, lifted: 0.9 } } },
    };
    // Written by hand in places, with escapes JSON.stringify would not use.
    const text = JSON.stringify(spec, null, '\t').replace('é', '\\u00e9').replace('😀', '\\ud83d\\ude00').replace('"name": "Quote', '"name": "\\u0051uote').replace('/ tab', '\\/ tab');
    expect(text).toContain('\\ud83d\\ude00');

    const scenario = await loadScenario(writeScenario(text));
    const party = scenario.parties[1]!;

    expect(party.name).toBe(spec.name);
    expect(party.reservationValue).toBe(0.30000000000000004);
    expect(party.redLines[0]!.rule).toEqual(spec.redLines[0]!.rule);
    expect(party.preferences.weights).toEqual({ 'army.cap': 1e-3, sanctions: 12.5 });
  });

  it('reads a JSON file nested far deeper than YAML can be, to report its rule at the path', async () => {
    let rule: unknown = { kind: 'forbid', issue: 'army.cap', options: ['600k'] };
    for (let level = 0; level < 3_000; level++) rule = { kind: 'not', rule };
    const text = JSON.stringify({ ...partyB(), redLines: [{ id: 'deep', text: 'Deep.', sources: ['S1'], rule }] });

    const problems = await loadProblems(writeScenario(text));

    expect(problems).toEqual([expect.objectContaining({ code: 'limit-exceeded', file: 'parties/b.json', path: `redLines[0].rule${'.rule'.repeat(32)}` })]);
  });
});
